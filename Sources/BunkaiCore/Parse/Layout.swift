/// Makes text taken from a PDF or flattened to one line read like a clean contract, without moving
/// any offset: page furniture (「－ 2 －」「2 / 10」 and a page header repeated on every page) becomes
/// spaces, and in a very long line a space before 第N条, a paragraph number or an item marker becomes
/// a line break.
enum Layout {
  static func clean(_ original: [Unicode.Scalar]) -> [Unicode.Scalar] {
    // Line numbers in the margin go first: the rest reads each line's own opening (a bare numbered
    // line would pass for a page number).
    let first = Lines.split(original)
    let margin = marginNumbers(original, first)
    var scalars = original
    for r in margin { for i in r { scalars[i] = " " } }
    let lines = margin.isEmpty ? first : Lines.split(scalars)
    var out = scalars
    var changed = !margin.isEmpty
    // Page numbers first (short lines only); headers are looked for only near them.
    let isPage = lines.map { l in
      !l.isBlank && l.length <= 16 && mayBePageNumber(scalars, l.trimmed)
        && isPageNumber(Lines.string(scalars, l.trimmed))
    }
    if isPage.contains(true) {
      // Short lines that come back page after page are headers or footers.
      var seen: [String: Int] = [:]
      for l in lines where !l.isBlank && l.length <= 60 {
        seen[Lines.string(scalars, l.trimmed), default: 0] += 1
      }
      for (k, l) in lines.enumerated() where !l.isBlank {
        var blank = isPage[k]
        if !blank, l.length <= 60 {
          let near = [k - 2, k - 1, k + 1, k + 2].contains { lines.indices.contains($0) && isPage[$0] }
          let text = Lines.string(scalars, l.trimmed)
          blank = near && (seen[text] ?? 0) >= 2 && !text.contains("。") && !text.hasPrefix("第")
        }
        if blank {
          for i in l.trimmed { out[i] = " " }
          changed = true
        }
      }
    }
    // A table of contents: three or more header lines in a row (第N条（見出し）, 別紙…), with
    // nothing between them. Blanked, so that the contents are not read as articles.
    // Contents come before the body: once a header has been followed by its text, a later run of
    // short numbered lines (「別紙　サービス仕様」「1. 可用性　…」「2. 入退館　…」) is an annex.
    var bodyStarted = false
    var k = 0
    while k < lines.count {
      var j = k
      var headers: [Int] = []
      while j < lines.count {
        if lines[j].isBlank { j += 1; continue }
        guard isContentsLine(scalars, lines[j]) else { break }
        headers.append(j)
        j += 1
      }
      // The last header before body text is the first real article, not part of the contents.
      let before = bodyStarted
      if j < lines.count, let last = headers.last {
        // A line with a leader and a page number is no article's header.
        if !endsInPageLeader(scalars, lines[last]) { headers.removeLast() }
        bodyStarted = true
      }
      // 「1　総則 ……… 1」: lines with a leader and a page number are contents wherever they come (a
      // 仕様書's own contents after the contract).
      if headers.count >= 3, !before || headers.allSatisfy({ endsInPageLeader(scalars, lines[$0]) }) {
        var first = headers[0]
        // The 「目次」 line above the list goes too.
        if let above = (0..<first).last(where: { !lines[$0].isBlank }),
          Lines.string(scalars, lines[above].trimmed).filter({ !$0.isWhitespace }) == "目次"
        {
          first = above
        }
        for h in [first] + headers { for i in lines[h].trimmed { out[i] = " " } }
        changed = true
      }
      k = max(j, k + 1)
    }
    // Terms numbered 1. / 1.1 instead of 第N条 and flattened to one line (「…定めます。 1. 目的 本規約
    // は…」): the section's short heading also gets a line of its own, as the parser expects.
    var sectionsOnly: Bool?
    var lastSection = 0
    var lastArticle = 0
    for l in lines where l.length > 300 {
      var i = l.trimStart + 1
      while i < l.trimEnd - 1 {
        if Lines.isSpace(out[i]), startsStructure(out, i + 1, l.trimEnd) {
          // The next section number starts a section even after a list item with no 。.
          let section = sectionHeadingEnd(out, i + 1, l.trimEnd)
          let next = section != nil && sectionDigits(out, i + 1, l.trimEnd)?.value == lastSection + 1
          // So does the next article with its heading (「…(6)障害受付 第4条（安全管理の基準） 提供者は」).
          let article = headedArticle(out, i + 1, l.trimEnd)
          let nextArticle = article != nil && article == lastArticle + 1
          if endsSentence(out, i, l.trimStart) || (next && sectionsOnly == true) || nextArticle {
            if let article { lastArticle = article }
            out[i] = "\n"
            changed = true
            if sectionsOnly == nil { sectionsOnly = !hasArticleHeader(scalars) }
            if sectionsOnly == true, let after = section {
              out[after] = "\n"
              lastSection = sectionDigits(out, i + 1, l.trimEnd)?.value ?? lastSection
            }
          }
        }
        i += 1
      }
    }
    for r in scannedMarkerRepairs(scalars, lines) {
      out[r.at] = r.to
      changed = true
    }
    let amended = amendmentTable(scalars, lines)
    for r in redlineBlanks(scalars) + amended.blanks + uncheckedLines(scalars, lines)
      + englishBlanks(scalars, lines) + replacedWords(scalars) + markdownBlanks(scalars, lines)
    {
      for i in r where out[i] != "\n" { out[i] = " " }
      changed = true
    }
    for i in amended.breaks {
      out[i] = "\n"
      changed = true
    }
    return changed ? out : original
  }

