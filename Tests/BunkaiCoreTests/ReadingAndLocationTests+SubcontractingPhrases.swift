import Testing

@testable import BunkaiCore

/// B2 written the ways the dev13 hold-out wrote it: the consent as the one case the vendor may
/// subcontract, duties 「と変わらない」 its own, a passive sentence that names the vendor as the one who
/// imposes them, and a subcontractor answering the institution directly (DOMAIN.md section 4, B2).
extension ReadingAndLocationTests {
  static let pharmacyTerms = """
    クラウド型調剤レセプトサービス利用約款

    本約款は、株式会社ハーブテック（以下「当社」）が保険薬局（以下「ご契約薬局」）に提供するサービスの利用条件を定めるものです。

    """

  /// 「…を他の事業者に行わせることは、ご契約薬局が事前に同意した場合を除き、いたしません」 makes the
  /// prior consent the condition; 「当社が本約款で負うのと変わらない安全管理の義務」 are equal duties.
  @Test func consentAsTheOnlyCaseAndDutiesNoDifferent() {
    let text =
      Self.pharmacyTerms + """
        第6条（業務の委託）
        1 当社が本サービスに係る業務を他の事業者に行わせることは、ご契約薬局が事前に同意した場合を除き、いたしません。
        2 当社は、前項の同意を得て業務を委託した事業者（以下「委託先」）に対して、当社が本約款で負うのと変わらない安全管理の義務を契約で負わせ、監督します。
        3 委託先の行為及び過失は、当社自身の行為及び過失として取り扱われ、当社はこれについてご契約薬局に責任を負います。
        """
    let parties = review(text).contract.parties
    #expect(parties.contains { $0.label == "ご契約薬局" && $0.role == .institution })
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(finding("B2", text) == nil)
    // Without the consent, the same sentence forbids nothing.
    let anyway = text.replacingOccurrences(
      of: "ご契約薬局が事前に同意した場合を除き、いたしません", with: "ご契約薬局の同意を要しません")
    #expect(element("B2.consent", anyway) == .contradicted)
  }

  /// 「当該第三者には、…と同等の義務が乙により課され、乙の監督に服する」: the sentence that holds the
  /// duties names the vendor as the one who imposes them, although the paragraph opens with the
  /// institution's consent.
  @Test func dutiesImposedByTheVendorInThePassive() {
    let text =
      Self.opening + """
        第5条（再委託）
        本契約に基づく作業の全部又は一部が第三者に委託されるのは、甲によってあらかじめ書面で承諾されたときに限られる。当該第三者には、乙が本契約上負う安全管理上の義務と同等の義務が乙により課され、乙の監督に服するものとされる。当該第三者の行為は、乙の行為とみなされる。
        """
    #expect(element("B2.equal-duties", text) == .met)
    #expect(finding("B2", text) == nil)
    let byTheHospital = text.replacingOccurrences(
      of: "乙が本契約上負う安全管理上の義務と同等の義務が乙により課され、乙の監督に服する", with: "本契約上の安全管理上の義務と同等の義務が甲により課され、甲の監督に服する")
    #expect(element("B2.equal-duties", byTheHospital) != .met)
  }

