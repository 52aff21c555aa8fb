/// Finds the parties ("医療法人〇〇会（以下「甲」という。）") and other defined terms.
enum PartyExtractor {
  /// Every "以下「X」" and "「X」とは" definition, in text order.
  static func definitions(in s: [Unicode.Scalar]) -> [Definition] {
    var out: [Definition] = []
    var i = 0
    while i < s.count {
      i = Lines.next("「", in: s, from: i, to: s.count)
      guard i < s.count else { break }
      if let close = s[(i + 1)..<min(s.count, i + 30)].firstIndex(of: "」") {
        let afterClose = close + 1
        // 「X」とは…をいう, and in definition lists 「X」：… / 「X」:…
        let isTermDefinition =
          Lines.hasPrefix(s, afterClose, s.count, "とは") || Lines.hasPrefix(s, afterClose, s.count, "：")
          || Lines.hasPrefix(s, afterClose, s.count, ":")
        let isLabelDefinition = precededByIka(s, i)
        // 「（３）「事業者指針」　経済産業省・総務省の…」: a quoted term opening a list item, its meaning
        // after a space.
        let isListedTerm = isListed(s, i..<afterClose)
        if isTermDefinition || isLabelDefinition || isListedTerm
          || collectiveLabel(s, quote: i, close: close),
          close > i + 1
        {
          out.append(Definition(term: Lines.string(s, (i + 1)..<close), range: i..<(close + 1)))
        }
        i = close + 1
      } else {
        i += 1
      }
    }
    return out
  }

  static let cellSeparators: Set<Unicode.Scalar> = ["│", "┃", "|", "｜", "\t"]
  /// Labels a cover table may give the parties besides the usual ones.
  static let tableLabels = ["貴社", "貴院", "御社", "当法人"]

  /// A party label as contracts and cover tables usually write it.
  static func isUsualLabel(_ label: String) -> Bool {
    PartyLabels.all.contains(label) || tableLabels.contains(label)
  }

  /// Parties named in the rows of a cover table before the articles: a short label cell, then a cell
  /// with the party's name (its legal form or 病院 tells the role). 「│名称│…│」 is no label.
  static func coverTableParties(_ s: [Unicode.Scalar], before limit: Int) -> [Party] {
    var out: [Party] = []
    // Every row of a ruled table, cell by cell in place (empty cells kept): read for one party per
    // row here, and for a column per party after (`columnParties`).
    var rows: [[String]] = []
    var i = 0
    let end = min(limit, s.count, 6_000)
    while i < end {
      var j = i
      while j < end, !Lines.isBreak(s[j]) { j += 1 }
      let line = s[i..<j]
      let row =
        line.contains(where: cellSeparators.contains)
        ? line.split(omittingEmptySubsequences: false, whereSeparator: cellSeparators.contains)
          .map { String(String.UnicodeScalarView($0.filter { !Lines.isSpace($0) })) } : nil
      if let row { rows.append(row) }
      if let p = colonParty(line) ?? itemParty(line), !out.contains(where: { $0.label == p.label }) {
        out.append(p)
      } else if let cells = row?.filter({ !$0.isEmpty }) {
        // 「│ 保守会社 │ 株式会社… │」: the same labels as a cover block's line.
        if cells.count >= 2, let p = party(label: cells[0], name: cells[1]),
          !out.contains(where: { $0.label == p.label })
        {
          out.append(p)
        }
      }
      i = j + 1
    }
    for p in columnParties(rows) where !out.contains(where: { $0.label == p.label }) { out.append(p) }
    return out
  }

  /// A cover table with a column per party: 「名称｜医療法人…｜株式会社…」 and
  /// 「本書の略称｜「クリニック」｜「保管会社」」. Each column's short name in brackets is that party's label;
  /// its 名称 (and 施設) cells tell the role.
  static func columnParties(_ rows: [[String]]) -> [Party] {
    guard
      let short = rows.first(where: { r in
        r.count >= 3 && (r[0].contains("略称") || r[0].contains("呼称"))
          && r.dropFirst().contains { $0.contains("「") }
      })
    else { return [] }
    let names = rows.filter { r in r.count >= 2 && ["名称", "氏名", "商号", "施設"].contains(where: r[0].contains) }
    var out: [Party] = []
    for c in 1..<short.count {
      let cell = short[c]
      guard let open = cell.firstIndex(of: "「"), let close = cell[open...].firstIndex(of: "」"),
        cell.index(after: open) < close
      else { continue }
      let label = String(cell[cell.index(after: open)..<close])
      let name = names.compactMap { c < $0.count ? $0[c] : nil }.filter { !$0.isEmpty }
      let role = PartyLabels.role(fromName: name.joined())
      guard label.count <= 8, role != .unknown, !out.contains(where: { $0.role == role }) else { continue }
      out.append(Party(role: role, label: label, name: name.first))
    }
    return out.count == 2 ? out : []
  }

  /// Words a 「…：」 line of a cover block names that are not parties.
  static let notPartyLabels: Set<String> = [
    "代表者", "担当者", "責任者", "連絡先", "所在地", "住所", "名称", "氏名", "商号", "契約者名",
  ]

  /// 「　寄託者：医療法人架空会　架空東病院」: a party label (a usual one, or a short word ending in
  /// 者/社/院) and a name whose legal form or 病院 tells the role.
  static func colonParty(_ line: ArraySlice<Unicode.Scalar>) -> Party? {
    guard let colon = line.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
    let label = String(String.UnicodeScalarView(line[..<colon].filter { !Lines.isSpace($0) }))
    let name = String(String.UnicodeScalarView(line[(colon + 1)...])).trimmingBlanks()
    return party(label: label, name: name)
  }

  /// Last characters of a label that name a party (「提供事業者」「保守会社」「当院」).
  static let partyNouns: Set<Substring> = ["者", "社", "院"]
  /// Words in a company's name that make it a place of care (a pharmacy chain, a hospital).
  static let careWords = ["薬局", "調剤", "病院", "診療所", "クリニック", "医院", "ファーマシー"]