  static let ticked: Set<Unicode.Scalar> = ["☑", "☒", "■", "✓", "✔"]
  static let unticked: Set<Unicode.Scalar> = ["☐", "□"]
  /// Words that make ■ a mark of choice (「選択したものに■」「■を付した項目」) rather than a bullet.
  static let choiceWords = ["選択", "付した", "チェック"].map { Array($0.unicodeScalars) }

  /// A form with boxes, some ticked (「☑ 3.6 受託者は…」「■ 方式Ａ…」) and some not (「☐ 4.2 …」「□ 方式Ｂ…」):
  /// the lines opening with an empty box were not chosen and are no part of the agreement. Only where
  /// some line opens with a ticked box: a checklist of empty boxes alone (「□ 電源口数」) is a list. ■
  /// over □ is also a heading with its items (「■ 保守内容」「□ 月次点検」): it counts as ticked only where
  /// the text speaks of choosing or marking.
  static func uncheckedLines(_ s: [Unicode.Scalar], _ lines: [Line]) -> [Range<Int>] {
    let opening = lines.filter { !$0.isBlank }
    // The words of choosing are looked for over the whole text only where a line opens with ■ and
    // no other ticked box (most contracts have no box at all).
    guard
      opening.contains(where: { l in ticked.contains(s[l.trimStart]) && s[l.trimStart] != "■" })
        || (opening.contains(where: { s[$0.trimStart] == "■" })
          && choiceWords.contains { Lines.occurs($0, in: s) })
    else { return [] }
    // A ticked box itself is blanked too, so that the item's own number (「☑ 3.1 受託者は…」) opens
    // its line and 「仕様書3.1の安全管理」 finds it.
    return opening.compactMap { l in
      unticked.contains(s[l.trimStart])
        ? l.trimStart..<l.trimEnd : ticked.contains(s[l.trimStart]) ? l.trimStart..<(l.trimStart + 1) : nil
    }
  }

  static let bars: Set<Unicode.Scalar> = ["｜", "|", "│"]
  static let oldHeads = ["改正前", "変更前", "旧"].map { Array($0.unicodeScalars) }
  static let newHeads = ["改正後", "変更後", "新"].map { Array($0.unicodeScalars) }

