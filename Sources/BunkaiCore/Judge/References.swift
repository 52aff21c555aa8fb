/// Resolves the references a sentence makes to other parts of the contract — 前項, 前各項, 前N項,
/// 第N項, 前条, 第N条, 本条 — to the paragraphs they name, so that 「前項の変更について、甲の承認を
/// 得なければならない」 is read with what 前項 says.
final class References {
  let contract: Contract
  let clauses: Clauses
  let text: [UInt32]
  /// Each article's part and number, read once: looking them up through `contract.articles`
  /// copied a whole article per look (a tenth of a review's time).
  let parts: [String?]
  let numbers: [String]

  /// Names the contract gives to what a consultation settles (「…協議を取りまとめ、その結果を「参加施設
  /// セキュリティ要領」（以下「要領」という。）として定める。」), each with the paragraph that defines it:
  /// 「前項の端末の安全管理を、要領に従って行う」 is read with that consultation. `at` is where the name is
  /// given: a later sentence of the same paragraph may follow it too.
  let outcomes: [Outcome]

  struct Outcome {
    var name: [UInt32]
    var paragraph: Int
    var at: Int
  }

  /// Where the text has a scalar a reference can open with (`cueTable`), ascending: `referred` steps
  /// from one to the next instead of testing every scalar of every unit it reads, which was most of
  /// reading references.
  let cues: [Int32]

  /// Brackets around a section's number as the text folds them (「＜６＞」 is 「<6>」), with their
  /// closing ones: the parser's, folded, so that a section it opens can be named.
  static let sectionBrackets: [UInt32: UInt32] = Dictionary(
    ContractParser.numberBrackets.map {
      (Normalizer.fold(String($0.key))[0], Normalizer.fold(String($0.value))[0])
    },
    uniquingKeysWith: { first, _ in first })

  /// 前, 第, 本, 次, 同, 別, 特, 変(更), 提(示), 示(された), こ(れを踏まえ), brackets and digits: the scalars
  /// `referred` acts on. A scalar that is none of them is passed over there. A table by scalar: a
  /// set's hashing, once per scalar of the text, cost more than the steps it saved.
  static let cueTable: [Bool] = {
    var t = [Bool](repeating: false, count: 0x1_0000)
    let scalars =
      [
        mae[0], dai[0], hon[0], tsugi[0], dou, betsu, toku, henkou[0], presented[0][0], presented[1][0],
        takeUp[0][0],
      ] + Array(sectionBrackets.keys)
    for c in scalars + Array(0x30...0x39) { t[Int(c)] = true }
    return t
  }()

  init(
    contract: Contract, clauses: Clauses, text: [UInt32], outcomes: [Outcome] = []
  ) {
    self.contract = contract
    self.clauses = clauses
    self.text = text
    self.outcomes = outcomes
    parts = contract.articles.map(\.part)
    numbers = contract.articles.map(\.number)
    var cues: [Int32] = []
    let table = Self.cueTable
    for (i, c) in text.enumerated() where c < 0x1_0000 && table[Int(c)] { cues.append(Int32(i)) }
    self.cues = cues
    // 「原契約第6条を次のとおり改める。「第6条 …第2条第2項の安全管理…」」: the article a 覚書 quotes
    // is the contract's own, and so are the articles its text names.
    var quoting: Set<Int> = []
    for unit in clauses.articles {
      guard let k = unit.article, parts[k] != nil else { continue }
      let t = text[unit.range]
      let names =
        Self.contractNames.contains { Lines.occurs($0, in: t) }
        || Self.mainWords.contains { Lines.occurs($0 + Self.dai, in: t) }
      let amends = (Self.amendVerbs + Self.addVerbs).contains { Lines.occurs($0, in: t) }
      if names && amends { quoting.insert(k) }
    }
    quotesMain = quoting
    // 「原契約第2条に次の1項を加える。」: what the 覚書 article adds is part of that article.
    var added: [Int: [Int]] = [:]
    let (allParts, allNumbers, chars) = (parts, numbers, text)
    for k in quoting {
      for unit in clauses.articles where unit.article == k {
        var i = unit.range.lowerBound
        while i < unit.range.upperBound {
          if chars[i] == Self.dai[0], Self.precededStatic(by: Self.mainWords, at: i, chars),
            let n = Self.readNumber(chars, at: i + 1, end: unit.range.upperBound),
            n.next < unit.range.upperBound,
            chars[n.next] == Self.jou[0],
            let t = allNumbers.indices.first(where: {
              allParts[$0] == nil && allNumbers[$0] == String(n.value)
            })
          {
            added[t, default: []].append(k)
            i = n.next
          }
          i += 1
        }
      }
    }
    amendedBy = added
    var adds: [Int: Int] = [:]
    for (t, ks) in added { for k in ks where adds[k] == nil { adds[k] = t } }
    addsTo = adds
    let firstArticle = clauses.articles.first?.range.lowerBound ?? Int.max
    // Each outside unit's paragraphs are its block (Clauses.outsideBlock), not searched for.
    let outside = clauses.articles.compactMap { a in
      a.article == nil ? clauses.outsideBlock[a.paragraph].map { (Array($0), a.range) } : nil
    }
    preambleParagraphs =
      contract.preamble == nil ? [] : outside.first { $0.1.upperBound <= firstArticle }?.0 ?? []
    annexParagraphs = outside.filter { $0.1.lowerBound >= firstArticle }
  }

