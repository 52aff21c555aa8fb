import Fluent
import Foundation

/// A user's calendar feed: only the SHA-256 of its secret URL token is kept, so the database
/// alone does not open anyone's calendar. One per user; a new one replaces (revokes) the old.
final class CalendarFeed: Model, @unchecked Sendable {
  static let schema = "calendar_feeds"
  @ID(key: .id) var id: UUID?
  @Field(key: "user_id") var userID: UUID
  @Field(key: "token_hash") var tokenHash: String
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
  init(userID: UUID, tokenHash: String) {
    self.userID = userID
    self.tokenHash = tokenHash
  }
}

/// One app instance's claim to run a daily job for an organisation on a day (Japan time). The
/// unique (job, organisation, day) makes the claim a lease that only one instance gets.
final class DailyRunClaim: Model, @unchecked Sendable {
  static let schema = "daily_runs"
  @ID(key: .id) var id: UUID?
  @Field(key: "job") var job: String
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "day") var day: String
  @Field(key: "instance") var instance: String
  @OptionalField(key: "finished_at") var finishedAt: Date?
  @OptionalField(key: "mails_sent") var mailsSent: Int?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}
