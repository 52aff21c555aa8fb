import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

@Suite("Vendor collaboration: invitations, the five steps, confirmations")
struct CollaborationTests {
  /// Invites `email` to the contract through the page and returns the token from the link shown.
  static func invite(_ admin: Browser, contract: String, email: String) async throws -> String {
    try await admin.get("/contracts/\(contract)/exchange")
    let res = try await admin.post("/contracts/\(contract)/invitations", [("email", email), ("days", "14")])
    #expect(res.status == .ok, "\(res.body.string.prefix(300))")
    let html = res.body.string
    let r = try #require(html.range(of: "id=\"invite-link\" value=\""))
    let link = String(html[r.upperBound...].prefix { $0 != "\"" })
    #expect(link.contains("/invite/bk_"))
    return String(link.split(separator: "/").last!)
  }

  /// Accepts an invitation in a fresh browser; returns the vendor's signed-in browser.
  static func accept(_ app: Application, token: String, name: String = "保守担当 木村") async throws -> Browser {
    let v = Browser(app)
    let page = try await v.get("/invite/\(token)")
    #expect(page.status == .ok)
    #expect(page.body.string.contains("招待の受諾"))
    let res = try await v.post("/invite/\(token)", [("name", name), ("password", "vendor-pass-123")])
    #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
    return v
  }

  static func post(_ b: Browser, _ contract: String, _ item: String, _ text: String) async throws
    -> HTTPStatus
  {
    try await b.get("/contracts/\(contract)/exchange/\(item)")
    return try await b.post("/contracts/\(contract)/exchange/\(item)/entries", [("text", text)]).status
  }

  @Test func vendorAnswersAnItemThroughFiveStepsAndBothConfirm() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let vendor = try await admin.addVendor()
      let contract = try await admin.addContract(vendorId: vendor)
      // The item was answered いいえ at the first meeting: agreement will set its 完了日.
      try await admin.post("/contracts/\(contract)/checklist", [("answers[P2-C-4][initial]", "no")])
      let token = try await Self.invite(admin, contract: contract, email: "Kimura@Midori.example")
      let v = try await Self.accept(app, token: token)

