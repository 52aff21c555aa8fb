/// Reads who acts in a sentence, from the labels this contract gives its parties (and, where the
/// parser found none, the labels such contracts usually use).
struct Actors {
  struct Label {
    var text: [UInt32]
    var role: PartyRole
  }
  /// Longest first, so 「当社」 is not read as a shorter label inside it.
  let labels: [Label]
  let text: [UInt32]
  /// First scalars of the labels: most positions start none.
  let firsts: Set<UInt32>
  /// The header rows of the document's responsibility tables (Actors+Tables).
  var tableHeaders: [TableHeader] = []

  /// Labels that usually stand for each side when the contract does not say.
  static let fallback: [(String, PartyRole)] =
    [
      "医療機関", "当院", "本院", "当病院", "病院", "お客様", "お客さま", "利用機関", "参加施設", "会員施設", "登録医療機関等", "登録医療機関",
      "契約者", "利用者", "委託者", "発注者", "ユーザー", "ユーザ", "本医療機関", "委託元", "参加機関",
      // A part in the vendor's voice (an attached 提案書) addresses the institution so.
      "貴院", "貴法人", "貴施設",
    ].map { ($0, PartyRole.institution) }
    + ["当社", "弊社", "受託者", "受注者", "事業者", "提供者", "ベンダー", "ベンダ", "本事業者", "サービス提供者", "運営者", "運営主体", "貴社", "御社"]
    .map {
      ($0, PartyRole.vendor)
    }

  init(parties: [Party], text: [UInt32]) {
    var list: [Label] = []
    var seen: Set<[UInt32]> = []
    for p in parties where p.role != .unknown {
      let t = Normalizer.fold(p.label)
      if !t.isEmpty, seen.insert(t).inserted { list.append(Label(text: t, role: p.role)) }
    }
    let known = Set(parties.filter { $0.role != .unknown }.map(\.label))
    if !known.contains("甲") && !known.contains("乙") {
      // 甲 is the institution and 乙 the vendor in most such contracts.
      for (l, r) in [("甲", PartyRole.institution), ("乙", PartyRole.vendor)]
      where seen.insert(Normalizer.fold(l)).inserted {
        list.append(Label(text: Normalizer.fold(l), role: r))
      }
    }
    for (l, r) in Self.fallback {
      let t = Normalizer.fold(l)
      if seen.insert(t).inserted { list.append(Label(text: t, role: r)) }
    }
    labels = list.sorted { $0.text.count > $1.text.count }
    firsts = Set(labels.compactMap(\.text.first))
    self.text = text
    if text.contains(where: Self.isBar) { tableHeaders = findTableHeaders() }
  }

  /// The label starting at `i`, if any.
  func label(at i: Int, limit: Int) -> Label? {
    guard i < limit, firsts.contains(text[i]) else { return nil }
    for l in labels where i + l.text.count <= limit {
      var ok = true
      for k in 0..<l.text.count where text[i + k] != l.text[k] {
        ok = false
        break
      }
      if ok { return l }
    }
    return nil
  }

  /// After a label, skip a gloss in brackets (「乙（ITベンダ）は」) and an office of the party
  /// written onto its label (「協議会事務局が」「乙担当者は」); the end of the label otherwise.
  func afterGloss(_ j: Int, limit: Int) -> Int {
    let end = afterBracket(j, limit: limit)
    guard end < limit, Self.officeFirsts.contains(text[end]) else { return end }
    return Self.offices.first { has($0, at: end, limit: limit) }.map { end + $0.count } ?? end
  }

  func afterBracket(_ j: Int, limit: Int) -> Int {
    guard j < limit, text[j] == 0x28 || text[j] == 0xFF08 else { return j }
    var k = j + 1
    while k < limit, k - j <= 16 {
      if text[k] == 0x29 || text[k] == 0xFF09 { return k + 1 }
      k += 1
    }
    return j
  }

  /// Offices that act for their party (longest first).
  static let offices = folded([
    "運営事務局", "事務局", "担当部署", "担当部門", "担当窓口", "保守担当者", "技術担当者", "担当者", "作業責任者", "保守責任者", "責任者",
    "サポートセンター", "サポート窓口", "ヘルプデスク",
  ]).sorted { $0.count > $1.count }
  static let officeFirsts = Set(offices.compactMap(\.first))

  /// Words are folded once (they are read at every position of every sentence looked at).
  func has(_ f: [UInt32], at i: Int, limit: Int) -> Bool {
    guard i + f.count <= limit else { return false }
    for k in 0..<f.count where text[i + k] != f[k] { return false }
    return true
  }

  static func folded(_ words: [String]) -> [[UInt32]] { words.map { Normalizer.fold($0) } }

