import Testing

@testable import BunkaiCore

/// The liability article read as DOMAIN.md section 4 (D1) asks: who compensates, the vendor's efforts
/// named by reference, and an amending 覚書 that replaces the article with quoted text.
extension ReadingAndLocationTests {
  /// 「…を利用する医療機関（以下「参加医療機関」という。）」 names the institution under a longer label;
  /// 「財団と参加医療機関が誠実に協議したうえで、…財団が賠償する」: both consult, the vendor compensates.
  @Test func bothConsultAndTheVendorCompensates() {
    let text = """
      地域連携サービス利用規程

      第1条（趣旨）
      この規程は、一般財団法人あさなぎ医療ネット財団（以下「財団」という。）が提供する連携サービスの利用について、財団と連携サービスを利用する医療機関（以下「参加医療機関」という。）の権利義務を定める。

      第5条（安全管理）
      財団は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従い、連携サービスの安全管理を行う。

      第14条（損害賠償）
      財団は、この規程に違反して参加医療機関に損害を与えたときは、当該年度の利用料の額を上限として賠償する。
      ２　前項の上限は、財団に故意又は重大な過失がある場合、及び財団が第5条の安全管理を怠っていた場合には適用しない。
      ３　第5条の安全管理の不備により参加医療機関に生じた損害は、財団と参加医療機関が誠実に協議したうえで、逸失利益を含めて財団が賠償する。
      """
    #expect(review(text).contract.parties.contains { $0.label == "参加医療機関" && $0.role == .institution })
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(element("D1.deficient-compensable", text) == .met)
    #expect(finding("D1", text) == nil)
    // The main clause's subject decides, not the pair who consult: with the roles swapped there, the
    // vendor compensates nothing.
    let institutionPays = text.replacingOccurrences(
      of: "逸失利益を含めて財団が賠償する", with: "逸失利益を含めて参加医療機関が賠償する")
    #expect(element("D1.deficient-compensable", institutionPays) != .met)
  }

  /// 「原契約第17条を削り、次の条文に置き換える。「（損害賠償）第17条 …第8条の措置を怠っていた…」」:
  /// the quoted article is the 覚書's text, and its 第8条 is the contract's.
  @Test func aMemorandumThatReplacesTheLiabilityArticle() {
    let text =
      Self.opening + """
        第8条（安全管理）
        乙は、本業務の安全管理措置を、「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づき講ずる。

        第17条（損害賠償）
        乙が甲に損害を与えたときの賠償額は、年額の委託料を上限とし、乙はいかなる場合も逸失利益について責任を負わない。

        第18条（管轄）
        本契約に関する訴えは、甲の所在地を管轄する地方裁判所を第一審の専属的合意管轄裁判所とする。

        覚書

        甲と乙は、前記の契約（以下「原契約」という。）の損害賠償について、次のとおり合意する。

        第1条（損害賠償の見直し）
        原契約第17条を削り、次の条文に置き換える。
        「（損害賠償）
        第17条　乙の責めに帰すべき事由により甲に損害を与えたときは、乙は、年額の委託料を上限としてこれを賠償する。
        ２　前項の上限は、乙に故意又は重大な過失があるとき、又は乙が第8条の措置を怠っていたときは、適用しない。
        ３　第8条の措置の不備により甲に生じた損害については、甲乙協議のうえ、逸失利益を含め乙が賠償する。」
        """
    let contract = review(text).contract
    #expect(contract.articles.filter { $0.part != nil }.map(\.number) == ["1"])
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(element("D1.deficient-compensable", text) == .met)
    #expect(finding("D1", text) == nil)
  }

  /// Work on the institution's instructions, in other words (「本院が指示した作業手順に従って行った作業」
  /// 「顧客の指示若しくは設定…に起因する不具合」), is the exemption D2 qualifies.
  @Test func instructionsInOtherWords() {
    let exemptions = [
      "乙は、甲が指示した作業手順に従って行った作業により生じた障害については、その責を負わない。",
      "乙は、甲の指示若しくは設定、又は甲が選択した他社の製品に起因する本件システムの不具合について、責任を負わない。",
      // 「依頼どおりに行った作業」 is work done on instruction; 「甲の機器上のソフトウェア」 is software the
      // vendor did not designate; 「責めに帰さない」 exempts as 「責任を負わない」 does.
      "乙は、甲の依頼どおりに行った設定変更に起因する障害については、責任を負わない。",
      "乙は、甲の機器上のソフトウェアに起因して生じた障害について、責任を負わない。",
      "甲の指示のとおりに乙が行った作業に起因する不具合は、乙の責めに帰さないものとする。",
      // Politer and longer refusals of liability, and software the institution installed itself.
      "乙は、乙が指定していないソフトウェアが原因の障害については、責任を負いかねます。",
      "乙は、甲の指示によって乙が変更した設定に起因する障害について、一切の責任を負うものではありません。",
      "乙は、甲が端末にインストールしたソフトウェアに起因する障害について、責任を負いません。",
      "甲の指示による作業によって生じた障害は、乙の責任としない。",
      "乙は、第三者ソフトウェアの欠陥に起因して生じた不具合について、一切責任を負わない。",
      // A warranty that leaves out faults from such software exempts the vendor from them.
      "乙は、検収後1年以内に通知された不具合を無償で修補する。ただし、乙が指定していないソフトウェアを甲が導入したことに起因するものはこの限りでない。",
      // The institution's own OS updates, other makers' products, apps its staff installed, and plain
      // words of refusal (dev30).
      "乙は、甲が行った受付端末のOSのアップデートに起因する不具合について、責任を負わない。",
      "乙は、甲が本装置に接続した他社製の読取機に起因する障害については、責任を負わない。",
      "乙は、甲が別途購入した第三者の製品に起因する障害について、責任を負わない。",
      "乙は、甲の職員が端末に独自にインストールしたアプリに起因する不具合について、責任を負わない。",
      "乙は、甲が乙の了解なく端末のOSを更新したことにより生じた障害については、責任を負わない。",
      "次のことが原因で起きたトラブルは、乙は責任を持てません。甲が自分でしたパソコンの設定の変更。",
    ]
    for exemption in exemptions {
      let text =
        Self.opening + """
          第10条（免責）
          \(exemption)
          """
      #expect(element("D2.exemption", text) == .met, "\(exemption)")
      #expect(finding("D2", text)?.article == "10", "\(exemption)")
    }
  }

