import Fluent
import Foundation

/// One periodic re-check of a contract (定期の見直し, issue 10 §2): its current document version
/// re-reviewed with the current playbook as a new review, and what changed since the last check,
/// as it stood at that moment (`Rechecks.Changes` as JSON).
package final class RecheckRecord: Model, @unchecked Sendable {
  package static let schema = "rechecks"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "user_id") package var userID: UUID
  @Field(key: "user_name") package var userName: String
  /// The review the re-check compared with (the last check) and the one it made.
  @Field(key: "previous_review_id") package var previousReviewID: UUID
  @Field(key: "review_id") package var reviewID: UUID
  @Field(key: "playbook_before") package var playbookBefore: String
  @Field(key: "playbook_after") package var playbookAfter: String
  /// When the last check was (the previous review's time): the changes listed are those since.
  @OptionalField(key: "since") package var since: Date?
  @Field(key: "changes_json") package var changesJSON: String
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}
