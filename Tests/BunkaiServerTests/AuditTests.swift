import BunkaiBench
import BunkaiTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import BunkaiServer

/// The audit log: chained by hash so tampering shows, recording sign-ins, downloads and token use,
/// and paged in plain Japanese.
@Suite struct AuditTests {
  static func entries(_ app: Application, action: String) async throws -> [AuditEntry] {
    try await AuditEntry.query(on: app.db).filter(\.$action == action).sort(\.$seq).all()
  }

  @Test func chainHoldsUntilARowIsChanged() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      _ = try await b.addContract(vendorId: vendor)
      let before = try await AuditChain.verify(on: app.db)
      #expect(before.broken == nil)
      #expect(before.checked >= 3)
      let all = try await AuditEntry.query(on: app.db).sort(\.$seq).all()
      #expect(all.map { $0.seq ?? 0 } == Array(1...all.count))
      #expect(all.allSatisfy { ($0.chainHash ?? "").count == 64 })

      // Someone edits the second entry behind the application's back.
      let sql = app.db as! any SQLDatabase
      try await sql.raw("UPDATE audit_entries SET user_name = 'だれか' WHERE seq = 2").run()
      let after = try await AuditChain.verify(on: app.db)
      #expect(after.broken?.seq == 2)
      #expect(after.checked == 1)
    }
  }

  @Test func removedEntriesBreakTheChain() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      _ = try await b.addVendor()
      _ = try await b.addVendor("株式会社アオバ")
      let sql = app.db as! any SQLDatabase
      let count = try await AuditEntry.query(on: app.db).count()
      #expect(count >= 3)
      // The newest entry gone: the head still names it.
      try await sql.raw("DELETE FROM audit_entries WHERE seq = \(bind: count)").run()
      #expect(try await AuditChain.verify(on: app.db).broken != nil)
      // One in the middle gone.
      try await sql.raw("DELETE FROM audit_entries WHERE seq = 2").run()
      #expect(try await AuditChain.verify(on: app.db).broken?.seq == 3)
    }
  }

  @Test func migrationChainsEntriesWrittenBefore() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      _ = try await b.addVendor()
      _ = try await b.addVendor("株式会社アオバ")
      let n = try await AuditEntry.query(on: app.db).count()
      // As a database from before M005: no chain at all.
      // One connection throughout, as the migrator runs a migration.
      try await app.db.withConnection { conn in
        try await M005_AuditChain().revert(on: conn)
        let row = try await (conn as! any SQLDatabase).raw("SELECT * FROM audit_entries").first()
        let columns = row?.allColumns ?? []
        #expect(columns.contains("action"))
        #expect(!columns.contains("seq"), "\(columns)")
        try await M005_AuditChain().prepare(on: conn)
      }
      let v = try await AuditChain.verify(on: app.db)
      #expect(v.broken == nil)
      #expect(v.checked == n)
      // Appending goes on from there.
      _ = try await b.addVendor("株式会社ツバキ")
      let w = try await AuditChain.verify(on: app.db)
      #expect(w.broken == nil)
      #expect(w.checked == n + 1)
    }
  }

  @Test func verifyCommandExitsTwoNamingTheEntry() async throws {
    let dir = TestFolders.make("bunkai-audit")
    let settings = ServerSettings(
      database: .sqliteFile(dir.appendingPathComponent("bunkai.sqlite").path), bcryptCost: 4)
    _ = try await BunkaiBench.seed(
      settings: settings, org: "かもめ医院", email: "admin@kamome.example", password: "correct horse battery",
      contracts: [BackupTests.contract], progress: { _ in })
    let ok = try Self.bunkai(["audit", "verify", "--data-dir", dir.path])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("途切れていません"))
    try await BunkaiServer.withApp(settings) { app in
      try await (app.db as! any SQLDatabase).raw("UPDATE audit_entries SET action = '削除' WHERE seq = 1").run()
    }
    let bad = try Self.bunkai(["audit", "verify", "--data-dir", dir.path])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("第1件"), "\(bad.stderr)")
    #expect(bad.stderr.contains("連鎖が途切れています"))
  }

  static func bunkai(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("bunkai")
    p.executableURL =
      FileManager.default.isExecutableFile(atPath: beside.path)
      ? beside : Fixture.root.deletingLastPathComponent().appendingPathComponent(".build/debug/bunkai")
    p.arguments = args
    p.environment = ProcessInfo.processInfo.environment.merging(["DATABASE_URL": ""]) { _, b in b }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  @Test func signInsDownloadsAndTokenUseAreRecorded() async throws {
    try await TestApp.run(adjust: { $0.maxFailedLogins = 2 }) { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      let contract = try await b.addContract(vendorId: vendor)
      let review = try await b.uploadFixture(contractId: contract)
      #expect(try await b.get("/reviews/\(review)/memo.md").status == .ok)
      let downloads = try await Self.entries(app, action: "ダウンロード")
      #expect(downloads.count == 1)
      #expect(downloads.first?.entityID?.uuidString.lowercased() == contract.lowercased())

      _ = try await Browser.signIn(app, email: "admin@sakura.example")
      #expect(try await Self.entries(app, action: "ログイン").count >= 1)

      let guess = Browser(app)
      try await guess.get("/login")
      for _ in 0..<2 {
        let r = try await guess.post(
          "/login", [("email", "admin@sakura.example"), ("password", "wrong-password-9")])
        #expect(r.status == .unauthorized)
      }
      let refused = try await guess.post(
        "/login", [("email", "admin@sakura.example"), ("password", "wrong-password-9")])
      #expect(refused.status == .tooManyRequests)
      // Refused sign-ins are recorded just after the answer (so it takes as long as for an
      // unknown address): wait a little for them.
      var failed = 0
      var throttled = 0
      for _ in 0..<50 {
        failed = try await Self.entries(app, action: "ログイン失敗").count
        throttled = try await Self.entries(app, action: "ログイン停止中の試行").count
        if failed == 2 && throttled == 1 { break }
        try await Task.sleep(for: .milliseconds(100))
      }
      #expect(failed == 2)
      #expect(throttled == 1)

      let token = try await APITests.token(app, email: "admin@sakura.example")
      let res = try await app.testing().sendRequest(
        .GET, "/api/v1/contracts", headers: ["Authorization": "Bearer \(token)"])
      #expect(res.status == .ok)
      #expect(try await Self.entries(app, action: "APIトークン使用").count == 1)
      #expect(try await AuditChain.verify(on: app.db).broken == nil)
    }
  }

  @Test func auditPagePagesThroughEverythingInWords() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let user = try #require(try await User.query(on: app.db).first())
      for i in 1...230 {
        try await AuditLog.record(
          on: app.db, org: user.organisationID, user: user, action: "更新", entity: "試験記録 \(i)番", id: nil,
          before: ["label": "前 \(i)"], after: ["label": "後 \(i)"])
      }
      let first = try await b.get("/audit")
      #expect(first.status == .ok)
      let html = first.body.string
      #expect(html.contains("試験記録 230番"))
      #expect(!html.contains("試験記録 130番"))
      #expect(html.contains("/audit?page=2"))
      // Plain words, not JSON.
      #expect(html.contains("「試験記録 230番」を更新しました"))
      #expect(html.contains("前 230"))
      #expect(!html.contains("{&quot;label"))
      #expect(!html.contains("{\"label"))

      let third = try await b.get("/audit?page=3")
      #expect(third.status == .ok)
      let older = third.body.string
      // The oldest entries: the organisation's creation and the first test records.
      #expect(older.contains("試験記録 1番"))
      #expect(older.contains("/audit?page=2"))
      #expect(!older.contains("/audit?page=4"))
    }
  }
}
