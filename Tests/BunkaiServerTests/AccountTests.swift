import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import BunkaiServer

/// Accounts, sessions and tokens as a trusted system's (issue 11, "Accounts, sessions and tokens").
@Suite("Accounts, sessions and tokens")
struct AccountTests {
  static func sessionCount(_ app: Application) async throws -> Int {
    try await SessionRecord.query(on: app.db).count()
  }

  @Test func fortyParallelGuessesCheckOnlyTheAllowance() async throws {
    try await TestApp.run { app in
      _ = try await Browser.setUp(app)
      let browsers = (0..<40).map { _ in Browser(app) }
      for b in browsers { try await b.get("/login") }
      let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
        for b in browsers {
          group.addTask {
            try await b.post("/login", [("email", "admin@sakura.example"), ("password", "wrong-guess-000")])
              .status.code
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      // At most the allowance (5) was checked against the password; every other guess was refused.
      let checked = statuses.filter { $0 == 401 }.count
      #expect(checked >= 1 && checked <= 5, "\(statuses)")
      #expect(statuses.filter { $0 == 429 }.count == 40 - checked)
      // And now even the right password is refused.
      let right = Browser(app)
      try await right.get("/login")
      let res = try await right.post(
        "/login", [("email", "admin@sakura.example"), ("password", "correct-horse-1")])
      #expect(res.status == .tooManyRequests)
      #expect(res.headers.first(name: .retryAfter) != nil)
      #expect(right.lastBody.contains("しばらくログインできません"))
    }
  }

  @Test func theLockIsADelayThatGrowsAndThenOpens() async throws {
    try await TestApp.run { app in
      let now = Date()
      let scope = "account:x@example.jp"
      for _ in 0..<2 {
        #expect(
          try await LoginThrottle.reserve(app.db, scope: scope, allowance: 3, window: 900, now: now) == nil)
      }
      // The third is checked and locks for 30 s; the fourth waits.
      #expect(
        try await LoginThrottle.reserve(app.db, scope: scope, allowance: 3, window: 900, now: now) == nil)
      let wait = try #require(
        try await LoginThrottle.reserve(app.db, scope: scope, allowance: 3, window: 900, now: now))
      #expect(wait > 25 && wait <= 30)
      // After the delay one more is checked, and the next lock is longer.
      let later = now.addingTimeInterval(31)
      #expect(
        try await LoginThrottle.reserve(app.db, scope: scope, allowance: 3, window: 900, now: later) == nil)
      let longer = try #require(
        try await LoginThrottle.reserve(app.db, scope: scope, allowance: 3, window: 900, now: later))
      #expect(longer > 55 && longer <= 60)
      // After a quiet window the count starts again: no one is locked out for longer.
      let quiet = later.addingTimeInterval(901)
      #expect(
        try await LoginThrottle.reserve(app.db, scope: scope, allowance: 3, window: 900, now: quiet) == nil)
      #expect(
        try await LoginThrottle.reserve(app.db, scope: scope, allowance: 3, window: 900, now: quiet) == nil)
    }
  }

  @Test func unknownAndKnownAddressesTakeAsLong() async throws {
    // Six wrong guesses at the known address must all reach bcrypt, not the lockout.
    try await TestApp.run(bcryptCost: 9, adjust: { $0.maxFailedLogins = 10 }) { app in
      _ = try await Browser.setUp(app)
      func time(_ email: String) async throws -> Double {
        let b = Browser(app)
        try await b.get("/login")
        let start = Date()
        let res = try await b.post("/login", [("email", email), ("password", "wrong-guess-000")])
        #expect(res.status == .unauthorized)
        return Date().timeIntervalSince(start)
      }
      var known: [Double] = []
      var unknown: [Double] = []
      for i in 0..<6 {
        known.append(try await time("admin@sakura.example"))
        unknown.append(try await time("nobody\(i)@sakura.example"))
      }
      // The other suites run beside this one, and their load only ever adds time to a sample;
      // the fastest of several samples is each path's own work, so the minima are compared.
      let k = known.min()!
      let u = unknown.min()!
      // Both run bcrypt: an unknown address is not answered at once.
      #expect(u > k * 0.4 && u < k * 2.5, "known \(known) unknown \(unknown)")
    }
  }

  @Test func passwordPolicy() throws {
    for bad in [
      "short", String(repeating: " ", count: 14), "password1234", "aaaaaaaaaaaaaaa", "abcabcabcabc",
      "いろはにほへとちりぬるをわかよたれそつねならむうゐ", "sato@sakura.example", "sato-sato-sato-1", "sato12345678",
    ] {
      #expect(throws: Accounts.Problem.self, "\(bad)") {
        try PasswordPolicy.check(bad, email: "sato@sakura.example")
      }
    }
    // 24 kana are 72 bytes: still accepted; nothing is silently cut.
    try PasswordPolicy.check("いろはにほへとちりぬるをわかよたれそつねならむう", email: "sato@sakura.example")
    try PasswordPolicy.check("北の窓から海が見える静かな朝", email: "sato@sakura.example")
    try PasswordPolicy.check("correct-horse-1", email: "sato@sakura.example")
    #expect(throws: Accounts.Problem.self) { try Accounts.validEmail("a@b.jp\r\nBcc:x@evil.example") }
    #expect(throws: Accounts.Problem.self) { try Accounts.validEmail("a@@b.jp") }
    #expect(try Accounts.validEmail(" Sato@Sakura.Example ") == "sato@sakura.example")
  }

  @Test func anonymousVisitorsGetNoStoredSession() async throws {
    try await TestApp.run { app in
      _ = try await Browser.setUp(app)
      let before = try await Self.sessionCount(app)
      for path in ["/login", "/", "/setup", "/login", "/contracts", "/invite/bk_nothing"] {
        for _ in 0..<5 { try await Browser(app).get(path) }
      }
      #expect(try await Self.sessionCount(app) == before)
      // A wrong login stores nothing either; a right one stores one session.
      let b = Browser(app)
      try await b.get("/login")
      try await b.post("/login", [("email", "admin@sakura.example"), ("password", "wrong-guess-000")])
      #expect(try await Self.sessionCount(app) == before)
      _ = try await Browser.signIn(app, email: "admin@sakura.example")
      #expect(try await Self.sessionCount(app) == before + 1)
    }
  }

  @Test func sessionsEndWhenIdleOrTooOld() async throws {
    try await TestApp.run(adjust: { $0.sessionIdleTimeout = 1.5 }) { app in
      let b = try await Browser.setUp(app)
      #expect(try await b.get("/").status == .ok)
      try await Task.sleep(for: .seconds(2.2))
      let res = try await b.get("/")
      #expect(res.status == .seeOther)
      #expect(res.headers.first(name: .location) == "/login")
      #expect(try await Self.sessionCount(app) == 0)
    }
    try await TestApp.run(adjust: { $0.sessionMaxAge = 5 }) { app in
      // The session is made inside setUp: timed from before it, the busy loop stays inside the 5 s
      // limit, and timed from after it, the last request is past it, however long setUp takes on a
      // loaded machine (CI ran this test for 93 s once and the loop's requests met the limit).
      let start = Date()
      let b = try await Browser.setUp(app)
      let ready = Date()
      // Busy all along, still ended after the absolute limit.
      while Date().timeIntervalSince(start) < 3 {
        #expect(try await b.get("/").status == .ok)
        try await Task.sleep(for: .milliseconds(400))
      }
      try await Task.sleep(for: .seconds(max(0, 5.5 - Date().timeIntervalSince(ready))))
      #expect(try await b.get("/").headers.first(name: .location) == "/login")
    }
  }

  @Test func purgeRemovesExpiredSessionsAndOldAttempts() async throws {
    try await TestApp.run { app in
      _ = try await Browser.setUp(app)
      _ = try await Browser.signIn(app, email: "admin@sakura.example")
      try await LoginAttempt(
        email: "x@example.jp", succeeded: false, at: Date().addingTimeInterval(-100 * 86_400)
      )
      .save(on: app.db)
      try await LoginAttempt(email: "x@example.jp", succeeded: false).save(on: app.db)
      #expect(try await Self.sessionCount(app) == 2)
      // An hour later both sessions are past their idle time.
      try await Maintenance.purge(app.db, settings: app.settings, now: Date().addingTimeInterval(3600))
      #expect(try await Self.sessionCount(app) == 0)
      #expect(try await LoginAttempt.query(on: app.db).filter(\.$email == "x@example.jp").count() == 1)
    }
  }

  @Test func disablingAUserEndsSessionsAndTokens() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let user = try #require(try await User.query(on: app.db).first())
      let token = try await Accounts.createToken(on: app.db, user: user, label: "t")
      let auth: HTTPHeaders = ["Authorization": "Bearer \(token)"]
      #expect(try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth).status == .ok)
      try await Accounts.disable(on: app.db, user: user, by: nil)
      #expect(try await admin.get("/").headers.first(name: .location) == "/login")
      #expect(
        try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth).status == .unauthorized)
      let b = Browser(app)
      try await b.get("/login")
      let res = try await b.post(
        "/login", [("email", "admin@sakura.example"), ("password", "correct-horse-1")])
      #expect(res.status == .unauthorized)
    }
  }

  @Test func aPasswordResetEndsSessionsAndTheOldPassword() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let user = try #require(try await User.query(on: app.db).first())
      try await Accounts.setPassword(
        on: app.db, hasher: app.password.async, user: user, password: "temporary-pass-42", by: nil)
      #expect(try await admin.get("/").headers.first(name: .location) == "/login")
      let old = Browser(app)
      try await old.get("/login")
      #expect(
        try await old.post("/login", [("email", "admin@sakura.example"), ("password", "correct-horse-1")])
          .status
          == .unauthorized)
      _ = try await Browser.signIn(app, email: "admin@sakura.example", password: "temporary-pass-42")
      await #expect(throws: Accounts.Problem.self) {
        try await Accounts.setPassword(
          on: app.db, hasher: app.password.async, user: user, password: "short", by: nil)
      }
    }
  }

  @Test func usersChangeTheirOwnPassword() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      #expect(try await b.get("/account/password").status == .ok)
      let wrong = try await b.post(
        "/account/password", [("current", "not-my-password"), ("password", "a-new-long-password")])
      #expect(wrong.status == .unprocessableEntity)
      #expect(b.lastBody.contains("現在のパスワードが違います"))
      let weak = try await b.post(
        "/account/password", [("current", "correct-horse-1"), ("password", "password1234")])
      #expect(weak.status == .unprocessableEntity)
      let ok = try await b.post(
        "/account/password", [("current", "correct-horse-1"), ("password", "a-new-long-password")])
      #expect(ok.status == .seeOther)
      _ = try await Browser.signIn(app, email: "admin@sakura.example", password: "a-new-long-password")
    }
  }

  @Test func anAdministratorDisablesUsersAndSetsTemporaryPasswords() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      try await admin.get("/users")
      for email in ["staff@sakura.example", "other@sakura.example"] {
        let r = try await admin.post(
          "/users", [("name", "担当"), ("email", email), ("role", "staff"), ("password", "correct-horse-1")])
        #expect(r.status == .seeOther)
      }
      let staff = try await Browser.signIn(app, email: "staff@sakura.example")
      let other = try await Browser.signIn(app, email: "other@sakura.example")
      let ids = Dictionary(
        uniqueKeysWithValues: try await User.query(on: app.db).all().map { ($0.email, $0.id!.uuidString) })
      try await admin.get("/users")
      #expect(admin.lastBody.contains("無効にする"))
      #expect(try await admin.post("/users/\(ids["staff@sakura.example"]!)/disable").status == .seeOther)
      #expect(try await staff.get("/").headers.first(name: .location) == "/login")
      try await admin.get("/users")
      #expect(admin.lastBody.contains("無効"))
      // Not oneself.
      #expect(
        try await admin.post("/users/\(ids["admin@sakura.example"]!)/disable").status == .unprocessableEntity)

      try await admin.get("/users")
      let weak = try await admin.post(
        "/users/\(ids["other@sakura.example"]!)/password", [("password", "short")])
      #expect(weak.status == .unprocessableEntity)
      try await admin.get("/users")
      let set = try await admin.post(
        "/users/\(ids["other@sakura.example"]!)/password", [("password", "temporary-pass-42")])
      #expect(set.status == .seeOther)
      #expect(try await other.get("/").headers.first(name: .location) == "/login")
      _ = try await Browser.signIn(app, email: "other@sakura.example", password: "temporary-pass-42")
      // Staff may do neither.
      let staff2 = try await Browser.signIn(app, email: "other@sakura.example", password: "temporary-pass-42")
      #expect(try await staff2.post("/users/\(ids["admin@sakura.example"]!)/disable").status == .forbidden)
    }
  }

  @Test func tokensExpireAndCanBeRevoked() async throws {
    try await TestApp.run { app in
      _ = try await Browser.setUp(app)
      let user = try #require(try await User.query(on: app.db).first())
      let token = try await Accounts.createToken(on: app.db, user: user, label: "夜間取り込み", days: 30)
      let auth: HTTPHeaders = ["Authorization": "Bearer \(token)"]
      #expect(try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth).status == .ok)
      let record = try #require(try await UserToken.query(on: app.db).first())
      #expect(record.lastUsedAt != nil)
      record.expiresAt = Date().addingTimeInterval(-1)
      try await record.update(on: app.db)
      #expect(
        try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth).status == .unauthorized)

      let second = try await Accounts.createToken(on: app.db, user: user, label: "cli")
      let auth2: HTTPHeaders = ["Authorization": "Bearer \(second)"]
      #expect(try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth2).status == .ok)
      let id = try #require(try await UserToken.query(on: app.db).filter(\.$label == "cli").first()?.id)
      _ = try await Accounts.revokeToken(on: app.db, id: id)
      #expect(
        try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth2).status == .unauthorized
      )
    }
  }

  @Test func usersSeeAndRevokeTheirTokensOnAPage() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let user = try #require(try await User.query(on: app.db).first())
      let token = try await Accounts.createToken(on: app.db, user: user, label: "会計システム連携", days: 90)
      let page = try await b.get("/account/tokens")
      #expect(page.status == .ok)
      #expect(b.lastBody.contains("会計システム連携"))
      #expect(b.lastBody.contains("有効"))
      #expect(!b.lastBody.contains(token))
      let id = try #require(try await UserToken.query(on: app.db).first()?.id)
      #expect(try await b.post("/account/tokens/\(id)/revoke").status == .seeOther)
      try await b.get("/account/tokens")
      #expect(b.lastBody.contains("取り消し済み"))
      let res = try await app.testing().sendRequest(
        .GET, "/api/v1/contracts", headers: ["Authorization": "Bearer \(token)"])
      #expect(res.status == .unauthorized)
    }
  }

  @Test func overHTTPSCookiesAreSecureAndHSTSIsSent() async throws {
    #expect(
      ServerSettings.from(dataDir: "/tmp", environment: ["BUNKAI_PUBLIC_URL": "https://b.example"]).https)
    #expect(!ServerSettings.from(dataDir: "/tmp", environment: [:]).https)
    try await TestApp.run(adjust: { $0.https = true }) { app in
      let login = try await app.testing().sendRequest(.GET, "/setup")
      #expect(login.headers.first(name: "Strict-Transport-Security") == "max-age=31536000")
      let csrf = try #require(
        login.headers[HTTPHeaders.Name.setCookie].first { $0.hasPrefix("bunkai_csrf=") })
      #expect(csrf.contains("Secure"))
      _ = try await Browser.setUp(app)
      let b = Browser(app)
      try await b.get("/login")
      let res = try await b.post(
        "/login", [("email", "admin@sakura.example"), ("password", "correct-horse-1")])
      let cookie = try #require(
        res.headers[HTTPHeaders.Name.setCookie].first { $0.hasPrefix("bunkai_session=") })
      #expect(cookie.contains("Secure"))
    }
    try await TestApp.run { app in
      let page = try await app.testing().sendRequest(.GET, "/setup")
      #expect(page.headers.first(name: "Strict-Transport-Security") == nil)
    }
  }

  @Test func requestLogsLeaveOutInvitationCodesAndTokens() {
    #expect(RequestLogMiddleware.redacted("/invite/bk_abcDEF123") == "/invite/[redacted]")
    #expect(RequestLogMiddleware.redacted("/contracts/1/exchange") == "/contracts/1/exchange")
    #expect(!RequestLogMiddleware.redacted("/x/bk_secret/y").contains("secret"))
  }
}
