import Testing

@testable import BunkaiCore

/// Translated vendor terms in parts (DOMAIN.md section 4; issue 9: annexes, special terms and
/// overrides count): sections 1. / 1.1, then 「第B部　データ処理付属書」 numbering its own sections, then
/// 「第C部　補足条項」 of 第N条 that the Japanese distributor added and that sets main sections aside.
extension ReadingAndLocationTests {
  static let translatedTerms = """
    ミライカルテ クラウド 利用条件（日本語版）

    提供者：ミライカルテ・ジャパン株式会社（以下「当社」といいます。）
    お客様：医療法人そよかぜ会 そよかぜ病院（以下「お客様」といいます。）

    第A部　利用条件

    1. 定義
    1.1 「本サービス」とは、当社が提供する外来診療記録のクラウドサービスをいいます。
    1.2 「貸出端末」とは、当社がお客様に貸し出す入力用のタブレットをいいます。

    2. 本サービスの提供
    2.1 当社は、お客様に本サービスを提供し、貸出端末を貸し出します。
    2.2 お客様の過失により貸出端末が壊れたときは、当社所定の損料をお客様が負担します。
    2.3 本契約が終わったときは、お客様は貸出端末を返却します。

    3. 料金
    3.1 お客様は、月額料金を翌月末日までに支払います。

    4. 本サービスの変更
    4.1 当社は、本サービスをいつでも変更することができます。

    5. 責任の制限
    5.1 当社の責任は、直前12か月の料金の総額を上限とします。

    第B部　データ処理付属書

    1. 処理の範囲
    1.1 当社は、お客様の指示の範囲でのみお客様データを処理します。

    2. サブプロセッサ
    2.1 当社は、お客様の事前の書面による承諾を得た場合に限り、サブプロセッサを使います。
    2.2 当社は、サブプロセッサに本付属書と同じ水準の義務を契約で課し、毎年その履行を確かめます。
    2.3 サブプロセッサの義務違反は、当社の義務違反とみなします。

    第C部　補足条項

    第1条（優先）
    本補足条項は、第A部及び第B部に優先します。

    第2条（変更の承認）
    第4条にかかわらず、当社は、お客様のセキュリティ体制に影響する本サービスの変更を行うときは、60日前までにお客様に書面で知らせ、お客様の書面による承認を得ます。

    第3条（データの所在）
    当社は、お客様の書面による同意なく、お客様データを国外のサーバに置きません。
    """

  /// Each part read with its own numbering: the main sections, the 付属書's sections (it was text of
  /// the main terms' last section, and every duty in it unread), the 補足条項's articles.
  @Test func translatedTermsAreReadInTheirParts() {
    let c = ContractParser.parse(SourceText(text: Self.translatedTerms))
    #expect(c.articles.filter { $0.part == nil }.map(\.number) == ["1", "2", "3", "4", "5"])
    #expect(c.articles.filter { $0.part == "付属書" }.map(\.number) == ["1", "2"])
    #expect(c.articles.filter { $0.part == "補足条項" }.map(\.number) == ["1", "2", "3"])
  }

  /// The subprocessor duties in the 付属書 meet B2; without its consent clause, the finding goes there.
  @Test func aSubprocessorClauseInTheScheduleCounts() {
    #expect(finding("B2", Self.translatedTerms) == nil)
    let noConsent = Self.translatedTerms.replacingOccurrences(
      of: "2.1 当社は、お客様の事前の書面による承諾を得た場合に限り、サブプロセッサを使います。\n",
      with: "")
    #expect(finding("B2", noConsent)?.article == "付属書:2")
  }

  /// 「第4条にかかわらず、…お客様の書面による承認を得ます」 in the 補足条項 sets aside the main terms'
  /// section 4 (the vendor may change the service at any time), which no longer contradicts the
  /// approval; and 「同意なく…国外のサーバに置きません」 bans a move, it does not waive a consent.
  @Test func theDistributorsTermsSetTheMainSectionAside() {
    #expect(element("B1.approval", Self.translatedTerms) == .met)
    #expect(finding("B1", Self.translatedTerms) == nil)
    let noOverride = Self.translatedTerms.replacingOccurrences(of: "第4条にかかわらず、当社は", with: "当社は")
    #expect(element("B1.approval", noOverride) == .contradicted)
  }

  /// A damage fee for a lent terminal, and the lent terminal given back, are nothing the hospital
  /// provides: C2 does not apply.
  @Test func aDamageFeeAndAReturnedTerminalAreNotProvided() {
    #expect(element("C2.provides", Self.translatedTerms) == .unmet)
    #expect(finding("C2", Self.translatedTerms) == nil)
    let provides = Self.translatedTerms.replacingOccurrences(
      of: "3.1 お客様は、月額料金を翌月末日までに支払います。",
      with: "3.1 お客様は、月額料金を翌月末日までに支払い、院内の無線LANと電源を用意します。")
    #expect(element("C2.provides", provides) == .met)
  }

  /// Parts numbered in Roman numerals (「第I部」「第II部　…特約」) are parts as 第A部 are; and the provider
  /// that opens the talks itself (「プロバイダーがカスタマーとの協議を自ら開いて対処方針を決定し」) leads
  /// them.
  @Test func romanNumberedPartsAndTalksTheProviderOpensItself() {
    let text = Self.translatedTerms
      .replacingOccurrences(of: "第A部", with: "第I部").replacingOccurrences(of: "第B部", with: "第II部")
      .replacingOccurrences(of: "第C部", with: "第III部")
    let c = ContractParser.parse(SourceText(text: text))
    #expect(c.articles.filter { $0.part == "付属書" }.map(\.number) == ["1", "2"])
    #expect(c.articles.filter { $0.part == "補足条項" }.map(\.number) == ["1", "2", "3"])
    let vulnerability =
      text + """

        第4条（脆弱性）
        第A部の免責は、当社が指定したOSに脆弱性が判明したときに、当社がお客様との協議を自ら開いて対処方針を決定し、これを実施することを条件とします。
        """
    #expect(element("D2.vendor-led", vulnerability) == .met)
  }

  /// 「Section 8に定めるガイドライン」 in terms numbered in English words names the guideline that
  /// section sets out, as 「第8条に定める」 would.
  @Test func aReferenceToASectionInEnglishWords() {
    let text = """
      データ連携サービス契約（日本語訳）

      本契約は、医療法人しおさい会（以下「顧客」という。）と、ベイリンク合同会社（以下「プロバイダー」という。）との間で締結される。

      Section 6　責任
      6.1　プロバイダーの責任の総額は、直近12か月の利用料の総額を上限とする。
      6.2　前項の上限は、プロバイダーの故意又は重過失による損害には適用しない。
      6.3　6.1の上限は、プロバイダーがSection 8に定めるガイドラインに基づく対策（プロバイダーの善良な管理者としての注意義務の内容をなす。）を尽くした場合に限り適用する。

      Section 8　ガイドラインの遵守
      プロバイダーは、本サービスに係る安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行う。
      """
    #expect(element("D1.gl-efforts", text) == .met)
  }
}
