import BunkaiCore

/// Generated contracts for the benchmark: several label and numbering styles, typical clauses
/// (some weak, some good), padded with ordinary articles to the target length. Deterministic.
enum BenchCorpus {
  struct Style {
    var title: String
    var institution: String
    var vendor: String
    var institutionName: String
    var vendorName: String
    var numbers: NumberStyle
  }

  static let styles: [Style] = [
    Style(
      title: "医療情報システム保守契約書", institution: "甲", vendor: "乙", institutionName: "医療法人社団青葉会 青葉病院",
      vendorName: "株式会社ベンチシステム", numbers: .arabic),
    Style(
      title: "電子カルテシステム導入契約書", institution: "委託者", vendor: "受託者", institutionName: "やまびこクリニック",
      vendorName: "株式会社サンプル情報サービス", numbers: .kanji),
    Style(
      title: "クラウド型予約サービス利用規約", institution: "契約者", vendor: "当社", institutionName: "本サービスを利用する医療機関",
      vendorName: "株式会社クラウドベンチ", numbers: .fullWidth),
  ]

  static let clauses: [(String, String)] = [
    ("目的", "本契約は、{i}が使用する医療情報システム（以下「本システム」という。）の保守業務を{v}に委託するにあたり、その条件を定めることを目的とする。"),
    ("業務の範囲", "{v}が提供する業務の範囲は別表第１に定めるとおりとし、ディスプレイ、プリンタその他の周辺機器は含まないものとする。"),
    ("契約の変更", "本契約の内容は、{i}及び{v}が記名押印した書面によってのみ変更することができる。"),
    ("再委託", "{v}は、本業務の全部又は一部を第三者に再委託することができる。"),
    ("協力", "{i}は、{v}が本業務を行うために必要な電源、作業場所、通信回線及び消耗品を自らの責任で用意する。"),
    ("損害賠償", "{v}が{i}に対して負う損害賠償の額は、本契約の委託料の総額を上限とし、いかなる場合においても逸失利益については責任を負わない。"),
    ("免責", "{v}は、{v}が指定しないソフトウェアに起因する障害については責任を負わない。"),
    ("秘密保持", "{i}及び{v}は、本契約に関して知り得た相手方の秘密情報を第三者に開示してはならない。"),
    ("個人情報", "{v}は、本業務において取り扱う個人情報を本業務の目的の範囲内でのみ利用し、漏えい、滅失又はき損の防止その他の安全管理のために必要な措置を講じる。"),
    ("事故発生時の報告", "{v}は、本システムにおいて情報漏えいその他の事故が発生したことを知ったときは、直ちに{i}に報告する。"),
    ("リモート保守", "{v}は、リモート保守を行う場合、VPNにより接続経路を保護し、接続元を認証した上で、接続の記録を保存する。"),
    ("バックアップ", "{v}は、本システムのデータのバックアップを毎日取得し、障害時には復旧作業を行う。"),
    ("契約期間", "本契約の有効期間は、契約締結日から一年間とし、期間満了の三か月前までに申出がないときは同一条件で更新する。"),
    ("解除", "{i}又は{v}は、相手方が本契約に違反し、相当の期間を定めて催告しても是正されないときは、本契約を解除することができる。"),
    ("反社会的勢力の排除", "{i}及び{v}は、自らが反社会的勢力に該当しないことを表明し、保証する。"),
    ("管轄", "本契約に関する紛争については、{i}の所在地を管轄する地方裁判所を第一審の専属的合意管轄裁判所とする。"),
  ]

  static let filler = [
    "{v}は、作業の前に作業内容を{i}の担当者に説明し、その了承を得た上で作業を行うものとする。",
    "{i}は、本システムの操作に関する問い合わせを、{v}が定める窓口に対して行うものとする。",
    "前項の作業に要する交通費その他の実費は、別段の定めがない限り{v}の負担とする。",
    "{v}は、作業の結果を作業報告書にまとめ、作業完了後速やかに{i}に提出する。",
  ]

  static func generate(count: Int, targetChars: Int) -> [String] {
    (0..<count).map { contract($0, targetChars: targetChars) }
  }

  static func contract(_ seed: Int, targetChars: Int) -> String {
    let style = styles[seed % styles.count]
    func fill(_ s: String) -> String {
      s.replacingOccurrences(of: "{i}", with: style.institution).replacingOccurrences(
        of: "{v}", with: style.vendor)
    }
    var text =
      "\(style.title)\n\n\(style.institutionName)（以下「\(style.institution)」という。）と\(style.vendorName)（以下「\(style.vendor)」という。）は、次のとおり契約を締結する。\n\n"
    var n = 0
    var k = seed
    func header(_ heading: String) -> String {
      n += 1
      return "第\(Numerals.write(n, style: style.numbers))条（\(heading)）\n"
    }
    for (heading, body) in clauses {
      text += header(heading) + fill(body) + "\n"
      k = (k &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff
      if k % 3 == 0 { text += "２　" + fill(filler[k % filler.count]) + "\n" }
    }
    // Count scalars of what is appended: String.count walks grapheme clusters (quadratic in a loop).
    var length = text.unicodeScalars.count
    while length < targetChars {
      var piece = header("作業の実施")
      for p in 1...3 {
        k = (k &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff
        piece +=
          (p == 1 ? "" : Numerals.write(p, style: .fullWidth) + "　") + fill(filler[k % filler.count]) + "\n"
      }
      length += piece.unicodeScalars.count
      text += piece
    }
    text += "\n本契約締結の証として本書二通を作成し、\(style.institution)\(style.vendor)記名押印の上、各一通を保有する。\n"
    return text
  }
}
