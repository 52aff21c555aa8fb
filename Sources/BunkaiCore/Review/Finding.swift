/// One thing the playbook found missing or short in a contract.
public struct Finding: Sendable {
  public enum Status: String, Sendable, Codable {
    /// No clause on the matter at all.
    case missing
    /// A clause is there but falls short.
    case insufficient
    /// The engine cannot decide (e.g. the matter is left to a document that is not part of the
    /// text); a person must check. Counted apart from the others.
    case unclear
  }

  public var ruleId: String
  public var guideRefs: [String]
  public var checklistItems: [String]
  public var severity: Severity
  public var status: Status
  /// The article ("15", "12の2") the finding concerns; nil when the clause is missing.
  public var article: String?
  public var evidence: [Evidence]
  /// The requirement's elements as judged on this contract (schema 2 rules; a schema 1 rule has
  /// one element standing for its whole condition).
  public var elements: [ElementResult] = []
  public var title: String
  public var explanation: String
  /// Sample wording rendered for this contract, with where to put it.
  public var suggestion: Suggestion
  public var placement: Placement
  public var intent: String
  public var lesson: Lesson?
}

/// Quoted contract text: scalar offsets into the source and the exact slice.
public struct Evidence: Sendable, Codable, Equatable {
  public var start: Int
  public var end: Int
  public var text: String
}

/// Where the sample wording goes: a new paragraph of an article, or a new article.
public struct Placement: Sendable, Codable, Equatable {
  public enum Kind: String, Sendable, Codable { case paragraph, article }
  public var kind: Kind
  /// The article amended, or the number of the new article.
  public var article: String
  /// The new paragraph's number (for `paragraph`).
  public var paragraph: Int?
  public var heading: String?
  /// The wording alone, without the placement line.
  public var text: String
  /// Scalar offset after which the wording is inserted (end of the article, or of the last article).
  public var insertAfter: Int?
}

/// Sample wording: where it goes (for a person), what existing text it replaces, and the wording.
public struct Suggestion: Sendable, Codable, Equatable {
  /// 「第3条に次の一項を加える。」 — never part of the contract's text.
  public var instruction: String
  /// The existing text the wording replaces (it says the opposite), or nil when it is added.
  public var replaces: String?
  /// The wording itself; for a new article it starts with 第N条（見出し）.
  public var text: String

  public init(instruction: String, replaces: String?, text: String) {
    self.instruction = instruction
    self.replaces = replaces
    self.text = text
  }

  /// The instruction and the wording for display, as one block.
  public var display: String {
    var s = instruction
    if let replaces { s += "\n（現行）" + replaces + "\n（改正案）" }
    return s + "\n" + text
  }
}

/// One element of a requirement as judged on one contract.
public struct ElementResult: Sendable, Codable, Equatable {
  public enum Status: String, Sendable, Codable, CaseIterable {
    case met, unmet, contradicted, unclear

    public var label: String {
      switch self {
      case .met: "満たす"
      case .unmet: "定めなし"
      case .contradicted: "反対の定め"
      case .unclear: "要確認"
      }
    }
  }
  public var id: String
  public var label: String
  public var status: Status
  public var evidence: [Evidence]
  /// Why, when the status needs a reason (an actor swapped, an override, a deferral).
  public var note: String?

  public init(id: String, label: String, status: Status, evidence: [Evidence], note: String? = nil) {
    self.id = id
    self.label = label
    self.status = status
    self.evidence = evidence
    self.note = note
  }
}
