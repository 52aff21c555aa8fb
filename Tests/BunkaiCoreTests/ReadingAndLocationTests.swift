import Testing

@testable import BunkaiCore

/// Reading contracts written in other offices' styles: the parties' own labels, provisos that lift
/// a requirement, amendments, and where a finding belongs (DOMAIN.md section 4, issue 9).
@Suite struct ReadingAndLocationTests {
  static let reviewer = Reviewer(
    playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())

  static let opening = """
    医療情報システム保守契約書

    医療法人社団かもめ会 かもめ台病院（以下「甲」という。）と株式会社カモメデータ（以下「乙」という。）は、次のとおり契約を締結する。

    """

  func review(_ text: String) -> ReviewResult { Self.reviewer.review(SourceText(text: text)) }

  func finding(_ guideRef: String, _ text: String) -> Finding? {
    review(text).findings.first { $0.guideRefs.contains(guideRef) }
  }

  func element(_ id: String, _ text: String) -> ElementResult.Status? {
    review(text).elements.first { $0.id == id }?.status
  }

  // MARK: Glosses and definitions

  /// A gloss in brackets after the guideline's title (「（改訂されたときは改訂後のものをいう。）」)
  /// explains the reference; the sentence still commits the vendor to the guideline. A definition
  /// sentence (「…とは、…をいう。」) that names it commits nobody.
  @Test func aGlossAfterTheGuidelineIsNotADefinition() {
    let glossed =
      Self.opening + """
        第2条（安全管理）
        乙は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」（改訂されたときは改訂後のものをいう。以下「提供事業者ガイドライン」という。）に沿って、本業務の安全管理を実施する。
        """
    #expect(element("A.gl-basis", glossed) == .met)
    let definitionOnly =
      Self.opening + """
        第1条（定義）
        本契約において「安全管理基準」とは、乙が経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づき行う安全管理をいう。

        第2条（業務）
        乙は、甲の医療情報システムの保守を行う。
        """
    #expect(element("A.gl-basis", definitionOnly) != .met)
  }

  // MARK: The parties' own labels

  static let ownLabels = """
    医療情報システム運用業務委託契約書

    医療法人社団かもめ会 かもめ台病院（以下「鴎台病院」という。）と株式会社カモメデータ（以下「カモメ社」という。）は、次のとおり契約を締結する。

    第1条（業務内容）
    カモメ社は、鴎台病院の医療情報システムの運用業務を行う。

    第2条（医療機関側の対策）
    鴎台病院の管理する範囲におけるセキュリティ対策の具体的な内容は、カモメ社が主導して鴎台病院と協議の上で定め、鴎台病院がこれを実施する。
    """

  /// 「カモメ社が主導して鴎台病院と協議」 reads as 「乙が主導して甲と協議」: C1 is met.
  @Test func ownPartyLabelsBindToThePlaceholders() {
    #expect(element("C1.decided-jointly", Self.ownLabels) == .met)
    #expect(element("C1.vendor-led", Self.ownLabels) == .met)
    #expect(finding("C1", Self.ownLabels) == nil)
  }

  /// The other way round, led by the institution under its own label: not vendor-led.
  @Test func ownPartyLabelsStillTellWhoLeads() {
    let swapped = Self.ownLabels.replacingOccurrences(
      of: "カモメ社が主導して鴎台病院と協議", with: "鴎台病院が主導してカモメ社と協議")
    #expect(element("C1.vendor-led", swapped) != .met)
  }

  /// Evidence still points at the source text although the labels were folded for matching.
  @Test func evidenceOffsetsSurviveFoldedLabels() {
    let r = review(Self.ownLabels.replacingOccurrences(of: "カモメ社が主導して", with: ""))
    let f = r.findings.first { $0.guideRefs.contains("C1") }
    #expect(f != nil)
    for e in f?.evidence ?? [] {
      let scalars = Array(Self.ownLabels.replacingOccurrences(of: "カモメ社が主導して", with: "").unicodeScalars)
      #expect(String(String.UnicodeScalarView(scalars[e.start..<e.end])) == e.text)
    }
  }

  /// A name broken over two lines (pdftotext) is still the vendor's name.
  @Test func partyNameAcrossALineBreak() {
    let text = """
      電子カルテ保守契約書

      医療法人はまなす会 はまなす病院（以下「当院」という。）と株式会社ハマナス情報シス
      テム（以下「ハマナス」という。）は、次のとおり契約を締結する。

      第1条（目的）
      本契約は保守について定める。
      """
    let parties = ContractParser.parse(SourceText(text: text)).parties
    #expect(parties.contains { $0.label == "ハマナス" && $0.role == .vendor })
  }

  /// pdftotext may break the line between 「以下」 and 「「乙」」: the vendor is still defined.
  @Test func labelDefinitionAcrossALineBreak() {
    let text = """
      保守契約書

      医療法人はまなす会 はまなす病院（以下「甲」という。）と株式会社ハマナス情報システム（以下
      「乙」という。）は、次のとおり契約を締結する。

      第1条（目的）
      本契約は保守について定める。
      """
    let parties = ContractParser.parse(SourceText(text: text)).parties
    #expect(parties.contains { $0.label == "乙" && $0.role == .vendor && $0.name == "株式会社ハマナス情報システム" })
  }

  /// A network's rules that name the operator 運営者 without defining it.
  @Test func operatorLabelIsTheVendor() {
    let text = """
      地域連携サービス会員規約

      第1条（適用）
      本規約は、運営者が提供するサービスの利用について、運営者と会員との間に適用されます。

      第2条（会員側の対策）
      会員の管理に属する端末の操作に関するセキュリティ対策は、運営者が主導して会員と協議の上で具体的な実施事項を定め、会員がこれを実施するものとします。

      第3条（サポート）
      運営者は、会員からの問合せに応じます。
      """
    #expect(element("C1.vendor-led", text) == .met)
  }

  // MARK: Provisos

  static func subcontracting(_ proviso: String) -> String {
    opening + """
      第1条（業務内容）
      乙は、甲のシステムの保守を行う。

      第2条（再委託）
      乙は、本件業務の一部を第三者に委託しようとするときは、あらかじめ甲の書面による承諾を得なければならない。\(proviso)
      ２　乙は、委託先に対し、本契約で乙が負う安全管理上の義務と同等の義務を課し、これを監督する。
      ３　委託先の義務違反は、乙の義務違反とみなす。
      """
  }

  /// 「ただし、乙の関連会社に委託する場合は、この限りでない。」 lifts the consent for a case where
  /// consent is not asked at all: the element is contradicted and B2 is raised.
  @Test func provisoForAffiliatesContradictsConsent() {
    let text = Self.subcontracting("ただし、乙の関連会社に委託するときは、この限りでない。")
    #expect(element("B2.consent", text) == .contradicted)
    #expect(finding("B2", text)?.article == "2")
  }

  /// A proviso for compulsion by law or an emergency leaves the requirement in place.
  @Test(arguments: [
    "", "ただし、法令に基づき委託が義務付けられる場合は、この限りでない。", "ただし、緊急を要する障害対応の場合は、この限りでない。",
  ])
  func benignProvisoKeepsConsent(proviso: String) {
    let text = Self.subcontracting(proviso)
    #expect(element("B2.consent", text) == .met)
    #expect(finding("B2", text) == nil)
  }

  // MARK: Amendments

  /// 「原契約第5条（免責）を削除する。」: the deleted exemption no longer holds, so D2 does not apply.
  @Test func memorandumDeletingAnArticleWithItsHeading() {
    let contract =
      Self.opening + """
        第1条（業務内容）
        乙は、甲のシステムの保守を行う。

        第5条（免責）
        乙は、乙が指定していないソフトウェアに起因する障害については、責任を負わない。

        第6条（協議）
        定めのない事項は協議する。

        保守契約の一部を変更する覚書

        第1条（免責条項の削除）
        原契約第5条（免責）を削除する。
        """
    #expect(element("D2.exemption", contract) != .met)
    #expect(finding("D2", contract) == nil)
  }

  // MARK: Location

  /// A: the vendor's own security article is where the guideline basis belongs, not the scope.
  @Test func aGoesToTheSecurityArticle() {
    let text =
      Self.opening + """
        第2条（業務の範囲）
        乙の業務は、別表に掲げるとおりとする。

        第5条（セキュリティ対策）
        乙は、一般的な水準のセキュリティ対策を講じるよう努める。
        """
    #expect(finding("A", text)?.article == "5")
  }

  /// A: in terms of use, the section on how the service is provided (「サービスの提供」) is its scope,
  /// not the section on changing the service.
  @Test func aGoesToTheSectionProvidingTheService() {
    let text = """
      オンライン予約サービス利用規約

      1. 総則
      本規約は、架空ネット株式会社（以下「当社」といいます。）が提供する予約サービス（以下「本サービス」といいます。）を医療機関（以下「利用機関」といいます。）が利用する条件を定めます。

      2. サービスの提供
      当社は、本サービスを利用機関に提供し、その安全な運用に努めます。

      3. 本サービスの変更
      当社は、本サービスの内容を変更することがあります。
      """
    #expect(finding("A", text)?.article == "2")
  }

  /// In terms of use, the revision article (規約の改定) is where changes are made, not an exemption
  /// for settings changed on instructions; running the system through a contractor (事業者に委託) is
  /// subcontracting.
  @Test func revisionOfTermsAndContractorArticles() {
    let text = """
      連携サービス会員規約

      第1条（目的）
      本規約は、架空ネット株式会社（以下「当社」という。）が提供する連携サービスを会員施設が利用する条件を定める。

      第2条（システムの運用）
      当社は、本サービスのシステムの運用を、当社が選ぶ事業者に委託して行う。

      第3条（設定変更に関する免責）
      当社は、会員施設の指示により行った設定変更に起因する障害について責任を負わない。

      第4条（規約の改定）
      当社は、本規約を改定することができる。改定後の規約は、当社のウェブサイトに掲載した日から効力を生じる。
      """
    #expect(finding("B1", text)?.article == "4")
    #expect(finding("B2", text)?.article == "2")
  }

