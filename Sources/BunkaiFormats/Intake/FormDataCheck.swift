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
  ///
  /// One pass over the body. A marker followed by CR LF opens a header block (or restarts the one
  /// open: after the marker's CR LF every reading of the lines before it is at a line start again);
  /// an empty line closes it. Scanning each marker's block on its own read the same lines, but a
  /// body of short header lines each holding a marker (「--b CR LF x:--b CR LF x:…」, no empty
  /// line) made that quadratic: one upload of a megabyte would have held a worker for minutes.
  public static func refusal(boundary: String, body: some Collection<UInt8>) -> Refusal? {
    let marker = Array("--\(boundary)".utf8)
    guard !boundary.isEmpty, marker.count <= 72 else { return .badBoundary }
    let bytes = Array(body)
    var inBlock = false
    var inName = true
    var nameLength = 0
    var i = 0
    while i < bytes.count {
      // After the marker the parser wants CR LF; anything else ends its header reading.
      if bytes[i] == marker[0], startsWith(marker, in: bytes, at: i), i + marker.count + 1 < bytes.count,
        bytes[i + marker.count] == cr, bytes[i + marker.count + 1] == lf
      {
        inBlock = true
        inName = true
        nameLength = 0
        i += marker.count + 2
        continue
      }
      let byte = bytes[i]
      if !inBlock {
        // Outside a header block: a part's body, the preamble or the epilogue.
      } else if inName {
        if byte == cr && nameLength == 0 {
          inBlock = false  // the empty line: the part's body follows
        } else if byte >= 0x80 {
          return .nonASCIIHeaderName(offset: i)
        } else if byte == colon && nameLength > 0 {
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

  private static let cr: UInt8 = 13
  private static let lf: UInt8 = 10
  private static let colon: UInt8 = 58

  /// Whether `needle` starts at `i` in `haystack`.
  private static func startsWith(_ needle: [UInt8], in haystack: [UInt8], at i: Int) -> Bool {
    guard i + needle.count <= haystack.count else { return false }
    var j = 0
    while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
    return j == needle.count
  }
}
