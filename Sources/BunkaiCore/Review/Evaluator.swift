import Foundation

/// Applies one rule to a parsed, classified contract (semantics in docs/playbook.md).
///
/// A class: each rule's helpers capture it, and copying a struct of this many arrays cost a
/// twentieth of a review.
final class Evaluator {
  let contract: Contract
  let source: SourceText
  let normalized: NormalizedText
  let index: DocumentIndex
  let lessons: [Lesson]
  let units: Units
  let clauses: Clauses
  let judge: ElementJudge

  init(
    contract: Contract, source: SourceText, normalized: NormalizedText, index: DocumentIndex,
    lessons: [Lesson], units: Units, clauses: Clauses, judge: ElementJudge
  ) {
    self.contract = contract
    self.source = source
    self.normalized = normalized
    self.index = index
    self.lessons = lessons
    self.units = units
    self.clauses = clauses
    self.judge = judge
  }

  /// The document's units in the matching view, sorted by position.
  struct Units {
    var paragraphs: [Range<Int>]
    var articles: [Range<Int>]

    /// For each topic, the articles that have it from their heading, and from their text only.
    var topicArticles: [String: (heading: [Int], body: [Int])] = [:]

    init(_ contract: Contract, _ normalized: NormalizedText, headingTopics: [Set<String>]) {
      for (k, a) in contract.articles.enumerated() {
        for t in a.topics {
          if headingTopics[k].contains(t) {
            topicArticles[t, default: ([], [])].heading.append(k)
          } else {
            topicArticles[t, default: ([], [])].body.append(k)
          }
        }
      }
      let outside = ([contract.preamble].compactMap { $0 } + contract.annexSections.map(\.range))
        .map { normalized.range(ofSource: $0) }
      func sorted(_ r: [Range<Int>]) -> [Range<Int>] {
        // Paragraphs never overlap; drop empty ones and any overlap defensively.
        var ranges = r.filter { !$0.isEmpty }
        // Usually in order already (the sort is stable, so skipping it changes nothing then).
        if zip(ranges, ranges.dropFirst()).contains(where: { $0.lowerBound > $1.lowerBound }) {
          ranges.sort { $0.lowerBound < $1.lowerBound }
        }
        var out: [Range<Int>] = []
        out.reserveCapacity(ranges.count)
        for x in ranges where out.last.map({ $0.upperBound <= x.lowerBound }) ?? true {
          out.append(x)
        }
        return out
      }
      paragraphs = sorted(
        contract.articles.flatMap { $0.paragraphs.map { normalized.range(ofSource: $0.range) } } + outside)
      articles = sorted(contract.articles.map { normalized.range(ofSource: $0.range) } + outside)
    }
  }

  func evaluate(_ compiled: CompiledRule) -> [Finding] {
    let rule = compiled.rule
    if !rule.appliesTo.isEmpty, !contract.kinds.contains(where: rule.appliesTo.contains) {
      return []
    }
    if !compiled.elements.isEmpty { return evaluateElements(compiled, judge: judge).findings }
    guard let req = rule.require, let require = compiled.require else { return [] }
    if req.place == .document, satisfiedAnywhere(require, unit: req.unit) { return [] }
    let scope = scopeArticles(compiled)
    if scope.isEmpty {
      return rule.reportMissing ? [missing(rule)] : []
    }
    var findings: [Finding] = []
    for k in scope {
      let article = contract.articles[k]
      var evidence: [Paragraph] = []
      if let trigger = compiled.trigger {
        evidence = article.paragraphs.filter { index.evaluate(trigger, in: norm($0.range)) }
        if evidence.isEmpty { continue }
      }
      if req.place == .article, satisfied(require, unit: req.unit, in: article) { continue }
      if evidence.isEmpty, let first = article.paragraphs.first { evidence = [first] }
      findings.append(insufficient(rule, article: article, evidence: evidence))
      if req.place == .document { break }
    }
    return findings
  }

  func norm(_ r: Range<Int>) -> Range<Int> { normalized.range(ofSource: r) }

  /// Articles whose heading gives one of the rule's topics; failing that (or when the rule has a
  /// trigger), whose text does; plus any article matching the rule's own scope condition. Ordered
  /// by the rule's topic list (most relevant first), then by position.
  func scopeArticles(_ compiled: CompiledRule) -> [Int] {
    let topics = compiled.rule.scopeTopics
    let useBody =
      compiled.trigger != nil || !topics.contains { !(units.topicArticles[$0]?.heading.isEmpty ?? true) }
    var seen: Set<Int> = []
    var scope: [Int] = []
    for t in topics {
      guard let found = units.topicArticles[t] else { continue }
      let list = useBody ? (found.heading + found.body).sorted() : found.heading
      for k in list where seen.insert(k).inserted { scope.append(k) }
    }
    if let match = compiled.scopeMatch {
      // Only articles holding an anchor of the condition can satisfy it.
      let anchors = index.anchors(match)
      for (k, a) in contract.articles.enumerated() where !seen.contains(k) {
        let range = norm(a.range)
        if let anchors, !DocumentIndex.contains(anchors, in: range) { continue }
        if index.evaluate(match, in: range) { scope.append(k) }
      }
    }
    return scope
  }

  func satisfied(_ c: CompiledCondition, unit: Requirement.Unit, in article: Article) -> Bool {
    switch unit {
    case .article: index.evaluate(c, in: norm(article.range))
    case .paragraph: article.paragraphs.contains { index.evaluate(c, in: norm($0.range)) }
    }
  }

