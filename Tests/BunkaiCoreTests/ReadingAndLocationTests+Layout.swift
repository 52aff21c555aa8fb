import Testing

@testable import BunkaiCore

/// How the paperwork is laid out (DOMAIN.md section 4: a requirement met anywhere in the contract
/// is met): a 別紙 placed before a 覚書 whose articles restart at 第1条, and a part with its own
/// articles followed by a signature block.
extension ReadingAndLocationTests {
  static let annexBeforeMemorandum =
    opening + """
      第1条（業務）
      乙は、甲の電子カルテシステムの保守を行う。業務の内容は別紙のとおりとする。

      第2条（秘密保持）
      乙は、業務上知り得た患者の情報を第三者に漏らしてはならない。

      別紙　保守業務の内容
      乙は、保守業務における安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に則って実施する。
      定期点検は年二回とする。

      覚書
      甲と乙は、上記契約について次のとおり合意する。
      第1条（連絡窓口）
      甲及び乙は、それぞれ連絡窓口を一名置く。
      第2条（有効期間）
      この覚書は、上記契約の終了まで効力を有する。

      """

  /// The 別紙's text stands between the contract's articles and the 覚書's: the guideline basis it
  /// states is read there like anywhere else (A met), not passed over because the 覚書's articles
  /// come after it.
  @Test func anAnnexBeforeAMemorandumIsRead() {
    #expect(element("A.gl-basis", Self.annexBeforeMemorandum) == .met)
    #expect(finding("A", Self.annexBeforeMemorandum) == nil)
    // Without the 別紙's sentence nothing else states it.
    let without = Self.annexBeforeMemorandum.replacingOccurrences(
      of: "乙は、保守業務における安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に則って実施する。\n",
      with: "")
    #expect(element("A.gl-basis", without) != .met)
  }

  /// A part with articles of its own (「情報セキュリティ特記事項」 第1条…) followed by the date and the
  /// signatures: the part's text outside its articles is its title and what follows them, never a
  /// span that takes its articles in again.
  @Test func aPartsOwnTextNeverSpansItsArticles() {
    let text =
      Self.annexBeforeMemorandum + """
        情報セキュリティ特記事項
        第1条（再委託）
        乙は、甲の書面による承諾を得た場合に限り、業務の一部を第三者に委ねることができる。
        第2条（免責）
        乙は、甲が持ち込んだソフトウェアに起因する障害について責任を負わない。

        以上の合意を証するため、本書二通を作成し、甲乙各一通を保有する。

        令和8年4月1日
        甲　医療法人社団かもめ会
        乙　株式会社カモメデータ
        """
    let contract = ContractParser.parse(SourceText(text: text))
    #expect(contract.articles.contains { $0.part == "特記事項" || $0.part?.contains("特記事項") == true })
    for section in contract.annexSections {
      for a in contract.articles {
        #expect(!section.range.overlaps(a.range), "\(section.label) \(a.part ?? "") \(a.number)")
      }
    }
    // The signature block is still kept as text of the part.
    let s = SourceText(text: text)
    #expect(contract.annexSections.contains { s.slice($0.range).contains("令和8年4月1日") })
    // A second 覚書 after the trailing piece is still the second one.
    let second = ContractParser.parse(
      SourceText(text: text + "\n\n覚書\n甲と乙は、次のとおり合意する。\n第1条（費用）\n費用は甲が負担する。\n"))
    #expect(second.articles.contains { $0.part == "覚書2" })
  }

