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
}
