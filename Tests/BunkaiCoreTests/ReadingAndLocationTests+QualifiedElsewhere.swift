import Testing

@testable import BunkaiCore

/// A clause that meets an element, taken back in part by another clause (DOMAIN.md section 4: the
/// exemption for software the vendor did not designate is conditioned on vendor-led talks about the
/// designated software's weaknesses; changes that touch the institution's security need its
/// approval; the liability cap lifts for wilful acts, gross negligence and failed security efforts).
/// Cases of the kind dev38's writers built.
extension ReadingAndLocationTests {
  static let exemptionWithCondition = """
    第12条（免責）
    １　乙は、乙が指定していないソフトウェア又はOSに起因する障害、及び甲の指示による作業に起因する障害について責任を負わない。
    ２　前項の規定は、乙が指定したソフトウェア又はOSに脆弱性が見つかったときに、乙が主導して甲と協議し、対策を定めて実施することを条件として適用する。

    """

  /// 「３　前項の規定は、…データベース製品には適用しない」: for those products the exemption holds
  /// with no condition, so D2 is raised; a third paragraph about minor matters takes nothing back.
  @Test func aLaterParagraphDisapplyingTheConditionRaisesD2() {
    let met = Self.opening + Self.exemptionWithCondition
    #expect(finding("D2", met) == nil)
    let narrowed =
      met + """
        ３　前項の規定は、乙が指定したソフトウェアのうち他社が権利を持つデータベース製品及び監視ツールには適用しない。

        """
    #expect(element("D2.designated-vuln", narrowed) == .contradicted)
    #expect(finding("D2", narrowed) != nil)
    let onRequest =
      met + """
        ３　前項の協議は、甲から文書で求めがあった場合に限り行う。

        """
    #expect(finding("D2", onRequest) != nil)
    // Leaving out what the institution caused, or a paragraph on the measures not taken, keeps it.
    let harmless =
      met + """
        ３　前項の対策が実施されていない間は、第1項は適用しない。

        """
    #expect(finding("D2", harmless) == nil)
  }

  /// 「7.1は、乙の監視拠点…に係る変更には適用しない」-style exclusions: the approval of changes
  /// that touch the institution's security no longer reaches them; an exclusion of minor changes
  /// that touch nothing does not take it back.
  @Test func aLaterParagraphNarrowingTheApprovalRaisesB1() {
    let met =
      Self.opening + """
        第8条（変更の通知）
        １　乙は、保守の体制、リモート接続の方式その他甲のセキュリティ体制に影響する変更を行うときは、実施予定日の60日前までに書面で甲に通知し、甲の承認を得る。

        """
    #expect(finding("B1", met) == nil)
    let narrowed =
      met + """
        ２　前項の規定は、乙の監視拠点の移転、ログの保存先その他乙の社内体制に係る変更には適用しない。

        """
    #expect(finding("B1", narrowed) != nil)
    let minor =
      met + """
        ２　前項の規定は、画面の文言の修正など甲のセキュリティ体制に影響しない軽微な変更には適用しない。

        """
    #expect(finding("B1", minor) == nil)
  }

  /// 「前項にかかわらず、…の変更は、乙の判断で行い、変更後に甲へ通知する」: the vendor decides the
  /// changes alone, so the approval is taken back (B1 raised). The vendor choosing its staff is no
  /// such change.
  @Test func changesLeftToTheVendorsJudgementRaiseB1() {
    let met =
      Self.opening + """
        第9条（設備の変更）
        １　乙は、サーバ室の所在地、入退室の管理方法その他甲の安全管理に影響する事項を変更しようとするときは、90日前までに書面で甲に通知し、甲の承認を得る。

        """
    #expect(finding("B1", met) == nil)
    let vendorDecides =
      met + """
        ２　前項にかかわらず、サーバ室の設備の運営方法の変更は、乙の判断で行い、変更後に甲へ知らせる。

        """
    #expect(element("B1.approval", vendorDecides) == .contradicted)
    #expect(finding("B1", vendorDecides) != nil)
    let staff =
      met + """
        ２　本業務の担当者の交代は、乙の判断で行うことができる。

        """
    #expect(finding("B1", staff) == nil)
  }

  /// 「前二条…のいかなる規定にかかわらず、…その原因のいかんを問わず、…代金額を上限とする」: a later
  /// article caps everything, the carve-outs included, so D1 is raised.
  @Test func aLaterCapWhateverTheCauseTakesBackTheCarveOuts() {
    let met =
      Self.opening + """
        第14条（損害賠償）
        １　乙が本契約に違反して甲に損害を与えたときは、乙は、委託料の12か月分を上限として通常の損害を賠償する。
        ２　前項の上限は、乙の故意若しくは重大な過失による場合、又は乙が2省ガイドラインに基づく安全管理措置を適切に講じなかった場合には適用しない。
        ３　乙が前項の措置を講じなかったことにより甲に生じた損害は、甲乙協議のうえ、逸失利益を含めて乙が賠償する。

        """
    #expect(element("D1.wilful-gross", met) == .met)
    let capped =
      met + """
        第15条（賠償の総額）
        前条その他本契約のいかなる規定にかかわらず、乙が本契約に関して甲に負う賠償の総額は、その原因のいかんを問わず、委託料の12か月分を上限とする。

        """
    #expect(element("D1.wilful-gross", capped) == .contradicted)
    #expect(finding("D1", capped) != nil)
  }

