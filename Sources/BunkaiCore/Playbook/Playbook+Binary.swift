/// A playbook in the compiled playbook's cache file (BinaryCoding.swift): every field, in the
/// order declared, so that a cached playbook reviews exactly as the one loaded from YAML.
extension Playbook {
  func write(to w: inout BinaryWriter) {
    w.string(id)
    w.string(version)
    w.string(title)
    w.array(lessons) { w, l in
      w.string(l.id)
      w.string(l.title)
      w.string(l.text)
    }
    w.array(topics) { w, t in
      w.string(t.id)
      w.string(t.label)
      w.strings(t.heading)
      w.strings(t.body)
    }
    w.array(rules) { $1.write(to: &$0) }
    w.array(concepts.sorted { $0.key < $1.key }) { w, c in
      w.string(c.key)
      w.strings(c.value)
    }
    w.strings(definedTermConcepts)
    w.strings(namedDocumentConcepts)
  }

  init(reading r: inout BinaryReader) throws {
    let id = try r.string()
    let version = try r.string()
    let title = try r.string()
    let lessons = try r.array { r in Lesson(id: try r.string(), title: try r.string(), text: try r.string()) }
    let topics = try r.array { r in
      TopicDefinition(
        id: try r.string(), label: try r.string(), heading: try r.strings(), body: try r.strings())
    }
    let rules = try r.array { try Rule(reading: &$0) }
    let concepts = try r.array { r in (try r.string(), try r.strings()) }
    self.init(
      id: id, version: version, title: title, lessons: lessons, topics: topics, rules: rules,
      concepts: Dictionary(concepts) { _, last in last })
    definedTermConcepts = try r.strings()
    namedDocumentConcepts = try r.strings()
  }
}

extension Rule {
  func write(to w: inout BinaryWriter) {
    w.string(id)
    w.string(title)
    w.strings(guideRefs)
    w.strings(checklistItems)
    w.string(severity.rawValue)
    w.strings(appliesTo.map(\.rawValue))
    w.strings(scopeTopics)
    w.optional(scopeMatch) { $1.write(to: &$0) }
    w.optional(trigger) { $1.write(to: &$0) }
    w.optional(require) { w, q in
      q.match.write(to: &w)
      w.string(q.unit.rawValue)
      w.string(q.place.rawValue)
    }
    w.array(elements) { $1.write(to: &$0) }
    w.bool(reportMissing)
    w.string(explanation)
    w.optionalString(missingExplanation)
    suggestion.write(to: &w)
    w.optional(missingSuggestion) { $1.write(to: &$0) }
    w.string(intent)
    w.optionalString(lesson)
  }

  init(reading r: inout BinaryReader) throws {
    id = try r.string()
    title = try r.string()
    guideRefs = try r.strings()
    checklistItems = try r.strings()
    severity = try r.raw(Severity.self)
    appliesTo = try r.array { try $0.raw(ContractKind.self) }
    scopeTopics = try r.strings()
    scopeMatch = try r.optional { try Condition(reading: &$0) }
    trigger = try r.optional { try Condition(reading: &$0) }
    require = try r.optional { r in
      Requirement(
        match: try Condition(reading: &r), unit: try r.raw(Requirement.Unit.self),
        place: try r.raw(Requirement.Place.self))
    }
    elements = try r.array { try Element(reading: &$0) }
    reportMissing = try r.bool()
    explanation = try r.string()
    missingExplanation = try r.optionalString()
    suggestion = try SuggestionTemplate(reading: &r)
    missingSuggestion = try r.optional { try SuggestionTemplate(reading: &$0) }
    intent = try r.string()
    lesson = try r.optionalString()
  }
}

extension SuggestionTemplate {
  func write(to w: inout BinaryWriter) {
    w.string(heading)
    w.string(text)
  }

  init(reading r: inout BinaryReader) throws {
    heading = try r.string()
    text = try r.string()
  }
}

extension Element {
  func write(to w: inout BinaryWriter) {
    w.string(id)
    w.string(label)
    w.bool(precondition)
    w.string(unit.rawValue)
    match.write(to: &w)
    w.optional(context) { $1.write(to: &$0) }
    w.strings(contextTopics)
    w.bool(contextInArticle)
    w.optional(unless) { $1.write(to: &$0) }
    w.optional(fallsShort) { $1.write(to: &$0) }
    w.optionalString(fallsShortNote)
    w.optional(actor) { w, a in
      w.string(a.role.rawValue)
      w.string(a.mode.rawValue)
    }
    w.bool(negatable)
    w.optional(contradictedBy) { $1.write(to: &$0) }
    w.bool(overridable)
    w.bool(contradictionOutweighs)
    w.bool(everyItem)
    w.bool(readsHeading)
    w.bool(readsItems)
    w.optional(near) { $1.write(to: &$0) }
    w.optional(doubtfulWhen) { $1.write(to: &$0) }
    w.optionalString(doubtfulNote)
  }

  init(reading r: inout BinaryReader) throws {
    func condition(_ r: inout BinaryReader) throws -> Condition? {
      try r.optional { try Condition(reading: &$0) }
    }
    self.init(
      id: try r.string(), label: try r.string(), precondition: try r.bool(), unit: try r.raw(Unit.self),
      match: try Condition(reading: &r), context: try condition(&r), contextTopics: try r.strings(),
      contextInArticle: try r.bool(), unless: try condition(&r), fallsShort: try condition(&r),
      fallsShortNote: try r.optionalString(),
      actor: try r.optional { r in Actor(role: try r.raw(PartyRole.self), mode: try r.raw(ActorMode.self)) },
      negatable: try r.bool(), contradictedBy: try condition(&r), overridable: try r.bool(),
      contradictionOutweighs: try r.bool(), everyItem: try r.bool(), readsHeading: try r.bool(),
      readsItems: try r.bool(), near: try condition(&r), doubtfulWhen: try condition(&r),
      doubtfulNote: try r.optionalString())
  }
}

extension Condition {
  /// Deeper than any playbook nests its conditions; a file claiming more is damaged (and reading it
  /// must not exhaust the stack).
  static let maxDepth = 64

  func write(to w: inout BinaryWriter) {
    switch self {
    case .term(let t):
      w.fixed(UInt8(0))
      w.string(t)
    case .any(let cs):
      w.fixed(UInt8(1))
      w.array(cs) { $1.write(to: &$0) }
    case .all(let cs):
      w.fixed(UInt8(2))
      w.array(cs) { $1.write(to: &$0) }
    case .none(let cs):
      w.fixed(UInt8(3))
      w.array(cs) { $1.write(to: &$0) }
    }
  }

  init(reading r: inout BinaryReader, depth: Int = 0) throws {
    guard depth < Self.maxDepth else { throw BinaryReader.Failure.invalid("condition depth") }
    let tag = try r.fixed(UInt8.self)
    if tag == 0 {
      self = .term(try r.string())
      return
    }
    let cs = try r.array { try Condition(reading: &$0, depth: depth + 1) }
    switch tag {
    case 1: self = .any(cs)
    case 2: self = .all(cs)
    case 3: self = .none(cs)
    default: throw BinaryReader.Failure.invalid("condition")
    }
  }
}
