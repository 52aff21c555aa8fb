import Testing

@testable import BunkaiCore

/// A contract whose every line carries its line number down the left margin, as a draft printed for
/// review does (issue 9: real layouts read like the clean text).
extension ParserTests {
  static func numbered(_ lines: [String]) -> String {
    lines.enumerated().map { k, l in
      let n = String(k + 1)
      return String(repeating: " ", count: 4 - n.count) + n + (l.isEmpty ? "" : "  " + l)
    }.joined(separator: "\n")
  }

  static let marginLines = [
    "ネットワーク保守契約書",
    "",
    "医療法人あおば会（以下「甲」という。）と株式会社アオバネット（以下「乙」という。）は、次のとおり契約する。",
    "",
    "第1条（目的）",
    "乙は、甲の院内ネットワークを保守する。",
    "",
    "第2条（再委託）",
    "1 乙は、甲の事前の書面による承諾を得て、本業務の一部を第三者に",
    "委託することができる。",
    "2 乙は、再委託先の行為について甲に対し責任を負う。",
    "",
    "第3条（代金）",
    "甲は、乙に毎月の保守料を支払う。",
  ]

  @Test func lineNumbersDownTheMarginAreNoPartOfTheText() {
    let cleaned = Layout.clean(Array(Self.numbered(Self.marginLines).unicodeScalars))
    let (c, _) = parse(String(String.UnicodeScalarView(cleaned)))
    #expect(c.articles.map(\.number) == ["1", "2", "3"])
    #expect(c.articles.first { $0.number == "2" }?.paragraphs.count == 2)
    #expect(c.parties.contains { $0.label == "甲" && $0.role == .institution })
  }

  /// Paragraph numbers start again in every article: a contract that opens its paragraphs with
  /// 「1  」 keeps them.
  @Test func paragraphNumbersAreNoMarginNumbers() {
    var lines = ["保守契約書", ""]
    for n in 1...6 {
      lines += ["第\(n)条（事項\(n)）", "1  乙は、事項\(n)を行う。", "2  甲は、これに協力する。", ""]
    }
    let text = lines.joined(separator: "\n")
    let cleaned = Layout.clean(Array(text.unicodeScalars))
    #expect(String(String.UnicodeScalarView(cleaned)) == text)
  }
}
