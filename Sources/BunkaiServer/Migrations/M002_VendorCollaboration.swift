import Fluent
import SQLKit

/// Working with the vendor: vendor accounts, invitations, access to contracts, the five-step
/// exchange, attachments, both sides' confirmations, the side in the audit log; and the indexes
/// the busiest pages look up by.
struct M002_VendorCollaboration: AsyncMigration {
  var name: String { "M002_VendorCollaboration" }

  func prepare(on db: any Database) async throws {
    try await db.schema(Decision.schema).field("replaces_quote", .bool).update()
    try await db.schema(Organisation.schema).field("revision", .int, .required, .sql(.default(0))).update()
    try await db.schema(User.schema).field("vendor_id", .uuid).update()
    try await db.schema(AuditEntry.schema).field("side", .string).update()
    for field in [
      "institution_confirmed_by", "institution_confirmed_at", "vendor_confirmed_by", "vendor_confirmed_at",
    ] {
      try await db.schema(ChecklistAnswer.schema).field(
        .string(field), field.hasSuffix("_at") ? .datetime : .string
      )
      .update()
    }
    try await db.schema(Invitation.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("vendor_id", .uuid, .required, .references(Vendor.schema, "id"))
      .field("email", .string, .required)
      .field("token_hash", .string, .required)
      .field("expires_at", .datetime, .required)
      .field("used_at", .datetime)
      .field("used_by", .uuid)
      .field("created_by", .uuid, .required)
      .field("created_at", .datetime)
      .unique(on: "token_hash")
      .create()
    try await db.schema(ContractAccess.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("user_id", .uuid, .required, .references(User.schema, "id"))
      .field("created_at", .datetime)
      .unique(on: "contract_id", "user_id")
      .create()
    try await db.schema(Attachment.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("filename", .string, .required)
      .field("format", .string, .required)
      .field("size", .int, .required)
      .field("sha256", .string, .required)
      .field("data", .data, .required)
      .field("side", .string, .required)
      .field("user_id", .uuid, .required)
      .field("user_name", .string, .required)
      .field("created_at", .datetime)
      .create()
    try await db.schema(ExchangeEntry.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("item_id", .string, .required)
      .field("step", .int, .required)
      .field("side", .string, .required)
      .field("user_id", .uuid, .required)
      .field("user_name", .string, .required)
      .field("text", .string, .required)
      .field("attachment_id", .uuid, .references(Attachment.schema, "id"))
      .field("created_at", .datetime)
      .create()
    guard let sql = db as? any SQLDatabase else { return }
    for (name, table, columns) in [
      ("reviews_contract", "reviews", "contract_id"), ("decisions_review", "decisions", "review_id"),
      ("documents_contract", "documents", "contract_id"),
      ("answers_contract", "checklist_answers", "contract_id"),
      ("exchange_contract_item", "exchange_entries", "contract_id, item_id"),
      ("access_user", "contract_access", "user_id"),
    ] {
      try await sql.raw(
        "CREATE INDEX IF NOT EXISTS \(unsafeRaw: name) ON \(unsafeRaw: table) (\(unsafeRaw: columns))"
      ).run()
    }
  }

  func revert(on db: any Database) async throws {
    for schema in [ExchangeEntry.schema, Attachment.schema, ContractAccess.schema, Invitation.schema] {
      try await db.schema(schema).delete()
    }
    if let sql = db as? any SQLDatabase {
      for name in ["reviews_contract", "decisions_review", "documents_contract", "answers_contract"] {
        try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: name)").run()
      }
    }
    for field in [
      "institution_confirmed_by", "institution_confirmed_at", "vendor_confirmed_by", "vendor_confirmed_at",
    ] {
      try await db.schema(ChecklistAnswer.schema).deleteField(.string(field)).update()
    }
    try await db.schema(AuditEntry.schema).deleteField("side").update()
    try await db.schema(User.schema).deleteField("vendor_id").update()
    try await db.schema(Decision.schema).deleteField("replaces_quote").update()
    try await db.schema(Organisation.schema).deleteField("revision").update()
  }
}
