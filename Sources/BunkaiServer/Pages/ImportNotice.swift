import BunkaiCore
import Vapor

/// The one notice that tells the organisation's admin where the official checklist is published
/// and how to import it, while the catalogue lacks official titles. Dismissed per browser (a
/// cookie), so it needs no table and works without JavaScript.
struct ImportNotice: Encodable {
  var show: Bool
  var officialFormURL = ChecklistDisplay.officialFormURL
  var catalogLink = Paths.catalog
  var dismissAction = Paths.dismissImportNotice
  /// Where the dismissal returns.
  var back: String

  static let cookie = "bunkai-import-notice"

  /// Shown to an admin while some item has no official title and the notice was not dismissed.
  static func make(_ req: Request, items: [ChecklistItem], back: String) -> ImportNotice {
    let admin = req.auth.get(User.self)?.role == .admin
    let missing = items.contains { $0.titleIsUnknown }
    let dismissed = req.cookies[cookie]?.string == "dismissed"
    return ImportNotice(show: admin && missing && !dismissed, back: back)
  }

  struct Form: Content {
    var back: String?
  }

  /// POST: remembers the dismissal for a year and returns to the page.
  static func register(_ routes: any RoutesBuilder) {
    routes.post(SiteRoute.dismissImportNotice) { req async throws -> Response in
      let form = try? req.content.decode(Form.self)
      var back = form?.back ?? Paths.home
      // Only a path of this site.
      if !back.hasPrefix("/") || back.hasPrefix("//") || back.contains("\\") { back = Paths.home }
      let res = req.redirect(to: back)
      res.cookies[cookie] = HTTPCookies.Value(
        string: "dismissed", maxAge: 365 * 24 * 3600, isHTTPOnly: true, sameSite: .lax)
      return res
    }
  }
}
