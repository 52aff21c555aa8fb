/// A compiled playbook written to bytes and read back (the CLI's cache, so that one `bunkai review`
/// does not parse the YAML and compile the playbook each time). Reading checks every count and every
/// index against the tables it points into, so a damaged file is an error, never a crash.
extension CompiledPlaybook {
  /// Bump whenever the layout or the meaning of a compiled part changes.
  public static let binaryFormat = 2
  static let magic = Array("BUNKAIPB".utf8)

  /// The file's bytes: magic, format, the caller's key, a checksum of the rest, the rest.
  public func encoded(key: UInt64) -> [UInt8] {
    let payload = encodedPayload()
    var header = BinaryWriter()
    header.int(Self.binaryFormat)
    header.fixed(key)
    header.fixed(wordChecksum(payload[...]))
    return Self.magic + header.bytes + payload
  }

  /// What follows the header: the playbook and its compiled parts.
  public func encodedPayload() -> [UInt8] {
    var w = BinaryWriter()
    playbook.write(to: &w)
    // Sizes and tables first: what follows is checked against them as it is read.
    w.int(termCount)
    w.int(groupCount)
    w.array(labels) { w, l in
      w.string(l.role.rawValue)
      w.string(l.label)
    }
    automaton.write(to: &w)
    w.array(variants) { w, vs in w.array(vs) { $1.write(to: &$0) } }
    w.array(rules) { w, r in
      w.optional(r.scopeMatch) { $1.write(to: &$0) }
      w.optional(r.trigger) { $1.write(to: &$0) }
      w.optional(r.require) { $1.write(to: &$0) }
      w.array(r.elements) { $1.write(to: &$0) }
    }
    w.array(topics) { w, t in
      w.ints(t.heading.map(Int32.init))
      w.ints(t.body.map(Int32.init))
    }
    w.array(polarity.all) { $1.write(to: &$0) }
    w.array(termIds.sorted { $0.value < $1.value }) { w, t in
      w.string(t.key)
      w.int(t.value)
    }
    w.array(conceptTermIds.sorted { $0.key < $1.key }) { w, c in
      w.string(c.key)
      w.ints(c.value.map(Int32.init))
    }
    w.array(conceptGroups.sorted { $0.key < $1.key }) { w, c in
      w.string(c.key)
      c.value.write(to: &w)
    }
    w.ints(narrowingTermIds.sorted().map(Int32.init))
    return w.bytes
  }

  /// Reads what `encoded(key:)` wrote; nil when the file is of another format or key, or damaged.
  public static func decoded(_ bytes: [UInt8], key: UInt64) -> CompiledPlaybook? {
    let headerSize = 8 + 8 + 8 + 8
    guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else { return nil }
    var h = BinaryReader(bytes, from: 8)
    guard (try? h.int()) == binaryFormat, (try? h.fixed(UInt64.self)) == key,
      let stored = try? h.fixed(UInt64.self), wordChecksum(bytes[headerSize...]) == stored
    else { return nil }
    var r = BinaryReader(bytes, from: headerSize)
    return try? read(&r)
  }

  /// A payload read without the header and its checksum: for the fuzzing harness, whose changed
  /// bytes must reach the reader's own checks.
  public static func decoded(payload: [UInt8]) -> CompiledPlaybook? {
    var r = BinaryReader(payload)
    return try? read(&r)
  }

