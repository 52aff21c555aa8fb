/// Judges one element on the whole document: every unit (sentence, paragraph or article) where its
/// words hold is read for who acts, negation and later overrides; the best reading wins (met over
/// contradicted over unmet), so a requirement met anywhere — another article, an annex, a 覚書 —
/// counts. A class: every rule and element is judged through it, and copying its fields cost a
/// twentieth of the review.
final class ElementJudge {
  let contract: Contract
  let source: SourceText
  let normalized: NormalizedText
  let index: DocumentIndex
  let clauses: Clauses
  let actors: Actors
  let polarity: Polarity.Compiled
  let references: References

  init(
    contract: Contract, source: SourceText, normalized: NormalizedText, index: DocumentIndex,
    clauses: Clauses,
    actors: Actors, polarity: Polarity.Compiled
  ) {
    self.contract = contract
    self.source = source
    self.normalized = normalized
    self.index = index
    self.clauses = clauses
    self.actors = actors
    self.polarity = polarity
    self.references = References(
      contract: contract, clauses: clauses, text: normalized.chars,
      outcomes: Self.outcomes(contract, source: source, normalized: normalized, clauses: clauses))
    self.superseded = references.superseded().union(references.nonBinding())
    let addressed = contract.parties.filter { p in
      p.role != .unknown && ["貴", "御", "お客"].contains(where: p.label.hasPrefix)
    }
    self.addressee = Set(addressed.map(\.role)).count == 1 ? addressed[0].role : nil
    var sameAs = [Bool](repeating: false, count: clauses.unitCount)
    // A sentence not joined to its lead shares the sentence's id and answer.
    let joined = clauses.sentencesWithLead.filter { $0.id >= clauses.sentences.count }
    for u in clauses.sentences + clauses.paragraphs + clauses.articles + joined {
      sameAs[u.id] = index.evaluate(polarity.sameAs, in: u.range) || references.namesOutcome(u)
    }
    self.sameAs = sameAs
    referredMemo = ReferredMemo(units: clauses.unitCount, paragraphs: clauses.paragraphs.count)
    articleTopics = contract.articles.map(\.topics)
    // A label of the contract's own (「請負人」) is a token in the matching view.
    partyLabels = contract.parties.map {
      PartyTokens.matchingForm(Normalizer.fold($0.label), parties: contract.parties)
    }
  }

  /// The contract's party labels as they read in the matching view.
  let partyLabels: [[UInt32]]

  static let consultation = Normalizer.fold("協議")
  /// 「協議会」「協議体」 are bodies, not a consultation.
  static let consultingBodies: Set<UInt32> = Set(["会", "体"].map { Normalizer.fold($0)[0] })

  static func consults(_ t: ArraySlice<UInt32>) -> Bool {
    var i = t.startIndex
    while i + consultation.count <= t.endIndex {
      if t[i] == consultation[0], t[i + 1] == consultation[1],
        i + 2 >= t.endIndex || !consultingBodies.contains(t[i + 2])
      {
        return true
      }
      i += 1
    }
    return false
  }

  /// Names given with 「以下「X」という」 in a sentence about a consultation (「…協議を取りまとめ、その
  /// 結果を「…要領」（以下「要領」という。）として定める」): following X follows that consultation.
  /// 「「共同対策会議」とは、乙が議長を務め…甲乙の担当者による会議をいう。」: a meeting defined by who
  /// runs it is a consultation as well.
  static let meetingDefinitions = ["会議をいう", "会合をいう", "打合せをいう", "打ち合わせをいう", "検討会をいう", "会議体をいう", "委員会をいう"]
    .map { Normalizer.fold($0) }

  static func outcomes(
    _ contract: Contract, source: SourceText, normalized: NormalizedText, clauses: Clauses
  ) -> [References.Outcome] {
    let defined: [References.Outcome] = contract.definitions.compactMap { d in
      // 「「共同責任協議」とは、乙が…案を作成して甲に提示し、…合意するまで行う協議をいう。」 too.
      guard
        PartyExtractor.precededByIka(source.scalars, d.range.lowerBound)
          || Lines.hasPrefix(source.scalars, d.range.upperBound, source.scalars.count, "とは"),
        !contract.parties.contains(where: { $0.label == d.term })
      else { return nil }
      let at = normalized.range(ofSource: d.range).lowerBound
      guard let sentence = clauses.sentences.first(where: { $0.range.contains(at) }),
        sentence.article != nil,
        consults(normalized.chars[sentence.range])
          || Self.meetingDefinitions.contains(where: {
            Lines.occurs($0, in: normalized.chars[sentence.range])
          })
      else { return nil }
      let name = PartyTokens.matchingForm(Normalizer.fold(d.term), parties: contract.parties)
      return name.count >= 2 ? References.Outcome(name: name, paragraph: sentence.paragraph, at: at) : nil
    }
    return defined + settledNames(clauses, normalized.chars)
  }

  /// 「…協議し、合意した内容を「院内運用ルール」として確定する。」: a name the result of talks is settled
  /// under, without 以下「…」という.
  static let settledAs = ["として確定", "として定め", "として決定", "として取りまとめ", "としてまとめ", "として合意"]
    .map { Normalizer.fold($0) }

  static func settledNames(_ clauses: Clauses, _ chars: [UInt32]) -> [References.Outcome] {
    let (open, close) = (UInt32(0x300C), UInt32(0x300D))
    var out: [References.Outcome] = []
    for s in clauses.sentences where s.article != nil && consults(chars[s.range]) {
      var i = s.range.lowerBound
      while i < s.range.upperBound {
        defer { i += 1 }
        guard chars[i] == open,
          let j = chars[(i + 1)..<min(s.range.upperBound, i + 22)].firstIndex(of: close), j - i - 1 >= 2,
          settledAs.contains(where: { w in
            j + 1 + w.count <= s.range.upperBound && chars[(j + 1)..<(j + 1 + w.count)].elementsEqual(w)
          })
        else { continue }
        out.append(References.Outcome(name: Array(chars[(i + 1)..<j]), paragraph: s.paragraph, at: i))
      }
      // 「協議がまとまったときは、当院と貴社の双方が運用管理規程を承認し、記名押印します。」: a document both
      // approve or adopt after the talks, named without brackets (three kanji or katakana at least).
      for name in nounsBefore(approvedAs, in: s.range, chars) where name.count >= 3 {
        out.append(References.Outcome(name: Array(chars[name]), paragraph: s.paragraph, at: name.lowerBound))
      }
      // 「…の案を示し、甲と協議して院内運用ルールを定める。」: a set of rules or a document the talks draw
      // up, named without brackets (four scalars at least, ending in a word for rules or documents).
      for name in nounsBefore(drawnUpAs, in: s.range, chars)
      where name.count >= 4
        && rulesWords.contains(where: { w in chars[name].suffix(w.count).elementsEqual(w) })
      {
        out.append(References.Outcome(name: Array(chars[name]), paragraph: s.paragraph, at: name.lowerBound))
      }
    }
    return out
  }

  /// The kanji and katakana run (up to 12 scalars) right before each occurrence of one of the verbs in
  /// the sentence: the noun the verb takes.
  static func nounsBefore(_ verbs: [[UInt32]], in r: Range<Int>, _ chars: [UInt32]) -> [Range<Int>] {
    var found: [Range<Int>] = []
    for verb in verbs {
      var k = r.lowerBound
      while k + verb.count <= r.upperBound {
        defer { k += 1 }
        guard chars[k] == verb[0], chars[k..<(k + verb.count)].elementsEqual(verb) else { continue }
        var b = k
        while b > r.lowerBound, k - b < 12, Normalizer.isWordScalar(chars[b - 1]) { b -= 1 }
        found.append(b..<k)
      }
    }
    return found
  }

  static let approvedAs = ["を承認し", "を承認する", "を採択"].map { Normalizer.fold($0) }
  static let drawnUpAs = ["を定める", "を定め、", "を策定"].map { Normalizer.fold($0) }
  static let rulesWords = ["ルール", "規程", "規則", "手順", "計画", "方針", "基準", "要領", "書", "表"].map {
    Normalizer.fold($0)
  }

  /// Each article's topics, read once (reading them through `contract.articles` copied the article).
  let articleTopics: [[String]]

  /// Whether each unit says it follows another clause, read once (by `Unit.id`): every element
  /// asks it of every unit where its words fall short.
  let sameAs: [Bool]

  /// The role of the party the contract addresses (「貴社」「貴院」「御社」「お客様」), if one is.
  let addressee: PartyRole?

  /// Paragraphs of the contract an amending 覚書 replaced or deleted.
  let superseded: Set<Int>

  /// The paragraphs a unit refers to that still stand: 「原契約第16条（免責）を削除する」 says nothing
  /// of what the deleted article said.
  func referred(from u: Clauses.Unit) -> [Int] {
    if let known = referredMemo.read(referredMemo.known[u.id]) { return known }
    let r = withSecondStep(directlyReferred(from: u), of: u)
    let live = superseded.isEmpty ? r : r.filter { !superseded.contains($0) }
    referredMemo.known[u.id] = referredMemo.keep(live)
    return live
  }

