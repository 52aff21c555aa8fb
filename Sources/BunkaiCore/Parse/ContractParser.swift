/// Turns source text into a `Contract`: title, preamble, parties, chapters, articles with their
/// paragraphs and items, annexes, definitions and 附則. Line-based and tolerant: anything it does
/// not recognise becomes the continuation of the paragraph before it (PDF text wraps lines).
public enum ContractParser {
  public static func parse(_ source: SourceText) -> Contract {
    var parser = Builder(s: source.scalars)
    parser.run()
    if parser.contract.articles.allSatisfy({ $0.part != nil }), titledSectionCount(source.scalars) >= 3 {
      // 「第1　総則」「第1の2　用語」「第2　業務内容」 over 「1　目的」 lines: a 仕様書 numbered 第N
      // without 条, each 第N a section.
      var titled = Builder(s: source.scalars)
      titled.titledSections = true
      titled.run()
      if titled.contract.articles.filter({ $0.part == nil }).count >= 3 { parser = titled }
    }
    // A cover table and signatures, then a 仕様書 and a 特記事項 (`frontClosed`): every article is in
    // an attached document, and a section reading would take the cover's lines for sections.
    if parser.contract.articles.allSatisfy({ $0.part != nil }), !parser.openedAfterCover {
      // No 第N条 at all: terms and specifications numbered 1. / 1.1 / (1).
      var sections = Builder(s: source.scalars)
      sections.sectionMode = true
      sections.run()
      if sections.contract.articles.count >= 2 {
        parser = sections
      } else {
        // 「第3章　情報セキュリティ」 over 「3.1 基本要件」「3.2 体制変更」 and no 「3. 見出し」: each
        // chapter is the section its N.M lines belong to.
        var chapters = Builder(s: source.scalars)
        chapters.sectionMode = true
        chapters.chaptersAreSections = true
        chapters.run()
        if chapters.contract.articles.count >= 2 { parser = chapters }
      }
    } else if let first = parser.contract.articles.first, first.range.lowerBound > source.scalars.count / 3 {
      // 「11. 契約条件」… then 「別添　情報セキュリティに関する特記事項」 with its own 第1条: a
      // specification numbered 1. / 1.1 whose annex numbers articles. The articles come late; read
      // as sections, every one of them must reappear in the annex.
      var sections = Builder(s: source.scalars)
      sections.sectionMode = true
      sections.run()
      let own = sections.contract.articles.filter { $0.part == nil }
      let annexed = sections.contract.articles.filter { $0.part != nil }
      if own.count >= 2, annexed.count == parser.contract.articles.count,
        let last = own.last, last.range.upperBound <= first.range.lowerBound
      {
        parser = sections
      }
    }
    var contract = parser.contract
    // The builder's own lines: the text is not split again.
    contract.outsideLines = OutsideLines.find(
      in: source.scalars, lines: parser.lines,
      ranges: [contract.preamble].compactMap { $0 } + contract.annexSections.map(\.range),
      numbered: { parser.itemMarker($0) != nil })
    contract.annexReferences = AnnexScanner.references(in: source.scalars, articles: contract.articles)
    contract.definitions = PartyExtractor.definitions(in: source.scalars)
    contract.definitions += PartyExtractor.listedDefinitions(in: source.scalars, articles: contract.articles)
      .filter { d in !contract.definitions.contains { $0.term == d.term } }
    contract.parties = PartyExtractor.parties(in: source.scalars, contract: contract)
    contract.kinds = ContractKindDetector.kinds(of: contract, scalars: source.scalars)
    return contract
  }
}

extension ContractParser {
  /// Words a translated contract numbers its articles with (「Section 7」), and how long such a
  /// heading line may be; references read them folded (`References.englishArticleWords`).
  static let englishArticleWords = ["Section", "SECTION", "Article", "ARTICLE", "Clause", "CLAUSE"]
  static let englishHeadingLength = 60

  /// Brackets that enclose a section's number alone (「＜５＞」「〈5〉」「【5】」「〔5〕」「[5]」), with
  /// their closing ones; references to such a section read them folded (`References.sectionBrackets`).
  static let numberBrackets: [Unicode.Scalar: Unicode.Scalar] = [
    "＜": "＞", "<": ">", "〈": "〉", "【": "】", "〔": "〕", "[": "]", "［": "］",
  ]

  /// 「第3　情報セキュリティ」「第1の2　用語」: the section's number as written ("1の2"), its main
  /// number and its heading. Not 第N条 / 第N章 / 第N節.
  static func titledSection(_ s: [Unicode.Scalar], _ line: Line) -> (String, Int, Range<Int>)? {
    let end = line.trimEnd
    guard line.length <= 30, s[line.trimStart] == "第", !Lines.contains(s, line.trimmed, "。") else {
      return nil
    }
    guard let (n, after, _) = Numerals.read(s, at: line.trimStart + 1, end: end) else { return nil }
    var i = after
    var number = String(n)
    if i + 1 < end, s[i] == "の", let (sub, next, _) = Numerals.read(s, at: i + 1, end: end) {
      number += "の\(sub)"
      i = next
    }
    guard i < end, Lines.isSpace(s[i]) else { return nil }
    let start = Lines.skipSpaces(s, i, end)
    guard start < end else { return nil }
    return (number, n, start..<end)
  }

  /// How many lines are such sections, numbered on from 1 (a table of contents counts too).
  static func titledSectionCount(_ s: [Unicode.Scalar]) -> Int {
    var expected = 1
    for line in Lines.split(s) where !line.isBlank && s[line.trimStart] == "第" {
      if let (_, main, _) = titledSection(s, line), main == expected { expected += 1 }
    }
    return expected - 1
  }
}

private struct Builder {
  let s: [Unicode.Scalar]
  var contract = Contract()
  var lines: [Line] = []

  enum Region { case front, articles, closed, supplementary }
  var region = Region.front
  var frontLines: [Line] = []
  /// The front held the contract's closing words (「本契約の証として…」) before any article: a
  /// contract set as a cover table and signature, whose duties follow in attached documents.
  var frontClosed = false
  /// A 仕様書 opened right after such a front.
  var openedAfterCover = false
  var article: Article?
  var chapter: String?
  /// A line such as "（目的）" waiting to become the heading of the next article.
  var pendingHeading: (text: String, range: Range<Int>, line: Line)?
  var sawNumberStyle = false
  var sawParagraphStyle = false
  /// The heading of the subsection whose paragraph waits for its first line of text (「3.3 本院が講ずべき
  /// 対策の取決め」).
  var subheading: Range<Int>?
  /// Sections numbered 1. / 1.1 instead of 第N条: "5. 再委託" opens article 5, "5.2 …" is its
  /// second paragraph.
  var sectionMode = false
  /// In section mode, 「第N章」 opens section N (a 仕様書 whose chapters hold N.M lines).
  var chaptersAreSections = false
  /// 「第1　総則」「第1の2　用語」: sections numbered 第N without 条 (a 仕様書's style).
  var titledSections = false

