extension ElementJudge {
  /// 「受注者は、…手順書に、提供物に係る保護策を含めること。保護策は、…の協議を経て確定し、発注者が
  /// 実施する。」「乙は、…その保護に必要な手当てを洗い出して甲に示す。甲と乙はこれを取り決め…」: a
  /// sentence that opens by taking up the sentence before it in its paragraph continues that
  /// sentence. It takes it up when its topic (the words before its first 「は」 or 「、」 in its
  /// opening) is a noun the sentence before holds, when the noun heading a longer topic is, or when
  /// it says one of `takeUpWords` in its opening. That sentence, or nil; read once per sentence.
  func sentenceTakenUp(by u: Clauses.Unit) -> Clauses.Unit? {
    // Sentences only: their ids come first.
    guard u.id >= 1, u.id < clauses.sentences.count else { return nil }
    if let known = referredMemo.takenUp[u.id] { return known }
    let found = takenUpUncached(u) ?? listLead(of: u)
    referredMemo.takenUp[u.id] = .some(found)
    return found
  }

  private func takenUpUncached(_ u: Clauses.Unit) -> Clauses.Unit? {
    let before = clauses.sentences[u.id - 1]
    guard before.paragraph == u.paragraph, before.range.upperBound == u.range.lowerBound else {
      // 「乙は、…甲が実施すべき是正事項の案…を含む報告書を作成する。2 …甲及び乙は、説明会において是正事項を
      // 協議する。」: talks opening a paragraph over a noun the last sentence of the paragraph before
      // holds take that sentence up (the noun alone, not a topic or a word like これを).
      if before.article != nil, before.article == u.article, before.paragraph + 1 == u.paragraph,
        talksOverNounOf(before, in: u)
      {
        return before
      }
      return nil
    }
    let text = index.text
    let opening = u.range.lowerBound..<min(u.range.upperBound, u.range.lowerBound + Self.openingReach)
    if Self.takeUpWords.contains(where: { Lines.occurs($0, in: text[opening]) }) { return before }
    // 「…「導入時チェックシート」の案を作成します。(2) 当社の担当者は、…と同シートを読み合わせ」: 同 and
    // a noun of the sentence before.
    if namesSameNoun(of: before, in: u) || talksOverNounOf(before, in: u) { return before }
    guard let end = opening.first(where: { Self.topicEnds.contains(text[$0]) }) else { return nil }
    var start = u.range.lowerBound
    if let lead = Self.topicLeads.first(where: { text[start..<end].starts(with: $0) }) { start += lead.count }
    // Two scalars at least, and no party: 「甲は」「会員施設は」「甲及び乙は」 name who acts, not a matter
    // taken up.
    guard end - start >= 2, !partyLabels.contains(where: { Lines.occurs($0, in: text[start..<end]) }) else {
      // 「甲乙の協議により確定した事項は」: the noun that heads the topic (its last two scalars) may
      // still take up the sentence before (「…甲が講ずべき事項を設計書に記載して甲に提示する。」).
      // Not where the topic ends in a party (「会員施設は」).
      let head = text[(end - 2)..<end]
      guard end - start >= 4,
        !partyLabels.contains(where: { text[start..<end].suffix($0.count).elementsEqual($0) })
      else { return nil }
      return Lines.occurs(head, in: text[before.range]) ? before : nil
    }
    return Lines.occurs(text[start..<end], in: text[before.range]) ? before : nil
  }

  /// 「前項は、…保守事業者が次の手順を踏んでいる場合に限り、適用する。（１）…（２）…（３）取り決めた対策を
  /// 保守事業者が実施すること」: an item continues the sentence of its paragraph that announces the
  /// list (the nearest one before it naming 次の／次に掲げる／以下の…). Nil outside lists.
  func listLead(of u: Clauses.Unit) -> Clauses.Unit? {
    guard clauses.itemCounts[u.paragraph] > 0 else { return nil }
    if u.id < clauses.sentences.count, let known = referredMemo.listLeads[u.id] { return known }
    let text = index.text
    var found: Clauses.Unit?
    for k in clauses.sentencesOfParagraph[u.paragraph].reversed() where k < u.id {
      let s = clauses.sentences[k]
      if Self.listIntros.contains(where: { Lines.occurs($0, in: text[s.range]) }) {
        found = s
        break
      }
      // The sentence before leads on to the same list: its answer is this one's.
      if let known = referredMemo.listLeads[k] {
        found = known
        break
      }
    }
    if u.id < clauses.sentences.count { referredMemo.listLeads[u.id] = .some(found) }
    return found
  }
  static let listIntros = ["次の", "次に掲げ", "以下の", "下記の", "以下に掲げ"].map { Normalizer.fold($0) }

