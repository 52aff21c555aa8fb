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

/// Clauses that extend another clause to the provided things, consent as the condition of the
/// permission, and a contract that says the institution provides nothing (DOMAIN.md section 4,
/// B2 and C2).
extension ReadingAndLocationTests {
  static let ownMeasuresTalks =
    opening + """
      第3条（院内の対策）
      １　乙は、甲の側で講ずべき安全対策の案を作成して甲に示し、甲との協議を進める。
      ２　甲及び乙は、前項の協議において甲が実施する対策を定め、甲はこれを実施する。

      第4条（甲の準備）
      甲は、乙の作業に必要な電源、院内の回線及び受付の端末を自らの費用で用意する。

      """

  /// 「前二項の対象には…を含む」「第3条の手続は、…についても同様に適用する」: the talks another
  /// clause holds take in the provided things (C2 met); without the sentence they do not.
  @Test func aClauseExtendingTheTalksToTheProvidedThingsCoversThem() {
    #expect(finding("C2", Self.ownMeasuresTalks) != nil)
    let extended = Self.ownMeasuresTalks.replacingOccurrences(
      of: "２　甲及び乙は、前項の協議において甲が実施する対策を定め、甲はこれを実施する。\n",
      with: "２　甲及び乙は、前項の協議において甲が実施する対策を定め、甲はこれを実施する。\n３　前二項の対象には、次条により甲が用意する電源、回線及び端末の保護を含むものとする。\n")
    #expect(element("C2.provided-security", extended) == .met)
    #expect(finding("C2", extended) == nil)
    let applied =
      Self.ownMeasuresTalks + """
        第5条（準備物の対策）
        第3条の手続は、前条により甲が用意する電源、回線及び端末のセキュリティ対策についても、同様に適用する。

        """
    #expect(element("C2.provided-security", applied) == .met)
    #expect(finding("C2", applied) == nil)
  }

  /// 「…書面による承認を得た場合に限り、…第三者に委託することができる」: subcontracting is allowed
  /// only once consent is given, so before it (B2.consent met); allowed and then reported is not.
  @Test func subcontractingAllowedOnlyOnceConsentIsGivenIsPriorConsent() {
    let text =
      Self.opening + """
        第7条（再委託）
        乙は、甲の書面による承認を得た場合に限り、本業務の一部を第三者に再委託することができる。

        """
    #expect(element("B2.consent", text) == .met)
    let reported = text.replacingOccurrences(
      of: "甲の書面による承認を得た場合に限り、本業務の一部を第三者に再委託することができる",
      with: "本業務の一部を第三者に再委託することができる。この場合、乙は再委託の後に甲に報告する")
    #expect(element("B2.consent", reported) != .met)
  }

  /// 「…すべて乙の負担で用意する。本件作業のために甲が用意すべき機器、回線その他の物品はない。」: the
  /// institution provides nothing, so C2 does not apply.
  @Test func aContractSayingTheInstitutionProvidesNothingRaisesNoC2() {
    let text =
      Self.opening + """
        第5条（乙が用意するもの）
        本件作業に必要な端末、回線及び消耗品は、すべて乙の負担で用意する。本件作業のために甲が用意すべき機器、回線その他の物品はない。

        """
    #expect(element("C2.provides", text) != .met)
    #expect(finding("C2", text) == nil)
  }
}

/// D2 (DOMAIN.md section 4): software the institution chose is software the vendor did not
/// designate; exempting it without the condition on the vendor's designated software raises D2.
extension ReadingAndLocationTests {
  @Test func softwareTheInstitutionDesignatedIsNotTheVendors() {
    let text =
      Self.opening + """
        第13条（免責）
        甲が指定したソフトウェアの使用に起因する不具合については、乙は責任を負わない。

        """
    #expect(element("D2.exemption", text) == .met)
    #expect(finding("D2", text) != nil)
  }
}

/// C2 (DOMAIN.md section 4: security for the items the institution provides): talks on one of the
/// items leave the rest unsplit; talks on the security side of all of them do not.
extension ReadingAndLocationTests {
  @Test func talksOnOneProvidedItemLeaveTheOthersUnsplit() {
    let oneItem =
      Self.opening + """
        第4条（甲の準備）
        １　甲は、本業務のため、サーバの置き場所及び電源、院内の回線並びに端末を用意する。
        ２　前項のもののうち、院内の回線の安全対策は、乙が案を示して主導する甲乙の協議で定め、甲が実施する。その他のものの管理は、甲が自らの判断で行う。

        """
    #expect(element("C2.provided-security", oneItem) != .met)
    #expect(finding("C2", oneItem) != nil)
    let securitySide = oneItem.replacingOccurrences(
      of: "前項のもののうち、院内の回線の安全対策は", with: "前項のもののうち安全にかかわる設定及び管理（管理者のパスワード、置き場所の施錠等）は"
    ).replacingOccurrences(of: "その他のものの管理は、甲が自らの判断で行う。", with: "")
    #expect(element("C2.provided-security", securitySide) == .met)
    #expect(finding("C2", securitySide) == nil)
  }
}

/// D1 (DOMAIN.md section 4: the cap holds only where the vendor's proper security efforts under the
/// 2省GL were made): 「仕様書第3項の安全管理」 is item 3 of the annexed specification, which names the
/// guideline, not paragraph 3 of the damages article.
extension ReadingAndLocationTests {
  @Test func anAnnexItemNamedByNumberIsReadThere() {
    let text =
      Self.opening + """
        第1条（目的）
        乙は、甲の画像管理システムを更新する。

        第2条（損害賠償）
        １　乙がこの契約に違反して甲に損害を与えたときは、乙は、通常かつ直接の損害に限り、契約金額を上限として賠償する。
        ２　前項の制限は、乙が仕様書第3項の安全管理を怠りなく行っていた場合にのみ適用する。乙の故意又は重大な過失による損害には、前項の制限を適用しない。
        ３　乙の安全管理に不足があったことにより甲に生じた損害は、逸失利益を含めて乙が賠償する。

        別紙　業務仕様書

        1 目的
        本仕様書は、画像管理システムの更新に係る業務の内容を定める。

        2 導入範囲
        画像サーバ及び参照用端末の設置と設定。

        3 安全管理
        乙は、本業務に係る自らの安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行う。

        """
    #expect(element("D1.gl-efforts", text) == .met)
    // Item 3 says nothing of the guideline: the cap is tied to nothing that names it.
    let other = text.replacingOccurrences(
      of: "乙は、本業務に係る自らの安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行う。",
      with: "乙は、作業の手順書を作成して甲に提出する。")
    #expect(element("D1.gl-efforts", other) != .met)
  }
}
