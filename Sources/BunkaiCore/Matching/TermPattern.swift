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

  public init(_ source: String) throws(ParseError) {
    self.source = source
    // Split into raw pieces first so literal folding cannot eat the wildcard characters.
    enum Piece { case text(String), gap, digits, role(PartyRole) }
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

    // Expand placeholders into one variant per label combination.
    var expanded: [([Piece], [PartyRole: String])] = [([], [:])]
    for piece in pieces {
      if case .role(let role) = piece {
        expanded = expanded.flatMap { prefix, labels in
          Self.roleLabels[role]!.map { label in
            (prefix + [.text(label)], labels.merging([role: label]) { a, _ in a })
          }
        }
      } else {
        expanded = expanded.map { ($0.0 + [piece], $0.1) }
      }
    }
    var variants: [Variant] = []
    for (pieces, labels) in expanded {
      var segments: [Segment] = []
      for piece in pieces {
        switch piece {
        case .text(let t):
          let folded = Normalizer.fold(t)
          if folded.isEmpty { continue }
          if case .literal(let prev) = segments.last {
            segments[segments.count - 1] = .literal(prev + folded)
          } else {
            segments.append(.literal(folded))
          }
        case .gap: segments.append(.gap)
        case .digits: segments.append(.digits)
        case .role: break
        }
      }
      if !segments.contains(where: { if case .literal = $0 { true } else { false } }) { throw .empty }
      variants.append(Variant(segments: segments, labels: labels))
    }
    self.variants = variants
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
