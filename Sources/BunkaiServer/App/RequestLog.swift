import Vapor

/// Logs each request's method and path with secrets taken out: an invitation link's code, any
/// `bk_` token written into a path, and the query string (which may carry either). Replaces
/// Vapor's route logging, which writes the path as sent.
struct RequestLogMiddleware: Middleware {
  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    request.logger.info("\(request.method) \(Self.redacted(request.url.path))")
    return next.respond(to: request)
  }

  static func redacted(_ path: String) -> String {
    var out: [Substring] = []
    var afterInvite = false
    for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
      if afterInvite || segment.hasPrefix("bk_") {
        out.append("[redacted]")
      } else {
        out.append(segment)
      }
      afterInvite = segment == "invite"
    }
    return out.joined(separator: "/")
  }
}
