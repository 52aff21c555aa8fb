import BunkaiCore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// Issue 10 §2, the periodic re-check as one act: the current document re-reviewed with the
/// current playbook (a new review of the same version), decisions and risk acceptances carried
/// over, and what changed since the last check listed; Part2 re-confirmation shown; the next
/// re-check in 期限 counted from it.
@Suite("Periodic re-check")
struct RecheckTests {
  typealias JSON = [String: Any]

  /// Makes the stored review look like one made by an older playbook: its last finding was not
  /// raised then, a rule since retired was, and one element of its second finding was judged
  /// otherwise. Returns (the rule that will appear, the element that changes).
  static func ageReview(_ app: Application, id: String) async throws -> (
    appeared: String, element: (rule: String, id: String, was: String, now: String)
  ) {
    let r = try #require(try await ReviewRecord.find(UUID(uuidString: id), on: app.db))
    var stored = try StoredReview.decode(r.resultJSON)
    #expect(stored.findings.count >= 3)
    let dropped = stored.findings.removeLast()
    #expect(!stored.findings.contains { $0.ruleId == dropped.ruleId })
    var retired = stored.findings[0]
    retired.ruleId = "RETIRED-1"
    retired.title = "廃止した規則の指摘"
    stored.findings.append(retired)
    let e = try #require(stored.findings[1].elements.first)
    let was = e.status == "unmet" ? "unclear" : "unmet"
    stored.findings[1].elements[0].status = was
    r.resultJSON = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    r.playbook = "bunkai-guide-2024 0.9"
    // The last check a year and a half ago: the next re-check was due long since.
    r.createdAt = Date(timeIntervalSinceNow: -540 * 86_400)
    try await r.save(on: app.db)
    return (dropped.ruleId, (stored.findings[1].ruleId, e.id, was, e.status))
  }

  static func recheckDeadline(_ app: Application, email: String) async throws -> Deadline? {
    let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
    return try await DeadlineQuery.load(app.db, org: user.organisationID).deadlines(for: user)
      .first { $0.kind == .recheck }
  }

