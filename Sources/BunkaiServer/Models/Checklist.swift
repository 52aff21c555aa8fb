import Fluent
import Foundation

/// An imported version of the checklist catalogue, kept as the catalogue YAML.
package final class CatalogVersion: Model, @unchecked Sendable {
  package static let schema = "catalog_versions"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "version") package var version: Int
  @Field(key: "label") package var label: String
  @Field(key: "yaml") package var yaml: String
  @Field(key: "item_count") package var itemCount: Int
  @Field(key: "created_by") package var createdBy: UUID
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}

package enum InitialAnswer: String, Codable, CaseIterable, Sendable {
  case unanswered, yes, no
  package var label: String {
    switch self {
    case .unanswered: "未回答"
    case .yes: "はい"
    case .no: "いいえ"
    }
  }
}

package enum Owner: String, Codable, CaseIterable, Sendable {
  case unset, institution, vendor, joint, notApplicable
  package var label: String {
    switch self {
    case .unset: "未定"
    case .institution: "医療機関"
    case .vendor: "事業者"
    case .joint: "共同"
    case .notApplicable: "対象外"
    }
  }
}

/// One answer of the checklist: Part1 (no contract) or Part2 of a contract. Answers are keyed by
/// item id, so they stay attached when a new catalogue version is imported.
package final class ChecklistAnswer: Model, @unchecked Sendable {
  package static let schema = "checklist_answers"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @OptionalField(key: "contract_id") package var contractID: UUID?
  @Field(key: "item_id") package var itemID: String
  @Field(key: "initial") package var initial: InitialAnswer
  @OptionalField(key: "completed_on") package var completedOn: String?
  @Field(key: "owner") package var owner: Owner
  @Field(key: "agreed") package var agreed: String
  @Field(key: "notes") package var notes: String
  /// Article numbers that cover the item, comma-separated ("5,12の2").
  @Field(key: "articles") package var articles: String
  @OptionalField(key: "updated_by") package var updatedBy: UUID?
  @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
  /// Each side's confirmation of the split (担当 and agreed content): who and when.
  @OptionalField(key: "institution_confirmed_by") package var institutionConfirmedBy: String?
  @OptionalField(key: "institution_confirmed_at") package var institutionConfirmedAt: Date?
  @OptionalField(key: "vendor_confirmed_by") package var vendorConfirmedBy: String?
  @OptionalField(key: "vendor_confirmed_at") package var vendorConfirmedAt: Date?

  package var isAgreed: Bool { institutionConfirmedAt != nil && vendorConfirmedAt != nil }
  package var isConfirmedByEither: Bool { institutionConfirmedAt != nil || vendorConfirmedAt != nil }

  /// Drops both sides' confirmations: the split they confirmed has changed.
  package func withdrawConfirmations() {
    institutionConfirmedBy = nil
    institutionConfirmedAt = nil
    vendorConfirmedBy = nil
    vendorConfirmedAt = nil
  }

  package init() {}
  package init(organisationID: UUID, contractID: UUID?, itemID: String) {
    self.organisationID = organisationID
    self.contractID = contractID
    self.itemID = itemID
    self.initial = .unanswered
    self.owner = .unset
    self.agreed = ""
    self.notes = ""
    self.articles = ""
  }
}

/// Who changed what, when, with the values before and after (JSON). Each entry carries its place
/// in one chain over all entries (`seq`) and the SHA-256 of the previous entry's hash and its own
/// content (AuditChain), so a changed, removed or inserted row shows.
package final class AuditEntry: Model, @unchecked Sendable {
  package static let schema = "audit_entries"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @OptionalField(key: "user_id") package var userID: UUID?
  @Field(key: "user_name") package var userName: String
  @Field(key: "action") package var action: String
  @Field(key: "entity") package var entity: String
  @OptionalField(key: "entity_id") package var entityID: UUID?
  @Field(key: "before") package var before: String
  @Field(key: "after") package var after: String
  @OptionalField(key: "side") package var side: Side?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
  @OptionalField(key: "seq") package var seq: Int?
  @OptionalField(key: "hash") package var chainHash: String?

  package init() {}
}
