import Testing

@testable import BunkaiCore

/// Approval of a change (DOMAIN.md section 4, B1): leaving is not approving, and changes the vendor
/// alone may call minor take the approval away.
extension ReadingAndLocationTests {
  /// 「…変更に同意できない場合は、解約することができる」 gives the institution a way out, not a say.
  @Test func leavingIsNotApproving() {
    let text =
      Self.opening + """
        第5条（サービス内容の変更）
        乙は、保守拠点、接続方式その他甲のセキュリティ対策に影響する業務の内容を変更するときは、変更日の60日前までに甲に書面で知らせる。
        ２　甲は、前項の変更に同意できない場合、変更日の前日までに本契約を解約することができる。
        """
    #expect(element("B1.notice", text) == .met)
    #expect(element("B1.approval", text) != .met)
    #expect(finding("B1", text)?.article == "5")
    let approves = text.replacingOccurrences(
      of: "甲は、前項の変更に同意できない場合、変更日の前日までに本契約を解約することができる。", with: "乙は、前項の変更について、あらかじめ甲の書面による承諾を得る。")
    #expect(element("B1.approval", approves) == .met)
  }

  /// 「前項にかかわらず、乙が軽微と判断した変更は…通知のみで行うことができる」 undoes the approval the
  /// paragraph before requires.
  @Test func changesTheVendorAloneCallsMinor() {
    let text =
      Self.opening + """
        第8条（業務内容の変更）
        乙は、監視拠点、監視の方法又は機器の更新方針を変更するときは、30日前までに甲に通知し、甲の承諾を得る。
        ２　前項にかかわらず、乙が軽微と判断した変更は、甲のセキュリティに関わるものであっても、通知のみで行うことができる。
        """
    #expect(element("B1.approval", text) == .contradicted)
    let agreedMinor = text.replacingOccurrences(
      of: "乙が軽微と判断した変更は、甲のセキュリティに関わるものであっても、通知のみで行うことができる。",
      with: "甲の情報セキュリティに影響を及ぼさない軽微な変更は、通知のみで行うことができる。")
    #expect(element("B1.approval", agreedMinor) == .met)
  }

  /// 「甲が前項の変更に同意しないときは、…協議する」 is what happens when consent is withheld: it
  /// presumes the consent the paragraph before requires, for a change or for a new subcontractor.
  @Test func consentWithheldIsACaseNotADenial() {
    let text =
      Self.opening + """
        第7条（サービスの変更）
        乙は、システム構成、データの保管場所、再委託先その他の事項を変更する場合であって、その変更が甲のセキュリティ対策に影響するときは、変更予定日の3か月前までに甲に書面で通知し、甲の同意を得て実施する。
        ２　甲が前項の変更に同意しないときは、甲乙は、従前の条件による継続その他の対応について協議する。
        """
    #expect(element("B1.approval", text) == .met)
    #expect(finding("B1", text) == nil)
    let refused = text.replacingOccurrences(
      of: "甲が前項の変更に同意しないときは、甲乙は、従前の条件による継続その他の対応について協議する。",
      with: "前項の変更は、甲の同意を要しないで実施することができる。")
    #expect(element("B1.approval", refused) == .contradicted)
  }
}

extension ReadingAndLocationTests {
  /// B1 (DOMAIN.md §4: notice in advance, a fixed period, the institution's approval) in other
  /// words: 「実施の30日以上前に甲へ書面で予告し」 is a notice with its period; a change the contract
  /// names (「…の変更であって…影響を及ぼすもの（以下「重要な変更」という。）」) is still that change
  /// where the approval is required (「重要な変更について甲の書面による同意を得た後でなければ、これを実施
  /// しない」); and a pharmacy chain run as a company (「株式会社…調剤ホールディングス（以下「当社」
  /// という。）」) that commissions an IT company is the institution whose approval counts.
  @Test func changesInOtherWords() {
    let notice =
      Self.opening + """
        第10条（変更）
        乙は、保守体制又はサポート拠点の変更のうち甲の安全管理に影響するものについて、実施の30日以上前に甲へ書面で予告し、甲の同意を得たうえで実施する。
        """
    #expect(element("B1.notice", notice) == .met)
    #expect(element("B1.period", notice) == .met)
    #expect(finding("B1", notice) == nil)

    let named =
      Self.opening + """
        第6条（重要な変更）
        1. 乙は、本サービスの提供基盤、運用体制又は接続方式の変更であって、甲のセキュリティ対策に影響を及ぼすもの（以下「重要な変更」という。）を行おうとするときは、実施予定日の2か月前までに、その内容を甲に書面で知らせる。
        2. 乙は、重要な変更について甲の書面による同意を得た後でなければ、これを実施しない。
        """
    #expect(element("B1.approval", named) == .met)
    #expect(finding("B1", named) == nil)

    let pharmacy = """
      調剤支援システム運用委託契約書

      株式会社つばめ調剤ホールディングス（以下「当社」という。）と、カワセミIT株式会社（以下「受託会社」という。）は、次のとおり契約を締結する。

      第6条（変更）
      1. 受託会社は、運用体制又はデータの保管場所を変更しようとする場合で、当社の情報セキュリティ体制に影響を与えるときは、変更予定日の60日前までに当社に書面で通知する。
      2. 受託会社は、前項の変更について当社の書面による承認を得なければならない。
      """
    #expect(
      ContractParser.parse(SourceText(text: pharmacy)).parties.first { $0.label == "当社" }?.role
        == .institution)
    #expect(element("B1.approval", pharmacy) == .met)
    #expect(finding("B1", pharmacy) == nil)
  }
}

