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

  /// A shared-use contract names its lead member on a 「幹事施設：…」 line and gathers the members
  /// under one label without 以下 (「幹事施設と参加施設をあわせて「各施設」という」): 各施設 is the
  /// institution's side, so talks the vendor holds with them are the institution's talks (C1).
  @Test func membersGatheredUnderOneLabel() {
    let text = """
      画像保管サービス共同利用契約

      本契約は、次の診療所と株式会社ミズハシステム（以下「受託者」）との間で締結する。
      　幹事施設：みずは東クリニック
      　参加施設：みずは西クリニック、みずは小児科医院
      （幹事施設と参加施設をあわせて「各施設」という。）

      １　業務
      受託者は、各施設の画像を保管し、求めに応じて取り出せるようにする。

      ２　施設側の対策
      (1) 受託者は、各施設が自ら行うべき安全対策（端末の更新、利用者の登録等）について、毎年、検討会を開いて進行する。
      (2) 検討会では、受託者が対策の案を示し、各施設と協議して各施設が行う対策を決める。
      """
    let parties = review(text).contract.parties
    #expect(parties.contains { $0.label == "各施設" && $0.role == .institution })
    #expect(parties.contains { $0.label == "幹事施設" && $0.role == .institution })
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// A plan for the institution's own measures that draws on the maker's vulnerability notices is
  /// still C1's talks (DOMAIN.md section 4, C1): the notices are what the plan uses, not a
  /// vulnerability found that the talks answer (that is D2's).
  @Test func institutionMeasuresDrawnFromVulnerabilityNotices() {
    let text =
      Self.opening + """
        第6条（甲の対策）
        乙は、甲が講ずべき安全対策（操作端末の利用者管理、外部記録媒体の制限等）について、製造元の脆弱性情報を踏まえた案を作り、自ら甲との協議を呼びかけて内容を取り決める。甲は取り決めた対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// A city contracting with a 共同企業体 whose name mentions the hospital: the role words the cover
  /// lines give before the names (委託者 / 受託者) say which side each is, and a JV is a vendor's form.
  /// The JV setting up the talks (「乙が設定する協議の場において」) leads them (DOMAIN.md section 4, C1).
  @Test func aCityAndAJointVentureNamedByTheirRoleWords() {
    let text = """
      院内ネットワーク更新業務委託契約書

      委託者　ひばり市（以下「甲」という。）
      受託者　ひばり市民病院ネットワーク更新共同企業体（以下「乙」という。）

      第1条（目的）
      甲は、市立ひばり市民病院（以下「病院」という。）の院内ネットワークの更新を乙に委託する。

      第2条（病院側の対策）
      1 乙は、病院側で行う安全対策の案を作り、甲に示す。
      2 甲乙は、乙が設定する協議の場において前項の案を協議し、病院側の担当範囲を定める。甲は、定めた対策を実施する。
      """
    let parties = review(text).contract.parties
    #expect(parties.contains { $0.label == "甲" && $0.role == .institution })
    #expect(parties.contains { $0.label == "乙" && $0.role == .vendor })
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// A pharmacy chain run as a company, its dealer and the maker: three companies, and the one whose
  /// name says it is a pharmacy is the institution's side.
  @Test func aPharmacyCompanyBesideItsDealerAndTheMaker() {
    let text = """
      薬歴システム保守契約書

      株式会社みなと調剤（以下「甲」という。）と株式会社ミナトメディカル販売（以下「乙」という。）は、甲の店舗で使う薬歴システムの保守について、次のとおり契約する。

      第1条（目的）
      株式会社ミナトソフト研究所（以下「製造元」という。）が製造し乙が納入した薬歴システムを、乙が保守する。
      """
    let parties = review(text).contract.parties
    #expect(parties.contains { $0.label == "甲" && $0.role == .institution })
    #expect(parties.contains { $0.label == "乙" && $0.role == .vendor })
  }

  /// A foundation that runs a health-check centre (「甲が運営する…健診センター」) is the institution, not
  /// the provider of a service it runs; 乙 is then the other side.
  @Test func aFoundationRunningAHealthCheckCentre() {
    let text = """
      健診システム構築業務委託契約書

      一般財団法人あけぼの健康協会（以下「甲」という。）とあけぼの健診システム共同企業体（代表構成員　株式会社アケボノ技研。以下「乙」という。）は、甲が運営するあけぼの健診センターの健診システム更新について、次のとおり契約を締結する。

      第1条（目的）
      乙は、健診システムを構築し、甲に引き渡す。
      """
    let parties = review(text).contract.parties
    #expect(parties.contains { $0.label == "甲" && $0.role == .institution })
    #expect(parties.contains { $0.label == "乙" && $0.role == .vendor })
  }

  /// 「甲及び乙を総称して「両当事者」という」 gathers both sides: no party of one side.
  @Test func bothSidesGatheredAreNoParty() {
    let text = """
      保守契約書

      医療法人そよかぜ会（以下「甲」という。）と株式会社ソヨカゼテック（以下「乙」という。）（甲及び乙を総称して「両当事者」という。）は、次のとおり契約する。

      第1条（目的）
      乙は、甲の電子カルテを保守する。
      """
    let parties = review(text).contract.parties
    #expect(!parties.contains { $0.label == "両当事者" })
    #expect(parties.contains { $0.label == "甲" && $0.role == .institution })
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

extension ReadingAndLocationTests {
  /// A reading centre that calls itself 「当センター」, runs the talks as their secretariat
  /// (「事務局となって…協議を運営し」), and a defined name for the things the institution provides
  /// that holds the institution's own label (「依頼施設設備」): C1 and C2 are met (DOMAIN.md §4: the
  /// vendor leads the talks on the institution's measures and on the things it provides).
  @Test func aSecretariatAndAProvidedNameHoldingTheLabel() {
    let text = """
      遠隔読影委託契約書

      医療法人 みさき病院（以下「依頼施設」という。）と株式会社ミサキ画像診断センター（以下「当センター」という。）は、次のとおり契約を締結する。

      第1条（定義）
      本契約において、次の用語は以下の意味を有する。
      (1) 「依頼施設設備」　依頼施設が読影の依頼のために用意する送信用端末、VPNルータ及び回線

      第2条（依頼施設の対策）
      1. 依頼施設が講ずべき情報セキュリティ対策は、当センターが事務局となって依頼施設との協議を運営し、その協議で取り決めたところにより依頼施設が実施する。
      2. 依頼施設設備に関する対策も、前項の協議で取り決め、依頼施設が実施する。
      """
    let parties = ContractParser.parse(SourceText(text: text)).parties
    #expect(parties.first { $0.label == "当センター" }?.role == .vendor)
    // 「当該」 ("the said") before a noun names someone else, not a party calling itself.
    let said = text.replacingOccurrences(
      of: "は、次のとおり契約を締結する。", with: "は、次のとおり契約を締結する。機器の点検には、株式会社ミサキ保守（以下「当該保守会社」という。）が立ち会う。")
    #expect(!ContractParser.parse(SourceText(text: said)).parties.contains { $0.label == "当該保守会社" })
    #expect(element("C1.vendor-led", text) == .met)
    #expect(element("C2.provided-security", text) == .met)
    #expect(finding("C1", text) == nil)
    #expect(finding("C2", text) == nil)
    // Without the talks on the provided things, C2 falls short at the article about them.
    let without = text.replacingOccurrences(of: "2. 依頼施設設備に関する対策も、前項の協議で取り決め、依頼施設が実施する。", with: "")
    #expect(finding("C2", without) != nil)
  }
}

extension ReadingAndLocationTests {
  /// The things the institution provides, referred to by a name defined where the article's number
  /// opens the line (「第10条　お客様は、…（以下「お客様設備」）を提供」), by 「これらに係る」, or discussed
  /// on points the vendor sorts out (「受注者が整理して示す確認項目に基づき」): C2 is met each way
  /// (DOMAIN.md §4: the vendor leads the talks on the security of what the institution provides).
  @Test func providedThingsReferredToInOtherWays() {
    let head = """
      保守サービス約款

      株式会社ヒバリ医療システム（以下「当社」という。）は、本約款により保守サービスを提供します。

      """
    let texts = [
      head + """
        第10条　お客様は、遠隔監視用の回線及び連携装置の電源（以下「お客様設備」）を提供してください。
        第11条　お客様設備に関する安全対策については、当社が対策案を作成して協議を主導し、お客様は協議の結果に従って実施するものとします。
        """,
      head + """
        第10条（お客様の準備）
        お客様は、接続用の端末、院内LAN及び電源を用意します。これらに係るセキュリティ対策は、当社が主導してお客様と協議して定め、お客様が実施します。
        """,
      head + """
        第10条（お客様の準備）
        お客様は、接続用の端末、院内LAN及び電源を用意します。
        ２　前項の端末、院内LAN及び電源の安全対策は、当社が整理して示す確認項目に基づきお客様と当社が協議して定め、お客様が実施します。
        """,
    ]
    for text in texts {
      #expect(element("C2.provided-security", text) == .met, "\(text)")
      #expect(element("C2.vendor-led", text) == .met, "\(text)")
      #expect(finding("C2", text) == nil, "\(text)")
    }
  }
}

extension ReadingAndLocationTests {
  /// 「利用者設備…のセキュリティ対策の内容は、次条の手続により定める」 where the institution provides
  /// them, and the next article has the vendor draw up the plan the talks settle (「前項の計画案は、
  /// 定例協議において…協議し」): C1 and C2 are met. Talks on the part of the system the institution
  /// runs (「甲が管理する部分（端末…）」) are C1's matter and leave C2 unmet (DOMAIN.md §4).
  @Test func aThingNamedWhereItIsProvidedAndTheNextArticle() {
    let text =
      Self.opening + """
        第8条（甲の設備）
        甲は、受付用端末及び院内LANを用意し、保守する。これらの端末及び院内LANのセキュリティ対策の内容は、次条の手続により定める。
        第9条（甲の対策の計画）
        １　乙は、甲が講ずべきセキュリティ対策について、計画案を作成して甲に提案する。
        ２　前項の計画案は、定例協議において甲乙で協議し、合意した内容を正式な計画とする。
        ３　甲は、正式な計画に従って対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
    let named = text.replacingOccurrences(of: "これらの端末及び院内LAN", with: "受付用端末及び院内LAN")
    #expect(element("C2.provided-security", named) == .met)
    let ownPart =
      Self.opening + """
        第8条（甲の設備）
        甲は、受付用端末及び院内LANを用意し、保守する。
        第9条（説明会）
        乙は、毎年一回説明会を開き、本システムのうち甲が管理する部分（受付用端末の利用者登録、院内LANの接続制限）について甲と協議し、甲が対策を実施する。
        """
    #expect(element("C2.provided-security", ownPart) != .met)
    #expect(finding("C2", ownPart)?.article == "8")
  }
}

