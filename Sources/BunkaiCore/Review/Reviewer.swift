import Foundation

/// Runs a playbook on contracts: parse, classify, evaluate. Pure: no files, no database.
/// Safe to share between threads; each review builds its own document index.
public final class Reviewer: Sendable {
  public let compiled: CompiledPlaybook
  public let catalog: ChecklistCatalog

  public static let disclaimer =
    "この結果は、公開・登録された条項ライブラリ（プレイブック）と契約書を機械的に照合し、ライブラリの文例を示したものです。"
    + "個別の事案についての法的な助言や鑑定ではありません（弁護士法72条）。最終的な文言は弁護士等の専門家に確認してください。"

  /// The vendor guideline's full title, as sample wording names it.
  public static let guidelineTitle = "「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」"

  public init(playbook: Playbook, catalog: ChecklistCatalog) {
    self.compiled = CompiledPlaybook(playbook)
    self.catalog = catalog
  }

  public init(compiled: CompiledPlaybook, catalog: ChecklistCatalog) {
    self.compiled = compiled
    self.catalog = catalog
  }

  public func review(_ original: SourceText) -> ReviewResult {
    // Page furniture blanked and flattened text broken into lines; every offset stays the same.
    let cleaned = Layout.clean(original.scalars)
    let source =
      cleaned == original.scalars
      ? original
      : SourceText(
        text: String(String.UnicodeScalarView(cleaned)), path: original.path, format: original.format,
        encoding: original.encoding, origins: original.origins)
    var contract = ContractParser.parse(source)
    // The contract's own party labels read as the placeholders' labels (PartyTokens).
    // A person a party appoints and names (「…（以下「PM」という。）を選任し」) reads as that party.
    let (normalized, matchingParties) = PartyTokens.apply(
      Normalizer.normalize(source.scalars),
      parties: contract.parties + PartyExtractor.agents(in: source.scalars, contract: contract))
    let index = DocumentIndex(compiled: compiled, text: normalized.chars, parties: matchingParties)
    let headingTopics = Classifier.classify(&contract, index: index, normalized: normalized)
    DefinedTerms.inject(
      contract, source: source, normalized: normalized, index: index,
      concepts: compiled.playbook.definedTermConcepts)
    NamedDocuments.inject(
      contract, source: source, normalized: normalized, index: index,
      entries: compiled.playbook.namedDocumentConcepts)
    let clauses = Clauses(contract, normalized)
    let judge = ElementJudge(
      contract: contract, source: source, normalized: normalized, index: index, clauses: clauses,
      actors: Actors(parties: matchingParties, text: normalized.chars), polarity: compiled.polarity)
    let evaluator = Evaluator(
      contract: contract, source: source, normalized: normalized, index: index,
      lessons: compiled.playbook.lessons, units: .init(contract, normalized, headingTopics: headingTopics),
      clauses: clauses, judge: judge)
    var findings: [Finding] = []
    var elements: [ElementResult] = []
    for rule in compiled.rules {
      if rule.elements.isEmpty {
        findings += evaluator.evaluate(rule)
      } else {
        let (f, e) = evaluator.evaluateElements(rule, judge: judge)
        findings += f
        elements += e
      }
    }
    // Most severe first; within a severity, in the order of the contract (an insufficient finding
    // is placed at the end of its article), missing clauses last.
    // The keys are sorted, not the findings: moving whole findings in the sort cost more than it.
    let keys = findings.map { f in
      (severity: f.severity, position: f.article == nil ? Int.max : f.placement.insertAfter ?? Int.max)
    }
    let order = keys.indices.sorted { a, b in
      if keys[a].severity != keys[b].severity { return keys[a].severity > keys[b].severity }
      return keys[a].position != keys[b].position ? keys[a].position < keys[b].position : a < b
    }
    findings = order.map { findings[$0] }
    Self.numberNewArticles(&findings, contract: contract)
    return ReviewResult(
      source: original, contract: contract, findings: findings, elements: elements,
      playbookId: compiled.playbook.id,
      playbookVersion: compiled.playbook.version)
  }
}

extension Reviewer {
  /// New articles get unique numbers after the contract's last article, in the order the findings
  /// are shown; the wording starts with 第N条（見出し）.
  static func numberNewArticles(_ findings: inout [Finding], contract: Contract) {
    var next = (contract.articles.lazy.filter { $0.part == nil }.map(\.mainNumber).max() ?? 0) + 1
    for k in findings.indices where findings[k].placement.kind == .article {
      let number = String(next)
      next += 1
      let label = Numerals.articleLabel(number, style: contract.numberStyle)
      let heading = findings[k].placement.heading ?? ""
      findings[k].placement.article = number
      findings[k].suggestion.text = "\(label)（\(heading)）\n\(findings[k].placement.text)"
    }
  }
}

public struct ReviewResult: Sendable {
  public var source: SourceText
  public var contract: Contract
  public var findings: [Finding]
  /// Every element of every schema 2 rule as judged, including rules that found nothing.
  public var elements: [ElementResult] = []
  public var playbookId: String
  public var playbookVersion: String
}