  /// A 新旧対照表 (「｜条項｜改正後（新）｜改正前（旧）｜」, or its columns split by tabs as a
  /// spreadsheet exports them): only the new column is in force, so the old column's cells are
  /// blanked in the rows under the header, up to the first line that is no row. A row whose first
  /// cell names an article (「｜第7条（再委託）｜1 乙は、…｜」) is read as that article: the bar or tab
  /// after the first cell becomes a line break, so the heading opens a line and each row stands
  /// apart. The bars go, and in a table whose cells wrap over several rows (a fixed-width export,
  /// 「｜　　　　｜る。｜全管理に関する…」) a row with an empty first cell is the text of the row above
  /// going on.
  static func amendmentTable(_ s: [Unicode.Scalar], _ lines: [Line]) -> (blanks: [Range<Int>], breaks: [Int])
  {
    var blanks: [Range<Int>] = []
    var breaks: [Int] = []
    var k = 0
    while k < lines.count {
      defer { k += 1 }
      let header = cells(s, lines[k])
      guard header.count >= 2, let old = header.firstIndex(where: { heads(s, $0, oldHeads) }),
        header.contains(where: { heads(s, $0, newHeads) })
      else { continue }
      let tabs = !bars.contains(s[lines[k].trimStart])
      var j = k + 1
      while j < lines.count {
        let row = cells(s, lines[j])
        if lines[j].isBlank || row.count < (tabs ? 2 : 1) { break }
        if old < row.count { blanks.append(row[old]) }
        // The bars between the cells (a tab is blank already).
        if !tabs {
          blanks.append(lines[j].trimStart..<(lines[j].trimStart + 1))
          for c in row.dropFirst() where c.lowerBound > lines[j].trimStart + 1 {
            blanks.append((c.lowerBound - 1)..<c.lowerBound)
          }
          if let last = row.last, last.upperBound < lines[j].trimEnd {
            blanks.append(last.upperBound..<(last.upperBound + 1))
          }
        }
        if old > 0, row.count > 1, let first = row.first,
          let opens = first.first(where: { !Lines.isSpace(s[$0]) }), s[opens] == "第"
        {
          breaks.append(first.upperBound)
        }
        j += 1
      }
      k = j - 1
    }
    return (blanks, breaks)
  }

  /// A header cell that is a column of the old or of the new wording: 「改正前」「変更後（新）」, or 旧 / 新
  /// alone or with a bracket or 規定 after it (「新（改正案）」) — not 「復旧手順」 nor 「更新」.
  static func heads(_ s: [Unicode.Scalar], _ cell: Range<Int>, _ words: [[Unicode.Scalar]]) -> Bool {
    let text = cell.filter { !Lines.isSpace(s[$0]) }.map { s[$0] }
    return words.contains { w in
      guard text.starts(with: w) else { return false }
      let rest = text.dropFirst(w.count)
      return w.count > 1 || rest.isEmpty || rest.first == "（" || rest.first == "("
        || rest.starts(with: ["規", "定"])
    }
  }

  /// The cells of a table row: between the bars of a line that opens with a bar (「｜a｜b｜」, the
  /// last cell also where no bar closes the line), or between the tabs of a line with two or more;
  /// none otherwise.
  static func cells(_ s: [Unicode.Scalar], _ l: Line) -> [Range<Int>] {
    guard !l.isBlank else { return [] }
    let bar = bars.contains(s[l.trimStart])
    guard bar || s[l.trimStart..<l.trimEnd].contains("\t") else { return [] }
    var out: [Range<Int>] = []
    var start = bar ? l.trimStart + 1 : l.trimStart
    for i in start..<l.trimEnd where bar ? bars.contains(s[i]) : s[i] == "\t" {
      out.append(start..<i)
      start = i + 1
    }
    if start < l.trimEnd, !(start..<l.trimEnd).allSatisfy({ Lines.isSpace(s[$0]) }) || !bar {
      out.append(start..<l.trimEnd)
    }
    return out
  }

