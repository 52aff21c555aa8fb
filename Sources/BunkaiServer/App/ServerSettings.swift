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
  /// The largest upload accepted, contract or attachment (`BUNKAI_MAX_UPLOAD_MB`, default 20).
  public var maxUploadBytes: Int
  /// Login attempts per account before each further one waits a growing delay (LoginThrottle);
  /// the count starts again after `throttleWindow` without attempts, which also caps the delay.
  public var maxFailedLogins: Int
  public var throttleWindow: TimeInterval
  /// The same per client address (every account together).
  public var maxFailedLoginsPerAddress = 30
  /// Take the client's address from the last `X-Forwarded-For` entry (`BUNKAI_TRUST_PROXY=1`,
  /// only behind a proxy that sets it); otherwise the connection's address.
  public var trustForwardedFor = false
  /// API requests per token user and minute, per instance (`BUNKAI_API_RATE_PER_MINUTE`; 0: none).
  public var apiRatePerMinute = 600
  /// The site is served over HTTPS (`BUNKAI_HTTPS=1`, or a `BUNKAI_PUBLIC_URL` starting with
  /// https://): cookies are marked `Secure` and every response carries HSTS.
  public var https = false
  /// A session ends after this long without a request (`BUNKAI_SESSION_IDLE_MINUTES`) …
  public var sessionIdleTimeout: TimeInterval = 30 * 60
  /// … and this long after signing in, however busy (`BUNKAI_SESSION_MAX_HOURS`).
  public var sessionMaxAge: TimeInterval = 12 * 60 * 60
  /// The address people open (`BUNKAI_PUBLIC_URL`), for invitation links; without it, the
  /// address the request came to.
  public var publicURL: String?
  /// The relay invitation mail goes through (`BUNKAI_SMTP_HOST` …); nil: links are shown only.
  public var smtp: SMTPSettings?
  /// How uploads are read: the intake worker and its limits (`BUNKAI_INTAKE*`).
  public var intake = IntakeSettings()
  /// The hour (Japan time, 0–23) from which the day's reminder mail goes out
  /// (`BUNKAI_REMINDER_HOUR`, default 7: read in the morning, not sent at midnight).
  public var reminderHour = 7

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
    if let v = environment["BUNKAI_MAX_UPLOAD_MB"].flatMap(Int.init), v > 0 {
      settings.maxUploadBytes = min(v, 1 << 20) * 1_048_576
    }
    settings.trustForwardedFor = environment["BUNKAI_TRUST_PROXY"] == "1"
    if let v = environment["BUNKAI_API_RATE_PER_MINUTE"].flatMap(Int.init), v >= 0 {
      settings.apiRatePerMinute = v
    }
    settings.https =
      environment["BUNKAI_HTTPS"] == "1" || (settings.publicURL?.lowercased().hasPrefix("https://") ?? false)
    if let v = environment["BUNKAI_SESSION_IDLE_MINUTES"].flatMap(Double.init), v > 0 {
      settings.sessionIdleTimeout = v * 60
    }
    if let v = environment["BUNKAI_REMINDER_HOUR"].flatMap(Int.init), (0...23).contains(v) {
      settings.reminderHour = v
    }
    if let v = environment["BUNKAI_SESSION_MAX_HOURS"].flatMap(Double.init), v > 0 {
      settings.sessionMaxAge = v * 3600
    }
    return settings
  }
}
