/// A playbook made ready to run: every term of every rule and topic is parsed once and its anchor
/// literal put into one automaton, so reviewing a contract scans its text a single time.
public final class CompiledPlaybook: Sendable {
  public let playbook: Playbook
  let terms: [TermPattern]
  /// For each term and variant, the automaton literal id of its anchor.
  let anchors: [[Int]]
  let automaton: PatternAutomaton
  let rules: [CompiledRule]
  let topics: [CompiledTopic]

  public init(_ playbook: Playbook) {
    var terms: [TermPattern] = []
    var termIds: [String: Int] = [:]
    func termId(_ t: String) -> Int {
      if let id = termIds[t] { return id }
      // The loader validated every term, so parsing cannot fail here.
      terms.append(try! TermPattern(t))
      termIds[t] = terms.count - 1
      return terms.count - 1
    }
    func compile(_ c: Condition) -> CompiledCondition {
      switch c {
      case .term(let t): .term(termId(t))
      case .any(let cs): .any(cs.map(compile))
      case .all(let cs): .all(cs.map(compile))
      case .none(let cs): .none(cs.map(compile))
      }
    }
    let topics = playbook.topics.map {
      CompiledTopic(id: $0.id, heading: $0.heading.map(termId), body: $0.body.map(termId))
    }
    let rules = playbook.rules.map { rule in
      CompiledRule(
        rule: rule, scopeMatch: rule.scopeMatch.map(compile), trigger: rule.trigger.map(compile),
        require: compile(rule.require.match))
    }
    var literals: [[UInt32]] = []
    var literalIds: [[UInt32]: Int] = [:]
    var anchors: [[Int]] = []
    for term in terms {
      anchors.append(
        term.variants.map { v in
          if let id = literalIds[v.anchor] { return id }
          literals.append(v.anchor)
          literalIds[v.anchor] = literals.count - 1
          return literals.count - 1
        })
    }
    self.playbook = playbook
    self.terms = terms
    self.anchors = anchors
    self.automaton = PatternAutomaton(literals: literals)
    self.rules = rules
    self.topics = topics
  }
}

indirect enum CompiledCondition: Sendable {
  case term(Int)
  case any([CompiledCondition])
  case all([CompiledCondition])
  case none([CompiledCondition])
}

struct CompiledRule: Sendable {
  let rule: Rule
  let scopeMatch: CompiledCondition?
  let trigger: CompiledCondition?
  let require: CompiledCondition
}

struct CompiledTopic: Sendable {
  let id: String
  let heading: [Int]
  let body: [Int]
}
