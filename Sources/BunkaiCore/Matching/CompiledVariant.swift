/// One variant of a term, ready for matching: its anchor, a filter for the anchor's hits and the
/// party labels it assumes, all worked out once per playbook instead of once per anchor hit.
struct CompiledVariant: Sendable {
  let segments: [TermPattern.Segment]
  /// Index of the anchor segment (the first literal) and its length.
  let anchorIndex: Int
  let anchorLength: Int
  /// Automaton literal id of the anchor.
  let anchor: Int
  let filters: [Filter]
  /// Ids of the (role, label) pairs the variant assumes, in `CompiledPlaybook.labels`.
  let labels: [Int]

  /// The variant is the bare word 協議 and nothing else (see DocumentIndex.bodySuffixes).
  var isBareConsultation: Bool {
    guard segments.count == 1, case .literal(let l) = segments[0] else { return false }
    return l == Self.consultation
  }
  static let consultation = Normalizer.fold("協議")

  /// A literal after the anchor that every match holds within a known distance of the anchor. An
  /// anchor such as the party label "甲" or "前項の" occurs everywhere: only its hits with a hit of
  /// the document's rarest filter literal in range are verified, which leaves the matches unchanged.
  struct Filter: Sendable {
    /// Automaton literal id.
    let literal: Int
    /// Least and greatest distance from the anchor's start to the literal's start.
    let minOffset: Int
    let maxOffset: Int
  }

  /// The literals after the anchor (two scalars or more: single ones are too common to help) and
  /// their distance bounds.
  static func filters(_ segments: [TermPattern.Segment], anchorIndex: Int) -> [(
    literal: [UInt32], minOffset: Int, maxOffset: Int
  )] {
    guard case .literal(let anchor) = segments[anchorIndex] else { return [] }
    var out: [(literal: [UInt32], minOffset: Int, maxOffset: Int)] = []
    var lo = anchor.count
    var hi = anchor.count
    for segment in segments[(anchorIndex + 1)...] {
      switch segment {
      case .literal(let l):
        if l.count >= 2 { out.append((l, lo, hi)) }
        lo += l.count
        hi = hi == .max ? .max : hi + l.count
      case .gap:
        // A gap may also step over one bracketed gloss.
        hi = hi == .max ? .max : hi + TermPattern.maxGap + TermPattern.maxBracket + 1
      case .digits:
        // A run of digits has no upper length.
        lo += 1
        hi = .max
      }
    }
    return out
  }
}
