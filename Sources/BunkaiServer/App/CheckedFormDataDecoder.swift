import BunkaiFormats
import Vapor

/// Vapor's `multipart/form-data` decoder behind `FormDataCheck`: a body MultipartKit would crash on
/// (a byte outside ASCII in a part's header name, an empty boundary) is refused with 400 and a
/// Japanese message instead of stopping the server. Registered for every route in `configure`.
struct CheckedFormDataDecoder: ContentDecoder {
  var inner = FormDataDecoder()

  struct Refused: AbortError {
    var refusal: FormDataCheck.Refusal
    var status: HTTPResponseStatus { .badRequest }
    var reason: String { refusal.message }
  }

  func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
    try decode(D.self, from: body, headers: headers, userInfo: [:])
  }

  func decode<D: Decodable>(
    _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
    userInfo: [CodingUserInfoKey: any Sendable]
  ) throws -> D {
    // Without a boundary the inner decoder answers 415 itself, before any parsing.
    if let boundary = headers.contentType?.parameters["boundary"],
      let refusal = FormDataCheck.refusal(boundary: boundary, body: body.readableBytesView)
    {
      throw Refused(refusal: refusal)
    }
    return try inner.decode(D.self, from: body, headers: headers, userInfo: userInfo)
  }
}
