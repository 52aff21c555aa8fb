import Testing

@testable import BunkaiCore

/// A 特約 after the contract that reads words of an article otherwise or sets a paragraph aside
/// (dev29 b_14; issue 9: an amending part that follows the contract counts).
extension ReadingAndLocationTests {
  static func withRider(_ rider: String) -> String {
    Self.opening + """
      第6条（変更）
      1 乙は、本業務の体制を変更するときは、60日前までに甲に書面で知らせる。
      2 前項の変更は、甲の書面による承認を得た後に行う。

      第18条（賠償）
      1 乙の賠償の額は、直近1年の保守料の総額を限度とする。
      2 前項の限度は、乙に故意又は重過失があるときは適用しない。

      特約

      第1条
      \(rider)
      """
  }

  /// 「…中「故意又は重過失」とあるのは、「故意」と読み替える。」: gross negligence is no longer carved
  /// out.
  @Test func wordsReadAsOtherWordsAreStruckOut() {
    let text = Self.withRider("本契約書第18条第2項中「故意又は重過失」とあるのは、「故意」と読み替える。")
    #expect(element("D1.wilful-gross", text) != .met)
    #expect(element("D1.limitation", text) == .met)
  }

  /// 「本契約書第6条第2項の規定は、適用しない。」: the approval is set aside.
  @Test func aParagraphSetAsideWhole() {
    let text = Self.withRider("本契約書第6条第2項の規定は、適用しない。")
    #expect(element("B1.approval", text) != .met)
  }

  /// 「第18条第1項の規定は、乙の故意…による損害には適用しない」 carves a case out of the cap; the cap
  /// stands (a guard).
  @Test func aCaseCarvedOutOfAParagraphLeavesItStanding() {
    let text = Self.withRider("本契約書第18条第1項の規定は、乙の故意又は重大な過失による損害には適用しない。")
    #expect(element("D1.limitation", text) == .met)
    #expect(element("D1.wilful-gross", text) == .met)
  }
}
