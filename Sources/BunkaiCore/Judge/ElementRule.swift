/// A schema 2 rule on one contract: its elements judged, then one finding placed at the article
/// where the requirement belongs, with the sentences that matter, an explanation built from the
/// elements that fall short, and wording that replaces what says the opposite.
extension Evaluator {
  func evaluateElements(_ compiled: CompiledRule, judge: ElementJudge) -> (
    findings: [Finding], elements: [ElementResult]
  ) {
    let rule = compiled.rule
    if !rule.appliesTo.isEmpty, !contract.kinds.contains(where: rule.appliesTo.contains) { return ([], []) }
    let judged = compiled.elements.map { ($0.element, judge.judge($0)) }
    let results = judged.map { el, j in
      ElementResult(
        id: el.id, label: label(el.label), status: j.status, evidence: j.evidence.map(judge.evidence),
        note: j.note)
    }
    // A precondition not met: the rule does not apply (no cap, nothing to carve out).
    if judged.contains(where: { $0.0.precondition && $0.1.status != .met }) { return ([], results) }
    let required = judged.filter { !$0.0.precondition }
    if required.allSatisfy({ $0.1.status == .met }) { return ([], results) }

    let article = locate(
      compiled, required.map(\.1), preconditions: judged.filter { $0.0.precondition }.map(\.1), judge: judge)
    let short = required.filter { $0.1.status != .met }
    let status: Finding.Status
    let unstructured = contract.articles.isEmpty
    if unstructured {
      // No article could be read: say so rather than calling every clause missing.
      status = .unclear
    } else if article == nil, required.allSatisfy({ $0.1.candidates.isEmpty }) {
      status = .missing
    } else if short.allSatisfy({ $0.1.status == .unclear }) {
      status = .unclear
    } else {
      status = .insufficient
    }
    var evidenceUnits: [Clauses.Unit] = []
    if status != .missing {
      for (_, j) in short where j.status != .unmet || !j.evidence.isEmpty { evidenceUnits += j.evidence }
      if let k = article {
        // What the finding is about (the cap, the exemption) and what falls short, in that article.
        evidenceUnits += judged.flatMap { $0.1.candidates }.filter { $0.article == k }
        if evidenceUnits.isEmpty { evidenceUnits = topicSentences(compiled, article: k) }
      }
    }
    var seen: Set<Int> = []
    let evidence = evidenceUnits.sorted { $0.range.lowerBound < $1.range.lowerBound }
      .filter { seen.insert($0.range.lowerBound).inserted }.prefix(4).map(judge.evidence)

    let replaced = short.first { $0.1.status == .contradicted }.flatMap { _, j in
      j.evidence.first { $0.article != nil && ($0.article == article || article == nil) }
    }
    // The sentence the wording replaces is quoted first: a redline replaces its paragraph.
    var evidenceList = Array(evidence)
    if let r = replaced {
      let first = judge.evidence(r)
      evidenceList.removeAll { $0 == first }
      evidenceList.insert(first, at: 0)
    }
    let placement: Placement
    let suggestion: Suggestion
    if status == .missing || article == nil {
      let template = rule.missingSuggestion ?? rule.suggestion
      let wording = render(template.text, article: nil)
      // The number is given once every finding of the review is known (Reviewer.numberNewArticles).
      placement = Placement(
        kind: .article, article: "", paragraph: nil, heading: template.heading, text: wording,
        insertAfter: contract.articles.last { $0.part == nil }?.range.upperBound)
      suggestion = Suggestion(instruction: "次の条を新たに設ける。", replaces: nil, text: wording)
    } else if let k = article, let r = replaced {
      let a = contract.articles[k]
      let pIndex = r.paragraph - judge.clauses.articles.first { $0.article == k }!.paragraph
      let para = a.paragraphs.indices.contains(pIndex) ? a.paragraphs[pIndex] : a.paragraphs.last!
      let wording = render(rule.suggestion.text, article: a.number)
      let where_ = a.paragraphs.count > 1 ? "\(articleLabel(a))第\(para.number)項" : articleLabel(a)
      placement = Placement(
        kind: .paragraph, article: a.number, paragraph: para.number, heading: nil, text: wording,
        insertAfter: para.range.upperBound)
      suggestion = Suggestion(
        instruction: "\(where_)の次の文言を改め、次のとおりとする。",
        replaces: source.slice(judge.clauses.paragraphSource[r.paragraph]),
        text: (a.paragraphs.count > 1 ? paragraphNumber(para.number) : "") + wording)
    } else {
      let a = contract.articles[article!]
      let next = a.paragraphs.count + 1
      let wording = render(rule.suggestion.text, article: a.number)
      placement = Placement(
        kind: .paragraph, article: a.number, paragraph: next, heading: nil, text: wording,
        insertAfter: a.range.upperBound)
      suggestion = Suggestion(
        instruction: "\(articleLabel(a))に次の一項を加える。", replaces: nil, text: paragraphNumber(next) + wording)
    }
    let finding =
      Finding(
        ruleId: rule.id, guideRefs: rule.guideRefs, checklistItems: rule.checklistItems,
        severity: rule.severity,
        status: status, article: article.map { contract.articles[$0].reference }, evidence: evidenceList,
        elements: results, title: rule.title,
        explanation: unstructured
          ? "この文書からは条項（第N条、1. など）を読み取れませんでした。条項ごとの判定ができないため、要確認としています。"
            + "文書の形式（表だけの文書、画像のPDFなど）を確認してください。\n" + rule.explanation
          : explanation(
            rule, results.filter { r in required.contains { $0.0.id == r.id } }, missing: status == .missing),
        suggestion: suggestion, placement: placement, intent: rule.intent, lesson: lesson(rule))
    return ([finding], results)
  }