  static let institutionHeads = ["医療機関", "医療機関等", "施設", "病院", "診療所", "クリニック", "薬局", "医院"]

  /// A party label (a usual one, or a short word ending in 者/社/院) and a name whose legal form or
  /// 病院 tells the role: what a cover block's line or a parties list's item holds.
  static func party(label: String, name: String) -> Party? {
    // A usual label may be longer (「プロバイダー：…合同会社」「サービス提供者：…」).
    guard label.count >= 2, label.count <= 5 || PartyLabels.all.contains(label),
      !notPartyLabels.contains(label),
      !name.isEmpty,
      isUsualLabel(label) || partyNouns.contains(label.suffix(1))
    else { return nil }
    let role = PartyLabels.role(fromName: name)
    return role != .unknown ? Party(role: role, label: label, name: name) : nil
  }

  /// 「　(1) 委託病院　医療法人あかね会　あかね中央病院」 under 「当事者は、次のとおりとする。」: an item
  /// marker, a party label, a space and the party's name.
  static func itemParty(_ line: ArraySlice<Unicode.Scalar>) -> Party? {
    var i = line.startIndex
    while i < line.endIndex, Lines.isSpace(line[i]) { i += 1 }
    let markerStart = i
    while i < line.endIndex, i - markerStart < 5,
      Numerals.digitValue(line[i]) != nil || Numerals.isKanjiNumeral(line[i])
        || ["（", "）", "(", ")", ".", "．", "、"].contains(line[i]) || ("①"..."⑳").contains(line[i])
    {
      i += 1
    }
    guard i > markerStart, i < line.endIndex else { return nil }
    while i < line.endIndex, Lines.isSpace(line[i]) { i += 1 }
    guard let space = line[i...].firstIndex(where: Lines.isSpace) else { return nil }
    let label = String(String.UnicodeScalarView(line[i..<space]))
    let name = String(String.UnicodeScalarView(line[space...])).trimmingBlanks()
    // 「（２）運営事業者　協議会から…を受託する事業者」 describes someone; a name names.
    return describes(name) ? nil : party(label: label, name: name)
  }

  /// The verb that closes a definition's meaning, longest first.
  static let definitionVerbs = ["をいいます", "をいう", "をいい", "を意味します", "を意味する", "を指します", "を指す"]

  /// Words that describe someone or something (「…を受託する事業者」「委託病院が保管する…文書をいい」)
  /// rather than name them.
  static func describes(_ name: String) -> Bool {
    // The definition's own verb (「…をいう」) is not part of what it names.
    var core = name
    for verb in definitionVerbs { core = core.removingText(verb) }
    return core.count > 40 || ["を", "する", "した", "される"].contains(where: core.containsText)
  }

  /// A term that opens a list item and is followed by a space before its meaning (「（３）「事業者指針」
  /// 　…」).
  static func isListed(_ s: [Unicode.Scalar], _ term: Range<Int>) -> Bool {
    term.upperBound < s.count && Lines.isSpace(s[term.upperBound]) && opensItem(s, quote: term.lowerBound)
  }

  /// The quote at `quote` starts its line, after at most an item marker (（３）, (3), ３．, ①).
  static func opensItem(_ s: [Unicode.Scalar], quote: Int) -> Bool {
    var j = quote - 1
    while j >= 0, quote - j <= 6, !Lines.isBreak(s[j]) {
      let c = s[j]
      let marker =
        Lines.isSpace(c) || Numerals.digitValue(c) != nil || Numerals.isKanjiNumeral(c)
        || ["（", "）", "(", ")", ".", "．", "、"].contains(c) || ("①"..."⑳").contains(c)
      guard marker else { return false }
      j -= 1
    }
    return j < 0 || Lines.isBreak(s[j])
  }

  /// Terms a definitions article lists without quotes: 「（３）事業者ガイドライン　経済産業省及び総務省
  /// が定めた…」「(2) 運営事業者：…」. The term runs from after the item's marker to the first space
  /// or colon.
  static func listedDefinitions(in s: [Unicode.Scalar], articles: [Article]) -> [Definition] {
    var out: [Definition] = []
    // Scalars compared directly: Foundation's String.contains was a noticeable part of parsing.
    func names(_ h: String) -> Bool {
      let u = Array(h.unicodeScalars)
      return zip(u, u.dropFirst()).contains { ($0 == "定" && $1 == "義") || ($0 == "用" && $1 == "語") }
    }
    for a in articles where a.heading.map(names) ?? false {
      for item in a.paragraphs.flatMap(\.items) {
        var i = item.range.lowerBound
        let end = item.range.upperBound
        while i < end, Lines.isSpace(s[i]) { i += 1 }
        // The marker, where the item's range still holds it: （３） / (3) / ３． / ①.
        if i < end, s[i] == "（" || s[i] == "(" {
          while i < end, s[i] != "）", s[i] != ")" { i += 1 }
          i += 1
        } else if Lines.hasPrefix(s, i, end, item.label) {
          i += item.label.unicodeScalars.count
        }
        while i < end, Lines.isSpace(s[i]) { i += 1 }
        let start = i
        while i < end, i - start <= 20, !Lines.isSpace(s[i]), s[i] != "：", s[i] != ":", s[i] != "、",
          s[i] != "。",
          s[i] != "「", !Lines.isBreak(s[i])
        {
          i += 1
        }
        guard i < end, i - start >= 2, i - start <= 20, Lines.isSpace(s[i]) || s[i] == "：" || s[i] == ":"
        else { continue }
        out.append(Definition(term: Lines.string(s, start..<i), range: start..<i))
      }
    }
    return out
  }

  static let collective = ["これらを総称して", "これらを併せて", "これらを", "これを", "併せて", "総称して"].map {
    Array($0.unicodeScalars)
  }

