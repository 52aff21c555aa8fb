import Testing

@testable import BunkaiCore

/// C1, C2 and D1 in the words of contracts for newer services, read as the dev32 hold-out wrote them
/// (DOMAIN.md section 4, C1, C2 and D1).
extension ReadingAndLocationTests {
  /// Talks the vendor leads on one item of the provided list (「前条第2号の院内LANについては」) secure
  /// that provided thing (C2); they do not settle the institution's own measures, which the next
  /// article leaves to the institution alone (C1 raised).
  @Test func talksOnOneProvidedItemAreNotTheInstitutionsOwnMeasures() {
    let text =
      Self.opening + """
        第3条（甲が用意するもの）
        甲は、次のものを自らの費用で用意する。
        （1）端末の設置場所
        （2）院内LAN
        （3）光回線

        第4条（安全管理）
        1　乙は、本業務の安全管理を適切に行う。
        2　前条第2号の院内LANについては、その安全対策を、乙が開く打合せで乙が示す案をもとに協議して定め、甲が実施する。

        第5条（甲の対策）
        乙は、甲が講ずべき情報セキュリティ対策について参考資料を渡す。甲が講ずる対策は、甲が自ら決定して実施する。

        第6条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(finding("C1", text) != nil)
    // The same talks held on the institution's own measures meet C1.
    let own = text.replacingOccurrences(
      of: "前条第2号の院内LANについては、その安全対策を", with: "甲が院内で講ずべき安全対策は、")
    #expect(finding("C1", own) == nil)
  }

  /// 「前条に定めるもののほか、…甲側で講じる安全対策…を定めるため、…検討会を招集し、これを運営する」: the
  /// institution's own measures are what is left besides the provided things, settled in a meeting the
  /// institution calls and runs, which the vendor only attends when asked (C1 raised).
  @Test func theInstitutionsOwnMeasuresBesidesTheProvidedThingsInItsOwnMeeting() {
    let text =
      Self.opening + """
        第7条（甲が提供する機器）
        1　甲は、予約システムを動かす端末1台と院内回線を乙に提供する。
        2　乙は、前項により甲が提供する端末及び院内回線の安全対策について、具体案を作って甲に示したうえで、甲との協議を進める。当該協議で定めた対策は、甲が実施する。

        第8条（甲における安全対策）
        1　甲は、前条に定めるもののほか、システムの運用に伴い甲側で講じる安全対策（担当者の指名、停止の手順など）を定めるため、必要に応じて検討会を招集し、これを運営する。
        2　乙は、甲の求めに応じて前項の検討会に出席し、意見を述べる。
        3　第1項の検討会で定めた対策は、甲が実施する。

        第9条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(finding("C1", text) != nil)
    #expect(element("C1.vendor-led", text) != .met)
  }

  /// 「パソコンと回線のほかに、医院の側で行うセキュリティ対策は」 leaves the provided things out of the
  /// talks, and 「パソコンと回線のセキュリティ対策は、医院が自分で決めて行います」 leaves them to the
  /// practice alone (C2 contradicted, not met).
  @Test func theProvidedThingsLeftToThePracticeAloneBesideTalksOnTheRest() {
    let text = """
      予約サービス利用のお約束

      やまもと内科医院（以下「医院」）と株式会社サトウ予約（以下「会社」）は、予約サービスについて、次のとおり約束します。

      第1条（サービス）
      会社は、医院に予約サービスを提供します。

      第2条（医院が用意するもの）
      1　医院は、サービスを使うためのパソコン2台とインターネット回線を自分で用意します。
      2　前の項のパソコンとインターネット回線のセキュリティ対策（パスワード、ルーターの設定など）は、医院が自分で決めて行います。会社はこれには関わりません。

      第3条（医院の対策の決め方）
      1　パソコンとインターネット回線のほかに、医院の側で行うセキュリティ対策（職員のアカウントの管理など）については、会社が毎年打合せを申し込み、会社が作った項目表に沿って話を進めます。
      2　その打合せで医院と会社が一緒に決めたことを、医院が行います。

      第4条（料金）
      医院は、会社に月々の料金を払います。
      """
    #expect(finding("C2", text) != nil)
    #expect(element("C2.provided-security", text) == .contradicted)
    #expect(element("C2.vendor-led", text) != .met)
    #expect(finding("C1", text) == nil)
  }