  /// Text outside the articles (preamble, annexes) counts as a unit of its own.
  func satisfiedAnywhere(_ c: CompiledCondition, unit: Requirement.Unit) -> Bool {
    index.anyUnit(unit == .paragraph ? units.paragraphs : units.articles, satisfies: c)
  }

  // MARK: - Findings

  func insufficient(_ rule: Rule, article: Article, evidence: [Paragraph]) -> Finding {
    let next = article.paragraphs.count + 1
    let wording = SuggestionRenderer.render(rule.suggestion.text, contract: contract, article: article.number)
    let label = Numerals.articleLabel(article.number, style: contract.numberStyle)
    let numberText = Numerals.write(next, style: contract.paragraphNumberStyle)
    let separator = contract.paragraphNumberSuffix
    let suggestion = Suggestion(
      instruction: "\(label)に次の一項を加える。", replaces: nil, text: "\(numberText)\(separator)\(wording)")
    return Finding(
      ruleId: rule.id, guideRefs: rule.guideRefs, checklistItems: rule.checklistItems,
      severity: rule.severity,
      status: .insufficient, article: article.number,
      evidence: evidence.map {
        Evidence(start: $0.range.lowerBound, end: $0.range.upperBound, text: source.slice($0.range))
      },
      elements: [wholeRequirement(rule, .unmet)],
      title: rule.title, explanation: rule.explanation, suggestion: suggestion,
      placement: Placement(
        kind: .paragraph, article: article.number, paragraph: next, heading: nil, text: wording,
        insertAfter: article.range.upperBound),
      intent: rule.intent, lesson: lesson(rule))
  }

  func missing(_ rule: Rule) -> Finding {
    let template = rule.missingSuggestion ?? rule.suggestion
    let wording = SuggestionRenderer.render(template.text, contract: contract, article: nil)
    // Numbered with the review's other new articles (Reviewer.numberNewArticles).
    let suggestion = Suggestion(instruction: "次の条を新たに設ける。", replaces: nil, text: wording)
    return Finding(
      ruleId: rule.id, guideRefs: rule.guideRefs, checklistItems: rule.checklistItems,
      severity: rule.severity,
      status: .missing, article: nil, evidence: [], elements: [wholeRequirement(rule, .unmet)],
      title: rule.title,
      explanation: rule.missingExplanation ?? rule.explanation, suggestion: suggestion,
      placement: Placement(
        kind: .article, article: "", paragraph: nil, heading: template.heading, text: wording,
        insertAfter: contract.articles.last { $0.part == nil }?.range.upperBound),
      intent: rule.intent, lesson: lesson(rule))
  }

  /// A schema 1 rule's condition stands as one element.
  func wholeRequirement(_ rule: Rule, _ status: ElementResult.Status) -> ElementResult {
    ElementResult(id: "\(rule.id).requirement", label: rule.title, status: status, evidence: [])
  }

  func lesson(_ rule: Rule) -> Lesson? {
    rule.lesson.flatMap { id in lessons.first { $0.id == id } }
  }
}

/// Fills a rule's wording with this contract's own labels, numbers and defined terms.
enum SuggestionRenderer {
  /// Terms a contract defines for its work and its system, most specific first.
  static let serviceTerms = ["本件業務", "本業務", "本件保守業務", "本保守業務", "本件委託業務", "委託業務", "本サービス", "本件サービス", "保守業務"]
  static let systemTerms = ["本件システム", "本システム", "対象システム", "本件ソフトウェア", "本ソフトウェア"]

  static func definedTerm(_ contract: Contract, _ terms: [String]) -> String? {
    let defined = Set(contract.definitions.map(\.term))
    return terms.first { defined.contains($0) }
  }

  static func render(_ template: String, contract: Contract, article: String?) -> String {
    // Scans UTF-8 bytes for "{name}" (cheaper than Character-based searching) and copies the text
    // between placeholders in whole runs.
    let bytes = Array(template.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 64)
    var copied = 0
    var i = 0
    while let open = bytes[i...].firstIndex(of: UInt8(ascii: "{")),
      let close = bytes[open...].firstIndex(of: UInt8(ascii: "}"))
    {
      let name = placeholders.first { $0.bytes.elementsEqual(bytes[(open + 1)..<close]) }?.name
      if let name, let value = value(name, contract: contract, article: article) {
        out += bytes[copied..<open]
        out += value.utf8
        copied = close + 1
        i = close + 1
      } else {
        i = open + 1
      }
    }
    out += bytes[copied...]
    return String(decoding: out, as: UTF8.self)
  }

  static let placeholders = ["vendor", "institution", "guideline", "article", "service", "system"].map {
    (name: $0, bytes: Array($0.utf8))
  }

  static func value(_ name: String, contract: Contract, article: String?) -> String? {
    switch name {
    case "vendor": contract.party(.vendor)?.label ?? "事業者"
    case "institution": contract.party(.institution)?.label ?? "医療機関"
    case "guideline": Reviewer.guidelineTitle
    case "article": article.map { Numerals.articleLabel($0, style: contract.numberStyle) } ?? "本条"
    case "service": definedTerm(contract, serviceTerms) ?? "本契約に基づく業務"
    case "system": definedTerm(contract, systemTerms) ?? "本件システム"
    default: nil
    }
  }
}
