import Testing

@testable import BunkaiCore

/// A document named once in quotes and then by the end of its name (NamedDocuments; docs/playbook.md
/// §2.6): 「院内側セキュリティ運用手順書」 then 「手順書」 is still about the institution's own security
/// (DOMAIN.md section 4, C1).
extension ReadingAndLocationTests {
  static let namedManual =
    opening + """
      第6条（運用手順書）
      １　乙は、作業の開始前に、「院内側セキュリティ運用手順書」の案を作成して甲に説明する。
      ２　甲は、手順書案への疑問を乙に伝え、乙はこれに答えて案を直す。甲乙は協議のうえ手順書を確定し、甲はこれに従って実施する。
      """

  @Test func aNamedManualCalledByItsEnding() {
    #expect(element("C1.decided-jointly", Self.namedManual) == .met)
    #expect(element("C1.vendor-led", Self.namedManual) == .met)
    #expect(finding("C1", Self.namedManual) == nil)
  }

  /// The name must hold the institution's side and security; a plain work plan carries neither, and
  /// the short form reaches no further than its article.
  @Test func aNamedDocumentCarriesOnlyWhatItsNameSays() {
    let plain = Self.namedManual.replacingOccurrences(of: "院内側セキュリティ運用手順書", with: "作業日程手順書")
    #expect(element("C1.decided-jointly", plain) != .met)
    let elsewhere =
      Self.opening + """
        第6条（運用手順書）
        乙は、作業の開始前に、「院内側セキュリティ運用手順書」の案を作成して甲に説明する。

        第7条（確定）
        甲乙は協議のうえ手順書を確定し、甲はこれに従って実施する。
        """
    #expect(element("C1.decided-jointly", elsewhere) != .met)
  }

  /// 「両者は、この過程を経て…確定させ、双方の責任者が署名する」 and 「…と共に記名し」: both settle it.
  @Test func bothSigningAfterTheStepsJustDescribed() {
    let text =
      Self.opening + """
        第8条（甲側対策表）
        １　乙は、甲が講ずべき安全対策の案を甲側対策表に記入して甲に渡す。
        ２　甲は、甲側対策表の案を確かめ、乙は甲の質問に答えて案を改める。両者は、この過程を経て甲側対策表の内容を確定させ、双方の責任者が署名する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let coSigned = text.replacingOccurrences(
      of: "両者は、この過程を経て甲側対策表の内容を確定させ、双方の責任者が署名する。", with: "甲は、甲側対策表に乙と共に記名し、これに従って安全対策を講じる。")
    #expect(element("C1.decided-jointly", coSigned) == .met)
    let alone = text.replacingOccurrences(
      of: "両者は、この過程を経て甲側対策表の内容を確定させ、双方の責任者が署名する。", with: "甲は、甲側対策表の内容を自ら確定させる。")
    #expect(element("C1.decided-jointly", alone) != .met)
  }
}
