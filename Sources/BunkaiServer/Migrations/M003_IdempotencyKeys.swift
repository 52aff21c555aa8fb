import Fluent

/// Hardening of concurrent writes: the answers of API requests sent with an `Idempotency-Key`.
struct M003_IdempotencyKeys: AsyncMigration {
  var name: String { "M003_IdempotencyKeys" }

  func prepare(on db: any Database) async throws {
    try await db.schema(IdempotencyRecord.schema)
      .id()
      .field("user_id", .uuid, .required, .references(User.schema, "id"))
      .field("key", .string, .required)
      .field("request_hash", .string, .required)
      .field("status", .int)
      .field("content_type", .string)
      .field("body", .data)
      .field("created_at", .datetime)
      .unique(on: "user_id", "key")
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema(IdempotencyRecord.schema).delete()
  }
}