  /// 「前項の義務を尽くさなかった場合」 where 前項 is 「第2条に基づく安全管理を…履行する」: what the
  /// referred paragraphs refer to counts too (one more step, no further), where `keep` allows it.
  func withSecondStep(_ direct: [Int], of u: Clauses.Unit, keeping keep: (Int) -> Bool = { _ in true })
    -> [Int]
  {
    var r = direct
    for p in direct {
      for q in directlyReferred(fromParagraph: p) where q != u.paragraph && !r.contains(q) && keep(q) {
        r.append(q)
      }
    }
    return r
  }

  /// What a paragraph itself refers to (the second step above), read once per paragraph.
  func directlyReferred(from u: Clauses.Unit) -> [Int] {
    if let known = referredMemo.read(referredMemo.direct[u.id]) { return known }
    let r = references.referred(from: u)
    referredMemo.direct[u.id] = referredMemo.keep(r)
    return r
  }

  func directlyReferred(fromParagraph p: Int) -> [Int] {
    if let known = referredMemo.read(referredMemo.paragraphs[p]) { return known }
    let r = references.referred(from: clauses.paragraphs[p])
    referredMemo.paragraphs[p] = referredMemo.keep(r)
    return r
  }

  /// What each unit refers to, read once per review: every element whose key holds in a unit asks
  /// it again (a quarter of the review's time before). One review is judged on one thread.
  /// Arrays by `Unit.id` and paragraph index: hashing a key per lookup cost more than the lookups.
  /// The three lists of paragraphs are kept as slots into `lists` (-1: not read yet; 0: the shared
  /// empty list): arrays of optional arrays were walked slot by slot when a review ended.
  final class ReferredMemo {
    @exclusivity(unchecked) var known: [Int32]
    /// What the unit names itself (one step).
    @exclusivity(unchecked) var direct: [Int32]
    @exclusivity(unchecked) var paragraphs: [Int32]
    @exclusivity(unchecked) var lists: [[Int]] = [[]]
    /// Who leads in each paragraph as a whole (read once: every row of a long table refers to it).
    @exclusivity(unchecked) var leaders: [PartyRole??]
    /// The sentence each sentence takes up, by `Unit.id` (`sentenceTakenUp`): asked per element.
    @exclusivity(unchecked) var takenUp: [Clauses.Unit??]
    /// The agenda sentence both parties' talks settle, by `Unit.id` (`agendaSentence`).
    @exclusivity(unchecked) var agenda: [Range<Int>??]
    /// The sentence announcing the list each sentence is an item of, by `Unit.id` (`listLead`): every
    /// item of a long list asks, and each reads back to its lead.
    @exclusivity(unchecked) var listLeads: [Clauses.Unit??]
    /// Who leads a meeting named in passing (「運用会議」), by name: read once per name, not per unit.
    @exclusivity(unchecked) var meetings: [[UInt32]: PartyRole?] = [:]
    /// The main body's paragraphs that attach something by a quoted name beside a consultation,
    /// with those names (read once: every row of an annexed table asks).
    @exclusivity(unchecked) var attaching: [(paragraph: Int, names: [ArraySlice<UInt32>])]?
    init(units: Int, paragraphs: Int) {
      known = Array(repeating: -1, count: units)
      direct = Array(repeating: -1, count: units)
      self.paragraphs = Array(repeating: -1, count: paragraphs)
      leaders = Array(repeating: nil, count: paragraphs)
      takenUp = Array(repeating: nil, count: units)
      agenda = Array(repeating: nil, count: units)
      listLeads = Array(repeating: nil, count: units)
    }
    func read(_ slot: Int32) -> [Int]? { slot < 0 ? nil : lists[Int(slot)] }
    func keep(_ list: [Int]) -> Int32 {
      guard !list.isEmpty else { return 0 }
      lists.append(list)
      return Int32(lists.count - 1)
    }
  }
  let referredMemo: ReferredMemo

  func live(_ units: [Clauses.Unit]) -> [Clauses.Unit] {
    superseded.isEmpty ? units : units.filter { !superseded.contains($0.paragraph) }
  }

  struct Judgement {
    var status: ElementResult.Status
    /// The units that decided the status (what a person should read).
    var evidence: [Clauses.Unit]
    var note: String?
    /// Every unit where the element's words held, whatever their reading (for locating a finding).
    var candidates: [Clauses.Unit]
    /// Every unit that meets the element (the evidence shows the first two).
    var meeting: [Clauses.Unit] = []
  }

  enum ActorReading { case ok, swapped, unnamed }

  func judge(_ e: CompiledElement) -> Judgement {
    let el = e.element
    let units = live(clauses.units(el.unit))
    var met: [Clauses.Unit] = []
    var negated: [Clauses.Unit] = []
    var overridden: [Clauses.Unit] = []
    var swapped: [Clauses.Unit] = []
    var unnamed: [Clauses.Unit] = []
    var candidates: [Clauses.Unit] = []
    // The key must hold in the unit itself; the rest may hold in what the unit refers to.
    for u in canHoldAnywhere(e) ? anchoredUnits(e, units) : [] where holds(e, in: u) {
      candidates.append(u)
      if el.negatable, isNegated(e.key, in: u.range) {
        // 「3.6.1 事業者は、指定ソフトウェア以外…について責任を負わない。」 in a specification's section whose
        // 3.3 is on subcontracting: a negation denies the element only where its own matter is named
        // in the text, not where the article's topics alone supply it.
        if e.context != nil, !contextInText(e, u) { continue }
        // A negation counts where the statement holds in the unit or through one reference; read
        // through two (「前二項の規定にかかわらず…請求に基づく損害は負わない」 reaching the guideline of
        // 第2条 through 前二項) it is about something else.
        if !matches(e.match, in: u, oneStep: true) { continue }
        if deniesOnlyExcepted(e, u) { continue }
        // 「甲が乙の同意を得ずに導入したソフトウェア」 negates the vendor's consent, which says
        // nothing of the institution's.
        // 「承諾しない会員施設は、…申し出て、費用を負担することなく退会できる」: the other party's act,
        // negated, denies nothing the vendor is to do.
        if el.actor?.mode == .holder || el.actor?.mode == .subject, actorReading(el, e, u) == .swapped {
          swapped.append(u)
        } else {
          negated.append(u)
        }
        continue
      }
      switch actorReading(el, e, u) {
      case .swapped: swapped.append(u)
      case .unnamed: unnamed.append(u)
      case .ok:
        // 「前項にかかわらず、いかなる場合においても…超えないものとし」 reaches the carve-out it sets
        // aside through 前項: it overrides the element, it does not state it.
        let overriding = el.overridable && isSweeping(u) && !index.evaluate(e.match, in: u.range)
        if el.overridable, overriding || isOverridden(after: u, e) {
          overridden.append(u)
        } else {
          met.append(u)
        }
      }
    }
    // 「規約第5条にかかわらず、当社は…事前に病院の書面による同意を得る」: a clause that meets the
    // element and sets another aside (special terms over standard terms); what the clause set aside
    // says against the element no longer holds.
    let setAside = Set(
      met.filter { index.evaluate(polarity.override, in: $0.range) }.flatMap { directlyReferred(from: $0) })
    func standing(_ us: [Clauses.Unit]) -> [Clauses.Unit] {
      setAside.isEmpty ? us : us.filter { !setAside.contains($0.paragraph) }
    }
    // 「甲の承諾を要することなく再委託できる」: the key negated where the rest nearly holds. Such a
    // statement outweighs one that meets the element (「…承諾を得る。ただし、軽微な作業は承諾を要せず
    // 再委託できる。」): the requirement no longer holds without exception.
    var near: [Clauses.Unit] = standing(negated)
    if el.negatable, case .all(let parts) = e.match, parts.count >= 3 {
      near += standing(candidateUnits(e.key, units)).filter { u in
        // The element's first part names its matter (再委託, 提供物…): it must be there.
        !negated.contains { $0.range == u.range } && index.evaluate(parts[0], in: u.range)
          && nearlyHolds(e.match, in: u.range) && contextHolds(e, u)
          && !(e.unless.map { index.evaluate($0, in: u.range) } ?? false) && isNegated(e.key, in: u.range)
          && !deniesOnlyExcepted(e, u)
          && !keyActedByOther(el, e, u)
      }
    }
    // 「注2　項番7から項番10までの事項について、…協議する義務を負わない。」 beside 「項番5に掲げる事項
    // …は、…協議により決定する」: a denial about other rows of a table leaves the row that meets the
    // element standing.
    let metRows = near.isEmpty ? [] : met.reduce(into: Set<Int>()) { $0.formUnion(namedRows($1)) }
    if !metRows.isEmpty {
      near.removeAll { u in
        let rows = namedRows(u)
        return !rows.isEmpty && rows.isDisjoint(with: metRows)
      }
    }
    if !near.isEmpty {
      return Judgement(
        status: .contradicted, evidence: Array(near.prefix(2)),
        note: met.isEmpty ? "否定する形で書かれています" : "例外として否定する定めがあります", candidates: candidates + near)
    }
    if el.contradictionOutweighs, !met.isEmpty {
      let narrowed = standing(narrowing(met, e))
      if !narrowed.isEmpty {
        return Judgement(
          status: .contradicted, evidence: Array((narrowed + met).prefix(2)), note: "後の項で、定めの及ぶ範囲が狭められています",
          candidates: candidates + narrowed)
      }
    }
    if el.contradictionOutweighs, !met.isEmpty, let c = e.contradictedBy {
      let contra = standing(contradicting(e, c, units))
      if !contra.isEmpty {
        return Judgement(
          status: .contradicted, evidence: Array((contra + met).prefix(2)), note: "別の定めで打ち消されています",
          candidates: candidates + contra)
      }
    }
    if el.everyItem, !met.isEmpty, met.allSatisfy({ namesOnlySomeItems($0) }) {
      return Judgement(
        status: .unmet, evidence: Array(met.prefix(2)), note: "挙げられたもののうち一部（号を指定したもの）についてだけ定めています",
        candidates: candidates)
    }
    if !met.isEmpty, let doubt = doubtful(e, met) {
      return Judgement(
        status: .unclear, evidence: [doubt] + met.prefix(1).filter { $0.range != doubt.range },
        note: el.doubtfulNote ?? "何が対象になるかを後から一方が決められる形です（確認してください）", candidates: candidates)
    }
    if !met.isEmpty {
      return Judgement(
        status: .met, evidence: Array(met.prefix(2)), note: nil, candidates: candidates, meeting: met)
    }
    if let u = overridden.first {
      return Judgement(
        status: .contradicted, evidence: [u] + overriding(after: u, e), note: "後の条項（「…にかかわらず」）で打ち消されています",
        candidates: candidates)
    }
    if let c = e.contradictedBy {
      let contra = contradicting(e, c, units)
      if !contra.isEmpty {
        return Judgement(
          status: .contradicted, evidence: Array(contra.prefix(2)), note: "反対の定めがあります",
          candidates: candidates + contra)
      }
    }
    if !swapped.isEmpty {
      let who = el.actor.map { $0.role == .vendor ? "事業者" : "医療機関" } ?? ""
      return Judgement(
        status: .unmet, evidence: Array(swapped.prefix(2)), note: "行う側が\(who)ではありません", candidates: candidates)
    }
    if !unnamed.isEmpty {
      return Judgement(
        status: .unmet, evidence: Array(unnamed.prefix(2)), note: "誰が主導するのかが書かれていません", candidates: candidates)
    }
    // Left to another document: a person must look there.
    let deferred = candidateUnits(polarity.deferral, live(clauses.sentences)).filter { u in
      index.evaluate(polarity.deferral, in: u.range) && !index.evaluate(polarity.scheduling, in: u.range)
        && nearlyHolds(e.match, in: u.range) && contextHolds(e, u)
    }
    if let u = deferred.first {
      return Judgement(
        status: .unclear, evidence: [u], note: "別に定める文書に委ねられています（その文書を確認してください）", candidates: candidates)
    }
    // The clause is there, written short (the guideline pinned to an old edition): quoted as what to fix.
    if let short = e.fallsShort,
      let u = candidateUnits(short, units).first(where: { u in
        index.evaluate(short, in: u.range) && index.evaluate(e.match, in: u.range)
          && !(e.exceptions.map { index.evaluate($0, in: u.range) } ?? false)
      })
    {
      return Judgement(
        status: .unmet, evidence: [u], note: el.fallsShortNote ?? "この種の定めはありますが、求められる形になっていません",
        candidates: candidates)
    }
    return Judgement(status: .unmet, evidence: [], note: nil, candidates: candidates)
  }

