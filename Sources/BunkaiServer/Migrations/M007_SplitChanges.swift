import Fluent
import SQLKit

/// Changes to a confirmed split, kept so the other side sees what changed and acknowledges it.
struct M007_SplitChanges: AsyncMigration {
  var name: String { "M007_SplitChanges" }

  func prepare(on db: any Database) async throws {
    try await db.schema(SplitChange.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("item_id", .string, .required)
      .field("side", .string, .required)
      .field("user_name", .string, .required)
      .field("before_owner", .string, .required)
      .field("before_agreed", .string, .required)
      .field("after_owner", .string, .required)
      .field("after_agreed", .string, .required)
      .field("created_at", .datetime)
      .field("acknowledged_by", .string)
      .field("acknowledged_at", .datetime)
      .create()
    if let sql = db as? any SQLDatabase {
      try await sql.raw(
        "CREATE INDEX IF NOT EXISTS split_changes_contract ON split_changes (contract_id, item_id)"
      )
      .run()
    }
  }

  func revert(on db: any Database) async throws {
    if let sql = db as? any SQLDatabase {
      try await sql.raw("DROP INDEX IF EXISTS split_changes_contract").run()
    }
    try await db.schema(SplitChange.schema).delete()
  }
}
