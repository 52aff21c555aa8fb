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
  var flash: String?
  var error: String?
}

extension Request {
  /// The layout context for this request; takes the flash message left by the previous request.
  func page(_ title: String, nav: String = "", error: String? = nil) async throws -> Page {
    let user = auth.get(User.self)
    var badge: Page.UserBadge?
    if let user {
      var orgName = storage[OrganisationName.self]
      if orgName == nil { orgName = try await Organisation.find(user.organisationID, on: db)?.name }
      badge = .init(name: user.name, role: user.role.label, organisation: orgName ?? "")
    }
    // Pages outside the session routes (an unknown path's error page) have no session.
    let flash = hasSession ? session.data["flash"] : nil
    if flash != nil { session.data["flash"] = nil }
    return Page(
      title: title, nav: nav, csrf: hasSession ? csrfToken : "", user: badge,
      canEdit: user?.role.canEdit ?? false,
      isAdmin: user?.role == .admin, canAudit: user?.role.canReadAudit ?? false,
      isVendor: user?.role == .vendor, flash: flash, error: error)
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
