import BunkaiCore
import BunkaiFormats
import Fluent
import Vapor

/// The 「期限」 list of the signed-in user, and the user's calendar feed: made, renewed and revoked
/// here, read by calendar programs at a secret URL without a session.
struct DeadlineController {
  /// One line of the list.
  struct Row: Encodable {
    var what: String
    var subject: String
    var due: String
    var daysLeft: String
    /// A CSS class per urgency (the colour); `urgencyLabel` says it in words.
    var urgency: String
    var urgencyLabel: String
    var link: String
  }
  struct Context: Encodable {
    var page: Page
    var rows: [Row]
    var hasFeed: Bool
    /// Shown once, right after it was made: the token is not kept.
    var feedURL: String?
    var feedAction: String
    var revokeAction: String
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.deadlines, use: page)
    routes.post(SiteRoute.calendarFeed, use: renewFeed)
    routes.post(SiteRoute.calendarFeedRevoke, use: revokeFeed)
  }

  /// The feed needs no session: calendar programs have none. The token in the path is the key.
  func registerPublic(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.calendar, use: feed)
  }

  static let feedURLKey = "calendarFeedURL"

  func page(req: Request) async throws -> View {
    let user = try req.auth.require(User.self)
    let today = JapanTime.day()
    let deadlines = try await DeadlineQuery.load(req.db, org: user.organisationID).deadlines(for: user)
    let rows = Reminders.entries(deadlines, today: today).map { e in
      Row(
        what: e.deadline.kind.label, subject: e.deadline.subject, due: e.deadline.due.description,
        daysLeft: e.daysLeft < 0 ? "\(-e.daysLeft)日超過" : e.daysLeft == 0 ? "今日" : "あと\(e.daysLeft)日",
        urgency: e.urgency.rawValue, urgencyLabel: e.urgency.label, link: e.deadline.path)
    }
    let shown = req.session.data[Self.feedURLKey]
    req.session.data[Self.feedURLKey] = nil
    return try await req.render(
      "deadlines",
      Context(
        page: req.page("期限", nav: "deadlines"), rows: rows,
        hasFeed: try await CalendarFeeds.exists(req.db, user: user.id!), feedURL: shown,
        feedAction: Paths.calendarFeed, revokeAction: Paths.calendarFeedRevoke))
  }

  func renewFeed(req: Request) async throws -> Response {
    let token = try await CalendarFeeds.renew(req.db, actor: req.actor)
    req.session.data[Self.feedURLKey] = InvitationController.publicBase(req) + Paths.calendar(token)
    req.flash("カレンダー用のURLを発行しました。前のURLは使えなくなりました。")
    return req.redirect(to: Paths.deadlines + "#calendar")
  }

  func revokeFeed(req: Request) async throws -> Response {
    try await CalendarFeeds.revoke(req.db, actor: req.actor)
    req.flash("カレンダー用のURLを無効にしました。")
    return req.redirect(to: Paths.deadlines + "#calendar")
  }

  /// `GET /calendar/<token>.ics`. An unknown or revoked token is a plain 404, the same as any
  /// unknown address: nothing tells a guesser how close it came.
  func feed(req: Request) async throws -> Response {
    let file = req.parameters.get("file") ?? ""
    guard file.hasSuffix(".ics"),
      let user = try await CalendarFeeds.user(req.db, token: String(file.dropLast(4)))
    else { throw Abort(.notFound, reason: "指定されたデータが見つかりません。") }
    let text = try await CalendarFeeds.feed(req.db, user: user, baseURL: InvitationController.publicBase(req))
    let response = Response(status: .ok, body: .init(string: text))
    response.headers.contentType = HTTPMediaType(
      type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
    response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
    return response
  }
}
