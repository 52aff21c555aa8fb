/// A playbook made ready to run: every term of every rule and topic is parsed once and its anchor
/// and filter literals put into one automaton, so reviewing a contract scans its text a single time.
public final class CompiledPlaybook: Sendable {
  public let playbook: Playbook
  /// How many distinct terms the rules, topics and concepts use (ids 0..<termCount).
  let termCount: Int
  /// For each term, its variants ready for matching.
  let variants: [[CompiledVariant]]
  /// Every variant's anchor literal, term by term: `variantAnchors[variantStart[t]..<variantStart[t + 1]]`
  /// are term t's, in the order of `variants[t]`. A review asks for about 3,000 terms, most of whose
  /// 11,000 variants have no anchor hit; reading the anchor from each variant struct retained and
  /// released its arrays (most of the time spent finding a term's matches).
  let variantAnchors: [Int32]
  let variantStart: [Int32]
  /// The other way round: the terms each literal is a variant's anchor of,
  /// `anchorTerms[anchorTermStart[l]..<anchorTermStart[l + 1]]`. A document marks the terms its
  /// literals can start, and every other term it asks for (most of them) has no match.
  let anchorTerms: [Int32]
  let anchorTermStart: [Int32]
  /// Every (role, label) pair a variant assumes, indexed by `CompiledVariant.labels`.
  let labels: [(role: PartyRole, label: String)]
  let automaton: PatternAutomaton
  let rules: [CompiledRule]
  let topics: [CompiledTopic]
  /// The engine's own words for negation, prohibition, overrides and deferrals.
  let polarity: Polarity.Compiled
  /// Each term's id (for the terms a contract defines for itself).
  let termIds: [String: Int]
  /// Each concept's term ids, in the concept's order (terms no condition uses are left out): looked
  /// up per review for the contract's own defined terms, where hashing every term was a tenth of
  /// the review's time.
  let conceptTermIds: [String: [Int]]

