import Foundation

/// Decoded contract text plus where it came from.
///
/// Every offset Bunkai reports (evidence, article ranges) counts Unicode scalars in `text`.
public struct SourceText: Sendable {
  public let text: String
  public let scalars: [Unicode.Scalar]
  /// The path as the user gave it ("-" for standard input).
  public var path: String
  /// "txt", "docx" or "pdf".
  public var format: String
  /// The detected encoding ("UTF-8", "Shift_JIS", …) or the container ("docx").
  public var encoding: String
  /// For docx: where each line of `text` came from in the document.
  public var origins: [SourceOrigin]

  public init(
    text: String, path: String = "-", format: String = "txt", encoding: String = "UTF-8",
    origins: [SourceOrigin] = []
  ) {
    let folded = Self.foldingRadicals(text)
    self.text = folded
    self.scalars = Self.decode(folded)
    self.path = path
    self.format = format
    self.encoding = encoding
    self.origins = origins
  }

  /// PDF text layers often carry Kangxi radicals (⽇ ⼀ ⼤) where the text means the ordinary
  /// ideographs; NFKC folds each to one scalar, so offsets do not move.
  static func foldingRadicals(_ text: String) -> String {
    guard hasRadicals(text) else { return text }
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      if (0x2E80...0x2FDF).contains(s.value),
        let f = String(s).precomposedStringWithCompatibilityMapping.unicodeScalars.first,
        String(s).precomposedStringWithCompatibilityMapping.unicodeScalars.count == 1
      {
        out.append(f)
      } else {
        out.append(s)
      }
    }
    return String(out)
  }

  /// Whether the text holds a scalar of U+2E80…U+2FDF: in UTF-8, 0xE2 then 0xBA…0xBF (a byte scan;
  /// walking the scalars took longer than decoding them).
  static func hasRadicals(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard bytes.count >= 2 else { return false }
      for i in 0..<(bytes.count - 1) where bytes[i] == 0xE2 && (0xBA...0xBF).contains(bytes[i + 1]) {
        return true
      }
      return false
    }
  }

  /// The text's scalars, decoded straight from its UTF-8 into an uninitialised buffer (the generic
  /// Array(unicodeScalars) and per-scalar appends are slow).
  static func decode(_ text: String) -> [Unicode.Scalar] {
    var text = text
    return text.withUTF8 { bytes in
      // Exact size: a buffer of one scalar per byte is three times too large for Japanese text.
      return [Unicode.Scalar](unsafeUninitializedCapacity: scalarCount(bytes)) { out, count in
        var i = 0
        var k = 0
        let n = bytes.count
        while i < n {
          let b = UInt32(bytes[i])
          var v: UInt32
          if b < 0x80 {
            v = b
            i += 1
          } else if b < 0xE0 {
            v = (b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            i += 2
          } else if b < 0xF0 {
            v = (b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            i += 3
          } else {
            v =
              (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
              | UInt32(bytes[i + 3] & 0x3F)
            i += 4
          }
          // A Swift String is always valid UTF-8, so every value is a scalar: no check needed.
          out[k] = unsafeBitCast(v, to: Unicode.Scalar.self)
          k += 1
        }
        count = k
      }
    }
  }

  /// Scalars in valid UTF-8: bytes that are not continuation bytes (10xxxxxx), counted eight at a
  /// time.
  static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let raw = UnsafeRawBufferPointer(bytes)
    var continuation = 0
    var i = 0
    while i + 8 <= bytes.count {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // Bit 7 of each byte set and bit 6 clear, as 0 or 1 per byte; the multiplication sums the
      // bytes into the top one (no popcount instruction on baseline x86-64).
      let marks = (w & ~(w << 1) & 0x8080_8080_8080_8080) >> 7
      continuation += Int((marks &* 0x0101_0101_0101_0101) >> 56)
      i += 8
    }
    while i < bytes.count {
      if bytes[i] & 0xC0 == 0x80 { continuation += 1 }
      i += 1
    }
    return bytes.count - continuation
  }

  /// The exact text between two scalar offsets.
  public func slice(_ range: Range<Int>) -> String {
    Lines.string(scalars[range.clamped(to: 0..<scalars.count)])
  }
}

/// Maps a line of extracted text back to the document structure it came from.
public struct SourceOrigin: Sendable, Codable, Equatable {
  /// Scalar offset of the line's start in `SourceText.text`.
  public var start: Int
  /// Index of the body paragraph (w:p) in document order.
  public var paragraph: Int
  /// True when the paragraph sits in a table cell.
  public var inTable: Bool

  public init(start: Int, paragraph: Int, inTable: Bool) {
    self.start = start
    self.paragraph = paragraph
    self.inTable = inTable
  }
}
