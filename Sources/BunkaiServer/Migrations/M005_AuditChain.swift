import Fluent
import SQLKit

/// The audit log becomes tamper-evident: every entry gets its place in one chain (`seq`) and its
/// hash (AuditChain), and `audit_chain` holds the newest place and hash, so appending is one locked
/// row and removing the newest entries shows too. Entries written before are chained here, oldest
/// first.
struct M005_AuditChain: AsyncMigration {
  var name: String { "M005_AuditChain" }

  func prepare(on db: any Database) async throws {
    try await db.schema(AuditEntry.schema).field("seq", .int64).update()
    try await db.schema(AuditEntry.schema).field("hash", .string).update()
    try await db.schema(AuditChain.headSchema)
      .field("id", .int, .identifier(auto: false))
      .field("seq", .int64, .required)
      .field("hash", .string, .required)
      .create()
    let entries = try await AuditEntry.query(on: db).sort(\.$createdAt).sort(\.$id).all()
    var previous = ""
    for (i, entry) in entries.enumerated() {
      entry.seq = i + 1
      let hash = AuditChain.hash(previous: previous, entry: entry)
      try await AuditEntry.query(on: db).filter(\.$id == entry.id!)
        .set(\.$seq, to: i + 1).set(\.$chainHash, to: hash).update()
      previous = hash
    }
    guard let sql = db as? any SQLDatabase else { return }
    try await sql.raw(
      "INSERT INTO audit_chain (id, seq, hash) VALUES (1, \(bind: entries.count), \(bind: previous))"
    ).run()
    try await sql.raw("CREATE UNIQUE INDEX IF NOT EXISTS audit_entries_seq ON audit_entries (seq)").run()
  }

  func revert(on db: any Database) async throws {
    if let sql = db as? any SQLDatabase {
      try await sql.raw("DROP INDEX IF EXISTS audit_entries_seq").run()
    }
    try await db.schema(AuditChain.headSchema).delete()
    // Raw SQL: Fluent's SQLite driver leaves columns in place on deleteField.
    if let sql = db as? any SQLDatabase {
      try await sql.raw("ALTER TABLE audit_entries DROP COLUMN hash").run()
      try await sql.raw("ALTER TABLE audit_entries DROP COLUMN seq").run()
    }
  }
}
