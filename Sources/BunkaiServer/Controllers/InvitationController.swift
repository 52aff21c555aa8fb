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
    /// Why the link may not open for the vendor (no public address set), or nil.
    var addressWarning: String?
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
    routes.post(SiteRoute.invitations, use: create)
  }

  /// Public routes: the link works before the vendor has an account.
  func registerPublic(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.invite, use: acceptPage)
    routes.post(SiteRoute.invite, use: accept)
  }

  struct InviteForm: Content {
    var email: String
    var days: Int?
  }

  func create(req: Request) async throws -> Response {
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
          delivery: delivery.note, addressWarning: Self.addressWarning(req.settings))
      ).encodeResponse(for: req)
    } catch let e as Accounts.Problem {
      // Back to the form, with the message next to the field and the address as typed.
      req.session.data[Self.errorKey] = e.description
      req.session.data[Self.emailKey] = String(form.email.prefix(320))
      return req.redirect(to: Paths.exchange(c.id!) + "#invite-form")
    }
  }

  /// The invitation form's message and input, kept for the page it goes back to.
  static let errorKey = "inviteError"
  static let emailKey = "inviteEmail"

  /// The address people open: the configured public URL, or the one this request came to.
  static func publicBase(_ req: Request) -> String {
    if let url = req.settings.publicURL { return url }
    let host = req.headers.first(name: .host) ?? "127.0.0.1:8080"
    let scheme = req.headers.first(name: "X-Forwarded-Proto") == "https" ? "https" : "http"
    return "\(scheme)://\(host)"
  }

  /// Said next to an invitation link that a vendor elsewhere may not be able to open.
  static func addressWarning(_ settings: ServerSettings) -> String? {
    guard let url = settings.publicURL else {
      return
        "公開アドレスが設定されていないため、このリンクはいま開いている画面のアドレスで作られています。事業者が開けるアドレスを、サーバーの設定 BUNKAI_PUBLIC_URL（または bunkai serve --public-url）に設定してください。"
    }
    if isLoopback(url) {
      return
        "公開アドレス（\(url)）がこのコンピューター自身を指しているため、事業者はこのリンクを開けません。事業者が開けるアドレスを BUNKAI_PUBLIC_URL（または bunkai serve --public-url）に設定してください。"
    }
    return nil
  }

  /// The address names this computer (localhost, 127.0.0.0/8, ::1, 0.0.0.0).
  static func isLoopback(_ url: String) -> Bool {
    guard let host = URLComponents(string: url)?.host?.lowercased() else { return true }
    let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return bare == "localhost" || bare.hasSuffix(".localhost") || bare.hasPrefix("127.") || bare == "::1"
      || bare == "0.0.0.0"
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