  /// D1: 「前項の義務に違反したことによる損害」 where 前項 is the duty of care to carry out 「第2条に
  /// 基づく安全管理」 and 第2条 names the vendor guideline: the cap is lifted where those efforts fail.
  @Test func effortsConditionThroughTwoReferences() {
    let text =
      Self.opening + """
        第2条（安全管理）
        乙は、本業務の安全管理を、医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドラインに従って行う。

        第7条（損害賠償）
        乙は、第2条に基づく安全管理を善良な管理者の注意義務として履行する。
        ２　乙の賠償額は、委託料の12か月分を上限とする。ただし、乙の故意又は重大な過失による損害及び乙が前項の義務に違反したことによる損害については、上限を適用しない。
        ３　前項ただし書の義務違反による損害は、甲乙誠実に協議のうえ、逸失利益を含め乙が賠償する。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(finding("D1", text) == nil)
  }

  /// D1: a 覚書 that sets aside the paragraph granting lost profits (「原契約第8条第3項後段の規定にかかわ
  /// らず…逸失利益については賠償しない」) takes it back, without 「いかなる場合」; one on another
  /// matter (force majeure) does not.
  @Test(arguments: [("逸失利益については賠償の責任を負わないものとする", true), ("天災地変による遅延については責任を負わないものとする", false)])
  func memorandumTakingBackLostProfits(sentence: String, takenBack: Bool) {
    let text =
      Self.opening + """
        第2条（安全管理）
        乙は、本業務の安全管理を、医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドラインに従って行う。

        第8条（損害賠償）
        乙は、第2条の安全管理を善良な管理者の注意義務として負う。
        ２　乙の賠償額は、年間委託料を上限とする。
        ３　前項は、乙の故意又は重過失による場合、又は乙が第1項の義務を怠った場合には適用しない。義務を怠ったことによる損害は、甲乙誠実に協議のうえ、逸失利益を含めて乙が賠償する。

        覚書

        第1条（変更）
        原契約第8条第3項後段の規定にかかわらず、乙は、\(sentence)。
        """
    #expect((element("D1.deficient-compensable", text) == .contradicted) == takenBack)
    #expect((finding("D1", text) != nil) == takenBack)
  }

  /// A term a definitions article lists without quotes (「（２）事業者GL　…が定めた「…」」) stands for
  /// what it defines, as a quoted one does.
  @Test func aTermListedWithoutQuotesIsDefined() {
    let text =
      Self.opening + """
        第2条（用語）
        この契約で用いる用語の意味は、次のとおりとする。
        （１）指定端末　乙が設定して甲に引き渡す閲覧用の端末
        （２）事業者GL　経済産業省及び総務省が定めた「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」

        第3条（乙の責務）
        乙は、本業務の安全管理を事業者GLに従って行う。
        """
    #expect(element("A.gl-basis", text) == .met)
    #expect(finding("A", text) == nil)
  }

  /// C1: 「前条の協議の結果を記録する」 where 前条 is the consultation on the provided items reads that
  /// consultation, and it is no consultation on the institution's own measures.
  @Test func recordOfTheProvidedItemsConsultationIsNoC1() {
    let text =
      Self.opening + """
        第4条（提供設備）
        甲は、本業務に必要な電源及びリモート保守用の回線を乙に使用させる。

        第5条（提供設備のセキュリティ）
        前条の設備に関するセキュリティ対策は、乙が対策案を提示して協議を主導し、甲乙の協議により定めた内容を甲が実施する。

        第6条（協議の記録）
        前条の協議の結果は書面に記録し、甲及び乙が各1部を保管する。
        """
    #expect(element("C1.decided-jointly", text) == .unmet)
    #expect(finding("C1", text) != nil)
  }

  /// A: 「…ガイドラインの定めるところにより行う」 follows the guideline.
  @Test func actingAsTheGuidelineProvidesIsFollowingIt() {
    let text =
      Self.opening + """
        第3条（乙の安全管理）
        乙は、本業務における医療情報の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」の定めるところにより行う。
        """
    #expect(element("A.gl-basis", text) == .met)
  }

  /// B2: a memorandum to terms of use that conditions 「原規約第6条に定める委託」 reads what that article
  /// of the original terms says (subcontracting).
  @Test func memorandumToTermsReadsTheOriginalTerms() {
    let text = """
      クラウドサービス利用規約

      第1条（目的）
      本規約は、株式会社テスト（以下「当社」という。）がお客さまに提供するサービスの条件を定める。

      第6条（業務の委託）
      当社は、本サービスの運用の一部を第三者に再委託することができる。

      覚書

      第1条（委託の条件）
      原規約第6条に定める委託は、あらかじめお客さまの書面による承諾を得た場合に限り行うことができる。この場合、当社は委託先に当社と同等の安全管理義務を課して監督し、委託先の行為については当社の行為として責任を負う。
      """
    #expect(element("B2.consent", text) == .met)
  }

  /// In a specification numbered 1. / 1.1, 「3.1の変更」 is section 3's first paragraph; a version
  /// number (「3.1.2」) is no reference.
  @Test func sectionParagraphReferences() {
    let text = """
      ホスティング業務仕様書

      1. 概要
      1.1 本仕様書は、架空病院（以下「当院」という。）が電子カルテのホスティング業務を調達するにあたり、受注者が満たすべき要件を示す。
      1.2 本仕様書において「受注者」とは、本業務について当院と契約を締結する事業者をいう。

      2. 業務要件
      2.1 受注者は、データを国内のデータセンターに保管すること。

      3. 変更管理
      3.1 受注者は、データセンターの所在地その他当院のセキュリティ対策に影響する事項を変更しようとするときは、変更予定日の90日前までに当院に書面で通知すること。
      3.2 3.1の変更は、当院が書面で承認した後でなければ実施してはならない。
      """
    #expect(element("B1.approval", text) == .met)
    #expect(finding("B1", text) == nil)
  }

  /// A 覚書 that adds the guideline to 原契約第2条 and rewrites the damages article around 「第2条第2項の
  /// 安全管理」: the quoted article names the contract's 第2条, and what the 覚書 added is part of it.
  @Test func memorandumAddsAParagraphItsRewriteRefersTo() {
    let text =
      Self.opening + """
        第2条（保守の範囲）
        乙は、本システムの障害対応及び定期点検を行う。

        第6条（損害賠償）
        乙の賠償責任は、年額保守料を限度とする。

        覚書

        甲及び乙は、令和6年4月1日付保守契約書（以下「原契約」という。）を次のとおり変更する。

        第1条（安全管理の基準）
        原契約第2条に次の1項を加える。
        「2 乙は、保守における安全管理を、経済産業省及び総務省の『医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン』に基づいて行う。」

        第2条（損害賠償の変更）
        原契約第6条を次のとおり改める。
        「第6条 乙は、第2条第2項の安全管理を善良な管理者の注意義務として負う。
        2 乙の賠償額は、年額保守料を限度とする。
        3 前項の限度は、乙の故意又は重大な過失による場合、又は乙が第1項の義務を怠った場合には適用しない。第1項の義務を怠ったことによる損害は、甲乙誠実に協議のうえ、逸失利益を含めて乙が賠償する。」
        """
    #expect(element("D1.gl-efforts", text) == .met)
    #expect(finding("D1", text) == nil)
  }

  /// C1: where nothing of it is written, the finding goes to the institution's own duties article
  /// (甲の責任) rather than to the vendor's security article.
  @Test func c1GoesToTheInstitutionsDutiesBeforeTheVendors() {
    let text =
      Self.opening + """
        第2条（安全管理）
        乙は、本サービスの提供に必要な安全管理措置を講じる。

        第5条（甲の責任）
        甲は、本サービスを利用する端末及び院内ネットワークを自らの責任で管理する。
        """
    #expect(finding("C1", text)?.article == "5")
  }

  /// C1: an article on the institution's terminals (【甲の端末等】) is its own part.
  @Test func c1GoesToTheInstitutionsTerminalsArticle() {
    let text =
      Self.opening + """
        第2条【安全管理】
        乙は、本サービスの提供に必要な安全管理措置を講じる。

        第3条【甲の端末等】
        本サービスを利用する甲の端末及び院内ネットワークの管理は、甲の責任において行う。
        """
    #expect(finding("C1", text)?.article == "3")
  }

  /// D2: a sentence-final denial of the duty (「…協議を行う義務を負うことを意味するものではない」) says
  /// the opposite of the condition, however far it stands from the measure.
  @Test func sentenceFinalDenialContradictsTheMeasure() {
    let text =
      Self.opening + """
        第7条（免責）
        乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。
        ２　前項の規定は、乙が指定したソフトウェアの脆弱性について、乙が対策を講じ、又はその対策のための協議を行う義務を負うことを意味するものではない。
        """
    #expect(element("D2.designated-vuln", text) == .contradicted)
  }

  /// A service the vendor defines as providing power and lines (「本サービス」とは、…電源・回線の提供…
  /// をいう) is no provided thing: only a name the institution's own sentence defines is.
  @Test func theVendorsServiceIsNoProvidedThing() {
    let text =
      Self.opening + """
        第1条（定義）
        （1）「本サービス」とは、乙のサーバ上で甲のシステムを稼働させる基盤の提供、ラック・電源・回線の提供及び稼働監視をいう。

        第4条（甲側のセキュリティ）
        甲が本サービスへ接続するために院内で使う端末の管理に関するセキュリティ対策については、乙が必要な事項を提示して協議を主導し、甲乙協議の上で具体的な対策を定め、甲はこれを実施する。
        """
    #expect(finding("C1", text) == nil)
  }

  /// A: an override in the damages article (「前二項の規定にかかわらず、…請求に基づく損害については責任
  /// を負わない」) reaches the guideline of 第2条 only through two references; it does not deny the
  /// guideline basis.
  @Test func aDamagesOverrideDoesNotDenyTheGuidelineBasis() {
    let text =
      Self.opening + """
        第2条（安全管理）
        乙は、本業務の安全管理を、医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドラインに基づいて行う。

        第8条（損害賠償）
        乙は、第2条の安全管理を善良な管理者の注意義務として負う。
        ２　乙の賠償額は、委託料の1年分を上限とする。ただし、乙の故意又は重大な過失による場合はこの限りでない。
        ３　前二項の規定にかかわらず、乙は、いかなる場合においても、甲の逸失利益及び第三者からの請求に基づく損害については責任を負わない。
        """
    #expect(element("A.gl-basis", text) == .met)
    #expect(finding("A", text) == nil)
  }

  /// C2: the finding qualifies the clause where the institution provides things, even where another
  /// article speaks of consultations; 「前二項の協議」 is no provided thing.
  @Test func c2GoesToTheProvisionArticle() {
    let text =
      Self.opening + """
        第3条（医療機関側の対策）
        甲の管理に属する範囲のセキュリティ対策は、乙が主導して甲と協議の上で具体的な事項を定め、甲がこれを実施する。
        ２　乙は、前項の協議にあたり、甲が実施すべき対策を具体的に示す。
        ３　前二項の協議の結果は、書面に記録する。

        第6条（甲の協力）
        甲は、乙が保守を行うために必要な電源、通信回線及びリモート保守用機器を、自己の責任と負担において用意する。
        """
    let f = finding("C2", text)
    #expect(f?.article == "6")
    #expect(f?.elements.first { $0.id == "C2.provided-security" }?.status == .unmet)
  }

  // MARK: Who gives notice, who leads

  /// Thirty days the institution must give the vendor for its own changes is not the vendor's
  /// notice period.
  @Test func noticePeriodIsTheVendors() {
    let institutionGives =
      Self.opening + """
        第8条（環境の変更）
        甲は、甲のネットワークの構成を変更しようとするときは、実施予定日の30日前までに乙に通知する。
        """
    #expect(element("B1.period", institutionGives) != .met)
    let vendorGives =
      Self.opening + """
        第8条（体制の変更）
        乙は、保守の体制を変更しようとするときは、実施予定日の30日前までに甲に通知する。
        """
    #expect(element("B1.period", vendorGives) == .met)
  }

  /// The vendor informing the institution of the measures it must take leads that exchange; advice
  /// only when the institution asks for it does not.
  @Test func vendorInformationLeadsButAdviceOnRequestDoesNot() {
    let informs =
      Self.opening + """
        第9条（情報の提供）
        乙は、甲が講ずべきセキュリティ対策について、定期的に甲に情報を提供する。
        """
    #expect(element("C1.vendor-led", informs) == .met)
    #expect(element("C1.decided-jointly", informs) != .met)
    #expect(finding("C1", informs)?.article == "9")
    let onRequest =
      Self.opening + """
        第9条（助言）
        乙は、甲から求めがあったときは、甲が講ずべきセキュリティ対策について助言する。
        """
    #expect(element("C1.vendor-led", onRequest) != .met)
  }

  // MARK: Overrides elsewhere

  /// A carve-out for wilful misconduct and gross negligence in the damages article, emptied by a
  /// later article that sets aside every other provision: contradicted, not met.
  @Test func overrideOfTheWholeContractEmptiesTheCarveOut() {
    let base =
      Self.opening + """
        第12条（損害賠償）
        乙の賠償責任は、委託料の12か月分を上限とする。ただし、乙に故意又は重大な過失がある場合は、この限りでない。

        第13条（責任の制限）

        """
    let overridden = base + "本契約の他の規定にかかわらず、乙は、いかなる場合においても、甲の逸失利益について責任を負わない。"
    #expect(element("D1.wilful-gross", overridden) == .contradicted)
    let byNumber = base + "第12条の規定にかかわらず、乙は、いかなる場合においても、間接損害について一切の責任を負わない。"
    #expect(element("D1.wilful-gross", byNumber) == .contradicted)
    // An override of something else leaves the carve-out standing.
    let unrelated = base + "第5条の規定にかかわらず、甲は、いかなる場合においても、保守料の支払を拒まないものとする。"
    #expect(element("D1.wilful-gross", unrelated) == .met)
  }

  /// 「乙は、甲の側で必要となる対策を提示し」: the institution named inside what is presented does not
  /// present it; the vendor, the sentence's topic, leads.
  @Test func partyInsideTheMatterPresentedDoesNotLead() {
    let text =
      Self.opening + """
        第3条（医療機関側の対策）
        乙は、甲の病棟側で必要となるセキュリティ対策を提示し、甲と協議の上、その実施方法を定める。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let ought =
      Self.opening + """
        第3条（医療機関側の対策）
        乙は、甲側で講ずべきセキュリティ対策を提示し、甲と協議の上、その実施方法を定める。
        """
    #expect(element("C1.vendor-led", ought) == .met)
  }