  /// For a 覚書 article that rewrites or adds to an article of the contract, that article.
  let addsTo: [Int: Int]

  /// For each article of the contract, the 覚書 articles that rewrite it or add to it.
  let amendedBy: [Int: [Int]]

  static func precededStatic(by words: [[UInt32]], at i: Int, _ text: [UInt32]) -> Bool {
    // 「特記事項\n第3条」: pdftotext breaks lines anywhere.
    var i = i
    while i > 0, text[i - 1] == 0x0A || text[i - 1] == 0x0D || text[i - 1] == 0x20 || text[i - 1] == 0x3000 {
      i -= 1
    }
    return words.contains { w in i >= w.count && text[(i - w.count)..<i].elementsEqual(w) }
  }

  /// A number (Arabic or kanji: 第十四条) at `j`, at most 6 characters long.
  static func readNumber(_ text: [UInt32], at j: Int, end: Int) -> (value: Int, next: Int)? {
    let upper = min(end, j + 6)
    // Most 前/第/本 are followed by no number (本システム, 前項): answer before copying anything.
    guard j < upper, let first = Unicode.Scalar(text[j]),
      Numerals.digitValue(first) != nil || Numerals.isKanjiNumeral(first)
    else { return nil }
    let scalars = text[j..<upper].map { Unicode.Scalar($0) ?? " " }
    guard let n = Numerals.read(scalars, at: 0, end: scalars.count) else { return nil }
    return (n.value, j + n.next)
  }

  /// Articles of a 覚書 that quote the contract's own text.
  let quotesMain: Set<Int>
  /// 「…に次の1項を加え、同条の本文を第1項とする。」: the continuative form adds as well.
  static let addVerbs = ["を加える", "を加えた", "を加え、", "を追加する", "を追加した", "を追加し、", "を新設する", "を新設し、"].map {
    Normalizer.fold($0)
  }

  static let mae = Normalizer.fold("前")
  static let tsugi = Normalizer.fold("次")
  static let takeUp = ["これを踏まえ", "これらを踏まえ", "これを受けて", "これらを受けて"].map { Normalizer.fold($0) }
  static let anaphorPrefixes = ["当該", "その", "同", "かかる", "この"].map { Normalizer.fold($0) }
  static let henkou = Normalizer.fold("変更")
  static let dai = Normalizer.fold("第")
  static let joukou = Normalizer.fold("条項")
  static let kou = Normalizer.fold("項")
  static let gou = Normalizer.fold("号")
  static let englishArticleWords = ContractParser.englishArticleWords.map { Normalizer.fold($0) }
  static let spaces = Set(["\u{20}", "\u{3000}"].map { Normalizer.fold($0) }.compactMap(\.first))

  /// 「Section 12」: the number at `i` follows a word a translated contract numbers its articles with.
  func englishArticleWord(before i: Int, from start: Int) -> Bool {
    var j = i
    while j > start, Self.spaces.contains(text[j - 1]) { j -= 1 }
    return Self.englishArticleWords.contains { w in
      j - w.count >= start && text[(j - w.count)..<j].elementsEqual(w)
    }
  }

  /// The paragraph opens with a bracketed number (「（１）」「(2)」), as the items of a section do.
  func opensWithBracket(_ p: Int) -> Bool {
    Clauses.starts(clauses.paragraphs[p].range, with: Self.openBrackets, text)
  }
  static let openBrackets = ["（", "("].map { Normalizer.fold($0) }
  static let jou = Normalizer.fold("条")
  /// 「別紙導入仕様書第3節」: a section of an annex numbered 1. / 2. / 3., named as another part's
  /// article is.
  static let setsu = Normalizer.fold("節")
  /// 「仕様書第3章」 likewise.
  static let shou = Normalizer.fold("章")
  static let kaku = Normalizer.fold("各")
  static let hon = Normalizer.fold("本")
  static let betsu = Normalizer.fold("別")[0]
  static let toku = Normalizer.fold("特")[0]
  static let annexWords = ["別紙", "特記事項", "別表", "別記"].map { Normalizer.fold($0) }
  /// 「別記に掲げるガイドラインに従って」 defers to the annex as a whole as 「別紙に定めるところにより」 does.
  static let deferrals = ["に定めるところ", "の定めるところ", "に定める安全管理", "に掲げる"].map { Normalizer.fold($0) }

