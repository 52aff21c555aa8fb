import Testing

@testable import BunkaiCore

/// Clauses that speak of the requirement by its breach or by a defined role (dev28 a_02, b_22;
/// DOMAIN.md section 4, B1 and B2).
extension ReadingAndLocationTests {
  /// 「前項の承認を得ずに行われた変更により…」 describes a change made in breach: it presumes the
  /// approval the paragraph before requires, it does not set it aside.
  @Test func aChangeMadeWithoutApprovalIsABreachNotAWaiver() {
    let text =
      Self.opening + """
        第8条（変更）
        1 乙は、甲の安全管理に影響する本業務の変更をしようとするときは、予定日の30日前までに書面で甲に知らせ、甲の承認を受ける。
        2 前項の承認を得ずに行われた変更により甲に生じた費用は、乙が負担する。
        """
    #expect(element("B1.approval", text) == .met)
  }

  /// A defined role for those the vendor contracts with to do the work (「「読影医」とは、乙と業務委託
  /// 契約を締結し…をいう」) names its subcontractors: the consent, equal duties and attribution said of
  /// them are B2's.
  @Test func aDefinedRoleTheVendorContractsWithIsItsSubcontractor() {
    let text =
      Self.opening + """
        第1条（定義）
        「読影医」とは、乙と業務委託契約を締結し、本サービスの読影を行う医師をいう。

        第6条（読影医）
        1 乙は、読影を読影医に行わせるときは、その名簿を甲に提出し、事前に甲の書面による承諾を得る。
        2 乙は、読影医に対し、乙が負う安全管理の義務と同等の義務を課し、監督する。
        3 読影医の行為は乙の行為とみなす。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
  }
}