  /// 「基本契約第3条にかかわらず、本件業務の安全管理は、乙が定める社内の情報セキュリティ規程による」:
  /// the vendor's own rules replace the guideline the master agreement named, so A is raised.
  @Test func theVendorsOwnRulesSetOverTheGuidelineRaiseA() {
    let met =
      Self.opening + """
        第3条（安全管理）
        乙は、本件業務に係る安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行う。

        """
    #expect(finding("A", met) == nil)
    let replaced =
      met + """
        第4条（本年度の特則）
        前条にかかわらず、本年度の本件業務における乙の安全管理は、乙が定める「情報セキュリティ運用規程」に従って行う。

        """
    #expect(element("A.gl-basis", replaced) == .contradicted)
    #expect(finding("A", replaced) != nil)
  }

  /// 「前項の協議は、乙が必要と認めるときに行う」: the talks on the institution's side, the provided
  /// router and line included, happen only when the vendor sees fit (C1 and C2 raised); talks held
  /// every year and also when the vendor sees fit are not left to it.
  @Test func talksOnlyWhenTheVendorSeesFitRaiseC1AndC2() {
    let met =
      Self.opening + """
        第6条（甲の用意するもの）
        甲は、サーバの設置場所、電源、院内LAN及びVPNルータを用意する。

        第7条（甲側の対策）
        １　乙は、甲が講ずべきセキュリティ対策（前条で甲が用意するものに係るものを含む。）について、乙の主導により甲と協議して具体的な内容を定める。甲は、定めた対策を実施する。

        """
    #expect(finding("C1", met) == nil)
    #expect(finding("C2", met) == nil)
    let optional = met + "２　前項の協議は、乙が必要と認めるときに行うものとする。\n"
    #expect(finding("C1", optional) != nil)
    #expect(finding("C2", optional) != nil)
    let scheduled = met + "２　前項の協議は、毎年4月及び乙が必要と認めるときに行うものとする。\n"
    #expect(finding("C1", scheduled) == nil)
    #expect(finding("C2", scheduled) == nil)
  }

  /// 「利用環境のセキュリティ対策については本条を適用せず、次条の定めるところによる」 where the next
  /// article leaves the environment to the institution alone: the provided things are outside the
  /// talks, so C2 is raised.
  @Test func providedThingsPutOutsideTheArticlesTalksRaiseC2() {
    let text =
      Self.opening + """
        第7条（利用者側の対策）
        １　甲が講ずべき安全管理措置は、乙が協議を呼びかけて進め、両者の協議で定める。甲は定めた措置を行う。
        ２　利用環境のセキュリティ対策については本条を適用せず、次条の定めるところによる。

        第8条（利用環境）
        甲は、端末、ルータ及び通信回線からなる利用環境を自らの費用と責任で用意し、管理する。

        """
    #expect(element("C2.provides", text) == .met)
    #expect(finding("C2", text) != nil)
    let included = text.replacingOccurrences(
      of: "利用環境のセキュリティ対策については本条を適用せず、次条の定めるところによる。",
      with: "前項の協議には、次条の利用環境のセキュリティ対策を含める。")
    #expect(finding("C2", included) == nil)
  }

  /// Decoys that change nothing (DOMAIN.md section 4 asks only that the clause be there): a record of
  /// the institution deciding not to take some agreed measures presumes the talks (C1 stays met), and
  /// a proviso that reports on the guideline come only on request leaves the guideline the standard
  /// (A stays met).
  @Test func decoysAfterAMeetingClauseTakeNothingBack() {
    let talks =
      Self.opening + """
        第5条（院内の対策）
        １　乙は、甲が院内で講ずべきセキュリティ対策について協議の場を設けて進行し、甲乙の協議により具体的な内容を定める。甲は定めた対策を行う。
        ２　甲が費用の都合で前項の協議で示された対策の一部を行わないと決めたときは、その判断を院長名の書面に残す。

        """
    #expect(element("C1.decided-jointly", talks) == .met)
    #expect(finding("C1", talks) == nil)
    let denied = talks.replacingOccurrences(
      of: "甲が費用の都合で前項の協議で示された対策の一部を行わないと決めたときは、その判断を院長名の書面に残す。",
      with: "前項にかかわらず、甲の院内の対策について乙は協議を行わない。")
    #expect(finding("C1", denied) != nil)
    let guideline =
      Self.opening + """
        第3条（安全管理）
        乙は、本サービスの安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して行う。ただし、準拠の状況の報告は、甲から求めがあった場合に限り行う。

        """
    #expect(element("A.gl-basis", guideline) == .met)
    #expect(finding("A", guideline) == nil)
  }

  /// Where C1 is missing, the finding belongs in the article on what the institution itself must
  /// keep to (「利用上の遵守事項」), not in the vendor's own security article.
  @Test func missingTalksBelongWithTheInstitutionsOwnRules() {
    let text =
      Self.opening + """
        第3条（安全管理）
        乙は、本サービスの安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行う。

        第4条（利用上の遵守事項）
        甲は、利用者IDとパスワードを適切に管理し、本サービスを診療の目的にのみ使う。

        """
    #expect(finding("C1", text)?.article == "4")
  }
}
