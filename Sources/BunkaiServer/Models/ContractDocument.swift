import Fluent
import Foundation

/// One uploaded version of a contract's document. The bytes live in the database, so an upload is
/// one transaction (nothing half-written) and every app instance sees the same files.
package final class ContractDocument: Model, @unchecked Sendable {
  package static let schema = "documents"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "version") package var version: Int
  @Field(key: "filename") package var filename: String
  @Field(key: "format") package var format: String
  @Field(key: "encoding") package var encoding: String
  @Field(key: "size") package var size: Int
  @Field(key: "sha256") package var sha256: String
  @Field(key: "bytes") package var bytes: Data
  /// The decoded text the review's offsets point into.
  @Field(key: "text") package var text: String
  @Field(key: "uploaded_by") package var uploadedBy: UUID
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}

/// The engine's review of one document, stored as its JSON (docs/review-json.md).
package final class ReviewRecord: Model, @unchecked Sendable {
  package static let schema = "reviews"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "document_id") package var documentID: UUID
  @Field(key: "playbook") package var playbook: String
  @Field(key: "result_json") package var resultJSON: String
  @Field(key: "high_count") package var highCount: Int
  @Field(key: "medium_count") package var mediumCount: Int
  @Field(key: "low_count") package var lowCount: Int
  @OptionalField(key: "signed_off_by") package var signedOffBy: UUID?
  @OptionalField(key: "signed_off_at") package var signedOffAt: Date?
  /// The review of the contract's previous document version, when there is one.
  @OptionalField(key: "previous_review_id") package var previousReviewID: UUID?
  /// The comparison with that review (`Carryover.Stored` as JSON).
  @OptionalField(key: "comparison_json") package var comparisonJSON: String?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}

/// What the institution decided about one finding. Every decision is a new row: the newest per
/// finding counts, the older ones are the history.
package enum DecisionKind: String, Codable, CaseIterable, Sendable {
  case propose, proposeEdited, notNeeded, later
  package var label: String {
    switch self {
    case .propose: "文例のまま提案する"
    case .proposeEdited: "文言を修正して提案する"
    case .notNeeded: "不要（理由を記録）"
    case .later: "後で決める"
    }
  }
  /// A finding still counts as open on the dashboard.
  package var isOpen: Bool { self == .later }
}

package final class Decision: Model, @unchecked Sendable {
  package static let schema = "decisions"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "review_id") package var reviewID: UUID
  /// The finding's position in the review's findings.
  @Field(key: "finding_index") package var findingIndex: Int
  @Field(key: "rule_id") package var ruleID: String
  @Field(key: "kind") package var kind: DecisionKind
  @Field(key: "wording") package var wording: String
  @Field(key: "reason") package var reason: String
  /// Edited wording that replaces the quoted clause (a tracked deletion and insertion in the redline)
  /// rather than being added after it.
  @OptionalField(key: "replaces_quote") package var replacesQuote: Bool?
  /// The previous version's review this decision was carried over from (the finding persists).
  @OptionalField(key: "carried_from") package var carriedFrom: UUID?
  @Field(key: "user_id") package var userID: UUID
  @Field(key: "user_name") package var userName: String
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}
