import Fluent
import Foundation

/// An IT vendor (事業者) with its contact person.
final class Vendor: Model, @unchecked Sendable {
  static let schema = "vendors"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "name") var name: String
  @Field(key: "contact_name") var contactName: String
  @Field(key: "contact_email") var contactEmail: String
  @Field(key: "contact_phone") var contactPhone: String
  @Field(key: "notes") var notes: String
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}

/// A medical information system (医療情報システム) the institution runs.
final class MedicalSystem: Model, @unchecked Sendable {
  static let schema = "systems"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "name") var name: String
  @Field(key: "category") var category: String
  @Field(key: "notes") var notes: String
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}

  static let categories = ["電子カルテ", "レセコン", "PACS", "部門システム", "ネットワーク", "その他"]
}
