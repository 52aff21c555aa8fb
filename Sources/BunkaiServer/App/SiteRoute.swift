import Foundation
import Vapor

/// Every route of the web pages, one case per path pattern: the controllers register these cases
/// (`routes.get(SiteRoute.contract, use: show)`) and the links of the pages are built from the same
/// cases (`Paths`), so a route and the links to it cannot drift apart. The raw value is the
/// pattern (`:name` is a parameter); Swift refuses two cases with the same pattern.
/// `RouteLinkTests` checks that every registered route outside `/api/v1` came from a case and
/// that every case is registered.
enum SiteRoute: String, CaseIterable, RoutePattern {
  // Signing in, and the pages anyone may open.
  case home = ""
  case setup = "setup"
  case login = "login"
  case logout = "logout"
  case invite = "invite/:token"
  case glossary = "glossary"
  /// The secret calendar feed (`<token>.ics`): no session, the token is the key.
  case calendar = "calendar/:file"
  /// Up only while the database answers (for a load balancer).
  case health = "healthz"

  // Vendors, systems, contracts.
  case vendors = "vendors"
  case vendor = "vendors/:id"
  case systems = "systems"
  case contracts = "contracts"
  case contract = "contracts/:id"
  case contractDocuments = "contracts/:id/documents"
  /// Run the periodic re-check (POST), and what one re-check found.
  case recheck = "contracts/:id/recheck"
  case recheckResult = "contracts/:id/rechecks/:recheck"

  // The review, its decisions and documents.
  case review = "reviews/:id"
  case reviewPrint = "reviews/:id/print"
  case decisions = "reviews/:id/decisions"
  case signOff = "reviews/:id/sign-off"
  case redline = "reviews/:id/redline.docx"
  case memoDocx = "reviews/:id/memo.docx"
  case memoMarkdown = "reviews/:id/memo.md"

  // 確認表 Part1 (the organisation's) and Part2 (per contract).
  case part1 = "checklist/part1"
  case part1Print = "checklist/part1/print"
  case part1CSV = "checklist/part1.csv"
  case checklist = "contracts/:id/checklist"
  case checklistPrint = "contracts/:id/checklist/print"
  case checklistCSV = "contracts/:id/checklist.csv"

  // The exchange with the vendor (both sides).
  case partner = "partner"
  case exchange = "contracts/:id/exchange"
  case exchangeItem = "contracts/:id/exchange/:item"
  case exchangeEntries = "contracts/:id/exchange/:item/entries"
  case exchangeSplit = "contracts/:id/exchange/:item/split"
  case exchangeConfirm = "contracts/:id/exchange/:item/confirm"
  case invitations = "contracts/:id/invitations"
  case attachments = "contracts/:id/attachments"
  case attachment = "attachments/:id"
  /// The latest review's redline, for both sides of the contract.
  case contractRedline = "contracts/:id/redline.docx"
  case annexHTML = "contracts/:id/annex.html"
  case annexDocx = "contracts/:id/annex.docx"
  case annexXlsx = "contracts/:id/annex.xlsx"
  case annexPDF = "contracts/:id/annex.pdf"

  // 契約後の管理: change notices, subcontractors, vulnerability consultations (both sides).
  case contractLife = "contracts/:id/life"
  case changeNotices = "contracts/:id/change-notices"
  case changeNoticeDecision = "contracts/:id/change-notices/:notice/decision"
  case subcontractors = "contracts/:id/subcontractors"
  case subcontractor = "contracts/:id/subcontractors/:subcontractor"
  case subcontractorApproval = "contracts/:id/subcontractors/:subcontractor/approval"
  case vulnerabilities = "contracts/:id/vulnerabilities"
  case vulnerabilityDecision = "contracts/:id/vulnerabilities/:vulnerability/decision"
  case changeNoticeSetting = "settings/change-notice-days"

  // Risk acceptances and the executive's pages.
  case riskAcceptances = "risk-acceptances"
  case newRiskAcceptance = "risk-acceptances/new"
  case signRiskAcceptance = "risk-acceptances/:id/sign"
  case executive = "executive"
  case board = "executive/board"
  case boardPDF = "executive/board.pdf"

  // The organisation's overviews and administration.
  case responsibilities = "responsibilities"
  case responsibilitiesXlsx = "responsibilities.xlsx"
  case deadlines = "deadlines"
  case catalog = "catalog"
  case catalogPreview = "catalog/preview"
  case catalogImport = "catalog/import"
  case audit = "audit"
  case users = "users"
  case userRole = "users/:id/role"
  case userDisable = "users/:id/disable"
  case userPassword = "users/:id/password"
  case dismissImportNotice = "notices/checklist-import/dismiss"

  // The signed-in user's own settings.
  case accountPassword = "account/password"
  case accountTokens = "account/tokens"
  case revokeToken = "account/tokens/:id/revoke"
  case calendarFeed = "account/calendar"
  case calendarFeedRevoke = "account/calendar/revoke"

  /// The names of the pattern's parameters, in order.
  var parameters: [String] {
    components.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
  }

  /// The link to this route: each parameter, in order, filled with a value (percent-encoded for
  /// a path; a UUID or token stays as it is), then the query, if any (names and values encoded).
  func link(_ values: any CustomStringConvertible..., query: KeyValuePairs<String, String> = [:]) -> String {
    var next = values.makeIterator()
    var path = ""
    for part in rawValue.split(separator: "/") {
      path += "/"
      guard part.first == ":" else {
        path += part
        continue
      }
      guard let value = next.next()?.description else { preconditionFailure("\(self): too few values") }
      path +=
        Self.plain(value)
        ? value : value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
    }
    precondition(next.next() == nil, "\(self): too many values")
    if path.isEmpty { path = "/" }
    guard !query.isEmpty else { return path }
    return path + "?"
      + query.map { Self.queryEncoded($0.key) + "=" + Self.queryEncoded($0.value) }.joined(separator: "&")
  }

  /// Whether a value needs no percent-encoding (an id or token: letters, digits, `-._~`).
  private static func plain(_ s: String) -> Bool {
    s.utf8.allSatisfy { c in
      (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
        || c == 0x2E
        || c == 0x5F || c == 0x7E
    }
  }

  /// A query name or value: everything but letters, digits and `-._~` percent-encoded.
  static func queryEncoded(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? s
  }
}

/// The annex's download formats, one route each.
enum AnnexFormat: String, CaseIterable, Sendable {
  case html, docx, xlsx, pdf

  var route: SiteRoute {
    switch self {
    case .html: .annexHTML
    case .docx: .annexDocx
    case .xlsx: .annexXlsx
    case .pdf: .annexPDF
    }
  }
}

/// The review memo's download formats, one route each.
enum MemoFormat: String, CaseIterable, Sendable {
  case docx, md

  var route: SiteRoute {
    switch self {
    case .docx: .memoDocx
    case .md: .memoMarkdown
    }
  }
}
