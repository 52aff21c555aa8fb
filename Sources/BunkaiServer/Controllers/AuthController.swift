import Fluent
import Vapor

/// First-run set-up, login and logout.
struct AuthController {
  struct SetupForm: Content {
    var organisation: String
    var name: String
    var email: String
    var password: String
  }
  struct LoginForm: Content {
    var email: String
    var password: String
  }
  struct FormContext: Encodable {
    var page: Page
    var email: String
    var organisation: String
    var name: String
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.setup, use: setupPage)
    routes.post(SiteRoute.setup, use: setup)
    routes.get(SiteRoute.login, use: loginPage)
    routes.post(SiteRoute.login, use: login)
    routes.post(SiteRoute.logout, use: logout)
  }

  private func noOrganisationYet(_ req: Request) async throws -> Bool {
    try await Organisation.query(on: req.db).first() == nil
  }

  func setupPage(req: Request) async throws -> Response {
    guard try await noOrganisationYet(req) else { return req.redirect(to: Paths.login) }
    return try await req.render(
      "setup", FormContext(page: req.page("はじめての設定"), email: "", organisation: "", name: "")
    )
    .encodeResponse(for: req)
  }

  func setup(req: Request) async throws -> Response {
    // Only the very first organisation is made here; later ones come from the CLI.
    guard try await noOrganisationYet(req) else { throw Abort(.forbidden, reason: "初期設定は完了しています。") }
    let form = try req.content.decode(SetupForm.self)
    do {
      let user = try await Accounts.createUser(
        on: req.db, hasher: req.password.async, orgName: form.organisation, email: form.email,
        name: form.name,
        role: .admin, password: form.password)
      try await req.signIn(user)
      req.flash("初期設定が完了しました。まず事業者と契約を登録しましょう。")
      return req.redirect(to: Paths.home)
    } catch let e as Accounts.Problem {
      let page = try await req.page("はじめての設定", error: e.description)
      return try await req.render(
        "setup", FormContext(page: page, email: form.email, organisation: form.organisation, name: form.name)
      ).encodeResponse(status: .unprocessableEntity, for: req)
    }
  }

  func loginPage(req: Request) async throws -> Response {
    if try await noOrganisationYet(req) { return req.redirect(to: Paths.setup) }
    return try await req.render(
      "login", FormContext(page: req.page("ログイン"), email: "", organisation: "", name: "")
    )
    .encodeResponse(for: req)
  }

  func login(req: Request) async throws -> Response {
    let form = try req.content.decode(LoginForm.self)
    let email = form.email.trimmingCharacters(in: .whitespaces).lowercased()
    let settings = req.settings
    // A place for this attempt, per address and per account, before any password is checked.
    let address = "address:" + req.clientAddress
    var wait = try await LoginThrottle.reserve(
      req.db, scope: address, allowance: settings.maxFailedLoginsPerAddress, window: settings.throttleWindow)
    if wait == nil {
      wait = try await LoginThrottle.reserve(
        req.db, scope: "account:" + email, allowance: settings.maxFailedLogins,
        window: settings.throttleWindow)
    }
    if let wait {
      try await LoginAttempt(email: email, succeeded: false).save(on: req.db)
      if let locked = try await User.query(on: req.db).filter(\.$email == email).first() {
        Self.recordLater(
          req, org: locked.organisationID, action: "ログイン停止中の試行", email: email, id: locked.id,
          after: ["address": req.clientAddress, "waitSeconds": String(Int(wait.rounded(.up)))])
      }
      let minutes = max(1, Int((wait / 60).rounded(.up)))
      let page = try await req.page(
        "ログイン", error: "ログインの失敗が続いたため、しばらくログインできません。\(minutes)分ほど待ってから、もう一度お試しください。")
      let res = try await req.render(
        "login", FormContext(page: page, email: form.email, organisation: "", name: "")
      )
      .encodeResponse(status: .tooManyRequests, for: req)
      res.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait.rounded(.up))))
      return res
    }
    let user = try await User.query(on: req.db).filter(\.$email == email).first()
    // bcrypt runs for unknown addresses too (on a hash made at start), so the answer takes as long.
    let hash = user?.passwordHash ?? req.application.dummyPasswordHash
    let fits = form.password.utf8.count <= PasswordPolicy.maxBytes
    let matches = try await req.password.async.verify(fits ? form.password : "", created: hash)
    let ok = matches && fits && user != nil && user?.disabledAt == nil
    try await LoginAttempt(email: email, succeeded: ok).save(on: req.db)
    guard ok, let user else {
      if let user {
        Self.recordLater(
          req, org: user.organisationID, action: "ログイン失敗", email: email, id: user.id,
          after: ["address": req.clientAddress])
      }
      let page = try await req.page("ログイン", error: "メールアドレスまたはパスワードが違います。")
      return try await req.render(
        "login", FormContext(page: page, email: form.email, organisation: "", name: "")
      )
      .encodeResponse(status: .unauthorized, for: req)
    }
    try await LoginThrottle.reset(req.db, scope: "account:" + email)
    try await AuditLog.record(
      on: req.db, org: user.organisationID, user: user, action: "ログイン", entity: "利用者 \(email)", id: user.id,
      after: ["address": req.clientAddress])
    try await req.signIn(user)
    return req.redirect(to: Paths.home)
  }

  /// A refused sign-in for an existing account, recorded without the answer waiting for it: an
  /// unknown address has nothing to record, and the two must take as long.
  static func recordLater(
    _ req: Request, org: UUID, action: String, email: String, id: UUID?, after: [String: String]
  ) {
    let app = req.application
    let name = "\(email)（\(req.clientAddress) から）"
    Task {
      do {
        try await AuditLog.record(
          on: app.db, org: org, user: nil, action: action, entity: "利用者 \(email)", id: id, after: after,
          userName: name)
      } catch {
        app.logger.error("audit: \(action) not recorded: \(String(reflecting: error))")
      }
    }
  }

  func logout(req: Request) async throws -> Response {
    req.auth.logout(User.self)
    req.session.destroy()
    return req.redirect(to: Paths.login)
  }
}

extension Request {
  /// Signs the user in on a new session id (login, an accepted invitation), so a session fixed
  /// before signing in is worthless.
  func signIn(_ user: User) async throws {
    if let old = session.id {
      try await application.sessions.driver.deleteSession(old, for: self).get()
    }
    session.id = nil
    session.data = SessionData()
    let now = String(Int(Date().timeIntervalSince1970))
    session.data[SessionTimes.created] = now
    session.data[SessionTimes.seen] = now
    session.authenticate(user)
    auth.login(user)
  }

  /// The client's address for throttling: the connection's, or the proxy's last
  /// `X-Forwarded-For` entry when the proxy is trusted.
  var clientAddress: String {
    if settings.trustForwardedFor,
      let last = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last
    {
      return last.trimmingCharacters(in: .whitespaces)
    }
    return remoteAddress?.ipAddress ?? "unknown"
  }
}

struct DummyPasswordHashKey: StorageKey { typealias Value = String }

extension Application {
  /// A bcrypt hash of nothing anyone knows, made at start with the configured cost: checked
  /// against when the address is unknown, so the answer takes as long as for a known one.
  var dummyPasswordHash: String {
    get { storage[DummyPasswordHashKey.self] ?? "" }
    set { storage[DummyPasswordHashKey.self] = newValue }
  }
}
