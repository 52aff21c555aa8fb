import Testing

@testable import BunkaiCore

/// Carve-outs from a cap listed as items (dev28 a_21; DOMAIN.md section 4, D1).
extension ReadingAndLocationTests {
  /// 「ただし、次のいずれかに該当するときは、この限りでない。」 after the cap in the same paragraph:
  /// wilful misconduct and gross negligence on items of their own are both carved out, though the
  /// lead-in is not the paragraph's first sentence.
  @Test func carveOutsListedAfterTheCapSentence() {
    let text =
      Self.opening + """
        第12条（賠償の範囲）
        ① 乙は、本業務を善良な管理者の注意をもって行う。
        ② 乙が甲に負う賠償の額は、事故のあった年度に甲が支払った委託料の額を限度とする。ただし、次のいずれかに当たるときは、この限りでない。
        (1) 乙の故意による場合
        (2) 乙の重大な過失による場合
        """
    #expect(element("D1.wilful-gross", text) == .met)
  }

  /// Only wilful misconduct on the list: gross negligence stays capped (a guard).
  @Test func aListThatCarvesOutOnlyWilfulMisconduct() {
    let text =
      Self.opening + """
        第12条（賠償の範囲）
        ① 乙は、本業務を善良な管理者の注意をもって行う。
        ② 乙が甲に負う賠償の額は、事故のあった年度に甲が支払った委託料の額を限度とする。ただし、次のいずれかに当たるときは、この限りでない。
        (1) 乙の故意による場合
        (2) 甲の指示に乙が従わなかった場合
        """
    #expect(element("D1.wilful-gross", text) != .met)
  }
}
