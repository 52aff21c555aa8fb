import Foundation

/// Time spent in each step of a review, for `bunkai bench --stages`.
public enum StageTimer {
  public static func measure(_ reviewer: Reviewer, _ sources: [SourceText]) -> [(String, Double)] {
    var t: [Double] = [0, 0, 0, 0, 0]
    func clock() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    for source in sources {
      var a = clock()
      var contract = ContractParser.parse(source)
      var b = clock()
      t[0] += Double(b - a)
      a = b
      let (normalized, parties) = PartyTokens.apply(
        Normalizer.normalize(source.scalars), parties: contract.parties)
      b = clock()
      t[1] += Double(b - a)
      a = b
      let index = DocumentIndex(
        compiled: reviewer.compiled, text: normalized.chars, parties: parties)
      b = clock()
      t[2] += Double(b - a)
      a = b
      let headings = Classifier.classify(&contract, index: index, normalized: normalized)
      b = clock()
      t[3] += Double(b - a)
      a = b
      let clauses = Clauses(contract, normalized)
      let evaluator = Evaluator(
        contract: contract, source: source, normalized: normalized, index: index,
        lessons: reviewer.compiled.playbook.lessons,
        units: .init(contract, normalized, headingTopics: headings), clauses: clauses,
        judge: ElementJudge(
          contract: contract, source: source, normalized: normalized, index: index, clauses: clauses,
          actors: Actors(parties: parties, text: normalized.chars),
          polarity: reviewer.compiled.polarity))
      for rule in reviewer.compiled.rules { _ = evaluator.evaluate(rule) }
      t[4] += Double(clock() - a)
    }
    return zip(["parse", "normalize", "scan", "classify", "evaluate"], t).map { ($0, $1 / 1e9) }
  }
}
