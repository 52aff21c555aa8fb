import Testing

@testable import BunkaiCore

@Suite struct ParserTests {
  func parse(_ text: String) -> (Contract, SourceText) {
    let s = SourceText(text: text)
    return (ContractParser.parse(s), s)
  }

  /// Terms numbered 1. / 1.1 and flattened to one line read as sections, including the sections
  /// after 9 and one that follows a list whose items end without 。.
  @Test func flattenedSectionNumberedTerms() {
    var sections = ["ひかり連携サービス利用規約 この規約は、ひかり連携サービスの利用条件を定めます。"]
    let headings = [
      "目的", "利用登録", "提供内容", "禁止事項", "安全管理", "変更", "委託", "料金", "アカウント", "停止", "秘密保持", "免責",
    ]
    for (n, heading) in headings.enumerated() {
      let body =
        heading == "禁止事項"
        ? "利用施設は、次の行為をしてはなりません。 一　法令に違反する行為 二　運営を妨げる行為"
        : "\(n + 1).1 運営者は、\(heading)について定めるところにより対応します。 \(n + 1).2 利用施設はこれに協力するものとします。"
      sections.append("\(n + 1). \(heading) \(body)")
    }
    // The review cleans the layout before parsing (Reviewer), as here.
    let cleaned = Layout.clean(Array(sections.joined(separator: " ").unicodeScalars))
    let (c, _) = parse(String(String.UnicodeScalarView(cleaned)))
    #expect(c.articles.map(\.number) == (1...12).map(String.init))
    #expect(c.articles.map { $0.heading ?? "" } == headings)
  }

  /// A contract flattened to one line where a list item with no 。 ends an article: the next
  /// article with its bracketed heading still starts a line of its own.
  @Test func flattenedArticlesAfterAListItem() {
    var text = "保守契約書 甲と乙は、次のとおり契約する。"
    for n in 1...12 {
      text +=
        n % 3 == 0
        ? " 第\(n)条（事項\(n)） 乙は次の作業を行う。(1)点検(2)障害受付"
        : " 第\(n)条（事項\(n)） 乙は、第\(n)条の事項について誠実に対応し、その結果を甲に報告する。甲はこれに協力する。"
    }
    let cleaned = Layout.clean(Array(text.unicodeScalars))
    let (c, _) = parse(String(String.UnicodeScalarView(cleaned)))
    #expect(c.articles.map(\.number) == (1...12).map(String.init))
  }

