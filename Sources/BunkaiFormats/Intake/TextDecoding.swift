import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Detects the encoding of a plain-text contract and decodes it.
/// UTF-8 (with or without BOM), UTF-16 with BOM, Shift_JIS (CP932) and EUC-JP.
public enum TextDecoding {
  public static func decode(_ data: Data) -> (text: String, encoding: String)? {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return String(bytes: bytes.dropFirst(3), encoding: .utf8).map { ($0, "UTF-8 (BOM)") }
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return String(bytes: bytes.dropFirst(2), encoding: .utf16LittleEndian).map { ($0, "UTF-16LE") }
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return String(bytes: bytes.dropFirst(2), encoding: .utf16BigEndian).map { ($0, "UTF-16BE") }
    }
    if let s = String(validating: bytes, as: UTF8.self) { return (s, "UTF-8") }
    // Not UTF-8: decide between the two Japanese legacy encodings by which reads more plausibly.
    let sjis = iconvDecode(bytes, from: "CP932")
    let euc = iconvDecode(bytes, from: "EUC-JP-MS") ?? iconvDecode(bytes, from: "EUC-JP")
    switch (sjis, euc) {
    case (let s?, nil): return (s, "Shift_JIS")
    case (nil, let e?): return (e, "EUC-JP")
    case (let s?, let e?): return plausibility(e) > plausibility(s) ? (e, "EUC-JP") : (s, "Shift_JIS")
    default: return nil
    }
  }

  /// Share of characters that are kana, common kanji or ASCII: wrong decodings give rare kanji and
  /// half-width katakana.
  static func plausibility(_ s: String) -> Double {
    var good = 0
    var total = 0
    for u in s.unicodeScalars {
      total += 1
      switch u.value {
      case 0x20...0x7E, 0x0A, 0x0D, 0x3000...0x30FF, 0xFF01...0xFF5E: good += 2
      case 0x4E00...0x9FFF: good += 1
      default: break
      }
    }
    return total == 0 ? 0 : Double(good) / Double(total)
  }

  /// Strict conversion with the C library's iconv; nil on any invalid sequence.
  static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
    let cd = iconv_open("UTF-8", encoding)
    guard cd != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
    var outputCount = 0
    let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
          .assumingMemoryBound(
            to: CChar.self)
        var inLeft = inBuf.count
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
          .assumingMemoryBound(
            to: CChar.self)
        var outLeft = outBuf.count
        let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        if r == -1 || inLeft != 0 { return false }
        outputCount = outBuf.count - outLeft
        return true
      }
    }
    guard ok else { return nil }
    return String(decoding: output[0..<outputCount], as: UTF8.self)
  }
}
