import Fluent
import Vapor

/// A signed-in user's own account: changing the password.
struct AccountController {
  struct PasswordForm: Content {
    var current: String
    var password: String
  }
  struct Context: Encodable {
    var page: Page
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get("account", "password", use: page)
    routes.post("account", "password", use: change)
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