  /// Words that gather what comes before them under one label (「幹事施設と参加施設をあわせて「各施設」という」).
  static let gathering = ["あわせて", "併せて", "合わせて", "総称して"].map { Array($0.unicodeScalars) }

  /// 「…をあわせて「各施設」という」 without 以下: a label for several named before it.
  static func collectiveLabel(_ s: [Unicode.Scalar], quote: Int, close: Int) -> Bool {
    var j = quote - 1
    while j >= 0, Lines.isSpace(s[j]) || s[j] == "、" { j -= 1 }
    guard gathering.contains(where: { w in j + 1 >= w.count && s[(j + 1 - w.count)...j].elementsEqual(w) })
    else {
      return false
    }
    return Lines.hasPrefix(s, close + 1, s.count, "という") || Lines.hasPrefix(s, close + 1, s.count, "といい")
      || Lines.hasPrefix(s, close + 1, s.count, "と総称")
  }

  /// The side of a label for several parties gathered together (「幹事施設と参加施設をあわせて「各施設」」):
  /// the one side every party named in the words before it is on; nil where they are on both sides
  /// (「甲及び乙を総称して「当事者」」) or none is named.
  static func collectiveRole(_ s: [Unicode.Scalar], quote: Int, parties: [Party]) -> PartyRole? {
    var start = quote
    while start > 0, quote - start < 60, !["（", "(", "、", "，", "。", "」", "\n"].contains(s[start - 1]) {
      start -= 1
    }
    let words = Lines.string(s, start..<quote)
    let named =
      parties.filter { words.containsText($0.label) }.map(\.role)
      + PartyLabels.all.filter { l in words.containsText(l) && !parties.contains { $0.label == l } }
      .map(PartyLabels.role(fromLabel:))
    guard let first = named.first, first != .unknown, named.allSatisfy({ $0 == first }) else { return nil }
    return first
  }

  /// "以下「", "以下、「", "以下単に「", and 「以下」 at a line's end with 「「乙」」 on the next
  /// (pdftotext breaks lines anywhere).
  static func precededByIka(_ s: [Unicode.Scalar], _ quote: Int) -> Bool {
    var j = quote - 1
    var skipped = 0
    while j >= 0, skipped < 3,
      s[j] == "、" || s[j] == "," || s[j] == "単" || s[j] == "に" || Lines.isSpace(s[j]) || Lines.isBreak(s[j])
    {
      j -= 1
      skipped += 1
    }
    // 「以下これらを「基盤事業者」という」「以下併せて「本件設備」という」
    for w in Self.collective where j + 1 >= w.count && s[(j + 1 - w.count)...j].elementsEqual(w) {
      j -= w.count
      while j >= 0, s[j] == "、" || Lines.isSpace(s[j]) { j -= 1 }
      break
    }
    guard j >= 1, s[j] == "下" else { return false }
    // 「（以\n下「乙」という。）」: pdftotext breaks lines inside 以下 too.
    var k = j - 1
    while k > 0, j - k <= 3, Lines.isBreak(s[k]) || Lines.isSpace(s[k]) { k -= 1 }
    return s[k] == "以"
  }

  /// What the labels of documents end with.
  static let documentHeads = ["仕様書", "約款", "特記事項", "規約", "規程", "要領", "契約書", "覚書", "計画書", "提案書"]

  /// Labels naming whoever does the work (「保守業者」「運用事業者」「受注者」).
  static let workerHeads = ["業者", "事業者", "受託者", "受注者", "請負者", "請負人", "ベンダ", "ベンダー"]
  /// What such a label's definition ends with: an organisation.
  static let workerKinds = ["事業者", "業者", "者", "会社", "法人"]

