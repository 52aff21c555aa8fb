import Vapor

/// Headers on every response. The CSP allows no inline script or style: pages load /app.js and
/// /app.css only, and contract text is always escaped.
struct SecurityHeadersMiddleware: Middleware {
  /// Served over HTTPS (ServerSettings.https): browsers are told to use nothing else for a year.
  var https = false

  static let csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

  /// For self-contained documents with their own inline print styles: no script, nothing loaded.
  static let documentCSP =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    + "frame-ancestors 'none'"

  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    let https = self.https
    return next.respond(to: request).map { response in
      if https {
        response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
      }
      return Self.addHeaders(response)
    }
  }

  private static func addHeaders(_ response: Response) -> Response {
    let h = response.headers
    // A response may set a stricter policy of its own (the annex page: no script at all).
    if !h.contains(name: "Content-Security-Policy") {
      response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.csp)
    }
    response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
    response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
    response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
    if !h.contains(name: .cacheControl) {
      response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    }
    return response
  }
}
