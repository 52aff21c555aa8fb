import Fluent
import Foundation

/// One side changed a split (担当 and agreed content) that either side had confirmed: what it was,
/// what it became, who and when. The other side sees it on the item and the overview, and its
/// next confirmation acknowledges it.
package final class SplitChange: Model, @unchecked Sendable {
  package static let schema = "split_changes"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "item_id") package var itemID: String
  /// The side that changed it.
  @Field(key: "side") package var side: Side
  @Field(key: "user_name") package var userName: String
  @Field(key: "before_owner") package var beforeOwner: Owner
  @Field(key: "before_agreed") package var beforeAgreed: String
  @Field(key: "after_owner") package var afterOwner: Owner
  @Field(key: "after_agreed") package var afterAgreed: String
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
  /// The other side's confirmation that saw this change.
  @OptionalField(key: "acknowledged_by") package var acknowledgedBy: String?
  @OptionalField(key: "acknowledged_at") package var acknowledgedAt: Date?
  /// The change notice whose approval reopened the item (the split itself stayed as it was).
  @OptionalField(key: "change_notice_id") package var changeNoticeID: UUID?

  package init() {}
}
