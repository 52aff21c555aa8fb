import BunkaiCore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// The contract's life after signing (issue 10 §2): change notices with the contract's own notice
/// period, the subcontractor register, vulnerability consultations; on both sides, decided only by
/// the institution.
@Suite("Contract life: change notices, subcontractors, vulnerabilities")
struct ContractLifeTests {
  typealias JSON = [String: Any]
  typealias Client = APIRouteTests.Client

  /// A maintenance contract of our own whose change clause gives 45 days.
  static let contractWith45Days = """
    システム保守契約書

    医療法人やまびこ会 やまびこ病院（以下「甲」という。）と株式会社ヤマビコ情報（以下「乙」という。）は、次のとおり契約を締結する。

    第1条（目的）
    乙は、甲の電子カルテシステムの保守業務を行う。
    第2条（保守料金）
    乙は、保守料金を変更する場合は、その60日前までに甲に通知する。
    第3条（変更の通知）
    乙は、本業務の実施体制又は使用する機器若しくはソフトウェアの変更で甲のセキュリティ体制に影響を及ぼすものを行うときは、実施予定日の45日前までに甲に書面で通知し、甲の承認を得なければならない。
    """

  /// The day `offset` days from today (Japan time), YYYY-MM-DD.
  static func day(_ offset: Int) -> String {
    ISODay(JapanTime.today())!.adding(days: offset).description
  }

  struct Setup {
    var admin: Client
    var vendor: Client
    var contract: String
    var vendorUser: User
  }