  static func parties(in s: [Unicode.Scalar], contract: Contract) -> [Party] {
    var parties: [Party] = []
    // Party definitions come before the first article, or in the early articles of terms of use.
    let limit = max(
      contract.articles.dropFirst(3).first?.range.lowerBound ?? s.count, contract.preamble?.upperBound ?? 0)
    for d in contract.definitions where d.range.lowerBound < limit {
      let label = d.term
      guard !parties.contains(where: { $0.label == label }) else { continue }
      let isLabelDefinition = precededByIka(s, d.range.lowerBound)
      if !isLabelDefinition, collectiveLabel(s, quote: d.range.lowerBound, close: d.range.upperBound - 1) {
        if let role = collectiveRole(s, quote: d.range.lowerBound, parties: parties) {
          parties.append(Party(role: role, label: label, name: nil))
        }
        continue
      }
      var name: String?
      if isLabelDefinition {
        name = nameBefore(s, definitionStart: d.range.lowerBound)
        // 「委託者（以下「病院」という。）：医療法人…」 in a cover block: the role word before the bracket
        // is no name; the name follows the colon.
        if let n = name, isUsualLabel(n),
          let after = nameAfterColon(s, definitionEnd: d.range.upperBound)
        {
          name = after
        }
      } else if s[d.range.lowerBound] == "「" {
        name = definitionBody(s, after: d.range.upperBound)
      } else {
        name = listedBody(s, after: d.range.upperBound)
      }
      let known = PartyLabels.all.contains(label)
      // 「（２）「委託先」　乙から…を受託する株式会社…」 in a definitions list names a thing or a
      // third party, not one of the parties, unless its label is a party's usual one or its meaning
      // is an organisation's name and nothing more (「三　「運用会社」　株式会社…をいう。」).
      let namesAnOrganisation =
        name.map { PartyLabels.organisationRole(fromName: $0) != .unknown && !describes($0) } ?? false
      if isListed(s, d.range) && !known && !namesAnOrganisation { continue }
      if !known, isLabelDefinition, commissionedByVendor(parties, s, d.range) { continue }
      let nameRole = name.map(PartyLabels.role(fromName:)) ?? .unknown
      // "本契約", "本業務", "本システム" … name things, never parties.
      // 「本会」「本法人」「本機構」 are the association itself.
      // 「本院」 is the hospital itself.
      let association = ["本会", "本法人", "本機構", "本協議会", "本組合", "本院", "本病院"].contains(label)
      // 「…保守業務仕様書（以下「仕様書」という。）」「…契約約款（以下「約款」という。）」: documents, whatever
      // hospital their titles name.
      let namesAThing =
        (label.hasPrefix("本") && !association) || label.hasSuffix("契約") || label.hasSuffix("業務")
        || Self.documentHeads.contains(where: label.hasSuffix)
      var organisation = name.map(PartyLabels.organisationRole(fromName:)) ?? .unknown
      // 「一般財団法人ほしかげ会（ほしかげ病院を開設する。以下「病院」という。）」: the gloss says what the
      // organisation is where its name does not.
      // 「株式会社ほほえみケア（訪問看護ステーションほほえみの開設者。以下「甲」という。）」: a company that
      // says it runs a place of care is the institution, whatever its legal form says.
      var runsCare = false
      if isLabelDefinition, let gloss = gloss(s, before: d.range.lowerBound) {
        let glossText = Lines.string(s, gloss)
        if organisation == .unknown { organisation = PartyLabels.organisationRole(fromName: glossText) }
        runsCare = PartyLabels.runsAPlaceOfCare(glossText) || PartyLabels.namesAPlaceOfCare(glossText)
      }
      // 「一般財団法人椿ヶ丘医療財団（以下「本院」という。）」: 本院 is how a hospital calls itself, whatever
      // its legal form.
      if organisation == .unknown, isLabelDefinition, ["本院", "本病院"].contains(label) {
        organisation = .institution
      }
      // 「…協議会（以下「協議会」という。）が運営する地域連携ネットワーク」: the body that runs the
      // service is its provider, whatever its legal form.
      // 「当センター（以下「発注者」という。）が運用する健診業務システム」: a label that says it is the
      // one who orders is not turned into the provider by running its own system.
      if isLabelDefinition, organisation == .unknown, PartyLabels.role(fromLabel: label) != .institution,
        operates(s, afterLabel: d.range.upperBound, label: label)
      {
        organisation = .vendor
      }
      // A definitions list may name a party by a short form of its name (「架空ヘルステック」：株式会社…).
      // 「「対象文書」とは、委託病院が保管する…文書をいい」 describes a thing that mentions a hospital.
      let definedByName =
        !isLabelDefinition && organisation != .unknown && label.count <= 12 && !namesAThing
        && !(name.map(describes) ?? false)
      // 「…を利用する医療機関（以下「参加医療機関」という。）」: a longer label that ends in what the
      // institution is, for a name that says so.
      let institutionLabel =
        isLabelDefinition && !namesAThing && label.count <= 8 && nameRole == .institution
        && Self.institutionHeads.contains(where: label.hasSuffix)
      // 「協議会が選定し…利用契約を締結したシステム運用事業者（以下「運用事業者」という。）」: a label
      // for the one doing the work, defined as an enterprise, is the vendor even when described
      // rather than named.
      let workerLabel =
        isLabelDefinition && !known && organisation == .unknown && label.count <= 6
        && Self.workerHeads.contains(where: label.hasSuffix)
        && (name.map { n in Self.workerKinds.contains(where: n.hasSuffix) } ?? false)
      if workerLabel { organisation = .vendor }
      guard
        known || workerLabel
          || (isLabelDefinition && organisation != .unknown && !namesAThing
            // 「株式会社スカイネットワークス（以下「ネットワーク社」という。）」: a longer label ending in
            // 社/者/院 for an organisation's name.
            && (label.count <= 4
              || (label.count <= 8 && partyNouns.contains(label.suffix(1)) && !label.hasPrefix("当該"))
              // 「株式会社イーストゲート・ソリューションズ（以下「イーストゲート」という。）」: a short
              // form of the organisation's own name.
              || (label.count <= 12 && (name.map { $0.containsText(label) } ?? false))
              // 「ミナトデータセンター株式会社（以下「ミナトDC」という。）」: the name's own opening and
              // an abbreviation.
              || (label.count <= 8 && (name.map { sharesOpening($0, label) } ?? false))
              // 「当センター」「当クリニック」: 当 before a noun is how a party calls itself (当該, "the
              // said", is not).
              || (label.hasPrefix("当") && !label.hasPrefix("当該") && label.count <= 8)))
          || definedByName || institutionLabel || (runsCare && label.count <= 8 && !namesAThing)
      else {
        continue
      }
      // "「契約者」とは…をいいます" describes the party rather than naming it.
      parties.append(
        Party(
          role: runsCare ? .institution : nameRole == .unknown ? organisation : nameRole, label: label,
          name: isLabelDefinition || (definedByName && s[d.range.lowerBound] == "「") || namesAnOrganisation
            ? name.map(bareName) : nil))
      if nameRole == .unknown, !isLabelDefinition, let body = name {
        parties[parties.count - 1].role = PartyLabels.role(fromName: body)
      }
    }
    // 「「保守業者」とは、病院と保守業務委託契約を締結した事業者をいう。」: a 仕様書 names its vendor
    // by what it does, not by its name; the label says it is the one doing the work.
    if !parties.contains(where: { $0.role == .vendor }),
      let d = contract.definitions.first(where: { d in
        d.range.lowerBound < limit && d.term.count <= 6 && Self.workerHeads.contains(where: d.term.hasSuffix)
          && !precededByIka(s, d.range.lowerBound)
          && (definitionBody(s, after: d.range.upperBound).map { body in
            let what = ["をいう", "をいいます", "を指す", "を指します"].reduce(body) { b, end in
              b.hasSuffix(end) ? String(b.dropLast(end.count)) : b
            }
            return Self.workerKinds.contains(where: what.hasSuffix)
          } ?? false)
      })
    {
      parties.append(Party(role: .vendor, label: d.term, name: nil))
    }
    // A cover table naming the parties (「│当院│医療法人架空腎クリニック…│」).
    for p in coverTableParties(s, before: limit) where !parties.contains(where: { $0.label == p.label }) {
      parties.append(p)
    }
    // Terms of use often say 当社 / 契約者 without defining them.
    // The opening of the terms is enough to tell how they name the parties. The label used most
    // comes first: network rules say 参加施設 throughout and 利用者 for its staff now and then.
    let opening = s[..<min(s.count, 5_000)]
    let undefined = zip(Self.undefinedLabels, Self.undefinedCounts(opening, max: 12)).filter { $0.1 >= 3 }
      .sorted { $0.1 > $1.1 }
    // 「受注者」 of a 仕様書 a council issues for the network it runs: the contractor is a vendor
    // beside the council, which provides the network to its members.
    let contractor = undefined.map(\.0).filter { ["受注者", "受託者"].contains($0) }
    for (label, _) in undefined where !parties.contains(where: { $0.label == label }) {
      let role = PartyLabels.role(fromLabel: label)
      if parties.count < 2 || contractor.contains(label)
        || !parties.contains(where: {
          ($0.role == .unknown ? PartyLabels.role(fromLabel: $0.label) : $0.role) == role
        })
      {
        parties.append(Party(role: .unknown, label: label, name: nil))
      }
    }
    // Roles: names first, then the label, then the other side of a two-party contract.
    for k in parties.indices where parties[k].role == .unknown {
      parties[k].role = PartyLabels.role(fromLabel: parties[k].label)
    }
    let main = parties.filter { PartyLabels.neutralLabels.contains($0.label) || $0.role != .unknown }
    if main.count == 2 {
      let roles = main.map(\.role)
      if roles.contains(.unknown), let known = roles.first(where: { $0 != .unknown }) {
        let other: PartyRole = known == .institution ? .vendor : .institution
        for k in parties.indices
        where parties[k].role == .unknown && main.contains(where: { $0.label == parties[k].label }) {
          parties[k].role = other
        }
      }
    }
    // 「一般財団法人…協会（以下「甲」という。）と…共同企業体（…以下「乙」という。）は、甲が運営する…健診
    // センター（以下「センター」という。）」: 甲 and 乙 are the two sides whatever else is named.
    if let a = parties.firstIndex(where: { $0.label == "甲" }),
      let b = parties.firstIndex(where: { $0.label == "乙" })
    {
      for (x, y) in [(a, b), (b, a)] where parties[x].role == .unknown && parties[y].role != .unknown {
        parties[x].role = parties[y].role == .institution ? .vendor : .institution
      }
    }
    // 「株式会社ひまわり調剤ホールディングス（以下「当社」という。）と、ネクサスファーマIT株式会社（以下
    // 「受託会社」という。）」: two companies, one of them a pharmacy chain (or a hospital run as a
    // company) that commissions the other. The one whose name says so is the institution.
    // With the maker beside them (「株式会社ファーマテック研究所（以下「製造元」という。）」) they are three.
    let companies = parties.indices.filter { parties[$0].role == .vendor && parties[$0].name != nil }
    if companies.count >= 2 {
      let care = companies.filter { k in Self.careWords.contains { parties[k].name!.containsText($0) } }
      if care.count == 1 {
        parties[care[0]].role = .institution
      } else if companies.count == 2 {
        // Two companies and no name tells: labels that do (委託者 and 受託者) decide. (A council
        // that runs a network beside its contractor is no company: it stays the provider.)
        let byLabel = companies.map { PartyLabels.role(fromLabel: parties[$0].label) }
        if Set(byLabel) == [.institution, .vendor],
          companies.allSatisfy({ parties[$0].name!.containsText("会社") })
        {
          for (k, role) in zip(companies, byLabel) { parties[k].role = role }
        }
      }
    }
    // 甲 and 乙 of one contract are not both the vendor, nor both the institution. Beside a body that is
    // no company, the company is the vendor and the body commissions it:
    // 「一般社団法人…ヘルスケアネット（以下「甲」という。）と株式会社…（以下「乙」という。）は、甲が運営する
    // …ネットワークの運用業務の委託について」 (the body that runs the network was taken for its provider);
    // 「医療法人鈴音会（以下「甲」という。）と株式会社クリニックフロー（以下「乙」という。）」 (クリニック in the
    // vendor's name made it a second institution).
    for shared in [PartyRole.vendor, .institution] {
      let pair = parties.indices.filter { k in
        ["甲", "乙"].contains(parties[k].label) && parties[k].role == shared
      }
      guard pair.count == 2 else { continue }
      let companies = pair.filter { k in
        parties[k].name.map { n in PartyLabels.companyForms.contains(where: n.containsText) } ?? false
      }
      guard companies.count == 1, let other = pair.first(where: { $0 != companies[0] }) else { continue }
      parties[companies[0]].role = .vendor
      parties[other].role = .institution
    }
    // 「「運営者」　地方独立行政法人こもれび市民病院（本ネットワークを設置し運営する者）」: a hospital
    // that runs the network other institutions join is its provider. Where no party is the vendor,
    // the one whose label or description says it runs or provides the service is.
    if !parties.contains(where: { $0.role == .vendor }),
      parties.filter({ $0.role == .institution }).count >= 2
    {
      for k in parties.indices
      where PartyLabels.vendorLabels.contains(parties[k].label)
        || (parties[k].name.map { n in ["運営する者", "提供する者", "運営する法人"].contains(where: n.containsText) } ?? false)
      {
        parties[k].role = .vendor
      }
    }
    return parties
  }

