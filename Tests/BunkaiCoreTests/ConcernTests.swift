import Testing

@testable import BunkaiCore

/// The guide's seven concerns, each both ways, in several writing styles.
@Suite struct ConcernTests {
  static let reviewer = Reviewer(
    playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())

  func findings(_ body: String, title: String = "医療情報システム保守契約書", labels: (String, String) = ("甲", "乙"))
    -> [Finding]
  {
    let text = """
      \(title)

      医療法人社団こだま会 こだま病院（以下「\(labels.0)」という。）と株式会社コダマシステム（以下「\(labels.1)」という。）は、次のとおり契約を締結する。

      \(body)
      """
    return Self.reviewer.review(SourceText(text: text)).findings
  }

  func status(_ rule: String, _ body: String, labels: (String, String) = ("甲", "乙")) -> [String] {
    findings(body, labels: labels).filter { $0.ruleId == rule }.map {
      "\($0.status.rawValue):\($0.article ?? "-")"
    }
  }

  // MARK: A

  @Test func aFiresOnScopeWithoutGuideline() {
    #expect(status("A-guideline-basis", "第1条（業務の範囲）\n乙の業務は別表のとおりとし、プリンタは含まない。") == ["insufficient:1"])
  }

  @Test func aMissingWithoutScopeOrDutyArticle() {
    #expect(status("A-guideline-basis", "第1条（協議）\n定めのない事項は協議する。") == ["missing:-"])
  }

  @Test(arguments: [
    "乙は、前項の業務に関し、「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に従って安全管理を行う。",
    "乙は、２省ガイドラインに準拠して前項の業務のセキュリティを管理する。",
    "乙は、3省2ガイドラインに基づき、業務の安全管理を実施するものとする。",
    "乙は、医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン（最新版）に則り業務を行う。",
    "乙は、二省ガイドラインを遵守して業務を行う。",
    "乙は、本業務を、提供事業者ガイドラインに準拠して行う。",
    "乙は、関係法令及び国が定める医療情報の安全管理に関するガイドライン（提供事業者向けのものを含む。）を遵守する。",
    "乙は、医療情報システム・サービス事業者向けの安全管理ガイドラインを遵守する。",
    "乙は、経済産業省及び総務省が策定した、医療情報を扱うシステム・サービスを提供する事業者向けのガイドラインを踏まえて業務を行う。",
    "乙は、本業務の遂行にあたり、いわゆる２省ガイドラインの要求事項を満たす。",
    "乙は、医療情報を取り扱う情報システム・サービスの\n提供事業者における安全管理ガイドラインに従う。",
  ])
  func aPassesWithGuidelineInAnyStyle(sentence: String) {
    #expect(status("A-guideline-basis", "第1条（業務の範囲）\n乙の業務は別表のとおりとする。\n２　\(sentence)").isEmpty)
  }

  /// Other guidelines, or the institution's own compliance, are not the vendor's basis (DOMAIN.md 4 A).
  @Test(arguments: [
    "乙は、個人情報保護委員会の定めるガイドラインに従って業務を行う。",
    "甲は、提供事業者ガイドラインを遵守する。",
    "乙は、業界の一般的な水準に従って安全管理を行う。",
  ])
  func aStillFiresWithoutTheVendorGuideline(sentence: String) {
    #expect(!status("A-guideline-basis", "第1条（業務の範囲）\n乙の業務は別表のとおりとする。\n２　\(sentence)").isEmpty)
  }

  // MARK: B1

  @Test func b1FiresOnSignedDocumentOnly() {
    #expect(status("B1-change-notice", "第8条（契約の変更）\n本契約は、甲乙が記名押印した書面によってのみ変更できる。") == ["insufficient:8"])
  }

  @Test func b1PassesWithNoticeAndApproval() {
    let body = """
      第8条（変更）
      本契約は、甲乙が記名押印した書面によってのみ変更できる。
      ２　乙は、乙の業務提供範囲において甲のセキュリティ体制に影響を及ぼす変更を行うときは、実施予定日の三十日前までに甲に通知し、甲の承認を得なければならない。
      """
    #expect(status("B1-change-notice", body).isEmpty)
  }