  /// An organisation with a vendor, a maintenance contract and a vendor user invited to it.
  static func setUp(_ app: Application, org: String = "さくら病院", email: String = "admin@sakura.example")
    async throws -> Setup
  {
    let (_, api) = try await APIRouteTests.admin(app, org: org, email: email)
    let vendorID = try #require(
      try await api.json(.POST, "/vendors", #"{"name":"ヤマビコ情報"}"#, expect: .created)["id"] as? String)
    let contract = try #require(
      try await api.json(
        .POST, "/contracts", #"{"title":"電子カルテ保守","vendorId":"\#(vendorID)","kind":"maintenance"}"#,
        expect: .created)["id"] as? String)
    let vendorEmail = "yamada@\(email.split(separator: "@").last!)-vendor.example"
    let invitation = try await api.json(
      .POST, "/contracts/\(contract)/invitations", #"{"email":"\#(vendorEmail)"}"#, expect: .created)
    let token = String(try #require((invitation["link"] as? String)?.split(separator: "/").last))
    let vendorUser = try await Invitations.accept(
      on: app.db, hasher: app.password.async, token: token, name: "山田", password: "correct-horse-2")
    return Setup(
      admin: api, vendor: try await APIRouteTests.client(app, vendorUser), contract: contract,
      vendorUser: vendorUser)
  }

  static func upload(_ app: Application, _ api: Client, contract: String, text: String) async throws {
    let (body, type) = Multipart.body(fields: [], filename: "保守契約.txt", data: Data(text.utf8))
    let res = try await app.testing().sendRequest(
      .POST, "/api/v1/contracts/\(contract)/documents",
      headers: ["Authorization": "Bearer \(api.token)", "Content-Type": type], body: body)
    #expect(res.status == .created, "\(res.body.string.prefix(300))")
  }

  static func notice(_ planned: String, items: [String] = []) -> String {
    let ids = items.map { "\"\($0)\"" }.joined(separator: ",")
    return
      #"{"title":"保守センターの移転","details":"東京から大阪へ","affectsSecurity":true,"plannedOn":"\#(planned)","itemIds":[\#(ids)]}"#
  }

  @Test func aLateNoticeIsFlaggedByTheContractsOwnPeriod() async throws {
    try await TestApp.run { app in
      let s = try await Self.setUp(app)
      try await Self.upload(app, s.admin, contract: s.contract, text: Self.contractWith45Days)
      // 40 days before: on time by the default 30 days, late by the contract's 45.
      let late = try await s.vendor.json(
        .POST, "/contracts/\(s.contract)/change-notices", Self.notice(Self.day(40)), expect: .created)
      #expect(late["late"] as? Bool == true)
      #expect(late["side"] as? String == "vendor")
      #expect(late["status"] as? String == "pending")
      #expect(late["deadline"] as? String == Self.day(-5))
      let period = try #require(late["period"] as? JSON)
      #expect(period["source"] as? String == "contract")
      #expect(period["amount"] as? Int == 45)
      #expect(period["unit"] as? String == "days")
      #expect(period["article"] as? String == "3")
      let onTime = try await s.vendor.json(
        .POST, "/contracts/\(s.contract)/change-notices", Self.notice(Self.day(45)), expect: .created)
      #expect(onTime["late"] as? Bool == false)
      // Both sides see both notices; the page says which one came late and why.
      #expect(try await s.admin.list("/contracts/\(s.contract)/change-notices").count == 2)
      #expect(try await s.vendor.list("/contracts/\(s.contract)/change-notices").count == 2)
      let b = try await Browser.signIn(app, email: "admin@sakura.example")
      let page = try await b.get("/contracts/\(s.contract)/life")
      #expect(page.status == .ok)
      #expect(page.body.string.contains("期限後の通知"))
      #expect(page.body.string.contains("契約書第3条"))
      #expect(page.body.string.contains("45日前までに"))
      let v = try await Browser.signIn(app, email: s.vendorUser.email, password: "correct-horse-2")
      let vendorPage = try await v.get("/contracts/\(s.contract)/life")
      #expect(vendorPage.status == .ok)
      #expect(vendorPage.body.string.contains("保守センターの移転"))
      // The vendor sees no decision form.
      #expect(!vendorPage.body.string.contains("承認する</button>"))
    }
  }

  @Test func theOrganisationsDefaultAppliesWithoutAClause() async throws {
    try await TestApp.run { app in
      let s = try await Self.setUp(app)
      // No document at all: the default of 30 days.
      let first = try await s.admin.json(
        .POST, "/contracts/\(s.contract)/change-notices", Self.notice(Self.day(25)), expect: .created)
      #expect(first["late"] as? Bool == true)
      #expect((first["period"] as? JSON)?["source"] as? String == "default")
      #expect((first["period"] as? JSON)?["amount"] as? Int == 30)
      #expect(first["side"] as? String == "institution")
      // A contract without a period of its own (the typical template) keeps the default, which
      // the admin lowers to 20 days.
      try await Self.upload(
        app, s.admin, contract: s.contract,
        text: String(decoding: try Fixture.data("contracts/hoshu_sakura_typical.txt"), as: UTF8.self))
      #expect(try await s.admin.json(.GET, "/settings/change-notice-period")["days"] as? Int == 30)
      let bad = try await s.admin.send(.PUT, "/settings/change-notice-period", #"{"days":0}"#)
      #expect(bad.status == .unprocessableEntity)
      #expect(try APIRouteTests.error(bad)["field"] as? String == "days")
      #expect(APIRouteTests.isJapanese(try APIRouteTests.error(bad)["message"] as? String))
      #expect(
        try await s.admin.json(.PUT, "/settings/change-notice-period", #"{"days":20}"#)["days"] as? Int == 20)
      #expect(
        try await s.vendor.send(.PUT, "/settings/change-notice-period", #"{"days":5}"#).status == .forbidden)
      let second = try await s.vendor.json(
        .POST, "/contracts/\(s.contract)/change-notices", Self.notice(Self.day(25)), expect: .created)
      #expect(second["late"] as? Bool == false)
      #expect((second["period"] as? JSON)?["amount"] as? Int == 20)
      #expect((second["period"] as? JSON)?["source"] as? String == "default")
      // Missing fields are named, in Japanese.
      let missing = try await s.vendor.send(
        .POST, "/contracts/\(s.contract)/change-notices", #"{"title":"x","affectsSecurity":true}"#)
      #expect(missing.status == .unprocessableEntity)
      #expect(try APIRouteTests.error(missing)["field"] as? String == "plannedOn")
      let unknownItem = try await s.vendor.send(
        .POST, "/contracts/\(s.contract)/change-notices", Self.notice(Self.day(60), items: ["P2-B-1"]))
      // B items are not in a maintenance contract's Part2.
      #expect(unknownItem.status == .unprocessableEntity)
      #expect(try APIRouteTests.error(unknownItem)["field"] as? String == "itemIds")
    }
  }

  @Test func approvalReopensTheTouchedItemsAndKeepsTheAgreementInHistory() async throws {
    try await TestApp.run { app in
      let s = try await Self.setUp(app)
      let c = s.contract
      // P2-A-12 and P2-C-1 are agreed by both sides; P2-A-5 is not.
      for item in ["P2-A-12", "P2-C-1"] {
        _ = try await s.admin.json(
          .PUT, "/contracts/\(c)/exchange/\(item)/split", #"{"owner":"notApplicable"}"#)
        _ = try await s.admin.json(.POST, "/contracts/\(c)/exchange/\(item)/confirm")
        let agreed = try await s.vendor.json(.POST, "/contracts/\(c)/exchange/\(item)/confirm")
        #expect((agreed["item"] as? JSON)?["agreed"] as? Bool == true)
      }
      let notice = try await s.vendor.json(
        .POST, "/contracts/\(c)/change-notices", Self.notice(Self.day(90), items: ["P2-A-12", "P2-A-5"]),
        expect: .created)
      let id = try #require(notice["id"] as? String)
      // Only the institution decides.
      let byVendor = try await s.vendor.send(
        .POST, "/contracts/\(c)/change-notices/\(id)/decision", #"{"decision":"approve"}"#)
      #expect(byVendor.status == .forbidden)
      #expect(APIRouteTests.isJapanese(try APIRouteTests.error(byVendor)["message"] as? String))
      // A refusal needs a reason.
      let noReason = try await s.admin.send(
        .POST, "/contracts/\(c)/change-notices/\(id)/decision", #"{"decision":"refuse","reason":"  "}"#)
      #expect(noReason.status == .unprocessableEntity)
      #expect(try APIRouteTests.error(noReason)["field"] as? String == "reason")
      #expect((try APIRouteTests.error(noReason)["message"] as? String ?? "").contains("理由"))
      #expect(
        try await s.admin.list("/contracts/\(c)/change-notices").first?["status"] as? String == "pending")

      let approved = try await s.admin.json(
        .POST, "/contracts/\(c)/change-notices/\(id)/decision",
        #"{"decision":"approve","reason":"移転先の体制を確認した"}"#)
      #expect(approved["status"] as? String == "approved")
      #expect(approved["reason"] as? String == "移転先の体制を確認した")
      // Deciding twice is a conflict.
      #expect(
        try await s.admin.send(
          .POST, "/contracts/\(c)/change-notices/\(id)/decision", #"{"decision":"refuse","reason":"x"}"#
        )
        .status == .conflict)

      // The touched, agreed item is back to "to re-confirm" for both sides …
      let reopened = try await s.admin.json(.GET, "/contracts/\(c)/exchange/P2-A-12")
      let item = try #require(reopened["item"] as? JSON)
      #expect(item["agreed"] as? Bool == false)
      #expect(Set(item["waitingFor"] as? [String] ?? []) == ["institution", "vendor"])
      #expect(item["institutionConfirmation"] == nil)
      #expect(item["vendorConfirmation"] == nil)
      #expect(item["owner"] as? String == "notApplicable")
      // … the one it did not touch stays agreed …
      let untouched = try await s.admin.json(.GET, "/contracts/\(c)/exchange/P2-C-1")
      #expect((untouched["item"] as? JSON)?["agreed"] as? Bool == true)
      // … and the earlier agreement is in the split's history, tied to the notice.
      let history = try await SplitChange.query(on: app.db).filter(\.$itemID == "P2-A-12").all()
      #expect(history.count == 1)
      #expect(history.first?.changeNoticeID?.uuidString == id)
      #expect(history.first?.beforeOwner == .notApplicable)
      #expect(history.first?.side == .institution)
      #expect(try await SplitChange.query(on: app.db).filter(\.$itemID == "P2-A-5").count() == 0)
      let audit = try await AuditEntry.query(on: app.db).all().map(\.action)
      #expect(audit.contains("変更の通知"))
      #expect(audit.contains("変更の通知の承認"))
      #expect(audit.contains("分担の再確認（変更の通知の承認による）"))
      // The vendor's exchange page tells it why the item came back.
      let v = try await Browser.signIn(app, email: s.vendorUser.email, password: "correct-horse-2")
      #expect(try await v.get("/contracts/\(c)/exchange").body.string.contains("変更の通知を承認したため"))
      // The item page says it came back because of the notice (naming it), not that the
      // institution changed the split, and the re-confirmation acknowledges the notice.
      let itemPage = try await v.get("/contracts/\(c)/exchange/P2-A-12").body.string
      #expect(itemPage.contains("変更の通知が承認されたため"))
      #expect(itemPage.contains("変更の通知「\(try #require(notice["title"] as? String))」を承認したため"))
      #expect(!itemPage.contains("相手側が、確認済みだった分担を変更しました"))
      #expect(itemPage.contains("変更の通知の内容とこの項目への影響を確認しました"))

      // A refusal with a reason is kept as such and reopens nothing.
      let second = try await s.vendor.json(
        .POST, "/contracts/\(c)/change-notices", Self.notice(Self.day(90), items: ["P2-C-1"]),
        expect: .created)
      let refused = try await s.admin.json(
        .POST, "/contracts/\(c)/change-notices/\(second["id"] as? String ?? "")/decision",
        #"{"decision":"refuse","reason":"移転先の監査報告が届いていないため"}"#)
      #expect(refused["status"] as? String == "refused")
      let still = try await s.admin.json(.GET, "/contracts/\(c)/exchange/P2-C-1")
      #expect((still["item"] as? JSON)?["agreed"] as? Bool == true)
    }
  }

  @Test func aSubcontractorInUseWithoutApprovalIsFlagged() async throws {
    try await TestApp.run { app in
      let s = try await Self.setUp(app)
      let c = s.contract
      let admin = try await Browser.signIn(app, email: "admin@sakura.example")
      #expect(!(try await admin.get("/").body.string.contains("承認なしで利用中の再委託先")))
      // The vendor registers one through its portal, already in use.
      let v = try await Browser.signIn(app, email: s.vendorUser.email, password: "correct-horse-2")
      #expect(try await v.get("/partner").body.string.contains("/contracts/\(c)/life"))
      try await v.get("/contracts/\(c)/life")
      let missing = try await v.post(
        "/contracts/\(c)/subcontractors", [("name", "株式会社ミナト運用"), ("scope", "夜間監視"), ("dataHandled", "ログ")])
      #expect(missing.status == .unprocessableEntity)
      #expect(missing.body.string.contains("同等の義務を課したか（はい/いいえ）を選んでください。"))
      let added = try await v.post(
        "/contracts/\(c)/subcontractors",
        [
          ("name", "株式会社ミナト運用"), ("scope", "夜間のシステム監視"), ("dataHandled", "操作ログ（患者情報を含む）"),
          ("equalDuties", "true"), ("inUse", "true"),
        ])
      #expect(added.status == .seeOther)
      // A planned one, not in use yet, is no flag.
      _ = try await s.vendor.json(
        .POST, "/contracts/\(c)/subcontractors",
        #"{"name":"アオバ保守","scope":"機器交換","dataHandled":"なし","equalDuties":false}"#, expect: .created)
      let listed = try await s.admin.list("/contracts/\(c)/subcontractors")
      #expect(listed.count == 2)
      #expect(
        listed.filter { $0["unapprovedInUse"] as? Bool == true }.map { $0["name"] as? String } == [
          "株式会社ミナト運用"
        ])

      let dashboard = try await admin.get("/").body.string
      #expect(dashboard.contains("承認なしで利用中の再委託先 1件"))
      #expect(dashboard.contains("id=\"unapproved-subcontractors\""))
      #expect(try await admin.get("/contracts/\(c)").body.string.contains("承認のないまま利用されている再委託先が 1 件"))

      // Only the institution approves.
      let sid = try #require(listed.first { $0["name"] as? String == "株式会社ミナト運用" }?["id"] as? String)
      #expect(
        try await s.vendor.send(.POST, "/contracts/\(c)/subcontractors/\(sid)/approval", #"{}"#).status
          == .forbidden)
      try await v.get("/contracts/\(c)/life")
      #expect(try await v.post("/contracts/\(c)/subcontractors/\(sid)/approval").status == .forbidden)
      // Kept in use without approval needs the executive's acceptance: the page says so and links
      // the request for this subcontractor (not offered to the vendor).
      let unapproved = try await admin.get("/contracts/\(c)/life").body.string
      #expect(unapproved.contains("経営層のリスク受容が必要です（まだ申請されていません）"))
      #expect(unapproved.contains("/risk-acceptances/new?subcontractorId=\(sid)"))
      #expect(!(try await v.get("/contracts/\(c)/life").body.string.contains("subcontractorId=")))
      let approved = try await admin.post(
        "/contracts/\(c)/subcontractors/\(sid)/approval",
        [("approvedOn", "2026-11-30"), ("approvedBy", "理事会")])
      #expect(approved.status == .seeOther)
      let after = try await s.admin.list("/contracts/\(c)/subcontractors").first {
        $0["id"] as? String == sid
      }
      #expect(after?["approvedOn"] as? String == "2026-11-30")
      #expect(after?["approvedBy"] as? String == "理事会")
      #expect(after?["unapprovedInUse"] as? Bool == false)
      #expect(!(try await admin.get("/").body.string.contains("承認なしで利用中の再委託先")))
    }
  }

  @Test func decliningAHighVulnerabilityNeedsARiskAcceptance() async throws {
    try await TestApp.run { app in
      let s = try await Self.setUp(app)
      let c = s.contract
      let high = try await s.vendor.json(
        .POST, "/contracts/\(c)/vulnerabilities",
        #"{"product":"Windows Server","version":"2019","advisory":"https://jvn.jp/vu/JVNVU00000000/","severity":"high","measure":"月例の修正プログラムを適用する","cost":"作業費 20万円"}"#,
        expect: .created)
      #expect(high["decision"] as? String == "pending")
      #expect(high["riskAcceptanceRequired"] as? Bool == false)
      let low = try await s.vendor.json(
        .POST, "/contracts/\(c)/vulnerabilities",
        #"{"product":"PDF閲覧ソフト","version":"11.2","advisory":"JVN#00000001","severity":"low","measure":"次回の保守で更新"}"#,
        expect: .created)
      let badSeverity = try await s.vendor.send(
        .POST, "/contracts/\(c)/vulnerabilities",
        #"{"product":"x","version":"1","advisory":"a","severity":"severe","measure":"m"}"#)
      #expect(try APIRouteTests.error(badSeverity)["field"] as? String == "severity")
      let hid = try #require(high["id"] as? String)
      let lid = try #require(low["id"] as? String)
      #expect(
        try await s.vendor.send(
          .POST, "/contracts/\(c)/vulnerabilities/\(hid)/decision", #"{"decision":"apply"}"#
        )
        .status == .forbidden)
      let noReason = try await s.admin.send(
        .POST, "/contracts/\(c)/vulnerabilities/\(hid)/decision", #"{"decision":"decline"}"#)
      #expect(noReason.status == .unprocessableEntity)
      #expect(try APIRouteTests.error(noReason)["field"] as? String == "reason")
      let noDate = try await s.admin.send(
        .POST, "/contracts/\(c)/vulnerabilities/\(hid)/decision", #"{"decision":"defer","reason":"予算がない"}"#)
      #expect(try APIRouteTests.error(noDate)["field"] as? String == "deferUntil")
      let declined = try await s.admin.json(
        .POST, "/contracts/\(c)/vulnerabilities/\(hid)/decision",
        #"{"decision":"decline","reason":"再検証の費用が今年度の予算にない"}"#)
      #expect(declined["decision"] as? String == "decline")
      #expect(declined["riskAcceptanceRequired"] as? Bool == true)
      let lowDeclined = try await s.admin.json(
        .POST, "/contracts/\(c)/vulnerabilities/\(lid)/decision", #"{"decision":"decline","reason":"影響がない"}"#)
      #expect(lowDeclined["riskAcceptanceRequired"] as? Bool == false)
      let web = try await Browser.signIn(app, email: "admin@sakura.example")
      let page = try await web.get("/contracts/\(c)/life").body.string
      #expect(page.contains("経営層のリスク受容が必要です（まだ申請されていません）"))
      // The acceptance is asked for from the page: the form names the vulnerability, and once
      // asked the record shows it waiting for the executive's signature.
      let request = "/risk-acceptances/new?vulnerabilityId=\(hid)"
      #expect(page.contains(request))
      let form = try await web.get(request).body.string
      #expect(form.contains("Windows Server"))
      let asked = try await web.post(
        "/risk-acceptances",
        [
          ("vulnerabilityId", hid), ("reviewId", ""), ("finding", ""), ("contractId", ""), ("itemId", ""),
          ("risk", "修正プログラムを当面適用しない"), ("reason", "再検証の費用が今年度の予算にない"),
          ("measures", "該当サーバを外部から遮断する"), ("owner", "事務長"), ("expiresOn", "2099-03-31"),
        ])
      #expect(asked.status == .seeOther)
      let stored = try await RiskAcceptance.query(on: app.db).filter(\.$subjectID == UUID(uuidString: hid))
        .all()
      #expect(stored.map(\.subjectKind) == [.vulnerability])
      let after = try await web.get("/contracts/\(c)/life").body.string
      #expect(after.contains("リスク受容の署名待ち"))
      #expect(!after.contains(request))
      // Applying it after all clears the need.
      let applied = try await s.admin.json(
        .POST, "/contracts/\(c)/vulnerabilities/\(hid)/decision", #"{"decision":"apply"}"#)
      #expect(applied["riskAcceptanceRequired"] as? Bool == false)
      let deferred = try await s.admin.json(
        .POST, "/contracts/\(c)/vulnerabilities/\(hid)/decision",
        #"{"decision":"defer","deferUntil":"2027-03-31","reason":"次の保守日に合わせる"}"#)
      #expect(deferred["deferUntil"] as? String == "2027-03-31")
      #expect(deferred["riskAcceptanceRequired"] as? Bool == true)
    }
  }

  @Test func othersMeetForbiddenOrNotFound() async throws {
    try await TestApp.run { app in
      let s = try await Self.setUp(app)
      let c = s.contract
      let n = try await s.vendor.json(
        .POST, "/contracts/\(c)/change-notices", Self.notice(Self.day(60)), expect: .created)
      let nid = try #require(n["id"] as? String)
      // The same vendor's other contract, where it was not invited.
      let vendorID = try #require(try await Vendor.query(on: app.db).first()?.id?.uuidString)
      let other = try #require(
        try await s.admin.json(
          .POST, "/contracts", #"{"title":"レセコン保守","vendorId":"\#(vendorID)","kind":"maintenance"}"#,
          expect: .created)["id"] as? String)
      for path in ["change-notices", "subcontractors", "vulnerabilities"] {
        #expect(try await s.vendor.send(.GET, "/contracts/\(other)/\(path)").status == .notFound)
        #expect(try await s.vendor.send(.POST, "/contracts/\(other)/\(path)", "{}").status == .notFound)
      }
      // Another organisation sees nothing, even with the right ids.
      let b = try await Self.setUp(app, org: "B病院", email: "admin@b.example")
      for path in ["change-notices", "subcontractors", "vulnerabilities"] {
        #expect(try await b.admin.send(.GET, "/contracts/\(c)/\(path)").status == .notFound)
        #expect(try await b.vendor.send(.GET, "/contracts/\(c)/\(path)").status == .notFound)
      }
      #expect(
        try await b.admin.send(
          .POST, "/contracts/\(c)/change-notices/\(nid)/decision", #"{"decision":"approve"}"#
        )
        .status == .notFound)
      // The notice under another contract of the same organisation is not found there.
      #expect(
        try await s.admin.send(
          .POST, "/contracts/\(other)/change-notices/\(nid)/decision", #"{"decision":"approve"}"#
        )
        .status == .notFound)
      // An executive reads but does not decide.
      let admin = try #require(
        try await User.query(on: app.db).filter(\.$email == "admin@sakura.example").first())
      let exec = try await APIRouteTests.client(
        app,
        try await APIRouteTests.user(
          app, org: "", orgID: admin.organisationID, email: "incho@sakura.example", role: .executive))
      #expect(try await exec.list("/contracts/\(c)/change-notices").count == 1)
      #expect(
        try await exec.send(
          .POST, "/contracts/\(c)/change-notices/\(nid)/decision", #"{"decision":"approve"}"#
        )
        .status == .forbidden)
      #expect(try await ChangeNotice.query(on: app.db).first()?.status == .pending)
    }
  }
}
