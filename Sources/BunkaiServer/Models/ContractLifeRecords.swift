import Fluent
import Foundation

/// Where a change notice stands.
enum ChangeNoticeStatus: String, Codable, CaseIterable, Sendable {
  case pending, approved, refused
  var label: String {
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
final class ChangeNotice: Model, @unchecked Sendable {
  static let schema = "change_notices"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  /// What changes, in a line.
  @Field(key: "title") var title: String
  @Field(key: "details") var details: String
  /// The change affects the institution's security set-up.
  @Field(key: "affects_security") var affectsSecurity: Bool
  /// The planned day of the change (YYYY-MM-DD).
  @Field(key: "planned_on") var plannedOn: String
  /// The day the notice was given (Japan time, YYYY-MM-DD).
  @Field(key: "noticed_on") var noticedOn: String
  /// Part2 item ids the change touches, comma-separated ("P2-A-5,P2-C-1").
  @Field(key: "item_ids") var itemIDs: String
  /// The notice period that applied: amount and unit (NoticePeriod), and where it came from.
  @Field(key: "period_amount") var periodAmount: Int
  @Field(key: "period_unit") var periodUnit: String
  /// `contract` (the reviewed contract's own clause) or `default` (the organisation's setting).
  @Field(key: "period_source") var periodSource: String
  @OptionalField(key: "period_article") var periodArticle: String?
  @OptionalField(key: "period_quote") var periodQuote: String?
  /// The last day the notice could be given, and whether it came after it.
  @Field(key: "deadline") var deadline: String
  @Field(key: "late") var late: Bool
  @Field(key: "side") var side: Side
  @Field(key: "submitted_by") var submittedBy: UUID
  @Field(key: "submitted_by_name") var submittedByName: String
  @Field(key: "status") var status: ChangeNoticeStatus
  @OptionalField(key: "decided_by") var decidedBy: UUID?
  @OptionalField(key: "decided_by_name") var decidedByName: String?
  @OptionalField(key: "decided_at") var decidedAt: Date?
  @OptionalField(key: "decision_reason") var decisionReason: String?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  var items: [String] { itemIDs.split(separator: ",").map(String.init) }

  init() {}
}

/// One subcontractor (再委託先) the vendor uses or plans to use for the contract (concern B2).
/// The vendor may register it; only the institution approves it.
final class Subcontractor: Model, @unchecked Sendable {
  static let schema = "subcontractors"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "name") var name: String
  /// What part of the services it carries out.
  @Field(key: "scope") var scope: String
  /// What data it handles (e.g. 患者の診療情報).
  @Field(key: "data_handled") var dataHandled: String
  /// The vendor imposes security duties equal to its own on it, confirmed.
  @Field(key: "equal_duties") var equalDuties: Bool
  /// It is already at work for the contract.
  @Field(key: "in_use") var inUse: Bool
  @OptionalField(key: "end_on") var endOn: String?
  @OptionalField(key: "approved_on") var approvedOn: String?
  /// Who approved it, as the institution recorded it (a person or a board), and the recording user.
  @OptionalField(key: "approved_by") var approvedBy: String?
  @OptionalField(key: "approved_by_user") var approvedByUser: UUID?
  @Field(key: "side") var side: Side
  @Field(key: "submitted_by_name") var submittedByName: String
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  /// In use (and not ended by `today`) without the institution's approval.
  func unapprovedInUse(today: String) -> Bool {
    approvedOn == nil && inUse && (endOn.map { $0 >= today } ?? true)
  }

  init() {}
}

enum VulnerabilitySeverity: String, Codable, CaseIterable, Sendable {
  case low, medium, high, critical
  var label: String {
    switch self {
    case .low: "低"
    case .medium: "中"
    case .high: "高"
    case .critical: "緊急"
    }
  }
  var isHigh: Bool { self == .high || self == .critical }
}

enum VulnerabilityDecision: String, Codable, CaseIterable, Sendable {
  case pending, apply, `defer`, decline
  var label: String {
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
final class VulnerabilityConsultation: Model, @unchecked Sendable {
  static let schema = "vulnerability_consultations"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "product") var product: String
  @Field(key: "version") var version: String
  /// Advisory id (JVN, CVE …) or its URL.
  @Field(key: "advisory") var advisory: String
  @Field(key: "severity") var severity: VulnerabilitySeverity
  @Field(key: "measure") var measure: String
  /// The measure's cost as the vendor states it, if any ("作業費 30万円").
  @Field(key: "cost") var cost: String
  @Field(key: "side") var side: Side
  @Field(key: "submitted_by_name") var submittedByName: String
  @Field(key: "decision") var decision: VulnerabilityDecision
  @OptionalField(key: "defer_until") var deferUntil: String?
  @OptionalField(key: "decision_reason") var decisionReason: String?
  @OptionalField(key: "decided_by_name") var decidedByName: String?
  @OptionalField(key: "decided_at") var decidedAt: Date?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  /// Declining or deferring the measure for a high or critical vulnerability is a risk the
  /// management must accept in writing (a risk acceptance signed by an executive).
  var riskAcceptanceRequired: Bool {
    severity.isHigh && (decision == .decline || decision == .defer)
  }

  init() {}
}
