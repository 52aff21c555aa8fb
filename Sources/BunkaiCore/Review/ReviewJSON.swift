import Foundation

/// The review as JSON, schema version 2 (docs/review-json.md); the one type that writes and reads
/// stored reviews (version 1 documents decode too). Field order follows the document.
public struct ReviewJSON: Codable, Sendable {
  public static let schemaVersion = 2

  public struct Source: Codable, Sendable {
    public var path: String
    public var format: String
    public var encoding: String
  }
  public struct PartyDTO: Codable, Sendable {
    public var role: String
    public var label: String
    public var name: String?
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(role, forKey: .role)
      try c.encode(label, forKey: .label)
      try c.encode(name, forKey: .name)
    }
    enum CodingKeys: String, CodingKey { case role, label, name }
  }
  public struct ArticleDTO: Codable, Sendable {
    public var number: String
    public var heading: String?
    public var topics: [String]
    public var start: Int
    public var end: Int
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
  public struct Document: Codable, Sendable {
    public var title: String?
    public var kinds: [String]
    public var parties: [PartyDTO]
    public var articles: [ArticleDTO]
    public var annexReferences: [String]
    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      title = try c.decodeIfPresent(String.self, forKey: .title)
      kinds = try c.decode([String].self, forKey: .kinds)
      parties = try c.decode([PartyDTO].self, forKey: .parties)
      articles = try c.decode([ArticleDTO].self, forKey: .articles)
      annexReferences = try c.decodeIfPresent([String].self, forKey: .annexReferences) ?? []
    }
    init(
      title: String?, kinds: [String], parties: [PartyDTO], articles: [ArticleDTO], annexReferences: [String]
    ) {
      self.title = title
      self.kinds = kinds
      self.parties = parties
      self.articles = articles
      self.annexReferences = annexReferences
    }
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
  public struct ChecklistRef: Codable, Sendable {
    public var id: String
    public var title: String?
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(title, forKey: .title)
    }
    enum CodingKeys: String, CodingKey { case id, title }
  }
  public struct ElementDTO: Codable, Sendable, Equatable {
    public var id: String
    public var label: String
    public var status: String
    public var evidence: [Evidence]
    public var note: String?
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(label, forKey: .label)
      try c.encode(status, forKey: .status)
      try c.encode(evidence, forKey: .evidence)
      try c.encode(note, forKey: .note)
    }
    enum CodingKeys: String, CodingKey { case id, label, status, evidence, note }
  }
  public struct FindingDTO: Codable, Sendable {
    public var ruleId: String
    public var guideRefs: [String]
    public var checklistItems: [String]
    public var checklist: [ChecklistRef]
    public var severity: String
    public var status: String
    public var article: String?
    public var evidence: [Evidence]
    public var elements: [ElementDTO]
    public var title: String
    public var explanation: String
    public var suggestion: Suggestion
    public var intent: String
    public var lesson: Lesson?
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
      try c.encode(elements, forKey: .elements)
      try c.encode(title, forKey: .title)
      try c.encode(explanation, forKey: .explanation)
      try c.encode(suggestion, forKey: .suggestion)
      try c.encode(intent, forKey: .intent)
      try c.encode(lesson, forKey: .lesson)
    }
    /// Reads version 2, and version 1 as stored before (suggestion a string, no elements).
    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      ruleId = try c.decode(String.self, forKey: .ruleId)
      guideRefs = try c.decode([String].self, forKey: .guideRefs)
      checklistItems = try c.decode([String].self, forKey: .checklistItems)
      checklist = try c.decodeIfPresent([ChecklistRef].self, forKey: .checklist) ?? []
      severity = try c.decode(String.self, forKey: .severity)
      status = try c.decode(String.self, forKey: .status)
      article = try c.decodeIfPresent(String.self, forKey: .article)
      evidence = try c.decode([Evidence].self, forKey: .evidence)
      elements = try c.decodeIfPresent([ElementDTO].self, forKey: .elements) ?? []
      title = try c.decode(String.self, forKey: .title)
      explanation = try c.decode(String.self, forKey: .explanation)
      if let old = try? c.decode(String.self, forKey: .suggestion) {
        let lines = old.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        suggestion = Suggestion(
          instruction: String(lines.first ?? ""), replaces: nil, text: lines.count > 1 ? String(lines[1]) : ""
        )
      } else {
        suggestion = try c.decode(Suggestion.self, forKey: .suggestion)
      }
      intent = try c.decode(String.self, forKey: .intent)
      lesson = try c.decodeIfPresent(Lesson.self, forKey: .lesson)
    }
    init(
      ruleId: String, guideRefs: [String], checklistItems: [String], checklist: [ChecklistRef],
      severity: String,
      status: String, article: String?, evidence: [Evidence], elements: [ElementDTO], title: String,
      explanation: String, suggestion: Suggestion, intent: String, lesson: Lesson?
    ) {
      self.ruleId = ruleId
      self.guideRefs = guideRefs
      self.checklistItems = checklistItems
      self.checklist = checklist
      self.severity = severity
      self.status = status
      self.article = article
      self.evidence = evidence
      self.elements = elements
      self.title = title
      self.explanation = explanation
      self.suggestion = suggestion
      self.intent = intent
      self.lesson = lesson
    }
    enum CodingKeys: String, CodingKey {
      case ruleId, guideRefs, checklistItems, checklist, severity, status, article, evidence, elements, title,
        explanation, suggestion, intent, lesson
    }
  }
  public struct PlaybookRef: Codable, Sendable {
    public var id: String
    public var version: String
  }

  public var schemaVersion = ReviewJSON.schemaVersion
  /// nil in reviews stored without their source description.
  public var source: Source?
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
        elements: f.elements.map {
          ElementDTO(
            id: $0.id, label: $0.label, status: $0.status.rawValue, evidence: $0.evidence, note: $0.note)
        },
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

extension ReviewJSON {
  public static func decode(_ data: Data) throws -> ReviewJSON {
    try JSONDecoder().decode(ReviewJSON.self, from: data)
  }
}
