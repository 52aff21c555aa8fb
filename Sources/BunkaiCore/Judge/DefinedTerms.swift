/// A contract's own defined terms for a concept: 「2省GL」「事業者ガイドライン」 defined as the
/// vendor guideline, 「協力会社」 as a subcontractor, 「指定ソフトウェア」 as what the vendor
/// designated. Each use of such a term counts as an occurrence of the concept.
enum DefinedTerms {
  /// How far a definition's text reaches from its quoted term.
  static let reach = 120

  static func inject(
    _ contract: Contract, source: SourceText, normalized: NormalizedText, index: DocumentIndex,
    concepts: [String]
  ) {
    let s = source.scalars
    guard !contract.definitions.isEmpty else { return }
    // Each entry's concepts as term ids, looked up once (hashing the terms per definition was most
    // of this step's time); the first id is where a use of the defined name is recorded.
    func ids(_ name: Substring) -> [Int] { index.compiled.conceptTermIds[String(name)] ?? [] }
    // Scalars, not Foundation's substring search, which a bare 「"="」 would call.
    let plain = concepts.filter { !$0.unicodeScalars.contains("=") }
    let entries: [[[Int]]] = plain.map { entry in entry.split(separator: "+").map(ids) }
    // A term a definitions list quotes with its meaning after a space (「（３）「事業者指針」　…」) is
    // read for the guideline and designated software only: such lists describe the work and its
    // parties in words (委託, 提供) that would make every use of 「本件業務」 a subcontracting.
    // The institution's own measures so defined (「（２）「店舗側措置」　各店舗において甲が講ずべき…安全管理
    // のための措置」) name their matter as plainly.
    let listable = plain.map {
      $0.hasPrefix("guideline") || $0 == "designated" || $0 == "security+institution-side"
        || $0 == "own-measures"
    }
    // 「target=a+b」: read over the whole defining sentence (「甲は、…機器（以下「持込機器」という。）を
    // 自らの責任で用意する。」: what the name is comes after it).
    let sentenceEntries: [(target: Int, parts: [[Int]])] = concepts.compactMap { entry in
      let halves = entry.split(separator: "=")
      guard halves.count == 2, let target = ids(halves[0]).first else { return nil }
      return (target, halves[1].split(separator: "+").map(ids))
    }
    let subcontractId = plain.contains("subcontract") ? ids("subcontract").first : nil
    for d in contract.definitions {
      // Found as the matching view writes it (a party's own label inside it is that party's token).
      let term = PartyTokens.matchingForm(Normalizer.fold(d.term), parties: contract.parties)
      guard term.count >= 2 else { continue }
      // The defining text: before 「X」 for 「…（以下「X」という。）」 (back to the previous 、 or 。),
      // after it for 「X」とは…をいう／「X」：… (up to をいい, をいう or 。).
      var a = d.range.lowerBound
      var b = d.range.upperBound
      if PartyExtractor.precededByIka(s, d.range.lowerBound) {
        // 「…ガイドライン」（改定後のものをいう。以下「X」という。）: the bracket's own 。 is not the
        // end of what X stands for; that is the text before the bracket.
        a = openingBracket(s, before: d.range.lowerBound) ?? d.range.lowerBound
        while a > 0, d.range.lowerBound - a < reach, s[a - 1] != "。", s[a - 1] != "、",
          !Self.endsLine(s, a - 1)
        {
          a -= 1
        }
        b = d.range.lowerBound
      } else {
        a = d.range.upperBound
        while b < s.count, b - d.range.upperBound < reach, s[b] != "。", !Self.endsLine(s, b),
          !(s[b] == "を" && b + 1 < s.count && s[b + 1] == "い")
        {
          b += 1
        }
      }
      let around = normalized.range(ofSource: a..<b)
      let quoted = normalized.range(ofSource: d.range)
      // A party's label (「当社」 defined in a sentence about the network it provides) is no thing.
      // 「「提供設備」とは、第6条第1項により発注者が用意する設備をいう。」: the defining text after the
      // name is the sentence read.
      // 「(2) 「利用環境」　利用機関が…用意する端末…」: a definitions list gives the defining text
      // after a space or colon, as 「とは」 does.
      let toha =
        Lines.hasPrefix(s, d.range.upperBound, s.count, "とは") || Self.listedEntry(s, d.range)
      if !sentenceEntries.isEmpty, PartyExtractor.precededByIka(s, d.range.lowerBound) || toha,
        !contract.parties.contains(where: { $0.label == d.term })
      {
        var x = d.range.lowerBound
        var y = d.range.upperBound
        while x > 0, d.range.lowerBound - x < reach, s[x - 1] != "。", !Lines.isBreak(s[x - 1]) { x -= 1 }
        while y < s.count, y - d.range.upperBound < reach, s[y] != "。", !Self.endsLine(s, y) { y += 1 }
        // The bracket's own 。 (「という。）」) does not end the sentence, nor does a second name's
        // (「…機器（以下「持込機器」という。）を搬入し、並びに…回線（以下「接続回線」という。）を用意する。」).
        while y < s.count, s[y] == "。", y + 1 < s.count, s[y + 1] == "）" || s[y + 1] == ")" {
          y += 2
          while y < s.count, y - d.range.upperBound < reach, s[y] != "。", !Lines.isBreak(s[y]) { y += 1 }
        }
        // The institution must be the one the sentence is about (「甲は、…（以下「持込機器」という。）を
        // 用意する。」); what the vendor provides is its service, not a provided thing.
        var t = x
        while t < y, Lines.isSpace(s[t]) { t += 1 }
        // A paragraph number opening the line (「1. 参加施設は、…」「２　甲は、…」) is not the subject.
        if t < y, numberedItem(s, at: t) {
          t += 2
          while t < y, Lines.isSpace(s[t]) { t += 1 }
        }
        // Nor the article's own number on the line of its text (「第10条　お客様は、…」).
        if t < y, s[t] == "第", let jou = s[t..<min(y, t + 8)].firstIndex(of: "条") {
          t = jou + 1
          while t < y, Lines.isSpace(s[t]) { t += 1 }
        }
        // Or the words before the name say the items are the institution's (「お客様の所有するサーバ…」).
        // Read only where a sentence entry's concepts hold (most definitions name no such thing).
        func institutionSpeaks() -> Bool {
          contract.parties.contains { p in
            guard p.role == .institution else { return false }
            if Lines.hasPrefix(s, t, y, p.label + "は") || Lines.hasPrefix(s, t, y, p.label + "が") {
              return true
            }
            if ["の所有する", "が所有する", "が持ち込む", "の持ち込む", "が用意する"].contains(where: { w in
              Lines.contains(s, x..<d.range.lowerBound, p.label + w)
            }) {
              return true
            }
            // 「「提供設備」とは、…発注者が用意する設備をいう。」
            guard toha else { return false }
            // pdftotext may break the line inside the verb (「発注者が用意\nする設備」).
            let defining = String(
              String.UnicodeScalarView(s[d.range.upperBound..<y].filter { !Lines.isBreak($0) }))
            if Self.provideVerbs.contains(where: { defining.containsText(p.label + "が" + $0) }) {
              return true
            }
            // 「「接続機器」とは、会員施設が本システムに接続するために設置する端末…をいう。」: the verb a
            // few words after the party. 「本システム」 the institution installed is what the work is
            // about, not a thing it provides for the work.
            guard !d.term.hasPrefix("本"), let r = defining.firstRange(of: p.label + "が") else { return false }
            let after = String(defining[r.upperBound...].prefix(24))
            return (Self.provideVerbs + ["設置する"]).contains(where: after.containsText)
          }
        }
        let sentence = normalized.range(ofSource: x..<y)
        // 「次に掲げるもの（以下「接続環境」という。）を用意する。」 names what it is on the item lines
        // that follow the sentence.
        let items =
          Self.listIntros.contains { Lines.contains(s, a..<b, $0) }
          ? normalized.range(ofSource: y..<itemLinesEnd(s, after: y)) : nil
        // The first concept names what the term is, in its own defining text; the others may be
        // anywhere in the sentence.
        func holds(_ terms: [Int], in r: Range<Int>) -> Bool {
          terms.contains { k in index.hasOccurrence(of: k, in: r) { !$0.overlaps(quoted) } }
        }
        for (target, parts) in sentenceEntries
        where parts.first.map({ t in holds(t, in: around) || items.map { holds(t, in: $0) } ?? false })
          ?? false
          && parts.dropFirst().allSatisfy({ holds($0, in: sentence) }) && institutionSpeaks()
        {
          let uses = occurrences(of: term, in: normalized.chars).filter { !$0.overlaps(quoted) }
          index.addMatches(term: target, uses)
        }
      }
      // A concept the name already stands for (guideline, then guideline+comply) is not added twice.
      var added: Set<Int> = []
      // 「本会が株式会社X（以下「運用事業者」という。）に委託して行う。」: a company the vendor commissions
      // is its subcontractor, whatever the contract calls it.
      if let id = subcontractId, !contract.parties.contains(where: { $0.label == d.term }),
        PartyExtractor.commissionedByVendor(contract.parties, s, d.range)
      {
        added.insert(id)
        index.addMatches(
          term: id, occurrences(of: term, in: normalized.chars).filter { !$0.overlaps(quoted) })
      }
      let listed = s[d.range.lowerBound] == "「" && PartyExtractor.isListed(s, d.range)
      // 「4.「システム会社」　運営者から…の保守を請け負う事業者」: a listed term whose meaning ends in a
      // person or company is a party's helper, and may be a subcontractor.
      var e = b
      while e > a, Lines.isSpace(s[e - 1]) || Lines.isBreak(s[e - 1]) || s[e - 1] == "。" { e -= 1 }
      let entity = e > a && ["者", "社", "人"].contains(s[e - 1])
      // A party's own label stands for the party, never for a concept (「運営会社」 defined in a
      // sentence saying it runs the service under the association's commission is no subcontractor).
      let isParty = contract.parties.contains { $0.label == d.term && $0.role != .unknown }
      // 「病院が事業者に委託する電子カルテシステム（以下「本システム」という。）」: what the institution
      // commissions the vendor with is the contract's own work, no subcontract.
      let commissionsVendor = contract.parties.contains { p in
        p.role == .vendor && Lines.contains(s, a..<b, p.label + "に委託")
      }
      for (n, entry) in entries.enumerated()
      where !isParty && (!listed || listable[n] || (entity && plain[n] == "subcontract"))
        && !(commissionsVendor && plain[n] == "subcontract")
      {
        // An entry 「a+b」 counts only where the definition holds all of its concepts.
        // 「「受注者製品」とは、指定ソフトウェアのうち、受注者が自ら開発したものをいう。」: a part of the
        // designated software is not all of it (measures for the part leave the rest out).
        let part = plain[n] == "designated"
        let ids = entry.compactMap { terms -> Int? in
          guard let first = terms.first else { return nil }
          let here = terms.contains { k in
            index.hasOccurrence(of: k, in: around) { r in
              !r.overlaps(quoted) && !(part && Self.followedByNoUchi(normalized.chars, r.upperBound))
            }
          }
          return here ? first : nil
        }
        guard ids.count == entry.count else { continue }
        let uses = occurrences(of: term, in: normalized.chars).filter { !$0.overlaps(quoted) }
        for id in ids where added.insert(id).inserted { index.addMatches(term: id, uses) }
      }
    }
  }

