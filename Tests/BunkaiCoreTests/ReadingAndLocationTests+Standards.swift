import Testing

@testable import BunkaiCore

/// Which standard the vendor's security follows (DOMAIN.md section 4, A: the vendor guideline, 2省GL,
/// named), and where a finding belongs when the contract names another one.
extension ReadingAndLocationTests {
  /// The guidelines the vendor guideline replaced (METI's for information processors holding medical
  /// data, MIC's for cloud providers, together 「3省4ガイドライン」) name no current standard.
  @Test func aGuidelineTheVendorGuidelineReplacedDoesNotMeetA() {
    let replaced = [
      "経済産業省の「医療情報を受託管理する情報処理事業者における安全管理ガイドライン」に準拠して",
      "総務省の「クラウドサービス事業者が医療情報を取り扱う際の安全管理に関するガイドライン」に従って",
      "厚生労働省、経済産業省及び総務省による医療情報の安全管理に関するガイドライン（いわゆる3省4ガイドライン）に基づき",
    ]
    for wording in replaced {
      let text =
        Self.opening + """
          第2条（安全管理）
          乙は、\(wording)本業務の安全管理を行う。
          """
      #expect(element("A.gl-basis", text) == .unmet, "\(wording)")
      #expect(finding("A", text)?.article == "2", "\(wording)")
    }
    // The current title in the same sentence shape meets it.
    let current =
      Self.opening + """
        第2条（安全管理）
        乙は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して本業務の安全管理を行う。
        """
    #expect(element("A.gl-basis", current) == .met)
    // The replaced titles followed by the guideline that merged them (「これらを統合して経済産業省及び
    // 総務省が定めた後継のガイドライン」) name the current one as well.
    let successor =
      Self.opening + """
        第2条（安全管理）
        乙は、経済産業省の「医療情報を受託管理する情報処理事業者における安全管理ガイドライン」及びこれらを統合して経済産業省及び総務省が定めた後継のガイドラインに従って、本業務の安全管理を行う。
        """
    #expect(element("A.gl-basis", successor) == .met)
  }

  /// 「…ガイドライン」のうち個人情報の取扱いに関する事項を遵守する」: only a part of the guideline is
  /// followed, so the vendor's security as a whole has no basis in it (A).
  @Test func onlyAPartOfTheGuidelineIsNoBasis() {
    let text =
      Self.opening + """
        第2条（業務の内容）
        乙は、甲の電子カルテシステムの保守業務を行う。

        第7条（個人情報）
        乙は、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」のうち個人情報の取扱いに関する事項を遵守する。
        """
    #expect(element("A.gl-basis", text) != .met)
    #expect(["2", "7"].contains(finding("A", text)?.article ?? ""))
    let whole = text.replacingOccurrences(of: "」のうち個人情報の取扱いに関する事項を遵守する。", with: "」を遵守して本業務の安全管理を行う。")
    #expect(element("A.gl-basis", whole) == .met)
  }

  /// With no sentence of the guideline anywhere, the article that names another standard for the
  /// vendor's security (the institution's guideline, プライバシーマーク, ISMS, its own rules) is the one to
  /// fix — not the first article of the service's scope.
  @Test func aFindingGoesWhereAnotherStandardIsNamed() {
    let standards = [
      ("法令等の遵守", "関係法令及び厚生労働省の「医療情報システムの安全管理に関するガイドライン」を遵守する"),
      ("情報の管理", "プライバシーマークの基準に沿って、取り扱う情報を管理する"),
      ("安全対策", "JIS Q 27001に準拠した情報セキュリティマネジメントシステムにより安全対策を講じる"),
      ("セキュリティ", "当社が定める基準により、設備及び通信の安全を確保する"),
    ]
    for (heading, duty) in standards {
      let text =
        Self.opening + """
          第1条（業務の内容）
          乙は、甲の電子カルテシステムについて、障害対応、定期点検及びプログラムの更新を行う。

          第2条（委託料）
          甲は、乙に対し、別に定める委託料を毎月末日までに支払う。

          第3条（\(heading)）
          乙は、本業務の実施に当たり、\(duty)。

          第4条（損害賠償）
          乙は、本業務に関して甲に損害を与えたときは、その損害を賠償する。
          """
      #expect(finding("A", text)?.article == "3", "\(heading)")
    }
  }

  /// The guideline named in the cap's condition (D1) says nothing of which standard the vendor's
  /// security follows: the finding stays with the service, not the liability article.
  @Test func theGuidelineInTheCapsConditionIsNotWhereAIsFixed() {
    let text =
      Self.opening + """
        第1条（業務の内容）
        乙は、甲の電子カルテシステムについて、障害対応及び定期点検を行う。

        第2条（損害賠償）
        乙の賠償額は、委託料の十二か月分を上限とする。
        ２　前項の上限は、乙が「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づく安全管理を尽くしていた場合に限り適用する。
        """
    #expect(finding("A", text)?.article == "1")
  }