  /// Units where the element's `contradictedBy` holds with its context. A sentence is read with
  /// the one it leads on from (「…ことができる。この場合において、承諾は要しない。」).
  func contradicting(_ e: CompiledElement, _ c: CompiledCondition, _ units: [Clauses.Unit]) -> [Clauses.Unit]
  {
    candidateUnits(c, e.element.unit == .sentence ? live(clauses.sentencesWithLead) : units).filter { u in
      index.evaluate(c, in: u.range) && contextHolds(e, u)
    }
  }

  /// False when the element can hold in no unit of the document: a part of its `all`, or its
  /// context (where no article carries a context topic), occurs nowhere. Checked before reading
  /// every unit where the key holds — on long contracts with a common key (報告, 行う) that reading
  /// was most of the review's time, and the answer was fixed by the document alone.
  func canHoldAnywhere(_ e: CompiledElement) -> Bool {
    if case .all(let parts) = e.match, parts.contains(where: { index.anchorCount($0) == 0 }) { return false }
    if let c = e.context, index.anchorCount(c) == 0 {
      let topics = e.element.contextTopics
      return !topics.isEmpty && articleTopics.contains { $0.contains(where: topics.contains) }
    }
    return true
  }

  /// Units holding the element's anchor (its key), and units that say they follow another clause
  /// (「前条と同様の手続により決定し」), whose key may stand only in the clause referred to.
  func anchoredUnits(_ e: CompiledElement, _ units: [Clauses.Unit]) -> [Clauses.Unit] {
    let anchored = candidateUnits(e.anchor, units)
    guard case .all = e.match else { return anchored }
    // Units naming a consultation's outcome (References.outcomes) follow it as 「前条と同様」 does.
    let following = references.outcomes.isEmpty ? candidateUnits(polarity.sameAs, units) : units
    // Items of a list whose lead holds the key (「定例会では、次の事項を協議する。」).
    // The key is not in the item itself (where it is, the item is anchored already).
    let listed = units.filter { u in
      u.id < clauses.sentences.count && clauses.itemCounts[u.paragraph] > 0
        && listTakesUp(u, key: e.key) && !index.evaluate(e.key, in: u.range)
    }
    let same = following.filter { u in
      isSameAs(u) && !anchored.contains { $0.range == u.range } && !listed.contains { $0.range == u.range }
    }
    let more = same + listed
    return more.isEmpty ? anchored : (anchored + more).sorted { $0.range.lowerBound < $1.range.lowerBound }
  }

  /// All but one part of a top-level `all` holds (the rest is left to another document).
  func nearlyHolds(_ c: CompiledCondition, in r: Range<Int>) -> Bool {
    guard case .all(let cs) = c, cs.count >= 2 else { return false }
    return cs.filter { index.evaluate($0, in: r) }.count >= cs.count - 1
  }

  /// Units holding an anchor of the condition (all units when it gives no anchor).
  func candidateUnits(_ c: CompiledCondition, _ units: [Clauses.Unit]) -> [Clauses.Unit] {
    guard let anchors = index.anchors(c) else { return units }
    var out: [Clauses.Unit] = []
    var k = 0
    var last = Int.min
    for u in units {
      // The preamble and the annexes come after the articles in `units` though they may stand before
      // some of them in the text (「別紙」 followed by 「覚書　第1条」): search again from the start there.
      if u.range.lowerBound < last { k = 0 }
      last = u.range.lowerBound
      while k < anchors.count, Int(anchors[k]) < u.range.lowerBound { k += 1 }
      if k < anchors.count, Int(anchors[k]) < u.range.upperBound { out.append(u) }
    }
    return out
  }

  func holds(_ e: CompiledElement, in u: Clauses.Unit) -> Bool {
    if let unless = e.unless, index.evaluate(unless, in: u.range) { return false }
    // 「前条の協議の結果は書面に記録し」 where 前条 is about the provided items: what the referred
    // paragraph says counts only where the element's exceptions do not hold there.
    return matches(
      e.match, in: u, unless: e.unless, readsHeading: e.element.readsHeading, readsItems: e.element.readsItems
    )
      && contextHolds(e, u)
  }

  /// The paragraphs the unit refers to where `unless` does not hold; with `oneStep`, only those it
  /// names itself (not what they refer to in turn).
  func usableReferred(from u: Clauses.Unit, unless: CompiledCondition?, oneStep: Bool) -> [Int] {
    let direct = directlyReferred(from: u).filter { !superseded.contains($0) }
    let r = oneStep ? direct : referred(from: u)
    guard let unless, !r.isEmpty else { return r }
    // A paragraph of one sentence (a 。 inside brackets ending none) where the exceptions hold.
    func usable(_ p: Int) -> Bool {
      !index.evaluate(unless, in: clauses.paragraphs[p].range) || closedSentenceCount(p) > 1
    }
    guard !oneStep, direct.contains(where: { !usable($0) }) else { return r.filter(usable) }
    // 「３　本条は、第3条第2項に定める甲環境のセキュリティには及ばない。」: a paragraph the exceptions rule
    // out passes on nothing it refers to (the second step of `referred` reads through it otherwise).
    return withSecondStep(direct.filter(usable), of: u) { !superseded.contains($0) && usable($0) }
  }

