import Fluent

/// The periodic re-check of a contract: who ran it and when, the reviews before and after, the
/// playbook versions, and what changed since the last check.
struct M013_Rechecks: AsyncMigration {
  var name: String { "M013_Rechecks" }

  func prepare(on db: any Database) async throws {
    try await db.schema(RecheckRecord.schema)
      .id()
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("contract_id", .uuid, .required, .references(Contract.schema, "id"))
      .field("user_id", .uuid, .required, .references(User.schema, "id"))
      .field("user_name", .string, .required)
      .field("previous_review_id", .uuid, .required, .references(ReviewRecord.schema, "id"))
      .field("review_id", .uuid, .required, .references(ReviewRecord.schema, "id"))
      .field("playbook_before", .string, .required)
      .field("playbook_after", .string, .required)
      .field("since", .datetime)
      .field("changes_json", .string, .required)
      .field("created_at", .datetime)
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema(RecheckRecord.schema).delete()
  }
}
