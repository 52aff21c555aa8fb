import Testing

@testable import BunkaiCore

/// Contracts scanned on paper and read through OCR: 乙 comes out as Z, 甲 as 申, the long vowel mark
/// between katakana as 一, 全 as 仝, and the article markers as 「第1O条」「第l2条」「第3粂」
/// (DOMAIN.md section 4: the review must read the contracts hospitals actually hold).
extension ReadingAndLocationTests {
  @Test func aScannedContractReadsAsTheClean() {
    let clean = """
      データ保管サービス契約書

      医療法人あおば会 あおば眼科（以下「甲」という。）と株式会社ヒカリストレージ（以下「乙」という。）は、次のとおり契約を締結する。

      第9条（再委託）
      乙は、甲の書面による事前の承諾を得た場合を除き、本サービスの業務を第三者に再委託しない。

      第10条（体制の変更）
      乙は、保管設備又は運用体制を変更しようとする場合で、甲の安全管理に影響するときは、変更の60日前までに書面で甲に通知し、甲の承諾を得る。

      第11条（免責）
      乙は、甲の指示により行った作業に起因する障害について責任を負わない。
      """
    let scanned =
      clean
      .replacingOccurrences(of: "第10条", with: "第1O条")
      .replacingOccurrences(of: "第11条", with: "第l1粂")
      .replacingOccurrences(of: "乙は、保管設備", with: "Zは、保管設備")
      .replacingOccurrences(of: "書面で甲に通知し、甲の承諾", with: "書面で申に通知し、申の承諾")
      .replacingOccurrences(of: "データ保管サービス", with: "デ一タ保管サ一ビス")
    let articles = ContractParser.parse(SourceText(text: Self.clean(scanned))).articles.map(\.number)
    #expect(articles.contains("10") && articles.contains("11"))
    for id in ["B1.notice", "B1.approval", "B2.consent"] {
      #expect(element(id, scanned) == element(id, clean), "\(id)")
    }
    #expect(element("B1.notice", scanned) == .met)
    // The matching view reads the confusions as the words they stand for.
    for (ocr, meant) in [
      ("1 Zは、", "1 乙は、"), ("申乙の協議", "甲乙の協議"), ("申の指示", "甲の指示"), ("サ一ビス", "サービス"), ("安仝管理", "安全管理"),
    ] {
      #expect(Normalizer.fold(ocr) == Normalizer.fold(meant), "\(ocr)")
    }
    // Letters that are a word of their own stay letters (「ZIP形式」, 「申請」).
    let words = Normalizer.normalize("ZIP形式で申請する").chars
    #expect(words.starts(with: Normalizer.fold("zip")) && Lines.occurs(Normalizer.fold("申請"), in: words[...]))
  }

  static func clean(_ text: String) -> String {
    String(String.UnicodeScalarView(Layout.clean(Array(text.unicodeScalars))))
  }
}
