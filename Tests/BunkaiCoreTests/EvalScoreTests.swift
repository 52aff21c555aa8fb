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
}
