import Fluent
import Foundation

/// A medical institution (医療機関). Every other record belongs to exactly one.
package final class Organisation: Model, @unchecked Sendable {
  package static let schema = "organisations"
  @ID(key: .id) package var id: UUID?
  @Field(key: "name") package var name: String
  /// The date Part1 was first checked (初回確認), as YYYY-MM-DD.
  @OptionalField(key: "part1_checked_on") package var part1CheckedOn: String?
  /// Counts the organisation's changes (each audit entry adds one), so a page built from its data
  /// can be reused by any app instance until the next change.
  @Field(key: "revision") package var revision: Int
  /// Days before a planned change that a vendor's change notice is due, where the contract sets
  /// no period of its own; nil: ChangeNotices.defaultDays.
  @OptionalField(key: "change_notice_days") package var changeNoticeDays: Int?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
  package init(name: String) {
    self.name = name
    self.revision = 0
  }
}
