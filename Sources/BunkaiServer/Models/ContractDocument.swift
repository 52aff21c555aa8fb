import Fluent
import Foundation

/// One uploaded version of a contract's document. The bytes live in the database, so an upload is
/// one transaction (nothing half-written) and every app instance sees the same files.
final class ContractDocument: Model, @unchecked Sendable {
  static let schema = "documents"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "version") var version: Int
  @Field(key: "filename") var filename: String
  @Field(key: "format") var format: String
  @Field(key: "encoding") var encoding: String
  @Field(key: "size") var size: Int
  @Field(key: "sha256") var sha256: String
  @Field(key: "bytes") var bytes: Data
  /// The decoded text the review's offsets point into.
  @Field(key: "text") var text: String
  @Field(key: "uploaded_by") var uploadedBy: UUID
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}

/// The engine's review of one document, stored as its JSON (docs/review-json.md).
final class ReviewRecord: Model, @unchecked Sendable {
  static let schema = "reviews"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "document_id") var documentID: UUID
  @Field(key: "playbook") var playbook: String
  @Field(key: "result_json") var resultJSON: String
  @Field(key: "high_count") var highCount: Int
  @Field(key: "medium_count") var mediumCount: Int
  @Field(key: "low_count") var lowCount: Int
  @OptionalField(key: "signed_off_by") var signedOffBy: UUID?
  @OptionalField(key: "signed_off_at") var signedOffAt: Date?
  /// The review of the contract's previous document version, when there is one.
  @OptionalField(key: "previous_review_id") var previousReviewID: UUID?
  /// The comparison with that review (`Carryover.Stored` as JSON).
  @OptionalField(key: "comparison_json") var comparisonJSON: String?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}

/// What the institution decided about one finding. Every decision is a new row: the newest per
/// finding counts, the older ones are the history.
enum DecisionKind: String, Codable, CaseIterable, Sendable {
  case propose, proposeEdited, notNeeded, later
  var label: String {
    switch self {
    case .propose: "文例のまま提案する"
    case .proposeEdited: "文言を修正して提案する"
    case .notNeeded: "不要（理由を記録）"
    case .later: "後で決める"
    }
  }
  /// A finding still counts as open on the dashboard.
  var isOpen: Bool { self == .later }
}

final class Decision: Model, @unchecked Sendable {
  static let schema = "decisions"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "review_id") var reviewID: UUID
  /// The finding's position in the review's findings.
  @Field(key: "finding_index") var findingIndex: Int
  @Field(key: "rule_id") var ruleID: String
  @Field(key: "kind") var kind: DecisionKind
  @Field(key: "wording") var wording: String
  @Field(key: "reason") var reason: String
  /// Edited wording that replaces the quoted clause (a tracked deletion and insertion in the redline)
  /// rather than being added after it.
  @OptionalField(key: "replaces_quote") var replacesQuote: Bool?
  /// The previous version's review this decision was carried over from (the finding persists).
  @OptionalField(key: "carried_from") var carriedFrom: UUID?
  @Field(key: "user_id") var userID: UUID
  @Field(key: "user_name") var userName: String
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}
