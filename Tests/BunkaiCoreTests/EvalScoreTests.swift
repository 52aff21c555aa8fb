import Testing

@testable import BunkaiCore

/// How `bunkai eval` compares a labelled article with the one the review names (docs/eval.md).
@Suite struct EvalScoreTests {
  /// A section and its subsection name the same place; an annex's 第3条 is not the contract's; the
  /// first of two 覚書, numbered 「覚書1」 by a writer, is the one the review calls 「覚書」.
  @Test func articlesThatNameTheSamePlace() {
    #expect(EvalScore.sameArticle("5", "5.2"))
    #expect(EvalScore.sameArticle("12の2", "12の2"))
    #expect(!EvalScore.sameArticle("別紙:3", "3"))
    #expect(EvalScore.sameArticle("覚書1:2", "覚書:2"))
    #expect(!EvalScore.sameArticle("覚書2:2", "覚書:2"))
    #expect(EvalScore.sameArticle("覚書2:2", "覚書2:2"))
  }

  /// A writer calls the part headed 「別紙　業務仕様書」 "別紙" where the review calls it "仕様書"; a word
  /// that begins some part's label (「覚書」 beside 「覚書2」) is not taken as another's.
  @Test func aPartNamedByAWordOfItsHeading() {
    #expect(EvalScore.sameArticle("別紙:5", "仕様書:5", aliases: ["別紙": "仕様書"]))
    #expect(!EvalScore.sameArticle("別紙:5", "仕様書:5"))
    #expect(!EvalScore.sameArticle("別紙:4", "仕様書:5", aliases: ["別紙": "仕様書"]))
    let text = """
      契約書
      第1条（目的）
      甲は乙に業務を委託する。
      第2条（管轄）
      甲の所在地の地方裁判所とする。

      別紙　業務仕様書
      第1章　概要
      GEN-01　本業務は導入である。

      覚書
      第1条（変更）
      第1条を改める。

      覚書
      第1条（追加）
      第2条を加える。
      """
    let review = ConcernTests.reviewer.review(SourceText(text: text))
    let aliases = EvalScore.partAliases(review)
    #expect(aliases["別紙"] == "仕様書")
    #expect(aliases["覚書"] == nil)
  }
}
