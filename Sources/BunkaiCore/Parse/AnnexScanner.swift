/// Finds references to annexes (別表 / 別紙 / 別記) anywhere in the text.
enum AnnexScanner {
  static func references(in s: [Unicode.Scalar], articles: [Article]) -> [AnnexReference] {
    var out: [AnnexReference] = []
    var i = 0
    var articleIndex = 0
    while i + 1 < s.count {
      i = Lines.next("別", in: s, from: i, to: s.count - 1)
      guard i + 1 < s.count else { break }
      if s[i + 1] == "表" || s[i + 1] == "紙" || s[i + 1] == "記", let found = label(in: s, at: i, end: s.count)
      {
        while articleIndex < articles.count, articles[articleIndex].range.upperBound <= i {
          articleIndex += 1
        }
        let inArticle =
          articleIndex < articles.count && articles[articleIndex].range.contains(i)
          ? articles[articleIndex].number : nil
        out.append(AnnexReference(label: found.label, range: i..<found.end, article: inArticle))
        i = found.end
      } else {
        i += 1
      }
    }
    return out
  }

  /// "別表第１" → ("別表1", end), "別紙" → ("別紙", end), "別記2" → ("別記2", end): 別記 is how 約款 and
  /// public bodies' contracts call what others call 別紙.
  static func label(in s: [Unicode.Scalar], at i: Int, end: Int) -> (label: String, end: Int)? {
    guard i + 1 < end, s[i] == "別", s[i + 1] == "表" || s[i + 1] == "紙" || s[i + 1] == "記" else { return nil }
    let kind = s[i + 1] == "表" ? "別表" : s[i + 1] == "記" ? "別記" : "別紙"
    var j = i + 2
    if j < end, s[j] == "第" { j += 1 }
    j = Lines.skipSpaces(s, j, end)
    if let (n, next, _) = Numerals.read(s, at: j, end: end) {
      return ("\(kind)\(n)", next)
    }
    return (kind, i + 2)
  }
}
