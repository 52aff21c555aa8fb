import BunkaiCore
import BunkaiFormats
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// Executives' risk acceptances (issue 10 §3): who asks, who signs, expiry, and what stays open.
@Suite("Risk acceptances")
struct RiskAcceptanceTests {
  typealias JSON = [String: Any]
  typealias Client = APIRouteTests.Client

  struct World {
    var admin: Client
    var staff: Client
    var exec: Client
    var exec2: Client
    var staffUser: User
    var orgID: UUID
    var contractID: String
    var reviewID: String
    /// 1-based numbers of a high-severity and a medium-severity finding of the review.
    var high: Int
    var medium: Int?
  }

  /// An organisation with admin, staff, two executives, a contract and its reviewed document.
  static func world(_ app: Application) async throws -> World {
    let (adminUser, admin) = try await APIRouteTests.admin(app)
    let org = adminUser.organisationID
    let staffUser = try await APIRouteTests.user(
      app, org: "", orgID: org, email: "staff@sakura.example", role: .staff)
    let staff = try await APIRouteTests.client(app, staffUser)
    let exec = try await APIRouteTests.client(
      app,
      try await APIRouteTests.user(app, org: "", orgID: org, email: "incho@sakura.example", role: .executive))
    let exec2 = try await APIRouteTests.client(
      app,
      try await APIRouteTests.user(
        app, org: "", orgID: org, email: "rijicho@sakura.example", role: .executive))
    let vendor = try #require(
      try await staff.json(.POST, "/vendors", #"{"name":"ミドリシステム"}"#, expect: .created)["id"] as? String)
    let contract = try #require(
      try await staff.json(
        .POST, "/contracts", #"{"title":"電子カルテ保守契約","vendorId":"\#(vendor)","kind":"maintenance"}"#,
        expect: .created)["id"] as? String)
    let (body, type) = Multipart.body(
      fields: [], filename: "hoshu_sakura_typical.txt",
      data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
    let up = try await app.testing().sendRequest(
      .POST, "/api/v1/contracts/\(contract)/documents",
      headers: ["Authorization": "Bearer \(staff.token)", "Content-Type": type], body: body)
    #expect(up.status == .created)
    let reviewID = try #require(
      (try JSONSerialization.jsonObject(with: Data(up.body.string.utf8)) as? JSON)?["reviewId"] as? String)
    let review = try #require(try await ReviewRecord.find(UUID(uuidString: reviewID), on: app.db))
    let findings = try StoredReview.decode(review.resultJSON).findings
    let high = try #require(findings.firstIndex { $0.severity == "high" }) + 1
    let medium = findings.firstIndex { $0.severity == "medium" }.map { $0 + 1 }
    return World(
      admin: admin, staff: staff, exec: exec, exec2: exec2, staffUser: staffUser, orgID: org,
      contractID: contract,
      reviewID: reviewID, high: high, medium: medium)
  }

  static func openHigh(_ w: World) async throws -> Int {
    let c = try await w.staff.json(.GET, "/contracts/\(w.contractID)")
    return try #require((c["openFindings"] as? JSON)?["high"] as? Int)
  }

  static func openNumbers(_ w: World) async throws -> [Int: String] {
    let r = try await w.staff.json(.GET, "/reviews/\(w.reviewID)")
    var out: [Int: String] = [:]
    for o in (r["openFindings"] as? [JSON]) ?? [] {
      if let n = o["finding"] as? Int { out[n] = o["state"] as? String }
    }
    return out
  }

  static func request(_ w: World, finding: Int, expiresOn: String = "2099-03-31") -> String {
    #"{"subject":{"kind":"finding","reviewId":"\#(w.reviewID)","finding":\#(finding)},"risk":"保守の範囲外のため、脆弱性の修正が遅れるおそれ","reason":"改修費用が予算を超えるため","measures":"外部からの接続を閉じる","expiresOn":"\#(expiresOn)"}"#
  }

  @Test func notNeededOnHighStaysOpenUntilAnExecutiveOtherThanTheRequesterSigns() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      let before = try await Self.openHigh(w)
      #expect(try await Self.openNumbers(w)[w.high] == "undecided")