  /// The part holds in the referred paragraph — where the exceptions hold somewhere in it, in one of
  /// its sentences free of them: an annex read whole (「別紙１　当院側対策の取決め手順」) may also
  /// settle the talks on vulnerabilities in another of its sentences.
  func holds(_ part: CompiledCondition, inReferred p: Int, unless: CompiledCondition?) -> Bool {
    let range = clauses.paragraphs[p].range
    guard index.evaluate(part, in: range) else { return false }
    guard let unless, index.evaluate(unless, in: range) else { return true }
    return clauses.sentencesOfParagraph[p].contains { k in
      let r = clauses.sentences[k].range
      return !index.evaluate(unless, in: r) && index.evaluate(part, in: r)
    }
  }

  /// The condition holds in the unit; or, for a top-level `all` whose last part (the key) holds
  /// here, the other parts may hold in the paragraphs the unit refers to (「第2条第2項に定める安全
  /// 管理を…行っていた場合に限り」 reads 第2条第2項).
  func matches(
    _ c: CompiledCondition, in u: Clauses.Unit, unless: CompiledCondition? = nil, oneStep: Bool = false,
    readsHeading: Bool = false, readsItems: Bool = false
  ) -> Bool {
    // Each alternative is tried in the unit first anyway.
    if case .any(let alternatives) = c {
      return alternatives.contains {
        matches(
          $0, in: u, unless: unless, oneStep: oneStep, readsHeading: readsHeading, readsItems: readsItems)
      }
    }
    if index.evaluate(c, in: u.range) { return true }
    // 「前条と同様の手続により決定し」: everything, the key included, may be in what is referred to.
    if case .all(let cs) = c, isSameAs(u) {
      let referred = usableReferred(from: u, unless: unless, oneStep: oneStep)
      let before = referred.isEmpty ? earlierInParagraph(u, unless: unless) : nil
      return (!referred.isEmpty || before != nil)
        && cs.allSatisfy { part in
          index.evaluate(part, in: u.range)
            || referred.contains { holds(part, inReferred: $0, unless: unless) }
            || before.map { index.evaluate(part, in: $0) } ?? false
        }
    }
    guard case .all(let cs) = c, let key = cs.last else { return false }
    guard index.evaluate(key, in: u.range) else {
      // 「定例会では、次の事項を協議する。（2）甲が院内で講じる安全対策の具体的内容」: an item of a list the
      // talks take up holds the rest itself.
      guard listTakesUp(u, key: key), let lead = listLead(of: u),
        !(unless.map { index.evaluate($0, in: lead.range) } ?? false)
      else { return false }
      return cs.dropLast().allSatisfy { index.evaluate($0, in: u.range) }
    }
    var referred = usableReferred(from: u, unless: unless, oneStep: oneStep)
    // 「…提供物に係る保護策を含めること。保護策は、…協議を経て確定し」: the sentence it takes up, and
    // what that sentence refers to (「前項の支援は、…対策案の作成…。最終案は、…署名した…として確定」).
    let lead = sentenceTakenUp(by: u).flatMap { s in
      unless.map { index.evaluate($0, in: s.range) } ?? false ? nil : s
    }
    let takenUp = lead?.range
    if let lead {
      referred += usableReferred(from: lead, unless: unless, oneStep: true).filter { !referred.contains($0) }
    }
    // 「第四条（病院側の対策の確定）…４　病院及び事業者は、前項の改善案について協議を行い、…確定する」:
    // the heading says what the article's talks settle.
    // The heading must name the whole matter itself (「病院側の対策」, not 「接続装置などの安全対策」 beside a
    // unit naming the hospital) and hold none of the element's exceptions.
    // Talks on another matter (「その作業日程を協議する」「予算を協議し」) take nothing from the heading.
    // Cheapest first: whether the article has a heading, what the short heading names, and only
    // then what the unit talks about (a scan of its text for each other matter).
    let heading = (readsHeading ? u.article.flatMap { contract.articles[$0].headingRange } : nil)
      .map { normalized.range(ofSource: $0) }
      .flatMap { h in
        cs.dropLast().allSatisfy { index.evaluate($0, in: h) }
          && !(unless.map { index.evaluate($0, in: h) } ?? false)
          && !Self.otherMatters.contains(where: { Lines.occurs($0, in: index.text[u.range]) }) ? h : nil
      }
    let siblings = readsItems ? alternativeItems(of: u, unless: unless) : []
    // The agenda both parties' talks settle: only where it names the whole matter itself and holds
    // none of the exceptions (a plan for the rooms and terminals lent to the vendor is no agenda of
    // the hospital's own measures).
    if takenUp == nil, let agenda = agendaSentence(before: u),
      !(unless.map { index.evaluate($0, in: agenda) } ?? false),
      cs.dropLast().allSatisfy({ index.evaluate($0, in: agenda) })
    {
      return true
    }
    guard !referred.isEmpty || takenUp != nil || heading != nil || !siblings.isEmpty else { return false }
    return cs.dropLast().allSatisfy { part in
      index.evaluate(part, in: u.range)
        || referred.contains { holds(part, inReferred: $0, unless: unless) }
        || takenUp.map { index.evaluate(part, in: $0) } ?? false
        || heading.map { index.evaluate(part, in: $0) } ?? false
        || siblings.contains { index.evaluate(part, in: $0) }
    }
  }

  /// The unit is an item of a list whose lead holds the key, or, for talks, names a meeting whose
  /// business the list is.
  func listTakesUp(_ u: Clauses.Unit, key: CompiledCondition) -> Bool {
    guard let lead = listLead(of: u), lead.id != u.id else { return false }
    return index.evaluate(key, in: lead.range) || (isConsult(key) && meetingTakesUp(lead.range))
  }

  /// 「連絡会は、次の事項を取り扱う。」: a meeting of the parties whose business the list is.
  func meetingTakesUp(_ r: Range<Int>) -> Bool {
    let text = index.text
    return Self.businessWords.contains { Lines.occurs($0, in: text[r]) }
      && (!meetingCompounds(in: r).isEmpty
        || contract.definitions.contains { d in
          Self.meetingHeads.contains(where: d.term.hasSuffix)
            && Lines.occurs(Normalizer.fold(d.term), in: text[r])
        })
  }
  static let businessWords = ["取り扱", "取扱", "審議", "所掌", "議題"].map { Normalizer.fold($0) }

  /// The key is the consultation concept (or offers it): talks, not a notice or a measure.
  func isConsult(_ key: CompiledCondition) -> Bool {
    guard let first = index.compiled.conceptTermIds["consult"]?.first else { return false }
    func offers(_ c: CompiledCondition) -> Bool {
      switch c {
      case .term(let t): t == first
      case .terms(_, let ts): ts.contains(first)
      case .any(let cs): cs.contains(where: offers)
      case .all, .none: false
      }
    }
    return offers(key)
  }

  static let alternativesLead = ["いずれか", "何れか"].map { Normalizer.fold($0) }

  /// The other items of the list a sentence is an item of, where the list's lead-in offers them as
  /// alternatives (「次のいずれかに該当するときは」), and none holds the element's exceptions.
  func alternativeItems(of u: Clauses.Unit, unless: CompiledCondition?) -> [Range<Int>] {
    let p = u.paragraph
    guard u.id >= 0, u.id < clauses.sentences.count, clauses.itemCounts[p] > 0 else { return [] }
    let own = clauses.sentencesOfParagraph[p]
    // The lead-in need not open the paragraph: 「…上限とする。ただし、次のいずれかに該当するときは、この
    // 限りでない。（1）乙の故意による場合（2）乙の重大な過失による場合」.
    guard own.count > 1, u.id > own.lowerBound, let lead = listLead(of: u),
      Self.alternativesLead.contains(where: { Lines.occurs($0, in: index.text[lead.range]) })
    else { return [] }
    let items = own.filter { $0 > lead.id && $0 != u.id }.map { clauses.sentences[$0].range }
    if let unless, items.contains(where: { index.evaluate(unless, in: $0) }) { return [] }
    return items
  }

  /// What talks may be about instead of measures: their schedule, the budget, fees.
  static let otherMatters = ["日程", "予算", "料金", "費用", "委託料", "保守料", "代金", "工程", "スケジュール"].map {
    Normalizer.fold($0)
  }

  /// 「…は、乙が進める協議の結果に基づき甲が実施する。接続機器の安全対策についても同様とする。」: a
  /// sentence that says it follows without naming a clause follows the sentences before it in its
  /// paragraph (nil when it opens the paragraph, or they hold the element's exceptions).
  func earlierInParagraph(_ u: Clauses.Unit, unless: CompiledCondition? = nil) -> Range<Int>? {
    let start = max(
      clauses.paragraphs[u.paragraph].range.lowerBound, u.range.lowerBound - Self.paragraphReach)
    guard start < u.range.lowerBound else { return nil }
    let r = start..<u.range.lowerBound
    if let unless, index.evaluate(unless, in: r) { return nil }
    return r
  }

  /// How far around a unit its paragraph is read (a few sentences): a table's rows are sentences
  /// of one long paragraph, and reading all of it from each row made a review quadratic.
  static let paragraphReach = 600

