import Vapor

/// A per-session token that every state-changing form must send back as `_csrf` (or the
/// `X-CSRF-Token` header). The API does not use cookies, so it does not need this.
struct CSRFMiddleware: Middleware {
  static let field = "_csrf"
  static let cookie = "bunkai_csrf"

  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    // Page views need no check (and no hop to the task executor); they make sure the session has
    // a token for the forms they show.
    if [.GET, .HEAD, .OPTIONS].contains(request.method) {
      _ = request.csrfToken
      return next.respond(to: request).map { response in
        // An anonymous visitor's token lives in a cookie of its own, not in a stored session.
        if let fresh = request.storage[FreshCSRFCookie.self] {
          response.cookies[Self.cookie] = HTTPCookies.Value(
            string: fresh, maxAge: 60 * 60 * 12, path: "/", isSecure: request.settings.https,
            isHTTPOnly: true,
            sameSite: .strict)
        }
        return response
      }
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

struct FreshCSRFCookie: StorageKey { typealias Value = String }

extension Request {
  /// The CSRF token: a signed-in session's own, made on first use; for a visitor who is not
  /// signed in (the login, set-up and invitation forms) a random value in the `bunkai_csrf`
  /// cookie that the form must repeat, so no session needs storing for them.
  var csrfToken: String {
    if session.data["_UserSession"] != nil {
      if let t = session.data["csrf"] { return t }
      let t = [UInt8].random(count: 24).base64URL
      session.data["csrf"] = t
      return t
    }
    if let fresh = storage[FreshCSRFCookie.self] { return fresh }
    if let t = cookies[CSRFMiddleware.cookie]?.string, t.count == 32 { return t }
    let t = [UInt8].random(count: 24).base64URL
    storage[FreshCSRFCookie.self] = t
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
