import Fluent
import Foundation

/// A medical institution (医療機関). Every other record belongs to exactly one.
final class Organisation: Model, @unchecked Sendable {
  static let schema = "organisations"
  @ID(key: .id) var id: UUID?
  @Field(key: "name") var name: String
  /// The date Part1 was first checked (初回確認), as YYYY-MM-DD.
  @OptionalField(key: "part1_checked_on") var part1CheckedOn: String?
  /// Counts the organisation's changes (each audit entry adds one), so a page built from its data
  /// can be reused by any app instance until the next change.
  @Field(key: "revision") var revision: Int
  /// Days before a planned change that a vendor's change notice is due, where the contract sets
  /// no period of its own; nil: ChangeNotices.defaultDays.
  @OptionalField(key: "change_notice_days") var changeNoticeDays: Int?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
  init(name: String) {
    self.name = name
    self.revision = 0
  }
}