  func paragraphLeader(_ p: Int) -> PartyRole? {
    if let known = referredMemo.leaders[p] { return known }
    let role = actors.leader(in: clauses.paragraphs[p].range)
    referredMemo.leaders[p] = .some(role)
    return role
  }

  /// 「…変更する日の30日前までに書面でお知らせください。」 in a contract where the hospital calls itself
  /// 当院 and the vendor 貴社: a request with no subject is made of the party addressed (the one
  /// the contract calls 貴社, 貴院, 御社 or お客様).
  func requestAddressee(in r: Range<Int>) -> PartyRole? {
    guard let role = addressee, Lines.occurs(Self.kudasai, in: index.text[r]) else { return nil }
    return role
  }
  static let kudasai = Normalizer.fold("ください")

  /// The paragraph before the unit's in its article, if any.
  func paragraphBefore(_ u: Clauses.Unit) -> Int? { paragraph(-1, from: u) }

  /// The paragraph after the unit's in its article, if any.
  func paragraphAfter(_ u: Clauses.Unit) -> Int? { paragraph(1, from: u) }

  /// The paragraph `offset` places from the unit's in its article, if there is one.
  func paragraph(_ offset: Int, from u: Clauses.Unit) -> Int? {
    guard let k = u.article, let own = clauses.paragraphsOf[k], let here = own.firstIndex(of: u.paragraph),
      own.indices.contains(here + offset)
    else { return nil }
    return own[here + offset]
  }

  /// Suffixes of a name the contract gives a meeting (「レビュー会議」「利用者連絡会」).
  static let meetingHeads = [
    "会議", "協議会", "連絡会", "委員会", "検討会", "定例会", "報告会", "部会", "分科会", "ワークショップ", "ミーティング", "レビュー",
  ]
  static let foldedMeetingHeads = meetingHeads.map { Normalizer.fold($0) }

  /// 「前項のサーバ及び回線に係る対策は、レビュー会議で合意し」 where another paragraph says 「当社は、…
  /// レビュー会議を主催し」: a meeting the contract names is led by whoever a sentence naming it
  /// elsewhere says leads it. The name is a defined term, or a compound the unit holds (「運用会議での
  /// 協議により決定され」 beside 「第5条（運用会議）　イーストゲートは、…運用会議を招集し」).
  func namedMeetingLeader(_ u: Clauses.Unit) -> PartyRole? {
    let text = index.text
    let defined = contract.definitions.filter { d in Self.meetingHeads.contains(where: d.term.hasSuffix) }
      .map { Normalizer.fold($0.term) }
    // An item of a list names the meeting in the list's lead (「連絡会は、次の事項を取り扱う。」).
    let lead = listLead(of: u)?.range
    func names(_ name: [UInt32]) -> Bool {
      Lines.occurs(name, in: text[u.range]) || lead.map { Lines.occurs(name, in: text[$0]) } ?? false
    }
    for name in defined where names(name) {
      for s in clauses.sentences where s.paragraph != u.paragraph && Lines.occurs(name, in: text[s.range]) {
        // 「受託者は、運営委員会に出席し、…説明する」: attending it is not leading it.
        if actors.attends(in: s.range) { continue }
        if let role = actors.leader(in: s.range) ?? actors.chair(in: s.range) { return role }
      }
    }
    for name in meetingCompounds(in: u.range) where !defined.contains(name) {
      if let known = referredMemo.meetings[name] {
        if let role = known { return role }
        continue
      }
      let role = clauses.sentences.lazy.filter { s in
        Lines.occurs(name, in: text[s.range]) && !self.actors.attends(in: s.range)
      }
      .compactMap { self.actors.leader(in: $0.range) }.first
      referredMemo.meetings[name] = .some(role)
      if let role { return role }
    }
    return nil
  }

  /// 「乙の義務は、次のとおりとする。…(4) …甲との協議を自ら招集してこれを主導し」: an item that leads
  /// without naming who does is done by the party the list's lead names.
  func listLeadDoer(_ u: Clauses.Unit) -> PartyRole? {
    guard actors.leadCueStands(in: u.range), let lead = listLead(of: u) else { return nil }
    return actors.openingParty(in: lead.range)
  }

  /// 「別紙　セキュリティ役割分担表（…協議確定）」 outside the contract's own articles, where an article
  /// says 「前項の協議の結果は、別紙「セキュリティ役割分担表」として本契約に添付する」: the annex records
  /// that article's consultation, led by whoever leads it there or in the paragraph it refers to.
  func annexLeader(_ u: Clauses.Unit) -> PartyRole? {
    if let k = u.article, contract.articles[k].part == nil { return nil }
    let text = index.text
    if referredMemo.attaching == nil {
      referredMemo.attaching = clauses.paragraphs.indices.compactMap { p in
        let para = clauses.paragraphs[p]
        guard let k = para.article, contract.articles[k].part == nil, Self.consults(text[para.range]) else {
          return nil
        }
        let names = Self.quoted(text[para.range]).filter { $0.count >= 3 }
        return names.isEmpty ? nil : (p, names)
      }
    }
    for (p, names) in referredMemo.attaching ?? []
    where names.contains(where: { Lines.occurs($0, in: text[u.range]) }) {
      if let role = paragraphLeader(p)
        ?? referred(from: clauses.paragraphs[p]).lazy.compactMap({ self.paragraphLeader($0) }).first
      {
        return role
      }
    }
    return nil
  }

  /// The texts inside 「」 in a range.
  static func quoted(_ t: ArraySlice<UInt32>) -> [ArraySlice<UInt32>] {
    var out: [ArraySlice<UInt32>] = []
    var open: Int?
    for i in t.indices {
      if t[i] == 0x300C {
        open = i + 1
      } else if t[i] == 0x300D, let o = open {
        out.append(t[o..<i])
        open = nil
      }
    }
    return out
  }

  /// Names of meetings in a range: a meeting head with at least two kanji or katakana before it
  /// (「運用会議」「保守報告会」, not a bare 「会議」 or 「本会議」).
  func meetingCompounds(in r: Range<Int>) -> [[UInt32]] {
    let text = index.text
    var names: [[UInt32]] = []
    for head in Self.foldedMeetingHeads {
      var i = r.lowerBound
      while i + head.count <= r.upperBound {
        defer { i += 1 }
        guard text[i] == head[0], text[i..<(i + head.count)].elementsEqual(head) else { continue }
        var j = i
        while j > r.lowerBound, i - j < 12, Normalizer.isWordScalar(text[j - 1]) { j -= 1 }
        let name = Array(text[j..<(i + head.count)])
        // 「協議会で合意した内容をもって…確定し」 beside 「提供者は、…利用者との協議会を主催する」: a
        // meeting the contract calls by its bare kind (three scalars: not 会議 or 部会) is named too.
        if i - j >= 2 || (i == j && head.count >= 3), !names.contains(name) { names.append(name) }
      }
    }
    return names
  }

  /// A paragraph of the article of every unit that meets the element where `doubtfulWhen` holds.
  func doubtful(_ e: CompiledElement, _ met: [Clauses.Unit]) -> Clauses.Unit? {
    guard let doubt = e.doubtfulWhen else { return nil }
    var first: Clauses.Unit?
    for u in met {
      let own = clauses.paragraphs[u.paragraph].article.flatMap { clauses.paragraphsOf[$0] } ?? [u.paragraph]
      guard
        let p = own.first(where: { p in
          index.evaluate(doubt, in: clauses.paragraphs[p].range) && !superseded.contains(p)
        })
      else { return nil }
      first = first ?? clauses.paragraphs[p]
    }
    return first
  }

  /// Every sentence of the unit holding the key has a subject, and none is `role`.
  func otherProvidesThroughout(_ e: CompiledElement, _ u: Clauses.Unit, _ role: PartyRole) -> Bool {
    let own = clauses.sentences[clauses.sentencesOfParagraph[u.paragraph]].filter {
      u.range.contains($0.range.lowerBound) && index.evaluate(e.key, in: $0.range)
    }
    return !own.isEmpty && own.allSatisfy { s in actors.subject(in: s.range).map { $0 != role } ?? false }
  }

  /// A definition (「「X」とは、…をいう。」) of the unit that holds the whole match has `role` as the
  /// subject of its key, in a paragraph of more than one sentence.
  func ownSentenceProvides(_ e: CompiledElement, _ u: Clauses.Unit, _ role: PartyRole) -> Bool {
    let own = clauses.sentencesOfParagraph[u.paragraph]
    guard own.count > 1 else { return false }
    return clauses.sentences[own].contains { s in
      u.range.contains(s.range.lowerBound)
        && index.text[s.range.lowerBound..<min(s.range.upperBound, s.range.lowerBound + Self.definitionReach)]
          .firstRange(of: Self.definitionOpening) != nil
        && index.evaluate(e.match, in: s.range)
        && !(e.unless.map { index.evaluate($0, in: s.range) } ?? false) && !isNegated(e.key, in: s.range)
        && actors.subject(in: s.range, keyAt: index.occurrences(e.key, in: s.range).first?.lowerBound) == role
    }
  }

