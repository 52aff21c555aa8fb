import Testing

@testable import BunkaiCore

/// B1, C1 and D2 written in the sentence shapes of the dev34 hold-out (DOMAIN.md section 4): the
/// condition on the designated software undone by a later paragraph, the designated things named as
/// an OS and apps, a ban on moving personal data abroad that is no approval of a change, a list
/// whose lead names who does its items, a subject set off by 「が、」 far before its verb, and a
/// defined word for the provided things with one of them selected.
extension ReadingAndLocationTests {
  static let exemptionArticle = """
    第7条（脆弱性への対応）
    乙が稼働環境として指定したOS及びソフトウェアに脆弱性が見つかったときは、乙は、甲との協議を取り仕切って対策を決め、決めた対策を実施する。

    第8条（免責）
    1 乙は、乙が指定していないソフトウェア若しくはOSの使用、又は甲の指示で行った作業に起因する障害について、責任を負わない。

    """

  /// 「前項の規定は、前条の協議及び対策の実施の有無にかかわらず適用する」 and 「前項の対策の実施の有無は、
  /// 第1項の規定の適用に影響しない」: the exemption holds whether or not the measures are taken, so
  /// the designated software's weaknesses no longer condition it (D2 raised, the element contradicted).
  @Test func anExemptionThatHoldsWhetherOrNotTheMeasuresAreTakenContradictsD2() {
    let firm = Self.opening + Self.exemptionArticle
    #expect(element("D2.designated-vuln", firm) == .met)
    for undoing in [
      "2 前項の規定は、前条の話合い及び対策の実施の有無にかかわらず適用する。",
      "2 前条の対策の実施の有無は、前項の規定の適用に影響しない。",
    ] {
      let text = firm + undoing + "\n"
      #expect(element("D2.designated-vuln", text) == .contradicted, "\(undoing)")
      #expect(finding("D2", text) != nil, "\(undoing)")
    }
  }

  /// 「乙が推奨したOS又はアプリに脆弱性が見つかったときに、…協議でその対策を決め…」: apps are software,
  /// so the condition reaches more than the OS (D2 met).
  @Test func anOSAndAppsTheVendorRecommendedAreMoreThanTheOS() {
    let text =
      Self.opening + """
        第6条（免責）
        1 乙は、乙が推奨していないOS若しくはアプリの使用、又は甲の指示で行った作業を原因とする障害について、責任を負わない。
        2 前項の免責は、乙が推奨したOS又はアプリに脆弱性が見つかったときに、乙が呼び掛けて開く甲との協議でその対策を決め、乙がこれを実施している限り認められる。
        """
    #expect(element("D2.designated-vuln", text) == .met)
    // The OS alone leaves the designated software out.
    let osOnly = text.replacingOccurrences(of: "乙が推奨したOS又はアプリに", with: "乙が推奨したOSに")
    #expect(element("D2.designated-vuln", osOnly) != .met)
  }

  /// 「乙は、甲の承諾なく個人情報を複製し、又は国外に移転してはならない。」 in the personal-data terms
  /// keeps the data at home; it is no approval of the service's changes, which the change article
  /// leaves at notice and talks (B1 raised, approval not met).
  @Test func aBanOnMovingPersonalDataAbroadIsNoApprovalOfChanges() {
    let text =
      Self.opening + """
        第4条（サービスの変更）
        乙は、本サービスの提供体制、データの保管場所その他の変更で甲の安全管理体制に影響するものを予定するときは、予定日の60日前までに書面で甲に通知し、甲と協議する。

        別記　個人情報の取扱い
        1 乙は、個人情報を本サービスの提供以外の目的に使わない。
        2 乙は、甲の承諾なく個人情報を複製し、又は国外に移転してはならない。
        """
    #expect(element("B1.approval", text) != .met)
    #expect(finding("B1", text) != nil)
    let approved = text.replacingOccurrences(of: "甲に通知し、甲と協議する", with: "甲に通知し、甲の承認を得る")
    #expect(element("B1.approval", approved) == .met)
  }

