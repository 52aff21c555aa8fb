import BunkaiCore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// Issue 10 §5: the 「期限」 list, the secret calendar feed, and the daily reminder run that goes
/// once per organisation and day however many instances run it.
@Suite(.serialized) struct DeadlineServerTests {
  /// A contract whose dates fall 7 days, 30 days and 0 days from `today`.
  static func addDatedContract(_ b: Browser, vendorId: String, title: String, today: ISODay) async throws
    -> String
  {
    let res = try await b.post(
      "/contracts",
      [
        ("title", title), ("vendorId", vendorId), ("kind", "maintenance"), ("status", "active"),
        ("startDate", today.adding(months: -11).description),
        ("endDate", today.adding(days: 30).description),
        ("noticeDeadline", today.adding(days: 7).description), ("autoRenewal", "true"),
      ])
    #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
    return Browser.id(in: res)
  }

  @Test func theListShowsEachDeadlineWithItsUrgencyInWordsAndVendorsSeeOnlyTheirs() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let today = ISODay(JapanTime.today())!
      let midori = try await admin.addVendor("株式会社ミドリシステム")
      let mine = try await Self.addDatedContract(admin, vendorId: midori, title: "電子カルテ保守契約", today: today)
      _ = try await Self.addDatedContract(admin, vendorId: midori, title: "画像システム保守契約", today: today)
      let page = try await admin.get("/deadlines")
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("更新拒絶の通知期限"))
      #expect(html.contains("契約期間の満了"))
      #expect(html.contains(today.adding(days: 7).description))
      #expect(html.contains("7日以内"))
      #expect(html.contains("30日以内"))
      #expect(html.contains("あと7日"))
      #expect(html.contains("画像システム保守契約"))
      // The menu leads here.
      #expect(html.contains("href=\"/deadlines\" aria-current=\"page\""))

      // The vendor invited to one contract sees that contract's dates only, linked to its side.
      let token = try await CollaborationTests.invite(admin, contract: mine, email: "kimura@midori.example")
      let vendor = try await CollaborationTests.accept(app, token: token)
      let theirs = try await vendor.get("/deadlines")
      #expect(theirs.status == .ok)
      #expect(theirs.body.string.contains("電子カルテ保守契約"))
      #expect(!theirs.body.string.contains("画像システム保守契約"))
      #expect(theirs.body.string.contains("/contracts/\(mine)/exchange"))
      // The re-check is the institution's own work.
      #expect(!theirs.body.string.contains("定期の見直し"))
    }
  }

  /// The feed's URL is shown once; a renewed URL revokes the old one; revoking leaves none.
  @Test func theCalendarFeedIsSecretRevocableAndParses() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let today = ISODay(JapanTime.today())!
      let vendor = try await admin.addVendor()
      _ = try await Self.addDatedContract(admin, vendorId: vendor, title: "電子カルテ保守契約", today: today)
      #expect(try await Browser(app).get("/calendar/cal_guess.ics").status == .notFound)

      try await admin.get("/deadlines")
      let made = try await admin.post("/account/calendar")
      #expect(made.status == .seeOther)
      let shown = try await admin.get("/deadlines")
      let html = shown.body.string
      let r = try #require(html.range(of: "/calendar/cal_"))
      let token = "cal_" + html[r.upperBound...].prefix { $0 != "." }
      // Shown once only.
      #expect(!(try await admin.get("/deadlines")).body.string.contains(token))

      // No session: a calendar program has none.
      let feed = try await Browser(app).get("/calendar/\(token).ics")
      #expect(feed.status == .ok)
      #expect(feed.headers.contentType?.subType == "calendar")
      let text = feed.body.string
      #expect(text.contains("BEGIN:VEVENT"))
      #expect(text.replacingOccurrences(of: "\r\n ", with: "").contains("電子カルテ保守契約"))
      let compact = today.adding(days: 7).description.replacingOccurrences(of: "-", with: "")
      #expect(text.contains("DTSTART;VALUE=DATE:\(compact)"))
      if let dir = ProcessInfo.processInfo.environment["BUNKAI_OFFICE_OUT"] {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("feed-server.ics"))
      }

      // Renewing revokes the old URL.
      try await admin.get("/deadlines")
      try await admin.post("/account/calendar")
      #expect(try await Browser(app).get("/calendar/\(token).ics").status == .notFound)
      let renewed = try await admin.get("/deadlines").body.string
      let r2 = try #require(renewed.range(of: "/calendar/cal_"))
      let second = "cal_" + renewed[r2.upperBound...].prefix { $0 != "." }
      #expect(try await Browser(app).get("/calendar/\(second).ics").status == .ok)
      // Revoking leaves none.
      try await admin.post("/account/calendar/revoke")
      #expect(try await Browser(app).get("/calendar/\(second).ics").status == .notFound)
      // A form without its token is refused.
      let noCSRF = try await admin.post("/account/calendar", csrf: false)
      #expect(noCSRF.status == .forbidden)
    }
  }

  /// A disabled user's feed stops at once.
  @Test func aDisabledUsersFeedStops() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let user = try #require(try await User.query(on: app.db).first())
      let token = try await CalendarFeeds.renew(app.db, actor: Actor(user: user))
      #expect(try await Browser(app).get("/calendar/\(token).ics").status == .ok)
      user.disabledAt = Date()
      try await user.save(on: app.db)
      #expect(try await Browser(app).get("/calendar/\(token).ics").status == .notFound)
      _ = admin
    }
  }

  final class Outbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, String, String)] = []
    func add(_ m: (String, String, String)) { lock.withLock { items.append(m) } }
    var all: [(String, String, String)] { lock.withLock { items } }
  }

  /// Two instances run the day's work at the same time on one database: every organisation is
  /// claimed by exactly one of them, each user gets one mail, and a later run that day sends none.
  @Test func theDailyRunGoesOncePerOrganisationAndDayAcrossInstances() async throws {
    try await TestApp.run { app in
      let today = ISODay(JapanTime.today())!
      let sakura = try await Browser.setUp(app)
      let v1 = try await sakura.addVendor()
      _ = try await Self.addDatedContract(sakura, vendorId: v1, title: "電子カルテ保守契約", today: today)
      // A second organisation with its own admin and vendor.
      let u2 = try await Accounts.createUser(
        on: app.db, hasher: app.password.async, orgName: "みどり診療所", email: "in@midori-clinic.example",
        name: "院長 高橋", role: .admin, password: "correct-horse-1")
      let midori = try await Browser.signIn(app, email: "in@midori-clinic.example")
      let v2 = try await midori.addVendor("株式会社アオイ")
      let made = try await midori.post(
        "/contracts",
        [
          ("title", "レセプト保守"), ("vendorId", v2), ("kind", "maintenance"), ("status", "active"),
          ("endDate", today.description),
        ])
      #expect(made.status == .seeOther)

      let outbox = Outbox()
      let send: DailyRun.Send = { to, subject, body in outbox.add((to, subject, body)) }
      async let a = DailyRun.run(
        app.db, today: today, instance: "A", baseURL: "https://bunkai.example", send: send, logger: app.logger
      )
      async let b = DailyRun.run(
        app.db, today: today, instance: "B", baseURL: "https://bunkai.example", send: send, logger: app.logger
      )
      let (ra, rb) = try await (a, b)
      #expect(ra.claimed + rb.claimed == 2)
      #expect(ra.organisations == 2)
      let mails = outbox.all
      #expect(mails.count == 2)
      let toSakura = try #require(mails.first { $0.0 == "admin@sakura.example" })
      #expect(toSakura.1.contains("期限のお知らせ（2件）"))
      #expect(toSakura.2.contains("電子カルテ保守契約"))
      #expect(toSakura.2.contains("https://bunkai.example/contracts/"))
      let toMidori = try #require(mails.first { $0.0 == u2.email })
      #expect(toMidori.2.contains("レセプト保守"))
      #expect(toMidori.2.contains("今日"))
      #expect(!toMidori.2.contains("電子カルテ"))

      let again = try await DailyRun.run(
        app.db, today: today, instance: "C", baseURL: "", send: send, logger: app.logger)
      #expect(again.claimed == 0)
      #expect(outbox.all.count == 2)
      // The next day is a new day.
      let tomorrow = try await DailyRun.run(
        app.db, today: today.adding(days: 1), instance: "C", baseURL: "", send: send, logger: app.logger)
      #expect(tomorrow.claimed == 2)
      let claims = try await DailyRunClaim.query(on: app.db).all()
      #expect(claims.count == 4)
      #expect(claims.allSatisfy { $0.finishedAt != nil })
    }
  }

  /// The digest through a real SMTP server (aiosmtpd) with STARTTLS: upgraded, delivered, readable.
  @Test(.enabled(if: RealSMTP.available || RealSMTP.required))
  func theDigestGoesThroughARealRelayOverSTARTTLS() async throws {
    let server = try RealSMTP(.starttls)
    defer { server.stop() }
    let smtp = SMTPSettings(
      host: "localhost", port: server.port, from: "bunkai@sakura.example", username: "relay", password: "pw",
      caFile: server.caFile)
    try await TestApp.run(smtp: smtp) { app in
      let today = ISODay(JapanTime.today())!
      let admin = try await Browser.setUp(app)
      let vendor = try await admin.addVendor()
      _ = try await Self.addDatedContract(admin, vendorId: vendor, title: "電子カルテ保守契約", today: today)
      let outcome = try await DailyRun.run(
        app.db, today: today, instance: "A", baseURL: "https://bunkai.example",
        send: DailyRun.mailer(smtp), logger: app.logger)
      #expect(outcome.mails == 1)
      #expect(outcome.failedMails == 0)
    }
    let got = try server.received()
    try #require(got.count == 1)
    #expect(got[0].envelope["tls"] as? Bool == true)
    #expect(got[0].envelope["rcpt_tos"] as? [String] == ["admin@sakura.example"])
    let fields = MailTLSTests.headers(got[0].raw)
    #expect(MailTLSTests.decodeWords(fields["subject"] ?? "") == "【Bunkai】期限のお知らせ（2件）")
    let encoded = got[0].raw.components(separatedBy: "\r\n\r\n").dropFirst().joined()
      .replacingOccurrences(of: "\r\n", with: "")
    let body = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
    #expect(body.contains("事務長 佐藤 様"))
    #expect(body.contains("電子カルテ保守契約"))
    #expect(body.contains("あと7日"))
    #expect(body.contains("あと30日"))
  }
}