  static let definitionOpening = Normalizer.fold("」とは")
  /// How far into a sentence a definition's 」とは may close: an item mark (（４）) and a defined name
  /// of up to about twenty characters; further in, 」とは quotes a term inside the sentence's own text.
  static let definitionReach = 24

  /// The sentence of the unit's paragraph that holds the key's first occurrence in the unit, when
  /// the paragraph has more than one.
  func sentence(holding key: CompiledCondition, in u: Clauses.Unit) -> Range<Int>? {
    let own = clauses.sentencesOfParagraph[u.paragraph]
    guard own.count > 1, let o = index.occurrences(key, in: u.range).first else { return nil }
    return clauses.sentences[own].first { $0.range.contains(o.lowerBound) }?.range
  }

  /// 「イ　利用者が提供者に連絡せずに行った設定の変更」 (an item under 「提供者は、次の事由による障害について
  /// 責任を負わない。」): the other party is the one that leaves the key out, which denies nothing the
  /// element's actor is to do.
  func keyActedByOther(_ el: Element, _ e: CompiledElement, _ u: Clauses.Unit) -> Bool {
    guard let actor = el.actor, actor.mode == .subject,
      let o = index.occurrences(e.key, in: u.range).first
    else { return false }
    // 「甲は、…次の行為をしてはならない。…（４）…変更を事前の申請なく行うこと」: an item with no agent
    // of its own is done by the subject of the sentence announcing the list.
    guard
      let agent = actors.nearestAgent(before: o.lowerBound, in: u.range)
        ?? listLead(of: u).flatMap({ actors.subject(in: $0.range) })
    else { return false }
    return agent != actor.role
  }

  /// The sentence after the unit in its paragraph, if any.
  func laterInParagraph(_ u: Clauses.Unit) -> Range<Int>? {
    let own = clauses.sentencesOfParagraph[u.paragraph]
    var (lo, hi) = (own.lowerBound, own.upperBound)
    while lo < hi {
      let mid = (lo + hi) / 2
      if clauses.sentences[mid].range.lowerBound < u.range.upperBound { lo = mid + 1 } else { hi = mid }
    }
    return lo < own.upperBound ? clauses.sentences[lo].range : nil
  }

  /// The unit says it follows what another clause says (「前条と同様」「前項に準じ」「前条の例により」).
  func isSameAs(_ u: Clauses.Unit) -> Bool {
    sameAs[u.id]
  }

  func contextHolds(_ e: CompiledElement, _ u: Clauses.Unit) -> Bool {
    let topics = e.element.contextTopics
    if e.context == nil && topics.isEmpty { return true }
    if contextInText(e, u) { return true }
    if !topics.isEmpty, let k = u.article, articleTopics[k].contains(where: topics.contains) {
      return true
    }
    return false
  }

  /// The element's context concept holds in the unit, its paragraph, what it refers to or (where the
  /// element says so) an earlier paragraph of its article; the article's topics aside.
  func contextInText(_ e: CompiledElement, _ u: Clauses.Unit) -> Bool {
    if let c = e.context {
      if index.evaluate(c, in: u.range) { return true }
      // 「…に限る。ただし、故意又は重過失による場合はこの限りでない。」: the paragraph is the context.
      if index.evaluate(c, in: clauses.paragraphs[u.paragraph].range) { return true }
      // 「前項の変更について…」: what the referred paragraph says counts as said here.
      for p in referred(from: u) where index.evaluate(c, in: clauses.paragraphs[p].range) {
        return true
      }
      if e.element.contextInArticle,
        let earlier = clauses.paragraphsBeside(u.paragraph, article: u.article),
        earlier.contains(where: { $0 < u.paragraph && index.evaluate(c, in: clauses.paragraphs[$0].range) })
      {
        return true
      }
    }
    return false
  }

  func actorReading(_ el: Element, _ e: CompiledElement, _ u: Clauses.Unit) -> ActorReading {
    guard let actor = el.actor else { return .ok }
    let role: PartyRole?
    switch actor.mode {
    case .subject:
      // A paragraph read whole: the sentence holding the key says who acts first (「…甲によって
      // あらかじめ承諾されたときに限られる。当該第三者には、同等の義務が乙により課され、乙の監督に服する」).
      // A precondition (what the institution provides) is read over the whole paragraph still: its
      // key (用意, 提供) is too common a word to place the sentence.
      let keySentence =
        !el.precondition && u.range == clauses.paragraphs[u.paragraph].range
        ? sentence(holding: e.key, in: u) : nil
      // 「…端末を紛失したときは、病院は直ちに事業者に連絡する。事業者は…代替機を設置する。」: where
      // every sentence of the paragraph holding the key names the other party as its subject, that
      // party provides, whoever the paragraph opens with.
      if el.precondition, otherProvidesThroughout(e, u, actor.role) { return .swapped }
      // 「(2)「アップデート」とは、ライセンサーが…提供する修正版…(4)「ライセンシー設備」とは、ライセンシーが…
      // 用意する…電源を意味する。」: a definitions list read as one paragraph; the item that names the
      // provided things and who provides them says so, whoever provides something else before it.
      if el.precondition, ownSentenceProvides(e, u, actor.role) { return .ok }
      role =
        keySentence.flatMap {
          actors.subject(in: $0, keyAt: index.occurrences(e.key, in: $0).first?.lowerBound)
        }
        ?? actors.subject(in: u.range, keyAt: index.occurrences(e.key, in: u.range).first?.lowerBound)
        ?? requestAddressee(in: keySentence ?? u.range)
        // 「乙の遵守事項は、次のとおりとする。(1) 本業務に係る安全管理を、…に従って行うこと。」
        ?? listLead(of: u).flatMap { actors.openingParty(in: $0.range) }
        ?? actors.subject(in: clauses.paragraphs[u.paragraph].range)
      guard let role else {
        // 「本サービスは、…の各機能を、…利用者に提供する」: with no party acting, the party the key is
        // done to (「利用者に提供」) is not the one doing it.
        let key = index.occurrences(e.key, in: keySentence ?? u.range).first?.lowerBound
        return key.flatMap { actors.recipient(before: $0, in: u.range) } == actor.role ? .swapped : .ok
      }
      return role == actor.role ? .ok : .swapped
    case .leader:
      // 「受注者は、前項の協議に出席し、仕様について説明する」: who attends another clause's talks
      // and explains does not lead them; that clause says who does.
      let another = actors.refersToAnotherConsultation(in: u.range)
      // Supplying the papers for it leads nothing where that clause says who leads the meeting.
      let attends =
        another
        && (actors.attends(in: u.range)
          || (actors.supplies(in: u.range) && referred(from: u).contains { paragraphLeader($0) != nil }))
      // 「乙は、…手当てを洗い出して甲に示す。甲と乙はこれを取り決め」: the sentence taken up says.
      let own: PartyRole? =
        attends
        ? nil
        : actors.leader(in: u.range) ?? sentenceTakenUp(by: u).flatMap { actors.leader(in: $0.range) }
          ?? agendaSentence(before: u).flatMap { actors.leader(in: $0) }
      // 「前項の案を協議し」: words of leading that are another clause's send the reader there too.
      // Asked only where the unit's own words name nobody.
      func readsReferred() -> Bool {
        isSameAs(u) || another || Self.buildsOn(index.text[u.range])
          || actors.citesOtherClauseLead(in: u.range)
      }
      role =
        own
        // 「…第六条の協議の議題とする」 where 第六条's talks leave out the provided things (「前条のものを除く」):
        // a one-sentence clause the element's exceptions rule out says nothing of who leads these talks
        // (as in `usableReferred`, a longer one may hold them in another sentence).
        ?? (readsReferred()
          ? referred(from: u).lazy.filter { p in !self.ruledOut(p, by: e.unless) }.compactMap {
            self.paragraphLeader($0)
          }
          .first
            ?? (referred(from: u).isEmpty ? earlierInParagraph(u).flatMap { actors.leader(in: $0) } : nil)
          : nil)
        // 「…協議を行い、…書面で確定する。協議は乙が招集し、議事を取りまとめる。」: a later sentence of the
        // paragraph says who leads that consultation.
        ?? laterInParagraph(u).flatMap { r in Self.consults(index.text[r]) ? actors.leader(in: r) : nil }
        // 「１　乙は…案を作成し、甲との協議を開催する。２　協議で合意した対策は甲が実施し」: the
        // paragraph before sets up the consultation this one settles.
        // 「２　…面談で甲乙が項目ごとに採否と方法を決める。３　面談で合意した項目は…」: any words of talks.
        ?? paragraphBefore(u).flatMap { p in
          talks(u.range) && talks(clauses.paragraphs[p].range) ? paragraphLeader(p) : nil
        }
        ?? namedMeetingLeader(u)
        ?? annexLeader(u)
      // Where the clause named says nothing of who leads, the party nearest the words does (read
      // only when nothing above names anyone).
      guard
        let role = role ?? (attends ? nil : actors.leader(in: u.range, ownWords: false)) ?? listLeadDoer(u)
      else { return .unnamed }
      if role == actor.role, ledByOtherInNextParagraph(u, actor.role) { return .swapped }
      return role == actor.role ? .ok : .swapped
    case .holder:
      // Any occurrence held by the right party (or by nobody named) will do.
      var sawOther = false
      for o in index.occurrences(e.key, in: u.range) {
        let h = actors.holder(at: o.lowerBound, in: u.range)
        if h == nil || h == actor.role { return .ok }
        sawOther = true
      }
      return sawOther ? .swapped : .ok
    }
  }

