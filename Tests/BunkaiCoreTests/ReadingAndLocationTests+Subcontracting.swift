import Testing

@testable import BunkaiCore

/// Consent to subcontracting (DOMAIN.md section 4, B2: all or part of the work only with the
/// institution's prior consent), where an exception gives part of the work out without it.
extension ReadingAndLocationTests {
  static let subcontractDuties = """
    ２　乙は、外注先に対し、本契約に基づき乙が負う安全管理上の義務と同等の義務を課し、その履行状況を監督する。
    ３　外注先の行為は、乙の行為とみなす。
    """

  /// 「第4条（外注）」 with prior consent and equal duties in place, and `attribution` as its third
  /// paragraph: the contract the B2 attribution tests vary.
  static func outsourcing(attribution: String) -> String {
    opening + """
      第4条（外注）
      乙は、本業務の一部を外注するときは、あらかじめ甲の書面による承諾を得なければならない。
      ２　乙は、外注先に対し、本契約に基づき乙が負う安全管理上の義務と同等の義務を課し、その履行状況を監督する。
      ３　\(attribution)
      """
  }

  /// 「ただし、媒体の運搬を外注する場合は、事後の報告をもって足りる」「運用業務の外注については、この限り
  /// でない」: consent is not required for all of the work.
  @Test func anExceptionForPartOfTheWork() {
    let exceptions = [
      "ただし、記録媒体の運搬を外注する場合は、甲への事後の報告をもって足りる。",
      "ただし、回線の運用業務の外注については、この限りでない。",
    ]
    for exception in exceptions {
      let text =
        Self.opening + """
          第4条（外注）
          乙は、本業務の一部を外注するときは、あらかじめ甲の書面による承諾を得なければならない。\(exception)
          """ + Self.subcontractDuties
      #expect(element("B2.consent", text) == .contradicted, "\(exception)")
      #expect(finding("B2", text)?.article == "4", "\(exception)")
    }
    // The usual proviso (a ban lifted by consent) keeps the consent.
    let proviso =
      Self.opening + """
        第4条（外注）
        乙は、本業務の全部又は一部を外注してはならない。ただし、あらかじめ甲の書面による承諾を得たときは、この限りでない。
        """ + Self.subcontractDuties
    #expect(element("B2.consent", proviso) == .met)
    #expect(finding("B2", proviso) == nil)
  }

  /// 「…専門業者に行わせることができる。この場合において、会員施設の承諾は要しない。」 contradicts the
  /// consent even where a ban on giving patient data to third parties elsewhere mentions consent; the
  /// party that runs the service (defined as acting on the association's commission) is no
  /// subcontractor of itself.
  @Test func consentWaivedInTheSentenceThatFollows() {
    let text = """
      医療情報共有サービス利用約款

      第1条（目的）
      この約款は、株式会社みぎわネット（以下「運営会社」という。）が一般社団法人みぎわ市医師会（以下「医師会」という。）の委託を受けて運営する医療情報共有サービス（以下「本サービス」という。）を、医師会の会員が開設する診療所（以下「会員施設」という。）が利用する条件を定める。

      第5条（情報の取扱い）
      運営会社及び会員施設は、本サービスで知り得た患者情報を、患者の同意の範囲を超えて利用し、又は第三者に提供してはならない。

      第7条（保守業者の利用）
      運営会社は、本サービスの保守及び監視を、運営会社が選定した専門業者に行わせることができる。この場合において、会員施設の承諾は要しない。
      ２　運営会社は、前項の専門業者に対し、運営会社が負う安全管理の義務と同等の義務を課し、その状況を監督する。
      ３　第1項の専門業者の行為は、運営会社の行為とみなす。
      """
    #expect(element("B2.consent", text) == .contradicted)
    #expect(finding("B2", text)?.article == "7")
  }
}

extension ReadingAndLocationTests {
  /// 「外注先が故意に本契約に違反したときは、乙の違反とみなす」 makes the vendor answer only for a wilful
  /// breach: a careless one is left with the subcontractor (B2: a subcontractor's breach counts as
  /// the vendor's), so attribution is not met; without the restriction it is.
  @Test func attributionOnlyForAWilfulBreach() {
    let text = Self.outsourcing(attribution: "外注先が故意に本契約に違反したときは、乙の違反とみなす。")
    #expect(element("B2.attribution", text) != .met)
    #expect(finding("B2", text)?.article == "4")
    let whole = text.replacingOccurrences(of: "外注先が故意に本契約に違反したとき", with: "外注先が本契約に違反したとき")
    #expect(element("B2.attribution", whole) == .met)
    #expect(finding("B2", whole) == nil)
  }

