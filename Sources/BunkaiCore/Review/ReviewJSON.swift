import Foundation

/// The review as JSON, schema version 1 (docs/review-json.md). Field order follows the document.
public struct ReviewJSON: Encodable, Sendable {
  public static let schemaVersion = 1

  public struct Source: Encodable, Sendable {
    var path: String
    var format: String
    var encoding: String
  }
  public struct PartyDTO: Encodable, Sendable {
    var role: String
    var label: String
    var name: String?
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(role, forKey: .role)
      try c.encode(label, forKey: .label)
      try c.encode(name, forKey: .name)
    }
    enum CodingKeys: String, CodingKey { case role, label, name }
  }
  public struct ArticleDTO: Encodable, Sendable {
    var number: String
    var heading: String?
    var topics: [String]
    var start: Int
    var end: Int
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(number, forKey: .number)
      try c.encode(heading, forKey: .heading)
      try c.encode(topics, forKey: .topics)
      try c.encode(start, forKey: .start)
      try c.encode(end, forKey: .end)
    }
    enum CodingKeys: String, CodingKey { case number, heading, topics, start, end }
  }
  public struct Document: Encodable, Sendable {
    var title: String?
    var kinds: [String]
    var parties: [PartyDTO]
    var articles: [ArticleDTO]
    var annexReferences: [String]
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(title, forKey: .title)
      try c.encode(kinds, forKey: .kinds)
      try c.encode(parties, forKey: .parties)
      try c.encode(articles, forKey: .articles)
      try c.encode(annexReferences, forKey: .annexReferences)
    }
    enum CodingKeys: String, CodingKey { case title, kinds, parties, articles, annexReferences }
  }
  public struct ChecklistRef: Encodable, Sendable {
    var id: String
    var title: String?
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(title, forKey: .title)
    }
    enum CodingKeys: String, CodingKey { case id, title }
  }
  public struct FindingDTO: Encodable, Sendable {
    var ruleId: String
    var guideRefs: [String]
    var checklistItems: [String]
    var checklist: [ChecklistRef]
    var severity: String
    var status: String
    var article: String?
    var evidence: [Evidence]
    var title: String
    var explanation: String
    var suggestion: String
    var intent: String
    var lesson: Lesson?
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(ruleId, forKey: .ruleId)
      try c.encode(guideRefs, forKey: .guideRefs)
      try c.encode(checklistItems, forKey: .checklistItems)
      try c.encode(checklist, forKey: .checklist)
      try c.encode(severity, forKey: .severity)
      try c.encode(status, forKey: .status)
      try c.encode(article, forKey: .article)
      try c.encode(evidence, forKey: .evidence)
      try c.encode(title, forKey: .title)
      try c.encode(explanation, forKey: .explanation)
      try c.encode(suggestion, forKey: .suggestion)
      try c.encode(intent, forKey: .intent)
      try c.encode(lesson, forKey: .lesson)
    }
    enum CodingKeys: String, CodingKey {
      case ruleId, guideRefs, checklistItems, checklist, severity, status, article, evidence, title,
        explanation,
        suggestion, intent, lesson
    }
  }
  public struct PlaybookRef: Encodable, Sendable {
    var id: String
    var version: String
  }

  public var schemaVersion = ReviewJSON.schemaVersion
  public var source: Source
  public var document: Document
  public var playbook: PlaybookRef
  public var findings: [FindingDTO]
  public var disclaimer = Reviewer.disclaimer

  enum CodingKeys: String, CodingKey { case schemaVersion, source, document, playbook, findings, disclaimer }

  public init(_ r: ReviewResult, catalog: ChecklistCatalog) {
    source = Source(path: r.source.path, format: r.source.format, encoding: r.source.encoding)
    document = Document(
      title: r.contract.title, kinds: r.contract.kinds.map(\.rawValue),
      parties: r.contract.parties.map { PartyDTO(role: $0.role.rawValue, label: $0.label, name: $0.name) },
      articles: r.contract.articles.map {
        ArticleDTO(
          number: $0.number, heading: $0.heading, topics: $0.topics, start: $0.range.lowerBound,
          end: $0.range.upperBound)
      },
      annexReferences: Array(Set(r.contract.annexReferences.map(\.label))).sorted())
    playbook = PlaybookRef(id: r.playbookId, version: r.playbookVersion)
    findings = r.findings.map { f in
      FindingDTO(
        ruleId: f.ruleId, guideRefs: f.guideRefs, checklistItems: f.checklistItems,
        checklist: f.checklistItems.map { ChecklistRef(id: $0, title: catalog.item($0)?.title) },
        severity: f.severity.rawValue, status: f.status.rawValue, article: f.article, evidence: f.evidence,
        title: f.title, explanation: f.explanation, suggestion: f.suggestion, intent: f.intent,
        lesson: f.lesson)
    }
  }

  /// Compact one-line JSON (for JSON Lines) or pretty-printed.
  public func encoded(pretty: Bool) throws -> Data {
    let e = JSONEncoder()
    e.outputFormatting =
      pretty
      ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return try e.encode(self)
  }
}