  /// The part of the document being read: nil for the contract, 「別紙2」 or 「覚書」 after it.
  var part: String?
  var nonBlankLines = 0
  /// The open article is a section of an annex numbered 1. / 1.1 (「別紙　業務要求水準書」 after a
  /// contract of 第N条): its N.M lines are its paragraphs, as in section mode.
  var annexSectionMode = false
  /// The annex being read numbers subsections (「5.1」「5.2」): only such an annex (a 仕様書 or 要求
  /// 水準書 set after the contract) is read as sections; a list of 「1　委託者が提供するもの」 entries
  /// stays one text.
  var annexHasSubsections = false
  /// The annex being read is a 仕様書 numbered 第1 / 1 / (1) (three or more 「第N　見出し」 lines from
  /// 第1): its 第N lines are its sections, its 「1　目的」 lines their paragraphs.
  var annexTitled = false
  /// Where `run` is in `lines` (an annex heading looks ahead for subsections).
  var lineIndex = 0
  /// The start of the article whose paragraphs are numbered 一, 二 … (its text opened with 「一　」):
  /// there 「二　前項の具体案をもとに…」 is a paragraph, not the second item of an empty first one.
  var kanjiParagraphsIn: Int?

  init(s: [Unicode.Scalar]) { self.s = s }

  mutating func run() {
    lines = Lines.split(s)
    for (k, line) in lines.enumerated() where !line.isBlank {
      lineIndex = k
      handle(line)
    }
    flushPendingHeading()
    closeArticle()
    if case .supplementary = region, let start = contract.supplementary?.lowerBound {
      contract.supplementary = start..<(lines.last(where: { !$0.isBlank })?.trimEnd ?? start)
    }
    finishFront()
  }

  /// `line` is never blank, so the checks below read its first scalar without a bounds test.
  mutating func handle(_ line: Line) {
    nonBlankLines += 1
    if region == .supplementary {
      // An annex or 覚書 after the 附則 is read as after the articles.
      guard annexHeading(line) != nil || (nonBlankLines > 5 && partTitle(line) != nil) else {
        supplementaryLine(line)
        return
      }
      closeArticle()
      region = .closed
    }
    // An amending 覚書, special terms (特約) or an individual contract under a master agreement
    // (個別契約) after the contract numbers its own articles from 第1条. A second 覚書 is 「覚書2」, so
    // that its 第1条 is told from the first one's.
    if nonBlankLines > 5, let title = partTitle(line) {
      flushPendingHeading()
      closeArticle()
      let earlier = Set(contract.annexSections.map(\.label).filter { $0.hasPrefix(title) }).count
      let label = title == "覚書" && earlier > 0 ? "覚書\(earlier + 1)" : title
      part = label
      region = .closed
      annexSectionMode = false
      annexHasSubsections = false
      annexTitled = false
      contract.annexSections.append(AnnexSection(label: label, range: line.trimStart..<line.trimEnd))
      return
    }
    if titledSections, part == nil, let (number, main, heading) = ContractParser.titledSection(s, line),
      main == nextSection || number == "\(nextSection - 1)の2" || number == "\(nextSection - 1)の3"
    {
      flushPendingHeading()
      closeArticle()
      region = .articles
      var a = openSection(main, heading: heading, chapter: chapter, line)
      a.number = number
      article = a
      return
    }
    if chaptersAreSections, part == nil, let (n, titleRange) = chapterParts(line), n == nextSection {
      flushPendingHeading()
      closeArticle()
      region = .articles
      article = openSection(n, heading: titleRange.isEmpty ? nil : titleRange, chapter: String(n), line)
      return
    }
    if let a = annexChapterArticle(line) ?? annexTitledSection(line) {
      openAnnexSection(a)
      return
    }
    if let header = chapterHeader(line) {
      flushPendingHeading()
      closeArticle()
      contract.chapters.append(header)
      chapter = header.number
      region = .articles
      return
    }
    if isSectionHeader(line) { return }
    if sectionMode, part == nil, let a = sectionArticle(line) {
      closeArticle()
      region = .articles
      article = a
      return
    }
    // 「原契約に次の1条を加える。（変更の事前通知）第21条 …」: in an amending part, the article an
    // article quotes is its text, not an article of the 覚書.
    if part != nil, let current = article, introducesQuotedArticle(current), startsWithArticleNumber(line) {
      flushPendingHeading()
      if var a = article.take() {
        addContent(line, to: &a)
        article = a
      }
      return
    }
    if let a = annexSection(line) {
      openAnnexSection(a)
      return
    }
    if var a = articleHeader(line) {
      closeArticle()
      annexSectionMode = false
      // Once an annex or 覚書 has begun, its articles stay in it (annexes come after the contract).
      region = .articles
      a.part = part
      article = a
      return
    }
    if isSupplementaryHeader(line) {
      flushPendingHeading()
      closeArticle()
      region = .supplementary
      contract.supplementary = line.trimStart..<line.trimEnd
      return
    }
    if let heading = standaloneHeading(line) {
      flushPendingHeading()
      pendingHeading = (heading.text, heading.range, line)
      return
    }
    flushPendingHeading()
    // 「１ 委託業務名 …」「本契約の証として…」 and the signatures, then 「…業務 仕様書」 numbered 1 / 1.1:
    // the specification is attached to a contract that has no articles of its own.
    if region == .front, frontClosed, isSpecificationTitle(line) {
      region = .closed
      openedAfterCover = true
      openPart("仕様書", line)
      return
    }
    if region == .articles || region == .closed, let label = annexHeading(line) {
      closeArticle()
      region = .closed
      openPart(label, line)
      return
    }
    if region == .articles, isPostamble(line) {
      closeArticle()
      region = .closed
      return
    }
    if var a = article.take() {
      // Moved out, so adding the line does not copy the article's paragraphs.
      addContent(line, to: &a)
      article = a
    } else if region == .front {
      frontLines.append(line)
      if isPostamble(line) { frontClosed = true }
    } else if region == .closed, var last = contract.annexSections.last {
      if let a = contract.articles.last, a.range.lowerBound >= last.range.upperBound {
        // Text after the part's own articles (a closing line, a signature block): a piece of its
        // own, so that the part's text outside its articles never spans the articles themselves.
        contract.annexSections.append(AnnexSection(label: last.label, range: line.trimStart..<line.trimEnd))
      } else {
        last.range = last.range.lowerBound..<line.trimEnd
        contract.annexSections[contract.annexSections.count - 1] = last
      }
    }
  }