  /// The paragraph, or the opening paragraph of its article (「第六条」 referred to whole, whose first
  /// paragraph leaves the matter out), is one sentence where the exceptions hold.
  func ruledOut(_ p: Int, by unless: CompiledCondition?) -> Bool {
    guard let unless else { return false }
    let opening = clauses.paragraphs[p].article.flatMap { clauses.paragraphsOf[$0]?.first }
    return ([p] + (opening.map { [$0] } ?? [])).contains { q in
      closedSentenceCount(q) == 1 && index.evaluate(unless, in: clauses.paragraphs[q].range)
    }
  }

  /// The paragraph's sentences, a 。 inside brackets ending none (「…措置（…職員教育等。前条のものを除く。）に
  /// ついては、…決定する。」 is one sentence).
  func closedSentenceCount(_ p: Int) -> Int {
    let text = index.text
    var depth = 0
    var count = 0
    for s in clauses.sentences[clauses.sentencesOfParagraph[p]] {
      for i in s.range {
        if Actors.openBrackets.contains(text[i]) { depth += 1 }
        if Actors.closeBrackets.contains(text[i]) { depth = max(0, depth - 1) }
      }
      if depth == 0 { count += 1 }
    }
    return max(count, 1)
  }

  /// 「前項の資料をもとに協議し」「前条の案を踏まえて協議し」: talks built on what a referred clause
  /// prepared are led by whoever prepared it.
  static let basisWords = [
    "をもとに", "を基に", "を元に", "に基づき", "に基づいて", "を踏まえ", "をたたき台",
    // 「…は、提示された案を協議し」: talks on what was presented.
    "提示された", "示された案", "提出された",
  ].map {
    Normalizer.fold($0)
  }
  static func buildsOn(_ t: ArraySlice<UInt32>) -> Bool { basisWords.contains { Lines.occurs($0, in: t) } }

  /// Denials of a duty that close a sentence (「…義務を負うことを意味するものではない」).
  static let dutyDenials: [[UInt32]] = [
    "を意味するものではない", "を意味するものではありません", "義務を負うものではない", "義務を負うものではありません", "義務を負わない",
    "義務を負いません", "責務を負うものではない",
  ].map { Normalizer.fold($0) }

  /// Words between a key and a negator that make the key a condition (「得た後でなければ…しない」).
  /// 「委託者が書面で承認するまで実施しない」「承認を得るまでは行わない」: not before the key, so also a condition.
  /// 「…ことは、甲が事前に同意した場合を除き、いたしません」: the key is the one case the act is allowed.
  static let onlyIf: [[UInt32]] = [
    "なければ", "無ければ", "ない限り", "ないかぎり", "がない", "のない", "るまで", "までは", "までの間", "場合を除き", "場合を除いて",
    "ときを除き", "ときを除いて",
    // 「甲の同意を得られない変更は実施しない」「承認を受けていない変更は行わない」: a negated clause on
    // the thing, then the act negated: the key is a condition of the act.
    "られない", "ていない", "を得ない", "を受けない",
  ].map {
    Normalizer.fold($0)
  }

  /// Scalars before a 「なく」 that make it no negation at all (「遅滞なく」「例外なく」).
  static let benignBeforeNaku: [[UInt32]] = [
    "遅滞", "漏れ", "もれ", "間断", "例外", "滞り", "支障", "差支", "遺漏", "速やか", "怠り", "余す", "限り", "少",
  ].map {
    Normalizer.fold($0)
  }

  /// A negator right after a key word, not itself turned back by a prohibition
  /// (「承諾を要しない」 is negated; 「承諾なく再委託してはならない」 is not).
  /// The range holds 協議 or another word of the consult concept.
  func talks(_ r: Range<Int>) -> Bool {
    guard !Self.consults(index.text[r]) else { return true }
    if let group = index.compiled.conceptGroups["consult"] { return index.evaluate(group, in: r) }
    return (index.compiled.conceptTermIds["consult"] ?? []).contains {
      index.occurs($0, in: r)
    }
  }

  /// 「凡例：◎主として実施　○共同で実施　－関与しない」: a table's legend explains its marks; its
  /// 「しない」 denies nothing.
  func inLegend(_ i: Int, from start: Int) -> Bool {
    let s = source.scalars
    let at = Int(normalized.toSource[i])
    let first = Int(normalized.toSource[start])
    var j = at
    while j > first, !Lines.isBreak(s[j - 1]) { j -= 1 }
    j = Lines.skipSpaces(s, j, at)
    return s[j..<at].starts(with: Self.legend)
  }
  static let legend = Array("凡例".unicodeScalars)

  func isNegated(_ key: CompiledCondition, in r: Range<Int>) -> Bool {
    let text = normalized.chars
    for o in index.occurrences(key, in: r) {
      // 「ただし、甲の承諾を得た場合又は乙の関係会社に再委託する場合は、この限りでない。」 lifts the
      // main clause in a second case too, where the key is absent: the protection is gone there.
      if let opener = index.occurrences(polarity.provisoOpener, in: r.lowerBound..<o.lowerBound).last,
        let lift = index.occurrences(polarity.proviso, in: o.upperBound..<r.upperBound).first,
        !text[o.upperBound..<lift.lowerBound].contains(Clauses.maru),
        provisoHasCaseWithout(key, in: opener.upperBound..<lift.lowerBound)
      {
        return true
      }
      // 「…あらかじめ甲の承諾を得る。ただし、乙の関係会社に再委託する場合は、この限りでない。」: a
      // proviso after the statement lifts it for a case where the key does not hold.
      if provisoLifts(key, after: o, in: r) { return true }
      // 「…対策を講じ、又は協議を行う義務を負うことを意味するものではない」: a sentence-final denial of
      // the duty takes back everything before it, however far.
      let end = text[o.upperBound..<r.upperBound].firstIndex(of: Clauses.maru) ?? r.upperBound
      if Self.dutyDenials.contains(where: { Lines.occurs($0, in: text[o.upperBound..<end]) }) { return true }
      let limit = min(r.upperBound, o.upperBound + Polarity.window)
      // 「甲の承諾なくしてこれを実施しない」: the 「しない」 that turned 「なく」 back is no second negation.
      var turningBack: [Range<Int>] = []
      for n in index.occurrences(polarity.negator, in: o.upperBound..<r.upperBound) where n.lowerBound < limit
      {
        if turningBack.contains(where: { $0.overlaps(n) }) { continue }
        let benign = Self.benignBeforeNaku.contains { b in
          n.lowerBound >= b.count && Array(text[(n.lowerBound - b.count)..<n.lowerBound]) == b
        }
        if benign || inLegend(n.lowerBound, from: r.lowerBound) { continue }
        // 「甲は、…前項の承諾をしないことができる」: a right to refuse, which presumes the consent.
        if index.occurrences(polarity.rightTo, in: n.upperBound..<min(r.upperBound, n.upperBound + 6)).first?
          .lowerBound == n.upperBound
        {
          continue
        }
        // 「同意しない参加施設の共有情報は、当該委託先に取り扱わせない」: a negator right before a party's
        // label describes that party (a relative clause); the consent is still required. Only the
        // attributive 「…ない」: 「協議を経ずに甲の判断のみで定め」 denies the talks.
        if text[n.upperBound - 1] == Self.attributiveEnd,
          partyLabels.contains(where: { l in
            n.upperBound + l.count <= r.upperBound
              && text[n.upperBound..<(n.upperBound + l.count)].elementsEqual(l)
          })
        {
          continue
        }
        // A proviso read with its main clause: a negator past the 。 is about the proviso.
        if text[o.upperBound..<n.lowerBound].contains(Clauses.maru) { continue }
        // 「本契約第19条は、前項の変更に係る甲の承認の手続を妨げるものではない」: the key is what is not
        // hindered, so it stands (the key the object of 妨げる, close before it).
        if n.lowerBound - o.upperBound <= Self.hinderReach,
          Lines.occurs(Self.hinder, in: text[o.upperBound..<min(r.upperBound, n.upperBound)])
        {
          continue
        }
        // 「甲が前項の変更に同意しないときは、…協議する」「承諾を得ないで再委託した場合は」: a case, which
        // presumes the key rather than denying it. 「前項の承認を得ずに行われた変更により甲に生じた費用は、乙の
        // 負担とする」: an act done without the key, described as a breach (the past act after the
        // negator), presumes the key too.
        if Self.presumingAfterNegator.contains(where: { m in
          n.upperBound + m.count <= r.upperBound
            && text[n.upperBound..<(n.upperBound + m.count)].elementsEqual(m)
        }) {
          continue
        }
        // 「（２）第11条第1項の承諾を得ずに再委託したとき。」 (a ground for termination): the act done
        // without the key, in its own clause, is a past case that presumes the key.
        let clauseEnd = min(
          r.upperBound, n.upperBound + Self.pastCaseReach,
          text[n.upperBound..<r.upperBound].firstIndex(of: Clauses.maru) ?? r.upperBound)
        if Self.pastCases.contains(where: { Lines.occurs($0, in: text[n.upperBound..<clauseEnd]) }) {
          continue
        }
        // 「甲の承認を得た後でなければ実施しない」「承諾がない限り行わない」「承認のない変更は行わない」: the
        // negation makes the key a condition of the act.
        if Self.onlyIf.contains(where: { Lines.occurs($0, in: text[o.upperBound..<n.lowerBound]) }) {
          continue
        }
        let prohibitions = index.occurrences(polarity.prohibition, in: n.upperBound..<r.upperBound)
        if !prohibitions.isEmpty {
          turningBack += prohibitions
          continue
        }
        // 「…してはならない。ただし、甲の承諾を得た場合は、この限りでない。」「…は範囲に含まれない。
        // ただし、協議はこの限りでない。」: a key inside a proviso is the exception to the main clause,
        // and 「この限りでない」 turns back the main clause, not the key.
        if index.evaluate(polarity.proviso, in: n),
          !index.occurrences(polarity.provisoOpener, in: r.lowerBound..<o.lowerBound).isEmpty
        {
          continue
        }
        return true
      }
    }
    return false
  }

