import Testing

@testable import BunkaiCore

/// Translated terms that name both parties in one sentence (「「ベンダー」とは…を、「クリニック」とは…を
/// 意味する。」), as translators write a definitions clause (issue 9: parties defined in the
/// definitions).
extension ParserTests {
  @Test func bothPartiesDefinedInOneSentence() {
    let text = """
      予約システム導入契約（翻訳版）

      本契約において、「ベンダー」とはノースポイント・ジャパン合同会社を、「クリニック」とは医療法人社団あおぞら会　あおぞら眼科クリニックを意味する。

      第1条（目的）
      ベンダーは、クリニックに予約システムを導入する。
      """
    let (c, _) = parse(text)
    #expect(c.parties.first { $0.label == "ベンダー" }?.role == .vendor)
    #expect(c.parties.first { $0.label == "ベンダー" }?.name == "ノースポイント・ジャパン合同会社")
    #expect(c.parties.first { $0.label == "クリニック" }?.role == .institution)
    #expect(c.parties.first { $0.label == "クリニック" }?.name == "医療法人社団あおぞら会　あおぞら眼科クリニック")
  }

  /// A translated licence names its sides 「ライセンサー」 and 「ライセンシー」: the licensor is the
  /// vendor and the licensee the institution, however long their names (DOMAIN.md section 2).
  @Test func licensorAndLicensee() {
    let text = """
      画像解析ソフトウェア使用許諾契約書

      本使用許諾契約（以下「本契約」という。）は、アストラ・イメージング株式会社（以下「ライセンサー」という。）と医療法人社団しおさい会　しおさい内科クリニック（以下「ライセンシー」という。）との間で締結される。

      第1条（許諾）
      ライセンサーは、ライセンシーに対し、本ソフトウェアの使用を許諾する。
      """
    let (c, _) = parse(text)
    #expect(c.parties.first { $0.label == "ライセンサー" }?.role == .vendor)
    #expect(c.parties.first { $0.label == "ライセンシー" }?.role == .institution)
    #expect(c.parties.first { $0.label == "ライセンシー" }?.name == "医療法人社団しおさい会　しおさい内科クリニック")
  }
}