  /// An annex titled by the line opens: how it numbers its sections is read ahead.
  mutating func openPart(_ label: String, _ line: Line) {
    part = label
    annexSectionMode = false
    (annexHasSubsections, annexTitled) = numberingAhead()
    contract.annexSections.append(AnnexSection(label: label, range: line.trimStart..<line.trimEnd))
  }

  /// An annex's section (「1. 目的」, or its 第N章 where it has no 第N条) becomes the open article.
  mutating func openAnnexSection(_ a: Article) {
    flushPendingHeading()
    closeArticle()
    region = .articles
    annexSectionMode = true
    article = a
  }

  /// A held "（見出し）" line that no article followed is ordinary text after all.
  mutating func flushPendingHeading() {
    guard let pending = pendingHeading else { return }
    pendingHeading = nil
    if var a = article.take() {
      addContent(pending.line, to: &a)
      article = a
    } else if region == .front {
      frontLines.append(pending.line)
    }
  }

  mutating func closeArticle() {
    // Moved out rather than copied: no retain and release of every field.
    guard var a = article.take() else { return }
    keepSubheadingText(&a)
    if let last = a.paragraphs.last {
      a.range = a.range.lowerBound..<max(a.range.upperBound, last.range.upperBound)
    }
    contract.articles.append(a)
  }

  // MARK: - Content inside an article

  /// Adds a line to the article in place (no copy of its paragraphs per line).
  mutating func addContent(_ line: Line, to a: inout Article) {
    let expected = (a.paragraphs.last?.number ?? 0) + 1
    // 「第6条　料金」 over 「6.1 …」「6.2 …」 (a translated contract's style): those are its paragraphs.
    if sectionMode || annexSectionMode || a.part == nil,
      let (major, minor, textStart) = subsectionMarker(line),
      String(major) == a.number,
      minor == expected
    {
      keepSubheadingText(&a)
      // 「3.3 本院が講ずべき対策の取決め」 over its text: a heading, not the first words of the
      // paragraph's sentence (whose subject, 「受注者は、」, comes on the next line). The paragraph
      // starts with that line; a heading that no text follows stays the paragraph's text.
      let rest = textStart..<line.trimEnd
      if rest.count <= 30, !Lines.contains(s, rest, "。"), !Lines.contains(s, rest, "、") {
        a.paragraphs.append(Paragraph(number: minor, range: line.trimEnd..<line.trimEnd, items: []))
        subheading = rest
      } else {
        a.paragraphs.append(Paragraph(number: minor, range: rest, items: []))
      }
      a.range = a.range.lowerBound..<line.trimEnd
      return
    }
    // A line of plain text is what a subsection's heading waited for; a numbered one opens the next
    // paragraph and leaves the heading as the text of its own.
    if subheading != nil {
      if paragraphMarker(line) == nil && bracketNumber(line) == nil {
        subheading = nil
      } else {
        keepSubheadingText(&a)
      }
    }
    // 「９．お客さま側の運用」 followed by （１）（２）… lines and no 9.1: in a document numbered by
    // sections those lines are the section's paragraphs (「前二号」 names them).
    if sectionMode || annexSectionMode, let n = bracketNumber(line), n == expected,
      a.paragraphs.last.map({ s[$0.range.lowerBound] == "（" || s[$0.range.lowerBound] == "(" }) ?? true
    {
      a.paragraphs.append(Paragraph(number: n, range: line.trimStart..<line.trimEnd, items: []))
      a.range = a.range.lowerBound..<line.trimEnd
      return
    }
    if let (n, textStart) = kanjiParagraph(line), n == expected,
      a.paragraphs.isEmpty || kanjiParagraphsIn == a.range.lowerBound
    {
      kanjiParagraphsIn = a.range.lowerBound
      a.paragraphs.append(Paragraph(number: n, range: textStart..<line.trimEnd, items: []))
      a.range = a.range.lowerBound..<line.trimEnd
      return
    }
    if let (number, textStart, style) = paragraphMarker(line), number == expected,
      number > 1 || a.paragraphs.isEmpty
    {
      if !sawParagraphStyle {
        contract.paragraphNumberStyle = style
        var d = line.trimStart
        while d < textStart, Numerals.digitValue(s[d]) != nil { d += 1 }
        let mark = d < line.trimEnd ? s[d] : "　"
        contract.paragraphNumberSuffix =
          mark == "．" ? "．" : mark == "." ? ". " : (mark == " " ? " " : "　")
        sawParagraphStyle = true
      }
      a.paragraphs.append(Paragraph(number: number, range: textStart..<line.trimEnd, items: []))
      a.range = a.range.lowerBound..<line.trimEnd
      return
    }
    if a.paragraphs.isEmpty {
      a.paragraphs.append(Paragraph(number: 1, range: line.trimStart..<line.trimStart, items: []))
    }
    var p = a.paragraphs.removeLast()
    if let label = itemMarker(line) {
      p.items.append(Item(label: label, range: line.trimStart..<line.trimEnd))
    } else if var item = p.items.popLast() {
      item.range = item.range.lowerBound..<line.trimEnd
      p.items.append(item)
    }
    p.range = (p.range.isEmpty ? line.trimStart : p.range.lowerBound)..<line.trimEnd
    a.paragraphs.append(p)
    a.range = a.range.lowerBound..<line.trimEnd
  }

  /// A subsection's heading line whose paragraph got no text after it (the next line opened another
  /// paragraph, or the section ended): the heading is that paragraph's text after all.
  mutating func keepSubheadingText(_ a: inout Article) {
    guard let h = subheading else { return }
    if let k = a.paragraphs.indices.last, a.paragraphs[k].range.isEmpty { a.paragraphs[k].range = h }
    subheading = nil
  }

  /// 「（１）」「(2)」 at the start of a line: the number.
  func bracketNumber(_ line: Line) -> Int? {
    let a = line.trimStart
    guard a < line.trimEnd, s[a] == "（" || s[a] == "(" else { return nil }
    var j = a + 1
    var n = 0
    while j < line.trimEnd, j - a <= 3, let d = Numerals.digitValue(s[j]) {
      n = n * 10 + d
      j += 1
    }
    guard j > a + 1, j < line.trimEnd, s[j] == "）" || s[j] == ")" else { return nil }
    return n
  }

