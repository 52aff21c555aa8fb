/// A clause library: rules, the topics they look at, and the lessons they link. Loaded from YAML
/// (schema in docs/playbook.md).
public struct Playbook: Sendable {
  public var id: String
  public var version: String
  public var title: String
  public var lessons: [Lesson]
  public var topics: [TopicDefinition]
  public var rules: [Rule]

  public init(
    id: String, version: String, title: String, lessons: [Lesson], topics: [TopicDefinition], rules: [Rule]
  ) {
    self.id = id
    self.version = version
    self.title = title
    self.lessons = lessons
    self.topics = topics
    self.rules = rules
  }

  /// Adds another playbook's rules, topics and lessons; a rule with the same id replaces ours.
  public func merged(with other: Playbook) -> Playbook {
    var result = self
    let replaced = Set(other.rules.map(\.id))
    result.rules = rules.filter { !replaced.contains($0.id) } + other.rules
    let topicIds = Set(other.topics.map(\.id))
    result.topics = topics.filter { !topicIds.contains($0.id) } + other.topics
    let lessonIds = Set(other.lessons.map(\.id))
    result.lessons = lessons.filter { !lessonIds.contains($0.id) } + other.lessons
    result.id = "\(id)+\(other.id)"
    return result
  }
}

public struct Lesson: Sendable, Codable, Equatable {
  public var id: String
  public var title: String
  public var text: String
}

public struct TopicDefinition: Sendable {
  public var id: String
  public var label: String
  /// Terms looked for in an article's heading.
  public var heading: [String]
  /// Terms looked for in an article's text.
  public var body: [String]
}

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
  case low, medium, high

  var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

  public var label: String {
    switch self {
    case .low: "低"
    case .medium: "中"
    case .high: "高"
    }
  }
}

/// A boolean test over a span of text.
public indirect enum Condition: Sendable, Equatable {
  case term(String)
  case any([Condition])
  case all([Condition])
  /// True when none of the conditions holds.
  case none([Condition])

  /// Every term the condition mentions.
  public var terms: [String] {
    switch self {
    case .term(let t): [t]
    case .any(let cs), .all(let cs), .none(let cs): cs.flatMap(\.terms)
    }
  }
}

public struct Requirement: Sendable {
  public enum Unit: String, Sendable { case paragraph, article }
  public enum Place: String, Sendable { case article, document }
  public var match: Condition
  public var unit: Unit
  public var place: Place
}

public struct SuggestionTemplate: Sendable {
  /// Heading used when the wording becomes a new article.
  public var heading: String
  /// Wording with {vendor}, {institution}, {article}, {guideline} placeholders.
  public var text: String
}

public struct Rule: Sendable {
  public var id: String
  public var title: String
  public var guideRefs: [String]
  public var checklistItems: [String]
  public var severity: Severity
  /// Contract kinds the rule applies to; empty means all.
  public var appliesTo: [ContractKind]
  public var scopeTopics: [String]
  public var scopeMatch: Condition?
  public var trigger: Condition?
  public var require: Requirement
  public var reportMissing: Bool
  public var explanation: String
  public var missingExplanation: String?
  public var suggestion: SuggestionTemplate
  public var missingSuggestion: SuggestionTemplate?
  public var intent: String
  public var lesson: String?
}
