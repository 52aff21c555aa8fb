/// A line of the source text with its whitespace-trimmed bounds (scalar offsets).
struct Line {
  var start: Int
  var end: Int
  var trimStart: Int
  var trimEnd: Int
  var isBlank: Bool { trimStart >= trimEnd }
  var trimmed: Range<Int> { trimStart..<trimEnd }
  var length: Int { trimEnd - trimStart }
}

enum Lines {
  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    s == " " || s == "\t" || s == "\u{3000}" || s == "\u{A0}" || s == "\u{FEFF}" || s == "\u{200B}"
  }

  static func isBreak(_ s: Unicode.Scalar) -> Bool {
    // One comparison settles almost every scalar (this runs for each one of the text).
    let v = s.value
    return v <= 0x0D ? v == 0x0A || v == 0x0D || v == 0x0C : v == 0x2028 || v == 0x2029
  }

  static func split(_ s: [Unicode.Scalar]) -> [Line] {
    var lines: [Line] = []
    // Unchecked: this visits every scalar of the text.
    s.withUnsafeBufferPointer { s in
      var i = 0
      let n = s.count
      while i <= n {
        var j = i
        while j < n, !isBreak(s[j]) { j += 1 }
        var a = i
        while a < j, isSpace(s[a]) { a += 1 }
        var b = j
        while b > a, isSpace(s[b - 1]) { b -= 1 }
        if b - a > 300 {
          // Text flattened to one line with nothing between the articles (「…する。第2条（…）」):
          // a line starts at each 第N条 or 第N章 right after 。 or a closing bracket.
          var from = a
          var k = a + 1
          while k < b - 2 {
            let p = s[k - 1]
            if s[k] == "第", p == "。" || p == "）" || p == ")" || p == "」", Self.numberedHeader(s, k + 1, b) {
              lines.append(Line(start: from, end: k, trimStart: from, trimEnd: k))
              from = k
            }
            k += 1
          }
          lines.append(Line(start: from, end: j, trimStart: from, trimEnd: b))
        } else {
          lines.append(Line(start: i, end: j, trimStart: a, trimEnd: b))
        }
        if j >= n { break }
        i = (s[j] == "\r" && j + 1 < n && s[j + 1] == "\n") ? j + 2 : j + 1
      }
    }
    return lines
  }

  /// Digits or kanji numerals, then 条 or 章, from `i`.
  static func numberedHeader(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int, _ end: Int) -> Bool {
    var j = i
    while j < end, j - i < 8, Numerals.digitValue(s[j]) != nil || Numerals.isKanjiNumeral(s[j]) { j += 1 }
    return j > i && j < end && (s[j] == "条" || s[j] == "章")
  }

  /// The first offset in `from..<to` holding `c`, or `to`: an unchecked scan for the parser's
  /// searches over the whole text.
  static func next(_ c: Unicode.Scalar, in s: [Unicode.Scalar], from: Int, to: Int) -> Int {
    s.withUnsafeBufferPointer { s in
      var i = from
      while i < to, s[i] != c { i += 1 }
      return i
    }
  }

  /// Skips spaces from `i` up to `end`.
  static func skipSpaces(_ s: [Unicode.Scalar], _ i: Int, _ end: Int) -> Int {
    var j = i
    while j < end, isSpace(s[j]) { j += 1 }
    return j
  }

  static func string(_ s: [Unicode.Scalar], _ r: Range<Int>) -> String {
    string(s[r])
  }

  /// Encodes scalars as UTF-8 in one buffer: much faster than appending to a UnicodeScalarView.
  static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
      var n = 0
      for scalar in scalars {
        let v = scalar.value
        switch v {
        case 0..<0x80:
          buffer[n] = UInt8(v)
          n += 1
        case 0x80..<0x800:
          buffer[n] = UInt8(0xC0 | (v >> 6))
          buffer[n + 1] = UInt8(0x80 | (v & 0x3F))
          n += 2
        case 0x800..<0x1_0000:
          buffer[n] = UInt8(0xE0 | (v >> 12))
          buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
          buffer[n + 2] = UInt8(0x80 | (v & 0x3F))
          n += 3
        default:
          buffer[n] = UInt8(0xF0 | (v >> 18))
          buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
          buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
          buffer[n + 3] = UInt8(0x80 | (v & 0x3F))
          n += 4
        }
      }
      return n
    }
  }

  static func hasPrefix(_ s: [Unicode.Scalar], _ i: Int, _ end: Int, _ prefix: String) -> Bool {
    // The iterator decodes the literal as it goes: most lines fail on the first scalar, and
    // `unicodeScalars.first` cost more than the whole comparison.
    var j = i
    var it = prefix.unicodeScalars.makeIterator()
    while let p = it.next() {
      guard j < end, s[j] == p else { return false }
      j += 1
    }
    return true
  }

  static func contains(_ s: [Unicode.Scalar], _ r: Range<Int>, _ needle: String) -> Bool {
    // Single-scalar needles ("。", "、") are the common case: no array needed.
    if needle.unicodeScalars.count == 1, let c = needle.unicodeScalars.first {
      return s[r].contains(c)
    }
    return contains(s, r, Array(needle.unicodeScalars))
  }

  static func contains(_ s: [Unicode.Scalar], _ r: Range<Int>, _ n: [Unicode.Scalar]) -> Bool {
    occurs(n, in: s[r])
  }

  /// Naive search of a short needle: the needles here are a few scalars or bytes long.
  static func occurs<N: RandomAccessCollection, H: RandomAccessCollection>(_ n: N, in hay: H) -> Bool
  where N.Element: Equatable, N.Element == H.Element, N.Index == Int, H.Index == Int {
    guard !n.isEmpty, hay.count >= n.count else { return false }
    let n0 = n.startIndex
    var i = hay.startIndex
    while i + n.count <= hay.endIndex {
      if hay[i] == n[n0] {
        var k = 1
        while k < n.count, hay[i + k] == n[n0 + k] { k += 1 }
        if k == n.count { return true }
      }
      i += 1
    }
    return false
  }

  /// Where a short needle first starts in `hay` (an index of `hay`), if anywhere.
  static func firstOccurrence<N: RandomAccessCollection, H: RandomAccessCollection>(_ n: N, in hay: H) -> Int?
  where N.Element: Equatable, N.Element == H.Element, N.Index == Int, H.Index == Int {
    guard !n.isEmpty, hay.count >= n.count else { return nil }
    // The first element compared alone first: comparing a slice at every position cost more.
    let n0 = n[n.startIndex]
    var i = hay.startIndex
    while i + n.count <= hay.endIndex {
      if hay[i] == n0, hay[i..<(i + n.count)].elementsEqual(n) { return i }
      i += 1
    }
    return nil
  }

  /// The closing bracket for an opening one (a switch: this runs for every line).
  static func closing(_ open: Unicode.Scalar) -> Unicode.Scalar? {
    switch open {
    case "（": "）"
    case "(": ")"
    case "【": "】"
    case "〔": "〕"
    case "[": "]"
    case "［": "］"
    case "《": "》"
    case "〈": "〉"
    // 「第1条＜目的＞」
    case "＜": "＞"
    case "<": ">"
    case "≪": "≫"
    default: nil
    }
  }
}

