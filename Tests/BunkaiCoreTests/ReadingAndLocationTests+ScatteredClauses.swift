import Testing

@testable import BunkaiCore

/// Clauses that settle C1 and C2 in words a quick reader passes over (DOMAIN.md section 4: the
/// institution's own measures, and the security of what it provides, are decided in talks the
/// vendor leads). Cases of the kind dev37's writers placed away from the obvious article.
extension ReadingAndLocationTests {
  /// 「前項の提案書をもとに協議し」: the proposal is the paragraph before's, and that paragraph says
  /// the vendor made it. The party named nearest the word in the second paragraph does not lead.
  @Test func aProposalOfTheParagraphBeforeIsLedByWhoeverMadeIt() {
    let text =
      Self.opening + """
        第5条（院内の対策の取決め）
        １　乙は、稼働の前に、甲の側で必要となる対策（職員のIDの管理、診察室の端末の画面ロック等）を記した提案書を甲に渡す。
        ２　乙と甲は、前項の提案書をもとに協議し、甲が行う事項を合意により定める。甲は、定めた事項を行う。

        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    // The institution wrote the proposal: the same second paragraph leads nothing for the vendor.
    let byInstitution = text.replacingOccurrences(
      of: "乙は、稼働の前に、甲の側で必要となる対策", with: "甲は、稼働の前に、自らの側で必要となる対策"
    ).replacingOccurrences(of: "記した提案書を甲に渡す", with: "記した提案書を乙に渡す")
    #expect(element("C1.vendor-led", byInstitution) != .met)
  }

  /// 「…の設定及び管理は甲が自ら行うものとし、第4条のたたき台の対象としない」: the provided things are
  /// taken out of the talks another article sets up, so C2 is raised.
  @Test func providedThingsLeftOutOfTheTalksAreNotCovered() {
    let text =
      Self.opening + """
        第3条（院内の対策）
        乙は、甲の側で講ずべき安全対策のたたき台を作って甲に示し、甲乙協議のうえ定める。甲は定めた対策を行う。

        第4条（甲の用意するもの）
        １　甲は、受付の端末、院内の回線及び用紙等の消耗品を自らの費用で用意する。
        ２　前項のものの安全対策、設定及び管理は甲が自ら行うものとし、前条のたたき台の対象としない。

        """
    #expect(element("C2.provided-security", text) != .met)
    #expect(finding("C2", text) != nil)
    let covered = text.replacingOccurrences(of: "前条のたたき台の対象としない", with: "前条のたたき台の対象とし、前条の協議で定める")
    #expect(element("C2.provided-security", covered) == .met)
  }

  /// A sentence on both what the institution provides and its own side's measures settles the
  /// latter too (C1 met); on the provided things alone it does not.
  @Test func talksOnProvidedThingsAndTheInstitutionsSideCoverBoth() {
    let both =
      Self.providedThings + """
        第4条（対策の取決め）
        乙は、前条で甲が用意するもの、及び甲の側での本システムの利用に係る安全対策（管理者IDの扱い、端末の施錠等）について案をまとめて甲に示し、双方で確認して決める。甲は決めた対策を行う。

        """
    #expect(element("C1.decided-jointly", both) == .met)
    #expect(finding("C1", both) == nil)
    let providedOnly = both.replacingOccurrences(
      of: "、及び甲の側での本システムの利用に係る安全対策（管理者IDの扱い、端末の施錠等）", with: "の安全対策")
    #expect(element("C1.decided-jointly", providedOnly) != .met)
  }

  /// 「甲と乙は、案を基に双方で確認して…決め」: the sentence before, whose draft the talks start from,
  /// says what they settle (the institution's security rules).
  @Test func talksOnTheDraftTakeUpTheSentenceBefore() {
    let text =
      Self.opening + """
        第6条（運用ルール）
        乙は、稼働の一月前までに、甲の職員が本システムを使う際のセキュリティ上の運用ルールの案を起こして甲に示す。甲と乙は、案を基に双方で確認して運用ルールを決め、甲はこれに従って運用する。

        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(finding("C1", text) == nil)
  }

  /// 「2. 甲側の運用に関する対策 乙は、…一覧を取りまとめて甲に示す。」: an annex item's heading that
  /// opens with the institution is not who acts; the vendor named after it leads.
  @Test func anItemHeadingNamingTheInstitutionDoesNotAct() {
    let text =
      Self.opening + """
        第1条（目的）
        乙は、甲の病院の看護支援システムを保守する。甲と乙の役割は別紙のとおりとする。

        別紙　役割分担
        1. 本紙は甲と乙の役割を文章で定める。
        2. 甲側の運用に関する対策 乙は、甲の職員が端末を使う上で甲側が実施すべき対策（紛失時の手順、画面ロック等）の一覧を取りまとめて甲に示す。甲と乙は、その一覧を基に合意により甲の実施事項を定め、甲はこれを実施する。

        """
    #expect(element("C1.vendor-led", text) == .met)
    let byInstitution = text.replacingOccurrences(of: "の一覧を取りまとめて甲に示す", with: "の一覧を甲が取りまとめる")
    #expect(element("C1.vendor-led", byInstitution) != .met)
  }
}
