import Testing

@testable import BunkaiCore

/// Special terms (特記事項) after the contract, the institution's own measures under headings of
/// their own, and a guideline only consulted (DOMAIN.md section 4; issue 9: annexes such as 特記事項
/// may have their own 第1条, and a requirement met there counts).
extension ReadingAndLocationTests {
  static let specialTerms = """
    保守契約書

    目次
    　第一章　総則（第1条―第2条）
    　特記事項

    医療法人ひばり会（以下「甲」という。）と株式会社ヒバリテック（以下「乙」という。）は、次のとおり契約を締結する。

    第1条（業務）
    乙は、甲の医療情報システムを保守する。

    第2条（損害賠償）
    乙の賠償の額は、年間保守料を限度とする。
    ２　前項の限度は、乙の故意又は重大な過失による場合、及び乙が特記事項第2条に定める安全管理を怠った場合には適用しない。この場合の損害は、逸失利益を含めて乙が賠償する。

    情報セキュリティ特記事項

    第1条（適用）
    この特記事項は、本契約の保守業務に適用する。

    第2条（安全管理の基準）
    乙は、保守業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づいて行う。

    第3条（再委託）
    乙は、保守業務の一部を第三者に委託するときは、事前に甲の書面による承諾を得る。
    """

  /// A 「…特記事項」 title after the articles opens a part numbered from 第1条 (a table of contents
  /// listing it does not); 「特記事項第2条」 is that part's article.
  @Test func specialTermsAreAPartOfTheirOwn() throws {
    let contract = ContractParser.parse(SourceText(text: Self.specialTerms))
    #expect(contract.articles.filter { $0.part == nil }.map(\.number) == ["1", "2"])
    #expect(contract.articles.filter { $0.part == "特記事項" }.map(\.number) == ["1", "2", "3"])
    #expect(element("D1.gl-efforts", Self.specialTerms) == .met)
    let b2 = try #require(finding("B2", Self.specialTerms))
    #expect(b2.article == "特記事項:3")
  }

  /// 「ガイドラインを参考としつつ、社内基準により」: the carve-out's efforts follow the vendor's own
  /// standard, not the guideline.
  @Test func aGuidelineOnlyConsultedIsNoBasisForTheCarveOut() {
    let text =
      Self.opening + """
        第3条（安全管理）
        乙は、保守業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づいて行う。

        第9条（損害賠償）
        乙の賠償の額は、年間保守料を限度とする。
        ２　前項の限度は、乙の故意又は重大な過失による場合、及び乙が第3条に定める安全管理を怠った場合には適用しない。
        """
    #expect(element("D1.gl-efforts", text) == .met)
    let consulted = text.replacingOccurrences(
      of: "安全管理ガイドライン」に基づいて行う。", with: "安全管理ガイドライン」を参考としつつ、乙が社内で定める基準により行う。")
    #expect(element("D1.gl-efforts", consulted) != .met)
  }

  /// The institution's own measures under a heading such as 「院内の運用対策」 or 「委託者の管理範囲」
  /// are where C1 belongs when they fall short, not the vendor's security article.
  @Test(arguments: ["院内の運用対策", "委託者の管理範囲", "責任分界"])
  func theInstitutionsOwnMeasuresUnderHeadingsOfTheirOwn(heading: String) {
    let text = """
      運用委託契約書

      医療法人つばさ会（以下「委託者」という。）と株式会社ツバサネット（以下「受託者」という。）は、次のとおり契約を締結する。

      第3条（安全管理）
      受託者は、本業務の安全管理を、受託者が定める情報セキュリティ規程に基づいて行う。

      第5条（\(heading)）
      委託者は、院内で講ずる安全対策（利用者のアクセス権限の見直し等）を自ら定めて実施する。受託者は、委託者から求めがあれば技術的な支援を行う。

      第6条（秘密保持）
      委託者及び受託者は、相手方の秘密情報を第三者に開示しない。
      """
    #expect(finding("C1", text)?.article == "5")
  }
}