  /// 「前条第1項の協議において併せて取り決め」「前条の協議において乙が示す案に基づき」: the consultation
  /// is the one another clause sets up, or settles what another clause proposes, and whoever leads
  /// that one leads this.
  static let consultationOfAnotherClause = folded([
    "条の協議", "項の協議", "条に定める協議", "項に定める協議", "条に規定する協議", "項に規定する協議", "条による協議", "項による協議",
    "条に基づく協議", "項に基づく協議", "項の相談会", "条の相談会", "項の会議", "条の会議", "項の説明会", "条の説明会",
    "項の巡回協議", "条の巡回協議", "項の打合せ", "条の打合せ", "項の打ち合わせ", "条の打ち合わせ", "項の協議会", "条の協議会",
    "前項の相談会", "前項の会議", "前項の説明会",
    // 「前条第2項の話し合いの対象に含め」「前条の話合いにおいて」.
    "項の話し合い", "条の話し合い", "項の話合い", "条の話合い", "項の話合", "条の話合",
    // 「4.3の各対策は、協議会における甲乙の協議によって確定させ」: what is settled is what another
    // clause has the vendor propose (section references 「4.2の」 carry no 条 or 項).
    "の協議会において", "の協議会で", "の各対策", "の対策案", "の具体案", "の案について", "の案に基づ", "の提案について", "の提案に基づ", "の一覧表に基づ",
    // 「…についても、前項の役割分担表に含めて協議する」: the talks on another clause's table.
    "項の役割分担表", "条の役割分担表", "項の分担表", "条の分担表", "項の一覧表", "条の一覧表",
    // 「前項の計画案は、…定例協議において両当事者で協議し」: the plan another clause has someone draw up.
    "項の計画案", "条の計画案", "項の原案", "条の原案", "項の提案", "条の提案",
    // 「4.1で示された内容をもとに話し合って」: what another clause has someone present.
    "で示された", "で示した内容", "で提示された", "で提示した内容", "で提起された",
    // 「前条の書面に示された甲の対策は、甲乙協議の上…確定する」: what another clause's paper shows.
    "に示された", "に示した対策", "に示した内容",
    // 「院内対策は、前項の会合においてクリニックとベンダーが協議して…定め」: the meeting another clause
    // has someone convene.
    "項の会合", "条の会合", "項の定例会", "条の定例会", "項の連絡会", "条の連絡会", "項の委員会", "条の委員会", "項の検討会",
    "条の検討会", "号の会議", "号の会合", "号の打合せ", "号の案",
  ])

  static let attendance = folded(["に出席し", "に出席する", "に出席して", "に同席し", "に同席する", "に同席して"])

  /// 「…協議に出席し、…説明する」: a party that attends talks.
  func attends(in r: Range<Int>) -> Bool { holdsAny(Self.attendance, in: r) }

  /// 「ベンダは、前項の会議に必要な資料を作成して提出し、…助言する」: a party that supplies the papers for
  /// another clause's meeting.
  static let supply = folded(["に必要な資料を作成", "に必要な資料を提出", "に必要な資料を用意", "に資料を提出", "のための資料を作成"])
  func supplies(in r: Range<Int>) -> Bool { holdsAny(Self.supply, in: r) }

  func refersToAnotherConsultation(in r: Range<Int>) -> Bool {
    holdsAny(Self.consultationOfAnotherClause, in: r)
  }

  /// Whether any of the folded words starts somewhere in `r` (and ends inside it).
  func holdsAny(_ words: [[UInt32]], in r: Range<Int>) -> Bool {
    r.contains { i in words.contains { has($0, at: i, limit: r.upperBound) } }
  }

  static let joiners = folded(["及び", "並びに", "又は", "と"])
  static let relativeOnDamage = folded([
    "が得られなかった", "が得るはずであった", "が被った", "が被る", "が被っ", "が受けた", "が支払った", "に生じた", "が負担した",
    // 「…により病院が損害を受けたときは、事業者は…賠償する」: who suffers the damage does not act.
    "が損害を受け", "が損害を被", "が損失を被", "が損害をこうむ",
  ])
  static let subjectMarkers = folded([
    "は", "が", "において", "にて", "により", "によって", "の責任において", "の責任で", "の責任のもと", "自ら", "側で", "側は",
  ])

  /// The first party named as the acting subject: 「乙は」「当社が」「甲の責任において」「乙により」.
  /// 「甲及び乙は」「甲乙は」 (both) give nil.
  /// `keyAt`: where the element's key word stands, when known; a key in the main clause after an
  /// opening condition is the main clause's subject's act.
  func subject(in r: Range<Int>, keyAt: Int? = nil) -> PartyRole? {
    var i = r.lowerBound
    while i < r.upperBound {
      guard let l = label(at: i, limit: r.upperBound) else {
        i += 1
        continue
      }
      var j = afterGloss(i + l.text.count, limit: r.upperBound)
      // 「甲乙」「甲及び乙」「甲又は乙」: both sides together — unless they only consult in a clause
      // that leads to the main one (「甲乙誠実に協議のうえ、乙が賠償する」).
      if let other = label(at: j, limit: r.upperBound), other.role != l.role {
        return mainClauseSubject(after: j + other.text.count, in: r)
      }
      for joiner in Self.joiners where has(joiner, at: j, limit: r.upperBound) {
        // 「当社と当該参加施設が誠実に協議して」: 当該 before the other party's label.
        var k = j + joiner.count
        if has(Self.touGai, at: k, limit: r.upperBound) { k += Self.touGai.count }
        if let other = label(at: k, limit: r.upperBound), other.role != l.role {
          return mainClauseSubject(after: k + other.text.count, in: r)
        }
      }
      if i > r.lowerBound, label(at: i - 1, limit: r.upperBound) != nil, l.text.count == 1 {
        // The second of 「甲乙」.
        j = i + 1
      }
      // 「甲が被った損害は、…乙が賠償する」: a が-clause on what befell a party describes the damage.
      if Self.relativeOnDamage.contains(where: { has($0, at: j, limit: r.upperBound) }) {
        i = j
        continue
      }
      // 「…お知らせし、会員施設が本サービスを利用したときは、変更に同意したものとみなします」: a party
      // that acts in a condition (「…が…したときは、」) after an earlier clause is not the subject of
      // the sentence's verb. A condition that opens the sentence (「甲が…変更するときは、１か月前までに
      // 乙に申し出る」) names the one who then acts.
      if has(Self.ga, at: j, limit: r.upperBound),
        (r.lowerBound..<i).contains(where: { text[$0] == Self.comma }),
        opensCondition(at: j, limit: r.upperBound)
      {
        i = j
        continue
      }
      // 「委託者が…復元を求めたときは、受託者は、…保管データを…提供する」: the key (提供) stands in the main
      // clause, whose own subject follows the condition: that party acts. (「当院が第1項の通知をしたときは、
      // 貴社は…」 with the key 通知 in the condition: the condition's party acts.)
      if let keyAt, has(Self.ga, at: j, limit: r.upperBound), opensCondition(at: j, limit: r.upperBound),
        let comma = (j..<min(r.upperBound, j + 40)).first(where: { text[$0] == Self.comma }), keyAt > comma,
        let main = label(at: comma + 1, limit: r.upperBound),
        has(Self.wa, at: afterGloss(comma + 1 + main.text.count, limit: r.upperBound), limit: r.upperBound)
      {
        i = comma + 1
        continue
      }
      // 「…知らせ、…利用したときは、甲は変更に同意したものとみなす」: the party deemed to consent does
      // not act in the sentence; whoever acts is named elsewhere.
      if isDeemedToConsent(after: j, limit: r.upperBound) {
        i = j
        continue
      }
      for m in Self.subjectMarkers where has(m, at: j, limit: r.upperBound) { return l.role }
      i = j
    }
    return nil
  }
  static let deemedConsent = folded([
    "同意したものとみな", "承諾したものとみな", "承認したものとみな", "了承したものとみな", "同意したとみな", "承諾したとみな",
    "同意があったものとみな", "承諾があったものとみな",
  ])

