import Testing

@testable import BunkaiCore

/// A translated contract that keeps its English numbering (「Section 3　情報セキュリティ」「Article 5
/// 再委託」) over clauses 3.1, 3.2 (issue 9: numbering as in 仕様書 and SaaS terms reads like 第N条).
extension ParserTests {
  @Test(arguments: ["Section", "Article", "Clause"])
  func englishNumberedHeadingsOpenArticles(word: String) {
    let text = """
      データ保管サービス契約（日本語訳）

      本契約は、医療法人ゆうなぎ会（以下「顧客」という。）と、ノースベイ・データ合同会社（以下「プロバイダー」という。）との間で締結される。

      \(word) 1　目的
      1.1　プロバイダーは、顧客の画像データを保管する。

      \(word) 2　再委託
      2.1　プロバイダーは、顧客の事前の書面による承諾なく、業務を第三者に委託してはならない。
      2.2　プロバイダーは、委託先の行為について責任を負う。

      \(word) 3（料金）
      3.1　顧客は、月額料金を支払う。
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2", "3"])
    #expect(c.articles.first { $0.number == "2" }?.heading == "再委託")
    #expect(c.articles.first { $0.number == "3" }?.heading == "料金")
  }

  /// An English word and a number inside a sentence is a reference, not a heading (a guard).
  @Test func aSentenceCitingASectionIsNoHeading() {
    let text = """
      保守契約書

      医療法人ゆうなぎ会（以下「甲」という。）と株式会社ノースベイ（以下「乙」という。）は、次のとおり契約する。

      第1条（目的）
      乙は、甲の機器を保守する。
      Section 2 of the vendor's policy applies to this article as it stands today。
      第2条（料金）
      甲は、保守料を支払う。
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2"])
  }
}
