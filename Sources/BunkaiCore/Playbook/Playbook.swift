/// A clause library: rules, the topics they look at, and the lessons they link. Loaded from YAML
/// (schema in docs/playbook.md).
public struct Playbook: Sendable {
  public var id: String
  public var version: String
  public var title: String
  public var lessons: [Lesson]
  public var topics: [TopicDefinition]
  public var rules: [Rule]
  /// Concept lexicons (schema 2): a condition term "@name" stands for any of the concept's terms.
  public var concepts: [String: [String]]
  /// Concepts a contract may give its own name to (「以下「2省GL」という」): uses of that name
  /// count as the concept.
  public var definedTermConcepts: [String] = []
  /// Concepts a quoted document name carries to its short form in its article (「利用者側セキュリティ
  /// 対策確認シート」, then 「確認シート」): entries such as "security+institution-side".
  public var namedDocumentConcepts: [String] = []

  public init(
    id: String, version: String, title: String, lessons: [Lesson], topics: [TopicDefinition], rules: [Rule],
    concepts: [String: [String]] = [:]
  ) {
    self.id = id
    self.version = version
    self.title = title
    self.lessons = lessons
    self.topics = topics
    self.rules = rules
    self.concepts = concepts
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
    result.concepts.merge(other.concepts) { _, theirs in theirs }
    result.definedTermConcepts += other.definedTermConcepts.filter { !definedTermConcepts.contains($0) }
    result.namedDocumentConcepts += other.namedDocumentConcepts.filter { !namedDocumentConcepts.contains($0) }
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
  /// Schema 1: one word condition. Rules with `elements` (schema 2) have none.
  public var require: Requirement?
  /// Schema 2: the requirement split into elements, each judged on its own.
  public var elements: [Element] = []
  public var reportMissing: Bool
  public var explanation: String
  public var missingExplanation: String?
  public var suggestion: SuggestionTemplate
  public var missingSuggestion: SuggestionTemplate?
  public var intent: String
  public var lesson: String?
}

/// One element of a requirement (schema 2, docs/playbook.md): judged met, unmet, contradicted or
/// unclear from the sentences of the whole document.
public struct Element: Sendable {
  /// Where the element's condition must hold: within one sentence (the default), one paragraph
  /// (with its items), or one article.
  public enum Unit: String, Sendable { case sentence, paragraph, article }
  /// How the acting party is read from a sentence.
  public enum ActorMode: String, Sendable {
    /// The sentence's subject (「乙は」「当社が」「乙により」「乙の責任において」).
    case subject
    /// Who leads (「乙主導」「乙の主導のもと」「乙が提案し」「乙からの情報提供に基づき」).
    case leader
    /// Whose conduct the matched words are (「乙の故意」「乙に故意又は重過失がなく」); unnamed counts.
    case holder
  }
  public struct Actor: Sendable {
    public var role: PartyRole
    public var mode: ActorMode
  }

  public var id: String
  /// What the element requires, in plain Japanese (shown in findings).
  public var label: String
  /// A precondition decides whether the rule applies at all; it is never reported as short.
  public var precondition: Bool
  public var unit: Unit
  public var match: Condition
  /// Must also hold in the unit, unless the unit's article has one of `contextTopics`.
  public var context: Condition?
  public var contextTopics: [String]
  /// The context also counts as given by an earlier paragraph of the unit's article (「１ 利用者は
  /// 端末を用意する。２ 端末のセキュリティ対策は…」): the article has said what the thing is.
  public var contextInArticle: Bool
  /// A unit matching this does not count (e.g. a narrower clause that only looks alike).
  public var unless: Condition?
  /// A unit matching this is a clause of the element's kind that falls short (the guideline pinned to
  /// an old edition, or only a part of it followed): it does not count, as with `unless`, and it is
  /// where the finding goes when nothing meets the element.
  public var fallsShort: Condition?
  /// Why a clause matching `fallsShort` falls short, in the element's note (for a person).
  public var fallsShortNote: String?
  public var actor: Actor?
  /// A matching unit that negates what it says (「承諾を要しない」) makes the element contradicted.
  public var negatable: Bool
  /// Units saying the opposite outright (「自由に再委託できる」).
  public var contradictedBy: Condition?
  /// A later 「前項にかかわらず…いかなる場合においても」 in the same article undoes the element.
  public var overridable: Bool
  /// A unit matching `contradictedBy` outweighs units that meet the element anywhere else: a
  /// deemed consent (「異議を述べないときは承認したものとみなす」) empties an approval the contract
  /// requires in another article.
  public var contradictionOutweighs: Bool
  /// A unit naming some items of a numbered list (「前項第1号の回線の安全対策は…」) where the list has
  /// more meets the element for those items only: when every meeting unit does so, the element is
  /// unmet (the other provided things are left out).
  public var everyItem: Bool
  /// The article's heading may supply the matter a unit leaves out, where the heading names all of it
  /// (「第4条（病院側の対策の確定）…前項の改善案について協議を行い、…確定する」).
  public var readsHeading: Bool
  /// The items of a list of alternatives (「次のいずれかに該当するときは、前項を適用しない。一　故意…
  /// 二　重大な過失…」) together supply the parts of the match one item leaves out: each item is a case
  /// of the same statement.
  public var readsItems: Bool
  /// Words of a clause of this kind that falls short (another standard named where the guideline
  /// belongs): when no element's words hold anywhere, the finding goes to the article holding them.
  public var near: Condition?
  /// Words in the article of a clause that meets the element which leave it to one side to say later
  /// what the clause covers (「指定したソフトウェアとは、障害が生じた後に受託者が…確認したものをいう」):
  /// the element is `unclear`, for a person to settle, with `doubtfulNote` as the reason.
  public var doubtfulWhen: Condition?
  public var doubtfulNote: String?

  public init(
    id: String, label: String, precondition: Bool = false, unit: Unit = .sentence, match: Condition,
    context: Condition? = nil, contextTopics: [String] = [], contextInArticle: Bool = false,
    unless: Condition? = nil, fallsShort: Condition? = nil, fallsShortNote: String? = nil,
    actor: Actor? = nil,
    negatable: Bool = true, contradictedBy: Condition? = nil, overridable: Bool = false,
    contradictionOutweighs: Bool = false, everyItem: Bool = false, readsHeading: Bool = false,
    readsItems: Bool = false, near: Condition? = nil, doubtfulWhen: Condition? = nil,
    doubtfulNote: String? = nil
  ) {
    self.id = id
    self.label = label
    self.precondition = precondition
    self.unit = unit
    self.match = match
    self.context = context
    self.contextTopics = contextTopics
    self.contextInArticle = contextInArticle
    self.unless = unless
    self.fallsShort = fallsShort
    self.fallsShortNote = fallsShortNote
    self.actor = actor
    self.negatable = negatable
    self.contradictedBy = contradictedBy
    self.overridable = overridable
    self.contradictionOutweighs = contradictionOutweighs
    self.everyItem = everyItem
    self.readsHeading = readsHeading
    self.readsItems = readsItems
    self.near = near
    self.doubtfulWhen = doubtfulWhen
    self.doubtfulNote = doubtfulNote
  }
}