/// The slices of issue 10 read each other: the executive page lists the map's gaps; the 期限 list
/// holds change notices waiting for a decision and signed risk acceptances running out.
@Suite struct KeepingItTrueTogetherTests {
  @Test func theDeadlineListHoldsChangeNoticesAndAcceptances() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let today = ISODay(JapanTime.today())!
      let vendorID = try await admin.addVendor()
      let contractID = try await DeadlineServerTests.addDatedContract(
        admin, vendorId: vendorID, title: "電子カルテ保守契約", today: today)
      let user = try #require(try await User.query(on: app.db).first())
      let contract = try #require(try await Contract.find(UUID(uuidString: contractID), on: app.db))
      _ = try await ContractLife.submitNotice(
        on: app.db, engine: app.engine, contract: contract, user: user,
        .init(
          title: "データセンターの移転", affectsSecurity: true, plannedOn: today.adding(days: 20).description,
          itemIds: ["P2-A-5"]))
      let org = user.organisationID
      let director = try await Accounts.createUser(
        on: app.db, hasher: app.password.async, orgName: "", organisationID: org,
        email: "incho@sakura.example",
        name: "院長 山本", role: .executive, password: "correct-horse-1")
      let asked = try await RiskAcceptances.request(
        on: app.db, engine: app.engine, actor: Actor(user: user),
        .init(
          subject: .init(kind: "checklistItem", contractId: contract.id, itemId: "P2-C-1"), risk: "監視を行わない",
          reason: "費用", measures: nil, owner: nil, expiresOn: today.adding(days: 7).description),
        today: today.description)
      _ = try await RiskAcceptances.sign(
        on: app.db, actor: Actor(user: director), asked, today: today.description)
      let html = try await admin.get("/deadlines").body.string
      #expect(html.contains("変更の通知への回答"))
      #expect(html.contains("データセンターの移転"))
      #expect(html.contains("リスク受容の期限"))
      #expect(html.contains("/contracts/\(contractID)/life"))
    }
  }

  @Test func theExecutivePageListsTheMapsGaps() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      try await admin.post("/systems", [("name", "放射線画像システム"), ("category", "PACS")])
      let director = try await Accounts.createUser(
        on: app.db, hasher: app.password.async, orgName: "",
        organisationID: try #require(
          try await Organisation.query(on: app.db).first()?.id),
        email: "incho@sakura.example", name: "院長 山本", role: .executive, password: "correct-horse-1")
      let exec = try await Browser.signIn(app, email: director.email)
      let page = try await exec.get("/executive")
      #expect(page.status == .ok)
      let html = page.body.string
      // A system in use that no contract covers: nobody holds any of its duties.
      #expect(html.contains("放射線画像システム"))
      #expect(html.contains("このシステムを対象とする契約がありません"))
      #expect(!html.contains("誰も担っていない項目は見つかっていません"))
    }
  }
}