  /// 「償うのは料金の1年分までとし、もうけそこなった分は償いません」: a cap and lost profits left out, in
  /// a practice's words, with no carve-out for wilful misconduct (D1 raised).
  @Test func aCapAndLostProfitsInAPracticesWords() {
    let text =
      Self.opening + """
        第10条（お金で償うとき）
        乙の落ち度で甲に損害が出たときは、乙は、その損害をお金で償います。ただし、償うのはこの約束の料金の1年分までとし、もうけそこなった分は償いません。
        """
    #expect(element("D1.limitation", text) == .met)
    #expect(finding("D1", text) != nil)
    // Every loss made good, with no cap: nothing is limited.
    let whole = text.replacingOccurrences(
      of: "ただし、償うのはこの約束の料金の1年分までとし、もうけそこなった分は償いません。", with: "")
    #expect(finding("D1", whole) == nil)
  }

  /// 「業者が中心になって当院と話し合い、一緒に決めます」: the vendor at the centre of the talks leads
  /// them, in plain words (C1 met); the practice that only hears it out does not.
  @Test func theVendorAtTheCentreOfTheTalks() {
    let text = """
      文字起こしサービスのお約束

      やまべ内科クリニック（以下「当院」）と合同会社コエラボ（以下「コエラボ」）は、文字起こしサービスについて、次のとおり約束します。

      第1条（サービス）
      コエラボは、当院に文字起こしサービスを提供します。

      第2条（当院がする安全対策の決め方）
      当院のパソコンの使い方やパスワードなど、当院の側でするべき安全対策は、コエラボが中心になって当院と話し合い、一緒に決めます。決めたことは当院が行います。

      第3条（料金）
      当院は、コエラボに料金を払います。
      """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let alone = text.replacingOccurrences(
      of: "コエラボが中心になって当院と話し合い、一緒に決めます。", with: "当院が決めます。")
    #expect(finding("C1", alone) != nil)
  }

  /// 「…安全対策は、乙の責任において取りまとめる。すなわち、乙は、…案を示して甲と協議し、…確定する。」:
  /// the sentence opening with すなわち says the first one again in full, so the institution's measures
  /// it names are what the talks settle (C1 met).
  @Test func aSentenceThatSaysTheOneBeforeAgainInFull() {
    let text =
      Self.opening + """
        第4条（甲で講ずる対策）
        1　甲において講ずべき安全対策（利用者IDの管理、端末の施錠等）は、乙の責任において取りまとめる。すなわち、乙は、年1回の点検訪問において項目ごとに具体的な案を示して甲と協議し、その結果を確認書として確定する。
        2　甲は、確認書に記載された事項を実施する。

        第5条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(finding("C1", text) == nil)
  }

  /// 「…対策すり合わせ会で内容を確定し、甲が実施します」: a meeting where both sides match up the
  /// measures is talks that settle them (C1.decided-jointly met).
  @Test func measuresSettledInAMatchingUpMeeting() {
    let text =
      Self.opening + """
        第4条（院内での対策）
        甲の院内で実施していただく対策（サーバの管理者パスワードの管理、職員の不審メールへの対応等）は、乙の担当者が甲を訪問して進める対策すり合わせ会で内容を確定し、甲が実施します。

        第5条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let alone = text.replacingOccurrences(
      of: "乙の担当者が甲を訪問して進める対策すり合わせ会で内容を確定し、", with: "")
    #expect(element("C1.decided-jointly", alone) != .met)
  }

  /// 「あるソフトが業者の指定したものにあたるかどうかは、トラブルが起きた後に業者が判断します」: the vendor
  /// decides after the fault what it designated, so the exemption's condition reaches as far as it
  /// says (D2 unclear, raised).
  @Test func theVendorDecidesAfterTheTroubleWhatItDesignated() {
    let text =
      Self.opening + """
        第9条（乙の責任にならないトラブル）
        甲が自分で入れたソフトや、乙が指定していないソフト・OSが原因で起きたトラブルについては、乙は責任を負いません。ただし、乙が指定したソフトやOSに弱点が見つかったときは、乙が中心になって甲と相談して対策を決め、それを実行していることが前提です。
        なお、あるソフトが乙の指定したものにあたるかどうかは、トラブルが起きた後に乙が判断して甲に伝えます。
        """
    #expect(element("D2.designated-vuln", text) == .unclear)
    #expect(finding("D2", text) != nil)
    let settled = text.replacingOccurrences(
      of: "なお、あるソフトが乙の指定したものにあたるかどうかは、トラブルが起きた後に乙が判断して甲に伝えます。",
      with: "")
    #expect(finding("D2", settled) == nil)
  }

