import Fluent
import Foundation

/// One side changed a split (担当 and agreed content) that either side had confirmed: what it was,
/// what it became, who and when. The other side sees it on the item and the overview, and its
/// next confirmation acknowledges it.
final class SplitChange: Model, @unchecked Sendable {
  static let schema = "split_changes"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "item_id") var itemID: String
  /// The side that changed it.
  @Field(key: "side") var side: Side
  @Field(key: "user_name") var userName: String
  @Field(key: "before_owner") var beforeOwner: Owner
  @Field(key: "before_agreed") var beforeAgreed: String
  @Field(key: "after_owner") var afterOwner: Owner
  @Field(key: "after_agreed") var afterAgreed: String
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  /// The other side's confirmation that saw this change.
  @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
  @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
  /// The change notice whose approval reopened the item (the split itself stayed as it was).
  @OptionalField(key: "change_notice_id") var changeNoticeID: UUID?

  init() {}
}
