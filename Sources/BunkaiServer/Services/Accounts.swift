import Fluent
import Foundation
import Vapor

/// Creating organisations, users and tokens: shared by the set-up page, the admin page and the CLI.
enum Accounts {
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  static func validate(email: String, password: String) throws {
    _ = try validEmail(email)
    guard password.count >= 10 else { throw Problem(description: "パスワードは10文字以上にしてください。") }
  }

  /// The address as it is stored (trimmed, lower case), or why it is not one.
  static func validEmail(_ email: String) throws -> String {
    let e = email.trimmingCharacters(in: .whitespaces)
    guard e.count <= 254, e.contains("@"), !e.hasPrefix("@"), !e.hasSuffix("@"), !e.contains(" ") else {
      throw Problem(description: "メールアドレスの形式が正しくありません: \(email)")
    }
    return e.lowercased()
  }

  /// Creates the user, and the organisation when it does not exist yet.
  static func createUser(
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

  /// A new API token for the user; returns the token, which is not stored.
  static func createToken(on db: any Database, user: User, label: String) async throws -> String {
    let token = TokenHash.newToken()
    try await UserToken(userID: user.id!, tokenHash: TokenHash.of(token), label: label).save(on: db)
    try await AuditLog.record(
      on: db, org: user.organisationID, user: user, action: "作成", entity: "APIトークン", id: user.id,
      after: ["label": label])
    return token
  }
}