  @Test func headingStylesAndNumbers() {
    let (c, _) = parse(
      """
      システム保守契約書

      医療法人さくら会 さくら病院（以下「甲」という。）と株式会社ミナトシステム（以下「乙」という。）は、次のとおり合意する。

      第1条（目的）
      本契約は保守について定める。
      第２条 (業務の範囲)
      乙の業務は別表１のとおりとする。
      第三条【再委託】乙は再委託しない。
      第4条　定義
      本契約で用いる用語は次のとおりとする。
      （秘密保持）
      第５条　甲及び乙は秘密を守る。
      第5条の2（個人情報）
      乙は個人情報を適切に扱う。
      第十二条　乙は、本契約に基づき誠実に業務を行う。
      第二十一条（協議）
      定めのない事項は協議する。
      第22条＜管轄＞
      東京地方裁判所を管轄裁判所とする。
      第23条<準拠法>
      日本法に準拠する。
      """)
    #expect(c.articles.map(\.number) == ["1", "2", "3", "4", "5", "5の2", "12", "21", "22", "23"])
    #expect(
      c.articles.map(\.heading) == ["目的", "業務の範囲", "再委託", "定義", "秘密保持", "個人情報", nil, "協議", "管轄", "準拠法"])
    #expect(c.title == "システム保守契約書")
    #expect(c.numberStyle == .arabic)
  }

  @Test func referencesAtLineStartAreNotArticles() {
    let (c, _) = parse(
      """
      第1条（損害賠償）
      乙は損害を賠償する。
      第1条の規定にかかわらず、乙の故意による場合はこの限りでない。
      第2条（協議）
      協議する。
      """)
    #expect(c.articles.map(\.number) == ["1", "2"])
    #expect(c.articles[0].paragraphs.count == 1)
  }

  @Test func paragraphsAndItems() {
    let (c, s) = parse(
      """
      第７条（乙の義務）
      乙は、次の各号に掲げる事項を行う。
      （１）障害の切り分け
      （２）修正プログラムの適用
      ２　乙は、作業の記録を残す。
      3. 乙は、求めに応じて報告する。
      ４．乙は、次の事項を守る。
      一　法令
      二　本契約
      ①　甲の規程
      ア　その他
      5 乙は、前各項を誠実に行う。
      """)
    let a = c.articles[0]
    #expect(a.paragraphs.map(\.number) == [1, 2, 3, 4, 5])
    #expect(a.paragraphs[0].items.map(\.label) == ["（１）", "（２）"])
    #expect(a.paragraphs[3].items.map(\.label) == ["一", "二", "①", "ア"])
    #expect(s.slice(a.paragraphs[1].range) == "乙は、作業の記録を残す。")
    #expect(s.slice(a.paragraphs[2].range) == "乙は、求めに応じて報告する。")
  }

  @Test func wrappedLinesContinueTheParagraph() {
    let (c, s) = parse("第1条（報告）\n乙は、事故が発生したときは、直ちに甲に\n報告する。\n２　乙は原因を調べる。\n")
    #expect(c.articles[0].paragraphs.count == 2)
    #expect(s.slice(c.articles[0].paragraphs[0].range) == "乙は、事故が発生したときは、直ちに甲に\n報告する。")
  }

  @Test func chaptersAnnexesAndSupplementaryProvisions() {
    let (c, _) = parse(
      """
      第1章　総則
      第1条（目的）
      目的を定める。
      第二章 業務
      第2条（業務）
      業務は別表第２及び別紙に定める。
      本契約の成立を証するため、本書二通を作成する。
      別表第２（対象機器）
      サーバ一式
      附　則
      第1条 この契約は令和7年4月1日から施行する。
      """)
    #expect(c.chapters.map(\.number) == ["1", "2"])
    #expect(c.chapters.map(\.title) == ["総則", "業務"])
    // The 附則's own 第1条 is read as 附則:1, outside the contract's articles and chapters.
    #expect(c.articles.filter { $0.part == nil }.map(\.chapter) == ["1", "2"])
    #expect(c.articles.filter { $0.part == nil }.count == 2)
    #expect(c.articles.contains { $0.part == "附則" && $0.number == "1" && $0.chapter == nil })
    #expect(Set(c.annexReferences.map(\.label)) == ["別表2", "別紙"])
    #expect(c.annexReferences.first?.article == "2")
    #expect(c.annexSections.map(\.label) == ["別表2"])
    #expect(c.supplementary != nil)
  }

  /// A cover block whose label cell defines the label (「委託者（以下「病院」という。）：医療法人…」): the
  /// name follows the colon, not the role word before the bracket, and the row above it is no part
  /// of the next party's name (both parties were lost, dev26 b_11).
  @Test func aCoverBlockRowDefiningTheLabelBeforeTheColon() {
    let (c, _) = parse(
      """
      画像管理システム保守契約書

      契約件名：画像管理システム保守業務
      委託者（以下「病院」という。）：医療法人みずなら会 みずなら整形外科クリニック
      受託者（以下「受託者」という。）：株式会社ミズナラ画像サービス
      契約期間：令和8年4月1日から令和9年3月31日まで

      第1条（目的）
      病院は、受託者に画像管理システムの保守を委託する。
      """)
    #expect(c.parties.first { $0.label == "病院" }?.name == "医療法人みずなら会 みずなら整形外科クリニック")
    #expect(c.parties.first { $0.label == "病院" }?.role == .institution)
    #expect(c.parties.first { $0.label == "受託者" }?.name == "株式会社ミズナラ画像サービス")
    #expect(c.parties.first { $0.label == "受託者" }?.role == .vendor)
  }

  /// Translated terms' cover rows (「カスタマー：…病院」「プロバイダー：…合同会社」): labels longer than
  /// five characters are parties where they are usual labels, and カスタマー is the institution.
  @Test func translatedCoverRowsNameTheParties() {
    let (c, _) = parse(
      """
      クラウド基盤サービス 契約条件（日本語参考訳）

      カスタマー：社会医療法人ふじみ会 ふじみ中央病院
      プロバイダー：フジミクラウド合同会社

      1. 定義
      1.1 「本サービス」とは、プロバイダーが提供する仮想サーバの基盤をいう。

      2. 本サービスの提供
      2.1 プロバイダーは、カスタマーに本サービスを提供する。
      """)
    #expect(c.parties.first { $0.label == "カスタマー" }?.role == .institution)
    #expect(c.parties.first { $0.label == "プロバイダー" }?.name == "フジミクラウド合同会社")
  }

  /// A cover table with a column per party (dev21 b_15): the short names in brackets on the 略称 row
  /// are the labels, and the 名称 and 施設 cells tell who is the hospital.
  @Test func partiesInTheColumnsOfACoverTable() {
    let (c, _) = parse(
      """
      遠隔保守契約書

      ◆契約者
      　　　　｜依頼者　　　　　　　｜受託者
      名称　　｜医療法人社団あおば会｜株式会社アオバ技研
      施設　　｜あおば眼科医院　　　｜（本社）
      本書の略称｜「医院」　　　　｜「技研」

      第1条（目的）
      医院は、技研に保守を委託する。
      """)
    #expect(c.parties.first { $0.label == "医院" }?.role == .institution)
    #expect(c.parties.first { $0.label == "技研" }?.role == .vendor)
  }

  @Test(arguments: [
    ("医療法人社団かえで会 かえで病院（以下「甲」という。）と株式会社ホシゾラ情報（以下「乙」という。）は", "甲", PartyRole.institution, "乙", PartyRole.vendor),
    ("株式会社ツバサソフト（以下「甲」という。）とつばさ内科クリニック（以下「乙」という。）は", "乙", .institution, "甲", .vendor),
    (
      "本規約は、株式会社クモノウエ（以下「当社」といいます。）が提供するサービスを利用する医療機関（以下「契約者」といいます。）に適用されます。", "契約者", .institution, "当社",
      .vendor
    ),
    ("みなと薬局（以下「委託者」という。）と有限会社ミナトデータ（以下「受託者」という。）は", "委託者", .institution, "受託者", .vendor),
    ("医療法人ひかり会（以下、「発注者」という。）と株式会社ヒカリ開発（以下、「受注者」という。）は", "発注者", .institution, "受注者", .vendor),
    ("山田医院（以下「ユーザ」という。）とベンダー株式会社（以下「ベンダ」という。）は", "ユーザ", .institution, "ベンダ", .vendor),
    // A label made of the name's opening and an abbreviation.
    ("北浜記念病院（以下「病院」という。）とミナトデータセンター株式会社（以下「ミナトDC」という。）は", "病院", .institution, "ミナトDC", .vendor),
    // An association of practitioners that runs a hospital is the institution (dev21 b_17).
    ("公益社団法人あさひ医師会（あさひ医師会病院の開設者。以下「病院」という。）と株式会社アサヒ電算（以下「事業者」という。）は", "病院", .institution, "事業者", .vendor),
    // A company that says it runs a place of care is the institution (dev30 a_11).
    ("株式会社すずらんケア（訪問看護ステーションすずらんの開設者。以下「甲」という。）と株式会社スズラン情報（以下「乙」という。）は", "甲", .institution, "乙", .vendor),
    ("有限会社あおば（あおば薬局を開設する。以下「委託者」という。）と株式会社アオバ電算（以下「受託者」という。）は", "委託者", .institution, "受託者", .vendor),
    // A company glossed by the name of the place of care it runs, under a label of its own (dev31 b_10).
    (
      "合同会社ひだまりケア（訪問看護ステーションひだまり。以下「ステーション」といいます）と株式会社ヒダマリ情報（以下「ＨＤＩ」といいます）は", "ステーション", .institution, "ＨＤＩ",
      .vendor
    ),
    // A practice named by its specialty, its label defined without という (dev31 b_06).
    ("みどり坂眼科（以下「クリニック」）と、株式会社ミドリザカ情報（以下「ミドリザカ社」）は", "クリニック", .institution, "ミドリザカ社", .vendor),
    // 本院 is how a hospital calls itself, whatever the legal form of its name (dev21).
    ("一般財団法人みずき会（以下「本院」という。）と株式会社ミズキ運用（以下「受託者」という。）は", "本院", .institution, "受託者", .vendor),
  ])
  func partiesAndRoles(preamble: String, inst: String, instRole: PartyRole, vend: String, vendRole: PartyRole)
  {
    let (c, _) = parse("契約書\n\n\(preamble)\n\n第1条（目的）\n目的を定める。\n")
    #expect(c.parties.first { $0.label == inst }?.role == instRole)
    #expect(c.parties.first { $0.label == vend }?.role == vendRole)
  }

  /// A council or other body that runs the network is its provider; the participants, named
  /// throughout the rules without a definition in quotes, are the institutions, even where the rules
  /// also speak of 利用者 (their staff).
  @Test func bodyRunningTheNetworkIsTheVendor() {
    let text = """
      連携ネットワーク参加規約

      第1条（目的）
      本規約は、架空市医療連携協議会（以下「協議会」という。）が運営する連携ネットワークへの参加施設の参加について定める。

      第2条（参加施設の義務）
      参加施設は、協議会の定める手順に従う。参加施設は、利用者の範囲を定める。
      ２　参加施設は、利用者にパスワードを管理させる。参加施設は、利用者の退職時に届け出る。

      第3条（協議会の義務）
      協議会は、参加施設に障害を通知する。
      """
    let (c, _) = parse(text)
    #expect(c.parties.first { $0.label == "協議会" }?.role == .vendor)
    #expect(c.parties.first { $0.label == "参加施設" }?.role == .institution)
    #expect(!c.parties.contains { $0.label == "利用者" })
  }

  /// Parties a definitions article lists without quotes, their bodies broken across pdftotext lines
  /// (「…本ネットワークに\n参加する病院…」: 参 is no item marker).
  @Test func partiesListedInTheDefinitionsArticle() {
    let text = """
      連携ネットワーク運営規程

      第一条（目的）
      この規程は、連携ネットワークの運営について定める。

      第二条（定義）
      この規程において、次の各号に掲げる用語の意義は、それぞれ当該各号に定めるところによる。
      　一　運営主体　本ネットワークを設置し、運営する事務局（株式会社ウミネコ通信）をいう。
      　二　参加機関　この規程に同意し、運営主体の承認を受けて本ネットワークに
      参加する病院、診療所その他の機関をいう。
      """
    let (c, _) = parse(text)
    #expect(c.definitions.contains { $0.term == "運営主体" })
    #expect(c.parties.first { $0.label == "運営主体" }?.role == .vendor)
    #expect(c.parties.first { $0.label == "参加機関" }?.role == .institution)
  }

  /// 「【第1条　目的】」: number and heading in one pair of brackets; 「が運営す\nる」 broken by pdftotext
  /// still says who runs the service.
  @Test func bracketedArticleHeadersAndABrokenOperatorVerb() {
    let text = """
      地域ネットワーク利用規程

      【第1条　目的】
      この規程は、一般社団法人架空連携機構（以下「機構」という。）が運営す
      る地域ネットワークを利用する医療機関（以下「参加施設」という。）との役割を定める。

      【第2条　機構の安全管理】
      機構は、安全管理を行う。
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2"])
    #expect(c.articles.map(\.heading) == ["目的", "機構の安全管理"])
    #expect(c.parties.first { $0.label == "機構" }?.role == .vendor)
  }

  /// A table of contents in a document numbered 1. / 1.1 is no sections; the party defined in the
  /// first paragraph 「1.1 …（以下「甲」という。）」 is named without its number.
  @Test func contentsOfASectionNumberedDocument() {
    let text = """
      運用保守業務委託契約書

      目次
      1. 総則
      2. 業務
      3. 安全管理
      4. 委託先

      1. 総則
      1.1 医療法人架空会 架空北病院（以下「甲」という。）は、架空システム株式会社（以下「乙」という。）に業務を委託する。

      2. 業務
      2.1 乙の業務は、システムの運用とする。

      3. 安全管理
      3.1 乙は、安全管理を行う。
      """
    // As a review reads it: the layout cleaned first.
    let cleaned = String(String.UnicodeScalarView(Layout.clean(Array(text.unicodeScalars))))
    let (c, _) = parse(cleaned)
    #expect(c.articles.map(\.number) == ["1", "2", "3"])
    #expect(c.articles.first?.paragraphs.count == 1)
    #expect(c.parties.first { $0.label == "甲" }?.name == "医療法人架空会 架空北病院")
  }

  /// 「本会」 defined for the association that runs the service is a party, not a thing like 本契約.
  @Test func theAssociationRunningTheServiceIsAParty() {
    let (c, _) = parse(
      "検査結果配信サービス利用規約\n\n第1条（目的）\nこの規約は、一般社団法人架空市医師会（以下「本会」という。）が運営する配信サービスを、会員が開設する医療機関（以下「会員施設」という。）が利用する条件を定める。\n"
    )
    #expect(c.parties.first { $0.label == "本会" }?.role == .vendor)
  }

  @Test func partyNamesAreExtracted() {
    let (c, _) = parse(
      "保守契約書\n医療法人社団かえで会 かえで病院（以下「甲」という。）と株式会社ホシゾラ情報（以下「乙」という。）は、次のとおり契約する。\n第1条（目的）\n目的。")
    #expect(c.parties.map(\.name) == ["医療法人社団かえで会 かえで病院", "株式会社ホシゾラ情報"])
  }

  @Test func unknownRolesStayUnknown() {
    let (c, _) = parse("契約書\n山田太郎（以下「甲」という。）と鈴木花子（以下「乙」という。）は合意する。\n第1条（目的）\n目的。")
    #expect(c.parties.map(\.role) == [.unknown, .unknown])
  }

  @Test(arguments: [
    ("医療情報システム保守契約書", [ContractKind.maintenance]),
    ("電子カルテシステム導入契約書", [.introduction]),
    ("クラウド型予約サービス利用規約", [.saas]),
    ("業務委託契約書", [.other]),
    ("システム導入及び保守契約書", [.maintenance, .introduction]),
  ])
  func kinds(title: String, kinds: [ContractKind]) {
    let (c, _) = parse("\(title)\n\n第1条（目的）\n目的。")
    #expect(c.kinds == kinds)
  }

  @Test func fullWidthAndKanjiStylesAreRemembered() {
    #expect(parse("第１条（目的）\n目的。").0.numberStyle == .fullWidth)
    #expect(parse("第一条（目的）\n目的。\n２　次。").0.numberStyle == .kanji)
    #expect(parse("第1条（目的）\n目的。\n2. 次。").0.paragraphNumberStyle == .arabic)
  }

  /// A company whose name mentions a clinic is the vendor; a hospital a company runs is the
  /// institution: the word that ends the name decides.
  @Test func theHeadOfAPartysNameDecidesItsRole() {
    #expect(PartyLabels.role(fromName: "架空スマートクリニック株式会社") == .vendor)
    #expect(PartyLabels.role(fromName: "株式会社架空製作所 架空総合病院") == .institution)
    #expect(PartyLabels.role(fromName: "医療法人社団かもめ会 かもめ台病院") == .institution)
    #expect(PartyLabels.role(fromName: "株式会社カモメデータ") == .vendor)
    // A pharmacy is often a company.
    #expect(PartyLabels.role(fromName: "架空調剤薬局株式会社") == .institution)
    let text = """
      外来予約システム導入契約書

      架空こども医院（以下「当院」という。）と架空スマートクリニック株式会社（以下「貴社」という。）は、次のとおり合意する。

      第1条（対象）
      貴社は、外来予約システムを構築する。
      """
    let contract = ContractParser.parse(SourceText(text: text))
    #expect(contract.parties.first { $0.label == "貴社" }?.role == .vendor)
  }

  /// A dental association that provides a cloud service to its members is the vendor, whatever
  /// 歯科 in its name suggests.
  @Test func anAssociationProvidingTheServiceIsTheVendor() {
    let text = """
      画像共有クラウド利用規約

      第1条（目的）
      この規約は、一般社団法人架空歯科医師会（以下「本会」という。）が会員の診療所（以下「会員施設」という。）に提供する画像共有サービスの利用条件を定める。

      第2条（安全管理）
      本会は、サービスの安全管理を適切に行う。
      """
    let contract = ContractParser.parse(SourceText(text: text))
    #expect(contract.parties.first { $0.label == "本会" }?.role == .vendor)
    #expect(contract.parties.first { $0.label == "会員施設" }?.role == .institution)
    #expect(PartyLabels.role(fromName: "一般社団法人架空歯科医師会") == .unknown)
  }

  /// pdftotext breaks lines inside 以下 too (「（以\n下「乙」という。）」): the label is still defined.
  @Test func aLabelDefinitionBrokenInsideIka() {
    let text = """
      保守サービス契約書

      医療法人社団架空内科クリニック（以下「甲」という。）と架空クラウドケア株式会社（以
      下「乙」という。）は、次のとおり契約を締結する。

      第1条（内容）
      乙は、甲の機器を監視する。
      """
    let contract = ContractParser.parse(SourceText(text: text))
    #expect(contract.parties.first { $0.label == "乙" }?.name == "架空クラウドケア株式会社")
  }

  /// A block of 「ラベル：名称」 lines names the parties (「寄託者：医療法人…」「受寄者：…株式会社」);
  /// 「代表者：…」 is no party. 「本院」 defined for a hospital is the institution.
  @Test func partiesInAColonBlockAndTheHospitalItself() {
    let block = """
      寄託契約書

      当事者
      　寄託者：医療法人架空会　架空東病院
      　受寄者：カソウアーカイブ株式会社
      　代表者：株式会社架空 代表取締役 架空一郎

      第1条（目的）
      受寄者は、寄託者の記録媒体を保管する。
      """
    let parties = ContractParser.parse(SourceText(text: block)).parties
    #expect(parties.first { $0.label == "寄託者" }?.role == .institution)
    #expect(parties.first { $0.label == "受寄者" }?.role == .vendor)
    #expect(!parties.contains { $0.label == "代表者" })
    let spec = """
      運用監視業務委託仕様書

      1. 概要
      1.1 件名　院内ネットワーク運用監視業務
      1.2 発注者　架空市立架空北部病院（以下「本院」という。）

      2. 業務
      2.1 受託者は、本院のネットワークを監視する。
      """
    #expect(
      ContractParser.parse(SourceText(text: spec)).parties.first { $0.label == "本院" }?.role == .institution)
  }

  /// 「第9の2条」, a form some offices write for 第9条の2, is an article of its own.
  @Test func anInsertedArticleWrittenNinthOfTwo() {
    let (contract, _) = parse(
      """
      第9条（再委託）
      乙は、甲の承諾を得て再委託することができる。

      第9の2条（再委託先の管理）
      乙は、再委託先を監督する。

      第10条（秘密保持）
      乙は、秘密を守る。
      """)
    #expect(contract.articles.map(\.number) == ["9", "9の2", "10"])
  }

  /// 「当事者は、次のとおりとする。」 followed by item lines naming each party (「(1) 委託病院　医療法人…」)
  /// gives the parties; a term defined with 「とは、委託病院が保管する…文書をいい」 is no party, nor is a
  /// definitions item that describes someone (「（２）運営会社　協議会から…を受託する事業者」).
  @Test func partiesOnItemLinesAndDescriptionsThatAreNot() {
    let text = """
      診療記録保管業務委託契約書

      第1条（当事者及び用語）
      1　この契約の当事者は、次のとおりとする。
      　(1) 委託病院　医療法人やまぶき会　やまぶき病院
      　(2) 保管会社　株式会社ヤマブキアーカイブ
      2　この契約において「対象文書」とは、委託病院が保管する紙の診療録その他委託病院が指定する文書をいう。
      　(3) 運営会社　保管会社から本システムの運用を受託する事業者

      第2条（委託業務）
      委託病院は、対象文書の保管を保管会社に委託する。
      """
    let parties = ContractParser.parse(SourceText(text: text)).parties
    #expect(parties.first { $0.label == "委託病院" }?.role == .institution)
    #expect(parties.first { $0.label == "保管会社" }?.role == .vendor)
    #expect(!parties.contains { $0.label == "対象文書" || $0.label == "運営会社" })
  }

  /// A 仕様書 a council issues for the network it runs speaks of 「受注者」 throughout without defining
  /// it: the contractor is a vendor beside the council.
  @Test func theContractorOfACouncilsSpecification() {
    let text = """
      地域連携システム運用業務仕様書

      1. 概要
      1.1 目的　本業務は、かえで地域医療連携協議会（以下「協議会」という。）が運営する連携システムを、受注者が運用するものである。
      1.2 受注者は、協議会の指示に従い本業務を行う。

      2. 業務
      2.1 受注者は、連携システムを監視する。
      2.2 受注者は、障害を協議会に報告する。
      """
    let parties = ContractParser.parse(SourceText(text: text)).parties
    #expect(parties.first { $0.label == "受注者" }?.role == .vendor)
  }

  /// A 仕様書 in chapters (「第3章　情報セキュリティ」) whose sections are numbered 3.1 / 3.2 with no
  /// 「3. 見出し」 lines: each chapter is the section, its N.M lines the paragraphs.
  @Test func aSpecificationInChapters() {
    let text = """
      検査システム調達仕様書

      第1章　総則

      1.1 目的
      本仕様書は、病院が調達する検査システムの要件を定める。

      1.2 期間
      契約締結日から五年間とする。

      第2章　業務内容

      2.1 導入
      受注者は、検査システムを導入すること。

      第3章　情報セキュリティ

      3.1 基本要件
      受注者は、別紙のセキュリティ要件を満たすこと。

      3.2 体制変更
      (1) 受注者は、運用体制を変更する場合は、変更の三か月前までに書面で発注者に通知し、その承認を得ること。
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2", "3"])
    #expect(c.articles.map { $0.heading ?? "" } == ["総則", "業務内容", "情報セキュリティ"])
    #expect(c.articles.last?.paragraphs.map(\.number) == [1, 2])
  }

  /// A specification numbered 1. / 1.1 followed by special terms that number their own articles
  /// (「別添　…特記事項」 with 第1条): the sections are the document's articles, and the special terms'
  /// articles are theirs.
  @Test func aSpecificationWithSpecialTermsInArticles() {
    let text = """
      放射線部門システム保守業務仕様書

      1. 件名
      放射線部門システム保守業務

      2. 業務内容
      2.1 受注者は、月一回の定期点検を行うこと。
      2.2 受注者は、障害の連絡を受けたときは、四時間以内に対応を始めること。

      3. 体制
      3.1 受注者は、保守の責任者を定め、発注者に届け出ること。

      4. 契約条件
      4.1 本仕様書に定めるもののほか、別添の特記事項による。

      別添　情報セキュリティに関する特記事項

      第1条（基本事項）
      受注者は、本業務の情報セキュリティを確保する。

      第2条（再委託）
      受注者は、本業務の一部を第三者に委託するときは、あらかじめ発注者の承諾を得る。
      """
    let (c, _) = parse(text)
    #expect(c.articles.filter { $0.part == nil }.map(\.number) == ["1", "2", "3", "4"])
    #expect(c.articles.filter { $0.part != nil }.map(\.number) == ["1", "2"])
    #expect(c.articles.filter { $0.part != nil }.map { $0.heading ?? "" } == ["基本事項", "再委託"])
  }

  /// A 仕様書 numbered 「第1　総則」「第1の2　用語」「第2　業務内容」 (第N without 条) over 「1　目的」
  /// lines, with a table of contents: each 第N is a section, the lines under it its paragraphs, and
  /// the contents are not sections.
  @Test func aSpecificationNumbered第NWithout条() {
    let text = """
      院内ネットワーク更新業務仕様書

      目次
      第1　総則
      第1の2　用語
      第2　業務内容
      第3　情報セキュリティ

      第1　総則
      1　目的
      本仕様書は、病院が発注する院内ネットワーク更新業務の要件を定める。
      2　履行期間
      契約締結日から令和9年3月31日まで

      第1の2　用語
      1　「受注者」とは、本業務を受注する者をいう。

      第2　業務内容
      1　受注者は、院内ネットワーク機器を更新すること。
      2　受注者は、更新後一年間の保守を行うこと。

      第3　情報セキュリティ
      1　受注者は、作業に用いる端末の管理を徹底すること。
      """
    // As a review reads it: the contents are blanked first (Layout), offsets unchanged.
    let cleaned = String(String.UnicodeScalarView(Layout.clean(Array(text.unicodeScalars))))
    let (c, _) = parse(cleaned)
    #expect(c.articles.map(\.number) == ["1", "1の2", "2", "3"])
    #expect(c.articles.map { $0.heading ?? "" } == ["総則", "用語", "業務内容", "情報セキュリティ"])
    #expect(c.articles[2].paragraphs.count == 2)
  }

  /// A contract of 第N条 followed by a 仕様書 numbered 第1 / 1 / (1): each 第N (and 第N の2) is a section
  /// of the 仕様書, its 「1　目的」 lines are paragraphs, not sections of their own (they were, and
  /// 「6　再委託先の管理」 then swallowed the 第7 after it).
  @Test func anAnnexedSpecificationNumbered第NWithout条() {
    let text = """
      検査システム導入契約書

      第1条（目的）
      甲は、乙に検査システムの導入を委託し、乙はこれを受託する。

      第2条（仕様書）
      本業務の内容は、別添の仕様書による。

      別添　検査システム導入業務仕様書

      第1　総則
      1　目的
      本仕様書は、検査システム導入の要件を定める。
      2　用語
      「本システム」とは、検査部門で用いるシステムをいう。

      第2　乙の業務
      1　乙は、本システムを設置し、試験を行う。
      2　乙は、操作研修を行う。

      第3　安全管理
      1　乙は、作業に用いる端末を管理する。
      2　乙は、作業記録を残す。
      3　乙は、事故を直ちに報告する。
      4　乙は、従事者に教育を行う。

      第4　障害に関する責任
      1　乙は、甲が独自に導入したソフトウェアに起因する障害について責任を負わない。

      第4の2　稼働判定
      乙は、稼働判定会議を開催する。
      """
    let (c, _) = parse(text)
    let spec = c.articles.filter { $0.part != nil }
    #expect(spec.map(\.number) == ["1", "2", "3", "4", "4の2"])
    #expect(spec.map { $0.heading ?? "" } == ["総則", "乙の業務", "安全管理", "障害に関する責任", "稼働判定"])
    #expect(spec.map(\.paragraphs.count) == [2, 2, 4, 1, 1])
  }

  /// A public body's contract set as a cover table (「１ 件名」「２ 期間」) and its closing words and
  /// signatures, with no articles of its own, then a 仕様書 numbered 1 / 1.1 and a 特記事項 of 第N条: the
  /// 仕様書's sections and the 特記事項's articles are read, each in its own part (the 仕様書 was
  /// dropped, and every duty in it with it), and the cover's lines open no section.
  @Test func aCoverTableContractWithItsSpecificationAndSpecialTerms() {
    let text = """
      委託契約書

      １ 件名　院内Wi-Fi運用業務
      ２ 期間　令和8年4月1日から令和9年3月31日まで
      ３ 委託料　年額 金3,300,000円

      上記の業務について、市立みなと病院（以下「病院」という。）と株式会社なぎさネット（以下「受注者」という。）は、別添の仕様書及び特記事項により契約を締結する。

      この契約の証として本書2通を作成し、各自1通を保有する。

      市立みなと病院　院長　岬 太郎
      株式会社なぎさネット　代表取締役　波多 花子

      院内Wi-Fi運用業務 仕様書

      1 総則
      1.1 本仕様書は、院内Wi-Fiの運用の要件を定める。
      1.2 用語は、特記事項の例による。

      2 業務内容
      2.1 受注者は、無線機器の稼働を監視する。
      2.2 受注者は、障害のときは病院に連絡する。

      3 病院が用意するもの
      3.1 病院は、機器の設置場所と電源を受注者に提供する。

      情報セキュリティ特記事項

      第1条（目的）
      この特記事項は、受注者が守るべき事項を定める。

      第2条（再委託）
      受注者は、病院の承諾なく業務を他に委ねない。
      """
    let (c, _) = parse(text)
    #expect(c.articles.filter { $0.part == nil }.isEmpty)
    #expect(c.articles.filter { $0.part == "仕様書" }.map(\.number) == ["1", "2", "3"])
    #expect(c.articles.filter { $0.part == "仕様書" }.map { $0.paragraphs.count } == [2, 2, 1])
    #expect(c.articles.filter { $0.part == "特記事項" }.map(\.number) == ["1", "2"])
  }

  /// A 仕様書 after the contract with its own contents (「1　総則 ……… 1」): lines with a leader and a
  /// page number are contents wherever they come, so they open no sections of the 仕様書.
  @Test func contentsOfAnAnnexWithLeadersAreNotSections() {
    let text = """
      予約サービス利用契約書

      第1条（目的）
      甲は、乙の予約サービスを利用する。

      第2条（仕様書）
      本業務の内容は、別添の仕様書による。

      別添　予約サービス利用業務仕様書

      目次
      1　総則 ……………………………… 1
      2　業務内容 ………………………… 1
      3　情報セキュリティ要件 ………… 2

      1　総則
      1.1　目的
      外来予約をクラウド型のサービスにより行う。
      2　業務内容
      2.1　乙は、予約サービスを提供する。
      3　情報セキュリティ要件
      3.1　乙は、安全管理を行う。
      3.2　乙は、事故を直ちに報告する。
      """
    let cleaned = String(String.UnicodeScalarView(Layout.clean(Array(text.unicodeScalars))))
    let (c, _) = parse(cleaned)
    let spec = c.articles.filter { $0.part != nil }
    #expect(spec.map { $0.heading ?? "" } == ["総則", "業務内容", "情報セキュリティ要件"])
    #expect(spec.map(\.paragraphs.count) == [1, 1, 2])
  }

  /// A body that runs a regional network (甲, no company) commissions a company (乙) to operate it: 甲
  /// runs the network but is the institution's side of this contract, 乙 the vendor — not both vendors.
  @Test func aNetworkBodyCommissioningACompanyIsTheInstitutionsSide() {
    let text = """
      地域連携ネットワーク運用業務委託契約書

      一般社団法人みなと医療連携ネット（以下「甲」という。）と株式会社ハーバーリンク（以下「乙」という。）は、甲が運営する地域医療連携ネットワークの運用業務の委託について、次のとおり契約を締結する。

      第1条（目的）
      甲は、本ネットワークの運用業務を乙に委託し、乙はこれを受託する。
      """
    let (c, _) = parse(text)
    #expect(c.parties.first { $0.label == "甲" }?.role == .institution)
    #expect(c.parties.first { $0.label == "乙" }?.role == .vendor)
  }

  /// A public body's contract: a cover table, then 「発注者と受注者は、…契約を締結し」 with no 以下 for
  /// either, and 「…保守業務仕様書（以下「仕様書」という。）」 in its first article. The 仕様書 is a document
  /// (however hospital-like its title), and 発注者 is the institution.
  @Test func aDocumentsLabelIsNoPartyAndTheOrdererIs() {
    let text = """
      港北市立病院検査システム保守業務委託契約書

      １　業務名　　　港北市立病院検査システム保守業務
      ２　履行期間　　令和8年4月1日から令和9年3月31日まで

      　上記の業務について、発注者と受注者は、次の条項によって委託契約を締結する。

      第1条　発注者及び受注者は、この契約書のほか、港北市立病院検査システム保守業務仕様書（以下「仕様書」という。）に従い、これを履行しなければならない。
      第2条　受注者は、仕様書に定める業務を行い、発注者は委託料を支払う。
      第3条　この契約に定めのない事項は、発注者と受注者が協議して定める。
      """
    let (c, _) = parse(text)
    #expect(!c.parties.contains { $0.label == "仕様書" })
    #expect(c.parties.first { $0.label == "発注者" }?.role == .institution)
    #expect(c.parties.first { $0.label == "受注者" }?.role == .vendor)
  }

  /// 「【第6条】契約者側の対策」: the number alone in the brackets and the heading after them.
  @Test func articleNumbersAloneInBrackets() {
    let text = """
      画像解析サービス利用規約

      【第1条】目的
      この規約は、画像解析サービスの利用条件を定めます。

      【第1条の2】用語
      この規約で「契約者」とは、サービスを申し込んだ医療機関をいいます。

      【第2条】契約者側の対策
      当社は、契約者の側で講ずべき対策を提案します。
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "1の2", "2"])
    #expect(c.articles.map { $0.heading ?? "" } == ["目的", "用語", "契約者側の対策"])
  }

  /// Terms printed on the back of an order form: 「1.（適用）本条件は…」 sets the heading in brackets
  /// and the text on one line. The form's own numbered rows (「│ 1 │ 電子カルテ…」) are no sections.
  @Test func sectionHeadingInBracketsWithItsText() {
    let text = """
      注　文　書
      ┌────┬──────────────┐
      │ No │ 品名           │
      │ 1  │ 受付用端末一式 │
      │ 2  │ 院内LAN工事    │
      └────┴──────────────┘

      販売条件（裏面）

      1.（適用）本条件は、みなと歯科システム株式会社（以下「当社」という。）が商品をお客様に納める取引に適用します。

      2.（検収）お客様は、納品の日から7日以内に検査を行うものとします。

      3.（お客様の準備）お客様は、設置に必要な電源及び回線を自らの費用で用意するものとします。
      なお、準備が遅れたときは納期を調整します。

      4.（損害賠償）当社の賠償額は、注文金額を上限とします。
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2", "3", "4"])
    #expect(c.articles.map { $0.heading ?? "" } == ["適用", "検収", "お客様の準備", "損害賠償"])
    #expect(c.articles[2].paragraphs.count >= 1)
  }

  /// Standard terms followed by a hospital's 「特　約　書」 and two amending 覚書: each numbers its own
  /// articles from 第1条 and is a part of its own, the second 覚書 told from the first.
  @Test func specialTermsAndTwoMemoranda() {
    let text = """
      クラウド受付サービス利用規約

      第1条（適用）
      本規約は、本サービスの利用に適用します。
      第2条（料金）
      料金は月額とします。
      第3条（管轄）
      紛争は東京地方裁判所の管轄とします。

      特　約　書

      さくら台病院（以下「病院」という。）は、前記の規約に次の特約を付す。
      第1条（安全管理）
      当社は、病院の情報を適切に管理する。
      第2条（変更の通知）
      当社は、変更を30日前までに通知する。

      覚書

      第1条（料金の改定）
      料金を改める。

      変更覚書（第二回）

      第1条（期間の延長）
      期間を1年延長する。
      """
    let (c, _) = parse(text)
    #expect(
      c.articles.map { ($0.part ?? "") + ":" + $0.number } == [
        ":1", ":2", ":3", "特約:1", "特約:2", "覚書:1", "覚書2:1",
      ])
  }

  /// A definitions list whose entry means an organisation's name and nothing more names a party
  /// (「三　「運用会社」　株式会社…をいう。」); one that describes someone (「…を受託する株式会社…」)
  /// does not.
  @Test func aDefinitionsListNamingTheParties() {
    let text = """
      共同システム運用委託契約書

      第一条（定義）
      本契約において、次の各号の用語は当該各号に定める意味を有する。
      一　「代表法人」　医療法人さざなみ会をいう。
      二　「運用会社」　株式会社ミズナラ・システムズをいう。
      三　「保守会社」　運用会社から機器の保守を受託する株式会社コダマ電機をいう。

      第二条（委託）
      代表法人は、共同システムの運用を運用会社に委託する。
      """
    let (c, _) = parse(text)
    #expect(c.parties.first { $0.label == "運用会社" }?.role == .vendor)
    #expect(c.parties.first { $0.label == "運用会社" }?.name == "株式会社ミズナラ・システムズ")
    #expect(c.parties.first { $0.label == "代表法人" }?.role == .institution)
    #expect(!c.parties.contains { $0.label == "保守会社" })
  }

  /// 「3.3 本院が講ずべき対策の取決め」 over its text is the subsection's heading, not the first
  /// words of its paragraph; a subsection with no text under its short line keeps that line.
  @Test func subsectionHeadingsOverTheirText() {
    let text = """
      1. 目的
      本書は、病院情報システムの調達について定める。
      2. 受注者の義務
      2.1 体制
      受注者は、責任者を置くこと。
      2.2 本院が講ずべき対策の取決め
      受注者は、本院と協議すること。
      2.3 報告は月次とする
      3. その他
      本書に定めのない事項は協議する。
      """
    let (c, src) = parse(text)
    let paragraphs = c.articles[1].paragraphs.map { Lines.string(src.scalars, $0.range) }
    #expect(paragraphs == ["受注者は、責任者を置くこと。", "受注者は、本院と協議すること。", "報告は月次とする"])
  }

  /// 「■第1条　目的」: a bullet before each article's number; a party defined inside a ruled cover
  /// table is named by its own cell, not the table's border before it.
  @Test func bulletedArticlesAndAPartyInATableCell() {
    let text = """
      健診システム利用契約書

      ┌──────┬──────────────────────┐
      │ 利用者 │ 医療法人ひなた会 ひなた健診センター（以下「センター」という。） │
      │ 提供者 │ ヒナタシステム株式会社（以下「提供者」という。） │
      └──────┴──────────────────────┘

      ■第1条　目的
      　提供者は、センターに健診システムを提供する。

      ■第2条　料金
      　センターは、月額の料金を支払う。
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2"])
    #expect(c.articles.map(\.heading) == ["目的", "料金"])
    #expect(c.parties.first { $0.label == "センター" }?.name == "医療法人ひなた会 ひなた健診センター")
  }
}

extension ParserTests {
  /// A requirements annex numbered 1. / 1.1 after a contract of 第N条 articles reads as sections of
  /// that annex (「別紙:2」, its 2.1 and 2.2 the paragraphs), so that a section's heading is not the
  /// first words of its first sentence. An annex listing short entries without subsections stays
  /// one text.
  @Test func sectionsOfARequirementsAnnex() {
    let text = """
      運用業務委託契約書
      病院機構（以下「甲」という。）と株式会社ナミ（以下「乙」という。）は、次のとおり契約を締結する。
      第1条（目的）
      乙は、別紙の要求水準に従い業務を行う。
      第2条（管轄）
      本契約の訴えは甲の所在地の裁判所に提起する。

      別紙　業務要求水準書
      1. 目的
      本書は、甲が乙に求める水準を示す。
      2. 甲側の対策に関する協議
      2.1 乙は、甲の職員が講ずべき安全対策の案を作成し、甲との協議を主導する。
      2.2 甲は、2.1の協議で合意した対策を実施する。
      """
    let (c, src) = parse(text)
    let annexed = c.articles.filter { $0.part == "別紙" }
    #expect(annexed.map(\.number) == ["1", "2"])
    #expect(annexed.last?.heading == "甲側の対策に関する協議")
    #expect(
      annexed.last.map { $0.paragraphs.map { Lines.string(src.scalars, $0.range) } } == [
        "乙は、甲の職員が講ずべき安全対策の案を作成し、甲との協議を主導する。", "甲は、2.1の協議で合意した対策を実施する。",
      ])
    let list = """
      保守契約書
      病院（以下「甲」という。）と株式会社ナミ（以下「乙」という。）は、次のとおり契約を締結する。
      第1条（目的）
      乙は、本システムを保守する。

      別紙　役割分担表
      1　甲が用意するもの
      (1) 電源
      (2) 回線
      2　提供物の対策
      前項の提供物の対策は、乙が主導して協議する。
      """
    #expect(parse(list).0.articles.allSatisfy { $0.part == nil })
  }
}

extension ParserTests {
  /// An article whose text opens with 「一　」 numbers its paragraphs 一, 二 …: 「二　前項の…」 is its
  /// second paragraph (so 前項 names the first). After a paragraph of text, 「一　」 lines stay items.
  @Test func paragraphsNumberedInKanji() {
    let text = """
      読影委託契約書
      病院（以下「委託者」という。）と株式会社ヨミ（以下「受託者」という。）は、次のとおり契約を締結する。
      第五条（院内対策）
      一　受託者は、院内で必要となる対策の案を作成して委託者に示す。
      二　委託者と受託者は、前項の案をもとに協議して実施事項を定める。
      第六条（報告）
      受託者は、次の事項を報告する。
      一　障害の状況
      二　対応の結果
      """
    let (c, src) = parse(text)
    #expect(
      c.articles.first.map { $0.paragraphs.map { Lines.string(src.scalars, $0.range) } } == [
        "受託者は、院内で必要となる対策の案を作成して委託者に示す。", "委託者と受託者は、前項の案をもとに協議して実施事項を定める。",
      ])
    #expect(c.articles.last?.paragraphs.count == 1)
    #expect(c.articles.last?.paragraphs.first?.items.count == 2)
  }
}

extension ParserTests {
  /// A 仕様書 names its vendor by what it does (「「保守業者」とは、病院と保守業務委託契約を締結した事業者を
  /// いう。」): that label is the vendor. A thing defined the same way (「「対象機器」とは…装置をいう」) is not.
  @Test func aSpecificationNamingItsVendorByItsWork() {
    let text = """
      画像システム保守業務仕様書
      1. 総則
      1.1 本仕様書は、みなと台病院（以下「病院」という。）が委託する保守業務の条件を定める。
      1.2 本仕様書において「保守業者」とは、病院と保守業務委託契約を締結した事業者をいう。
      1.3 本仕様書において「対象機器」とは、画像サーバ及び読影端末をいう。
      2. 体制
      2.1 保守業者は、責任者を定めて病院に届け出る。
      """
    let (c, _) = parse(text)
    #expect(c.parties.first { $0.label == "保守業者" }?.role == .vendor)
    #expect(!c.parties.contains { $0.label == "対象機器" })
  }

  /// Network rules a council issues: the council runs the network, and 「協議会が選定し…利用契約を
  /// 締結したシステム運用事業者（以下「運用事業者」という。）」 is a vendor too, described rather than
  /// named; 「…を保存する記録媒体（以下「保存媒体」という。）」 is a thing.
  @Test func anOperatorDescribedByTheCouncilThatChoseIt() {
    let text = """
      救急搬送情報連携システム運用事業者業務規程
      第1条（趣旨）
      この規程は、みなと圏域救急医療協議会（以下「協議会」という。）が運営する連携システムについて、協議会の会員である医療機関（以下「会員施設」という。）と、協議会が選定し会員施設と利用契約を締結したシステム運用事業者（以下「運用事業者」という。）との分担を定める。搬送記録を保存する記録媒体（以下「保存媒体」という。）は運用事業者が管理する。
      第2条（運用）
      運用事業者は、連携システムを運用する。
      """
    let (c, _) = parse(text)
    #expect(c.parties.first { $0.label == "運用事業者" }?.role == .vendor)
    #expect(c.parties.first { $0.label == "会員施設" }?.role == .institution)
    #expect(!c.parties.contains { $0.label == "保存媒体" })
  }
}

extension ParserTests {
  /// Translated terms: 「…合同会社（以下「プロバイダー」）」 is the vendor and 「本サービスを利用する
  /// 医療機関（以下「顧客」）」 the institution, though neither label is a usual one.
  @Test func translatedTermsNameTheirParties() {
    let text = """
      クラウドサービス利用規約
      本規約は、Harborline Japan合同会社（以下「プロバイダー」）と、本サービスを利用する医療機関（以下「顧客」）との間の権利義務を定めるものです。
      1. 定義
      1.1 「本サービス」とは、プロバイダーが提供する予約機能をいいます。
      2. 管轄
      2.1 東京地方裁判所を管轄裁判所とします。
      """
    let (c, _) = parse(text)
    #expect(c.parties.first { $0.label == "プロバイダー" }?.role == .vendor)
    #expect(c.parties.first { $0.label == "顧客" }?.role == .institution)
  }
}

extension ParserTests {
  /// 「（第1条　委託業務）」: an article's number and heading inside round brackets that close the
  /// line, the text on the lines below. 「（第7条関係）」 under an annex title is no article.
  @Test func articleNumberAndHeadingInRoundBrackets() {
    let text = """
      運用委託契約
      医療センター（以下「委託者」）は、株式会社ナギ（以下「受託者」）に運用を委託する。
      （第1条　委託業務）
      　委託業務は、問合せ対応とする。
      （第2条　履行場所）
      　受託者は、委託者の執務室で業務を行う。

      別表
      （第2条関係）
      執務室の一覧
      """
    let (c, src) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2"])
    #expect(c.articles.map(\.heading) == ["委託業務", "履行場所"])
    #expect(c.articles.first.map { Lines.string(src.scalars, $0.paragraphs[0].range) } == "委託業務は、問合せ対応とする。")
  }

  /// 「1条　定義」: articles numbered without 第; 「2条の規定により」 at the start of a line is text.
  @Test func articleNumberWithout第() {
    let text = """
      利用契約条項
      株式会社ナギ（以下「当社」）と診療所（以下「利用施設」）の契約条件は、以下のとおりとする。
      1条　定義
      本条項の用語は、次のとおりとする。
      2条（安全管理）
      当社は、安全管理を行う。
      2条の規定により定めた手順は、利用施設に交付する。
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2"])
    #expect(c.articles.map(\.heading) == ["定義", "安全管理"])
  }

  /// 「（第1条）保守の対象」: the number alone in round brackets, the heading after them; a line that
  /// only opens with a reference in brackets (「（第5条の規定により…。）」) is no article.
  @Test func articleNumberAloneInRoundBrackets() {
    let text = """
      保守契約書
      病院（以下「当院」）と株式会社ナギ（以下「貴社」）は、次のとおり契約する。
      （第1条）保守の対象
      保守の対象は、連携サーバとする。
      （第2条の2）作業報告
      貴社は、作業の都度、報告書を提出する。
      （第1条の規定により設置したサーバを含む。）
      """
    let (c, _) = parse(text)
    #expect(c.articles.map(\.number) == ["1", "2の2"])
    #expect(c.articles.map(\.heading) == ["保守の対象", "作業報告"])
  }
}

