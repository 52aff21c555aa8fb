import Foundation
import Testing

@testable import BunkaiCore

/// Text that used to crash the parser or the normaliser: numbers too long for Int.
@Suite struct HostileTextTests {
  static let reviewer: Reviewer = {
    Reviewer(playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())
  }()

  /// The regression inputs kept with the other hostile files.
  static func fixture(_ name: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("Fixtures/hostile/\(name)"), encoding: .utf8)
  }

  @Test func twentyDigitArticleNumbersAreNotArticles() throws {
    let text = try Self.fixture("long-article-number.txt")
    let contract = ContractParser.parse(SourceText(text: text))
    // A number past Numerals.maxValue is not read as an article number at all.
    #expect(
      contract.articles.allSatisfy {
        ($0.number.split(separator: "の").first.flatMap { Int($0) } ?? 0) <= Numerals.maxValue
      })
    _ = Self.reviewer.review(SourceText(text: text))
  }

  @Test(arguments: [
    "第99999999999999999999条", "第９９９９９９９９９９９９９９９９９９９９条", "第九九九九九九九九九九九九九九九九九九九九条",
    "第九千九百九十九九九九九九九九九九九九九九九九九九九百条", "第千千千千千千千千千千千千千千千千千千千千千千千千条",
    "別表第99999999999999999999", "第1条の99999999999999999999", "第一条の九九九九九九九九九九九九九九九九九九九九九",
  ])
  func longNumbersInMarkers(marker: String) {
    let text = "業務委託契約書\n\n\(marker)（目的）\n本契約は、保守業務について定める。\n"
    let result = Self.reviewer.review(SourceText(text: text))
    #expect(result.findings.count >= 0)
  }

  /// 20 digits at the start of a line once overflowed Int in ContractParser.paragraphMarker (found
  /// by FuzzText); it now reads at most four digits.
  @Test func twentyDigitParagraphNumber() throws {
    let text = try Self.fixture("paragraph-number-overflow.txt")
    let contract = ContractParser.parse(SourceText(text: text))
    #expect(contract.articles.count == 1)
  }

  @Test func readRefusesNumbersPastTheCap() {
    func read(_ s: String) -> Int? {
      let scalars = Array(s.unicodeScalars)
      return Numerals.read(scalars, at: 0, end: scalars.count)?.value
    }
    #expect(read("999999999") == 999_999_999)
    #expect(read("1000000000") == nil)
    #expect(read("99999999999999999999") == nil)
    #expect(read("九九九九九九九九九") == 999_999_999)
    #expect(read("九九九九九九九九九九") == nil)
    #expect(read("九千九百九十九") == 9999)
    #expect(read("九九九九九九九九九九九九九千") == nil)
  }

  @Test func kanjiRunsTooLargeForIntKeepTheirDigits() {
    let n = Normalizer.normalize("第九千九百九十九九九九九九九九九九九九九九九九九九九百条")
    let folded = String(String.UnicodeScalarView(n.chars.compactMap(Unicode.Scalar.init)))
    #expect(folded.hasPrefix("第9999"))
    #expect(folded.hasSuffix("条"))
    #expect(Normalizer.kanjiRunValue([]) == "")
  }

  @Test func kanjiForAnyInt() {
    #expect(Numerals.write(10_000, style: .kanji) == "一万")
    #expect(Numerals.write(12_345, style: .kanji) == "一万二千三百四十五")
    #expect(Numerals.write(100_000_000, style: .kanji) == "一億")
    #expect(Numerals.write(-3, style: .kanji) == "−三")
    #expect(Numerals.write(Int.max, style: .kanji) == "九百二十二京三千三百七十二兆三百六十八億五千四百七十七万五千八百七")
    #expect(Numerals.write(Int.min, style: .kanji).hasPrefix("−九百二十二京"))
    #expect(Numerals.write(Int.min, style: .fullWidth) == "－９２２３３７２０３６８５４７７５８０８")
  }
}

extension HostileTextTests {
  /// A responsibility table of thousands of rows, each naming a lead cue: every row is a sentence of
  /// one long paragraph, and reading the whole paragraph from each row once made a review take
  /// minutes. It must finish (CI would time out) and still read the marks.
  @Test func aVeryLongResponsibilityTable() {
    let rows = (1...3_000).map { "| \($0) | 院内の利用者側セキュリティ対策の案の作成・提示と協議の進行 | △ | ○ |" }
    let text = """
      保守契約書
      病院（以下「甲」という。）と株式会社エー（以下「乙」という。）は、次のとおり契約を締結する。
      第1条（分担）
      甲乙の分担は別表に定める。
      別表
      | 項番 | 事項 | 甲 | 乙 |
      """ + "\n" + rows.joined(separator: "\n") + "\n" + String(repeating: "|", count: 50_000)
    let result = Self.reviewer.review(SourceText(text: text))
    let c1 = result.elements.first { $0.id == "C1.vendor-led" }
    #expect(c1?.status == .met)
  }
}