  /// A 前文 that binds the vendor to the guideline meets A like an article does (DOMAIN.md: a
  /// requirement met anywhere is met); one that only says the contract is concluded in the light
  /// of the guideline commits nobody to it.
  @Test func aPreambleThatBindsTheVendorMeetsA() {
    let body = """

      第1条（業務）
      乙は、甲の予約システムを運用する。

      第2条（秘密保持）
      乙は、業務上知り得た患者の情報を第三者に漏らしてはならない。
      """
    let binding = """
      予約システム運用契約書

      医療法人社団ひばり会（以下「甲」という。）と株式会社ヒバリテック（以下「乙」という。）は、次のとおり契約を締結する。乙は、この契約による業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿って行うことを約する。
      """
    #expect(element("A.gl-basis", binding + body) == .met)
    let background = """
      予約システム運用契約書

      本契約は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」の趣旨を踏まえ、医療法人社団ひばり会（以下「甲」という。）と株式会社ヒバリテック（以下「乙」という。）との間で締結するものである。
      """
    #expect(element("A.gl-basis", background + body) != .met)
    #expect(finding("A", background + body) != nil)
  }

  /// Terms numbered 1.1 / 5.2 ahead of a supplement's 第1条 are read as the preamble: each numbered
  /// section is a paragraph of its own, so an exemption in one (「5.2 …責任を負いません」) is not read
  /// against the subcontracting a supplement's article settles in full.
  @Test func numberedTermsBeforeTheArticlesAreParagraphsOfTheirOwn() {
    let text = """
      クラウド予約サービス利用規約

      1.1 この規約は、当社が提供する予約サービスの利用条件を定めます。
      1.2 当社は、サービスの運営の一部を外部の事業者に任せることがあります。
      5.2 当社は、いかなる場合も、お客様の間接損害について責任を負いません。

      医療機関向け補足条項

      第1条（再委託）
      1 当社は、本サービスの全部又は一部を再委託するときは、あらかじめお客様の書面による承諾を得ます。
      2 当社は、再委託先に対し、当社の義務と同等の義務を負わせ、その履行を監督します。
      3 再委託先の行為は、当社の行為とみなします。
      """
    #expect(element("B2.attribution", text) == .met)
    #expect(finding("B2", text) == nil)
  }

  /// An order form's check list has no 。: each 「□」 line stands apart, so a data migration on one
  /// line and the customer's 「同意のうえ」 on the terms two lines below are no approval of a change.
  @Test func checkListLinesOfAnOrderFormStandApart() {
    let text = """
      ご注文書

      ご注文者（以下「お客様」）　医療法人社団つばめ会
      販売者（以下「当社」）　株式会社ツバメシステム
      設置前の確認事項
      □ 旧システムからのデータ移行の範囲
      □ 受付端末の配置
      お客様は、裏面の約款に同意のうえ、上記のとおり注文します

      導入サービス約款

      第1条（変更）
      当社は、本サービスの内容を変更するときは、30日前までにお客様に通知します。
      """
    #expect(element("B1.approval", text) != .met)
    #expect(finding("B1", text) != nil)
  }

