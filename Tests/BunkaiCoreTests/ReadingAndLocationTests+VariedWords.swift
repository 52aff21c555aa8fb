import Testing

@testable import BunkaiCore

/// C1 and C2 met and raised in the varied words of ordinary contracts, read as the dev30 hold-out
/// wrote them (DOMAIN.md section 4, C1 and C2).
extension ReadingAndLocationTests {
  /// 「甲がとるべきセキュリティ対策は、乙がまず案を示す。甲と乙は、その案をもとに話し合って決める。」: the
  /// institution's own measures, proposed by the vendor and settled by both over that proposal in the
  /// next sentence (C1 met).
  @Test func measuresTheInstitutionShouldTakeSettledOverTheVendorsDraft() {
    let text =
      Self.opening + """
        第4条（使い方のきまり）
        院内で甲がとるべきセキュリティ対策（端末の利用者の範囲、パスワードの付け方など）は、乙がまず案を示す。甲と乙は、その案をもとに話し合い、合意して決める。決めた内容は書面に残す。

        第5条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    // The same measures the institution alone settles after hearing the vendor: not met.
    let alone = text.replacingOccurrences(
      of: "甲と乙は、その案をもとに話し合い、合意して決める。", with: "甲は、その案を参考に自ら決める。")
    #expect(finding("C1", alone) != nil)
  }

  /// 「サトウから「こうするとよい」というやり方を出してもらい」 is the one asked to put the way forward,
  /// on 「医院の中で気をつけるセキュリティ」, the practice's own part: the vendor leads (C1 met).
  @Test func theVendorPutsTheWayForwardInPlainWords() {
    let text = """
      パソコン保守のお約束

      やまもと内科医院（以下「医院」）と有限会社サトウ電算（以下「サトウ」）は、医院のパソコンの保守について、次のとおり約束します。

      第1条（保守）
      サトウは、医院のパソコンを点検します。

      第2条（医院の中で気をつけること）
      医院の中で気をつけるセキュリティ（パスワードの決め方、USBメモリの使い方など）は、サトウから「こうするとよい」というやり方を出してもらい、それをもとに医院とサトウで話し合って決めます。決めたことは医院が実行します。

      第3条（料金）
      医院は、サトウに保守料を払います。
      """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    // The same practice that only hears the vendor's view and decides alone: not led by the vendor.
    let alone = text.replacingOccurrences(
      of: "サトウから「こうするとよい」というやり方を出してもらい、それをもとに医院とサトウで話し合って決めます。",
      with: "医院が決めます。サトウは、医院から聞かれたときに答えます。")
    #expect(finding("C1", alone) != nil)
  }

  /// 「甲は、次のものを用意する。…このうち回線のセキュリティは、…協議で決めた方法で甲が管理する」: the talks
  /// settle one of the provided things and leave the terminals out (C2 raised); 「前項のうち工事後も使用され
  /// る…のセキュリティ対策は」 takes everything that stays in service (C2 met).
  @Test func securitySettledForOnlyOneOfTheProvidedThings() {
    let text =
      Self.opening + """
        第4条（甲が用意するもの）
        甲は、次のものを用意する。
        ・本システム用の電源
        ・乙の保守拠点とつなぐ回線
        ・受付用の端末２台
        このうち回線のセキュリティ（ルータの設定など）は、乙が主導する協議で決めた方法により甲が管理する。

        第5条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C2.provides", text) == .met)
    #expect(element("C2.provided-security", text) != .met)
    #expect(finding("C2", text) != nil)
    let stays =
      Self.opening + """
        第4条（甲が用意するもの）
        １　甲は、本件工事のために、電源、回線及び資材置場を提供する。
        ２　前項のうち工事後も使用される電源及び回線のセキュリティ対策は、乙が主導する協議で定め、甲がこれを実施する。

        第5条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C2.provided-security", stays) == .met)
  }

  /// 「（２）「店舗側措置」　各店舗において甲が講ずべき…安全管理のための措置」 in a definitions list: each use
  /// of 店舗側措置 names the institution's own measures (C1 met where the vendor lists them and both settle).
  @Test func ownMeasuresDefinedInAListWithASpace() {
    let text =
      Self.opening + """
        第1条（定義）
        本契約において、次の用語の意味は、それぞれ次に定めるとおりとする。
        （１）「本システム」　乙が提供する調剤支援システム
        （２）「店舗側措置」　各店舗において甲が講ずべき本システムの利用に関する安全管理のための措置

        第2条（店舗側措置の決定）
        店舗側措置の具体的内容は、乙が必要な対策を洗い出して甲に提示し、甲と乙が協議によりこれを確定する。

        第3条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
  }