  /// 「（以下「X」という。）に委託」「…に担わせる」 in a sentence whose subject is a party found as the vendor (「乙は、」
  /// 「本会が」): X is a company the vendor commissions, its subcontractor, not a party.
  static func commissionedByVendor(_ parties: [Party], _ s: [Unicode.Scalar], _ quote: Range<Int>) -> Bool {
    guard precededByIka(s, quote.lowerBound) else { return false }
    var j = quote.upperBound
    while j < s.count, j - quote.upperBound < 6, s[j] != "）", s[j] != ")" { j += 1 }
    guard j < s.count, s[j] == "）" || s[j] == ")",
      ["に委託", "へ委託", "に再委託", "に業務を委託", "に担わせ", "に担当させ", "に請け負わせ", "に行わせ"].contains(where: {
        Lines.hasPrefix(s, j + 1, s.count, $0)
      }) || givesWork(s, after: j + 1)
    else { return false }
    var x = quote.lowerBound
    while x > 0, quote.lowerBound - x < 120, s[x - 1] != "。", !Lines.isBreak(s[x - 1]) { x -= 1 }
    return parties.contains { p in
      p.role == .vendor
        && (Lines.contains(s, x..<quote.lowerBound, p.label + "が")
          || Lines.contains(s, x..<quote.lowerBound, p.label + "は"))
    }
  }