  /// The preamble's paragraphs (「前文」), if it has any.
  let preambleParagraphs: [Int]
  static let bun = Normalizer.fold("文")[0]

  /// Each annex text without articles (after the first article; the preamble is before it): its
  /// paragraphs, and its whole text.
  let annexParagraphs: [(paragraphs: [Int], range: Range<Int>)]

  /// The annexes without articles that open with `word` (「別紙」), those whose heading holds the
  /// quoted title that follows (「別紙「安全管理特記事項」」) if one does.
  func annexes(named word: [UInt32], titleAt j: Int, end: Int) -> [Int] {
    // 「別紙1の基準に従った安全管理」: a numbered annex is named exactly by its number.
    if j < end, Normalizer.isDigit(text[j]) {
      var k = j
      while k < end, Normalizer.isDigit(text[k]) { k += 1 }
      let label = word + Array(text[j..<k])
      let numbered = annexParagraphs.filter { a in
        a.range.count > label.count
          && text[a.range.lowerBound..<(a.range.lowerBound + label.count)].elementsEqual(label)
          && !Normalizer.isDigit(text[a.range.lowerBound + label.count])
      }
      return numbered.count == 1 ? numbered[0].paragraphs : []
    }
    let opening = annexParagraphs.filter { a in
      a.range.count >= word.count
        && text[a.range.lowerBound..<(a.range.lowerBound + word.count)].elementsEqual(word)
    }
    // Only an annex named by its title, or one the clause defers to as a whole (「別紙に定めるところ
    // により」): 「別紙仕様書に基づき検査を行う」 names the specification, not a clause of the contract.
    guard j < end, text[j] == 0x300C, let close = text[j..<min(end, j + 30)].firstIndex(of: 0x300D),
      close > j + 1
    else {
      let defers = Self.deferrals.contains { opens($0, at: j, end: end) }
      return defers && opening.count == 1 ? opening[0].paragraphs : []
    }
    let title = Array(text[(j + 1)..<close])
    let titled = opening.filter { a in
      Lines.occurs(title, in: text[a.range.lowerBound..<min(a.range.upperBound, a.range.lowerBound + 60)])
    }
    return titled.flatMap(\.paragraphs)
  }
  static let no = Normalizer.fold("の")

  /// The articles of another part (a 覚書) whose text adds an article called `name` (「第1条の2」).
  func insertedBy(_ name: [UInt32]) -> [Int] {
    let inAmendment = clauses.articles.compactMap { unit -> Int? in
      guard let k = unit.article, parts[k] != nil, quotesMain.contains(k),
        Lines.occurs(name, in: text[unit.range])
      else { return nil }
      return k
    }
    guard inAmendment.isEmpty else { return inAmendment }
    // A 変更契約 that is the whole document (「原契約第4条の次に、次の1条を加える。「第4条の2（…）…」」):
    // the article quoting the new one opens it with 「.
    let quoted = Self.quoteOpen + name
    return clauses.articles.compactMap { unit in
      guard let k = unit.article, Lines.occurs(quoted, in: text[unit.range]) else { return nil }
      return k
    }
  }
  static let quoteOpen = Normalizer.fold("「")
  static let partWords = ["特記事項", "別紙", "別表", "別記", "覚書", "仕様書", "特約", "個別契約", "変更契約"].map {
    Normalizer.fold($0)
  }
  /// 「原契約第十四条」「本契約第6条」 in an annex or 覚書 name an article of the contract itself, and so
  /// does the name a 覚書 gives it (「利用規約（以下「規約」という。）」…「規約第10条」).
  static let mainWords = ["契約", "規約", "約款", "契約書", "契約書本体"].map { Normalizer.fold($0) }
  /// Names a 覚書 article uses for the contract it amends without an article number (「原契約に次の
  /// 条を加える。」).
  static let contractNames = [
    "原契約", "本契約", "基本契約", "親契約", "本件契約", "原規約", "本規約", "利用規約", "基本規約", "本契約書", "契約書本体",
  ].map {
    Normalizer.fold($0)
  }

  func number(at j: Int, end: Int) -> (value: Int, next: Int)? { Self.readNumber(text, at: j, end: end) }

  /// 「6.1」 followed by a particle (の, に, で, 及, 又, 、): section 6, paragraph 1 (「6.1.2」 too). A number
  /// as part of a version or an amount (「Ver.3.1.2」「1.5倍」) is none.
  func sectionNumber(at i: Int, end: Int) -> (Int, Int, Int)? {
    var j = i
    var a = 0
    while j < end, Normalizer.isDigit(text[j]), j - i < 3 {
      a = a * 10 + Int(text[j] - 0x30)
      j += 1
    }
    guard j < end, text[j] == 0x2E else { return nil }
    j += 1
    var b = 0
    let start = j
    while j < end, Normalizer.isDigit(text[j]), j - start < 3 {
      b = b * 10 + Int(text[j] - 0x30)
      j += 1
    }
    guard j > start, j < end else { return nil }
    // 「仕様書3.1.1に定める安全管理」: a third level names a point of paragraph 3.1, read as that paragraph.
    if text[j] == 0x2E, j + 1 < end, Normalizer.isDigit(text[j + 1]) {
      var k = j + 1
      while k < end, Normalizer.isDigit(text[k]), k - j <= 3 { k += 1 }
      j = k
    }
    guard j < end, let next = Unicode.Scalar(text[j]), Self.afterSection.contains(next) else { return nil }
    return (a, b, j)
  }
  static let afterSection: Set<Unicode.Scalar> = ["の", "に", "で", "及", "又", "、", "が", "を"]