  /// Whether the clause after a party's は ends, within a few words, in 「…同意したものとみなす」.
  func isDeemedToConsent(after j: Int, limit: Int) -> Bool {
    guard has(Self.wa, at: j, limit: limit) else { return false }
    // 「甲は、変更に…」: the comma right after the topic is part of it.
    let start = j + 1 < limit && text[j + 1] == Self.comma ? j + 2 : j + 1
    for p in start..<min(limit, start + 24) {
      if text[p] == Self.comma || text[p] == Self.period { return false }
      if Self.deemedConsent.contains(where: { has($0, at: p, limit: limit) }) { return true }
    }
    return false
  }
  static let touGai = Normalizer.fold("当該")
  static let comma = Normalizer.fold("、")[0]
  static let period = Normalizer.fold("。")[0]
  static let wa = Normalizer.fold("は")
  static let openBrackets = Set(["(", "（"].map { Normalizer.fold($0)[0] })
  static let closeBrackets = Set([")", "）"].map { Normalizer.fold($0)[0] })
  static let conditionEnds = folded(["ときは", "ときには", "場合は", "場合には"])

  /// Whether the clause from `j` to its comma ends in 「ときは」「場合には」: a condition, not the main
  /// clause. Only a short clause is read (a comma within 40 scalars).
  func opensCondition(at j: Int, limit: Int) -> Bool {
    guard let comma = (j..<min(limit, j + 40)).first(where: { text[$0] == Self.comma }) else { return false }
    return Self.conditionEnds.contains { w in
      comma - w.count >= j && text[(comma - w.count)..<comma].elementsEqual(w)
    }
  }

  /// After both parties are named together: the one party named as subject after 「…のうえ、」
  /// 「…した上で、」 (the joint act was a step towards it), else nobody alone.
  func mainClauseSubject(after k: Int, in r: Range<Int>) -> PartyRole? {
    guard
      let step = (k..<r.upperBound).first(where: { p in
        Self.stepEnds.contains { has($0, at: p, limit: r.upperBound) }
      })
    else { return nil }
    let rest = (step + 1)..<r.upperBound
    var i = rest.lowerBound
    while i < rest.upperBound {
      if let l = label(at: i, limit: rest.upperBound) {
        let j = afterGloss(i + l.text.count, limit: rest.upperBound)
        if label(at: j, limit: rest.upperBound) != nil
          || Self.joiners.contains(where: { has($0, at: j, limit: rest.upperBound) })
        {
          return nil
        }
        // 「…協議のうえ、逸失利益を含め、甲が被った損害の全額を乙が賠償する」: the damage's が-clause
        // is not the subject.
        if Self.relativeOnDamage.contains(where: { has($0, at: j, limit: rest.upperBound) }) {
          i = j
          continue
        }
        return Self.subjectMarkers.contains { has($0, at: j, limit: rest.upperBound) } ? l.role : nil
      }
      i += 1
    }
    return nil
  }
  /// What a heading before a topic holds none of: a comma, a full stop, の, a bracket.
  static let headingStops: Set<UInt32> = [0x3001, 0x3002, 0x306E, 0x28, 0x29, 0x300C, 0x300D]
  static let stepEnds = folded(["のうえ、", "の上、", "したうえで、", "した上で、", "協議し、"])

