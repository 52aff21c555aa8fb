import BunkaiCore
import BunkaiFormats
import Fluent
import Foundation

/// Each user's secret calendar URL. Making a new one revokes the old (a URL that leaked stops
/// working); revoking leaves none. The token is shown once, in the URL; only its hash is kept.
enum CalendarFeeds {
  /// A feed token: long enough to be unguessable, URL-safe, and recognisable as Bunkai's.
  static func newToken() -> String { "cal_" + [UInt8].random(count: 32).base64URL }

  /// Replaces the user's feed with a new one; returns the new token.
  static func renew(_ db: any Database, actor: Actor) async throws -> String {
    let token = newToken()
    try await Writes.organisation(db, org: actor.orgID) { db in
      try await CalendarFeed.query(on: db).filter(\.$userID == actor.id).delete()
      try await CalendarFeed(userID: actor.id, tokenHash: TokenHash.of(token)).create(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "発行", entity: "カレンダー用URL", id: actor.id,
        after: ["user": actor.user.name])
    }
    return token
  }

  static func revoke(_ db: any Database, actor: Actor) async throws {
    try await Writes.organisation(db, org: actor.orgID) { db in
      try await CalendarFeed.query(on: db).filter(\.$userID == actor.id).delete()
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "無効化", entity: "カレンダー用URL", id: actor.id,
        before: ["user": actor.user.name])
    }
  }

  static func exists(_ db: any Database, user: UUID) async throws -> Bool {
    try await CalendarFeed.query(on: db).filter(\.$userID == user).count() > 0
  }

  /// The user a token opens the feed of: nil for an unknown, revoked or disabled one.
  static func user(_ db: any Database, token: String) async throws -> User? {
    guard token.hasPrefix("cal_"), token.count < 100,
      let feed = try await CalendarFeed.query(on: db).filter(\.$tokenHash == TokenHash.of(token)).first(),
      let user = try await User.find(feed.userID, on: db), user.disabledAt == nil
    else { return nil }
    return user
  }

  /// The feed's text for a user.
  static func feed(_ db: any Database, user: User, baseURL: String, now: Date = Date()) async throws -> String
  {
    let deadlines = try await DeadlineQuery.load(db, org: user.organisationID).deadlines(for: user)
    return ICalendar.feed(
      deadlines, calendarName: "Bunkai の期限（\(user.name)）", stamp: stamp(now), baseURL: baseURL)
  }

  /// UTC as iCalendar writes it: 20261202T083000Z.
  static func stamp(_ date: Date) -> String {
    let s = Int(date.timeIntervalSince1970)
    let day = ISODay(number: s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
    let rest = s - day.number * 86_400
    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return day.description.replacingOccurrences(of: "-", with: "")
      + "T\(pad(rest / 3600))\(pad(rest % 3600 / 60))\(pad(rest % 60))Z"
  }
}