  func preceded(by words: [[UInt32]], at i: Int) -> Bool { Self.precededStatic(by: words, at: i, text) }

  /// The word starts at `i` and ends by `end`.
  func opens(_ word: [UInt32], at i: Int, end: Int) -> Bool {
    i + word.count <= end && text[i..<(i + word.count)].elementsEqual(word)
  }

  /// Paragraph indices (into `clauses.paragraphs`) the unit refers to.
  func referred(from u: Clauses.Unit) -> [Int] {
    var out: [Int] = []
    let r = u.range
    // Text outside the articles (u.article == nil) refers within its own paragraphs (「前項」) only.
    let paragraphsOf = clauses.paragraphsOf
    let paragraphsOfArticle: (Int) -> [Int] = { k in paragraphsOf[k] ?? [] }
    // Read once: this loop runs over every scalar of every unit that is judged.
    let (mae, dai, hon) = (Self.mae[0], Self.dai[0], Self.hon[0])
    let (hen, kou2) = (Self.henkou[0], Self.henkou[1])
    let (betsu, toku) = (Self.betsu, Self.toku)
    let (ko, tsugi) = (Self.takeUp[0][0], Self.tsugi[0])
    let dou = Self.dou
    let (tei, shimesu) = (Self.presented[0][0], Self.presented[1][0])
    // The paragraph `offset` places after (or before) the unit's in its article, if there is one.
    func neighbour(_ offset: Int) -> Int? {
      // Text outside the articles: its paragraphs are its preamble's or annex's.
      guard let own = clauses.paragraphsBeside(u.paragraph, article: u.article) else { return nil }
      guard let here = own.firstIndex(of: u.paragraph), own.indices.contains(here + offset) else {
        return nil
      }
      return own[here + offset]
    }
    var i = r.lowerBound
    var anaphor = false
    // The first cue at or after the unit's start.
    var cue = cues.firstIndex(atOrAfter: r.lowerBound)
    while true {
      while cue < cues.count, Int(cues[cue]) < i { cue += 1 }
      guard cue < cues.count, Int(cues[cue]) < r.upperBound else { break }
      i = Int(cues[cue])
      let c = text[i]
      // 「当該変更」「その変更」 in a paragraph of its own take up what the paragraph before says.
      // Looked for at 「変更」 only: one comparison per scalar on this hot loop.
      if c == hen, !anaphor, i + 1 < r.upperBound, text[i + 1] == kou2,
        Self.anaphorPrefixes.contains(where: { p in
          i - p.count >= r.lowerBound && text[(i - p.count)..<i].elementsEqual(p)
        })
      {
        anaphor = true
        if let p = neighbour(-1) { out.append(p) }
      }
      // 「別紙「安全管理特記事項」に定めるところにより」: an annex without articles, named by its word
      // (and title), is read whole.
      if c == betsu || c == toku,
        let w = Self.annexWords.first(where: { opens($0, at: i, end: r.upperBound) }),
        i + w.count < r.upperBound, text[i + w.count] != dai, !annexParagraphs.isEmpty
      {
        out += annexes(named: w, titleAt: i + w.count, end: r.upperBound)
        i += w.count
        continue
      }
      // 「提示された案を協議し」: what the paragraph before presented.
      if c == tei || c == shimesu, !anaphor,
        Self.presented.contains(where: { opens($0, at: i, end: r.upperBound) })
      {
        anaphor = true
        if let p = neighbour(-1) { out.append(p) }
      }
      // 「同委員会において計画案を協議し」: 同 and a noun an earlier paragraph of the article names.
      if c == dou, let p = sameNounParagraph(at: i, in: u) { out.append(p) }
      // 「乙はこれを踏まえて甲との協議を進め」: what the paragraph before sets out.
      if c == ko, !anaphor,
        Self.takeUp.contains(where: { opens($0, at: i, end: r.upperBound) })
      {
        anaphor = true
        if let p = neighbour(-1) { out.append(p) }
      }
      // 「利用者設備の対策は、次条の手続により定める」: the article (or paragraph) after this one.
      if c == tsugi, i + 1 < r.upperBound, let k = u.article {
        if text[i + 1] == Self.jou[0], k + 1 < parts.count, parts[k + 1] == parts[k] {
          out += paragraphsOfArticle(k + 1)
        } else if text[i + 1] == Self.kou[0], let p = neighbour(1) {
          out.append(p)
        }
      }
      // 「＜６＞の話し合いで」: section 6 of terms whose sections are numbered in brackets (「＜６＞…」).
      if let close = Self.sectionBrackets[c], let k = u.article, contract.articles[k].section,
        let read = number(at: i + 1, end: r.upperBound), read.next < r.upperBound, text[read.next] == close
      {
        if let target = article(numbered: read.value, inPartOf: k) {
          out += paragraphsOfArticle(target)
        }
        i = read.next + 1
        continue
      }
      if c != mae && c != dai && c != hon && !Normalizer.isDigit(c) {
        i += 1
        continue
      }
      // 「条項3に基づいて行うべき安全管理」: a translated template's article 3; 「Section 12に定める
      // ガイドライン」 in one numbered in English words.
      if Normalizer.isDigit(c),
        (i - 2 >= r.lowerBound && text[(i - 2)..<i].elementsEqual(Self.joukou))
          || englishArticleWord(before: i, from: r.lowerBound),
        let read = number(at: i, end: r.upperBound), let k = u.article
      {
        if let target = article(numbered: read.value, inPartOf: k) {
          out += paragraphsOfArticle(target)
        }
        i = read.next
        continue
      }
      if Normalizer.isDigit(c),
        i == r.lowerBound || !(Normalizer.isDigit(text[i - 1]) || text[i - 1] == 0x2E),
        let (article, paragraph, next) = sectionNumber(at: i, end: r.upperBound), let k = u.article
      {
        // 「6.1の変更は」「3.1の安全管理」: a section's paragraph in documents numbered 1. / 1.1.
        // 「仕様書3.1の安全管理」 from the contract's own articles: that section of the part the word
        // names (the part's label begins with it), not of the unit's own.
        let named = parts[k] == nil ? Self.partWords.first { preceded(by: [$0], at: i) } : nil
        let sameNumber = numbers.indices.filter { numbers[$0] == String(article) }
        // 「9.2　前項の上限は、当社が5.1に基づく安全管理を…」 quoted in a 覚書 of 第N条 articles: the
        // amended terms' section 5, not the 覚書's 第5条 (no section).
        let target: Int?
        if let named {
          target = sameNumber.first { t in parts[t].map { Normalizer.fold($0).starts(with: named) } ?? false }
        } else {
          target =
            sameNumber.first { parts[$0] == parts[k] && contract.articles[$0].section }
            ?? (parts[k] != nil
              ? sameNumber.first { parts[$0] == nil && contract.articles[$0].section } : nil)
            ?? sameNumber.first { parts[$0] == parts[k] }
        }
        if let target, let own = clauses.paragraphsOf[target], paragraph >= 1, paragraph <= own.count {
          out.append(own[paragraph - 1])
        }
        i = next
      } else if c == mae, i + 1 < r.upperBound, text[i + 1] == Self.bun, !preambleParagraphs.isEmpty {
        // 「前文に定めるガイドラインに基づき乙が行う安全管理」: the preamble's paragraphs.
        out += preambleParagraphs
        i += 2
      } else if c == mae || c == dai || c == hon {
        var j = i + 1
        var n = 0
        var digits = 0
        var all = false
        if j < r.upperBound, text[j] == Self.kaku[0] {
          all = true
          j += 1
        }
        if let read = number(at: j, end: r.upperBound) {
          n = read.value
          digits = read.next - j
          j = read.next
        }
        if j < r.upperBound, u.article == nil, c == Self.mae[0], text[j] == Self.kou[0],
          let block = clauses.outsideBlock[u.paragraph]
        {
          // 「前項の手続により確定し」 in an annex's numbered sections (Clauses.outsideBlock): the
          // section before.
          let here = u.paragraph - block.lowerBound
          let back = all ? here : (digits > 0 ? n : 1)
          out += Array(block)[max(0, here - back)..<here]
        }
        if j < r.upperBound, let k = u.article {
          let own = paragraphsOfArticle(k)
          let here = own.firstIndex(of: u.paragraph) ?? 0
          // 「前二号の確認票」 in a section numbered （１）（２）: its items are its paragraphs.
          if c == Self.dai[0], digits > 0, text[j] == Self.kou[0],
            let target = partItem(n, namedAt: i, from: k)
          {
            // 「仕様書第3項の安全管理を怠りなく行っていた場合」: item 3 of an annex numbered 1 / 2 / 3,
            // not paragraph 3 of this article (dev37 a_02).
            out += paragraphsOfArticle(target)
          } else if text[j] == Self.kou[0] || (text[j] == Self.gou[0] && opensWithBracket(u.paragraph)) {
            if c == Self.mae[0] {
              // 前項: the one before; 前各項 / 前N項: all (or N) before.
              let back = all ? here : (digits > 0 ? n : 1)
              out += own[max(0, here - back)..<here]
              // 「7. …　前項の各号に係る安全対策」: a 仕様書's sections are often one paragraph each, and
              // 前項 in a section's first paragraph is the section before.
              if here == 0, !all, digits == 0, k > 0, contract.articles[k].section, parts[k - 1] == parts[k] {
                out += paragraphsOfArticle(k - 1)
              }
            } else if c == Self.dai[0], digits > 0, let t = addsTo[k], let main = clauses.paragraphsOf[t],
              n >= 1, n <= main.count
            {
              // 「原契約第5条に次の1項を加える。「3　第1項の回線…」」: the quoted paragraph's 第1項 is
              // that article's.
              out.append(main[n - 1])
            } else if c == Self.dai[0], digits > 0, n >= 1, n <= own.count {
              out.append(own[n - 1])
            } else if c == Self.dai[0], digits > 0, n > own.count, contract.articles[k].section,
              let target = article(numbered: n, inPartOf: k)
            {
              // 「第3項の安全管理を…行った場合に限り」 in terms numbered 1. / 2. (a translation's
              // "Clause 3"): no paragraph of the section has that number, the section does.
              out += paragraphsOfArticle(target)
            }
          } else if text[j] == Self.jou[0]
            || ((text[j] == Self.setsu[0] || text[j] == Self.shou[0]) && c == dai
              && Self.partWords.contains { preceded(by: [$0], at: i) })
          {
            if c == Self.mae[0], k > 0 {
              // 前条; 「前二条の例による」: the N before.
              for t in max(0, k - (digits > 0 ? n : 1))..<k where parts[t] == parts[k] {
                out += paragraphsOfArticle(t)
              }
            } else if c == Self.hon[0] {
              out += own
            } else if c == Self.dai[0], digits > 0 {
              // 「特記事項第1条」「別紙第2条」「覚書第1条」 name an article of another part; 「覚書第1条」
              // inside the 覚書 names its own.
              let named = Self.partWords.first { preceded(by: [$0], at: i) }
              let own =
                named.map { w in parts[k].map { Normalizer.fold($0).starts(with: w) } ?? false } ?? false
              let other = named != nil && !own
              let main = preceded(by: Self.mainWords, at: i) || (quotesMain.contains(k) && named == nil)
              let part = parts[k]
              var number = String(n)
              var name = "第\(n)条"
              // 「第1条の2」: an inserted article.
              if j + 1 < r.upperBound, text[j + 1] == Self.no[0],
                let sub = self.number(at: j + 2, end: r.upperBound)
              {
                number += "の\(sub.value)"
                name += "の\(sub.value)"
                j = sub.next - 1
              }
              if let target = numbers.indices.first(where: { t in
                numbers[t] == number
                  && (main ? parts[t] == nil : other ? parts[t] != nil && parts[t] != part : parts[t] == part)
              }) {
                out += paragraphsOfArticle(target)
                for a in amendedBy[target] ?? [] where a != k { out += paragraphsOfArticle(a) }
              } else if number.contains("の") {
                // An article a 覚書 inserts (「原契約に次の条を加える。「第1条の2 …」」) lives in that
                // 覚書 article's text.
                for t in insertedBy(Normalizer.fold(name)) where t != k { out += paragraphsOfArticle(t) }
              }
              // 「第4条にかかわらず」 in 補足条項 after translated terms: what the part sets aside may be
              // the main terms' article as much as its own.
              if part != nil, named == nil, !main, overrides(after: j + 1, end: r.upperBound),
                let m = numbers.indices.first(where: { numbers[$0] == number && parts[$0] == nil })
              {
                out += paragraphsOfArticle(m)
              }
            }
          }
        }
        i = max(i + 1, j)
      } else {
        i += 1
      }
    }
    out += outcomeParagraphs(named: u)
    return out.filter { $0 != u.paragraph }
  }