      // "Not needed" on a high finding: still open, waiting for a risk acceptance.
      _ = try await w.staff.json(
        .POST, "/reviews/\(w.reviewID)/decisions",
        #"{"finding":\#(w.high),"kind":"notNeeded","reason":"費用が合わない"}"#,
        expect: .created)
      #expect(try await Self.openHigh(w) == before)
      #expect(try await Self.openNumbers(w)[w.high] == "riskAcceptanceRequired")
      // "Not needed" on a medium finding closes it without an acceptance.
      if let m = w.medium {
        _ = try await w.staff.json(
          .POST, "/reviews/\(w.reviewID)/decisions", #"{"finding":\#(m),"kind":"notNeeded","reason":"対象外"}"#,
          expect: .created)
        #expect(try await Self.openNumbers(w)[m] == nil)
      }

      // Staff ask; executives do not ask, they sign.
      #expect(
        try await w.exec.send(.POST, "/risk-acceptances", Self.request(w, finding: w.high)).status
          == .forbidden)
      let made = try await w.staff.json(
        .POST, "/risk-acceptances", Self.request(w, finding: w.high), expect: .created)
      let id = try #require(made["id"] as? String)
      #expect(made["status"] as? String == "requested")
      #expect((made["subject"] as? JSON)?["finding"] as? Int == w.high)
      #expect((made["subject"] as? JSON)?["kind"] as? String == "finding")
      #expect(try await Self.openNumbers(w)[w.high] == "riskAcceptanceWaiting")
      #expect(try await Self.openHigh(w) == before)

      // Nobody but an executive who did not ask may sign.
      #expect(try await w.staff.send(.POST, "/risk-acceptances/\(id)/sign").status == .forbidden)
      #expect(try await w.admin.send(.POST, "/risk-acceptances/\(id)/sign").status == .forbidden)
      // The requester, even once made an executive, cannot sign their own request.
      let requester = try #require(try await User.find(w.staffUser.id, on: app.db))
      requester.role = .executive
      try await requester.save(on: app.db)
      #expect(try await w.staff.send(.POST, "/risk-acceptances/\(id)/sign").status == .forbidden)
      requester.role = .staff
      try await requester.save(on: app.db)
      #expect(try await RiskAcceptance.find(UUID(uuidString: id), on: app.db)?.signedAt == nil)

      let signed = try await w.exec.json(.POST, "/risk-acceptances/\(id)/sign")
      #expect(signed["status"] as? String == "signed")
      #expect(signed["signedBy"] as? String == "incho@sakura.example")
      #expect(try await w.exec2.send(.POST, "/risk-acceptances/\(id)/sign").status == .conflict)
      // Signed and not expired: closed.
      #expect(try await Self.openHigh(w) == before - 1)
      #expect(try await Self.openNumbers(w)[w.high] == nil)

      // Both acts are in the audit log.
      let actions = try await AuditEntry.query(on: app.db).all().map(\.action)
      #expect(actions.contains("リスク受容の申請"))
      #expect(actions.contains("リスク受容の署名"))
    }
  }

  @Test func anExpiredAcceptanceReopensTheFindingUntilANewOneIsSigned() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      let before = try await Self.openHigh(w)
      _ = try await w.staff.json(
        .POST, "/reviews/\(w.reviewID)/decisions",
        #"{"finding":\#(w.high),"kind":"notNeeded","reason":"費用"}"#,
        expect: .created)
      let id = try #require(
        try await w.staff.json(
          .POST, "/risk-acceptances", Self.request(w, finding: w.high), expect: .created)["id"]
          as? String)
      _ = try await w.exec.json(.POST, "/risk-acceptances/\(id)/sign")
      #expect(try await Self.openHigh(w) == before - 1)

      // Time passes: the acceptance's last day was yesterday (Japan time).
      let yesterday = try #require(RiskAcceptanceRules.addDays(JapanTime.today(), -1))
      let a = try #require(try await RiskAcceptance.find(UUID(uuidString: id), on: app.db))
      a.expiresOn = yesterday
      try await a.save(on: app.db)
      let list = try await w.staff.list("/risk-acceptances")
      #expect(list.first { $0["id"] as? String == id }?["status"] as? String == "expired")
      #expect(try await Self.openHigh(w) == before)
      #expect(try await Self.openNumbers(w)[w.high] == "riskAcceptanceExpired")
      // The executive's page lists it as due.
      let execPage = try await Browser.signIn(app, email: "incho@sakura.example")
      let html = try await execPage.get("/executive").body.string
      #expect(html.contains("期限切れ（\(yesterday) まで）"))

      // Extending is a new acceptance with its own signature; the old one stays as history.
      let renewed = try #require(
        try await w.staff.json(
          .POST, "/risk-acceptances", Self.request(w, finding: w.high), expect: .created)["id"]
          as? String)
      #expect(try await Self.openNumbers(w)[w.high] == "riskAcceptanceWaiting")
      _ = try await w.exec2.json(.POST, "/risk-acceptances/\(renewed)/sign")
      #expect(try await Self.openHigh(w) == before - 1)
      let all = try await w.staff.list("/risk-acceptances")
      #expect(Set(all.compactMap { $0["status"] as? String }) == ["expired", "signed"])
      // Once renewed, the expired one is no longer listed as due.
      #expect(!(try await execPage.get("/executive").body.string.contains("期限切れ（\(yesterday) まで）")))
    }
  }

  @Test func inputsAreCheckedAndOtherSubjectsAreRecorded() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      let bad: [(String, String)] = [
        (
          #"{"subject":{"kind":"finding","reviewId":"\#(w.reviewID)","finding":999},"risk":"r","reason":"x","expiresOn":"2099-01-01"}"#,
          "subject.finding"
        ),
        (
          #"{"subject":{"kind":"finding","reviewId":"\#(w.reviewID)","finding":1},"risk":"","reason":"x","expiresOn":"2099-01-01"}"#,
          "risk"
        ),
        (
          #"{"subject":{"kind":"finding","reviewId":"\#(w.reviewID)","finding":1},"risk":"r","reason":"x","expiresOn":"2020-01-01"}"#,
          "expiresOn"
        ),
        (
          #"{"subject":{"kind":"finding","reviewId":"\#(w.reviewID)","finding":1},"risk":"r","reason":"x"}"#,
          "expiresOn"
        ),
        (#"{"subject":{"kind":"other"},"risk":"r","reason":"x","expiresOn":"2099-01-01"}"#, "subject.kind"),
        (
          #"{"subject":{"kind":"checklistItem","contractId":"\#(w.contractID)","itemId":"P2-Z-9"},"risk":"r","reason":"x","expiresOn":"2099-01-01"}"#,
          "subject.itemId"
        ),
        (
          #"{"subject":{"kind":"vulnerability"},"risk":"r","reason":"x","expiresOn":"2099-01-01"}"#,
          "subject.id"
        ),
      ]
      for (body, field) in bad {
        let res = try await w.staff.send(.POST, "/risk-acceptances", body)
        #expect(res.status == .unprocessableEntity, "\(field): \(res.body.string)")
        let error = try #require(try APITests.json(res)["error"] as? JSON)
        #expect(error["field"] as? String == field)
      }
      let unknownReview = try await w.staff.send(
        .POST, "/risk-acceptances",
        #"{"subject":{"kind":"finding","reviewId":"\#(UUID())","finding":1},"risk":"r","reason":"x","expiresOn":"2099-01-01"}"#
      )
      #expect(unknownReview.status == .notFound)

      let item = try await w.staff.json(
        .POST, "/risk-acceptances",
        #"{"subject":{"kind":"checklistItem","contractId":"\#(w.contractID)","itemId":"P2-C-1"},"risk":"監視なし","reason":"費用","expiresOn":"2099-01-01"}"#,
        expect: .created)
      #expect((item["subject"] as? JSON)?["itemId"] as? String == "P2-C-1")
      #expect(item["status"] as? String == "requested")
      // A vulnerability consultation must be one of the organisation's records (issue 10 §2).
      let unknownVuln = try await w.staff.send(
        .POST, "/risk-acceptances",
        #"{"subject":{"kind":"vulnerability","id":"\#(UUID())"},"risk":"旧版のまま","reason":"検証費用","expiresOn":"2099-01-01"}"#
      )
      #expect(unknownVuln.status == .notFound)
      #expect((try APITests.json(unknownVuln)["error"] as? JSON)?["field"] as? String == "subject.id")
      let record = try await w.staff.json(
        .POST, "/contracts/\(w.contractID)/vulnerabilities",
        #"{"product":"院内サーバOS","version":"2016","advisory":"JVN#00000002","severity":"high","measure":"更新する"}"#,
        expect: .created)
      let vuln = try #require(record["id"] as? String)
      let v = try await w.staff.json(
        .POST, "/risk-acceptances",
        #"{"subject":{"kind":"vulnerability","id":"\#(vuln)"},"risk":"旧版のまま","reason":"検証費用","expiresOn":"2099-01-01"}"#,
        expect: .created)
      #expect((v["subject"] as? JSON)?["id"] as? String == vuln)
      #expect(((v["subject"] as? JSON)?["title"] as? String)?.contains("院内サーバOS") == true)
      #expect(try await w.staff.list("/risk-acceptances").count == 2)
    }
  }

  @Test func vendorsAndOtherOrganisationsSeeNothing() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      let id = try #require(
        try await w.staff.json(
          .POST, "/risk-acceptances", Self.request(w, finding: w.high), expect: .created)["id"]
          as? String)
      let vendorUser = try await APIRouteTests.user(
        app, org: "", orgID: w.orgID, email: "yamada@midori.example", role: .vendor)
      let vendor = try await APIRouteTests.client(app, vendorUser)
      #expect(try await vendor.send(.GET, "/risk-acceptances").status == .forbidden)
      #expect(
        try await vendor.send(.POST, "/risk-acceptances", Self.request(w, finding: w.high)).status
          == .forbidden)
      #expect(try await vendor.send(.POST, "/risk-acceptances/\(id)/sign").status == .forbidden)

      let otherExec = try await APIRouteTests.client(
        app, try await APIRouteTests.user(app, org: "B病院", email: "incho@b.example", role: .executive))
      #expect(try await otherExec.send(.POST, "/risk-acceptances/\(id)/sign").status == .notFound)
      #expect(try await otherExec.list("/risk-acceptances").isEmpty)
      #expect(
        try await otherExec.send(.POST, "/risk-acceptances", Self.request(w, finding: 1)).status == .forbidden
      )
      let otherStaff = try await APIRouteTests.client(
        app,
        try await APIRouteTests.user(
          app, org: "",
          orgID: try #require(try await User.query(on: app.db).filter(\.$email == "incho@b.example").first())
            .organisationID, email: "staff@b.example", role: .staff))
      #expect(
        try await otherStaff.send(.POST, "/risk-acceptances", Self.request(w, finding: 1)).status == .notFound
      )
      #expect(try await RiskAcceptance.query(on: app.db).count() == 1)
    }
  }

  @Test func onlyExecutivesSignOffAndTheyAreShownWhatIsOpen() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      #expect(try await w.admin.send(.POST, "/reviews/\(w.reviewID)/sign-off").status == .forbidden)
      #expect(try await w.staff.send(.POST, "/reviews/\(w.reviewID)/sign-off").status == .forbidden)
      let signed = try await w.exec.json(.POST, "/reviews/\(w.reviewID)/sign-off")
      #expect(signed["signedOffAt"] is String)
      let open = try #require(signed["openFindings"] as? [JSON])
      let review = try #require(try await ReviewRecord.find(UUID(uuidString: w.reviewID), on: app.db))
      #expect(open.count == (try StoredReview.decode(review.resultJSON)).findings.count)
      #expect(open.allSatisfy { $0["state"] as? String == "undecided" })
    }
  }

  @Test func pagesRequestSignAndSummarise() async throws {
    try await TestApp.run { app in
      let w = try await Self.world(app)
      _ = try await w.staff.json(
        .POST, "/reviews/\(w.reviewID)/decisions",
        #"{"finding":\#(w.high),"kind":"notNeeded","reason":"費用"}"#,
        expect: .created)
      let staff = try await Browser.signIn(app, email: "staff@sakura.example")
      let admin = try await Browser.signIn(app, email: "admin@sakura.example")
      let exec = try await Browser.signIn(app, email: "incho@sakura.example")

      // The finding card says an acceptance is needed and links to the request form.
      let reviewPage = try await staff.get("/reviews/\(w.reviewID)").body.string
      #expect(reviewPage.contains("リスク受容が必要です"))
      let link = "/risk-acceptances/new?reviewId=\(w.reviewID)&amp;finding=\(w.high)"
      #expect(reviewPage.contains(link))
      let form = try await staff.get("/risk-acceptances/new?reviewId=\(w.reviewID)&finding=\(w.high)")
      #expect(form.status == .ok)
      #expect(
        try await exec.get("/risk-acceptances/new?reviewId=\(w.reviewID)&finding=\(w.high)").status
          == .forbidden)
      try await staff.get("/risk-acceptances/new?reviewId=\(w.reviewID)&finding=\(w.high)")
      let fields: [(String, String)] = [
        ("reviewId", w.reviewID), ("finding", String(w.high)), ("contractId", ""), ("itemId", ""),
        ("risk", "外部接続の経路が暗号化されないまま残る"), ("reason", "改修費用が予算を超える"), ("measures", "接続を業務時間に限る"),
        ("owner", "事務長"),
      ]
      let missing = try await staff.post("/risk-acceptances", fields + [("expiresOn", "")])
      #expect(missing.status == .unprocessableEntity)
      #expect(missing.body.string.contains("e-expiresOn"))
      let expires = try #require(RiskAcceptanceRules.addDays(JapanTime.today(), 20))
      #expect(
        try await staff.post("/risk-acceptances", fields + [("expiresOn", expires)]).status == .seeOther)
      // The Part2 item offers the same request.
      let checklist = try await staff.get("/contracts/\(w.contractID)/checklist").body.string
      #expect(checklist.contains("/risk-acceptances/new?contractId=\(w.contractID)&amp;itemId=P2-A-1"))

      // The executive sees it waiting and signs it; the admin cannot.
      let waiting = try await exec.get("/executive").body.string
      #expect(waiting.contains("外部接続の経路が暗号化されないまま残る"))
      let a = try #require(try await RiskAcceptance.query(on: app.db).first())
      try await admin.get("/risk-acceptances")
      #expect(try await admin.post("/risk-acceptances/\(a.id!)/sign").status == .forbidden)
      try await exec.get("/executive")
      #expect(try await exec.post("/risk-acceptances/\(a.id!)/sign").status == .seeOther)
      let list = try await staff.get("/risk-acceptances").body.string
      #expect(list.contains(RiskAcceptanceStatus.signed.label))
      #expect(
        try await staff.get("/reviews/\(w.reviewID)").body.string.contains("経営層がリスクを受容しています（\(expires) まで）"))
      // Expiring within 30 days: listed as due.
      #expect(try await exec.get("/executive").body.string.contains("id=\"due\">期限が近い・期限切れの受容（1 件）"))

      // Sign-off: the admin is refused; the executive confirms the open findings first.
      try await admin.get("/reviews/\(w.reviewID)")
      #expect(try await admin.post("/reviews/\(w.reviewID)/sign-off").status == .forbidden)
      let page = try await exec.get("/reviews/\(w.reviewID)").body.string
      #expect(page.contains("未対応の指摘があることを確認しました"))
      #expect(try await exec.post("/reviews/\(w.reviewID)/sign-off").status == .seeOther)
      #expect(try await ReviewRecord.find(UUID(uuidString: w.reviewID), on: app.db)?.signedOffBy == nil)
      #expect(try await exec.get("/reviews/\(w.reviewID)").body.string.contains("に印を付けてから承認してください"))
      #expect(
        try await exec.post("/reviews/\(w.reviewID)/sign-off", [("confirmOpen", "yes")]).status == .seeOther)
      #expect(try await ReviewRecord.find(UUID(uuidString: w.reviewID), on: app.db)?.signedOffBy != nil)

      // The board summary: per vendor, agreed, open and accepted until when.
      let board = try await exec.get("/executive/board").body.string
      #expect(board.contains("ミドリシステム"))
      #expect(board.contains("電子カルテ保守契約"))
      #expect(board.contains(expires))
      let pdf = try await exec.get("/executive/board.pdf")
      if PDFConverter.soffice() != nil {
        #expect(pdf.status == .ok)
        #expect(pdf.body.string.hasPrefix("%PDF"))
      } else {
        #expect(pdf.status == .serviceUnavailable)
      }
    }
  }
}
