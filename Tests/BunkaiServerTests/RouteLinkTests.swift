import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BunkaiServer

/// `SiteRoute` is the one source of the web pages' routes and links, `APIRoute` of the API's: every
/// route the app registers came from exactly one case (a controller adding a route with a string
/// fails here), every case is registered, and each link the pages make (`Paths`) leads to its own
/// case with its values intact.
@Suite struct RouteLinkTests {
  /// What is wrong with a set of routes: a route not registered from a case of the right enum (or
  /// whose path is not its case's pattern), and the cases never registered.
  static func problems(_ routes: [Route]) -> [String] {
    var site = Set<SiteRoute>()
    var api = Set<APIRoute>()
    var out: [String] = []
    for route in routes {
      let underAPI = route.path.starts(with: APIRoute.prefix)
      switch route.pattern {
      case let s as SiteRoute where !underAPI && route.path == s.components:
        site.insert(s)
      case let a as APIRoute
      where underAPI && Array(route.path.dropFirst(APIRoute.prefix.count)) == a.components:
        api.insert(a)
      default:
        out.append("\(route.description) does not come from a \(underAPI ? "APIRoute" : "SiteRoute") case")
      }
    }
    out += SiteRoute.allCases.filter { !site.contains($0) }.map { "SiteRoute.\($0) is never registered" }
    out += APIRoute.allCases.filter { !api.contains($0) }.map { "APIRoute.\($0) is never registered" }
    return out
  }

  @Test func everyRouteComesFromOneCaseAndEveryCaseIsRegistered() async throws {
    try await TestApp.run { app in
      let routes = app.routes.all
      #expect(routes.count > 100)
      #expect(Self.problems(routes) == [])
    }
  }

  @Test func aRouteAddedWithAStringOrACaseLeftOutIsFound() {
    // The check itself can fail: a route registered with strings (even on a case's very path), a
    // site case registered under /api/v1, and every case this app leaves out.
    let app = Routes()
    app.get(SiteRoute.contracts) { _ in "" }
    app.get("contracts", ":id") { _ in "" }
    app.grouped(APIRoute.prefix).get(APIRoute.vendors) { _ in "" }
    app.grouped(APIRoute.prefix).get(SiteRoute.vendors) { _ in "" }
    let problems = Self.problems(app.all)
    #expect(problems.contains("GET /contracts/:id does not come from a SiteRoute case"))
    #expect(problems.contains("GET /api/v1/vendors does not come from a APIRoute case"))
    #expect(problems.contains("SiteRoute.contract is never registered"))
    #expect(problems.contains("APIRoute.contract is never registered"))
    #expect(!problems.contains("SiteRoute.contracts is never registered"))
    #expect(!problems.contains("APIRoute.vendors is never registered"))
    #expect(problems.count == 2 + (SiteRoute.allCases.count - 1) + (APIRoute.allCases.count - 1))
  }

  static let a = UUID()
  static let b = UUID()
  /// A Part2 item id with characters a path cannot carry as they are.
  static let item = "P2-ア-1 (追加)"