  /// "2　", "２．", "2. " at the start of a line: (number, start of text, style).
  func paragraphMarker(_ line: Line) -> (Int, Int, NumberStyle)? {
    var i = line.trimStart
    var n = 0
    var fullWidth = false
    // At most four digits are read: a paragraph number is short, and 20 digits would overflow Int.
    while i < line.trimEnd, i - line.trimStart < 4, let d = Numerals.digitValue(s[i]) {
      if s[i].value >= 0xFF10 { fullWidth = true }
      n = n * 10 + d
      i += 1
    }
    guard i > line.trimStart, i - line.trimStart <= 3, i < line.trimEnd else { return nil }
    let c = s[i]
    if Lines.isSpace(c) {
      return (n, Lines.skipSpaces(s, i, line.trimEnd), fullWidth ? .fullWidth : .arabic)
    }
    if c == "．" || c == "." {
      // "2.5%" is a number, not a marker.
      if i + 1 < line.trimEnd, Numerals.digitValue(s[i + 1]) != nil { return nil }
      return (n, Lines.skipSpaces(s, i + 1, line.trimEnd), fullWidth ? .fullWidth : .arabic)
    }
    return nil
  }

  /// 「一　」「十二　」 opening a line of text: the numeral's value and where the text starts.
  func kanjiParagraph(_ line: Line) -> (Int, Int)? {
    let a = line.trimStart
    var j = a
    while j < line.trimEnd, j - a < 3, Numerals.isKanjiNumeral(s[j]) { j += 1 }
    guard j > a, j < line.trimEnd, Lines.isSpace(s[j]),
      let (n, next, _) = Numerals.read(s, at: a, end: j), next == j
    else { return nil }
    let start = Lines.skipSpaces(s, j, line.trimEnd)
    return start < line.trimEnd ? (n, start) : nil
  }

  /// "(1)", "（１）", "⑴", "①", "一　", "ア　", "(ア)", "1)" at the start of a line.
  func itemMarker(_ line: Line) -> String? {
    let a = line.trimStart
    let end = line.trimEnd
    let c = s[a]
    if (0x2460...0x2473).contains(c.value) || (0x2474...0x2487).contains(c.value)
      || (0x3220...0x3229).contains(c.value)
    {
      return String(c)
    }
    if c == "(" || c == "（" {
      var j = a + 1
      while j < end, j - a <= 4, s[j] != ")", s[j] != "）" { j += 1 }
      guard j < end, j - a >= 2, j - a <= 4 else { return nil }
      let inner = s[(a + 1)..<j]
      let ok = inner.allSatisfy {
        Numerals.digitValue($0) != nil || Numerals.isKanjiNumeral($0)
          || (0x30A2...0x30F3).contains($0.value) || (0x61...0x7A).contains($0.value)
          || (0xFF41...0xFF5A).contains($0.value)
      }
      return ok ? Lines.string(s, a..<(j + 1)) : nil
    }
    // Kanji numeral or katakana followed by a space or "．".
    var j = a
    while j < end, Numerals.isKanjiNumeral(s[j]) { j += 1 }
    if j == a, (0x30A2...0x30F3).contains(c.value) { j = a + 1 }
    if j > a, j - a <= 3, j < end, Lines.isSpace(s[j]) || s[j] == "．" || s[j] == "、" {
      return Lines.string(s, a..<j)
    }
    // "1)" / "１）"
    j = a
    while j < end, Numerals.digitValue(s[j]) != nil { j += 1 }
    if j > a, j - a <= 2, j < end, s[j] == ")" || s[j] == "）" { return Lines.string(s, a..<(j + 1)) }
    return nil
  }

  // MARK: - Structure lines

  /// Leading digits (ASCII or full-width) at `i`: (value, end). At most three digits.
  func digits(at i: Int, end: Int) -> (Int, Int)? {
    var j = i
    var n = 0
    while j < end, j - i < 3, let d = Numerals.digitValue(s[j]) {
      n = n * 10 + d
      j += 1
    }
    return j > i ? (n, j) : nil
  }

  /// 「第5章　利用者側の対策」 in an annex whose chapters hold lines of their own (「SEC-07　受託者は、…」)
  /// and no 第N条: the chapter is the annex's article N, as the contract cites it (「仕様書第5章」);
  /// otherwise its requirements would be no article's text and read by nothing.
  func annexChapterArticle(_ line: Line) -> Article? {
    guard part != nil, let (n, titleRange) = chapterParts(line) else { return nil }
    let last = article ?? contract.articles.last
    let expected = last.map { $0.part == part && $0.section ? $0.mainNumber + 1 : 1 } ?? 1
    guard n == expected else { return nil }
    for ahead in lines[(lineIndex + 1)...] where !ahead.isBlank {
      if chapterParts(ahead) != nil || annexHeading(ahead) != nil || partTitle(ahead) != nil { break }
      if startsWithArticleNumber(ahead) { return nil }
    }
    var a = newSection(n, heading: titleRange.isEmpty ? nil : titleRange, chapter: String(n), line)
    a.part = part
    return a
  }

  /// 「第1　総則」「第7の2　稼働判定」 in an annex numbered so (`annexTitled`): the annex's section N,
  /// numbered on from its last one (「第7の2」 after 第7).
  func annexTitledSection(_ line: Line) -> Article? {
    guard let part, annexTitled, let (number, main, heading) = ContractParser.titledSection(s, line) else {
      return nil
    }
    let own = article?.part == part ? article : contract.articles.last { $0.part == part }
    let last = own?.mainNumber ?? 0
    guard main == last + 1 || (main == last && number != own?.number && number.hasPrefix("\(main)の")) else {
      return nil
    }
    var a = newSection(main, heading: heading, chapter: chapter, line)
    a.number = number
    a.part = part
    return a
  }

  /// How the annex whose heading was just read numbers its sections, from its lines up to the next
  /// annex (one pass over them): two or more 「N.M」 subsection lines; three or more 「第N　見出し」 lines
  /// numbered on from 第1.
  func numberingAhead() -> (subsections: Bool, titled: Bool) {
    var subsections = 0
    var expected = 1
    for line in lines[(lineIndex + 1)...] where !line.isBlank {
      if annexHeading(line) != nil || partTitle(line) != nil { break }
      if subsections < 2, subsectionMarker(line) != nil { subsections += 1 }
      if s[line.trimStart] == "第", let (_, main, _) = ContractParser.titledSection(s, line), main == expected
      {
        expected += 1
      }
      if subsections >= 2, expected > 3 { break }
    }
    return (subsections >= 2, expected > 3)
  }

  /// 「1. 目的」「5. 機構側の対策に関する協議」 in an annex after the contract's 第N条 articles: a
  /// section of that annex (「別紙:5」), numbered from 1 within it. Not when the annex numbers its own
  /// 第N条 (nor in an annex without 「N.M」 subsections: `annexHasSubsections`).
  /// An attached specification (「仕様書」) is numbered in sections even without subsections.
  mutating func annexSection(_ line: Line) -> Article? {
    // A 付属書 after terms numbered 1. / 1.1 numbers its own sections from 1 (「第B部　データ処理付属書」 over
    // 「1. 当社のセキュリティ体制」), in section mode too.
    guard let part, annexHasSubsections || part == "仕様書" || part == "付属書", !sectionMode || part == "付属書",
      !annexTitled,
      region == .closed || annexSectionMode,
      Numerals.digitValue(s[line.trimStart]) != nil
    else { return nil }
    let own = article?.part == part ? article : contract.articles.last { $0.part == part }
    if own != nil && !annexSectionMode { return nil }
    let next = (own?.mainNumber ?? 0) + 1
    guard var a = sectionArticle(line, next: next) ?? excerptSection(line, after: next - 1) else {
      return nil
    }
    a.part = part
    return a
  }

