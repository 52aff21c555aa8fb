import Foundation

/// Every link of the web pages, in one place, so a route and the links to it cannot drift apart.
package enum Paths {
  static let home = "/"
  static let setup = "/setup"
  package static let login = "/login"
  static let logout = "/logout"
  static let vendors = "/vendors"
  static func vendor(_ id: UUID) -> String { "/vendors/\(id)" }
  static let systems = "/systems"
  static func system(_ id: UUID) -> String { "/systems/\(id)" }
  static let contracts = "/contracts"
  static func contract(_ id: UUID) -> String { "/contracts/\(id)" }
  /// The same links from an id already read as text (the dashboard's rows).
  static func contract(_ id: String) -> String { "/contracts/" + id }
  static func checklist(_ contractID: String) -> String { "/contracts/" + contractID + "/checklist" }
  static func contractDocuments(_ id: UUID) -> String { "/contracts/\(id)/documents" }
  static func checklist(_ contractID: UUID) -> String { "/contracts/\(contractID)/checklist" }
  static func checklistCSV(_ contractID: UUID) -> String { "/contracts/\(contractID)/checklist.csv" }
  static func checklistPrint(_ contractID: UUID) -> String { "/contracts/\(contractID)/checklist/print" }
  static let part1 = "/checklist/part1"
  static let part1CSV = "/checklist/part1.csv"
  static func review(_ id: UUID) -> String { "/reviews/\(id)" }
  static func reviewPrint(_ id: UUID) -> String { "/reviews/\(id)/print" }
  static func decisions(_ reviewID: UUID) -> String { "/reviews/\(reviewID)/decisions" }
  static func signOff(_ reviewID: UUID) -> String { "/reviews/\(reviewID)/sign-off" }
  static let catalog = "/catalog"
  static let catalogPreview = "/catalog/preview"
  static let catalogImport = "/catalog/import"
  static let audit = "/audit"
  static let users = "/users"
  static func userRole(_ id: UUID) -> String { "/users/\(id)/role" }
  static func userDisable(_ id: UUID) -> String { "/users/\(id)/disable" }
  static func userPassword(_ id: UUID) -> String { "/users/\(id)/password" }
  static let accountPassword = "/account/password"
  static let accountTokens = "/account/tokens"
  static func revokeToken(_ id: UUID) -> String { "/account/tokens/\(id)/revoke" }
  static let partner = "/partner"
  static func exchange(_ contractID: UUID) -> String { "/contracts/\(contractID)/exchange" }
  static func exchangeItem(_ contractID: UUID, _ item: String) -> String {
    "/contracts/\(contractID)/exchange/\(item.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? item)"
  }
  static func invitations(_ contractID: UUID) -> String { "/contracts/\(contractID)/invitations" }
  static func invite(_ token: String) -> String { "/invite/\(token)" }
  static func attachments(_ contractID: UUID) -> String { "/contracts/\(contractID)/attachments" }
  static func attachment(_ id: UUID) -> String { "/attachments/\(id)" }
  static func annex(_ contractID: UUID, _ ext: String) -> String { "/contracts/\(contractID)/annex.\(ext)" }
  static func redline(_ reviewID: UUID) -> String { "/reviews/\(reviewID)/redline.docx" }
  /// The latest review's redline, for both sides of the contract.
  static func contractRedline(_ contractID: UUID) -> String { "/contracts/\(contractID)/redline.docx" }
  static func memo(_ reviewID: UUID, _ ext: String) -> String { "/reviews/\(reviewID)/memo.\(ext)" }
  static let glossary = "/glossary"
  package static let responsibilities = "/responsibilities"
  static let responsibilitiesXlsx = "/responsibilities.xlsx"
  static let riskAcceptances = "/risk-acceptances"
  static let newRiskAcceptanceForm = "/risk-acceptances/new"
  static func newRiskAcceptance(review: UUID, finding: Int) -> String {
    "/risk-acceptances/new?reviewId=\(review)&finding=\(finding)"
  }
  static func newRiskAcceptance(contract: UUID, item: String) -> String {
    "/risk-acceptances/new?contractId=\(contract)&itemId="
      + (item.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~")))
        ?? item)
  }
  static func newRiskAcceptance(vulnerability: UUID) -> String {
    "/risk-acceptances/new?vulnerabilityId=\(vulnerability)"
  }
  static func newRiskAcceptance(subcontractor: UUID) -> String {
    "/risk-acceptances/new?subcontractorId=\(subcontractor)"
  }
  static func signRiskAcceptance(_ id: UUID) -> String { "/risk-acceptances/\(id)/sign" }
  static let executive = "/executive"
  static let board = "/executive/board"
  static let boardPDF = "/executive/board.pdf"
  /// 契約後の管理: change notices, subcontractors, vulnerability consultations (both sides).
  static func contractLife(_ contractID: UUID) -> String { "/contracts/\(contractID)/life" }
  static func changeNotices(_ contractID: UUID) -> String { "/contracts/\(contractID)/change-notices" }
  static func changeNoticeDecision(_ contractID: UUID, _ id: UUID) -> String {
    "/contracts/\(contractID)/change-notices/\(id)/decision"
  }
  static func subcontractors(_ contractID: UUID) -> String { "/contracts/\(contractID)/subcontractors" }
  static func subcontractor(_ contractID: UUID, _ id: UUID) -> String {
    "/contracts/\(contractID)/subcontractors/\(id)"
  }
  static func subcontractorApproval(_ contractID: UUID, _ id: UUID) -> String {
    "/contracts/\(contractID)/subcontractors/\(id)/approval"
  }
  static func vulnerabilities(_ contractID: UUID) -> String { "/contracts/\(contractID)/vulnerabilities" }
  static func vulnerabilityDecision(_ contractID: UUID, _ id: UUID) -> String {
    "/contracts/\(contractID)/vulnerabilities/\(id)/decision"
  }
  static let changeNoticeSetting = "/settings/change-notice-days"
  /// The periodic re-check: run it (POST), and what one re-check found.
  static func recheck(_ contractID: UUID) -> String { "/contracts/\(contractID)/recheck" }
  static func recheck(_ contractID: UUID, _ id: UUID) -> String { "/contracts/\(contractID)/rechecks/\(id)" }
  static let dismissImportNotice = "/notices/checklist-import/dismiss"
}

extension Paths {
  static let deadlines = "/deadlines"
  static let calendarFeed = "/account/calendar"
  static let calendarFeedRevoke = "/account/calendar/revoke"
  /// The secret feed URL a calendar program subscribes to (no session: the token is the key).
  static func calendar(_ token: String) -> String { "/calendar/\(token).ics" }
}
