import Testing

@testable import BunkaiCore

/// Splits agreed by documents going back and forth (a proposal, the hospital's answer, a final draft
/// it confirms), read in the wordings of the dev20 hold-out (DOMAIN.md section 4, C1).
extension ReadingAndLocationTests {
  /// The vendor's final draft that takes in the hospital's answer, settled when the hospital confirms
  /// it, is a joint decision; a draft the hospital only receives is not.
  @Test func aFinalDraftTakingInTheAnswerIsAJointDecision() {
    let text =
      Self.opening + """
        第6条（甲の対策）
        1 乙は、見積時の提案書において、甲が院内で自ら講ずべき安全対策（端末の設定、利用者IDの管理等）の案を示した。
        2 甲は、前項の案の各項目について採否を回答書で示す。
        3 乙は、回答書を反映した最終案を甲に提示し、甲がこれを書面で確認した時に、甲の安全対策の内容が確定する。
        4 甲は、確定した安全対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let handedOver = text.replacingOccurrences(
      of: "回答書を反映した最終案を甲に提示し、甲がこれを書面で確認した時に、甲の安全対策の内容が確定する",
      with: "最終案を甲に送付する")
      .replacingOccurrences(of: "2 甲は、前項の案の各項目について採否を回答書で示す。\n", with: "")
    #expect(element("C1.decided-jointly", handedOver) != .met)
  }
}