  /// Answering for wilful acts only, or for choosing and overseeing the subcontractor only
  /// (「外注先の選定及び監督について責任を負う」), leaves a careless breach with the subcontractor: B2's
  /// attribution is not met.
  @Test func attributionNarrowedInOtherWords() {
    let narrowed = [
      "乙は、外注先が故意に行った行為について、甲に対して責任を負う。",
      "乙は、外注先の選定及び監督について責任を負う。",
      "外注先が故意により本契約に反する行為をしたときは、乙はこれを自らの行為として甲に対し責任を負う。",
      "外注先の行為により甲に損害が生じた場合、乙は、乙に帰責事由があるときに限り責任を負う。",
      "乙は、外注先の行為について選任監督上の責任を負う。",
    ]
    for clause in narrowed {
      let text = Self.outsourcing(attribution: clause)
      #expect(element("B2.attribution", text) != .met, "\(clause)")
      #expect(finding("B2", text)?.article == "4", "\(clause)")
    }
    // Naming wilful and careless breach alike (「故意によるか過失によるかを問わず」) widens it.
    let both = Self.outsourcing(
      attribution: "外注先が義務に違反したときは、その違反が故意によるか過失によるかを問わず、乙自身の違反として取り扱う。")
    #expect(element("B2.attribution", both) == .met)
    #expect(finding("B2", both) == nil)
  }
}

extension ReadingAndLocationTests {
  /// Subcontracting under other names — a chosen maintenance firm doing part of the work
  /// (「本業務のうち…を、乙が選定する保守会社に行わせる」), service partners, helpers (協力会社) — is
  /// a clause of B2's kind: a finding that falls short points at it rather than saying no such
  /// clause exists (DOMAIN.md §4, B2).
  @Test func subcontractingUnderOtherNamesIsLocated() {
    let clauses = [
      "乙は、本業務のうち現地での点検を、乙が選定する保守会社に行わせることができる。",
      "乙は、保守の一部を、乙と提携するサービスパートナーに行わせることができる。",
      "乙は、本業務の実施に当たり、協力会社を活用することができる。",
    ]
    for clause in clauses {
      let text =
        Self.opening + """
          第1条（目的）
          本契約は、甲の医療情報システムの保守について定める。
          第2条（業務の実施）
          \(clause)
          """
      let f = finding("B2", text)
      #expect(f?.status == .insufficient, "\(clause)")
      #expect(f?.article == "2", "\(clause)")
    }
  }
}

extension ReadingAndLocationTests {
  /// Special terms that set the standard terms' subcontracting clause aside (「規約第2条にかかわらず、
  /// 当社は…事前に病院の書面による同意を得る」) meet B2's consent: the clause set aside no longer
  /// contradicts it. A helper named in the giving sentence (「…（以下「関連会社等」という。）に本契約の
  /// 作業の一部を行わせる」) is a subcontractor, and attribution may be worded 「…に起因して生じた事態は、
  /// 当社に起因するものとして取り扱う」 or 「…義務違反は、当社自身の義務違反を構成する」 (DOMAIN.md §4, B2).
  @Test func specialTermsAndOtherWordsForAttribution() {
    let terms = """
      クラウド受付サービス利用規約

      第1条（適用）
      本規約は、株式会社コマドリ（以下「当社」という。）と病院（以下「病院」という。）との本サービスの利用に適用します。
      第2条（業務の委託）
      当社は、本サービスの提供に必要な業務の全部又は一部を、当社の判断で第三者に委託することができます。

      特　約　書

      第1条（委託先の管理）
      1. 規約第2条にかかわらず、当社は、本サービスに関する業務を第三者に委託する場合、事前に病院の書面による同意を得る。
      2. 当社は、委託先に対して本特約及び規約で当社が負う安全管理義務と同水準の義務を負わせ、定期的にその遵守状況を確認する。
      3. 委託先が病院に与えた損害については、当社が自ら与えたものとして責任を負う。
      """
    #expect(element("B2.consent", terms) == .met)
    #expect(finding("B2", terms) == nil)
    // Without the words that set it aside, the standard terms still contradict the consent.
    let both = terms.replacingOccurrences(of: "規約第2条にかかわらず、", with: "")
    #expect(element("B2.consent", both) == .contradicted)

    let attributions = [
      "３　第1項の事業者に起因して甲に生じた事態は、乙に起因するものとして取り扱う。",
      "３　第1項の事業者による義務違反は、乙自身の義務違反を構成するものとする。",
    ]
    for attribution in attributions {
      let text =
        Self.opening + """
          第6条（他の事業者の関与）
          乙は、甲の事前の書面による承諾を得て、乙の関連会社（以下「関連会社等」という。）に本契約の作業の一部を行わせることができる。
          ２　乙は、関連会社等に対し、本契約で乙が負う安全管理の義務と同等の義務を課し、その実施を監督する。
          \(attribution)
          """
      #expect(element("B2.equal-duties", text) == .met, "\(attribution)")
      #expect(element("B2.attribution", text) == .met, "\(attribution)")
      #expect(finding("B2", text) == nil, "\(attribution)")
    }
  }
}

