import Vapor

/// The API's translation of every error into JSON: `{"error": {"status", "message", "field"}}`,
/// a message for people in Japanese and, for a bad value, the request field it is about. A
/// service's refusal (DomainError) keeps its kind's status (422, 404, 409, 403); a body that
/// cannot be read is 400 and names the field the decoder stopped at. Only a fault of the server
/// itself is a 5xx.
struct APIErrorMiddleware: AsyncMiddleware {
  struct Body: Content {
    struct Detail: Content {
      var status: Int
      var message: String
      var field: String?
    }
    var error: Detail
  }

  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    do {
      return try await next.respond(to: req)
    } catch {
      guard let (status, message, field) = Self.describe(error) else { throw error }
      let res = try await Body(error: .init(status: Int(status.code), message: message, field: field))
        .encodeResponse(status: status, for: req)
      // Headers the error carries (Retry-After on 429).
      if let abort = error as? any AbortError {
        for (name, value) in abort.headers where name.lowercased() != "content-type" {
          res.headers.replaceOrAdd(name: name, value: value)
        }
      }
      return res
    }
  }

  /// Status, message and field of an error a client caused; nil for the server's own faults,
  /// which the outer error middleware logs and answers with 5xx.
  static func describe(_ error: any Error) -> (HTTPResponseStatus, String, String?)? {
    switch error {
    case let e as DomainError:
      return (e.status, e.message, e.field)
    case let e as InvalidInput:
      // Every problem is in the message; the field is the first one's.
      return (.unprocessableEntity, e.reason, e.problems.first?.field)
    case let e as DecodingError:
      let (detail, field) = decodingDetail(e)
      return (.badRequest, "送信された内容を読み取れません: \(detail)", field)
    case let e as Accounts.Problem:
      return (.unprocessableEntity, e.description, nil)
    case let abort as any AbortError:
      let status = abort.status
      guard status.code < 500 else { return nil }
      let reason = abort.reason
      let japanese = reason.unicodeScalars.contains { $0.value >= 0x3000 }
      switch status {
      case .badRequest:
        return (.badRequest, japanese ? reason : "送信された内容を読み取れません（\(reason)）。", nil)
      case .unsupportedMediaType where !japanese:
        return (
          .unsupportedMediaType,
          "送信された内容の形式（Content-Type）を読み取れません。JSON は application/json、ファイルは multipart/form-data で送ってください。", nil
        )
      case .payloadTooLarge where !reason.contains("上限"):
        return (.payloadTooLarge, "送信されたデータが大きすぎます。", nil)
      case .notFound where !japanese:
        return (.notFound, "指定されたデータが見つかりません。", nil)
      case .unauthorized where !japanese:
        return (.unauthorized, "APIトークンが必要です（Authorization: Bearer <トークン>。bunkai token create で発行できます）。", nil)
      default:
        return (status, japanese ? reason : "要求を処理できません（\(status.code)）。", nil)
      }
    default:
      return nil
    }
  }

  /// Where the decoder stopped, in words and as the field's path (`answers.0.itemId`).
  static func decodingDetail(_ e: DecodingError) -> (String, String?) {
    func path(_ keys: [any CodingKey]) -> String {
      keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
    switch e {
    case .keyNotFound(let key, let c):
      let field = path(c.codingPath + [key])
      return ("項目 \(field) がありません。", field)
    case .typeMismatch(_, let c), .valueNotFound(_, let c):
      let field = path(c.codingPath)
      return field.isEmpty ? ("JSON の形が正しくありません。", nil) : ("項目 \(field) の型が正しくありません。", field)
    case .dataCorrupted(let c):
      let field = path(c.codingPath)
      return field.isEmpty ? ("JSON として読めません。", nil) : ("項目 \(field) の値が正しくありません。", field)
    @unknown default:
      return ("形式が正しくありません。", nil)
    }
  }
}