  /// 「当社が別紙1の基準に従った安全管理を怠っていたとき」: a numbered annex is read where it is named,
  /// and only that one.
  @Test func aNumberedAnnexNamedInTheCarveOut() {
    let text =
      Self.opening + """
        第8条（損害賠償）
        乙の賠償責任は、事故発生前の1年間に甲が支払った委託料の合計額を上限とする。
        ２　次の場合には、前項の上限を適用しない。
        一　乙に故意又は重大な過失があるとき
        二　乙が別紙1の基準に従った安全管理を怠っていたとき
        ３　前項第二号の場合に甲が被った損害は、逸失利益を含めて乙が賠償する。

        別紙1　安全管理の基準
        乙は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づき安全管理を行う。

        別紙2　作業の日程
        定期点検は毎月第二火曜日に行う。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    let other = text.replacingOccurrences(of: "乙が別紙1の基準に従った", with: "乙が別紙2の日程に従った")
    #expect(element("D1.gl-efforts", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// D1 (DOMAIN.md §4) in other words: the cap set aside where the vendor 「第7条の注意を欠いたとき」
  /// (第7条 makes the guideline-based care its duty), and the damage then paid in full, 「甲が得られ
  /// なかった利益を含む」, by the vendor after talks both hold (「甲と乙が誠実に協議のうえ、…甲が被った
  /// 損害の全額を乙が賠償する」).
  @Test func carveOutAndCompensationInOtherWords() {
    let text =
      Self.opening + """
        第7条（安全管理）
        乙は、本業務に係る安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づき、善良な管理者の注意をもって行う。
        第8条（損害賠償）
        乙が甲に損害を与えた場合の賠償額は、契約金額を限度とする。ただし、乙に故意若しくは重大な過失があるとき、又は第7条の注意を欠いたときは、この限りでない。
        ２　前項ただし書に該当する場合は、甲と乙が誠実に協議のうえ、甲が得られなかった利益を含め、甲が被った損害の全額を乙が賠償する。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(element("D1.deficient-compensable", text) == .met)
    #expect(finding("D1", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// The software the vendor designated, in other words: what it set out as the operating
  /// environment (「乙が動作環境として示したOS…（以下「動作環境ソフトウェア」という。）」) or allowed
  /// after checking (「乙が動作を確認して使用を認めたソフトウェア」). An exemption tied to the talks the
  /// vendor leads on their vulnerabilities meets D2 (DOMAIN.md §4).
  @Test func designatedSoftwareInOtherWords() {
    let designations = [
      "乙が本システムの動作環境として示したOS及びデータベース（以下「動作環境ソフトウェア」という。）",
      "乙が動作を確認して使用を認めたソフトウェア及びOS（以下「動作環境ソフトウェア」という。）",
    ]
    for designation in designations {
      let text =
        Self.opening + """
          第7条（脆弱性と免責）
          \(designation)に脆弱性が判明したときは、乙は自ら対処案をまとめて甲に提示し、甲と協議のうえ対処を実施する。
          ２　乙は、甲の指示により行った作業に起因する障害については責任を負わない。ただし、動作環境ソフトウェアの脆弱性に起因する障害については、乙が前項の対処を行っている場合に限る。
          """
      #expect(element("D2.designated-vuln", text) == .met, "\(designation)")
      #expect(finding("D2", text) == nil, "\(designation)")
    }
  }
}

extension ReadingAndLocationTests {
  /// 「別紙仕様書第2節に定める安全管理を行っていた場合に限り」: the cap's condition names a section of
  /// the annexed specification, numbered 1. / 2.; the guideline that section names is the basis of
  /// the efforts (D1), and without it there is none.
  @Test func theCapsConditionNamesASectionOfTheAnnexedSpecification() {
    let text =
      Self.opening + """
        第9条（損害賠償）
        乙が甲に賠償する損害の額は、委託料の総額を上限とする。
        ２　前項の上限は、乙が別紙仕様書第2節に定める安全管理を適切に行っていた場合に限り適用し、乙に故意又は重大な過失があるときは適用しない。
        ３　乙の安全管理が不十分であったために生じた損害は、甲乙協議のうえ、逸失利益を含めて乙が賠償する。

        別紙　仕様書

        1. 対象
        1.1 本仕様書は、電子カルテの保守作業を対象とする。

        2. 安全管理
        2.1 乙は、保守作業における安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して行う。
        2.2 乙は、作業記録を作業の都度作成する。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(finding("D1", text) == nil)
    let ownRules = text.replacingOccurrences(
      of: "経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して",
      with: "乙の社内規程に従って")
    #expect(element("D1.gl-efforts", ownRules) != .met)
  }
}

extension ReadingAndLocationTests {
  /// The measure for a weakness found in the designated software, in plain words (「必要な手当てを決めて
  /// 実行」「対処を決めて行う」), is a measure (D2) as 対策 is.
  @Test(arguments: ["必要な手当てを決めて実行している", "取るべき対処を決めて行っている"])
  func theMeasureInPlainWords(measure: String) {
    let text =
      Self.opening + """
        第8条（責任を負わない場合）
        乙は、乙が使用を指定していないソフトウェアが原因で起きた不具合については、責任を負わない。
        ２　ただし前項は、乙が指定したソフトウェアに脆弱性が見つかったときに、乙が甲との話合いを呼びかけて進め、\(measure)ことを前提とする。
        """
    #expect(element("D2.designated-vuln", text) == .met)
    #expect(finding("D2", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// The exemption covers software and OS the vendor did not designate, but its condition names only
  /// the designated OS (「乙が指定したＯＳについて脆弱性が公表された場合」): the designated software's
  /// weaknesses are outside it (D2). 「ＯＳ等」 reaches further, and talks held only when the
  /// institution asks are not led by the vendor.
  @Test func aConditionOnTheDesignatedOSAlone() {
    let text =
      Self.opening + """
        第11条（免責）
        乙は、乙が指定していないソフトウェア又はＯＳに起因する障害については責任を負わない。
        ２　前項の規定は、乙が指定したＯＳについて脆弱性が公表された場合、乙が甲との協議を主導して必要な対策を決め、これを実施していることを前提とする。
        """
    #expect(element("D2.designated-vuln", text) != .met)
    #expect(finding("D2", text)?.article == "11")
    let osAndSoOn = text.replacingOccurrences(of: "乙が指定したＯＳについて", with: "乙が指定したＯＳ等について")
    #expect(element("D2.designated-vuln", osAndSoOn) == .met)
    #expect(finding("D2", osAndSoOn) == nil)
    let onRequest = osAndSoOn.replacingOccurrences(
      of: "乙が甲との協議を主導して必要な対策を決め", with: "甲から求めがあったときに限り、乙が甲との協議を主導して必要な対策を決め")
    #expect(element("D2.vendor-led", onRequest) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…乙の情報セキュリティ対策が2省ガイドラインに照らして不十分であったことにより損害が生じた場合には
  /// 適用せず」: the cap holds only where the guideline's measures were sufficient (D1's efforts).
  @Test func measuresFoundWantingAgainstTheGuideline() {
    let text =
      Self.opening + """
        第12条（損害賠償）
        乙は、本契約に関して甲に生じた損害を、委託料の額を限度として賠償する。
        ２　前項の限度額は、乙に故意又は重過失がある場合、又は乙の情報セキュリティ対策が2省ガイドラインに照らして不十分であったことにより損害が生じた場合には適用せず、後者の場合、両者で誠実に協議して逸失利益を含む損害を乙が賠償する。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(finding("D1", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// 「添付　…サービス仕様書（抜粋）」 after the articles is a part of its own, and 「仕様書第3章に定める安全
  /// 管理を怠ったとき」 names its section 3: the guideline named there is the basis of the efforts (D1).
  @Test func theCapsConditionNamesAChapterOfTheAttachedSpecification() {
    let text =
      Self.opening + """
        第9条（損害賠償）
        乙が甲に賠償する損害の額は、直近1年間の委託料を上限とする。
        ２　乙に故意又は重大な過失があるとき、及び乙が仕様書第3章に定める安全管理を怠ったことにより損害が生じたときは、前項の上限は適用しない。この場合、乙は逸失利益を含めて損害を賠償する。

        第10条（管轄）
        本契約の紛争は、甲の所在地を管轄する地方裁判所を専属管轄とする。

        添付　カモメ保守サービス仕様書（抜粋）
        1. 対象
        1.1 本仕様書は、電子カルテの保守作業を対象とする。
        2. 窓口
        2.1 平日9時から18時まで受け付ける。
        3. 安全管理
        3.1 乙は、保守作業における安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して行う。
        3.2 乙は、作業記録を作業の都度作成する。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(finding("D1", text) == nil)
    let contract = ContractParser.parse(SourceText(text: text))
    #expect(contract.articles.filter { $0.part == "仕様書" }.map(\.number) == ["1", "2", "3"])
    let ownRules = text.replacingOccurrences(
      of: "経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して",
      with: "乙の社内規程に従って")
    #expect(element("D1.gl-efforts", ownRules) != .met)
  }
}

extension ReadingAndLocationTests {
  /// Measures for only part of the designated software leave the rest out (D2, DOMAIN.md §4): the
  /// vendor's own product (a term defined as 「指定ソフトウェアのうち、乙が自ら開発したもの」), or
  /// whatever a condition of the exemption points to when the only designated software it names is
  /// the software exempted (「乙が指定していないソフトウェア…ただし、…脆弱性への対応を条件とする」).
  @Test func measuresForPartOfTheDesignatedSoftware() {
    let ownProduct =
      Self.opening + """
        第2条（定義）
        (1) 「指定ソフトウェア」とは、乙が本システムの動作環境として指定したOSその他のソフトウェアをいい、他社製のものを含む。
        (2) 「乙製品」とは、指定ソフトウェアのうち、乙が自ら開発したものをいう。
        第9条（免責）
        乙は、指定ソフトウェア以外のソフトウェアの使用に起因する障害について責任を負わない。ただし、次条の対応が行われていることを条件とする。
        第10条（脆弱性）
        乙は、乙製品に脆弱性が見つかったときは、甲に知らせて対処案を示し、甲と協議して決めた修正を行う。
        """
    #expect(element("D2.designated-vuln", ownProduct) == .unmet)
    #expect(finding("D2", ownProduct)?.article == "9")
    let whole = ownProduct.replacingOccurrences(of: "乙は、乙製品に", with: "乙は、指定ソフトウェアに")
    #expect(element("D2.designated-vuln", whole) == .met)

    let exemptedOnly =
      Self.opening + """
        第9条（免責）
        乙は、乙が指定していないソフトウェアに起因する障害について、責任を負わない。ただし、別紙に定める脆弱性への対応が行われていることを条件とする。
        """
    #expect(element("D2.designated-vuln", exemptedOnly) == .unmet)
    let named = exemptedOnly.replacingOccurrences(
      of: "別紙に定める脆弱性", with: "乙が指定したソフトウェアの脆弱性について乙が主導して甲と協議のうえ決めた")
    #expect(element("D2.designated-vuln", named) == .met)
  }
}

extension ReadingAndLocationTests {
  /// The designated OS together with a database and a virtualisation platform is more than the OS
  /// alone; measures a committee of both parties decides on the vendor's proposal are decided
  /// jointly, with the vendor leading (D2, DOMAIN.md §4).
  @Test func designatedOSAndDatabaseDecidedInACommittee() {
    let text =
      Self.opening + """
        第4条（変更管理委員会）
        甲及び乙は、甲の医療情報部長を委員長とし、甲乙の担当者で構成する変更管理委員会を置く。
        第13条（免責）
        乙は、乙が指定していないソフトウェアの導入又は甲の指示に基づく作業に起因する障害については、責任を負わない。
        ２　前項の規定は、乙が指定したOS、データベース及び仮想化基盤の脆弱性について、乙が変更管理委員会に対応案を提案し、変更管理委員会で決定された措置が実施されていることを条件とする。
        """
    #expect(element("D2.designated-vuln", text) == .met)
    #expect(element("D2.vendor-led", text) == .met)
    #expect(finding("D2", text) == nil)
  }

  /// 「…に起因する不具合は、本サービスの保証の対象外とする」 exempts the vendor as 「責任を負わない」 does,
  /// so D2 applies; a notice only when the vendor judges it necessary is no measure agreed in talks.
  @Test func outsideTheWarrantyIsAnExemption() {
    let text =
      Self.opening + """
        第8条（保証の範囲）
        １　甲が独自に導入したソフトウェア又は甲の指示により行った設定変更に起因する不具合は、本サービスの保証の対象外とする。
        ２　乙が推奨環境として指定したＯＳに脆弱性が明らかになった場合、乙は、必要と判断したときに限り、回避策を甲に案内する。
        """
    #expect(element("D2.exemption", text) == .met)
    #expect(element("D2.vendor-led", text) != .met)
  }

  /// 「第３条の安全管理を適切に行っていた場合にのみ適用する」 (第３条 naming the guideline) and 「第3条に基づく
  /// 安全管理は乙の善良な管理者としての注意義務の内容となる」: the cap applies only on the vendor's efforts.
  @Test func theCapOnlyWhereTheEffortsWereMade() {
    let article3 = """
      第3条（安全管理）
      乙は、本業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して行う。

      """
    let onlyIf =
      Self.opening + article3 + """
        第12条（損害賠償）
        １　乙の賠償額は、当該年度の委託料を上限とする。
        ２　前項の上限は、乙が第3条の安全管理を適切に行っていた場合にのみ適用する。
        """
    #expect(element("D1.gl-efforts", onlyIf) == .met)
    let dutyOfCare =
      Self.opening + article3 + """
        第12条（損害賠償）
        １　乙の賠償額は、当該年度の委託料を上限とする。
        ２　第3条に基づく安全管理は乙の善良な管理者としての注意義務の内容となる。前項の上限は、乙が当該安全管理を尽くしていたときに限り適用する。
        """
    #expect(element("D1.gl-efforts", dutyOfCare) == .met)
  }

  /// 「原契約第13条は…賠償額の上限を設けていないことを確認する」: no cap, so nothing to carve out.
  @Test func aClauseSayingThereIsNoCapLimitsNothing() {
    let text =
      Self.opening + """
        第10条（確認）
        甲及び乙は、原契約第13条が相手方の責めに帰すべき事由による損害の賠償を定めるもので、賠償額の上限を設けていないことを確認する。
        """
    #expect(element("D1.limitation", text) != .met)
  }

  /// 「乙が連絡会議に対策を諮り、決定された対策が実施されていることを前提とする」: laying the measures before
  /// the meeting is leading the talks that decide them.
  @Test func layingTheMeasuresBeforeTheMeeting() {
    let text =
      Self.opening + """
        第8条（免責）
        １　乙は、乙が指定していないソフトウェア又はＯＳに起因する障害について、責任を負わない。
        ２　前項は、乙が指定したソフトウェア又はＯＳの脆弱性について、乙が運営会議に対策を諮り、決定された対策が実施されていることを前提とする。
        """
    #expect(element("D2.vendor-led", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…推奨環境以外の環境…又はお客様が独自に導入したソフトウェアに起因して生じた障害…について、責めを
  /// 負いません。」 in polite terms exempts the vendor, and with only a notice for the recommended
  /// environment's weaknesses D2 is raised (DOMAIN.md section 4, D2).
  @Test func politeTermsThatDeclineTheBlame() {
    let text = """
      クラウド電子カルテ利用規約

      株式会社ハルニレメディカル（以下「当社」という。）と本サービスを利用する医療機関（以下「お客様」という。）は、次のとおり定めます。

      第8条（脆弱性情報）
      当社は、推奨環境に含まれるOSの重大な脆弱性情報を把握したときは、お客様に通知します。

      第9条（免責）
      当社は、推奨環境以外の環境での利用、又はお客様が独自に導入したソフトウェアに起因して生じた障害について、責めを負いません。
      """
    #expect(element("D2.exemption", text) == .met)
    #expect(finding("D2", text) != nil)
    let bearing = text.replacingOccurrences(of: "責めを負いません", with: "お客様と協議します")
    #expect(element("D2.exemption", bearing) != .met)
  }
}

extension ReadingAndLocationTests {
  /// An attached 保守仕様書 that says of itself, before its first section, that it is for reference
  /// and binds no one (「本仕様書は、…参考として示すものであり、契約上の義務を定めるものではない。」):
  /// the vulnerability duty it holds is no condition of the exemption, so D2 is raised (DOMAIN.md
  /// section 4, D2).
  @Test func aSpecificationThatDeclaresItselfNonBinding() {
    let text =
      Self.opening + """
        第8条（脆弱性）
        乙が指定したソフトウェアに脆弱性が判明した場合の対応は、別紙の保守仕様書に定めるところによる。

        第9条（免責）
        乙は、乙が指定していないソフトウェアの導入、又は甲の指示による作業に起因する障害について、責任を負わない。

        別紙　保守仕様書

        前文　本仕様書は、乙が通常行う作業を甲の参考として示すものであり、契約上の義務を定めるものではない。

        1.　脆弱性への対応
        乙は、指定したソフトウェアに脆弱性が判明したときは、対応策を甲に提案し、甲と協議の上で修正プログラムを適用する。

        2.　定期作業
        乙は、年2回、機器を点検する。
        """
    #expect(finding("D2", text) != nil)
    let binding = text.replacingOccurrences(
      of: "前文　本仕様書は、乙が通常行う作業を甲の参考として示すものであり、契約上の義務を定めるものではない。\n", with: "")
    #expect(finding("D2", binding) == nil)
  }
}

extension ReadingAndLocationTests {
  /// The exemption is conditioned on talks the vendor opens about the designated software's
  /// vulnerabilities, but a proviso leaves the third-party middleware inside that software with
  /// information only (「…の脆弱性については、乙は、開発元の情報を甲に伝えるにとどめる」): part of the
  /// designated software has no countermeasure, so D2 is raised (DOMAIN.md section 4, D2).
  @Test func informationOnlyForPartOfTheDesignatedSoftware() {
    let text =
      Self.opening + """
        第11条（免責）
        １　乙は、乙が指定していないソフトウェア、又は甲の指示による作業に起因する障害について、責任を負わない。
        ２　前項は、乙が指定したソフトウェアに脆弱性が判明したときに、乙が甲に協議を申し入れて対策を定め、これを実施していることを条件とする。ただし、指定したソフトウェアに組み込まれたデータベースその他の他社のミドルウェアの脆弱性については、乙は、開発元の公表情報を甲に伝えるにとどめる。
        """
    #expect(element("D2.designated-vuln", text) == .contradicted)
    #expect(finding("D2", text) != nil)
    let whole = text.replacingOccurrences(
      of: "ただし、指定したソフトウェアに組み込まれたデータベースその他の他社のミドルウェアの脆弱性については、乙は、開発元の公表情報を甲に伝えるにとどめる。", with: "")
    #expect(element("D2.designated-vuln", whole) == .met)
    #expect(finding("D2", whole) == nil)
  }
}

extension ReadingAndLocationTests {
  /// The exemption's vulnerability duty reaches only what the vendor judges serious, or only while a
  /// separate paid option runs: for the rest of the designated software the exemption works with no
  /// countermeasure, so D2 is raised (DOMAIN.md section 4, D2).
  @Test func aVulnerabilityDutyNarrowedByTheVendorOrAnOption() {
    let base =
      Self.opening + """
        第9条（免責）
        １　乙は、乙が指定していないソフトウェアを甲が導入したこと、又は甲の依頼書に基づき乙が行った設定変更に起因する障害について、責任を負わない。
        ２　前項は、乙が指定したソフトウェアの脆弱性について、乙が甲との協議を主導して対策を定め、これを実施していることを条件とする。
        """
    #expect(finding("D2", base) == nil)
    for narrowed in ["の脆弱性のうち乙が重大と判断したものについて", "の脆弱性について、甲が別途締結するオプション契約の有効期間中に限り"] {
      let text = base.replacingOccurrences(of: "の脆弱性について", with: narrowed)
      #expect(element("D2.designated-vuln", text) == .contradicted, "\(narrowed)")
      #expect(finding("D2", text) != nil, "\(narrowed)")
    }
  }
}

extension ReadingAndLocationTests {
  /// 「乙が指定したソフトウェアに脆弱性が判明した場合において、甲から依頼を受けたときは、乙は対応方法を提案し」:
  /// the vendor acts on the vulnerabilities of what it designated only when asked, which is no
  /// measure of its own (DOMAIN.md section 4, D2).
  @Test func vulnerabilityWorkOnlyWhenAsked() {
    let text =
      Self.opening + """
        第18条（免責）
        1 乙は、乙が指定しないソフトウェアの使用又は甲の指示による作業に起因する障害については責任を負わない。
        2 乙が本システムの稼働環境として指定したソフトウェア及びＯＳに脆弱性が判明した場合において、甲から対応の依頼を受けたときは、乙は、対応方法を提案し、甲と協議のうえ対策を実施する。
        """
    #expect(element("D2.designated-vuln", text) == .contradicted)
    let other = text.replacingOccurrences(of: "甲から対応の依頼を受けたときは、", with: "")
    #expect(element("D2.designated-vuln", other) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「緊急脆弱性に該当しない脆弱性については、乙の定期更新の中で扱う」: only what the vendor ranks
  /// urgent gets a response; the rest waits for routine updates (DOMAIN.md section 4, D2).
  @Test func vulnerabilitiesBelowTheVendorsRankWaitForRoutineUpdates() {
    let text =
      Self.opening + """
        第13条（脆弱性）
        乙は、乙が指定したソフトウェアについて緊急脆弱性を認めた場合、甲と協議のうえ対策を定めて実施する。緊急脆弱性に該当しない脆弱性については、乙の定期更新の中で扱う。
        第14条（免責）
        乙は、乙が指定しないソフトウェアに起因する障害については責任を負わない。
        """
    #expect(element("D2.designated-vuln", text) == .contradicted)
    let other = text.replacingOccurrences(of: "緊急脆弱性に該当しない脆弱性については、乙の定期更新の中で扱う。", with: "")
    #expect(element("D2.designated-vuln", other) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、(a) サポート対象コンポーネント以外のソフトウェア、又は (b) 甲の指示に対する乙の遵守に起因する
  /// 不具合について責任を負わない」: a stiff translation of the usual exemption (DOMAIN.md section 4, D2).
  @Test func aTranslatedExemptionIsStillAnExemption() {
    let text =
      Self.opening + """
        第8条（保証及び免責）
        乙は、以下に起因するいかなる不具合についても責任を負わないものとする。(a) サポート対象コンポーネント以外のソフトウェア、又は (b) 甲の指示に対する乙の遵守。
        """
    #expect(element("D2.exemption", text) == .met)
    let other = text.replacingOccurrences(
      of: "(a) サポート対象コンポーネント以外のソフトウェア、又は (b) 甲の指示に対する乙の遵守", with: "(a) 天災地変、又は (b) 戦争")
    #expect(element("D2.exemption", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「推奨ソフトウェアに脆弱性が見つかったときは、乙が呼びかけて甲と打合せを持ち、…乙が実行する」: the
  /// software the vendor recommends is what it designated (DOMAIN.md section 4, D2).
  @Test func recommendedSoftwareIsDesignated() {
    let text =
      Self.opening + """
        第11条（免責）
        1 乙は、推奨ソフトウェア以外のソフトウェアの導入及び甲の指図に従って行った作業に起因する不具合について、責任を負わない。
        2 推奨ソフトウェアに脆弱性が見つかったときは、乙が呼びかけて甲と打合せを持ち、対策の内容と時期を取り決めて乙が実施する。
        """
    #expect(element("D2.designated-vuln", text) == .met)
    let other = text.replacingOccurrences(of: "2 推奨ソフトウェアに脆弱性", with: "2 甲が独自に導入した機器に脆弱性")
    #expect(element("D2.designated-vuln", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// A 変更契約 that is the whole document inserts 「第5条の2」 (the vendor follows the guideline) and
  /// rewrites the damages article: 「前項の上限は、乙が第5条の2の安全管理を…行っていたことを条件として」
  /// reads that inserted article (DOMAIN.md section 4, D1).
  @Test func anArticleTheAmendmentInsertsIsRead() {
    let text = """
      保守契約の変更契約書

      医療法人社団あおば会 あおば医院（以下「甲」という。）と株式会社アオバ技研（以下「乙」という。）は、令和6年4月1日付保守契約（以下「原契約」という。）を次のとおり変更する。

      第2条（安全管理の基準の新設）
      原契約第5条の次に、次の1条を加える。
      「第5条の2（安全管理の基準）
      乙は、保守業務に関する自らの安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿って行う。」

      第7条（損害賠償条項の変更）
      原契約第19条を次のとおり改める。
      「第19条（損害賠償）
      1　乙の損害賠償責任は、年間保守料の額を上限とする。ただし、乙の故意又は重大な過失による場合はこの限りでない。
      2　前項の上限は、乙が第5条の2の安全管理を善良な管理者の注意をもって行っていたことを条件として適用する。」
      """
    #expect(element("D1.gl-efforts", text) == .met)
    let other = text.replacingOccurrences(of: "乙が第5条の2の安全管理を", with: "乙が第6条の保守作業を")
    #expect(element("D1.gl-efforts", other) != .met)
  }

  /// An exemption for software the vendor did not designate, then `second` as its paragraph 2.
  static func exemption(then second: String) -> String {
    opening + """
      第10条（免責）
      1 乙は、乙が指定したもの以外のソフトウェア又はOSの使用により生じた障害について、責任を負わない。
      2 \(second)
      """
  }

  /// Vulnerability work for the designated software that looks promised but is narrowed: only in the
  /// warranty period, only once the hospital pays for it, only as best efforts, or only for the
  /// vendor's own program among the designated software. Each leaves the exemption unconditioned.
  @Test(arguments: [
    "ただし、保証期間中に乙が指定したOS又はミドルウェアに脆弱性が判明したときは、乙は、甲との協議を主催して対策を定め、これを実施する。",
    "乙が指定したOSに脆弱性が判明したときは、甲が脆弱性対応料金の支払を申し込んだ場合に限り、乙は、甲との協議を主催して対策を決定し、これを実施する。",
    "乙は、指定したOS又はミドルウェアに脆弱性が判明したときは、甲に協議を呼びかけ、対策を講じるよう努めるものとする。",
    "乙が指定したソフトウェアのうち、乙が自ら開発したアプリケーションに脆弱性が判明した場合は、乙は甲と協議のうえ修正プログラムを作成し、これを適用する。",
    // dev21: only in the period of liability for non-conformity, only what the vendor judges grave,
    // only the program the vendor built and delivered.
    "契約不適合責任期間内に乙が指定したソフトウェアに脆弱性が判明したときは、乙は甲との協議を招集して対策を決め、これを実施する。",
    "乙が指定したOS又はソフトウェアの脆弱性のうち、乙が重大であると判断したものについては、乙は甲との協議を招集して対策を決定し、これを実施する。",
    "前項の規定にかかわらず、乙が開発して甲に納入したプログラムに脆弱性が判明したときは、乙は甲に協議を申し入れ、協議で定めた対策を実施する。",
    // Only where the hospital chose an option (dev19 a_05, once the unchosen option's box is blanked).
    "申込書でセキュリティ保守オプションが選択されている場合、乙は、乙が指定したソフトウェアに脆弱性が判明したときに甲に協議を申し入れ、定めた対策を実施する。",
  ])
  func narrowedWorkOnTheDesignatedSoftware(_ proviso: String) {
    let text = Self.exemption(then: proviso)
    #expect(element("D2.designated-vuln", text) != .met)
    #expect(finding("D2", text) != nil)
  }

  /// Vulnerability talks the vendor starts in several wordings: a meeting it calls that settles the
  /// measures (「…が招集する脆弱性対策会議で対策を定め」), its regular meeting with the hospital
  /// (「乙が招集する甲との定例会（…）において対策を決定」), asking the hospital for talks (「乙が甲に協議を
  /// 求め」), and an annex item headed by its name (「3 脆弱性対応会議　乙は、…会議を招集して主宰し」).
  @Test(arguments: [
    "乙が指定したソフトウェア及びOSの脆弱性について、乙が招集する脆弱性対策会議で対策を定め、その対策が実施されている場合に限り、前項を適用する。",
    "前項の免責は、乙が指定したOS及びアプリに脆弱性が判明した場合に、乙が招集する甲との定例会（四半期ごとに開催し、緊急の場合は臨時に開催する。）において対策を決定し、乙がこれを適用していることを条件とする。",
    "前項の規定は、乙が指定したソフトウェア又はOSに脆弱性が判明したときに、乙が甲に協議を求め、当該協議で定めた対策を実施していることを前提とする。",
  ])
  func vulnerabilityTalksTheVendorStarts(_ condition: String) {
    let text = Self.exemption(then: condition)
    #expect(element("D2.vendor-led", text) == .met)
  }

  @Test func anAnnexItemHeadedByTheMeetingsName() {
    let text = """
      病院情報システム運用業務委託契約書

      社会医療法人しらかば会（以下「しらかば会」という。）と株式会社ツバメ・ITサービス（以下「ツバメ」という。）は、次のとおり契約を締結する。

      第10条（免責）
      1 ツバメは、指定ソフトウェア以外のソフトウェアの使用により生じた障害について、責任を負わない。
      2 前項の規定は、指定ソフトウェアの脆弱性について、ツバメが別紙に定める手順を実施している場合に限り適用する。

      別紙　脆弱性対応手順
      1 情報収集　ツバメは、指定ソフトウェアの脆弱性情報を毎営業日確かめる。
      2 評価　ツバメは、見つけた脆弱性の影響を評価し、しらかば会の情報システム室に報告する。
      3 脆弱性対応会議　ツバメは、月1回、及び緊急度が高い脆弱性を確認したときは48時間以内に、しらかば会の情報システム室との脆弱性対応会議を招集して主宰し、対策（更新の適用時期、検証方法等）を協議して決定する。
      4 実施　ツバメは、決定した対策のうち自らが行うものを実施する。
      """
    #expect(element("D2.vendor-led", text) == .met)
    let hospital = text.replacingOccurrences(
      of: "脆弱性対応会議　ツバメは、月1回、及び緊急度が高い脆弱性を確認したときは48時間以内に、しらかば会の",
      with: "脆弱性対応会議　しらかば会は、月1回、及び緊急度が高い脆弱性を確認したときは48時間以内に、しらかば会の")
    #expect(element("D2.vendor-led", hospital) != .met)
  }

  /// Articles numbered 「条項1」「条項2」 (a translated template) are articles, and 「条項3に基づいて行うべき
  /// 安全管理」 reads article 3, where the guideline is named.
  @Test func articlesNumberedJoukouAndTheirReferences() {
    let text = """
      保守契約書

      医療法人あかり会（以下「医療機関」という。）と株式会社アカリ（以下「保守会社」という。）は、次のとおり契約します。

      条項3（安全管理の基準）
      保守会社は、医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドラインに従い、本業務の安全管理を行います。

      条項11（損害賠償）
      (1) 保守会社が医療機関に賠償する額は、年間保守料の額を上限とします。
      (2) ただし、保守会社に故意又は重大な過失がある場合、及び保守会社が条項3に基づいて行うべき安全管理を怠った場合は、(1)の上限はありません。
      """
    #expect(finding("A", text) == nil)
    #expect(element("D1.gl-efforts", text) == .met)
  }

  /// 「次のいずれかに該当するときは、前項を適用しない。一　故意…　二　重大な過失…」: the cap gives way on
  /// both, each named in an item of its own (dev20); a list whose other item is another matter names
  /// wilful misconduct only.
  @Test func wilfulAndGrossNegligenceAsAlternativeItems() {
    let text =
      Self.opening + """
        第14条（賠償の上限）
        1 乙が本契約に関して甲に負う損害賠償の額は、直近6か月の委託料の合計額を上限とする。
        2 次のいずれかに該当するときは、前項の上限を適用しない。
        一 乙の故意による損害であるとき
        二 乙の重大な過失による損害であるとき
        """
    #expect(element("D1.wilful-gross", text) == .met)
    let wilfulOnly = text.replacingOccurrences(of: "乙の重大な過失による損害であるとき", with: "甲の指示に従ったことによる損害であるとき")
    #expect(element("D1.wilful-gross", wilfulOnly) != .met)
  }

  /// 「故意又は重大な過失による損害については、前項の上限をその3倍の額とする」 raises the cap on wilful
  /// misconduct and gross negligence instead of lifting it (dev21 a_22); a cap that lifts on them
  /// and a sentence setting a multiple for ordinary damage beside the carve-out still meet.
  @Test func aCapRaisedOnGrossNegligenceIsNotLifted() {
    let raised =
      Self.opening + """
        第20条（賠償の限度）
        1 乙が甲に負う賠償の額は、本契約の年間の委託料を限度とする。
        2 前項にかかわらず、乙の故意又は重大な過失によって生じた損害については、前項の上限を年間の委託料の2倍の額とする。
        """
    #expect(element("D1.wilful-gross", raised) != .met)
    let lifted = raised.replacingOccurrences(
      of: "前項の上限を年間の委託料の2倍の額とする", with: "前項の上限を適用しない")
    #expect(element("D1.wilful-gross", lifted) == .met)
    let multipleForOrdinary =
      Self.opening + """
        第20条（賠償の限度）
        乙が甲に負う賠償の額は、月額委託料の12倍を上限とする。ただし、乙に故意又は重大な過失があるときは、この限りでない。
        """
    #expect(element("D1.wilful-gross", multipleForOrdinary) == .met)
  }

  /// 「乙の故意による損害、及び診療情報の漏えいについて乙に重大な過失がある場合」: gross negligence lifts
  /// the cap for leaks only (dev21 a_12); the same carve-out without that scope meets.
  @Test func grossNegligenceScopedToLeaksOnly() {
    let scoped =
      Self.opening + """
        第18条（責任の上限）
        1 乙の賠償額は、甲が過去1年間に支払った委託料の総額を上限とする。
        2 前項は、乙の故意による損害、及び診療情報の漏えいについて乙に重大な過失がある場合の損害には適用しない。
        """
    #expect(element("D1.wilful-gross", scoped) != .met)
    let whole = scoped.replacingOccurrences(of: "診療情報の漏えいについて乙に重大な過失がある場合", with: "乙の重大な過失による場合")
    #expect(element("D1.wilful-gross", whole) == .met)
  }

  /// A plain-spoken exemption (「…が原因の故障は、乙の責任ではない。甲の指示でした作業による故障も同じ
  /// である。」) is an exemption for software the vendor did not designate (dev21).
  @Test func aPlainSpokenExemption() {
    let text =
      Self.opening + """
        第30条（免責）乙が指定していないソフトやOSが原因の故障は、乙の責任ではない。甲の指示でした作業による故障も同じである。
        """
    #expect(element("D2.exemption", text) == .met)
    #expect(finding("D2", text) != nil)
  }

  /// 「乙が仕様書2.1の安全管理を善良な管理者の注意をもって行っていた場合に限り」 in the contract's own
  /// article reads section 2.1 of the attached 仕様書, where the guideline is named, also where the
  /// specification's items carry ticked boxes (dev21 b_08, b_20); a section of another number does not.
  @Test(arguments: ["", "☑ "])
  func theCapsConditionNamesASectionOfTheSpecification(_ box: String) {
    let text =
      Self.opening + """
        第6条（損害賠償）
        1 乙の賠償額は、直近12か月の委託料の総額を上限とする。
        2 前項の上限は、乙が仕様書2.1の安全管理を善良な管理者の注意をもって行っていた場合に限り適用する。

        別添　業務仕様書

        1 業務の範囲
        \(box)1.1 乙は、問合せに対応する。
        \(box)1.2 乙は、機器を監視する。

        2 安全管理
        \(box)2.1 乙は、本業務の安全管理を、医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドラインに従って行う。
        \(box)2.2 乙は、毎月、作業を報告する。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    let other = text.replacingOccurrences(of: "仕様書2.1の安全管理", with: "仕様書1.2の安全管理")
    #expect(element("D1.gl-efforts", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// D2 looks met but is not (dev22 a_15, b_16): the designated third-party products are taken out
  /// of the vulnerability measures the paragraph before sets (「…乙が指定したものを含む。）は、前項の対象と
  /// しない」), or the measures are carried out only under a separate paid option contract.
  @Test func vulnerabilityMeasuresThatLeaveTheDesignatedSoftwareOut() {
    let text =
      Self.opening + """
        第9条（免責）
        乙は、乙が指定しないソフトウェアの使用又は甲の指示による作業に起因する障害について、責任を負わない。
        第10条（脆弱性への対応）
        1 乙が指定したOS及びミドルウェアに脆弱性が見つかったときは、乙が招集する協議において甲と対策を決め、乙がこれを実施する。
        """
    #expect(element("D2.designated-vuln", text) == .met)
    let excluded =
      text.replacingOccurrences(
        of: "1 乙が指定したOS及びミドルウェアに脆弱性が見つかったときは、",
        with: "1 乙が作成したプログラムに脆弱性が見つかったときは、")
      + "2 他社製の製品（乙が稼働環境として指定したOS及びミドルウェアを含む。）は、前項の対象としない。\n"
    #expect(element("D2.designated-vuln", excluded) != .met)
    let paidOption = text.replacingOccurrences(
      of: "乙が招集する協議において甲と対策を決め、乙がこれを実施する。",
      with: "乙が招集する協議において甲と対策を決め、これを実施する業務は、甲乙が別途締結する有償の保守オプション契約に基づいて行う。")
    #expect(element("D2.designated-vuln", paidOption) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「仕様書4.2.1に定める安全管理」: a third level of the annex's numbering names a point of its
  /// paragraph 4.2, whose guideline is the basis of the efforts (D1). 「…により甲が損害を受けたときは、乙は…
  /// 賠償する」: the party that suffers the damage in the condition does not act; the vendor compensates.
  @Test func aThirdLevelSectionAndTheOneWhoSuffersTheDamage() {
    let text =
      Self.opening + """
        第11条（損害賠償）
        １　乙が甲に対して負う賠償の額は、年間の委託料を上限とする。ただし、乙の故意又は重大な過失による損害には、この上限を適用しない。
        ２　前項本文の上限は、乙が仕様書4.2.1に定める安全管理を怠りなく行っていた場合に限り適用する。
        ３　乙の安全管理の不備により甲が損害を受けたときは、乙は、逸失利益を含めてその損害を賠償する。

        別添　保守業務仕様書

        4. 安全管理
        4.1 乙は、保守作業の記録を残す。
        4.2 安全管理の基準
        4.2.1 乙は、保守業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿って行う。
        4.2.2 乙は、年に一度、安全管理の状況を甲に報告する。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(element("D1.deficient-compensable", text) == .met)
    #expect(finding("D1", text) == nil)
    let ownRules = text.replacingOccurrences(
      of: "経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿って",
      with: "乙の定める社内基準に沿って")
    #expect(element("D1.gl-efforts", ownRules) != .met)
    // Where the institution itself compensates, the vendor does not.
    let swapped = text.replacingOccurrences(of: "乙は、逸失利益を含めてその損害を賠償する。", with: "甲は、逸失利益を含めてその損害を負担する。")
    #expect(element("D1.deficient-compensable", swapped) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…対策を採るかどうかは甲が決めるものとし、対策が講じられない場合でも、第1項の規定を適用する」: the
  /// exemption holds whether or not the measures for the designated software are taken, so it is not
  /// conditional on them (D2).
  @Test func anExemptionKeptWhetherOrNotTheMeasuresAreTaken() {
    let text =
      Self.opening + """
        第15条（免責）
        １　乙は、乙が指定していないソフトウェアに起因する障害について、責任を負わない。
        ２　乙が指定したソフトウェア及びＯＳに脆弱性が見つかったときは、乙は、甲との協議を主導して対策を決め、これを実施する。
        ３　前項の対策を採るかどうかは甲が決めるものとし、対策が講じられない場合でも、第1項の規定を適用する。
        """
    #expect(element("D2.designated-vuln", text) == .contradicted)
    #expect(finding("D2", text)?.article == "15")
    let kept = text.replacingOccurrences(
      of: "前項の対策を採るかどうかは甲が決めるものとし、対策が講じられない場合でも、第1項の規定を適用する。",
      with: "前項の対策が講じられない場合は、第1項の規定を適用しない。")
    #expect(element("D2.designated-vuln", kept) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「原契約第4条に次の1項を加え、同条の本文を第1項とする。「2 乙は、…ガイドラインに基づいて…」」 adds a
  /// paragraph to the contract's article (the continuative 加え adds as 加える does), so the later
  /// addition's 「第4条第2項の安全管理」 reaches the guideline (D1).
  @Test func aMemorandumAddsAParagraphInTheContinuativeForm() {
    let text =
      Self.opening + """
        第4条（乙の責務）
        乙は、保守業務を誠実に行う。

        第11条（損害賠償）
        １　乙は、乙の責めに帰すべき事由により甲に生じた損害を賠償する。ただし、賠償の額は年間保守料を上限とする。
        ２　前項ただし書の規定は、乙の故意又は重大な過失による損害には適用しない。

        覚書

        甲と乙は、令和7年4月1日付け保守契約書（以下「原契約」という。）の一部を次のとおり変更する。

        第1条　原契約第4条に次の1項を加え、同条の本文を第1項とする。
        「2 乙は、保守業務の安全管理を、経済産業省及び総務省の『医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン』に基づいて行う。」

        第2条　原契約第11条に次の1項を加える。
        「3 第1項ただし書の規定は、乙が第4条第2項の安全管理を怠っていた場合にも適用しない。この場合に甲に生じた損害は、甲乙誠実に協議のうえ、逸失利益を含めて乙が賠償する。」
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(finding("D1", text) == nil)
    let ownRules = text.replacingOccurrences(
      of: "経済産業省及び総務省の『医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン』に基づいて",
      with: "乙の社内規程に従って")
    #expect(element("D1.gl-efforts", ownRules) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…上限は、乙が第4条のガイドラインに沿った安全管理を、…通常求められる注意をもって行っていた場合に限り
  /// 適用する」: the care a vendor of medical information is ordinarily expected to take is its duty of
  /// care (D1.gl-efforts). 「…の場合の賠償の範囲は、…協議のうえ定め、逸失利益を除外しない」 includes the lost
  /// profits (D1.deficient-compensable).
  @Test func ordinaryCareAndLostProfitsNotLeftOut() {
    let text =
      Self.opening + """
        第4条（安全管理）
        乙は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して、本業務の安全管理を行う。

        第12条（損害賠償）
        1 乙が甲に対して負う損害賠償責任の総額は、年間保守料を上限とする。
        2 前項の上限は、乙に故意又は重大な過失がなく、かつ、乙が第4条のガイドラインに沿った安全管理を、医療情報を取り扱う事業者として通常求められる注意をもって行っていた場合に限り適用する。
        3 乙の安全管理が不十分であった場合における賠償の範囲は、甲乙が誠実に協議のうえ定めるものとし、逸失利益を除外しない。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(element("D1.deficient-compensable", text) == .met)
    #expect(finding("D1", text) == nil)
    let leftOut = text.replacingOccurrences(of: "逸失利益を除外しない", with: "逸失利益を除外する")
    #expect(element("D1.deficient-compensable", leftOut) != .met)
    let noCare = text.replacingOccurrences(
      of: "乙が第4条のガイドラインに沿った安全管理を、医療情報を取り扱う事業者として通常求められる注意をもって行っていた場合に限り適用する",
      with: "乙が年間保守料を期日までに受領していた場合に限り適用する")
    #expect(element("D1.gl-efforts", noCare) != .met)
  }
}

extension ReadingAndLocationTests {
  /// Terms numbered 1. / 1.1, then a 覚書 of 第N条 that replaces 3.2 with 「…当社が2.1に基づく安全管理を
  /// 善良な管理者の注意をもって尽くしていたときに限り適用し…」: 2.1 is the terms' section (which names the
  /// vendor guideline), not the 覚書's 第2条, so the cap is tied to the guideline-based efforts.
  @Test func aSectionNumberQuotedInAMemorandumIsTheTermsSection() {
    let text = """
            カルテ保管サービス約款

            1.　総則
            1.1　本約款は、株式会社ミズナラ（以下「当社」といいます。）が医療機関（以下「お客様」といいます。）に提供する保管サービスの条件を定めます。

            2.　安全管理
            2.1　当社は、本サービスの安全管理を、経済産業省・総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行います。

            3.　損害賠償
            3.1　当社がお客様に対して負う損害賠償責任は、直前12か月の利用料の総額を上限とします。
            3.2　前項の上限は、当社の故意又は重大な過失による場合には適用しません。

            覚書

            第1条（損害賠償の変更）
            約款3.2を次のとおり改める。
            「3.2　前項の上限は、当社が2.1に基づく安全管理を善良な管理者の注意をもって尽くしていたときに限り適用し、当社の故意又は重大な過失によるときは適用しません。」

            第2条（その他）
            本覚書に定めのない事項は約款による。
      """
    #expect(element("D1.gl-efforts", text) == .met)
    let noGuideline = text.replacingOccurrences(
      of: "経済産業省・総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って",
      with: "当社の定める基準に従って")
    #expect(element("D1.gl-efforts", noGuideline) != .met)
  }

  /// Talks the vendor calls on a weakness of the software it designated, whose measures it need not
  /// carry out (「ただし、乙は、協議により定めた措置を実施する義務を負うものではない」), or an exemption
  /// that holds whether or not they are carried out: D2 asks for the measures to be decided and
  /// carried out, so it is raised; where the vendor carries them out, it is not.
  @Test func measuresTheVendorNeedNotCarryOut() {
    let text =
      Self.opening + """
        第9条（免責）
        乙は、乙が指定していないソフトウェアの使用、又は甲の指示による作業に起因する障害について、責任を負わない。

        第10条（指定ソフトウェアの脆弱性）
        １　乙は、乙が指定したOS及びソフトウェアに脆弱性が見つかったときは、甲との協議を自ら招集して、講ずる措置を協議する。
        ２　乙は、協議の結果を記録する。ただし、乙は、協議により定めた措置を実施する義務を負うものではない。
        """
    #expect(element("D2.vendor-led", text) == .contradicted)
    #expect(finding("D2", text) != nil)
    let carriesOut = text.replacingOccurrences(
      of: "ただし、乙は、協議により定めた措置を実施する義務を負うものではない。",
      with: "乙は、協議により定めた措置を実施し、第9条の免責は、乙がこれを行っている場合に限り適用する。")
    #expect(element("D2.vendor-led", carriesOut) == .met)
    #expect(finding("D2", carriesOut) == nil)
    let anyway = text.replacingOccurrences(
      of: "ただし、乙は、協議により定めた措置を実施する義務を負うものではない。",
      with: "乙は、その措置の実施の有無にかかわらず、第9条の免責を受ける。")
    #expect(element("D2.designated-vuln", anyway) == .contradicted)
  }
}

extension ReadingAndLocationTests {
  /// An exemption that holds whatever the talks on a designated product's weakness settle (dev27
  /// a_17, b_04: 「前項の免責はこれにかかわらず適用される」「前項は、当該協議の結果にかかわらず適用する」) is
  /// not conditioned on measures: D2.designated-vuln is contradicted. Conditioned on the measures
  /// being carried out, it is met.
  @Test func anExemptionThatHoldsWhateverTheTalksSettle() {
    func text(_ tail: String) -> String {
      Self.opening + """
        第8条（免責）
        乙は、乙が指定しないソフトウェア又は甲の指示による作業に起因する障害について責任を負わない。
        ２　乙が指定したソフトウェアに脆弱性が判明したときは、乙が主導して甲と協議し、対策を定める。\(tail)
        """
    }
    #expect(element("D2.designated-vuln", text("前項は、当該協議の結果にかかわらず適用する。")) == .contradicted)
    #expect(element("D2.designated-vuln", text("前項の免責は、これにかかわらず適用される。")) == .contradicted)
    #expect(
      element("D2.designated-vuln", text("前項は、定めた対策を乙が実施している場合に限り適用する。")) == .met)
  }
}
