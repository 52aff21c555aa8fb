import Testing

@testable import BunkaiCore

/// What the institution provides (C2's precondition) and where its security is settled, read in
/// the wordings of the dev13 hold-out (DOMAIN.md section 4, C2).
extension ReadingAndLocationTests {
  /// 約款 call their annexes 別記: 「別記2に定める手順により定めます」 settles the provided line's and
  /// room's security in the talks 別記2 sets up, as 「別紙2に定める手順」 would (DOMAIN.md section 4, C2).
  @Test func providedThingsSettledInAnAnnexCalled別記() {
    let text = """
      画像保管サービス利用約款

      株式会社ヒバリデータ（以下「当社」といいます。）は、医療機関（以下「お客様」といいます。）に提供する画像保管サービスについて、この約款を定めます。

      第1条（お客様が用意するもの）
      お客様は、インターネット回線並びに当社が貸与する中継装置の置き場所及び電源を用意します。
      2 前項の回線、置き場所及び電源に関するセキュリティ対策は、別記2に定める手順により定めます。

      第2条（利用料）
      利用料は、当社の料金表のとおりとします。

      附則
      1 この約款は、令和8年4月1日から施行します。

      別記1 サービスの仕様
      (1) 保管先：国内の2拠点

      別記2 お客様側の対策の決め方
      (1) 当社は、第1条の回線、置き場所及び電源について、お客様に求める対策の案を作って示します。
      (2) 当社が呼びかけて進める協議で、お客様が実施する対策を確定します。
      (3) お客様は、確定した対策を実施します。
      """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
  }

  /// 「別記に掲げるガイドラインに従って」 reads the annex as a whole: the vendor guideline it names is
  /// the basis of the vendor's security (DOMAIN.md section 4, A).
  @Test func theGuidelineListedInAnAnnexCalled別記() {
    let text =
      Self.opening + """
        第3条（安全管理）
        乙は、本件業務の安全管理を、別記に掲げるガイドラインに従って行う。

        第4条（代金）
        甲は、乙に代金を支払う。

        別記
        本契約第3条のガイドラインは、次のとおりとする。
        1　経済産業省・総務省「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」
        """
    #expect(element("A.gl-basis", text) == .met)
  }

  /// The security of the room, power and line the institution provides is settled; the printer paper
  /// and labels it also provides carry none to settle, so naming the first two items names every thing
  /// (DOMAIN.md section 4, C2). Leaving out the line instead leaves a thing out.
  @Test func consumablesLeftOutLeaveNoThingOut() {
    func text(_ named: String) -> String {
      Self.opening + """
        第9条（甲が提供するもの）
        1 甲は、本業務の実施のため、次のものを提供する。
        (1) サーバの設置場所及び電源
        (2) リモート保守に用いるインターネット回線
        (3) プリンタ用紙、ラベルその他の消耗品
        2 前項\(named)に掲げるものに関するセキュリティ対策は、乙が主導して甲と協議し、その結果に基づいて甲が実施する。
        """
    }
    #expect(element("C2.provided-security", text("第1号及び第2号")) == .met)
    #expect(element("C2.provided-security", text("第1号及び第3号")) != .met)
  }

  /// Money owed when the contract ends (the residual value of equipment bought for the hospital)
  /// is no provided thing: with nothing else provided, C2 does not apply.
  @Test func aSettlementOnTerminationProvidesNothing() {
    let text =
      Self.opening + """
        第2条（設備）
        本サービスに用いるサーバ、回線及び接続機器は、すべて乙が自らの費用で調達し、管理する。

        第9条（中途解約）
        甲は、3か月前までに書面で予告して本契約を解約することができる。この場合、甲は、乙が甲専用に調達した機器の残存価額を負担する。
        """
    #expect(element("C2.provides", text) != .met)
    #expect(finding("C2", text) == nil)
    // The same article with the hospital paying for a line it provides still provides.
    let provided = text.replacingOccurrences(
      of: "甲専用に調達した機器の残存価額を負担する", with: "甲専用に調達した機器の残存価額を負担する。\n２　甲は、接続用の通信回線を自らの費用で用意する")
    #expect(element("C2.provides", provided) == .met)
  }

  /// 「持ち込み」「引き込む」: servers a hospital brings into a data centre, and the line it has
  /// brought in, are what it provides; the security of 「第3条の持込機器及び回線」 settled in a
  /// consultation the centre runs meets C2. A 「持込み端末」 rule (staff's own devices) provides
  /// nothing.
  @Test func equipmentBroughtIntoADataCentreIsProvided() {
    let text =
      Self.opening + """
        第3条（甲が持ち込むもの）
        甲は、収容する自らのサーバ及びネットワーク機器を本センターに持ち込み、甲が別途契約する回線を引き込む。

        第5条（持込機器等の安全対策）
        第3条の持込機器及び回線に係る安全対策は、乙が収容開始前に確認事項を提示して甲に協議を申し入れ、乙が議事を運営する協議により定め、甲がこれを実施する。
        """
    #expect(element("C2.provides", text) == .met)
    #expect(element("C2.provided-security", text) == .met)
    #expect(finding("C2", text) == nil)
    let devicesRule =
      Self.opening + """
        第3条（構成）
        本件ネットワークの機器及び回線は、すべて乙が用意する。

        第4条（甲の運用）
        甲が運用上講じるべき安全対策（持込み端末の接続制限等）については、乙が引渡し前に説明する。
        """
    #expect(element("C2.provides", devicesRule) != .met)
  }

