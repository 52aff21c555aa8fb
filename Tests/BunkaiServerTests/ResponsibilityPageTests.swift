import BunkaiFormats
import Fluent
import Foundation
import Testing
import VaporTesting
import ZIPFoundation

@testable import BunkaiServer

/// The responsibility map (issue 10, section 1) as the page, the export and the API show it: two
/// vendors and three systems, built and agreed through the API and the five-step exchange.
@Suite("Responsibility map: page, export and API")
struct ResponsibilityPageTests {
  typealias JSON = [String: Any]

  struct World {
    var api: APIRouteTests.Client
    var admin: User
    var emr: String
    var receipt: String
    var network: String
    var aoba: String
    var minato: String
    var aobaUser: User
    var minatoUser: User
    /// Aoba: EMR and receipt system; Minato: EMR and network. Both maintenance, in force.
    var aobaContract: String
    var minatoContract: String
  }

  static func world(_ app: Application) async throws -> World {
    let (admin, api) = try await APIRouteTests.admin(app)
    func id(_ j: JSON) throws -> String { try #require(j["id"] as? String) }
    let aoba = try id(try await api.json(.POST, "/vendors", #"{"name":"株式会社アオバ医療システム"}"#, expect: .created))
    let minato = try id(try await api.json(.POST, "/vendors", #"{"name":"ミナト通信株式会社"}"#, expect: .created))
    var systems: [String] = []
    for (name, category) in [("電子カルテ", "電子カルテ"), ("レセコン", "レセコン"), ("院内ネットワーク", "ネットワーク")] {
      systems.append(
        try id(
          try await api.json(
            .POST, "/systems", #"{"name":"\#(name)","category":"\#(category)"}"#, expect: .created)))
    }
    let aobaContract = try id(
      try await api.json(
        .POST, "/contracts",
        #"{"title":"電子カルテ・レセコン保守契約","vendorId":"\#(aoba)","kind":"maintenance","status":"active","systemIds":["\#(systems[0])","\#(systems[1])"]}"#,
        expect: .created))
    let minatoContract = try id(
      try await api.json(
        .POST, "/contracts",
        #"{"title":"院内ネットワーク保守契約","vendorId":"\#(minato)","kind":"maintenance","status":"active","systemIds":["\#(systems[0])","\#(systems[2])"]}"#,
        expect: .created))
    func vendorUser(_ email: String, _ vendor: String) async throws -> User {
      let u = User(
        organisationID: admin.organisationID, email: email, name: "担当 \(email)", passwordHash: "-",
        role: .vendor)
      u.vendorID = UUID(uuidString: vendor)
      try await u.save(on: app.db)
      return u
    }
    return World(
      api: api, admin: admin, emr: systems[0], receipt: systems[1], network: systems[2], aoba: aoba,
      minato: minato, aobaUser: try await vendorUser("kimura@aoba.example", aoba),
      minatoUser: try await vendorUser("ito@minato.example", minato), aobaContract: aobaContract,
      minatoContract: minatoContract)
  }

  /// The institution's answer to items of a contract's checklist (no confirmation).
  static func answer(_ w: World, _ contract: String, _ answers: [(String, String, String)]) async throws {
    let list = answers.map { #"{"itemId":"\#($0.0)","owner":"\#($0.1)","agreed":"\#($0.2)"}"# }
    _ = try await w.api.json(
      .PUT, "/contracts/\(contract)/checklist", #"{"answers":[\#(list.joined(separator: ","))]}"#)
  }

  /// The five steps on one item, then both sides confirm the split.
  static func agree(
    _ app: Application, _ w: World, contract id: String, vendorUser: User, item: String, owner: Owner,
    agreed: String
  ) async throws {
    let contract = try #require(try await Contract.find(UUID(uuidString: id), on: app.db))
    for step in 1...4 {
      _ = try await Exchange.post(
        on: app.db, contract: contract, itemID: item, user: step % 2 == 1 ? vendorUser : w.admin,
        text: "手順\(step)の説明", attachment: nil)
    }
    _ = try await Exchange.setSplit(
      on: app.db, contract: contract, itemID: item, user: w.admin, owner: owner, agreed: agreed)
    for user in [w.admin, vendorUser] {
      _ = try await Exchange.confirm(
        on: app.db, contract: contract, itemID: item, user: user, today: "2026-12-01")
    }
  }

  static func map(_ w: World) async throws -> JSON { try await w.api.json(.GET, "/responsibilities") }

  static func cell(_ map: JSON, _ system: String, _ item: String) throws -> JSON {
    let cells = try #require(map["cells"] as? [JSON])
    return try #require(
      cells.first { $0["systemId"] as? String == system && $0["itemId"] as? String == item })
  }

  static func flags(_ map: JSON, kind: String) -> [JSON] {
    ((map["flags"] as? [JSON]) ?? []).filter { $0["kind"] as? String == kind }
  }

  static func upload(_ w: World, _ contract: String, _ fixture: String) async throws -> String {
    let (body, type) = Multipart.body(
      fields: [], filename: fixture, data: try Fixture.data("contracts/\(fixture)"))
    let res = try await w.api.app.testing().sendRequest(
      .POST, "/api/v1/contracts/\(contract)/documents",
      headers: ["Authorization": "Bearer \(w.api.token)", "Content-Type": type], body: body)
    #expect(res.status == .created, "\(res.body.string.prefix(300))")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? JSON)
    return try #require(json["reviewId"] as? String)
  }

  @Test func gapAndOverlapShowAndGoAfterTheVendorsAgree() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      // Both vendors say they handle personal information for the EMR; incident reports for the
      // EMR and the receipt system are Aoba's, for the network nobody's yet.
      try await Self.answer(
        w, w.aobaContract, [("P2-A-8", "vendor", "アオバが取り扱う"), ("P2-C-4", "vendor", "アオバが報告する")])
      try await Self.answer(w, w.minatoContract, [("P2-A-8", "joint", "ミナトと医療機関で取り扱う")])
      var map = try await Self.map(w)
      // Every system × every Part2 item, in the catalogue's order.
      let systems = try #require(map["systems"] as? [JSON])
      let items = try #require(map["items"] as? [JSON])
      #expect(Set(systems.compactMap { $0["id"] as? String }) == [w.emr, w.receipt, w.network])
      #expect(items.contains { $0["id"] as? String == "P2-A-8" })
      #expect((map["cells"] as? [JSON])?.count == systems.count * items.count)

      let overlap = try Self.cell(map, w.emr, "P2-A-8")
      #expect(overlap["state"] as? String == "overlap")
      let holders = try #require(overlap["holders"] as? [JSON])
      #expect(Set(holders.compactMap { $0["vendorId"] as? String }) == [w.aoba, w.minato])
      #expect(
        holders.contains {
          $0["side"] as? String == "institution" && $0["contractId"] as? String == w.minatoContract
        })
      let evidence = try #require(overlap["evidence"] as? [JSON])
      #expect(Set(evidence.compactMap { $0["contractId"] as? String }) == [w.aobaContract, w.minatoContract])
      #expect(evidence.contains { ($0["answer"] as? JSON)?["owner"] as? String == "joint" })
      // The receipt system has only Aoba's contract: no overlap there.
      #expect(try Self.cell(map, w.receipt, "P2-A-8")["state"] as? String == "covered")
      let gap = try Self.cell(map, w.network, "P2-C-4")
      #expect(gap["state"] as? String == "gap")
      #expect((gap["holders"] as? [JSON])?.isEmpty == true)
      // On the EMR Aoba's answer covers incident reports, whatever Minato's contract leaves open.
      #expect(try Self.cell(map, w.emr, "P2-C-4")["state"] as? String == "covered")
      let gapFlag = try #require(
        Self.flags(map, kind: "gap").first {
          $0["systemId"] as? String == w.network && $0["itemId"] as? String == "P2-C-4"
        })
      #expect(gapFlag["severity"] as? String == "high")
      #expect(gapFlag["contractIds"] as? [String] == [w.minatoContract])
      #expect((gapFlag["nextStep"] as? String)?.contains("ミナト通信株式会社") == true)
      #expect(
        Self.flags(map, kind: "overlap").contains {
          $0["systemId"] as? String == w.emr && $0["itemId"] as? String == "P2-A-8"
        })

      // The page shows both, in words as well as colours.
      let b = try await Browser.signIn(app, email: "admin@sakura.example")
      let page = try await b.get("/responsibilities")
      #expect(page.status == .ok)
      let html = b.lastBody
      #expect(html.contains("<svg class=\"resp-map\""))
      #expect(html.contains("role=\"img\" aria-labelledby=\"resp-title resp-desc\""))
      for word in ["責任空白", "重複", "担当あり", "対象外", "要再確認", "矛盾"] { #expect(html.contains(word), "\(word)") }
      #expect(html.contains("項目は誰も担っていません（責任の空白）"))
      // The network's open items of Minato's contract are one entry, naming each item.
      #expect(html.contains("/contracts/\(w.minatoContract)/exchange\""))
      #expect(html.contains("P2-C-4「事故発生時の報告」"))
      // Most severe first: the first flag on the page is a high one.
      let first = try #require(html.range(of: "class=\"card sev-"))
      #expect(html[first.upperBound...].hasPrefix("high"))

      // The vendors agree: Minato holds the network's incident reports, and leaves personal
      // information for the EMR to the institution.
      try await Self.agree(
        app, w, contract: w.minatoContract, vendorUser: w.minatoUser, item: "P2-C-4", owner: .vendor,
        agreed: "ミナトが障害・事故を報告する")
      try await Self.agree(
        app, w, contract: w.minatoContract, vendorUser: w.minatoUser, item: "P2-A-8", owner: .institution,
        agreed: "ネットワーク上の個人情報の扱いは医療機関が定める")
      map = try await Self.map(w)
      #expect(try Self.cell(map, w.network, "P2-C-4")["state"] as? String == "covered")
      #expect(try Self.cell(map, w.emr, "P2-A-8")["state"] as? String == "covered")
      #expect(!Self.flags(map, kind: "overlap").contains { $0["itemId"] as? String == "P2-A-8" })
      #expect(
        !Self.flags(map, kind: "gap").contains {
          $0["systemId"] as? String == w.network && $0["itemId"] as? String == "P2-C-4"
        })
      let agreed = try #require(
        (try Self.cell(map, w.network, "P2-C-4")["evidence"] as? [JSON])?.first?["answer"] as? JSON)
      #expect(agreed["agreedByBoth"] as? Bool == true)
      // The page follows at once (its cache is per change).
      let after = try await b.get("/responsibilities").body.string
      #expect(!after.contains("P2-C-4「事故発生時の報告」"))
      #expect(after.contains("院内ネットワークの"))
    }
  }

  @Test func conflictStaleAndNotApplicable() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      // The typical maintenance contract lacks clauses the checklist items need.
      let reviewID = try await Self.upload(w, w.aobaContract, "hoshu_sakura_typical.txt")
      let review = try #require(try await ReviewRecord.find(UUID(uuidString: reviewID), on: app.db))
      let stored = try StoredReview.decode(review.resultJSON)
      let missing = try #require(
        stored.findings.first {
          $0.status == "missing"
            && $0.checklistItems.contains { $0.hasPrefix("P2-A") || $0.hasPrefix("P2-C") }
        })
      let item = try #require(missing.checklistItems.first { $0.hasPrefix("P2-A") || $0.hasPrefix("P2-C") })
      try await Self.answer(w, w.aobaContract, [(item, "vendor", "アオバが行う"), ("P2-A-1", "notApplicable", "")])
      var map = try await Self.map(w)
      let conflict = try Self.cell(map, w.receipt, item)
      #expect(conflict["state"] as? String == "conflict")
      let findings = try #require((conflict["evidence"] as? [JSON])?.first?["findings"] as? [JSON])
      #expect(
        findings.contains { $0["ruleId"] as? String == missing.ruleId && $0["conflicts"] as? Bool == true })
      let flag = try #require(
        Self.flags(map, kind: "conflict").first {
          $0["systemId"] as? String == w.receipt && $0["itemId"] as? String == item
        })
      #expect(flag["reviewId"] as? String == reviewID)
      #expect(flag["severity"] as? String == "high")
      // The receipt system has only Aoba's contract, which marks P2-A-1 対象外.
      #expect(try Self.cell(map, w.receipt, "P2-A-1")["state"] as? String == "notApplicable")
      // On the EMR, Minato's contract has not answered it: a gap, not 対象外.
      #expect(try Self.cell(map, w.emr, "P2-A-1")["state"] as? String == "gap")