extension ReadingAndLocationTests {
  /// C1 is about the institution's own measures (DOMAIN.md §4): the vendor leading only when the
  /// institution asks (「委託者から申出があったときは」) falls short; talks on what the institution
  /// provides (「甲が提供する…の安全対策は、乙が案を示して協議し」) are C2's, not C1's; a paragraph that
  /// takes up the one before (「乙はこれを踏まえて甲との協議を進め」) and 「甲自身が実施しなければ
  /// ならない対策」 are read as C1's matter.
  @Test func whoseMeasuresAndWhenTheVendorLeads() {
    let onRequest =
      Self.opening + """
        第8条（甲の対策）
        甲が自ら講ずべき情報セキュリティ対策について、甲から申出があったときは、乙は協議を主導し、具体的な対策を甲と定める。
        ２　甲は、前項により定めた対策を実施する。
        """
    #expect(element("C1.vendor-led", onRequest) != .met)
    #expect(finding("C1", onRequest)?.article == "8")

    let providedOnly =
      Self.opening + """
        第8条（甲の提供するもの）
        甲は、本業務に必要な電源及び回線を乙に使用させる。
        第9条（提供物の安全対策）
        甲が提供する電源及び回線の安全対策は、乙が案を示して甲と協議して定め、甲が実施する。
        """
    #expect(finding("C1", providedOnly) != nil)
    #expect(finding("C2", providedOnly) == nil)

    let takenUp =
      Self.opening + """
        第8条（甲の対策）
        乙は、甲自身が実施しなければならない情報セキュリティ対策の案を作成して甲に提示する。
        ２　乙はこれを踏まえて甲との協議を進め、甲の分担を確定する。
        ３　甲は、確定した分担を実施する。
        """
    #expect(element("C1.decided-jointly", takenUp) == .met)
    #expect(element("C1.vendor-led", takenUp) == .met)
    #expect(finding("C1", takenUp) == nil)
  }
}

extension ReadingAndLocationTests {
  /// The vendor leads when it takes the initiative (「イニシアチブをとって」), plans and runs the
  /// meeting (「乙が企画し運営する対話会において、乙の示す論点に沿って」), and the institution's own
  /// measures may go by a name the contract defines (「院内側対策」とは、甲が自ら講ずべき…): C1 is met
  /// each way (DOMAIN.md §4).
  @Test func initiativeMeetingsAndADefinedNameForTheOwnMeasures() {
    let texts = [
      "甲が職員において講ずべき情報セキュリティ対策については、乙がイニシアチブをとって甲とともに検討し、両者で合意した内容を甲が実施する。",
      "甲側で講ずべき対策は、乙が年1回企画し運営する対話会において、乙の示す論点に沿って甲と協議して定め、甲が実施する。",
    ]
    for clause in texts {
      let text = Self.opening + "第7条（甲の対策）\n\(clause)\n"
      #expect(element("C1.vendor-led", text) == .met, "\(clause)")
      #expect(finding("C1", text) == nil, "\(clause)")
    }
    let defined =
      Self.opening + """
        第1条（定義）
        「院内側対策」とは、本システムの利用に関して甲が自ら講ずべき情報セキュリティ上の対策をいう。
        第7条（院内側対策の決定）
        乙は、院内側対策について具体的な対策案を作成し、甲との協議を主導して、双方の合意によりその内容を確定させる。
        ２　確定した院内側対策は、甲が実施する。
        """
    #expect(element("C1.decided-jointly", defined) == .met)
    #expect(finding("C1", defined) == nil)
  }
}