  @Test func aRecheckReReviewsCarriesDecisionsAndListsWhatChanged() async throws {
    try await TestApp.run { app in
      let s = try await ContractLifeTests.setUp(app)
      let c = s.contract
      let contract = try #require(try await Contract.find(UUID(uuidString: c), on: app.db))
      contract.status = .active
      try await contract.save(on: app.db)
      let r1 = try await CarryoverTests.upload(
        app, s.admin, contract: c, try CarryoverTests.version1(), name: "v1.txt")
      let first = try await s.admin.json(.GET, "/reviews/\(r1)")
      // The first finding is decided: the aged review keeps it in place.
      let (_, damagesRule) = try CarryoverTests.finding(first) { _ in true }
      _ = try await s.admin.json(
        .POST, "/reviews/\(r1)/decisions", #"{"finding":1,"kind":"notNeeded","reason":"上限額は理事会で了承済み"}"#,
        expect: .created)
      // An executive accepts the risk of that "not needed".
      let exec = try await APIRouteTests.client(
        app,
        try await APIRouteTests.user(
          app, org: "", orgID: s.vendorUser.organisationID, email: "exec@sakura.example", role: .executive))
      let accepted = try await s.admin.json(
        .POST, "/risk-acceptances",
        #"{"subject":{"kind":"finding","reviewId":"\#(r1)","finding":1},"risk":"賠償の上限が低い","reason":"理事会で了承","expiresOn":"2099-03-31"}"#,
        expect: .created)
      _ = try await exec.json(.POST, "/risk-acceptances/\(try #require(accepted["id"] as? String))/sign")
      let aged = try await Self.ageReview(app, id: r1)
      let due = try #require(try await Self.recheckDeadline(app, email: "admin@sakura.example"))
      let today = ISODay(JapanTime.today())!
      #expect(due.due < today)

      // Since the last check: a subcontractor and a vulnerability from the vendor, an approved
      // change notice, and a Part2 item the institution confirmed (the vendor has not).
      _ = try await s.vendor.json(
        .POST, "/contracts/\(c)/subcontractors",
        #"{"name":"ミナト運用","scope":"夜間監視","dataHandled":"操作ログ","equalDuties":true,"inUse":true}"#,
        expect: .created)
      _ = try await s.vendor.json(
        .POST, "/contracts/\(c)/vulnerabilities",
        #"{"product":"院内サーバOS","version":"2019","advisory":"JVNVU#0001","severity":"high","measure":"更新を適用"}"#,
        expect: .created)
      let notice = try await s.vendor.json(
        .POST, "/contracts/\(c)/change-notices", ContractLifeTests.notice(ContractLifeTests.day(90)),
        expect: .created)
      _ = try await s.admin.json(
        .POST, "/contracts/\(c)/change-notices/\(notice["id"] as! String)/decision",
        #"{"decision":"approve"}"#)
      _ = try await s.admin.json(.PUT, "/contracts/\(c)/exchange/P2-C-1/split", #"{"owner":"notApplicable"}"#)
      _ = try await s.admin.json(.POST, "/contracts/\(c)/exchange/P2-C-1/confirm")

      let res = try await s.admin.json(.POST, "/contracts/\(c)/recheck", expect: .created)
      let recheckID = try #require(res["id"] as? String)
      let r2 = try #require(res["reviewId"] as? String)
      #expect(res["previousReviewId"] as? String == r1)
      #expect(r2 != r1)
      #expect(res["documentVersion"] as? Int == 1)
      #expect(res["checkedBy"] as? String == "admin@sakura.example")
      let playbook = try #require(res["playbook"] as? JSON)
      #expect(playbook["before"] as? String == "bunkai-guide-2024 0.9")
      #expect(playbook["changed"] as? Bool == true)
      #expect(playbook["after"] as? String != "bunkai-guide-2024 0.9")
      let appeared = try #require(res["findingsAppeared"] as? [JSON]).compactMap { $0["ruleId"] as? String }
      let resolved = try #require(res["findingsResolved"] as? [JSON])
      #expect(appeared == [aged.appeared])
      #expect(resolved.map { $0["ruleId"] as? String } == ["RETIRED-1"])
      #expect(resolved.first?["title"] as? String == "廃止した規則の指摘")
      let elements = try #require(res["elementsChanged"] as? [JSON])
      #expect(elements.count == 1)
      #expect(elements.first?["ruleId"] as? String == aged.element.rule)
      #expect(elements.first?["elementId"] as? String == aged.element.id)
      #expect(elements.first?["before"] as? String == aged.element.was)
      #expect(elements.first?["after"] as? String == aged.element.now)
      #expect(res["carriedDecisions"] as? Int == 1)
      let items = try #require(res["part2Changed"] as? [JSON])
      let c1 = try #require(items.first { $0["itemId"] as? String == "P2-C-1" })
      #expect(c1["changes"] as? [String] == ["institutionConfirmed"])
      #expect((res["changeNoticesApproved"] as? [JSON])?.count == 1)
      #expect((res["subcontractorsAdded"] as? [JSON])?.first?["name"] as? String == "ミナト運用")
      #expect((res["subcontractorsAdded"] as? [JSON])?.first?["approved"] as? Bool == false)
      #expect((res["vulnerabilitiesAdded"] as? [JSON])?.first?["severity"] as? String == "high")
      let unconfirmed = try #require(res["part2Unconfirmed"] as? [JSON])
      let waiting = try #require(unconfirmed.first { $0["itemId"] as? String == "P2-C-1" })
      #expect(waiting["institutionConfirmed"] as? Bool == true)
      #expect(waiting["vendorConfirmed"] as? Bool == false)

      // A new review of the same version; the decision came along with its reason.
      #expect(try await ContractDocument.query(on: app.db).count() == 1)
      let reviews = try await ReviewRecord.query(on: app.db).all()
      #expect(reviews.count == 2)
      #expect(Set(reviews.map(\.documentID)).count == 1)
      let second = try await s.admin.json(.GET, "/reviews/\(r2)")
      let decisions = try #require(second["decisions"] as? [JSON])
      let carried = try #require(decisions.first { $0["ruleId"] as? String == damagesRule })
      #expect(carried["kind"] as? String == "notNeeded")
      #expect(carried["reason"] as? String == "上限額は理事会で了承済み")
      #expect(carried["carriedFrom"] as? String == r1)
      // The signed acceptance came along with it.
      let moved = try #require(
        try await s.admin.list("/risk-acceptances").first {
          ($0["subject"] as? JSON)?["reviewId"] as? String == r2
        })
      #expect(moved["status"] as? String == "signed")
      #expect((moved["subject"] as? JSON)?["finding"] as? Int == 1)
      // The review pages say what the new review is: a re-check of the same version.
      let b0 = try await Browser.signIn(app, email: "admin@sakura.example")
      #expect(try await b0.get("/reviews/\(r2)").body.string.contains("前回の照合（同じ第1版）からの変化"))
      #expect(try await b0.get("/reviews/\(r1)").body.string.contains("これより新しい照合結果があります"))
      let updated = try #require(try await Contract.find(contract.id, on: app.db))
      #expect(updated.latestReviewID?.uuidString.lowercased() == r2.lowercased())
      // The next re-check counts from this one: a year from today.
      let next = try #require(try await Self.recheckDeadline(app, email: "admin@sakura.example"))
      #expect(next.due == today.adding(months: 12))
      // Recorded, and in the audit log.
      #expect(try await RecheckRecord.query(on: app.db).count() == 1)
      #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "定期の見直し").count() == 1)

      // The page: what changed, and the items still to confirm, linked to the exchange.
      let b = try await Browser.signIn(app, email: "admin@sakura.example")
      let page = try await b.get("/contracts/\(c)/rechecks/\(recheckID)")
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("廃止した規則の指摘"))
      #expect(html.contains("bunkai-guide-2024 0.9 から"))
      #expect(html.contains("ミナト運用"))
      #expect(html.contains("院内サーバOS"))
      #expect(html.contains("保守センターの移転"))
      #expect(html.contains("医療機関が確認した"))
      #expect(html.contains("事業者の確認待ち"))
      #expect(html.contains("href=\"/contracts/\(c)/exchange/P2-C-1\""))
      #expect(html.contains("双方の確認がそろっていません"))
      // The same as JSON again.
      let again = try await s.admin.json(.GET, "/contracts/\(c)/rechecks/\(recheckID)")
      #expect(again["id"] as? String == recheckID)
      #expect((again["findingsResolved"] as? [JSON])?.count == 1)
      // The contract page lists it and offers the next one.
      let contractPage = try await b.get("/contracts/\(c)").body.string
      #expect(contractPage.contains("定期の見直しを実行"))
      #expect(contractPage.contains("/contracts/\(c)/rechecks/\(recheckID)"))
      #expect(contractPage.contains(today.adding(months: 12).description))

      // A second re-check at once: nothing changed since the first, the decision still carried.
      try await b.get("/contracts/\(c)")
      let ran = try await b.post("/contracts/\(c)/recheck")
      #expect(ran.status == .seeOther)
      let location = try #require(ran.headers.first(name: .location))
      #expect(location.hasPrefix("/contracts/\(c)/rechecks/"))
      let quiet = try await b.get(location).body.string
      #expect(quiet.contains("前回の確認から変わったことはありません"))
      let latest = try #require(
        try await RecheckRecord.query(on: app.db).sort(\.$createdAt, .descending).first())
      let changes = Rechecks.Changes.decode(latest.changesJSON)
      #expect(changes.findingsAppeared.isEmpty && changes.findingsResolved.isEmpty)
      #expect(changes.subcontractorsAdded.isEmpty && changes.part2Changed.isEmpty)
      #expect(changes.carriedDecisions == 1)
      #expect(latest.previousReviewID.uuidString.lowercased() == r2.lowercased())
    }
  }

  @Test func withoutADocumentNothingIsWrittenAndOnlyTheInstitutionsEditorsMayRunIt() async throws {
    try await TestApp.run { app in
      let s = try await ContractLifeTests.setUp(app)
      let c = s.contract
      let none = try await s.admin.send(.POST, "/contracts/\(c)/recheck")
      #expect(none.status == .conflict)
      let message = try APIRouteTests.error(none)["message"] as? String
      #expect(APIRouteTests.isJapanese(message))
      #expect(message?.contains("契約書") == true)
      let b = try await Browser.signIn(app, email: "admin@sakura.example")
      try await b.get("/contracts/\(c)")
      let page = try await b.post("/contracts/\(c)/recheck")
      #expect(page.status == .conflict)
      #expect(page.body.string.contains("先に契約書をアップロードしてください"))
      #expect(try await RecheckRecord.query(on: app.db).count() == 0)
      #expect(try await ReviewRecord.query(on: app.db).count() == 0)
      #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "定期の見直し").count() == 0)

      try await ContractLifeTests.upload(
        app, s.admin, contract: c, text: ContractLifeTests.contractWith45Days)
      // The vendor may not run it, through the API or the page; nor may an executive.
      #expect(try await s.vendor.send(.POST, "/contracts/\(c)/recheck").status == .forbidden)
      let v = try await Browser.signIn(app, email: s.vendorUser.email, password: "correct-horse-2")
      try await v.get("/partner")
      #expect(try await v.post("/contracts/\(c)/recheck").status == .forbidden)
      let exec = try await APIRouteTests.client(
        app,
        try await APIRouteTests.user(
          app, org: "", orgID: s.vendorUser.organisationID, email: "exec@sakura.example", role: .executive))
      #expect(try await exec.send(.POST, "/contracts/\(c)/recheck").status == .forbidden)
      #expect(try await RecheckRecord.query(on: app.db).count() == 0)
      #expect(try await ReviewRecord.query(on: app.db).count() == 1)
      // Staff may.
      let staff = try await APIRouteTests.client(
        app,
        try await APIRouteTests.user(
          app, org: "", orgID: s.vendorUser.organisationID, email: "staff@sakura.example", role: .staff))
      let ran = try await staff.json(.POST, "/contracts/\(c)/recheck", expect: .created)
      // Another organisation's re-check id under this contract is nothing.
      #expect(try await s.admin.send(.GET, "/contracts/\(c)/rechecks/\(UUID())").status == .notFound)
      #expect(
        try await s.vendor.send(.GET, "/contracts/\(c)/rechecks/\(ran["id"] as! String)").status == .forbidden
      )
    }
  }
}
