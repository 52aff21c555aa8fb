/// A rule or topic term: literal text with `*` (a short gap inside one sentence), `#` (a run of
/// digits) and `{vendor}` / `{institution}` (the contract's own label for that party).
public struct TermPattern: Sendable, Hashable {
  public enum Segment: Sendable, Hashable {
    case literal([UInt32])
    case gap
    case digits
  }

  /// The term as written in the playbook.
  public let source: String
  /// One variant per combination of party labels; each variant is a list of segments.
  public let variants: [Variant]

  public struct Variant: Sendable, Hashable {
    public let segments: [Segment]
    /// The party labels this variant assumes, e.g. [.vendor: "乙"].
    public let labels: [PartyRole: String]
  }

  /// Largest number of scalars a `*` may span.
  public static let maxGap = 20
  /// Largest bracketed gloss a `*` steps over whole.
  public static let maxBracket = 80

  /// Labels a `{vendor}` or `{institution}` placeholder may stand for; the last is the token a
  /// contract's own label becomes in the matching view (`PartyTokens`).
  public static let roleLabels: [PartyRole: [String]] = [
    .vendor: PartyLabels.vendorLabels + ["甲", "乙", "\u{E001}"],
    .institution: PartyLabels.institutionLabels + ["甲", "乙", "\u{E000}"],
  ]

  public enum ParseError: Error, Equatable, Sendable {
    case empty
    case startsWithGap
    case endsWithGap
    case unknownPlaceholder(String)
    case unclosedPlaceholder
  }

  /// The term split at its wildcards and placeholders, before any folding.
  private enum Piece { case text(String), gap, digits, role(PartyRole) }

  public init(_ source: String) throws(ParseError) {
    self.source = source
    let pieces = try Self.split(source)
    // Fold each piece once, then expand placeholders into one variant per label combination;
    // folding per variant made this most of a playbook's compile time.
    var expanded: [(segments: [Segment], labels: [PartyRole: String])] = [([], [:])]
    func append(_ segment: Segment, to segments: inout [Segment]) {
      if case .literal(let next) = segment, case .literal(let prev) = segments.last {
        segments[segments.count - 1] = .literal(prev + next)
      } else {
        segments.append(segment)
      }
    }
    for piece in pieces {
      switch piece {
      case .text(let t):
        let folded = Normalizer.fold(t)
        if folded.isEmpty { continue }
        for k in expanded.indices { append(.literal(folded), to: &expanded[k].segments) }
      case .gap:
        for k in expanded.indices { expanded[k].segments.append(.gap) }
      case .digits:
        for k in expanded.indices { expanded[k].segments.append(.digits) }
      case .role(let role):
        let labels = Self.foldedRoleLabels[role]!
        var next: [(segments: [Segment], labels: [PartyRole: String])] = []
        next.reserveCapacity(expanded.count * labels.count)
        for (prefix, assumed) in expanded {
          for (label, folded) in labels {
            var segments = prefix
            append(.literal(folded), to: &segments)
            var assumed = assumed
            // A second placeholder of the same role keeps the first one's label.
            if assumed[role] == nil { assumed[role] = label }
            next.append((segments, assumed))
          }
        }
        expanded = next
      }
    }
    // Every variant has the same literal pieces, so checking the first checks them all.
    guard expanded[0].segments.contains(where: { if case .literal = $0 { true } else { false } })
    else { throw .empty }
    self.variants = expanded.map { Variant(segments: $0.segments, labels: $0.labels) }
  }

  /// Checks a term the way `init` does, without expanding its placeholders (the loader checks
  /// every term, and the compiled playbook expands them once).
  public static func validate(_ source: String) throws(ParseError) {
    let pieces = try split(source)
    let hasLiteral = pieces.contains {
      switch $0 {
      case .text(let t): !Normalizer.fold(t).isEmpty
      case .role: true
      case .gap, .digits: false
      }
    }
    if !hasLiteral { throw .empty }
  }

  /// Each role's labels with their folded text, folded once per process.
  private static let foldedRoleLabels: [PartyRole: [(String, [UInt32])]] = roleLabels.mapValues {
    $0.map { ($0, Normalizer.fold($0)) }
  }

  private static func split(_ source: String) throws(ParseError) -> [Piece] {
    // Split into raw pieces first so literal folding cannot eat the wildcard characters.
    var pieces: [Piece] = []
    var buffer = String.UnicodeScalarView()
    // Scalars, not Characters: comparing Characters with a non-ASCII literal takes the
    // normalising slow path, and this runs for every term each time a playbook loads.
    var chars = Array(source.unicodeScalars)[...]
    func flush() {
      if !buffer.isEmpty { pieces.append(.text(String(buffer))) }
      buffer = String.UnicodeScalarView()
    }
    while let c = chars.popFirst() {
      switch c {
      case "*", "＊":
        flush()
        pieces.append(.gap)
      case "#", "＃":
        flush()
        pieces.append(.digits)
      case "{":
        flush()
        guard let close = chars.firstIndex(of: "}") else { throw .unclosedPlaceholder }
        let name = String(String.UnicodeScalarView(chars[chars.startIndex..<close]))
        chars = chars[(close + 1)...]
        switch name {
        case "vendor": pieces.append(.role(.vendor))
        case "institution": pieces.append(.role(.institution))
        default: throw .unknownPlaceholder(name)
        }
      default:
        buffer.append(c)
      }
    }
    flush()
    if pieces.isEmpty { throw .empty }
    if case .gap = pieces.first! { throw .startsWithGap }
    if case .gap = pieces.last! { throw .endsWithGap }
    return pieces
  }
}

extension TermPattern.Variant {
  /// Index of the literal segment the automaton searches for: the first literal.
  var anchorIndex: Int {
    segments.firstIndex { if case .literal = $0 { true } else { false } }!
  }

  var anchor: [UInt32] {
    if case .literal(let l) = segments[anchorIndex] { return l }
    return []
  }
}