  public init(_ playbook: Playbook) {
    var terms: [TermPattern] = []
    var termIds: [String: Int] = [:]
    func termId(_ t: String) -> Int {
      if let id = termIds[t] { return id }
      // The loader validated every term, so parsing cannot fail here.
      terms.append(try! TermPattern(t))
      termIds[t] = terms.count - 1
      return terms.count - 1
    }
    // An alternative of plain terms (a concept: 承諾/同意/承認…) is one group, whose occurrences a
    // document merges once, so testing it in a unit is one search instead of one per term.
    var groups: [[Int]: Int] = [:]
    func group(_ cs: [Condition]) -> CompiledCondition? {
      let names = cs.compactMap { c -> String? in if case .term(let t) = c { t } else { nil } }
      guard names.count > 1, names.count == cs.count else { return nil }
      let ids = names.map(termId)
      let g = groups[ids] ?? groups.count
      groups[ids] = g
      return .terms(group: g, ids)
    }
    func compile(_ c: Condition) -> CompiledCondition {
      switch c {
      case .term(let t): .term(termId(t))
      case .any(let cs): group(cs) ?? .any(cs.map(compile))
      case .all(let cs): .all(cs.map(compile))
      case .none(let cs): .none(cs.map(compile))
      }
    }
    let topics = playbook.topics.map {
      CompiledTopic(id: $0.id, heading: $0.heading.map(termId), body: $0.body.map(termId))
    }
    var rules = playbook.rules.map { rule in
      CompiledRule(
        rule: rule, scopeMatch: rule.scopeMatch.map(compile), trigger: rule.trigger.map(compile),
        require: rule.require.map { compile($0.match) },
        elements: rule.elements.map { e in
          CompiledElement(
            element: e, match: compile(e.match), context: e.context.map(compile),
            // A clause that falls short does not count, as one the element does not cover.
            unless: [e.unless, e.fallsShort].compactMap { $0 }.reduce(nil) { u, c in
              u.map { .any([$0, c]) } ?? c
            }
            .map(compile),
            fallsShort: e.fallsShort.map(compile), exceptions: e.unless.map(compile),
            contradictedBy: e.contradictedBy.map(compile), near: e.near.map(compile),
            doubtfulWhen: e.doubtfulWhen.map(compile))
        })
    }
    let polarity = Polarity.Compiled(compile)
    var literals: [[UInt32]] = []
    var literalIds: [[UInt32]: Int] = [:]
    func literalId(_ l: [UInt32]) -> Int {
      if let id = literalIds[l] { return id }
      literals.append(l)
      literalIds[l] = literals.count - 1
      return literals.count - 1
    }
    var labels: [(role: PartyRole, label: String)] = []
    // Looked up for every variant: a linear search over the labels was a tenth of compiling (perf).
    var labelIds: [PartyRole: [String: Int]] = [:]
    func labelId(_ role: PartyRole, _ label: String) -> Int {
      if let k = labelIds[role]?[label] { return k }
      labels.append((role, label))
      labelIds[role, default: [:]][label] = labels.count - 1
      return labels.count - 1
    }
    let variants = terms.map { term in
      term.variants.map { v in
        let filters = CompiledVariant.filters(v.segments, anchorIndex: v.anchorIndex)
        return CompiledVariant(
          segments: v.segments, anchorIndex: v.anchorIndex, anchorLength: v.anchor.count,
          anchor: literalId(v.anchor),
          filters: filters.map {
            CompiledVariant.Filter(
              literal: literalId($0.literal), minOffset: $0.minOffset, maxOffset: $0.maxOffset)
          },
          labels: v.labels.sorted { $0.key.rawValue < $1.key.rawValue }.map { labelId($0.key, $0.value) })
      }
    }
    self.playbook = playbook
    self.termCount = terms.count
    self.variants = variants
    (self.variantAnchors, self.variantStart) = Self.anchorTable(variants)
    (self.anchorTerms, self.anchorTermStart) = Self.termsByAnchor(variants, literalCount: literals.count)
    self.labels = labels
    self.automaton = PatternAutomaton(literals: literals)
    let conceptTermIds = playbook.concepts.mapValues { $0.compactMap { termIds[$0] } }
    let narrowingTermIds = Set(Self.narrowingConcepts.flatMap { conceptTermIds[$0] ?? [] })
    for r in rules.indices {
      for k in rules[r].elements.indices {
        rules[r].elements[k].narrowingExceptions =
          rules[r].elements[k].unless.map { $0.termIds.intersection(narrowingTermIds) } ?? []
      }
    }
    self.rules = rules
    self.topics = topics
    self.polarity = polarity
    self.termIds = termIds
    self.conceptTermIds = conceptTermIds
    self.narrowingTermIds = narrowingTermIds
    self.conceptGroups = conceptTermIds.compactMapValues { ids in
      groups[ids].map { CompiledCondition.terms(group: $0, ids) }
    }
    self.groupCount = groups.count
  }

  /// The parts as a cache file held them (CompiledPlaybook+Binary.swift), already checked.
  init(
    playbook: Playbook, termCount: Int, variants: [[CompiledVariant]],
    labels: [(role: PartyRole, label: String)],
    automaton: PatternAutomaton, rules: [CompiledRule], topics: [CompiledTopic], polarity: Polarity.Compiled,
    termIds: [String: Int], conceptTermIds: [String: [Int]], conceptGroups: [String: CompiledCondition],
    groupCount: Int, narrowingTermIds: Set<Int>
  ) {
    self.playbook = playbook
    self.termCount = termCount
    self.variants = variants
    (self.variantAnchors, self.variantStart) = Self.anchorTable(variants)
    (self.anchorTerms, self.anchorTermStart) = Self.termsByAnchor(
      variants, literalCount: automaton.literals.count)
    self.labels = labels
    self.automaton = automaton
    self.rules = rules
    self.topics = topics
    self.polarity = polarity
    self.termIds = termIds
    self.conceptTermIds = conceptTermIds
    self.conceptGroups = conceptGroups
    self.groupCount = groupCount
    self.narrowingTermIds = narrowingTermIds
  }

  static func anchorTable(_ variants: [[CompiledVariant]]) -> (anchors: [Int32], start: [Int32]) {
    var anchors: [Int32] = []
    var start: [Int32] = [0]
    start.reserveCapacity(variants.count + 1)
    for vs in variants {
      anchors += vs.map { Int32($0.anchor) }
      start.append(Int32(anchors.count))
    }
    return (anchors, start)
  }

