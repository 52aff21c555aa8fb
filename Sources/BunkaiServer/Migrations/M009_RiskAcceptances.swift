import Fluent
import SQLKit

/// Executives' risk acceptances (経営層のリスク受容).
struct M009_RiskAcceptances: AsyncMigration {
  var name: String { "M009_RiskAcceptances" }

  func prepare(on db: any Database) async throws {
    try await db.schema(RiskAcceptance.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("subject_kind", .string, .required)
      .field("contract_id", .uuid, .references(Contract.schema, "id"))
      .field("review_id", .uuid, .references(ReviewRecord.schema, "id"))
      .field("finding_index", .int)
      .field("rule_id", .string)
      .field("item_id", .string)
      .field("subject_id", .uuid)
      .field("subject_title", .string, .required)
      .field("risk", .string, .required)
      .field("reason", .string, .required)
      .field("measures", .string, .required)
      .field("owner", .string, .required)
      .field("expires_on", .string, .required)
      .field("requested_by", .uuid, .required)
      .field("requested_by_name", .string, .required)
      .field("requested_at", .datetime, .required)
      .field("signed_by", .uuid)
      .field("signed_by_name", .string)
      .field("signed_at", .datetime)
      .create()
    if let sql = db as? any SQLDatabase {
      try await sql.raw(
        "CREATE INDEX IF NOT EXISTS risk_acceptances_org ON risk_acceptances (organisation_id, expires_on)"
      ).run()
      try await sql.raw(
        "CREATE INDEX IF NOT EXISTS risk_acceptances_review ON risk_acceptances (review_id, finding_index)"
      ).run()
    }
  }

  func revert(on db: any Database) async throws {
    if let sql = db as? any SQLDatabase {
      try await sql.raw("DROP INDEX IF EXISTS risk_acceptances_review").run()
      try await sql.raw("DROP INDEX IF EXISTS risk_acceptances_org").run()
    }
    try await db.schema(RiskAcceptance.schema).delete()
  }
}
