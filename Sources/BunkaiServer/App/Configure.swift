import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import SQLKit
import Vapor

/// Sets up an application: database, migrations, sessions, views, middleware and routes.
public func configure(_ app: Application, settings: ServerSettings) async throws {
  app.settings = settings
  app.engine = try Engine.builtin()
  app.reviewPages = ReviewPages()
  app.pageCache = PageCache()
  app.intakeSlots = IntakeSlots(settings.intake.maxWorkers)
  if case .worker = settings.intake.mode {
    // Found now, so a server that cannot protect itself from hostile uploads does not start.
    guard let worker = settings.intake.workerExecutable() else {
      throw IntakeSettings.WorkerMissing()
    }
    app.intakeWorkerPath = worker
  }

  switch settings.database {
  case .sqliteFile(let path):
    try DataFolder.prepare(databasePath: path)
    app.databases.use(.sqlite(.file(path)), as: .sqlite)
  case .sqliteMemory:
    app.databases.use(.sqlite(.memory), as: .sqlite)
  case .postgres(let url):
    app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
  }
  Migrations.register(on: app)

  // Sessions live in the database, so any app instance can answer a signed-in user.
  app.sessions.use { app in ChangedOnlySessions(inner: app.fluent.sessions.driver()) }
  app.sessions.configuration.cookieName = "bunkai_session"
  app.sessions.configuration.cookieFactory = { id in
    // An empty id: an anonymous visitor's session, which is not stored and gets no cookie.
    if id.string.isEmpty { return .expired }
    return HTTPCookies.Value(
      string: id.string, maxAge: Int(settings.sessionMaxAge), path: "/", isSecure: settings.https,
      isHTTPOnly: true, sameSite: .lax)
  }
  app.passwords.use(.bcrypt(cost: settings.bcryptCost))
  app.dummyPasswordHash = try await app.password.async.hash(UUID().uuidString)
  app.routes.defaultMaxBodySize = "1mb"
  // Every multipart form is checked before MultipartKit reads it (a crafted one would crash it).
  ContentConfiguration.global.use(decoder: CheckedFormDataDecoder(), for: .formData)

  let resources = Bundle.module.resourceURL!
  app.directory.viewsDirectory = resources.appendingPathComponent("Views").path + "/"
  app.directory.publicDirectory = resources.appendingPathComponent("Public").path + "/"
  app.views.use(.leaf)
  // The views are bundle resources, which SwiftPM places under the hidden .build folder; Leaf's
  // default sources refuse hidden paths, so allow them, sandboxed to the views folder.
  app.leaf.sources = .singleSource(
    NIOLeafFiles(
      fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
      sandboxDirectory: app.directory.viewsDirectory,
      viewDirectory: app.directory.viewsDirectory))
  app.leaf.cache.isEnabled = true

  app.middleware = Middlewares()
  app.middleware.use(RequestLogMiddleware())
  app.middleware.use(SecurityHeadersMiddleware(https: settings.https))
  app.middleware.use(ErrorPagesMiddleware())
  app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil))

  if settings.autoMigrate { try await app.autoMigrate() }
  if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite", settings.database != .sqliteMemory {
    // WAL: readers do not wait for the writer, and a crash never leaves a half-written page.
    try await sql.raw("PRAGMA journal_mode=WAL").run()
    if case .sqliteFile(let path) = settings.database { DataFolder.restrict(databasePath: path) }
  }
  if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" {
    // Another process's write (the CLI) is waited for rather than failing at once.
    try await Writes.prepareSQLite(app)
  }
  app.lifecycle.use(Maintenance.Schedule())
  try routes(app)
}

/// The numbered migrations, in order; the same on SQLite and PostgreSQL.
public enum Migrations {
  static func register(on app: Application) {
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(M001_CreateSchema())
    app.migrations.add(M002_VendorCollaboration())
    app.migrations.add(M003_IdempotencyKeys())
    app.migrations.add(M004_AccountsAndSessions())
    app.migrations.add(M005_AuditChain())
    app.migrations.add(M007_SplitChanges())
    app.migrations.add(M009_RiskAcceptances())
    app.migrations.add(M010_Carryover())
    app.migrations.add(M011_ContractLife())
    app.migrations.add(M012_Reminders())
    app.migrations.add(M013_Rechecks())
  }
}

func routes(_ app: Application) throws {
  let web = app.grouped(app.sessions.middleware, CSRFMiddleware(), SessionUserAuthenticator())
  AuthController().register(web)
  InvitationController().registerPublic(web)
  // The glossary holds no organisation's data: open to anyone, signed in or not.
  GlossaryController().register(web)
  let signedIn = web.grouped(LoginRequired())
  // Pages both sides use; each checks the contract is the user's to open.
  ExchangeController().register(signedIn)
  ContractLifeController().register(signedIn)
  AccountController().register(signedIn)
  DeadlineController().register(signedIn)
  // The admin's checklist-import notice.
  ImportNotice.register(signedIn)
  // The institution's own pages: vendor users are kept out.
  let institution = signedIn.grouped(InstitutionOnly())
  DashboardController().register(institution)
  VendorController().register(institution)
  SystemController().register(institution)
  ContractController().register(institution)
  ReviewController().register(institution)
  ChecklistController().register(institution)
  AdminController().register(institution)
  InvitationController().registerInstitution(institution)
  ResponsibilityController().register(institution)
  RiskAcceptanceController().register(institution)
  ContractLifeController().registerInstitution(institution)
  RecheckController().register(institution)

  let api = app.grouped(APIRoute.prefix).grouped(
    APIErrorMiddleware(),
    TokenAuthenticator(),
    User.guardMiddleware(
      throwing: Abort(
        .unauthorized, reason: "APIトークンが必要です（Authorization: Bearer <トークン>。bunkai token create で発行できます）。")))
  APIController().register(
    api.grouped(APIRateLimitMiddleware(perMinute: app.settings.apiRatePerMinute), IdempotencyMiddleware()))
  // Calendar programs have no session and send no form token: the feed's secret URL is the key.
  DeadlineController().registerPublic(app)
  // Up only when the database answers: a load balancer then stops sending requests here while
  // the database is away.
  app.get(SiteRoute.health) { req async -> Response in
    do {
      try await (req.db as! any SQLDatabase).raw("SELECT 1").run()
      return Response(status: .ok, body: .init(string: "ok"))
    } catch {
      req.logger.warning("healthz: database unavailable: \(String(reflecting: error))")
      return Response(status: .serviceUnavailable, body: .init(string: "database unavailable"))
    }
  }
}