  /// 「少なくとも年1回」 is no negation of the consultation.
  @Test func atLeastIsNoNegation() {
    let text =
      Self.opening + """
        第3条（医療機関側の対策）
        甲が講ずべきセキュリティ対策の具体的な内容は、乙が主導して甲と協議の上で定め、甲がこれを実施する。
        ２　前項の協議は、少なくとも年１回行う。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(finding("C1", text) == nil)
  }

  /// A heading 「医療機関の責任」 in a contract that calls the institution 委託者 is still the
  /// institution's article: C1 goes there rather than to the vendor's security article.
  @Test func genericInstitutionHeadingIsTheInstitutionsArticle() {
    let text = """
      検査データ入力業務委託契約書

      医療法人あさひ会 あさひ病院（以下「委託者」という。）と株式会社アサヒ入力（以下「受託者」という。）は、次のとおり契約を締結する。

      第3条（情報セキュリティ）
      受託者は、自社の規程に従い、本件業務の情報を適切に管理する。

      第9条（医療機関の責任）
      委託者は、委託者の管理に属する範囲のセキュリティ対策を、自らの責任と負担において講じる。
      """
    #expect(finding("C1", text)?.article == "9")
  }

  /// Without a vendor security article, C1 goes to the institution's own duties rather than to what
  /// it prepares for the service.
  @Test func c1PrefersTheInstitutionsDutiesOverItsPreparations() {
    let text =
      Self.opening + """
        第6条（甲の準備）
        甲は、送信用の端末及び通信回線を自らの負担で準備する。

        第7条（甲の責任）
        甲は、端末の利用者を管理し、不正な利用を防ぐ措置を自らの判断で講じる。
        """
    #expect(finding("C1", text)?.article == "7")
  }

  // MARK: References

  /// 「前条と同様の手続により決定し」: the consultation led by the vendor in the previous article decides
  /// the security of what the institution provides too, although the word 協議 is not repeated.
  @Test func sameProcedureAsThePreviousArticle() {
    let text =
      Self.opening + """
        第4条（甲の安全対策）
        甲が講ずべき安全対策の内容は、乙が主導する協議により甲乙で決定し、甲がこれを実施する。

        第5条（甲の提供物）
        １　甲は、本サービスに必要な端末及び通信回線を提供する。
        ２　前項の提供物に係るセキュリティ対策は、前条と同様の手続により決定し、甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    // Without the reference, nothing decides it.
    let alone = text.replacingOccurrences(of: "前条と同様の手続により決定し、", with: "")
    #expect(element("C2.provided-security", alone) != .met)
  }

  /// Checking how the subcontractor carries out the same level of measures is supervising it.
  @Test func checkingTheSubcontractorIsSupervising() {
    let text = Self.subcontracting("").replacingOccurrences(
      of: "同等の義務を課し、これを監督する。", with: "同水準の措置を義務付け、定期的にその実施状況を確認する。")
    #expect(element("B2.equal-duties", text) == .met)
  }

  // MARK: Liability

  /// 「責任の総額は…を上限とする」 caps liability although it does not say 損害 or 賠償.
  @Test func capOnTotalLiabilityIsALimitation() {
    let text =
      Self.opening + """
        第10条（責任）
        乙の本契約に関する責任の総額は、直近12か月の委託料の総額を上限とする。
        """
    #expect(element("D1.limitation", text) == .met)
    #expect(finding("D1", text)?.article == "10")
  }

  /// 「…安全管理を行わなかったことにより生じた損害には適用しない」 ties the cap to the vendor's efforts.
  @Test func capNotApplyingWhereEffortsWereNotMadeIsTheEffortsCondition() {
    let text =
      Self.opening + """
        第8条（損害賠償）
        乙の賠償責任は、委託料の総額を上限とする。
        ２　前項の規定は、乙が2省ガイドラインに基づく安全管理を適切に行わなかったことにより生じた損害には適用しない。
        """
    #expect(element("D1.gl-efforts", text) == .met)
  }

  /// 「異議を述べないときは承諾したものとみなす」 asks for no consent: contradicted, even with 事前.
  @Test func deemedConsentToSubcontractingIsNoConsent() {
    let text = Self.subcontracting("").replacingOccurrences(
      of: "あらかじめ甲の書面による承諾を得なければならない。",
      with: "事前に委託先の名称を甲に通知し、甲が7日以内に異議を述べないときは、甲の承諾があったものとみなす。")
    #expect(element("B2.consent", text) == .contradicted)
    #expect(finding("B2", text) != nil)
  }

  // MARK: Names the contract gives the guideline

  static func carveOut(defining: String, using name: String) -> String {
    opening + """
      第3条（安全管理）
      乙は、\(defining)に基づき、本業務の安全管理措置を講じる。

      第9条（損害賠償）
      乙の賠償責任は、委託料の12か月分を上限とする。
      ２　乙が\(name)に沿って安全管理措置を講じることは乙の善管注意義務の内容をなし、前項の上限は、乙がその義務を果たしていた場合に限り適用する。
      """
  }

  /// 「…ガイドライン」（改定後のものを含む。以下「X」という。）: the gloss's own 。 does not end what X
  /// stands for, so X used in the damages article is the vendor guideline.
  @Test func aNameDefinedInsideAGlossIsTheGuideline() {
    let defined = Self.carveOut(
      defining: "総務省及び経済産業省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」（改定されたときは改定後のものをいう。以下「提供者GL」という。）",
      using: "提供者GL")
    #expect(element("D1.gl-efforts", defined) == .met)
    // The same gloss on the ministry's guideline for institutions names no vendor guideline.
    let other = Self.carveOut(
      defining: "厚生労働省の「医療情報システムの安全管理に関するガイドライン」（改定されたときは改定後のものをいう。以下「提供者GL」という。）",
      using: "提供者GL")
    #expect(element("D1.gl-efforts", other) != .met)
  }