extension ReadingAndLocationTests {
  /// An amending 覚書 inserts the institution's measures (「（前条により貸与される作業室…の安全管理を含
  /// む。）」): things 「貸与される」 are provided things even where 「前条」 points elsewhere, so the
  /// vendor's draft and meeting on those measures lead their security talk too (C2).
  @Test func providedThingsNamedInBracketsAsLent() {
    let text = """
      医療情報システム運用委託契約書

      医療法人社団かもめ会 かもめ台病院（以下「甲」という。）と株式会社カモメデータ（以下「乙」という。）は、次のとおり契約を締結する。

      第5条（作業環境）
      甲は、乙の運用要員に対し、院内の作業室、作業用端末及び管理者アカウントを無償で貸与する。

      第6条（秘密保持）
      甲及び乙は、相手方の秘密を第三者に漏らさない。

      覚書

      甲と乙は、上記の契約（以下「原契約」という。）に次のとおり追加することに合意する。

      第1条（報告）
      乙は、毎月、運用の状況を甲に報告する。

      第2条（甲の対策）
      原契約第5条の次に次の一条を加える。
      「第5条の2　乙は、甲が自ら講ずべき情報セキュリティ対策（前条により貸与される作業室、作業用端末及び管理者アカウントの安全管理を含む。）について対策案を作成して甲に示し、協議の場を設ける。甲は、協議で合意した対策を実施する。」
      """
    #expect(element("C2.provides", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// Items numbered (1) (2): a consultation the vendor leads on 「前号の機器及び回線」 is about the
  /// provided things (C2), not the institution's own part (C1); one on the measures 「前号の機器を含む
  /// 甲側で必要となる」 covers the institution's whole side and leads C1 too.
  @Test func aConsultationOnTheItemBeforesEquipmentIsAboutProvidedThings() {
    let text =
      Self.opening + """
        第4条（甲が用意するもの）
        (1) 甲は、本サービスの利用に必要なパソコン及びインターネット接続回線を用意する。
        (2) 乙は、前号の機器及び回線について甲が実施すべきセキュリティ対策の一覧を作成して甲に示し、甲との協議を申し入れる。甲は、協議で確定した対策を実施する。
        """
    #expect(element("C2.vendor-led", text) == .met)
    #expect(element("C1.vendor-led", text) != .met)
    let wholeSide = text.replacingOccurrences(
      of: "前号の機器及び回線について甲が実施すべきセキュリティ対策", with: "前号の機器を含む甲側で必要となるセキュリティ対策")
    #expect(element("C1.vendor-led", wholeSide) == .met)
    // Things listed as items of the paragraph before (「前項各号のもの」) are provided things as well.
    let listed =
      Self.opening + """
        第4条（甲が提供するもの）
        甲は、本業務のために、次のものを乙に提供する。
        (1) 保守用の回線及びVPNルータ
        (2) 院内作業用のノートパソコン
        ２　乙は、前項各号のものについて甲が講ずべき情報セキュリティ上の措置を取りまとめて甲に提案し、甲との協議を主催する。甲は、協議で取り決めた措置を実施する。
        """
    #expect(element("C2.vendor-led", listed) == .met)
    #expect(element("C1.vendor-led", listed) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「「合同対策会議」とは、乙が議長を務め、乙が議題と対策案を準備して開く…会議をいう。」: a meeting
  /// defined by who runs it; the institution's own measures 「合同対策会議で審議して決定し」 are decided
  /// jointly and led by the vendor (C1). Without the definition nobody is named as leading.
  @Test func aMeetingDefinedByWhoRunsIt() {
    let text =
      Self.opening + """
        第1条（定義）
        本契約において「合同対策会議」とは、乙が議長を務め、乙が議題と対策案を準備して半期に1回以上開く、甲乙の担当者による会議をいう。

        第4条（甲の対策）
        甲が自らの業務において講ずべき情報セキュリティ対策は、合同対策会議で審議して決定し、甲がこれを実行する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let undefined = text.replacingOccurrences(
      of: "本契約において「合同対策会議」とは、乙が議長を務め、乙が議題と対策案を準備して半期に1回以上開く、甲乙の担当者による会議をいう。",
      with: "本契約の用語は、別段の定めがない限り、通常の意味による。")
    #expect(element("C1.vendor-led", undefined) != .met)
  }
}

extension ReadingAndLocationTests {
  /// An attached specification the contract itself says binds no one (「参考資料として添付するもの
  /// であり、乙の契約上の義務を定めるものではない」) neither meets nor contradicts an element: the
  /// vendor guideline and the vulnerability talks written only there leave A and D2 raised (DOMAIN.md
  /// §4). The same specification without that sentence is part of the contract.
  @Test(arguments: ["別添　導入仕様書（参考資料）", "技術仕様書（乙提案）"])
  func aSpecificationDeclaredNonBinding(title: String) {
    let text =
      Self.opening + """
        第2条（契約書の構成）
        別添の仕様書は、作業内容の理解を助けるための参考資料として添付するものであり、乙の契約上の義務を定めるものではない。
        第3条（業務）
        乙は、甲の薬局システムを導入する。
        第12条（免責）
        乙は、乙が指定していないソフトウェアの使用又は甲の指示に基づく作業に起因する障害について、責任を負わない。
        第13条（協議）
        本契約に定めのない事項は、甲乙誠実に協議して定める。

        令和7年9月1日

        \(title)

        1．概要
        本仕様書は、甲の薬局システムの導入作業を説明する。
        2．安全管理
        乙は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づき安全管理を行う。
        3．脆弱性対応
        乙が指定したOS及びソフトウェアの脆弱性については、乙が甲との協議を主導して対応策を決定し、これを実施する。
        """
    #expect(finding("D2", text)?.article == "12", "\(title)")
    #expect(finding("A", text) != nil, "\(title)")
    let binding = text.replacingOccurrences(
      of: "別添の仕様書は、作業内容の理解を助けるための参考資料として添付するものであり、乙の契約上の義務を定めるものではない。",
      with: "別添の仕様書は、本契約の一部を構成する。")
    #expect(finding("D2", binding) == nil, "\(title)")
    #expect(finding("A", binding) == nil, "\(title)")
  }
}

extension ReadingAndLocationTests {
  /// An attached excerpt of the vendor's proposal, in its own voice (当社 / 貴院) and starting inside its
  /// sections (「3.2」 with no 「3.」 above it), is part of a 甲乙 contract that adopts it (dev22 a_06):
  /// its sections are read as the annex's articles, and 当社 and 貴院 are the vendor and the hospital.
  @Test func anAdoptedProposalExcerptInTheVendorsVoice() {
    let text =
      Self.opening + """
        第1条（目的）
        乙は、甲の検査部門システムを構築し、甲に引き渡す。
        第2条（提案書）
        乙が甲に提出した提案書のうち別紙に抜粋した部分は、本契約の内容となる。
        第3条（院内の対策）
        甲が自ら講ずべき情報セキュリティ対策の定め方は、提案書による。

        別紙　提案書（抜粋）

        3.2 貴院と決めていただく事項
        当社は、設計工程の初めに、貴院に実施していただく情報セキュリティ対策（職員のパスワード管理、検査端末の施錠保管など）の案をお示しし、貴院と話し合って確定します。

        3.3 確定後の実施
        確定した対策は、貴院で実施いただきます。
        """
    let c = ContractParser.parse(SourceText(text: text))
    #expect(c.articles.contains { $0.part == "別紙" && $0.number == "3" })
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    // The hospital's own committee deciding alone is no talks with the vendor.
    let alone = text.replacingOccurrences(
      of: "当社は、設計工程の初めに、貴院に実施していただく情報セキュリティ対策（職員のパスワード管理、検査端末の施錠保管など）の案をお示しし、貴院と話し合って確定します。",
      with: "貴院に実施していただく情報セキュリティ対策（職員のパスワード管理、検査端末の施錠保管など）は、貴院の委員会が単独で確定します。")
    #expect(element("C1.decided-jointly", alone) != .met)
  }
}
