/// An amendment that replaces words in place: 「第6条第1項中「A」を「B」に改める。」. The words A are
/// struck out of the article, so they are no part of the agreement: read in the amending sentence,
/// they would lend it the very duty (or the very lead) the amendment took away.
extension Layout {
  /// How far a quoted span may run before its closing bracket.
  static let longestQuote = 2000
  /// How many 「中「」 are looked at: each may scan `longestQuote` scalars, and a hostile text could
  /// hold one every two scalars.
  static let mostReplacements = 200

  /// The inside of each A in 「中「A」を「B」に改め」.
  static func replacedWords(_ s: [Unicode.Scalar]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var scans = 0
    var i = 1
    while i + 1 < s.count, scans < mostReplacements {
      defer { i += 1 }
      guard s[i] == "「", s[i - 1] == "中" else { continue }
      scans += 1
      guard let close = closingQuote(s, from: i) else { continue }
      if close + 2 < s.count, s[close + 1] == "を", s[close + 2] == "「",
        let next = closingQuote(s, from: close + 2),
        next + 3 < s.count, s[next + 1] == "に", s[next + 2] == "改", s[next + 3] == "め"
      {
        out.append((i + 1)..<close)
        i = next
      } else if let next = readAs(s, after: close) {
        // 「第18条第2項中「故意又は重過失」とあるのは、「故意」と読み替える。」: the same, as a 特約 writes it.
        out.append((i + 1)..<close)
        i = next
      }
    }
    return out
  }

  /// After A's closing 」: 「とあるのは、「B」と読み替え」 (or 読替え); the 」 closing B.
  static func readAs(_ s: [Unicode.Scalar], after close: Int) -> Int? {
    var j = close + 1
    guard Lines.hasPrefix(s, j, s.count, "とあるのは") else { return nil }
    j += 5
    while j < s.count, s[j] == "、" || Lines.isSpace(s[j]) { j += 1 }
    guard j < s.count, s[j] == "「", let next = closingQuote(s, from: j) else { return nil }
    let verb = next + 2
    guard next + 1 < s.count, s[next + 1] == "と",
      Lines.hasPrefix(s, verb, s.count, "読み替え") || Lines.hasPrefix(s, verb, s.count, "読替え")
    else { return nil }
    return next
  }

  /// The 」 that closes the 「 at `open`, brackets inside counted; nil past `longestQuote`.
  static func closingQuote(_ s: [Unicode.Scalar], from open: Int) -> Int? {
    var depth = 0
    var j = open
    while j < s.count, j - open <= longestQuote {
      if s[j] == "「" {
        depth += 1
      } else if s[j] == "」" {
        depth -= 1
        if depth == 0 { return j }
      }
      j += 1
    }
    return nil
  }
}
