extension Layout {
  /// A contract exported as Markdown (「## 第5条 再委託」「**甲の同意**」「> 本書は…書き出したもの」):
  /// the marks are blanked, offsets kept, so that 「## 第5条」 opens an article and 「**甲**」 names
  /// the party. Only in a text with three heading lines (one to six 「#」 and a space) at least: a
  /// contract that uses 「#」 or 「**」 now and then keeps them.
  static func markdownBlanks(_ s: [Unicode.Scalar], _ lines: [Line]) -> [Range<Int>] {
    let headings = lines.compactMap { headingMarks(s, $0) }
    guard headings.count >= 3 else { return [] }
    var out = headings
    for l in lines where !l.isBlank {
      let first = s[l.trimStart]
      // 「> 本書は…」: a quoted block's mark.
      if first == ">" || first == "＞" {
        out.append(l.trimStart..<(l.trimStart + 1))
      }
      // 「---」 (a rule) and 「|---|---|」 (under a table's header) carry no text.
      if l.trimmed.allSatisfy({ ["-", "*", "_", "|", ":", " ", "="].contains(s[$0]) }),
        l.trimmed.filter({ s[$0] == "-" || s[$0] == "*" || s[$0] == "_" || s[$0] == "=" }).count >= 3
      {
        out.append(l.trimmed)
        continue
      }
      // 「**強調**」「__強調__」: both marks of each pair.
      var i = l.trimStart
      while i + 1 < l.trimEnd {
        if (s[i] == "*" && s[i + 1] == "*") || (s[i] == "_" && s[i + 1] == "_") {
          out.append(i..<(i + 2))
          i += 2
        } else {
          i += 1
        }
      }
    }
    return out
  }

  /// The 「#」 marks and the space after them opening a heading line.
  static func headingMarks(_ s: [Unicode.Scalar], _ l: Line) -> Range<Int>? {
    var i = l.trimStart
    while i < l.trimEnd, s[i] == "#" { i += 1 }
    guard i > l.trimStart, i - l.trimStart <= 6, i < l.trimEnd, Lines.isSpace(s[i]) else { return nil }
    return l.trimStart..<(i + 1)
  }
}