extension ReadingAndLocationTests {
  /// Statements the labels call contradicted must never read as met (the target): work given
  /// out 「前各項にかかわらず」 and declared 「再委託に当たらない」; a vendor that escapes by handing over
  /// its claim against the subcontractor (「損害賠償請求権を甲に譲渡することにより、甲に対する責任を
  /// 免れる」); consent spoken of only as a right to leave (「同意しない場合…解約できる」); lost profits
  /// excluded 「前項の場合を含め」; the institution deciding 「乙の助言を得て」.
  @Test func contradictionsThatReadLikeTheElement() {
    let given =
      Self.opening + """
        第8条（再委託）
        乙は、本業務を第三者に再委託してはならない。ただし、あらかじめ甲の書面による承諾を得たときはこの限りでない。
        ２　前項にかかわらず、乙は、本業務のうち夜間の電話受付を乙の子会社に分担させることができる。この分担は再委託に当たらないものとする。
        """
    #expect(element("B2.consent", given) == .contradicted)

    let escape =
      Self.opening + """
        第6条（データセンターの利用）
        乙は、本サービスのサーバの運用を第三者に行わせることができる。
        ２　前項の第三者の責めに帰すべき事由により甲に損害が生じたときは、乙は、当該第三者に対して有する損害賠償請求権を甲に譲渡することにより、甲に対する責任を免れる。
        """
    #expect(element("B2.attribution", escape) != .met)

    let leaving =
      Self.opening + """
        第9条（委託先）
        乙は、委託先を変更するときは、30日前までに甲に通知する。
        ２　甲が前項の変更に同意しない場合、甲は、変更の実施日までに申し出ることにより、本契約を解約できる。
        """
    #expect(element("B2.consent", leaving) != .met)

    let lostProfits =
      Self.opening + """
        第11条（損害賠償）
        乙の損害賠償責任は、年額料金を上限とする。
        ２　前項の上限は、乙の故意又は重大な過失による損害には適用しない。
        ３　前項の場合を含め、乙は、逸失利益及び間接損害については賠償の責任を負わない。
        """
    #expect(element("D1.deficient-compensable", lostProfits) == .contradicted)

    let advised =
      Self.opening + """
        第3条（甲の対策）
        甲が実施する運用上の情報セキュリティ対策は、乙の助言を得て、甲が定める。
        """
    #expect(element("C1.vendor-led", advised) != .met)
  }
}

