import Testing

@testable import BunkaiCore

/// A sentence that opens by taking up the one before it continues it (DOMAIN.md section 4: an
/// element met across sentences of one clause is met).
extension ReadingAndLocationTests {
  /// 「…保護策を手順書に盛り込む。保護策は、…協議を経て確定し、甲が講じる。」: the second sentence's
  /// topic is a noun of the first, so the provided things and the talks are one statement (C2).
  @Test func aTopicTakenUpFromTheSentenceBefore() {
    let text =
      Self.opening + """
        第7条（甲が提供する物）
        １　甲は、本業務のため、サーバ室の収納棚、電源及び保守用の回線を乙に使わせる。
        ２　乙は、前項の物について講ずべき保護策を運用手順書に盛り込む。保護策は、乙が招集する定例会での協議を経て確定し、甲がこれを講じる。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
    // A second sentence about something else takes nothing up.
    let other = text.replacingOccurrences(of: "保護策は、乙が招集する", with: "作業日程は、乙が招集する")
    #expect(element("C2.provided-security", other) != .met)
  }

  /// 「乙は、…その保護に必要な措置を挙げて甲に示す。甲と乙はこれを取り決め…」: これ takes up what the
  /// vendor showed, and the vendor that showed it leads (C2).
  @Test func thisTakesUpWhatTheVendorShowed() {
    let text =
      Self.opening + """
        第6条（院内の設備）
        １　甲は、保守に要する院内ＬＡＮ及び無停電電源装置を用意する。
        ２　乙は、前項の院内ＬＡＮ及び無停電電源装置について、その保護に必要な措置を挙げて甲に示す。甲と乙はこれを取り決め、取り決めた措置は甲が行う。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    // A party opening the next sentence is who acts, not a matter taken up.
    let apart = text.replacingOccurrences(of: "甲と乙はこれを取り決め、取り決めた措置は甲が行う。", with: "甲は、保守の日程を取り決める。")
    #expect(element("C2.provided-security", apart) != .met)
  }

  /// 「当社による対策案の作成…からなります。最終案は、ユーザーと当社が電子署名した…として確定」: signed
  /// by both is settled by both, and 最終案 takes up the sentence that refers to the paragraph
  /// naming the user's own measures (C1).
  @Test func aFinalDraftBothSignContinuesTheSupportItTakesUp() {
    let text = """
      サービス利用規約

      本規約は、株式会社ミドリ薬局支援（以下「当社」という。）が提供するサービスを、これを利用する薬局（以下「ユーザー」という。）が利用する条件を定めます。

      第4条（ユーザーの対策）
      1　当社は、ユーザーが本サービスの利用に関して店舗内で行うセキュリティ対策（担当者ごとのアカウント管理、画面ロック等）の策定を支援します。
      2　前項の支援は、当社による対策案の作成と提示及び最終案の取りまとめからなります。最終案は、ユーザーと当社が電子署名した「運用確認書」として確定します。
      3　ユーザーは、運用確認書に従って対策を実施します。
      """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let unsigned = text.replacingOccurrences(of: "ユーザーと当社が電子署名した", with: "当社が作成した")
    #expect(element("C1.decided-jointly", unsigned) != .met)
  }

