import Foundation

/// Compares two versions of a contract article by article.
///
/// Articles are paired by content and by number: an article whose text is (nearly) the same pairs
/// with its earlier self wherever it moved, so an inserted 第3条 that shifts every later number
/// shows as one added article and renumbered ones, not as a cascade of changes. Texts are compared
/// in the normaliser's matching view, so full-width/half-width, spacing, kanji numerals and spelling
/// variants (「又は」「または」) never count as a change.
///
/// Changed text is marked at character granularity, then gathered into phrases: Japanese has no
/// spaces to split words on (and no morphological analyser is at hand), so a diff by word is not
/// available; characters are exact, and merging changes that are separated by one or two unchanged
/// characters turns 「30日」→「60日」 or 「乙は」→「甲は」 into one readable phrase instead of confetti.
public enum ArticleAlignment {
  /// One article of one version: its number (or reference), heading, and whole text as written
  /// (the header line included; it is stripped for the comparison).
  public struct Article: Sendable, Equatable {
    public var number: String
    public var heading: String?
    public var text: String
    public init(number: String, heading: String?, text: String) {
      self.number = number
      self.heading = heading
      self.text = text
    }
  }

  public enum Change: String, Codable, Sendable {
    case added, removed, changed, unchanged
  }

  /// A run of the article body: unchanged, only in the earlier version, or only in the new one.
  public struct Segment: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case equal, deleted, inserted }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) {
      self.kind = kind
      self.text = text
    }
  }

  /// One row of the comparison, in the new version's order (removed articles stand where they were).
  public struct Row: Codable, Sendable, Equatable {
    public var number: String?
    public var previousNumber: String?
    /// Positions in the input arrays.
    public var index: Int?
    public var previousIndex: Int?
    public var change: Change
    public var heading: String?
    public var previousHeading: String?
    /// The heading differs (in the matching view).
    public var headingChanged: Bool
    /// Changed stretches, as scalar offsets into each version's article body (`body(of:)`).
    public var previousRanges: [Range<Int>]
    public var ranges: [Range<Int>]
    /// The body as one stream with deletions and insertions marked (for changed articles; the
    /// whole body as one run for added and removed ones, empty for unchanged ones).
    public var segments: [Segment]
  }

  /// Pairs and compares the articles of `previous` and `current`.
  public static func compare(previous: [Article], current: [Article]) -> [Row] {
    let old = previous.map(Prepared.init)
    let new = current.map(Prepared.init)
    var pairOfNew = [Int?](repeating: nil, count: new.count)
    var pairOfOld = [Int?](repeating: nil, count: old.count)

    func link(_ o: Int, _ n: Int) {
      pairOfNew[n] = o
      pairOfOld[o] = n
    }
    // 1. Identical bodies, nearest position first (several empty or boilerplate articles).
    var byBody: [[UInt32]: [Int]] = [:]
    for (i, o) in old.enumerated() where !o.folded.isEmpty { byBody[o.folded, default: []].append(i) }
    for (n, a) in new.enumerated() {
      guard var same = byBody[a.folded], !same.isEmpty else { continue }
      let best = same.enumerated().min { x, y in
        score(old[x.element], a, n, x.element) > score(old[y.element], a, n, y.element)
      }!
      link(best.element, n)
      same.remove(at: best.offset)
      byBody[a.folded] = same
    }
    // 2. Similar bodies, best first. Same number or same heading lowers the bar.
    var candidates: [(o: Int, n: Int, score: Double)] = []
    for (n, a) in new.enumerated() where pairOfNew[n] == nil {
      for (o, b) in old.enumerated() where pairOfOld[o] == nil {
        let sim = similarity(b, a)
        let sameNumber = b.number == a.number
        let sameHeading = b.foldedHeading != nil && b.foldedHeading == a.foldedHeading
        let bar = sameNumber || sameHeading ? 0.3 : 0.5
        guard sim >= bar else { continue }
        candidates.append((o, n, sim + (sameNumber ? 0.1 : 0) + (sameHeading ? 0.1 : 0)))
      }
    }
    candidates.sort { $0.score != $1.score ? $0.score > $1.score : abs($0.o - $0.n) < abs($1.o - $1.n) }
    for c in candidates where pairOfNew[c.n] == nil && pairOfOld[c.o] == nil { link(c.o, c.n) }

    // Rows in the new order; an unpaired old article comes right after the rows of the old
    // articles before it.
    var rows: [Row] = []
    var emittedOld = 0
    func flushRemoved(upTo limit: Int) {
      while emittedOld < limit {
        if pairOfOld[emittedOld] == nil { rows.append(removedRow(old[emittedOld], emittedOld)) }
        emittedOld += 1
      }
    }
    for (n, a) in new.enumerated() {
      if let o = pairOfNew[n] {
        flushRemoved(upTo: o)
        rows.append(pairedRow(old[o], o, a, n))
      } else {
        rows.append(addedRow(a, n))
      }
    }
    flushRemoved(upTo: old.count)
    return rows
  }

  /// The articles of a parsed contract, named by their reference (「12」, 「別紙:3」).
  public static func articles(_ contract: Contract, source: SourceText) -> [Article] {
    contract.articles.map { a in
      Article(number: a.reference, heading: a.heading, text: source.slice(a.range))
    }
  }

  /// The article's text without its header (「第3条（目的）」, 「第3条」, 「3.」).
  public static func body(of article: Article) -> String {
    let scalars = Array(article.text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[headerLength(article, scalars)...]))
  }

  // MARK: - Internals

  struct Prepared {
    var article: Article
    var number: String
    var body: [Unicode.Scalar]
    var normalized: NormalizedText
    var folded: [UInt32]
    var foldedHeading: [UInt32]?
    var grams: Set<UInt64>

    init(_ a: Article) {
      article = a
      number = a.number
      let scalars = Array(a.text.unicodeScalars)
      body = Array(scalars[ArticleAlignment.headerLength(a, scalars)...])
      normalized = Normalizer.normalize(body)
      folded = normalized.chars
      foldedHeading = a.heading.map { Normalizer.fold($0) }
      var g = Set<UInt64>()
      if folded.count >= 2 {
        for i in 0..<(folded.count - 1) { g.insert(UInt64(folded[i]) << 32 | UInt64(folded[i + 1])) }
      }
      grams = g
    }

    func text(_ r: Range<Int>) -> String {
      let s = Int(normalized.toSource[r.lowerBound])
      let e = Int(normalized.toSource[r.upperBound])
      return String(String.UnicodeScalarView(body[s..<e]))
    }
    func sourceRange(_ r: Range<Int>) -> Range<Int> {
      Int(normalized.toSource[r.lowerBound])..<Int(normalized.toSource[r.upperBound])
    }
  }

  static func headerLength(_ a: Article, _ s: [Unicode.Scalar]) -> Int {
    let lineEnd = s.firstIndex(where: { $0 == "\n" || $0 == "\r" }) ?? s.count
    let line = Array(s[..<lineEnd])
    var cut: Int?
    if let heading = a.heading, !heading.isEmpty {
      let h = Array(heading.unicodeScalars)
      if h.count <= line.count {
        for i in 0...(line.count - h.count) where Array(line[i..<(i + h.count)]) == h {
          cut = i + h.count
          break
        }
      }
    }
    if cut == nil, line.first == "第", let jo = line.prefix(16).firstIndex(of: "条") {
      var i = jo + 1
      // 「第12条の2」
      if i < line.count, line[i] == "の" {
        i += 1
        while i < line.count, isNumeral(line[i]) { i += 1 }
      }
      cut = i
    }
    if cut == nil {
      var i = 0
      while i < line.count, isNumeral(line[i]) || line[i] == "." || line[i] == "．" { i += 1 }
      cut = i
    }
    var i = cut!
    while i < line.count, ")）】」]".unicodeScalars.contains(line[i]) { i += 1 }
    while i < s.count, s[i].properties.isWhitespace { i += 1 }
    return i
  }

  static func isNumeral(_ c: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(c) || ("０"..."９").contains(c) || "〇一二三四五六七八九十百".unicodeScalars.contains(c)
  }

  static func similarity(_ a: Prepared, _ b: Prepared) -> Double {
    if a.grams.isEmpty && b.grams.isEmpty { return a.folded == b.folded ? 1 : 0 }
    let shared = a.grams.intersection(b.grams).count
    return 2 * Double(shared) / Double(a.grams.count + b.grams.count)
  }

  /// Higher is better: same number first, then the nearer position.
  static func score(_ o: Prepared, _ n: Prepared, _ ni: Int, _ oi: Int) -> Double {
    (o.number == n.number ? 1000 : 0) - Double(abs(ni - oi))
  }

  static func addedRow(_ a: Prepared, _ n: Int) -> Row {
    Row(
      number: a.number, previousNumber: nil, index: n, previousIndex: nil, change: .added,
      heading: a.article.heading, previousHeading: nil, headingChanged: false, previousRanges: [],
      ranges: a.body.isEmpty ? [] : [0..<a.body.count],
      segments: [Segment(.inserted, a.text(0..<a.folded.count))])
  }

  static func removedRow(_ o: Prepared, _ i: Int) -> Row {
    Row(
      number: nil, previousNumber: o.number, index: nil, previousIndex: i, change: .removed,
      heading: nil, previousHeading: o.article.heading, headingChanged: false,
      previousRanges: o.body.isEmpty ? [] : [0..<o.body.count], ranges: [],
      segments: [Segment(.deleted, o.text(0..<o.folded.count))])
  }

  static func pairedRow(_ o: Prepared, _ oi: Int, _ n: Prepared, _ ni: Int) -> Row {
    let headingChanged = o.foldedHeading != n.foldedHeading
    var row = Row(
      number: n.number, previousNumber: o.number, index: ni, previousIndex: oi, change: .unchanged,
      heading: n.article.heading, previousHeading: o.article.heading, headingChanged: headingChanged,
      previousRanges: [], ranges: [], segments: [])
    guard o.folded != n.folded || headingChanged else { return row }
    row.change = .changed
    let ops = phrases(tokenDiff(o.folded, n.folded))
    for op in ops {
      switch op {
      case .equal(_, let b):
        row.segments.append(Segment(.equal, n.text(b)))
      case .replace(let a, let b):
        if !a.isEmpty {
          row.previousRanges.append(o.sourceRange(a))
          row.segments.append(Segment(.deleted, o.text(a)))
        }
        if !b.isEmpty {
          row.ranges.append(n.sourceRange(b))
          row.segments.append(Segment(.inserted, n.text(b)))
        }
      }
    }
    return row
  }

  enum Op: Equatable {
    /// Equal runs: the old range and the new range (same length).
    case equal(Range<Int>, Range<Int>)
    /// Old range replaced by new range (either may be empty).
    case replace(Range<Int>, Range<Int>)
  }

  /// Diff by token: a run of digits or Latin letters is one token (「30」→「60」 is one change,
  /// not 「3」→「6」), every other character is its own token.
  static func tokenDiff(_ a: [UInt32], _ b: [UInt32]) -> [Op] {
    var ids: [[UInt32]: UInt32] = [:]
    func tokens(_ s: [UInt32]) -> (ids: [UInt32], starts: [Int]) {
      var out: [UInt32] = []
      var starts: [Int] = []
      var i = 0
      while i < s.count {
        var j = i + 1
        if isWordChar(s[i]) { while j < s.count, isWordChar(s[j]) { j += 1 } }
        let key = Array(s[i..<j])
        let id = ids[key] ?? UInt32(ids.count)
        ids[key] = id
        out.append(id)
        starts.append(i)
        i = j
      }
      starts.append(s.count)
      return (out, starts)
    }
    let ta = tokens(a)
    let tb = tokens(b)
    func ra(_ r: Range<Int>) -> Range<Int> { ta.starts[r.lowerBound]..<ta.starts[r.upperBound] }
    func rb(_ r: Range<Int>) -> Range<Int> { tb.starts[r.lowerBound]..<tb.starts[r.upperBound] }
    return diff(ta.ids, tb.ids).map { op in
      switch op {
      case .equal(let x, let y): .equal(ra(x), rb(y))
      case .replace(let x, let y): .replace(ra(x), rb(y))
      }
    }
  }

  static func isWordChar(_ c: UInt32) -> Bool {
    (0x30...0x39).contains(c) || (0x61...0x7A).contains(c) || (0x41...0x5A).contains(c)
  }

  /// Character diff of two folded texts: common prefix and suffix off, then a longest common
  /// subsequence on the middle (or the whole middle as replaced when it is too large to compare).
  static func diff(_ a: [UInt32], _ b: [UInt32]) -> [Op] {
    var p = 0
    while p < a.count, p < b.count, a[p] == b[p] { p += 1 }
    var s = 0
    while s < a.count - p, s < b.count - p, a[a.count - 1 - s] == b[b.count - 1 - s] { s += 1 }
    var ops: [Op] = []
    if p > 0 { ops.append(.equal(0..<p, 0..<p)) }
    let am = Array(a[p..<(a.count - s)])
    let bm = Array(b[p..<(b.count - s)])
    if !am.isEmpty || !bm.isEmpty {
      if am.isEmpty || bm.isEmpty || am.count * bm.count > 4_000_000 {
        ops.append(.replace(p..<(p + am.count), p..<(p + bm.count)))
      } else {
        ops += lcs(am, bm).map { op in
          switch op {
          case .equal(let x, let y):
            .equal((x.lowerBound + p)..<(x.upperBound + p), (y.lowerBound + p)..<(y.upperBound + p))
          case .replace(let x, let y):
            .replace((x.lowerBound + p)..<(x.upperBound + p), (y.lowerBound + p)..<(y.upperBound + p))
          }
        }
      }
    }
    if s > 0 { ops.append(.equal((a.count - s)..<a.count, (b.count - s)..<b.count)) }
    return ops
  }

  static func lcs(_ a: [UInt32], _ b: [UInt32]) -> [Op] {
    let n = a.count
    let m = b.count
    // table[i][j]: LCS length of a[i...] and b[j...].
    var t = [Int32](repeating: 0, count: (n + 1) * (m + 1))
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        t[i * (m + 1) + j] =
          a[i] == b[j]
          ? t[(i + 1) * (m + 1) + j + 1] + 1 : max(t[(i + 1) * (m + 1) + j], t[i * (m + 1) + j + 1])
      }
    }
    var ops: [Op] = []
    var i = 0
    var j = 0
    var ra = 0
    var rb = 0
    func flush() {
      if ra < i || rb < j { ops.append(.replace(ra..<i, rb..<j)) }
    }
    while i < n || j < m {
      if i < n, j < m, a[i] == b[j] {
        flush()
        let si = i
        let sj = j
        while i < n, j < m, a[i] == b[j] {
          i += 1
          j += 1
        }
        ops.append(.equal(si..<i, sj..<j))
        ra = i
        rb = j
      } else if j >= m || (i < n && t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1]) {
        i += 1
      } else {
        j += 1
      }
    }
    flush()
    return ops
  }

  /// Joins changes separated by one or two unchanged characters into one phrase.
  static func phrases(_ ops: [Op]) -> [Op] {
    var out: [Op] = []
    for op in ops {
      if case .replace(let a, let b) = op, case .replace(let pa, let pb)? = out.last {
        out[out.count - 1] = .replace(pa.lowerBound..<a.upperBound, pb.lowerBound..<b.upperBound)
        continue
      }
      if case .replace(let a, let b) = op, out.count >= 2, case .equal(let ea, _) = out[out.count - 1],
        ea.count <= 2, case .replace(let pa, let pb) = out[out.count - 2]
      {
        out.removeLast(2)
        out.append(.replace(pa.lowerBound..<a.upperBound, pb.lowerBound..<b.upperBound))
        continue
      }
      out.append(op)
    }
    return out
  }
}
