import Vapor

/// A per-session token that every state-changing form must send back as `_csrf` (or the
/// `X-CSRF-Token` header). The API does not use cookies, so it does not need this.
struct CSRFMiddleware: Middleware {
  static let field = "_csrf"

  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    // Page views need no check (and no hop to the task executor); they make sure the session has
    // a token for the forms they show.
    if [.GET, .HEAD, .OPTIONS].contains(request.method) {
      _ = request.csrfToken
      return next.respond(to: request)
    }
    return request.eventLoop.makeFutureWithTask { try await check(request) }.flatMap {
      next.respond(to: request)
    }
  }

  private func check(_ request: Request) async throws {
    let expected = request.csrfToken
    // A large form (an upload) may still be streaming: read it in before looking for the token.
    // The limit leaves room for the multipart framing around the largest accepted file.
    if request.body.data == nil {
      _ = try await request.body.collect(max: request.settings.maxUploadBytes + 1_048_576).get()
    }
    let sent =
      request.headers.first(name: "X-CSRF-Token")
      ?? (try? request.content.get(String.self, at: Self.field))
    guard let sent, constantTimeEqual(sent, expected) else {
      throw Abort(.forbidden, reason: "フォームの有効期限が切れたか、不正な送信です。ページを開き直してから、もう一度送信してください。")
    }
  }

  private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<x.count { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}

extension Request {
  /// The session's CSRF token, made on first use.
  var csrfToken: String {
    if let t = session.data["csrf"] { return t }
    let t = [UInt8].random(count: 24).base64URL
    session.data["csrf"] = t
    return t
  }
}

extension Array where Element == UInt8 {
  static func random(count: Int) -> [UInt8] {
    var g = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &g) }
  }
  var base64URL: String {
    Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }
}