  /// 「定例会では、…ご利用施設側で講じていただくセキュリティ対策を議題とし、弊社が案を提示いたします。ご利用
  /// 施設と弊社は協議のうえ対策を決定し…」: talks of both parties settle what the sentence right before
  /// laid out. That sentence, where the unit's topic names both parties and the unit consults on no
  /// schedule or fees; it counts only where it names the whole matter itself (see `matches`).
  func agendaSentence(before u: Clauses.Unit) -> Range<Int>? {
    guard u.id >= 1, u.id < clauses.sentences.count else { return nil }
    if let known = referredMemo.agenda[u.id] { return known }
    let found = agendaUncached(u)
    referredMemo.agenda[u.id] = .some(found)
    return found
  }

  private func agendaUncached(_ u: Clauses.Unit) -> Range<Int>? {
    let before = clauses.sentences[u.id - 1]
    guard before.paragraph == u.paragraph, before.range.upperBound == u.range.lowerBound else { return nil }
    let text = index.text
    let opening = u.range.lowerBound..<min(u.range.upperBound, u.range.lowerBound + Self.openingReach)
    guard let end = opening.first(where: { Self.topicEnds.contains(text[$0]) }),
      namesBothParties(text[u.range.lowerBound..<end]), Self.consults(text[u.range]),
      !Self.otherMatters.contains(where: { Lines.occurs($0, in: text[u.range]) })
    else { return nil }
    return before.range
  }

  static let bothWords = ["両者", "双方", "両当事者"].map { Normalizer.fold($0) }

  /// The topic names both sides: a label of each role, or 両者, 双方.
  func namesBothParties(_ t: ArraySlice<UInt32>) -> Bool {
    if Self.bothWords.contains(where: { Lines.occurs($0, in: t) }) { return true }
    var (vendor, institution) = (false, false)
    for (p, l) in zip(contract.parties, partyLabels) where Lines.occurs(l, in: t) {
      if p.role == .vendor { vendor = true } else if p.role == .institution { institution = true }
    }
    return vendor && institution
  }

  /// How far into a sentence its opening reaches.
  static let openingReach = 20
  /// 「こうしてまとまった内容を、両者が記名押印する…」 sums up the sentences before it.
  /// 「両者は、この過程を経て…確定させ」 takes up the steps just described.
  /// 「甲と乙は、提示された案を協議し」: what the sentence before presented.
  /// The unit says 同 and a noun (two kanji or katakana or more) the sentence before holds.
  func namesSameNoun(of before: Clauses.Unit, in u: Clauses.Unit) -> Bool {
    let text = index.text
    var i = u.range.lowerBound
    while i < u.range.upperBound {
      defer { i += 1 }
      guard text[i] == References.dou,
        let noun = References.nounAfterDou(at: i, text, end: u.range.upperBound)
      else { continue }
      if Lines.occurs(text[noun], in: text[before.range]) { return true }
    }
    return false
  }

  /// 「(1) 事業者は、…対策を「変更要求書」により提案し、…最初の変更要求書を提出する。(2) 病院と事業者は、
  /// 変更要求書について協議し」: talks whose subject (the noun right before 「について」, three kanji or
  /// katakana or more) the sentence before holds take that sentence up.
  func talksOverNounOf(_ before: Clauses.Unit, in u: Clauses.Unit) -> Bool {
    let text = index.text
    let reach = u.range.lowerBound..<min(u.range.upperBound, u.range.lowerBound + Self.objectReach)
    for cue in Self.aboutCues {
      guard let at = Lines.firstOccurrence(cue, in: text[reach]) else { continue }
      var start = at
      while start > u.range.lowerBound, at - start < Self.longestObject,
        Normalizer.isWordScalar(text[start - 1])
      {
        start -= 1
      }
      return at - start >= 3 && Self.consults(text[u.range])
        && Lines.occurs(text[start..<at], in: text[before.range])
    }
    return false
  }
  static let aboutCues = ["について協議", "について話し合", "について検討", "を協議"].map { Normalizer.fold($0) }
  /// How far into a sentence the subject of its talks is looked for, and how long that noun may be.
  static let objectReach = 40
  static let longestObject = 12

