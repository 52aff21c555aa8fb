import Testing

@testable import BunkaiCore

/// Carve-outs from a cap listed as items (dev28 a_21; DOMAIN.md section 4, D1).
extension ReadingAndLocationTests {
  /// A cap whose proviso lists the cases it does not cover, the second item given.
  static func capListing(_ secondItem: String) -> String {
    Self.opening + """
      第12条（賠償の範囲）
      ① 乙は、本業務を善良な管理者の注意をもって行う。
      ② 乙が甲に負う賠償の額は、事故のあった年度に甲が支払った委託料の額を限度とする。ただし、次のいずれかに当たるときは、この限りでない。
      (1) 乙の故意による場合
      (2) \(secondItem)
      """
  }

  /// 「ただし、次のいずれかに該当するときは、この限りでない。」 after the cap in the same paragraph:
  /// wilful misconduct and gross negligence on items of their own are both carved out, though the
  /// lead-in is not the paragraph's first sentence.
  @Test func carveOutsListedAfterTheCapSentence() {
    #expect(element("D1.wilful-gross", Self.capListing("乙の重大な過失による場合")) == .met)
  }

  /// Only wilful misconduct on the list: gross negligence stays capped (a guard).
  @Test func aListThatCarvesOutOnlyWilfulMisconduct() {
    #expect(element("D1.wilful-gross", Self.capListing("甲の指示に乙が従わなかった場合")) != .met)
  }

  static func grossDefined(_ meaning: String) -> String {
    Self.opening + """
      第1条（定義）
      本契約において「重過失」とは、\(meaning)をいう。

      第12条（賠償の範囲）
      1 乙が甲に負う賠償の額は、事故のあった年度の委託料の額を限度とする。
      2 前項の限度は、乙に故意又は重過失があるときは適用しない。
      """
  }

  /// 「重過失」 defined down to what comes close to intent: the carve-out hardly reaches gross
  /// negligence as DOMAIN.md means it.
  @Test(arguments: [
    "乙の役員が結果を現に予見しながら、故意に匹敵するほど著しく注意を欠いた場合に限られるもの",
    "故意と同視し得る程度の著しい注意の欠如であって、乙の役員が結果を予見していたもの",
  ])
  func grossNegligenceDefinedDownToIntent(meaning: String) {
    #expect(element("D1.wilful-gross", Self.grossDefined(meaning)) != .met)
  }

  /// A definition that only says what gross negligence is, in ordinary words (a guard).
  @Test func grossNegligenceDefinedPlainly() {
    let text = Self.grossDefined("わずかな注意を払えば結果を予見し回避できたのに、これを著しく怠ったこと")
    #expect(element("D1.wilful-gross", text) == .met)
  }
}