extension String {
  /// Substring test on UTF-8 bytes (valid because UTF-8 is self-synchronising); avoids the slow
  /// Foundation path for the many short look-ups of the parser.
  func containsText(_ needle: String) -> Bool {
    guard !needle.isEmpty else { return true }
    // Native strings are contiguous UTF-8: search the bytes in place, without copying them.
    var hay = self
    var needle = needle
    return hay.withUTF8 { hay in needle.withUTF8 { Lines.occurs($0, in: hay) } }
  }

  /// The string with every occurrence of the needle left out, compared byte for byte: Foundation's
  /// replacingOccurrences was most of the time spent on a contract's parties.
  func removingText(_ needle: String) -> String {
    guard !needle.isEmpty, containsText(needle) else { return self }
    let n = Array(needle.utf8)
    let hay = Array(utf8)
    var out: [UInt8] = []
    out.reserveCapacity(hay.count)
    var i = 0
    while i < hay.count {
      if hay[i] == n[0], i + n.count <= hay.count, hay[i..<(i + n.count)].elementsEqual(n) {
        i += n.count
      } else {
        out.append(hay[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The string without the blanks (spaces and tabs, of any width) at either end; what
  /// `trimmingCharacters(in: .whitespaces)` does, without Foundation.
  func trimmingBlanks() -> String {
    func blank(_ c: Unicode.Scalar) -> Bool { c == "\t" || c.properties.generalCategory == .spaceSeparator }
    let v = unicodeScalars
    guard let first = v.firstIndex(where: { !blank($0) }) else { return "" }
    let last = v.lastIndex(where: { !blank($0) })!
    return String(v[first...last])
  }

  /// Where the needle's last occurrence ends, as a UTF-8 offset (nil when it does not occur). Only
  /// for comparing such offsets in one string: the Foundation search it replaced was a tenth of the
  /// parse.
  func lastTextEnd(_ needle: String) -> Int? {
    guard !needle.isEmpty else { return nil }
    var hay = self
    var needle = needle
    return hay.withUTF8 { hay in
      needle.withUTF8 { n in
        guard hay.count >= n.count else { return nil }
        var i = hay.count - n.count
        while i >= 0 {
          if hay[i] == n[0] {
            var k = 1
            while k < n.count, hay[i + k] == n[k] { k += 1 }
            if k == n.count { return i + n.count }
          }
          i -= 1
        }
        return nil
      }
    }
  }
}
