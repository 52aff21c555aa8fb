import Fluent
import SQLKit

/// Accounts, sessions and tokens hardened: login throttling counted atomically per account and
/// per address, users that can be disabled, API tokens with an expiry, a revocation and their last
/// use, and an index for purging old login attempts.
struct M004_AccountsAndSessions: AsyncMigration {
  var name: String { "M004_AccountsAndSessions" }

  func prepare(on db: any Database) async throws {
    // Times as seconds since 1970 (a double), so the one upsert that counts attempts is the same
    // SQL on SQLite and PostgreSQL.
    try await db.schema("login_throttles")
      .id()
      .field("scope", .string, .required)
      .field("attempts", .int, .required)
      .field("locked_until", .double)
      .field("updated_at", .double, .required)
      .unique(on: "scope")
      .create()
    try await db.schema(User.schema).field("disabled_at", .datetime).update()
    try await db.schema(User.schema).field("password_changed_at", .datetime).update()
    try await db.schema(UserToken.schema).field("expires_at", .datetime).update()
    try await db.schema(UserToken.schema).field("revoked_at", .datetime).update()
    try await db.schema(UserToken.schema).field("last_used_at", .datetime).update()
    if let sql = db as? any SQLDatabase {
      try await sql.raw("CREATE INDEX IF NOT EXISTS login_attempts_at ON login_attempts (at)").run()
    }
  }

  func revert(on db: any Database) async throws {
    if let sql = db as? any SQLDatabase {
      try await sql.raw("DROP INDEX IF EXISTS login_attempts_at").run()
    }
    for field in ["last_used_at", "revoked_at", "expires_at"] {
      try await db.schema(UserToken.schema).deleteField(.string(field)).update()
    }
    try await db.schema(User.schema).deleteField("password_changed_at").update()
    try await db.schema(User.schema).deleteField("disabled_at").update()
    try await db.schema("login_throttles").delete()
  }
}
