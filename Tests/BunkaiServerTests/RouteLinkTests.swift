import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BunkaiServer

/// Every link the pages make (`Paths`) leads to a route the app registered: a route renamed in a
/// controller's `register` without its link (or the other way round) fails here.
@Suite struct RouteLinkTests {
  /// Each link of `Paths`, with made-up ids (a route's parameter takes any value).
  static func links() -> [String] {
    let a = UUID()
    let b = UUID()
    var out = [
      Paths.home, Paths.setup, Paths.login, Paths.logout, Paths.vendors, Paths.vendor(a), Paths.systems,
      Paths.contracts, Paths.contract(a), Paths.contract(a.uuidString), Paths.checklist(a.uuidString),
      Paths.contractDocuments(a), Paths.checklist(a), Paths.checklistCSV(a),
      Paths.checklistPrint(a), Paths.part1, Paths.part1CSV, Paths.review(a), Paths.reviewPrint(a),
      Paths.decisions(a), Paths.signOff(a), Paths.catalog, Paths.catalogPreview, Paths.catalogImport,
      Paths.audit, Paths.users, Paths.userRole(a), Paths.userDisable(a), Paths.userPassword(a),
      Paths.accountPassword, Paths.accountTokens, Paths.revokeToken(a), Paths.partner, Paths.exchange(a),
      Paths.exchangeItem(a, "P2-A-1"), Paths.invitations(a), Paths.invite("token"), Paths.attachments(a),
      Paths.attachment(a), Paths.redline(a), Paths.contractRedline(a), Paths.memo(a, "docx"),
      Paths.memo(a, "md"), Paths.glossary, Paths.responsibilities, Paths.responsibilitiesXlsx,
      Paths.riskAcceptances, Paths.newRiskAcceptanceForm, Paths.newRiskAcceptance(review: a, finding: 1),
      Paths.newRiskAcceptance(contract: a, item: "P2-A-1"), Paths.signRiskAcceptance(a), Paths.executive,
      Paths.board, Paths.boardPDF, Paths.contractLife(a), Paths.changeNotices(a),
      Paths.changeNoticeDecision(a, b), Paths.subcontractors(a), Paths.subcontractor(a, b),
      Paths.subcontractorApproval(a, b), Paths.vulnerabilities(a), Paths.vulnerabilityDecision(a, b),
      Paths.changeNoticeSetting, Paths.recheck(a), Paths.recheck(a, b), Paths.dismissImportNotice,
      Paths.deadlines, Paths.calendarFeed, Paths.calendarFeedRevoke, Paths.calendar("token"),
    ]
    out += ["html", "docx", "xlsx", "pdf"].map { Paths.annex(a, $0) }
    return out
  }

  /// Whether a link's path (its query left off) fits a route's components.
  static func matches(_ link: String, _ route: [PathComponent]) -> Bool {
    let path = link.split(separator: "?", maxSplits: 1).first.map(String.init) ?? link
    let parts = path.split(separator: "/").map(String.init)
    for (i, component) in route.enumerated() {
      switch component {
      case .catchall: return true
      case .anything, .parameter: if i >= parts.count { return false }
      case .constant(let c): if i >= parts.count || parts[i] != c { return false }
      }
    }
    return parts.count == route.count
  }

  @Test func everyLinkLeadsToARegisteredRoute() async throws {
    try await TestApp.run { app in
      let routes = app.routes.all.map(\.path)
      #expect(routes.count > 50)
      for link in Self.links() {
        #expect(routes.contains { Self.matches(link, $0) }, "no route for the link \(link)")
      }
    }
  }

  @Test func aLinkWithoutARouteIsFound() {
    // The check itself can fail: a made-up link and a parameter in the wrong place fit nothing.
    let routes: [[PathComponent]] = [["contracts", ":id", "checklist"], ["vendors"]]
    #expect(!routes.contains { Self.matches("/contracts/x/checklists", $0) })
    #expect(!routes.contains { Self.matches("/vendors/x", $0) })
    #expect(routes.contains { Self.matches("/contracts/x/checklist", $0) })
  }
}
