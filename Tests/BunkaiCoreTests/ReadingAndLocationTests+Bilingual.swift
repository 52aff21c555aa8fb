import Testing

@testable import BunkaiCore

/// Terms set in English and Japanese side by side, the Japanese text prevailing (issue 9: real
/// layouts; 和英併記 from a foreign maker). The Japanese text is what binds, so it is what is read:
/// the English lines must not become paragraphs, headings or the parties' names.
extension ReadingAndLocationTests {
  static let bilingualTerms = """
    SERVICE AGREEMENT FOR THE INFUSION PUMP NETWORK
    輸液ポンプネットワーク保守契約書

    This Agreement is made between Minato Harbour Hospital (the "Hospital") and Orbit Infusion Japan K.K. (the "Maker"). The Japanese text prevails over the English text.
    みなと港病院（以下「病院」という。）とオービット・インフュージョン・ジャパン株式会社（以下「メーカー」という。）は、次のとおり契約する。和文を正本とする。

    1. Scope of services / 業務の範囲
    The Maker maintains the pump server and the wireless gateways connected to the hospital network.
    メーカーは、病院のネットワークに接続されたポンプ管理サーバ及び無線ゲートウェイを保守する。

    2. Security management / 安全管理
    The Maker manages the security of the services in line with the vendor guideline of the two ministries.
    メーカーは、本業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行う。

    3. Subcontracting / 再委託
    The Maker may subcontract the services only with the prior written consent of the Hospital.
    メーカーは、病院の事前の書面による承諾を得た場合に限り、本業務の一部を第三者に委託することができる。
    The Maker imposes on the subcontractor the same security duties as its own and supervises it; a breach by the subcontractor is deemed a breach by the Maker.
    メーカーは、委託先に自らと同等の安全管理義務を課して監督し、委託先の義務違反はメーカーの義務違反とみなす。

    4. Liability / 損害賠償
    The Maker's liability is limited to the annual fee, except for wilful misconduct or gross negligence, and only where the Maker performed Clause 2 with due care.
    メーカーの賠償責任は年間保守料を上限とする。ただし、メーカーの故意又は重大な過失による場合は適用せず、メーカーが第2項の安全管理を善良な管理者の注意をもって行った場合に限り適用する。
    Damage caused by deficient security is compensated, lost profits included, after consultation in good faith.
    安全管理の不備による損害は、誠実に協議のうえ、逸失利益を含めて賠償する。
    """

  /// Each section is its Japanese heading with its Japanese paragraphs; the English lines are
  /// neither paragraphs nor part of a party's name. Without this the document had no sections at
  /// all (the headings were too long to be headings) and every concern was 「要確認」.
  @Test func bilingualTermsAreReadInTheirJapaneseText() {
    // As the review reads it: after the layout is cleaned (offsets kept).
    let cleaned = Layout.clean(Array(Self.bilingualTerms.unicodeScalars))
    let source = SourceText(text: String(String.UnicodeScalarView(cleaned)))
    let c = ContractParser.parse(source)
    #expect(c.articles.map(\.number) == ["1", "2", "3", "4"])
    #expect(c.articles.map { $0.heading ?? "" } == ["業務の範囲", "安全管理", "再委託", "損害賠償"])
    let first = c.articles[2].paragraphs.first.map { source.slice($0.range) } ?? ""
    #expect(first.hasPrefix("メーカーは、病院の事前の書面による承諾"))
    #expect(!c.articles.contains { source.slice($0.range).contains("The Maker") })
    #expect(c.parties.first { $0.label == "病院" }?.name == "みなと港病院")
    #expect(c.parties.first { $0.label == "メーカー" }?.name == "オービット・インフュージョン・ジャパン株式会社")
  }

  /// Read so, the sections meet what they say: A in section 2, B2 in section 3 and D1 in section 4.
  /// There 「第2項の安全管理」 is the translation's "Clause 2": a section of one paragraph has no
  /// second paragraph, so the name is section 2's, which is 2省GL-based.
  @Test func bilingualTermsMeetWhatTheirJapaneseTextSays() {
    let r = review(Self.bilingualTerms)
    for ref in ["A", "B2", "D1"] {
      #expect(!r.findings.contains { $0.guideRefs.contains(ref) }, "\(ref)")
    }
    #expect(r.elements.first { $0.id == "D1.gl-efforts" }?.status == .met)
  }

  /// A Japanese contract that quotes an English product name or a standard's English title is not
  /// bilingual: its lines are read as they are.
  @Test func anEnglishNameInAJapaneseContractIsKept() {
    let text =
      Self.opening + """
        第1条（対象）
        本契約の対象は、次の装置とする。
        Orbit Infusion Gateway Model 7
        第2条（安全管理）
        乙は、本業務の安全管理を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って行う。
        """
    let cleaned = Layout.clean(Array(text.unicodeScalars))
    let source = SourceText(text: String(String.UnicodeScalarView(cleaned)))
    let c = ContractParser.parse(source)
    let body = c.articles.first.map { source.slice($0.range) } ?? ""
    #expect(body.contains("Orbit Infusion Gateway"))
  }
}
