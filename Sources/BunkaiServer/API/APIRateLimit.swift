import NIOConcurrencyHelpers
import Vapor

/// Requests per token user and minute on `/api/v1` (`BUNKAI_API_RATE_PER_MINUTE`, default 600, 0
/// for none), counted in this instance's memory: a script that runs away is slowed down with 429
/// and `Retry-After` instead of taking the server's time from everyone.
struct APIRateLimitMiddleware: AsyncMiddleware {
  let perMinute: Int
  let counts = NIOLockedValueBox<[UUID: (minute: Int, count: Int)]>([:])

  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard perMinute > 0, let user = req.auth.get(User.self), let id = user.id else {
      return try await next.respond(to: req)
    }
    let now = Date().timeIntervalSince1970
    let minute = Int(now / 60)
    let allowed = counts.withLockedValue { counts -> Bool in
      if counts.count > 10_000 { counts = counts.filter { $0.value.minute == minute } }
      var entry = counts[id] ?? (minute, 0)
      if entry.minute != minute { entry = (minute, 0) }
      entry.count += 1
      counts[id] = entry
      return entry.count <= perMinute
    }
    guard allowed else {
      let wait = max(1, Int((Double(minute + 1) * 60 - now).rounded(.up)))
      throw RateLimited(wait: wait)
    }
    return try await next.respond(to: req)
  }

  struct RateLimited: AbortError {
    var wait: Int
    var status: HTTPResponseStatus { .tooManyRequests }
    var reason: String { "API の呼び出しが多すぎます（1分あたりの上限を超えました）。\(wait) 秒後にもう一度お試しください。" }
    var headers: HTTPHeaders { ["Retry-After": String(wait)] }
  }
}