  /// 「別紙　提案書（抜粋）」 whose first line is 「3.1 当社の安全管理」: an excerpt starts inside a document's
  /// sections, so a subsection of a section not yet opened (N.M, N past the last section) opens
  /// section N, its text the heading where it is short.
  func excerptSection(_ line: Line, after last: Int) -> Article? {
    guard let (major, _, text) = subsectionMarker(line), major > last, text < line.trimEnd else {
      return nil
    }
    let short = line.trimEnd - text <= 30 && !Lines.contains(s, text..<line.trimEnd, "。")
    var a = newSection(major, heading: short ? text..<line.trimEnd : nil, chapter: chapter, line)
    if !short { a.paragraphs.append(Paragraph(number: 1, range: text..<line.trimEnd, items: [])) }
    return a
  }

  /// "5. 再委託" / "５．再委託" / "5 再委託": a short heading after the section number, numbered on
  /// from the last section (so a numbered list inside a section is not a section).
  mutating func sectionArticle(_ line: Line, next: Int? = nil) -> Article? {
    let end = line.trimEnd
    // 「＜５＞ほかの会社に作業を任せるとき」「【5】再委託」: the number in brackets of its own.
    let close = ContractParser.numberBrackets[s[line.trimStart]]
    let start = close == nil ? line.trimStart : line.trimStart + 1
    guard let (n, after) = digits(at: start, end: end), after < end else { return nil }
    guard n == (next ?? nextSection) || (next == nil && article == nil && n == 1) else { return nil }
    var i = after
    if let close {
      guard s[i] == close, i + 1 < end else { return nil }
      i += 1
    } else if s[i] == "." || s[i] == "．" || s[i] == "、" {
      i += 1
      if i < end, Numerals.digitValue(s[i]) != nil { return nil }
    } else if !Lines.isSpace(s[i]) {
      return nil
    }
    i = Lines.skipSpaces(s, i, end)
    // 「1.（適用）本条件は、…」: the heading in brackets and the text on the same line, as terms on
    // the back of an order form are often set.
    if i < end, let close = Lines.closing(s[i]), let j = s[(i + 1)..<end].firstIndex(of: close), j - i <= 21,
      j + 1 < end, Lines.contains(s, (j + 1)..<end, "。") || end - j > 30
    {
      let inner = trim((i + 1)..<j)
      guard !inner.isEmpty, !inner.allSatisfy({ Numerals.digitValue(s[$0]) != nil }) else { return nil }
      var a = openSection(n, heading: inner, chapter: chapter, line)
      a.paragraphs.append(Paragraph(number: 1, range: Lines.skipSpaces(s, j + 1, end)..<end, items: []))
      return a
    }
    guard i < end, end - i <= 30, !Lines.contains(s, i..<end, "。") else { return nil }
    var headingRange = i..<end
    if let close = Lines.closing(s[i]), s[end - 1] == close { headingRange = trim((i + 1)..<(end - 1)) }
    return openSection(n, heading: headingRange, chapter: chapter, line)
  }

  /// The number the next section must have: one after the open one, or after the last closed.
  var nextSection: Int {
    (article?.mainNumber ?? contract.articles.last?.mainNumber ?? 0) + 1
  }

  /// Section N opened by its heading line (「5. 再委託」, or 「第3章　情報セキュリティ」 when chapters are
  /// the sections); sections are numbered in Arabic digits.
  mutating func openSection(_ n: Int, heading: Range<Int>?, chapter: String?, _ line: Line) -> Article {
    if !sawNumberStyle {
      contract.numberStyle = .arabic
      sawNumberStyle = true
    }
    return newSection(n, heading: heading, chapter: chapter, line)
  }

  /// Section N headed by `line`, as an article numbered in Arabic digits.
  func newSection(_ n: Int, heading: Range<Int>?, chapter: String?, _ line: Line) -> Article {
    var a = Article(
      number: String(n), heading: heading.map { Lines.string(s, $0) }, headingRange: heading,
      chapter: chapter,
      range: line.trimStart..<line.trimEnd, paragraphs: [])
    a.section = true
    return a
  }

  /// "5.2 本文…" / "５．２　本文…": (5, 2, start of text).
  func subsectionMarker(_ line: Line) -> (Int, Int, Int)? {
    let end = line.trimEnd
    guard let (major, a) = digits(at: line.trimStart, end: end), a < end, s[a] == "." || s[a] == "．",
      let (minor, b) = digits(at: a + 1, end: end)
    else { return nil }
    var i = b
    if i < end, s[i] == "." || s[i] == "．" { i += 1 }
    guard i < end, Lines.isSpace(s[i]) || !(s[i] == "." || s[i] == "．") else { return nil }
    return (major, minor, Lines.skipSpaces(s, i, end))
  }

  /// The article's text so far ends by introducing a quoted article: 「次の1条を加える。」
  /// 「第7条を次のとおり改める。」.
  func introducesQuotedArticle(_ a: Article) -> Bool {
    let end = a.paragraphs.last?.range.upperBound ?? a.range.upperBound
    var e = end
    while e > a.range.lowerBound, Lines.isSpace(s[e - 1]) || Lines.isBreak(s[e - 1]) { e -= 1 }
    // 「…次の条文に置き換える。\n「（損害賠償）」: the quoted article's heading line, read as text
    // of this one, opens the quote.
    if let lineStart = s[a.range.lowerBound..<e].lastIndex(where: Lines.isBreak) {
      let first = Lines.skipSpaces(s, lineStart + 1, e)
      if first < e, s[first] == "「", !s[first..<e].contains("。") {
        e = lineStart
        while e > a.range.lowerBound, Lines.isSpace(s[e - 1]) || Lines.isBreak(s[e - 1]) { e -= 1 }
      }
    }
    let from = max(a.range.lowerBound, e - 24)
    let tail = Lines.string(s, from..<e)
    guard tail.hasSuffix("。"), tail.contains("次の") else { return false }
    return ["加える。", "改める。", "変更する。", "追加する。", "置き換える。"].contains { tail.hasSuffix($0) }
  }

  /// Marks some documents set before each article's number.
  static let headingBullets: Set<Unicode.Scalar> = ["■", "□", "◆", "◇", "●", "○", "◎", "▼", "▲", "▶", "►"]

  /// 「第21条」 (or 第二十一条) at the start of the line.
  func startsWithArticleNumber(_ line: Line) -> Bool { articleNumber(line) != nil }