  /// 「(2) 「利用環境」　利用機関が…用意する端末…」: a definitions list entry names what the institution
  /// provides as a 「とは」 definition does, so the consultation on 「利用環境のセキュリティ対策」 is on
  /// provided things (C2).
  @Test func aListedDefinitionNamesWhatIsProvided() {
    let text = """
      医療クラウド利用約款

      株式会社ソラノメ（以下「当社」という。）は、本サービスを利用する医療機関（以下「利用機関」という。）との契約について、この約款を定める。

      第1条（用語）
      この約款で使う用語の意味は、次のとおりとする。
      (1) 「本サービス」　当社が提供する予約管理サービス
      (2) 「利用環境」　利用機関が本サービスを利用するために用意する端末、院内ネットワーク及びインターネット回線

      第4条（利用環境）
      利用環境は利用機関が用意する。
      ２　利用環境のセキュリティ対策（端末の更新、ウイルス対策等）は、当社が具体的な内容を示して協議を主導し、確定した内容に従って利用機関が実施する。
      """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
  }

  /// 「病院は、…機器、回線…を提供することを要しない」: the institution provides nothing, so C2 does not
  /// apply.
  @Test func nothingProvidedWhenTheContractSaysSo() {
    let text =
      Self.opening + """
        第2条（設備）
        本業務に必要なサーバ、回線及び接続装置は、すべて乙が用意する。
        ２　甲は、本業務のために機器、回線その他の物品を乙に提供することを要しない。
        """
    #expect(element("C2.provides", text) != .met)
    #expect(finding("C2", text) == nil)
    // Where the institution does provide the line, C2 applies.
    let provides = text.replacingOccurrences(
      of: "甲は、本業務のために機器、回線その他の物品を乙に提供することを要しない。", with: "甲は、本業務に用いる回線を用意する。")
    #expect(finding("C2", provides) != nil)
  }

  /// 「協議会事務局が…設定案を示して…協議を行い」: the party's office acts for the party.
  @Test func aPartysOfficeLeadsForIt() {
    let text = """
      地域医療連携ネットワーク運用規程

      この規程は、しおかぜ地域医療連携協議会（以下「協議会」という。）が運営する地域医療連携ネットワークについて、協議会とこれに参加する医療機関（以下「参加施設」という。）との間の運用を定める。

      第7条（接続機器）
      参加施設は、接続に用いる端末及び回線を自らの負担で用意する。
      ２　参加施設が用意する端末及び回線のセキュリティ対策は、協議会事務局が設定案を示して参加施設と協議し、その協議により定めた内容を参加施設が実施する。
      """
    #expect(element("C2.vendor-led", text) == .met)
    let institutionOffice = text.replacingOccurrences(
      of: "協議会事務局が設定案を示して参加施設と協議し", with: "参加施設の担当者が設定案を示して協議会と協議し")
    #expect(element("C2.vendor-led", institutionOffice) != .met)
  }
}

extension ReadingAndLocationTests {
  /// An article on the vendor's security measures headed 「当社の安全対策」 is where A belongs when it
  /// names no guideline — not an article where the institution takes care of lent equipment
  /// 「善良な管理者の注意をもって」 (DOMAIN.md §4, A; the issue: located at the article where the
  /// requirement belongs).
  @Test func theVendorsSecurityMeasuresArticle() {
    let text = """
      クラウドカルテ利用規約

      株式会社ツグミ（以下「当社」という。）は、本規約によりクラウドカルテを医療機関（以下「お客様」という。）に提供します。

      第1条（目的）
      本規約は、本サービスの利用条件を定めます。
      第2条（サービスの内容）
      当社は、電子カルテの機能をインターネットを通じて提供します。
      第3条（当社の安全対策）
      当社は、本サービスについて、通信の暗号化、多要素認証及び不正アクセスの監視その他の安全対策を講じます。
      第4条（貸与機器の取扱い）
      お客様は、当社が貸与する端末を善良な管理者の注意をもって使用します。
      """
    #expect(finding("A", text)?.article == "3")
  }

