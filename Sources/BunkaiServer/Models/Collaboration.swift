import Fluent
import Foundation

/// Which side of the contract acted: the institution's staff or the vendor's.
package enum Side: String, Codable, CaseIterable, Sendable {
  case institution, vendor
  package var label: String { self == .institution ? "医療機関" : "事業者" }
  package var other: Side { self == .institution ? .vendor : .institution }
}

/// A single-use link that lets a vendor contact into one contract. Only the token's SHA-256 is kept.
package final class Invitation: Model, @unchecked Sendable {
  package static let schema = "invitations"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "vendor_id") package var vendorID: UUID
  @Field(key: "email") package var email: String
  @Field(key: "token_hash") package var tokenHash: String
  @Field(key: "expires_at") package var expiresAt: Date
  @OptionalField(key: "used_at") package var usedAt: Date?
  @OptionalField(key: "used_by") package var usedBy: UUID?
  @Field(key: "created_by") package var createdBy: UUID
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}

/// A vendor user's access to one contract, granted by accepting an invitation.
package final class ContractAccess: Model, @unchecked Sendable {
  package static let schema = "contract_access"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "user_id") package var userID: UUID
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
  package init(organisationID: UUID, contractID: UUID, userID: UUID) {
    self.organisationID = organisationID
    self.contractID = contractID
    self.userID = userID
  }
}

/// A file either side attaches to a contract (a disclosure form, MDS/SDS, a diagram).
package final class Attachment: Model, @unchecked Sendable {
  package static let schema = "attachments"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "filename") package var filename: String
  @Field(key: "format") package var format: String
  @Field(key: "size") package var size: Int
  @Field(key: "sha256") package var sha256: String
  @Field(key: "data") package var data: Data
  @Field(key: "side") package var side: Side
  @Field(key: "user_id") package var userID: UUID
  @Field(key: "user_name") package var userName: String
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}

/// One entry of the five-step exchange on a Part2 item (DOMAIN.md section 4).
package final class ExchangeEntry: Model, @unchecked Sendable {
  package static let schema = "exchange_entries"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "contract_id") package var contractID: UUID
  @Field(key: "item_id") package var itemID: String
  @Field(key: "step") package var step: Int
  @Field(key: "side") package var side: Side
  @Field(key: "user_id") package var userID: UUID
  @Field(key: "user_name") package var userName: String
  @Field(key: "text") package var text: String
  @OptionalField(key: "attachment_id") package var attachmentID: UUID?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
}