  /// The number of a line's leading 「第N条」 and the position after 「条」.
  func articleNumber(_ line: Line) -> (value: Int, afterJou: Int, style: NumberStyle, sub: String)? {
    let end = line.trimEnd
    // 「【第1条　目的】」: the number and heading inside one pair of brackets; 「■第1条　目的」: a
    // bullet before the number.
    // 「（第1条　委託業務）」: the same inside round brackets that close the line.
    var start =
      (enclosingBracket(line) != nil || opensWithBracketedNumber(line)) && line.trimStart + 1 < end
      ? line.trimStart + 1 : line.trimStart
    if Self.headingBullets.contains(s[start]), start + 1 < end { start = Lines.skipSpaces(s, start + 1, end) }
    // 「特約第5条（免責の適用）」: inside a part, its articles may carry the part's name.
    if let part, Lines.hasPrefix(s, start, end, part) {
      let after = start + part.unicodeScalars.count
      if after < end, s[after] == "第" { start = after }
    }
    // 「条項1（目的）」: a translated template's numbering, the number after 条項 and a heading in
    // brackets or after a space next.
    if Lines.hasPrefix(s, start, end, "条項"),
      let (n, after, style) = Numerals.read(s, at: start + 2, end: end),
      after < end, Lines.isSpace(s[after]) || Lines.closing(s[after]) != nil
    {
      return (n, after, style, "")
    }
    // 「Section 7　再委託」「Article 7（Subcontracting／再委託）」: a translated contract numbered in English
    // words, on a heading line of its own (no 。, not long), the number then a space or a bracket.
    if let word = ContractParser.englishArticleWords.first(where: { Lines.hasPrefix(s, start, end, $0) }),
      end - start <= ContractParser.englishHeadingLength, !Lines.contains(s, start..<end, "。")
    {
      let at = start + word.unicodeScalars.count
      guard at < end, Lines.isSpace(s[at]),
        let (n, after, style) = Numerals.read(s, at: Lines.skipSpaces(s, at, end), end: end),
        after == end || Lines.isSpace(s[after]) || Lines.closing(s[after]) != nil
      else { return nil }
      return (n, after, style, "")
    }
    // 「1条　定義」: some terms leave out 第; the number must then be followed by 条 and a space or
    // a bracket (checked below and in articleHeader), so 「2条の規定により」 stays text.
    let bare = s[start] != "第"
    guard !bare || ("0"..."9").contains(s[start]) || ("０"..."９").contains(s[start]) else { return nil }
    let i = bare ? start : Lines.skipSpaces(s, start + 1, end)
    guard let (main, afterMain, style) = Numerals.read(s, at: i, end: end) else { return nil }
    var j = Lines.skipSpaces(s, afterMain, end)
    // 「第9の2条」, a form some offices use for 第9条の2.
    var sub = ""
    if j + 1 < end, s[j] == "の", let (n, after, _) = Numerals.read(s, at: j + 1, end: end), after < end,
      s[after] == "条"
    {
      sub = "の\(n)"
      j = after
    }
    guard j < end, s[j] == "条" else { return nil }
    if bare, j + 1 < end, !Lines.isSpace(s[j + 1]), Lines.closing(s[j + 1]) == nil { return nil }
    return (main, j + 1, style, sub)
  }

  /// 「（第1条）保守の対象」: a line that opens with the number alone in round brackets.
  func opensWithBracketedNumber(_ line: Line) -> Bool {
    let c = s[line.trimStart]
    guard c == "（" || c == "(", line.trimStart + 1 < line.trimEnd, s[line.trimStart + 1] == "第",
      let close = Lines.closing(c)
    else { return false }
    guard let j = s[line.trimStart..<line.trimEnd].firstIndex(of: close) else { return false }
    return j > line.trimStart + 2 && s[j - 1] == "条" || (j > line.trimStart + 4 && s[j - 2] == "の")
  }

  /// "第12条", "第十二条の二", "第１２条（目的）本文…".
  /// The closing bracket of a line that opens with 【 (「【第1条　目的】」「【第6条】見出し」) or is
  /// wholly inside round brackets (「（第1条　委託業務）」), if it is such a line.
  func enclosingBracket(_ line: Line) -> Unicode.Scalar? {
    let c = s[line.trimStart]
    if c == "【" { return "】" }
    guard c == "（" || c == "(", line.length <= 40, let close = Lines.closing(c), s[line.trimEnd - 1] == close,
      !Lines.contains(s, line.trimmed, "。")
    else { return nil }
    return close
  }

  mutating func articleHeader(_ line: Line) -> Article? {
    let end = line.trimEnd
    guard let (main, afterJou, style, sub) = articleNumber(line) else { return nil }
    var i = afterJou
    var number = String(main) + sub
    // "の2" (inserted article), possibly repeated ("の2の3").
    while i + 1 < end, s[i] == "の", let (sub, afterSub, _) = Numerals.read(s, at: i + 1, end: end) {
      number += "の\(sub)"
      i = afterSub
    }
    var closedNumber = false
    // 「【第6条】契約者側の対策」「（第1条）保守の対象」: the number alone in the brackets, the
    // heading after them.
    if i < end, Lines.closing(s[line.trimStart]) == s[i],
      s[line.trimStart] == "【" || opensWithBracketedNumber(line)
    {
      i += 1
      closedNumber = true
      if i == end || Lines.contains(s, i..<end, "。") { return nil }
    }
    // What follows the number must be a space, a bracket or the end of the line; otherwise this is
    // a sentence that starts with a reference ("第5条の規定により…").
    let enclosing = enclosingBracket(line)
    if i < end, !Lines.isSpace(s[i]), Lines.closing(s[i]) == nil, !closedNumber,
      !(enclosing != nil && enclosing != "】" && i == end - 1)
    {
      return nil
    }
    if !sawNumberStyle {
      contract.numberStyle = style
      sawNumberStyle = true
    }
    i = Lines.skipSpaces(s, i, end)
    var heading: String?
    var headingRange: Range<Int>?
    var bodyStart = i
    if i < end, let close = Lines.closing(s[i]), let j = s[(i + 1)..<end].firstIndex(of: close) {
      let inner = trim((i + 1)..<j)
      heading = Lines.string(s, inner)
      headingRange = inner
      bodyStart = Lines.skipSpaces(s, j + 1, end)
    } else if i < end, end - i <= 20, !Lines.contains(s, i..<end, "。"), !Lines.contains(s, i..<end, "、") {
      let inner = s[end - 1] == "】" || s[end - 1] == enclosing ? trim(i..<(end - 1)) : i..<end
      heading = Lines.string(s, inner)
      headingRange = inner
      bodyStart = end
    }
    if heading == nil, let pending = pendingHeading {
      heading = pending.text
      headingRange = pending.range
    }
    let start =
      (heading != nil && pendingHeading != nil && headingRange == pendingHeading?.range)
      ? pendingHeading!.line.trimStart : line.trimStart
    pendingHeading = nil
    var paragraphs: [Paragraph] = []
    // Most articles have a few paragraphs: one allocation rather than one per growth.
    paragraphs.reserveCapacity(4)
    if bodyStart < end {
      paragraphs.append(Paragraph(number: 1, range: bodyStart..<end, items: []))
    }
    return Article(
      number: number, heading: heading, headingRange: headingRange, chapter: chapter,
      range: start..<line.trimEnd, paragraphs: paragraphs)
  }

