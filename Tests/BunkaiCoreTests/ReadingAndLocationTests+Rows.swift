import Testing

@testable import BunkaiCore

/// Clauses that name the rows of a responsibility table by number (項番), read in the wordings of
/// the dev20 hold-out (DOMAIN.md section 4).
extension ReadingAndLocationTests {
  /// A note that the vendor need not consult on rows 8 to 11 (the equipment the hospital provides)
  /// does not deny the consultation an article settles for row 4 (the hospital's own measures).
  @Test func aDenialAboutOtherRowsLeavesTheRowThatMeetsStanding() {
    let text =
      Self.opening + """
        第4条（分担）
        1 甲及び乙の分担は、別紙の分担表による。
        2 分担表の項番4の事項（甲が自ら講ずる安全対策の具体的な内容）は、乙がたたき台を作成して打合せを招集し、甲乙協議のうえ決定する。決定した対策は甲が実施する。

        別紙　分担表
        項番｜事項｜甲｜乙
        4｜甲が自ら講ずる安全対策の内容の決定｜承認｜起案・招集
        8｜サーバ室の施錠｜実施｜－
        備考　項番8から項番11までの事項については、乙は結果の報告を受けるだけで、対策の内容について協議する義務を負わない。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    // The same denial about row 4 itself still contradicts.
    let same = text.replacingOccurrences(of: "項番8から項番11まで", with: "項番4から項番11まで")
    #expect(element("C1.decided-jointly", same) == .contradicted)
  }
}
