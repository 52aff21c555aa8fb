import Foundation

/// How the server stores its data. Passed explicitly to `configure`; nothing is read from globals
/// except by the executable, which builds this from its flags and `DATABASE_URL`.
public struct ServerSettings: Sendable {
  public enum Database: Sendable, Equatable {
    /// A SQLite file (WAL mode); migrations run at start.
    case sqliteFile(String)
    /// In-memory SQLite, for tests.
    case sqliteMemory
    /// PostgreSQL; migrations run with `bunkai migrate` so several instances can share it.
    case postgres(url: String)
  }

  public var database: Database
  /// Run pending migrations when the app starts (always on SQLite).
  public var autoMigrate: Bool
  /// bcrypt cost; tests lower it to stay fast.
  public var bcryptCost: Int
  /// The largest contract upload accepted.
  public var maxUploadBytes: Int
  /// Failed logins per address within `throttleWindow` before logins are refused.
  public var maxFailedLogins: Int
  public var throttleWindow: TimeInterval
  /// The address people open (`BUNKAI_PUBLIC_URL`), for invitation links; without it, the
  /// address the request came to.
  public var publicURL: String?
  /// The relay invitation mail goes through (`BUNKAI_SMTP_HOST` …); nil: links are shown only.
  public var smtp: SMTPSettings?
  /// How uploads are read: the intake worker and its limits (`BUNKAI_INTAKE*`).
  public var intake = IntakeSettings()

  public init(
    database: Database, autoMigrate: Bool? = nil, bcryptCost: Int = 12, maxUploadBytes: Int = 20 * 1_048_576,
    maxFailedLogins: Int = 5, throttleWindow: TimeInterval = 15 * 60
  ) {
    self.database = database
    if case .postgres = database {
      self.autoMigrate = autoMigrate ?? false
    } else {
      self.autoMigrate = autoMigrate ?? true
    }
    self.bcryptCost = bcryptCost
    self.maxUploadBytes = maxUploadBytes
    self.maxFailedLogins = maxFailedLogins
    self.throttleWindow = throttleWindow
  }

  /// SQLite in `dataDir` unless `DATABASE_URL` names a PostgreSQL database.
  public static func from(dataDir: String, environment: [String: String]) -> ServerSettings {
    var settings =
      if let url = environment["DATABASE_URL"], !url.isEmpty {
        ServerSettings(database: .postgres(url: url))
      } else {
        ServerSettings(
          database: .sqliteFile(URL(fileURLWithPath: dataDir).appendingPathComponent("bunkai.sqlite").path))
      }
    if let url = environment["BUNKAI_PUBLIC_URL"], !url.isEmpty { settings.publicURL = url }
    settings.smtp = SMTPSettings.from(environment: environment)
    settings.intake = IntakeSettings.from(environment: environment)
    return settings
  }
}