  /// 「…のうち」 right after a word: what follows is a part of it.
  static func followedByNoUchi(_ t: [UInt32], _ i: Int) -> Bool {
    i + 3 <= t.count && t[i] == 0x306E && t[i + 1] == 0x3046 && t[i + 2] == 0x3061  // のうち
  }

  /// What the institution does with a thing it provides (「発注者が用意する設備」).
  /// 「…のために用意し又は管理する端末」: the verb's continuative form joins a second verb.
  static let provideVerbs = ["用意する", "提供する", "準備する", "貸与する", "使用させる", "用意し", "準備し", "提供し"]

  /// A line break that ends what a definition says: one after 。, a bracket, a blank or another
  /// break. pdftotext breaks lines mid-sentence (「…提供事業者における\n安全管理ガイドライン」（以下
  /// 「事業者GL」という。）): such a break does not end the name's text.
  static func endsLine(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
    guard Lines.isBreak(s[i]) else { return false }
    guard i > 0, i + 1 < s.count else { return true }
    let before = s[i - 1]
    if before == "。" || before == "）" || before == ")" || Lines.isBreak(before) || Lines.isSpace(before) {
      return true
    }
    // The next line opens an item, a quoted term or an article (a definitions list without 。).
    let next = s[i + 1]
    if ["（", "(", "「", "第", "【", "・", "①"].contains(next) || Lines.isSpace(next) || Lines.isBreak(next) {
      return true
    }
    return numberedItem(s, at: i + 1)
  }

