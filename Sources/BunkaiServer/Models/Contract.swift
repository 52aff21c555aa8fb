import Fluent
import Foundation

/// The kind of a contract, as the checklist distinguishes them.
enum ContractKindOption: String, Codable, CaseIterable, Sendable {
  case introduction, maintenance, saas, other
  var label: String {
    switch self {
    case .introduction: "導入・開発"
    case .maintenance: "保守・運用"
    case .saas: "SaaS・クラウド"
    case .other: "その他"
    }
  }
  /// The Part2 sections that apply besides A.
  var sections: [String] {
    switch self {
    case .introduction: ["A", "B"]
    case .maintenance: ["A", "C"]
    case .saas: ["A", "B", "C"]
    case .other: ["A", "B", "C"]
    }
  }
}

enum ContractStatus: String, Codable, CaseIterable, Sendable {
  case draft, negotiating, active, ended
  var label: String {
    switch self {
    case .draft: "検討中"
    case .negotiating: "交渉中"
    case .active: "契約中"
    case .ended: "終了"
    }
  }
}

final class Contract: Model, @unchecked Sendable {
  static let schema = "contracts"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "vendor_id") var vendorID: UUID
  @Field(key: "title") var title: String
  @Field(key: "kind") var kind: ContractKindOption
  @Field(key: "status") var status: ContractStatus
  /// Dates are ISO days (YYYY-MM-DD): they sort as text on SQLite and PostgreSQL alike.
  @OptionalField(key: "start_date") var startDate: String?
  @OptionalField(key: "end_date") var endDate: String?
  @Field(key: "auto_renewal") var autoRenewal: Bool
  @OptionalField(key: "notice_deadline") var noticeDeadline: String?
  /// The first meeting with the vendor on the checklist (初回確認の日).
  @OptionalField(key: "first_meeting_on") var firstMeetingOn: String?
  /// The newest review and its findings without a decision (or decided "later"), kept here so the
  /// dashboard reads one row per contract.
  @OptionalField(key: "latest_review_id") var latestReviewID: UUID?
  @Field(key: "open_high") var openHigh: Int
  @Field(key: "open_medium") var openMedium: Int
  @Field(key: "open_low") var openLow: Int
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

  init() {}
}

/// Which systems a contract covers.
final class ContractSystem: Model, @unchecked Sendable {
  static let schema = "contract_systems"
  @ID(key: .id) var id: UUID?
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "system_id") var systemID: UUID

  init() {}
  init(contractID: UUID, systemID: UUID) {
    self.contractID = contractID
    self.systemID = systemID
  }
}
