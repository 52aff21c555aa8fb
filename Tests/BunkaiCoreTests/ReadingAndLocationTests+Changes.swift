import Testing

@testable import BunkaiCore

/// Approval of a change (DOMAIN.md section 4, B1): leaving is not approving, and changes the vendor
/// alone may call minor take the approval away.
extension ReadingAndLocationTests {
  /// 「…変更に同意できない場合は、解約することができる」 gives the institution a way out, not a say.
  @Test func leavingIsNotApproving() {
    let text =
      Self.opening + """
        第5条（サービス内容の変更）
        乙は、保守拠点、接続方式その他甲のセキュリティ対策に影響する業務の内容を変更するときは、変更日の60日前までに甲に書面で知らせる。
        ２　甲は、前項の変更に同意できない場合、変更日の前日までに本契約を解約することができる。
        """
    #expect(element("B1.notice", text) == .met)
    #expect(element("B1.approval", text) != .met)
    #expect(finding("B1", text)?.article == "5")
    let approves = text.replacingOccurrences(
      of: "甲は、前項の変更に同意できない場合、変更日の前日までに本契約を解約することができる。", with: "乙は、前項の変更について、あらかじめ甲の書面による承諾を得る。")
    #expect(element("B1.approval", approves) == .met)
  }

  /// 「前項にかかわらず、乙が軽微と判断した変更は…通知のみで行うことができる」 undoes the approval the
  /// paragraph before requires.
  @Test func changesTheVendorAloneCallsMinor() {
    let text =
      Self.opening + """
        第8条（業務内容の変更）
        乙は、監視拠点、監視の方法又は機器の更新方針を変更するときは、30日前までに甲に通知し、甲の承諾を得る。
        ２　前項にかかわらず、乙が軽微と判断した変更は、甲のセキュリティに関わるものであっても、通知のみで行うことができる。
        """
    #expect(element("B1.approval", text) == .contradicted)
    let agreedMinor = text.replacingOccurrences(
      of: "乙が軽微と判断した変更は、甲のセキュリティに関わるものであっても、通知のみで行うことができる。",
      with: "甲の情報セキュリティに影響を及ぼさない軽微な変更は、通知のみで行うことができる。")
    #expect(element("B1.approval", agreedMinor) == .met)
  }

  /// 「甲が前項の変更に同意しないときは、…協議する」 is what happens when consent is withheld: it
  /// presumes the consent the paragraph before requires, for a change or for a new subcontractor.
  @Test func consentWithheldIsACaseNotADenial() {
    let text =
      Self.opening + """
        第7条（サービスの変更）
        乙は、システム構成、データの保管場所、再委託先その他の事項を変更する場合であって、その変更が甲のセキュリティ対策に影響するときは、変更予定日の3か月前までに甲に書面で通知し、甲の同意を得て実施する。
        ２　甲が前項の変更に同意しないときは、甲乙は、従前の条件による継続その他の対応について協議する。
        """
    #expect(element("B1.approval", text) == .met)
    #expect(finding("B1", text) == nil)
    let refused = text.replacingOccurrences(
      of: "甲が前項の変更に同意しないときは、甲乙は、従前の条件による継続その他の対応について協議する。",
      with: "前項の変更は、甲の同意を要しないで実施することができる。")
    #expect(element("B1.approval", refused) == .contradicted)
  }
}