extension ReadingAndLocationTests {
  /// Plain words: agreement asked for 「その前に」, a helper's 「この契約に反すること」 treated as the
  /// vendor's own — all three B2 elements met (DOMAIN.md section 4, B2).
  @Test func subcontractingInPlainWords() {
    let text =
      Self.opening + """
        第6条（協力会社）
        乙は、本業務の一部を協力会社に任せる場合、その前に甲の書面による了承を得なければならない。
        ２　乙は、協力会社に、この契約で乙が負うのと同じ内容のセキュリティ上の義務を守らせ、その状況を確認し指導する。
        ３　協力会社がこの契約に反することをした場合、乙自身が反したものとして扱う。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.attribution", text) == .met)
    #expect(finding("B2", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// Cloud terms call the subcontractor a 「再処理者」 (one who processes the data on the vendor's
  /// behalf). It is a subcontractor under another name (B2): the article about it is where the
  /// finding belongs, and its duties and attribution count; approval given once at signing with a
  /// list on a web page is no prior consent.
  @Test func aSubProcessorIsASubcontractor() {
    let text =
      Self.opening + """
        第6条（再処理者）
        １　甲は、乙が再処理者を起用することを、本契約の締結時に包括的に了承する。乙は、起用する再処理者の名称を乙のウェブページに掲示する。
        ２　乙は、再処理者との契約において、本契約で乙が負うのと同じ水準の情報保護の義務を再処理者に課し、その遵守を監督する。
        ３　再処理者の作為又は不作為は、乙自身の作為又は不作為として、乙がその責任を負う。
        """
    #expect(finding("B2", text)?.article == "6")
    #expect(element("B2.consent", text) != .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// Answering for a subcontractor only up to what the vendor recovers from it, or only for a leak
  /// of personal data, leaves its other breaches with the subcontractor: attribution is not met
  /// (B2: a subcontractor's breach counts as the vendor's).
  @Test(arguments: [
    "外注先の責めに帰すべき事由により甲に損害が生じたときは、乙は、外注先から現に回収した額の範囲内で甲に対して責任を負う。",
    "外注先が甲の個人情報を漏えいした場合、乙は、当該漏えいを乙自身による漏えいとみなして甲に対し責任を負う。",
  ])
  func attributionOnlyForPartOfTheBreaches(limited: String) {
    let text = Self.outsourcing(attribution: limited)
    #expect(element("B2.attribution", text) != .met)
    #expect(finding("B2", text)?.article == "4")
  }
}

extension ReadingAndLocationTests {
  /// 「協力会社が行った行為及びその過失は、乙の行為及び過失と同一に扱う」: the subcontractor's acts are
  /// the vendor's own (B2 attribution).
  @Test func actsTreatedAsTheVendorsOwn() {
    let text =
      Self.opening + """
        第6条（協力会社）
        乙は、協力会社に業務の一部を行わせるときは、あらかじめ甲の書面による承諾を得る。
        ２　乙は、協力会社に本契約で乙が負う安全管理義務と同等の義務を負わせ、その履行を監督する。
        ３　協力会社が行った行為及びその過失は、乙の行為及び過失と同一に扱う。
        """
    #expect(element("B2.attribution", text) == .met)
    #expect(finding("B2", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// 「…各参加施設から書面による同意を得なければならない。同意しない参加施設の情報は、当該委託先に
  /// 取り扱わせない。」: the negator describes the facilities that refuse; the consent is still required
  /// (DOMAIN.md section 4, B2: prior consent).
  @Test func aPartyThatDoesNotConsentIsNoDenialOfConsent() {
    let text = """
      地域連携ネットワーク参加規程

      株式会社ミナト医療ネット（以下「運営事業者」という。）が運営するネットワークに参加する医療機関（以下「参加施設」という。）との関係を定める。

      第９条（再委託）
      運営事業者は、運営業務の一部を第三者に委託しようとするときは、あらかじめ委託先の名称と業務範囲を全参加施設に通知し、各参加施設から書面による同意を得なければならない。同意しない参加施設の診療情報は、当該委託先に取り扱わせない。
      """
    #expect(element("B2.consent", text) == .met)
    // Consent that is expressly not needed is still a denial.
    let denied = text.replacingOccurrences(
      of: "各参加施設から書面による同意を得なければならない。", with: "参加施設の同意を要しない。")
    #expect(element("B2.consent", denied) == .contradicted)
  }
}

extension ReadingAndLocationTests {
  /// 「甲の書面による承諾を得なければ…再委託することができない」「甲の書面による承認を得て、…請け負わせる
  /// ことができる」: consent obtained before the subcontracting, in other words than 事前 (B2).
  /// 「…同等の義務を課し、定期的に監査を行う」: auditing the subcontractor is supervising it.
  @Test(arguments: [
    "乙は、甲の書面による承諾を得なければ、本業務の全部又は一部を第三者に再委託することができない。",
    "乙は、甲の書面による承認を得て、本業務の一部を協力会社に請け負わせることができる。",
  ])
  func consentBeforeInOtherWordsAndAuditing(consent: String) {
    let text =
      Self.opening + """
        第10条（再委託）
        １　\(consent)
        ２　乙は、再委託先に対し、本契約に基づく乙の安全管理上の義務と同等の義務を課し、定期的に監査を行う。
        ３　再委託先の行為は乙の行為とみなす。
        """
    #expect(element("B2.consent", text) == .met, "\(consent)")
    #expect(element("B2.equal-duties", text) == .met, "\(consent)")
    #expect(finding("B2", text) == nil, "\(consent)")
    let free = text.replacingOccurrences(of: consent, with: "乙は、本業務の一部を第三者に再委託することができる。")
    #expect(element("B2.consent", free) != .met, "\(consent)")
    let unchecked = text.replacingOccurrences(of: "課し、定期的に監査を行う。", with: "課す。")
    #expect(element("B2.equal-duties", unchecked) != .met, "\(consent)")
  }
}

extension ReadingAndLocationTests {
  /// A specification's section 4 holds subcontracting in 4.2 and the exemption in 4.3: 「…について責任を
  /// 負わない」 in 4.3 says nothing of subcontractors, so it does not deny that their breach is the
  /// vendor's (B2). Said of the subcontractor itself, it does.
  @Test func anExemptionInAnotherPointOfTheSectionDeniesNoAttribution() {
    let text =
      Self.opening + """
        第2条（仕様書）
        本業務の内容は、別添の仕様書に定める。仕様書は本契約の一部をなす。

        別添　保守業務仕様書

        4. 情報セキュリティ
        4.1 乙は、保守作業の記録を残す。
        4.2 再委託
        4.2.1 乙は、甲の事前の書面による承諾を得た場合に限り、本業務の一部を再委託する。
        4.2.2 乙は、再委託先に本仕様書で乙が負う義務と同等の義務を課し、監督する。
        4.2.3 再委託先の行為は乙の行為とみなす。
        4.3 免責
        4.3.1 乙は、甲が独自に導入したソフトウェアに起因する障害について責任を負わない。
        """
    #expect(element("B2.attribution", text) == .met)
    #expect(finding("B2", text) == nil)
    let denied = text.replacingOccurrences(
      of: "4.3.1 乙は、甲が独自に導入したソフトウェアに起因する障害について責任を負わない。",
      with: "4.3.1 前項にかかわらず、乙は、再委託先の行為について責任を負わない。")
    #expect(element("B2.attribution", denied) != .met)
  }
}

extension ReadingAndLocationTests {
  /// Where the vendor's only label is 「委託先」, 「委託先は、…責任を負わない」 is the vendor's own exemption,
  /// not a limit on a subcontractor's breach: the subcontracting clause (「任せた事業者」) stays met.
  /// Said of the business it hands work to, the limit does deny it.
  @Test func aVendorLabelledItakusakiIsNoSubcontractor() {
    let text = """
      情報システム運用業務委託契約書

      医療法人社団はまなす会（以下「当院」という。）と株式会社ミナト計算センター（以下「委託先」という。）は、次のとおり契約する。

      第5条（業務の一部を任せるとき）
      １　委託先は、本業務の一部を他の事業者に任せるときは、前もって書面で当院の承諾を得る。
      ２　委託先は、任せた事業者に、この契約で委託先が負うのと同じ水準の安全管理の義務を負わせ、その状況を確かめて監督する。
      ３　任せた事業者の行為は委託先の行為とみなし、委託先が当院に対して責任を負う。

      第6条（責任を負わない場合）
      委託先は、当院が独自に導入したソフトウェアが原因の障害については、責任を負わない。
      """
    #expect(element("B2.attribution", text) == .met)
    #expect(finding("B2", text) == nil)
    let denied = text.replacingOccurrences(
      of: "委託先は、当院が独自に導入したソフトウェアが原因の障害については、責任を負わない。",
      with: "前条にかかわらず、委託先は、任せた事業者の行為については、責任を負わない。")
    #expect(element("B2.attribution", denied) != .met)
  }
}