  /// 「…損害が生じた場合であっても、乙に故意又は重大な過失があるときを除き、その損害を賠償しない」: the
  /// liability excluded whole (D1.limitation) with wilful misconduct carved out (D1.wilful-gross met);
  /// the even-if is the damage's. Where it is the misconduct's, the carve-out is contradicted.
  @Test func noLiabilityEvenForDamageSaveWilfulMisconduct() {
    let text =
      Self.opening + """
        第9条（損害賠償）
        乙は、本業務に関し甲に損害が生じた場合であっても、乙に故意又は重大な過失があるときを除き、その損害を賠償しない。
        """
    #expect(element("D1.limitation", text) == .met)
    #expect(element("D1.wilful-gross", text) == .met)
    let evenGross = text.replacingOccurrences(
      of: "本業務に関し甲に損害が生じた場合であっても、乙に故意又は重大な過失があるときを除き、",
      with: "乙に故意又は重大な過失がある場合であっても、")
    #expect(element("D1.wilful-gross", evenGross) == .contradicted)
  }

  /// 「専用端末は乙が貸与する。…破損及び紛失の場合は、乙の定める実費を甲が負担する」: paying for a lost
  /// terminal is providing nothing, so C2 has nothing to split (no finding).
  @Test func payingForALostTerminalProvidesNothing() {
    let text =
      Self.opening + """
        第2条（機器の貸与）
        1　乙は、閲覧用の専用端末及び接続用のルータを甲に貸与する。
        2　専用端末の故障による交換は無償とする。ただし、甲の過失による破損及び紛失の場合は、乙の定める実費を甲が負担する。

        第3条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C2.provides", text) != .met)
    #expect(finding("C2", text) == nil)
  }

  /// A vendor that follows a security service standard or a guidance on personal information, not the
  /// vendor guideline: A is raised, and its place is that article rather than the scope of services.
  @Test func aSecurityServiceStandardIsWhereTheGuidelineBelongs() {
    for wording in [
      "乙は、経済産業省の「情報セキュリティサービス基準」に適合した事業者として、同基準に従って本業務を運営する。",
      "乙は、本業務を、公的機関が公表する「情報セキュリティサービス基準」に適合した乙のサービスとして実施する。",
      "乙は、個人情報の保護に関する法律及び「医療・介護関係事業者における個人情報の適切な取扱いのためのガイダンス」に従い、利用者の情報を適切に管理する。",
    ] {
      let text =
        Self.opening + """
          第1条（業務の内容）
          乙は、甲のネットワークを監視し、異常を知らせる。

          第2条（期間）
          この契約の期間は、1年とする。

          第3条（乙の管理体制）
          \(wording)

          第4条（代金）
          甲は、乙に代金を支払う。
          """
      #expect(element("A.gl-basis", text) == .unmet, "\(wording)")
      #expect(finding("A", text)?.article == "3", "\(wording)")
    }
  }

  /// 「サービスの中身が変わるとき」 and 「ソフトウェアの更新」 are articles about changes of the service in
  /// other words: notice given 「前もって」 there meets B1.notice, and the finding on the missing period
  /// and approval goes there.
  @Test func changesOfTheServiceUnderOtherHeadings() {
    let plain = """
      記録サービスのお約束

      やまべ内科クリニック（以下「当院」）と合同会社コエラボ（以下「コエラボ」）は、記録サービスについて、次のとおり約束します。

      第1条（サービス）
      コエラボは、当院に記録サービスを提供します。

      第2条（料金）
      当院は、コエラボに料金を払います。

      第3条（サービスの中身が変わるとき）
      コエラボは、このサービスの中身（使う仕組みや保存場所など）を変えるときは、前もって当院に知らせます。
      """
    #expect(element("B1.notice", plain) == .met)
    #expect(finding("B1", plain)?.article == "3")
    let updates =
      Self.opening + """
        第2条（代金）
        甲は、乙に代金を支払う。

        第3条（ソフトウェアの更新）
        乙は、本機器のソフトウェアについて、必要と乙が判断したときは、点検の際に更新を行う。更新の内容は、作業報告書に記載して甲に知らせる。
        """
    #expect(finding("B1", updates)?.article == "3")
  }

  /// 「前項の回線及び端末の安全対策について甲から相談があった場合、乙は…協議し」: talks on the provided things
  /// held only when the institution asks for them are not led by the vendor (C2 raised).
  @Test func talksOnTheProvidedThingsOnlyWhenTheInstitutionAsks() {
    let text =
      Self.opening + """
        第2条（甲が用意するもの）
        1　甲は、本業務に必要なインターネット回線及び端末を自らの費用で用意する。
        2　前項の回線及び端末の安全対策について甲から相談があった場合、乙は甲と打合せの場を設け、具体的な対策を示して協議し、その結果に基づき甲が実施する。
        """
    #expect(element("C2.vendor-led", text) != .met)
    #expect(finding("C2", text) != nil)
    let led = text.replacingOccurrences(of: "について甲から相談があった場合、乙は", with: "について、乙は、毎年")
    #expect(finding("C2", led) == nil)
  }
}
