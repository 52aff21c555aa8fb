/// Where text outside the articles (the preamble, an annex read whole) starts something new. Such
/// text has no paragraph numbers to cut it, and lines of an order form, a check list or a ruled
/// table end with no 。: read as one run, 「□ 旧システムのデータ移行」 and 「お客様は…に同意のうえ」 lines
/// apart made one sentence about a change and an approval.
public struct OutsideLine: Sendable, Equatable {
  /// Source offset of the line's first non-blank scalar.
  public var start: Int
  /// The line opens a paragraph of its own: a blank line before it, or a section number
  /// (「5.2」「3.」) — terms numbered 1.1 / 1.2 before a contract's 第1条 are clauses.
  /// An item (「(3)」「②」「一　」「ア　」) opens a sentence only: 「前項」 after a list of items still
  /// means the whole list's paragraph.
  public var opensParagraph: Bool
}

enum OutsideLines {
  /// Lines in `ranges` that open a sentence (a marker, a table row, a line after a blank line); a
  /// line that merely goes on with the sentence before it (PDF text wraps anywhere) is not one.
  static func find(
    in s: [Unicode.Scalar], lines: [Line], ranges: [Range<Int>], numbered: (Line) -> Bool
  ) -> [OutsideLine] {
    guard !ranges.isEmpty else { return [] }
    var out: [OutsideLine] = []
    var previousBlank = false
    for line in lines {
      if line.isBlank {
        previousBlank = true
        continue
      }
      defer { previousBlank = false }
      guard ranges.contains(where: { $0.lowerBound < line.trimStart && line.trimStart < $0.upperBound })
      else {
        continue
      }
      let opens = previousBlank || sectionNumber(s, line)
      if opens || numbered(line) || isRowOrBullet(s[line.trimStart]) {
        out.append(OutsideLine(start: line.trimStart, opensParagraph: opens))
      }
    }
    return out
  }

  /// 「5.2 」「1.6 」「3. 」「s1. 」: a section number, then a blank or the text. (「２　」 is not one: a
  /// table's rows numbered so are read as one paragraph, like a list's items.)
  static func sectionNumber(_ s: [Unicode.Scalar], _ line: Line) -> Bool {
    var j = line.trimStart
    let end = min(line.trimEnd, j + 8)
    if j < end, s[j].isASCII, s[j].properties.isAlphabetic { j += 1 }
    let digitsStart = j
    while j < end, Numerals.digitValue(s[j]) != nil { j += 1 }
    guard j > digitsStart, j < end else { return false }
    guard s[j] == "." || s[j] == "．" else { return false }
    while j < end, s[j] == "." || s[j] == "．" || Numerals.digitValue(s[j]) != nil { j += 1 }
    return j < line.trimEnd && (Lines.isSpace(s[j]) || s[j].value >= 0x3000)
  }

  /// A check box, a bullet, a note mark or a ruled table's edge opens its own line of content.
  static func isRowOrBullet(_ c: Unicode.Scalar) -> Bool {
    (0x2500...0x257F).contains(c.value) || "□■☐☑・●○◆◇※★-|｜".unicodeScalars.contains(c)
  }
}