  /// Item `n` of another part named right before `i` (「仕様書第3項」「別紙第2項」), where that part is
  /// numbered in sections.
  func partItem(_ n: Int, namedAt i: Int, from k: Int) -> Int? {
    guard let named = Self.partWords.first(where: { preceded(by: [$0], at: i) }) else { return nil }
    func isNamed(_ t: Int) -> Bool { parts[t].map { Normalizer.fold($0).starts(with: named) } ?? false }
    guard !isNamed(k) else { return nil }
    return numbers.indices.first { t in numbers[t] == String(n) && isNamed(t) && contract.articles[t].section
    }
  }

  /// The article numbered `n` (no 「の」 number) in the same part as article `k`.
  func article(numbered n: Int, inPartOf k: Int) -> Int? {
    let number = String(n)
    return numbers.indices.first { numbers[$0] == number && parts[$0] == parts[k] }
  }

  /// 「第4条にかかわらず」「第4条の規定にかかわらず」: the reference is set aside.
  func overrides(after i: Int, end: Int) -> Bool {
    Self.overrideWords.contains { opens($0, at: i, end: end) }
  }
  static let overrideWords = ["にかかわらず", "に関わらず", "の規定にかかわらず", "の定めにかかわらず", "の規定に関わらず"].map {
    Normalizer.fold($0)
  }

