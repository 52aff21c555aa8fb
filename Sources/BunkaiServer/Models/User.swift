import Fluent
import Foundation
import Vapor

/// What a user may do. Executives (経営層) read everything and sign off; staff edit; admins also
/// manage users. A vendor user belongs to a vendor and sees only the contracts it was invited to.
enum Role: String, Codable, CaseIterable, Sendable {
  case admin, staff, executive, vendor

  /// The roles of the institution's own people, offered on the users page.
  static let institution: [Role] = [.admin, .staff, .executive]

  var label: String {
    switch self {
    case .admin: "管理者"
    case .staff: "担当者"
    case .executive: "経営層"
    case .vendor: "事業者"
    }
  }
  var canEdit: Bool { self == .admin || self == .staff }
  var canReadAudit: Bool { self == .admin || self == .executive }
  var side: Side { self == .vendor ? .vendor : .institution }
}

final class User: Model, @unchecked Sendable {
  static let schema = "users"
  @ID(key: .id) var id: UUID?
  @Field(key: "organisation_id") var organisationID: UUID
  @Field(key: "email") var email: String
  @Field(key: "name") var name: String
  @Field(key: "password_hash") var passwordHash: String
  @Field(key: "role") var role: Role
  /// The vendor a vendor user works for; nil for the institution's people.
  @OptionalField(key: "vendor_id") var vendorID: UUID?
  /// Set when the user was disabled: no login, no session, no API token works.
  @OptionalField(key: "disabled_at") var disabledAt: Date?
  @OptionalField(key: "password_changed_at") var passwordChangedAt: Date?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
  init(organisationID: UUID, email: String, name: String, passwordHash: String, role: Role) {
    self.organisationID = organisationID
    self.email = email
    self.name = name
    self.passwordHash = passwordHash
    self.role = role
  }
}

extension User: ModelSessionAuthenticatable {}

/// An API token. Only its SHA-256 is stored; the token itself is shown once.
final class UserToken: Model, @unchecked Sendable {
  static let schema = "user_tokens"
  @ID(key: .id) var id: UUID?
  @Field(key: "user_id") var userID: UUID
  @Field(key: "token_hash") var tokenHash: String
  @Field(key: "label") var label: String
  /// After this the token no longer works (nil: until revoked).
  @OptionalField(key: "expires_at") var expiresAt: Date?
  @OptionalField(key: "revoked_at") var revokedAt: Date?
  @OptionalField(key: "last_used_at") var lastUsedAt: Date?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
  init(userID: UUID, tokenHash: String, label: String) {
    self.userID = userID
    self.tokenHash = tokenHash
    self.label = label
  }
}

/// A login attempt, kept to throttle guessing across every app instance.
final class LoginAttempt: Model, @unchecked Sendable {
  static let schema = "login_attempts"
  @ID(key: .id) var id: UUID?
  @Field(key: "email") var email: String
  @Field(key: "succeeded") var succeeded: Bool
  @Field(key: "at") var at: Date

  init() {}
  init(email: String, succeeded: Bool, at: Date = Date()) {
    self.email = email
    self.succeeded = succeeded
    self.at = at
  }
}