  private static func read(_ r: inout BinaryReader) throws -> CompiledPlaybook {
    let playbook = try Playbook(reading: &r)
    let termCount = try r.count(minimumSize: 0)
    let groupCount = try r.count(minimumSize: 0)
    let labels = try r.array { r in (role: try r.raw(PartyRole.self), label: try r.string()) }
    let automaton = try PatternAutomaton(reading: &r)
    let variants = try r.array { r in
      try r.array { try CompiledVariant(reading: &$0, literals: automaton.literals, labels: labels.count) }
    }
    guard variants.count == termCount else { throw BinaryReader.Failure.invalid("variants") }
    let limits = CompiledCondition.Limits(terms: termCount, groups: groupCount)
    func condition(_ r: inout BinaryReader) throws -> CompiledCondition? {
      try r.optional { try CompiledCondition(reading: &$0, limits) }
    }
    let compiledRules = try r.array { r in
      (
        scopeMatch: try condition(&r), trigger: try condition(&r), require: try condition(&r),
        elements: try r.array { try CompiledElement.Parts(reading: &$0, limits) }
      )
    }
    guard compiledRules.count == playbook.rules.count else { throw BinaryReader.Failure.invalid("rules") }
    let rules = try zip(playbook.rules, compiledRules).map { rule, c in
      guard c.elements.count == rule.elements.count else { throw BinaryReader.Failure.invalid("elements") }
      return CompiledRule(
        rule: rule, scopeMatch: c.scopeMatch, trigger: c.trigger, require: c.require,
        elements: zip(rule.elements, c.elements).map { $1.element($0) })
    }
    let topicIds = try r.array { r in
      (heading: try r.ints(Int32.self).map(Int.init), body: try r.ints(Int32.self).map(Int.init))
    }
    guard topicIds.count == playbook.topics.count,
      topicIds.allSatisfy({ ($0.heading + $0.body).allSatisfy { $0 >= 0 && $0 < termCount } })
    else { throw BinaryReader.Failure.invalid("topics") }
    let topics = zip(playbook.topics, topicIds).map {
      CompiledTopic(id: $0.id, heading: $1.heading, body: $1.body)
    }
    let polarity = try Polarity.Compiled(try r.array { try CompiledCondition(reading: &$0, limits) })
    let termIds = Dictionary(
      try r.array { r in (try r.string(), try r.index(below: termCount)) }, uniquingKeysWith: { a, _ in a })
    let conceptTermIds = Dictionary(
      try r.array { r in
        (try r.string(), try r.ints(Int32.self).map { try Self.check(Int($0), below: termCount) })
      }, uniquingKeysWith: { a, _ in a })
    let conceptGroups = Dictionary(
      try r.array { r in (try r.string(), try CompiledCondition(reading: &r, limits)) },
      uniquingKeysWith: { a, _ in a })
    let narrowing = Set(try r.ints(Int32.self).map { try Self.check(Int($0), below: termCount) })
    guard r.isAtEnd else { throw BinaryReader.Failure.invalid("trailing bytes") }
    return CompiledPlaybook(
      playbook: playbook, termCount: termCount, variants: variants, labels: labels, automaton: automaton,
      rules: rules, topics: topics, polarity: polarity, termIds: termIds, conceptTermIds: conceptTermIds,
      conceptGroups: conceptGroups, groupCount: groupCount, narrowingTermIds: narrowing)
  }

  static func check(_ i: Int, below limit: Int) throws -> Int {
    guard i >= 0, i < limit else { throw BinaryReader.Failure.invalid("index") }
    return i
  }
}

extension CompiledCondition {
  /// The tables a condition's ids index into.
  struct Limits {
    let terms: Int
    let groups: Int
  }

  func write(to w: inout BinaryWriter) {
    switch self {
    case .term(let t):
      w.fixed(UInt8(0))
      w.int(t)
    case .terms(let g, let ts):
      w.fixed(UInt8(1))
      w.int(g)
      w.ints(ts.map(Int32.init))
    case .any(let cs):
      w.fixed(UInt8(2))
      w.array(cs) { $1.write(to: &$0) }
    case .all(let cs):
      w.fixed(UInt8(3))
      w.array(cs) { $1.write(to: &$0) }
    case .none(let cs):
      w.fixed(UInt8(4))
      w.array(cs) { $1.write(to: &$0) }
    }
  }

  init(reading r: inout BinaryReader, _ limits: Limits, depth: Int = 0) throws {
    guard depth < Condition.maxDepth else { throw BinaryReader.Failure.invalid("condition depth") }
    switch try r.fixed(UInt8.self) {
    case 0: self = .term(try r.index(below: limits.terms))
    case 1:
      let g = try r.index(below: limits.groups)
      self = .terms(
        group: g, try r.ints(Int32.self).map { try CompiledPlaybook.check(Int($0), below: limits.terms) })
    case let tag:
      let cs = try r.array { try CompiledCondition(reading: &$0, limits, depth: depth + 1) }
      switch tag {
      case 2: self = .any(cs)
      case 3: self = .all(cs)
      case 4: self = .none(cs)
      default: throw BinaryReader.Failure.invalid("compiled condition")
      }
    }
  }
}