  /// 「前項の設置場所、電源及び回線に必要な安全対策」 is about the provided things (C2), not the
  /// institution's own measures (C1).
  @Test func thePreviousParagraphsPlaceAndPowerAreProvidedThings() {
    let text =
      Self.opening + """
        第4条（甲が用意するもの及びその安全対策）
        甲は、中継装置の設置場所、電源及びインターネット回線を用意する。
        ２　乙は、設置前の現地調査の際に、前項の設置場所、電源及び回線に必要な安全対策を提示して協議を主導し、その協議で定めた対策を甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(element("C1.decided-jointly", text) != .met)
  }

  /// 「前条で薬局が用意したもの」: what was provided, named in the past tense, is still the provided
  /// things, so its consultation is C2's and not the institution's own measures.
  @Test func whatWasProvidedIsAProvidedThing() {
    let text =
      Self.opening + """
        第5条（甲が用意するもの）
        甲は、各店舗の端末、電源及びインターネット回線を用意する。

        第6条（用意したものの安全対策）
        前条で甲が用意したものの安全対策については、乙が主催する定例会議で協議して定め、その定めに従って甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C1.decided-jointly", text) != .met)
  }

  /// In a 仕様書 numbered 「6. 」「7. 」, each section one paragraph, 「前項の各号」 in section 7
  /// names section 6's list.
  @Test func aSpecificationsPreviousSectionIsItsPreviousParagraph() {
    let text = """
      医療情報システム導入業務仕様書

      1. 件名
      診療所電子カルテシステム導入業務

      2. 発注者が用意するもの
      発注者は、次のものを用意する。
      (1) サーバ設置スペース
      (2) 電源
      (3) 光回線1回線

      3. 発注者が用意するものの安全対策
      前項の各号に係る安全対策については、受注者が必要な対策を一覧にして発注者に提示し、受注者の主導により両者で協議して決定すること。決定した対策は発注者が実施する。
      """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    // Numbered as articles, 前項 in an article's first paragraph names nothing before it.
    let articles = text.replacingOccurrences(of: "\n2. 発注者が用意するもの\n", with: "\n第2条（発注者が用意するもの）\n")
      .replacingOccurrences(of: "\n3. 発注者が用意するものの安全対策\n", with: "\n第3条（発注者が用意するものの安全対策）\n")
      .replacingOccurrences(of: "\n1. 件名\n", with: "\n第1条（件名）\n")
    #expect(element("C2.provided-security", articles) != .met)
  }

  /// 「協議を経ずに…定められることはなく、当該協議の結果に基づいて…実施する」: a double negative
  /// states the consultation.
  @Test func aCaseThatNeverHappensTurnsItsNegationBack() {
    let text =
      Self.opening + """
        第3条（甲が準備するもの）
        甲は、本サービスを利用するための端末及びインターネット回線を準備する。
        ２　甲が準備する前項の端末及び回線のセキュリティ対策は、乙が主導する第5条の協議を経ずに甲の判断のみで定められることはなく、当該協議の結果に基づいて甲が実施する。

        第5条（協議）
        乙は、年に一度、甲との協議を主催し、必要な安全対策を提示する。
        """
    #expect(element("C2.provided-security", text) == .met)
    let denied = text.replacingOccurrences(
      of: "乙が主導する第5条の協議を経ずに甲の判断のみで定められることはなく、当該協議の結果に基づいて甲が実施する",
      with: "第5条の協議を経ずに甲の判断のみで定め、甲が実施する")
    #expect(element("C2.provided-security", denied) != .met)
  }