extension ParserTests {
  /// 「第6条　料金」 over 「6.1 …」「6.2 …」 lines (a translated contract's style): those lines are the
  /// article's paragraphs; 「7.1」 under article 6 is not.
  @Test func numberedParagraphsUnderAnArticle() {
    let text = """
      サービス契約
      株式会社ナギ（以下「提供者」）と医療機関（以下「顧客」）は、次のとおり契約する。
      第6条　料金
      6.1 顧客は、年額料金を支払う。
      6.2 料金には機器の貸与料を含む。
      7.1 これは続きの行である。
      """
    let (c, src) = parse(text)
    #expect(
      c.articles.first.map { $0.paragraphs.map { Lines.string(src.scalars, $0.range) } } == [
        "顧客は、年額料金を支払う。", "料金には機器の貸与料を含む。\n7.1 これは続きの行である。",
      ])
  }
}

extension ParserTests {
  /// Short numbered lines after the articles (「別紙　サービス仕様」「1. 可用性　…」「2. 入退館　…」) are
  /// an annex, not a table of contents: contents come before the body.
  @Test func shortNumberedLinesAfterTheArticlesAreNoContents() {
    let text = """
      利用契約書
      株式会社ソラ（以下「事業者」という。）と医療法人うみ会（以下「利用機関」という。）は、次のとおり契約を締結する。
      第1条（目的）
      事業者は、別紙のサービスを提供する。
      第2条（管轄）
      事業者の所在地の地方裁判所を管轄裁判所とする。

      別紙　サービス仕様
      1. 可用性　年間稼働率99.9%以上
      2. 入退館　生体認証による管理
      3. 対策の協議
      3.1 事業者は、対策の一覧を示して会議を主宰する。
      3.2 利用機関は、合意した事項を実施する。
      """
    let (c, _) = parse(text)
    #expect(c.articles.filter { $0.part == "別紙" }.map(\.number) == ["1", "2", "3"])
  }
}

