import Testing

@testable import BunkaiCore

/// A regional network's agreement: the body that runs it, the equipment each member sets up, and a
/// sentence that extends the one before it (DOMAIN.md section 4, C1/C2; issue 9: 会員施設, 参加施設 …
/// and the provider as the contract names them).
extension ReadingAndLocationTests {
  static let networkAgreement = """
    地域連携ネットワーク参加協定書

    一般社団法人ひなたメディカルネット（以下「運営法人」という。）と、本協定末尾に記載する医療機関（以下「会員施設」という。）は、運営法人が提供する地域連携ネットワークへの参加について、次のとおり協定する。

    第2条（用語）
    「接続機器」とは、会員施設がネットワークに接続するために自ら設置する端末、VPN装置及び通信回線をいう。

    第8条（会員施設の対策）
    会員施設が自施設内で講ずる安全対策は、運営法人が主導して進める協議の結果に基づき、会員施設が実施する。接続機器の安全対策についても同様とする。
    """

  /// The association that provides the network (「…（以下「運営法人」という。）と…は、運営法人が提供
  /// する…」) is the vendor; the equipment members set up themselves is what they provide; and 「…に
  /// ついても同様とする」 applies the vendor-led consultation of the sentence before to it.
  @Test func aNetworkBodyMembersEquipmentAndTheSameForIt() {
    let parties = review(Self.networkAgreement).contract.parties
    #expect(parties.contains { $0.label == "運営法人" && $0.role == .vendor })
    #expect(element("C1.vendor-led", Self.networkAgreement) == .met)
    #expect(element("C2.provides", Self.networkAgreement) == .met)
    #expect(element("C2.provided-security", Self.networkAgreement) == .met)
    #expect(element("C2.vendor-led", Self.networkAgreement) == .met)
    #expect(finding("C2", Self.networkAgreement) == nil)
    // Without the extending sentence the equipment is left out of the consultation.
    let without = Self.networkAgreement.replacingOccurrences(of: "接続機器の安全対策についても同様とする。", with: "")
    #expect(finding("C2", without) != nil)
  }

  /// 「本システム」 the institution installed is what the work is about, not equipment it provides.
  @Test func theSystemItselfIsNoProvidedThing() {
    let text = Self.networkAgreement.replacingOccurrences(
      of: "「接続機器」とは、会員施設がネットワークに接続するために自ら設置する端末、VPN装置及び通信回線をいう。",
      with: "「本システム」とは、会員施設が院内に設置する端末及びサーバをいう。"
    ).replacingOccurrences(of: "接続機器の安全対策", with: "本システムの安全対策")
    #expect(element("C2.provided-security", text) != .met)
  }

