import Vapor

/// Every route of the JSON API, one case per path pattern below `/api/v1` (`prefix`); the API
/// controllers register only these cases (docs/openapi.yaml describes them). Kept apart from
/// `SiteRoute`: the API and the pages share no pattern, even where the paths look alike.
enum APIRoute: String, CaseIterable, RoutePattern {
  /// Where every API route lives.
  static let prefix: [PathComponent] = ["api", "v1"]

  case vendors = "vendors"
  case vendor = "vendors/:id"
  case systems = "systems"
  case systemCategories = "systems/categories"
  case tokens = "tokens"
  case token = "tokens/:id"
  case responsibilities = "responsibilities"

  case contracts = "contracts"
  case contract = "contracts/:id"
  case contractDocuments = "contracts/:id/documents"
  case checklist = "contracts/:id/checklist"
  case part1 = "checklist/part1"
  case recheck = "contracts/:id/recheck"
  case recheckResult = "contracts/:id/rechecks/:recheck"

  case review = "reviews/:id"
  case decisions = "reviews/:id/decisions"
  case signOff = "reviews/:id/sign-off"
  case redline = "reviews/:id/redline.docx"
  case memoDocx = "reviews/:id/memo.docx"
  case memoMarkdown = "reviews/:id/memo.md"

  case partnerContracts = "partner/contracts"
  case exchange = "contracts/:id/exchange"
  case exchangeItem = "contracts/:id/exchange/:item"
  case exchangeEntries = "contracts/:id/exchange/:item/entries"
  case exchangeSplit = "contracts/:id/exchange/:item/split"
  case exchangeConfirm = "contracts/:id/exchange/:item/confirm"
  case annexDocx = "contracts/:id/annex.docx"
  case annexXlsx = "contracts/:id/annex.xlsx"
  case contractRedline = "contracts/:id/redline.docx"
  case attachments = "contracts/:id/attachments"
  case attachment = "attachments/:id"
  case invitations = "contracts/:id/invitations"

  case changeNotices = "contracts/:id/change-notices"
  case changeNoticeDecision = "contracts/:id/change-notices/:notice/decision"
  case subcontractors = "contracts/:id/subcontractors"
  case subcontractor = "contracts/:id/subcontractors/:subcontractor"
  case subcontractorApproval = "contracts/:id/subcontractors/:subcontractor/approval"
  case vulnerabilities = "contracts/:id/vulnerabilities"
  case vulnerabilityDecision = "contracts/:id/vulnerabilities/:vulnerability/decision"
  case changeNoticeSetting = "settings/change-notice-period"

  case riskAcceptances = "risk-acceptances"
  case signRiskAcceptance = "risk-acceptances/:id/sign"
}