  static let leadCues = folded([
    "主導", "主体となり", "主体となって", "中心となり", "中心となって", "中心になり", "中心になって", "主催", "提案", "情報提供", "情報を提供", "説明", "助言",
    "提示", "リード", "呼びかけ",
    "取り仕切", "招集", "働きかけ", "対策を示し", "を示して協議", "協議を申し入れ", "協議を申し出", "取りまとめ", "取り纏め",
    "とりまとめ", "進める協議", "進行する協議", "協議を進め", "協議を進行", "協議の進行", "話し合いを進行", "話合いを進行", "話し合いを進め", "話合いを進め",
    "話し合いの進行", "話合いの進行", "協議の場を設け", "これを進行",
    // 「案を」 also covers 案を示し and 案を提出.
    "主宰", "原案", "案を", "案内",
    // Taking the initiative, guiding, recommending, or drafting the basis of the talks (「乙の指導の下」
    // 「乙が率先して検討し」「乙が洗い出して甲に伝え」「乙が作成する手順書を基に」「乙は…甲に勧告し」).
    "主体的", "率先", "指導", "先導", "示す案", "示した案", "提示する案", "提示した案", "案に基づ", "を示し", "示した上で", "示したうえで", "洗い出", "伝え",
    "案として示", "示し", "手引",
    "作成", "勧告", "推奨", "勧め", "起案", "起票",
    // 「業者がチェック表を作って持ってきて、…打合せで…話し合い」: drafting in plain words, and bringing it.
    "を作って", "持参", "持ってき", "持って来",
    // 「業者が先に立って当院と相談し」「業者のほうから打合せを申し込んで」「…が話し合いの場を作って」.
    "先に立って", "先に立ち", "打合せを申し込", "打ち合わせを申し込", "話し合いを申し込", "協議を申し込", "のほうから", "の方から", "場を作",
    "責任をもって検討", "責任を持って検討",
    // Running the talks as their secretariat (「当センターが事務局となって…協議を運営し」).
    "事務局となって", "事務局となり", "事務局を務め", "協議を運営", "会議を運営",
    // Sorting out what the talks are to settle (「受注者が整理して示す確認項目に基づき…協議して定め」).
    "整理して示", "整理した上で", "整理したうえで",
    // Taking the initiative, planning the meeting, setting its points (「受注者がイニシアチブをとって」
    // 「貴社が企画し運営する対話会において、貴社の示す論点に沿って」).
    "イニシアチブ", "イニシアティブ", "企画し", "企画・運営", "示す論点", "示した論点",
    // Raising the measures the talks are about (「報告会で乙が提起した対策について話し合い」).
    "提起",
    // Chairing the study (「…検討を受託者の進行で行う」).
    "の進行で", "の進行により", "の進行のもと",
    // 「甲及び乙は、乙の担当者が進行する打合せを行い、…協議のうえ」: the one who runs the meeting.
    "進行する打合せ", "進行する打ち合わせ", "進行する会議", "進行する会合", "進行する協議会", "進行する定例会",
    // The party that carries out the talks with the other (「乙は、前二項を踏まえて甲と協議を行い」).
    "と協議を行",
    // Laying the measures before the meeting that decides them (「貴社が連絡会議に対策を諮り」).
    "に対策を諮", "に諮り", "に諮って",
    // Showing the other party what it is to do (「…具体的内容を、乙の対策とあわせて書面で甲に示す」).
    "に示す",
    // Planning the response, and setting up the meeting that settles it (「事業者が対応方針を立案して病院と
    // 協議し」「保守事業者が施設との打合せを設け」「…決める場を提供者から設け」).
    "立案", "の場を設け", "打合せを設け", "打ち合わせを設け", "会合を設け", "会議を設け", "から設け",
    // Calling the other party to the meeting and opening it, taking the lead (「貴社から当院に声をかけて
    // 打合せを開き」「受託者が音頭を取って委託者と対処方針を協議し」).
    // Setting the agenda and laying the matter before the meeting (「乙は、自ら議題を設定して甲との打合せに
    // 付し」).
    "議題を設定", "打合せに付し", "打ち合わせに付し", "協議に付し", "会議に付し",
    // 「受託者が協議の議題と取り得る対策の選択肢を用意して進行する委託者との協議」 (dev36 a_03).
    "議題を用意", "選択肢を用意", "選択肢を示", "して進行する", "して進行し",
    // Setting up the talks the other side attends (「甲乙は、乙が設定する協議の場において…協議し」).
    "設定する協議", "設定した協議", "設定する打合せ", "設定する打ち合わせ", "設定する会議",
    // 「乙は…甲との対応の打合せを自ら設定し」.
    "打合せを自ら設定", "打ち合わせを自ら設定", "協議を自ら設定", "会議を自ら設定", "協議の場を設定",
    // Chairing the talks as their moderator (「システム事業者が司会する協議において」).
    "司会する", "司会を務め", "が司会し",
    // Proposing the talks to the other party (「貴社から当院に話し合いを申し入れて対処を決め」).
    "話し合いを申し入れ", "話合いを申し入れ", "話し合いを申入れ", "協議を申入れ", "打合せを申し入れ",
    "声をかけ", "声掛け", "打合せを開", "打ち合わせを開", "会合を開", "会議を開", "音頭を取",
    // 「乙は点検結果の報告会を開き」: any meeting (…会) the party opens.
    "会を開",
    // Holding the meeting and chairing it (「受託者は、…ワークショップを開催し、その進行役を務める」).
    "開催", "進行役", "進め役",
    // 「乙が議長を務め」.
    "議長を務め", "議長となり", "議長となって", "座長を務め",
    // Asking the other party for the talks (「事業者が病院に協議を求め、当該協議で定めた対策を実施」).
    "協議を求め", "協議を要請",
    // Handing in the paper the talks are about (「事業者は、…最初の変更要求書を提出し」).
    "書を提出し", "書を提出する",
    // Putting the matter on the meeting's agenda (「ベンダーが前項の会議に議題として提出し」).
    "議題として提出", "議題に提出", "議題として挙げ", "議題に挙げ", "議題に上げ",
    // 「当社は、…担当者がお客様と面談して、…についての打合せを当社のチェックシートに沿って進めます」: who
    // moves the meeting along.
    "打合せを進め", "打ち合わせを進め", "面談を進め", "に沿って進め",
    // 「甲は、…定期点検の機会に乙との協議を開き」「受託者は、…委託者と話し合う場を設けて進行し」「当社が…お客様に
    // 協議を持ちかけ」.
    "協議を開", "場を設け", "設けて進行", "協議を持ちかけ", "協議を持ち掛け", "話し合いを持ちかけ", "話合いを持ちかけ",
    "話し合いを持ち掛け",
    // 「田中から「こうするといいですよ」というやり方を出してもらい、それをもとに…話し合って決めます」: the
    // one asked to put forward the way the talks start from.
    "を出してもらい", "を出してもらって", "を出していただ",
    // 「まず乙がたたき台を作って見せます」「乙の発議により甲乙が協議を行い」.
    "たたき台", "叩き台", "発議",
    // 「当社の担当者がお客様を訪問して打合せを行い、その場で…取り決めます」: who goes to the other to
    // hold the meeting arranges it.
    "訪問して打合せ", "訪問して打ち合わせ", "訪問して協議", "訪問して面談",
    // 「プロバイダーがカスタマーとの協議を自ら開いて対処方針を決定し」.
    "を自ら開",
  ])
  static let agentMarkers = folded([
    "が", "は", "の", "から", "により", "による", "によって",
    // 「乙側が主導」; in 「甲側で必要な対策」 側 only says whose part it is.
    "側が", "側は", "側の", "側から", "側により", "側による", "側主導",
  ])
  /// 「乙に情報提供を求め」「乙の助言を得て、甲が定める」: advice asked for or received; whoever then
  /// decides leads.
  static let requestMarkers = folded([
    "を求め", "の求め", "を依頼", "を要請", "を求める", "を得て", "を受けて", "を受け、", "を聴いて", "を聞いて",
    // 「甲が招集し司会を務める会議において乙から説明を受けたうえで」「管理者が…開く検討会において事業者の説明を
    // 聴き」: the explanation heard at a meeting the other side runs (dev36 a_10, a_11).
    "を受けた", "を聴き", "を聞き",
  ])