  /// 「第3条第1項のガイドライン」 points at the guideline named there.
  @Test func theGuidelineOfAnotherArticleIsTheGuideline() {
    let text =
      Self.opening + """
        第3条（安全管理）
        乙は、経済産業省及び総務省のガイドライン（医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン）に従い、本業務の安全管理を行う。
        ２　乙は、保守作業の記録を5年間保存する。

        第9条（損害賠償）
        乙が第3条第1項のガイドラインに従って行う安全管理は、乙の善管注意義務の内容をなす。
        ２　乙の賠償責任は、委託料の12か月分を上限とする。ただし、乙が前項の安全管理を怠った場合は、この限りでない。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    let none = Self.carveOut(defining: "乙の定める社内規程", using: "社内規程")
    #expect(element("D1.gl-efforts", none) != .met)
  }

  /// 「本安全管理措置」とは、指定ガイドラインに基づき…講ずる措置をいう: the name carries both the
  /// guideline and that the work follows it, through the earlier defined 指定ガイドライン.
  @Test func aNameForGuidelineBasedMeasuresMeetsTheBasis() {
    func text(_ measures: String) -> String {
      Self.opening + """
        第1条（定義）
        本契約において、次の用語は次の意味で用いる。
        （1）「指定ガイドライン」とは、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」をいう。
        （2）「本安全管理措置」とは、\(measures)乙が本業務について講ずる安全管理措置をいう。

        第4条（安全管理）
        乙は、本業務について本安全管理措置を講ずる。
        """
    }
    #expect(element("A.gl-basis", text("指定ガイドラインに基づき")) == .met)
    #expect(element("A.gl-basis", text("乙の社内規程に基づき")) != .met)
  }

  /// A negated consent of the other party (「甲が乙の同意を得ずに変更した設定」 in an exemption) says
  /// nothing of the institution's approval of the vendor's changes; the institution's own negated
  /// approval does.
  @Test func theVendorsWithheldConsentDoesNotContradictTheInstitutionsApproval() {
    func text(_ exemption: String) -> String {
      Self.opening + """
        第12条（体制等の変更）
        乙は、保守の実施体制、作業拠点又は使用する機器の変更であって甲の安全管理に影響するものを行うときは、その60日前までに甲に知らせ、甲の承認を受ける。

        第20条（免責）
        \(exemption)
        """
    }
    let vendorsConsent = text("乙は、甲が乙の同意を得ずに変更した本システムの設定に起因する障害について、責任を負わない。")
    #expect(element("B1.approval", vendorsConsent) == .met)
    #expect(finding("B1", vendorsConsent) == nil)
    let institutionsApproval = text("前条までの規定にかかわらず、乙は、軽微なものに限らず、作業拠点の変更を甲の承認を要せずに行うことができる。")
    #expect(element("B1.approval", institutionsApproval) == .contradicted)
  }

  /// Information the vendor provides is no provided thing: a paragraph on the institution's own
  /// terminals and network (C1) that says 「乙が情報を提供した上で」 does not settle the security of
  /// what the institution provides for the work (C2); the same words about 提供物 do.
  @Test func informationProvidedIsNoProvidedThing() {
    func text(_ security: String) -> String {
      Self.opening + """
        第3条（院内の対策）
        甲が管理する端末及び院内ネットワークの安全管理措置は、乙が主導して必要な情報を提供した上で、甲乙協議して具体的な内容を定め、甲が実施する。

        第6条（甲の協力）
        甲は、保守に必要な電源、通信回線及びリモート保守用の機器を自らの責任で乙に提供する。
        \(security)
        """
    }
    let onlyOwnPart = text("")
    #expect(element("C2.provided-security", onlyOwnPart) != .met)
    #expect(finding("C2", onlyOwnPart) != nil)
    let provided = text("２　前項の提供物のセキュリティ対策は、乙が必要な情報を提供した上で主導して甲と協議し、その結果に基づき甲が実施する。")
    #expect(element("C2.provided-security", provided) == .met)
    #expect(finding("C2", provided) == nil)
  }

  /// 「お客様が用意する前項の環境のセキュリティ対策」 is about what the customer provides (C2); it
  /// does not settle the customer's own security measures (C1).
  @Test func theProvidedEnvironmentIsNotTheInstitutionsOwnPart() {
    let text = """
      クラウド型予約管理サービス利用規約

      1. 適用
      1.1 本規約は、当社が提供する本サービスの利用について、当社とお客様との間に適用されます。

      2. 利用環境
      2.1 お客様は、本サービスの利用に必要な端末及び通信回線を自らの負担で用意します。
      2.2 お客様が用意する前項の環境のセキュリティ対策は、当社が提示する対策例をもとに当社が主導する協議を経て定め、お客様が実施します。
      """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C1.vendor-led", text) != .met)
    #expect(finding("C1", text) != nil)
  }

  /// 「当社が進める協議」 is a consultation the vendor leads; one the customer runs is not.
  @Test func whoRunsTheConsultationLeadsIt() {
    func text(_ who: String) -> String {
      """
      オンライン問診サービス利用規約

      第1条（適用）
      本規約は、当社が提供する本サービスの利用について、当社とお客様との間に適用されます。

      第4条（お客様側の対策）
      お客様の管理する端末及び院内ネットワークにおけるセキュリティ対策は、\(who)が進める協議により具体的な内容を定め、お客様が実施します。
      """
    }
    #expect(element("C1.vendor-led", text("当社")) == .met)
    #expect(element("C1.vendor-led", text("お客様")) != .met)
  }

  /// Other ways a vendor leads the consultation on the institution's part: it chairs it, drafts the
  /// measures, guides the institution through them, or submits the draft. The institution drafting
  /// its own, or the vendor only showing what it does itself, is not the vendor leading.
  @Test(arguments: [
    ("乙は、甲が実施すべきセキュリティ対策について協議の場を設けてこれを主宰し、そこで定めた事項を甲が実施する。", true),
    // The vendor shows the institution a guide (「手引を甲に示し」): 甲 receives it, 乙 leads.
    ("乙は、甲の端末に関するセキュリティ対策の手引を甲に示し、甲と協議して、甲が実施すべき事項を取り決める。", true),
    ("甲が管理する端末のセキュリティ対策の具体的内容は、乙が原案を作成し、甲乙の協議で確定し、甲が実施する。", true),
    ("乙は、甲の実施すべき情報セキュリティ対策を甲に案内し、甲と協議して決める。甲は決めた対策を実施する。", true),
    ("乙は、甲が講じるべきセキュリティ対策の案を甲に出し、これをもとに甲と協議して定める。甲はこれを実施する。", true),
    ("甲は、自ら講じるべきセキュリティ対策の原案を作成し、乙と協議して定め、これを実施する。", false),
    // Security under another name: 保護策.
    ("甲の管理下にある端末及び利用者アカウントの保護策は、乙が主導して甲と協議のうえ決め、甲が実施する。", true),
  ])
  func otherWaysTheVendorLeads(clause: String, vendorLeads: Bool) {
    let text = Self.opening + "第5条（甲の対策）\n" + clause
    #expect((element("C1.vendor-led", text) == .met) == vendorLeads)
  }

  /// A month's notice of changed terms of use (「変更後の規約の内容…を1か月前までに掲示」) is no
  /// notice of a change in the service: B1 stays raised, at the article on changing the service.
  @Test func noticeOfChangedTermsIsNoServiceChangeNotice() {
    let text = """
      クラウド検査結果閲覧サービス利用規約

      1. 適用
      本規約は、当社が提供する本サービスの利用について、当社と利用者との間に適用されます。

      2. 利用料金
      利用者は、当社が定める利用料金を毎月支払います。

      3. サービスの変更
      当社は、利用者に知らせることなく、本サービスの仕様又は提供体制を変更することがあります。

      4. 本規約の変更
      当社は、本規約を変更することがあります。この場合、当社は、変更後の規約の内容と効力発生日を、効力発生日の1か月前までに当社のウェブサイトで知らせます。
      """
    #expect(element("B1.period", text) != .met)
    let f = finding("B1", text)
    #expect(f?.article == "3")
  }

  /// 「原契約に次の1条を加える。」 quotes the new article: it is the text of the 覚書's article, not an
  /// article 第21条 of the 覚書, so the finding goes to 覚書第1条.
  @Test func anArticleQuotedByAMemorandumIsItsText() {
    let text =
      Self.opening + """
        第1条（業務）
        乙は、甲の医療情報システムの保守を行う。

        第2条（契約の変更）
        本契約の変更は、甲乙が記名押印した書面によってのみ行う。

        覚書

        甲と乙は、保守契約（以下「原契約」という。）について、次のとおり合意する。

        第1条（変更の通知）
        原契約に次の1条を加える。
        （変更の通知）
        第21条　乙は、保守の実施体制又は使用機器の変更で甲の安全管理に影響するものを行うときは、その30日前までに甲に書面で通知する。

        第2条（その他）
        本覚書に定めのない事項は、原契約による。
        """
    let contract = ContractParser.parse(SourceText(text: text))
    let memo = contract.articles.filter { $0.part == "覚書" }.map(\.number)
    #expect(memo == ["1", "2"])
    let f = finding("B1", text)
    #expect(f?.article == "覚書:1")
    #expect(element("B1.notice", text) == .met)
  }

  /// With no security article, A belongs to what the contract covers (「契約の対象」), not to an
  /// article that only asks for care with lent materials (善良な管理者の注意).
  @Test func guidelineBasisGoesToWhatTheContractCovers() {
    let text =
      Self.opening + """
        第3条（契約の対象）
        乙は、別紙仕様書に定める医療機器及びその付属ソフトウェアを甲に納入し、甲はその代金を支払う。

        第9条（資料の管理）
        乙は、甲から借り受けた資料を善良な管理者の注意をもって管理し、作業の終了後に返還する。
        """
    #expect(finding("A", text)?.article == "3")
  }

  // MARK: Sixth round (dev5 and dev6 hold-outs)

  /// Section numbering (「2.1 乙は、…」): the paragraph number before the sentence's topic does not
  /// hide who proposes the measures; and a paragraph settling 「2.1の各対策」 is led by whoever
  /// proposed them there.
  @Test func aProposalUnderASectionNumberIsLed() {
    let text = """
      検査システム運用委託仕様書

      医療法人しおさい会（以下「甲」という。）と株式会社しおさいシステム（以下「乙」という。）は、次のとおり合意する。

      1. 目的
      1.1 乙は、甲の検査システムの運用を行う。

      2. 協議
      2.1 乙は、四半期ごとの連絡会において、甲が管理する端末について甲が講じるべき安全対策を、具体案として示す。
      2.2 2.1の各対策は、連絡会での甲乙の協議で確定し、甲がこれを実施する。
      """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let unnumbered = text.replacingOccurrences(of: "2.1 乙は、四半期ごとの連絡会において、", with: "2.1 甲は、四半期ごとの連絡会において、")
    #expect(element("C1.vendor-led", unnumbered) != .met)
  }

  /// Measures the institution takes 「院内で」 are its own part, whose split the vendor drafts here.
  @Test func measuresTakenInTheHospitalAreTheInstitutionsPart() {
    let text =
      Self.opening + """
        第6条（運用準備）
        乙は、稼働後に甲が院内で行う安全対策（アカウント管理、端末の更新手順等）について計画書の案を作成し、甲との打合せを主催して、甲と合意のうえ計画書を確定する。甲は、確定した計画書に従い対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// 「作業員の遵守事項」 is a site rule, not the vendor's security duties: A goes to the article on
  /// the work the contract covers.
  @Test func workersSiteRulesAreNotTheVendorsDuties() {
    let text =
      Self.opening + """
        第2条（委託業務）
        甲は、乙に対し、次の各号に掲げる業務を委託する。
        （1）検査システムの調達及び設定
        （2）操作研修

        第9条（作業員の遵守事項）
        乙の作業員は、甲の施設内で作業するときは、甲の定める院内規則及び防災上の指示に従う。
        """
    #expect(finding("A", text)?.article == "2")
  }

  /// Subcontracting on the vendor's own judgement, on a mere notice, with consent waived in the next
  /// sentence, or approved only after the work has begun, is the opposite of prior consent.
  @Test(arguments: [
    "乙は、本業務の一部を、乙の判断により第三者に再委託することができる。",
    "乙は、再委託先の名称を甲に通知することにより、本業務の一部を再委託することができる。",
    "乙は、本業務の一部を第三者に再委託することができる。この場合において、甲の承諾は要しない。",
    "乙は、本業務の一部を外部の事業者に行わせることができる。この場合、乙は、業務開始後遅滞なく甲に通知し、甲の承認を得る。",
  ])
  func subcontractingWithoutPriorConsentIsContradicted(clause: String) {
    let text = Self.opening + "第5条（再委託）\n" + clause
    #expect(element("B2.consent", text) == .contradicted)
  }

  /// A 「この場合」 sentence after a change notice that names 再委託先 waives approval of the change,
  /// not consent to subcontracting, which another article requires.
  @Test func approvalWaivedForAChangeIsNotConsentWaived() {
    let text =
      Self.opening + """
        第5条（再委託）
        乙は、甲の事前の書面による承諾を得た場合に限り、本業務の一部を再委託することができる。

        第8条（変更の通知）
        乙は、業務の実施体制又は再委託先を変更するときは、その30日前までに甲に通知する。この場合において、当該変更について甲の承認は要しない。
        """
    #expect(element("B2.consent", text) == .met)
  }

  /// A 覚書 article that adds the guideline to another article (「安全管理の基準」) is not where the
  /// split of the institution's own measures belongs: with nothing written anywhere, C1 goes to the
  /// contract's article on what the institution does.
  @Test func aMemorandumsAddedParagraphDoesNotTakeTheFinding() {
    let text =
      Self.opening + """
        第1条（保守の範囲）
        乙は、甲の画像システムの障害復旧及び定期点検を行う。

        第3条（甲の協力）
        甲は、保守作業に必要な電源及び作業場所を用意する。

        覚書

        甲と乙は、上記の保守契約（以下「原契約」という。）について、次のとおり合意する。

        第1条（安全管理の基準）
        原契約第1条に次の一項を加える。「２　乙は、保守に係る安全管理を、提供事業者における安全管理ガイドラインに従って行う。」
        """
    let f = finding("C1", text)
    #expect(f?.article == "3")
  }

  /// Parties called 「病院」 and 「会社」: 「協力会社」 is a subcontractor, not the vendor inside a
  /// longer word; consent 「担当させる前に」 is prior consent; the vendor who sets up the consultation
  /// and runs it (「協議の場を設けてこれを進行し」) leads it.
  @Test func aSubcontractorNamedWithTheVendorsLabelInside() {
    let text = """
      看護システム運用保守契約書

      架空市立あさひ病院（以下「病院」という。）と株式会社ケアデータ（以下「会社」という。）は、次のとおり契約を締結する。

      第1条（業務）
      会社は、病院の看護システムの運用保守を行う。

      第4条（病院の対策）
      会社は、病院の院内で講じられるべき安全対策を一覧にして病院に提示する。
      ２　会社は、前項の一覧について病院との協議の場を設けてこれを進行し、病院が実施する対策を両者で確定する。

      第6条（協力会社）
      会社は、業務の一部を協力会社に担当させるときは、担当させる前に書面で病院の承諾を受ける。
      ２　会社は、協力会社に対し、会社が負う義務と同等の安全管理上の義務を課し、これを監督する。
      ３　協力会社の故意又は過失は、会社の責めに帰すべき事由とみなす。
      """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// A name defined for 「次に掲げるもの」 the institution provides stands for the items listed
  /// below the sentence: its security agreed in a vendor-led consultation meets C2.
  @Test func aNameForListedItemsIsAProvidedThing() {
    func text(_ items: String) -> String {
      Self.opening + """
        第3条（接続のための準備）
        甲は、次に掲げるもの（以下「接続一式」という。）を自らの費用で用意する。
        \(items)

        第4条（甲側の対策）
        乙は、接続一式のセキュリティ対策について対策案を提示して協議を主導し、甲と協議の上で定め、甲がこれを実施する。
        """
    }
    #expect(element("C2.provided-security", text("（１）院内の端末\n（２）インターネット回線")) == .met)
    #expect(element("C2.vendor-led", text("（１）院内の端末\n（２）インターネット回線")) == .met)
    // The same name for a list of documents is no provided thing.
    #expect(element("C2.provided-security", text("（１）利用申請書\n（２）担当者名簿")) != .met)
  }

  /// A definitions list quoting its term and giving the meaning after a space
  /// (「（２）「事業者基準」　…ガイドライン」) defines the guideline; a ban on disclosing secrets without
  /// consent, with a proviso for subcontractors, neither denies consent to subcontracting nor approval
  /// of changes; 「自身が負うのと同じ義務」 is an equal duty; 「逸失利益もその対象とし」 includes lost
  /// profits.
  @Test func aListedQuotedTermAndOtherBusyOfficeWordings() {
    let text =
      Self.opening + """
        第1条（用語）
        本契約で用いる用語の意味は、次のとおりとする。
        （１）「本サービス」　乙が甲の診療データを遠隔地で保管するサービス
        （２）「事業者基準」　経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」

        第2条（安全管理）
        本サービスに係る安全管理は、事業者基準に則して乙が行う。

        第5条（業務の一部を行わせる者）
        乙は、本サービスの業務の一部を他の者に行わせようとするときは、事前に甲の書面による承諾を得なければならない。
        ２　乙は、前項の者に対し、乙自身が負うのと同じ安全管理の義務を負わせ、これを監督する。
        ３　第1項の者の行為は、乙の行為とみなす。

        第6条（変更）
        乙は、本サービスの内容を変更しようとする場合で甲の安全管理に影響するものは、30日前までに甲に通知し、甲の承認を得る。

        第7条（損害賠償）
        乙の賠償額は月額費用の12か月分を限度とする。ただし、乙の故意若しくは重大な過失による損害又は乙が事業者基準に基づく安全管理を尽くさなかったことによる損害には適用しない。
        ２　前項の安全管理が尽くされなかったことによる損害の賠償は、逸失利益もその対象とする。

        第9条（秘密保持）
        甲及び乙は、相手方の秘密を、相手方の書面による承諾なく第三者に開示してはならない。ただし、第5条により業務の一部を行わせる者に必要な範囲で開示する場合はこの限りでない。
        """
    #expect(element("A.gl-basis", text) == .met)
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B1.approval", text) == .met)
    #expect(element("D1.deficient-compensable", text) == .met)
  }

  /// Parties named in a cover table (「│当院│医療法人…│」「│貴社│…株式会社│」) are the parties: the
  /// clauses that name 貴社 are the vendor's. 「委託先の作為は、貴社自身の作為として扱う」 attributes
  /// the subcontractor's conduct; 「1.(5)のガイドライン」 is the guideline of that item.
  @Test func partiesInACoverTable() {
    let text = """
      保守サービス条件書

      ┌──────┬────────────────┐
      │当院　　│医療法人架空腎クリニック　　　│
      │貴社　　│架空メディカルテック株式会社　│
      │契約期間│令和8年7月1日から2年間　　　　│
      └──────┴────────────────┘

      1. サービス内容
      (1) 障害対応：24時間受付
      (2) 安全管理：貴社は、本サービスに関する安全管理を、提供事業者における安全管理ガイドラインに基づき実施する。

      2. 再委託
      (1) 貴社は、当院の事前の書面による承諾を得ない限り、本サービスを第三者に委託しない。
      (2) 貴社は委託先に対し、貴社が負う安全管理義務と同等の義務を課し、委託先を監督する。
      (3) 委託先の作為・不作為は、貴社自身の作為・不作為として扱う。

      3. 損害賠償
      (1) 貴社の賠償額は、保守料金12か月分を限度とする。
      (2) 前号の限度は、貴社に故意又は重過失がある場合には適用しない。
      (3) (1)の限度は、貴社が1.(2)のガイドラインに基づく安全管理を尽くしていた場合に限り適用する。それを怠ったことによる損害は、逸失利益も含めて貴社が賠償する。
      """
    let contract = ContractParser.parse(SourceText(text: text))
    #expect(contract.parties.first { $0.label == "貴社" }?.role == .vendor)
    #expect(element("A.gl-basis", text) == .met)
    #expect(element("B2.attribution", text) == .met)
    #expect(element("D1.gl-efforts", text) == .met)
  }

  /// pdftotext breaks lines inside a definition (「…提供事業者における\n安全管理ガイドライン」（以下
  /// 「事業者GL」という。）): the name still stands for the guideline. A definitions list whose items
  /// end without 。 keeps each item's meaning to itself.
  @Test func aDefinitionBrokenAcrossLines() {
    let broken =
      Self.opening + """
        第3条（安全管理）
        乙は、本件作業に係る安全管理措置を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における
        安全管理ガイドライン」（以下「事業者GL」という。）に基づいて講じる。

        第9条（損害賠償）
        乙の賠償額は代金の総額を上限とする。
        ２　前項の上限は、乙に故意又は重過失がある場合には適用しない。
        ３　乙は、事業者GLに基づくセキュリティ対策を善良な管理者の注意義務として実施し、第1項の上限は、乙がこれを実施していた場合に限り適用する。
        """
    #expect(element("D1.gl-efforts", broken) == .met)
    let list =
      Self.opening + """
        第2条（定義）
        本契約において、次の用語は以下の意味を有する。
        （1）「指定ソフトウェア」：乙が使用を指定したソフトウェア
        （2）「事業者GL」：提供事業者における安全管理ガイドライン

        第9条（損害賠償）
        乙の賠償額は代金の総額を上限とする。
        ２　前項の上限は、乙に故意又は重過失がある場合には適用しない。
        ３　前項は、指定ソフトウェアに脆弱性が判明した場合に、乙が対策を実施していることを条件とする。
        """
    #expect(element("D1.gl-efforts", list) != .met)
  }

  /// Inside a 覚書, 「覚書第1条」 names the 覚書's own article, and 「第1条の2」 the article a 覚書
  /// article inserts into the contract: the guideline they carry conditions the cap.
  @Test(arguments: ["覚書第1条", "第1条の2"])
  func referencesInsideAMemorandum(reference: String) {
    let text =
      Self.opening + """
        第1条（業務）
        乙は、甲の医療情報システムの保守を行う。

        第8条（損害賠償）
        乙の賠償額は委託料の6か月分を上限とする。

        覚書

        甲及び乙は、上記の契約（以下「原契約」という。）について、次のとおり合意する。

        第1条（安全管理の基準）
        原契約に次の条を加える。
        「第1条の2（安全管理）　乙は、本業務の安全管理を、提供事業者における安全管理ガイドラインに基づいて実施する。」

        第2条（損害賠償の変更）
        原契約第8条に次の2項を加える。
        「2　前項の上限は、乙に故意又は重過失があるときは適用しない。
        3　乙は、\(reference)の安全管理を善管注意義務として尽くすものとし、前項の上限は当該義務が尽くされた場合に限り適用する。」
        """
    #expect(element("D1.gl-efforts", text) == .met)
  }

  /// 「前項にかかわらず、いかなる場合においても…上限額を超えないものとし、逸失利益は賠償の対象と
  /// しない」 reaches the carve-outs of 前項 only to set them aside: the carve-outs are contradicted, never
  /// met through that sentence.
  @Test func anOverrideDoesNotMeetWhatItSetsAside() {
    let text =
      Self.opening + """
        第1条（業務）
        乙は、甲の医療情報システムの保守を行う。

        第17条（損害賠償）
        乙は、乙の責めに帰すべき事由により甲に損害を生じさせたときは、その損害を賠償する。ただし、賠償の額は直近12か月分の保守料を上限とする。
        ２　前項ただし書の規定は、乙に故意又は重大な過失がある場合には適用しない。この場合において、乙の安全管理の不備により生じた損害は、逸失利益を含め乙が賠償する。
        ３　前項にかかわらず、いかなる場合においても、乙が賠償する額は第1項ただし書の上限額を超えないものとし、逸失利益は賠償の対象としない。
        """
    #expect(element("D1.wilful-gross", text) == .contradicted)
    #expect(element("D1.deficient-compensable", text) != .met)
  }

  /// A definitions list that quotes 「本件業務」 with a meaning mentioning subcontracting does not make
  /// every use of 「本件業務」 a subcontracting: a change of the work needing no approval says nothing
  /// of consent to subcontract, which another article requires.
  @Test func aListedTermIsReadForTheGuidelineOnly() {
    let text =
      Self.opening + """
        第1条（定義）
        本契約で用いる用語の意味は、次のとおりとする。
        （１）「本件業務」　甲が乙に委託する保守業務（乙が第三者に再委託する部分を含む。）
        （２）「事業者基準」　提供事業者における安全管理ガイドライン

        第2条（安全管理）
        乙は、本件業務の安全管理を、事業者基準に則して行う。

        第5条（再委託）
        乙は、甲の事前の書面による承諾を得て、本件業務の一部を第三者に再委託することができる。

        第8条（作業日程）
        乙は、本件業務の作業日程を甲に通知して調整し、その調整には甲の承諾を要しない。
        """
    #expect(element("A.gl-basis", text) == .met)
    #expect(element("B2.consent", text) == .met)
  }

  /// What the institution lets the vendor use free of charge (「次に掲げるものを乙に無償で使用させ
  /// る」) is provided; 「前項各号に掲げるもの」 and 「前項の準備事項」 refer to it; a name defined as
  /// 「「提供設備」とは、…甲が用意する設備をいう」 stands for it.
  @Test(arguments: [
    ("甲は、次に掲げるものを乙に無償で使用させる。\n一　サーバ室の設置場所\n二　電源設備", "前項各号に掲げるもの"),
    ("甲は、サーバ室の設置場所、電源及び回線を準備する。", "前項の準備事項"),
  ])
  func provisionsReferredToInOtherWords(provision: String, reference: String) {
    let text =
      Self.opening + """
        第5条（甲の提供するもの）
        \(provision)
        ２　\(reference)に係るセキュリティ対策は、乙が主体となって対策案を示し、甲と協議の上で定め、甲が実施する。
        """
    #expect(element("C2.provides", text) == .met)
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
  }

  @Test func aNameDefinedWithToHaForWhatTheInstitutionProvides() {
    let text =
      Self.opening + """
        第2条（定義）
        この契約において「提供設備」とは、第6条第1項により甲が用意
        する設備をいう。

        第6条（甲の準備）
        甲は、店舗の電源、配線及びインターネット回線を用意する。
        ２　提供設備のセキュリティ対策は、乙が協議を主導し、甲と乙の協議によって定め、甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
  }

  /// Security management 「…ガイドラインを基本として行う」 or 「…ガイドラインが事業者に求める安全管理を
  /// 実施する」 is based on the guideline; 「本業務を行わせる者」 is a subcontractor.
  @Test(arguments: [
    "乙は、本業務に関する安全管理を、提供事業者における安全管理ガイドラインを基本として行う。",
    "乙は、本業務に関し、提供事業者における安全管理ガイドラインが事業者に求める安全管理を実施する。",
  ])
  func guidelineBasisInOtherWords(clause: String) {
    #expect(element("A.gl-basis", Self.opening + "第3条（安全管理）\n" + clause) == .met)
  }

  @Test func whoeverTheVendorHasDoTheWorkIsASubcontractor() {
    let text =
      Self.opening + """
        第5条（業務の外部委託）
        乙は、本業務の一部を他の者に行わせようとするときは、事前に甲の書面による承諾を受けなければならない。
        ２　乙は、本業務を行わせる者に対し、乙が負う安全管理の義務と同等の義務を課し、その履行状況を監督する。
        ３　乙が本業務を行わせた者の故意又は過失による行為は、乙の行為として、乙が甲に対して責任を負う。
        """
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
  }

  /// Damages 「逸失利益を含め」 compensated in full limit nothing: D1 does not apply. A cap to 「通常生ずべき
  /// 損害に限り」 is a limitation.
  @Test func fullDamagesAreNoLimitation() {
    let full = Self.opening + "第10条（損害賠償）\n乙の責めに帰すべき事由により甲に損害が生じたときは、乙は、逸失利益を含め、その損害を賠償する。"
    #expect(finding("D1", full) == nil)
    let usual = Self.opening + "第10条（損害賠償）\n乙は、本業務に関し甲に損害を与えたときは、通常生ずべき損害に限り、これを賠償する。"
    #expect(finding("D1", usual) != nil)
  }

  /// A party called 「センター」 opening the line after an article heading written without brackets
  /// (「第6条　利用機関における運用上の対策」) is the party, not part of a word with the heading's last
  /// kanji: it leads the consultation it runs.
  @Test func aLabelAfterAHeadingLineIsTheParty() {
    let text = """
      共同利用型データセンター利用契約書

      株式会社架空県医療情報センター（以下「センター」という。）と架空県立架空西病院（以下「利用機関」という。）は、次のとおり契約を締結する。

      第1条　目的
      センターは、利用機関にデータセンターを提供する。

      第6条　利用機関における運用上の対策
      センターは、利用機関の側で必要なセキュリティ対策について、自ら原案を作成して利用機関との協議を進め、両者の合意により具体的な対策を決める。利用機関は、決めた対策を実施する。
      """
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// An annex of numbered items with bracketed headings (「3（発注者側の対策）　受注者は、…」): the
  /// item's subject leads what it says it leads.
  @Test func anAnnexItemWithABracketedHeading() {
    let text =
      Self.opening + """
        第1条（業務）
        乙は、甲の検査システムの保守を行う。

        第14条（特記事項）
        本契約には、別添の特記事項を適用する。

        特記事項（情報セキュリティ）

        1（安全管理の基準）　乙は、本業務の安全管理を提供事業者における安全管理ガイドラインに基づき実施する。

        3（甲側の対策）　乙は、甲が講ずべきセキュリティ対策（端末の利用者管理等）について、定期点検の際に協議を主導して具体的な内容を甲と決め、甲がこれを実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// 「前項の準備物」 is the institution's provided items (C2), not its own part (C1); the institution's
  /// part described as what it 「…運用するうえで担う安全対策」 is its own.
  @Test func preparedItemsAndThePartTheInstitutionBears() {
    let text =
      Self.opening + """
        第3条（甲の対策）
        甲が本システムを運用するうえで担う安全対策は、乙が具体案を示し、乙の進行する協議において甲と取り決める。甲は取り決めた対策を実施する。

        第4条（甲の準備）
        甲は、保守業務に必要な電源及びリモート保守用の回線を準備する。
        ２　前項の準備物に関する情報セキュリティ上の措置は、乙が必要な措置の内容を説明した上で甲との協議を主導し、甲が協議の結果に従って講じる。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    let withoutOwnPart = text.replacingOccurrences(
      of: "甲が本システムを運用するうえで担う安全対策は、乙が具体案を示し、乙の進行する協議において甲と取り決める。甲は取り決めた対策を実施する。",
      with: "甲は、本システムを善良な管理者の注意をもって使用する。")
    #expect(element("C1.vendor-led", withoutOwnPart) != .met)
  }

  /// A 覚書 adds a paragraph to the contract's 第5条 whose 「第1項の回線…」 means 第5条第1項: the
  /// provided items' security it agrees is C2's, and it does not meet C1.
  @Test func aParagraphAddedByAMemorandumReadsItsArticlesParagraphs() {
    let text =
      Self.opening + """
        第1条（業務）
        乙は、甲のサーバをホスティングする。

        第5条（甲の協力）
        甲は、インターネット回線、VPNルータ及びその設置場所と電源を用意する。
        ２　甲は、障害対応に必要な情報を提供する。

        覚　書

        甲と乙は、上記の契約（以下「原契約」という。）の一部を、次のとおり変更する。

        第5条（甲の用意する設備のセキュリティ）
        原契約第5条に次の1項を加える。
        「3　第1項の回線、VPNルータ、設置場所及び電源に関するセキュリティ対策は、乙が必要な対策を示して主導する協議に基づき、甲が実施する。」
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(element("C1.vendor-led", text) != .met)
  }

  /// Two paragraphs a 覚書 quotes in one 「…」 are two sentences: the second, on the institution's own
  /// part, is not read together with the first, on the items it provides.
  @Test func quotedParagraphsAreSentencesOfTheirOwn() {
    let text =
      Self.opening + """
        第1条（業務）
        乙は、甲のオーダリングシステムの保守を行う。

        第3条（甲の協力）
        甲は、作業場所及び電源を乙に提供する。

        覚書

        甲と乙は、上記の契約（以下「原契約」という。）について、次のとおり合意する。

        第2条（協力事項の追加）
        原契約第3条に次の2項を加える。
        「2　前項により甲が提供するものの情報セキュリティ対策は、乙が主導する甲との協議に基づき、甲が実施する。
        3　本システムを利用する甲側で講じるべきセキュリティ対策については、乙が協議を主導して甲と具体的内容を取り決め、甲がこれを実施する。」
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
  }

  /// An article headed 「乙の業務」 is the scope of the vendor's work: a guideline basis missing there
  /// goes to it, not to 「missing」.
  @Test func theVendorsWorkIsItsScope() {
    let text =
      Self.opening + """
        第2条（乙の業務）
        乙は、訪問診療用タブレットの調達、設定及び操作研修を行う。
        ２　乙は、関係法令及び医療情報に関する各種ガイドラインを遵守して業務を行う。

        第3条（代金）
        甲は、代金を検収後30日以内に支払う。
        """
    #expect(finding("A", text)?.article == "2")
  }

  /// 「前項のものに関するセキュリティ対策は、甲が主導して…」 is about what the institution provides
  /// (C2): C1 belongs to the article on the institution's own part.
  @Test func whatTheInstitutionProvidesIsNotItsOwnPart() {
    let text =
      Self.opening + """
        第4条（甲の提供するもの）
        甲は、電源、リモート保守用の回線及び作業場所を乙に提供する。
        ２　前項のものに関するセキュリティ対策は、甲が主導して乙と協議を行い、甲が実施する。

        第5条（甲の体制）
        甲は、管理責任者を置き、乙に通知する。
        ２　甲の職員による本システムの利用に関するセキュリティ対策については、甲が案を作成して乙と協議し、甲が決定する。
        """
    #expect(finding("C1", text)?.article == "5")
  }

  /// Security management 「別紙「安全管理特記事項」に定めるところにより行う」 is what that annex says:
  /// a cap conditioned on 「第3条第1項の安全管理」 reaches the guideline in it. A mere mention of the
  /// annexed specification (「別紙仕様書に基づき検査を行う」) reads nothing of it.
  @Test func anAnnexNamedByItsTitle() {
    let text =
      Self.opening + """
        第3条（運用の基本原則）
        乙は、運用業務に関する安全管理を、別紙「安全管理特記事項」に定めるところにより行う。

        第11条（損害賠償）
        乙の賠償額は、料金の12か月分を限度とする。
        ２　乙に故意又は重大な過失があるとき、及び乙が第3条第1項の安全管理を善良な管理者の注意をもって行わなかったときは、前項の限度を適用しない。

        別紙　安全管理特記事項

        １　乙は、運用業務に係る安全管理を、提供事業者における安全管理ガイドラインに基づいて実施する。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    let mention = text.replacingOccurrences(
      of: "別紙「安全管理特記事項」に定めるところにより行う", with: "別紙仕様書に基づき適切に行う")
    #expect(element("D1.gl-efforts", mention) != .met)
  }

  /// A 覚書 that calls the terms 「規約」 and adds a paragraph 「規約第9条に次の1項を加えたものとして適用する」
  /// adds it to that article: a cap conditioned on 「第9条の安全管理」 reaches the guideline it adds.
  @Test func aMemorandumNamingTheTermsByItsOwnWord() {
    let text = """
      みなと地域連携ネット利用規約

      第1条（目的）
      この規約は、みなと医療連携協議会（以下「協議会」という。）が参加する医療機関（以下「参加施設」という。）に提供する連携ネットの利用について定める。

      第6条（賠償）
      協議会の賠償額は、参加施設が支払った年会費の額を上限とする。
      ２　前項の上限は、協議会に故意又は重過失があるとき、及び協議会が第9条の安全管理を適切に行わなかったときは適用しない。

      第9条（安全管理）
      協議会は、連携ネットの運用に当たり、適切な安全管理措置を講ずる。

      覚書

      協議会と参加施設であるみなと東クリニック（以下「参加施設」という。）は、みなと地域連携ネット利用規約（以下「規約」という。）について、次のとおり合意する。

      第1条（安全管理の基準）
      規約第9条に次の1項を加えたものとして適用する。
      「2　協議会は、連携ネットの安全管理を、提供事業者における安全管理ガイドラインに従って行う。」
      """
    #expect(element("D1.gl-efforts", text) == .met)
    let unamended = text.replacingOccurrences(of: "規約第9条に", with: "規約第10条に")
    #expect(element("D1.gl-efforts", unamended) != .met)
  }

  /// The company the vendor commissions to run the service (「協議会が株式会社X（以下「運用会社」という。）に
  /// 委託して行う」) is its subcontractor under that name: consent, equal duties and attribution written of
  /// 「運用会社」 meet B2. A company the institution commissions is none.
  @Test func aCompanyTheVendorCommissionsIsItsSubcontractor() {
    let text = """
      みなと地域連携ネット利用規約

      第1条（目的）
      この規約は、みなと医療連携協議会（以下「協議会」という。）が参加する医療機関（以下「参加施設」という。）に提供する連携ネットの利用について定める。連携ネットの運用は、協議会が株式会社ミナトネットワークス（以下「運用会社」という。）に委託して行う。

      第7条（運用会社）
      協議会は、運用会社を変更するときは、あらかじめ参加施設の承諾を得る。
      ２　協議会は、運用会社に対し、協議会がこの規約により負う安全管理の義務と同等の義務を課し、監督する。
      ３　運用会社の行為は、協議会の行為とみなす。
      """
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
    let theirs = text.replacingOccurrences(of: "協議会が株式会社ミナト", with: "参加施設が株式会社ミナト")
    #expect(element("B2.attribution", theirs) != .met)
  }

  /// 「前二条の例による」 follows the two articles before: the vendor-led consultation they set up covers
  /// the provided things too. 「前条の例による」 reaches only the article before, which leads nothing.
  @Test func theExampleOfTheTwoArticlesBefore() {
    let text =
      Self.opening + """
        第8条（説明）
        乙は、毎年、甲において講ずべき安全対策について点検表を作成し、甲に説明する。

        第9条（対策の決定）
        甲が講ずる安全対策の具体的な内容は、前条の説明を踏まえ、乙が甲に協議を申し入れて定めるものとし、甲はこれを実施する。

        第10条（甲が用意する機器）
        甲は、本業務に用いる端末及び院内の無線LANを用意する。
        ２　前項の機器の安全対策については、前二条の例による。
        """
    #expect(element("C2.vendor-led", text) == .met)
    let one = text.replacingOccurrences(of: "前二条の例による", with: "前条の例による")
      .replacingOccurrences(of: "前条の説明を踏まえ、乙が甲に協議を申し入れて定める", with: "甲乙協議の上定める")
    #expect(element("C2.vendor-led", one) != .met)
  }

  /// In a section whose paragraphs are numbered （１）（２）, 「前二号」 names those paragraphs: the
  /// provider that hosts the meetings there leads the consultation on the provided terminals.
  @Test func theItemsBeforeInABracketNumberedSection() {
    let text = """
      クラウドサービス運用合意書

      本合意書は、しらさぎシステム株式会社（以下「提供者」という。）とお客さまとの間の運用の水準を定める。

      １．適用範囲
      （１）本合意書は、お客さまが利用するクラウド型電子カルテに適用する。
      （２）お客さまが独自に導入した機器は適用範囲外とする。

      ２．稼働率
      （１）月間稼働率の目標値は99.9％とする。

      ５．お客さま側の運用
      （１）提供者は、毎年、お客さまにおいて講ずべき安全対策の一覧を提示し、お客さまとの打合せを主催する。
      （２）打合せで合意した安全対策は、お客さまが実施する。
      （３）お客さまが用意する端末及び院内回線についても、前二号の打合せの対象とし、その安全対策は打合せで合意した内容に従ってお客さまが行う。
      """
    #expect(element("C2.vendor-led", text) == .met)
  }

  /// 「受託者は、委託者自身が講ずべき安全対策及び第4条の提供物に関する安全対策について…協議を行う」:
  /// naming the provided things as well does not take the sentence off the institution's own measures.
  /// 「安全上の措置」 is a security measure.
  @Test(arguments: ["甲自身が講ずべき安全対策及び第4条の提供物に関する安全対策", "甲が自ら担うべき安全上の措置"])
  func theInstitutionsOwnMeasuresAmongOtherThings(measures: String) {
    let text =
      Self.opening + """
        第4条（甲が用意するもの）
        甲は、保守作業に用いる回線及び端末を用意する。

        第5条（甲の対策）
        乙は、\(measures)について、具体的な方法を整理して甲に示し、乙が日程を調整して甲との協議を行う。
        ２　甲は、前項の協議で合意した方法を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(element("C1.decided-jointly", text) == .met)
  }

  /// A municipal hospital that runs the viewing network clinics join (「「運営者」　…市民病院（本ネット
  /// ワークを運営する者）」) is the provider there: its security commitment meets A, and the connected
  /// clinic's equipment named 「接続機器」 in a numbered paragraph is a provided thing.
  @Test func aHospitalRunningTheNetworkIsItsProvider() {
    let text = """
      ひばり地域閲覧ネットワーク参加契約書

      第1条　用語
      この契約で使う用語は、次のとおりとする。
      1.「運営者」　ひばり市立ひばり中央病院（本ネットワークを設置し運営する者）
      2.「参加施設」　この契約を運営者と締結し、本ネットワークに接続する診療所及び薬局

      第2条　運営者の安全管理
      1. 運営者は、本ネットワークの安全管理を、提供事業者における安全管理ガイドラインに従って行う。

      第3条　参加施設の接続環境
      1. 参加施設は、閲覧用の端末及び回線（以下「接続機器」という。）を自ら用意する。
      2. 運営者は、接続機器について参加施設が講じるべき安全対策の案を作成して提示し、参加施設と協議の上で対策を確定させる。参加施設は、確定した対策を実施する。

      第4条　運用
      1. 参加施設は、閲覧した情報を診療の目的に限って用いる。
      """
    #expect(finding("A", text) == nil)
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
  }

  /// A notice before changing the sales office or the help-desk telephone number is no notice of a
  /// change in the service.
  @Test func aChangeOfContactDetailsIsNoServiceChange() {
    let text =
      Self.opening + """
        第6条（連絡事項の変更）
        乙は、本業務の担当営業所、問合せ窓口の電話番号その他の連絡事項を変更するときは、事前に甲に通知する。
        """
    #expect(element("B1.notice", text) != .met)
    let service = text.replacingOccurrences(of: "担当営業所、問合せ窓口の電話番号その他の連絡事項", with: "本業務の実施体制")
    #expect(element("B1.notice", service) == .met)
  }

  /// Subcontracting written as having someone else do the work (「協力事業者に行わせる」「…に担当させる
  /// （以下これらを「基盤事業者」という。）」「…保守を請け負う事業者」): consent due 「60日前までに」,
  /// equal duties whose observance is checked, and attribution meet B2.
  @Test(arguments: [
    "乙は、本業務の一部を協力事業者に行わせる",
    "乙は、サーバの運用をクラウド事業者に、窓口業務を支援事業者に担当させる（以下これらを「協力事業者」という。）",
    "乙は、本業務の一部を外部の事業者（以下「協力事業者」という。）に担わせる",
  ])
  func subcontractingAsHavingOthersDoTheWork(opening: String) {
    let text =
      Self.opening + """
        第7条（協力事業者）
        \(opening)。
        ２　乙は、協力事業者を加え又は変えるときは、その60日前までに名称と業務を甲に示し、甲の書面による同意を得る。
        ３　乙は、協力事業者に、乙が本契約で負う安全管理の義務と同じ水準の義務を負わせ、年1回その遵守の状況を確認する。
        ４　協力事業者の行為による義務違反は、乙の義務違反とみなす。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
  }

  /// A listed term whose meaning is a company doing the vendor's work (「「保守会社」　乙から…の保守を
  /// 請け負う事業者」) is a subcontractor; the institution checking it is no supervision by the vendor.
  @Test func aListedHelperCompanyAndWhoSupervisesIt() {
    let text =
      Self.opening + """
        第1条（用語）
        1.「本システム」　甲の電子カルテシステム
        2.「保守会社」　乙から本システムの機器の保守を請け負う事業者

        第7条（保守会社）
        1. 乙は、保守会社を変えるときは、事前に甲の同意を得る。
        2. 乙は、保守会社に、乙がこの契約で負う安全管理の義務と同じ内容の義務を課し、その履行を点検する。
        """
    #expect(element("B2.equal-duties", text) == .met)
    let institution = text.replacingOccurrences(
      of: "乙は、保守会社に、乙がこの契約で負う安全管理の義務と同じ内容の義務を課し、その履行を点検する。",
      with: "甲は、保守会社に、乙がこの契約で負う安全管理の義務と同じ内容の義務を守るよう求め、その履行を点検する。")
    #expect(element("B2.equal-duties", institution) != .met)
  }

  /// An article a 覚書 adds, quoted with its heading (「「第5条の2（甲が行う安全対策）」), is read from
  /// its first sentence's subject: the vendor who sorts out the measures and arranges the talks leads.
  @Test func aQuotedInsertedArticleReadFromItsSubject() {
    let text =
      Self.opening + """
        第5条（甲の協力）
        甲は、乙の作業に協力する。

        覚書

        甲及び乙は、上記の契約（以下「原契約」という。）について、次のとおり合意する。

        第1条（条の追加）
        原契約第5条の次に、次の一条を加える。
        「第5条の2（甲が行う安全対策）
        1　乙は、甲が本システムを運用するうえで甲自身が講ずべき安全対策について、具体的な方法を整理して甲に示し、乙が日程を調整して協議を行う。
        2　甲は、前項の協議で合意した方法により、当該安全対策を実施する。」
        """
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// 「脆弱性対応」 among the institution's own measures leaves the clause about those measures: only a
  /// vulnerability found in the software is D2's matter.
  @Test func vulnerabilityHandlingAmongTheInstitutionsMeasures() {
    let text =
      Self.opening + """
        第7条（甲の対策）
        甲が業務アプリケーションについて実施する安全対策（利用者管理、脆弱性対応、接続元の制限等）は、乙が年1回その案を作成して甲に示し、甲乙の協議により定める。甲は定められた対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let found = text.replacingOccurrences(
      of: "甲が業務アプリケーションについて実施する安全対策（利用者管理、脆弱性対応、接続元の制限等）",
      with: "乙が指定したソフトウェアに脆弱性が判明したときに甲が実施する安全対策")
    #expect(element("C1.vendor-led", found) != .met)
  }

  /// Text flattened to one line keeps a section's heading before its first item (「3.2 利用機関側の対策 (1)
  /// 受注者は、…検討会を主催すること。」): the contractor who hosts the review meeting leads.
  @Test func aFlattenedSectionHeadingBeforeItsFirstItem() {
    let text =
      "地域連携システム運用業務仕様書 1. 概要 1.1 目的 本業務は、かえで地域医療連携協議会（以下「協議会」という。）が運営する連携システムを受注者が運用するものである。"
      + "受注者は協議会の指示に従う。 2. 業務 2.1 受注者は、連携システムを監視する。 2.2 受注者は、障害を協議会に報告する。 "
      + "3. 安全管理 3.1 受注者は、連携システムの安全管理を行う。 3.2 利用機関側の対策 (1) 受注者は、連携システムを安全に利用するために利用機関側で講じる必要がある対策を整理し、"
      + "協議会及び利用機関の代表者が出席する検討会を主催すること。 (2) 検討会で合意した対策は、各利用機関が実施する。 4. 報告 4.1 受注者は、毎月報告する。"
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// Without a security article, A belongs to the article on the vendor's work (「保守業務」), not to the
  /// one naming the system maintained (「保守対象」), whichever comes first.
  @Test func theVendorsWorkBeforeWhatItIsAbout() {
    let text =
      Self.opening + """
        第1条（保守対象）
        本契約の保守対象は、甲の放射線情報システム一式とする。

        第2条（保守業務）
        乙は、保守対象について定期点検及び障害対応を行う。

        第3条（保守料）
        甲は、乙に保守料を支払う。
        """
    #expect(finding("A", text)?.article == "2")
  }

  /// A notice period in kanji (「三十日前までに…書面で甲に示し」) is a period and a notice; approval
  /// 「甲が乙に承諾の意思を示した後に実施する」 is the institution's, given to the vendor.
  @Test func aPeriodInKanjiAndConsentGivenToTheVendor() {
    let text =
      Self.opening + """
        第5条（変更の手続）
        乙は、保守体制、リモート保守の経路その他甲の安全管理体制に影響を及ぼす変更を計画したときは、実施予定日の三十日前までにその内容を書面で甲に示す。
        ２　前項の変更は、甲が乙に承諾の意思を示した後に実施する。
        """
    #expect(element("B1.notice", text) == .met)
    #expect(element("B1.period", text) == .met)
    #expect(element("B1.approval", text) == .met)
    let vendor = text.replacingOccurrences(of: "甲が乙に承諾の意思を示した後", with: "乙が甲に承諾の意思を示した後")
    #expect(element("B1.approval", vendor) != .met)
  }

  /// 「当該変更」 in a paragraph of its own is the change the paragraph before describes: approving it
  /// is approving a change to the service.
  @Test func theChangeThePreviousParagraphDescribes() {
    let text =
      Self.opening + """
        第4条（変更の手続き）
        1　乙は、本業務の実施体制を変更するときは、実施予定日の30日前までに、変更の内容を甲に書面で通知する。
        2　乙は、甲の承認を得た後に当該変更を実施する。
        """
    #expect(element("B1.approval", text) == .met)
  }

  /// 「乙の責任は、その請求原因の如何を問わず、…委託料の額を超えないものとする」 under 【責任の限度】 caps the
  /// vendor's liability: D1 applies and is raised (nothing carves out 故意・重過失).
  @Test func aCapOnTheVendorsLiabilityWithoutTheWordDamages() {
    let text =
      Self.opening + """
        【責任の限度】
        第10条　本契約に関する乙の責任は、その請求原因の如何を問わず、甲が乙に支払った直近6か月分の委託料の額を超えないものとする。
        """
    #expect(finding("D1", text) != nil)
    #expect(element("D1.limitation", text) == .met)
  }

  /// A total cap that sets the paragraphs before it aside 「いかなる場合も」 (「前各項の規定にかかわらず、…賠償の
  /// 総額は、いかなる場合も代金額の二倍を超えないものとする」) takes back their carve-out for 故意・重過失.
  @Test func aSweepingTotalCapTakesBackTheCarveOuts() {
    let text =
      Self.opening + """
        第10条（損害賠償）
        乙が本契約に違反して甲に損害を与えたときは、代金額を上限として賠償する。
        2.　前項の上限は、乙に故意又は重大な過失がある場合には適用しない。
        3.　前各項の規定にかかわらず、本契約に関して乙が甲に対して負う賠償の総額は、いかなる場合も代金額の二倍を超えないものとする。
        """
    #expect(element("D1.wilful-gross", text) == .contradicted)
    let plain = text.replacingOccurrences(
      of: "3.　前各項の規定にかかわらず、本契約に関して乙が甲に対して負う賠償の総額は、いかなる場合も代金額の二倍を超えないものとする。",
      with: "")
    #expect(element("D1.wilful-gross", plain) == .met)
  }

  /// Subcontracting banned unless approved (「再委託は、原則としてこれを禁止する。ただし、甲の書面による承認を
  /// 得た場合はこの限りでない。」「甲の事前の書面承諾がない限り…外部の者に委託しない」) asks for prior
  /// consent; 「本契約に定める要件を遵守させ、その管理監督を行う」 imposes equal duties; a breach 「乙の義務違反
  /// として扱います」 is attributed to the vendor.
  @Test(arguments: [
    "本業務の再委託は、原則としてこれを禁止する。ただし、甲の書面による承認を得た場合はこの限りでない。",
    "乙は、甲の事前の書面承諾がない限り、本業務をその全部であると一部であるとを問わず外部の者に委託しない。",
  ])
  func subcontractingBannedUnlessApproved(consent: String) {
    let text =
      Self.opening + """
        第8条（再委託）
        \(consent)
        ２　乙は、再委託先に対し本契約に定める要件を遵守させ、その管理監督を行う。
        ３　再委託先の作為又は不作為による義務違反は、乙の義務違反として扱います。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
  }

  /// An exemption for listed causes (「次の事由により生じた障害及び損害については、責任を負わない。(1) 乙が
  /// 指定する以外のソフトウェア…」) is D2's matter: it caps nothing, and D1 does not apply.
  @Test func anExemptionForListedCausesIsNoCap() {
    let text =
      Self.opening + """
        第8条（免責事項）
        乙は、次の事由により生じた本システムの障害及び損害については、責任を負わない。
        (1) 乙が指定する以外のソフトウェア又はOSをインストールしたこと
        (2) 甲の指示に従って乙が作業を行ったこと

        第13条（損害の賠償）
        甲又は乙は、本契約に違反して相手方に損害を与えたときは、その損害を賠償する。
        """
    #expect(finding("D1", text) == nil)
    let capped = text.replacingOccurrences(
      of: "その損害を賠償する。", with: "その損害を賠償する。ただし、賠償額は保守料の12か月分を上限とする。")
    #expect(finding("D1", capped) != nil)
  }

  /// Provided things 「2.2の打合せで扱い」 are taken up in the meeting that section has the provider
  /// host; a terminal the vendor lends (「貸与端末」) is no thing the institution provides.
  @Test func providedThingsTakenUpInAnotherSectionsMeeting() {
    let text = """
      データセンターサービス仕様書

      本仕様書は、しらかば総合病院（以下「病院」という。）が株式会社シラカバデータ（以下「事業者」という。）に委託するハウジングサービスの内容を定める。

      1. 概要
      1.1 事業者は、病院のサーバを事業者のデータセンターに収容する。

      2. 病院側の対策
      2.1 病院は、院内側の回線終端装置及びリモート保守用の接続口を事業者に提供する。
      2.2 事業者は、病院において講ずべき安全対策の一覧を提示し、年1回、病院との打合せを主催する。合意した対策は病院が実施する。
      2.3 病院が事業者に提供するもの（院内側の回線終端装置、リモート保守用の接続口）に関する安全対策も2.2の打合せで扱い、合意した内容に従って病院が実施する。

      3. 報告
      3.1 事業者は、毎月報告書を提出する。
      """
    #expect(element("C2.vendor-led", text) == .met)
    let lent = """
      薬局向けフォローアップサービス利用規約

      第1条（目的）
      本規約は、株式会社ハーブテック（以下「提供者」という。）が薬局（以下「利用者」という。）に提供するサービスの条件を定める。

      第2条（料金）
      月額料金には、貸与端末の使用料及びモバイル通信費を含む。

      第3条（利用者の対策）
      利用者は、貸与端末の保管その他の対策を自らの責任で決定し、実施する。
      """
    #expect(element("C2.provides", lent) != .met)
    // A fee for the lending (貸与料, レンタル料) says the same: the thing is the vendor's.
    for fee in ["月額料金には、専用機器の貸与料を含む。", "月額料金には、専用機器のレンタル料を含む。"] {
      let feeForLending = lent.replacingOccurrences(of: "月額料金には、貸与端末の使用料及びモバイル通信費を含む。", with: fee)
      #expect(element("C2.provides", feeForLending) != .met, "\(fee)")
    }
  }

  /// Equipment the institution installs at its own cost (「甲の費用で設置し」) is a provided thing, and
  /// securing it on its own responsibility, without a consultation, raises C2. An exemption written
  /// 「乙の責任の範囲外とする」 exempts the vendor.
  @Test func installedEquipmentAndOutsideTheVendorsResponsibility() {
    let text =
      Self.opening + """
        第3条（接続環境）
        甲は、本業務に必要なVPN装置及び接続用回線を甲の費用で設置し、甲の責任においてそれらの情報セキュリティ対策を実施する。

        第9条（責任分界）
        乙が動作を保証していないソフトウェアを甲が本システムに導入したことにより生じた障害は、乙の責任の範囲外とする。
        """
    #expect(element("C2.provides", text) == .met)
    #expect(finding("C2", text) != nil)
    #expect(element("D2.exemption", text) == .met)
  }

  /// A blanket consent written into the terms (「第三者に委託することができるものとし、お客様はあらかじめ
  /// これに同意するものとします」) is no consent asked for: the consent element is contradicted.
  @Test func aBlanketConsentInTheTermsContradictsConsent() {
    let text =
      Self.opening + """
        第7条（業務の委託）
        乙は、本業務に係る警備、設備保守その他の業務を第三者に委託することができるものとし、甲はあらかじめこれに同意するものとする。
        """
    #expect(element("B2.consent", text) == .contradicted)
  }
}
