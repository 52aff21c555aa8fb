import Testing

@testable import BunkaiCore

/// Who leads the talks, and what they are about (DOMAIN.md section 4, C1 and C2: the institution's
/// measures, and the security of what it provides, are settled in talks the vendor leads).
extension ReadingAndLocationTests {
  static let providedThings =
    opening + """
      第3条（甲の準備）
      甲は、保守作業に必要な電源、院内ネットワーク及び遠隔保守用の回線を用意し、乙に使用させる。

      """

  /// The institution calls the meeting and chairs it; the vendor only explains at it. Hearing the
  /// vendor's explanation is not the vendor leading (C1.vendor-led not met, C1 raised), where the
  /// same sentence with the vendor calling and chairing meets it.
  @Test func talksTheInstitutionChairsAreNotVendorLed() {
    let chairedByInstitution =
      Self.opening + """
        第5条（院内の対策）
        甲が講ずべき情報セキュリティ対策（職員のID管理、端末の施錠等）は、甲が招集して議事を進める会議において乙の説明を受けたうえで、甲乙の協議により定め、甲がこれを実施する。

        """
    #expect(element("C1.vendor-led", chairedByInstitution) != .met)
    #expect(finding("C1", chairedByInstitution) != nil)
    let heard = chairedByInstitution.replacingOccurrences(
      of: "甲が招集して議事を進める会議において乙の説明を受けたうえで", with: "院長が議題を決めて開く会議において乙の説明を聴き")
    #expect(element("C1.vendor-led", heard) != .met)
    let chairedByVendor = chairedByInstitution.replacingOccurrences(
      of: "甲が招集して議事を進める会議において乙の説明を受けたうえで", with: "乙が招集して議事を進める会議において")
    #expect(element("C1.vendor-led", chairedByVendor) == .met)
  }

  /// Talks that settle who pays for securing the provided things are not talks on how they are
  /// secured: C2 stays raised. The same talks on the measures themselves meet it.
  @Test func talksOnTheCostOfSecurityAreNotTalksOnTheMeasures() {
    let onCost =
      Self.providedThings + """
        第4条（費用）
        前条の物品の安全対策を強化する場合に要する費用の負担は、乙が分担の案を示し、甲乙協議のうえ定める。

        """
    #expect(element("C2.provided-security", onCost) != .met)
    #expect(finding("C2", onCost) != nil)
    let onMeasures = onCost.replacingOccurrences(
      of: "前条の物品の安全対策を強化する場合に要する費用の負担は、乙が分担の案を示し、甲乙協議のうえ定める。",
      with: "前条の物品の安全対策は、乙が案を示して主導する甲乙の協議のうえ定め、甲が実施する。")
    #expect(element("C2.provided-security", onMeasures) == .met)
    #expect(finding("C2", onMeasures) == nil)
  }

  /// The vendor prepares the agenda and the options and runs the talks on the provided things: it
  /// leads them (C2.vendor-led met).
  @Test func preparingTheAgendaAndRunningTheTalksIsLeading() {
    let text =
      Self.providedThings + """
        第4条（提供物の安全対策）
        前条の物品のセキュリティ対策は、乙が検討すべき論点と対策の選択肢を用意して進行する甲との協議において定め、甲がこれを実施する。

        """
    #expect(element("C2.vendor-led", text) == .met)
    let runByInstitution = text.replacingOccurrences(
      of: "乙が検討すべき論点と対策の選択肢を用意して進行する甲との協議", with: "甲が進める乙との協議")
    #expect(element("C2.vendor-led", runByInstitution) != .met)
  }
}
