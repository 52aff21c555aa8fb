/// Where each term of a compiled playbook occurs in one document's matching view.
/// Term positions are worked out on first use and kept.
final class DocumentIndex {
  let compiled: CompiledPlaybook
  let text: [UInt32]
  let literalHits: LiteralHits
  /// For each of `compiled.labels`, whether the contract allows it: a `{vendor}` variant must use
  /// one of the labels the contract gives the vendor (any label when it gives none).
  let labelAllowed: [Bool]
  // One review runs on one thread; the run-time exclusivity checks of these two caches cost more
  // than the lookups they guard.
  // Each term's (and group's) matches once read, as an index into `lists` (-1: not read yet; 0: the
  // shared empty list). A flat array of integers is freed at once; an array of optional arrays,
  // one slot per term of the playbook, was walked slot by slot at the end of every review.
  @exclusivity(unchecked) private var termSlot: [Int32]
  /// Each group's occurrences, merged and sorted (`CompiledCondition.terms`).
  @exclusivity(unchecked) private var groupSlot: [Int32]
  @exclusivity(unchecked) private var lists: [[(start: Int32, end: Int32)]] = [[]]
  /// The terms some variant of which has its anchor in the text, or that were given matches another
  /// way (`addMatches`): no other term has a match, which `evaluate` answers without reading them.
  @exclusivity(unchecked) private var termLive: [Bool]

  init(compiled: CompiledPlaybook, text: [UInt32], parties: [Party]) {
    self.compiled = compiled
    self.text = text
    self.literalHits = compiled.automaton.scan(text)
    var labels: [PartyRole: Set<String>] = [:]
    for p in parties where p.role != .unknown { labels[p.role, default: []].insert(p.label) }
    // 「当社は…貴院と協議のうえ確定します」 in a 提案書 attached to a 甲乙 contract: the forms of address
    // name one side whatever labels the contract chose, unless a party of the other side uses them.
    let taken = Set(parties.map(\.label))
    // Only the forms the text holds: each allowed label is more variants to test at every hit.
    let held = Self.addressFormsHeld(in: text)
    for (role, forms) in Self.addressForms where labels[role] != nil {
      labels[role]?.formUnion(
        forms.filter { f in !taken.contains(f.form) && held.contains(f.form) }.map(\.form))
    }
    self.labelAllowed = compiled.labels.map { labels[$0.role]?.contains($0.label) ?? true }
    self.termSlot = Array(repeating: -1, count: compiled.termCount)
    self.termLive = Self.liveTerms(compiled, literalHits)
    self.groupSlot = Array(repeating: -1, count: compiled.groupCount)
  }

  static let addressForms: [PartyRole: [(form: String, folded: [UInt32])]] = [
    .institution: ["貴院", "貴法人", "貴施設", "当院"], .vendor: ["当社", "弊社", "貴社", "御社"],
  ].mapValues { $0.map { ($0, Normalizer.fold($0)) } }
  /// Every form once, flat: 当 opens 当該 and 担当 everywhere, so the scan tests a form's second
  /// scalar before anything else.
  static let addressList: [(form: String, folded: [UInt32])] = addressForms.values.flatMap { $0 }
    .filter { $0.folded.count >= 2 }

  /// 貴, 当, 弊, 御: compared directly, since a set lookup per scalar cost a few per cent of a review.
  static let addressFirsts = Array(Set(addressList.map { $0.folded[0] })).sorted()

  /// The forms of address the text holds, in one pass.
  static func addressFormsHeld(in text: [UInt32]) -> Set<String> {
    var held: Set<String> = []
    let list = addressList
    let firsts = addressFirsts
    guard firsts.count == 4 else { return Set(list.map(\.form)) }
    let (a, b, c, d) = (firsts[0], firsts[1], firsts[2], firsts[3])
    text.withUnsafeBufferPointer { t in
      guard t.count >= 2 else { return }
      for i in 0..<(t.count - 1) {
        let x = t[i]
        guard x == a || x == b || x == c || x == d else { continue }
        for f in list where f.folded[0] == t[i] && f.folded[1] == t[i + 1] {
          if f.folded.count == 2
            || (i + f.folded.count <= t.count && t[i..<(i + f.folded.count)].elementsEqual(f.folded))
          {
            held.insert(f.form)
          }
        }
      }
    }
    return held
  }

  func evaluate(_ c: CompiledCondition, in range: Range<Int>) -> Bool {
    switch c {
    case .term(let t): termLive[t] && occurs(t, in: range)
    case .terms(let g, let ts): Self.occurs(groupMatches(g, ts), in: range)
    case .any(let cs): cs.contains { evaluate($0, in: range) }
    case .all(let cs): cs.allSatisfy { evaluate($0, in: range) }
    case .none(let cs): !cs.contains { evaluate($0, in: range) }
    }
  }