  /// How far a 【削除：…】 or 【追加：…】 span may run before its 】.
  static let longestRedline = 2000

  /// 【削除：…】 and 【追加：…】 left in a contract redlined from a template: the deleted words are no part
  /// of the agreement and the added ones are. What to blank: each deleted span whole, and the markers
  /// of each added one (line breaks are kept), so that what is read is the agreed text.
  static func redlineBlanks(_ s: [Unicode.Scalar]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var i = 0
    // The next 】 at or after a position, found once and reused while it lies ahead: a text of many
    // unclosed 【削除： marks is still read in one pass.
    var nextClose: Int?
    while let open = s[i...].firstIndex(of: "【") {
      i = open + 1
      guard open + 4 < s.count, s[open + 3] == "：" || s[open + 3] == ":" else { continue }
      let deleted = s[open + 1] == "削" && s[open + 2] == "除"
      let added = s[open + 1] == "追" && s[open + 2] == "加"
      guard deleted || added else { continue }
      if (nextClose ?? -1) < open + 4 { nextClose = s[(open + 4)...].firstIndex(of: "】") ?? s.count }
      guard let close = nextClose, close < s.count, close - open <= longestRedline else { continue }
      if deleted {
        out.append(open..<(close + 1))
      } else {
        out.append(open..<(open + 4))
        out.append(close..<(close + 1))
      }
      i = close + 1
    }
    return out
  }

  /// 「第1O条」「第l2条」「第3粂」: a scanned contract read through OCR writes 0 as O, 1 as l or I,
  /// and 条 as 粂 in its article markers. Repaired in place (same length) where the marker opens a
  /// line and holds a digit besides the letters, so the article is found. Found on the text as read
  /// (most contracts have none) and written into the cleaned copy.
  static func scannedMarkerRepairs(_ s: [Unicode.Scalar], _ lines: [Line]) -> [(at: Int, to: Unicode.Scalar)]
  {
    var repairs: [(at: Int, to: Unicode.Scalar)] = []
    for l in lines where !l.isBlank && s[l.trimStart] == "第" {
      var j = l.trimStart + 1
      var letters: [Int] = []
      var digits = 0
      while j < l.trimEnd, j - l.trimStart <= 8 {
        let c = s[j]
        if ("0"..."9").contains(c) || ("０"..."９").contains(c) {
          digits += 1
        } else if ocrDigits[c] != nil {
          letters.append(j)
        } else if !Lines.isSpace(c) {
          break
        }
        j += 1
      }
      guard j < l.trimEnd, s[j] == "条" || s[j] == "粂", digits > 0, !letters.isEmpty || s[j] == "粂" else {
        continue
      }
      for k in letters { repairs.append((k, ocrDigits[s[k]]!)) }
      repairs.append((j, "条"))
    }
    return repairs
  }
  static let ocrDigits: [Unicode.Scalar: Unicode.Scalar] = [
    "O": "0", "o": "0", "Ｏ": "０", "l": "1", "I": "1", "ｌ": "１", "Ｉ": "１",
  ]

  /// A section number of up to three digits at `i` (「12」 of 「12. 」) and the offset after it.
  static func sectionDigits(_ s: [Unicode.Scalar], _ i: Int, _ end: Int) -> (value: Int, end: Int)? {
    var n = 0
    var j = i
    while j < end, j - i < 3, let d = Numerals.digitValue(s[j]) {
      n = n * 10 + d
      j += 1
    }
    return j > i ? (n, j) : nil
  }

  /// Some 第N条 or 第N章 in the text.
  static func hasArticleHeader(_ s: [Unicode.Scalar]) -> Bool {
    var i = 0
    while i < s.count - 1 {
      if s[i] == "第", startsStructure(s, i, s.count) { return true }
      i += 1
    }
    return false
  }