extension ParserTests {
  /// A 仕様書 after the articles whose 第N章 hold requirement lines (「REQ-04　受注者は、…」) and no 第N条:
  /// each chapter is the annex's article N, so its requirements are read. An annex whose chapters
  /// hold articles keeps them.
  @Test func chaptersOfAnAnnexWithoutArticlesAreItsArticles() {
    let text = """
      導入契約書
      あおば記念病院（以下「病院」という。）と株式会社ミズホ工房（以下「工房」という。）は、次のとおり契約する。
      第1条（目的）
      病院は、別紙の仕様書に定める業務を工房に委託する。
      第2条（管轄）
      病院の所在地の地方裁判所を管轄裁判所とする。

      別紙　導入仕様書
      第1章　概要
      REQ-01　本業務は検査部門システムの導入である。
      第2章　病院側の対策
      REQ-02　工房は、病院が講ずる対策の案を作成し、工房が開く会議で病院と協議して確定する。
      REQ-03　病院は、確定した対策を実施する。
      """
    let (c, src) = parse(text)
    let annexed = c.articles.filter { $0.part != nil }
    #expect(annexed.map(\.number) == ["1", "2"])
    #expect(annexed.last.map { Lines.string(src.scalars, $0.range).contains("REQ-03") } == true)
    #expect(annexed.last?.heading == "病院側の対策")

    let withArticles = """
      導入契約書
      あおば記念病院（以下「病院」という。）と株式会社ミズホ工房（以下「工房」という。）は、次のとおり契約する。
      第1条（目的）
      病院は、業務を工房に委託する。

      特記事項
      第1章　総則
      第1条（適用）
      この特記事項は本契約に適用する。
      第2章　秘密
      第2条（秘密保持）
      工房は秘密を守る。
      """
    let (d, _) = parse(withArticles)
    #expect(d.articles.filter { $0.part != nil }.map(\.number) == ["1", "2"])
    #expect(d.articles.filter { $0.part != nil }.allSatisfy { !$0.section })
  }
}