extension ReadingAndLocationTests {
  /// 「…14日前までに掲載してお知らせし、甲が本サービスを利用したときは、変更に同意したものとみなす」:
  /// the institution acts only in the later condition; the notice is still the vendor's, given a
  /// fixed time ahead (B1), while the consent deemed from use is none.
  @Test func thePartyInALaterConditionIsNotTheOneWhoNotifies() {
    let text =
      Self.opening + """
        第7条（サービスの変更）
        乙は、本サービスの内容を変更することができる。変更の際は、効力発生日の14日前までに乙のウェブサイトに掲載して知らせ、効力発生日以降に甲が本サービスを利用したときは、甲は変更に同意したものとみなす。
        """
    #expect(element("B1.notice", text) == .met)
    #expect(element("B1.period", text) == .met)
    #expect(element("B1.approval", text) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…第4条の入力を怠ったとき…は、参加の承認を取り消すことができる」, where 第4条 speaks of a shift change
  /// (交代): taking back an approval already given is no approval of the vendor's changes, and the
  /// finding stays at the article on changes.
  @Test func revokingAnApprovalIsNotApprovingAChange() {
    let text =
      Self.opening + """
        第4条（入力）
        甲は、当直の交代ごとに受入可否を入力する。

        第5条（システムの変更）
        乙は、本システムの機能を変更することができる。この場合、乙は変更の内容を甲に周知する。

        第6条（参加の取消し）
        乙は、甲が第4条の入力を怠ったとき、又は本システムの情報を目的外に利用したときは、参加の承認を取り消すことができる。
        """
    #expect(element("B1.approval", text) != .met)
    #expect(finding("B1", text)?.article == "5")
  }
}

extension ReadingAndLocationTests {
  /// 「前項の変更は、甲が書面で承認するまで実施しない」: nothing is done before the approval, so the approval
  /// is required (B1), not denied. 「甲の承認は要しない」 still denies it.
  @Test(arguments: ["甲が書面で承認するまで実施しない", "甲の書面による承認を得るまでは行わない"])
  func notUntilApprovedRequiresTheApproval(clause: String) {
    let text =
      Self.opening + """
        第5条（変更の申出）
        乙は、作業拠点、監視ツール、要員体制その他業務の実施方法の変更で、甲の情報セキュリティ体制に関わるものを行おうとするときは、実施予定日の1か月前までにその内容を甲に書面で通知しなければならない。
        ２　前項の変更は、\(clause)。
        """
    #expect(element("B1.approval", text) == .met, "\(clause)")
    #expect(finding("B1", text) == nil, "\(clause)")
    let denied = text.replacingOccurrences(of: clause, with: "甲の承認を要しない")
    #expect(element("B1.approval", denied) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…変更を行うときは、次の期限までにお客様に通知し…」 followed by a list of days before the change:
  /// the notice is given ahead (B1). Without the list's days no period is set.
  @Test func noticeByTheDeadlinesListedBelow() {
    let text = """
      薬歴クラウド利用規約

      株式会社ミナトソフト（以下「当社」という。）は、本規約に基づき、保険薬局を営むお客様（以下「お客様」という。）に本サービスを提供します。

      第5条（変更の通知）
      当社は、データの保管場所、認証の方式その他お客様の安全管理に影響する変更を行うときは、次の期限までにお客様に通知し、お客様の同意を得たうえで実施します。
      　・保管場所の変更　……　実施予定日の60日前
      　・認証方式の変更　……　実施予定日の20営業日前
      """
    #expect(element("B1.notice", text) == .met)
    #expect(finding("B1", text) == nil)
    let noList = text.components(separatedBy: "\n").filter { !$0.contains("・") }.joined(separator: "\n")
    #expect(element("B1.period", noList) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、本サービスの機能、運用体制その他の内容を随時変更することができる」 beside an approval required only
  /// for moving the data centre: the vendor changes the rest at will, so approval of the changes
  /// that matter is not given (B1). A proviso that keeps the approval for changes affecting the
  /// institution's security leaves it met.
  @Test func changesAtWillBesideANarrowApproval() {
    let text =
      Self.opening + """
        第5条（サービスの変更）
        １　乙は、本サービスの機能、運用体制その他の内容を随時変更することができる。
        ２　乙は、本サービスを運用するデータセンターを移転するときは、移転予定日の3か月前までに甲に通知し、甲の承認を得なければならない。
        """
    #expect(element("B1.approval", text) != .met)
    #expect(finding("B1", text)?.article == "5")
    let proviso = text.replacingOccurrences(
      of: "随時変更することができる。",
      with: "随時変更することができる。ただし、甲のセキュリティに影響する変更は、実施予定日の30日前までに甲に通知し、甲の承認を得て行う。")
    #expect(element("B1.approval", proviso) == .met)
  }

  /// 「特記事項に定める期間までに甲に通知し」 with the special terms fixing 45 days: notice ahead of the
  /// change, the period set elsewhere.
  @Test func noticeByAPeriodSetInTheSpecialTerms() {
    let text =
      Self.opening + """
        第4条（変更）
        乙は、サービスの提供方法その他の内容の変更で甲の情報セキュリティ体制に影響するものを行うときは、特記事項に定める期間までに甲に通知し、甲の承認を得る。

        特記事項

        第1条（通知の期間）
        基本契約第4条の期間は、変更予定日の四十五日前とする。
        """
    #expect(element("B1.notice", text) == .met)
    #expect(finding("B1", text) == nil)
  }

  /// 「前項の変更は、会員施設の承諾を得たものでなければ実施できない。承諾しない会員施設は、…申し出て、
  /// 費用を負担することなく退会できる。」: the approval stands; the facility that withholds it may
  /// leave, and its own 「申し出て…ことなく」 denies nothing the operator is to do.
  @Test func aFacilityThatWithholdsConsentMayLeave() {
    let text = """
      地域医療連携ネットワーク参加協定書

      一般社団法人かもめ地域医療連携機構（以下「運営法人」という。）と参加する医療機関（以下「会員施設」という。）は、次のとおり協定する。

      第8条　運営法人は、本システムのサーバ設置場所、認証方式又は運営体制について、会員施設の安全管理に影響が及ぶ変更を計画したときは、実施予定日の二か月前までに、その内容と影響を会員施設に書面で知らせる。
      2.　前項の変更は、会員施設の承諾を得たものでなければ実施できない。承諾しない会員施設は、前項の通知を受けた日から一か月以内に申し出て、費用を負担することなく退会できる。
      """
    #expect(element("B1.approval", text) == .met)
    #expect(element("B1.notice", text) == .met)
    #expect(finding("B1", text) == nil)
    // Leaving alone, without the approval, approves nothing.
    let leaveOnly = text.replacingOccurrences(of: "前項の変更は、会員施設の承諾を得たものでなければ実施できない。", with: "")
      .replacingOccurrences(of: "費用を負担することなく退会できる", with: "登録を取り消すことができる")
    #expect(element("B1.approval", leaveOnly) != .met)
  }

  /// 「変更予定日の四十五日前までに書面で医療機関に告げ」: 告げる is a notice.
  @Test func toldInWritingIsANotice() {
    let text =
      Self.opening + """
        第七条（保守体制の変更）
        乙は、保守拠点、保守要員の体制又はリモート保守の方式を変更する場合で、甲の安全管理体制に影響を与えるものについては、変更予定日の四十五日前までに書面で甲に告げ、甲の承諾を受けなければならない。
        """
    #expect(element("B1.notice", text) == .met)
    #expect(element("B1.period", text) == .met)
    #expect(finding("B1", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// The institution's approval in other shapes (B1, DOMAIN.md §4): the vendor may not start before a
  /// written reply saying the institution has no objection (silence is no such reply: a deemed
  /// consent still contradicts it).
  @Test func aWrittenReplyOfNoObjectionIsAnApproval() {
    let text =
      Self.opening + """
        第5条（変更の届出）
        乙は、保守体制、遠隔保守の接続方法その他甲の情報セキュリティに影響する事項を変更しようとするときは、変更予定日の45日前までに書面で甲に届け出る。
        ２　乙は、甲から異議がない旨の書面による回答を受領するまで、当該変更に着手してはならない。
        """
    #expect(element("B1.approval", text) == .met)
    #expect(finding("B1", text) == nil)
    let silence = text.replacingOccurrences(
      of: "乙は、甲から異議がない旨の書面による回答を受領するまで、当該変更に着手してはならない",
      with: "甲が届出の受領後14日以内に異議を述べないときは、甲は当該変更を承認したものとみなす")
    #expect(element("B1.approval", silence) != .met)
  }

  /// 「…甲の同意を得るものとする。甲の同意を得られない変更は実施しない。」: a change without the consent
  /// is not made (a negated clause on the change, then the act negated) — the approval stands.
  @Test(arguments: ["甲の同意を得られない変更は実施しない", "甲の同意を受けていない変更は行わない"])
  func aChangeWithoutConsentIsNotMade(clause: String) {
    let text =
      Self.opening + """
        第5条（変更の届出）
        乙は、保守体制、遠隔保守の接続方法その他甲の情報セキュリティに影響する事項を変更しようとするときは、変更予定日の1か月前までに書面で甲に届け出て、甲の同意を得るものとする。\(clause)。
        """
    #expect(element("B1.approval", text) == .met, "\(clause)")
    #expect(finding("B1", text) == nil, "\(clause)")
  }

  /// Two companies, a pharmacy chain and its system vendor: a name that says pharmacy
  /// (「…ファーマシー」) is the institution; failing any such name, labels that say who commissions whom
  /// (委託者, 受託者) decide.
  @Test(arguments: ["株式会社つばさファーマシー", "株式会社つばさ企画"])
  func twoCompaniesCommissionerAndContractor(name: String) {
    let text = """
      店舗システム保守業務委託契約書

      \(name)（以下「委託者」という。）と株式会社サンライズシステム（以下「受託者」という。）は、次のとおり契約を締結する。

      第5条（変更）
      受託者は、保守体制その他委託者の情報セキュリティに影響する事項を変更しようとするときは、変更の予定日の60日前までに書面で委託者に申し出て、委託者の承認を受けなければならない。
      """
    let parties = review(text).contract.parties
    #expect(parties.first { $0.label == "委託者" }?.role == .institution, "\(name)")
    #expect(parties.first { $0.label == "受託者" }?.role == .vendor, "\(name)")
    #expect(element("B1.approval", text) == .met, "\(name)")
  }
}

extension ReadingAndLocationTests {
  /// 「変更したときは、変更後10日以内に報告する」: a deadline after the change says the notice comes
  /// afterwards; it contradicts a notice period (B1, DOMAIN.md §4). A period before the change beside a
  /// report after it still sets one.
  @Test func aDeadlineAfterTheChangeIsNoNoticePeriod() {
    let text =
      Self.opening + """
        第9条（変更の報告）
        乙は、作業拠点、遠隔接続の方式その他甲の情報セキュリティ体制に影響する事項を変更したときは、変更後10日以内に、その内容を甲に書面で報告する。
        """
    #expect(element("B1.period", text) == .contradicted)
    let ahead = text.replacingOccurrences(
      of: "変更したときは、変更後10日以内に、その内容を甲に書面で報告する",
      with: "変更しようとするときは、変更予定日の30日前までに甲に書面で通知し、変更後10日以内に結果を報告する")
    #expect(element("B1.period", ahead) == .met)
  }
}

extension ReadingAndLocationTests {
  /// A 変更契約書 after the contract rewrites its subcontracting article so that notice replaces
  /// consent: the rewritten article no longer requires prior consent (DOMAIN.md section 4, B2). Its
  /// added article (「第12条の2」, quoted under its heading) has the vendor lead the talks (C1).
  @Test func anAmendingChangeContractAfterTheContract() {
    let text =
      Self.opening + """
        第9条（再委託）
        １　乙は、本業務の一部を第三者に委託するときは、あらかじめ甲の書面による承諾を得なければならない。
        ２　乙は、再委託先に対し、この契約に基づく乙の義務と同等の義務を課し、その履行を監督する。
        ３　再委託先の行為は、乙の行為とみなす。

        第12条（協力）
        甲は、乙の作業に協力する。

        以上

        保守業務委託契約の変更契約書

        甲と乙は、原契約を次のとおり変更する。

        第２条　原契約第９条第１項を次のように改める。
        「乙は、本業務の一部を第三者に委託しようとするときは、委託を開始する日の１４日前までに、委託先の名称を書面により甲に通知しなければならない。」

        第３条　原契約第１２条の次に、次の１条を加える。
        「（院内の対策の決定）
        第１２条の２　乙は、毎年度当初に、甲が院内で講ずべきセキュリティ対策について原案を作成し、甲との協議を主宰する。
        ２　甲と乙は、前項の協議により具体的な対策を決定し、甲は、決定した対策を実施する。」
        """
    #expect(review(text).contract.articles.contains { $0.part == "変更契約" && $0.number == "2" })
    #expect(element("B2.consent", text) != .met)
    #expect(finding("B2", text) != nil)
    #expect(element("C1.vendor-led", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、次の事由による障害について責任を負わない。…イ　甲が乙に連絡せずに行った設定の変更」: the
  /// institution leaving out the notice denies nothing of the vendor's own notice of its changes
  /// (DOMAIN.md section 4, B1).
  @Test func theInstitutionsUnannouncedChangeDeniesNoNotice() {
    let text =
      Self.opening + """
        第8条（変更の通知）
        乙は、リモート接続の方式又は保守拠点を変更するときは、変更予定日の30日前までに書面で甲に通知し、甲の承認を得る。
        第10条（免責）
        乙は、次の事由による障害について責任を負わない。
        ア　乙が指定しないソフトウェアを甲が導入したこと
        イ　甲が乙に連絡せずに行った設定の変更
        """
    #expect(element("B1.notice", text) == .met)
    // The vendor changing without notice is a denial.
    let other = text.replacingOccurrences(
      of: "イ　甲が乙に連絡せずに行った設定の変更", with: "イ　乙が甲に通知せずに事前に行う軽微な設定の変更")
    #expect(element("B1.notice", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…変更を行うときは、変更予定日の六十日前までに運用委員会で説明し、甲の書面による承認を得る」:
  /// explaining the change to the joint committee beforehand is notice (DOMAIN.md section 4, B1).
  @Test func explainingTheChangeAtTheCommitteeIsNotice() {
    let text =
      Self.opening + """
        第8条（変更）
        乙は、基盤の設置場所、接続方式その他甲の安全管理体制に影響する変更を行うときは、変更予定日の六十日前までに運用委員会で説明し、甲の書面による承認を得る。
        """
    #expect(element("B1.notice", text) == .met)
    #expect(element("B1.period", text) == .met)
    let other = text.replacingOccurrences(of: "変更予定日の六十日前までに運用委員会で説明し、", with: "")
    #expect(element("B1.notice", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「委託料には…を含み、これ以外の費用は、甲が事前に書面で承諾したものを除き請求しない」 is about the
  /// fee, not a change to the service: it denies nothing of the institution's approval of changes
  /// (DOMAIN.md section 4, B1).
  @Test func aFeeClauseDeniesNoApprovalOfChanges() {
    let text =
      Self.opening + """
        第2条（委託業務）
        乙は、本システムの稼働監視、設定の変更、障害の切り分け及び復旧を行う。

        第6条（変更の承認）
        乙は、運用体制又は保管場所を変更しようとする場合で、甲の安全管理に影響するときは、変更予定日の30日前までに書面で甲に通知し、甲の承認を得なければならない。

        第12条（委託料）
        委託料は月額金二十万円とする。貸与端末の台数を増やすときは、1台当たり月額金二千円を加算する。委託料には、第2条の業務及び貸与端末の費用を含み、これ以外の費用は、甲が事前に書面で承諾したものを除き請求しない。
        """
    #expect(element("B1.approval", text) == .met)
  }

  /// A contract redlined from a template keeps its 【削除：…】 and 【追加：…】 marks: the deleted free hand
  /// to subcontract is no part of the agreement, the added consent is.
  @Test func deletedWordsOfARedlineAreNotRead() {
    let text =
      Self.opening + """
        第8条（再委託）
        【削除：乙は、本業務の全部又は一部を、乙の判断で第三者に委託することができる。】
        【追加：1 乙は、甲の事前の書面による承諾を得たときに限り、本業務の一部を第三者に委託することができる。
        2 乙は、委託先に対し、本契約で乙が負う安全管理上の義務と同等の義務を課し、その遵守を監督する。】
        """
    #expect(element("B2.consent", text) == .met)
    // Marks the other way round: the consent is the deleted text.
    let reversed = text.replacingOccurrences(of: "【削除：乙は、本業務の全部", with: "【追加：乙は、本業務の全部")
      .replacingOccurrences(of: "【追加：1 乙は、甲の事前", with: "【削除：1 乙は、甲の事前")
    #expect(element("B2.consent", reversed) != .met)
  }
}

/// A change contract whose amended articles stand in a 新旧対照表 (dev21): only the new column is in
/// force, and each row is read as the article it names.
extension ReadingAndLocationTests {
  static func comparisonTable(new: String, old: String) -> String {
    """
    保守契約　変更契約書

    医療法人社団かもめ会（以下「甲」という。）と株式会社カモメデータ（以下「乙」という。）は、原契約の一部を別紙のとおり変更する。

    第1条（変更）
    原契約の条項を、別紙「新旧対照表」のとおり改める。

    別紙　新旧対照表

    ｜条項｜改正後｜改正前｜
    ｜第3条（目的）｜乙は、甲の医事会計システムの保守を行う。｜乙は、甲のシステムの保守を行う。｜
    ｜第7条（再委託）｜\(new)｜\(old)｜
    ｜第9条（期間）｜本契約の期間は3年とする。｜本契約の期間は1年とする。｜
    """
  }

  /// The old wording that let the vendor subcontract freely no longer counts against consent, and the
  /// new wording's consent is read in its row; swapped columns keep the free subcontracting.
  @Test func onlyTheNewColumnOfAComparisonTableIsInForce() {
    let consent = "乙は、本業務の一部を第三者に委託するときは、あらかじめ甲の書面による承諾を得る。"
    let free = "乙は、甲の承諾を要することなく、本業務の一部を第三者に委託することができる。"
    let text = Self.comparisonTable(new: consent, old: free)
    #expect(element("B2.consent", text) == .met)
    let swapped = Self.comparisonTable(new: free, old: consent)
    #expect(element("B2.consent", swapped) != .met)
  }
}

/// A specification with boxes, where only ticked items are in force (dev21 b_08, b_20).
extension ReadingAndLocationTests {
  static func boxes(_ approval: String, _ mark: String = "☑") -> String {
    Self.opening + """
      第1条（仕様書）
      乙は、別添の仕様書のうち、先頭に☑を付した項目に従って本業務を行う。

      別添　業務仕様書
      \(mark) 2.1 乙は、作業の拠点又は担当体制を変更するときは、30日前までに甲に書面で通知する。
      \(approval) 2.2 前項の変更は、甲の書面による承認を得てから実施する。
      ☑ 2.3 乙は、作業の結果を月次報告書にまとめる。
      """
  }

  /// An empty box is an item not chosen: the approval it states is no term of the contract; ticked,
  /// it is. With no ticked box anywhere, the empty boxes are a plain list and count.
  @Test func onlyTickedItemsAreInForce() {
    #expect(element("B1.approval", Self.boxes("☑")) == .met)
    #expect(element("B1.approval", Self.boxes("☐")) != .met)
    let plainList = Self.boxes("□", "□").replacingOccurrences(of: "☑ 2.3", with: "□ 2.3")
    #expect(element("B1.approval", plainList) == .met)
    // ■ over □ as a heading and its items, with no word of choosing: every item counts.
    let bullets = plainList.replacingOccurrences(of: "先頭に☑を付した項目に従って", with: "次の事項に従って")
      .replacingOccurrences(of: "別添　業務仕様書", with: "別添　業務仕様書\n■ 2 体制")
    #expect(element("B1.approval", bullets) == .met)
  }
}

extension ReadingAndLocationTests {
  /// A 附則 whose second paragraph adds a paragraph to an article (「2 第6条に次の1項を加える。」) is read:
  /// its paragraphs are the articles 附則:1, 附則:2 (dev22 a_14), and an annex after it is read as after
  /// the articles.
  @Test func aSupplementaryProvisionThatAddsAParagraph() {
    let text =
      Self.opening + """
        第6条（甲の提供物）
        甲は、本業務のため、機器の設置場所、電源及び院内LANの接続口を乙に提供する。
        第7条（協議）
        本契約に定めのない事項は、甲乙協議して定める。

        附則
        1 この契約は、締結の日から効力を生じる。
        2 第6条に次の1項を加える。
        　2 前項の設置場所、電源及び接続口の安全確保については、乙が設置前に招集する調整会議において乙が条件を示して甲と協議し、その結果定めた事項を甲が実施する。

        別紙1　作業日程
        1. 設計
        設計は、契約後2か月以内に行う。
        """
    let c = ContractParser.parse(SourceText(text: text))
    #expect(c.articles.contains { $0.part == "附則" && $0.number == "2" })
    #expect(c.articles.contains { $0.part == "別紙1" } || c.annexSections.contains { $0.label == "別紙1" })
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
  }
  /// 「甲の承諾なく…院外に持ち出さない。」 bans taking data out without approval: the negation is turned
  /// back, so it says nothing against the approval of changes (B1).
  @Test func aBanWithoutApprovalIsNoContradiction() {
    let text =
      Self.opening + """
        第6条（体制等の変更）
        乙は、保守体制、保守拠点又は使用する機器を変更しようとする場合であって、甲の情報セキュリティに影響するときは、変更日の40日前までに甲に書面で知らせ、甲の承認を受ける。

        第7条（データの取扱い）
        乙は、データ移行に伴って扱う患者の個人情報を、本業務の目的以外に用いず、甲の承諾なく病院の外に持ち出さない。
        """
    #expect(element("B1.approval", text) == .met)
    #expect(finding("B1", text) == nil)
    // Without the ban, the change goes ahead without approval: contradicted.
    let allowed = text.replacingOccurrences(
      of: "乙は、データ移行に伴って扱う患者の個人情報を、本業務の目的以外に用いず、甲の承諾なく病院の外に持ち出さない。",
      with: "前条にかかわらず、乙は、保守拠点の変更を甲の承認なく行うことができる。")
    #expect(element("B1.approval", allowed) == .contradicted)
  }
  /// 「前項にかかわらず、甲のセキュリティに影響しない画面の文言の修正は、事前の通知なく行うことができる」:
  /// changes outside the ones that matter may go without notice; the notice of those that touch the
  /// security set-up stands (B1). Without the limit, the notice is denied.
  @Test func changesThatDoNotTouchSecurityMayGoWithoutNotice() {
    let text =
      Self.opening + """
        第6条（変更の通知）
        １　乙は、保守拠点、遠隔保守の方式その他甲の情報セキュリティに影響する事項を変更するときは、変更日の45日前までに甲に書面で通知し、甲の同意を得る。
        ２　前項にかかわらず、甲の情報セキュリティに影響しない画面の文言の修正は、乙は事前の通知なく行うことができる。
        """
    #expect(element("B1.notice", text) == .met)
    #expect(finding("B1", text) == nil)
    let any = text.replacingOccurrences(of: "甲の情報セキュリティに影響しない画面の文言の修正は", with: "保守拠点の変更は")
    #expect(element("B1.notice", any) == .contradicted)
  }
  /// 「本サービスの提供を終了するときは、終了の6か月前までに甲に通知し、…データの移行に協力する」: notice
  /// that the service ends is no notice period for changes within it (B1); a clause that gives the
  /// changes their own period is.
  @Test func noticeThatTheServiceEndsIsNoPeriodForChanges() {
    let text =
      Self.opening + """
        第5条（変更）
        乙は、データの保管場所その他甲の情報セキュリティに影響する事項を変更するときは、速やかに甲に通知し、甲の承諾を得る。
        第20条（提供の終了）
        乙は、本サービスの提供を終了するときは、終了の6か月前までに甲に通知し、甲のデータの移行に協力する。
        """
    #expect(element("B1.period", text) != .met)
    #expect(finding("B1", text)?.article == "5")
    let period = text.replacingOccurrences(of: "変更するときは、速やかに甲に通知し", with: "変更するときは、変更日の60日前までに甲に通知し")
    #expect(element("B1.period", period) == .met)
  }
}

/// 新旧対照表 as offices export them (dev27): a fixed-width table whose cells wrap over several rows
/// and whose lines have no closing bar, and a spreadsheet's rows with tab-separated columns. Only the
/// new column is in force, whatever the layout.
extension ReadingAndLocationTests {
  static func wrappedTable(new: [String], old: [String]) -> String {
    let rows = zip(old, new).enumerated().map { k, cells in
      "｜" + (k == 0 ? "第7条　" : "　　　　") + "｜" + cells.0 + "｜" + cells.1
    }
    return Self.opening + """
      第1条（変更）
      原契約の条項を、別紙の新旧対照表のとおり改める。

      別紙　新旧対照表

      ｜条　　　｜改正前　　　　　　　　　　　｜改正後
      \(rows.joined(separator: "\n"))

      以上
      """
  }

  /// The new text, wrapped mid-word over three rows, gives consent; the old text (free
  /// subcontracting) does not count. Swapped, the old consent is gone and nothing gives it.
  @Test func aComparisonTableWrappedOverRowsIsReadInItsNewColumn() {
    let consent = ["（再委託）乙は、本業務の一部を第三者に委", "託するときは、あらかじめ甲の書面による承", "諾を得る。"]
    let free = ["（再委託）乙は、本業務を自由に第三者に委託", "することができる。　　　　　　　　　　　", "　　　　　　　　　　　　　　　　　　　　"]
    #expect(element("B2.consent", Self.wrappedTable(new: consent, old: free)) == .met)
    #expect(element("B2.consent", Self.wrappedTable(new: free, old: consent)) != .met)
  }

  /// A spreadsheet's export: the columns split by tabs, the old column first.
  @Test func aComparisonTableWithTabsIsReadInItsNewColumn() {
    func table(_ new: String, _ old: String) -> String {
      Self.opening + """
        第1条（変更）
        原契約の一部を、次の新旧対照表のとおり改める。

        条項\t改正前\t改正後
        第7条\t\(old)\t\(new)
        第9条\t本契約の期間は1年とする。\t本契約の期間は3年とする。
        """
    }
    let consent = "乙は、本業務の一部を第三者に委託するときは、あらかじめ甲の書面による承諾を得る。"
    let free = "乙は、甲の承諾を要することなく、本業務の一部を第三者に委託することができる。"
    #expect(element("B2.consent", table(consent, free)) == .met)
    #expect(element("B2.consent", table(free, consent)) != .met)
  }

  /// A tab-separated table whose columns merely contain 旧 or 新 in other words (復旧, 更新) is no
  /// 新旧対照表: none of its cells is blanked.
  @Test func aTableOfRecoveryAndRenewalIsNoComparisonTable() {
    let s = Array("項目\t復旧手順\t更新周期\n第7条\t乙が復旧する。\t毎年更新する。".unicodeScalars)
    #expect(Layout.amendmentTable(s, Lines.split(s)).blanks.isEmpty)
  }
}

/// A 覚書 that replaces words in place (「第6条中「A」を「B」に改める。」, dev27 a_12): the words A are
/// struck out and no part of the agreement; B is.
extension ReadingAndLocationTests {
  static func replacedInPlace(_ new: String) -> String {
    Self.opening + """
      第6条（甲の側の安全対策）
      甲は、自らの側の安全対策を講ずる。

      覚書

      第1条　原契約第6条中「甲は、自らの側の安全対策を講ずる」を「\(new)」に改める。
      第2条　本覚書は、締結の日から効力を生ずる。
      """
  }

  /// The struck words are found (nested brackets counted) and blanked; the new words stand.
  @Test func wordsReplacedInPlaceAreStruckOut() {
    let vendor = "甲の側の安全対策の具体的内容は、乙が主宰して議題を定め、甲が出席する甲乙の協議により定め、甲がこれを実施する"
    #expect(element("C1.vendor-led", Self.replacedInPlace(vendor)) == .met)
    let s = Array(Self.replacedInPlace(vendor).unicodeScalars)
    let struck = Layout.replacedWords(s).map { String(String.UnicodeScalarView(s[$0])) }
    #expect(struck == ["甲は、自らの側の安全対策を講ずる"])
    let nested = Array("第3条中「「本件業務」の保守」を「「本件業務」の運用」に改める。".unicodeScalars)
    #expect(
      Layout.replacedWords(nested).map { String(String.UnicodeScalarView(nested[$0])) } == ["「本件業務」の保守"])
    let unclosed = Array(("第3条中「" + String(repeating: "あ", count: Layout.longestQuote + 10)).unicodeScalars)
    #expect(Layout.replacedWords(unclosed).isEmpty)
    // Thousands of unclosed 「中「」 are looked at no more than `mostReplacements` times.
    let hostile = Array((String(repeating: "中「", count: 200_000) + "」を「新」に改める").unicodeScalars)
    #expect(Layout.replacedWords(hostile).isEmpty)
  }

  /// 「…同意しない場合であっても、当該変更の実施を妨げることはできない」: the change goes ahead whether
  /// or not the institution agrees, so no approval is needed (dev29 b_04).
  @Test(arguments: [
    "乙は、30日前までに甲に知らせて、本サービスの仕様又は運用体制を変更することができる。甲は、知らされた変更に同意しない場合であっても、その実施を止めることはできない。",
    "乙は、60日前までに甲に書面で通知し、甲の同意の有無にかかわらず、本サービスの仕様を変更することができる。",
  ])
  func aChangeThatGoesAheadWithoutAgreement(clause: String) {
    let text = Self.opening + "第5条（変更）\n" + clause
    #expect(element("B1.approval", text) == .contradicted)
  }

  /// The change is not made where the institution does not agree (a guard).
  @Test func aChangeNotMadeWithoutAgreement() {
    let text =
      Self.opening
      + "第5条（変更）\n乙は、本サービスの仕様又は運用体制を変更するときは、30日前までに甲に書面で知らせる。甲が同意しない場合は、乙は当該変更を行わない。"
    #expect(element("B1.approval", text) == .met)
  }
}