  /// 「乙の役目は、次のとおりとする。…(3) 甲が講ずべき…対策について、…協議を自ら呼び掛けて取り仕切り…」:
  /// the item leads without naming who; the list's lead names the vendor (C1 met). Where the lead
  /// names the institution, the institution leads (C1 raised).
  @Test func anItemLeadsAsTheListsLeadSays() {
    let text =
      Self.opening + """
        第5条（乙の役目）
        乙の役目は、次のとおりとする。
        (1) 保守窓口を平日の日中に開くこと。
        (2) 障害の連絡を受けたときに駆け付けること。
        (3) 病棟端末の利用に関し甲が講ずべき安全対策（職員の利用者登録の見直しを含む。）について、半年ごとに甲との協議を自ら呼び掛けて取り仕切り、協議により甲と合意した対策を文書にすること。

        第6条（甲の実施）
        甲は、前条第3号により合意された対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let institution = text.replacingOccurrences(of: "乙の役目は、次のとおりとする。", with: "甲の役目は、次のとおりとする。")
      .replacingOccurrences(of: "第5条（乙の役目）", with: "第5条（甲の役目）")
    #expect(element("C1.vendor-led", institution) != .met)
  }

  /// 「院内側の対策…は、乙が、院内で使う点検表の…各項目を順に確かめながらその案を作成し、甲乙協議のうえ確定する」:
  /// the vendor, set off as the subject by 「が、」, drafts, however far its verb (C1 met); the
  /// institution so set off does not make it the vendor's lead.
  @Test func aSubjectSetOffByGaCommaLeadsFarAway() {
    let text =
      Self.opening + """
        特記事項
        1 院内側の対策　本システムの利用に関し甲が自ら講ずべき対策（以下「院内側対策」という。）は、乙が、院内で使う点検表の第1項から第9項までの各項目と前年度の点検で見つかった課題の一覧とを順に確かめながらその案を作成し、甲乙協議のうえ確定する。甲は、確定した院内側対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let institution = text.replacingOccurrences(of: "は、乙が、院内で", with: "は、甲が、院内で")
    #expect(element("C1.vendor-led", institution) != .met)
  }

  /// 「利用環境」 defined as terminals, lines and wireless equipment, then 「利用環境のうち端末のセキュリティ
  /// 対策は、乙が主導して行う協議に基づき甲が実施する」: the talks cover one of the three (C2 raised). 「利用
  /// 環境のうち情報セキュリティに関わる事項」 is a kind of what is provided, not one thing (C2 met).
  @Test func oneThingSelectedFromADefinedWordLeavesTheOthersOut() {
    let text =
      Self.opening + """
        第2条（定義）
        本契約において「利用環境」とは、本サービスを使うために甲が用意する端末、通信回線及び無線LAN機器をいう。

        第6条（利用環境）
        1 甲は、利用環境を自らの費用で用意し、保つ。
        2 利用環境のうち端末のセキュリティ対策（OSの更新及びウイルス対策を含む。）は、乙が主導して行う協議に基づき甲が実施する。
        """
    #expect(element("C2.provided-security", text) != .met)
    #expect(finding("C2", text) != nil)
    let kind = text.replacingOccurrences(
      of: "利用環境のうち端末のセキュリティ対策（OSの更新及びウイルス対策を含む。）は",
      with: "利用環境のうち情報セキュリティに関わる事項（OSの更新及びウイルス対策を含む。）は")
    #expect(element("C2.provided-security", kind) == .met)
  }

  /// 「乙の守るべき事項は、次のとおりとする。(1) 本業務の安全管理を、…ガイドライン」に従って行うこと。」:
  /// the item's doer is the one the list's lead opens with (A met); where the lead opens with the
  /// institution, A is raised.
  @Test func theGuidelineInAnItemIsKeptByTheListsLeadParty() {
    let text =
      Self.opening + """
        第5条（乙の守るべき事項）
        乙の守るべき事項は、次のとおりとする。
        (1) 本業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行うこと。
        (2) 本業務に携わる者に、前号の安全管理について毎年教えること。
        """
    #expect(element("A.gl-basis", text) == .met)
    #expect(finding("A", text) == nil)
    let institution = text.replacingOccurrences(of: "乙の守るべき事項は", with: "甲の守るべき事項は")
      .replacingOccurrences(of: "（乙の守るべき事項）", with: "（甲の守るべき事項）")
    #expect(element("A.gl-basis", institution) != .met)
  }

  /// 「前項の規定にかかわらず、乙が緊急を要すると判断した変更…については、事後に甲へ報告することをもって足り
  /// る」: the vendor picks which changes skip the approval the paragraph before requires (B1 raised).
  @Test func changesTheVendorCallsUrgentNeedOnlyAReportAfterwards() {
    let text =
      Self.opening + """
        第6条（変更）
        1 乙は、作業の体制又は保守の方式を変えようとするときは、変える日の30日前までに書面で甲に知らせ、甲の承認を得なければならない。
        """
    #expect(element("B1.approval", text) == .met)
    let undone =
      text + "2 前項の規定にかかわらず、乙が緊急を要すると判断した変更については、事後に甲へ報告することをもって足りる。\n"
    #expect(element("B1.approval", undone) != .met)
    #expect(finding("B1", undone) != nil)
  }
}
