extension Layout {
  /// Line numbers down the left margin (「  12  第3条（再委託）」), as a 契約書案 printed for review or
  /// a text export with numbered lines carries them: the numbers and the spaces after them, on every
  /// line, so that each line opens with its own text again. Only where nearly every line opens with
  /// a number followed by two spaces (or nothing) and the numbers run on by one: paragraph numbers
  /// (「1 本契約は…」) start again in every article and are never so.
  static func marginNumbers(_ s: [Unicode.Scalar], _ lines: [Line]) -> [Range<Int>] {
    var numbered: [(value: Int, range: Range<Int>)] = []
    var text = 0
    for l in lines where !l.isBlank {
      text += 1
      guard let (value, end) = marginNumber(s, l) else { continue }
      numbered.append((value, l.trimStart..<end))
    }
    guard numbered.count >= 10, numbered.count * 10 >= text * 9 else { return [] }
    let runs = zip(numbered, numbered.dropFirst()).filter { $1.value == $0.value + 1 }.count
    guard runs * 10 >= (numbered.count - 1) * 8 else { return [] }
    return numbered.map(\.range)
  }

  /// The number opening the line and where the line's own text begins: at most five digits, then
  /// the line's end or two spaces at least (a tab or an ideographic space counts as two).
  static func marginNumber(_ s: [Unicode.Scalar], _ l: Line) -> (Int, Int)? {
    var i = l.trimStart
    var value = 0
    while i < l.trimEnd, i - l.trimStart < 5, let d = Numerals.digitValue(s[i]) {
      value = value * 10 + d
      i += 1
    }
    guard i > l.trimStart else { return nil }
    if i == l.trimEnd { return (value, i) }
    var j = i
    var width = 0
    while j < l.trimEnd, Lines.isSpace(s[j]) {
      width += s[j] == " " ? 1 : 2
      j += 1
    }
    return width >= 2 && j < l.trimEnd ? (value, j) : nil
  }
}