  /// Positions where the condition could hold: a unit must contain one of them to satisfy it.
  /// nil when the condition gives no such bound (it contains `none`, or has no terms).
  func anchors(_ c: CompiledCondition) -> [Int32]? {
    switch c {
    case .term(let t): return termMatches(t).map(\.start)
    case .terms(let g, let ts): return groupMatches(g, ts).map(\.start)
    case .any(let cs):
      var all: [Int32] = []
      for child in cs {
        guard let p = anchors(child) else { return nil }
        all += p
      }
      return all.sorted()
    case .all(let cs):
      // Only the child with the fewest anchors is materialised.
      let counted = cs.compactMap { c in anchorCount(c).map { (c, $0) } }
      return counted.min { $0.1 < $1.1 }.flatMap { anchors($0.0) }
    case .none: return nil
    }
  }

  /// How many anchors `anchors(c)` would return, without building the list.
  func anchorCount(_ c: CompiledCondition) -> Int? {
    switch c {
    case .term(let t): return termMatches(t).count
    // The merged list has every term's matches: counted without merging (most groups counted
    // before an element is read are never read).
    case .terms(let g, let ts):
      return groupSlot[g] >= 0 ? lists[Int(groupSlot[g])].count : ts.reduce(0) { $0 + termMatches($1).count }
    case .any(let cs):
      var total = 0
      for child in cs {
        guard let n = anchorCount(child) else { return nil }
        total += n
      }
      return total
    case .all(let cs): return cs.compactMap(anchorCount).min()
    case .none: return nil
    }
  }

  /// True when a sorted list of positions has one inside the range.
  static func contains(_ positions: [Int32], in range: Range<Int>) -> Bool {
    let lo = positions.firstIndex(atOrAfter: range.lowerBound)
    return lo < positions.count && Int(positions[lo]) < range.upperBound
  }

