/// The document cut into the units elements are judged on, in the matching view's offsets:
/// sentences (split at 。 and at item markers), paragraphs and articles. Text outside the articles
/// (preamble, annexes without articles) counts too: a requirement met anywhere is met.
struct Clauses {
  struct Unit {
    var range: Range<Int>
    /// Index into `contract.articles`, nil outside any article.
    var article: Int?
    /// Index into `paragraphs` of the paragraph holding the unit.
    var paragraph: Int
    /// The unit's place among all units (sentences, paragraphs, articles, joined sentences), for
    /// what is worked out once per unit (`unitCount` of them); set when the units are complete.
    var id = -1
  }

  /// How many ids `Unit.id` spans.
  var unitCount = 0

  var sentences: [Unit] = []
  var paragraphs: [Unit] = []
  var articles: [Unit] = []
  /// Source range of each paragraph (for evidence and replacement).
  var paragraphSource: [Range<Int>] = []
  /// For a paragraph of text outside the articles, the paragraphs of its preamble or annex: what an
  /// article's paragraphs are to one of them.
  var outsideBlock: [Int: Range<Int>] = [:]

  /// The paragraphs a paragraph stands among: its article's, or its preamble's or annex's.
  func paragraphsBeside(_ p: Int, article: Int?) -> [Int]? {
    article.map { paragraphsOf[$0, default: []] } ?? outsideBlock[p].map(Array.init)
  }
  /// For each article, its paragraphs and its sentences (indices into the lists above).
  var paragraphsOf: [Int: [Int]] = [:]
  var sentencesOf: [Int: [Int]] = [:]
  /// For each paragraph, the range of indices into `sentences` of its sentences (they are
  /// appended paragraph by paragraph, in text order).
  var sentencesOfParagraph: [Range<Int>] = []
  /// For each paragraph, how many numbered items (号) it lists.
  var itemCounts: [Int] = []

  static let maru: UInt32 = 0x3002  // 。
  static let dai: UInt32 = Normalizer.fold("第")[0]
  /// A proviso belongs to the sentence it qualifies: 「…再委託してはならない。ただし、甲の事前の承諾を
  /// 得た場合は、この限りでない。」 is one statement about consent.
  static let provisos = ["ただし", "但し", "但"].map { Normalizer.fold($0) }

  func startsWithProviso(_ r: Range<Int>, _ chars: [UInt32]) -> Bool {
    Self.starts(r, with: Self.provisos, chars)
  }

  /// The range opens, after blanks, with one of the words.
  static func starts(_ r: Range<Int>, with words: [[UInt32]], _ chars: [UInt32]) -> Bool {
    var i = r.lowerBound
    while i < r.upperBound, chars[i] == 0x20 || chars[i] == 0x3000 || chars[i] == 0x0A { i += 1 }
    return words.contains { w in i + w.count <= r.upperBound && chars[i..<(i + w.count)].elementsEqual(w) }
  }

  /// Appends a sentence, or extends the previous one of the same paragraph when this is its proviso.
  mutating func append(sentence r: Range<Int>, article: Int?, paragraph p: Int, _ chars: [UInt32]) {
    if let last = sentences.last, last.paragraph == p, last.range.upperBound == r.lowerBound,
      startsWithProviso(r, chars)
    {
      sentences[sentences.count - 1].range = last.range.lowerBound..<r.upperBound
    } else {
      sentences.append(Unit(range: r, article: article, paragraph: p))
    }
  }

  init(_ contract: Contract, _ normalized: NormalizedText) {
    func norm(_ r: Range<Int>) -> Range<Int> { normalized.range(ofSource: r) }
    for (k, a) in contract.articles.enumerated() {
      articles.append(Unit(range: norm(a.range), article: k, paragraph: paragraphs.count))
      for p in a.paragraphs {
        add(paragraph: p.range, items: p.items.map(\.range), article: k, normalized)
      }
    }
    for (i, p) in paragraphs.enumerated() { if let k = p.article { paragraphsOf[k, default: []].append(i) } }
    for (i, u) in sentences.enumerated() { if let k = u.article { sentencesOf[k, default: []].append(i) } }
    for r in [contract.preamble].compactMap({ $0 }) + contract.annexSections.map(\.range) {
      // Text not cut into articles: one article-level unit, cut into paragraphs where a line is
      // numbered or follows a blank one (terms numbered 1.1… before a 補足条項's 第1条, a table's
      // rows), its lines of a list, a check list or a table each a sentence of their own.
      // Text that folds to nothing holds nothing: no unit, so that every outside unit's first
      // paragraph is in its own block (`outsideBlock[unit.paragraph]`).
      guard !norm(r).isEmpty else { continue }
      let lines = contract.outsideLines.filter { r.lowerBound < $0.start && $0.start < r.upperBound }
      let starts = lines.map(\.start)
      articles.append(Unit(range: norm(r), article: nil, paragraph: paragraphs.count))
      var from = r.lowerBound
      for line in lines where line.opensParagraph {
        add(paragraph: from..<line.start, items: [], article: nil, normalized, breaks: starts)
        from = line.start
      }
      add(paragraph: from..<r.upperBound, items: [], article: nil, normalized, breaks: starts)
      let block = articles[articles.count - 1].paragraph..<paragraphs.count
      for p in block { outsideBlock[p] = block }
    }
    joinFollowUps(normalized.chars)
    numberUnits()
  }

