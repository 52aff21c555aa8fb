import Fluent
import Foundation

/// An imported version of the checklist catalogue, kept as the catalogue YAML.
final class CatalogVersion: Model, @unchecked Sendable {
  static let schema = "catalog_versions"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "version") var version: Int
  @Field(key: "label") var label: String
  @Field(key: "yaml") var yaml: String
  @Field(key: "item_count") var itemCount: Int
  @Field(key: "created_by") var createdBy: UUID
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}

enum InitialAnswer: String, Codable, CaseIterable, Sendable {
  case unanswered, yes, no
  var label: String {
    switch self {
    case .unanswered: "未回答"
    case .yes: "はい"
    case .no: "いいえ"
    }
  }
}

enum Owner: String, Codable, CaseIterable, Sendable {
  case unset, institution, vendor, joint, notApplicable
  var label: String {
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
final class ChecklistAnswer: Model, @unchecked Sendable {
  static let schema = "checklist_answers"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @OptionalField(key: "contract_id") var contractID: UUID?
  @Field(key: "item_id") var itemID: String
  @Field(key: "initial") var initial: InitialAnswer
  @OptionalField(key: "completed_on") var completedOn: String?
  @Field(key: "owner") var owner: Owner
  @Field(key: "agreed") var agreed: String
  @Field(key: "notes") var notes: String
  /// Article numbers that cover the item, comma-separated ("5,12の2").
  @Field(key: "articles") var articles: String
  @OptionalField(key: "updated_by") var updatedBy: UUID?
  @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
  /// Each side's confirmation of the split (担当 and agreed content): who and when.
  @OptionalField(key: "institution_confirmed_by") var institutionConfirmedBy: String?
  @OptionalField(key: "institution_confirmed_at") var institutionConfirmedAt: Date?
  @OptionalField(key: "vendor_confirmed_by") var vendorConfirmedBy: String?
  @OptionalField(key: "vendor_confirmed_at") var vendorConfirmedAt: Date?

  var isAgreed: Bool { institutionConfirmedAt != nil && vendorConfirmedAt != nil }
  var isConfirmedByEither: Bool { institutionConfirmedAt != nil || vendorConfirmedAt != nil }

  /// Drops both sides' confirmations: the split they confirmed has changed.
  func withdrawConfirmations() {
    institutionConfirmedBy = nil
    institutionConfirmedAt = nil
    vendorConfirmedBy = nil
    vendorConfirmedAt = nil
  }

  init() {}
  init(organisationID: UUID, contractID: UUID?, itemID: String) {
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
final class AuditEntry: Model, @unchecked Sendable {
  static let schema = "audit_entries"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @OptionalField(key: "user_id") var userID: UUID?
  @Field(key: "user_name") var userName: String
  @Field(key: "action") var action: String
  @Field(key: "entity") var entity: String
  @OptionalField(key: "entity_id") var entityID: UUID?
  @Field(key: "before") var before: String
  @Field(key: "after") var after: String
  @OptionalField(key: "side") var side: Side?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  @OptionalField(key: "seq") var seq: Int?
  @OptionalField(key: "hash") var chainHash: String?

  init() {}
}
