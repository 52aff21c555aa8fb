import BunkaiFormats
import Foundation
import FuzzCommon
import MultipartKit

/// What the server's forms decode: a file, text fields, and the nested and repeated names
/// (`a[]`, `a[b]`) that MultipartKit's decoder expands.
struct Form: Decodable {
  var file: Data?
  var name: String?
  var items: [String]?
  var map: [String: String]?
  var count: Int?
  var inner: Inner?
  struct Inner: Decodable {
    var a: String?
    var b: [Int]?
  }
}

/// The server's multipart path: FormDataCheck, then (when it lets the body through) MultipartKit's
/// parser and decoder. The input is the boundary, CR LF, then the body; without a CR LF the
/// boundary is "b". A refusal is fine, an error is fine; a trap or a hang is the finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let all = [UInt8](FuzzInput.data(start, count))
  var boundary = "b"
  var body = all[...]
  if let cr = all.firstIndex(of: 13), cr + 1 < all.count, all[cr + 1] == 10 {
    boundary = String(decoding: all[..<cr], as: UTF8.self)
    body = all[(cr + 2)...]
  }
  if let refusal = FormDataCheck.refusal(boundary: boundary, body: body) {
    precondition(refusal.message.contains("multipart/form-data"))
    return 0
  }
  _ = try? FormDataDecoder().decode(Form.self, from: Array(body), boundary: boundary)
  return 0
}