  static let dou = Normalizer.fold("同")[0]
  /// What a party presented in the paragraph before (the first two open with 提 and 示: read above).
  static let presented = ["提示された", "示された案", "提出された", "示された資料", "示された原案", "示された対策", "示された事項"].map {
    Normalizer.fold($0)
  }
  /// 「…を取りまとめて甲に提案する。甲と乙は提案について話し合い」: the proposal of the sentence before.
  static let proposalTakenUp = ["提案について", "提案を受け", "提案に基づ", "提案の内容", "当該提案", "その提案"].map {
    Normalizer.fold($0)
  }

  /// 「同委員会」「同計画」: the nearest earlier paragraph of the unit's article (three at most) that
  /// names the noun after 同 (kanji or katakana, two scalars at least: 同意, 同等, 同様 name nothing).
  func sameNounParagraph(at i: Int, in u: Clauses.Unit) -> Int? {
    guard let noun = Self.nounAfterDou(at: i, text, end: u.range.upperBound).map({ text[$0] }),
      let k = u.article,
      let own = clauses.paragraphsOf[k], let here = own.firstIndex(of: u.paragraph)
    else { return nil }
    return own[max(0, here - 3)..<here].reversed().first { p in
      Lines.occurs(noun, in: text[clauses.paragraphs[p].range])
    }
  }