  static func termsByAnchor(_ variants: [[CompiledVariant]], literalCount: Int) -> (
    terms: [Int32], start: [Int32]
  ) {
    var byLiteral = [[Int32]](repeating: [], count: literalCount)
    for (t, vs) in variants.enumerated() {
      for a in Set(vs.map(\.anchor)) where a < literalCount { byLiteral[a].append(Int32(t)) }
    }
    var terms: [Int32] = []
    var start: [Int32] = [0]
    start.reserveCapacity(literalCount + 1)
    for ts in byLiteral {
      terms += ts
      start.append(Int32(terms.count))
    }
    return (terms, start)
  }

  /// A concept a rule uses whole, as the group its terms make (tested in a range with one search).
  let conceptGroups: [String: CompiledCondition]

  /// How many groups of terms `CompiledCondition.terms` names.
  let groupCount: Int

  /// The terms of the concepts that narrow an element that would otherwise be met (only in part,
  /// only on request, the hardware alone, the guideline only consulted): the clause holding one is
  /// where a finding goes, even when the word is among the element's exceptions.
  let narrowingTermIds: Set<Int>
  static let narrowingConcepts = [
    "only-in-part", "on-request-only", "hardware-part", "consult-defined-away",
    // 「…必要と認めるときは、…協議することができる」「…協議の結果を参考として、甲がこれを定めて」: talks only
    // tried for, or only consulted (C1).
    "consult-tentative", "talks-as-reference",
    // 「…ガイドラインを参考として、…規程に従い」: the guideline only consulted (A).
    "guideline-as-reference",
  ]
}

extension CompiledCondition {
  /// The terms the condition names anywhere in it.
  var termIds: Set<Int> {
    switch self {
    case .term(let t): [t]
    case .terms(_, let ts): Set(ts)
    case .any(let cs), .all(let cs), .none(let cs):
      cs.reduce(into: Set<Int>()) { $0.formUnion($1.termIds) }
    }
  }
}

/// Not `indirect`: the arrays already hold the children out of line, and a boxed leaf (most nodes
/// are terms) cost a retain and release on every read of the hot `DocumentIndex.evaluate`.
enum CompiledCondition: Sendable {
  case term(Int)
  /// Any of these terms; `group` numbers this list of terms within the compiled playbook.
  case terms(group: Int, [Int])
  case any([CompiledCondition])
  case all([CompiledCondition])
  case none([CompiledCondition])
}

struct CompiledRule: Sendable {
  let rule: Rule
  let scopeMatch: CompiledCondition?
  let trigger: CompiledCondition?
  let require: CompiledCondition?
  var elements: [CompiledElement]
}

struct CompiledElement: Sendable {
  let element: Element
  let match: CompiledCondition
  let context: CompiledCondition?
  let unless: CompiledCondition?
  let fallsShort: CompiledCondition?
  /// `unless` alone, without `fallsShort`.
  let exceptions: CompiledCondition?
  let contradictedBy: CompiledCondition?
  let near: CompiledCondition?
  let doubtfulWhen: CompiledCondition?
  /// The narrowing words among `unless` (CompiledPlaybook.narrowingConcepts): a clause holding one
  /// is still where the finding goes. Worked out once with the playbook.
  var narrowingExceptions: Set<Int> = []

  /// The condition whose negation contradicts the element: the last part of a top-level `all`
  /// (「再委託」「事前」「承諾」 → 「承諾」: 「承諾を要しない」 contradicts, 「再委託しない」 does not).
  var key: CompiledCondition {
    if case .all(let cs) = match, let last = cs.last { return last }
    return match
  }

  /// What must hold in a unit itself for the element to hold there (the rest may be in what the
  /// unit refers to): the key of each alternative.
  var anchor: CompiledCondition { Self.anchor(match) }

  static func anchor(_ c: CompiledCondition) -> CompiledCondition {
    switch c {
    case .all(let cs): cs.last.map(anchor) ?? c
    case .any(let cs): .any(cs.map(anchor))
    default: c
    }
  }
}

struct CompiledTopic: Sendable {
  let id: String
  let heading: [Int]
  let body: [Int]
}
