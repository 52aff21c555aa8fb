import Foundation

/// The links of the web pages, typed: each one is its `SiteRoute` case filled with ids (the case is
/// also what the controller registers, so a link and its route cannot drift apart).
package enum Paths {
  static let home = SiteRoute.home.link()
  static let setup = SiteRoute.setup.link()
  package static let login = SiteRoute.login.link()
  static let logout = SiteRoute.logout.link()
  static let vendors = SiteRoute.vendors.link()
  static func vendor(_ id: UUID) -> String { SiteRoute.vendor.link(id) }
  static let systems = SiteRoute.systems.link()
  static let contracts = SiteRoute.contracts.link()
  static func contract(_ id: UUID) -> String { SiteRoute.contract.link(id) }
  /// The same links from an id already read as text (the dashboard's rows).
  static func contract(_ id: String) -> String { SiteRoute.contract.link(id) }
  static func checklist(_ contractID: String) -> String { SiteRoute.checklist.link(contractID) }
  static func contractDocuments(_ id: UUID) -> String { SiteRoute.contractDocuments.link(id) }
  static func checklist(_ contractID: UUID) -> String { SiteRoute.checklist.link(contractID) }
  static func checklistCSV(_ contractID: UUID) -> String { SiteRoute.checklistCSV.link(contractID) }
  static func checklistPrint(_ contractID: UUID) -> String { SiteRoute.checklistPrint.link(contractID) }
  static let part1 = SiteRoute.part1.link()
  static let part1Print = SiteRoute.part1Print.link()
  static let part1CSV = SiteRoute.part1CSV.link()
  static func review(_ id: UUID) -> String { SiteRoute.review.link(id) }
  static func reviewPrint(_ id: UUID) -> String { SiteRoute.reviewPrint.link(id) }
  static func decisions(_ reviewID: UUID) -> String { SiteRoute.decisions.link(reviewID) }
  static func signOff(_ reviewID: UUID) -> String { SiteRoute.signOff.link(reviewID) }
  static let catalog = SiteRoute.catalog.link()
  static let catalogPreview = SiteRoute.catalogPreview.link()
  static let catalogImport = SiteRoute.catalogImport.link()
  static let audit = SiteRoute.audit.link()
  static let users = SiteRoute.users.link()
  static func userRole(_ id: UUID) -> String { SiteRoute.userRole.link(id) }
  static func userDisable(_ id: UUID) -> String { SiteRoute.userDisable.link(id) }
  static func userPassword(_ id: UUID) -> String { SiteRoute.userPassword.link(id) }
  static let accountPassword = SiteRoute.accountPassword.link()
  static let accountTokens = SiteRoute.accountTokens.link()
  static func revokeToken(_ id: UUID) -> String { SiteRoute.revokeToken.link(id) }
  static let partner = SiteRoute.partner.link()
  static func exchange(_ contractID: UUID) -> String { SiteRoute.exchange.link(contractID) }
  /// A Part2 item's exchange; the item id is percent-encoded (it may hold any character).
  static func exchangeItem(_ contractID: UUID, _ item: String) -> String {
    SiteRoute.exchangeItem.link(contractID, item)
  }
  static func exchangeEntries(_ contractID: UUID, _ item: String) -> String {
    SiteRoute.exchangeEntries.link(contractID, item)
  }
  static func exchangeSplit(_ contractID: UUID, _ item: String) -> String {
    SiteRoute.exchangeSplit.link(contractID, item)
  }
  static func exchangeConfirm(_ contractID: UUID, _ item: String) -> String {
    SiteRoute.exchangeConfirm.link(contractID, item)
  }
  static func invitations(_ contractID: UUID) -> String { SiteRoute.invitations.link(contractID) }
  static func invite(_ token: String) -> String { SiteRoute.invite.link(token) }
  static func attachments(_ contractID: UUID) -> String { SiteRoute.attachments.link(contractID) }
  static func attachment(_ id: UUID) -> String { SiteRoute.attachment.link(id) }
  static func annex(_ contractID: UUID, _ format: AnnexFormat) -> String { format.route.link(contractID) }
  static func redline(_ reviewID: UUID) -> String { SiteRoute.redline.link(reviewID) }
  /// The latest review's redline, for both sides of the contract.
  static func contractRedline(_ contractID: UUID) -> String { SiteRoute.contractRedline.link(contractID) }
  static func memo(_ reviewID: UUID, _ format: MemoFormat) -> String { format.route.link(reviewID) }
  static let glossary = SiteRoute.glossary.link()
  package static let responsibilities = SiteRoute.responsibilities.link()
  static let responsibilitiesXlsx = SiteRoute.responsibilitiesXlsx.link()
  static let riskAcceptances = SiteRoute.riskAcceptances.link()
  static let newRiskAcceptanceForm = SiteRoute.newRiskAcceptance.link()
  static func newRiskAcceptance(review: UUID, finding: Int) -> String {
    SiteRoute.newRiskAcceptance.link(query: ["reviewId": review.uuidString, "finding": String(finding)])
  }
  static func newRiskAcceptance(contract: UUID, item: String) -> String {
    SiteRoute.newRiskAcceptance.link(query: ["contractId": contract.uuidString, "itemId": item])
  }
  static func newRiskAcceptance(vulnerability: UUID) -> String {
    SiteRoute.newRiskAcceptance.link(query: ["vulnerabilityId": vulnerability.uuidString])
  }
  static func newRiskAcceptance(subcontractor: UUID) -> String {
    SiteRoute.newRiskAcceptance.link(query: ["subcontractorId": subcontractor.uuidString])
  }
  static func signRiskAcceptance(_ id: UUID) -> String { SiteRoute.signRiskAcceptance.link(id) }
  static let executive = SiteRoute.executive.link()
  static let board = SiteRoute.board.link()
  static let boardPDF = SiteRoute.boardPDF.link()
  /// 契約後の管理: change notices, subcontractors, vulnerability consultations (both sides).
  static func contractLife(_ contractID: UUID) -> String { SiteRoute.contractLife.link(contractID) }
  static func contractLife(_ contractID: String) -> String { SiteRoute.contractLife.link(contractID) }
  static func changeNotices(_ contractID: UUID) -> String { SiteRoute.changeNotices.link(contractID) }
  static func changeNoticeDecision(_ contractID: UUID, _ id: UUID) -> String {
    SiteRoute.changeNoticeDecision.link(contractID, id)
  }
  static func subcontractors(_ contractID: UUID) -> String { SiteRoute.subcontractors.link(contractID) }
  static func subcontractor(_ contractID: UUID, _ id: UUID) -> String {
    SiteRoute.subcontractor.link(contractID, id)
  }
  static func subcontractorApproval(_ contractID: UUID, _ id: UUID) -> String {
    SiteRoute.subcontractorApproval.link(contractID, id)
  }
  static func vulnerabilities(_ contractID: UUID) -> String { SiteRoute.vulnerabilities.link(contractID) }
  static func vulnerabilityDecision(_ contractID: UUID, _ id: UUID) -> String {
    SiteRoute.vulnerabilityDecision.link(contractID, id)
  }
  static let changeNoticeSetting = SiteRoute.changeNoticeSetting.link()
  /// The periodic re-check: run it (POST), and what one re-check found.
  static func recheck(_ contractID: UUID) -> String { SiteRoute.recheck.link(contractID) }
  static func recheck(_ contractID: UUID, _ id: UUID) -> String {
    SiteRoute.recheckResult.link(contractID, id)
  }
  static let dismissImportNotice = SiteRoute.dismissImportNotice.link()
  static let deadlines = SiteRoute.deadlines.link()
  static let calendarFeed = SiteRoute.calendarFeed.link()
  static let calendarFeedRevoke = SiteRoute.calendarFeedRevoke.link()
  /// The secret feed URL a calendar program subscribes to (no session: the token is the key).
  static func calendar(_ token: String) -> String { SiteRoute.calendar.link(token + ".ics") }
}
