import Testing

@testable import BunkaiCore

/// Parties under labels of their own and who leads a consultation written in other ways
/// (DOMAIN.md section 4, C1/C2 and A; issue 9: `{vendor}`/`{institution}` bind to whatever labels
/// the contract gives).
extension ReadingAndLocationTests {
  /// 「│ 保守会社 │ 株式会社… │」 in a ruled cover table names the parties as a 「保守会社：…」 line does.
  @Test func ruledCoverTableWithLabelsOfItsOwn() {
    let text = """
      検査システム保守契約書

      ┌──────┬────────────────┐
      │ 医療機関     │ 医療法人はるかぜ会 はるかぜ病院 │
      │ 保守会社 │ 株式会社ミナトラボ           │
      └──────┴────────────────┘

      第1条（目的）
      保守会社は、医療機関の検査システムを保守する。

      第2条（医療機関の対策）
      保守会社は、医療機関の職員が講ずべき安全対策について、自ら案を作成して医療機関に示し、医療機関との協議を主導する。医療機関は、協議で定めた対策を実施する。
      """
    let parties = review(text).contract.parties
    #expect(parties.contains { $0.label == "保守会社" && $0.role == .vendor })
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// A five-character label ending in 者 (「提供事業者」) defined after a company's name is the vendor,
  /// and the same word inside the vendor guideline's title still reads as the title.
  @Test func aLongerLabelAndTheGuidelineTitleThatContainsIt() {
    let text = """
      データ保管サービス契約書

      医療法人みなと会（以下「利用機関」という。）と株式会社シオサイ（以下「提供事業者」という。）は、次のとおり契約を締結する。

      第1条（安全管理）
      提供事業者は、本業務の安全管理措置を、経済産業省及び総務省の「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」に沿って講じる。

      第2条（利用機関の対策）
      提供事業者は、利用機関の職員が行うべき対策（端末のパスワード管理等）を具体的に取りまとめて示し、その確定のための協議を主宰する。利用機関は、確定した対策を実行する。
      """
    #expect(review(text).contract.parties.contains { $0.label == "提供事業者" && $0.role == .vendor })
    #expect(element("A.gl-basis", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// 「前項の回線について、乙は…設定を提示し、甲との協議により定める」: a phrase naming the matter
  /// comes before the party that leads; 話合い is a consultation.
  @Test func aMatterPhraseBeforeTheLeaderAndTalksCalled話合い() {
    let text =
      Self.opening + """
        第4条（接続環境）
        甲は、本業務に用いる通信回線及び接続用ルータを用意する。
        ２　前項の回線及びルータについて、乙は設置時に必要なセキュリティ設定（接続元の制限、通信の暗号化、管理者パスワードの変更、使わない通信ポートの閉鎖等）を提示し、甲との協議により設定内容を定める。甲は、定めた設定を維持する。
        """
    #expect(element("C2.vendor-led", text) == .met)
    let talks = text.replacingOccurrences(of: "甲との協議により設定内容を定める", with: "甲との話合いで設定内容を決める")
    #expect(element("C2.provided-security", talks) == .met)
    // The institution presenting the settings leads instead.
    let swapped = text.replacingOccurrences(of: "乙は設置時に", with: "甲は設置時に")
    #expect(element("C2.vendor-led", swapped) != .met)
  }
}