  /// 「再委託先が発注者に対して直接その責任を負う」: the subcontractor answers, so the vendor's own
  /// attribution is contradicted; the vendor answering directly attributes.
  @Test func aSubcontractorAnsweringDirectlyIsNoAttribution() {
    let text =
      Self.opening + """
        第9条（再委託）
        1 乙は、本業務の一部を再委託する場合は、事前に甲の書面による承諾を得る。
        2 乙は、再委託先に対し、乙が負う情報セキュリティ上の義務と同等の義務を遵守させ、その状況を監督する。
        3 再委託先が本業務に関し甲に損害を与えた場合、再委託先が甲に対して直接その責任を負うものとする。
        """
    #expect(element("B2.attribution", text) == .contradicted)
    #expect(finding("B2", text)?.article == "9")
    let vendor = text.replacingOccurrences(of: "再委託先が甲に対して直接その責任を負う", with: "乙が甲に対して直接その責任を負う")
    #expect(element("B2.attribution", vendor) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「…委託しようとするときは、…申請書を甲に提出し、甲の書面による承諾を得なければならない」: the
  /// consent is asked when the vendor intends to subcontract, before it does (B2, DOMAIN.md §4). Consent
  /// asked only after the work was given is not prior.
  @Test func consentAskedWhenTheVendorIntendsToSubcontract() {
    let text =
      Self.opening + """
        第5条（業務の委託）
        乙は、本業務の一部を第三者に委託しようとするときは、委託先の名称及び委託する業務の範囲を記載した申請書を甲に提出し、甲の書面による承諾を得なければならない。
        ２　乙は、委託先に対し、本契約に基づき乙が負う義務と同等の義務を課し、これを監督する。
        ３　委託先の行為は、乙の行為とみなす。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(finding("B2", text) == nil)
    let after = text.replacingOccurrences(
      of: "本業務の一部を第三者に委託しようとするときは", with: "本業務の一部を第三者に委託したときは、その後30日以内に")
    #expect(element("B2.consent", after) != .met)
  }
}

extension ReadingAndLocationTests {
  /// Subcontractors limited to a list in an annex that cannot grow or change without the
  /// institution's written consent (「別紙２の記載は、甲の書面による同意がなければ、追加し、又は変更
  /// することができない」): a new subcontractor needs that consent first (B2, DOMAIN.md §4). A list the
  /// vendor only reports changes to does not.
  @Test func anApprovedListOnlyTheInstitutionsConsentCanChange() {
    let text =
      Self.opening + """
        第6条（再委託）
        １　乙が本業務の一部を委託することのできる相手方は、別紙２「承認済み再委託先一覧」に記載された者に限る。
        ２　別紙２の記載は、甲の書面による同意がなければ、追加し、又は変更することができない。
        ３　乙は、再委託先に対し、本契約により乙が負う安全管理上の義務と同等の義務を課し、その遵守状況を監督する。
        ４　再委託先の行為によって甲に生じた損害は、乙自身の行為によるものとして、乙がその責任を負う。

        別紙２　承認済み再委託先一覧
        株式会社シロツメ保守（訪問保守）
        """
    #expect(element("B2.consent", text) == .met)
    #expect(finding("B2", text) == nil)
    let reported = text.replacingOccurrences(
      of: "別紙２の記載は、甲の書面による同意がなければ、追加し、又は変更することができない。",
      with: "乙は、別紙２の記載を追加し、又は変更したときは、甲に報告する。")
    #expect(element("B2.consent", reported) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「保守の一部を第三者に任せるときは、前もって甲の書面の承諾を得る」: handing work to another firm is
  /// subcontracting, and 前もって is before it (DOMAIN.md section 4, B2).
  @Test func handingWorkToAnotherFirmNeedsConsentBeforehand() {
    let text =
      Self.opening + """
        第9条（作業の一部を任せる場合）
        1 乙は、保守の一部を第三者に任せるときは、前もって甲の書面による承諾を得る。
        2 乙は、任せた先にこの契約で乙が負うのと同じ安全管理の義務を負わせて監督する。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    // Consent afterwards is no prior consent.
    let other = text.replacingOccurrences(of: "前もって甲の書面による承諾を得る", with: "任せた後で甲に書面で報告する")
    #expect(element("B2.consent", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「甲が乙に委託する検査システム（以下「本システム」という。）」: what the institution commissions
  /// the vendor with is no subcontract, so an exemption about 本システム denies nothing of B2
  /// (DOMAIN.md section 4, B2).
  @Test func whatTheInstitutionCommissionsIsNoSubcontract() {
    let text = """
      検査システム運用業務委託契約書

      医療法人社団こだま会 こだま医院（以下「医院」という。）と株式会社ヒビキシステム（以下「事業者」という。）は、次のとおり契約を締結する。

      第1条（目的）
      本契約は、医院が事業者に委託する検査システム（以下「本システム」という。）の運用について定める。
      第7条（再委託）
      1 事業者は、医院の事前の書面による承諾を得なければ、本業務を第三者に委託してはならない。
      2 事業者は、委託先に本契約上の安全管理義務と同等の義務を課して監督する。
      3 委託先の作為又は不作為は、事業者の作為又は不作為とみなす。
      第12条（免責）
      事業者は、本システムのうち事業者が指定していないソフトウェアに起因する障害については、責任を負わない。
      """
    #expect(element("B2.attribution", text) == .met)
    // A 本システム the vendor hands to another firm is a subcontract: the exemption then denies the
    // vendor's answering for it.
    let other = text.replacingOccurrences(
      of: "医院が事業者に委託する検査システム", with: "事業者が他社に委託して運用する検査システム")
    #expect(element("B2.attribution", other) == .contradicted)
  }
}

extension ReadingAndLocationTests {
  /// 「委託先の作為によって甲に生じた損害は、乙の作為によるものとして、乙が賠償する」: the
  /// subcontractor's act counts as the vendor's (DOMAIN.md section 4, B2).
  @Test func aSubcontractorsActCountsAsTheVendors() {
    let text =
      Self.opening + """
        第9条（再委託）
        1 乙は、甲の書面による事前の承諾を得なければ、本業務を第三者に委託しない。
        2 委託先の作為又は不作為によって甲に生じた損害は、乙の作為又は不作為によるものとして、乙が賠償する。
        """
    #expect(element("B2.attribution", text) == .met)
    let other = text.replacingOccurrences(of: "乙の作為又は不作為によるものとして、乙が賠償する", with: "委託先が直接甲に賠償する")
    #expect(element("B2.attribution", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// A hospital's own terms in polite style, calling itself 当院 and the vendor 貴社: a request with
  /// no subject (「…書面でお知らせください」) is made of the vendor; 「ほかの会社に任せる」 is
  /// subcontracting and 「…がしたことと同じに扱います」 attributes (DOMAIN.md section 4, B1 and B2).
  @Test func aPoliteRequestIsMadeOfTheVendorAddressed() {
    let text = """
      保守業務のお願い

      さくら通りクリニック（以下「当院」といいます。）は、株式会社ミドリシステム（以下「貴社」といいます。）に、次のとおり電子カルテの保守をお願いします。

      第5条（体制の変更）
      貴社の担当拠点や遠隔接続の方式を変えることで当院の安全対策に影響が出るときは、変更の45日前までに書面でお知らせください。当院が承諾したときに限り、変更できます。

      第6条（ほかの会社への委託）
      1. 貴社は、保守の一部をほかの会社に任せようとするときは、あらかじめ当院の書面による承諾を得てください。
      2. 貴社は、任せた会社に、この約束で貴社が負うのと同じ安全管理の義務を守らせ、監督してください。
      3. 任せた会社がしたことは、貴社がしたことと同じに扱います。
      """
    #expect(element("B1.notice", text) == .met)
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.attribution", text) == .met)
    // Where the hospital says it will tell the vendor, the vendor gives no notice.
    let ownNotice = text.replacingOccurrences(
      of: "貴社の担当拠点や遠隔接続の方式を変えることで当院の安全対策に影響が出るときは、変更の45日前までに書面でお知らせください。",
      with: "当院の院内ネットワークを変えるときは、当院は変更の45日前までに書面で貴社にお知らせします。")
    #expect(element("B1.notice", ownNotice) != .met)
  }

  /// Subcontracting written around a nested gloss (「第三者（…（以下「…」という。）を含む。）に委託」),
  /// as a ban on letting anyone but those the hospital agreed to do the work, and as 「それ以外の委託」
  /// after the subcontractors an annex lists: each asks the hospital's consent beforehand.
  @Test func priorConsentInRoundaboutWordings() {
    let nested =
      Self.opening + """
        第6条（再委託）
        乙は、本業務の全部又は一部を第三者（保管拠点の運営者（以下「拠点事業者」という。）を含む。）に委託しようとするときは、あらかじめ甲の書面による承諾を得なければならない。
        """
    #expect(element("B2.consent", nested) == .met)
    let onlyThoseAgreed =
      Self.opening + """
        第11条（業務を行う者）
        乙は、甲が書面で同意した者以外の者に、本業務の全部又は一部を行わせてはならない。
        """
    #expect(element("B2.consent", onlyThoseAgreed) == .met)
    let otherThanListed =
      Self.opening + """
        第7条（再委託）
        乙は、別紙に記載した者に同紙記載の業務を委託することについて、本契約の締結をもって甲の承諾を得たものとする。それ以外の委託は、あらかじめ甲の書面による承諾を得て行う。
        """
    #expect(element("B2.consent", otherThanListed) == .met)
  }

  /// A 個別合意書 after the terms that says 「規約第7条は、当院に関しては適用しない」 sets that article
  /// aside: its free hand to subcontract no longer contradicts the consent the agreement asks.
  @Test func anIndividualAgreementSetsAnArticleOfTheTermsAside() {
    let text = """
      サービス利用規約

      株式会社ナナカマド（以下「当社」という。）は、本規約により医療機関（以下「当院」という。）にサービスを提供する。

      第7条（委託）
      当社は、本サービスに係る業務の全部又は一部を、当院の承諾を要することなく第三者に委託することができる。

      第8条（管轄）
      当社の本店所在地を管轄する地方裁判所を専属的合意管轄裁判所とする。

      個別合意書

      医療法人ななかまど会（以下「当院」という。）と株式会社ナナカマド（以下「当社」という。）は、次のとおり合意する。

      第1条（委託）
      １　規約第7条は、当院に関しては適用しない。
      ２　当社は、本サービスに係る業務の全部又は一部を第三者に委託しようとするときは、あらかじめ当院の書面による承諾を得る。
      """
    #expect(element("B2.consent", text) == .met)
    let kept = text.replacingOccurrences(of: "１　規約第7条は、当院に関しては適用しない。\n", with: "")
    #expect(element("B2.consent", kept) == .contradicted)
  }
}

extension ReadingAndLocationTests {
  /// Plain words for subcontracting and its attribution (「他の業者に任せる」「任せた業者がしたことは、乙が
  /// したものとして乙が責任を持つ」) meet B2 as the usual terms do; without the attribution sentence they
  /// do not.
  @Test func workHandedToAnotherTraderInPlainWords() {
    let text =
      Self.opening + """
        第7条（他の業者に任せるとき）
        １　乙は、本業務の一部を他の業者に任せるときは、事前に書面で甲の承諾を得なければならない。
        ２　乙は、任せた業者にこの契約で乙が負うのと同じ内容のセキュリティの義務を守らせ、その状況を監督する。
        ３　任せた業者がしたことは、乙がしたものとして乙が責任を持つ。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.attribution", text) == .met)
    #expect(finding("B2", text) == nil)
    let without = text.replacingOccurrences(of: "３　任せた業者がしたことは、乙がしたものとして乙が責任を持つ。", with: "")
    #expect(element("B2.attribution", without) != .met)
  }
}
