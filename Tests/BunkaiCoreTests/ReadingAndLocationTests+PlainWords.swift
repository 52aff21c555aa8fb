import Testing

@testable import BunkaiCore

/// A clinic's own contract in plain, polite words, its sections numbered in brackets (「＜５＞…」) and
/// cited so (「＜６＞の話し合いで」), dev27 b_17. The requirements of DOMAIN.md section 4 are met in
/// everyday words: the acts of the one the work is handed to are treated as the vendor's own, the way
/// of protecting the line is settled in the talks the vendor proposes, a weakness found in the
/// software it designated is talked over at its initiative and dealt with.
extension ReadingAndLocationTests {
  static let plainWords = """
    画像ファイリング装置の保守のお約束

    みずなら眼科クリニック（以下「当院」といいます）と、株式会社ソラノメディカル（以下「貴社」といいます）は、当院の画像ファイリング装置の保守について、次のとおり約束します。

    ＜１＞対象
    対象は、当院の眼底カメラとつながる画像ファイリング装置と閲覧端末２台です。

    ＜２＞お願いする作業
    貴社は、年２回の点検と、故障時の修理を行ってください。

    ＜３＞ほかの会社に任せるとき
    （１）作業の一部をほかの会社に任せるときは、前もって当院の書面による了承を得てください。
    （２）任せる先には、貴社と同じ水準の安全管理を約束させ、貴社が監督してください。
    （３）任せた先の行いは、貴社自身の行いとして扱います。

    ＜４＞当院側の対策
    点検のたびに、貴社から当院が行うべきセキュリティ対策の案を出していただき、貴社の進行で当院と話し合って決めます。決めた対策は当院が行います。

    ＜５＞当院が用意するもの
    当院は、電源と、リモート保守用のインターネット回線を用意します。この回線の守り方は、＜４＞の話し合いで貴社からいただく案をもとに当院と貴社で決め、当院が行います。

    ＜６＞責任を負わない場合
    （１）貴社が指定していないソフトウェアが原因の障害については、貴社は責任を負いません。
    （２）ただし、貴社が指定したソフトウェアやＯＳに弱点が見つかったときは、貴社から当院に話し合いを申し入れて対処を決め、それを実行していただきます。（１）は、これが行われている間に限ってあてはまります。
    """

  /// The bracketed numbers open sections; before, the text had no sections at all and every concern
  /// was 「要確認」.
  @Test func sectionsNumberedInBracketsAreSections() {
    let c = ContractParser.parse(SourceText(text: Self.plainWords))
    #expect(c.articles.map(\.number) == ["1", "2", "3", "4", "5", "6"])
    #expect(c.articles[2].heading == "ほかの会社に任せるとき")
  }

  /// Read so, B2, C1, C2 and D2 are met, each in its own section.
  @Test func plainWordsMeetWhatTheySay() {
    #expect(element("B2.attribution", Self.plainWords) == .met)
    #expect(element("C2.provided-security", Self.plainWords) == .met)
    #expect(element("C2.vendor-led", Self.plainWords) == .met)
    #expect(element("D2.designated-vuln", Self.plainWords) == .met)
    #expect(element("D2.vendor-led", Self.plainWords) == .met)
    let r = review(Self.plainWords)
    for ref in ["B2", "C1", "C2", "D2"] {
      #expect(!r.findings.contains { $0.guideRefs.contains(ref) }, "\(ref)")
    }
  }

  /// The same talks proposed by the clinic are not led by the vendor, and the clinic's own acts are
  /// no subcontractor's.
  @Test func plainWordsLedByTheClinicAreNotVendorLed() {
    let clinic = Self.plainWords.replacingOccurrences(
      of: "貴社から当院に話し合いを申し入れて", with: "当院から貴社に話し合いを申し入れて")
    #expect(element("D2.vendor-led", clinic) != .met)
  }
}

extension ReadingAndLocationTests {
  /// A maker hands part of the inspections to a service company it names (dev27 a_22: 「…の指定するサービス
  /// 会社に委託することができる」): subcontracting, here with the hospital's prior written consent. Without
  /// the consent it is not met.
  @Test func handingWorkToAServiceCompanyIsSubcontracting() {
    func text(_ consent: String) -> String {
      Self.opening + """
        第6条（再委託）
        乙は、\(consent)定期点検の一部を乙の指定するサービス会社に委託することができる。
        """
    }
    #expect(element("B2.consent", text("甲の事前の書面承諾を得て、")) == .met)
    #expect(element("B2.consent", text("")) != .met)
  }
}

