import Foundation
import Testing

@testable import BunkaiCore

/// Requirements of DOMAIN.md section 4 written in wordings the rules were not written from: each
/// clause either states the whole requirement (the concern must not be raised) or leaves out,
/// negates or hands to the other party one part of it (the concern must be raised). The wording
/// here is this project's own, in several drafting habits.
@Suite struct ParaphraseTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let concern: String
    let fires: Bool
    let body: String
    var testDescription: String {
      "\(concern) \(fires ? "raised" : "not raised"): \(body.split(separator: "\n").dropFirst().joined().prefix(60))"
    }
  }

  static let reviewer = Reviewer(
    playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())

  func raised(_ c: Case, labels: (institution: String, vendor: String) = ("甲", "乙")) -> Bool {
    let (i, v) = labels
    let text = """
      情報システム保守業務委託契約書

      医療法人あさぎり会（以下「\(i)」という。）と株式会社ミナトソフト（以下「\(v)」という。）は、次のとおり契約を締結する。

      第1条（目的）
      \(v)は、\(i)の診療支援システム（以下「本システム」という。）の保守業務（以下「本業務」という。）を行う。

      \(c.body)
      """
    return Self.reviewer.review(SourceText(text: text)).findings.contains { $0.guideRefs.first == c.concern }
  }

  static let b1: [Case] = [
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、サーバの設置場所を移転しようとするときは、90日前までに甲に申し出て、甲の書面による承諾を得る。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（体制の変更）\n乙が本業務に用いるクラウド基盤を切り替えるときは、乙は切替予定日の3か月前までに甲に報告し、甲の承諾を得た上で行う。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の内容を変更しようとするときは、その十日前までに、変更の内容及び理由を記載した書面を甲に提出し、甲の承認を受けなければならない。"),
    // A fixed period written as a notice period, a margin or a month's end is still fixed.
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、保守拠点を移すときは、45日以上の予告期間をおいて甲に書面で知らせ、甲の承認を得る。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務に用いる機器を入れ替えるときは、入替日の前月末日までに甲に届け出て、甲の同意を得る。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の実施体制を改めるときは、2か月の猶予をもって甲に通知し、甲の承諾を得る。"),
    .init(
      concern: "B1", fires: true,
      body: "第2条（変更）\n乙は、保守拠点を移すときは、相当の予告期間をおいて甲に書面で知らせ、甲の承認を得る。"),
    // 「N日以上前に」 and 「半年前」 are a time before the change, as 「N日前までに」 is.
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の内容を変えるときは、実施日から遡って60日以上前に甲へ書面で知らせ、甲の承認を得る。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、データの保管先を移すときは、移転予定日の半年前までに甲に通知し、甲の同意を得なければならない。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の内容を変えるときは、実施日の30日以前に甲へ書面で知らせ、甲の承認を得る。"),
    // Other verbs for a change, other words for the notice and the approval.
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の運用手順を改訂するときは、施行の40日前までに改訂案を甲に提示し、甲の了解を得る。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、利用するクラウド事業者を乗り換えるときは、その4か月前までに甲に申請し、甲の承認を得る。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の実施場所を変えるときは、60日間の予告期間をおいて甲に通知し、甲の承認を得る。"),
    // 「承認を得た後でなければ実施しない」 makes the approval a condition; it negates nothing.
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の提供体制を改めるときは、実施日の90日前までに甲に書面で通知する。\n２　前項の変更は、甲の承認を得た後でなければ実施しない。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の提供体制を改めるときは、実施日の90日前までに甲に書面で通知し、甲の承諾がない限りこれを行わない。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の実施体制を変えるときは、実施日の30日前までに甲に書面で通知し、甲の承認を得る。\n２　前項の承認のない変更は行わない。"),
    // The institution's agreement or sign-off (合意を得る, 決裁) is its approval.
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の提供体制を改めるときは、実施日の30日前までに甲に通知し、甲の書面による合意を得なければならない。"),
    .init(
      concern: "B1", fires: false, body: "第2条（変更）\n乙は、本業務の提供体制を改めるときは、実施日の30日前までに甲に通知し、甲の決裁を得る。"),
    .init(
      concern: "B1", fires: true, body: "第2条（変更）\n乙は、本業務の提供体制を改めるときは、実施日の30日前までに甲に通知する。甲の合意を得ることは要しない。"),
    // A change clause that names fees too still covers the service; one on fees only does not.
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の内容、料金その他の条件を変更するときは、変更日の45日前までに甲に通知し、甲の承諾を得る。"),
    .init(
      concern: "B1", fires: true,
      body: "第2条（変更）\n乙は、本業務の料金を変更するときは、変更日の45日前までに甲に通知し、甲の承諾を得る。"),
    // 「承諾なくして…しない」 requires the consent; 「承諾なくして…できる」 does not.
    .init(
      concern: "B1", fires: false,
      body: "第2条（変更）\n乙は、本業務の実施体制の変更を、実施日の30日前までに甲に通知し、甲の承諾なくしてこれを実施しない。"),
    .init(
      concern: "B1", fires: true,
      body: "第2条（変更）\n乙は、本業務の実施体制の変更を、実施日の30日前までに甲に通知し、甲の承諾なくしてこれを実施できる。"),
    .init(concern: "B1", fires: true, body: "第2条（変更）\n乙は、本業務の実施体制を変更するときは、あらかじめ甲に通知する。"),
    .init(concern: "B1", fires: true, body: "第2条（変更）\n乙は、本システムの構成を変更したときは、変更後速やかに甲に通知する。"),
    .init(
      concern: "B1", fires: true,
      body: "第2条（変更）\n乙は、本業務の内容を変更する場合、変更の30日前までに甲に通知する。通知後14日以内に甲が異議を述べないときは、甲は当該変更に同意したものとみなす。"),
    // Approval only for the changes the vendor deems to need it is no approval of the changes.
    .init(
      concern: "B1", fires: true,
      body:
        "第2条（変更）\n乙は、監視体制その他甲の安全管理に影響する変更を行うときは、実施予定日の45日前までに甲に書面で通知する。\n２　乙は、前項の変更のうち乙が必要と認めるものについて、甲の同意を得る。"
    ),
    // 了承 deemed from silence is no approval either.
    .init(
      concern: "B1", fires: true,
      body: "第2条（変更）\n乙は、本システムの接続方式を変更するときは、実施予定日の1か月前までに甲に通知する。通知から2週間以内に甲から異議の申出がないときは、甲は当該変更を了承したものとみなす。"),
    .init(concern: "B1", fires: true, body: "第2条（変更）\n乙は、本業務の内容を変更する場合、30日前までに乙のウェブサイトに掲載する。"),
    .init(
      concern: "B1", fires: true, body: "第2条（変更）\n乙は、本業務の実施体制を変更しようとするときは、30日前までに甲に通知する。ただし、甲の承諾は要しない。"),
    .init(concern: "B1", fires: true, body: "第2条（変更）\n甲は、院内ネットワークの構成を変更するときは、30日前までに乙に通知し、乙の承諾を得る。"),
    // A deemed consent in another article empties the approval this one requires…
    .init(
      concern: "B1", fires: true,
      body:
        "第2条（変更の承認）\n乙は、本業務の実施体制を変更しようとするときは、45日前までに甲に書面で通知し、甲の承認を得なければならない。\n\n第3条（承認の擬制）\n甲が前条の通知の到達後10日以内に異議を述べなかったときは、甲は当該変更を承認したものとみなす。"
    ),
    // …but not when it covers only minor changes.
    .init(
      concern: "B1", fires: false,
      body:
        "第2条（変更の承認）\n乙は、本業務の実施体制を変更しようとするときは、45日前までに甲に書面で通知し、甲の承認を得なければならない。\n\n第3条（軽微な変更）\n前条にかかわらず、本システムの安全性に影響を及ぼさない軽微な変更については、甲が通知の到達後10日以内に異議を述べなかったときは、甲は当該変更を承認したものとみなす。"
    ),
  ]

  @Test(arguments: b1)
  func changes(_ c: Case) { #expect(raised(c) == c.fires) }

  static let b2: [Case] = [
    // 「甲が書面で認めたときを除き…委託してはならない」 is the institution's prior consent; the
    // vendor judging it necessary (「乙が必要と認めるとき」) is none.
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、甲があらかじめ書面で認めたときを除き、本業務を第三者に委託してはならない。乙は、委託先に本契約と同等の義務を課して監督し、委託先の行為は乙の行為とみなす。"
    ),
    .init(
      concern: "B2", fires: true,
      body:
        "第3条（再委託）\n乙は、乙が必要と認めるときは、本業務を第三者に委託できる。乙は、委託先に本契約と同等の義務を課して監督し、委託先の行為は乙の行為とみなす。"
    ),
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、本業務の全部又は一部を第三者に委託しようとするときは、あらかじめ委託先の名称及び委託する業務の範囲を甲に書面で通知し、甲の承諾を得なければならない。\n２　乙は、前項の委託先に対し、本契約で乙が負うのと同等の安全管理上の義務を負わせ、その遵守状況を監督する。\n３　委託先の行為は、乙の行為とみなし、乙はその責任を負う。"
    ),
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（外部委託）\n乙は、甲の事前の書面承認を得た協力会社に限り、本業務の一部を行わせることができる。この場合、乙は、当該協力会社に本契約上の自己の義務と同等の義務を課し、これを適切に監督するとともに、当該協力会社の義務違反について甲に対し自ら責任を負う。"
    ),
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、本業務を第三者に再委託してはならない。ただし、あらかじめ甲の書面による承諾を得たときは、この限りでない。\n２　乙は、再委託先に本契約と同等の安全管理の義務を課し、監督しなければならない。\n３　再委託先の責めに帰すべき事由は、乙の責めに帰すべき事由とみなす。"
    ),
    .init(
      concern: "B2", fires: true, body: "第3条（再委託）\n乙は、自らの判断で本業務の一部を第三者に委託することができる。ただし、乙は委託先の行為について責任を負う。"),
    .init(
      concern: "B2", fires: true,
      body: "第3条（再委託）\n乙は、甲の承諾を要することなく、本業務の一部を協力会社に行わせることができる。乙は協力会社に同等の義務を課して監督し、その違反は乙の違反とみなす。"),
    .init(concern: "B2", fires: true, body: "第3条（再委託）\n乙は、甲の事前の承諾を得て再委託することができる。この場合、乙は再委託先に同等の義務を課し、監督する。"),
    .init(concern: "B2", fires: true, body: "第3条（再委託）\n乙は、甲の事前の承諾を得た場合に限り再委託できる。再委託先の義務違反は乙の義務違反とみなす。"),
    // The subcontractor's breach treated as the vendor's (「…として取り扱う」), or its work as done by
    // the vendor, is attribution; answering only for the subcontractor's gross fault is not.
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、甲の事前の書面承諾を得た場合に限り、本業務の一部を外部に委託できる。乙は、委託先に本契約と同等の義務を課して監督する。\n２　委託先による違反は、乙の違反として取り扱う。"
    ),
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、甲の事前の書面承諾を得た場合に限り、本業務の一部を外部に委託できる。乙は、委託先に本契約と同等の義務を課して監督する。\n２　委託先が行った業務は、乙が行ったものとみなして本契約を適用する。"
    ),
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙が本業務の一部を他の事業者に行わせるときは、あらかじめ甲の書面による同意を得る。\n２　乙は、その事業者に本契約と同等の安全管理義務を課して監督し、その事業者の違反は乙の違反とみなす。"
    ),
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、本業務を他の者に行わせようとするときは、事前に甲の書面による承諾を得る。\n２　乙は、本業務を行わせる者に本契約と同等の安全管理の義務を負わせて監督する。\n３　その者の行為は、乙が行ったものとして取り扱う。"
    ),
    .init(
      concern: "B2", fires: true,
      body:
        "第3条（再委託）\n乙は、甲の事前の書面承諾を得た場合に限り、本業務の一部を外部に委託できる。乙は、委託先に本契約と同等の義務を課して監督する。\n２　乙は、委託先の故意又は重過失による損害に限り、甲に対して責任を負う。"
    ),
    // 「作為又は不作為」 is conduct; consent due before the subcontracting starts (開始前) is prior;
    // 「業務の一部を委託する」 is subcontracting.
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、本業務の一部を第三者に行わせようとするときは、あらかじめ甲の書面による承諾を得る。\n２．乙は、前項の第三者に本契約上乙が負う安全管理義務と同等の義務を負わせ、その遵守状況を監督する。\n３．前項の第三者の作為又は不作為は、乙の作為又は不作為とみなす。"
    ),
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、本業務の一部を委託するときは、委託の開始前に委託先の名称を記載した書面を甲に提出し、甲の書面による承諾を得なければならない。\n２　乙は、委託先に本契約と同等の安全管理の義務を課して監督し、委託先の責めに帰すべき事由は乙の責めに帰すべき事由とみなす。"
    ),
    // A proviso that also lets the vendor subcontract to its group without consent takes the
    // consent away for that part of the work.
    .init(
      concern: "B2", fires: true,
      body:
        "第3条（再委託）\n乙は、本業務を第三者に再委託してはならない。ただし、あらかじめ甲の書面による承諾を得た場合、又は乙の子会社に再委託する場合は、この限りでない。\n２　乙は、再委託先に本契約と同等の安全管理の義務を課し、監督しなければならない。\n３　再委託先の責めに帰すべき事由は、乙の責めに帰すべき事由とみなす。"
    ),
    .init(
      concern: "B2", fires: true,
      body:
        "第3条（再委託）\n乙は、本業務を他に委託してはならない。ただし、乙のグループ会社に委託するとき若しくは甲の事前の承認を受けたときは、この限りでない。\n２　乙は、委託先に乙と同等の義務を負わせて監督し、委託先の違反は乙の違反とみなす。"
    ),
    // Alternatives inside one case, or a case that only yields to the law, keep the consent whole.
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、本業務を第三者に再委託してはならない。ただし、甲の書面又は電磁的記録による事前の承諾を得たときは、この限りでない。\n２　乙は、再委託先に本契約と同等の安全管理の義務を課し、監督しなければならない。\n３　再委託先の責めに帰すべき事由は、乙の責めに帰すべき事由とみなす。"
    ),
    .init(
      concern: "B2", fires: false,
      body:
        "第3条（再委託）\n乙は、本業務を第三者に再委託してはならない。ただし、甲の事前の書面による承諾を得た場合又は法令の定めにより必要な場合は、この限りでない。\n２　乙は、再委託先に本契約と同等の安全管理の義務を課し、監督しなければならない。\n３　再委託先の責めに帰すべき事由は、乙の責めに帰すべき事由とみなす。"
    ),
  ]

  @Test(arguments: b2)
  func subcontracting(_ c: Case) { #expect(raised(c) == c.fires) }

  static let c1: [Case] = [
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲の対策）\n甲が自ら講ずべきセキュリティ対策については、乙が必要な情報及び対策案を示して協議を主導し、甲乙協議のうえ具体的な実施事項を定め、甲がこれを実施する。"),
    .init(
      concern: "C1", fires: false,
      body: "第4条（利用者側の安全管理）\n乙は、本システムの利用に関して甲が実施すべき安全管理措置について、具体的な内容を甲に提案し、甲と協議して決定する。甲は、決定した措置を実施する。"),
    .init(
      concern: "C1", fires: false, body: "第4条（医療機関側の対策）\n甲が担うべきセキュリティ対策の具体的事項は、乙の主導の下で甲乙が協議して決定し、甲が実施するものとする。"
    ),
    // Taking the initiative, guiding, drafting the basis or recommending is leading.
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲側の対策）\n甲の側で実施する安全対策の具体的内容は、乙の指導の下で甲乙協議して定め、甲がこれを実施する。"),
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲側の対策）\n乙は、甲において必要なセキュリティ対策を洗い出して甲に伝え、甲と協議の上、甲が実施する事項を確定させる。"),
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲側の対策）\n甲が行うべきセキュリティ対策の詳細は、乙が作成する手順書を基に甲乙協議して定める。"),
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲側の対策）\n乙は、甲の利用環境における安全対策について甲に勧告し、甲と協議して実施事項を決める。"),
    // 「先導」 is leading; a gloss in brackets between the institution and its measures is read
    // through; an agreement the measures need (合意を要する) is deciding together.
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲側の対策）\n甲の院内で用いる端末の安全対策は、乙がその内容を甲に示して協議を先導し、甲乙協議のうえ定めた具体策を甲が講じる。"),
    .init(
      concern: "C1", fires: false,
      body:
        "第4条（甲の利用環境）\n甲の利用環境（職員の端末、利用者ID及びパスワード、院内無線LANの設定）のセキュリティ対策を決めるには、乙主導の協議による甲乙の合意を要する。決めた対策は甲が実施する。"
    ),
    // 「乙が甲に実施すべき事項を提示し」: the relative clause is the institution's; the vendor presents.
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲の運用部分）\n甲が自ら運用する部分の情報セキュリティ対策は、乙が甲に実施すべき事項を提示して協議を主導し、甲乙協議のうえ具体的に定め、甲がこれを実施する。"
    ),
    // 「甲はこれを実施する」「甲に実施していただく」 name the institution's part; deciding 「双方で」 is
    // deciding together.
    .init(
      concern: "C1", fires: false,
      body:
        "第4条（甲側のセキュリティ）\n甲が院内で使う端末及び利用者アカウントの管理に関するセキュリティ対策については、乙が必要な事項を提示して協議を主導し、甲乙協議の上で具体的な対策を定め、甲はこれを実施する。"
    ),
    .init(
      concern: "C1", fires: false,
      body:
        "第4条（甲の管理部分）\n乙は、毎年一回説明会を開き、甲が管理する部分について甲が行うべき安全対策を説明し、甲の意見を聴いて双方で具体的な対策を取り決める。甲は、取り決めた対策を実施する。"
    ),
    // The vendor explains at a briefing it holds; 「前項の相談会では…協議のうえ…決定」 is that briefing's
    // consultation.
    .init(
      concern: "C1", fires: false,
      body:
        "第4条（甲の院内運用）\n１　乙は、甲が院内で行う運用上の安全対策について、年1回相談会を開催して乙の推奨事項を説明する。\n２　前項の相談会では、乙と甲が協議のうえ、甲が実施する対策を決定する。甲は、決定した対策を実施する。"
    ),
    // Deciding by agreement (合意の上, 両者で決定) is deciding together; 「甲側で必要な」 says whose
    // part it is, not who leads.
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲側の対策）\n甲の実施する安全対策の具体的な事項は、乙が主導して甲と調整し、双方合意の上で定める。"),
    .init(concern: "C1", fires: false, body: "第4条（甲側の対策）\n乙は、甲において講ずべき安全管理措置を甲に提案し、両者で決定する。"),
    .init(
      concern: "C1", fires: false,
      body: "第4条（甲側の対策）\n乙は、甲側で必要なセキュリティ対策を主導して検討し、甲と協議の上で甲が実施する事項を明確にする。"),
    .init(concern: "C1", fires: true, body: "第4条（甲側の対策）\n甲が担当するセキュリティ対策は、甲側が主導して乙と協議し決める。"),
    .init(
      concern: "C1", fires: true,
      body: "第4条（甲側の対策）\n甲が行うべきセキュリティ対策の詳細は、甲が作成する手順書を基に甲乙協議して定める。"),
    .init(
      concern: "C1", fires: true,
      body: "第4条（甲側の対策）\n甲は、乙に対し、甲が実施すべきセキュリティ対策を伝え、乙と協議して定める。"),
    .init(concern: "C1", fires: true, body: "第4条（甲の対策）\n甲が自ら講ずべきセキュリティ対策は、甲が主導して乙と協議のうえ定める。"),
    .init(concern: "C1", fires: true, body: "第4条（助言）\n乙は、甲から求めがあったときは、甲が講ずべきセキュリティ対策について助言する。"),
    .init(concern: "C1", fires: true, body: "第4条（甲の責任）\n甲は、自らの責任において、自らが講ずべきセキュリティ対策を定め、実施する。"),
    .init(concern: "C1", fires: true, body: "第4条（乙の責務）\n乙は、2省ガイドラインに従って本業務を行う。"),
  ]

  @Test(arguments: c1)
  func institutionSide(_ c: Case) { #expect(raised(c) == c.fires) }

  static let c2: [Case] = [
    .init(
      concern: "C2", fires: false,
      body:
        "第5条（甲の協力）\n甲は、本業務に必要な電源、通信回線及びリモート保守用の端末を自らの責任で用意する。\n２　前項により甲が用意する通信回線及び端末のセキュリティ対策は、乙が主導する甲乙の協議により定め、甲が実施する。"
    ),
    .init(
      concern: "C2", fires: false,
      body:
        "第5条（設備等の提供）\n甲は、乙の作業に必要な作業場所、電源及び回線を無償で提供する。\n２　甲が提供する設備に係るセキュリティの確保は、乙が提示する対策案に基づき甲乙で協議して定めたところにより、甲が行う。"
    ),
    // A name the contract gives the provided items (「以下「持込機器」という。」) stands for them; a
    // party's label defined in a sentence about the network it provides does not.
    .init(
      concern: "C2", fires: false,
      body:
        "第5条（甲の持込機器）\n甲は、センターに収容するサーバ及びネットワーク機器（以下「持込機器」という。）を自らの責任で用意する。\n２　持込機器に関するセキュリティ対策は、乙が協議を主導し、甲乙の協議により定めた内容を甲が実施する。"
    ),
    // The provided items' security settled 「特記事項第3条の定めるところによる」, where that article
    // (speaking of 「本契約書第5条第1項各号のもの」) has the vendor-led consultation; or 「前条の対象とし、
    // 同条の手続により確定した内容」; or what both parties 「合意した」 after the vendor's briefing.
    .init(
      concern: "C2", fires: false,
      body:
        "第5条（甲の協力）\n甲は、保守に必要な次のものを自己の費用で準備し、乙の使用に供する。\n(1) 電源\n(2) リモート保守に用いる回線及びルータ\n２　前項各号に掲げるもののセキュリティの確保については、特記事項\n第3条の定めるところによる。\n\n別紙　特記事項\n\n第3条（提供物のセキュリティ）\n本契約書第5条第1項各号のものに係るセキュリティ対策は、乙が主導する協議に基づいて定め、甲がこれを実施する。"
    ),
    .init(
      concern: "C2", fires: false,
      body:
        "第4条（甲の対策）\n甲が自ら運用する部分のセキュリティ対策は、乙が主導する協議により定め、甲が実施する。\n\n第5条（提供物）\n甲は、サーバ設置室、電源設備及び外部接続用回線を乙に提供する。\n２　前項の提供物に係る安全対策も前条の対象とし、同条の手続により確定した内容を甲が実施する。"
    ),
    .init(
      concern: "C2", fires: false,
      body:
        "第5条（提供物と対策）\n甲は、本業務に必要な執務室、電源、電話回線及び業務用端末を乙に提供する。\n２．乙は、前項の提供物について必要なセキュリティ対策を整理した説明会を開催し、質疑応答を経て甲と乙が合意した対策を、甲が実施する。"
    ),
    // Items listed in an annex table (「別表2の設備及び物品」) are the provided things.
    .init(
      concern: "C2", fires: false,
      body:
        "第4条（打合せ）\n乙は、四半期ごとに甲との打合せを招集し、保守の状況を報告する。\n\n第5条（甲の提供物）\n甲は、保守業務の遂行のため、別表2に掲げる設備及び物品を乙に提供する。\n２　別表2の設備及び物品に係るセキュリティ上の措置は、乙が措置案を作成し、前条の打合せにおいて甲と協議して定め、甲が実施する。\n\n別表2　甲の提供物\n(1) サーバ設置場所及び電源\n(2) リモート保守用回線及びルータ"
    ),
    // 「これらの」「当該」 point back at the items the paragraph before provides, as 「前項の」 does.
    .init(
      concern: "C2", fires: false,
      body:
        "第5条（甲の協力）\n甲は、保守に要する電源、通信回線及び遠隔保守用の機器を自らの負担で準備する。\n２　これらの機器及び回線に関する安全対策は、乙の主導で甲乙協議して決め、甲の責任で実施する。"
    ),
    .init(
      concern: "C2", fires: true,
      body:
        "第5条（甲の協力）\n甲は、保守に要する電源、通信回線及び遠隔保守用の機器を自らの負担で準備する。\n２　当該電源、回線及び機器の安全対策については、甲が自ら定め、実施する。"
    ),
    // Nothing is provided where the institution only keeps its IDs from others, or receives a
    // terminal on loan from the vendor.
    .init(
      concern: "C2", fires: false,
      body: "第5条（甲の管理）\n甲は、本業務のID及びパスワードを自己の責任で管理し、第三者に使用させてはならない。甲の端末の管理は甲の責任で行う。"),
    .init(
      concern: "C2", fires: false,
      body: "第5条（端末）\n甲は、乙から貸与を受けた専用端末を善良な管理者の注意をもって保管し、紛失したときは直ちに乙に連絡する。"),
    // The consultation another clause sets up (前条第1項の協議) is led by whoever leads that one; what
    // the customer is asked to prepare (ご用意いただく) is provided.
    .init(
      concern: "C2", fires: false,
      body:
        "第4条（甲の対策）\n甲が院内で講じるべき対策は、乙が提示する対策案に基づき、乙の呼びかけにより開く甲との協議で定める。\n\n第5条（接続環境）\n甲は、本業務への接続に用いる端末及び院内ネットワークを自ら用意する。\n２　前項の端末及びネットワークのセキュリティ対策は、前条第1項の協議において併せて取り決め、甲が実施する。"
    ),
    .init(
      concern: "C2", fires: false,
      body:
        "第5条（利用環境）\n甲には、端末及びインターネット回線をご用意いただきます。\n２　前項でご用意いただく端末及び回線のセキュリティ対策は、乙が推奨する対策を提示し、乙が主導する協議で取り決めたうえで、甲に実施していただきます。"
    ),
    .init(concern: "C2", fires: true, body: "第5条（甲の協力）\n甲は、本業務に必要な電源、照明、通信回線、リモート保守用機器及び消耗品を自己の責任と費用で提供する。"),
    .init(
      concern: "C2", fires: true,
      body: "第5条（甲の協力）\n甲は、本業務に必要な通信回線及びリモート保守用機器を提供する。\n２　前項の回線及び機器のセキュリティ対策は、甲の判断で甲が実施する。"),
    .init(
      concern: "C2", fires: true,
      body: "第5条（甲の協力）\n甲は、本業務に必要な通信回線及びリモート保守用機器を提供する。\n２　前項の回線及び機器のセキュリティ対策は、甲が主導して乙と協議のうえ甲が実施する。"),
  ]

  @Test(arguments: c2)
  func providedItems(_ c: Case) { #expect(raised(c) == c.fires) }

  static let d1: [Case] = [
    .init(
      concern: "D1", fires: false,
      body:
        "第6条（損害賠償）\n乙の賠償責任は、本契約に基づき甲が支払った直近12か月分の委託料を上限とする。\n２　前項の規定は、乙に故意又は重大な過失がある場合には適用しない。\n３　第1項の規定は、乙が2省ガイドラインに基づく安全管理（善管注意義務の内容をなす。）を尽くしていた場合に限り適用し、当該安全管理の不備により甲に損害が生じたときは、乙は、甲と誠実に協議の上、逸失利益を含めてこれを賠償する。"
    ),
    .init(concern: "D1", fires: false, body: "第6条（損害賠償）\n乙は、本契約に違反して甲に損害を与えたときは、その損害を賠償する。"),
    .init(concern: "D1", fires: true, body: "第6条（損害賠償）\n乙は、いかなる場合においても、逸失利益及び第三者からの請求について責任を負わない。"),
    .init(concern: "D1", fires: true, body: "第6条（損害賠償）\n乙の賠償責任は委託料の総額を上限とする。ただし、乙の重大な過失による場合はこの限りでない。"),
    .init(
      concern: "D1", fires: true, body: "第6条（損害賠償）\n乙の賠償責任は委託料を上限とする。ただし、甲の故意又は重大な過失による損害については、乙は責任を負わない。"),
    .init(concern: "D1", fires: true, body: "第6条（損害賠償）\n乙の賠償責任は委託料を上限とする。ただし、乙の故意又は重大な過失による場合はこの限りでない。"),
  ]

  // 「甲が被った損害は、…乙が賠償する」: the party the damage befell is not the one paying.
  static let d1Actors: [Case] = [
    .init(
      concern: "D1", fires: false,
      body:
        "第6条（損害賠償）\n乙は、2省ガイドラインに基づく安全管理を善良な管理者の注意をもって行う。\n２　乙の賠償額は委託料の6か月分を限度とする。ただし、乙の故意又は重過失による場合、及び乙が前項の安全管理を行っていなかった場合には適用しない。\n３　乙の安全管理が不十分であったことにより甲が被った損害については、逸失利益を含めて、甲と乙が誠実に協議のうえ乙が賠償する。"
    )
  ]

  @Test(arguments: d1Actors)
  func damagesPayer(_ c: Case) { #expect(raised(c) == c.fires) }

  @Test(arguments: d1)
  func damages(_ c: Case) { #expect(raised(c) == c.fires) }

  static let d2: [Case] = [
    .init(
      concern: "D2", fires: false,
      body:
        "第7条（免責）\n乙は、乙が指定していないソフトウェアの使用又は甲の指示に基づく作業に起因する障害について責任を負わない。\n２　前項の免責は、乙が指定したソフトウェア及びOSに脆弱性が判明した場合に、乙が主導して甲と協議し、対策を決定して実施していることを条件とする。"
    ),
    // 「前段を適用しない」 lifts the exemption; it negates no measure.
    .init(
      concern: "D2", fires: false,
      body:
        "第7条（免責）\n乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。ただし、乙の指定したOSに脆弱性が見つかった場合は、乙の主導で甲と協議して必要な対策を決め実施するものとし、乙がこれを怠ったときは前段を適用しない。"
    ),
    // Software the vendor chose, delivered or vouches for is designated by it; a security flaw is a
    // vulnerability.
    .init(
      concern: "D2", fires: false,
      body:
        "第7条（免責）\n乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。\n２　乙が選定したOSにセキュリティ上の欠陥が判明したときは、乙が主導して甲と協議し、修正の適用等の対策を決めて実施する。"
    ),
    .init(
      concern: "D2", fires: false,
      body:
        "第7条（免責）\n乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。\n２　乙が納品したソフトウェアに脆弱性が見つかったときは、乙が主導して甲と協議し、対応を決めて実施する。"
    ),
    // Software the vendor vouches for (動作保証環境) or installed (搭載した) is designated by it; software
    // it does not supply (提供しない) is not, and work on the institution's request (要望に基づき) is
    // instructed work.
    .init(
      concern: "D2", fires: false,
      body:
        "第7条（免責）\n乙は、動作保証環境以外の環境で本業務を利用したことにより生じた不具合について責任を負わない。\n２　前項は、動作保証環境に含まれるOSに脆弱性が発見された場合において、乙が主導して甲と協議し、講ずべき措置を決定して実施していることを条件に適用する。"
    ),
    .init(
      concern: "D2", fires: false,
      body:
        "第7条（免責）\n乙は、甲が乙の承認なく端末に導入したアプリケーションに起因する障害については責任を負わない。\n２　乙が端末に搭載したOSに脆弱性が見つかった場合は、乙が主導して甲と協議し、必要な措置を決めて実施していることを前項の適用の条件とする。"
    ),
    .init(
      concern: "D2", fires: true, body: "第7条（免責）\n乙は、乙が提供しないソフトウェアに起因する障害、及び甲の要望に基づき行った作業の結果について責任を負わない。"),
    .init(concern: "D2", fires: true, body: "第7条（免責）\n乙は、乙が指定していないソフトウェア又は甲の指示による作業に起因する障害について、一切責任を負わない。"),
    .init(
      concern: "D2", fires: true,
      body: "第7条（免責）\n乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。\n２　乙が指定したソフトウェアに脆弱性が判明したときは、甲が主導して乙と協議し対策を決定する。"),
    .init(
      concern: "D2", fires: true,
      body:
        "第7条（免責）\n乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。\n２　乙が指定したOSに脆弱性が判明したときは、乙は自らの判断で修正プログラムを適用し、事後に甲に報告する。"
    ),
  ]

  @Test(arguments: d2)
  func exemptions(_ c: Case) { #expect(raised(c) == c.fires) }

  /// Whole requirements in other drafting habits, under every common pair of party labels.
  static let labelPairs: [(String, String)] = [
    ("甲", "乙"), ("委託者", "受託者"), ("お客様", "当社"), ("当院", "事業者"), ("発注者", "受注者"), ("利用者", "提供者"),
  ]
  static let whole: [Case] = [
    .init(
      concern: "B1", fires: false,
      body: "第2条（条項）\n{V}は、{I}の情報セキュリティ体制に影響を及ぼす変更を行う場合は、その実施予定日の30日前までに{I}へ通知し、{I}の承認を得るものとします。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（条項）\n{V}は、本サービスの提供に用いる設備、ソフトウェア又は運用体制を変更するときは、少なくとも2か月前に{I}に書面で通知し、{I}の同意を得なければならない。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（条項）\n{V}は、本業務の実施場所又は実施方法を変更しようとする場合、あらかじめ（変更の14日前までに）{I}に申し入れ、{I}の承諾を得る。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（条項）\n本業務に係るシステム構成の変更は、{V}が変更予定日の30日前までに{I}に通知し、{I}が承認した場合に限り、行うことができる。"),
    .init(
      concern: "B1", fires: false,
      body: "第2条（条項）\n{V}は、セキュリティに関わる仕様を変更するときは、予定日の一か月前までに{I}へ連絡し、{I}の了承を得るものとする。"),
    .init(
      concern: "C1", fires: false,
      body: "第2条（条項）\n{I}が実施すべきセキュリティ対策の具体的な内容は、{V}が主導して{I}と協議し、決定するものとし、{I}はこれを実施する。"),
    .init(
      concern: "C1", fires: false,
      body: "第2条（条項）\n{V}は、{I}側で講じる必要のある安全管理措置について、{I}に情報を提供し、{I}と協議の上、その内容を定める。{I}は定められた措置を講じる。"),
    .init(
      concern: "C1", fires: false,
      body: "第2条（条項）\n{V}は、{I}が担当する情報セキュリティ対策の項目ごとに、具体的な対策案を{I}に提示して協議を行い、双方合意の上で決定するものとします。"),
    .init(
      concern: "C1", fires: false, body: "第2条（条項）\n{I}の分担に属するセキュリティ対策は、{V}の主導により{I}との協議を経て具体化し、{I}が実施する。"),
    .init(
      concern: "C2", fires: false,
      body:
        "第2条（条項）\n{I}は、本業務の遂行に必要な電源、回線及びリモート保守用機器を用意する。\n２　前項の回線及び機器に係るセキュリティ対策は、{V}が主導して{I}と協議の上で定め、{I}が実施する。"
    ),
    .init(
      concern: "C2", fires: false,
      body:
        "第2条（条項）\n{I}は、本サービスの利用に必要な端末及びインターネット接続環境を自らの費用で準備するものとします。\n２　前項の端末及び接続環境のセキュリティ対策については、{V}が推奨する対策を示して{I}と協議し、その結果に基づき{I}が実施するものとします。"
    ),
    .init(
      concern: "C2", fires: false,
      body: "第2条（条項）\n{I}は、{V}に対し、作業に必要な場所、電源及びネットワーク回線を提供する。これら提供物に係るセキュリティ対策は、{V}主導の協議により決定し、{I}が実施する。"),
  ]

  @Test(arguments: whole)
  func wholeRequirementsUnderAnyLabels(_ c: Case) {
    for (i, v) in Self.labelPairs {
      let body = c.body.replacingOccurrences(of: "{I}", with: i).replacingOccurrences(of: "{V}", with: v)
      #expect(!raised(Case(concern: c.concern, fires: false, body: body), labels: (i, v)), "\(i)/\(v)")
    }
  }

  static let wholeB2D1D2: [Case] = [
    .init(
      concern: "B2", fires: false,
      body:
        "第2条（条項）\n{V}は、本業務の全部又は一部を第三者に委託しようとするときは、あらかじめ{I}の書面による承諾を得なければならない。\n２　{V}は、前項の委託先に対し、本契約で{V}が負うのと同等の安全管理上の義務を負わせ、これを監督する。\n３　委託先の義務違反は、{V}の義務違反とみなす。"
    ),
    .init(
      concern: "D1", fires: false,
      body:
        "第2条（条項）\n{V}の賠償責任は、直近12か月分の委託料を上限とする。\n２　前項の規定は、{V}に故意又は重大な過失がある場合には適用しない。\n３　第1項の規定は、{V}が2省ガイドラインに基づく安全管理（善管注意義務の内容をなす。）を尽くしていた場合に限り適用し、当該安全管理の不備により{I}に損害が生じたときは、{V}は、{I}と誠実に協議の上、逸失利益を含めてこれを賠償する。"
    ),
    .init(
      concern: "D2", fires: false,
      body:
        "第2条（条項）\n{V}は、{V}が指定していないソフトウェアの使用又は{I}の指示に基づく作業に起因する障害について責任を負わない。\n２　前項の免責は、{V}が指定したソフトウェア及びOSに脆弱性が判明した場合に、{V}が主導して{I}と協議し、対策を決定して実施していることを条件とする。"
    ),
  ]

  /// The layouts DOMAIN.md and the engine issue name: pdftotext lines and page numbers, kanji
  /// numerals, 【】 headings, 1. / 1.1 sections, an annex with its own 第1条, text on one line.
  enum Layout: CaseIterable { case pdf, kanji, bracket, section, annex, flat }

  func laidOut(_ body: String, _ layout: Layout, _ i: String, _ v: String) -> String {
    let lines = body.split(separator: "\n").map(String.init)
    let clause = lines.dropFirst()
    let purpose = "\(v)は、\(i)のシステムの保守業務を行う。"
    switch layout {
    case .pdf:
      let text = (["第1条（目的）", purpose, "", lines[0]] + clause).joined(separator: "\n")
      var out: [String] = []
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var rest = Substring(line)
        while rest.count > 37 {
          out.append(String(rest.prefix(37)))
          rest = rest.dropFirst(37)
        }
        out.append(String(rest))
      }
      return out.joined(separator: "\n") + "\n－ 1 －\n"
    case .kanji:
      return (["第一条（目的）", purpose, "", "第二条（条項）"] + clause).joined(separator: "\n")
    case .bracket:
      return (["【目的】", "第1条　" + purpose, "【条項】", "第2条　" + (clause.first ?? "")] + clause.dropFirst())
        .joined(separator: "\n")
    case .section:
      let items = clause.enumerated().map { k, p in
        "2.\(k + 1) " + (p.hasPrefix("２　") || p.hasPrefix("３　") ? String(p.dropFirst(2)) : p)
      }
      return (["1. 目的", "1.1 " + purpose, "2. 条項"] + items).joined(separator: "\n")
    case .annex:
      return
        (["第1条（目的）", purpose, "", "第2条（特記事項）", "本契約に定めるほか、別紙特記事項による。", "", "別紙　特記事項", "", "第1条（条項）"] + clause)
        .joined(separator: "\n")
    case .flat:
      return (["第1条（目的）", purpose, "第2条（条項）"] + clause + ["第3条（協議） 定めのない事項は協議する。"]).joined(separator: " ")
    }
  }

  @Test(arguments: whole + wholeB2D1D2)
  func wholeRequirementsInEveryLayout(_ c: Case) {
    for (i, v) in Self.labelPairs.prefix(3) {
      let body = c.body.replacingOccurrences(of: "{I}", with: i).replacingOccurrences(of: "{V}", with: v)
      for layout in Layout.allCases {
        let text = """
          サービス契約書

          医療法人テスト会（以下「\(i)」という。）と株式会社テスト（以下「\(v)」という。）は、次のとおり契約を締結する。

          \(laidOut(body, layout, i, v))
          """
        let raised = Self.reviewer.review(SourceText(text: text)).findings.contains {
          $0.guideRefs.first == c.concern
        }
        #expect(!raised, "\(layout) \(i)/\(v)")
      }
    }
  }

  /// DOMAIN.md 4 C2 names power, lines, remote-maintenance equipment and consumables as examples:
  /// networks, routers, VPN devices, PCs and the server room are the same kind of thing.
  @Test(arguments: ["院内ネットワーク及びVPNルータ", "院内LAN", "サーバ設置場所及び空調", "リモート接続用のルータ", "作業用のパソコン", "ＶＰＮ装置"])
  func providedItemsOfEveryKind(item: String) {
    let split = "２　前項により甲が用意する\(item)のセキュリティ対策は、乙が主導する甲乙の協議により定め、甲が実施する。"
    let provides = "第2条（甲の協力）\n甲は、本業務に必要な\(item)を自らの責任で用意する。"
    #expect(raised(Case(concern: "C2", fires: true, body: provides)))
    #expect(!raised(Case(concern: "C2", fires: false, body: provides + "\n" + split)))
  }

  /// Each clause says the opposite of one part of its requirement: the concern must be raised.
  static let negations: [Case] = [
    .init(concern: "B1", fires: true, body: "第2条（条項）\n乙は、本業務の実施体制を変更するときは、30日前までに甲に通知するが、甲の承認を得ることを要しない。"),
    .init(concern: "B1", fires: true, body: "第2条（条項）\n乙は、本業務の実施体制を変更するときは、甲の承認を得ずに変更でき、変更後30日以内に甲に通知する。"),
    .init(concern: "B1", fires: true, body: "第2条（条項）\n乙は、本業務の実施体制を変更するにあたり、甲への事前の通知及び承認を必要としない。"),
    .init(concern: "B1", fires: true, body: "第2条（条項）\n乙は、本業務の実施体制を変更するときは、30日前までに甲に通知する。なお、甲の承諾は必要ないものとする。"),
    .init(
      concern: "B2", fires: true,
      body: "第2条（条項）\n乙は、甲への通知又は甲の承諾なしに、本業務の一部を第三者に再委託することができる。乙は再委託先に同等の義務を課し監督し、再委託先の違反は乙の違反とみなす。"),
    .init(
      concern: "B2", fires: true,
      body: "第2条（条項）\n乙は、本業務を第三者に再委託することができ、その際甲の事前の承諾は不要とする。乙は再委託先に同等の義務を課し監督し、再委託先の違反は乙の違反とみなす。"),
    .init(
      concern: "B2", fires: true,
      body: "第2条（条項）\n乙は、甲の事前の承諾を得て再委託できる。乙は再委託先に同等の義務を課し監督する。ただし、再委託先の行為について乙は責任を負わない。"),
    .init(
      concern: "B2", fires: true, body: "第2条（条項）\n乙は、甲の事前の承諾を得て再委託できる。再委託先の違反は乙の違反とみなす。なお、乙は再委託先を監督する義務を負わない。"
    ),
    .init(concern: "C1", fires: true, body: "第2条（条項）\n甲が自ら講ずべきセキュリティ対策について、乙は協議を主導する義務を負わず、甲が自らの責任で決定する。"),
    .init(
      concern: "C2", fires: true,
      body: "第2条（条項）\n甲は、本業務に必要な通信回線及び機器を用意する。\n２　前項の回線及び機器のセキュリティ対策について、乙は協議その他の関与を行わず、甲が単独で実施する。"),
    .init(
      concern: "D1", fires: true,
      body:
        "第2条（条項）\n乙の賠償責任は委託料を上限とする。ただし、乙の故意又は重大な過失による場合はこの限りでない。\n２　前項の上限は、乙の安全管理の状況にかかわらず適用し、逸失利益は、いかなる場合も賠償の対象としない。"
    ),
    .init(
      concern: "D1", fires: true,
      body:
        "第2条（条項）\n乙の賠償責任は委託料を上限とする。この上限は、乙に故意又は重大な過失がある場合にも適用する。乙が2省ガイドラインに基づく安全管理を尽くしていた場合に限り適用し、その不備による損害は逸失利益を含め協議の上賠償する。"
    ),
    .init(
      concern: "D2", fires: true,
      body: "第2条（条項）\n乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。\n２　乙が指定したソフトウェアに脆弱性が判明した場合であっても、乙は対策を講じる義務を負わない。"),
    .init(
      concern: "D2", fires: true,
      body: "第2条（条項）\n乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。\n２　乙が指定したソフトウェアの脆弱性への対策について、乙は甲と協議することを要しない。"),
  ]

  @Test(arguments: negations)
  func negationsAreRaised(_ c: Case) { #expect(raised(c)) }

  /// DOMAIN.md 4 D1: any cap or exclusion without the carve-outs raises the concern, however it is worded.
  static let limitations: [Case] = [
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n乙が甲に対して負う損害賠償の額は、当該損害が生じた月に甲が支払った委託料の額を超えないものとする。"),
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n乙の責任は、本契約の委託料総額の範囲内に限られる。"),
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n乙は、甲に生じた損害のうち、乙の責めに帰すべき事由により直接かつ現実に生じた損害に限り賠償する。"),
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n乙は、データの消失又は破損について、その原因のいかんを問わず責任を負わない。"),
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n乙は、本業務に関連して甲に生じた間接的、派生的又は特別の損害については賠償しない。"),
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n乙が負う賠償額の累計は、金100万円を上限とします。"),
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n損害賠償の範囲は、甲に現に生じた通常の損害とし、その額は直近3か月分の保守料を限度とする。"),
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n乙は、本業務の結果について何ら保証せず、これにより甲に生じた損害を賠償する責を負わない。"),
    .init(concern: "D1", fires: true, body: "第2条（損害賠償）\n乙の損害賠償責任は、乙が受領した保守料相当額をもって上限とする。"),
    .init(
      concern: "D1", fires: true,
      body: "第2条（損害賠償）\n乙は、本サービスの利用により生じた甲の損害について、乙の故意又は重過失による場合を除き、一切の責任を負わないものとします。"),
  ]

  @Test(arguments: limitations)
  func everyLimitationIsRaised(_ c: Case) { #expect(raised(c)) }

  /// DOMAIN.md 4 D2: an exemption for software the vendor did not designate or for work on the
  /// institution's instructions, in other words, raises the concern when nothing covers designated software.
  static let exemptionStyles: [Case] = [
    .init(concern: "D2", fires: true, body: "第2条（免責）\n乙は、甲が独自に導入したソフトウェアに起因する不具合については、責任を負わない。"),
    .init(concern: "D2", fires: true, body: "第2条（免責）\n乙は、乙の推奨環境以外で本システムを使用したことにより生じた障害について、一切の責任を負わない。"),
    .init(concern: "D2", fires: true, body: "第2条（免責）\n甲の指示に従って乙が行った作業の結果生じた障害については、乙は免責される。"),
    .init(concern: "D2", fires: true, body: "第2条（免責）\n乙は、乙が提供したもの以外のソフトウェア又はハードウェアに起因して生じた障害について、その責を負わない。"),
    .init(concern: "D2", fires: true, body: "第2条（免責）\n乙は、動作保証対象外のOSを甲が使用したことによる障害について責任を負いません。"),
    .init(
      concern: "D2", fires: true, body: "第2条（免責）\n第三者が提供するソフトウェア（乙が指定したものを除く。）の不具合に起因する障害について、乙は責任を負わない。"),
    .init(concern: "D2", fires: true, body: "第2条（免責）\n乙は、甲が乙の承認なく導入したアプリケーションによる障害について、保守の対象外とし、責任を負わない。"),
  ]

  @Test(arguments: exemptionStyles)
  func everyExemptionIsRaised(_ c: Case) { #expect(raised(c)) }
}
