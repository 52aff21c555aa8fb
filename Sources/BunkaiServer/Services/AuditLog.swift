import Fluent
import Foundation
import SQLKit
import Vapor

/// Writes the audit trail: who, when, what, and the values before and after as JSON.
enum AuditLog {
  static func record(
    on db: any Database, org: UUID, user: User?, action: String, entity: String, id: UUID?,
    before: (any Encodable)? = nil, after: (any Encodable)? = nil
  ) async throws {
    let e = AuditEntry()
    e.organisationID = org
    e.userID = user?.id
    e.userName = user.map { "\($0.name) <\($0.email)>" } ?? "システム"
    e.side = user?.role.side
    e.action = action
    e.entity = entity
    e.entityID = id
    e.before = json(before)
    e.after = json(after)
    try await e.save(on: db)
    try await bumpRevision(on: db, org: org)
  }

  /// One more change for the organisation: pages cached for the old revision are rebuilt.
  static func bumpRevision(on db: any Database, org: UUID) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    try await sql.raw("UPDATE organisations SET revision = revision + 1 WHERE id = \(bind: org)").run()
  }

  static func json(_ value: (any Encodable)?) -> String {
    guard let value else { return "" }
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? String(decoding: enc.encode(value), as: UTF8.self)) ?? ""
  }
}