extension HostileTextTests {
  /// Thousands of annex rows, each naming a meeting in passing and a name an article attaches, none
  /// with a leader: who leads each meeting and what each article attaches is read once per document,
  /// not once per row (read per row, such a table made the review quadratic). It must finish (CI
  /// would time out) and find the leader the article names.
  @Test func aLongAnnexOfRowsNamingMeetings() {
    let rows = (1...1_500).map {
      "（\($0)）「分担一覧」の項目：甲が講ずべき情報セキュリティ対策は運用会議\($0 % 7)号会議での協議で定める。"
    }
    let text = """
      保守契約書
      病院（以下「甲」という。）と株式会社エー（以下「乙」という。）は、次のとおり契約を締結する。
      第1条（分担）
      甲が講ずべき事項は、乙が主催する協議で定め、その結果を別紙「分担一覧」として添付する。
      第2条（協議）
      本契約に定めのない事項は、甲乙協議して定める。
      別紙　分担一覧
      """ + "\n" + rows.joined(separator: "\n")
    let result = Self.reviewer.review(SourceText(text: text))
    #expect(result.elements.first { $0.id == "C1.vendor-led" }?.status == .met)
  }

  /// Redline marks that never close, or close only far away, blank nothing; one that closes blanks
  /// its deleted words only (the pass that finds them reads the text once however many marks there are).
  @Test func unclosedRedlineMarksBlankNothing() {
    let unclosed = Array(String(repeating: "【削除：あ", count: 5000).unicodeScalars)
    #expect(Layout.redlineBlanks(unclosed).isEmpty)
    let far = Array(("【削除：" + String(repeating: "あ", count: Layout.longestRedline) + "】").unicodeScalars)
    #expect(Layout.redlineBlanks(far).isEmpty)
    let closed = Array("甲は【削除：乙に】【追加：丙に】通知する。".unicodeScalars)
    #expect(Layout.redlineBlanks(closed) == [2..<9, 9..<13, 15..<16])
  }

  /// Thousands of 新旧対照表 headers and rows, and rows with no article or too few cells, are read in
  /// one pass; only old cells and the bars are blanked and only article rows broken.
  @Test func manyComparisonTablesAreReadOnce() {
    let table = "｜条項｜改正後｜改正前｜\n｜第1条｜新｜旧｜\n｜｜\n｜別表｜新｜旧｜\n\n"
    let s = Array(String(repeating: table, count: 3000).unicodeScalars)
    let found = Layout.amendmentTable(s, Lines.split(s))
    #expect(found.breaks.count == 3000)
    // Per table: each full row its old cell and four bars, the row of no cell its two bars.
    #expect(found.blanks.count == 3000 * 12)
    let one = Array("｜条項｜改正後｜改正前｜\n｜第2条（目的）｜新しい文｜古い文｜".unicodeScalars)
    let r = Layout.amendmentTable(one, Lines.split(one))
    #expect(
      r.blanks.map { String(String.UnicodeScalarView(one[$0])) }.sorted() == ["古い文", "｜", "｜", "｜", "｜"])
  }

  /// A text that appoints thousands of named people gives no more than a few agents to the matching
  /// view (each is a label looked for at every scalar).
  @Test func manyAppointedPeopleGiveFewAgents() {
    let lines = (0..<500).map { "乙は、担当者（以下「担\($0)」という。）を選任する。" }
    let text =
      "契約書\n医療法人あ会（以下「甲」という。）と株式会社い（以下「乙」という。）は契約する。\n第1条（目的）\n"
      + lines.joined(separator: "\n")
    let source = SourceText(text: text)
    let agents = PartyExtractor.agents(in: source.scalars, contract: ContractParser.parse(source))
    #expect(agents.count == PartyExtractor.maxAgents)
    #expect(agents.allSatisfy { $0.role == .vendor })
  }
  /// Thousands of items under one list lead are each read back to the lead once (memoised), and a
  /// long article of 「…書には、」 without a full stop gives records of a sentence's length at most.
  @Test func longListsAndUnendedDescriptionsStayLinear() {
    let items = (1...4000).map { "（\($0)）甲が自ら講ずべき情報セキュリティ対策の項目\($0)" }
    let text =
      "保守契約書\n医療法人あ会（以下「甲」という。）と株式会社い（以下「乙」という。）は契約する。\n第1条（運用会議）\n"
      + "1 乙は運用会議を招集し、進行する。\n2 運用会議では、次の事項を協議する。\n" + items.joined(separator: "\n")
    let result = Self.reviewer.review(SourceText(text: text))
    let jointly = result.elements.first { $0.id == "C1.decided-jointly" }
    #expect(jointly?.status == .met)
    let unended = Array(Normalizer.fold(String(repeating: "運用設計書には、甲の対策を記載し", count: 5000)))
    let found = NamedDocuments.describedDocuments(in: 0..<unended.count, unended)
    #expect(found.count == 5000)
    #expect(
      found.allSatisfy { $0.record.count <= NamedDocuments.describedReach + NamedDocuments.longestName })
  }
}
