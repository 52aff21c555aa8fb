import Fluent
import Foundation

/// A medical institution (医療機関). Every other record belongs to exactly one.
final class Organisation: Model, @unchecked Sendable {
  static let schema = "organisations"
  @ID(key: .id) var id: UUID?
  @Field(key: "name") var name: String
  /// The date Part1 was first checked (初回確認), as YYYY-MM-DD.
  @OptionalField(key: "part1_checked_on") var part1CheckedOn: String?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
  init(name: String) { self.name = name }
}
