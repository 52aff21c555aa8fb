/// A contract's own defined terms for a concept: 「2省GL」「事業者ガイドライン」 defined as the
/// vendor guideline, 「協力会社」 as a subcontractor, 「指定ソフトウェア」 as what the vendor
/// designated. Each use of such a term counts as an occurrence of the concept.
enum DefinedTerms {
  /// How far a definition's text reaches from its quoted term.
  static let reach = 120

  static func inject(
    _ contract: Contract, source: SourceText, normalized: NormalizedText, index: DocumentIndex,
    concepts: [String]
  ) {
    let book = index.compiled.playbook
    let s = source.scalars
    for d in contract.definitions {
      let term = Normalizer.fold(d.term)
      guard term.count >= 2 else { continue }
      // The defining text: before 「X」 for 「…（以下「X」という。）」 (back to the previous 、 or 。),
      // after it for 「X」とは…をいう／「X」：… (up to をいい, をいう or 。).
      var a = d.range.lowerBound
      var b = d.range.upperBound
      if PartyExtractor.precededByIka(s, d.range.lowerBound) {
        while a > 0, d.range.lowerBound - a < reach, s[a - 1] != "。", s[a - 1] != "、",
          !Lines.isBreak(s[a - 1])
        {
          a -= 1
        }
        b = d.range.lowerBound
      } else {
        a = d.range.upperBound
        while b < s.count, b - d.range.upperBound < reach, s[b] != "。", !Lines.isBreak(s[b]),
          !(s[b] == "を" && b + 1 < s.count && s[b + 1] == "い")
        {
          b += 1
        }
      }
      let around = normalized.range(ofSource: a..<b)
      let quoted = normalized.range(ofSource: d.range)
      for name in concepts {
        guard let terms = book.concepts[name], let first = terms.first, let id = index.compiled.termIds[first]
        else {
          continue
        }
        let here = terms.contains { t in
          guard let k = index.compiled.termIds[t] else { return false }
          return index.occurrencesOfTerm(k, in: around).contains { !$0.overlaps(quoted) }
        }
        guard here else { continue }
        index.addMatches(
          term: id, occurrences(of: term, in: normalized.chars).filter { !$0.overlaps(quoted) })
      }
    }
  }

  static func occurrences(of needle: [UInt32], in text: [UInt32]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    guard let first = needle.first, needle.count <= text.count else { return out }
    var i = 0
    let last = text.count - needle.count
    while i <= last {
      if text[i] == first, text[i..<(i + needle.count)].elementsEqual(needle) {
        out.append(i..<(i + needle.count))
        i += needle.count
      } else {
        i += 1
      }
    }
    return out
  }
}
