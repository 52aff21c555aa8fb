/// Gives each article its topics: from terms in its heading, or in its text.
enum Classifier {
  /// Sets `topics` on every article; returns, per article, the topics its heading alone gave.
  static func classify(_ contract: inout Contract, index: DocumentIndex, normalized: NormalizedText) -> [Set<String>] {
    var fromHeading: [Set<String>] = []
    for k in contract.articles.indices {
      let article = contract.articles[k]
      let body = normalized.range(ofSource: article.range)
      let heading = article.headingRange.map { normalized.range(ofSource: $0) }
      var topics: [String] = []
      var headingTopics: Set<String> = []
      for topic in index.compiled.topics {
        if let heading, topic.heading.contains(where: { index.occurs($0, in: heading) }) {
          topics.append(topic.id)
          headingTopics.insert(topic.id)
        } else if topic.body.contains(where: { index.occurs($0, in: body) }) {
          topics.append(topic.id)
        }
      }
      contract.articles[k].topics = topics
      fromHeading.append(headingTopics)
    }
    return fromHeading
  }
}
