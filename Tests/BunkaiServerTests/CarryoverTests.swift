import BunkaiCore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// Issue 10 §4: a new document version is compared with the previous one, decisions on findings
/// that persist carry over, and the old sign-off goes stale.
@Suite("Renewals carry forward")
struct CarryoverTests {
  typealias JSON = [String: Any]
  typealias Client = APIRouteTests.Client

  static func version1() throws -> String {
    String(decoding: try Fixture.data("contracts/hoshu_sakura_typical.txt"), as: UTF8.self)
  }

  /// The renewal: a new 第3条 shifts every later article by one, and the subcontracting article
  /// (now 第8条) is rewritten to need the institution's consent, equal duties and attribution.
  static func version2() throws -> String {
    var text = try version1()
    for n in stride(from: 14, through: 3, by: -1) {
      text = text.replacingOccurrences(of: "第\(n)条（", with: "第\(n + 1)条（")
    }
    text = text.replacingOccurrences(
      of: "第4条（保守の実施方法）",
      with: "第3条（連絡窓口）\n甲及び乙は、本業務に関する連絡の窓口となる担当者をそれぞれ一名定め、その氏名を相手方に書面で知らせる。\n\n第4条（保守の実施方法）")
    let old = "乙は、本業務の全部又は一部を、甲の承諾を要することなく、乙の判断により第三者に再委託することができる。"
    #expect(text.contains(old))
    text = text.replacingOccurrences(
      of: old,
      with: """
        乙は、本業務の全部又は一部を第三者に再委託しようとするときは、事前に甲の書面による承諾を得なければならない。
        2　乙は、前項の承諾を得て再委託するときは、本契約に基づき乙が負う義務と同等の安全管理上の義務を再委託先に課し、その履行を監督する。
        3　再委託先がその義務に違反したときは、乙の義務違反とみなし、乙が甲に対して責任を負う。
        """)
    return text
  }

  static func upload(_ app: Application, _ api: Client, contract: String, _ text: String, name: String)
    async throws
    -> String
  {
    let (body, type) = Multipart.body(fields: [], filename: name, data: Data(text.utf8))
    let res = try await app.testing().sendRequest(
      .POST, "/api/v1/contracts/\(contract)/documents",
      headers: ["Authorization": "Bearer \(api.token)", "Content-Type": type], body: body)
    #expect(res.status == .created, "\(res.body.string.prefix(400))")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? JSON)
    return try #require(json["reviewId"] as? String)
  }