  /// 「甲が自ら講ずべき安全管理措置（…。前条のものを除く。）は、乙が主催する連絡会において…協議し、決定する」:
  /// the provided things of 前条 are named only to be left out; the matter is the institution's own
  /// measures (C1 met), and these talks say nothing of the provided things' security (C2 not met by them).
  @Test func theProvidedThingsNamedOnlyToBeLeftOut() {
    let text =
      Self.opening + """
        第5条（甲が用意するもの）
        １　甲は、本システムのための回線及び端末を用意する。
        ２　前項のものに係るセキュリティ対策は、甲が自らの判断で定める。

        第6条（甲の業務運用における対策）
        甲が自らの業務運用において講ずべき安全管理措置（利用者IDの管理、職員教育など。前条のものを除く。）は、乙が主催して年2回開催する連絡会において、乙と甲が協議し、決定する。

        第7条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(finding("C1", text) == nil)
    #expect(element("C2.vendor-led", text) != .met)
    #expect(finding("C2", text) != nil)
  }

  /// 「医院の側でやるべき」 is the practice's own part; 「まず乙がたたき台を作って見せます。そのたたき台をもとに、
  /// 甲と乙で話し合って決めます。」 and 「乙の発議により甲乙が協議を行い」: the vendor leads (C1 met).
  @Test func aDraftToWorkFromAndTheMotionToTalk() {
    let text =
      Self.opening + """
        第6条（使い方のきまり）
        医院の側でやるべきセキュリティ対策（スタッフごとのID、パスワードのルールなど）は、まず乙がたたき台を作って見せます。そのたたき台をもとに、甲と乙で話し合って決めます。

        第7条（料金）
        甲は、乙に料金を払います。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    let motion =
      Self.opening + """
        第6条（使い方のきまり）
        甲が院内で講ずべき安全管理措置については、乙の発議により甲乙が協議を行い、両者の合意をもって決定する。

        第7条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C1.vendor-led", motion) == .met)
    let byTheInstitution = motion.replacingOccurrences(of: "乙の発議により", with: "甲の発議により")
    #expect(element("C1.vendor-led", byTheInstitution) != .met)
  }

  /// 「前項の免責は、動作環境一覧に記載したOSに脆弱性が判明したとき、乙が…協議を主導して…対策を決め、…実施されて
  /// いることを条件とする」: what the vendor listed in its environment list is what it designated (D2 met).
  @Test func softwareListedInTheVendorsEnvironmentListIsDesignated() {
    let text =
      Self.opening + """
        第10条（免責）
        １　乙は、甲が乙の了解なく端末のOSを更新したことにより生じた障害については、責任を負わない。
        ２　前項の免責は、動作環境一覧に記載したOS及びブラウザに脆弱性が判明したとき、乙が甲との協議を主導してその対策を決め、決めた対策が実施されていることを条件とする。
        """
    #expect(element("D2.exemption", text) == .met)
    #expect(element("D2.designated-vuln", text) == .met)
    #expect(finding("D2", text) == nil)
  }

  /// 「甲が追加した他社のソフトウェア（乙が動作環境として指定したものも含む。）…責任を負わない」: the exemption
  /// reaches the software the vendor designated, whatever talks on its weaknesses another article
  /// promises (D2 raised, the designated software's measures contradicted).
  @Test func theExemptionReachesTheDesignatedSoftwareToo() {
    let text =
      Self.opening + """
        第8条（脆弱性）
        乙は、乙が動作環境として指定したOS及びソフトウェアに脆弱性が見つかったときは、甲との協議を主導して対策を決め、これを実施する。

        第9条（責任の範囲）
        乙は、甲が端末に追加した他社のソフトウェア（乙が動作環境として指定したものも含む。）が原因の故障について、理由のいかんを問わず責任を負わない。
        """
    #expect(element("D2.exemption", text) == .met)
    #expect(element("D2.designated-vuln", text) == .contradicted)
    #expect(finding("D2", text)?.article == "9")
    // Without the words taking the designated software in, the exemption is the ordinary one.
    let ordinary = text.replacingOccurrences(of: "（乙が動作環境として指定したものも含む。）", with: "（乙が指定したものを除く。）")
    #expect(finding("D2", ordinary) == nil)
  }

  /// 「甲のパソコンに入ったどんなソフトウェア…についても」 in the words 「いかなるソフトウェア」: the exemption
  /// reaches every piece of software, what the vendor designated with the rest, and only a notice of
  /// weaknesses is promised (D2 raised).
  @Test func theExemptionReachesAnySoftware() {
    let text =
      Self.opening + """
        第11条（責任を負わない場合）
        甲のパソコンに入れられたいかなるソフトウェア（OSの更新を含む。）が原因の故障についても、乙は責任を負わない。ただし、乙は、そのソフトウェアの弱点を知ったときは、甲に知らせるよう努める。
        """
    #expect(element("D2.exemption", text) == .met)
    #expect(finding("D2", text)?.article == "11")
  }

  /// 「前項の「乙が指定したソフトウェア」とは、故障が起きた後に乙が調べて、指定したものと確かめたものをいう」: the
  /// measures for designated software are there, but the vendor says after the fault what it designated:
  /// a person must look (D2 raised as 要確認, with the reason); without that definition, D2 is met.
  @Test func whatWasDesignatedDecidedAfterTheFault() {
    let met =
      Self.opening + """
        第12条（免責）
        １　乙は、乙が指定したソフトウェア以外のソフトウェアに起因して生じた障害については、責任を負わない。
        ２　乙は、乙が指定したソフトウェアに脆弱性が見つかったときは、甲との協議を主導して対策を決め、これを実施する。前項の免責は、この対策が実施されていることを条件とする。
        """
    #expect(finding("D2", met) == nil)
    let afterwards = met.replacingOccurrences(
      of: "これを実施する。前項の免責は",
      with: "これを実施する。ここにいう指定したソフトウェアとは、障害が発生した後に乙が調べて、乙の指定したものと確かめたソフトウェアをいう。前項の免責は")
    #expect(element("D2.designated-vuln", afterwards) == .unclear)
    #expect(finding("D2", afterwards)?.status == .unclear)
    #expect(finding("D2", afterwards)?.article == "12")
  }

  /// 「前項に掲げるもののうち、サーバの置き場所及び電源に係る安全対策は…」: the talks take two of the five things
  /// the institution provides and leave the lines and terminals out (C2 raised).
  @Test func twoOfTheListedThingsSelected() {
    let text =
      Self.opening + """
        第6条（甲の協力）
        １　甲は、サーバの置き場所、電源、院内LAN、利用者端末及び保守用の回線を用意する。
        ２　前項に掲げるもののうち、サーバの置き場所及び電源に係る安全対策は、乙が主導して甲と協議して決め、甲が実施する。
        """
    #expect(element("C2.provided-security", text) != .met)
    #expect(finding("C2", text)?.article == "6")
    let all = text.replacingOccurrences(of: "前項に掲げるもののうち、サーバの置き場所及び電源", with: "前項に掲げるもの")
    #expect(finding("C2", all) == nil)
  }

  /// 「医院の中でやるべきセキュリティのことは、業者が確認表を作って持ってきて、打合せで話し合って決める」: the
  /// vendor drafts and brings what the talks settle, in plain words (C1 led by the vendor).
  @Test func theVendorMakesAndBringsTheList() {
    let text = """
      保守のとりきめ

      つばめ歯科医院（以下「医院」という。）と株式会社ツバメ電算（以下「業者」という。）は、次のとおり決める。

      第1条（保守）
      業者は、医院の受付のパソコンを保守する。

      第2条（医院でやること）
      医院の中でやるべきセキュリティのこと（パスワードの決め方、USBメモリの使い方など）は、業者が確認表を作って持ってきて、院長との打合せで話し合って決める。決めたことは医院がやる。
      """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let byTheClinic = text.replacingOccurrences(
      of: "業者が確認表を作って持ってきて、院長との打合せで話し合って決める", with: "院長が決める")
    #expect(finding("C1", byTheClinic) != nil)
  }

  /// The provided things' security settled in a small practice's plain words: 「このうちのどれについても」 (every
  /// one of them, not a selection), 「これらのもの（…）のセキュリティ」, and the vendor that 「先に立って」
  /// consults, 「のほうから打合せを申し込んで」 or 「話し合いの場を作って」 (C2 met).
  @Test func theProvidedThingsSettledInAPracticesPlainWords() {
    let opening = """
      受付システムのとりきめ

      ふたば眼科（以下「医院」という。）と株式会社フタバ電算（以下「業者」という。）は、次のとおり決める。

      第1条（目的）
      業者は、医院に受付システムを使わせる。

      """
    let every =
      opening + """
        第2条（医院が用意するもの）
        医院は、次のものを用意する。
        ①受付のタブレットと、その電源
        ②インターネット回線
        ２　このうちのどれについても、セキュリティの対策（パスワード、置き場所など）は、業者が話し合いの場を作って、その話し合いで決めたことを医院がやる。
        """
    #expect(element("C2.provided-security", every) == .met)
    #expect(finding("C2", every) == nil)
    let one = every.replacingOccurrences(of: "このうちのどれについても", with: "このうち回線について")
    #expect(finding("C2", one) != nil)
    let these =
      opening + """
        第2条（医院が用意するもの）
        医院は、電源、インターネット回線及び受付のパソコンを用意する。
        これらのもの（電源、回線、パソコン）のセキュリティをどうするかは、業者が先に立って医院と相談し、相談で決めたことを医院が実行する。
        """
    #expect(element("C2.vendor-led", these) == .met)
    #expect(finding("C2", these) == nil)
    let asked = these.replacingOccurrences(of: "業者が先に立って医院と相談し", with: "医院が業者に相談し")
    #expect(finding("C2", asked) != nil)
    let booked = these.replacingOccurrences(
      of: "業者が先に立って医院と相談し", with: "業者のほうから打合せを申し込んで医院と話し合い")
    #expect(finding("C2", booked) == nil)
  }

  /// 「乙が指定したソフトに弱点が見つかったときは、乙から甲に声をかけ、どう直すかを一緒に話し合って決め、…前の項の
  /// 前提です」: the measures for the designated software, in a practice's words (D2 met).
  @Test func howToMendTheDesignatedSoftwareTalkedOver() {
    let text =
      Self.opening + """
        第9条（責任を持たないとき）
        　甲が自分で入れたソフト（乙が指定していないもの）が原因の不具合については、乙は責任を持ちません。
        ２　ただし、乙が指定したソフトやＯＳに弱点が見つかったときは、乙から甲に声をかけ、どう直すかを一緒に話し合って決め、決めたことを実行していることが、前の項の前提です。
        """
    #expect(element("D2.designated-vuln", text) == .met)
    #expect(finding("D2", text) == nil)
    let noTalks = text.replacingOccurrences(
      of: "乙から甲に声をかけ、どう直すかを一緒に話し合って決め、決めたことを実行していることが、前の項の前提です。",
      with: "乙は甲にそのことを知らせます。")
    #expect(finding("D2", noTalks) != nil)
  }

  /// 「甲の側で必要となる対策は、前項の協議の結果を参考として、甲がこれを定めて実施する」: the vendor leads talks
  /// on its own measures, and the institution settles its own part alone, the talks only consulted (C1
  /// raised); settled 「前項の協議において」 instead, C1 is met.
  @Test func theTalksOnlyConsultedForTheInstitutionsPart() {
    let text =
      Self.opening + """
        第7条（対策の説明）
        　乙は、乙が講ずる安全対策の内容を甲に説明するため、乙の主導により甲と協議を行う。
        ２　甲の職員の管理その他甲の側で必要となるセキュリティ対策は、前項の協議の結果を参考として、甲がこれを定めて実施する。
        """
    #expect(element("C1.decided-jointly", text) != .met)
    #expect(finding("C1", text)?.article == "7")
    let settled = text.replacingOccurrences(
      of: "前項の協議の結果を参考として、甲がこれを定めて実施する", with: "前項の協議において甲乙が定め、甲が実施する")
    #expect(finding("C1", settled) == nil)
  }

  /// 「前二項に掲げるもの（…）について病院側で講ずべき情報セキュリティ対策は、乙が主催して開く協議において…決め」:
  /// the institution's part for the things it provides (C2), not its own measures; where only the
  /// institution may call talks on its own measures (「甲は、必要と認めるときは、…協議することができる」), C1
  /// is raised at that clause.
  @Test func theInstitutionsPartForTheProvidedThingsIsNotItsOwnMeasures() {
    let text =
      Self.opening + """
        第7条（甲の準備）
        　甲は、機器を置く場所及びその電源並びにインターネット回線を準備する。
        ２　前項に掲げるもの（乙が貸し出す中継装置を含む。）について病院側で講ずべき情報セキュリティ対策は、乙が主催して開く協議においてその内容を決め、甲がこれを実施する。

        第8条（甲の体制）
        　甲は、窓口となる担当者を定め、乙に通知する。
        ２　甲は、必要と認めるときは、乙の担当者を招集し、本システムの利用に関して甲が講ずる安全対策について協議することができる。
        """
    #expect(finding("C2", text) == nil)
    #expect(finding("C1", text)?.article == "8")
  }

  /// 「弁償する額は、その月の保守料までとする」「医院のもうけが減った分は、どんな場合も弁償しない」: a cap and lost
  /// profits excluded in a practice's words, with no carve-out for intent or gross negligence (D1 raised).
  @Test func aCapInAPracticesWords() {
    let text =
      Self.opening + """
        第14条（弁償）
        　乙のミスで甲に損害が出たときは、乙は弁償する。ただし、弁償する額は、その月の保守料までとする。
        ２　甲のもうけが減った分は、どんな場合も弁償しない。
        """
    #expect(element("D1.limitation", text) == .met)
    #expect(finding("D1", text)?.article == "14")
    let uncapped = text.replacingOccurrences(of: "ただし、弁償する額は、その月の保守料までとする。", with: "")
      .replacingOccurrences(of: "２　甲のもうけが減った分は、どんな場合も弁償しない。", with: "")
    #expect(finding("D1", uncapped) == nil)
  }

  /// The cap lifted where the vendor 「…ガイドラインに沿った対策をしていなかったとき」 and the loss from too little
  /// done 「逸失利益も含めて乙が弁償します」: D1 met in a practice's words.
  @Test func theCapLiftedInAPracticesWords() {
    let text =
      Self.opening + """
        第15条（弁償）
        　乙のミスで甲に損害が出たときは、乙は弁償します。ただし、弁償の上限は、その前の１年間の代金の合計です。
        ２　次のときは、前の項の上限はありません。
        ①乙にわざと又は大きなミス（故意又は重過失）があったとき
        ②乙が、経済産業省・総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿った対策をしていなかったとき
        ３　②のように対策が足りなかったために出た損害は、甲と乙で話し合ったうえで、得られなかった利益（逸失利益）も含めて乙が弁償します。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(element("D1.deficient-compensable", text) == .met)
    #expect(finding("D1", text) == nil)
  }

