/// One thing the playbook found missing or short in a contract.
public struct Finding: Sendable {
  public enum Status: String, Sendable, Codable {
    /// No clause on the matter at all.
    case missing
    /// A clause is there but falls short.
    case insufficient
  }

  public var ruleId: String
  public var guideRefs: [String]
  public var checklistItems: [String]
  public var severity: Severity
  public var status: Status
  /// The article ("15", "12の2") the finding concerns; nil when the clause is missing.
  public var article: String?
  public var evidence: [Evidence]
  public var title: String
  public var explanation: String
  /// Sample wording rendered for this contract, with where to put it.
  public var suggestion: String
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
