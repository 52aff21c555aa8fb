import Fluent
import Foundation

/// The kind of a contract, as the checklist distinguishes them.
package enum ContractKindOption: String, Codable, CaseIterable, Sendable {
  case introduction, maintenance, saas, other
  package var label: String {
    switch self {
    case .introduction: "導入・開発"
    case .maintenance: "保守・運用"
    case .saas: "SaaS・クラウド"
    case .other: "その他"
    }
  }
  /// The Part2 sections that apply besides A.
  package var sections: [String] {
    switch self {
    case .introduction: ["A", "B"]
    case .maintenance: ["A", "C"]
    case .saas: ["A", "B", "C"]
    case .other: ["A", "B", "C"]
    }
  }
}

package enum ContractStatus: String, Codable, CaseIterable, Sendable {
  case draft, negotiating, active, ended
  package var label: String {
    switch self {
    case .draft: "検討中"
    case .negotiating: "交渉中"
    case .active: "契約中"
    case .ended: "終了"
    }
  }
}

package final class Contract: Model, @unchecked Sendable {
  package static let schema = "contracts"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "vendor_id") package var vendorID: UUID
  @Field(key: "title") package var title: String
  @Field(key: "kind") package var kind: ContractKindOption
  @Field(key: "status") package var status: ContractStatus
  /// Dates are ISO days (YYYY-MM-DD): they sort as text on SQLite and PostgreSQL alike.
  @OptionalField(key: "start_date") package var startDate: String?
  @OptionalField(key: "end_date") package var endDate: String?
  @Field(key: "auto_renewal") package var autoRenewal: Bool
  @OptionalField(key: "notice_deadline") package var noticeDeadline: String?
  /// The first meeting with the vendor on the checklist (初回確認の日).
  @OptionalField(key: "first_meeting_on") package var firstMeetingOn: String?
  /// The newest review and its findings without a decision (or decided "later"), kept here so the
  /// dashboard reads one row per contract.
  @OptionalField(key: "latest_review_id") package var latestReviewID: UUID?
  @Field(key: "open_high") package var openHigh: Int
  @Field(key: "open_medium") package var openMedium: Int
  @Field(key: "open_low") package var openLow: Int
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
  @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

  package init() {}
}

/// Which systems a contract covers.
package final class ContractSystem: Model, @unchecked Sendable {
  package static let schema = "contract_systems"
  @ID(key: .id) package var id: UUID?
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "system_id") package var systemID: UUID

  package init() {}
  package init(contractID: UUID, systemID: UUID) {
    self.contractID = contractID
    self.systemID = systemID
  }
}
