import Fluent
import SQLKit

/// The contract's life after signing: change notices, the subcontractor register, vulnerability
/// consultations; the organisation's default notice period; and, on a split change, the change
/// notice whose approval reopened it.
struct M011_ContractLife: AsyncMigration {
  var name: String { "M011_ContractLife" }

  func prepare(on db: any Database) async throws {
    try await db.schema(ChangeNotice.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("title", .string, .required)
      .field("details", .string, .required)
      .field("affects_security", .bool, .required)
      .field("planned_on", .string, .required)
      .field("noticed_on", .string, .required)
      .field("item_ids", .string, .required)
      .field("period_amount", .int, .required)
      .field("period_unit", .string, .required)
      .field("period_source", .string, .required)
      .field("period_article", .string)
      .field("period_quote", .string)
      .field("deadline", .string, .required)
      .field("late", .bool, .required)
      .field("side", .string, .required)
      .field("submitted_by", .uuid, .required)
      .field("submitted_by_name", .string, .required)
      .field("status", .string, .required)
      .field("decided_by", .uuid)
      .field("decided_by_name", .string)
      .field("decided_at", .datetime)
      .field("decision_reason", .string)
      .field("created_at", .datetime)
      .create()
    try await db.schema(Subcontractor.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("name", .string, .required)
      .field("scope", .string, .required)
      .field("data_handled", .string, .required)
      .field("equal_duties", .bool, .required)
      .field("in_use", .bool, .required)
      .field("end_on", .string)
      .field("approved_on", .string)
      .field("approved_by", .string)
      .field("approved_by_user", .uuid)
      .field("side", .string, .required)
      .field("submitted_by_name", .string, .required)
      .field("created_at", .datetime)
      .create()
    try await db.schema(VulnerabilityConsultation.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("product", .string, .required)
      .field("version", .string, .required)
      .field("advisory", .string, .required)
      .field("severity", .string, .required)
      .field("measure", .string, .required)
      .field("cost", .string, .required)
      .field("side", .string, .required)
      .field("submitted_by_name", .string, .required)
      .field("decision", .string, .required)
      .field("defer_until", .string)
      .field("decision_reason", .string)
      .field("decided_by_name", .string)
      .field("decided_at", .datetime)
      .field("created_at", .datetime)
      .create()
    // nil: the default of 30 days (ChangeNotices.defaultDays).
    try await db.schema(Organisation.schema).field("change_notice_days", .int).update()
    try await db.schema(SplitChange.schema).field("change_notice_id", .uuid).update()
    if let sql = db as? any SQLDatabase {
      for table in [ChangeNotice.schema, Subcontractor.schema, VulnerabilityConsultation.schema] {
        try await sql.raw(
          "CREATE INDEX IF NOT EXISTS \(unsafeRaw: table)_contract ON \(unsafeRaw: table) (organisation_id, contract_id)"
        ).run()
      }
    }
  }

  func revert(on db: any Database) async throws {
    if let sql = db as? any SQLDatabase {
      for table in [ChangeNotice.schema, Subcontractor.schema, VulnerabilityConsultation.schema] {
        try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: table)_contract").run()
      }
    }
    try await db.schema(SplitChange.schema).deleteField("change_notice_id").update()
    try await db.schema(Organisation.schema).deleteField("change_notice_days").update()
    try await db.schema(VulnerabilityConsultation.schema).delete()
    try await db.schema(Subcontractor.schema).delete()
    try await db.schema(ChangeNotice.schema).delete()
  }
}