  /// 「（以下「関連会社等」という。）に本契約の作業の一部を行わせる」: the work named between に and the
  /// verb that gives it out.
  static func givesWork(_ s: [Unicode.Scalar], after i: Int) -> Bool {
    guard Lines.hasPrefix(s, i, s.count, "に") else { return false }
    var e = i + 1
    while e < s.count, e - i < 24, s[e] != "。", !Lines.isBreak(s[e]) { e += 1 }
    return ["を行わせ", "を委託", "を再委託", "を担わせ", "を請け負わせ", "を実施させ"].contains { Lines.contains(s, i..<e, $0) }
  }

  /// Whether the definition's parenthesis is followed by 「が運営する」「が提供する」: the party defined
  /// runs the service.
  static func operates(_ s: [Unicode.Scalar], afterLabel: Int, label: String? = nil) -> Bool {
    var j = afterLabel
    while j < min(s.count, afterLabel + 8), s[j] != "）", s[j] != ")" { j += 1 }
    guard j < s.count, s[j] == "）" || s[j] == ")" else { return false }
    // pdftotext may break the line inside the verb (「が運営す\nる」).
    var after = String.UnicodeScalarView()
    var k = j + 1
    while k < s.count, after.count < 8 {
      if !Lines.isBreak(s[k]) { after.append(s[k]) }
      k += 1
    }
    let text = String(after)
    // 「一般財団法人…（以下「甲」という。）…甲が運営する東雲健診センター」: the place of care it runs
    // makes it the institution, not a provider.
    if placeOfCareFollows(s, from: j + 1) { return false }
    if ["が運営する", "が提供する", "が管理運営する", "が運用する"].contains(where: { text.hasPrefix($0) }) { return true }
    // 「本会」が会員の診療所（以下「会員施設」という。）に提供する…: the verb after the other party's
    // definition, in the same sentence. 「…（以下「運営法人」という。）と、…（以下「会員施設」という。）は、
    // 運営法人が提供する医療連携システム」: the label itself runs it, later in the sentence.
    let runsBy = label.map { l in ["が提供する", "が運営する", "の運営する", "の提供する"].map { l + $0 } } ?? []
    guard text.hasPrefix("が") || !runsBy.isEmpty else { return false }
    var rest = String.UnicodeScalarView()
    var depth = 0
    k = j + 1
    // The 。 of 「…という。）」 inside the other party's definition does not end the sentence.
    while k < s.count, rest.count < 80, s[k] != "。" || depth > 0 {
      if s[k] == "（" || s[k] == "(" { depth += 1 }
      if s[k] == "）" || s[k] == ")" { depth = max(0, depth - 1) }
      if !Lines.isBreak(s[k]) { rest.append(s[k]) }
      k += 1
    }
    let sentence = String(rest)
    if let l = label, Self.careAfter(sentence, l + "が運営する") {
      return false
    }
    if runsBy.contains(where: sentence.containsText) { return true }
    return text.hasPrefix("が")
      && ["に提供する", "に運営する", "が運営する", "を運営する", "を提供する"].contains(where: sentence.containsText)
  }

  /// What a place of care is called after 「…が運営する」.
  static let careObjects = ["病院", "診療所", "クリニック", "医院", "薬局", "健診", "検診", "歯科", "介護", "老人保健施設", "訪問看護"]

  /// 「が運営する東雲健診センター」: the words after the verb, up to the next particle or bracket, name a
  /// place of care.
  static func careAfter(_ sentence: String, _ verb: String) -> Bool {
    guard let r = sentence.firstRange(of: verb) else { return false }
    let object = sentence[r.upperBound...].prefix(20).prefix {
      !["の", "に", "、", "（", "(", "を", "は", "が"].contains($0)
    }
    return careObjects.contains { object.contains($0) }
  }

  /// 「…という。）が運営する○○病院」 right after the definition.
  static func placeOfCareFollows(_ s: [Unicode.Scalar], from k: Int) -> Bool {
    let upTo = min(s.count, k + 30)
    let after = String(String.UnicodeScalarView(s[k..<upTo].filter { !Lines.isBreak($0) }))
    return ["が運営する", "が開設する"].contains { v in after.hasPrefix(v) && careAfter(after, v) }
  }

  /// Verbs by which a party appoints a person it then names (「…（以下「PM」という。）を選任し」).
  static let appointing = ["を選任", "を任命", "を指名", "を置き", "を置く", "を配置"]
  static let maxAgents = 8