  @Test func b1NeedsAFixedNumberOfDays() {
    let body = "第8条（変更）\n乙は、甲のセキュリティ体制に影響を及ぼす変更を行うときは、事前に甲に通知し、甲の承認を得る。"
    #expect(status("B1-change-notice", body) == ["insufficient:8"])
  }

  // MARK: B2

  @Test func b2FiresOnFreeSubcontracting() {
    #expect(
      status("B2-subcontract-control", "第9条（再委託）\n乙は、本業務の全部又は一部を第三者に自由に再委託することができる。") == ["insufficient:9"])
  }

  @Test func b2MissingWhenNoClause() {
    #expect(status("B2-subcontract-control", "第1条（目的）\n保守を定める。") == ["missing:-"])
  }

  @Test func b2PassesWithAllThreeElements() {
    let body = """
      第9条（再委託）
      乙は、あらかじめ甲の書面による承諾を得た場合に限り、本業務の一部を再委託することができる。
      ２　乙は、再委託先に対し本契約に基づく乙の義務と同等の義務を課し、再委託先を監督する。
      ３　再委託先の行為は乙の行為とみなし、乙は甲に対して責任を負う。
      """
    #expect(status("B2-subcontract-control", body).isEmpty)
  }

  @Test func b2ConsentAloneIsNotEnough() {
    let body = "第9条（再委託）\n乙は、甲の事前の書面による承諾を得て再委託することができる。"
    #expect(status("B2-subcontract-control", body) == ["insufficient:9"])
  }

  // MARK: C1 / C2

  @Test func c1FiresOnVendorDutiesOnly() {
    #expect(status("C1-user-side-security", "第4条（乙の責任）\n乙は、善良な管理者の注意をもって業務を行う。") == ["insufficient:4"])
  }

  @Test func c1PassesWithVendorLedConsultation() {
    let body = "第4条（乙の責任）\n乙は業務を行う。\n２　甲のセキュリティ対策に関する具体的な実施事項は、乙が主導して甲と協議の上定め、甲がこれを実施する。"
    #expect(status("C1-user-side-security", body).isEmpty)
  }

  @Test func c1WorksWithSaaSLabels() {
    let body = "第4条（当社の責任）\n当社はサービスを提供します。\n２　契約者のセキュリティ対策の具体的な内容は、当社が主導して契約者と協議の上で定め、契約者が実施します。"
    #expect(status("C1-user-side-security", body, labels: ("契約者", "当社")).isEmpty)
  }

  @Test func c2FiresOnProvidedItemsWithoutSecuritySplit() {
    let body = "第6条（甲の協力）\n甲は、保守に必要な電源、通信回線、リモート保守用機器及び消耗品を自己の責任で用意する。"
    #expect(status("C2-provided-items-security", body) == ["insufficient:6"])
  }

  @Test func c2PassesWithVendorLedSplit() {
    let body = """
      第6条（甲の協力）
      甲は、保守に必要な電源、通信回線及びリモート保守用機器を用意する。
      ２　前項の機器及び設備に係るセキュリティ対策は、乙が主導して甲と協議した内容に基づき、甲が実施する。
      """
    #expect(status("C2-provided-items-security", body).isEmpty)
  }

  /// DOMAIN §4: C2 is about the things the cooperation article makes the institution provide;
  /// where the contract makes it provide nothing, there is nothing to split.
  @Test func c2NotRaisedWhenTheInstitutionProvidesNothing() {
    #expect(status("C2-provided-items-security", "第1条（目的）\n保守を定める。").isEmpty)
  }

  // MARK: D1

  @Test(arguments: [
    "乙の損害賠償の額は、委託料の総額を上限とする。",
    "乙は、いかなる場合においても、逸失利益及び第三者からの請求については責任を負わない。",
    "乙の責任は、甲に現実に生じた通常かつ直接の損害に限られる。",
  ])
  func d1FiresOnCapsAndExclusions(sentence: String) {
    #expect(status("D1-liability-carveout", "第15条（損害賠償）\n\(sentence)") == ["insufficient:15"])
  }

  @Test func d1PassesWithCarveOutAndSecurityPremise() {
    let body = """
      第15条（損害賠償）
      乙の損害賠償の額は、委託料の総額を上限とする。
      ２　前項の制限は、乙に故意又は重大な過失がある場合には適用しない。
      ３　乙が２省ガイドラインに沿って行う安全管理は乙の善管注意義務の内容をなし、その不備による損害は逸失利益を含め誠実に協議の上賠償する。
      """
    #expect(status("D1-liability-carveout", body).isEmpty)
  }

  @Test func d1GrossNegligenceAloneIsNotEnough() {
    let body = "第15条（損害賠償）\n乙の賠償額は委託料を上限とする。ただし、乙の故意又は重過失による場合はこの限りでない。"
    #expect(status("D1-liability-carveout", body) == ["insufficient:15"])
  }

  @Test func d1UnlimitedDamagesRaisesNothing() {
    #expect(status("D1-liability-carveout", "第15条（損害賠償）\n乙は、本契約に違反して甲に損害を与えたときは、その損害を賠償する。").isEmpty)
  }

  /// DOMAIN §4: D1 is raised by a cap or exclusion without the carve-out; with no damages clause
  /// nothing limits the vendor's liability.
  @Test func d1NotRaisedWithoutAnyLimitation() {
    #expect(status("D1-liability-carveout", "第1条（目的）\n保守を定める。").isEmpty)
  }

  // MARK: D2

  @Test func d2FiresOnExemptionForNonDesignatedSoftware() {
    #expect(
      status("D2-designated-software-vulnerability", "第16条（免責）\n乙は、乙が指定しないソフトウェアに起因する障害について責任を負わない。") == [
        "insufficient:16"
      ])
  }

  @Test func d2PassesWithVulnerabilityConsultation() {
    let body = """
      第16条（免責）
      乙は、乙が指定しないソフトウェアに起因する障害について責任を負わない。
      ２　前項は、乙が指定したソフトウェア及びOSに脆弱性が判明した場合に、乙が主導して甲と協議し、対策を決定し実施していることを条件とする。
      """
    #expect(status("D2-designated-software-vulnerability", body).isEmpty)
  }

  @Test func d2NotRaisedWithoutAnExemption() {
    // DOMAIN §4: D2 conditions an exemption; without an exemption there is nothing to condition.
    #expect(status("D2-designated-software-vulnerability", "第1条（目的）\n保守を定める。").isEmpty)
  }

  // MARK: Rendering

  @Test func suggestionsUseTheContractsLabelsAndNumbers() {
    let f = findings("第十五条（損害賠償）\n乙の賠償額は委託料を上限とする。\n２　乙は逸失利益について責任を負わない。")
      .first { $0.ruleId == "D1-liability-carveout" }!
    #expect(f.suggestion.instruction == "第十五条に次の一項を加える。")
    #expect(f.suggestion.text.hasPrefix("３　"))
    #expect(f.suggestion.text.contains("乙に故意又は重大な過失がなく"))
    // The instruction is for a person and never part of the wording.
    #expect(!f.suggestion.text.contains("加える。"))
    #expect(f.evidence.map(\.text) == ["乙の賠償額は委託料を上限とする。", "乙は逸失利益について責任を負わない。"])
    #expect(f.lesson?.id == "court-tokyo-2014")
    let saas = findings("第3条（当社の責任）\n当社はサービスを提供します。", labels: ("契約者", "当社"))
      .first { $0.ruleId == "C1-user-side-security" }!
    #expect(saas.suggestion.text.contains("当社が主導して契約者と協議"))
  }

  @Test func missingClausesGetTheNextArticleNumber() {
    let f = findings("第1条（目的）\n保守を定める。\n第2条（協議）\n協議する。").first { $0.ruleId == "B2-subcontract-control" }!
    #expect(f.suggestion.instruction == "次の条を新たに設ける。")
    #expect(f.suggestion.text.hasPrefix("第") && f.suggestion.text.contains("条（再委託）\n"))
    // Every new article of the review gets its own number after the last one (第2条).
    let numbers = findings("第1条（目的）\n保守を定める。\n第2条（協議）\n協議する。")
      .filter { $0.placement.kind == .article }.map(\.placement.article)
    #expect(numbers == (0..<numbers.count).map { String(3 + $0) })
    #expect(f.evidence.isEmpty && f.article == nil)
  }

  @Test func evidenceIsAnExactSliceOfTheSource() {
    let text = "保守契約書\n甲と乙は契約する。\n第１条　（再委託）\n乙は、　本業務を自由に再委託できる。\n"
    let r = Self.reviewer.review(SourceText(text: text))
    for f in r.findings {
      for e in f.evidence { #expect(r.source.slice(e.start..<e.end) == e.text) }
    }
    #expect(
      r.findings.contains {
        $0.ruleId == "B2-subcontract-control" && $0.evidence.first?.text == "乙は、　本業務を自由に再委託できる。"
      })
  }

  /// The new paragraph is numbered as the contract numbers its own (「２．」 gives 「３．」).
  @Test func newParagraphsFollowTheContractsNumbering() {
    let f = findings("第2条（業務の範囲）\n１．乙の業務は別表のとおりとする。\n２．プリンタは含まない。")
      .first { $0.ruleId == "A-guideline-basis" }
    #expect(f?.suggestion.text.hasPrefix("３．") == true, "\(f?.suggestion.text ?? "-")")
    let g = findings("第2条（業務の範囲）\n1. 乙の業務は別表のとおりとする。\n2. プリンタは含まない。")
      .first { $0.ruleId == "A-guideline-basis" }
    #expect(g?.suggestion.text.hasPrefix("3. ") == true, "\(g?.suggestion.text ?? "-")")
  }

  /// Where a clause says the opposite, the wording replaces it rather than adding a paragraph
  /// that contradicts it.
  @Test func aContradictingClauseIsReplaced() {
    let f = findings("第7条（再委託）\n乙は、甲の承諾を要することなく、本業務を第三者に再委託することができる。")
      .first { $0.ruleId == "B2-subcontract-control" }
    #expect(f?.suggestion.replaces == "乙は、甲の承諾を要することなく、本業務を第三者に再委託することができる。")
    #expect(f?.suggestion.instruction.hasPrefix("第7条") == true)
    #expect(f?.elements.first { $0.id == "B2.consent" }?.status == .contradicted)
  }

  /// A document that cannot be cut into articles is 要確認, not "missing" everywhere.
  @Test func anUnstructuredDocumentIsUnclear() {
    let r = Self.reviewer.review(SourceText(text: "ご案内\n\n保守の窓口は別途ご連絡します。料金は月額です。"))
    let seven = r.findings.filter { ["A", "B1", "B2", "C1"].contains($0.guideRefs.first ?? "") }
    #expect(!seven.isEmpty && seven.allSatisfy { $0.status == .unclear })
  }

  func element(_ id: String, in body: String) -> ElementResult.Status? {
    let rule = id.split(separator: ".").first.map(String.init) ?? id
    let f = findings(body).first { $0.guideRefs.first == rule }
    // No finding for the concern: every element holds.
    return f == nil ? .met : f?.elements.first { $0.id == id }?.status
  }

  /// DOMAIN.md 4 B2: consent given by the classic proviso is prior consent — the proviso lifts the
  /// prohibition, 「この限りでない」 does not negate the consent.
  @Test func aProvisoLiftingAProhibitionMeetsConsent() {
    #expect(
      element(
        "B2.consent",
        in: "第9条（再委託）\n乙は、本業務を第三者に再委託してはならない。ただし、あらかじめ甲の書面による承諾を得たときは、この限りでない。")
        == .met)
    // The same proviso waiving consent for some work still says consent is not always needed.
    #expect(
      element(
        "B2.consent",
        in: "第9条（再委託）\n乙は、甲の事前の承諾を得て再委託することができる。ただし、軽微な作業の再委託は、甲の承諾を要しない。")
        == .contradicted)
  }

  /// The institution's right to refuse consent presumes the consent (DOMAIN.md 4 B2).
  @Test func aRightToRefuseConsentIsNotItsNegation() {
    #expect(
      element(
        "B2.consent",
        in:
          "第9条（再委託）\n乙は、あらかじめ甲の書面による承諾を得た場合に限り、本業務の一部を再委託できる。\n２　甲は、再委託先の安全管理体制が不十分であると認めるときは、前項の承諾をしないことができる。"
      )
        == .met)
  }

  /// A 覚書 that points at the contract's own article in kanji (「原契約第六条に定める安全管理」) is read
  /// with that article (DOMAIN.md 4 D1: the limitation tied to the guideline-based efforts).
  @Test func aMemorandumReadsTheArticleItNamesInKanji() {
    let body = """
      第6条（安全管理）
      乙は、2省ガイドラインに基づき本業務に係る安全管理を行う。
      第14条（損害賠償）
      乙の賠償責任は、直近1年間の委託料を上限とする。ただし、乙の故意又は重大な過失による場合はこの限りでない。

      覚書
      甲と乙は、原契約に関し次のとおり合意する。
      第1条（責任制限の前提）
      原契約第十四条の上限は、乙が原契約第六条に定める安全管理を行っていた場合に限り適用する。
      """
    #expect(element("D1.gl-efforts", in: body) == .met)
  }

  /// The vendor leads a consultation it opens and brings together (「自ら協議を申し入れ…取りまとめ」),
  /// and the party a long sentence opens with leads what it 「主導して」 does (DOMAIN.md 4 C1, D2).
  @Test func theVendorThatOpensTheConsultationLeadsIt() {
    #expect(
      element(
        "D2.vendor-led",
        in: """
          第12条（免責）
          乙は、乙が指定していないソフトウェアの使用に起因する障害について責任を負わない。
          ２　乙が指定したソフトウェアに脆弱性が判明したときは、乙は、自ら甲に協議を申し入れてこれを取りまとめ、合意した対策を実施する。
          """) == .met)
    #expect(
      element(
        "C1.vendor-led",
        in: "第5条（医療機関の対策）\n乙は、甲が自ら実施すべきセキュリティ対策について、アクセス権限の管理、端末の管理、事故時の連絡体制の各項目ごとに主導して甲と協議し、甲乙で具体的な対策を決定する。"
      ) == .met)
  }

  /// DOMAIN.md 4 (B2, D1) with the engine issue's 「an amending 覚書 that follows the contract」: a
  /// 覚書 that rewrites or deletes a clause sets the old wording aside; without the amending words
  /// the old clause still speaks.
  @Test(arguments: [true, false])
  func aMemorandumThatRewritesAClauseReplacesIt(amends: Bool) {
    let body = """
      第7条（再委託）
      乙は、本業務の全部又は一部を、甲の承諾を要することなく第三者に再委託することができる。
      第8条（損害賠償）
      乙の賠償責任は委託料を上限とする。
      ２　前項にかかわらず、乙は、いかなる場合においても逸失利益について責任を負わない。

      覚書
      甲と乙は、保守契約（以下「原契約」という。）に関し、次のとおり合意する。
      第1条（再委託の変更）
      \(amends ? "原契約第7条を次のとおり改める。" : "")
      乙は、本業務を第三者に再委託するときは、あらかじめ甲の書面による承諾を得なければならない。この場合、乙は再委託先に本契約と同等の義務を課して監督し、再委託先の義務違反は乙の義務違反とみなす。
      第2条（責任制限の変更）
      \(amends ? "原契約第8条第2項を削除する。" : "")
      原契約第8条第1項の規定は、乙に故意又は重大な過失がある場合、又は乙が2省ガイドラインに基づく安全管理（善管注意義務の内容をなす。）を怠った場合には適用せず、乙は、甲と誠実に協議の上、逸失利益を含めて損害を賠償する。
      """
    let raised = Set(findings(body).compactMap(\.guideRefs.first))
    #expect(raised.contains("B2") == !amends)
    // With the deletion the absolute exclusion of lost profits is gone (without it the contract
    // says both; that reading is left to the B2 half of this test).
    if amends { #expect(!raised.contains("D1")) }
  }
}
