import Fluent
import Vapor

/// A signed-in user's own account: changing the password, and the user's API tokens (listed with
/// their label, expiry and last use, and revoked here).
struct AccountController {
  struct PasswordForm: Content {
    var current: String
    var password: String
  }
  struct Context: Encodable {
    var page: Page
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.accountPassword, use: page)
    routes.post(SiteRoute.accountPassword, use: change)
    routes.get(SiteRoute.accountTokens, use: tokens)
    routes.post(SiteRoute.revokeToken, use: revoke)
  }

  struct TokenRow: Encodable {
    var label: String
    var created: String
    var expires: String
    var lastUsed: String
    var state: String
    var active: Bool
    var revokeAction: String
  }
  struct TokensContext: Encodable {
    var page: Page
    var tokens: [TokenRow]
  }

  func tokens(req: Request) async throws -> View {
    let user = try req.auth.require(User.self)
    let now = Date()
    let tokens = try await UserToken.query(on: req.db).filter(\.$userID == user.id!).sort(\.$createdAt).all()
    return try await req.render(
      "account-tokens",
      TokensContext(
        page: req.page("API トークン"),
        tokens: tokens.map { t in
          let expired = t.expiresAt.map { $0 <= now } ?? false
          return TokenRow(
            label: t.label, created: Format.dateTime(t.createdAt),
            expires: t.expiresAt.map { Format.dateTime($0) } ?? "なし",
            lastUsed: t.lastUsedAt.map { Format.dateTime($0) } ?? "",
            state: t.revokedAt != nil ? "取り消し済み" : expired ? "期限切れ" : "有効",
            active: t.revokedAt == nil && !expired, revokeAction: Paths.revokeToken(t.id!))
        }))
  }

  /// Revokes one of the user's own tokens; another user's token id looks like nothing (404).
  func revoke(req: Request) async throws -> Response {
    let user = try req.auth.require(User.self)
    guard let id = req.parameters.get("id", as: UUID.self),
      let token = try await UserToken.find(id, on: req.db),
      token.userID == user.id
    else { throw Abort(.notFound, reason: "指定されたデータが見つかりません。") }
    _ = try await Accounts.revokeToken(on: req.db, id: id)
    req.flash("API トークン「\(token.label)」を取り消しました。")
    return req.redirect(to: Paths.accountTokens)
  }

  func page(req: Request) async throws -> View {
    try await req.render("account-password", Context(page: req.page("パスワードの変更")))
  }

  func change(req: Request) async throws -> Response {
    let user = try req.auth.require(User.self)
    let form = try req.content.decode(PasswordForm.self)
    let fits = form.current.utf8.count <= PasswordPolicy.maxBytes
    let verified = try await req.password.async.verify(fits ? form.current : "", created: user.passwordHash)
    let matches = fits && verified
    do {
      guard matches else { throw Accounts.Problem(description: "現在のパスワードが違います。") }
      // Re-read: the signed-in user was built from the session's row.
      guard let stored = try await User.find(user.id, on: req.db) else { throw Abort(.notFound) }
      try await Accounts.setPassword(
        on: req.db, hasher: req.password.async, user: stored, password: form.password, by: user)
    } catch let e as Accounts.Problem {
      let page = try await req.page("パスワードの変更", error: e.description)
      return try await req.render("account-password", Context(page: page))
        .encodeResponse(status: .unprocessableEntity, for: req)
    }
    // Every session of the user ended with the change; this one starts again.
    try await req.signIn(user)
    req.flash("パスワードを変更しました。ほかの端末でのログインは終了しました。")
    return req.redirect(to: Paths.home)
  }
}