  /// After a top-level section number at `i` (「5. 」「12．」, not 「5.2」), a heading of at most 20
  /// characters with no 。 or 、 followed by a space: that space's offset.
  static func sectionHeadingEnd(_ s: [Unicode.Scalar], _ i: Int, _ end: Int) -> Int? {
    guard var j = sectionDigits(s, i, end)?.end, j < end, s[j] == "." || s[j] == "．" else { return nil }
    j += 1
    guard j < end, Lines.isSpace(s[j]) else { return nil }
    while j < end, Lines.isSpace(s[j]) { j += 1 }
    let start = j
    while j < end, !Lines.isSpace(s[j]) {
      if s[j] == "。" || s[j] == "、" || j - start >= 20 { return nil }
      j += 1
    }
    return j > start && j < end - 1 ? j : nil
  }

  /// 「第3条（再委託）」「第３条　再委託 ……… 4」「別紙　セキュリティ特記事項」: a header and no text.
  static func isContentsLine(_ s: [Unicode.Scalar], _ l: Line) -> Bool {
    guard l.length <= 50, !s[l.trimmed].contains("。") else { return false }
    if endsInPageLeader(s, l) { return true }
    let c = s[l.trimStart]
    if c == "別", l.trimStart + 1 < l.trimEnd, s[l.trimStart + 1] == "紙" || s[l.trimStart + 1] == "表" {
      return true
    }
    // 「3. 安全管理」 in the contents of a document numbered by sections (not 「3.1 本文」).
    if let (_, after) = sectionDigits(s, l.trimStart, l.trimEnd), after < l.trimEnd - 1,
      s[after] == "." || s[after] == "．", Numerals.digitValue(s[after + 1]) == nil,
      Lines.isSpace(s[after + 1]), l.trimEnd - after <= 24, !s[l.trimmed].contains("、")
    {
      return true
    }
    // 「【第3条　安全管理】」.
    let start = c == "【" && l.trimStart + 1 < l.trimEnd ? l.trimStart + 1 : l.trimStart
    guard s[start] == "第" else { return false }
    var j = start + 1
    while j < l.trimEnd, Numerals.digitValue(s[j]) != nil || Numerals.isKanjiNumeral(s[j]) { j += 1 }
    guard j > start + 1, j < l.trimEnd else { return false }
    // 「第3　情報セキュリティ」「第1の2　用語」 in the contents of a 仕様書 numbered 第N.
    if Lines.isSpace(s[j]) || s[j] == "の" { return ContractParser.titledSection(s, l) != nil }
    return s[j] == "条" || s[j] == "章"
  }

  /// 「4　その他 …………………… 3」「第2条　委託業務 ・・・・ 2」: a run of three or more leader dots, then a
  /// page number ending the line.
  static func endsInPageLeader(_ s: [Unicode.Scalar], _ l: Line) -> Bool {
    var i = l.trimEnd
    while i > l.trimStart, Numerals.digitValue(s[i - 1]) != nil { i -= 1 }
    guard i < l.trimEnd else { return false }
    while i > l.trimStart, Lines.isSpace(s[i - 1]) { i -= 1 }
    var dots = 0
    while i > l.trimStart, leaderDots.contains(s[i - 1]) {
      i -= 1
      dots += 1
    }
    return dots >= 3 && i > l.trimStart
  }
  static let leaderDots: Set<Unicode.Scalar> = ["…", "・", ".", "．", "‥", "･", "⋯"]

  /// Scalars a page number line may hold; any other (a kanji, a bracket) rules it out before the
  /// line is made a String (most short lines are headings: this showed in the release profile).
  static func mayBePageNumber(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
    var digit = false
    for i in r {
      switch s[i].value {
      case 0x30...0x39, 0xFF10...0xFF19: digit = true
      case 0x20, 0x3000, 0x09, 0x2F, 0xFF0F, 0x2D, 0xFF0D, 0x2014, 0x2015, 0x2010, 0x2013, 0x30FC, 0x70, 0x50,
        0x2E,
        0x30DA, 0x30B8:
        continue
      default: return false
      }
    }
    return digit
  }

