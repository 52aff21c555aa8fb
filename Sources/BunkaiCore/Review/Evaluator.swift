import Foundation

/// Applies one rule to a parsed, classified contract (semantics in docs/playbook.md).
struct Evaluator {
  let contract: Contract
  let source: SourceText
  let normalized: NormalizedText
  let index: DocumentIndex
  let headingTopics: [Set<String>]
  let lessons: [Lesson]

  func evaluate(_ compiled: CompiledRule) -> [Finding] {
    let rule = compiled.rule
    if !rule.appliesTo.isEmpty, !contract.kinds.contains(.other),
      !contract.kinds.contains(where: rule.appliesTo.contains)
    {
      return []
    }
    let req = rule.require
    if req.place == .document, satisfiedAnywhere(compiled.require, unit: req.unit) { return [] }
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
      if req.place == .article, satisfied(compiled.require, unit: req.unit, in: article) { continue }
      if evidence.isEmpty, let first = article.paragraphs.first { evidence = [first] }
      findings.append(insufficient(rule, article: article, evidence: evidence))
      if req.place == .document { break }
    }
    return findings
  }

  func norm(_ r: Range<Int>) -> Range<Int> { normalized.range(ofSource: r) }

  /// Articles whose heading gives one of the rule's topics; failing that, whose text does; plus any
  /// article matching the rule's own scope condition.
  func scopeArticles(_ compiled: CompiledRule) -> [Int] {
    let topics = Set(compiled.rule.scopeTopics)
    var byHeading: [Int] = []
    var byBody: [Int] = []
    for (k, a) in contract.articles.enumerated() {
      if !headingTopics[k].isDisjoint(with: topics) {
        byHeading.append(k)
      } else if a.topics.contains(where: topics.contains) {
        byBody.append(k)
      }
    }
    var scope = byHeading.isEmpty ? byBody : byHeading
    if let match = compiled.scopeMatch {
      for (k, a) in contract.articles.enumerated() where !scope.contains(k) && index.evaluate(match, in: norm(a.range)) {
        scope.append(k)
      }
      scope.sort()
    }
    return scope
  }

  func satisfied(_ c: CompiledCondition, unit: Requirement.Unit, in article: Article) -> Bool {
    switch unit {
    case .article: index.evaluate(c, in: norm(article.range))
    case .paragraph: article.paragraphs.contains { index.evaluate(c, in: norm($0.range)) }
    }
  }

  func satisfiedAnywhere(_ c: CompiledCondition, unit: Requirement.Unit) -> Bool {
    if contract.articles.contains(where: { satisfied(c, unit: unit, in: $0) }) { return true }
    // Text outside the articles (preamble, annexes) counts too.
    let outside = [contract.preamble].compactMap { $0 } + contract.annexSections.map(\.range)
    return outside.contains { index.evaluate(c, in: norm($0)) }
  }

  // MARK: - Findings

  func insufficient(_ rule: Rule, article: Article, evidence: [Paragraph]) -> Finding {
    let next = article.paragraphs.count + 1
    let wording = SuggestionRenderer.render(rule.suggestion.text, contract: contract, article: article.number)
    let label = Numerals.articleLabel(article.number, style: contract.numberStyle)
    let numberText = Numerals.write(next, style: contract.paragraphNumberStyle)
    let separator = contract.paragraphNumberStyle == .arabic ? " " : "　"
    let suggestion = "\(label)に次の一項を加える。\n\(numberText)\(separator)\(wording)"
    return Finding(
      ruleId: rule.id, guideRefs: rule.guideRefs, checklistItems: rule.checklistItems, severity: rule.severity,
      status: .insufficient, article: article.number,
      evidence: evidence.map { Evidence(start: $0.range.lowerBound, end: $0.range.upperBound, text: source.slice($0.range)) },
      title: rule.title, explanation: rule.explanation, suggestion: suggestion,
      placement: Placement(
        kind: .paragraph, article: article.number, paragraph: next, heading: nil, text: wording,
        insertAfter: article.range.upperBound),
      intent: rule.intent, lesson: lesson(rule))
  }

  func missing(_ rule: Rule) -> Finding {
    let template = rule.missingSuggestion ?? rule.suggestion
    let next = (contract.articles.map(\.mainNumber).max() ?? 0) + 1
    let wording = SuggestionRenderer.render(template.text, contract: contract, article: nil)
    let label = Numerals.articleLabel(String(next), style: contract.numberStyle)
    let suggestion = "次の条を新たに設ける。\n\(label)（\(template.heading)）\n\(wording)"
    return Finding(
      ruleId: rule.id, guideRefs: rule.guideRefs, checklistItems: rule.checklistItems, severity: rule.severity,
      status: .missing, article: nil, evidence: [], title: rule.title,
      explanation: rule.missingExplanation ?? rule.explanation, suggestion: suggestion,
      placement: Placement(
        kind: .article, article: String(next), paragraph: nil, heading: template.heading, text: wording,
        insertAfter: contract.articles.last?.range.upperBound),
      intent: rule.intent, lesson: lesson(rule))
  }

  func lesson(_ rule: Rule) -> Lesson? {
    rule.lesson.flatMap { id in lessons.first { $0.id == id } }
  }
}

/// Fills a rule's wording with this contract's own labels and numbers.
enum SuggestionRenderer {
  static func render(_ template: String, contract: Contract, article: String?) -> String {
    let vendor = contract.party(.vendor)?.label ?? "事業者"
    let institution = contract.party(.institution)?.label ?? "医療機関"
    var text = template.replacingOccurrences(of: "{vendor}", with: vendor)
      .replacingOccurrences(of: "{institution}", with: institution)
      .replacingOccurrences(of: "{guideline}", with: Reviewer.guidelineTitle)
    if let article {
      text = text.replacingOccurrences(of: "{article}", with: Numerals.articleLabel(article, style: contract.numberStyle))
    } else {
      text = text.replacingOccurrences(of: "{article}", with: "本条")
    }
    return text
  }
}