  /// 「保守事業者は、本業務の統括者としてプロジェクトマネージャ（以下「PM」という。）を選任し」: a person a
  /// party appoints and names acts for it. Returned as parties of that role with the name as their
  /// label, for the matching view only (the contract's parties stay as they are).
  public static func agents(in s: [Unicode.Scalar], contract: Contract) -> [Party] {
    var out: [Party] = []
    // Sets, so that a text of many thousand definitions is still read in one pass.
    var seen = Set(contract.parties.map(\.label))
    for d in contract.definitions where d.term.count <= 12 && !seen.contains(d.term) {
      // A contract appoints a few people; each is a label the matching view looks for at every scalar.
      if out.count >= maxAgents { break }
      var a = d.range.lowerBound
      while a > 0, s[a - 1] != "。", s[a - 1] != "\n", d.range.lowerBound - a < 120 { a -= 1 }
      var b = d.range.upperBound
      while b < s.count, s[b] != "\n", b - d.range.upperBound < 40 { b += 1 }
      // A paragraph number (「1 」「２　」「(1)」) before the sentence's subject is passed over.
      while a < d.range.lowerBound,
        Numerals.digitValue(s[a]) != nil || Lines.isSpace(s[a]) || "()（）.．".unicodeScalars.contains(s[a])
      {
        a += 1
      }
      let sentence = String(String.UnicodeScalarView(s[a..<b]))
      guard appointing.contains(where: { sentence.containsText("）" + $0) }),
        let party = contract.parties.first(where: { p in
          p.role != .unknown && (sentence.hasPrefix(p.label + "は") || sentence.hasPrefix(p.label + "が"))
        })
      else { continue }
      out.append(Party(role: party.role, label: d.term, name: nil))
      seen.insert(d.term)
    }
    // 「健診システム構築共同企業体（代表構成員　株式会社…）（以下「乙」という。）」: the member that represents
    // a joint venture acts for it (「代表構成員から甲に協議を申し入れ」).
    if let jv = contract.parties.first(where: { p in
      p.role == .vendor && jointVentureWords.contains { (p.name ?? "").containsText($0) }
    }) {
      for l in representativeMembers where !seen.contains(l) && out.count < maxAgents {
        out.append(Party(role: jv.role, label: l, name: nil))
        seen.insert(l)
      }
    }
    return out
  }
  static let jointVentureWords = ["共同企業体", "コンソーシアム", "JV"]
  static let representativeMembers = ["代表構成員", "代表企業", "代表会社"]

  /// The name written before "（以下「甲」…": back to the previous definition, sentence or line.
  static func nameBefore(_ s: [Unicode.Scalar], definitionStart: Int) -> String? {
    // Step back over "以下、" and the opening bracket.
    var j = definitionStart - 1
    while j >= 0, s[j] != "（", s[j] != "(", definitionStart - j < 6 { j -= 1 }
    if j < 0 || (s[j] != "（" && s[j] != "(") {
      // 「医療法人きよせ会（きよせ中央病院を開設する者。以下「病院」という。）」: a gloss ended by 。 or 、
      // before 以下 in the same bracket; the name is before the bracket.
      j = gloss(s, before: definitionStart).map { $0.lowerBound - 1 } ?? -1
    }
    guard j >= 0, s[j] == "（" || s[j] == "(" else { return nil }
    let end = j
    var a = end - 1
    while a >= 0, end - a < 80 {
      let c = s[a]
      // 「…クリニック\n受託者（以下「受託者」…）」: a colon ends the row before, never part of a name.
      if c == "）" || c == ")" || c == "。" || c == "、" || c == "」" || c == "：" || c == ":" { break }
      // A table's cell border (「│ 利用者 │ 医療法人…（以下「センター」）」) ends the name's cell.
      if cellSeparators.contains(c) || (0x2500...0x257F).contains(c.value) { break }
      // A line break inside a name (pdftotext breaks lines mid-word: 「株式会社カナメ情報シス\nテム」)
      // is crossed; one after a finished sentence, a blank line or a title line is not.
      if c == "\n" || c == "\r" {
        var b = a - 1
        while b >= 0, s[b] == "\r" || Lines.isSpace(s[b]) { b -= 1 }
        let previousLineEndsText = b < 0 || s[b] == "\n" || s[b] == "。" || s[b] == "）" || s[b] == ")"
        let lineLength = (a - 1 - (s[..<max(0, a)].lastIndex(of: "\n") ?? -1))
        // 「受託者（以下「受託者」という。）：株式会社…」 opening its line: a role word of a cover block's
        // row, whatever the row before it.
        let lineHead = Lines.string(s, (a + 1)..<end).trimmingBlanks()
        if previousLineEndsText || lineLength < 30 || PartyLabels.all.contains(lineHead) { break }
      }
      a -= 1
    }
    var start = a + 1
    // Drop joining words left from the previous party: "と", "及び".
    for joiner in ["及び", "並びに", "と", "は"] where Lines.hasPrefix(s, start, end, joiner) {
      start += joiner.unicodeScalars.count
    }
    while start < end, Lines.isSpace(s[start]) { start += 1 }
    // A section number opening the line (「1.1 医療法人…（以下「甲」という。）」) is not the name.
    var k = start
    while k < end, Numerals.digitValue(s[k]) != nil || s[k] == "." || s[k] == "．" { k += 1 }
    if k > start, k < end, Lines.isSpace(s[k]) { start = Lines.skipSpaces(s, k, end) }
    var stop = end
    while stop > start, Lines.isSpace(s[stop - 1]) { stop -= 1 }
    guard stop > start else { return nil }
    return Lines.string(s, start..<stop).filter { $0 != "\n" && $0 != "\r" }
  }

  /// The rest of the line after 「…という。）：」 (a cover block's row whose label cell defines the
  /// party's label), or nil where no colon follows the definition's bracket.
  static func nameAfterColon(_ s: [Unicode.Scalar], definitionEnd: Int) -> String? {
    var k = definitionEnd
    while k < s.count, k - definitionEnd < 10, s[k] != "）", s[k] != ")", s[k] != "\n" { k += 1 }
    guard k < s.count, s[k] == "）" || s[k] == ")" else { return nil }
    k = Lines.skipSpaces(s, k + 1, s.count)
    guard k < s.count, s[k] == "：" || s[k] == ":" else { return nil }
    let start = k + 1
    var end = start
    while end < s.count, !Lines.isBreak(s[end]) { end += 1 }
    let name = Lines.string(s, start..<end).trimmingBlanks()
    return name.isEmpty ? nil : name
  }

