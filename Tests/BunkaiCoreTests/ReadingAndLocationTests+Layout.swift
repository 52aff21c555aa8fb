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
}