  /// Who leads: the nearest party named as agent before 「主導」 or a proposal/information cue
  /// (「乙主導」「乙の主導のもと」「当社が対策案を提示して主導する」「乙からの情報提供」). A cue the agent
  /// asks for (「甲は、乙に情報提供を求め」) is not leading.
  /// With `ownWords`, words of leading that are another clause's (「当社とお客様は、前項の提案書をもとに
  /// 協議し」) are passed over: that clause says who made the proposal, not the party named nearest
  /// here.
  func leader(in r: Range<Int>, ownWords: Bool = true) -> PartyRole? {
    firstStandingCue(in: r) { cue, i in
      if ownWords, namesOtherClause(before: i, from: r.lowerBound) { return nil }
      // 「乙は、…甲と協議を行い」「…書面で甲に示す」: the label right before と or に is the
      // partner, not who leads.
      let partner = Self.partnerCues.contains(cue)
      return (partner ? agentBeforePartner(i, in: r) : nearestAgent(before: i, in: r))
        ?? topic(before: i, in: r)
        ?? commaSubject(before: i, in: r)
        ?? tableRowLeader(r)
        ?? assignedParty(in: r)
    }
  }
  static let leadCueFirsts = Set(leadCues.map { $0[0] })

  /// Some words of leading in the range are another clause's (「前項の案を協議し」): that clause says
  /// who leads.
  func citesOtherClauseLead(in r: Range<Int>) -> Bool {
    firstStandingCue(in: r) { _, i in namesOtherClause(before: i, from: r.lowerBound) ? true : nil } ?? false
  }

  /// The words before `i` are 「前項の」「前条の」「第2項の」: what follows belongs to that clause.
  func namesOtherClause(before i: Int, from lower: Int) -> Bool {
    i - 3 >= lower && text[i - 1] == Self.no[0] && (text[i - 2] == Self.kou || text[i - 2] == Self.jou)
  }
  static let kou = Normalizer.fold("項")[0]

  /// Some words of leading stand in the range, not asked for by the other party (whoever leads).
  func leadCueStands(in r: Range<Int>) -> Bool { firstStandingCue(in: r) { _, _ in true } ?? false }

  /// The first answer `body` gives for a lead cue in the range that the other party does not ask
  /// for, cue by cue in `leadCues`' order.
  private func firstStandingCue<T>(in r: Range<Int>, _ body: ([UInt32], Int) -> T?) -> T? {
    // The positions where some cue may start, found in one pass: trying each of the many cues over
    // the whole range was a measurable part of a review.
    let starts = r.filter { Self.leadCueFirsts.contains(text[$0]) }
    guard !starts.isEmpty else { return nil }
    for cue in Self.leadCues {
      for i in starts where i + cue.count <= r.upperBound {
        guard text[i] == cue[0], has(cue, at: i, limit: r.upperBound),
          !Self.requestMarkers.contains(where: { has($0, at: i + cue.count, limit: r.upperBound) })
        else { continue }
        if let answer = body(cue, i) { return answer }
      }
    }
    return nil
  }