  static let takeUpWords =
    // 「利用機関と提供会社は、その評価と対策を協議し」: what the sentence before worked out.
    // 「(1) 受注者は、…対策の案を提示する。(2) 前号の案を基に…協議し、…決定する」: an item's 前号 is the
    // item right before it (References reads only paragraphs; in a list under a heading line, the items
    // are one paragraph's sentences).
    [
      "これを", "これに", "これら", "こうして", "この過程", "この手順", "この手続", "その評価", "その対策", "その内容", "その結果", "前号",
      // 「乙がまず対策案を示す。甲と乙は、その案をもとに話し合い、合意して決める。」: the proposal as the
      // basis of the talks (as `References.proposalTakenUp`).
      "その案をもとに", "その案を基に", "その案に基づ", "その案を踏まえ", "この案をもとに", "この案に基づ",
      "そのたたき台", "このたたき台",
      // 「発注者と受注者は、案を基に双方で確認して運用ルールを決め」「甲と乙は、その一覧を基に合意により…定め」
      // (dev37 b_15, b_18).
      "案を基に", "案をもとに", "その一覧を基に", "その一覧をもとに", "その一覧に基づ", "この一覧を基に", "この一覧に基づ",
      // 「…安全対策は、運営事業者の責任において取りまとめる。すなわち、運営事業者は、…案を示して参加施設と
      // 協議し、…確定する。」: the sentence that says the same again in full.
      "すなわち", "即ち", "具体的には", "つまり",
    ].map {
      Normalizer.fold($0)
    }
    + References.presented + References.proposalTakenUp
  static let topicEnds: Set<UInt32> = Set(["は", "、"].map { Normalizer.fold($0)[0] })
  /// 「当該保護策は」「その保護策は」「前記の保護策は」 take up 「保護策」.
  static let topicLeads = ["当該", "その", "前記の", "上記の"].map { Normalizer.fold($0) }
}

extension ElementJudge {
  /// 「１ 受注者は、…発注者が講ずべき対策について…説明する。２ 発注者は、前項の説明を踏まえ、発注者が主導
  /// して受注者と協議を行い、…定めて、これを実施する。」: what one party only tells the other is the
  /// input of the talks the next paragraph holds on it; where that paragraph says in so many words
  /// (主導) that the other party leads them, the telling leads nothing.
  func ledByOtherInNextParagraph(_ u: Clauses.Unit, _ role: PartyRole) -> Bool {
    let text = index.text
    guard !talks(u.range), let after = paragraphAfter(u) else { return false }
    let next = clauses.paragraphs[after].range
    guard Lines.occurs(Self.previousParagraph, in: text[next]), Lines.occurs(Self.leading, in: text[next]),
      talks(next), let other = actors.leader(in: next)
    else { return false }
    return other != role
  }
  static let previousParagraph = Normalizer.fold("前項")
  static let leading = Normalizer.fold("主導")
}

extension ElementJudge {
  /// 「２ …脆弱性が判明したときは、事業者が主導して病院と対応を協議し…。３ 製造元のソフトウェアについては、
  /// …前項の協議の対象としない。」: a denial of the talks of the paragraph it names, where the element's
  /// exceptions hold in that whole paragraph, denies those talks (on vulnerabilities), not the element's.
  func deniesOnlyExcepted(_ e: CompiledElement, _ u: Clauses.Unit) -> Bool {
    // The key itself is the named clause's (「前項の協議」「第２条の協議」), not the denial's own matter.
    let text = index.text
    guard let unless = e.unless,
      index.occurrences(e.key, in: u.range).contains(where: { o in
        o.lowerBound - 2 >= u.range.lowerBound && text[o.lowerBound - 1] == Actors.no[0]
          && Self.clauseUnits.contains(text[o.lowerBound - 2])
      })
    else { return false }
    let named = directlyReferred(from: u)
    return !named.isEmpty && named.allSatisfy { index.evaluate(unless, in: clauses.paragraphs[$0].range) }
  }
  static let clauseUnits = Set(["項", "条", "号"].map { Normalizer.fold($0)[0] })
}
