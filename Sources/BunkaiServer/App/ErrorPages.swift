import Vapor

/// Turns errors into a Japanese page for people, or JSON `{"error": {"status", "message"}}` for the API.
/// Unexpected errors are logged and shown without internals. Future-based, like the other
/// middleware every request passes: an async middleware costs a hop to the task executor and back.
struct ErrorPagesMiddleware: Middleware {
  struct ErrorBody: Content {
    struct Detail: Content {
      var status: Int
      var message: String
    }
    var error: Detail
  }
  struct PageContext: Encodable {
    var page: Page
    var status: Int
    var message: String
    var back: String
  }

  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    next.respond(to: request).flatMapError { error in
      request.eventLoop.makeFutureWithTask { try await page(for: error, request) }
    }
  }

  private func page(for error: any Error, _ request: Request) async throws -> Response {
    let (status, message) = describe(error, request)
    if request.url.path.hasPrefix("/api/") {
      let res = try await ErrorBody(error: .init(status: Int(status.code), message: message)).encodeResponse(
        status: status, for: request)
      // Headers the error carries (Retry-After on 429).
      if let abort = error as? any AbortError {
        for (name, value) in abort.headers where name.lowercased() != "content-type" {
          res.headers.replaceOrAdd(name: name, value: value)
        }
      }
      return res
    }
    do {
      let page = try await request.page("エラー")
      let back = request.headers.first(name: .referer).flatMap { URL(string: $0)?.path } ?? Paths.home
      let view = try await request.view.render(
        "error", PageContext(page: page, status: Int(status.code), message: message, back: back))
      return try await view.encodeResponse(status: status, for: request)
    } catch {
      let r = Response(status: status, body: .init(string: message))
      r.headers.contentType = .plainText
      return r
    }
  }

  private func describe(_ error: any Error, _ req: Request) -> (HTTPResponseStatus, String) {
    switch error {
    case let e as DecodingError:
      return (.badRequest, "送信された内容を読み取れません: \(Self.field(of: e))")
    case let abort as any AbortError:
      if abort.status == .notFound && abort.reason == HTTPResponseStatus.notFound.reasonPhrase {
        return (.notFound, "ページが見つかりません。")
      }
      if abort.status == .payloadTooLarge && !abort.reason.contains("上限") {
        let mb = max(1, req.settings.maxUploadBytes / 1_048_576)
        return (
          .payloadTooLarge,
          "送信されたデータが大きすぎます（上限: ファイルは \(mb) MB まで、ファイルのない入力は 1 MB まで）。小さくするか、文書を分けて送ってください。"
        )
      }
      if abort.status == .unauthorized && abort.reason == HTTPResponseStatus.unauthorized.reasonPhrase {
        return (.unauthorized, "認証が必要です（Authorization: Bearer にAPIトークンを指定してください）。")
      }
      if abort.status == .badRequest {
        return (.badRequest, "送信された内容を読み取れません: \(abort.reason)")
      }
      return (abort.status, abort.reason)
    default:
      switch Writes.classify(error) {
      case .unavailable:
        req.logger.warning("database unavailable: \(String(reflecting: error))")
        return (.serviceUnavailable, "データベースに接続できません。操作は保存されていません。しばらくしてからもう一度お試しください。")
      case .busy, .conflict:
        req.logger.warning("database busy: \(String(reflecting: error))")
        return (.serviceUnavailable, "混み合っているため保存できませんでした。操作は保存されていません。もう一度お試しください。")
      case .other: break
      }
      req.logger.report(error: error)
      return (.internalServerError, "サーバーで問題が起きました。操作は保存されていません。時間をおいてもう一度お試しください。")
    }
  }

  static func field(of e: DecodingError) -> String {
    switch e {
    case .keyNotFound(let key, _): return "項目 \(key.stringValue) がありません"
    case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
      let path = c.codingPath.map(\.stringValue).joined(separator: ".")
      return path.isEmpty ? "形式が正しくありません" : "項目 \(path) の形式が正しくありません"
    @unknown default: return "形式が正しくありません"
    }
  }
}