  static let attributiveEnd = Normalizer.fold("い")[0]
  /// 妨げる with the key as its object: what is not hindered stands.
  static let hinder = Normalizer.fold("を妨げ")
  /// How far the key may stand before 「を妨げ…ない」 to be its object (「承認の手続を妨げ」).
  static let hinderReach = 8
  /// A past act in the negator's own clause (「承諾を得ずに再委託したとき」): a case, not a permission.
  static let pastCases = ["したとき", "した場合", "した時"].map { Normalizer.fold($0) }
  /// How far after the negator the past case may end: the act's own object and verb.
  static let pastCaseReach = 30
  /// Words right after a negator that presume the key: a case (「同意しないときは」) or a past act
  /// (「承認を得ずに行われた変更」), or a decision not to act (「協議で示された対策の一部を行わないと決めた
  /// ときは、…記録する」, dev38 a_20: the talks took place).
  static let presumingAfterNegator = [
    "とき", "場合", "時は", "ならば", "行われた", "行った", "なされた", "実施された", "実施した", "と決めた", "と決定した", "と判断した",
  ]
  .map { Normalizer.fold($0) }

  /// Cases a proviso may set aside without emptying the requirement: compulsion by law, an
  /// emergency, a minor matter.
  static let benignCases =
    (legalCompulsion.map { $0 }
      + ["緊急", "やむを得", "止むを得", "災害", "軽微", "軽易", "些細"].map { Normalizer.fold($0) })

  /// After the sentence holding the key (past its 。), a proviso 「ただし、…場合は、この限りでない」 whose
  /// case lacks the key and is not a benign one.
  func provisoLifts(_ key: CompiledCondition, after o: Range<Int>, in r: Range<Int>) -> Bool {
    let text = normalized.chars
    guard let opener = index.occurrences(polarity.provisoOpener, in: o.upperBound..<r.upperBound).first,
      text[o.upperBound..<opener.lowerBound].contains(Clauses.maru),
      let lift = index.occurrences(polarity.proviso, in: opener.upperBound..<r.upperBound).first
    else { return false }
    let case_ = opener.upperBound..<lift.lowerBound
    if text[case_].contains(Clauses.maru) || !index.occurrences(key, in: case_).isEmpty { return false }
    let benign = Self.benignCases.contains { w in
      case_.contains { p in p + w.count <= case_.upperBound && Array(text[p..<(p + w.count)]) == w }
    }
    return !benign
  }

  /// Words that join alternative cases (「…場合又は…場合」).
  static let alternatives = ["又は", "または", "若しくは", "もしくは", "あるいは", "或いは"].map { Normalizer.fold($0) }
  /// What ends a case: an alternative right after one of these joins cases, not nouns (「書面又は
  /// 電磁的方法」 stays one case).
  static let caseEnds = ["場合", "とき", "時"].map { Normalizer.fold($0) }
  /// A case that only yields to the law (「法令に基づく場合」) takes nothing from the other party.
  static let legalCompulsion = ["法令", "法律", "裁判", "官公署", "行政機関", "捜査"].map { Normalizer.fold($0) }

  /// The proviso's condition lists two or more cases and one of them (other than compulsion by law)
  /// lacks the key.
  func provisoHasCaseWithout(_ key: CompiledCondition, in r: Range<Int>) -> Bool {
    let text = normalized.chars
    func has(_ word: [UInt32], at p: Int) -> Bool {
      p >= 0 && p + word.count <= text.count && Array(text[p..<p + word.count]) == word
    }
    var cuts: [Int] = []
    var p = r.lowerBound
    while p < r.upperBound {
      if let alt = Self.alternatives.first(where: { has($0, at: p) }) {
        var q = p
        while q > r.lowerBound, [0x3001, 0xFF0C, 0x2C, 0x20, 0x3000].contains(text[q - 1]) { q -= 1 }
        if Self.caseEnds.contains(where: { has($0, at: q - $0.count) }) {
          cuts.append(p)
          p += alt.count
          continue
        }
      }
      p += 1
    }
    guard !cuts.isEmpty else { return false }
    let bounds = [r.lowerBound] + cuts + [r.upperBound]
    for (a, b) in zip(bounds, bounds.dropFirst()) where a < b {
      let branch = a..<b
      if !index.occurrences(key, in: branch).isEmpty { continue }
      let legal = Self.legalCompulsion.contains { w in
        branch.contains { has(w, at: $0) }
      }
      if !legal { return true }
    }
    return false
  }

  /// A later sentence of the same article that sets everything aside (「前項にかかわらず、…いかなる
  /// 場合においても…負わない」).
  func isOverridden(after u: Clauses.Unit, _ e: CompiledElement) -> Bool { !overriding(after: u, e).isEmpty }

  /// 「…にかかわらず、いかなる場合においても…ない」: a sentence that sets other clauses aside.
  func isSweeping(_ s: Clauses.Unit) -> Bool {
    index.evaluate(polarity.override, in: s.range) && index.evaluate(polarity.absolute, in: s.range)
      && (index.evaluate(polarity.negator, in: s.range) || index.evaluate(polarity.capping, in: s.range))
  }

  /// The sentences that override the unit: a later sentence of its article that sets everything aside.
  ///
  /// Elsewhere in the document, a sentence that sets aside the whole contract (「本契約の他の規定にかか
  /// わらず」) or names the unit's own paragraph (「第12条の規定にかかわらず」) overrides it too.
  ///
  /// A sentence that names the unit's paragraph and speaks of the element's own matter overrides it
  /// without 「いかなる場合」: 「原契約第8条第3項後段の規定にかかわらず、…逸失利益については賠償の責任を
  /// 負わない」 takes back the lost profits that paragraph granted.
  func overriding(after u: Clauses.Unit, _ e: CompiledElement) -> [Clauses.Unit] {
    func namedAndOnTheMatter(_ s: Clauses.Unit) -> Bool {
      guard index.evaluate(polarity.override, in: s.range), index.evaluate(polarity.negator, in: s.range),
        referred(from: s).contains(u.paragraph)
      else { return false }
      if case .all(let parts) = e.match { return parts.contains { index.evaluate($0, in: s.range) } }
      return index.evaluate(e.match, in: s.range)
    }
    var out: [Clauses.Unit] = []
    if let k = u.article {
      out = live((clauses.sentencesOf[k] ?? []).map { clauses.sentences[$0] }).filter { s in
        s.range.lowerBound >= u.range.upperBound && isSweeping(s)
      }
    }
    for s in live(candidateUnits(polarity.override, clauses.sentences))
    where s.article != u.article && index.evaluate(polarity.liability, in: s.range) {
      if isSweeping(s),
        index.evaluate(polarity.wholeContract, in: s.range) || referred(from: s).contains(u.paragraph)
      {
        out.append(s)
      } else if namedAndOnTheMatter(s) {
        out.append(s)
      }
    }
    return out
  }

  func evidence(_ u: Clauses.Unit) -> Evidence {
    let a = Int(normalized.toSource[u.range.lowerBound])
    var b = max(a, Int(normalized.toSource[u.range.upperBound]))
    while b > a, Lines.isSpace(source.scalars[b - 1]) || Lines.isBreak(source.scalars[b - 1]) { b -= 1 }
    let r = a..<b
    return Evidence(start: r.lowerBound, end: r.upperBound, text: source.slice(r))
  }
}
