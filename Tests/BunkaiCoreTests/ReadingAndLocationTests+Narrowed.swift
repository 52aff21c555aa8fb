import Testing

@testable import BunkaiCore

/// Talks narrowed by the contract's own words (dev29 a_03, a_11, a_21, b_10, b_16; DOMAIN.md
/// section 4, C1, C2 and D2): the provided hardware alone, or 「協議」 defined as the institution
/// deciding.
extension ReadingAndLocationTests {
  static func provided(_ talks: String) -> String {
    Self.opening + """
      第4条（業務の範囲）
      乙は、甲の受付システムを保守する。甲提供物の修理は本業務に含まない。

      第8条（甲の提供物）
      1 甲は、本業務のため、回線、リモート保守用ルーター、受付端末及びこれに入れたOSと連携ソフトウェア（以下「甲提供物」という。）を自己の費用で用意する。
      2 \(talks)
      """
  }

  /// The talks settle the security of the provided hardware alone: the software the institution
  /// provides is left out, and the finding goes to the clause that narrows the talks.
  @Test(arguments: [
    "甲提供物のうち、ハードウェアに係るセキュリティ対策は、乙が主導する甲乙の協議に基づき、甲が実施する。",
    "甲提供物のうち機器本体のセキュリティ対策は、乙が案を示して主導する協議で定め、甲が実施する。",
  ])
  func talksOnTheProvidedHardwareAlone(talks: String) {
    let text = Self.provided(talks)
    #expect(element("C2.provided-security", text) != .met)
    #expect(finding("C2", text)?.article == "8")
  }

  /// What the institution provides in one article, the talks on its hardware alone in another: the
  /// finding goes to the talks, the clause to mend.
  @Test func narrowedTalksInAnArticleOfTheirOwn() {
    let text =
      Self.opening + """
        第5条（甲の協力）
        甲は、本業務のため、回線、リモート保守用ルーター、受付端末及びこれに入れたOSと連携ソフトウェアを自己の費用で用意する。

        第9条（提供物のセキュリティ）
        前条までに甲が用意するもののうち、ハードウェアに係るセキュリティ対策は、乙が主導する甲乙の協議に基づき、甲が実施する。
        """
    #expect(finding("C2", text)?.article == "9")
  }

  /// The talks settle every provided thing (a guard).
  @Test func talksOnEveryProvidedThing() {
    let text = Self.provided("甲提供物に係るセキュリティ対策は、乙が主導する甲乙の協議に基づき、甲が実施する。")
    #expect(element("C2.provided-security", text) == .met)
  }

  static func consultDefined(_ meaning: String) -> String {
    Self.opening + """
      第2条（定義）
      本契約において「協議」とは、\(meaning)をいう。

      第7条（甲の側の対策）
      乙は、甲が院内で講ずべき情報セキュリティ対策の案を示し、乙が主導する甲乙の協議によりその内容を定める。甲は、定めた対策を実施する。
      """
  }

  /// 「協議」 defined as the institution deciding after hearing the vendor: every use of the word is
  /// that, so the institution's measures are not decided by both.
  @Test func talksDefinedAsTheInstitutionDeciding() {
    let text = Self.consultDefined("甲が乙の意見を聴いたうえで、甲の判断により決定すること")
    #expect(element("C1.decided-jointly", text) != .met)
    #expect(finding("C1", text) != nil)
  }

  /// 「協議」 defined as both parties agreeing (a guard).
  @Test func talksDefinedAsBothAgreeing() {
    let text = Self.consultDefined("甲乙が誠実に話し合い、双方の合意により定めること")
    #expect(element("C1.decided-jointly", text) == .met)
  }
}