  /// The scope article with the most of the elements' words in it (never a definitions article);
  /// failing a scope article, the article where the elements' words were found.
  ///
  /// A rule with a precondition qualifies the clause that meets it (the cap, the exemption, what the
  /// institution provides): the finding goes to that clause's article, the one in scope first, then
  /// one with a scope topic in its text, then the one with most of the other elements' words, then
  /// the earlier.
  func locate(
    _ compiled: CompiledRule, _ judged: [ElementJudge.Judgement],
    preconditions: [ElementJudge.Judgement] = [],
    judge: ElementJudge
  ) -> Int? {
    var score: [Int: Int] = [:]
    for j in judged {
      for k in Set(j.candidates.compactMap(\.article)) { score[k, default: 0] += 1 }
    }
    let scope = scopeArticles(compiled).filter { !isDefinitions($0) }
    let qualified = Set(
      preconditions.filter { $0.status == .met }.flatMap { $0.meeting.compactMap(\.article) }
    ).filter { !isDefinitions($0) }
    let topics = compiled.rule.scopeTopics
    func rank(_ k: Int) -> (Int, Int, Int, Int) {
      let topical = contract.articles[k].topics.contains(where: topics.contains)
      return (scope.contains(k) ? 1 : 0, topical ? 1 : 0, score[k] ?? 0, -k)
    }
    // 「前条により甲が提供する物に係るセキュリティ対策は、甲乙協議のうえ…」 meets the precondition
    // too: where the other elements' words are, the clause falls short.
    func heldWords(_ k: Int) -> Int { (score[k] ?? 0) > 0 ? 1 : 0 }
    // 「２　病院設置機器のセキュリティ対策は、病院が自らの責任において行う」: where no article holds the
    // other elements' words, the one that holds all but their key (no 協議) is where the clause falls
    // short.
    // Nothing meets an element, and a clause of its kind is narrowed: that clause, before the one
    // meeting the precondition.
    if score.isEmpty, let k = narrowedArticle(compiled, judge: judge, scope: scope) { return k }
    let nearly =
      qualified.count > 1 && !qualified.contains { heldWords($0) > 0 }
      ? nearMisses(compiled, judge: judge, within: qualified, lackingKey: true) : [:]
    if let k = qualified.max(by: { a, b in
      if heldWords(a) != heldWords(b) { return heldWords(a) < heldWords(b) }
      if nearly[a, default: 0] != nearly[b, default: 0] {
        return nearly[a, default: 0] < nearly[b, default: 0]
      }
      return rank(a) < rank(b)
    }) {
      return k
    }
    // An article outside the scope that holds more of the elements' words is where the clause is.
    let bestScope = scope.map { score[$0] ?? 0 }.max() ?? 0
    if let outside = score.filter({
      !isDefinitions($0.key) && !scope.contains($0.key) && $0.value > bestScope
    })
    .max(by: { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }) {
      return outside.key
    }
    // Nothing meets an element anywhere, but a clause of its kind names something else (「プライバシー
    // マークに基づき…管理する」 where the guideline belongs): that clause is the one to fix.
    if score.isEmpty, let k = nearArticle(compiled, judge: judge, scope: scope) { return k }
    if score.isEmpty, !scope.isEmpty {
      // Nothing meets an element anywhere: among the scope articles, the one that comes closest.
      for (k, n) in nearMisses(compiled, judge: judge, within: Set(scope)) { score[k] = n }
    }
    // On a tie, the contract's own article before an annex's or a 覚書's: 「覚書第1条（安全管理の
    // 基準）」 adds a paragraph to another article and is not where the parties' split is written.
    // Special terms and annexes hold the security split themselves: only a 覚書 gives way.
    func own(_ k: Int) -> Int { contract.articles[k].part?.hasPrefix("覚書") == true ? 0 : 1 }
    if let best = scope.enumerated().max(by: { a, b in
      let sa = score[a.element] ?? 0
      let sb = score[b.element] ?? 0
      if sa != sb { return sa < sb }
      if own(a.element) != own(b.element) { return own(a.element) < own(b.element) }
      return a.offset > b.offset
    }) {
      return best.element
    }
    return score.filter { !isDefinitions($0.key) }.max { a, b in
      a.value != b.value ? a.value < b.value : a.key > b.key
    }?
    .key
  }