  /// A link to each case, built the way the pages build it, with the values the case's
  /// parameters should then hold. The switch has no default: a new case needs its link here.
  static func sample(_ route: SiteRoute) -> (link: String, values: [String: String]) {
    let id = ["id": a.uuidString]
    switch route {
    case .home: return (Paths.home, [:])
    case .setup: return (Paths.setup, [:])
    case .login: return (Paths.login, [:])
    case .logout: return (Paths.logout, [:])
    case .invite: return (Paths.invite("tok_x-1"), ["token": "tok_x-1"])
    case .glossary: return (Paths.glossary, [:])
    case .calendar: return (Paths.calendar("cal_x"), ["file": "cal_x.ics"])
    case .health: return (SiteRoute.health.link(), [:])
    case .vendors: return (Paths.vendors, [:])
    case .vendor: return (Paths.vendor(a), id)
    case .systems: return (Paths.systems, [:])
    case .contracts: return (Paths.contracts, [:])
    case .contract: return (Paths.contract(a), id)
    case .contractDocuments: return (Paths.contractDocuments(a), id)
    case .recheck: return (Paths.recheck(a), id)
    case .recheckResult: return (Paths.recheck(a, b), ["id": a.uuidString, "recheck": b.uuidString])
    case .review: return (Paths.review(a), id)
    case .reviewPrint: return (Paths.reviewPrint(a), id)
    case .decisions: return (Paths.decisions(a), id)
    case .signOff: return (Paths.signOff(a), id)
    case .redline: return (Paths.redline(a), id)
    case .memoDocx: return (Paths.memo(a, .docx), id)
    case .memoMarkdown: return (Paths.memo(a, .md), id)
    case .part1: return (Paths.part1, [:])
    case .part1Print: return (Paths.part1Print, [:])
    case .part1CSV: return (Paths.part1CSV, [:])
    case .checklist: return (Paths.checklist(a), id)
    case .checklistPrint: return (Paths.checklistPrint(a), id)
    case .checklistCSV: return (Paths.checklistCSV(a), id)
    case .partner: return (Paths.partner, [:])
    case .exchange: return (Paths.exchange(a), id)
    case .exchangeItem: return (Paths.exchangeItem(a, item), ["id": a.uuidString, "item": item])
    case .exchangeEntries: return (Paths.exchangeEntries(a, item), ["id": a.uuidString, "item": item])
    case .exchangeSplit: return (Paths.exchangeSplit(a, item), ["id": a.uuidString, "item": item])
    case .exchangeConfirm: return (Paths.exchangeConfirm(a, item), ["id": a.uuidString, "item": item])
    case .invitations: return (Paths.invitations(a), id)
    case .attachments: return (Paths.attachments(a), id)
    case .attachment: return (Paths.attachment(a), id)
    case .contractRedline: return (Paths.contractRedline(a), id)
    case .annexHTML: return (Paths.annex(a, .html), id)
    case .annexDocx: return (Paths.annex(a, .docx), id)
    case .annexXlsx: return (Paths.annex(a, .xlsx), id)
    case .annexPDF: return (Paths.annex(a, .pdf), id)
    case .contractLife: return (Paths.contractLife(a), id)
    case .changeNotices: return (Paths.changeNotices(a), id)
    case .changeNoticeDecision:
      return (Paths.changeNoticeDecision(a, b), ["id": a.uuidString, "notice": b.uuidString])
    case .subcontractors: return (Paths.subcontractors(a), id)
    case .subcontractor:
      return (Paths.subcontractor(a, b), ["id": a.uuidString, "subcontractor": b.uuidString])
    case .subcontractorApproval:
      return (Paths.subcontractorApproval(a, b), ["id": a.uuidString, "subcontractor": b.uuidString])
    case .vulnerabilities: return (Paths.vulnerabilities(a), id)
    case .vulnerabilityDecision:
      return (Paths.vulnerabilityDecision(a, b), ["id": a.uuidString, "vulnerability": b.uuidString])
    case .changeNoticeSetting: return (Paths.changeNoticeSetting, [:])
    case .riskAcceptances: return (Paths.riskAcceptances, [:])
    case .newRiskAcceptance: return (Paths.newRiskAcceptance(contract: a, item: item), [:])
    case .signRiskAcceptance: return (Paths.signRiskAcceptance(a), id)
    case .executive: return (Paths.executive, [:])
    case .board: return (Paths.board, [:])
    case .boardPDF: return (Paths.boardPDF, [:])
    case .responsibilities: return (Paths.responsibilities, [:])
    case .responsibilitiesXlsx: return (Paths.responsibilitiesXlsx, [:])
    case .deadlines: return (Paths.deadlines, [:])
    case .catalog: return (Paths.catalog, [:])
    case .catalogPreview: return (Paths.catalogPreview, [:])
    case .catalogImport: return (Paths.catalogImport, [:])
    case .audit: return (Paths.audit, [:])
    case .users: return (Paths.users, [:])
    case .userRole: return (Paths.userRole(a), id)
    case .userDisable: return (Paths.userDisable(a), id)
    case .userPassword: return (Paths.userPassword(a), id)
    case .dismissImportNotice: return (Paths.dismissImportNotice, [:])
    case .accountPassword: return (Paths.accountPassword, [:])
    case .accountTokens: return (Paths.accountTokens, [:])
    case .revokeToken: return (Paths.revokeToken(a), id)
    case .calendarFeed: return (Paths.calendarFeed, [:])
    case .calendarFeedRevoke: return (Paths.calendarFeedRevoke, [:])
    }
  }

