import Testing

@testable import BunkaiCore

/// Subcontracting written as having someone else do part of the work, whatever the doer is called
/// (DOMAIN.md section 4, B2: the subcontractor may be named 協力会社, 委託先 … or not named at all).
extension ReadingAndLocationTests {
  static func otherDoerArticle(_ act: String) -> String {
    opening + """
      第7条（業務の実施体制）
      乙は、あらかじめ甲の書面による承諾を得た場合に限り、\(act)ことができる。
      ２　乙は、当該会社に対し、乙が本契約により負う安全管理上の義務と同等の義務を課し、その履行を監督する。
      ３　当該会社の義務違反は、乙の義務違反とみなす。
      """
  }

  /// Consent, equal duties and attribution all meet B2 when the article has another company do part
  /// of the work — its other paragraphs say 「当該会社」 and are about that company.
  @Test(arguments: [
    "本業務の一部を他の会社に施工させる",
    "本業務の一部を乙の提携する会社に分担させる",
    "本サービスの一部を乙の関係会社に実施させる",
    "本業務の一部を、乙の責任において他の会社に行わせる",
    "本業務の一部に他の会社を関与させる",
    "本業務の一部を外部に発注する",
    "本業務の一部を他の会社の手に委ねる",
  ])
  func havingAnotherCompanyDoPartOfTheWork(act: String) {
    let text = Self.otherDoerArticle(act)
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
    #expect(finding("B2", text) == nil)
  }

  /// The same article about something other than another doer is no subcontracting clause.
  @Test func partOfTheWorkWithoutAnotherDoerIsNoSubcontracting() {
    let text = Self.otherDoerArticle("本業務の一部の実施日を変更する")
    #expect(element("B2.consent", text) != .met)
    #expect(finding("B2", text) != nil)
  }

  /// A subcontractor named by what it is (「外部要員」「技術パートナー」「協力者」) is a subcontractor: a
  /// free hand to use it without consent is B2 short at that article, not a missing clause.
  @Test(arguments: ["外部要員", "技術パートナー", "協力者", "パートナー事業者"])
  func subcontractorsByName(name: String) throws {
    let text =
      Self.opening + """
        第5条（作業報告）
        乙は、毎月の作業結果を甲に報告する。

        第6条（\(name)）
        乙は、乙の判断で\(name)を使用することができる。

        第7条（秘密保持）
        甲及び乙は、相手方の秘密情報を第三者に開示しない。
        """
    let f = try #require(finding("B2", text))
    #expect(f.status == .insufficient)
    #expect(f.article == "6")
  }
}