  /// 「株式会社スカイネットワークス（以下「ネットワーク社」という。）」: a label of up to eight
  /// characters ending in 社 for a company's name is the vendor, so its own meeting is vendor-led.
  @Test func aLongerLabelEndingInShaIsTheVendor() {
    let text = """
      院内ネットワーク構築業務請負契約書

      ひばり台市立病院（以下「病院」という。）と株式会社スカイネットワークス（以下「ネットワーク社」という。）は、次のとおり契約する。

      第5条（病院が提供する設備）
      病院は、本件業務のため、配線盤室、分電盤からの電源及び既設の光ファイバー幹線を提供する。

      第6条（役割分担の協議）
      ネットワーク社は、基本設計の開始時に、病院が自ら実施すべき対策（前条の提供設備に係るものを含む。）の案を提示し、自らが主催する役割分担会議において病院と協議する。
      ２　前項の会議で合意した対策は病院が実施する。
      """
    let parties = review(text).contract.parties
    #expect(parties.contains { $0.label == "ネットワーク社" && $0.role == .vendor })
    #expect(element("C1.vendor-led", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「前条により甲が提供する物に係るセキュリティ対策は、甲乙協議のうえ…」 names the provided things
  /// again, but it is the clause that falls short (nobody leads the talks): the finding goes there,
  /// not to the article that lists what is provided.
  @Test func aProvidedThingsSecurityClauseIsWhereC2FallsShort() {
    let text =
      Self.opening + """
        第4条（甲が提供するもの）
        甲は、本システムの構築のため、サーバ室、サーバ用の電源及び院内LANの接続口を提供する。

        第5条（提供物の安全対策）
        前条により甲が提供する物に係るセキュリティ対策は、甲乙協議のうえ、その結果に従って甲が実施する。協議の時期及び方法は、その都度甲乙で定める。
        """
    #expect(element("C2.vendor-led", text) != .met)
    #expect(finding("C2", text)?.article == "5")
  }
}

extension ReadingAndLocationTests {
  /// 「機構は、送信端末及び回線について必要な安全対策の案を…提示し、会員施設と協議のうえこれを確定
  /// する」: the security of the provided things, named by what it is about.
  @Test func securityAboutTheTerminalAndLine() {
    let text =
      Self.opening + """
        第15条（送信端末）
        甲は、送信端末及び乙のサーバへ接続する回線を、自らの負担で用意する。
        ２　乙は、送信端末及び回線について必要な安全対策の案を甲に提示し、甲と協議のうえこれを確定する。
        ３　甲は、確定した案に従って安全対策を実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
  }

  /// A meeting the contract names (「レビュー会議」, defined as the meeting of 第10条) is led by
  /// whoever another paragraph says runs it (「当社は、…レビュー会議を主催し」); a party that only
  /// attends it and explains does not.
  @Test func aNamedMeetingIsLedByWhoeverRunsItElsewhere() {
    let text = """
      クラウドバックアップサービス利用規約

      株式会社カモメデータ（以下「当社」という。）は、会員施設に提供するサービスについて、この規約を定める。

      第1条（定義）
      この規約において、次の用語は以下の意味を有する。
      (1) 「レビュー会議」　第10条に定める会議

      第10条（レビュー会議）
      1. 当社は、会員施設が講ずべき対策の一覧を提示する。
      2. 当社は、前項の提示に基づき会員施設とのレビュー会議を主催し、会員施設が実施する事項を双方で合意して議事録に残す。

      第11条（会員施設が用意するもの）
      1. 会員施設は、エージェントを導入するサーバ、その電源及びインターネット回線を用意する。
      2. 前項のサーバ及び回線に係るセキュリティ対策は、レビュー会議で合意し、会員施設が実施する。
      """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    let attended = text.replacingOccurrences(
      of: "2. 当社は、前項の提示に基づき会員施設とのレビュー会議を主催し、会員施設が実施する事項を双方で合意して議事録に残す。",
      with: "2. 当社は、レビュー会議に出席し、前項の一覧を説明する。")
    #expect(element("C2.vendor-led", attended) != .met)
  }
}

extension ReadingAndLocationTests {
  /// Where several articles say the institution provides something, the one that deals with the
  /// security of those things without any consultation is where C2 falls short (DOMAIN.md §4), not the
  /// scope article that mentions them in passing.
  @Test func c2GoesWhereTheProvidedThingsSecurityIsLeftToOneSide() {
    let text =
      Self.opening + """
        第1条（本サービスの内容）
        乙は、甲のサーバを預かる区画、無停電電源装置を経由した電力及び空調を提供する。
        ２　本サービスには、甲が設置する機器の運用及び保守は含まれない。
        第4条（入館）
        甲の担当者は、乙の定める手続により入館する。
        第7条（甲の設置機器）
        甲は、区画に設置するサーバ、ネットワーク機器及び回線の終端装置（以下「甲設置機器」という。）を自ら用意し、搬入する。
        ２　甲設置機器のセキュリティ対策は、甲が自らの責任において行い、乙はこれに関与しない。
        """
    #expect(finding("C2", text)?.article == "7")
  }

  /// A 部会 the rules name (「セキュリティ部会」) is led by whoever another article says convenes it.
  @Test func aSectionalMeetingIsLedByWhoeverConvenesIt() {
    let text =
      Self.opening + """
        第5条（セキュリティ部会）
        乙は、四半期ごとにセキュリティ部会を招集し、議題及び資料を準備する。
        第7条（接続環境）
        甲は、本システムに接続する端末及び回線（以下「接続環境」という。）を自らの費用で用意する。
        ２　接続環境のセキュリティ対策は、乙が示す接続要件を基にセキュリティ部会で協議して定めた内容により、甲が実施する。
        """
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
  }

  /// 「…場所、電源、回線その他の設備を提供しない」 provides nothing; 「甲が供給する保存用媒体」 and 「甲が用意する
  /// ラック」 are provided things; a medium the institution receives from the vendor is not.
  @Test func settingsProvidedOrNotInOtherWords() {
    let none =
      Self.opening + """
        第2条（作業環境）
        甲は、本業務のために作業場所、電源、回線その他の設備を提供しない。乙は必要な機器を自ら手配する。
        """
    #expect(element("C2.provides", none) != .met)
    let supplied =
      Self.opening + """
        第2条（甲の用意するもの）
        甲は、サーバを収めるラックを用意し、アーカイブ用の保存用媒体を供給する。
        """
    #expect(element("C2.provides", supplied) == .met)
    let delivered =
      Self.opening + """
        第2条（納品物の検査）
        甲は、乙から電子化データを格納した記録媒体の納品を受けたときは、10日以内に検査する。
        """
    #expect(element("C2.provides", delivered) != .met)
  }

  /// 「これらの安全対策は、乙が…提示し、協議の上で決定した内容に基づき甲が実施する」「接続用機器等の防護」
  /// 「前号の貸与物の保護」: the security of the provided things in other words.
  @Test func theSecurityOfProvidedThingsInOtherWords() {
    let these =
      Self.opening + """
        第6条（作業環境の提供）
        甲は、乙の作業員のための作業机、業務用パソコン及び院内ネットワークへの接続を提供する。これらの安全対策は、乙が定例会で必要な措置を提示し、協議の上で決定した内容に基づき甲が実施する。
        """
    #expect(element("C2.provided-security", these) == .met)
    #expect(element("C2.vendor-led", these) == .met)
    let guarded =
      Self.opening + """
        第5条（甲の接続機器）
        １　甲は、閉域接続のためのＶＰＮルータ及び運用端末（以下「接続機器」という。）を自らの負担で用意する。
        ２　接続機器の防護については、乙が防護方針の案を起案して甲との協議に付し、合意された事項を甲が履行する。
        """
    #expect(element("C2.provided-security", guarded) == .met)
  }

  /// One provided thing secured in vendor-led talks and another 「…の責任において管理していただきます」:
  /// the second is left to the institution alone, which the talks on the first do not cure.
  @Test func oneProvidedThingLeftToTheInstitutionAlone() {
    let text =
      Self.opening + """
        第5条（甲が用意するもの）
        １　甲は、本サービスに必要なVPN装置、通信回線及び電源を用意する。
        ２　VPN装置の安全対策は、乙が示す方法を基に甲乙で協議して定め、甲が実施する。
        ３　通信回線については、甲の責任において管理する。
        """
    #expect(element("C2.provided-security", text) == .contradicted)
    #expect(finding("C2", text) != nil)
    let covered = text.replacingOccurrences(of: "３　通信回線については、甲の責任において管理する。", with: "")
      .replacingOccurrences(of: "VPN装置の安全対策は", with: "VPN装置、通信回線及び電源の安全対策は")
    #expect(element("C2.provided-security", covered) == .met)
  }

  /// Servers the institution carries into the vendor's data centre (搬入) are provided things, and
  /// 「搬入機器のセキュリティ対策は、乙がその責任において行う」 leaves their security to the vendor alone.
  @Test func carriedInEquipmentSecuredByTheVendorAlone() {
    let text =
      Self.opening + """
        第5条（搬入機器）
        １　甲は、自己の所有するサーバ及びネットワーク機器（以下「搬入機器」という。）を乙の施設に搬入する。
        ２　搬入機器のセキュリティ対策（物理的な保護、ファームウェアの管理）は、乙がその責任において行う。
        """
    #expect(element("C2.provides", text) == .met)
    #expect(element("C2.provided-security", text) == .contradicted)
    #expect(finding("C2", text) != nil)
  }
}

extension ReadingAndLocationTests {
  /// 「お客様は、…設備、回線、端末その他の物品を当社に提供する必要はありません。」 in polite terms of
  /// use provides nothing: C2's precondition is unmet and C2 is not raised (DOMAIN.md section 4, C2).
  @Test func politeTermsSayingNothingNeedBeProvided() {
    let text = """
      クラウド保管サービス利用規約

      株式会社ミズナラクラウド（以下「当社」という。）と本サービスを利用する医療機関（以下「お客様」という。）は、次のとおり定めます。

      第5条（お客様の準備）
      お客様は、本サービスの利用にあたり、設備、回線、端末その他の物品を当社に提供する必要はありません。
      """
    #expect(element("C2.provides", text) != .met)
    #expect(finding("C2", text) == nil)
    let needed = text.replacingOccurrences(of: "当社に提供する必要はありません。", with: "自らの費用で用意します。")
    #expect(element("C2.provides", needed) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「前項第1号の回線の安全対策は…」 where 前項 lists three provided things: the security of the other
  /// two is nowhere settled (DOMAIN.md section 4, C2: the security of what the institution provides).
  @Test func securityOfOneListedItemLeavesTheOthersOut() {
    let text =
      Self.opening + """
        第7条（甲が用意するもの）
        １　甲は、保守のために次のものを用意する。
        （１）リモート保守用のルータ及び回線
        （２）サーバを置くラックと電源
        （３）バックアップ用の記録媒体
        ２　前項第１号のルータ及び回線の安全対策は、乙が案を示し、甲乙協議のうえ決定した内容に従い甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .unmet)
    #expect(finding("C2", text) != nil)
    // Naming every item (前項各号) covers them all.
    let all = text.replacingOccurrences(of: "前項第１号のルータ及び回線", with: "前項各号に掲げるもの")
    #expect(element("C2.provided-security", all) == .met)
    // Naming all three by number covers them all too.
    let three = text.replacingOccurrences(of: "前項第１号のルータ及び回線", with: "前項第１号から第３号までのもの")
    #expect(element("C2.provided-security", three) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「取込PC及び院内回線の安全対策は、第6条により甲と乙が決めた内容に従い、甲が実施する」, where
  /// 第6条 has the vendor draft the measures for the talks: the provided things' security is settled in
  /// the vendor-led talks of 第6条 (DOMAIN.md section 4, C2).
  @Test func providedThingsSettledByWhatAnotherArticleDecided() {
    let text =
      Self.opening + """
        第5条（甲が用意するもの）
        1　甲は、取込PC及び院内回線を自らの費用で用意する。
        2　取込PC及び院内回線の安全対策は、第6条により甲と乙が決めた内容に従い、甲が実施する。

        第6条（年次見直し）
        乙は、毎年1回、甲が講ずべき安全対策の案を作成して甲に示し、甲と協議して当年度の対策を決める。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
    // Decided by the institution alone, nothing is settled with the vendor.
    let alone = text.replacingOccurrences(of: "第6条により甲と乙が決めた内容に従い", with: "甲が自ら決めた内容に従い")
    #expect(finding("C2", alone) != nil)
  }
}

extension ReadingAndLocationTests {
  /// 「お客様環境」 defined as the PCs, lines and router the clinic prepares: 「お客様は、お客様環境を…
  /// 用意し」 provides them; with nothing settled on their security, C2 is raised (DOMAIN.md section 4,
  /// C2). Settled in the vendor's liaison meeting (「連絡会において当社が示す…案を基に取り決めた」),
  /// it is not.
  @Test func providedThingsNamedByADefinedTerm() {
    let text = """
      クラウドサービス利用規約

      株式会社ソラカルテ（以下「当社」といいます。）が提供するサービスを利用する医療機関（以下「お客様」といいます。）に適用されます。

      第２条【定義】
      （１）「お客様環境」　お客様が本サービスを利用するために自ら用意する端末、院内ネットワーク、インターネット回線及びルータをいいます。

      第７条【お客様環境】
      １　お客様は、お客様環境を自らの費用で用意し、維持するものとします。
      """
    #expect(element("C2.provides", text) == .met)
    #expect(finding("C2", text) != nil)
    let settled =
      text + """
        ２　お客様環境の安全対策は、運用連絡会において当社の担当者が示す設定基準の案を基に取り決めた内容に従い、お客様が実施するものとします。
        """
    #expect(element("C2.provided-security", settled) == .met)
    #expect(element("C2.vendor-led", settled) == .met)
    #expect(finding("C2", settled) == nil)
  }
}

extension ReadingAndLocationTests {
  /// 「甲と乙は、前二項の手順を経て合意した分担表に記名する」: both parties settle, by signing, the
  /// vendor's draft of the measures for what the institution provides (DOMAIN.md section 4, C2).
  @Test func settledThroughTheStepsBeforeAndSignedByBoth() {
    let text =
      Self.opening + """
        第5条（甲の準備）
        甲は、乙の保守作業のため、院内の保守用端末1台及び乙の拠点と結ぶ専用回線を用意する。
        第6条（分担表）
        1 乙は、前条の端末及び専用回線に係るセキュリティ対策を含む分担表の原案を作成し、甲に示す。
        2 甲は、原案に対する意見を乙に伝え、乙は意見を踏まえた修正案を示す。
        3 甲と乙は、前二項の手順を経て合意した分担表に記名し、甲は分担表に従って対策を実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    // A table the institution only receives settles nothing jointly.
    let other = text.replacingOccurrences(
      of: "甲と乙は、前二項の手順を経て合意した分担表に記名し", with: "甲は、前二項の手順を経て乙から受け取った分担表を保管し")
    #expect(element("C2.provided-security", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「甲の用意する機器の安全管理は、甲が自らの責任と判断で行う」 leaves the provided things to the
  /// institution alone, whatever the talks on its other measures settle (DOMAIN.md section 4, C2).
  @Test func providedThingsLeftToTheInstitutionsOwnJudgement() {
    let text =
      Self.opening + """
        第5条（院内機器）
        1 甲は、本サービスの利用に必要な端末、無線LAN及びルータ（以下「院内機器」という。）を自己の費用で用意する。
        2 院内機器の安全管理は、甲が自らの責任と判断で行う。
        第6条（実施計画）
        1 乙は、甲の側で講ずべき安全対策の案を作成する。
        2 甲と乙は、前項の案と院内機器のセキュリティ対策について協議し、合意した対策を甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .contradicted)
    let other = text.replacingOccurrences(
      of: "2 院内機器の安全管理は、甲が自らの責任と判断で行う。\n", with: "")
    #expect(element("C2.provided-security", other) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…甲が用意する端末及び回線の安全対策については、必要に応じて協議するよう努める」: talks only tried
  /// for settle no split of the provided things' security; firm talks led by the vendor do
  /// (DOMAIN.md section 4, C2).
  @Test func talksOnlyTriedForSettleNothing() {
    let text =
      Self.opening + """
        第7条（甲の準備）
        １　甲は、本サービスの利用に必要な端末、インターネット回線及びルータを、自らの費用と責任で用意する。
        ２　前項により甲が用意する端末、回線及びルータの安全対策については、乙が案を示し、甲乙は必要に応じて協議するよう努める。
        """
    #expect(element("C2.provided-security", text) != .met)
    #expect(finding("C2", text) != nil)
    let firm = text.replacingOccurrences(
      of: "甲乙は必要に応じて協議するよう努める", with: "甲乙は協議して定め、甲がこれを実施する")
    #expect(element("C2.provided-security", firm) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…甲が講ずべき措置（…。ただし、前条の端末、回線及びルータに係る事項を除く。）を示し、甲と協議
  /// する」: talks that leave the provided things out settle nothing for them (DOMAIN.md section 4, C2).
  @Test func talksThatLeaveTheProvidedThingsOut() {
    let text =
      Self.opening + """
        第8条（甲の準備）
        甲は、閲覧用の端末、インターネット回線及びルータを自ら用意する。

        第9条（甲の措置の確認）
        乙は、毎年度、甲が講ずべき具体的な措置（利用者IDの管理、閲覧記録の点検等。ただし、前条の端末、回線及びルータに係る事項を除く。）の案を示し、甲と協議して安全対策を定める。
        """
    #expect(element("C2.provided-security", text) != .met)
    let included = text.replacingOccurrences(
      of: "ただし、前条の端末、回線及びルータに係る事項を除く。", with: "前条の端末、回線及びルータに係る事項を含む。")
    #expect(element("C2.provided-security", included) == .met)
  }

  /// Security of the provided equipment settled 「第７条の…合意書で定める」 follows that article's
  /// consultation; talks on 「前項の各設備」 are about the provided things, not the hospital's own measures.
  @Test func providedThingsSettledInTheRecordAnotherArticleMakes() {
    let text =
      Self.opening + """
        第5条（甲が用意するもの）
        甲は、遠隔保守用の回線、乙が指定するVPNルータ及び外付けディスクを用意する。これらの安全対策は、第7条の甲側対策合意書で定める。

        第7条（甲側対策合意書）
        甲と乙は、乙が開く報告会で乙の示す案について協議し、合意した対策を甲側対策合意書に記載して記名する。
        """
    #expect(element("C2.provided-security", text) == .met)
    let elsewhere = text.replacingOccurrences(of: "第7条の甲側対策合意書で定める", with: "甲が自ら定める")
    #expect(element("C2.provided-security", elsewhere) != .met)
  }

  @Test func talksOnEachProvidedFacilityAreNoOwnMeasures() {
    let text =
      Self.opening + """
        第6条（甲が用意する設備）
        1 甲は、サーバ室、電源及び院内LANを用意する。
        2 前項の各設備のセキュリティ対策（サーバ室の入退室管理、院内LANの分離等）は、乙が主導する設備協議において具体的に定め、甲が実施する。
        """
    #expect(element("C1.decided-jointly", text) != .met)
    #expect(element("C2.provided-security", text) == .met)
  }

  /// Security of lent equipment named by its short name (「貸与品のセキュリティ設定は、…乙が示す案をもとに
  /// 両者が協議して定め」), and of 「前項の設備」 settled at the vendor's 協議会: both meet C2.
  @Test func providedThingsByTheirShortNameOrSettledAtAMeeting() {
    let lent =
      Self.opening + """
        第6条（貸与品）
        1 甲は、乙に作業場所、運用端末及び業務用携帯電話（以下「貸与品」という。）を無償で貸与する。
        2 貸与品のセキュリティ設定（端末のOSの更新、利用者IDの発行と停止等）は、乙が示す案をもとに両者が協議して定め、甲が実施する。
        """
    #expect(element("C2.provided-security", lent) == .met)
    #expect(element("C2.vendor-led", lent) == .met)
    let meeting =
      Self.opening + """
        第5条（甲の提供する設備）
        １　甲は、電源、空調、サーバの設置スペース及び保守用回線を提供する。
        ２　前項の設備のセキュリティ対策は、乙が年2回招集する設備協議会で定め、甲が実施する。
        """
    #expect(element("C2.provided-security", meeting) == .met)
    #expect(element("C2.vendor-led", meeting) == .met)
    let alone = meeting.replacingOccurrences(of: "乙が年2回招集する設備協議会で定め", with: "甲が自ら定め")
    #expect(element("C2.provided-security", alone) != .met)
  }

  /// 「前項のものに係るセキュリティ対策の定め方は、前条と同様とする」 follows the article before, where the
  /// vendor proposes and both decide; a 仕様書's 「3.2.1に掲げる設置場所、院内LAN等に係るセキュリティ対策」
  /// names the provided things by the section that lists them.
  @Test func providedThingsSettledLikeTheArticleBeforeOrNamedBySection() {
    let same =
      Self.opening + """
        第4条（甲側の対策）
        １　甲が自ら講ずべきセキュリティ対策は、乙が提案し、甲と協議して定める。

        第5条（甲が用意するもの）
        １　甲は、サーバの設置場所、電源、院内LANの配線及びインターネット回線を用意する。
        ２　前項のものに係るセキュリティ対策の定め方は、前条と同様とする。
        """
    #expect(element("C2.provided-security", same) == .met)
    #expect(element("C2.vendor-led", same) == .met)
    let section = """
      保守業務仕様書

      医療法人ゆうなぎ会（以下「発注者」という。）と株式会社ユウナギ（以下「受注者」という。）は、この仕様書のとおり合意する。

      1. 目的
      1.1 受注者は、画像システムを導入する。
      2. 発注者が用意するもの
      2.1 発注者は、サーバ設置場所、電源、院内LANの接続ポート及び保守用回線を用意する。
      2.2 2.1に掲げる設置場所、院内LAN等に係るセキュリティ対策は、受注者が招集し進行する環境整備打合せにおいて具体的内容を定め、発注者がこれを実施する。
      """
    #expect(element("C2.provided-security", section) == .met)
  }

  /// 「…端末をなくしたときは、甲は乙に知らせる。乙は…代わりの機械を据え付ける。」: the only sentence that
  /// says who puts something in place names the vendor, though the paragraph opens with the hospital
  /// (dev20); the hospital answering for its own terminals and LAN is what it provides.
  @Test func whoPutsThingsInPlaceIsTheSubjectOfThatSentence() {
    let vendorInstalls =
      Self.opening + """
        第3条（専用端末）
        1 本業務に用いるタブレット端末は、乙の所有とし、乙が管理する。
        2 タブレット端末をなくしたときは、甲は速やかに乙に知らせる。乙は遠隔で初期化し、代わりの機械を設置する。
        """
    #expect(element("C2.provides", vendorInstalls) != .met)
    let hospitalAnswers =
      Self.opening + """
        第3条（利用環境）
        甲は、本サービスを利用する甲の端末、院内LAN及びインターネット回線について責任を負う。
        """
    #expect(element("C2.provides", hospitalAnswers) == .met)
  }

  /// A list of measures both parties adopt (「両者が採択した対策一覧」) is a joint decision; one the
  /// vendor drew up alone is not (dev21 b_15).
  @Test func measuresBothPartiesAdopt() {
    let text =
      Self.opening + """
        第8条（甲が用意するもの）
        1 甲は、装置の設置場所、電源及び回線を用意する。
        2 前項のものの安全対策は、乙が開催する検討の場で両者が採択した対策一覧に従い、甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    let vendorAlone = text.replacingOccurrences(of: "乙が開催する検討の場で両者が採択した", with: "乙が作成した")
    #expect(element("C2.provided-security", vendorAlone) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「前項の設備の安全対策は、乙が示す案に基づき甲乙で定め、甲が実施する」 meets C2 (dev22 b_08, b_20);
  /// 「前項のうち電源の安全対策（…）は、…」 selects one of the things provided and leaves the rest out
  /// (dev22 b_16), while a selection of several (「前項のうち稼働後も使う電源、配線及びラックの…」) does not.
  @Test func providedThingsSettledByBothOrOnlyOneOfThem() {
    let text =
      Self.opening + """
        第6条（甲が用意する設備）
        1 甲は、本業務のため、サーバを置くラック、電源及び院内LANの接続口を乙に提供する。
        2 前項の設備の安全対策（ラックの施錠、接続口の管理等）は、乙が示す案に基づき甲乙で定め、甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    let one = text.replacingOccurrences(of: "2 前項の設備の安全対策", with: "2 前項のうち電源の安全対策")
    #expect(element("C2.provided-security", one) != .met)
    let several = text.replacingOccurrences(of: "2 前項の設備の安全対策", with: "2 前項のうち稼働後も使う電源、ラック及び接続口の安全対策")
    #expect(element("C2.provided-security", several) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、…甲が実施すべき安全対策の案を示し、甲と協議して院内運用規則を定める。」 and elsewhere 「利用
  /// 環境に係る安全対策は、院内運用規則に定めるところに従い、甲が実施する。」: rules the talks draw up,
  /// named without brackets, carry those talks to where they are followed (dev22 a_04, b_04); rules
  /// the hospital draws up alone do not.
  @Test func rulesTheTalksDrawUpCarryThemWhereFollowed() {
    let text =
      Self.opening + """
        第4条（利用環境）
        1 甲は、本サービスの利用環境（端末及びインターネット回線）を自らの費用で準備する。
        2 利用環境に係る安全対策は、院内運用規則に定めるところに従い、甲が実施する。
        第6条（導入支援）
        乙は、導入支援において、甲が実施すべき安全対策（端末の更新、回線用ルータの設定等）の案を示し、甲と協議して院内運用規則を定める。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    let alone = text.replacingOccurrences(
      of: "乙は、導入支援において、甲が実施すべき安全対策（端末の更新、回線用ルータの設定等）の案を示し、甲と協議して院内運用規則を定める。",
      with: "甲は、甲が実施すべき安全対策（端末の更新、回線用ルータの設定等）について、院内運用規則を自ら定める。")
    #expect(element("C2.provided-security", alone) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「甲が…の写しを求めたときは、乙は、…保管データを…提供する」: the vendor provides, the hospital only
  /// asks in the condition; the hospital provides nothing for the work (C2 does not apply). Where the
  /// key is in the condition (「甲が…を提供したときは、乙は…」), the hospital provides.
  @Test func theOneWhoAsksInTheConditionDoesNotProvide() {
    let text =
      Self.opening + """
        第8条（データの返却）
        甲が保管データの写しを求めたときは、乙は、甲が指定する時点の保管データを、専用回線を経由して5営業日以内に提供する。
        """
    #expect(element("C2.provides", text) != .met)
    #expect(finding("C2", text) == nil)
    let provides = text.replacingOccurrences(
      of: "甲が保管データの写しを求めたときは、乙は、甲が指定する時点の保管データを、専用回線を経由して5営業日以内に提供する。",
      with: "甲がサーバ室の電源及び保守用の回線を提供したときは、乙は、その受領を書面で甲に知らせる。")
    #expect(element("C2.provides", provides) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「院内提供物の保護については、乙が前条の会議に議題として提出し、同会議で両者が合意した方法で甲が行う」:
  /// protecting the provided things is their security, and the vendor that puts it on the agenda leads
  /// (C2). Put on the agenda by the hospital, it does not.
  @Test func protectionPutOnTheAgendaByTheVendor() {
    let text =
      Self.opening + """
        第6条（点検会議）
        乙は、甲の担当者との点検会議を四半期ごとに主宰する。

        第7条（甲が提供するもの）
        １　甲は、本業務のため、サーバの設置場所、電源及び保守用の回線（以下「院内提供物」という。）を提供する。
        ２　院内提供物の保護については、乙が前条の会議に議題として提出し、同会議で両者が合意した方法で甲が行う。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
    let hospital = text.replacingOccurrences(of: "乙が前条の会議に議題として提出し", with: "甲が前条の会議に議題として提出し")
    #expect(element("C2.vendor-led", hospital) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「本サービスは、…の機能を、インターネット回線を通じて甲に提供する」: with no party acting, the
  /// hospital the service is provided to provides nothing (C2 does not arise; DOMAIN.md C2 is about
  /// what the institution provides). Where the hospital provides the line itself, C2 arises.
  @Test func whatIsProvidedToTheHospitalIsNotProvidedByIt() {
    let text =
      Self.opening + """
        第2条（サービスの内容）
        本サービスは、予約受付、問診及び会計連携の機能を、インターネット回線を通じて甲に提供するものとする。
        """
    #expect(element("C2.provides", text) != .met)
    #expect(finding("C2", text) == nil)
    let hospitalProvides = text.replacingOccurrences(
      of: "本サービスは、予約受付、問診及び会計連携の機能を、インターネット回線を通じて甲に提供するものとする。",
      with: "本サービスの利用に必要なインターネット回線及び端末は、甲が自らの費用で提供するものとする。")
    #expect(element("C2.provides", hospitalProvides) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「前項第一号及び第二号により甲が提供するもの」 where the items left out are papers and data (「…に関する
  /// 資料」「移行するデータ」): every thing whose security is in question is named (C2 met). Where an item
  /// left out is a thing (a terminal), one covered of several is not enough.
  @Test func itemsLeftOutThatArePapersLeaveNoThingUncovered() {
    let text =
      Self.opening + """
        第6条（甲の提供するもの）
        甲は、本業務の遂行に必要な次の各号に掲げるものを乙に提供する。
        一 院内における作業場所及び作業用の電源
        二 院内LANの接続口
        三 分析装置の接続仕様に関する資料
        四 旧システムから移行するデータ
        ２ 前項第一号及び第二号により甲が提供するものに係る安全対策は、乙がその案を作成して甲との協議を主導し、当該協議で定めたところに従い甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(finding("C2", text) == nil)
    let aTerminalLeftOut = text.replacingOccurrences(of: "三 分析装置の接続仕様に関する資料", with: "三 分析装置に接続する検査用の端末")
    #expect(element("C2.provided-security", aTerminalLeftOut) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「前項により甲が用意するものを保護するための措置は、乙が開く打合せにおいて…合意して定める」: the
  /// measures to protect the provided things are their security (C2).
  @Test func measuresToProtectTheProvidedThingsAreTheirSecurity() {
    let text =
      Self.opening + """
        第6条（甲の用意するもの）
        1 甲は、本システムへの接続のため、ゲートウェイ装置の設置場所と電源、院内LANへの接続及び閲覧端末を用意する。
        2 前項により甲が用意するものを保護するための措置は、乙が甲ごとに開く導入前の打合せにおいて、乙の作成するチェック項目を確認しながら甲乙が合意して定める。甲は、合意した措置を実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(finding("C2", text) == nil)
    let useOnly = text.replacingOccurrences(of: "前項により甲が用意するものを保護するための措置は", with: "前項により甲が用意するものの使用の日程は")
    #expect(element("C2.provided-security", useOnly) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「回線、ルーター、置き場所のセキュリティ対策は、乙が案を出して話し合いを進め…」: the place where the
  /// router stands is a provided thing, and its security is settled in talks the vendor leads (C2 met).
  @Test func thePlaceWhereTheRouterStandsIsAProvidedThing() {
    let text =
      Self.opening + """
        第6条（甲が用意するもの）
        (1) 甲は、リモート保守に使うインターネット回線とリモート保守用ルーターを置く場所を用意する。
        (2) 回線、ルーター、置き場所のセキュリティ対策（ルーターのパスワード、置き場所の鍵など）は、乙が案を出して話し合いを進め、その結果にしたがって甲が行う。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
    let hospitalAlone = text.replacingOccurrences(
      of: "乙が案を出して話し合いを進め、その結果にしたがって甲が行う。", with: "甲が自らの判断と責任で行う。")
    #expect(finding("C2", hospitalAlone) != nil)
  }

  /// 「本条は、第3条第2項に定める甲環境のセキュリティには及ばない。」: the talks of the article leave the
  /// provided things out (the hospital secures them alone), so a later article recording those talks
  /// secures nothing provided; where the talks take them in, it does.
  @Test func talksThatDoNotExtendToTheProvidedThings() {
    let text =
      Self.opening + """
        第3条（甲の環境）
        １　甲は、院内LAN、電源及び機器の設置場所（以下「甲環境」という。）を用意する。
        ２　甲環境の物理的及び論理的なセキュリティは、甲の責任で確保する。

        第6条（運用上の対策）
        １　乙は、甲が本システムの運用において講ずべき安全対策について、年に二回、乙が主宰する打合せで甲と具体策を取り決める。
        ２　甲は、取り決めた具体策を実行する。
        ３　本条は、第3条第2項に定める甲環境のセキュリティには及ばない。

        第8条（記録）
        第6条の打合せの結果は、乙が記録を作成して甲の確認を受け、双方が保管する。
        """
    #expect(element("C2.provided-security", text) != .met)
    #expect(finding("C2", text) != nil)
    let extends = text.replacingOccurrences(
      of: "３　本条は、第3条第2項に定める甲環境のセキュリティには及ばない。",
      with: "３　前項の打合せでは、甲環境のセキュリティ対策も取り決める。")
    #expect(element("C2.provided-security", extends) == .met)
  }

  /// 「甲は、…端末、カメラ及びインターネット回線を、自らの費用と責任で調達し、維持する。」: procuring the
  /// things is providing them, so C2 applies and, with their security left to the hospital alone, is
  /// raised; where the hospital only uses them, nothing is provided.
  @Test func procuringTheThingsIsProvidingThem() {
    let text =
      Self.opening + """
        第3条（甲の準備）
        １　甲は、遠隔診療に必要な端末、カメラ及びインターネット回線を、自らの費用と責任で調達し、維持する。
        ２　甲は、これらの機器の安全について、自らの判断で必要な措置を講じる。
        """
    #expect(element("C2.provides", text) == .met)
    #expect(finding("C2", text) != nil)
    let onlyUses = text.replacingOccurrences(of: "自らの費用と責任で調達し、維持する", with: "乙の指示に従って使う")
    #expect(element("C2.provides", onlyUses) != .met)
  }

  /// A definitions list read as one paragraph: 「「更新版」とは、乙が提供する…」 comes before
  /// 「「院内設備」とは、甲が用意する…回線及び電源をいう。」; the second item says the institution
  /// provides things, whoever provides something else before it (DOMAIN.md section 4, C2).
  @Test func providedThingsDefinedAfterTheVendorsOwnDelivery() {
    let text =
      Self.opening + """
        第1条（定義）
        本契約において、次の用語は以下の意味を有する。
        (1)「更新版」とは、乙が本ソフトウェアについて提供する修正プログラムをいう。
        (2)「院内設備」とは、甲が本ソフトウェアを動かすために用意する解析用サーバー、院内回線及び電源をいう。

        第2条（許諾）
        乙は、甲に対し、本ソフトウェアの使用を許諾する。
        """
    #expect(element("C2.provides", text) == .met)
    // The same list where the institution provides nothing: the vendor's own delivery is no
    // provided thing.
    let none = text.replacingOccurrences(
      of: "(2)「院内設備」とは、甲が本ソフトウェアを動かすために用意する解析用サーバー、院内回線及び電源をいう。",
      with: "(2)「解析用サーバー」とは、乙が用意し、その施設に置く解析用サーバー、回線及び電源をいう。")
    #expect(element("C2.provides", none) != .met)
  }
}
