import Crypto
import Fluent
import Vapor

/// `Idempotency-Key` on API POSTs (docs/api.md): the first request with a key is answered and its
/// answer kept; a retry with the same key and the same request gets that answer again (header
/// `Idempotent-Replayed: true`) without doing the work twice. While the first is still running a
/// retry gets 409; the same key with a different request gets 422. Failures (4xx thrown, 5xx) are
/// not kept, so a retry runs again — they changed nothing.
struct IdempotencyMiddleware: AsyncMiddleware {
  static let header = "Idempotency-Key"

  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard req.method == .POST, let key = req.headers.first(name: Self.header) else {
      return try await next.respond(to: req)
    }
    guard (1...200).contains(key.utf8.count),
      key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
    else {
      throw Abort(.badRequest, reason: "Idempotency-Key は 1〜200 文字の英数字と記号にしてください。")
    }
    let user = try req.auth.require(User.self)
    if req.body.data == nil {
      _ = try await req.body.collect(max: max(req.settings.maxUploadBytes + 1_048_576, 26_214_400)).get()
    }
    let hash = Self.requestHash(req)

    let record = IdempotencyRecord(userID: user.id!, key: key, requestHash: hash)
    do {
      try await record.create(on: req.db)
    } catch {
      // The key is taken (the unique index said so): answer as the first request did.
      guard
        let earlier = try await IdempotencyRecord.query(on: req.db).filter(\.$userID == user.id!)
          .filter(\.$key == key).first()
      else { throw error }
      guard earlier.requestHash == hash else {
        throw Abort(.unprocessableEntity, reason: "この Idempotency-Key は別の内容の要求に使われています。新しいキーで送ってください。")
      }
      guard let status = earlier.status else {
        throw Abort(.conflict, reason: "同じ Idempotency-Key の要求を処理中です。少し待ってから送り直してください。")
      }
      let res = Response(
        status: HTTPResponseStatus(statusCode: status), body: .init(data: earlier.body ?? Data()))
      if let type = earlier.contentType { res.headers.replaceOrAdd(name: .contentType, value: type) }
      res.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
      return res
    }
    let response: Response
    do {
      response = try await next.respond(to: req)
    } catch {
      try? await record.delete(on: req.db)
      throw error
    }
    guard response.status.code < 500, let body = response.body.data else {
      try? await record.delete(on: req.db)
      return response
    }
    record.status = Int(response.status.code)
    record.contentType = response.headers.first(name: .contentType)
    record.body = body
    do {
      try await record.update(on: req.db)
    } catch {
      // Not kept: a retry then runs again rather than waiting on a key that never completes.
      req.logger.warning("idempotency answer not stored: \(String(reflecting: error))")
      try? await record.delete(on: req.db)
    }
    return response
  }

  /// The request as far as its meaning goes: method, path and body — with a multipart body's
  /// boundary taken out, since a client library makes a new one for each retry.
  static func requestHash(_ req: Request) -> String {
    var hasher = SHA256()
    hasher.update(data: Data("\(req.method.rawValue) \(req.url.path)\n".utf8))
    if var body = req.body.data.map({ Data(buffer: $0) }) {
      if let boundary = req.headers.contentType?.parameters["boundary"], !boundary.isEmpty {
        let marker = Data(boundary.utf8)
        var out = Data()
        var rest = body.startIndex
        while let r = body.range(of: marker, in: rest..<body.endIndex) {
          out.append(body[rest..<r.lowerBound])
          out.append(contentsOf: [0x2D, 0x2D])
          rest = r.upperBound
        }
        out.append(body[rest...])
        body = out
      }
      hasher.update(data: body)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }
}