extension ReadingAndLocationTests {
  /// The vendor raising the measures the talks settle (「乙が提起した対策について話し合い」), or the
  /// talks built on what another section had it present (「4.1で示された内容をもとに話し合って」), is
  /// the vendor leading (DOMAIN.md section 4, C1); the institution raising them is not.
  @Test func raisingTheMeasuresAndTalksOnWhatWasPresented() {
    let raised =
      Self.opening + """
        第4条（月次報告会）
        １　乙は、毎月報告会を開き、甲の側の弱点を報告する。
        ２　甲及び乙は、報告会で乙が提起した甲の側の対策について話し合い、甲が実施する対策とその期限を決める。
        """
    #expect(element("C1.vendor-led", raised) == .met)
    #expect(finding("C1", raised) == nil)
    let byInstitution = raised.replacingOccurrences(of: "報告会で乙が提起した", with: "報告会で甲が提起した")
    #expect(element("C1.vendor-led", byInstitution) != .met)
    let presented = """
      運用の取決め
      ふじみ台健診センター（以下「当センター」といいます。）と、株式会社ケンシンワークス（以下「委託先」といいます。）は、次のことを取り決めます。
      1. 業務
      1.1 委託先は、健診システムの運用を行います。
      2. 当センター側で必要な対策
      2.1 委託先は、当センター側で必要になる対策（利用者IDの管理等）を、毎年度はじめに書面で示します。
      2.2 当センターと委託先は、2.1で示された内容をもとに話し合って実行する項目を確定し、当センターが実行します。
      """
    // A health-check centre is the institution (「…健診センター（以下「当センター」…）」).
    #expect(review(presented).contract.parties.contains { $0.label == "当センター" && $0.role == .institution })
    #expect(element("C1.decided-jointly", presented) == .met)
    #expect(element("C1.vendor-led", presented) == .met)
  }
}

