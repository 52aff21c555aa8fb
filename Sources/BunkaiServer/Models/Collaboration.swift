import Fluent
import Foundation

/// Which side of the contract acted: the institution's staff or the vendor's.
enum Side: String, Codable, CaseIterable, Sendable {
  case institution, vendor
  var label: String { self == .institution ? "医療機関" : "事業者" }
  var other: Side { self == .institution ? .vendor : .institution }
}

/// A single-use link that lets a vendor contact into one contract. Only the token's SHA-256 is kept.
final class Invitation: Model, @unchecked Sendable {
  static let schema = "invitations"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "vendor_id") var vendorID: UUID
  @Field(key: "email") var email: String
  @Field(key: "token_hash") var tokenHash: String
  @Field(key: "expires_at") var expiresAt: Date
  @OptionalField(key: "used_at") var usedAt: Date?
  @OptionalField(key: "used_by") var usedBy: UUID?
  @Field(key: "created_by") var createdBy: UUID
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}

/// A vendor user's access to one contract, granted by accepting an invitation.
final class ContractAccess: Model, @unchecked Sendable {
  static let schema = "contract_access"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "user_id") var userID: UUID
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
  init(organisationID: UUID, contractID: UUID, userID: UUID) {
    self.organisationID = organisationID
    self.contractID = contractID
    self.userID = userID
  }
}

/// A file either side attaches to a contract (a disclosure form, MDS/SDS, a diagram).
final class Attachment: Model, @unchecked Sendable {
  static let schema = "attachments"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "filename") var filename: String
  @Field(key: "format") var format: String
  @Field(key: "size") var size: Int
  @Field(key: "sha256") var sha256: String
  @Field(key: "data") var data: Data
  @Field(key: "side") var side: Side
  @Field(key: "user_id") var userID: UUID
  @Field(key: "user_name") var userName: String
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}

/// One entry of the five-step exchange on a Part2 item (DOMAIN.md section 4).
final class ExchangeEntry: Model, @unchecked Sendable {
  static let schema = "exchange_entries"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "contract_id") var contractID: UUID
  @Field(key: "item_id") var itemID: String
  @Field(key: "step") var step: Int
  @Field(key: "side") var side: Side
  @Field(key: "user_id") var userID: UUID
  @Field(key: "user_name") var userName: String
  @Field(key: "text") var text: String
  @OptionalField(key: "attachment_id") var attachmentID: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
}
