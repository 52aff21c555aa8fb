import Testing

@testable import BunkaiCore

/// A contract exported from a contract-management system as Markdown (issue 9: real layouts read
/// like the clean text): 「## 第N条 …」 headings, 「**…**」 emphasis around the parties' names, a
/// quoted note and rules between parts.
extension ParserTests {
  static let markdownContract = """
    # 予約システム利用契約書

    > この文書は管理システムから書き出した写しです。

    **医療法人はまなす会**（以下「甲」という。）と **株式会社ハマナスウェブ**（以下「乙」という。）は、次のとおり契約する。

    ---

    ## 第1条 目的

    乙は、甲に**予約システム**を提供する。

    ## 第2条 再委託

    1. 乙は、**甲の事前の書面による承諾**を得て、業務の一部を第三者に委託することができる。
    2. 乙は、再委託先の行為について甲に対し責任を負う。

    | 項目 | 内容 |
    |---|---|
    | 保管場所 | 国内 |

    ## 第3条 料金

    甲は、乙に月額の利用料を支払う。
    """

  @Test func markdownHeadingsOpenArticlesAndEmphasisIsNoPartOfNames() {
    let cleaned = Layout.clean(Array(Self.markdownContract.unicodeScalars))
    let (c, _) = parse(String(String.UnicodeScalarView(cleaned)))
    #expect(c.articles.map(\.number) == ["1", "2", "3"])
    #expect(c.articles.first { $0.number == "2" }?.heading == "再委託")
    #expect(c.parties.first { $0.label == "甲" }?.name == "医療法人はまなす会")
    #expect(c.parties.first { $0.label == "乙" }?.role == .vendor)
  }

  /// A contract that writes 「#」 or 「**」 once or twice is no Markdown: its text stays as it is.
  @Test func aStrayHashOrAsteriskIsNoMarkdown() {
    let text = """
      保守契約書

      # 注記：本書は写しである。

      第1条（目的）
      乙は、甲の端末**台を保守する。
      """
    #expect(Layout.clean(Array(text.unicodeScalars)) == Array(text.unicodeScalars))
  }
}
