import Fluent
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
    inner.readSession(sessionID, for: request).map { data in
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

/// Signs in the session's user and reads the organisation's name in the same query, so a page's
/// header needs no second lookup.
struct SessionUserAuthenticator: AsyncSessionAuthenticator {
  typealias User = AccountUser

  func authenticate(sessionID: UUID, for request: Request) async throws {
    guard
      let user = try await User.query(on: request.db).filter(\.$id == sessionID)
        .join(Organisation.self, on: \User.$organisationID == \Organisation.$id).first()
    else { return }
    let org = try user.joined(Organisation.self)
    request.storage[OrganisationName.self] = org.name
    request.storage[OrganisationRevision.self] = org.revision
    request.auth.login(user)
  }
}

typealias AccountUser = User

/// The signed-in user's organisation name, when the authenticator already read it.
struct OrganisationName: StorageKey { typealias Value = String }

/// The signed-in user's organisation revision, read with the user (see Organisation.revision).
struct OrganisationRevision: StorageKey { typealias Value = Int }
