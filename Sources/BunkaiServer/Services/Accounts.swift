import Fluent
import Foundation
import SQLKit
import Vapor

/// Creating organisations, users and tokens: shared by the set-up page, the admin page and the CLI.
package enum Accounts {
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  static func validate(email: String, password: String) throws {
    let e = try validEmail(email)
    try PasswordPolicy.check(password, email: e)
  }

  /// The address as it is stored (trimmed, lower case), or why it is not one: one @ with text on
  /// both sides, no spaces and no control characters (a CR/LF would reach the mail headers).
  static func validEmail(_ email: String) throws -> String {
    let e = email.trimmingCharacters(in: .whitespaces)
    let parts = e.split(separator: "@", omittingEmptySubsequences: false)
    guard e.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
      !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
      !e.unicodeScalars.contains(where: {
        $0.properties.isWhitespace || $0.properties.generalCategory == .control
          || "<>,;:\\\"()[]".unicodeScalars.contains($0)
      })
    else {
      throw Problem(description: "メールアドレスの形式が正しくありません: \(email)")
    }
    return e.lowercased()
  }

  /// Creates the user, and the organisation when it does not exist yet.
  package static func createUser(
    on db: any Database, hasher: AsyncPasswordHasher, orgName: String, organisationID: UUID? = nil,
    email: String,
    name: String, role: Role, password: String
  ) async throws -> User {
    let orgName = orgName.trimmingCharacters(in: .whitespaces)
    guard !orgName.isEmpty || organisationID != nil else { throw Problem(description: "医療機関名を入力してください。") }
    try validate(email: email, password: password)
    let email = email.trimmingCharacters(in: .whitespaces).lowercased()
    if try await User.query(on: db).filter(\.$email == email).first() != nil {
      throw Problem(description: "このメールアドレスは既に登録されています: \(email)")
    }
    let hash = try await hasher.hash(password)
    return try await Writes.transaction(db) { db in
      let org: Organisation
      if let organisationID {
        guard let mine = try await Organisation.find(organisationID, on: db) else {
          throw Problem(description: "医療機関が見つかりません。")
        }
        org = mine
      } else if let existing = try await Organisation.query(on: db).filter(\.$name == orgName).first() {
        org = existing
      } else {
        org = Organisation(name: orgName)
        try await org.save(on: db)
        try await AuditLog.record(
          on: db, org: org.id!, user: nil, action: "作成", entity: "医療機関", id: org.id, after: ["name": orgName])
      }
      try await Writes.touch(db, org: org.id!)
      let user = User(
        organisationID: org.id!, email: email, name: name.isEmpty ? email : name, passwordHash: hash,
        role: role)
      try await user.save(on: db)
      try await AuditLog.record(
        on: db, org: org.id!, user: nil, action: "作成", entity: "利用者", id: user.id,
        after: ["email": email, "role": role.rawValue])
      return user
    }
  }

  /// A new API token for the user, valid for `days` (nil: until revoked); returns the token,
  /// which is not stored.
  static func createToken(on db: any Database, user: User, label: String, days: Int? = nil) async throws
    -> String
  {
    if let days, !(1...3650).contains(days) { throw Problem(description: "有効期間は1〜3650日にしてください（\(days)）。") }
    let token = TokenHash.newToken()
    let record = UserToken(userID: user.id!, tokenHash: TokenHash.of(token), label: label)
    record.expiresAt = days.map { Date().addingTimeInterval(Double($0) * 86_400) }
    try await record.save(on: db)
    try await AuditLog.record(
      on: db, org: user.organisationID, user: user, action: "作成", entity: "APIトークン", id: record.id,
      after: [
        "label": label, "expires": record.expiresAt.map { ISO8601DateFormatter().string(from: $0) } ?? "",
      ])
    return token
  }

  /// Revokes a token by its id; it stops working at once.
  static func revokeToken(on db: any Database, id: UUID) async throws -> UserToken {
    guard let token = try await UserToken.find(id, on: db) else {
      throw Problem(description: "トークンが見つかりません: \(id)（bunkai token list で ID を確かめてください）")
    }
    guard token.revokedAt == nil else { return token }
    token.revokedAt = Date()
    try await token.update(on: db)
    if let user = try await User.find(token.userID, on: db) {
      try await AuditLog.record(
        on: db, org: user.organisationID, user: nil, action: "取り消し", entity: "APIトークン", id: token.id,
        after: ["label": token.label, "user": user.email])
    }
    return token
  }

  /// Sets a new password (a change by the user, or a reset by an administrator) and ends every
  /// session of the user, so a stolen session does not outlive the password.
  static func setPassword(
    on db: any Database, hasher: AsyncPasswordHasher, user: User, password: String, by: User?
  ) async throws {
    try PasswordPolicy.check(password, email: user.email)
    user.passwordHash = try await hasher.hash(password)
    user.passwordChangedAt = Date()
    try await Writes.organisation(db, org: user.organisationID) { db in
      try await user.update(on: db)
      try await endSessions(on: db, userID: user.id!)
      try await AuditLog.record(
        on: db, org: user.organisationID, user: by, action: by?.id == user.id ? "パスワード変更" : "パスワード再設定",
        entity: "利用者", id: user.id, after: ["email": user.email])
    }
  }

  /// Disables a user: no login, no API token, and every session ends now.
  static func disable(on db: any Database, user: User, by: User?) async throws {
    guard user.disabledAt == nil else { return }
    user.disabledAt = Date()
    try await Writes.organisation(db, org: user.organisationID) { db in
      try await user.update(on: db)
      try await endSessions(on: db, userID: user.id!)
      try await AuditLog.record(
        on: db, org: user.organisationID, user: by, action: "無効化", entity: "利用者", id: user.id,
        after: ["email": user.email])
    }
  }

  /// Deletes the stored sessions signed in as the user.
  static func endSessions(on db: any Database, userID: UUID) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    if sql.dialect.name == "postgresql" {
      try await sql.raw(
        "DELETE FROM _fluent_sessions WHERE (data->>'_UserSession')::uuid = \(bind: userID)"
      ).run()
    } else {
      try await sql.raw(
        "DELETE FROM _fluent_sessions WHERE upper(json_extract(data, '$._UserSession')) = \(bind: userID.uuidString.uppercased())"
      ).run()
    }
  }
}
