import Vapor

/// What every page's layout needs: title, the signed-in user, the CSRF token, the active menu.
struct Page: Encodable {
  struct UserBadge: Encodable {
    var name: String
    var role: String
    var organisation: String
  }
  var title: String
  var nav: String
  var csrf: String
  var user: UserBadge?
  var canEdit: Bool
  var isAdmin: Bool
  var canAudit: Bool
  var isVendor: Bool
  var isExecutive: Bool = false
  var flash: String?
  var error: String?
  /// One link of the menu: data only, the layout (base.leaf) draws it.
  struct MenuLink: Encodable {
    var href: String
    var label: String
    var current: Bool
  }

  /// The menu for this user: the vendor's portal or the institution's pages, by role.
  var menu: [MenuLink] {
    guard user != nil else { return [] }
    var links: [(String, String, String)]
    if isVendor {
      links = [(Paths.partner, "partner", "招待された契約"), (Paths.deadlines, "deadlines", "期限")]
    } else {
      links = [
        (Paths.home, "home", "ダッシュボード"), (Paths.contracts, "contracts", "契約"),
        (Paths.vendors, "vendors", "事業者"),
        (Paths.systems, "systems", "システム"), (Paths.responsibilities, "responsibilities", "責任分界マップ"),
        (Paths.part1, "part1", "確認表 Part1"),
        (Paths.catalog, "catalog", "カタログ"), (Paths.deadlines, "deadlines", "期限"),
      ]
      links.append((Paths.riskAcceptances, "risk", "リスク受容"))
      if isExecutive { links.append((Paths.executive, "executive", "経営層の確認")) }
      if canAudit { links.append((Paths.audit, "audit", "変更履歴")) }
      if isAdmin { links.append((Paths.users, "users", "利用者")) }
    }
    return links.map { MenuLink(href: $0.0, label: $0.2, current: nav == $0.1) }
  }

  /// The fixed links the layout and the pages write (`#(page.links.home)`), from the same enum as
  /// every route, so no template spells a path.
  struct SiteLinks: Encodable {
    var home = Paths.home
    var login = Paths.login
    var setup = Paths.setup
    var logout = Paths.logout
    var contracts = Paths.contracts
    var vendors = Paths.vendors
    var partner = Paths.partner
    var accountPassword = Paths.accountPassword
    var accountTokens = Paths.accountTokens
    var glossary = Paths.glossary
  }

  private enum CodingKeys: String, CodingKey {
    case title, nav, csrf, user, canEdit, isAdmin, canAudit, isVendor, flash, error, menu, links
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(title, forKey: .title)
    try c.encode(nav, forKey: .nav)
    try c.encode(csrf, forKey: .csrf)
    try c.encodeIfPresent(user, forKey: .user)
    try c.encode(canEdit, forKey: .canEdit)
    try c.encode(isAdmin, forKey: .isAdmin)
    try c.encode(canAudit, forKey: .canAudit)
    try c.encode(isVendor, forKey: .isVendor)
    try c.encodeIfPresent(flash, forKey: .flash)
    try c.encodeIfPresent(error, forKey: .error)
    try c.encode(menu, forKey: .menu)
    try c.encode(SiteLinks(), forKey: .links)
  }
}

extension Request {
  /// The layout context for this request; takes the flash message left by the previous request.
  func page(_ title: String, nav: String = "", error: String? = nil) async throws -> Page {
    if let page = pageNow(title, nav: nav, error: error) { return page }
    let user = try auth.require(User.self)
    let org = try await Organisation.find(user.organisationID, on: db)
    storage[OrganisationName.self] = org?.name ?? ""
    return pageNow(title, nav: nav, error: error)!
  }

  /// The layout context without waiting: nil only when the organisation's name must still be
  /// read (a signed-in session reads it with the user, so pages get it at once).
  func pageNow(_ title: String, nav: String = "", error: String? = nil) -> Page? {
    let user = auth.get(User.self)
    var badge: Page.UserBadge?
    if let user {
      guard let orgName = storage[OrganisationName.self] else { return nil }
      badge = .init(name: user.name, role: user.role.label, organisation: orgName)
    }
    // Pages outside the session routes (an unknown path's error page) have no session.
    let flash = hasSession ? session.data["flash"] : nil
    if flash != nil { session.data["flash"] = nil }
    return Page(
      title: title, nav: nav, csrf: hasSession ? csrfToken : "", user: badge,
      canEdit: user?.role.canEdit ?? false,
      isAdmin: user?.role == .admin, canAudit: user?.role.canReadAudit ?? false,
      isVendor: user?.role == .vendor, isExecutive: user?.role == .executive, flash: flash, error: error)
  }

  func flash(_ message: String) { session.data["flash"] = message }

  func render<C: Encodable>(_ template: String, _ context: C) async throws -> View {
    try await view.render(template, context)
  }
}

/// An option of a select box.
struct Option: Encodable {
  var value: String
  var label: String
  var selected: Bool
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
  static func options(_ selected: Self?, label: (Self) -> String) -> [Option] {
    allCases.map { Option(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected?.rawValue) }
  }
}
