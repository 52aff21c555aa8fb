import Fluent

/// Renewals carry forward: a review remembers the review of the previous document version and its
/// comparison with it, and a decision remembers the review it was carried over from.
struct M010_Carryover: AsyncMigration {
  var name: String { "M010_Carryover" }

  func prepare(on db: any Database) async throws {
    try await db.schema(ReviewRecord.schema).field("previous_review_id", .uuid).update()
    try await db.schema(ReviewRecord.schema).field("comparison_json", .string).update()
    try await db.schema(Decision.schema).field("carried_from", .uuid).update()
  }

  func revert(on db: any Database) async throws {
    try await db.schema(Decision.schema).deleteField("carried_from").update()
    try await db.schema(ReviewRecord.schema).deleteField("comparison_json").update()
    try await db.schema(ReviewRecord.schema).deleteField("previous_review_id").update()
  }
}