  /// The article of the first sentence holding an element's `fallsShort` words (the clause itself,
  /// written short); failing that, of the first holding its `near` words and not its `unless` (a
  /// scope article's first). Never a definitions article.
  func nearArticle(_ compiled: CompiledRule, judge: ElementJudge, scope: [Int]) -> Int? {
    for e in compiled.elements {
      guard let short = e.fallsShort else { continue }
      for s in judge.candidateUnits(short, judge.clauses.sentences) {
        guard let k = s.article, !isDefinitions(k), judge.index.evaluate(short, in: s.range),
          !(e.exceptions.map { judge.index.evaluate($0, in: s.range) } ?? false)
        else { continue }
        return k
      }
    }
    var found: [Int] = []
    for e in compiled.elements {
      guard let near = e.near else { continue }
      // A narrowing word among the exceptions (the guideline only 「参考として」) still marks the clause.
      let narrowing = e.narrowingExceptions
      for s in judge.candidateUnits(near, judge.clauses.sentences) {
        guard let k = s.article, !isDefinitions(k), !found.contains(k) else { continue }
        // The element's exceptions hold here too (the guideline named in the cap's condition).
        if let unless = e.unless, judge.index.evaluate(unless, in: s.range),
          !narrowing.contains(where: { t in index.hasOccurrence(of: t, in: s.range) { _ in true } })
        {
          continue
        }
        if judge.index.evaluate(near, in: s.range) { found.append(k) }
      }
    }
    return found.first(where: scope.contains) ?? found.first
  }

  /// 「甲提供物のうち機器本体（ハードウェア）のセキュリティ対策は、乙が主導する甲乙の協議に基づき、甲
  /// が実施する」: a sentence that meets an element but for a word narrowing it (only in part, only
  /// on request, the hardware alone, talks defined as the institution deciding) is the clause that
  /// falls short. The first such sentence's article, a scope article's first. Never a definitions
  /// article.
  func narrowedArticle(_ compiled: CompiledRule, judge: ElementJudge, scope: [Int]) -> Int? {
    // Most contracts hold none of the narrowing words: then nothing below need be read.
    let whole = 0..<index.text.count
    let narrowingIds = index.compiled.narrowingTermIds.filter { t in
      index.hasOccurrence(of: t, in: whole) { _ in true }
    }
    guard !narrowingIds.isEmpty else { return nil }
    var found: [Int] = []
    for e in compiled.elements where !e.element.precondition {
      // Only the narrowing words the element's own exceptions name: the hardware alone narrows the
      // provided things' talks, not the institution's own measures.
      let narrowing = e.narrowingExceptions.intersection(narrowingIds)
      guard !narrowing.isEmpty else { continue }
      for s in judge.candidateUnits(e.match, judge.clauses.sentences) {
        guard let k = s.article, !isDefinitions(k), !found.contains(k),
          narrowing.contains(where: { t in index.hasOccurrence(of: t, in: s.range) { _ in true } }),
          index.evaluate(e.match, in: s.range)
        else { continue }
        found.append(k)
      }
    }
    return found.first(where: scope.contains) ?? found.first
  }