  /// The party a sentence opens with, as who is meant (「乙は、」「乙の義務は、」「乙が行う支援は、」), its
  /// paragraph or item number aside.
  func openingParty(in r: Range<Int>) -> PartyRole? {
    var i = r.lowerBound
    while i < r.upperBound, i - r.lowerBound < 8, label(at: i, limit: r.upperBound) == nil { i += 1 }
    guard let l = label(at: i, limit: r.upperBound) else { return nil }
    let j = afterGloss(i + l.text.count, limit: r.upperBound)
    guard j < r.upperBound else { return nil }
    if text[j] == Self.wa[0] { return l.role }
    // 「乙の義務は、」「乙が行う支援は、」: the phrase up to the first comma is the topic; 「甲の求めに応じ、」
    // is not.
    guard text[j] == Self.no[0] || text[j] == Self.ga[0],
      let comma = (j..<min(r.upperBound, j + 16)).first(where: { text[$0] == 0x3001 }),
      text[comma - 1] == Self.wa[0]
    else { return nil }
    return l.role
  }

  /// 「利用者側対策は、乙が、…確認表の…項目に沿ってその案を作成し」: a party set off as the subject by
  /// 「が、」 acts on what follows, however far, while no other party is named after it.
  func commaSubject(before i: Int, in r: Range<Int>) -> PartyRole? {
    var p = i - 1
    while p >= r.lowerBound {
      if let l = label(at: p, limit: i) {
        let end = afterGloss(p + l.text.count, limit: i)
        guard has(Self.ga, at: end, limit: i), end + Self.ga.count < i, text[end + Self.ga.count] == 0x3001
        else {
          return nil
        }
        return l.role
      }
      p -= 1
    }
    return nil
  }

  /// 「連絡会の議長は乙のプロジェクトマネージャーが務める」「議長は、乙とする」: who chairs the meeting,
  /// named right after the chair's title.
  func chair(in r: Range<Int>) -> PartyRole? {
    for title in Self.chairTitles {
      var i = r.lowerBound
      while i + title.count <= r.upperBound {
        defer { i += 1 }
        guard has(title, at: i, limit: r.upperBound) else { continue }
        var j = i + title.count
        guard has(Self.wa, at: j, limit: r.upperBound) else { continue }
        j += Self.wa.count
        if j < r.upperBound, text[j] == 0x3001 { j += 1 }
        if let l = label(at: j, limit: r.upperBound) { return l.role }
      }
    }
    return nil
  }
  static let chairTitles = folded(["議長", "座長", "委員長", "司会"])

