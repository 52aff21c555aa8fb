import Foundation
import Testing

@testable import BunkaiCore

/// The guide's own wording, both ways: contracts built from its typical vendor clauses raise each
/// of the seven concerns at the clause's article with the right elements short, and contracts built
/// from its revised clauses raise none. The guide is read from ../shared/reference/ (beside the
/// repository, in CI too); none of its sentences are copied into the repository.
@Suite struct GuideTests {
  static let reviewer = Reviewer(
    playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())
  static let seven = ["A", "B1", "B2", "C1", "C2", "D1", "D2"]

  /// ../shared/reference/guide-security-contract-wording.txt next to the repository.
  static func guideText() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let url = root.deletingLastPathComponent().appendingPathComponent(
      "shared/reference/guide-security-contract-wording.txt")
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// One clause block of the guide: its heading line (「（再委託）」 or 「第●条（免責）」) and the
  /// lines after it, up to a blank line that is not followed by another paragraph, or the next
  /// clause's heading. Lines standing for omitted text (「（～略～）」) are left out.
  static func block(_ g: String, heading: String, occurrence: Int) throws -> [String] {
    var ranges: [Range<String.Index>] = []
    var from = g.startIndex
    while let r = g.range(of: heading, range: from..<g.endIndex) {
      ranges.append(r)
      from = r.upperBound
    }
    let start = try #require(
      ranges.count > occurrence ? ranges[occurrence].lowerBound : nil, "\(heading) #\(occurrence)")
    let lines = g[start...].components(separatedBy: "\n")
    var out = [lines[0]]
    var i = 1
    while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).isEmpty { i += 1 }
    while i < lines.count {
      let line = lines[i]
      let t = line.trimmingCharacters(in: .whitespaces)
      if t.isEmpty {
        var j = i + 1
        while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces).isEmpty { j += 1 }
        let next = j < lines.count ? lines[j].trimmingCharacters(in: .whitespaces) : ""
        if out.count <= 2
          || next.range(of: #"^([0-9０-９]+[．.]|\([0-9]\)|第[^0-9]条\n)"#, options: .regularExpression) != nil
        {
          i = j
          continue
        }
        break
      }
      if out.count > 2, t.range(of: #"^第[〇●△◇]+条（"#, options: .regularExpression) != nil { break }
      if !(t.hasPrefix("～～") || t.range(of: #"^[（(]～+.*略～*[）)]$"#, options: .regularExpression) != nil) {
        out.append(line)
      }
      i += 1
    }
    return out
  }

  /// How a contract names its parties and writes its article headings.
  struct Skeleton: CustomStringConvertible {
    var name: String
    var institution: String
    var vendor: String
    var title: String
    var preamble: String
    var kanji: Bool
    var brackets: (String, String)
    var headingOwnLine: Bool
    var description: String { name }

    func header(_ n: Int, _ heading: String) -> String {
      let number = kanji ? Numerals.write(n, style: .kanji) : String(n)
      let h = "\(brackets.0)\(heading)\(brackets.1)"
      return headingOwnLine ? "\(h)\n第\(number)条" : "第\(number)条\(h)"
    }

    func labels(_ s: String) -> String {
      guard vendor != "乙" else { return s }
      return s.replacingOccurrences(of: "甲乙", with: "\(institution)及び\(vendor)")
        .replacingOccurrences(of: "甲", with: institution).replacingOccurrences(of: "乙", with: vendor)
    }
  }

  static let skeletons = [
    Skeleton(
      name: "甲乙の保守契約", institution: "甲", vendor: "乙", title: "医療情報システム保守契約書",
      preamble: "医療法人社団架空会 架空中央病院（以下「甲」という。）と株式会社架空メディカルシステム（以下「乙」という。）は、甲の医療情報システムの保守について、次のとおり契約を締結する。",
      kanji: false, brackets: ("（", "）"), headingOwnLine: true),
    Skeleton(
      name: "当社とお客様のSaaS規約", institution: "お客様", vendor: "当社", title: "クラウド型電子カルテサービス利用規約",
      preamble: "この規約は、株式会社架空クラウドヘルス（以下「当社」という。）が提供するクラウド型電子カルテサービスを利用する医療機関（以下「お客様」という。）と当社との間に適用される。",
      kanji: false, brackets: ("（", "）"), headingOwnLine: false),
    Skeleton(
      name: "委託者と受託者の漢数字【】", institution: "委託者", vendor: "受託者", title: "医療情報システム運用保守業務委託契約書",
      preamble: "架空市立架空診療所（以下「委託者」という。）と架空情報サービス株式会社（以下「受託者」という。）は、次のとおり業務委託契約を締結する。",
      kanji: true, brackets: ("【", "】"), headingOwnLine: false),
  ]

  /// A contract: the skeleton's opening, a purpose article, then the guide's clause blocks as
  /// articles 2, 3, …; the guide's 第〇条 references to its 「乙の責任」 article point at that article.
  static func contract(_ k: Skeleton, _ blocks: [[String]]) -> (text: String, articles: [String: Int]) {
    var out =
      "\(k.title)\n\n\(k.preamble)\n\n\(k.header(1, "目的"))\n本契約は、\(k.labels("甲"))の医療情報システムに関する\(k.labels("乙"))の業務について定める。\n"
    var numbers: [String: Int] = [:]
    var heads: [(String, Int)] = []
    for (i, b) in blocks.enumerated() {
      let n = i + 2
      let first = b[0].trimmingCharacters(in: .whitespaces)
      let heading =
        first.firstIndex(of: "（").map { String(first[first.index(after: $0)...].prefix { $0 != "）" }) }
        ?? String(first.dropFirst().prefix { $0 != "）" })
      numbers[heading] = n
      heads.append((heading, n))
    }
    let responsibility = numbers["乙の責任"] ?? numbers["乙の業務提供範囲"] ?? 2
    for (i, b) in blocks.enumerated() {
      let (heading, n) = heads[i]
      // Where the guide writes the heading and 第X条 on two lines, the second line is dropped.
      var body = Array(b.dropFirst())
      if let f = body.first,
        f.trimmingCharacters(in: .whitespaces).range(of: #"^第[〇●△◇]+条$"#, options: .regularExpression) != nil
      {
        body.removeFirst()
      }
      var text = body.joined(separator: "\n")
      text = text.replacingOccurrences(of: #"[（(]～+[^）)]*[）)]"#, with: "", options: .regularExpression)
      for ref in ["第〇条第2項", "第〇条2項"] {
        text = text.replacingOccurrences(of: ref, with: "第\(responsibility)条第2項")
      }
      out += "\n" + k.header(n, k.labels(heading)) + "\n" + k.labels(text) + "\n"
    }
    return (out, numbers)
  }

  struct Case: CustomStringConvertible {
    var name: String
    /// (heading, occurrence) of each block.
    var typical: [(String, Int)]
    var revised: [(String, Int)]
    /// Concern → the heading of the article where the guide's clause for it stands.
    var raises: [String: String]
    var description: String { name }
  }

  static let cases = [
    Case(name: "A", typical: [("（乙の業務提供範囲）", 0)], revised: [("（乙の業務提供範囲）", 1)], raises: ["A": "乙の業務提供範囲"]),
    Case(
      name: "B", typical: [("（変更の通知）", 0), ("(再委託）", 0)], revised: [("（変更の通知）", 1), ("（再委託）", 0)],
      raises: ["B1": "変更の通知", "B2": "再委託"]),
    Case(
      name: "C", typical: [("（乙の責任）", 0), ("（甲の乙に対する協力）", 0)],
      revised: [("（乙の責任）", 1), ("（甲の乙に対する協力）", 1)], raises: ["C1": "乙の責任", "C2": "甲の乙に対する協力"]),
    Case(
      name: "D1", typical: [("第●条（損害賠償責任の範囲）", 0)], revised: [("（乙の責任）", 2), ("第●条（損害賠償責任の範囲）", 1)],
      raises: ["D1": "損害賠償責任の範囲"]),
    Case(
      name: "D2", typical: [("第〇条（免責）", 0)], revised: [("（乙の責任）", 3), ("第〇条（免責）", 1)], raises: ["D2": "免責"]),
  ]

  static let all: [(Case, Skeleton)] = cases.flatMap { c in skeletons.map { (c, $0) } }

  /// With BUNKAI_GUIDE_OUT set, every contract built from the guide is also written there, for a
  /// person to read (they are never committed: the guide's sentences stay in shared/).
  func review(_ text: String) -> ReviewResult {
    if let dir = ProcessInfo.processInfo.environment["BUNKAI_GUIDE_OUT"] {
      try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      let name = String(format: "%08x.txt", UInt32(truncatingIfNeeded: text.hashValue))
      try? text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
    }
    return Self.reviewer.review(SourceText(text: text))
  }

  @Test(arguments: all)
  func typicalVendorClausesAreFlaggedAtTheirArticle(_ c: Case, _ k: Skeleton) throws {
    let g = try Self.guideText()
    let blocks = try c.typical.map { try Self.block(g, heading: $0.0, occurrence: $0.1) }
    let (text, numbers) = Self.contract(k, blocks)
    let r = review(text)
    for (concern, heading) in c.raises {
      let f = r.findings.filter { $0.guideRefs.contains(concern) }
      #expect(f.count == 1, "\(k) \(concern)\n\(text)")
      let want = try #require(numbers[heading])
      #expect(f.first?.article == String(want), "\(k) \(concern) at \(f.first?.article ?? "-"), want \(want)")
      #expect(f.first?.status == .insufficient, "\(k) \(concern)")
      // The elements the guide's concern names are the ones reported short.
      let short = Set(f.first?.elements.filter { $0.status != .met }.map(\.id) ?? [])
      for id in Self.shortElements[concern] ?? [] {
        #expect(short.contains(id), "\(k) \(id) should fall short")
      }
    }
  }

  /// DOMAIN §4: what each typical clause leaves out.
  static let shortElements: [String: [String]] = [
    "A": ["A.gl-basis"], "B1": ["B1.notice", "B1.period", "B1.approval"],
    "B2": ["B2.consent", "B2.equal-duties", "B2.attribution"], "C1": ["C1.decided-jointly", "C1.vendor-led"],
    "C2": ["C2.provided-security", "C2.vendor-led"],
    "D1": ["D1.wilful-gross", "D1.gl-efforts", "D1.deficient-compensable"],
    "D2": ["D2.designated-vuln", "D2.vendor-led"],
  ]

  @Test(arguments: all)
  func revisedClausesPass(_ c: Case, _ k: Skeleton) throws {
    let g = try Self.guideText()
    let blocks = try c.revised.map { try Self.block(g, heading: $0.0, occurrence: $0.1) }
    let (text, _) = Self.contract(k, blocks)
    let r = review(text)
    for concern in c.raises.keys {
      let f = r.findings.filter { $0.guideRefs.contains(concern) }
      #expect(
        f.isEmpty, "\(k) \(concern): \(f.map { $0.elements.filter { $0.status != .met }.map(\.id) })\n\(text)"
      )
    }
  }

  /// All of the guide's revised clauses in one contract: none of the seven concerns is raised.
  @Test(arguments: skeletons)
  func theWholeRevisedContractRaisesNoneOfTheSeven(_ k: Skeleton) throws {
    let g = try Self.guideText()
    let blocks = try [
      ("（乙の業務提供範囲）", 1), ("（変更の通知）", 1), ("（再委託）", 0), ("（乙の責任）", 1), ("（甲の乙に対する協力）", 1),
      ("第●条（損害賠償責任の範囲）", 1), ("第〇条（免責）", 1),
    ].map { try Self.block(g, heading: $0.0, occurrence: $0.1) }
    let (text, _) = Self.contract(k, blocks)
    let raised = review(text).findings.filter { !Set($0.guideRefs).isDisjoint(with: Self.seven) }
    #expect(
      raised.isEmpty,
      "\(k): \(raised.map { "\($0.ruleId) \($0.elements.filter { $0.status != .met }.map(\.id))" })")
  }
}