  mutating func numberUnits() {
    let (ns, np, na) = (sentences.count, paragraphs.count, articles.count)
    for i in sentences.indices { sentences[i].id = i }
    for i in paragraphs.indices { paragraphs[i].id = ns + i }
    for i in articles.indices { articles[i].id = ns + np + i }
    // A sentence read with its lead is a unit of its own; the others are the sentence itself.
    for i in sentencesWithLead.indices {
      sentencesWithLead[i].id = sentencesWithLead[i].range == sentences[i].range ? i : ns + np + na + i
    }
    unitCount = ns + np + na + ns
    var ranges = [Range<Int>](repeating: 0..<0, count: np)
    var k = 0
    while k < ns {
      let p = sentences[k].paragraph
      var e = k
      while e < ns, sentences[e].paragraph == p { e += 1 }
      ranges[p] = k..<e
      k = e
    }
    sentencesOfParagraph = ranges
  }

  mutating func add(
    paragraph source: Range<Int>, items: [Range<Int>], article: Int?, _ normalized: NormalizedText,
    breaks: [Int] = []
  ) {
    let range = normalized.range(ofSource: source)
    guard !range.isEmpty else { return }
    let p = paragraphs.count
    paragraphs.append(Unit(range: range, article: article, paragraph: p))
    paragraphSource.append(source)
    itemCounts.append(items.count)
    // Items start new sentences: a lead-in 「次の各号…責任を負わない」 and each item stand apart; so
    // do the lines `breaks` names.
    var cuts = items.map { normalized.range(ofSource: $0).lowerBound }.filter { range.contains($0) }
    if !breaks.isEmpty {
      cuts += breaks.map { Int(normalized.fromSource[$0]) }.filter { range.contains($0) }
      cuts.sort()
    }
    cuts.append(range.upperBound)
    var start = range.lowerBound
    let chars = normalized.chars
    for cut in cuts where cut > start {
      var s = start
      // 。 inside brackets (「…（以下「GL」という。）に従い…」) does not end the sentence.
      var depth = 0
      for i in start..<cut {
        let c = chars[i]
        switch c {
        // 「原契約第3条に次の2項を加える。「2　…。\n3　…。」」: a quote opening right after a sentence with
        // a paragraph or article number holds whole sentences; its 。 still end them.
        case 0x300C
        where i > start && chars[i - 1] == Self.maru && i + 1 < cut
          && (Normalizer.isDigit(chars[i + 1]) || chars[i + 1] == Self.dai):
          break
        // ( 「 『 【 (full-width brackets are folded to ASCII in the matching view).
        case 0x28, 0x300C, 0x300E, 0x3010: depth += 1
        case 0x29, 0x300D, 0x300F, 0x3011: depth = max(0, depth - 1)
        case Self.maru where depth == 0:
          if i + 1 > s { append(sentence: s..<(i + 1), article: article, paragraph: p, chars) }
          s = i + 1
        // Each row of a ruled table (「| 4 | 甲の院内で講じる対策 | △ | ◎ | 乙が案を作成… |」) says its own
        // thing: a row does not run on into the next. Blanks and line breaks are gone from this
        // view, so a row's closing bar meets the next row's opening one. The bars (「｜」 folds to 「|」)
        // are literal cases: this scan runs over every scalar, and a set lookup per scalar showed.
        case 0x7C, 0x2502, 0x2503:
          guard i + 1 < cut, chars[i + 1] == c else { break }
          if i + 1 > s { append(sentence: s..<(i + 1), article: article, paragraph: p, chars) }
          s = i + 1
          depth = 0
        default: break
        }
      }
      if s < cut { append(sentence: s..<cut, article: article, paragraph: p, chars) }
      start = cut
    }
  }

  static let followUps = ["この場合", "その場合", "この際"].map { Normalizer.fold($0) }

  /// `sentences`, each that opens with 「この場合、」 read together with the sentence before it in its
  /// paragraph: 「…再委託することができる。この場合において甲の承諾は要しない。」 denies consent to the
  /// subcontracting the sentence before permits. Only for the playbook's words of a contrary statement
  /// (`contradictedBy`), which name what the lead must say (「…ことができる」): joining sentences to meet
  /// an element, or to find a negated one, read one sentence's matter (a change notice naming
  /// 再委託先) into the next. Made once per review.
  var sentencesWithLead: [Unit] = []

  mutating func joinFollowUps(_ chars: [UInt32]) {
    sentencesWithLead = sentences
    for k in sentences.indices.dropFirst() {
      let (a, b) = (sentences[k - 1], sentences[k])
      if a.paragraph == b.paragraph, a.range.upperBound == b.range.lowerBound,
        Self.starts(b.range, with: Self.followUps, chars)
      {
        sentencesWithLead[k].range = a.range.lowerBound..<b.range.upperBound
      }
    }
  }

  func units(_ level: Element.Unit) -> [Unit] {
    switch level {
    case .sentence: sentences
    case .paragraph: paragraphs
    case .article: articles
    }
  }
}