  /// The noun after the 同 at `i`: two to eight kanji or katakana (同意, 同等, 同様 name nothing).
  static func nounAfterDou(at i: Int, _ text: [UInt32], end: Int) -> Range<Int>? {
    var j = i + 1
    while j < end, j - i <= 8, Normalizer.isWordScalar(text[j]) { j += 1 }
    return j - i - 1 >= 2 ? (i + 1)..<j : nil
  }

  /// The paragraphs defining the consultation outcomes (see `outcomes`) the unit names: others, or
  /// its own where the name was given before the unit (「…協議し、合意した内容を「院内運用ルール」として
  /// 確定する。病院は、院内運用ルールに従って対策を実施する。」).
  func outcomeParagraphs(named u: Clauses.Unit) -> [Int] {
    outcomes.lazy.filter { o in
      (o.paragraph != u.paragraph || o.at < u.range.lowerBound)
        && Lines.occurs(o.name, in: self.text[u.range])
    }
    .map(\.paragraph)
  }

  /// The unit names a consultation's outcome defined elsewhere.
  func namesOutcome(_ u: Clauses.Unit) -> Bool { !outcomeParagraphs(named: u).isEmpty }

  /// What an amending part sets aside: 「原契約第7条を次のとおり改める。」「本契約第10条第2項を削除する。」
  /// in a 覚書 (or any part after the contract) supersede that article or paragraph of the contract
  /// itself, so the old wording no longer counts for or against an element.
  static let amendVerbs = [
    "を次のとおり改め", "を次のように改め", "を以下のとおり改め", "を次のとおり変更", "を次のように変更", "を以下のとおり変更",
    "を削除", "を廃止", "は削除", "は、次のとおりとする", "は次のとおりとする", "を改め", "を次の", "を以下の",
    // 「原契約第17条を削り、次の条文に置き換える。」
    "を削り", "に置き換え", "と置き換え", "に差し替え", "と差し替え",
  ].map { Normalizer.fold($0) }

  static let wa = Normalizer.fold("は")[0]
  static let naka = Normalizer.fold("中")[0]
  static let noKitei = Normalizer.fold("の規定")
  static let touten = Normalizer.fold("、")[0]
  static let setAsideVerbs = ["適用しない", "適用されない", "適用せず", "適用を除外", "読み替え", "読替え"].map {
    Normalizer.fold($0)
  }

  /// 「別添「導入仕様書」は、…参考資料として添付するものであり、乙の契約上の義務を定めるものではない。」:
  /// the contract's own articles say an attached specification binds no one, so what it says neither
  /// meets nor contradicts an element.
  static let nonBindingWords = [
    "義務を定めるものではな", "義務を構成しない", "義務を構成するものではな", "拘束力を有しない", "拘束力を持たない", "拘束力はな",
    "拘束力を有するものではな", "拘束するものではな",
  ].map { Normalizer.fold($0) }
  static let specification = Normalizer.fold("仕様書")