  /// The case Vapor's router picks for a link (its query left off), with the parameters as a
  /// handler reads them.
  static func route(_ link: String) -> (SiteRoute, [String: String])? {
    let router = TrieRouter(SiteRoute.self)
    // As Vapor's responder does, the method goes first (a path may be empty: the dashboard).
    for route in SiteRoute.allCases { router.register(route, at: ["GET"] + route.components) }
    let path = link.split(separator: "?", maxSplits: 1).first.map(String.init) ?? link
    var parameters = Parameters()
    guard
      let route = router.route(
        path: ["GET"] + path.split(separator: "/").map(String.init), parameters: &parameters)
    else { return nil }
    return (route, Dictionary(uniqueKeysWithValues: route.parameters.map { ($0, parameters.get($0) ?? "") }))
  }

  @Test(arguments: SiteRoute.allCases)
  func eachLinkLeadsToItsOwnCase(_ route: SiteRoute) throws {
    let (link, values) = Self.sample(route)
    #expect(link.hasPrefix("/"))
    let found = try #require(Self.route(link), "no route for \(link)")
    #expect(found.0 == route, "\(link) leads to \(found.0), not \(route)")
    #expect(found.1 == values)
  }

  @Test func itemIdsAndQueriesArePercentEncoded() throws {
    // The item id travels encoded and comes back whole; the same for the risk acceptance's query.
    let link = Paths.exchangeItem(Self.a, Self.item)
    #expect(link == "/contracts/\(Self.a.uuidString)/exchange/P2-%E3%82%A2-1%20(%E8%BF%BD%E5%8A%A0)")
    let ascii = link.allSatisfy { $0.isASCII }
    #expect(ascii)
    let query = Paths.newRiskAcceptance(contract: Self.a, item: "P2-A-1&x=ア")
    #expect(query == "/risk-acceptances/new?contractId=\(Self.a.uuidString)&itemId=P2-A-1%26x%3D%E3%82%A2")
    #expect(
      Paths.newRiskAcceptance(review: Self.a, finding: 3)
        == "/risk-acceptances/new?reviewId=\(Self.a)&finding=3")
    #expect(Paths.home == "/")
    #expect(Paths.calendar("cal_x") == "/calendar/cal_x.ics")
  }

  @Test func aLinkWithoutARouteIsFound() {
    // The router check can fail: a made-up link and one with too few parts lead nowhere.
    #expect(Self.route("/contracts/x/checklists") == nil)
    #expect(Self.route("/users/x") == nil)
    #expect(Self.route("/contracts/x/checklist")?.0 == .checklist)
  }

  /// No template spells a page's path (`href="/…"`, `action="/…"`): they come from the page's
  /// context (`page.links`, links built by `Paths`). Only static files are written as paths.
  @Test func templatesSpellNoPagePath() throws {
    let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/BunkaiServer/Resources/Views").standardized
    let files = try FileManager.default.contentsOfDirectory(atPath: views.path).filter {
      $0.hasSuffix(".leaf")
    }
    #expect(files.count > 10)
    let literal = try Regex(##"(?:href|action)="(/[^"#]*)""##)
    var links: [String] = []
    for file in files {
      let text = try String(contentsOf: views.appendingPathComponent(file), encoding: .utf8)
      links += text.matches(of: literal).compactMap { $0.output[1].substring.map(String.init) }
    }
    // The check can fail: the stylesheet is found by the same pattern.
    #expect(links.contains("/app.css"))
    for link in links where !["/app.css", "/app.js"].contains(link) {
      Issue.record("a template spells the path \(link); give it from the context (Paths)")
    }
    // The layout's own links lead to routes.
    for link in [Paths.home, Paths.login, Paths.setup, Paths.logout, Paths.glossary, Paths.partner] {
      #expect(Self.route(link) != nil, "no route for \(link)")
    }
  }
}