      // Agreed with Minato, then Minato's contract gets a new document: the agreement is stale.
      try await Self.agree(
        app, w, contract: w.minatoContract, vendorUser: w.minatoUser, item: "P2-C-4", owner: .vendor,
        agreed: "ミナトが報告する")
      map = try await Self.map(w)
      #expect(try Self.cell(map, w.network, "P2-C-4")["state"] as? String == "covered")
      _ = try await Self.upload(w, w.minatoContract, "hoshu_kaede_good.txt")
      _ = try await Self.upload(w, w.minatoContract, "hoshu_kaede_good.txt")
      map = try await Self.map(w)
      let stale = try Self.cell(map, w.network, "P2-C-4")
      #expect((stale["states"] as? [String])?.contains("stale") == true)
      let staleFlag = try #require(
        Self.flags(map, kind: "stale").first {
          $0["systemId"] as? String == w.network && $0["itemId"] as? String == "P2-C-4"
        })
      #expect((staleFlag["message"] as? String)?.contains("第2版") == true)
      #expect(staleFlag["contractIds"] as? [String] == [w.minatoContract])
      // Confirmed again by both sides: no longer stale.
      let contract = try #require(try await Contract.find(UUID(uuidString: w.minatoContract), on: app.db))
      _ = try await Exchange.setSplit(
        on: app.db, contract: contract, itemID: "P2-C-4", user: w.admin, owner: .vendor,
        agreed: "ミナトが24時間以内に報告する")
      for user in [w.admin, w.minatoUser] {
        _ = try await Exchange.confirm(
          on: app.db, contract: contract, itemID: "P2-C-4", user: user, today: "2026-12-02",
          acknowledgeChange: true)
      }
      map = try await Self.map(w)
      #expect((try Self.cell(map, w.network, "P2-C-4")["states"] as? [String])?.contains("stale") == false)

      // An ended contract holds nothing: the receipt system becomes one gap flag for the system.
      _ = try await w.api.json(
        .PUT, "/contracts/\(w.aobaContract)", #"{"title":"電子カルテ・レセコン保守契約","status":"ended"}"#)
      map = try await Self.map(w)
      #expect(try Self.cell(map, w.receipt, item)["state"] as? String == "gap")
      let whole = try #require(
        Self.flags(map, kind: "gap").first {
          $0["systemId"] as? String == w.receipt && $0["itemId"] == nil
        })
      #expect((whole["message"] as? String)?.contains("電子カルテ・レセコン保守契約") == true)
    }
  }

  @Test func exportOpensAsAWorkbook() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      try await Self.answer(w, w.aobaContract, [("P2-A-8", "vendor", "アオバが取り扱う")])
      let b = try await Browser.signIn(app, email: "admin@sakura.example")
      let res = try await b.get("/responsibilities.xlsx")
      #expect(res.status == .ok)
      #expect(res.headers.contentType?.subType.contains("spreadsheetml") == true)
      let data = Data(buffer: res.body)
      try SignedDocumentTests.save(data, "responsibilities-map.xlsx")
      let archive = try Archive(data: data, accessMode: .read)
      func part(_ name: String) throws -> String {
        var out = Data()
        _ = try archive.extract(try #require(archive[name])) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
      }
      let workbook = try part("xl/workbook.xml")
      for sheet in ["マップ", "要対応", "明細", "凡例"] { #expect(workbook.contains("name=\"\(sheet)\""), "\(sheet)") }
      let grid = try part("xl/worksheets/sheet1.xml")
      #expect(grid.contains("院内ネットワーク"))
      #expect(grid.contains("○ 担当あり"))
      #expect(grid.contains("空 責任空白"))
      #expect(try part("xl/worksheets/sheet2.xml").contains("誰も担っていません"))
    }
  }

  @Test func onlyTheInstitutionReadsItsOwnMap() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      try await Self.answer(w, w.aobaContract, [("P2-A-8", "vendor", "アオバが取り扱う")])
      // A vendor's token and a vendor's session are refused.
      let vendorAPI = try await APIRouteTests.client(app, w.aobaUser)
      let refused = try await vendorAPI.send(.GET, "/responsibilities")
      #expect(refused.status == .forbidden)
      #expect(!refused.body.string.contains("電子カルテ"))
      // Another organisation sees a map of its own, empty.
      let (_, other) = try await APIRouteTests.admin(app, org: "B病院", email: "admin@b.example")
      let empty = try await other.json(.GET, "/responsibilities")
      #expect((empty["systems"] as? [Any])?.isEmpty == true)
      #expect((empty["cells"] as? [Any])?.isEmpty == true)
      #expect((empty["flags"] as? [Any])?.isEmpty == true)
      let b = try await Browser.signIn(app, email: "admin@b.example")
      let page = try await b.get("/responsibilities").body.string
      #expect(!page.contains("電子カルテ・レセコン保守契約"))
      #expect(!page.contains("アオバ"))
      #expect(page.contains("まだシステムが登録されていません"))
      #expect(try await b.get("/responsibilities.xlsx").status == .ok)
      // Executives read it.
      let exec = try await APIRouteTests.user(
        app, org: "", orgID: w.admin.organisationID, email: "exec@sakura.example", role: .executive)
      let execAPI = try await APIRouteTests.client(app, exec)
      #expect(try await execAPI.send(.GET, "/responsibilities").status == .ok)
    }
  }
}