extension ReadingAndLocationTests {
  /// The party that moderates the talks leads them (dev27 a_07: 「システム事業者が司会する協議において
  /// センターの分担を確定し」); the hospital moderating them does not make them vendor-led.
  @Test func thePartyThatModeratesTheTalksLeadsThem() {
    func text(_ chair: String) -> String {
      Self.opening + """
        第3条（甲側の対策）
        甲が自ら講ずべき対策については、\(chair)が司会する協議において甲の分担を確定し、甲がこれを実施する。
        """
    }
    #expect(element("C1.vendor-led", text("乙")) == .met)
    #expect(element("C1.vendor-led", text("甲")) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「当社と当該参加施設が誠実に協議して賠償の額を定める」 (dev27 a_03): both sides settle the sum in
  /// talks and the vendor pays it; 当該 before the institution's label does not make the institution
  /// the one who compensates.
  @Test func bothSidesSettlingTheSumOfDamagesIsTheVendorCompensating() {
    let text = """
      地域予約サービス共同利用契約書

      株式会社ミナトネット（以下「当社」という。）と、別表に掲げる医療機関（以下「参加施設」という。）は、次のとおり契約する。

      第10条（損害賠償）
      当社の損害賠償責任は、当該参加施設の利用料の12か月分を上限とする。
      ２　当社の安全管理が十分でなかったことにより参加施設に生じた損害については、逸失利益を含め、当社と当該参加施設が誠実に協議して賠償の額を定める。
      """
    #expect(element("D1.deficient-compensable", text) == .met)
  }
}

/// Subcontracting in a small IT shop's plain words (dev28 a_06, b_07; dev22 b_05): asking another
/// business to help with the work (「他の業者に頼む」「手伝ってもらう」) is handing part of it on, and the
/// three things DOMAIN.md section 4 asks of it (B2) can be said as plainly.
extension ReadingAndLocationTests {
  @Test func askingAnotherBusinessToHelpIsSubcontracting() {
    let text =
      Self.opening + """
        第7条（ほかの業者に頼むとき）
        1 乙は、作業の一部をほかの業者に手伝ってもらう必要があるときは、前もって相手の名前を甲に伝え、甲の書面による同意を得る。
        2 乙は、頼んだ業者にも、この契約で乙が守るべき安全管理のルールを同じように守らせ、そのようすを確かめる。
        3 頼んだ業者がルールを破ったときは、乙が破ったものとして甲に責任を負う。
        """
    #expect(element("B2.consent", text) == .met)
    #expect(element("B2.equal-duties", text) == .met)
    #expect(element("B2.attribution", text) == .met)
  }

  /// The institution asking the vendor for the work is no subcontracting: nothing of B2 applies.
  @Test func theInstitutionAskingTheVendorIsNoSubcontracting() {
    let text =
      Self.opening + """
        第1条（目的）
        甲は、院内の端末の保守を乙に頼み、乙はこれを引き受ける。

        第2条（料金）
        甲は、毎月の保守料を乙に支払う。
        """
    #expect(!review(text).findings.contains { $0.guideRefs.contains("B2") && $0.status != .missing })
  }
}

/// Software the vendor designated may be named as the environment it has checked (「確認済み環境」,
/// defined as the OS and browsers whose working it confirmed): a weakness found in it, met by talks the
/// vendor sets up and measures both carry out, conditions the exemption (DOMAIN.md section 4, D2).
extension ReadingAndLocationTests {
  @Test func theEnvironmentTheVendorCheckedIsTheDesignatedSoftware() {
    let text =
      Self.opening + """
        第9条（動作環境と免責）
        1 乙は、本サービスの動作を確認したOSとブラウザの一覧（以下「確認済み環境」という。）を公表する。乙は、確認済み環境以外で利用したことによる不具合について、責任を負わない。
        2 確認済み環境に含まれるOS又はブラウザに脆弱性が見つかったときは、乙が甲に知らせて対応の打合せを設け、更新の時期と方法を甲乙で決めて実施する。前項の免責は、この打合せと実施が行われていることを前提とする。
        """
    #expect(element("D2.designated-vuln", text) == .met)
  }
}
