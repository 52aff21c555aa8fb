/// Gives each article its topics: from terms in its heading, or in its text.
enum Classifier {
  /// Sets `topics` on every article; returns, per article, the topics its heading alone gave.
  /// Works from the term matches (few) rather than testing every article for every term.
  static func classify(_ contract: inout Contract, index: DocumentIndex, normalized: NormalizedText) -> [Set<
    String
  >] {
    let bodies = contract.articles.map { normalized.range(ofSource: $0.range) }
    // Headings on their own line before the article lie outside it: map them separately.
    let headingUnits = contract.articles.enumerated().compactMap { k, a in
      a.headingRange.map { (k, normalized.range(ofSource: $0)) }
    }
    let headings = headingUnits.map(\.1)
    var topics = [[String]](repeating: [], count: contract.articles.count)
    var fromHeading = [Set<String>](repeating: [], count: contract.articles.count)
    // Flags per article rather than sets: no hashing for each match.
    let n = contract.articles.count
    for topic in index.compiled.topics {
      var byHeading = [Bool](repeating: false, count: n)
      var byBody = [Bool](repeating: false, count: n)
      for term in topic.heading {
        for u in index.units(headings, containing: term) { byHeading[headingUnits[u].0] = true }
      }
      for term in topic.body {
        for u in index.units(bodies, containing: term) { byBody[u] = true }
      }
      for k in 0..<n where byHeading[k] || byBody[k] {
        topics[k].append(topic.id)
        if byHeading[k] { fromHeading[k].insert(topic.id) }
      }
    }
    for k in contract.articles.indices { contract.articles[k].topics = topics[k] }
    return fromHeading
  }
}