  func nonBinding() -> Set<Int> {
    let attached = parts.indices.filter { parts[$0]?.contains("仕様書") == true }
    guard !attached.isEmpty else { return [] }
    let declared = clauses.sentences.contains { s in
      guard let k = s.article, parts[k] == nil else { return false }
      let t = text[s.range]
      return Self.saysNonBinding(t, naming: Self.specification)
    }
    if declared { return Set(attached.flatMap { clauses.paragraphsOf[$0] ?? [] }) }
    // 「別紙　保守仕様書／前文　本仕様書は、…参考として示すものであり、契約上の義務を定めるものではない。」:
    // a specification that says so of itself, between the article before it and its own last article.
    var out: Set<Int> = []
    for k in attached where k == 0 || parts[k - 1] != parts[k] {
      let own = attached.filter { parts[$0] == parts[k] }
      let start = k == 0 ? 0 : normalizedEnd(of: k - 1)
      let end = normalizedEnd(of: own.last ?? k)
      guard start < end, selfDeclared(text[start..<end]) else { continue }
      out.formUnion(own.flatMap { clauses.paragraphsOf[$0] ?? [] })
    }
    return out
  }

  /// Where article k's text ends in the matching view (its last paragraph's end).
  func normalizedEnd(of k: Int) -> Int {
    (clauses.paragraphsOf[k] ?? []).map { clauses.paragraphs[$0].range.upperBound }.max() ?? 0
  }

  static let thisSpecification = Normalizer.fold("本仕様書")

  /// A sentence of the slice names 本仕様書 and says it binds no one.
  func selfDeclared(_ t: ArraySlice<UInt32>) -> Bool {
    var sentenceStart = t.startIndex
    for i in t.indices where t[i] == Self.maru || i == t.endIndex - 1 {
      let sentence = t[sentenceStart...i]
      if Self.saysNonBinding(sentence, naming: Self.thisSpecification) { return true }
      sentenceStart = i + 1
    }
    return false
  }
  static let maru = Normalizer.fold("。")[0]

  /// The text names the specification and says it binds no one.
  static func saysNonBinding(_ t: ArraySlice<UInt32>, naming spec: [UInt32]) -> Bool {
    Lines.occurs(spec, in: t) && nonBindingWords.contains { Lines.occurs($0, in: t) }
  }

  func superseded() -> Set<Int> {
    var out: Set<Int> = []
    for k in parts.indices where parts[k] != nil {
      for s in (clauses.sentencesOf[k] ?? []).map({ clauses.sentences[$0] }) {
        var i = s.range.lowerBound
        while i < s.range.upperBound {
          guard text[i] == Self.dai[0], let art = number(at: i + 1, end: s.range.upperBound),
            art.next < s.range.upperBound, text[art.next] == Self.jou[0]
          else {
            i += 1
            continue
          }
          var j = art.next + 1
          var paragraph: Int?
          if j < s.range.upperBound, text[j] == Self.dai[0],
            let p = number(at: j + 1, end: s.range.upperBound),
            p.next < s.range.upperBound, text[p.next] == Self.kou[0]
          {
            paragraph = p.value
            j = p.next + 1
          }
          // 「原契約第16条（免責）を削除する」: the article's heading may stand before the verb.
          if j < s.range.upperBound, text[j] == 0x28,
            let close = text[j..<min(s.range.upperBound, j + 24)].firstIndex(of: 0x29)
          {
            j = close + 1
          }
          // 「本契約書第12条第2項の規定は、適用しない。」: the whole of it, 「の規定は」 right before the verb
          // (「第6条の規定は、乙の故意…には適用しない」 only carves a case out of it).
          var wholly = false
          if j + Self.noKitei.count < s.range.upperBound,
            text[j..<(j + Self.noKitei.count)].elementsEqual(Self.noKitei)
          {
            var k = j + Self.noKitei.count + 1
            while k < s.range.upperBound, text[k] == Self.touten { k += 1 }
            wholly = Self.setAsideVerbs.contains { v in
              k + v.count <= s.range.upperBound && text[k..<(k + v.count)].elementsEqual(v)
            }
            if wholly { j += Self.noKitei.count }
          }
          // 「規約第7条は、当院に関しては適用しない。」「規約第5条は、…次のとおり読み替える。」: an individual
          // agreement setting an article of the terms aside for this hospital. 「第18条第2項中「故意又は
          // 重過失」とあるのは、「故意」と読み替える。」: words of the paragraph read otherwise.
          let setAside =
            j < s.range.upperBound && (text[j] == Self.wa || text[j] == Self.naka)
            && Self.setAsideVerbs.contains { Lines.occurs($0, in: text[j..<s.range.upperBound]) }
          let amends =
            setAside
            || Self.amendVerbs.contains { v in
              j + v.count <= text.count && Array(text[j..<(j + v.count)]) == v
            }
          if amends, !preceded(by: Self.partWords, at: i),
            let target = numbers.indices.first(where: { parts[$0] == nil && numbers[$0] == String(art.value) }
            )
          {
            let own = clauses.paragraphsOf[target] ?? []
            if let n = paragraph {
              if n >= 1, n <= own.count { out.insert(own[n - 1]) }
            } else {
              out.formUnion(own)
            }
          }
          i = j
        }
      }
    }
    return out
  }
}