  /// The party the sentence is about when it opens with it (「乙は、甲が…について、…主導して協議し」):
  /// the one who leads when no nearer agent is named.
  func topic(before i: Int, in r: Range<Int>) -> PartyRole? {
    var j = r.lowerBound
    // Paragraph numbers come first: 「２」, in section numbering 「2.3」 (dots folded to ASCII), and
    // 「②」「(2)」.
    func skipBlanks() {
      while j < i, j - r.lowerBound < 40,
        text[j] == 0x20 || text[j] == 0x3000 || text[j] == 0x2E || text[j] == 0x0A
          || Normalizer.isDigit(text[j]) || (0x2460...0x2473).contains(text[j])
          || (Self.openBrackets.contains(text[j]) && j + 1 < i && Normalizer.isDigit(text[j + 1]))
          || (Self.closeBrackets.contains(text[j]) && j > r.lowerBound && Normalizer.isDigit(text[j - 1]))
      {
        j += 1
      }
    }
    skipBlanks()
    // 「「共同責任協議」とは、提供者が、…案を作成して顧客に提示し」: a definition is about the party named
    // after the term it defines.
    var defining = false
    if j < i, text[j] == Self.openQuote,
      let close = (j..<min(i, j + 30)).first(where: { text[$0] == Self.closeQuote }),
      has(Self.toha, at: close + 1, limit: i)
    {
      j = close + 1 + Self.toha.count
      if j < i, text[j] == 0x3001 { j += 1 }
      defining = true
    }
    // 「「第4条の2（委託者が行う安全対策）\n1　受託者は、」: an article a 覚書 quotes opens with its quote mark.
    if j < i, text[j] == Self.openQuote { j += 1 }
    skipBlanks()
    // 「「（院内の対策の決定）\n第１２条の２　受注者は、」: a quoted article's heading above its marker.
    if j < i, text[j] == 0x28, let close = (j..<min(i, j + 24)).first(where: { text[$0] == 0x29 }),
      close + 1 < i, text[close + 1] == Self.dai
    {
      j = close + 1
    }
    // Text flattened to one line keeps the article's marker and heading in its first sentence.
    if j < i, text[j] == Self.dai {
      let marker = j
      while j < i, j - marker < 8, text[j] != Self.jou { j += 1 }
      j += 1
      // 「第4条の2」
      if j < i, text[j] == Self.no[0] {
        j += 1
        while j < i, Normalizer.isDigit(text[j]) { j += 1 }
      }
      if j < i, text[j] == 0x28 {
        while j < i, j - r.lowerBound < 30, text[j] != 0x29 { j += 1 }
        j += 1
      }
      skipBlanks()
    } else if j < i, text[j] == 0x28 {
      // 「3（発注者側の対策）　受注者は、」: an annex item's heading in brackets after its number.
      let open = j
      while j < i, j - open < 24, text[j] != 0x29 { j += 1 }
      j += 1
    } else if j < i,
      // 「2. 甲側の運用に関する対策 乙は、」: the heading may open with a party that is not the topic.
      label(at: j, limit: i).map({ l in
        !has(Self.topicMarker, at: afterGloss(j + l.text.count, limit: i), limit: i)
      })
        ?? true,
      let p = ((j + 1)..<min(i, j + 16)).first(where: { p in
        label(at: p, limit: i).map { l in
          has(Self.topicMarker, at: afterGloss(p + l.text.count, limit: i), limit: i)
        } ?? false
      }),
      // An item's heading after its number may hold の (「2. 甲側の運用に関する対策 乙は、」, dev37 b_18).
      !text[j..<p].contains(where: { c in
        Self.headingStops.contains(c) && !(c == Self.no[0] && j > r.lowerBound)
      })
    {
      // 「3 脆弱性対応会議　カモメは、」: an annex item's heading (its blank is gone in the matching
      // view) before the party the item is about.
      j = p
    }
    // Flattened text: 「利用機関側の対策 (1) 受注者は、」 — a section heading before the first item.
    if let item = (j..<min(i, j + 30)).first(where: { p in
      text[p] == 0x28 && p + 2 < i && Normalizer.isDigit(text[p + 1])
        && (text[p + 2] == 0x29 || (Normalizer.isDigit(text[p + 2]) && p + 3 < i && text[p + 3] == 0x29))
    }),
      label(at: j, limit: i).map({ l in
        !has(Self.topicMarker, at: afterGloss(j + l.text.count, limit: i), limit: i)
      }) ?? true
    {
      j = item + 1
      while j < i, Normalizer.isDigit(text[j]) { j += 1 }
      j += 1
      skipBlanks()
    }
    // 「前項の回線及びルータについて、当社は…を提示し」: a short phrase naming the matter comes before
    // the party the sentence is about.
    if j < i, label(at: j, limit: i) == nil,
      let after = (j..<min(i, j + 30)).lazy.compactMap({ p in
        Self.topicEnds.first { self.has($0, at: p, limit: i) }.map { p + $0.count }
      }).first
    {
      j = after
      skipBlanks()
    }
    guard j < i, let l = label(at: j, limit: i) else { return nil }
    let end = afterGloss(j + l.text.count, limit: i)
    // In a definition the party comes with が (「…とは、提供者が…を作成して…行う協議をいう」).
    return has(Self.topicMarker, at: end, limit: i) || (defining && has(Self.ga, at: end, limit: i))
      ? l.role : nil
  }
  static let topicMarker = Normalizer.fold("は")
  static let ni = Normalizer.fold("に")[0]
  static let openQuote = Normalizer.fold("「")[0]
  static let closeQuote = Normalizer.fold("」")[0]
  static let toha = Normalizer.fold("とは")
  static let ga = Normalizer.fold("が")
  static let no = Normalizer.fold("の")
  /// 「本院の情報システム委員会が主催する協議」: a body of the party (its committee, office, department)
  /// named as agent (が, は) right before the cue acts for the party, as its staff do.
  func organActs(after end: Int, before i: Int) -> Bool {
    guard has(Self.no, at: end, limit: i), text[i - 1] == Self.ga[0] || text[i - 1] == Self.wa[0] else {
      return false
    }
    let from = end + Self.no.count
    return Self.organNouns.contains { w in
      let p = i - 1 - w.count
      return p >= from && p < from + 16 && has(w, at: p, limit: i)
        && !text[from..<p].contains(where: { $0 == Self.comma || $0 == Self.period })
    }
  }
  static let organNouns = folded([
    "委員会", "事務局", "部門", "部署", "本部", "センター", "システム部", "システム課", "システム室", "管理部", "管理課", "管理室",
  ])
  /// People acting for a party (「当社の担当者が」「乙の技術者は」).
  static let staffNouns = folded(["担当者", "担当", "技術者", "従業員", "社員", "責任者", "作業員", "作業者", "技術担当者", "営業担当"])
  static let sideNo = Normalizer.fold("側の")
  static let dai = Normalizer.fold("第")[0]
  static let jou = Normalizer.fold("条")[0]
  /// Lead cues that open with the particle after the other party (「甲と協議を行」「甲に示す」).
  static let partnerCues = folded(["と協議を行", "に示す"])
  static let topicEnds = folded(["について、", "に関し、", "に関して、", "につき、"])
  /// Words of a relative clause on the matter (「…が講ずべき対策」「…で必要となる対策」).
  static let relativeClause = folded(["べき", "べく", "必要となる", "必要とされる"])
  /// 「お客様が講じる措置の案を提示して」: the measures a party takes, as what is presented (dev33 b_15);
  /// only right after 「…が」 (「受注者の側で講ずる対策を説明した」 is the vendor's own).
  static let relativeAfterGa = folded([
    "講じる措置", "講ずる措置", "講じる対策", "講ずる対策", "実施する措置", "実施する対策", "行う措置", "行う対策", "担う措置",
    "担う対策",
    // 「乙は、…甲が実施する事項の案を作成して甲との協議を開催し」 (dev33 a_18).
    "実施する事項", "講ずる事項", "講じる事項", "行う事項",
  ])

