import Fluent
import Foundation

/// Where a change notice stands.
package enum ChangeNoticeStatus: String, Codable, CaseIterable, Sendable {
  case pending, approved, refused
  package var label: String {
    switch self {
    case .pending: "承認待ち"
    case .approved: "承認済み"
    case .refused: "不承認"
    }
  }
}

/// A change within the vendor's services that the vendor notifies before carrying it out
/// (変更の通知, concern B1): submitted by the vendor through its portal or recorded by the
/// institution; the institution approves or refuses it. The notice period that applied and where
/// it came from are kept with it, so a later change of the contract or of the organisation's
/// default does not rewrite history.
package final class ChangeNotice: Model, @unchecked Sendable {
  package static let schema = "change_notices"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  /// What changes, in a line.
  @Field(key: "title") package var title: String
  @Field(key: "details") package var details: String
  /// The change affects the institution's security set-up.
  @Field(key: "affects_security") package var affectsSecurity: Bool
  /// The planned day of the change (YYYY-MM-DD).
  @Field(key: "planned_on") package var plannedOn: String
  /// The day the notice was given (Japan time, YYYY-MM-DD).
  @Field(key: "noticed_on") package var noticedOn: String
  /// Part2 item ids the change touches, comma-separated ("P2-A-5,P2-C-1").
  @Field(key: "item_ids") package var itemIDs: String
  /// The notice period that applied: amount and unit (NoticePeriod), and where it came from.
  @Field(key: "period_amount") package var periodAmount: Int
  @Field(key: "period_unit") package var periodUnit: String
  /// `contract` (the reviewed contract's own clause) or `default` (the organisation's setting).
  @Field(key: "period_source") package var periodSource: String
  @OptionalField(key: "period_article") package var periodArticle: String?
  @OptionalField(key: "period_quote") package var periodQuote: String?
  /// The last day the notice could be given, and whether it came after it.
  @Field(key: "deadline") package var deadline: String
  @Field(key: "late") package var late: Bool
  @Field(key: "side") package var side: Side
  @Field(key: "submitted_by") package var submittedBy: UUID
  @Field(key: "submitted_by_name") package var submittedByName: String
  @Field(key: "status") package var status: ChangeNoticeStatus
  @OptionalField(key: "decided_by") package var decidedBy: UUID?
  @OptionalField(key: "decided_by_name") package var decidedByName: String?
  @OptionalField(key: "decided_at") package var decidedAt: Date?
  @OptionalField(key: "decision_reason") package var decisionReason: String?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package var items: [String] { itemIDs.split(separator: ",").map(String.init) }

  package init() {}
}

/// One subcontractor (再委託先) the vendor uses or plans to use for the contract (concern B2).
/// The vendor may register it; only the institution approves it.
package final class Subcontractor: Model, @unchecked Sendable {
  package static let schema = "subcontractors"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "name") package var name: String
  /// What part of the services it carries out.
  @Field(key: "scope") package var scope: String
  /// What data it handles (e.g. 患者の診療情報).
  @Field(key: "data_handled") package var dataHandled: String
  /// The vendor imposes security duties equal to its own on it, confirmed.
  @Field(key: "equal_duties") package var equalDuties: Bool
  /// It is already at work for the contract.
  @Field(key: "in_use") package var inUse: Bool
  @OptionalField(key: "end_on") package var endOn: String?
  @OptionalField(key: "approved_on") package var approvedOn: String?
  /// Who approved it, as the institution recorded it (a person or a board), and the recording user.
  @OptionalField(key: "approved_by") package var approvedBy: String?
  @OptionalField(key: "approved_by_user") package var approvedByUser: UUID?
  @Field(key: "side") package var side: Side
  @Field(key: "submitted_by_name") package var submittedByName: String
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  /// In use (and not ended by `today`) without the institution's approval.
  package func unapprovedInUse(today: String) -> Bool {
    approvedOn == nil && inUse && (endOn.map { $0 >= today } ?? true)
  }

  package init() {}
}

package enum VulnerabilitySeverity: String, Codable, CaseIterable, Sendable {
  case low, medium, high, critical
  package var label: String {
    switch self {
    case .low: "低"
    case .medium: "中"
    case .high: "高"
    case .critical: "緊急"
    }
  }
  package var isHigh: Bool { self == .high || self == .critical }
}

package enum VulnerabilityDecision: String, Codable, CaseIterable, Sendable {
  case pending, apply, `defer`, decline
  package var label: String {
    switch self {
    case .pending: "判断待ち"
    case .apply: "対策を実施する"
    case .defer: "延期する"
    case .decline: "実施しない"
    }
  }
}

/// A vulnerability in software the vendor designated, and the measure it proposes (concern D2):
/// the consultation made into a record. The institution decides.
package final class VulnerabilityConsultation: Model, @unchecked Sendable {
  package static let schema = "vulnerability_consultations"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "product") package var product: String
  @Field(key: "version") package var version: String
  /// Advisory id (JVN, CVE …) or its URL.
  @Field(key: "advisory") package var advisory: String
  @Field(key: "severity") package var severity: VulnerabilitySeverity
  @Field(key: "measure") package var measure: String
  /// The measure's cost as the vendor states it, if any ("作業費 30万円").
  @Field(key: "cost") package var cost: String
  @Field(key: "side") package var side: Side
  @Field(key: "submitted_by_name") package var submittedByName: String
  @Field(key: "decision") package var decision: VulnerabilityDecision
  @OptionalField(key: "defer_until") package var deferUntil: String?
  @OptionalField(key: "decision_reason") package var decisionReason: String?
  @OptionalField(key: "decided_by_name") package var decidedByName: String?
  @OptionalField(key: "decided_at") package var decidedAt: Date?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  /// Declining or deferring the measure for a high or critical vulnerability is a risk the
  /// management must accept in writing (a risk acceptance signed by an executive).
  package var riskAcceptanceRequired: Bool {
    severity.isHigh && (decision == .decline || decision == .defer)
  }

  package init() {}
}