  /// 「（２）第9条第1項の承諾を得ずに再委託したとき。」 among the grounds for termination is a past breach, which
  /// presumes the consent 第9条 requires; 「…承諾を得ずに再委託することができる」 gives it away (B2 contradicted).
  @Test func subcontractingWithoutConsentAsAGroundForTermination() {
    let text =
      Self.opening + """
        第9条（再委託）
        １　乙は、本業務の一部を第三者に委託しようとするときは、あらかじめ甲の書面による承諾を得なければならない。
        ２　乙は、再委託先に対し、本契約に定める乙の安全管理上の義務と同等の義務を課し、その履行を監督する。
        ３　再委託先の行為は、乙の行為とみなす。

        第20条（解除）
        甲は、乙が次のいずれかに該当するときは、本契約を解除することができる。
        （１）本契約に違反し、相当の期間を定めて催告しても是正しないとき。
        （２）第9条第1項の承諾を得ずに再委託したとき。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(finding("B2", text) == nil)
    let givenAway = text.replacingOccurrences(
      of: "（２）第9条第1項の承諾を得ずに再委託したとき。", with: ""
    )
    .replacingOccurrences(
      of: "あらかじめ甲の書面による承諾を得なければならない。",
      with: "あらかじめ甲の書面による承諾を得なければならない。ただし、保守の補助は、甲の承諾を得ずに再委託することができる。")
    #expect(element("B2.consent", givenAway) == .contradicted)
  }

  /// A practice's words for subcontracting: 「ほかの会社に頼むときは、先に院長の書面での了解をもらう」「頼む会社
  /// にも、…同じことを守らせ、ちゃんと守っているかを見る」, and 「再受託者」 (B2 met).
  @Test func subcontractingInAPracticesWords() {
    let text = """
      保守のとりきめ

      つばめ歯科医院（以下「医院」という。）と株式会社ツバメ電算（以下「業者」という。）は、次のとおり決める。

      第1条（保守）
      業者は、医院の受付のパソコンを保守する。

      第2条（ほかの会社に頼むとき）
      　業者が、この仕事の一部をほかの会社に頼むときは、先に院長の書面での了解をもらう。
      ２　そのときは、業者は、頼む会社にも、この契約で業者が守ることと同じことを守らせ、ちゃんと守っているかを見る。
      ３　頼んだ会社がしたことは、業者がしたことと同じに扱う。
      """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(finding("B2", text) == nil)
    let noConsent = text.replacingOccurrences(of: "先に院長の書面での了解をもらう", with: "院長に知らせる")
    #expect(finding("B2", noConsent) != nil)
  }

  /// 「この契約の変更は、第10条に定めるもののほか、甲乙が協議の上、書面により行う」 leaves aside what 第10条 says
  /// (a change affecting the institution's security) and settles nothing of the institution's own
  /// measures: C1 is raised where they are left to the institution, after the vendor's advice.
  @Test func talksBesidesWhatAnotherArticleSays() {
    let text =
      Self.opening + """
        第9条（甲が講ずる対策）
        　本システムの利用に関して甲が講ずべき情報セキュリティ対策については、乙は、甲の求めに応じて助言を行い、甲は、当該助言を踏まえてその内容を決定する。

        第10条（変更管理）
        　乙は、甲の情報セキュリティ対策に影響を及ぼす変更を行おうとするときは、その60日前までに書面で甲に通知し、甲の承認を受けなければならない。

        第23条（契約の変更）
        　この契約の内容の変更は、第10条に定めるもののほか、甲乙が協議の上、書面により行う。
        """
    #expect(element("C1.decided-jointly", text) != .met)
    #expect(finding("C1", text)?.article == "9")
  }

  /// 「第19条は、前項の変更に係る甲の承認の手続を妨げるものではない」: the approval is what is not hindered, so it
  /// stands (B1 met); 「甲の承認なく変更することを妨げない」 gives it away.
  @Test func theApprovalNotHindered() {
    let text =
      Self.opening + """
        第19条（契約の変更）
        　本契約の変更は、甲乙の記名押印した書面による。

        第20条（変更の手続）
        １　乙は、本システムの構成その他本業務の内容を変更しようとする場合において、その変更が甲の情報セキュリティ体制に影響を及ぼすときは、変更予定日の60日前までに甲に書面で通知し、甲の承認を得なければならない。
        ２　第19条は、前項の変更に係る甲の承認の手続を妨げるものではない。
        """
    #expect(element("B1.approval", text) == .met)
    #expect(finding("B1", text) == nil)
    let givenAway = text.replacingOccurrences(
      of: "第19条は、前項の変更に係る甲の承認の手続を妨げるものではない。",
      with: "前項の規定は、乙が甲の承認なく軽微な変更をすることを妨げない。")
    #expect(element("B1.approval", givenAway) == .contradicted)
  }

  /// The vendor guideline named only in an item of the cap's carve-out (「（２）乙が、…ガイドラインに沿った安全管
  /// 理を…行っていなかったことによる損害」) measures a failure and says nothing of how the vendor works (A
  /// raised); named as what the vendor's care follows, it meets A.
  @Test func theGuidelineOnlyInTheCapsCarveOut() {
    let carveOut =
      Self.opening + """
        第5条（法令の遵守）
        乙は、関係法令を遵守して本業務を行う。

        第12条（損害賠償）
        １　乙の賠償額は、本契約の代金額を上限とする。
        ２　前項の上限は、次の損害には適用しない。
        （１）乙の故意又は重大な過失による損害
        （２）乙が、本業務について経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿った安全管理を行っていなかったことによる損害
        """
    #expect(element("A.gl-basis", carveOut) != .met)
    #expect(finding("A", carveOut) != nil)
    let followed = carveOut.replacingOccurrences(
      of: "乙は、関係法令を遵守して本業務を行う。",
      with: "乙は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って本業務の安全管理を行う。")
    #expect(element("A.gl-basis", followed) == .met)
    // The same carve-out in plain words (「…に沿った対策をしていなかったとき」): still no duty.
    let plain = carveOut.replacingOccurrences(
      of: "に沿った安全管理を行っていなかったことによる損害", with: "に沿った対策をしていなかったときの損害")
    #expect(element("A.gl-basis", plain) != .met)
  }

  /// 「…ガイドラインを参考として、乙の定める情報セキュリティ規程に従い、…安全管理を行う」: the guideline only
  /// consulted; the vendor follows its own rules (A raised).
  @Test func theGuidelineOnlyConsulted() {
    let text =
      Self.opening + """
        第4条（安全管理）
        乙は、本契約に基づく保守を行うに当たり、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」を参考として、乙の定める情報セキュリティ規程に従い、適切な安全管理を行う。
        """
    #expect(element("A.gl-basis", text) != .met)
    #expect(finding("A", text) != nil)
  }

  /// 「甲が提供する回線及び電源に係るセキュリティ対策については、甲から申出があったときは、乙が協議を主催し、
  /// その結果に基づき甲がこれを実施する」: without the institution's request nothing is settled (C2 raised).
  @Test func providedThingsSettledOnlyWhenTheInstitutionAsks() {
    let text =
      Self.opening + """
        第4条（甲が提供するもの）
        １　甲は、本業務のために専用回線、設置場所及び電源を提供する。
        ２　前項により甲が提供する専用回線、設置場所及び電源に係るセキュリティ対策については、乙が協議を主催し、その結果に基づき甲がこれを実施する。

        第5条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(finding("C2", text) == nil)
    let onRequest = text.replacingOccurrences(of: "については、乙が協議を主催し", with: "については、甲から申出があったときは、乙が協議を主催し")
    #expect(element("C2.provided-security", onRequest) != .met)
    #expect(finding("C2", onRequest) != nil)
  }
}