  /// The 1-based number of the first finding whose rule matches.
  static func finding(_ review: JSON, where match: @escaping (JSON) -> Bool) throws -> (Int, String) {
    let findings = try #require((review["review"] as? JSON)?["findings"] as? [JSON])
    let index = findings.firstIndex(where: match)
    let i = try #require(index)
    return (i + 1, try #require(findings[i]["ruleId"] as? String))
  }

  @Test func aRenewalCarriesDecisionsForwardAndMarksTheOldSignOffStale() async throws {
    try await TestApp.run { app in
      let (admin, api) = try await APIRouteTests.admin(app)
      let exec = try await APIRouteTests.client(
        app,
        try await APIRouteTests.user(
          app, org: "", orgID: admin.organisationID, email: "exec@sakura.example", role: .executive))
      let vendorID = try #require(
        try await api.json(.POST, "/vendors", #"{"name":"ミドリシステム"}"#, expect: .created)["id"] as? String)
      let contract = try #require(
        try await api.json(
          .POST, "/contracts", #"{"title":"電子カルテ保守","vendorId":"\#(vendorID)","kind":"maintenance"}"#,
          expect: .created)["id"] as? String)

      // Version 1: no previous version, so no comparison.
      let r1 = try await Self.upload(app, api, contract: contract, try Self.version1(), name: "v1.txt")
      let first = try await api.json(.GET, "/reviews/\(r1)")
      #expect(first["comparison"] is NSNull)
      #expect(first.keys.contains("comparison"))
      #expect(first["signOffStale"] as? Bool == false)

      // Decide: damages (D1) not needed with a reason, subcontracting (B2) proposed; then sign off.
      let (damages, damagesRule) = try Self.finding(first) {
        ($0["guideRefs"] as? [String])?.contains("D1") == true
      }
      let (subcontracting, subcontractingRule) = try Self.finding(first) {
        ($0["guideRefs"] as? [String])?.contains("B2") == true
      }
      _ = try await api.json(
        .POST, "/reviews/\(r1)/decisions",
        #"{"finding":\#(damages),"kind":"notNeeded","reason":"上限額は理事会で了承済み"}"#, expect: .created)
      _ = try await api.json(
        .POST, "/reviews/\(r1)/decisions", #"{"finding":\#(subcontracting),"kind":"propose"}"#,
        expect: .created)
      let signed = try await exec.json(.POST, "/reviews/\(r1)/sign-off")
      #expect(signed["signedOffAt"] is String)
      // The executive accepts the damages risk ("not needed" on a high finding needs it).
      let accepted = try await api.json(
        .POST, "/risk-acceptances",
        #"{"subject":{"kind":"finding","reviewId":"\#(r1)","finding":\#(damages)},"risk":"賠償の上限が低い","reason":"理事会で了承","expiresOn":"2099-03-31"}"#,
        expect: .created)
      let acceptanceID = try #require(accepted["id"] as? String)
      _ = try await exec.json(.POST, "/risk-acceptances/\(acceptanceID)/sign")

      // Version 2: an inserted article renumbers the rest; the subcontracting clause is fixed.
      let r2 = try await Self.upload(app, api, contract: contract, try Self.version2(), name: "v2.txt")
      let second = try await api.json(.GET, "/reviews/\(r2)")
      let comparison = try #require(second["comparison"] as? JSON)
      #expect(comparison["previousReviewId"] as? String == r1)
      let articles = try #require(comparison["articles"] as? [JSON])
      func row(_ number: String) -> JSON? { articles.first { $0["number"] as? String == number } }
      #expect(articles.count == 15)
      #expect(row("3")?["change"] as? String == "added")
      #expect(row("3")?["previousNumber"] is NSNull)
      #expect(row("10")?["previousNumber"] as? String == "9")
      #expect(row("10")?["change"] as? String == "unchanged")
      #expect(row("8")?["previousNumber"] as? String == "7")
      #expect(row("8")?["change"] as? String == "changed")
      #expect(row("15")?["previousNumber"] as? String == "14")
      #expect(!articles.contains { $0["change"] as? String == "removed" })

      let resolved = try #require(comparison["findingsResolved"] as? [String])
      let appeared = try #require(comparison["findingsAppeared"] as? [String])
      #expect(resolved.contains(subcontractingRule))
      #expect(!resolved.contains(damagesRule))
      #expect(!appeared.contains(subcontractingRule))

      // The damages decision persists with its reason, marked as carried; nothing else was decided.
      let decisions = try #require(second["decisions"] as? [JSON])
      let carried = try #require(decisions.first { $0["ruleId"] as? String == damagesRule })
      #expect(carried["kind"] as? String == "notNeeded")
      #expect(carried["reason"] as? String == "上限額は理事会で了承済み")
      #expect(carried["carriedFrom"] as? String == r1)
      #expect(decisions.count == 1)
      let (newDamages, _) = try Self.finding(second) { $0["ruleId"] as? String == damagesRule }
      #expect(carried["finding"] as? Int == newDamages)
      // The contract's open findings count the carried decision as decided, unless it is "not
      // needed" on a high finding: that stays open until an executive signs a risk acceptance.
      let findings2 = try #require((second["review"] as? JSON)?["findings"] as? [JSON])
      let c = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      #expect(c.latestReviewID?.uuidString.lowercased() == r2.lowercased())
      // The signed acceptance came along with the decision: the damages finding is closed.
      #expect(c.openHigh + c.openMedium + c.openLow == findings2.count - 1)
      let acceptances = try await api.list("/risk-acceptances")
      #expect(acceptances.count == 2)
      let moved = try #require(acceptances.first { ($0["subject"] as? JSON)?["reviewId"] as? String == r2 })
      #expect(moved["status"] as? String == "signed")
      #expect((moved["subject"] as? JSON)?["finding"] as? Int == newDamages)
      #expect(moved["expiresOn"] as? String == "2099-03-31")
      // A decision made on the new version is its own.
      let own = try await api.json(
        .POST, "/reviews/\(r2)/decisions", #"{"finding":\#(newDamages == 1 ? 2 : 1),"kind":"later"}"#,
        expect: .created)
      #expect(own["carriedFrom"] == nil)

      // The sign-off is not copied: the new review waits for its own, the old one is stale.
      #expect(second["signedOffAt"] == nil)
      #expect(second["signOffStale"] as? Bool == false)
      let old = try await api.json(.GET, "/reviews/\(r1)")
      #expect(old["signedOffAt"] is String)
      #expect(old["signOffStale"] as? Bool == true)
      #expect(old["supersededBy"] as? String == r2)
      #expect(old["comparison"] is NSNull)

      // The page shows the diff, the carried decision and the stale sign-off.
      let browser = try await Browser.signIn(app, email: "admin@sakura.example")
      let page = try await browser.get("/reviews/\(r2)")
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("前の版（第1版）からの変更"))
      #expect(html.contains("<ins>"))
      #expect(html.contains("事前に甲の書面による承諾を得なければならない"))
      #expect(html.contains("<del>"))
      #expect(html.contains("前の版の照合結果から引き継いだ判断です"))
      #expect(html.contains("第3条（連絡窓口）"))
      let oldPage = try await browser.get("/reviews/\(r1)").body.string
      #expect(oldPage.contains("id=\"stale-sign-off\""))
      #expect(!oldPage.contains("前の版（第"))
    }
  }

  /// The rule for carrying a decision, on the stored reviews alone: same rule, same unmet or
  /// contradicted elements, same or paired article.
  @Test func aFindingPersistsOnlyWithTheSameShortfallAndThePairedClause() throws {
    let catalog = try CatalogLoader.builtin()
    let reviewer = Reviewer(playbook: try PlaybookLoader.builtin(), catalog: catalog)
    let oldText = try Self.version1()
    let newText = try Self.version2()
    let old = ReviewJSON(reviewer.review(SourceText(text: oldText)), catalog: catalog)
    let new = ReviewJSON(reviewer.review(SourceText(text: newText)), catalog: catalog)
    let previousID = UUID()
    let damages = try #require(new.findings.firstIndex { $0.guideRefs.contains("D1") })
    let plain = Carryover.compare(
      previousID: previousID, previous: old, previousText: oldText, current: new, currentText: newText)
    #expect(plain.persisting.contains { $0.finding == damages })
    #expect(!plain.changedFindings.contains(damages))

    // One more element falls short: the finding is decided anew, and is neither new nor resolved.
    var worse = new
    let met = try #require(worse.findings[damages].elements.firstIndex { $0.status == "met" })
    worse.findings[damages].elements[met].status = "unmet"
    let changed = Carryover.compare(
      previousID: previousID, previous: old, previousText: oldText, current: worse, currentText: newText)
    #expect(!changed.persisting.contains { $0.finding == damages })
    #expect(changed.changedFindings.contains(damages))
    #expect(!changed.findingsAppeared.contains(worse.findings[damages].ruleId))
    #expect(!changed.findingsResolved.contains(worse.findings[damages].ruleId))

    // The same shortfall about another clause (第1条, not the one paired with the old 第9条).
    var moved = new
    moved.findings[damages].article = "1"
    moved.findings[damages].evidence = []
    let elsewhere = Carryover.compare(
      previousID: previousID, previous: old, previousText: oldText, current: moved, currentText: newText)
    #expect(!elsewhere.persisting.contains { $0.finding == damages })
  }

  @Test func onlyTheInstitutionReadsTheComparison() async throws {
    try await TestApp.run { app in
      let (_, api) = try await APIRouteTests.admin(app)
      let vendorID = try #require(
        try await api.json(.POST, "/vendors", #"{"name":"ミドリシステム"}"#, expect: .created)["id"] as? String)
      let contract = try #require(
        try await api.json(
          .POST, "/contracts", #"{"title":"電子カルテ保守","vendorId":"\#(vendorID)","kind":"maintenance"}"#,
          expect: .created)["id"] as? String)
      _ = try await Self.upload(app, api, contract: contract, try Self.version1(), name: "v1.txt")
      let r2 = try await Self.upload(app, api, contract: contract, try Self.version2(), name: "v2.txt")
      #expect(try await api.json(.GET, "/reviews/\(r2)")["comparison"] is JSON)

      // The contract's own vendor: the review (and so its comparison) stays the institution's, as before.
      let invitation = try await api.json(
        .POST, "/contracts/\(contract)/invitations", #"{"email":"yamada@midori.example"}"#, expect: .created)
      let link = try #require(invitation["link"] as? String)
      let vendorUser = try await Invitations.accept(
        on: app.db, hasher: app.password.async, token: String(try #require(link.split(separator: "/").last)),
        name: "山田", password: "correct-horse-2")
      let vendor = try await APIRouteTests.client(app, vendorUser)
      let refused = try await vendor.send(.GET, "/reviews/\(r2)")
      #expect(refused.status == .forbidden)
      #expect(!refused.body.string.contains("previousReviewId"))

      // Another organisation: nothing there.
      let (_, other) = try await APIRouteTests.admin(app, org: "みどり病院", email: "admin@midori-hp.example")
      let missing = try await other.send(.GET, "/reviews/\(r2)")
      #expect(missing.status == .notFound)
      #expect(!missing.body.string.contains("previousReviewId"))
    }
  }

  @Test func contractDatesAreProposedFromTheTextAndConfirmedByAPerson() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      // Recorded by hand: notice deadline 2027-01-31; the text says three months before 2027-03-31.
      let contract = try await b.addContract(vendorId: vendor)
      _ = try await b.uploadFixture(contractId: contract)
      let before = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      #expect(before.noticeDeadline == "2027-01-31")

      let html = try await b.get("/contracts/\(contract)").body.string
      #expect(html.contains("id=\"date-proposal\""))
      let form = try #require(
        html.components(separatedBy: "id=\"date-proposal-form\"").last?
          .components(separatedBy: "</form>").first)
      #expect(form.contains("value=\"2026-12-31\""))
      #expect(html.contains("期間満了の3か月前までに"))
      // Nothing changed until the person confirms.
      let unchanged = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      #expect(unchanged.noticeDeadline == "2027-01-31")

      // Send the form as a browser would: its hidden and date fields, and the chosen renewal.
      var fields: [(String, String)] = []
      let input = try NSRegularExpression(
        pattern: #"<input type="(hidden|date)"[^>]*?name="([^"]+)" value="([^"]*)""#)
      let ns = form as NSString
      for m in input.matches(in: form, range: NSRange(location: 0, length: ns.length)) {
        let name = ns.substring(with: m.range(at: 2))
        if name != "_csrf" { fields.append((name, ns.substring(with: m.range(at: 3)))) }
      }
      #expect(form.contains("<option value=\"true\" selected>あり</option>"))
      fields.append(("autoRenewal", form.contains("<option value=\"true\" selected>") ? "true" : "false"))
      let res = try await b.post("/contracts/\(contract)", fields)
      #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
      let after = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      #expect(after.noticeDeadline == "2026-12-31")
      #expect(after.startDate == "2026-04-01")
      #expect(after.endDate == "2027-03-31")
      #expect(after.autoRenewal)
      #expect(after.title == before.title)
      #expect(after.vendorID == before.vendorID)
      // Confirmed: the proposal no longer shows.
      #expect(!(try await b.get("/contracts/\(contract)").body.string.contains("id=\"date-proposal\"")))
    }
  }
}