  /// An annex in sections: 「前項の手続により確定し」 in its second section takes up the talks its first
  /// section sets out, as 前項 does in an article (C2 met).
  @Test func previousSectionOfAnAnnexIsItsPreviousParagraph() {
    let text =
      Self.opening + """
        第1条（業務）
        乙は、甲の検査システムを保守する。甲は、検査システムの設置場所、電源及び院内ネットワークを用意する。
        前項の物の安全対策は、別紙による。

        別紙　安全対策の取決め

        １（確認会）
        乙は、甲の院内で講ずべき対策の案を作成して確認会を招集し、甲と協議して確定する。甲は、確定した対策を実施する。

        ２（甲が用意する物）
        第1条により甲が用意する物（設置場所、電源及び院内ネットワーク）の安全対策は、前項の手続により確定し、甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
  }

  /// 「・…の協議：担当　乙（議題を用意して主導）」: a line of a flattened table names its doer after
  /// 「担当」 (C2 led by the vendor); the same line giving the task to 甲 does not.
  @Test func aDoerAfterTantouLeadsTheLine() {
    let text =
      Self.opening + """
        第1条（業務）
        乙は、甲の監視装置を保守する。甲は、監視装置の設置場所、電源及び監視用回線を用意する。前項の物に係る情報セキュリティ対策の分担は、別紙のとおりとする。

        別紙　作業の分担
        ・監視装置の警告の確認：担当　乙
        ・第1条により甲が用意する設置場所、電源及び監視用回線の情報セキュリティ対策の協議：担当　乙（議題を用意して主導）
        ・協議で決めた設置場所、電源及び監視用回線の対策の実施：担当　甲
        """
    #expect(element("C2.vendor-led", text) == .met)
    let swapped = text.replacingOccurrences(of: "協議：担当　乙（議題を用意して主導）", with: "協議：担当　甲（議題を用意して主導）")
    #expect(element("C2.vendor-led", swapped) != .met)
  }

  /// 「変更の理由　…免責及び損害賠償の各条項について、…役割が明らかでないとの指摘があった」 names clauses;
  /// it caps or excludes nothing (D1 not raised where no clause limits the liability).
  @Test func namingTheDamagesClausesLimitsNothing() {
    let text = """
      検査システム導入契約　変更契約書

      医療法人社団かもめ会（以下「甲」という。）と株式会社カモメデータ（以下「乙」という。）は、原契約を次のとおり変更する。

      （変更の理由）
      締結後に甲が契約書を点検したところ、免責及び損害賠償の各条項について、甲と乙の役割が明らかでないとの指摘があった。

      第1条（損害賠償）
      乙は、本業務に関し甲に損害を与えたときは、その損害を賠償する。
      """
    #expect(element("D1.limitation", text) != .met)
    #expect(finding("D1", text) == nil)
  }

  /// 「前文に定めるガイドラインに基づき乙が行う安全管理」: the guideline the 前文 names is the one the
  /// limitation's condition refers to (D1's guideline efforts met).
  @Test func thePreambleIsWhatZenbunNames() {
    let text = """
      予約サービス利用契約書

      医療法人社団ひばり会（以下「甲」という。）と株式会社ヒバリテック（以下「乙」という。）は、次のとおり契約を締結する。乙は、この契約による業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿って行う。

      第1条（損害賠償）
      1 乙が甲に対して負う損害賠償の額は、直近12か月分の利用料の合計額を上限とする。ただし、乙の故意又は重大な過失による場合は、この限りでない。
      2 前文に定めるガイドラインに基づき乙が行う安全管理の取組を乙が怠った場合には、前項の上限は適用せず、これにより甲に生じた損害は逸失利益を含めて乙が賠償する。
      """
    #expect(element("D1.gl-efforts", text) == .met)
    // Without the 前文's guideline there is none to refer to.
    let noPreambleGuideline = text.replacingOccurrences(
      of: "乙は、この契約による業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿って行う。",
      with: "")
    #expect(element("D1.gl-efforts", noPreambleGuideline) != .met)
  }

  /// 「医療法人社団すずらん会（以下「甲」という。）と株式会社クリニックリンク（以下「乙」という。）」: the
  /// company is the vendor though its name holds クリニック; 甲 and 乙 are not both the institution, and
  /// 乙's notice of changes is the vendor's (B1's notice met).
  @Test func aVendorNamedLikeAClinicIsStillTheVendor() {
    let text = """
      予約サービス利用契約書

      医療法人社団すずらん会（以下「甲」という。）と株式会社クリニックリンク（以下「乙」という。）は、次のとおり契約を締結する。

      第1条（変更）
      乙は、本サービスのデータの保管場所その他甲の安全管理に影響する変更を行うときは、30日前までに書面で甲に通知し、甲の承認を得る。
      """
    let parties = ContractParser.parse(SourceText(text: text)).parties
    #expect(parties.first { $0.label == "甲" }?.role == .institution)
    #expect(parties.first { $0.label == "乙" }?.role == .vendor)
    #expect(element("B1.notice", text) == .met)
  }
}
