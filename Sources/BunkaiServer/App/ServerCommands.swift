import Fluent
import Vapor

/// Entry points for the executable: serve, migrate, create users and tokens. Each builds its own
/// application from explicit settings and shuts it down.
public enum BunkaiServer {
  /// Starts the web server until interrupted.
  public static func serve(settings: ServerSettings, hostname: String, port: Int) async throws {
    let env = Environment(
      name: "production", arguments: ["bunkai", "serve", "--hostname", hostname, "--port", String(port)])
    let app = try await Application.make(env)
    do {
      try await configure(app, settings: settings)
      if case .postgres = settings.database {
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get()
        if !pending.isEmpty {
          throw Abort(
            .internalServerError, reason: "データベースに未適用の移行が \(pending.count) 件あります。先に bunkai migrate を実行してください。"
          )
        }
      }
      app.logger.notice("Bunkai: ブラウザで http://\(hostname):\(port)/ を開いてください")
      try await app.execute()
    } catch {
      try? await app.asyncShutdown()
      throw error
    }
    try await app.asyncShutdown()
  }

  /// Runs pending migrations (PostgreSQL deployments run this once, before starting instances).
  public static func migrate(settings: ServerSettings) async throws -> [String] {
    try await withApp(settings) { app in
      try await app.migrator.setupIfNeeded().get()
      let pending = try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
      try await app.autoMigrate()
      return pending
    }
  }

  /// Creates a user (and its organisation when new); returns the organisation's name.
  public static func createUser(
    settings: ServerSettings, org: String, email: String, name: String?, role: String, password: String
  ) async throws -> String {
    guard let role = Role(rawValue: role), Role.institution.contains(role) else {
      throw Accounts.Problem(description: "--role は admin、staff、executive のいずれかです（\(role)）。")
    }
    return try await withApp(settings) { app in
      let user = try await Accounts.createUser(
        on: app.db, hasher: app.password.async, orgName: org, email: email, name: name ?? "", role: role,
        password: password)
      return try await Organisation.find(user.organisationID, on: app.db)?.name ?? org
    }
  }

  /// A new API token for an existing user, valid for `days` (nil: until revoked).
  public static func createToken(settings: ServerSettings, email: String, label: String, days: Int? = nil)
    async throws -> String
  {
    try await withApp(settings) { app in
      let user = try await findUser(app.db, email)
      guard user.disabledAt == nil else { throw Accounts.Problem(description: "無効化された利用者です: \(email)") }
      return try await Accounts.createToken(on: app.db, user: user, label: label, days: days)
    }
  }

  /// One API token as `bunkai token list` shows it.
  public struct TokenRow: Sendable {
    public var id: UUID
    public var email: String
    public var label: String
    public var createdAt: Date?
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?
  }

