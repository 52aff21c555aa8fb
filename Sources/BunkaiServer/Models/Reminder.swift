import Fluent
import Foundation

/// A user's calendar feed: only the SHA-256 of its secret URL token is kept, so the database
/// alone does not open anyone's calendar. One per user; a new one replaces (revokes) the old.
package final class CalendarFeed: Model, @unchecked Sendable {
  package static let schema = "calendar_feeds"
  @ID(key: .id) package var id: UUID?
  @Field(key: "user_id") package var userID: UUID
  @Field(key: "token_hash") package var tokenHash: String
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
  package init(userID: UUID, tokenHash: String) {
    self.userID = userID
    self.tokenHash = tokenHash
  }
}

/// One app instance's claim to run a daily job for an organisation on a day (Japan time). The
/// unique (job, organisation, day) makes the claim a lease that only one instance gets.
package final class DailyRunClaim: Model, @unchecked Sendable {
  package static let schema = "daily_runs"
  @ID(key: .id) package var id: UUID?
  @Field(key: "job") package var job: String
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "day") package var day: String
  @Field(key: "instance") package var instance: String
  @OptionalField(key: "finished_at") package var finishedAt: Date?
  @OptionalField(key: "mails_sent") package var mailsSent: Int?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}