  /// 「…についても、前項の役割分担表に含めて協議する」: the consultation is the one the paragraph before
  /// sets up, and so is who leads it.
  @Test func talksOnAnotherParagraphsTable() {
    let text =
      Self.opening + """
        第8条（役割分担）
        乙は、甲が講ずべき安全対策を記載した役割分担表の案を作成して甲に示し、甲との協議を主導してこれを確定させる。甲は、確定した役割分担表に従い対策を実施する。
        ２　甲が本業務のために提供する閉域網の接続装置、回線及び電源についても、前項の役割分担表に含めて協議する。
        """
    #expect(element("C2.vendor-led", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// An article that first says what the institution provides and then, in its next paragraph, who
  /// leads the talk on the security of that thing named plainly (「端末のセキュリティ対策は…」): the
  /// article has said what the terminal is, so C2 is met (DOMAIN.md section 4, C2).
  @Test func providedThingNamedInTheParagraphBefore() {
    let text =
      Self.opening + """
        第10条（利用端末）
        １　甲は、本サービスを利用するための端末及び通信回線を自らの負担で用意する。
        ２　端末のセキュリティ対策は、乙が主導して甲と協議して決め、甲はその内容に従って実施する。
        """
    #expect(element("C2.provides", text) == .met)
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
    // The same sentence in another article does not know what the terminal is.
    let apart = text.replacingOccurrences(of: "２　端末のセキュリティ", with: "第11条（対策）\n端末のセキュリティ")
    #expect(element("C2.provided-security", apart) != .met)
  }
}

extension ReadingAndLocationTests {
  /// A name the contract gives to what a vendor-led consultation settles (「…その結果を「施設対策要綱」
  /// （以下「要綱」という。）としてまとめる」): looking after the provided equipment 「要綱に従って」
  /// follows that consultation, so C2 is met (DOMAIN.md section 4, C2). A council (協議会) that sets a
  /// standard on its own is no consultation.
  @Test func followingANamedOutcomeOfTheConsultation() {
    let text =
      Self.opening + """
        第6条（施設の対策）
        甲が院内で講ずべき安全対策は、乙が主体となって甲との協議を取りまとめ、その結果を「施設対策要綱」（以下「要綱」という。）としてまとめる。
        ２　甲は、要綱に定めた対策を実施する。
        第7条（甲が用意する物）
        甲は、本業務のための端末及び通信回線を用意する。
        ２　甲は、前項の端末及び回線の安全管理を、要綱に従って行う。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
    let council = text.replacingOccurrences(
      of: "乙が主体となって甲との協議を取りまとめ、その結果を", with: "地域医療協議会が単独で作成し、これを")
    #expect(finding("C2", council) != nil)
  }
}

extension ReadingAndLocationTests {
  /// 「甲と乙は、…協議を行い、甲が実施する事項を書面で確定する。協議は乙が招集し、議事を取りまとめる。」:
  /// the paragraph's next sentence says who leads the consultation, so C1 is met (DOMAIN.md section
  /// 4, C1); with the institution convening it, it is not.
  @Test func theLeaderNamedInTheNextSentence() {
    let text =
      Self.opening + """
        第5条（甲の対策）
        甲と乙は、甲が院内で講ずべき情報セキュリティ対策について協議を行い、甲が実施する具体的な事項を書面で確定する。協議は乙が招集し、議事を取りまとめる。
        ２　甲は、確定した事項を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let institution = text.replacingOccurrences(of: "協議は乙が招集し", with: "協議は甲が招集し")
    #expect(element("C1.vendor-led", institution) != .met)
  }
}

extension ReadingAndLocationTests {
  /// A consultation defined with 「とは」 (「「安全協議」とは、乙が…対策案を作成して甲に示し、合意するまで
  /// 行う協議をいう。」): measures settled 「安全協議によって」 are settled in talks the vendor leads
  /// (DOMAIN.md section 4, C1).
  @Test func aConsultationDefinedByWhoRunsIt() {
    let text =
      Self.opening + """
        第1条（定義）
        「安全協議」とは、乙が議題と原案を作成して甲に示し、甲と合意するまで行う定例の協議をいう。
        第3条（甲の措置）
        甲の環境の情報セキュリティに関して甲が講ずべき措置は、安全協議によって定まった内容に従い、甲が実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// Each row of a ruled responsibility table says its own thing: the row settling the institution's
  /// own measures in talks the vendor leads meets C1 (DOMAIN.md section 4, C1), and a row about the
  /// equipment the institution sets up does not turn it into a row about provided things.
  @Test func rowsOfAResponsibilityTableStandApart() {
    let text =
      Self.opening + """
        第1条（分担）
        甲乙の分担は別表に定める。
        第2条（管轄）
        甲の所在地の地方裁判所を管轄裁判所とする。

        別表　責任分担表
        | No | 事項 | 甲 | 乙 | 備考 |
        | 1 | 甲が用意する電源、院内LAN及び保守用ルータの準備 | ○ | － | |
        | 2 | 甲の院内で講じるセキュリティ対策（利用者ID管理、端末のウイルス対策等）の具体的内容の決定 | △ | ◎ | 乙が対策案を作成して協議を主導し、決定した内容を甲が実施する |
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// 「利用機関は、…機器（以下「持込機器」という。）を搬入し、並びに…回線（以下「接続回線」という。）を
  /// 用意する。」: both names stand for what the institution provides, though the verb comes after the
  /// second; an annex whose 「3.1」 has the vendor lead the talks on them meets C2 (DOMAIN.md section 4).
  @Test func twoNamesInOneSentenceAndAnAnnexSection() {
    let text = """
      データセンターサービス利用契約書
      株式会社ソラ（以下「事業者」という。）と、医療法人うみ会（以下「利用機関」という。）は、次のとおり契約を締結する。
      第3条（持込機器及び回線）
      1. 利用機関は、自らが保有するサーバ及びネットワーク機器（以下「持込機器」という。）を本施設に搬入し、並びに本施設に至る通信回線（以下「接続回線」という。）を自らの負担で用意する。
      2. 持込機器及び接続回線の情報セキュリティについての役割は、別紙第3項の手順で定める。
      第4条（管轄）
      事業者の所在地の地方裁判所を管轄裁判所とする。

      別紙　サービス仕様
      1. 可用性　年間稼働率99.9%以上
      2. 入退館　生体認証による管理
      3. 持込機器及び接続回線の対策
      3.1 事業者は、持込機器及び接続回線について、脅威と推奨される対策を一覧にして利用機関に示し、対策検討会議を主宰する。
      3.2 対策検討会議で合意した事項は利用機関が実施する。
      """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// In a responsibility table the marks say who leads a row's matter: ○ under the vendor's column
  /// against △ under the institution's makes the vendor lead (DOMAIN.md section 4, C1); the marks
  /// the other way round do not.
  @Test func marksUnderThePartyColumnsSayWhoLeads() {
    let text =
      Self.opening + """
        第1条（分担）
        甲乙の分担は別表に定める。
        第2条（管轄）
        甲の所在地の地方裁判所を管轄裁判所とする。

        別表　役割分担
        | 項番 | 事項 | 甲 | 乙 |
        | 1 | 院内の利用者側セキュリティ対策（画面ロック、外部媒体の制限等）の具体案の作成・提示と協議の進行 | △ | ○ |
        | 2 | 項番1の協議で合意した利用者側対策の実施 | ○ | △ |
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let swapped = text.replacingOccurrences(of: "協議の進行 | △ | ○ |", with: "協議の進行 | ○ | △ |")
    #expect(element("C1.vendor-led", swapped) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「前項の用意物に係る…対策は、乙が案を作成して甲に示し、甲乙で協議し」 is about the things the
  /// institution provides (C2), not its own measures: without a clause on those, C1 is raised
  /// (DOMAIN.md section 4).
  @Test func talksOnProvidedThingsAreNotTheOwnMeasures() {
    let text =
      Self.opening + """
        第3条（用意物）
        甲は、本作業に必要な電源及び院内LANの接続口を用意する。
        ２　前項の用意物に係る情報セキュリティ対策は、乙が対策の案を作成して甲に示し、甲乙で協議して定め、甲が実施する。
        """
    #expect(finding("C2", text) == nil)
    #expect(finding("C1", text) != nil)
  }
}

extension ReadingAndLocationTests {
  /// 「前項の端末及び回線の保護について、当社は…セキュリティ確認シートをお渡しし、お客様と確認する場を設けます。
  /// お客様は、その場で合意した対策をご自身で実施いただきます。」: a meeting the vendor sets up to agree the
  /// measures is a consultation it leads (C2). Without that meeting the institution is left alone.
  @Test func aMeetingToAgreeTheMeasuresOnTheProvidedThings() {
    let text = """
      健診予約サービス利用規約

      株式会社ナギサウェブ（以下「当社」という。）は、健診機関であるお客様（以下「お客様」という。）に本サービスを提供します。

      第3条（ご用意いただくもの）
      (1) お客様は、本サービスの管理画面を使う事務用パソコン及びインターネット回線をご用意ください。
      (2) 前項のパソコン及び回線の保護について、当社は、利用開始前に推奨設定をまとめたセキュリティ確認シートをお客様にお渡しし、その内容をお客様と確認する場を設けます。お客様は、その場で合意した対策をご自身で実施いただきます。
      """
    #expect(element("C2.provided-security", text) == .met)
    #expect(finding("C2", text) == nil)
    let alone = text.replacingOccurrences(
      of: "当社は、利用開始前に推奨設定をまとめたセキュリティ確認シートをお客様にお渡しし、その内容をお客様と確認する場を設けます。お客様は、その場で合意した対策をご自身で実施いただきます。",
      with: "お客様がご自身の判断で対策を実施いただきます。")
    #expect(finding("C2", alone) != nil)
  }

  /// 「…速やかに協議会及び参加施設に当該情報を提供する」: the network's council (協議会) is a body the
  /// information goes to, not a consultation or a measure; 「協議会議を開き」 is a meeting to consult.
  @Test func theCouncilIsABodyNotAConsultation() {
    let text = """
      地域医療ネットワーク運用規程

      株式会社ミナミリンク（以下「運用事業者」という。）は、ネットワークに参加する病院及び診療所（以下「参加施設」という。）のため、次のとおり運用を行う。

      第10条（免責）
      １　運用事業者は、運用事業者が指定していないソフトウェアに起因する障害について、その責めを負わない。
      ２　運用事業者は、自らが指定したソフトウェアについて脆弱性情報を入手したときは、速やかに運営協議会及び参加施設に当該情報を提供する。
      """
    #expect(element("D2.designated-vuln", text) != .met)
    #expect(element("D2.vendor-led", text) != .met)
    let meeting = text.replacingOccurrences(
      of: "速やかに運営協議会及び参加施設に当該情報を提供する",
      with: "運用事業者が対策案を示して参加施設と協議会議を開き、決定した対策を実施する")
    #expect(element("D2.vendor-led", meeting) == .met)
  }
}