  /// A number opening an item: 「１　」「2.」「三、」「(1)」's 1 followed by its bracket.
  static func numberedItem(_ s: [Unicode.Scalar], at k: Int) -> Bool {
    let numeral = Numerals.digitValue(s[k]) != nil || Numerals.isKanjiNumeral(s[k])
    return numeral && k + 1 < s.count && [" ", "　", ".", "．", "、", ")", "）"].contains(s[k + 1])
  }

  /// A quoted name that opens an item line after its marker (「(2) 「利用環境」」, as
  /// `PartyExtractor.opensItem` reads it) and is followed by a space or a colon.
  static func listedEntry(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
    guard r.upperBound < s.count,
      Lines.isSpace(s[r.upperBound]) || s[r.upperBound] == "：" || s[r.upperBound] == ":",
      PartyExtractor.opensItem(s, quote: r.lowerBound)
    else { return false }
    // A marker, not only the start of the line.
    var k = r.lowerBound
    while k > 0, Lines.isSpace(s[k - 1]) { k -= 1 }
    return k > 0 && !Lines.isBreak(s[k - 1])
  }

  /// Words of a definition whose content is the list that follows.
  static let listIntros = ["次に掲げる", "次の各号", "以下に掲げる", "次のもの", "以下のもの"]

  /// The end of the item lines (（1）, (1), 1., ①, 一, ・) right after `position`'s line, at most
  /// `reach` × 4 scalars on.
  static func itemLinesEnd(_ s: [Unicode.Scalar], after position: Int) -> Int {
    var j = position
    while j < s.count, !Lines.isBreak(s[j]) { j += 1 }
    var end = j
    while j < s.count, j - position < reach * 4 {
      var k = j
      while k < s.count, Lines.isSpace(s[k]) || Lines.isBreak(s[k]) { k += 1 }
      guard k < s.count else { break }
      let c = s[k]
      let item = c == "（" || c == "(" || c == "・" || ("①"..."⑳").contains(c) || numberedItem(s, at: k)
      guard item else { break }
      j = k
      while j < s.count, !Lines.isBreak(s[j]) { j += 1 }
      end = j
    }
    return end
  }

  /// The unmatched 「（」 that encloses `position`, within `reach` and the same line.
  static func openingBracket(_ s: [Unicode.Scalar], before position: Int) -> Int? {
    var depth = 0
    var j = position - 1
    while j >= 0, position - j < reach, !Lines.isBreak(s[j]) {
      switch s[j] {
      case "）", ")": depth += 1
      case "（", "(":
        if depth == 0 { return j }
        depth -= 1
      default: break
      }
      j -= 1
    }
    return nil
  }

  static func occurrences(of needle: [UInt32], in text: [UInt32]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    guard let first = needle.first, needle.count <= text.count else { return out }
    var i = 0
    let last = text.count - needle.count
    while i <= last {
      if text[i] == first, text[i..<(i + needle.count)].elementsEqual(needle) {
        out.append(i..<(i + needle.count))
        i += needle.count
      } else {
        i += 1
      }
    }
    return out
  }
}