  /// The nearest label before `i` followed by an agent marker (が, は, の, から, により …).
  func nearestAgent(before i: Int, in r: Range<Int>) -> PartyRole? {
    var j = i - 1
    // A gloss in brackets (「…安全対策（利用者IDの管理、…以下「院内対策」という。）の会合を招集し」) does
    // not count toward the reach, and no party is looked for inside it.
    var glossed = 0
    while j >= r.lowerBound, i - j - glossed <= 40 {
      // Only a gloss opening within 200 scalars counts: the search for its ( goes no further back.
      if text[j] == 0x29, let open = text[max(r.lowerBound, j - 199)..<j].lastIndex(of: 0x28) {
        glossed += j - open + 1
        j = open - 1
        continue
      }
      // 「乙は、甲が実施すべき対策について、…提案し」: a party inside the matter talked about is
      // not the one acting on it.
      if Self.topicEnds.contains(where: { has($0, at: j, limit: i) }) { return nil }
      if let l = label(at: j, limit: i) {
        let end = afterGloss(j + l.text.count, limit: i)
        if end == i { return l.role }
        // 「甲乙」 and 「甲及び乙」 name both: nobody leads alone.
        if label(at: end, limit: i) != nil { return nil }
        // 「乙の主導」「乙の原案」 name who leads; in 「甲の利用環境…について甲に勧告し」 the の only
        // says whose environment it is.
        // 「当社の担当者が…対策を説明し」: the party's own people act for it.
        let staff =
          has(Self.no, at: end, limit: i)
          && Self.staffNouns.contains { w in
            has(w, at: end + Self.no.count, limit: i)
              && Self.agentMarkers.contains { has($0, at: end + Self.no.count + w.count, limit: i) }
          } || organActs(after: end, before: i)
        // 「…案を作成し、乙の本部に説明する」: the party's office the cue is addressed to (に right before
        // it) is no agent, however short the noun.
        let addressed = has(Self.no, at: end, limit: i) && i - 1 > end && text[i - 1] == Self.ni
        let possessive =
          !staff && (has(Self.no, at: end, limit: i) || has(Self.sideNo, at: end, limit: i))
          && (i - end > 5 || addressed)
        if !possessive, Self.agentMarkers.contains(where: { has($0, at: end, limit: i) }) {
          // 「乙は、甲が担当する対策の項目ごとに、対策案を提示し」: a が-clause closed by a comma
          // before the cue describes the matter; the sentence's topic acts.
          if has(Self.ga, at: end, limit: i), text[(end + 1)..<i].contains(0x3001),
            let t = topic(before: i, in: r)
          {
            return t
          }
          // 「受託者は、委託者側で講ずべき措置を提示し」「乙は、甲の医療機関側で必要となる対策を提示し」:
          // the party inside a relative clause on what is presented is not the one presenting.
          // 「乙が甲に実施すべき事項を提示し」: where another party is named before the relative word,
          // the relative clause is that party's and the one found here presents.
          let relatives =
            has(Self.ga, at: end, limit: i) ? Self.relativeClause + Self.relativeAfterGa : Self.relativeClause
          if let w = (end..<i).first(where: { p in relatives.contains { has($0, at: p, limit: i) } }),
            // 「顧客が顧客の側で実施すべき管理策を特定した…草案を作成し」: the same party named again
            // is still inside the matter.
            !(end..<w).contains(where: { p in label(at: p, limit: w).map { $0.role != l.role } ?? false })
          {
            // 「…対策は、乙が提供物ごとに留意すべき点と対策の案を取りまとめて」: with no topic, the party
            // before the relative clause is the one acting — unless another party acts before it
            // (「「協議」は、乙が年一回、…甲が講ずべき対策の案を提示し」: 甲 is inside the matter).
            if let t = topic(before: i, in: r) { return t }
            guard has(Self.ga, at: end, limit: i) else { return nil }
            return nearestAgent(before: j, in: r) ?? l.role
          }
          return l.role
        }
      }
      j -= 1
    }
    return nil
  }

  /// Whose conduct the words at `i` are: 「乙の故意」「乙に故意」「乙又はその従業員の故意」. nil when the
  /// sentence names nobody right before them (a carve-out for either party).
  func holder(at i: Int, in r: Range<Int>) -> PartyRole? {
    var j = i - 1
    var steps = 0
    while j >= r.lowerBound, steps < 14 {
      let c = text[j]
      if c == 0x3001 || c == 0x3002 { return nil }
      if let l = labels.first(where: { l in
        let s = j - l.text.count + 1
        return s >= r.lowerBound && label(at: s, limit: r.upperBound)?.text == l.text
      }) {
        // 「お客さまが提供者に承諾の意思を示した後」: the party consent is given to does not give it.
        if j + 1 < r.upperBound, text[j + 1] == Self.ni {
          j -= l.text.count
          steps += l.text.count
          continue
        }
        return l.role
      }
      j -= 1
      steps += 1
    }
    return nil
  }
}

extension Actors {
  /// The party right before a key with 「に」 (「利用者に提供する」「乙に通知し」): the one the act is
  /// done to.
  func recipient(before key: Int, in r: Range<Int>) -> PartyRole? {
    let ni = key - 1
    guard ni > r.lowerBound, text[ni] == Self.ni else { return nil }
    return label(endingAt: ni, from: r.lowerBound)?.role
  }

  /// The label that ends right before `end` and starts at or after `start` (the longest, as
  /// `labels` are sorted).
  func label(endingAt end: Int, from start: Int) -> Label? {
    labels.first { l in
      end - l.text.count >= start && text[(end - l.text.count)..<end].elementsEqual(l.text)
    }
  }
}

extension Actors {
  /// 「協議の日程と議題は甲が乙に示す」: the party with が right before the partner's label (乙に示す)
  /// is the one acting, whoever the paragraph opens with.
  func agentBeforePartner(_ i: Int, in r: Range<Int>) -> PartyRole? {
    guard let partner = label(endingAt: i, from: r.lowerBound) else { return nil }
    let ga = i - partner.text.count - 1
    guard ga > r.lowerBound, text[ga] == Self.ga[0] else { return nil }
    return label(endingAt: ga, from: r.lowerBound).flatMap { $0.role == partner.role ? nil : $0.role }
  }
}
