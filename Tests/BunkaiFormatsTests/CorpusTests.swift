import BunkaiCore
import BunkaiFormats
import Foundation
import Testing
import Yams

/// Every contract under Tests/Fixtures/contracts (and its encoded and .docx copies) must give
/// exactly the findings, parties and articles written in the expected file beside it.
@Suite struct CorpusTests {
  static let reviewer = Reviewer(
    playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())
  static let dir = Fixtures.url("contracts")

  /// Contract files with the expected file that applies to each ("name.sjis.txt" → "name.expected.yaml").
  static let cases: [String] = {
    let fm = FileManager.default
    var out: [String] = []
    for sub in ["", "encodings", "docx"] {
      let d = sub.isEmpty ? dir : dir.appendingPathComponent(sub)
      for f in (try? fm.contentsOfDirectory(atPath: d.path)) ?? []
      where f.hasSuffix(".txt") || f.hasSuffix(".docx") {
        out.append(sub.isEmpty ? f : "\(sub)/\(f)")
      }
    }
    return out.sorted()
  }()

  static func expectedFile(for file: String) -> URL {
    let name = URL(fileURLWithPath: file).lastPathComponent
    let base = name.split(separator: ".").first.map(String.init) ?? name
    return dir.appendingPathComponent("\(base).expected.yaml")
  }

  @Test func theCorpusIsLargeAndVaried() throws {
    let originals = Self.cases.filter { !$0.contains("/") }
    #expect(originals.count >= 20)
    #expect(Self.cases.contains { $0.hasPrefix("encodings/") })
    #expect(Self.cases.contains { $0.hasPrefix("docx/") })
    // Every rule is seen firing and not firing somewhere in the corpus.
    var fired: Set<String> = []
    var quiet: Set<String> = []
    for f in originals {
      let ids = Set(
        Self.reviewer.review(try DocumentLoader.load(path: Self.dir.appendingPathComponent(f).path)).findings
          .map(\.ruleId))
      fired.formUnion(ids)
      quiet.formUnion(Set(Self.reviewer.compiled.playbook.rules.map(\.id)).subtracting(ids))
    }
    for rule in Self.reviewer.compiled.playbook.rules {
      #expect(fired.contains(rule.id), "\(rule.id) never fires in the corpus")
      #expect(quiet.contains(rule.id), "\(rule.id) fires on every contract")
    }
  }

  @Test(arguments: cases)
  func contractGivesExpectedReview(file: String) throws {
    let expectedURL = Self.expectedFile(for: file)
    let yaml = try String(contentsOf: expectedURL, encoding: .utf8)
    let expected = try #require(try Yams.load(yaml: yaml) as? [String: Any])
    let source = try DocumentLoader.load(path: Self.dir.appendingPathComponent(file).path)
    let review = Self.reviewer.review(source)
    let c = review.contract

    if let title = expected["title"] as? String { #expect(c.title == title) }
    if let kinds = expected["kinds"] as? [String] { #expect(c.kinds.map(\.rawValue) == kinds) }
    if let parties = expected["parties"] as? [[String: Any]] {
      let want = parties.map { "\($0["label"]!)=\($0["role"]!)" }.sorted()
      let got = c.parties.map { "\($0.label)=\($0.role.rawValue)" }.sorted()
      #expect(got == want)
    }
    if let count = expected["articleCount"] as? Int { #expect(c.articles.count == count) }
    for a in expected["articles"] as? [[String: Any]] ?? [] {
      let number = "\(a["number"]!)"
      let article = c.articles.first { $0.number == number }
      #expect(article != nil, "article \(number)")
      if let h = a["heading"] as? String { #expect(article?.heading == h, "heading of article \(number)") }
    }
    // The seven concerns are judged per element and measured against DOMAIN-derived labels
    // (NAME.labels.yaml, EvalQualityTests); here the other rules must give exactly their list.
    let elementRules = Set(Self.reviewer.compiled.playbook.rules.filter { !$0.elements.isEmpty }.map(\.id))
    let want = (expected["findings"] as? [[String: Any]] ?? []).map { f in
      let article = f["article"].flatMap { $0 is NSNull ? nil : "\($0)" } ?? "-"
      return "\(f["rule"]!) \(f["status"]!) \(article)"
    }.filter { !elementRules.contains(String($0.split(separator: " ")[0])) }.sorted()
    let got = review.findings.filter { !elementRules.contains($0.ruleId) }
      .map { "\($0.ruleId) \($0.status.rawValue) \($0.article ?? "-")" }.sorted()
    #expect(
      got == want,
      "\(file)\n  unexpected: \(Set(got).subtracting(want).sorted())\n  not found: \(Set(want).subtracting(got).sorted())"
    )
    for f in review.findings {
      for e in f.evidence { #expect(source.slice(e.start..<e.end) == e.text) }
    }
    // An encoded or .docx copy is judged as its .txt original.
    if file.contains("/") {
      let base = String(URL(fileURLWithPath: file).lastPathComponent.split(separator: ".")[0])
      let original = Self.reviewer.review(
        try DocumentLoader.load(path: Self.dir.appendingPathComponent(base + ".txt").path))
      func seven(_ r: ReviewResult) -> [String] {
        r.findings.filter { elementRules.contains($0.ruleId) }.map {
          "\($0.ruleId) \($0.status.rawValue) \($0.article ?? "-")"
        }
      }
      #expect(seven(review) == seven(original), "\(file) differs from \(base).txt")
    }
  }
}