extension ReadingAndLocationTests {
  /// Translated terms: 「「顧客環境」とは、顧客が…のために用意し又は管理する端末…をいう」 names what
  /// the institution provides, and 「「共同協議」とは、提供者が…一覧を作成して顧客に提示し…行う協議を
  /// いう」 a consultation the vendor leads; settling 「顧客環境の情報セキュリティ」 in it meets C1 and
  /// C2 (DOMAIN.md section 4).
  @Test func translatedTermsDefineTheEnvironmentAndTheTalks() {
    let text = """
      サービス契約
      オーロラ合同会社（以下「提供者」）と、医療機関（以下「顧客」）は、次のとおり契約する。
      第1条　定義
      1.1 「顧客環境」とは、顧客が本サービスへのアクセスのために用意し又は管理する端末、院内ネットワーク及びインターネット接続回線をいう。
      1.2 「共同協議」とは、提供者が推奨措置の一覧を作成して顧客に提示し、顧客と合意するまで行う協議をいう。
      第3条　顧客の責任
      3.1 顧客は、顧客環境を自らの費用で用意し維持する。
      3.2 顧客環境の情報セキュリティに関して顧客が講じるべき措置は、共同協議によって定まった内容に従い、顧客が実施する。
      """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// 「前項の提供物に係る…対策は、乙が提供物ごとに留意すべき点と対策の案を取りまとめて甲に示し」: with
  /// no party as the sentence's topic, the one before the relative clause (乙が) draws up the plan
  /// and leads (DOMAIN.md section 4, C2).
  @Test func theDrafterBeforeARelativeClause() {
    let text =
      Self.opening + """
        第3条（甲の提供物）
        甲は、本作業のため、透析室内の配線経路、電源及び院内ネットワークを乙に提供する。
        ２　前項の提供物に係る情報セキュリティの対策は、乙が提供物ごとに留意すべき点と対策の案を取りまとめて甲に示し、甲との協議を経て定める。甲は、定めた対策を実施する。
        """
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// A study the vendor chairs with the institution's staff (「…検討を乙の進行で行う」「前項の検討で
  /// 取り決めた対策は甲が実施し」) is the consultation C2 asks for (DOMAIN.md section 4, C2).
  @Test func aStudyTheVendorChairs() {
    let text =
      Self.opening + """
        第4条（貸与物）
        甲は、乙に対し、業務用PC及び院内ネットワークへの接続を貸与する。
        第5条（貸与物の保護）
        １　前条の貸与物の情報セキュリティ上の取扱いについては、乙が対策案を整理した資料を作成し、甲の担当者を交えた検討を乙の進行で行う。
        ２　前項の検討で取り決めた対策は甲が実施する。
        """
    #expect(element("C2.provided-security", text) == .met)
    #expect(element("C2.vendor-led", text) == .met)
    #expect(finding("C2", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// 「１　乙は…対策の案を作成し、甲との協議を開催する。２　協議で合意した対策は甲が実施し…」: the
  /// second paragraph settles the consultation the first has the vendor set up, so the vendor leads
  /// it (C1). Where the first paragraph has the institution call it, the institution leads.
  @Test func theParagraphBeforeSetsUpTheConsultation() {
    let text =
      Self.opening + """
        第3条（甲の側の対策）
        １　乙は、甲における閲覧端末の管理、院内ネットワークの分離等について必要な対策をまとめた案を作成し、年1回以上、甲との協議を開催する。
        ２　協議で合意した対策は甲が実施し、乙は合意事項を文書にして甲に交付する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let institutionCalls = text.replacingOccurrences(
      of: "乙は、甲における閲覧端末の管理、院内ネットワークの分離等について必要な対策をまとめた案を作成し、年1回以上、甲との協議を開催する。",
      with: "甲は、甲における閲覧端末の管理、院内ネットワークの分離等について必要な対策をまとめた案を作成し、年1回以上、乙との協議を開催する。")
    #expect(element("C1.vendor-led", institutionCalls) != .met)
  }
}

extension ReadingAndLocationTests {
  /// A paragraph numbered 「②」 or 「(2)」 opening with the vendor as its topic (「②　乙は、甲が…自ら講ずべき
  /// 安全対策について…手順を用意して説明し、甲と話し合って決める」): the vendor leads (C1), as with 「２」.
  @Test(arguments: ["②　", "(2) ", "２　"])
  func theTopicAfterAParagraphMark(mark: String) {
    let text =
      Self.opening + """
        第3条（甲の対策）
        ①　乙は、本システムの点検を年2回行う。
        \(mark)乙は、甲が本システムを使う中で自ら講ずべき安全対策について、点検の都度、チェック項目と具体的な手順を用意して説明し、甲と話し合って実施内容を決める。
        """
    #expect(element("C1.vendor-led", text) == .met, "\(mark)")
  }
}

extension ReadingAndLocationTests {
  /// 「…セキュリティ措置は、乙が起案した実施事項案をもとに、乙の招集する運用連絡会で両者が検討して確定
  /// させる」: both weigh the measures and the vendor drafts them (C1). The institution drafting them
  /// leads instead.
  @Test func measuresTheVendorDraftsAndBothWeigh() {
    let text =
      Self.opening + """
        第3条（甲の実施事項）
        甲の職員が日常的に行う運用（端末へのソフトウェア導入の許可、無線LANの利用者登録等）に係るセキュリティ措置は、乙が起案した実施事項案をもとに、運用連絡会で両者が検討して確定させる。
        ２　甲は、前項で確定した実施事項を履行する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    let institutionDrafts = text.replacingOccurrences(of: "乙が起案した", with: "甲が起案した")
    #expect(element("C1.vendor-led", institutionDrafts) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「②　乙は、前項の中継装置、電源及び回線について甲が講ずべき対策を示して協議を主導し…」: the things
  /// the previous paragraph has the institution provide, named with their own compound (中継装置), make
  /// the talks C2's; they are not the institution's own measures (C1), which another article leaves to
  /// the institution alone.
  @Test func thePreviousParagraphsDevicesAreTheProvidedThings() {
    let text =
      Self.opening + """
        第4条（甲の用意するもの）
        ①　甲は、画像を転送するための中継装置、その設置場所及び電源、並びに乙のセンターと結ぶ回線を用意する。
        ②　乙は、前項の中継装置、電源及び回線について講ずべき安全対策を具体的に甲へ示したうえで甲との協議を主導し、甲はその協議で決めた対策を実施する。

        第5条（院内の安全対策）
        甲は、院内での画像の取扱いに関する自らの安全対策について案を作成し、乙の確認を受けたうえで実施する。
        """
    #expect(finding("C2", text) == nil)
    #expect(finding("C1", text)?.article == "5")
    #expect(element("C1.vendor-led", text) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は…乙が行うことと甲に行ってもらう必要があることを一覧にした案を作成し…。２　乙は、前項の案について甲と
  /// 打合せを重ね、分担を確定させる。」: the list names the institution's part, and the talks on it are
  /// led by the vendor (C1), though the paragraph with the talks does not repeat it.
  @Test func talksOnAListOfWhatTheInstitutionIsAskedToDo() {
    let text =
      Self.opening + """
        第3条（甲側の対策）
        １　乙は、作業の開始前に、利用者認証、ネットワークの分離及び保存データの暗号化について、乙が行うことと甲に行ってもらう必要があることを一覧にした分担表の案を作成し、甲に説明する。
        ２　乙は、前項の案について甲と打合せを重ね、分担を確定させる。確定した分担表は本契約に添付し、甲は自らの分担事項を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(finding("C1", text) == nil)
  }
}

extension ReadingAndLocationTests {
  /// 「前項の用意物に係る安全対策は、前条第2項の話し合いの対象に含め、甲が実施する」: the talks are those of
  /// the article before, which the vendor runs, so the vendor leads these too (C2); where the
  /// institution runs them, it does not.
  @Test(arguments: ["前条第2項の話し合いの対象に含め", "前条の話合いにおいて扱い"])
  func theTalksOfTheArticleBefore(reference: String) {
    let text =
      Self.opening + """
        第3条（甲の側の対策）
        ①　乙は、甲が院内で講ずべき安全対策の項目を一覧にして甲に示す。
        ②　乙は、前項の一覧をもとに甲との話し合いを主導し、甲が実施する対策を甲乙で決める。

        第4条（甲の用意するもの）
        ①　甲は、監視サーバの設置場所、無停電電源装置及び保守用のVPN装置を用意する。
        ②　前項の用意物に係る安全対策は、\(reference)、甲が実施する。
        """
    #expect(element("C2.vendor-led", text) == .met, "\(reference)")
    #expect(finding("C2", text) == nil, "\(reference)")
    let institutionRuns = text.replacingOccurrences(
      of: "乙は、前項の一覧をもとに甲との話し合いを主導し", with: "甲は、前項の一覧をもとに乙との話し合いを主導し")
    #expect(element("C2.vendor-led", institutionRuns) != .met, "\(reference)")
    // Running the talks (「話し合いを進行し」) is leading them.
    let runs = text.replacingOccurrences(of: "話し合いを主導し", with: "話し合いを進行し")
    #expect(element("C1.vendor-led", runs) == .met, "\(reference)")
  }
}

extension ReadingAndLocationTests {
  /// 「株式会社イーストゲート・ソリューションズ（以下「イーストゲート」という。）」: a short form of the
  /// company's own name is its label, however long, and the vendor leads what it convenes.
  @Test func aShortFormOfTheCompanysNameIsItsLabel() {
    let text = """
      運用支援業務委託契約書

      医療法人葵会 あおい台病院（以下「あおい台病院」という。）と株式会社イーストゲート・ソリューションズ（以下「イーストゲート」という。）は、次のとおり契約を締結する。

      第6条（病院側の安全対策）
      イーストゲートは、あおい台病院が自ら講ずべき安全管理措置について、具体的な対策案を示して協議を主導し、協議で定めた対策はあおい台病院が実施する。
      """
    let parties = review(text).contract.parties
    #expect(parties.first { $0.label == "イーストゲート" }?.role == .vendor)
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// A meeting the contract names in passing (「運用会議」「保守報告会」, no definition) is led by whoever
  /// another clause says convenes it (C1, DOMAIN.md §4); one the institution convenes is not the
  /// vendor's lead.
  @Test(arguments: [("運用会議", "第5条（運用会議）"), ("保守報告会", "第5条（報告会）")])
  func aMeetingNamedInPassingIsLedByWhoeverConvenesIt(meeting: String, heading: String) {
    let text =
      Self.opening + """
        \(heading)
        乙は、毎月1回、\(meeting)を招集し、議題を準備して議事を進行する。
        第6条（甲の安全対策）
        甲が自ら講ずべき安全管理措置（職員のアカウント管理、院内端末の利用ルール等）の具体的な対策は、\(meeting)での協議により決定され、甲がこれを実施する。
        """
    #expect(element("C1.vendor-led", text) == .met, "\(meeting)")
    #expect(finding("C1", text) == nil, "\(meeting)")
    let institution = text.replacingOccurrences(of: "乙は、毎月1回、", with: "甲は、毎月1回、")
    #expect(element("C1.vendor-led", institution) != .met, "\(meeting)")
  }

  /// 「受託者は、…方策を委託者に提案し、委託者と合意する」: agreeing with the other party is
  /// settling it together, and the vendor who proposes leads.
  @Test func proposingAndAgreeingWithTheOtherParty() {
    let text =
      Self.opening + """
        第4条（甲の安全対策）
        乙は、甲が本業務に関して講ずべき安全対策（入室者の記録、持込み機器の登録等）について、具体的な方策を甲に提案し、甲と合意する。
        ２　甲は、前項で合意した方策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// 「乙は、前二項を踏まえて甲と協議を行い」: the party that carries out the talks with the other
  /// leads them; the party after と is its partner, and the institution doing so is not the vendor.
  @Test func thePartyThatHoldsTheTalksWithTheOther() {
    let text =
      Self.opening + """
        第4条（甲の対策）
        乙は、本システムの利用者側で必要となる安全対策の項目を書面にまとめる。
        ２　乙は、前項の書面を踏まえて甲と協議を行い、甲の実施する対策を確定させる。甲は確定した対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let swapped = text.replacingOccurrences(of: "乙は、前項の書面を踏まえて甲と協議を行い", with: "甲は、前項の書面を踏まえて乙と協議を行い")
      .replacingOccurrences(of: "乙は、本システムの利用者側で必要となる安全対策の項目を書面にまとめる。", with: "甲は、本システムの利用者側の規程を整える。")
    #expect(element("C1.vendor-led", swapped) != .met)
  }

  /// 「医院側で講じる安全対策及び医院が用意する物の安全対策」: the institution's own measures named
  /// beside the provided things are C1's matter too; 「ログインＩＤの個人別付与」 is a security measure.
  @Test func ownMeasuresBesideProvidedThingsAndLoginIDs() {
    let both =
      Self.opening + """
        第4条（役割分担）
        甲側で講じる安全対策及び甲が用意する物の安全対策については、乙が原案を作って説明し、両者の協議で具体的内容を決める。甲は決まった内容を実施する。
        """
    #expect(element("C1.decided-jointly", both) == .met)
    #expect(element("C1.vendor-led", both) == .met)
    let logins =
      Self.opening + """
        第5条（利用者側の運用手順）
        １　乙は、甲の職員が各部署で守るべき事項（ログインＩＤの個人別付与、退職者のＩＤの即日停止等）を資料にまとめ、導入説明会で甲に示す。
        ２　甲と乙は、導入説明会において前項の資料を基に協議し、各部署の運用手順を定める。甲は定めた手順を実行する。
        """
    #expect(element("C1.decided-jointly", logins) == .met)
  }

  /// 「…具体的内容を、乙の対策とあわせて書面で甲に示す」 and 「前条の書面に示された甲の対策は、甲乙協議の上…
  /// 確定する」: the party that shows the other its measures leads the talks on what it showed.
  @Test func showingTheOtherPartyAndTalksOnWhatWasShown() {
    let text =
      Self.opening + """
        第5条（甲の対策の提示）
        乙は、毎年度当初に、甲が講ずべき安全対策（管理者権限の管理、復元手順書の保管等）の具体的内容を、乙の対策とあわせて書面で甲に示す。

        第6条（対策の確定）
        前条の書面に示された甲の対策は、甲乙協議の上、書面により確定する。甲は確定した対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// 「乙は、…甲が講ずべき安全対策を記した対策シートを起票し…甲は意見を付して返送し、乙はその意見を
  /// 反映した改訂版を作成する。両者が改訂版に記名した時点で…確定する」: the vendor drafts, both sign.
  @Test func aSheetTheVendorDraftsAndBothSign() {
    let text =
      Self.opening + """
        第4条（甲側対策シート）
        １　乙は、甲が本サービスの利用に当たって講ずべき安全対策（管理画面の利用者と権限、復元依頼の本人確認等）を記した「甲側対策シート」を起票し、甲に交付する。
        ２　甲は、前項のシートに意見を付して乙に返送し、乙はその意見を反映した改訂版を作成する。両者が改訂版に記名した時点で、甲側の対策が確定する。
        ３　甲は、確定した対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「当センター（以下「発注者」という。）が運用する健診システム」 in a 仕様書: the one who orders runs its
  /// own system; that does not make it the provider, and 発注者 stays the institution (DOMAIN.md
  /// section 2: 発注者/受注者 label the two sides).
  @Test func anOrdererRunningItsOwnSystemStaysTheInstitution() {
    let text = """
      健診システム更新業務　調達仕様書

      第１　目的
      当センター（以下「発注者」という。）が運用する健診システムを更新し、受注者がその構築を行う。

      第２　発注者側の対策
      受注者は、発注者が講じるべき運用上の対策の案を作成して発注者に説明する。発注者と受注者は、協議のうえ発注者側の対策を確定し、発注者はこれを実施する。
      """
    let parties = review(text).contract.parties
    #expect(parties.contains { $0.label == "発注者" && $0.role == .institution })
    #expect(!parties.contains { $0.label == "発注者" && $0.role == .vendor })
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「分担表の「協議」は、乙が年一回、…甲が講ずべき対策の案を提示し、乙が開く打合せで甲と協議して
  /// 決める」: the institution named inside what is proposed does not propose it; the vendor named
  /// before it leads (DOMAIN.md section 4, C1: the vendor leads the talks).
  @Test func thePartyInsideTheMatterDoesNotLeadWhenAnotherActsFirst() {
    let text =
      Self.opening + """
        第6条（協議の方法）
        院内の対策を決める「協議」は、乙が年一回、年次点検の報告とともに甲が講ずべき対策の案を提示し、乙が開く打合せで甲と協議して決める方法による。
        """
    #expect(element("C1.vendor-led", text) == .met)
    // The institution proposing, with the vendor only hosting the meeting, leads nothing the vendor does.
    let swapped = text.replacingOccurrences(of: "乙が年一回、年次点検の報告とともに甲が講ずべき", with: "甲が年一回、自ら講ずべき")
      .replacingOccurrences(of: "乙が開く打合せで甲と協議して", with: "甲が開く打合せで乙と協議して")
    #expect(element("C1.vendor-led", swapped) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「２　乙は、…甲が講ずべき対策の案を記載した資料を作成し、甲に送付する。３　甲の院長と乙の担当者は、
  /// 前項の資料をもとに協議し…」: talks built on what the vendor prepared are led by the vendor (DOMAIN.md
  /// section 4, C1).
  @Test func talksBuiltOnTheVendorsMaterialAreLedByTheVendor() {
    let text =
      Self.opening + """
        第6条（年次見直し）
        1　乙は、毎年1回、甲と日程を調整して年次の見直しを行う。
        2　乙は、見直しのために、甲が講ずべき安全対策の案を記載した資料を作成し、事前に甲に送付する。
        3　甲の院長と乙の担当者は、前項の資料をもとに協議し、当年度に甲が実施する安全対策を決める。
        """
    #expect(element("C1.vendor-led", text) == .met)
    // Material the institution prepared makes the institution lead.
    let own = text.replacingOccurrences(of: "2　乙は、見直しのために、甲が講ずべき", with: "2　甲は、見直しのために、自らが講ずべき")
      .replacingOccurrences(of: "資料を作成し、事前に甲に送付する。", with: "資料を作成し、事前に乙に送付する。")
    #expect(element("C1.vendor-led", own) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「甲及び乙は、乙の担当者が進行する打合せを行い、…協議のうえ決定する」: the vendor runs the meeting
  /// where both decide, so it leads (DOMAIN.md section 4, C1).
  @Test func theVendorRunsTheMeetingWhereBothDecide() {
    let text =
      Self.opening + """
        第7条（院内の安全対策）
        甲及び乙は、毎年5月に、乙の担当者が進行する打合せを行い、甲が院内で講ずべきセキュリティ対策を協議のうえ決定する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let other = text.replacingOccurrences(of: "乙の担当者が進行する打合せ", with: "甲の担当者が進行する打合せ")
    #expect(element("C1.vendor-led", other) != .met)
  }

  /// 「乙は、甲が講ずべき安全対策（…、以下「院内対策」という。）の見直しの会合を招集し」: a long gloss
  /// between the vendor and 招集 still leaves the vendor convening; 甲 sits in the matter.
  @Test func aLongGlossDoesNotHideWhoConvenes() {
    let text =
      Self.opening + """
        第8条（院内対策の見直し）
        1 乙は、毎年6月に、甲が講ずべき安全対策（利用者IDの払出しと削除、端末の画面ロック、外部記録媒体の持出しの管理及び職員への教育をいう。以下「院内対策」という。）の見直しの会合を招集し、改訂案を作成する。
        2 院内対策は、前項の会合において甲と乙が協議して定め、甲がこれを実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    // The institution convening and drafting leads instead.
    let other = text.replacingOccurrences(of: "1 乙は、毎年6月に、甲が講ずべき", with: "1 甲は、毎年6月に、自らが講ずべき")
    #expect(element("C1.vendor-led", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、甲が甲の側で実施すべき対策を特定した分担表の草案を作成し」: 甲 named twice inside the matter
  /// does not draft it; the vendor does (DOMAIN.md section 4, C1).
  @Test func theSamePartyNamedTwiceInsideTheMatter() {
    let text =
      Self.opening + """
        第4条（分担表）
        乙は、毎年1回、甲が甲の側で実施すべきセキュリティ対策を特定した分担表の草案を作成し、甲と協議して確定する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let other = text.replacingOccurrences(of: "乙は、毎年1回、甲が甲の側で", with: "甲は、毎年1回、甲が甲の側で")
    #expect(element("C1.vendor-led", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、…甲の側で講ずべき安全対策の案を作成し、甲の本部に説明する」: 甲's office is who the
  /// explanation is addressed to, not who explains (DOMAIN.md section 4, C1).
  @Test func theOfficeAddressedIsNoAgent() {
    let text =
      Self.opening + """
        第6条（院内の実施計画）
        1 乙は、利用開始前に、甲の側で講ずべき安全対策を記載した実施計画書の案を作成し、甲の本部に説明する。
        2 甲は、前項の案について乙と協議し、合意した内容の計画書に従って対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let other = text.replacingOccurrences(of: "1 乙は、利用開始前に", with: "1 甲は、利用開始前に")
    #expect(element("C1.vendor-led", other) != .met)
  }
}

extension ReadingAndLocationTests {
  /// The vendor that plans the response (「乙が処置方針を立案して甲と協議し」) or sets up the meeting
  /// that settles it (「乙が甲との打合せを設け」) leads the talks on the designated software's
  /// vulnerabilities (DOMAIN.md section 4, D2).
  @Test func planningTheResponseOrSettingUpTheMeetingLeads() {
    let exemption = """
      第11条（免責）
      １　乙は、乙が指定していないソフトウェアを甲が導入したことにより生じた障害について、責任を負わない。

      """
    let planned =
      Self.opening + exemption + """
        ２　前項は、乙が指定したソフトウェアに脆弱性が見つかったときに、乙が処置方針を立案して甲と協議し、協議で決めた処置を乙が施している場合に限り適用する。
        """
    #expect(element("D2.vendor-led", planned) == .met)
    let meeting =
      Self.opening + exemption + """
        ２　前項は、乙が指定したソフトウェアに脆弱性が見つかったときに、乙が甲との打合せを設けて処置を協議し、決めた処置を乙が施している場合に限り適用する。
        """
    #expect(element("D2.vendor-led", meeting) == .met)
    // Where the institution plans and sets up the meeting, the vendor does not lead.
    let institutionLeads = planned.replacingOccurrences(of: "乙が処置方針を立案して甲と協議し", with: "甲が処置方針を立案して乙と協議し")
    #expect(element("D2.vendor-led", institutionLeads) != .met)
  }

  /// 「そこで甲と取り決めた対応を乙が実行する」: what the vendor settles with the institution is settled
  /// jointly (DOMAIN.md section 4, D2).
  @Test func settledWithTheOtherPartyIsAConsultation() {
    let text =
      Self.opening + """
        第11条（免責）
        １　乙は、乙が指定していないソフトウェアを甲が導入したことにより生じた障害について、責任を負わない。
        ２　前項は、乙が指定したソフトウェアに脆弱性が見つかったときに、乙が対応案を添えて臨時の会合を招集し、そこで甲と取り決めた対応を乙が実行している場合に限り適用する。
        """
    #expect(element("D2.vendor-led", text) == .met)
    let alone = text.replacingOccurrences(of: "そこで甲と取り決めた対応", with: "そこで乙が選んだ対応")
    #expect(element("D2.vendor-led", alone) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「甲は、次の行為をしてはならない。…（３）…変更を事前の申請なく行うこと」: an item with no agent is
  /// done by the one the list's sentence names, the institution; it denies nothing of the vendor's
  /// notice of its own changes (DOMAIN.md section 4, B1).
  @Test func anItemIsDoneByTheSubjectOfItsList() {
    let text =
      Self.opening + """
        第8条（禁止事項）
        甲は、乙の設備内で次の行為をしてはならない。
        （１）乙が認めない機器を持ち込むこと
        （２）ラックの鍵を第三者に貸すこと
        （３）収容機器の電源容量を増やす変更を事前の申請なく行うこと

        第9条（設備の変更）
        乙は、設備又は運用体制を変更しようとする場合で、甲の安全管理に影響するときは、変更の60日前までに書面で甲に通知し、甲の承諾を得る。
        """
    #expect(element("B1.notice", text) == .met)
    // The vendor's own item, in a list of what the vendor must not do, does deny it.
    let vendorList = text.replacingOccurrences(of: "甲は、乙の設備内で次の行為をしてはならない。", with: "乙は、次の行為をしてはならない。")
    #expect(element("B1.notice", vendorList) != .met)
  }
}

extension ReadingAndLocationTests {
  /// The vendor that calls the institution to the meeting (「乙から甲に声をかけて打合せを開き」), takes
  /// the lead (「乙が音頭を取って」) or lays a draft before the committee it convenes (「委員会を招集して
  /// 対策案を付議し」) leads the talks on the designated software's vulnerabilities; software 「動作保証
  /// 環境に含まれる」 is the designated software (DOMAIN.md section 4, D2).
  @Test func callingTheMeetingOrTakingTheLeadLeads() {
    let exemption = """
      第11条（免責）
      １　乙は、乙が指定していないソフトウェアを甲が導入したことにより生じた障害について、責任を負わない。

      """
    let called =
      Self.opening + exemption + """
        ２　前項は、乙が指定したOSに脆弱性が見つかったときに、乙から甲に声をかけて打合せを開き、対処の方法を甲と協議して決め、乙がこれを実行している場合に限り適用する。
        """
    #expect(element("D2.vendor-led", called) == .met)
    let lead =
      Self.opening + exemption + """
        ２　前項は、乙が指定したOSに脆弱性が見つかったときに、乙が音頭を取って甲と対処の方法を協議し、決まった方法を乙が実行している場合に限り適用する。
        """
    #expect(element("D2.vendor-led", lead) == .met)
    let committee =
      Self.opening + """
        第11条（免責）
        乙は、動作保証環境に含まれないソフトウェアを甲が導入したことにより生じた障害については、責任を負わない。ただし、動作保証環境に含まれるOSに脆弱性が見つかったときは、乙は運営委員会を招集して対策案を付議し、決まった対策を乙が実施するものとする。
        """
    #expect(element("D2.designated-vuln", committee) == .met)
    #expect(element("D2.vendor-led", committee) == .met)
    // The institution calling the meeting leads it.
    let institution = called.replacingOccurrences(of: "乙から甲に声をかけて", with: "甲から乙に声をかけて")
    #expect(element("D2.vendor-led", institution) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、…職員が本システムを安全に使い続けるために甲の側で取り組むべき事項…について、乙が進め役を務める
  /// 打合せを開く」: what the hospital takes on to use the system safely is its own security, and the
  /// vendor that chairs the meeting leads (C1). Chaired by the hospital, the vendor does not lead.
  @Test func theVendorChairsTheMeetingOnWhatTheHospitalTakesOn() {
    let text =
      Self.opening + """
        第5条（甲の側の取組み）
        1　乙は、職員が本システムを安全に使い続けるために甲の側で取り組むべき事項（ログインの管理、画像の書出しの管理等）について、乙が進め役を務める打合せを年2回開く。
        2　前項の打合せでは、取り組む事項を双方で話し合って決める。甲は、決まった事項に取り組む。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let hospitalChairs = text.replacingOccurrences(of: "乙が進め役を務める打合せを年2回開く", with: "甲が進め役を務める打合せを年2回開く")
      .replacingOccurrences(of: "1　乙は、職員が", with: "1　甲は、職員が")
    #expect(element("C1.vendor-led", hospitalChairs) != .met)
  }

  /// 「当社は、…担当者がお客様と面談して、お客様の院内で必要となるセキュリティ対策…についての打合せを当社の
  /// チェックシートに沿って進めます。」: the party that moves the meeting along leads it (C1).
  @Test func thePartyThatMovesTheMeetingAlongLeadsIt() {
    let text =
      Self.opening + """
        第5条（院内の対策）
        5.1 乙は、導入時に、乙の担当者が甲を訪問して、甲の院内で必要となるセキュリティ対策（職員アカウントの管理、退職者のアカウント削除等）についての打合せを乙のチェックシートに沿って進める。
        5.2 5.1の打合せでは、甲が行う対策を双方で合意のうえ決定する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let hospitalMoves = text.replacingOccurrences(
      of: "5.1 乙は、導入時に、乙の担当者が甲を訪問して、", with: "5.1 甲は、導入時に、乙の担当者の訪問を受けて、"
    )
    .replacingOccurrences(of: "乙のチェックシートに沿って進める", with: "甲のチェックシートに沿って進める")
    #expect(element("C1.vendor-led", hospitalMoves) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「乙は、甲が院内で実施すべき運用上のセキュリティ対策…について、説明と意見交換の会を招集し、その議事を
  /// 進める。２　前項の会では、乙が示す対策の例を基に、甲が実施する内容を甲乙が確認し合って確定させる。」:
  /// an exchange of views and settling by confirming with each other are talks, which the vendor that
  /// calls the meeting leads (C1).
  @Test func anExchangeOfViewsTheVendorCallsIsTalksItLeads() {
    let text =
      Self.opening + """
        第7条（甲の運用上の対策）
        1 乙は、甲が院内で実施すべき運用上のセキュリティ対策（閲覧できる職員の範囲、画像の院外持出しの禁止の周知等）について、甲の担当者との説明と意見交換の会を年1回招集し、その議事を進める。
        2 前項の会では、乙が示す対策の例を基に、甲が実施する内容を甲乙が確認し合って確定させる。甲は、確定した内容を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(finding("C1", text) == nil)
    let noTalks = text.replacingOccurrences(of: "甲の担当者との説明と意見交換の会を年1回招集し、その議事を進める", with: "説明書を作成して甲に交付する")
      .replacingOccurrences(
        of: "2 前項の会では、乙が示す対策の例を基に、甲が実施する内容を甲乙が確認し合って確定させる。", with: "2 甲は、前項の説明書を参考に、実施する内容を自ら定める。")
    #expect(finding("C1", noTalks) != nil)
  }
}

extension ReadingAndLocationTests {
  /// Words a party leads talks with, on what the hospital provides (C2.vendor-led): it opens the
  /// talks (「乙は、…点検の機会に甲との協議を開き」), sets up the place and runs it (「話し合う場を設けて
  /// 進行し」), brings the talks to the other party (「甲に協議を持ちかけ」), or is at their centre
  /// (「乙が中心となって甲との協議を進め」). Said of the hospital, the vendor does not lead.
  @Test func wordsThatOpenOrRunTheTalksOnTheProvidedThings() {
    let provided = "第5条（甲の提供するもの）\n1 甲は、本業務のため、サーバの設置場所、電源及び院内LANへの接続口を提供する。\n"
    let ways = [
      "2 乙は、前項の設備のセキュリティ対策について、年2回の点検の機会に甲との協議を開き、対策を取り決める。取り決めた対策は甲が実施する。",
      "2 前項の設備について、乙は、必要なセキュリティ対策を甲と話し合う場を設けて進行し、話し合いで定めた対策を甲が講じる。",
      "2 前項の設備のセキュリティ対策は、乙が導入時に甲に協議を持ちかけ、双方で取り決めたうえで、甲が行う。",
      "2 前項の設備のセキュリティ対策は、乙が中心となって甲との協議を進め、定めた対策を甲が実施する。",
    ]
    for way in ways {
      let text = Self.opening + provided + way + "\n"
      #expect(element("C2.vendor-led", text) == .met, "\(way)")
      let swapped = way.replacingOccurrences(of: "乙", with: "丙").replacingOccurrences(of: "甲", with: "乙")
        .replacingOccurrences(of: "丙", with: "甲")
      #expect(element("C2.vendor-led", Self.opening + provided + swapped + "\n") != .met, "\(swapped)")
    }
  }
}

extension ReadingAndLocationTests {
  /// 「２　甲は、前項の協議に担当者を出席させ…。協議の日程と議題は乙が甲に示す。」: the party with が right
  /// before the one shown to (甲に示す) shows, not the party the paragraph opens with; so the talks a
  /// later paragraph takes up (「第1項の協議の中で取り上げ」) are the vendor's (C2.vendor-led).
  @Test func thePartyThatShowsIsTheOneBeforeThePartner() {
    let text =
      Self.opening + """
        第4条（甲の提供するもの）
        1 甲は、本業務のため、サーバの設置場所、電源及び院内LANへの接続口を提供する。

        第5条（甲の講ずる対策）
        1 甲が本システムの運用に当たり講ずべきセキュリティ対策については、甲乙で協議して具体的な内容を決める。
        2 甲は、前項の協議に担当者を出席させ、決めた内容を実施する。協議の日程と議題は乙が甲に示す。
        3 前条第1項により甲が提供する設備等のセキュリティ対策についても、第1項の協議の中で取り上げ、決めた内容を甲が実施する。
        """
    #expect(element("C2.vendor-led", text) == .met)
    let hospitalShows = text.replacingOccurrences(of: "協議の日程と議題は乙が甲に示す", with: "協議の日程と議題は甲が乙に示す")
    #expect(element("C2.vendor-led", hospitalShows) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「甲は、…甲が講ずべき情報セキュリティ対策について、甲の委員会が主催する協議において乙から説明を受け、
  /// 乙と協議して…定める」: the party that receives the explanation does not lead by it; the talks are the
  /// hospital's committee's (C1.vendor-led not met). Where the vendor hosts them, it leads.
  @Test func receivingAnExplanationInTalksTheHospitalHostsLeadsNothing() {
    let text =
      Self.opening + """
        第6条（甲の側の対策）
        1 甲は、甲が講ずべき情報セキュリティ対策（端末の保管場所、パスコードの管理等）について、甲の医療情報管理委員会が主催する協議において乙から説明を受け、乙と協議して具体的な内容を定める。
        2 甲は、前項により定めた対策を実施する。
        """
    #expect(element("C1.vendor-led", text) != .met)
    #expect(finding("C1", text) != nil)
    let vendorHosts = text.replacingOccurrences(of: "甲の医療情報管理委員会が主催する協議", with: "乙が主催する協議")
    #expect(element("C1.vendor-led", vendorHosts) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「甲の医療情報部会が主催する会議で…」: a body of the hospital that hosts the talks acts for the
  /// hospital, so the vendor who only attends and hands over technical information leads nothing — and
  /// a body of the vendor that hosts them acts for the vendor.
  @Test func aCommitteeOfAPartyHostsForThatParty() {
    let text =
      Self.opening + """
        第5条（甲の設備）
        １　甲は、本業務に必要な範囲で、甲が管理する院内LAN、サーバ室及び保守用端末を乙に使用させる。
        ２　院内LAN、サーバ室及び保守用端末の情報セキュリティ対策は、甲の医療情報管理委員会が主催する協議において乙の意見を聴いて定めるものとし、甲がこれを実施する。乙は、当該協議に出席し、必要な技術情報を提供する。
        """
    #expect(element("C2.vendor-led", text) != .met)
    #expect(finding("C2", text) != nil)
    let vendorHosts = text.replacingOccurrences(
      of: "甲の医療情報管理委員会が主催する協議において乙の意見を聴いて定める",
      with: "乙の保守管理センターが主催する協議において甲と話し合って定める")
    #expect(element("C2.vendor-led", vendorHosts) == .met)
  }

  /// 「乙の技術者が甲を訪ねて打合せを行い、…甲と決める」: the party that goes to the other to hold the
  /// meeting arranges it and leads the talks; where the hospital's staff visit the vendor instead, the
  /// vendor leads nothing.
  @Test func thePartyThatVisitsToHoldTheMeetingLeadsIt() {
    let text =
      Self.opening + """
        第6条（甲の対策）
        乙は、甲が本システムの運用に当たって講ずるべき情報セキュリティ対策（利用者の権限の範囲、端末の施錠等）について、稼働の前に乙の技術者が甲を訪問して打合せを行い、当該打合せにおいて対策の内容を甲と決める。甲は、決めた対策を実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let hospitalVisits = text.replacingOccurrences(
      of: "乙は、甲が本システム", with: "甲は、甲が本システム"
    ).replacingOccurrences(of: "乙の技術者が甲を訪問して", with: "甲の職員が乙を訪問して")
      .replacingOccurrences(of: "対策の内容を甲と決める", with: "対策の内容を乙と決める")
    #expect(element("C1.vendor-led", hospitalVisits) != .met)
  }

  /// 「…甲が主催する運用会議において甲と乙が協議して定める。２　乙は、前項の会議に必要な資料を作成して
  /// 提出し、技術面から助言する。」: supplying the papers for the meeting the hospital hosts leads
  /// nothing; where the vendor hosts it, the vendor leads.
  @Test func supplyingThePapersForTheHospitalsMeetingLeadsNothing() {
    let text =
      Self.opening + """
        第7条（甲の運用対策）
        １　本システムの利用に関して甲が講ずべきセキュリティ対策は、甲が主催する運用会議において甲と乙が協議して定める。
        ２　乙は、前項の会議に必要な資料を作成して提出し、技術面から助言する。甲は、定めた対策を実施する。
        """
    #expect(element("C1.vendor-led", text) != .met)
    #expect(finding("C1", text) != nil)
    let vendorHosts = text.replacingOccurrences(of: "甲が主催する運用会議", with: "乙が主催する運用会議")
    #expect(element("C1.vendor-led", vendorHosts) == .met)
  }
}

extension ReadingAndLocationTests {
  /// The party that sets the agenda and lays the matter before the meeting leads it (dev27 b_13:
  /// 「自ら議題を設定して…打合せに付し」), and settling the response with the other party (「…と対応を
  /// 詰め」) is a consultation. The same sentences with the hospital setting the agenda are not
  /// vendor-led.
  @Test func thePartyThatSetsTheAgendaLeadsTheTalks() {
    let text =
      Self.opening + """
        第5条（甲の対策）
        乙は、甲が運用で講ずべき安全対策について、自ら議題を設定して甲との打合せに付し、双方で取り決めた内容を記録に残し、甲はこれを実施する。
        第6条（免責）
        乙は、乙が指定しないソフトウェアに起因する障害について責任を負わない。ただし、乙が指定したソフトウェアに脆弱性が公表されたときは、乙が声をかけて甲と対応を詰め、決めた対応を実施した場合に限る。
        """
    #expect(element("C1.vendor-led", text) == .met)
    #expect(element("D2.vendor-led", text) == .met)
    let hospital = text.replacingOccurrences(
      of: "乙は、甲が運用で講ずべき安全対策について、自ら議題を設定して甲との", with: "甲は、自らが運用で講ずべき安全対策について、自ら議題を設定して乙との")
    #expect(element("C1.vendor-led", hospital) != .met)
  }
}