      let account = try #require(
        try await User.query(on: app.db).filter(\.$email == "kimura@midori.example").first())
      #expect(account.role == .vendor)
      #expect(account.vendorID?.uuidString == vendor)
      // The vendor's home lists the contract; the institution's pages are closed to it.
      #expect(try await v.get("/").headers.first(name: .location) == "/partner")
      #expect(try await v.get("/partner").body.string.contains("電子カルテ保守契約"))
      for page in [
        "/contracts", "/contracts/\(contract)", "/vendors", "/audit", "/checklist/part1", "/users",
        "/responsibilities", "/responsibilities.xlsx",
      ] {
        #expect(try await v.get(page).status == .forbidden, "\(page)")
      }
      // The invitation is used up.
      let reused = try await Browser(app).get("/invite/\(token)")
      #expect(reused.status == .notFound)
      #expect(reused.body.string.contains("この招待は使用済みです"))

      let item = "P2-C-4"
      #expect(try await Self.post(admin, contract, item, "医療機関が先に書く") == .conflict)
      #expect(try await Self.post(v, contract, item, "弊社は障害検知から1時間以内に電話で第一報を入れます。") == .seeOther)
      #expect(try await Self.post(v, contract, item, "続けて書く") == .conflict)
      #expect(try await Self.post(admin, contract, item, "当院が自ら行うべきことは何ですか。") == .seeOther)
      #expect(try await Self.post(v, contract, item, "院内の連絡網を整え、夜間の窓口を決めてください。") == .seeOther)
      try await admin.get("/contracts/\(contract)/exchange/\(item)")
      let withFile = try await admin.upload(
        "/contracts/\(contract)/exchange/\(item)/entries", filename: "連絡網.txt",
        data: Data("夜間窓口: 当直事務".utf8), fields: [("text", "連絡網は当院で作ります。原因究明の支援をお願いします。")])
      #expect(withFile.status == .seeOther, "\(withFile.body.string.prefix(300))")

      // Step 5: the overview says both sides are awaited.
      let overview = try await v.get("/contracts/\(contract)/exchange").body.string
      #expect(overview.contains("手順5"))
      let page = try await v.get("/contracts/\(contract)/exchange/\(item)").body.string
      #expect(page.contains("連絡網.txt"))
      #expect(page.contains("手順4"))

      try await admin.get("/contracts/\(contract)/exchange/\(item)")
      #expect(
        try await admin.post(
          "/contracts/\(contract)/exchange/\(item)/split",
          [("owner", "joint"), ("agreed", "第一報は事業者が1時間以内、院内連絡は医療機関")]
        ).status == .seeOther)
      #expect(try await admin.post("/contracts/\(contract)/exchange/\(item)/confirm").status == .seeOther)
      var answer = try #require(
        try await ChecklistAnswer.query(on: app.db).filter(\.$itemID == item).first())
      #expect(answer.institutionConfirmedAt != nil)
      #expect(!answer.isAgreed)
      #expect(answer.completedOn == nil)
      try await v.get("/contracts/\(contract)/exchange/\(item)")
      #expect(try await v.post("/contracts/\(contract)/exchange/\(item)/confirm").status == .seeOther)
      answer = try #require(try await ChecklistAnswer.query(on: app.db).filter(\.$itemID == item).first())
      #expect(answer.isAgreed)
      #expect(answer.vendorConfirmedBy?.contains("保守担当 木村") == true)
      #expect(answer.completedOn == DashboardController.today())
      #expect(try await v.get("/contracts/\(contract)/exchange/\(item)").body.string.contains("合意済み"))

      // A later edit withdraws both confirmations and the 完了日, and the log says so.
      try await v.get("/contracts/\(contract)/exchange/\(item)")
      #expect(
        try await v.post(
          "/contracts/\(contract)/exchange/\(item)/split", [("owner", "vendor"), ("agreed", "すべて事業者")]
        ).status == .seeOther)
      answer = try #require(try await ChecklistAnswer.query(on: app.db).filter(\.$itemID == item).first())
      #expect(!answer.isAgreed)
      #expect(answer.institutionConfirmedAt == nil && answer.vendorConfirmedAt == nil)
      #expect(answer.completedOn == nil)
      let audit = try await admin.get("/audit").body.string
      #expect(audit.contains("分担の変更（確認を取り消し）"))
      #expect(audit.contains("<strong>保守担当 木村"))
      #expect(audit.contains("（事業者） が"))
      #expect(audit.contains("への招待を受けました"))
    }
  }

  /// A vendor's files get the institution's limits and checks, and its forms need the CSRF token.
  @Test func vendorUploadsAreCheckedAndFormsNeedTheToken() async throws {
    try await TestApp.run(maxUploadBytes: 64 * 1024) { app in
      let admin = try await Browser.setUp(app)
      let vendor = try await admin.addVendor()
      let contract = try await admin.addContract(vendorId: vendor)
      let v = try await Self.accept(
        app, token: try await Self.invite(admin, contract: contract, email: "k@midori.example"))
      try await v.get("/contracts/\(contract)/exchange")
      let path = "/contracts/\(contract)/attachments"
      let exe = try await v.upload(path, filename: "setup.exe", data: Data("MZ".utf8))
      #expect(exe.status == .unsupportedMediaType)
      #expect(exe.body.string.contains("対応していない形式です"))
      let big = try await v.upload(path, filename: "仕様.txt", data: Data(repeating: 0x41, count: 70 * 1024))
      #expect(big.status == .payloadTooLarge)
      let broken = try await v.upload(path, filename: "開示書.docx", data: Data("not a zip".utf8))
      #expect(broken.status == .unprocessableEntity)
      #expect(broken.body.string.contains("開示書.docx"))
      let sheet = try await v.upload(
        path, filename: "MDS.xlsx", data: try Fixture.data("formats/catalog.xlsx"))
      #expect(sheet.status == .seeOther)
      #expect(try await Attachment.query(on: app.db).count() == 1)
      let listed = try await admin.get("/contracts/\(contract)/exchange").body.string
      #expect(listed.contains("MDS.xlsx"))
      #expect(listed.contains("事業者 保守担当 木村"))
      // The institution downloads what the vendor attached, byte for byte.
      let a = try #require(try await Attachment.query(on: app.db).first())
      let got = try await admin.get("/attachments/\(a.id!)")
      #expect(got.status == .ok)
      #expect(Data(buffer: got.body) == (try Fixture.data("formats/catalog.xlsx")))

      // Without the CSRF token every form of the exchange is refused.
      for form in [
        "exchange/P2-A-1/entries", "exchange/P2-A-1/split", "exchange/P2-A-1/confirm", "attachments",
      ] {
        let r = try await v.post(
          "/contracts/\(contract)/\(form)", [("text", "x"), ("owner", "joint"), ("agreed", "x")], csrf: false)
        #expect(r.status == .forbidden, "\(form)")
      }
      #expect(try await ExchangeEntry.query(on: app.db).count() == 0)
    }
  }

  /// With an SMTP relay configured the link is also mailed; a relay that does not answer leaves the
  /// invitation in place, with the link on screen and a message saying the mail did not go.
  @Test func invitationsAreMailedWhenSMTPIsConfigured() async throws {
    let relay = try FakeSMTP()
    let smtp = SMTPSettings(
      host: "127.0.0.1", port: relay.port, from: "bunkai@sakura.example", username: "relay", password: "pw",
      security: .none)
    try await TestApp.run(smtp: smtp) { app in
      let admin = try await Browser.setUp(app)
      let contract = try await admin.addContract(vendorId: try await admin.addVendor())
      let token = try await Self.invite(admin, contract: contract, email: "kimura@midori.example")
      #expect(admin.lastBody.contains("招待メールを送りました"))
      let (commands, message) = relay.result()
      #expect(commands.contains("MAIL FROM:<bunkai@sakura.example>"))
      #expect(commands.contains("RCPT TO:<kimura@midori.example>"))
      #expect(commands.contains { $0.hasPrefix("AUTH PLAIN ") })
      #expect(message.contains("Subject: =?UTF-8?B?"))
      let body = try #require(message.components(separatedBy: "\r\n\r\n").last)
      let text = String(
        decoding: try #require(Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: ""))),
        as: UTF8.self)
      #expect(text.contains("/invite/\(token)"))
      #expect(text.contains("電子カルテ保守契約"))
    }
    // Nothing listens on the relay's port any more.
    try await TestApp.run(
      smtp: SMTPSettings(host: "127.0.0.1", port: relay.port, from: "b@x.example", security: .none)
    ) {
      app in
      let admin = try await Browser.setUp(app)
      let contract = try await admin.addContract(vendorId: try await admin.addVendor())
      _ = try await Self.invite(admin, contract: contract, email: "kimura@midori.example")
      #expect(admin.lastBody.contains("招待メールを送れませんでした"))
      #expect(try await Invitation.query(on: app.db).count() == 1)
    }
  }

  @Test func usedExpiredAndForeignInvitationsAreRefused() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let vendor = try await admin.addVendor()
      let contract = try await admin.addContract(vendorId: vendor)
      let token = try await Self.invite(admin, contract: contract, email: "late@midori.example")
      let inv = try #require(try await Invitation.query(on: app.db).first())
      inv.expiresAt = Date().addingTimeInterval(-60)
      try await inv.save(on: app.db)
      let late = Browser(app)
      let expired = try await late.get("/invite/\(token)")
      #expect(expired.status == .notFound)
      #expect(expired.body.string.contains("有効期限が切れています"))
      try await late.get("/login")
      #expect(
        try await late.post("/invite/\(token)", [("name", "x"), ("password", "vendor-pass-123")]).status
          == .notFound)
      #expect(try await User.query(on: app.db).filter(\.$email == "late@midori.example").count() == 0)
      // Whoever holds the expired link opens none of the contract's pages.
      for path in ["exchange", "exchange/P2-A-1", "annex.docx", "annex.html"] {
        let r = try await late.get("/contracts/\(contract)/\(path)")
        #expect(r.status == .seeOther && r.headers.first(name: .location) == "/login", "\(path)")
      }
      #expect(try await Browser(app).get("/invite/bk_not-a-token").status == .notFound)
      // The institution's own address cannot be invited as a vendor.
      try await admin.get("/contracts/\(contract)/exchange")
      let res = try await admin.post(
        "/contracts/\(contract)/invitations", [("email", "admin@sakura.example")])
      // Back to the form, the message next to the field and the address kept.
      #expect(res.status == .seeOther)
      let form = try await admin.get("/contracts/\(contract)/exchange").body.string
      #expect(form.contains("この契約の事業者以外のアカウントとして登録済みです"))
      #expect(form.contains("value=\"admin@sakura.example\""))
      // A second invitation to the same vendor contact reuses the account after its password.
      let first = try await Self.invite(admin, contract: contract, email: "kimura@midori.example")
      _ = try await Self.accept(app, token: first)
      let other = try await admin.addContract(vendorId: vendor, title: "PACS保守契約")
      let second = try await Self.invite(admin, contract: other, email: "kimura@midori.example")
      let b = Browser(app)
      try await b.get("/invite/\(second)")
      #expect(
        try await b.post("/invite/\(second)", [("password", "wrong-password-1")]).status
          == .unprocessableEntity)
      #expect(try await b.post("/invite/\(second)", [("password", "vendor-pass-123")]).status == .seeOther)
      #expect(try await User.query(on: app.db).filter(\.$role == .vendor).count() == 1)
      #expect(try await b.get("/partner").body.string.contains("PACS保守契約"))
    }
  }

  /// A vendor user invited to one contract meets 403/404 on every route that takes an id of
  /// anything else: the institution's pages, another contract of the same vendor, another vendor's.
  @Test func vendorSeesOnlyItsInvitedContract() async throws {
    try await TestApp.run { app in
      let (admin, ids) = try await AuthorizationTests.populateA(app)
      let vendor = ids["vendors"]!
      let invited = try await admin.addContract(vendorId: vendor, title: "招待した契約")
      let token = try await Self.invite(admin, contract: invited, email: "kimura@a-vendor.example")
      let v = try await Self.accept(app, token: token)
      #expect(try await v.get("/contracts/\(invited)/exchange").status == .ok)
      // A vendor of another organisation, invited there.
      _ = try await Accounts.createUser(
        on: app.db, hasher: app.password.async, orgName: "B病院", email: "admin@b.example", name: "B",
        role: .admin,
        password: "correct-horse-1")
      let bAdmin = try await Browser.signIn(app, email: "admin@b.example")
      try await bAdmin.get("/vendors")
      let bVendor = try await bAdmin.addVendor("B側の事業者")
      let bContract = try await bAdmin.addContract(vendorId: bVendor, title: "Bの契約")
      let bToken = try await Self.invite(bAdmin, contract: bContract, email: "sato@b-vendor.example")
      let foreign = try await Self.accept(app, token: bToken)

      var checked = 0
      for who in [v, foreign] {
        for route in app.routes.all {
          let parts = route.path.map(\.description)
          guard parts.first != "api", let at = parts.firstIndex(of: ":id") else { continue }
          let id = try #require(ids[parts[at - 1]], "no id for \(route.path)")
          let path =
            "/" + parts.map { $0 == ":id" ? id : $0 == ":item" ? "P2-A-1" : $0 }.joined(separator: "/")
          let status: HTTPStatus
          if route.method == .GET {
            status = try await who.get(path).status
          } else {
            try await who.get("/partner")
            if parts.last == "documents" || parts.last == "attachments" {
              status = try await who.upload(path, filename: "x.txt", data: Data("第1条 テスト".utf8)).status
            } else {
              status = try await who.post(
                path,
                [
                  ("text", "乗っ取り"), ("owner", "joint"), ("agreed", "x"), ("email", "x@x.example"),
                  ("title", "x"),
                ]
              ).status
            }
          }
          #expect(
            [.forbidden, .notFound].contains(status), "\(route.method) \(path) answered \(status.code)")
          checked += 1
        }
      }
      #expect(checked >= 40)
      // The JSON API with a vendor's token: every route refused, except the vendor's own (its
      // tokens, its list of invited contracts) and, for the invited contract only, the routes both
      // sides share (the exchange, attachments, the annex, the redline; APIRouteTests checks them).
      for email in ["kimura@a-vendor.example", "sato@b-vendor.example"] {
        let token = try await APITests.token(app, email: email)
        for route in app.routes.all where route.path.first?.description == "api" {
          let parts = route.path.map(\.description)
          if ["tokens", "partner"].contains(parts[2]) { continue }
          if email.hasPrefix("kimura"), parts[2] == "contracts", parts.count > 4,
            ["exchange", "attachments", "annex.docx", "annex.xlsx", "redline.docx"].contains(parts[4])
          {
            continue
          }
          // The contract's life: the vendor lists and records for its invited contract; the
          // decisions (…/decision, …/approval) stay walked and must be refused.
          if email.hasPrefix("kimura"), parts[2] == "contracts", parts.count == 5,
            ["change-notices", "subcontractors", "vulnerabilities"].contains(parts[4])
          {
            continue
          }
          let path =
            "/"
            + parts.map { part in
              guard part == ":id" else { return part }
              let collection = parts[parts.firstIndex(of: ":id")! - 1]
              return collection == "contracts" ? invited : ids[collection] ?? invited
            }.joined(separator: "/")
          let status = try await app.testing().sendRequest(
            route.method, path,
            headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
            body: ByteBuffer(string: #"{"finding":1,"kind":"later","title":"x","answers":[]}"#)
          ).status
          #expect(
            [.forbidden, .notFound].contains(status), "API \(route.method) \(path) answered \(status.code)")
          checked += 1
        }
      }
      #expect(checked >= 60)
      #expect(!(try await foreign.get("/partner").body.string.contains("招待した契約")))
      #expect(try await foreign.get("/contracts/\(invited)/exchange").status == .notFound)
      // The API is the institution's: a vendor's token is refused.
      let vendorToken = try await APITests.token(app, email: "kimura@a-vendor.example")
      let api = try await app.testing().sendRequest(
        .GET, "/api/v1/contracts", headers: ["Authorization": "Bearer \(vendorToken)"])
      #expect(api.status == .forbidden)
      #expect(try await ExchangeEntry.query(on: app.db).count() == 0)
      #expect(try await ChangeNotice.query(on: app.db).first()?.status == .pending)
      #expect(try await Subcontractor.query(on: app.db).first()?.approvedOn == nil)
      #expect(try await VulnerabilityConsultation.query(on: app.db).first()?.decision == .pending)
    }
  }
}
