/// Terms set in English and Japanese side by side (和英併記, 「和文を正本とする」): each article, paragraph
/// or heading is written in English, then in Japanese. The Japanese text is the one read; the English
/// lines would otherwise run into the Japanese paragraphs (as text of the article before, as
/// paragraphs of their own that shift 第2項 to the third line, as the party's name before its label).
extension Layout {
  /// How many English sentences of at least this many words make a text bilingual: a Japanese
  /// contract quotes a product name or a standard's English title, not whole sentences.
  static let bilingualSentenceWords = 6
  static let bilingualSentences = 3

  /// What to blank in a bilingual text: its English lines (prose, and headings such as
  /// 「Article 4 (Subcontracting)」), and the English half of a heading that gives both
  /// (「5. Subcontracting / 再委託」, 「新旧対照表 / Comparison Table」). Nothing in a text that is
  /// not bilingual.
  static func englishBlanks(_ s: [Unicode.Scalar], _ lines: [Line]) -> [Range<Int>] {
    var sentences = 0
    for l in lines where !l.isBlank && !hasJapanese(s, l.trimmed) {
      if englishWords(s, l.trimmed) >= bilingualSentenceWords { sentences += 1 }
      if sentences >= bilingualSentences { break }
    }
    guard sentences >= bilingualSentences else { return [] }
    var out: [Range<Int>] = []
    for l in lines where !l.isBlank {
      if !hasJapanese(s, l.trimmed) {
        // A line of English words; a line of numbers or a product code alone stays.
        if englishWords(s, l.trimmed) >= 2 { out.append(l.trimmed) }
      } else if let half = englishHalf(s, l) {
        out.append(half)
      }
    }
    return out
  }

  /// The English half of a line that gives a heading in both languages around a slash: the words
  /// after the line's number up to and including the slash (「5. Subcontracting / 再委託」), or the
  /// slash and the words after it (「新旧対照表 / Comparison Table」).
  static func englishHalf(_ s: [Unicode.Scalar], _ l: Line) -> Range<Int>? {
    guard let slash = (l.trimStart..<l.trimEnd).first(where: { s[$0] == "/" || s[$0] == "／" }) else {
      return nil
    }
    let before = l.trimStart..<slash
    let after = (slash + 1)..<l.trimEnd
    if !hasJapanese(s, after), englishWords(s, after) >= 1, hasJapanese(s, before) {
      return slash..<l.trimEnd
    }
    guard hasJapanese(s, after), !hasJapanese(s, before) else { return nil }
    // Keep the section's number (「5.」「(5)」) that opens the line.
    var i = l.trimStart
    while i < slash, !isLatinLetter(s[i]) { i += 1 }
    guard englishWords(s, i..<slash) >= 1 else { return nil }
    return i..<(slash + 1)
  }

  /// Kana, kanji (and the Kangxi radicals pdftotext leaves for them) or Japanese punctuation.
  static func hasJapanese(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
    r.contains { i in
      let v = s[i].value
      return (0x3000...0x30FF).contains(v) || (0x3400...0x9FFF).contains(v) || (0x2E80...0x2FDF).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFF01...0xFF0F).contains(v) || (0xFF1A...0xFF20).contains(v)
    }
  }

  static func isLatinLetter(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c)
  }

  /// Runs of two or more Latin letters in the range.
  static func englishWords(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Int {
    var words = 0
    var run = 0
    for i in r {
      if isLatinLetter(s[i]) {
        run += 1
        if run == 2 { words += 1 }
      } else {
        run = 0
      }
    }
    return words
  }
}