  func chapterHeader(_ line: Line) -> Chapter? {
    chapterParts(line).map { n, titleRange in
      Chapter(
        number: String(n), title: titleRange.isEmpty ? nil : Lines.string(s, titleRange),
        range: line.trimStart..<line.trimEnd)
    }
  }

  /// 「第3章　情報セキュリティ」: the chapter's number and the range of its title.
  func chapterParts(_ line: Line) -> (Int, Range<Int>)? {
    let end = line.trimEnd
    guard s[line.trimStart] == "第" else { return nil }
    let i = Lines.skipSpaces(s, line.trimStart + 1, end)
    guard let (n, after, _) = Numerals.read(s, at: i, end: end) else { return nil }
    let j = Lines.skipSpaces(s, after, end)
    guard j < end, s[j] == "章" else { return nil }
    var titleRange = trim((j + 1)..<end)
    if let first = titleRange.first, let close = Lines.closing(s[first]),
      s[titleRange.upperBound - 1] == close
    {
      titleRange = trim((titleRange.lowerBound + 1)..<(titleRange.upperBound - 1))
    }
    return (n, titleRange)
  }

  func isSectionHeader(_ line: Line) -> Bool {
    let end = line.trimEnd
    guard s[line.trimStart] == "第" else { return false }
    let i = Lines.skipSpaces(s, line.trimStart + 1, end)
    guard let (_, after, _) = Numerals.read(s, at: i, end: end) else { return false }
    let j = Lines.skipSpaces(s, after, end)
    return j < end && (s[j] == "節" || s[j] == "款") && end - line.trimStart <= 30
  }

  /// A line of the 附則: 「2 第5条に次の1項を加える。」 opens its paragraph 2 as the article 「附則:2」, so
  /// that what it adds or changes is read; a line numbered otherwise (the paragraph it quotes) is its
  /// text. 附則 written in 第N条 articles keeps them.
  mutating func supplementaryLine(_ line: Line) {
    let last = article.flatMap { Int($0.number) } ?? 0
    if var a = articleHeader(line) {
      closeArticle()
      a.part = Self.supplementaryPart
      a.chapter = nil
      article = a
      return
    }
    if let (n, after) = digits(at: line.trimStart, end: line.trimEnd), n == last + 1, after < line.trimEnd,
      Lines.isSpace(s[after])
    {
      closeArticle()
      let text = Lines.skipSpaces(s, after, line.trimEnd)
      var a = Article(
        number: String(n), heading: nil, headingRange: nil, chapter: nil,
        range: line.trimStart..<line.trimEnd,
        paragraphs: [Paragraph(number: 1, range: text..<line.trimEnd, items: [])])
      a.part = Self.supplementaryPart
      article = a
      return
    }
    if var a = article.take() {
      addContent(line, to: &a)
      article = a
    }
  }
  static let supplementaryPart = "附則"

  func isSupplementaryHeader(_ line: Line) -> Bool {
    guard s[line.trimStart] == "附" || s[line.trimStart] == "付", line.length <= 30 else { return false }
    let compact = s[line.trimmed].filter { !Lines.isSpace($0) }
    guard compact.count >= 2, compact[compact.startIndex] == "附" || compact[compact.startIndex] == "付",
      compact[compact.startIndex + 1] == "則"
    else { return false }
    return compact.count <= 20 && !compact.contains("。")
  }

  /// "（目的）" alone on a line.
  func standaloneHeading(_ line: Line) -> (text: String, range: Range<Int>)? {
    guard line.length <= 30, let close = Lines.closing(s[line.trimStart]), s[line.trimEnd - 1] == close
    else { return nil }
    let inner = trim((line.trimStart + 1)..<(line.trimEnd - 1))
    guard !inner.isEmpty, !s[inner].contains(close), !Lines.contains(s, inner, "。") else { return nil }
    // "(1)" is an item marker, not a heading.
    if s[inner].allSatisfy({ Numerals.digitValue($0) != nil || Numerals.kanjiDigit($0) != nil }) {
      return nil
    }
    if Lines.contains(s, inner, "別紙") || Lines.contains(s, inner, "別表") { return nil }
    return (Lines.string(s, inner), inner)
  }

  /// "別表1（保守対象機器）", "（別紙）", "別紙2　…", "別記2　…" as a heading line after the articles.
  func annexHeading(_ line: Line) -> String? {
    var i = line.trimStart
    // A table of contents may list 「特記事項」 before any article.
    if isSpecialTermsTitle(line), article != nil || !contract.articles.isEmpty { return "特記事項" }
    if let _ = Lines.closing(s[i]) { i += 1 }
    // 「添付　Xサービス仕様書（抜粋）」: a specification attached after the articles, which the contract
    // cites as 「仕様書第3章」.
    // 「別添　導入仕様書（参考資料）」 likewise.
    if i + 1 < line.trimEnd, s[i] == "添" && s[i + 1] == "付" || s[i] == "別" && s[i + 1] == "添",
      line.length <= 40, Lines.contains(s, line.trimmed, "仕様書"), !Lines.contains(s, line.trimmed, "。"),
      !Lines.contains(s, line.trimmed, "、")
    {
      return "仕様書"
    }
    // 「技術仕様書（受注者提案）」 alone on a line after the articles: the title of an attached
    // specification.
    if !contract.articles.isEmpty, isSpecificationTitle(line) { return "仕様書" }
    // 「データ処理付属書（DPA）」「セキュリティ付属書」「第B部　データ処理付属書」 after translated terms.
    if article != nil || !contract.articles.isEmpty,
      isBareTitle(afterDivision(line) ?? line, word: Self.schedule, maxLength: 30)
    {
      return "付属書"
    }
    guard i + 1 < line.trimEnd, s[i] == "別", s[i + 1] == "表" || s[i + 1] == "紙" || s[i + 1] == "記",
      line.length <= 40, !Lines.contains(s, line.trimmed, "。"), !Lines.contains(s, line.trimmed, "に定める")
    else { return nil }
    return AnnexScanner.label(in: s, at: i, end: line.trimEnd)?.label
  }