  /// The gloss a definition closes (「（…を開設する者。以下「病院」」), from after its opening bracket to
  /// 以下: it ends in 。 or 、 right before 以下 and holds no bracket or line break of its own.
  static func gloss(_ s: [Unicode.Scalar], before definitionStart: Int) -> Range<Int>? {
    var k = definitionStart - 1
    while k >= 0, s[k] != "以", definitionStart - k < 6 { k -= 1 }
    guard k >= 1, s[k] == "以", s[k - 1] == "。" || s[k - 1] == "、" else { return nil }
    let end = k
    k -= 2
    while k >= 0, definitionStart - k < 60 {
      let c = s[k]
      if c == "（" || c == "(" { return (k + 1)..<end }
      if c == "）" || c == ")" || c == "「" || c == "」" || c == "\n" { return nil }
      k -= 1
    }
    return nil
  }

  /// A definition's meaning as a party's name: without the blanks before it and its own verb
  /// (「　株式会社…をいう」 → 「株式会社…」).
  /// The label opens with two or more characters that open the name once its legal form
  /// (株式会社, 有限会社 …) is left off.
  static func sharesOpening(_ name: String, _ label: String) -> Bool {
    var n = Substring(name.trimmingBlanks())
    for form in legalForms where n.hasPrefix(form) {
      n = n.dropFirst(form.count).drop { $0 == " " || $0 == "　" }
    }
    return n.commonPrefix(with: label).count >= 2
  }

  static let legalForms = ["株式会社", "有限会社", "合同会社", "一般社団法人", "一般財団法人"]

  static func bareName(_ name: String) -> String {
    var n = name.trimmingBlanks()
    for verb in definitionVerbs where n.hasSuffix(verb) {
      n.removeLast(verb.count)
      break
    }
    return n
  }

  /// The body of a term a definitions article lists without quotes, across the line breaks of
  /// pdftotext (「…本ネットワークに\n参加する病院、診療所…」) up to 。 or the next item.
  static func listedBody(_ s: [Unicode.Scalar], after: Int) -> String? {
    var j = after
    var out = String.UnicodeScalarView()
    while j < s.count, j - after < 160, s[j] != "。" {
      if Lines.isBreak(s[j]) {
        var k = j + 1
        while k < s.count, Lines.isSpace(s[k]) || Lines.isBreak(s[k]) { k += 1 }
        // The next item (（２）, (2), 二, ２．) or the next article ends the body.
        let numeral = Numerals.digitValue(s[k]) != nil || Numerals.isKanjiNumeral(s[k])
        if k >= s.count || s[k] == "（" || s[k] == "(" || s[k] == "第"
          || (numeral && k + 1 < s.count && (Lines.isSpace(s[k + 1]) || s[k + 1] == "." || s[k + 1] == "．"))
        {
          break
        }
      } else {
        out.append(s[j])
      }
      j += 1
    }
    return out.isEmpty ? nil : String(out)
  }

  /// The text of "「X」とは、…をいう" up to the end of the sentence.
  static func definitionBody(_ s: [Unicode.Scalar], after: Int) -> String? {
    var start = after
    // The body begins after 「とは」 and its comma.
    if Lines.hasPrefix(s, start, s.count, "とは") { start += 2 }
    while start < s.count, s[start] == "、" || Lines.isSpace(s[start]) { start += 1 }
    var j = start
    while j < s.count, j - start < 120, s[j] != "。", s[j] != "\n" {
      // 「「ベンダー」とは…合同会社を、「クリニック」とは…を意味する」: the next term's definition in the
      // same sentence ends this one's body.
      if s[j] == "を", j + 2 < s.count, s[j + 1] == "、", s[j + 2] == "「" { break }
      j += 1
    }
    return j > start ? Lines.string(s, start..<j) : nil
  }

  /// Labels terms of use often use without defining them, looked for in the opening.
  static let undefinedLabels = [
    "当社", "弊社", "契約者", "利用者", "お客様", "お客さま", "運営者", "運営主体", "参加機関", "参加施設", "会員施設", "受注者", "受託者",
    // 「…業務について、発注者と受注者は、…次の条項によって…契約を締結し」: a public body's contract
    // names its parties by their parts only.
    "発注者", "委託者",
    // 「…当社が承諾した医療機関を「利用機関」という。」 defines the label without 以下.
    "利用機関", "利用施設",
  ]
  static let undefinedScalars = undefinedLabels.map { Array($0.unicodeScalars) }
  /// Whether a BMP scalar opens one of the labels (a table: a set lookup per scalar cost more than
  /// the counting it saves).
  static let undefinedFirsts: [Bool] = {
    var t = [Bool](repeating: false, count: 0x1_0000)
    for n in undefinedScalars { t[Int(n[0].value)] = true }
    return t
  }()

  /// How often each of `undefinedLabels` occurs (without overlapping itself), up to `max`, in one
  /// pass over the text: counting each label alone read the opening of every contract twenty times.
  static func undefinedCounts(_ s: ArraySlice<Unicode.Scalar>, max: Int) -> [Int] {
    let needles = undefinedScalars
    let firsts = undefinedFirsts
    var found = [Int](repeating: 0, count: needles.count)
    // Where each label may next start (a match is not counted again inside itself).
    var next = [Int](repeating: 0, count: needles.count)
    s.withUnsafeBufferPointer { s in
      for i in 0..<s.count where s[i].value < 0x1_0000 && firsts[Int(s[i].value)] {
        for (k, n) in needles.enumerated()
        where n[0] == s[i] && i >= next[k] && found[k] < max && i + n.count <= s.count
          && n.indices.allSatisfy({ s[i + $0] == n[$0] })
        {
          found[k] += 1
          next[k] = i + n.count
        }
      }
    }
    return found
  }
}
