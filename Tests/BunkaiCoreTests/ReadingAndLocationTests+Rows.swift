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

extension ReadingAndLocationTests {
  /// A split table the vendor drafts and both approve, with a legend 「凡例：◎単独で担当　○共同で担当　－関与しない」
  /// below it (dev22 b_10): the legend explains marks and denies no talks; a sentence that says the
  /// table was settled without talks still does.
  @Test func aTablesLegendDeniesNothing() {
    let text =
      Self.opening + """
        第7条（分担表）
        1　乙は、稼働前に、甲が自ら行う情報セキュリティ対策と乙が行う対策を分けて示す分担表の案を作成し、甲と協議のうえ、双方の承認をもって確定する。
        2　確定した分担表は次のとおりとし、甲は甲の欄に◎又は○がある事項を実施する。

        項目 | 甲 | 乙
        職員IDの登録と削除 | ◎ | －
        病棟端末のウイルス対策 | ◎ | ○
        サーバの修正プログラム適用 | － | ◎
        凡例：◎単独で担当　○共同で担当　－関与しない
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let withoutTalks = text.replacingOccurrences(
      of: "甲と協議のうえ、双方の承認をもって確定する。", with: "甲と協議することなく、乙の判断で確定する。")
    #expect(element("C1.decided-jointly", withoutTalks) != .met)
  }
}