  /// The API tokens, of one user or of everyone, oldest first.
  public static func listTokens(settings: ServerSettings, email: String?) async throws -> [TokenRow] {
    try await withApp(settings) { app in
      var users = try await User.query(on: app.db).all()
      if let email {
        let user = try await findUser(app.db, email)
        users = [user]
      }
      let emails = Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.email) })
      let tokens = try await UserToken.query(on: app.db).filter(\.$userID ~~ Array(emails.keys)).all()
      return tokens.sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }.map {
        TokenRow(
          id: $0.id!, email: emails[$0.userID] ?? "", label: $0.label, createdAt: $0.createdAt,
          expiresAt: $0.expiresAt, revokedAt: $0.revokedAt, lastUsedAt: $0.lastUsedAt)
      }
    }
  }

  /// Revokes a token by its id (from `bunkai token list`); returns its label and user.
  public static func revokeToken(settings: ServerSettings, id rawID: String) async throws -> (String, String)
  {
    guard let id = UUID(uuidString: rawID) else {
      throw Accounts.Problem(description: "ID の形式が正しくありません: \(rawID)（bunkai token list の ID を指定してください）")
    }
    return try await withApp(settings) { app in
      let token = try await Accounts.revokeToken(on: app.db, id: id)
      let email = try await User.find(token.userID, on: app.db)?.email ?? ""
      return (token.label, email)
    }
  }

  /// Sets a temporary password for a user (who should change it after signing in) and ends the
  /// user's sessions.
  public static func resetPassword(settings: ServerSettings, email: String, password: String) async throws {
    try await withApp(settings) { app in
      let user = try await findUser(app.db, email)
      try await Accounts.setPassword(
        on: app.db, hasher: app.password.async, user: user, password: password, by: nil)
    }
  }

  /// Disables a user: no login, no token, sessions ended.
  public static func disableUser(settings: ServerSettings, email: String) async throws {
    try await withApp(settings) { app in
      let user = try await findUser(app.db, email)
      try await Accounts.disable(on: app.db, user: user, by: nil)
    }
  }

  static func findUser(_ db: any Database, _ email: String) async throws -> User {
    let e = email.trimmingCharacters(in: .whitespaces).lowercased()
    guard let user = try await User.query(on: db).filter(\.$email == e).first() else {
      throw Accounts.Problem(description: "利用者が見つかりません: \(email)")
    }
    return user
  }

  /// Invites a vendor contact to a contract; returns the link to send and its expiry.
  public static func createInvitation(
    settings: ServerSettings, contractID: String, email: String, days: Int, baseURL: String?
  ) async throws -> (link: String, expires: Date, delivery: String) {
    try await withApp(settings) { app in
      guard let id = UUID(uuidString: contractID), let contract = try await Contract.find(id, on: app.db)
      else {
        throw Accounts.Problem(description: "契約が見つかりません: \(contractID)（契約の画面の URL にある ID を指定してください）")
      }
      let (inv, token) = try await Invitations.create(
        on: app.db, contract: contract, email: email, by: nil, days: days)
      let base = baseURL ?? settings.publicURL ?? "http://127.0.0.1:8080"
      let link = Invitations.link(base: base, token: token)
      let org = try await Organisation.find(contract.organisationID, on: app.db)
      let delivery = await Invitations.mail(
        settings.smtp, to: inv.email, link: link, organisation: org?.name ?? "", contract: contract.title,
        expires: inv.expiresAt)
      return (link, inv.expiresAt, delivery.note)
    }
  }

  /// The annex of a contract, or the redline or memo of a review, as the web pages make them.
  /// `format` is the output file's extension.
  public static func export(settings: ServerSettings, kind: String, id rawID: String, format: String)
    async throws
    -> Data
  {
    let allowed = ["annex": ["docx", "xlsx", "html", "pdf"], "redline": ["docx"], "memo": ["docx", "md"]]
    guard let formats = allowed[kind] else {
      throw Accounts.Problem(description: "書き出せるのは annex、redline、memo です（\(kind)）。")
    }
    guard formats.contains(format) else {
      throw Accounts.Problem(
        description: "\(kind) は .\(formats.joined(separator: "、.")) で書き出せます（--output の拡張子が .\(format) です）。")
    }
    return try await withApp(settings) { app in
      guard let id = UUID(uuidString: rawID) else {
        throw Accounts.Problem(description: "ID の形式が正しくありません: \(rawID)（画面の URL にある ID を指定してください）")
      }
      if kind == "annex" {
        guard let contract = try await Contract.find(id, on: app.db) else {
          throw Accounts.Problem(description: "契約が見つかりません: \(rawID)")
        }
        let annex = try await SignedDocuments.annex(app.db, engine: app.engine, contract: contract)
        return try await SignedDocuments.annexFile(
          annex, format: format, toolTimeout: settings.intake.toolTimeoutSeconds)
      }
      guard let review = try await ReviewRecord.find(id, on: app.db) else {
        throw Accounts.Problem(description: "照合結果が見つかりません: \(rawID)")
      }
      if kind == "redline" {
        return try await SignedDocuments.redline(app.db, engine: app.engine, review: review).0
      }
      let memo = try await SignedDocuments.memo(app.db, engine: app.engine, review: review)
      return try SignedDocuments.memoFile(memo, format: format)
    }
  }

  package static func withApp<T: Sendable>(
    _ settings: ServerSettings, _ body: (Application) async throws -> T
  ) async throws -> T {
    var settings = settings
    if case .postgres = settings.database {} else { settings.autoMigrate = true }
    let app = try await Application.make(Environment(name: "production", arguments: ["bunkai"]))
    do {
      app.logger.logLevel = .warning
      try await configure(app, settings: settings)
      let result = try await body(app)
      try await app.asyncShutdown()
      return result
    } catch {
      try? await app.asyncShutdown()
      throw error
    }
  }
}

extension Accounts.Problem: LocalizedError {
  var errorDescription: String? { description }
}
