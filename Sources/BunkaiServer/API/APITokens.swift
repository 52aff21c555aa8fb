import Fluent
import Vapor

/// `/api/v1/tokens`: the token user's own API tokens (any role, vendor users too).
struct APITokensController {
  struct TokenDTO: Content {
    var id: UUID
    var label: String
    var createdAt: Date?
    var expiresAt: Date?
    var lastUsedAt: Date?
    var revokedAt: Date?
    var active: Bool
    /// Only in the answer to its creation: the token itself, which is not stored.
    var token: String?
  }
  struct TokenInput: Content {
    var label: String?
    /// Days until it stops working (1…3650); without it, until revoked.
    var expiresDays: Int?
  }

  func register(_ api: any RoutesBuilder) {
    api.get(APIRoute.tokens, use: list)
    api.post(APIRoute.tokens, use: create)
    api.delete(APIRoute.token, use: revoke)
  }

  static func dto(_ t: UserToken, now: Date = Date()) -> TokenDTO {
    TokenDTO(
      id: t.id!, label: t.label, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt, active: t.revokedAt == nil && (t.expiresAt.map { $0 > now } ?? true), token: nil
    )
  }

  func list(req: Request) async throws -> [TokenDTO] {
    let user = try req.auth.require(User.self)
    return try await UserToken.query(on: req.db).filter(\.$userID == user.id!).sort(\.$createdAt).sort(\.$id)
      .all().map { Self.dto($0) }
  }

  func create(req: Request) async throws -> Response {
    let user = try req.auth.require(User.self)
    let input = try req.content.decode(TokenInput.self)
    let label = try DomainError.text(input.label ?? "api", field: "label", label: "ラベル", max: 200)
    if let days = input.expiresDays, !(1...3650).contains(days) {
      throw DomainError.invalid("expiresDays", "有効期間（日数）は1〜3650にしてください（\(days)）。")
    }
    let token = try await Accounts.createToken(
      on: req.db, user: user, label: label.isEmpty ? "api" : label, days: input.expiresDays)
    guard
      let record = try await UserToken.query(on: req.db).filter(\.$tokenHash == TokenHash.of(token)).first()
    else { throw Abort(.internalServerError) }
    var dto = Self.dto(record)
    dto.token = token
    return try await dto.encodeResponse(status: .created, for: req)
  }

  /// Revokes one of the user's own tokens; another user's token id looks like nothing (404).
  func revoke(req: Request) async throws -> TokenDTO {
    let user = try req.auth.require(User.self)
    guard let id = req.parameters.get("id", as: UUID.self),
      let token = try await UserToken.find(id, on: req.db),
      token.userID == user.id
    else { throw DomainError.notFound() }
    return Self.dto(try await Accounts.revokeToken(on: req.db, id: token.id!))
  }
}
