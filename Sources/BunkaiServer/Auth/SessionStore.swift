import Fluent
import SQLKit
import Vapor

/// Database sessions that write only when a request changed the session. Vapor saves the session
/// after every request that read it; on a busy page that is one write per view, which serialises
/// SQLite and costs a round trip on PostgreSQL for nothing.
struct ChangedOnlySessions: SessionDriver {
  let inner: any SessionDriver

  private struct ReadSnapshot: StorageKey { typealias Value = [String: String] }

  func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
    inner.createSession(data, for: request)
  }

  func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
    // One column by plain SQL: Fluent's model machinery cost more than the query on every page.
    let read: EventLoopFuture<SessionData?>
    if let sql = request.db as? any SQLDatabase {
      read = sql.raw("SELECT data FROM _fluent_sessions WHERE key = \(bind: sessionID.string)").first()
        .flatMapThrowing { row in try row?.decode(column: "data", as: SessionData.self) }
    } else {
      read = inner.readSession(sessionID, for: request)
    }
    return read.map { data in
      request.storage[ReadSnapshot.self] = data?.snapshot
      return data
    }
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

  func authenticate(sessionID: UUID, for request: Request) -> EventLoopFuture<Void> {
    guard let sql = request.db as? any SQLDatabase else { return request.eventLoop.makeSucceededVoidFuture() }
    return sql.raw(
      """
      SELECT u.organisation_id, u.email, u.name, u.password_hash, u.role, u.vendor_id, o.name AS org_name,
        o.revision
      FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = \(bind: sessionID)
      """
    ).first().flatMapThrowing { row in
      guard let row, let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else {
        return
      }
      // The user built from the row by hand: Fluent's per-model reflection was a large part of a page.
      let user = AccountUser(
        organisationID: try row.decode(column: "organisation_id", as: UUID.self),
        email: try row.decode(column: "email", as: String.self),
        name: try row.decode(column: "name", as: String.self),
        passwordHash: try row.decode(column: "password_hash", as: String.self), role: role)
      user.id = sessionID
      user.vendorID = try row.decode(column: "vendor_id", as: UUID?.self)
      user.$id.exists = true
      request.storage[OrganisationName.self] = try row.decode(column: "org_name", as: String.self)
      request.storage[OrganisationRevision.self] = try row.decode(column: "revision", as: Int.self)
      request.auth.login(user)
    }
  }
}

typealias AccountUser = User

/// The signed-in user's organisation name, when the authenticator already read it.
struct OrganisationName: StorageKey { typealias Value = String }

/// The signed-in user's organisation revision, read with the user (see Organisation.revision).
struct OrganisationRevision: StorageKey { typealias Value = Int }