  static let dashes: Set<Character> = ["-", "－", "—", "―", "‐", "ー", "–"]

  /// 「－ 2 －」「- 2 -」「2 / 10」「2/10」「— 3 —」「p. 4」「4」 alone on a line.
  static func isPageNumber(_ line: String) -> Bool {
    let t = line.filter { !$0.isWhitespace }
    guard !t.isEmpty, t.count <= 12 else { return false }
    var core = Substring(t)
    while let f = core.first, dashes.contains(f) { core = core.dropFirst() }
    while let l = core.last, dashes.contains(l) { core = core.dropLast() }
    if core.lowercased().hasPrefix("p.") { core = core.dropFirst(2) }
    if core.hasPrefix("ページ") { core = core.dropFirst(3) }
    let parts = core.split(separator: "/", omittingEmptySubsequences: false)
    let digitsOnly = { (s: Substring) in
      !s.isEmpty && s.count <= 4 && s.allSatisfy { $0.isNumber && $0.isASCII || ("０"..."９").contains($0) }
    }
    return (parts.count == 1 && digitsOnly(parts[0]))
      || (parts.count == 2 && digitsOnly(parts[0]) && digitsOnly(parts[1]))
  }

  /// The number of an article marker with a bracketed heading right after it (「第4条（目的）」) at `i`.
  static func headedArticle(_ s: [Unicode.Scalar], _ i: Int, _ end: Int) -> Int? {
    guard i < end, s[i] == "第", let n = Numerals.read(s, at: i + 1, end: end), n.next + 1 < end,
      s[n.next] == "条",
      ["（", "(", "【", "〔", "＜", "<"].contains(s[n.next + 1])
    else { return nil }
    return n.value
  }

  static func endsSentence(_ s: [Unicode.Scalar], _ i: Int, _ start: Int) -> Bool {
    var j = i - 1
    while j > start, Lines.isSpace(s[j]) { j -= 1 }
    return ["。", "）", ")", "」", "】"].contains(s[j]) || s.indices.contains(j) && j - start < 80
  }

  static func startsStructure(_ s: [Unicode.Scalar], _ i: Int, _ end: Int) -> Bool {
    guard i < end else { return false }
    let c = s[i]
    if c == "第" {
      var j = i + 1
      while j < end, Numerals.digitValue(s[j]) != nil || Numerals.isKanjiNumeral(s[j]) { j += 1 }
      return j > i + 1 && j < end && (s[j] == "条" || s[j] == "章")
    }
    if c == "別", i + 1 < end, s[i + 1] == "紙" || s[i + 1] == "表" { return true }
    if c == "（" || c == "(" {
      return i + 2 < end && (Numerals.digitValue(s[i + 1]) != nil || Numerals.isKanjiNumeral(s[i + 1]))
        && (s[i + 2] == "）" || s[i + 2] == ")")
    }
    if Numerals.digitValue(c) != nil, i + 1 < end {
      // 「5. 」「12. 」 and, after a sentence, a subsection 「5.2 」.
      guard let j = sectionDigits(s, i, end)?.end, j < end else { return false }
      let n = s[j]
      if n == ".", j + 1 < end, Numerals.digitValue(s[j + 1]) != nil {
        var k = j + 1
        while k < end, k - j <= 3, Numerals.digitValue(s[k]) != nil { k += 1 }
        return k < end && Lines.isSpace(s[k])
      }
      return Lines.isSpace(n) || n == "．" || (n == "." && j + 1 < end && Numerals.digitValue(s[j + 1]) == nil)
    }
    return false
  }
}
