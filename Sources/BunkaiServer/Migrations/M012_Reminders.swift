import Fluent
import SQLKit

/// Reminders: each user's secret calendar feed, and the claims that let the daily work run once
/// per organisation and day however many app instances share the database.
struct M012_Reminders: AsyncMigration {
  var name: String { "M012_Reminders" }

  func prepare(on db: any Database) async throws {
    try await db.schema(CalendarFeed.schema)
      .id()
      .field("user_id", .uuid, .required, .references(User.schema, "id"))
      .field("token_hash", .string, .required)
      .field("created_at", .datetime)
      .unique(on: "user_id")
      .unique(on: "token_hash")
      .create()
    try await db.schema(DailyRunClaim.schema)
      .id()
      .field("job", .string, .required)
      .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
      .field("day", .string, .required)
      .field("instance", .string, .required)
      .field("finished_at", .datetime)
      .field("mails_sent", .int)
      .field("created_at", .datetime)
      // The lease: a second instance inserting the same (job, organisation, day) fails.
      .unique(on: "job", "organisation_id", "day")
      .create()
  }

  func revert(on db: any Database) async throws {
    try await db.schema(DailyRunClaim.schema).delete()
    try await db.schema(CalendarFeed.schema).delete()
  }
}