extension CompiledElement {
  func write(to w: inout BinaryWriter) {
    match.write(to: &w)
    for c in [context, unless, fallsShort, exceptions, contradictedBy, near, doubtfulWhen] {
      w.optional(c) { $1.write(to: &$0) }
    }
    w.ints(narrowingExceptions.sorted().map(Int32.init))
  }

  /// The compiled conditions of an element, waiting for the element they belong to.
  struct Parts {
    let match: CompiledCondition
    let optional: [CompiledCondition?]
    let narrowing: Set<Int>

    init(reading r: inout BinaryReader, _ limits: CompiledCondition.Limits) throws {
      match = try CompiledCondition(reading: &r, limits)
      optional = try (0..<7).map { _ in try r.optional { try CompiledCondition(reading: &$0, limits) } }
      narrowing = Set(try r.ints(Int32.self).map { try CompiledPlaybook.check(Int($0), below: limits.terms) })
    }

    func element(_ e: Element) -> CompiledElement {
      var c = CompiledElement(
        element: e, match: match, context: optional[0], unless: optional[1], fallsShort: optional[2],
        exceptions: optional[3], contradictedBy: optional[4], near: optional[5], doubtfulWhen: optional[6])
      c.narrowingExceptions = narrowing
      return c
    }
  }
}

extension CompiledVariant {
  func write(to w: inout BinaryWriter) {
    w.array(segments) { w, s in
      switch s {
      case .literal(let l):
        w.fixed(UInt8(0))
        w.ints(l)
      case .gap: w.fixed(UInt8(1))
      case .digits: w.fixed(UInt8(2))
      }
    }
    w.int(anchorIndex)
    w.int(anchorLength)
    w.int(anchor)
    w.array(filters) { w, f in
      w.int(f.literal)
      w.int(f.minOffset)
      w.int(f.maxOffset)
    }
    w.ints(labels.map(Int32.init))
  }

  static let maxSegments = 1_024

  /// The anchor and filter ids must name the automaton's literals for the very words of the
  /// segments: a hit is verified from there on.
  init(reading r: inout BinaryReader, literals: [[UInt32]], labels: Int) throws {
    let segments = try r.array { r -> TermPattern.Segment in
      switch try r.fixed(UInt8.self) {
      case 0: .literal(try r.ints(UInt32.self))
      case 1: .gap
      case 2: .digits
      default: throw BinaryReader.Failure.invalid("segment")
      }
    }
    // Matching a variant recurses once per segment.
    guard segments.count <= Self.maxSegments else { throw BinaryReader.Failure.invalid("segments") }
    let anchorIndex = try r.index(below: segments.count)
    let words = segments.compactMap { s -> [UInt32]? in if case .literal(let l) = s { l } else { nil } }
    guard case .literal(let anchorLiteral) = segments[anchorIndex], try r.int() == anchorLiteral.count else {
      throw BinaryReader.Failure.invalid("anchor")
    }
    let anchor = try r.index(below: literals.count)
    let filters = try r.array { r in
      Filter(literal: try r.index(below: literals.count), minOffset: try r.int(), maxOffset: try r.int())
    }
    guard literals[anchor] == anchorLiteral, filters.allSatisfy({ words.contains(literals[$0.literal]) })
    else {
      throw BinaryReader.Failure.invalid("variant literals")
    }
    self.init(
      segments: segments, anchorIndex: anchorIndex, anchorLength: anchorLiteral.count, anchor: anchor,
      filters: filters,
      labels: try r.ints(Int32.self).map { try CompiledPlaybook.check(Int($0), below: labels) })
  }
}

extension Polarity.Compiled {
  /// Every condition, in the order `init(_ all:)` takes them back.
  var all: [CompiledCondition] {
    [
      negator, prohibition, override, absolute, deferral, scheduling, sameAs, proviso, provisoOpener,
      rightTo, wholeContract, liability, capping, narrowing, harmlessNarrowing,
    ]
  }

  init(_ all: [CompiledCondition]) throws {
    guard all.count == 15 else { throw BinaryReader.Failure.invalid("polarity") }
    negator = all[0]
    prohibition = all[1]
    override = all[2]
    absolute = all[3]
    deferral = all[4]
    scheduling = all[5]
    sameAs = all[6]
    proviso = all[7]
    provisoOpener = all[8]
    rightTo = all[9]
    wholeContract = all[10]
    liability = all[11]
    capping = all[12]
    narrowing = all[13]
    harmlessNarrowing = all[14]
  }
}