  /// Articles with a sentence where all but one part of an element hold (「当院が講じるべき対策に
  /// ついて求めがあれば助言する」 has the institution's measures, not the consultation): where the
  /// clause is when nothing meets the element, one point per element.
  ///
  /// Only sentences holding the element's first part are read: this ran over every sentence of the
  /// contract for each element and was most of the review's time on contracts with missing clauses.
  /// With `lackingKey`, only sentences where all parts but the last (the key: 協議, 承諾 …) hold.
  func nearMisses(
    _ compiled: CompiledRule, judge: ElementJudge, within articles: Set<Int>, lackingKey: Bool = false
  ) -> [Int: Int] {
    var score: [Int: Int] = [:]
    for e in compiled.elements where !e.element.precondition {
      guard case .all(let parts) = e.match, parts.count >= 3 else { continue }
      let sentences = judge.candidateUnits(parts[0], judge.clauses.sentences).filter { s in
        s.article.map(articles.contains) ?? false
      }
      var hit: Set<Int> = []
      for s in sentences {
        guard let k = s.article, !hit.contains(k), !isDefinitions(k) else { continue }
        if let unless = e.unless, judge.index.evaluate(unless, in: s.range) { continue }
        // The first part names the matter (再委託, セキュリティ, 変更 …): without it the sentence is
        // about something else.
        guard judge.index.evaluate(parts[0], in: s.range) else { continue }
        let held = parts.map { judge.index.evaluate($0, in: s.range) }
        if lackingKey ? held.dropLast().allSatisfy({ $0 }) : held.filter({ $0 }).count >= parts.count - 1 {
          hit.insert(k)
        }
      }
      for k in hit { score[k, default: 0] += 1 }
    }
    return score
  }

  func isDefinitions(_ k: Int) -> Bool {
    let a = contract.articles[k]
    return a.topics.first == "definitions" || (a.heading.map { $0.containsText("定義") } ?? false)
  }

  /// Sentences of the article that carry its scope topics' words (the clause the finding is about).
  func topicSentences(_ compiled: CompiledRule, article k: Int) -> [Clauses.Unit] {
    let terms = index.compiled.topics.filter { compiled.rule.scopeTopics.contains($0.id) }.flatMap(\.body)
    let inArticle = clauses.sentences.filter { $0.article == k }
    let hits = inArticle.filter { s in terms.contains { index.occurs($0, in: s.range) } }
    return hits.isEmpty ? Array(inArticle.prefix(1)) : hits
  }

  func explanation(_ rule: Rule, _ results: [ElementResult], missing: Bool) -> String {
    if missing { return rule.missingExplanation ?? rule.explanation }
    var lines: [String] = []
    let short = results.filter { $0.status != .met }
    let met = results.filter { $0.status == .met }
    if !short.isEmpty {
      lines.append("足りない点：")
      for r in short { lines.append("・\(r.label)（\(r.status.label)\(r.note.map { "：\($0)" } ?? "")）") }
    }
    if !met.isEmpty {
      lines.append("定められている点：")
      for r in met { lines.append("・\(r.label)") }
    }
    lines.append(rule.explanation)
    return lines.joined(separator: "\n")
  }

  func label(_ template: String) -> String { render(template, article: nil) }

  func render(_ template: String, article: String?) -> String {
    SuggestionRenderer.render(template, contract: contract, article: article)
  }

  func articleLabel(_ a: Article) -> String {
    (a.part.map { "\($0)" } ?? "") + Numerals.articleLabel(a.number, style: contract.numberStyle)
  }

  func paragraphNumber(_ n: Int) -> String {
    Numerals.write(n, style: contract.paragraphNumberStyle) + contract.paragraphNumberSuffix
  }
}