extension ParserTests {
  /// A gloss before 以下 in the definition's own bracket (「（あさひ病院を開設する者。以下「病院」という。）」)
  /// leaves the name before the bracket; a bracket holding only a description of a thing names no party.
  @Test func aPartyWhoseDefinitionOpensWithAGloss() {
    let (c, _) = parse(
      """
      保守契約書
      医療法人あさひ会（あさひ病院を開設する者。以下「病院」という。）及び株式会社ユウナギ（以下「事業者」という。）は、次のとおり契約する。
      第1条（目的）
      病院は、保守業務（対象システムの点検を行う業務。以下「本業務」という。）を事業者に委託する。
      """)
    #expect(c.parties.map(\.name) == ["医療法人あさひ会", "株式会社ユウナギ"])
    #expect(c.parties.map(\.role) == [.institution, .vendor])
  }
}

extension ParserTests {
  /// An organisation whose name does not say what it is (一般財団法人…会) is the institution when the
  /// gloss before 以下 says it runs a hospital.
  @Test func theGlossSaysWhatTheOrganisationIs() {
    let (c, _) = parse(
      """
      利用契約書
      一般財団法人ほたる会（ほたる病院を開設する。以下「病院」という。）と株式会社ツキミ（以下「事業者」という。）は、次のとおり契約する。
      第1条（目的）
      事業者は、病院にサービスを提供する。
      """)
    #expect(c.party(.institution)?.name == "一般財団法人ほたる会")
  }
}

extension ParserTests {
  /// 「特約条項」 after the contract opens special terms, and their articles may carry the part's name
  /// (「特約第2条（…）」): they are the part's articles 1 and 2.
  @Test func specialTermsWhoseArticlesCarryTheirName() {
    let (c, _) = parse(
      """
      保守契約書
      有限会社みずき薬局（以下「甲」という。）と株式会社ミズキ（以下「乙」という。）は、次のとおり契約する。
      第1条（目的）
      甲は、乙に保守を委託する。
      第2条（管轄）
      甲の所在地の地方裁判所とする。

      特約条項

      特約第1条（安全管理の基準）
      乙は、安全管理を行う。
      特約第2条（上限の例外）
      本契約書第2条は、乙に故意がある場合には適用しない。
      """)
    #expect(c.articles.map(\.reference) == ["1", "2", "特約:1", "特約:2"])
    #expect(c.articles.last?.heading == "上限の例外")
  }
}
