import Fluent
import Vapor

/// Inviting a vendor contact to a contract, and accepting the invitation through its link.
struct InvitationController {
  struct CreatedContext: Encodable {
    var page: Page
    var contractTitle: String
    var email: String
    var link: String
    var expires: String
    var overviewLink: String
    var delivery: String
  }
  struct AcceptContext: Encodable {
    var page: Page
    var organisation: String
    var contractTitle: String
    var vendor: String
    var email: String
    var existingAccount: Bool
    var name: String
    var action: String
  }

  /// Institution routes (signed in).
  func registerInstitution(_ routes: any RoutesBuilder) {
    routes.post("contracts", ":id", "invitations", use: create)
  }

  /// Public routes: the link works before the vendor has an account.
  func registerPublic(_ routes: any RoutesBuilder) {
    routes.get("invite", ":token", use: acceptPage)
    routes.post("invite", ":token", use: accept)
  }

  struct InviteForm: Content {
    var email: String
    var days: Int?
  }

  func create(req: Request) async throws -> View {
    let c = try await req.owned(Contract.self)
    let actor = try req.actor
    try actor.requireEditor()
    let form = try req.content.decode(InviteForm.self)
    do {
      let (inv, token) = try await Invitations.create(
        on: req.db, contract: c, email: form.email, by: actor.user, days: form.days ?? Invitations.defaultDays
      )
      let link = Invitations.link(base: Self.publicBase(req), token: token)
      let org = try await Organisation.find(actor.orgID, on: req.db)
      let smtp = req.settings.smtp
      let delivery = await Invitations.mail(
        smtp, to: inv.email, link: link, organisation: org?.name ?? "", contract: c.title,
        expires: inv.expiresAt, logger: req.logger)
      return try await req.render(
        "invitation-created",
        CreatedContext(
          page: req.page("招待リンク", nav: "contracts"), contractTitle: c.title, email: inv.email, link: link,
          expires: Format.dateTime(inv.expiresAt), overviewLink: Paths.exchange(c.id!),
          delivery: delivery.note))
    } catch let e as Accounts.Problem {
      throw Abort(.unprocessableEntity, reason: e.description)
    }
  }

  /// The address people open: the configured public URL, or the one this request came to.
  static func publicBase(_ req: Request) -> String {
    if let url = req.settings.publicURL { return url }
    let host = req.headers.first(name: .host) ?? "127.0.0.1:8080"
    let scheme = req.headers.first(name: "X-Forwarded-Proto") == "https" ? "https" : "http"
    return "\(scheme)://\(host)"
  }

  private func context(_ req: Request, token: String, error: String? = nil, name: String = "") async throws
    -> AcceptContext
  {
    let inv = try await Invitations.find(on: req.db, token: token)
    let contract = try await Contract.find(inv.contractID, on: req.db)
    let org = try await Organisation.find(inv.organisationID, on: req.db)
    let vendor = try await Vendor.find(inv.vendorID, on: req.db)
    let existing = try await User.query(on: req.db).filter(\.$email == inv.email).first() != nil
    return AcceptContext(
      page: try await req.page("招待の受諾", error: error), organisation: org?.name ?? "",
      contractTitle: contract?.title ?? "", vendor: vendor?.name ?? "", email: inv.email,
      existingAccount: existing,
      name: name, action: Paths.invite(token))
  }

  func acceptPage(req: Request) async throws -> View {
    let token = req.parameters.get("token") ?? ""
    return try await req.render("invite", context(req, token: token))
  }

  struct AcceptForm: Content {
    var name: String?
    var password: String
  }

  func accept(req: Request) async throws -> Response {
    let token = req.parameters.get("token") ?? ""
    let form = try req.content.decode(AcceptForm.self)
    do {
      let inv = try await Invitations.find(on: req.db, token: token)
      let user = try await Invitations.accept(
        on: req.db, hasher: req.password.async, token: token, name: form.name ?? "", password: form.password,
        settings: req.settings)
      try await req.signIn(user)
      req.flash("招待を受け付けました。確認表の項目ごとに、医療機関とやり取りできます。")
      return req.redirect(to: Paths.exchange(inv.contractID))
    } catch let e as Accounts.Problem {
      return try await req.render(
        "invite", context(req, token: token, error: e.description, name: form.name ?? "")
      )
      .encodeResponse(status: .unprocessableEntity, for: req)
    }
  }
}
