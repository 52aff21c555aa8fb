import Testing

@testable import BunkaiCore

/// C1 and D2 in the words of contracts for a hospital's everyday systems, read as the dev33 hold-out
/// wrote them (DOMAIN.md section 4, C1 and D2).
extension ReadingAndLocationTests {
  /// The institution's own measures, with the things it prepares taken out of them in a gloss
  /// (「…（…。ただし、第3条に定める甲の準備物に係るものを除く。）」), settled in talks the vendor opens and
  /// runs: C1 met. The carve-out says which measures are not talked about; it does not make the
  /// provided things the matter of the talks.
  @Test func ownMeasuresWithThePreparedThingsTakenOutAreC1() {
    let text =
      Self.opening + """
        第3条（甲の準備物）
        甲は、透析装置をつなぐ院内LANと中継用パソコンを用意する。

        第4条（甲の安全管理措置）
        乙は、甲が院内で担う安全管理措置（病棟端末の利用者認証等。ただし、第3条の準備物に係るものを除く。）について、毎年度、点検項目を示して協議を開き、その進行を受け持つ。合意した措置は甲が実施する。

        第5条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(finding("C1", text) == nil)
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// A responsibility table's row 「…｜当社が点検会議を招集し、お客様が講じる措置の案を提示して協議を
  /// 進める／お客様は会議で決めた措置を実施する」: the customer in 「お客様が講じる措置」 is the matter
  /// presented, not who presents it; the company leads (C1 met).
  @Test func theMeasuresACustomerTakesAreWhatTheCompanyPresents() {
    let text = """
      サーバ室利用約款

      株式会社ミナトデータ（以下「当社」という。）は、サーバ室の利用サービス（以下「本サービス」という。）をお客様に提供します。

      1. 総則
      1.1 この約款は、本サービスの利用条件を定めます。
      1.2 当社とお客様の責任の分担は、別表のとおりとします。

      2. 料金
      2.1 お客様は、当社に月額の料金を支払います。

      別表　責任の分担
      1　建物と空調の維持｜当社
      2　お客様が持ち込む機器とデータに関するセキュリティ対策（入室者の登録の見直し、媒体の持出しの扱い）｜当社が半年ごとに点検会議を招集し、お客様が講じる措置の案を提示して協議を進める／お客様は会議で決めた措置を実施する
      3　停電時の連絡｜当社
      """
    #expect(element("C1.vendor-led", text) == .met)
    // The customer presenting its own draft is no vendor-led talk.
    let own = text.replacingOccurrences(
      of: "当社が半年ごとに点検会議を招集し、お客様が講じる措置の案を提示して協議を進める",
      with: "お客様が自ら講じる措置の案を作って当社に示す")
    #expect(element("C1.vendor-led", own) != .met)
  }

  /// An exemption for the software on a leased machine 「（乙が選定したものも含む。）」 takes in what the
  /// vendor chose: the designated software's weaknesses are exempted, not met (D2 contradicted).
  @Test func anExemptionThatTakesInWhatTheVendorChoseContradictsD2() {
    let text =
      Self.opening + """
        第6条（責任の範囲）
        乙は、貸し出した機器に入っているOS、表計算ソフトその他の市販ソフトウェア（乙が選定したものも含む。）の欠陥又は脆弱性、及び甲の指図による設定に起因する損害については、責任を負わない。

        第7条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("D2.designated-vuln", text) == .contradicted)
    #expect(finding("D2", text) != nil)
  }

  /// 「乙が行う脆弱性への対処は、自社製品に限る。」 where the vendor also delivers the OS it chose: the
  /// designated software is left out of the measures (D2 contradicted).
  @Test func vulnerabilityWorkOnlyOnTheVendorsOwnProductContradictsD2() {
    let text =
      Self.opening + """
        第6条（納入物）
        乙は、受付システム一式として、乙の受付ソフト、乙が指定したOS及びウイルス対策ソフトを納入する。

        第7条（免責）
        1　乙は、乙の受付ソフト以外のソフトウェアに起因する障害について責任を負わない。
        2　乙が行う脆弱性への対処は、自社製品に限る。

        第8条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("D2.designated-vuln", text) == .contradicted)
  }

  /// 「提供物のうち受付端末に係るセキュリティ対策は、…協議により定め、甲が実施する」 where the institution
  /// provides a place, power, lines and terminals: talks on one of the provided things leave the others
  /// out (C2 raised); the same talks on all of them meet it.
  @Test func talksOnOneOfTheProvidedThingsLeaveTheOthersOut() {
    let text =
      Self.opening + """
        第5条（甲の提供物）
        1　甲は、乙の作業場所、電源、院内回線、遠隔保守用の回線及び受付端末を用意する。
        2　提供物のうち受付端末に係るセキュリティ対策（ウイルス対策、ログオンの管理等）は、乙が対策案を示して進める協議によりその内容を定め、甲がこれを実施する。

        第6条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C2.provided-security", text) == .unmet)
    #expect(finding("C2", text) != nil)
    let all = text.replacingOccurrences(of: "提供物のうち受付端末に係る", with: "提供物に係る")
    #expect(element("C2.provided-security", all) == .met)
  }

  /// A clinic's 裏面約款: 「…その他当社が開発したもの以外の製品（当社が販売したものも含みます。）の欠陥又は
  /// 脆弱性が原因の障害について、当社は責任を負いません」 exempts third-party products (D2 applies) and takes
  /// in what the company sold (designated software contradicted).
  @Test func anExemptionForWhatTheCompanySoldContradictsD2() {
    let text = """
      歯科用レセコン注文書

      裏面約款
      第1条（適用）
      この約款は、株式会社ハマナスデンタル（以下「当社」といいます。）が表面の注文書により医院様に販売する商品とサポートに適用されます。

      第2条（責任の範囲）
      1　当社が保証するのは、当社が開発したレセコンソフトの機能に限ります。
      2　レセコン本体、OS、ウイルス対策ソフトその他当社が開発したもの以外の製品（当社が販売したものも含みます。）の欠陥又は脆弱性が原因の障害について、当社は責任を負いません。

      第3条（代金）
      医院様は、当社に代金を支払います。
      """
    #expect(element("D2.exemption", text) == .met)
    #expect(element("D2.designated-vuln", text) == .contradicted)
    #expect(finding("D2", text) != nil)
  }

  /// 「乙は、前条の物に係る安全対策について、甲が実施する事項の案を作成して甲との協議を開き」: the
  /// institution inside 「甲が実施する事項」 is the matter of the draft; the vendor drafts and calls the
  /// talks (C2 met).
  @Test func whatTheInstitutionCarriesOutIsTheMatterOfTheVendorsDraft() {
    let text =
      Self.opening + """
        第4条（甲の提供物）
        甲は、監視カメラの電源、設置場所及びカメラ用の院内回線を提供する。

        第5条（提供物の安全対策）
        乙は、前条の物に係る安全対策について、甲が実施する事項の案を作成して甲との協議を開き、その協議の結果に基づき甲が実施する。

        第6条（代金）
        甲は、乙に代金を支払う。
        """
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
  }
}