  /// True when some unit (sorted, non-overlapping ranges) satisfies the condition. Only units
  /// holding an anchor of the condition are tested.
  func anyUnit(_ units: [Range<Int>], satisfies c: CompiledCondition) -> Bool {
    guard let positions = anchors(c) else { return units.contains { evaluate(c, in: $0) } }
    var lastTried = -1
    for p in positions {
      var lo = 0
      var hi = units.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if units[mid].upperBound <= Int(p) { lo = mid + 1 } else { hi = mid }
      }
      guard lo < units.count, units[lo].contains(Int(p)), lo != lastTried else { continue }
      lastTried = lo
      if evaluate(c, in: units[lo]) { return true }
    }
    return false
  }

  /// Indices of the units (sorted, non-overlapping) in which the term occurs, ascending.
  func units(_ units: [Range<Int>], containing term: Int) -> [Int] {
    var out: [Int] = []
    for m in termMatches(term) {
      var lo = 0
      var hi = units.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if units[mid].upperBound <= Int(m.start) { lo = mid + 1 } else { hi = mid }
      }
      // Matches ascend, so a unit found again is the last one added.
      if lo < units.count, units[lo].contains(Int(m.start)), Int(m.end) <= units[lo].upperBound,
        out.last != lo
      {
        out.append(lo)
      }
    }
    return out
  }

  /// True when the term matches entirely inside the range.
  func occurs(_ term: Int, in range: Range<Int>) -> Bool {
    Self.occurs(termMatches(term), in: range)
  }

  /// In a list of matches sorted by start, the index of the first one starting at or after
  /// `position` (`count` if none does).
  static func firstStart(_ list: [(start: Int32, end: Int32)], atOrAfter position: Int) -> Int {
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(list[mid].start) < position { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// True when one of the matches (sorted by start) lies entirely inside the range.
  static func occurs(_ list: [(start: Int32, end: Int32)], in range: Range<Int>) -> Bool {
    var k = Self.firstStart(list, atOrAfter: range.lowerBound)
    while k < list.count, Int(list[k].start) < range.upperBound {
      if Int(list[k].end) <= range.upperBound { return true }
      k += 1
    }
    return false
  }

  /// Every occurrence, inside the range, of the terms a condition names (for `none`, nothing).
  func occurrences(_ c: CompiledCondition, in range: Range<Int>) -> [Range<Int>] {
    switch c {
    case .term(let t):
      let list = termMatches(t)
      var out: [Range<Int>] = []
      var k = Self.firstStart(list, atOrAfter: range.lowerBound)
      while k < list.count, Int(list[k].start) < range.upperBound {
        if Int(list[k].end) <= range.upperBound { out.append(Int(list[k].start)..<Int(list[k].end)) }
        k += 1
      }
      return out
    // Term by term, in the order the condition names them (callers read the first or last).
    case .terms(_, let ts): return ts.flatMap { occurrences(.term($0), in: range) }
    case .any(let cs), .all(let cs): return cs.flatMap { occurrences($0, in: range) }
    case .none: return []
    }
  }

  /// True when an occurrence of the term inside the range passes the test; the matches are read in
  /// place (building the list of occurrences was most of the time spent on defined terms).
  func hasOccurrence(of term: Int, in range: Range<Int>, where test: (Range<Int>) -> Bool) -> Bool {
    let list = termMatches(term)
    var k = Self.firstStart(list, atOrAfter: range.lowerBound)
    while k < list.count, Int(list[k].start) < range.upperBound {
      if Int(list[k].end) <= range.upperBound, test(Int(list[k].start)..<Int(list[k].end)) { return true }
      k += 1
    }
    return false
  }

  /// Adds occurrences found another way (a contract's own defined term for a concept).
  func addMatches(term: Int, _ extra: [Range<Int>]) {
    guard !extra.isEmpty else { return }
    var list = termMatches(term) + extra.map { (Int32($0.lowerBound), Int32($0.upperBound)) }
    list.sort { $0.start < $1.start }
    termSlot[term] = keep(list)
    termLive[term] = true
    // A group holding this term must merge again.
    for g in groupSlot.indices { groupSlot[g] = -1 }
  }

  private func groupMatches(_ group: Int, _ terms: [Int]) -> [(start: Int32, end: Int32)] {
    if groupSlot[group] >= 0 { return lists[Int(groupSlot[group])] }
    // Most groups hold no term anchored in the text: nothing to gather or merge.
    guard terms.contains(where: { termLive[$0] }) else {
      groupSlot[group] = 0
      return []
    }
    // Each term's list is sorted already: merged pairwise rather than sorted whole (the sort was a
    // twentieth of the review's time).
    var lists = terms.map(termMatches).filter { !$0.isEmpty }
    while lists.count > 1 {
      var next: [[(start: Int32, end: Int32)]] = []
      next.reserveCapacity((lists.count + 1) / 2)
      var k = 0
      while k + 1 < lists.count {
        next.append(Self.merge(lists[k], lists[k + 1]))
        k += 2
      }
      if k < lists.count { next.append(lists[k]) }
      lists = next
    }
    var all = lists.first ?? []
    // A pattern with a gap before its anchor may list its matches out of order: sorted then.
    if zip(all, all.dropFirst()).contains(where: { a, b in Self.precedes(b, a) }) {
      all.sort(by: Self.precedes)
    }
    groupSlot[group] = keep(all)
    return all
  }

  /// The order of a group's occurrences: by start, then by end.
  static func precedes(_ a: (start: Int32, end: Int32), _ b: (start: Int32, end: Int32)) -> Bool {
    a.start < b.start || (a.start == b.start && a.end < b.end)
  }

  /// Two lists sorted by (start, end), merged in that order.
  static func merge(_ a: [(start: Int32, end: Int32)], _ b: [(start: Int32, end: Int32)]) -> [(
    start: Int32, end: Int32
  )] {
    var out: [(start: Int32, end: Int32)] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count, j < b.count {
      if !Self.precedes(b[j], a[i]) {
        out.append(a[i])
        i += 1
      } else {
        out.append(b[j])
        j += 1
      }
    }
    out += a[i...]
    out += b[j...]
    return out
  }

  static func liveTerms(_ compiled: CompiledPlaybook, _ hits: LiteralHits) -> [Bool] {
    var live = [Bool](repeating: false, count: compiled.termCount)
    let start = compiled.anchorTermStart
    for l in 0..<(start.count - 1) where start[l] != start[l + 1] && hits.count(l) > 0 {
      for t in compiled.anchorTerms[Int(start[l])..<Int(start[l + 1])] { live[Int(t)] = true }
    }
    return live
  }

  private func termMatches(_ term: Int) -> [(start: Int32, end: Int32)] {
    if termSlot[term] >= 0 { return lists[Int(termSlot[term])] }
    guard termLive[term] else { return [] }
    var found: [(start: Int32, end: Int32)] = []
    let variants = compiled.variants[term]
    // Most variants' anchors are not in a given document: nothing more to read for them. Asked
    // before the labels, whose arrays lie elsewhere in memory (reading them first was most of
    // this function's time).
    let first = Int(compiled.variantStart[term])
    let last = Int(compiled.variantStart[term + 1])
    for k in first..<last where literalHits.count(Int(compiled.variantAnchors[k])) > 0 {
      let v = variants[k - first]
      guard v.labels.allSatisfy({ labelAllowed[$0] }) else { continue }
      let hits = literalHits[v.anchor]
      // The filter literal rarest in this document rules out the most anchor hits.
      let filter = v.filters.min { literalHits.count($0.literal) < literalHits.count($1.literal) }
      let need = filter.map { literalHits[$0.literal] } ?? []
      if filter != nil, need.isEmpty { continue }
      // A slice of all hits: its indices start where this literal's hits do.
      var k = need.startIndex
      let bareConsultation = v.isBareConsultation
      for h in hits {
        if let filter {
          // Both hit lists ascend, so one pass finds each anchor hit's first filter hit in range.
          while k < need.endIndex, Int(need[k]) - Int(h) < filter.minOffset { k += 1 }
          if k == need.endIndex { break }
          if Int(need[k]) - Int(h) > filter.maxOffset { continue }
        }
        if let m = verify(v, anchorStart: Int(h)) {
          if bareConsultation, isBody(after: m.end) { continue }
          found.append((Int32(m.start), Int32(m.end)))
        }
      }
    }
    if variants.count > 1 { found.sort { $0.start < $1.start } }
    termSlot[term] = keep(found)
    return found
  }

  /// The slot of a list just read: the shared empty one, or a new one.
  private func keep(_ list: [(start: Int32, end: Int32)]) -> Int32 {
    guard !list.isEmpty else { return 0 }
    lists.append(list)
    return Int32(lists.count - 1)
  }

  private static let maru: UInt32 = 0x3002  // 。
  /// 「協議会」「協議体」 are bodies (a regional network's council), not a consultation: the bare
  /// term 協議 does not match in them (「協議会において協議し」 still holds its own 協議).
  /// 「協議会議」 is a meeting to consult.
  static let bodySuffixes: Set<UInt32> = Set(["会", "体"].map { Normalizer.fold($0)[0] })
  static let gi = Normalizer.fold("議")[0]

  private func isBody(after end: Int) -> Bool {
    end < text.count && Self.bodySuffixes.contains(text[end])
      && !(end + 1 < text.count && text[end + 1] == Self.gi)
  }

  private func verify(_ v: CompiledVariant, anchorStart: Int) -> (start: Int, end: Int)? {
    let a = v.anchorIndex
    var start = anchorStart
    if a == 1 {
      // The term starts with "#": digits must come right before the anchor.
      var j = anchorStart
      while j > 0, Self.isNumeral(text[j - 1]) { j -= 1 }
      guard j < anchorStart else { return nil }
      start = j
    }
    guard let end = matchRest(v.segments, a + 1, anchorStart + v.anchorLength) else { return nil }
    return (start, end)
  }

  /// `#` stands for a number in digits or in kanji (「30日前」「三十日前」).
  static func isNumeral(_ c: UInt32) -> Bool { Normalizer.isDigit(c) || kanjiNumerals.contains(c) }
  static let kanjiNumerals = Set("〇一二三四五六七八九十百".unicodeScalars.map(\.value))

  private func matchRest(_ segs: [TermPattern.Segment], _ idx: Int, _ pos: Int) -> Int? {
    if idx == segs.count { return pos }
    switch segs[idx] {
    case .literal(let l):
      guard pos + l.count <= text.count else { return nil }
      for k in 0..<l.count where text[pos + k] != l[k] { return nil }
      return matchRest(segs, idx + 1, pos + l.count)
    case .digits:
      var j = pos
      while j < text.count, Self.isNumeral(text[j]) { j += 1 }
      return j > pos ? matchRest(segs, idx + 1, j) : nil
    case .gap:
      var p = pos
      var spanned = 0
      var skipped = false
      while p <= text.count, spanned <= TermPattern.maxGap {
        if let e = matchRest(segs, idx + 1, p) { return e }
        if p < text.count, text[p] == Self.maru { return nil }
        // 「委託者の利用環境（端末、ID、院内無線LANの設定）の対策」: one gloss in brackets does not use
        // up the gap.
        // 「（…クラウド事業者を含みます。）」: a gloss may end with its own 。.
        // 「第三者（保管拠点の運営者（以下「拠点事業者」という。）を含む。）に委託」: brackets nest.
        if !skipped, p < text.count, text[p] == 0x28, let close = Self.closingBracket(text, from: p) {
          p = close + 1
          spanned += 1
          skipped = true
          continue
        }
        p += 1
        spanned += 1
      }
      return nil
    }
  }

  /// The bracket closing the one opened at `p`, nested ones stepped over, within `maxBracket`; nil
  /// where a 。 ends a sentence inside other than right before a closing bracket.
  static func closingBracket(_ text: [UInt32], from p: Int) -> Int? {
    var depth = 0
    var k = p
    let end = min(text.count, p + 1 + TermPattern.maxBracket)
    while k < end {
      let c = text[k]
      if c == 0x28 {
        depth += 1
      } else if c == 0x29 {
        depth -= 1
        if depth == 0 { return k }
      } else if c == Self.maru, k + 1 < text.count, text[k + 1] != 0x29 {
        return nil
      }
      k += 1
    }
    return nil
  }
}
