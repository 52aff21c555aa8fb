/// Precision, recall and location accuracy of reviews against labels, per concern and per element.
public struct EvalScore: Sendable, Codable {
  public struct Counts: Sendable, Codable {
    public var tp = 0
    public var fp = 0
    public var fn = 0
    public var tn = 0
    /// Of the true positives, how many were placed at a labelled article (or reported missing
    /// where no clause exists).
    public var located = 0
    /// Labelled contradicted, judged met (elements only): must stay 0.
    public var contradictedAsMet = 0
    /// Findings of status unclear (counted as raised in the figures above).
    public var unclear = 0

    public init() {}

    public var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
    public var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    public var location: Double { tp == 0 ? 1 : Double(located) / Double(tp) }
  }
  /// One disagreement, for the development part only.
  public struct Miss: Sendable, Codable {
    public var file: String
    public var id: String
    public var expected: String
    public var got: String
  }

  public var files = 0
  public var concerns: [String: Counts] = [:]
  public var elements: [String: Counts] = [:]
  public var misses: [Miss] = []

  public init() {}

  /// "5.2" and "5" name the same section; "第5条" is written "5".
  /// `aliases` maps a word of a part's heading line to the part's label: a writer may call the part
  /// headed 「別紙　業務仕様書」 "別紙" where the review calls it "仕様書".
  static func sameArticle(_ label: String, _ got: String, aliases: [String: String] = [:]) -> Bool {
    func main(_ s: String) -> String {
      let parts = s.split(separator: ":", maxSplits: 1)
      // 「覚書1:2」: a writer numbering the first of two 覚書 means the one the review calls 「覚書」.
      let named = parts.count == 2 ? (parts[0] == "覚書1" ? "覚書" : String(parts[0])) : ""
      let prefix = parts.count == 2 ? (aliases[named] ?? named) + ":" : ""
      let n = String(parts.last ?? "")
      return prefix + (n.split(separator: ".").first.map(String.init) ?? n)
    }
    return label == got || main(label) == main(got)
  }

  public mutating func add(file: String, labels: EvalLabels, review: ReviewResult) {
    files += 1
    let aliases = Self.partAliases(review)
    for id in EvalLabels.concernIds {
      guard let label = labels.concerns[id] else { continue }
      let found = review.findings.filter { $0.guideRefs.contains(id) }
      var c = concerns[id] ?? Counts()
      let raised = !found.isEmpty
      if found.contains(where: { $0.status == .unclear }) { c.unclear += 1 }
      switch (label.raised, raised) {
      case (true, true):
        c.tp += 1
        let located: Bool
        if label.articles.isEmpty {
          located = found.contains { $0.status == .missing }
        } else {
          located = found.contains { f in
            f.article.map { a in label.articles.contains { Self.sameArticle($0, a, aliases: aliases) } }
              ?? false
          }
        }
        if located {
          c.located += 1
        } else {
          misses.append(
            Miss(
              file: file, id: "\(id) location",
              expected: label.articles.isEmpty ? "missing" : label.articles.joined(separator: "|"),
              got: found.map { $0.article ?? "missing" }.joined(separator: ",")))
        }
      case (false, true):
        c.fp += 1
        misses.append(
          Miss(
            file: file, id: id, expected: "not raised",
            got: found.map { "\($0.status.rawValue)@\($0.article ?? "-")" }.joined(separator: ",")))
      case (true, false):
        c.fn += 1
        misses.append(Miss(file: file, id: id, expected: "raised", got: "not raised"))
      case (false, false): c.tn += 1
      }
      concerns[id] = c
    }
    let judged = Dictionary(review.elements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (id, label) in labels.elements {
      guard let got = judged[id] else { continue }
      var c = elements[id] ?? Counts()
      let expectShort = label.status != .met
      let gotShort = got.status != .met
      switch (expectShort, gotShort) {
      case (true, true): c.tp += 1
      case (false, true): c.fp += 1
      case (true, false): c.fn += 1
      case (false, false): c.tn += 1
      }
      if label.status == .contradicted, got.status == .met { c.contradictedAsMet += 1 }
      if label.status != got.status {
        misses.append(Miss(file: file, id: id, expected: label.status.rawValue, got: got.status.rawValue))
      }
      elements[id] = c
    }
  }

  static let partWords = [
    "別紙", "別表", "別添", "別記", "添付", "仕様書", "特約", "特記事項", "覚書", "更新合意書", "個別合意書", "変更合意書", "合意書",
  ]

  /// Each word of `partWords` in a part's heading line that no part is labelled with, mapped to the
  /// part's label (where two parts' headings share the word, the first part keeps it).
  static func partAliases(_ review: ReviewResult) -> [String: String] {
    var aliases: [String: String] = [:]
    let scalars = review.source.scalars
    // A word that begins some part's own label (「覚書」 beside 「覚書2」) already names that part.
    let labels = review.contract.annexSections.map(\.label)
    for section in review.contract.annexSections where section.range.upperBound <= scalars.count {
      // The range grows over the text of an annex read as no article; its first line is the heading.
      let line = scalars[section.range].prefix { $0 != "\n" }
      let heading = String(String.UnicodeScalarView(line))
      for word in partWords
      where heading.contains(word) && aliases[word] == nil && !labels.contains(where: { $0.hasPrefix(word) })
      {
        aliases[word] = section.label
      }
    }
    return aliases
  }

  /// The figures as a table; with `details`, every disagreement too.
  public func report(details: Bool) -> String {
    func pct(_ x: Double) -> String { String(format: "%.3f", x) }
    var out = "契約書 \(files) 件\n\n懸念  陽性  TP  FP  FN  適合率  再現率  位置  要確認\n"
    var total = Counts()
    for id in EvalLabels.concernIds {
      let c = concerns[id] ?? Counts()
      total.tp += c.tp
      total.fp += c.fp
      total.fn += c.fn
      total.located += c.located
      total.unclear += c.unclear
      out +=
        "\(id.padding(toLength: 4, withPad: " ", startingAt: 0))  \(c.tp + c.fn)  \(c.tp)  \(c.fp)  \(c.fn)  \(pct(c.precision))  \(pct(c.recall))  \(pct(c.location))  \(c.unclear)\n"
    }
    out +=
      "全体  \(total.tp + total.fn)  \(total.tp)  \(total.fp)  \(total.fn)  \(pct(total.precision))  \(pct(total.recall))  \(pct(total.location))  \(total.unclear)\n"
    out += "\n要素  (陽性 = 満たさない)  TP  FP  FN  適合率  再現率  反対→満たす\n"
    for id in elements.keys.sorted() {
      let c = elements[id]!
      out +=
        "\(id)  \(c.tp)  \(c.fp)  \(c.fn)  \(pct(c.precision))  \(pct(c.recall))  \(c.contradictedAsMet)\n"
    }
    if details {
      out += "\n不一致\n"
      for m in misses { out += "\(m.file)  \(m.id)  期待: \(m.expected)  結果: \(m.got)\n" }
    }
    return out
  }
}
