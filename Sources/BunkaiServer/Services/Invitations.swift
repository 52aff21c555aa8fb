import Fluent
import Foundation
import Vapor

/// Invitations of a vendor contact to one contract: made by the institution (page or shell),
/// accepted once through the link, within their validity.
enum Invitations {
  static let defaultDays = 14

  /// Creates an invitation and returns it with the token, which is shown once and not stored.
  static func create(
    on db: any Database, contract: Contract, email rawEmail: String, by user: User?, days: Int = defaultDays
  ) async throws -> (Invitation, token: String) {
    let email = try Accounts.validEmail(rawEmail)
    guard (1...90).contains(days) else { throw Accounts.Problem(description: "有効期間は1〜90日にしてください。") }
    if let existing = try await User.query(on: db).filter(\.$email == email).first(),
      existing.role != .vendor || existing.organisationID != contract.organisationID
        || existing.vendorID != contract.vendorID
    {
      throw Accounts.Problem(description: "\(email) は、この契約の事業者以外のアカウントとして登録済みです。別のアドレスで招待してください。")
    }
    let token = TokenHash.newToken()
    let inv = Invitation()
    inv.organisationID = contract.organisationID
    inv.contractID = contract.id!
    inv.vendorID = contract.vendorID
    inv.email = email
    inv.tokenHash = TokenHash.of(token)
    inv.expiresAt = Date().addingTimeInterval(TimeInterval(days) * 86_400)
    // From the shell there is no signed-in user: the nil UUID, and "システム" in the audit log.
    inv.createdBy = user?.id ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    try await Writes.organisation(db, org: contract.organisationID) { db in
      try await inv.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: "招待", entity: "契約 \(contract.title)",
        id: inv.id,
        after: ["email": email, "expires": ISO8601DateFormatter().string(from: inv.expiresAt)])
    }
    return (inv, token)
  }

  /// The open invitation for a token, or why it cannot be used: 404 with the reason, so a used or
  /// expired link opens nothing, like an unknown one, but says what to do.
  static func find(on db: any Database, token: String, now: Date = Date()) async throws -> Invitation {
    guard let inv = try await Invitation.query(on: db).filter(\.$tokenHash == TokenHash.of(token)).first()
    else {
      throw Abort(.notFound, reason: "招待が見つかりません。リンクをもう一度確認してください。")
    }
    guard inv.usedAt == nil else { throw Abort(.notFound, reason: "この招待は使用済みです。ログインしてご利用ください。") }
    guard inv.expiresAt > now else {
      throw Abort(.notFound, reason: "この招待は有効期限が切れています。医療機関の担当者に再発行を依頼してください。")
    }
    return inv
  }

  /// Accepts an invitation: creates the vendor account (or, for an existing one, checks its
  /// password), grants the contract, and uses up the invitation, all in one transaction.
  static func accept(
    on db: any Database, hasher: AsyncPasswordHasher, token: String, name: String, password: String,
    settings: ServerSettings? = nil
  ) async throws -> User {
    let inv = try await find(on: db, token: token)
    let existing = try await User.query(on: db).filter(\.$email == inv.email).first()
    let newHash: String?
    if let existing {
      newHash = nil
      guard existing.disabledAt == nil else {
        throw Accounts.Problem(description: "\(inv.email) のアカウントは無効にされています。医療機関の担当者に連絡してください。")
      }
      // The password of an existing account is checked under the same throttling as the login.
      if let settings,
        let wait = try await LoginThrottle.reserve(
          db, scope: "account:" + inv.email, allowance: settings.maxFailedLogins,
          window: settings.throttleWindow)
      {
        throw Accounts.Problem(
          description:
            "ログインの失敗が続いたため、しばらくログインできません。\(max(1, Int((wait / 60).rounded(.up))))分ほど待ってから、もう一度お試しください。")
      }
      let fits = password.utf8.count <= PasswordPolicy.maxBytes
      guard existing.role == .vendor, existing.vendorID == inv.vendorID, fits,
        try await hasher.verify(password, created: existing.passwordHash)
      else { throw Accounts.Problem(description: "パスワードが違います（\(inv.email) は登録済みです）。") }
      try await LoginThrottle.reset(db, scope: "account:" + inv.email)
    } else {
      try Accounts.validate(email: inv.email, password: password)
      newHash = try await hasher.hash(password)
    }
    return try await Writes.transaction(db) { db in
      // Re-read inside the transaction: two tabs accepting at once must not both succeed.
      let fresh = try await find(on: db, token: token)
      try await Writes.touch(db, org: fresh.organisationID)
      let user: User
      if let existing {
        user = existing
      } else {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        user = User(
          organisationID: fresh.organisationID, email: fresh.email,
          name: trimmed.isEmpty ? fresh.email : trimmed,
          passwordHash: newHash!, role: .vendor)
        user.vendorID = fresh.vendorID
        try await user.save(on: db)
        try await AuditLog.record(
          on: db, org: fresh.organisationID, user: user, action: "作成", entity: "事業者アカウント", id: user.id,
          after: ["email": fresh.email])
      }
      if try await ContractAccess.query(on: db).filter(\.$contractID == fresh.contractID)
        .filter(\.$userID == user.id!).first() == nil
      {
        try await ContractAccess(
          organisationID: fresh.organisationID, contractID: fresh.contractID, userID: user.id!
        )
        .save(on: db)
      }
      fresh.usedAt = Date()
      fresh.usedBy = user.id
      try await fresh.save(on: db)
      try await AuditLog.record(
        on: db, org: fresh.organisationID, user: user, action: "招待の受諾", entity: "契約", id: fresh.contractID,
        after: ["email": fresh.email])
      return user
    }
  }

  enum Delivery: Sendable, Equatable {
    case notConfigured
    case sent
    case failed(String)

    var note: String {
      switch self {
      case .notConfigured: "メール送信は設定されていません。リンクを事業者の担当者に送ってください。"
      case .sent: "招待メールを送りました。念のため、リンクはこの画面からも送れます。"
      case .failed(let why): "招待メールを送れませんでした（\(why)）。リンクを手で送ってください。"
      }
    }
  }

  /// Mails the link when an SMTP relay is configured. A failure does not undo the invitation:
  /// the link is on screen either way.
  static func mail(
    _ smtp: SMTPSettings?, to email: String, link: String, organisation: String, contract: String,
    expires: Date, logger: Logger? = nil
  ) async -> Delivery {
    guard let smtp else { return .notConfigured }
    let body = """
      \(organisation) から、契約「\(contract)」の確認表（Part2）について、責任分界のやり取りへの招待が届いています。

      次のリンクを開き、お名前とパスワードを設定してください（一度だけ使えます。有効期限: \(Format.dateTime(expires))）。
      \(link)

      心当たりがない場合は、このメールを破棄してください。
      """
    do {
      try await Mailer(settings: smtp).send(
        to: email, subject: "【Bunkai】\(organisation) から「\(contract)」の確認表への招待", body: body)
      return .sent
    } catch {
      logger?.warning("招待メールを送れませんでした: \(error)")
      return .failed(String(describing: error))
    }
  }

  /// The link to send, on the server's public address.
  static func link(base: String, token: String) -> String {
    (base.hasSuffix("/") ? String(base.dropLast()) : base) + Paths.invite(token)
  }
}
