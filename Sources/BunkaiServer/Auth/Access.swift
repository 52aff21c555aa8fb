import Fluent
import Vapor

/// The signed-in user of a request, with the checks every route makes.
package struct Actor: Sendable {
  package let user: User

  package init(user: User) { self.user = user }
  package var id: UUID { user.id! }
  package var orgID: UUID { user.organisationID }
  var role: Role { user.role }

  func requireEditor() throws {
    guard role.canEdit else { throw Abort(.forbidden, reason: "経営層のアカウントは閲覧と承認のみできます。") }
  }
  func requireAdmin() throws {
    guard role == .admin else { throw Abort(.forbidden, reason: "この操作は管理者だけができます。") }
  }
}

extension Request {
  /// The institution's signed-in user; a vendor user is refused, since everything but the shared
  /// contract pages is the institution's own.
  var actor: Actor {
    get throws {
      let user = try auth.require(User.self)
      guard user.role != .vendor else { throw Abort(.forbidden, reason: "事業者のアカウントでは利用できない画面です。") }
      return Actor(user: user)
    }
  }

  /// A record of the actor's organisation, or 404: another organisation's ids look like nothing.
  func owned<M: OrgOwned>(_ type: M.Type, _ param: String = "id") async throws -> M {
    guard let id = parameters.get(param, as: UUID.self) else {
      throw Abort(.notFound, reason: "指定されたデータが見つかりません。")
    }
    return try await owned(type, id: id)
  }

  func owned<M: OrgOwned>(_ type: M.Type, id: UUID) async throws -> M {
    let actor = try actor
    guard let m = try await M.find(id, on: db), m.organisationID == actor.orgID else {
      throw Abort(.notFound, reason: "指定されたデータが見つかりません。")
    }
    return m
  }
}

/// A model that belongs to one organisation.
protocol OrgOwned: Model where IDValue == UUID {
  var organisationID: UUID { get }
}

extension Vendor: OrgOwned {}
extension MedicalSystem: OrgOwned {}
extension Contract: OrgOwned {}
extension ContractDocument: OrgOwned {}
extension ReviewRecord: OrgOwned {}
extension User: OrgOwned {}

/// Sends people who are not signed in to the login page (or to set-up when nothing exists yet).
struct LoginRequired: Middleware {
  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    if request.auth.has(User.self) { return next.respond(to: request) }
    return Organisation.query(on: request.db).first().map { anyOrg in
      request.redirect(to: anyOrg != nil ? Paths.login : Paths.setup)
    }
  }
}

/// Keeps vendor users on the pages shared with them: the institution's own pages send them to
/// their contract list (or answer 403 to anything but a page view).
struct InstitutionOnly: Middleware {
  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    guard let user = request.auth.get(User.self), user.role == .vendor else {
      return next.respond(to: request)
    }
    if request.method == .GET && request.url.path == Paths.home {
      return request.eventLoop.makeSucceededFuture(request.redirect(to: Paths.partner))
    }
    return request.eventLoop.makeFailedFuture(Abort(.forbidden, reason: "事業者のアカウントでは利用できない画面です。"))
  }
}

/// Bearer tokens for the JSON API: the token's SHA-256 is looked up.
struct TokenAuthenticator: AsyncBearerAuthenticator {
  func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
    let hash = TokenHash.of(bearer.token)
    let now = Date()
    guard let token = try await UserToken.query(on: request.db).filter(\.$tokenHash == hash).first(),
      token.revokedAt == nil, token.expiresAt.map({ $0 > now }) ?? true,
      let user = try await User.find(token.userID, on: request.db), user.disabledAt == nil
    else { return }
    // The last use, to the minute: enough to see which tokens are idle, one write a minute at most.
    if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
      token.lastUsedAt = now
      try? await token.update(on: request.db)
      // Recorded at the same pace: who used which token, and from where.
      try? await AuditLog.record(
        on: request.db, org: user.organisationID, user: user, action: "APIトークン使用",
        entity: "APIトークン \(token.label)",
        id: token.id, after: ["address": request.clientAddress, "path": request.url.path])
    }
    request.auth.login(user)
  }
}

enum TokenHash {
  static func of(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
  }
  static func newToken() -> String { "bk_" + [UInt8].random(count: 32).base64URL }
}