  static let specification = Array("仕様書".unicodeScalars)
  static let schedule = Array("付属書".unicodeScalars)

  /// A short line that is a specification's name and nothing more but a bracketed subtitle
  /// (「技術仕様書」「導入仕様書（参考資料）」).
  func isSpecificationTitle(_ line: Line) -> Bool {
    isBareTitle(line, word: Self.specification, maxLength: 30)
  }

  /// 「特記事項」「特記事項（安全管理）」「情報セキュリティ特記事項」 as a title line after the articles:
  /// special terms that number their own articles from 第1条 (「特記事項第2条」). 「特記事項：なし」
  /// on an order form is an entry, not a title.
  static let specialTerms = Array("特記事項".unicodeScalars)

  func isSpecialTermsTitle(_ line: Line) -> Bool {
    isBareTitle(line, word: Self.specialTerms, maxLength: 40)
  }

  /// A title line holding the word with nothing after it but a bracketed subtitle, and no 。、：.
  func isBareTitle(_ line: Line, word: [Unicode.Scalar], maxLength: Int) -> Bool {
    // Read for every line after the articles: the scalar test first, the string only for a candidate.
    guard line.length <= maxLength, s[line.trimStart] != "第", Lines.contains(s, line.trimmed, word) else {
      return false
    }
    let text = Lines.string(s, line.trimmed).filter { $0 != " " && $0 != "\u{3000}" }
    guard !text.contains("。"), !text.contains("、"), !text.contains("："), !text.contains(":"),
      let r = text.range(of: String(String.UnicodeScalarView(word)))
    else { return false }
    // Nothing after the words but a bracketed subtitle.
    let rest = text[r.upperBound...]
    return rest.isEmpty || (rest.first.map { "（(【〔".contains($0) } ?? false)
  }

  /// The part a title line opens: 「覚書」 (「覚　書」「変更覚書」「〇〇契約に関する覚書」), 「特約」
  /// (「特　約　書」「特約条項」) or 「個別契約」 (「個別契約書」), each numbering its own articles.
  func partTitle(_ line: Line) -> String? {
    // 「第C部　日本向け特約」: a document in parts names each part's kind after its number.
    if let rest = afterDivision(line) { return partTitle(rest) }
    guard line.length <= 40, s[line.trimStart] != "第", !Lines.contains(s, line.trimmed, "。"),
      !Lines.contains(s, line.trimmed, "、")
    else { return nil }
    // 「覚　書」: titles are often spaced out.
    var text = Lines.string(s, line.trimmed).filter { $0 != " " && $0 != "\u{3000}" }
    // 「覚書（本契約の変更）」: the title before a bracketed subtitle.
    if let open = text.firstIndex(where: { $0 == "（" || $0 == "(" }), text.last == "）" || text.last == ")" {
      text = String(text[..<open])
    }
    if text.hasSuffix("覚書") || text.hasSuffix("覚え書き") || text.hasSuffix("合意書") && text.contains("変更") {
      return "覚書"
    }
    // 「特約条項」 alone on its line is the title of special terms (the 条 check below would refuse it).
    if text.hasSuffix("特約条項"), text.count <= 12 { return "特約" }
    // 「補足条項（日本の医療機関向け）」 after translated terms: the distributor's own articles.
    if text.hasSuffix("補足条項"), text.count <= 12 { return "補足条項" }
    // 「第5条の特約」 in a line of text is no title.
    guard !Lines.contains(s, line.trimmed, "条") else { return nil }
    if ["特約", "特約書"].contains(where: text.hasSuffix) { return "特約" }
    if ["個別契約", "個別契約書"].contains(where: text.hasSuffix) { return "個別契約" }
    // 「個別合意書」 after 利用規約 (one hospital's agreement that sets some of the terms aside), 「更新合意書」:
    // a short title is the part's name as its readers cite it.
    if text.hasSuffix("合意書") { return text.count <= 6 ? text : "合意書" }
    // 「…保守業務委託契約の変更契約書」 after the contract: an amending agreement of its own.
    if ["変更契約", "変更契約書"].contains(where: text.hasSuffix) { return "変更契約" }
    return nil
  }

  /// 「第B部　データ処理付属書」「第２部　特約」: the title after a part's number, or nil where the line
  /// is no such division.
  func afterDivision(_ line: Line) -> Line? {
    let end = line.trimEnd
    guard line.length >= 5, s[line.trimStart] == "第" else { return nil }
    var i = line.trimStart + 1
    if let (_, after, _) = Numerals.read(s, at: i, end: end) {
      i = after
    } else if Self.isLatinCapital(s[i]) {
      // 「第A部」「第II部」「第Ⅲ部」: a letter or a Roman numeral of up to four letters.
      while i < end, i - line.trimStart <= 4, Self.isLatinCapital(s[i]) { i += 1 }
    } else {
      return nil
    }
    guard i < end, s[i] == "部" else { return nil }
    let rest = Lines.skipSpaces(s, i + 1, end)
    guard rest > i + 1, rest < end else { return nil }
    var title = line
    title.trimStart = rest
    return title
  }

  static func isLatinCapital(_ c: Unicode.Scalar) -> Bool {
    ("A"..."Z").contains(c) || ("Ａ"..."Ｚ").contains(c) || ("\u{2160}"..."\u{216F}").contains(c)
  }

  func isPostamble(_ line: Line) -> Bool {
    let r = line.trimmed
    if line.length <= 3, Lines.string(s, r).filter({ !$0.isWhitespace }) == "以上" { return true }
    guard Lines.next("証", in: s, from: r.lowerBound, to: r.upperBound) < r.upperBound else { return false }
    return Self.postambleMarkers.contains { Lines.contains(s, r, $0) }
  }

  static let postambleMarkers = ["証として", "証するため"].map { Array($0.unicodeScalars) }

  func trim(_ r: Range<Int>) -> Range<Int> {
    var a = r.lowerBound
    var b = r.upperBound
    while a < b, Lines.isSpace(s[a]) { a += 1 }
    while b > a, Lines.isSpace(s[b - 1]) { b -= 1 }
    return a..<b
  }

  // MARK: - Title and preamble

  mutating func finishFront() {
    guard let first = frontLines.first else { return }
    var rest = frontLines[...]
    let text = Lines.string(s, first.trimmed)
    let titleWords = ["契約", "規約", "約款", "覚書", "合意書", "協定", "仕様書", "条件", "申込"]
    if first.length <= 60, !text.hasSuffix("。"),
      titleWords.contains(where: text.containsText) || first.length <= 30
    {
      contract.title = text.filter { !$0.isWhitespace }
      contract.titleRange = first.trimmed
      rest = rest.dropFirst()
    }
    if let a = rest.first, let b = rest.last {
      contract.preamble = a.trimStart..<b.trimEnd
    }
  }
}
