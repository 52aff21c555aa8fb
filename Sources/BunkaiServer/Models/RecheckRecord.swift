import Fluent
import Foundation

/// One periodic re-check of a contract (定期の見直し, issue 10 §2): its current document version
/// re-reviewed with the current playbook as a new review, and what changed since the last check,
/// as it stood at that moment (`Rechecks.Changes` as JSON).
final class RecheckRecord: Model, @unchecked Sendable {
  static let schema = "rechecks"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "user_id") var userID: UUID
  @Field(key: "user_name") var userName: String
  /// The review the re-check compared with (the last check) and the one it made.
  @Field(key: "previous_review_id") var previousReviewID: UUID
  @Field(key: "review_id") var reviewID: UUID
  @Field(key: "playbook_before") var playbookBefore: String
  @Field(key: "playbook_after") var playbookAfter: String
  /// When the last check was (the previous review's time): the changes listed are those since.
  @OptionalField(key: "since") var since: Date?
  @Field(key: "changes_json") var changesJSON: String
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}
