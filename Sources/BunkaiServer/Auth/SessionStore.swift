import Fluent
import SQLKit
import Vapor

/// Database sessions that write only when a request changed the session. Vapor saves the session
/// after every request that read it; on a busy page that is one write per view, which serialises
/// SQLite and costs a round trip on PostgreSQL for nothing.
struct ChangedOnlySessions: SessionDriver {
  let inner: any SessionDriver

  private struct ReadSnapshot: StorageKey { typealias Value = [String: String] }

  /// An anonymous visitor's empty session is not stored: the id handed back is empty, and the
  /// cookie factory turns it into no cookie (configure).
  func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
    if data.snapshot.isEmpty { return request.eventLoop.makeSucceededFuture(SessionID(string: "")) }
    return inner.createSession(data, for: request)
  }

  func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
    guard let sql = request.db as? any SQLDatabase else {
      return inner.readSession(sessionID, for: request).map { data in
        request.storage[ReadSnapshot.self] = data?.snapshot
        return data
      }
    }
    // The session, its signed-in user and the organisation in one query: a page then needs no
    // other lookup to know who is asking (and the user is not read again by the authenticator).
    let userID =
      sql.dialect.name == "postgresql"
      ? SQLRaw("(s.data->>'_UserSession')::uuid") : SQLRaw("json_extract(s.data, '$._UserSession')")
    return sql.raw(
      """
      SELECT s.data, u.id AS user_id, \(unsafeRaw: SessionUserAuthenticator.userColumns)
      FROM _fluent_sessions s LEFT JOIN users u ON u.id = \(userID)
      LEFT JOIN organisations o ON o.id = u.organisation_id
      WHERE s.key = \(bind: sessionID.string)
      """
    ).first().flatMap { row in
      guard let row else { return request.eventLoop.makeSucceededFuture(nil) }
      do {
        let data = try row.decode(column: "data", as: SessionData.self)
        // Ended on the server: idle too long, signed in too long ago, or its user disabled.
        let disabled = (try? row.decode(column: "disabled_at", as: Date?.self)) ?? nil
        if SessionTimes.expired(data, settings: request.settings) || disabled != nil {
          return inner.deleteSession(sessionID, for: request).map { nil }
        }
        return request.eventLoop.makeSucceededFuture(try Self.restore(data, row: row, request))
      } catch {
        return request.eventLoop.makeFailedFuture(error)
      }
    }
  }

  private static func restore(_ data: SessionData, row: any SQLRow, _ request: Request) throws -> SessionData
  {
    request.storage[ReadSnapshot.self] = data.snapshot
    if let id = try row.decode(column: "user_id", as: UUID?.self) {
      request.storage[PreloadedUser.self] = (id, row)
    }
    return data
  }

  func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request)
    -> EventLoopFuture<SessionID>
  {
    if request.storage[ReadSnapshot.self] == data.snapshot {
      return request.eventLoop.makeSucceededFuture(sessionID)
    }
    return inner.updateSession(sessionID, to: data, for: request)
  }

  func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
    inner.deleteSession(sessionID, for: request)
  }
}

/// Signs in the session's user and reads the organisation's name and revision in the same query,
/// so a page's header needs no second lookup. Future-based: it runs on every page.
struct SessionUserAuthenticator: SessionAuthenticator {
  typealias User = AccountUser

  static let userColumns =
    "u.organisation_id, u.email, u.name, u.password_hash, u.role, u.vendor_id, u.disabled_at, o.name AS org_name, o.revision"

  func authenticate(sessionID: UUID, for request: Request) -> EventLoopFuture<Void> {
    if let (id, row) = request.storage[PreloadedUser.self], id == sessionID {
      return request.eventLoop.makeCompletedFuture { try Self.signIn(row, id: id, request) }
    }
    guard let sql = request.db as? any SQLDatabase else { return request.eventLoop.makeSucceededVoidFuture() }
    return sql.raw(
      """
      SELECT \(unsafeRaw: Self.userColumns)
      FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = \(bind: sessionID)
      """
    ).first().flatMapThrowing { row in
      if let row { try Self.signIn(row, id: sessionID, request) }
    }
  }

  /// The user built from the row by hand: Fluent's per-model reflection was a large part of a page.
  static func signIn(_ row: any SQLRow, id: UUID, _ request: Request) throws {
    guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return }
    if (try? row.decode(column: "disabled_at", as: Date?.self)) ?? nil != nil { return }
    SessionTimes.touch(request)
    let user = AccountUser(
      organisationID: try row.decode(column: "organisation_id", as: UUID.self),
      email: try row.decode(column: "email", as: String.self),
      name: try row.decode(column: "name", as: String.self),
      passwordHash: try row.decode(column: "password_hash", as: String.self), role: role)
    user.id = id
    user.vendorID = try row.decode(column: "vendor_id", as: UUID?.self)
    user.$id.exists = true
    request.storage[OrganisationName.self] = try row.decode(column: "org_name", as: String.self)
    request.storage[OrganisationRevision.self] = try row.decode(column: "revision", as: Int.self)
    request.auth.login(user)
  }
}

/// The session's user as read with the session (see ChangedOnlySessions.readSession).
struct PreloadedUser: StorageKey { typealias Value = (UUID, any SQLRow) }

typealias AccountUser = User

/// The signed-in user's organisation name, when the authenticator already read it.
struct OrganisationName: StorageKey { typealias Value = String }

/// The signed-in user's organisation revision, read with the user (see Organisation.revision).
struct OrganisationRevision: StorageKey { typealias Value = Int }

/// When a session was started and last used, in its data (seconds since 1970), so the server
/// can end it: `sessionIdleTimeout` without a request, or `sessionMaxAge` after signing in.
enum SessionTimes {
  static let created = "_created"
  static let seen = "_seen"

  static func expired(_ data: SessionData, settings: ServerSettings, now: Date = Date()) -> Bool {
    // Only signed-in sessions are kept; one without times predates them and is ended too.
    guard let created = data[created].flatMap(Double.init), let seen = data[seen].flatMap(Double.init) else {
      return data["_UserSession"] != nil
    }
    let t = now.timeIntervalSince1970
    return t - created > settings.sessionMaxAge || t - seen > settings.sessionIdleTimeout
  }

  /// Marks the session used now; written at most once per tenth of the idle timeout, so a busy
  /// page does not write the session on every view.
  static func touch(_ request: Request, now: Date = Date()) {
    guard request.hasSession else { return }
    let t = now.timeIntervalSince1970
    let seen = request.session.data[seen].flatMap(Double.init) ?? 0
    if t - seen > request.settings.sessionIdleTimeout / 10 {
      request.session.data[Self.seen] = String(Int(t))
    }
  }
}
