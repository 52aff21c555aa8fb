import Fluent
import Foundation

/// An IT vendor (事業者) with its contact person.
package final class Vendor: Model, @unchecked Sendable {
  package static let schema = "vendors"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "name") package var name: String
  @Field(key: "contact_name") package var contactName: String
  @Field(key: "contact_email") package var contactEmail: String
  @Field(key: "contact_phone") package var contactPhone: String
  @Field(key: "notes") package var notes: String
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}

/// A medical information system (医療情報システム) the institution runs.
package final class MedicalSystem: Model, @unchecked Sendable {
  package static let schema = "systems"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "name") package var name: String
  @Field(key: "category") package var category: String
  @Field(key: "notes") package var notes: String
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}

  package static let categories = ["電子カルテ", "レセコン", "PACS", "部門システム", "ネットワーク", "その他"]
}