  /// 「当社とお客様は、院内対策案をもとに協議し」: measures inside the institution (院内対策) are its own
  /// part (C1), as 「お客様の院内で必要となる対策」 is.
  @Test func measuresInsideTheInstitutionAreItsOwnPart() {
    let text = """
      クラウドバックアップサービス利用規約

      株式会社アオゾラクラウド（以下「当社」という。）は、本サービスを利用する医療機関（以下「お客様」という。）との間で、次のとおり定めます。

      第7条（院内の対策）
      1　当社は、お客様の利用状況を伺い、本サービスの利用に伴う院内対策案を作成してお客様に提示します。
      2　当社とお客様は、院内対策案をもとに協議し、協議の結果を当社とお客様が記名押印した確認書にまとめます。
      """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「甲乙の協議により確定した事項は、甲が行う。」: the noun heading the topic (事項) takes up the
  /// sentence before that named the matters for the provided room and power (C2); 安全に稼働させる
  /// is what security is for.
  @Test func theHeadNounOfALongTopicTakesUpTheSentenceBefore() {
    let text =
      Self.opening + """
        第7条（設置環境）
        一　甲は、本システムの設置のため、機械室及び電源設備を用意する。
        二　乙は、前項の設備について、本システムを安全に稼働させるために甲が行うべき事項を設計書に記して甲に示す。甲乙の協議により確定した事項は、甲が行う。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    // A topic ending in a party's label takes nothing up.
    let party = text.replacingOccurrences(of: "甲乙の協議により確定した事項は、甲が行う。", with: "保守の日程について協議する甲は、その日程を了承する。")
    #expect(element("C2.provided-security", party) != .met)
  }

  /// 「院内端末の安全のための措置は、前条の確認書に含めて定め」: settled in the record of the article
  /// before, which both sign after the vendor's draft (C2).
  @Test func measuresForATerminalSettledInTheRecordOfTheArticleBefore() {
    let text = """
      サービス利用規約

      株式会社ヒカリ問診（以下「当社」という。）と本サービスを利用する医療機関（以下「利用機関」という。）は、次のとおり定めます。

      第5条（院内の対策）
      1. 当社は、利用機関が院内で行うべき対策の案を作成して利用機関に提示します。
      2. 利用機関は案について当社に質問し、両者が記名押印した「院内対策確認書」とします。

      第6条（院内端末）
      利用機関は、院内端末を自らの負担で用意します。院内端末の安全のための措置は、前条の院内対策確認書に含めて定め、利用機関が実施します。
      """
    #expect(element("C2.provided-security", text) == .met)
    #expect(finding("C2", text) == nil)
    let alone = text.replacingOccurrences(of: "前条の院内対策確認書に含めて定め、", with: "")
    #expect(element("C2.provided-security", alone) != .met)
  }
}

extension ReadingAndLocationTests {
  /// A topic naming the parties by the contract's own labels (「注文者及び請負人は」) says who acts, as
  /// 「甲及び乙は」 does: talks on a schedule do not take up the measures of the sentence before (C1).
  @Test func aTopicOfTheContractsOwnLabelsTakesNothingUp() {
    let text = """
      システム導入請負契約書

      医療法人しらかば会（以下「注文者」という。）と株式会社シラカバ電算（以下「請負人」という。）は、次のとおり契約する。

      第5条（注文者の対策）
      1　請負人は、注文者及び請負人が使う端末について注文者が講じる安全対策の案を作る。注文者及び請負人は、その作業日程を協議する。
      """
    #expect(element("C1.decided-jointly", text) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、…甲が講ずべき安全対策の案を提示する。甲と乙は、提示された案を協議し…」: the talks are on
  /// what the vendor presented, in the same paragraph or the next (DOMAIN.md section 4, C1).
  @Test func talksOnWhatWasPresented() {
    let sameParagraph =
      Self.opening + """
        第9条（連絡会）
        乙は、四半期に1回、連絡会を招集し、甲が講ずべき安全対策の具体的な案を提示する。甲と乙は、提示された案を協議し、合意した措置を確認書に記載して双方が記名押印する。
        """
    let nextParagraph = sameParagraph.replacingOccurrences(of: "案を提示する。甲と乙は", with: "案を提示する。\n２　甲と乙は")
    for text in [sameParagraph, nextParagraph] {
      #expect(element("C1.decided-jointly", text) == .met)
      #expect(element("C1.vendor-led", text) == .met)
    }
    // Talks on the schedule take up nothing the vendor presented.
    let other = sameParagraph.replacingOccurrences(of: "提示された案を協議し、合意した措置を", with: "連絡会の日程を協議し、その日程を")
    #expect(element("C1.decided-jointly", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「(1) 乙は、甲が行うべき安全対策を記載した「導入時チェックシート」の案を作成する。(2) 乙の担当者は、
  /// 甲の管理者と同シートを読み合わせ、双方が確認した版を確定させる。」: 同シート is the sheet of the
  /// item before (DOMAIN.md section 4, C1).
  @Test func theSameSheetTakesUpTheItemBefore() {
    let text =
      Self.opening + """
        【第6条　導入時チェックシート】
        　(1) 乙は、利用開始の前に、甲が行うべき安全対策を具体的に記載した「導入時チェックシート」の案を作成する。
        　(2) 乙の担当者は、甲の管理者と同シートを一項目ずつ読み合わせ、双方が確認した版を確定させる。
        　(3) 甲は、確定した同シートに記載された対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    // Another sheet takes up nothing.
    let other = text.replacingOccurrences(of: "甲の管理者と同シートを一項目ずつ読み合わせ、", with: "甲の管理者と作業日程表を一項目ずつ読み合わせ、")
    #expect(element("C1.decided-jointly", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「② 乙は、前号の回線及び中継サーバに必要な安全対策を取りまとめて甲に提案する。甲と乙は提案について
  /// 話し合い、両者で合意した対策を甲が実施する。」: the talks are on the vendor's proposal about the
  /// provided line and server (DOMAIN.md section 4, C2).
  @Test func talksOnTheProposalOfTheSentenceBefore() {
    let text =
      Self.opening + """
        第6条（甲が用意するもの）
        ① 甲は、乙のリモート保守のため、VPN回線及びこれを終端する中継サーバを用意する。
        ② 乙は、前号の回線及び中継サーバに必要な安全対策を取りまとめて甲に提案する。甲と乙は提案について話し合い、両者で合意した対策を甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    // Talks on the invoice take up nothing.
    let other = text.replacingOccurrences(of: "甲と乙は提案について話し合い", with: "甲と乙は請求書の書式について話し合い")
    #expect(element("C2.provided-security", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「前項の免責は、…指定ソフトウェアに脆弱性が見つかったときに乙が次の各号を行っていることを条件とする。
  /// （１）…（２）…（３）合意した対策を乙が適用すること」: each item continues the sentence that announces
  /// the list; the measure in the last item is for the designated software's vulnerabilities
  /// (DOMAIN.md section 4, D2).
  @Test func anItemContinuesTheSentenceThatAnnouncesTheList() {
    let text =
      Self.opening + """
        第9条（免責）
        １　乙は、乙が稼働環境として指定したミドルウェア及びOS（以下「指定環境」という。）以外のソフトウェアを甲が導入したことにより生じた障害について、責任を負わない。
        ２　前項の免責は、指定環境に脆弱性が見つかったときに乙が次の各号を行っていることを条件とする。
        （１）乙が影響の範囲を調査して甲に報告すること
        （２）乙が甲との会合を開き、処置の方法と日程を甲と決めること
        （３）決めた対策を乙が適用すること
        """
    #expect(element("D2.designated-vuln", text) == .met)
    // Items under a sentence that announces no list continue nothing.
    let unannounced = text.replacingOccurrences(
      of: "２　前項の免責は、指定環境に脆弱性が見つかったときに乙が次の各号を行っていることを条件とする。",
      with: "２　前項の免責は、指定環境に脆弱性が見つかったときに乙が調査を行っていることを条件とする。")
    #expect(element("D2.designated-vuln", unannounced) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、…甲側で必要な対策を「対策確認書」に書き出す。乙は、毎年4月に対策確認書を提出する。
  /// 甲及び乙は、対策確認書について協議し」: the talks are over the paper the sentence before has the
  /// vendor hand in, and the vendor leads them (dev21 b_09); without that sentence nobody named
  /// leads.
  @Test func talksOverThePaperTheSentenceBeforeHandsIn() {
    let text =
      Self.opening + """
        第11条（甲側の対策の決定）
        １　甲が本システムを利用するに当たり自ら講ずべき情報セキュリティ対策は、次の手順で定める。（１）乙は、その対策を「対策確認書」に書き出す。乙は、毎年4月に対策確認書を提出する。（２）甲及び乙は、対策確認書について協議し、合意した内容を記録する。
        ２　甲は、前項で合意した対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let nobodyHandsIn = text.replacingOccurrences(of: "乙は、毎年4月に対策確認書を提出する。", with: "")
    #expect(element("C1.vendor-led", nobodyHandsIn) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「運用会議では、次の事項を協議する。（1）…（2）甲が自ら講ずべき情報セキュリティ対策の内容」: an item of a
  /// list the talks take up is talked over (dev22 a_18); a list the hospital is only told of is not.
  @Test func anItemOfAListTheTalksTakeUp() {
    let text =
      Self.opening + """
        第5条（運用会議）
        1 乙は、運用会議を四半期ごとに招集し、乙の担当課長が進行する。
        2 運用会議では、次の事項を協議する。
        （1）障害の発生状況
        （2）甲が自ら講ずべき情報セキュリティ対策の内容
        3 運用会議で合意した事項は議事録に記録し、甲乙双方の署名により確定する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let told = text.replacingOccurrences(of: "2 運用会議では、次の事項を協議する。", with: "2 乙は、次の事項を甲に書面で送付する。")
    #expect(element("C1.decided-jointly", told) != .met)
  }

  /// 「連絡会は、次の事項を取り扱う。」 and 「連絡会の議長は乙の保守責任者が務める。」: a meeting of the
  /// parties whose business the list is, chaired by the vendor, settles the hospital's measures it
  /// lists (dev22 a_03); chaired by the hospital, the vendor does not lead it.
  @Test func aListedBusinessOfAMeetingTheVendorChairs() {
    let text =
      Self.opening + """
        第4条（運用連絡会）
        1 甲及び乙は、本システムの安全な運用について話し合うため、運用連絡会（以下「連絡会」という。）を設ける。
        2 連絡会の議長は乙の保守責任者が務める。
        3 連絡会は、次の事項を取り扱う。
        （1）甲が院内で講じる情報セキュリティ対策の具体的な内容
        （2）その他必要な事項
        4 連絡会で決めた事項は、甲及び乙がそれぞれ実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let hospitalChairs = text.replacingOccurrences(of: "連絡会の議長は乙の保守責任者が務める。", with: "連絡会の議長は甲の情報システム課長が務める。")
    #expect(element("C1.vendor-led", hospitalChairs) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「１　乙は、…甲との面談を主催する。２　…乙の提案を記載し、面談で甲乙が項目ごとに採否を決める。３　面談で
  /// 合意した項目は…甲がこれを実施する。」: talks in other words than 協議 run on from the paragraph before,
  /// which says who leads them (dev22 b_22); where the hospital proposes, the vendor does not lead.
  @Test func talksInOtherWordsRunOnFromTheParagraphBefore() {
    let text =
      Self.opening + """
        第8条（甲の側の取組み）
        1　乙は、稼働の前に、甲との面談を主催する。
        2　面談用の確認票には、甲が自ら行うべき情報セキュリティ対策について乙の提案を記載し、面談で甲乙が項目ごとに採否を決める。
        3　面談で合意した項目は、甲乙が確認票に記名し、甲がこれを実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let hospitalProposes = text.replacingOccurrences(
      of: "1　乙は、稼働の前に、甲との面談を主催する。", with: "1　甲は、稼働の前に、乙との面談を主催する。"
    )
    .replacingOccurrences(of: "について乙の提案を記載し", with: "について甲の考えを記載し")
    #expect(element("C1.vendor-led", hospitalProposes) != .met)
  }
  /// 「乙は、…甲が講ずべき改善項目（…）を点検結果報告書にまとめる。２　乙は報告会を開き、…改善項目を協議する。」:
  /// talks opening a paragraph over a noun the paragraph before named carry what that paragraph says
  /// the noun is (C1: the vendor convenes, both talk over the hospital's own measures).
  @Test func talksOverANounOfTheParagraphBefore() {
    let text =
      Self.opening + """
        第9条（点検後の改善）
        １　乙は、年次点検の結果に基づき、甲が講ずべき改善項目（パスワードの運用、端末の施錠、持出し媒体の管理等のセキュリティ対策）を点検結果報告書にまとめる。
        ２　乙は点検結果の報告会を開き、甲及び乙は、報告会において改善項目を協議する。協議で合意した改善項目は、甲が期日を定めて実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    // Talks over a noun the paragraph before does not hold take nothing up.
    let other = text.replacingOccurrences(
      of: "報告会において改善項目を協議する。協議で合意した改善項目は", with: "報告会において作業日程を協議する。協議で合意した作業日程は")
    #expect(element("C1.decided-jointly", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「１　乙は、…甲が行うべき対策を甲に説明する。２　甲は、前項の説明を受けて、甲の主導で乙と協議し、…
  /// 定めて実施する。」: the vendor's telling is only the input of talks the next paragraph says the
  /// hospital leads (DOMAIN.md C1: the talks are led by the vendor). Where that paragraph does not say
  /// the hospital leads, the telling still leads.
  @Test func tellingThatFeedsTalksTheOtherPartyLeadsLeadsNothing() {
    let text =
      Self.opening + """
        第6条（甲の側の対策）
        １　乙は、本システムの稼働前に、甲が院内で行うべき情報セキュリティ対策の内容を、資料を用いて甲に説明する。
        ２　甲は、前項の説明を受けて、甲の主導により乙と協議し、甲が行う対策を定めてこれを実施する。
        """
    #expect(element("C1.vendor-led", text) != .met)
    #expect(finding("C1", text) != nil)
    let vendorLeads = text.replacingOccurrences(of: "甲の主導により乙と協議し", with: "乙の主導により甲と協議し")
    #expect(element("C1.vendor-led", vendorLeads) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「３　…他社製のソフトウェアについては、…前項の協議の対象としない。」 where 前項 holds the talks on a
  /// found vulnerability: it narrows those talks (D2's), not the talks on the hospital's own measures
  /// of another article (C1 stays met). Where it names the article on the hospital's measures, it
  /// denies C1.
  @Test func aDenialOfTheVulnerabilityTalksLeavesTheHospitalsTalksStanding() {
    let text =
      Self.opening + """
        第6条（甲の側の対策）
        １　乙は、甲が院内で行うべき情報セキュリティ対策（端末の管理、職員の教育等）の案を作成し、甲との協議を主導する。
        ２　甲及び乙は、前項の協議で対策を確定させ、甲はこれを実施する。

        第7条（脆弱性）
        １　乙は、乙の指定しないソフトウェアに起因する障害について責任を負わない。
        ２　乙が指定したソフトウェアに脆弱性が判明したときは、乙が主導して甲と対策を協議し、定めた対策を実施する。
        ３　他社が製造したOS及び暗号化装置のファームウェアについては、製造元の修正プログラムを適用するにとどめ、前項の協議の対象としない。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(finding("C1", text) == nil)
    let deniesC1 = text.replacingOccurrences(
      of: "３　他社が製造したOS及び暗号化装置のファームウェアについては、製造元の修正プログラムを適用するにとどめ、前項の協議の対象としない。",
      with: "３　端末の管理については、甲が自ら定めるものとし、第6条の協議の対象としない。")
    #expect(element("C1.decided-jointly", deniesC1) != .met)
  }

  /// A 仕様書 section whose paragraph is a heading line over items (1) (2) (3): 「(2) 前号の案を基に…協議し、
  /// …決定する」 takes up item (1), which says what the draft is about (the hospital's security
  /// measures), so the talks decide those measures. Without 前号 the second item says nothing of
  /// security, and the talks decide nothing named.
  @Test func anItemsPreviousItemIsTakenUp() {
    let text = """
      委託契約書

      第1条（目的）
      甲は、乙に画像管理システムの保守を委託し、乙はこれを受託する。

      第2条（仕様書）
      業務の内容は、別添の仕様書による。

      別添　画像管理システム保守業務仕様書

      第1　総則
      1　目的
      本仕様書は、保守の内容を定める。

      第2　業務
      1　定期点検
      乙は、半年ごとに点検を行う。

      第3　運用上の取決め
      1　甲側の取組み
      (1) 乙は、年に一度、甲の職員向けの勉強会を開き、甲が自ら行うべき情報セキュリティ対策の原案を示す。
      (2) 前号の原案を基に、乙が司会となって甲と話し合い、甲が行う事項の中身を決める。
      (3) 甲は、決めた対策を自ら実施する。

      甲　みどり台病院
      乙　株式会社ひかり保守
      """
    #expect(element("C1.decided-jointly", text) == .met)
    let noTakeUp = text.replacingOccurrences(of: "(2) 前号の原案を基に、", with: "(2) 別途、")
    #expect(element("C1.decided-jointly", noTakeUp) != .met)
  }
}
