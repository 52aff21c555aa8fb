import Fluent
import Foundation
import Vapor

/// What a user may do. Executives (経営層) read everything and sign off; staff edit; admins also
/// manage users. A vendor user belongs to a vendor and sees only the contracts it was invited to.
package enum Role: String, Codable, CaseIterable, Sendable {
  case admin, staff, executive, vendor

  /// The roles of the institution's own people, offered on the users page.
  package static let institution: [Role] = [.admin, .staff, .executive]

  package var label: String {
    switch self {
    case .admin: "管理者"
    case .staff: "担当者"
    case .executive: "経営層"
    case .vendor: "事業者"
    }
  }
  package var canEdit: Bool { self == .admin || self == .staff }
  package var canReadAudit: Bool { self == .admin || self == .executive }
  package var side: Side { self == .vendor ? .vendor : .institution }
}

package final class User: Model, @unchecked Sendable {
  package static let schema = "users"
  @ID(key: .id) package var id: UUID?
  @Field(key: "organisation_id") package var organisationID: UUID
  @Field(key: "email") package var email: String
  @Field(key: "name") package var name: String
  @Field(key: "password_hash") package var passwordHash: String
  @Field(key: "role") package var role: Role
  /// The vendor a vendor user works for; nil for the institution's people.
  @OptionalField(key: "vendor_id") package var vendorID: UUID?
  /// Set when the user was disabled: no login, no session, no API token works.
  @OptionalField(key: "disabled_at") package var disabledAt: Date?
  @OptionalField(key: "password_changed_at") package var passwordChangedAt: Date?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
  package init(organisationID: UUID, email: String, name: String, passwordHash: String, role: Role) {
    self.organisationID = organisationID
    self.email = email
    self.name = name
    self.passwordHash = passwordHash
    self.role = role
  }
}

extension User: ModelSessionAuthenticatable {}

/// An API token. Only its SHA-256 is stored; the token itself is shown once.
package final class UserToken: Model, @unchecked Sendable {
  package static let schema = "user_tokens"
  @ID(key: .id) package var id: UUID?
  @Field(key: "user_id") package var userID: UUID
  @Field(key: "token_hash") package var tokenHash: String
  @Field(key: "label") package var label: String
  /// After this the token no longer works (nil: until revoked).
  @OptionalField(key: "expires_at") package var expiresAt: Date?
  @OptionalField(key: "revoked_at") package var revokedAt: Date?
  @OptionalField(key: "last_used_at") package var lastUsedAt: Date?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
  package init(userID: UUID, tokenHash: String, label: String) {
    self.userID = userID
    self.tokenHash = tokenHash
    self.label = label
  }
}

/// A login attempt, kept to throttle guessing across every app instance.
package final class LoginAttempt: Model, @unchecked Sendable {
  package static let schema = "login_attempts"
  @ID(key: .id) package var id: UUID?
  @Field(key: "email") package var email: String
  @Field(key: "succeeded") package var succeeded: Bool
  @Field(key: "at") package var at: Date

  package init() {}
  package init(email: String, succeeded: Bool, at: Date = Date()) {
    self.email = email
    self.succeeded = succeeded
    self.at = at
  }
}
