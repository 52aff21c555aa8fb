import Foundation
import Testing

@testable import BunkaiFormats

/// Where MultipartKit's parser reads header names, and only there, a byte outside ASCII is
/// refused (see FormDataCheck).
@Suite struct FormDataCheckTests {
  static func form(_ lines: [String], raw: [UInt8] = []) -> [UInt8] {
    Array(lines.joined(separator: "\r\n").utf8) + raw
  }

  @Test func ordinaryFormWithJapaneseValuesPasses() {
    let body = Self.form([
      "--b", "Content-Disposition: form-data; name=\"file\"; filename=\"契約書.docx\"",
      "Content-Type: application/octet-stream", "", "本文：ヘッダー名: ではない行", "--b--", "",
    ])
    #expect(FormDataCheck.refusal(boundary: "b", body: body) == nil)
  }

  @Test func highByteInTheFirstHeaderNameIsRefused() {
    let body = Array("--b\r\n".utf8) + [0xE2, 0x82, 0xAC] + Array(": v\r\n\r\nx\r\n--b--".utf8)
    #expect(FormDataCheck.refusal(boundary: "b", body: body) == .nonASCIIHeaderName(offset: 5))
  }

  @Test func highByteInALaterHeaderNameIsRefused() {
    let head = Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\nX".utf8)
    let body = head + [0x9F] + Array(": v\r\n\r\nx\r\n--b--".utf8)
    #expect(FormDataCheck.refusal(boundary: "b", body: body) == .nonASCIIHeaderName(offset: head.count))
  }

  /// A second part's headers are read as well as the first's.
  @Test func highByteInTheSecondPartIsRefused() {
    let first = Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b\r\n".utf8)
    let body = first + [0xFF] + Array(": v\r\n\r\n2\r\n--b--".utf8)
    #expect(FormDataCheck.refusal(boundary: "b", body: body) == .nonASCIIHeaderName(offset: first.count))
  }

  /// The part's body, after the empty line, may hold any byte.
  @Test func highBytesInAPartBodyPass() {
    let body =
      Array("--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n".utf8) + [0xFF, 0x80, 0x3A]
      + Array("\r\n--b--".utf8)
    #expect(FormDataCheck.refusal(boundary: "b", body: body) == nil)
  }

  @Test func emptyOrOverlongBoundaryIsRefused() {
    #expect(FormDataCheck.refusal(boundary: "", body: Array("--\r\n".utf8)) == .badBoundary)
    #expect(FormDataCheck.refusal(boundary: String(repeating: "x", count: 71), body: []) == .badBoundary)
    #expect(FormDataCheck.refusal(boundary: String(repeating: "x", count: 70), body: []) == nil)
  }

  @Test func messageIsJapaneseAndNamesTheOffset() {
    let m = FormDataCheck.Refusal.nonASCIIHeaderName(offset: 42).message
    #expect(m.contains("42バイト目") && m.contains("multipart/form-data"))
  }

  /// FuzzMultipart's first find with the check switched off (a byte 0x91 in the second part's
  /// Content-Disposition): the harness's input is the boundary, CR LF, then the body.
  @Test func fuzzerFindIsRefused() throws {
    let input = try Data(contentsOf: Fixtures.url("hostile/multipart-header-name-high-byte.bin"))
    let cut = try #require(input.firstIndex(of: 13))
    let boundary = String(decoding: input[..<cut], as: UTF8.self)
    let body = Array(input[(cut + 2)...])
    #expect(boundary == "B")
    #expect(FormDataCheck.refusal(boundary: boundary, body: body) == .nonASCIIHeaderName(offset: 0x50 - 3))
  }

  /// Short header lines each holding a marker and no empty line: read once, not once per marker
  /// (per marker it was quadratic; a megabyte took minutes). The byte at the very end is still found.
  @Test func manyMarkersInOneHeaderBlockAreReadOnce() {
    let unit = Array("--b\r\nx:".utf8)
    var body: [UInt8] = []
    body.reserveCapacity(1_048_576 + 16)
    while body.count < 1_048_576 { body += unit }
    #expect(FormDataCheck.refusal(boundary: "b", body: body) == nil)
    let bad = body + Array("--b\r\n".utf8) + [0xFF]
    #expect(FormDataCheck.refusal(boundary: "b", body: bad) == .nonASCIIHeaderName(offset: bad.count - 1))
  }
}
