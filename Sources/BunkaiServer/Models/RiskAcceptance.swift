import BunkaiCore
import Fluent
import Foundation

/// What a risk acceptance is about.
package enum RiskSubjectKind: String, Codable, CaseIterable, Sendable {
  /// A review's finding (with `reviewID` and `findingIndex`).
  case finding
  /// A Part2 item of a contract (with `contractID` and `itemID`).
  case checklistItem
  /// A declined or deferred vulnerability measure (with `subjectID`).
  case vulnerability
  /// A subcontractor kept in use without approval (with `subjectID`).
  case subcontractor

  package var label: String {
    switch self {
    case .finding: "照合結果の指摘"
    case .checklistItem: "確認表 Part2 の項目"
    case .vulnerability: "脆弱性への対応"
    case .subcontractor: "再委託先"
    }
  }
}

/// An executive's written acceptance of a risk (経営層のリスク受容): asked for by staff, signed by
/// an executive who did not ask for it, valid through `expiresOn`. It is never edited after
/// signing: extending it is a new acceptance with a new signature, the old one stays as history.
package final class RiskAcceptance: Model, @unchecked Sendable {
  package static let schema = "risk_acceptances"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "subject_kind") package var subjectKind: RiskSubjectKind
  /// The contract the subject belongs to (a finding's, a Part2 item's), when known.
  @OptionalField(key: "contract_id") package var contractID: UUID?
  @OptionalField(key: "review_id") package var reviewID: UUID?
  /// 0-based, as decisions store it (the API speaks 1-based).
  @OptionalField(key: "finding_index") package var findingIndex: Int?
  @OptionalField(key: "rule_id") package var ruleID: String?
  @OptionalField(key: "item_id") package var itemID: String?
  /// A vulnerability consultation's or a subcontractor's id.
  @OptionalField(key: "subject_id") package var subjectID: UUID?
  /// What the subject is, in words, as it was when asked for (a finding's title, an item's).
  @Field(key: "subject_title") package var subjectTitle: String
  @Field(key: "risk") package var risk: String
  @Field(key: "reason") package var reason: String
  @Field(key: "measures") package var measures: String
  /// Who looks after the risk while it is accepted.
  @Field(key: "owner") package var owner: String
  /// ISO day, the last day the acceptance holds.
  @Field(key: "expires_on") package var expiresOn: String
  @Field(key: "requested_by") package var requestedBy: UUID
  @Field(key: "requested_by_name") package var requestedByName: String
  @Field(key: "requested_at") package var requestedAt: Date
  @OptionalField(key: "signed_by") package var signedBy: UUID?
  @OptionalField(key: "signed_by_name") package var signedByName: String?
  @OptionalField(key: "signed_at") package var signedAt: Date?

  package init() {}

  package var term: RiskAcceptanceTerm { RiskAcceptanceTerm(signed: signedAt != nil, expiresOn: expiresOn) }

  package func status(today: String) -> RiskAcceptanceStatus {
    RiskAcceptanceRules.status(term, today: today)
  }
}

extension RiskAcceptance: OrgOwned {}
