/// A check of an uploaded `multipart/form-data` body before MultipartKit reads it.
///
/// MultipartKit 4.7.1 (the only version this machine has) reads a part's header name through a
/// 128-entry table indexed by the byte, so one byte ≥ 0x80 in a header name stops the whole
/// server (an index out of range, not an error), and an empty boundary fails a precondition.
/// Found by the API run of schemathesis. This check refuses both before the parser starts.
///
/// The parser only reads header names right after a boundary line: after `--BOUNDARY`, a CR LF,
/// then lines `name: value` up to an empty line. This check scans the lines after every
/// occurrence of `--BOUNDARY`, a superset of where the parser can be, so it never misses a spot;
/// it refuses only bytes ≥ 0x80 before a line's colon, which no real browser or client sends
/// (header names are ASCII tokens; values, such as a Japanese file name, may hold any byte).
public enum FormDataCheck {
  public enum Refusal: Equatable, Sendable {
    /// The boundary is empty or longer than the 70 characters RFC 2046 allows.
    case badBoundary
    /// A byte outside ASCII in a part's header name, at this offset in the body.
    case nonASCIIHeaderName(offset: Int)

    /// For people: what is wrong with the upload, in Japanese.
    public var message: String {
      switch self {
      case .badBoundary:
        return "アップロードの形式（multipart/form-data）の境界文字列（boundary）が空か、70文字を超えています。"
      case .nonASCIIHeaderName(let offset):
        return
          "アップロードの形式（multipart/form-data）が壊れています：\(offset)バイト目の項目見出しに使えない文字があります。"
      }
    }
  }

  /// nil when MultipartKit may read `body` with `boundary`; otherwise why not.
  public static func refusal(boundary: String, body: some Collection<UInt8>) -> Refusal? {
    let marker = Array("--\(boundary)".utf8)
    guard !boundary.isEmpty, marker.count <= 72 else { return .badBoundary }
    let bytes = Array(body)
    var start = 0
    while let found = firstIndex(of: marker, in: bytes, from: start) {
      if let bad = badHeaderName(in: bytes, after: found + marker.count) {
        return .nonASCIIHeaderName(offset: bad)
      }
      start = found + 1
    }
    return nil
  }

  private static let cr: UInt8 = 13
  private static let lf: UInt8 = 10
  private static let colon: UInt8 = 58

  /// The offset of the first byte ≥ 0x80 in a header name of the block that starts at `from`
  /// (right after a boundary marker), or nil. Lines are scanned up to the empty line that ends
  /// the block, or the end of the body.
  private static func badHeaderName(in bytes: [UInt8], after from: Int) -> Int? {
    // After the marker the parser wants CR LF; anything else ends its header reading.
    guard from + 1 < bytes.count, bytes[from] == cr, bytes[from + 1] == lf else { return nil }
    var i = from + 2
    var inName = true
    var nameLength = 0
    while i < bytes.count {
      let byte = bytes[i]
      if inName {
        if byte == cr && nameLength == 0 { return nil }  // the empty line: the part's body follows
        if byte >= 0x80 { return i }
        if byte == colon && nameLength > 0 {
          inName = false
        } else if byte == lf {
          nameLength = 0
        } else {
          nameLength += 1
        }
      } else if byte == cr {
        // The value ends; the next line is a name again (the parser wants LF next).
        inName = true
        nameLength = 0
        if i + 1 < bytes.count, bytes[i + 1] == lf { i += 1 }
      }
      i += 1
    }
    return nil
  }

  /// The first index at or after `from` where `needle` starts in `haystack`.
  private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var i = from
    let last = haystack.count - needle.count
    while i <= last {
      if haystack[i] == first {
        var j = 1
        while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
        if j == needle.count { return i }
      }
      i += 1
    }
    return nil
  }
}