  /// 「…ガイドライン」に定める様式のサービス仕様適合開示書にまとめ、交付する」 uses the guideline's
  /// form for a document; the article that sets the security basis names other guidance, so A is
  /// not met and belongs there.
  @Test func theGuidelinesFormIsNoBasis() {
    let text =
      Self.opening + """
        第3条（サービス仕様の開示）
        乙は、本サービスのセキュリティに関する仕様を、経済産業省・総務省「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に定める様式のサービス仕様適合開示書にまとめ、甲に交付する。

        第4条（法令等の遵守）
        乙は、本サービスの提供にあたり、個人情報の保護に関する法律その他の法令等を遵守し、乙の情報セキュリティ基本方針に従って安全管理を行う。
        """
    #expect(element("A.gl-basis", text) != .met)
    #expect(finding("A", text)?.article == "4")
  }

  /// 「いわゆる3省2ガイドラインを遵守して」 names the guidelines by their popular name and identifies
  /// none; a contract that defines the name as including the vendor guideline does.
  @Test func theGuidelinesPopularNameIdentifiesNone() {
    let text =
      Self.opening + """
        第3条（準拠する規範）
        乙は、いわゆる3省2ガイドラインを遵守して本業務を行う。
        """
    #expect(element("A.gl-basis", text) != .met)
    let defined =
      Self.opening + """
        第2条（定義）
        本契約において「3省2ガイドライン」とは、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」及び厚生労働省の医療情報システムの安全管理に関するガイドラインをいう。

        第3条（準拠する規範）
        乙は、3省2ガイドラインを遵守して本業務を行う。
        """
    #expect(element("A.gl-basis", defined) == .met)
  }
}

extension ReadingAndLocationTests {
  /// The vendor guideline pinned to an edition before 第2.0版 (March 2025, DOMAIN.md §2) is not the
  /// guideline in force: A is raised at that clause, even with another standard named in a nearby
  /// article, and it is quoted. An edition with its later revisions (「及びその後の改定版」) meets A.
  @Test func theGuidelinePinnedToAnOldEdition() {
    let gl = "経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」"
    for edition in ["第1.1版", "（第１．０版）"] {
      let text =
        Self.opening + """
          第4条（安全管理の基準）
          乙は、本業務に係る安全管理を、\(gl)\(edition)に準拠して実施する。
          第5条（甲の遵守事項）
          甲は、厚生労働省「医療情報システムの安全管理に関するガイドライン」に従い、院内の医療情報を管理する。
          """
      #expect(element("A.gl-basis", text) == .unmet, "\(edition)")
      let f = finding("A", text)
      #expect(f?.article == "4", "\(edition)")
      #expect(f?.evidence.contains { $0.text.contains(edition) } == true, "\(edition)")
      let revised = text.replacingOccurrences(of: edition + "に準拠", with: edition + "及びその後の改定版に準拠")
      #expect(element("A.gl-basis", revised) == .met, "\(edition)")
    }
    let current =
      Self.opening + """
        第4条（安全管理の基準）
        乙は、本業務に係る安全管理を、\(gl)第2.0版に準拠して実施する。
        """
    #expect(element("A.gl-basis", current) == .met)
  }
}

extension ReadingAndLocationTests {
  /// A disclosure document drawn up under the vendor guideline (「…ガイドライン」に基づくサービス仕様
  /// 適合開示書を提出する」) is paperwork, not the basis of the vendor's security management: with the
  /// security article naming the ministry's guideline for institutions, A is raised there.
  @Test func aDisclosureUnderTheGuidelineIsNoBasis() {
    let text =
      Self.opening + """
        第3条（開示資料）
        乙は、毎年4月末日までに、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に基づくサービス仕様適合開示書を甲に提出する。
        第4条（安全管理）
        乙は、本サービスに係る安全管理を、厚生労働省「医療情報システムの安全管理に関するガイドライン」の定める物理的安全対策に準拠して行う。
        """
    #expect(element("A.gl-basis", text) != .met)
    #expect(finding("A", text)?.article == "4")
  }

  /// 「厚生労働省が定める「医療情報システムの安全管理に関するガイドライン」を踏まえ、甲が同ガイドラインを遵守
  /// できるよう本業務を行う」: 同ガイドライン is the institution's guideline, so the vendor guideline is
  /// not named; the clause is where the finding goes. With the vendor guideline named it is met.
  @Test func theSameGuidelineAfterTheInstitutionsOwn() {
    let text =
      Self.opening + """
        第3条（安全管理）
        乙は、厚生労働省が定める「医療情報システムの安全管理に関するガイドライン」の内容を踏まえ、甲が同ガイドラインを遵守できるよう本業務を行う。

        第4条（報告）
        乙は、毎月の作業結果を甲に報告する。
        """
    #expect(element("A.gl-basis", text) == .unmet)
    #expect(finding("A", text)?.article == "3")
    let named = text.replacingOccurrences(
      of: "甲が同ガイドラインを遵守できるよう本業務を行う",
      with: "本業務の安全管理を経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に準拠して行う")
    #expect(element("A.gl-basis", named) == .met)
  }
}
