import Foundation

/// 別紙「責任分界に関する合意事項」: what the institution and the vendor agreed per checklist item.
/// Plain strings throughout: the server formats dates and labels.
public struct Annex: Sendable {
  public static let title = "別紙「責任分界に関する合意事項」"

  public struct Header: Sendable {
    public var institution: String
    public var vendor: String
    public var contractTitle: String
    /// Contract dates as the server words them, in 和暦 ("期間 令和8年4月1日〜令和9年3月31日").
    public var contractDates: String
    /// The day the annex was made, "YYYY-MM-DD" (shown in 和暦).
    public var generatedOn: String

    public init(
      institution: String, vendor: String, contractTitle: String, contractDates: String, generatedOn: String
    ) {
      self.institution = institution
      self.vendor = vendor
      self.contractTitle = contractTitle
      self.contractDates = contractDates
      self.generatedOn = generatedOn
    }
  }

  /// Who confirmed a row, and when.
  public struct Confirmation: Sendable, Equatable {
    public var name: String
    public var at: String

    public init(name: String, at: String) {
      self.name = name
      self.at = at
    }

    var text: String { "\(name)（\(at)）" }
  }

  public struct Row: Sendable {
    /// 項番 ("A-1").
    public var number: String
    /// 項目.
    public var title: String
    /// 内容: the item's text from the catalogue.
    public var content: String
    /// 初回確認: "はい", "いいえ" or "未回答".
    public var firstCheck: String
    /// Date of the first meeting with the vendor, when recorded.
    public var firstCheckDate: String?
    /// 完了日, for items first answered いいえ.
    public var completedOn: String?
    /// 担当: "医療機関", "事業者", "共同", "対象外" or empty.
    public var owner: String
    /// Both sides confirmed the split, or the item is 対象外: the row is agreed. Until every row
    /// is, the annex is a draft (案).
    public var settled: Bool
    /// 合意内容.
    public var agreed: String
    /// A summary of the exchange with the vendor.
    public var exchange: String
    public var institutionConfirmation: Confirmation?
    public var vendorConfirmation: Confirmation?

    public init(
      number: String, title: String, content: String = "", firstCheck: String = "未回答",
      firstCheckDate: String? = nil, completedOn: String? = nil, owner: String = "", agreed: String = "",
      exchange: String = "", institutionConfirmation: Confirmation? = nil,
      vendorConfirmation: Confirmation? = nil, settled: Bool? = nil
    ) {
      self.settled =
        settled ?? (owner == "対象外" || (institutionConfirmation != nil && vendorConfirmation != nil))
      self.number = number
      self.title = title
      self.content = content
      self.firstCheck = firstCheck
      self.firstCheckDate = firstCheckDate
      self.completedOn = completedOn
      self.owner = owner
      self.agreed = agreed
      self.exchange = exchange
      self.institutionConfirmation = institutionConfirmation
      self.vendorConfirmation = vendorConfirmation
    }

    /// "はい（令和8年5月10日）" when the meeting date is known.
    var firstCheckText: String {
      guard let d = firstCheckDate, !d.isEmpty else { return firstCheck }
      return "\(firstCheck)（\(Wareki.format(iso: d))）"
    }

    /// 担当 as the annex shows it: a split not yet agreed is marked, so it does not read as agreed.
    var ownerText: String {
      if settled { return owner }
      return owner.isEmpty ? "未定" : "\(owner)（案・未合意）"
    }
  }

  public var header: Header
  public var rows: [Row]

  public init(header: Header, rows: [Row]) {
    self.header = header
    self.rows = rows
  }

  /// A draft until every row is agreed or 対象外.
  public var isDraft: Bool { rows.contains { !$0.settled } }

  /// The title, marked 【案】 on a draft.
  public var title: String { isDraft ? "【案】" + Annex.title : Annex.title }

  /// What a draft says of itself.
  var draftNote: String? {
    guard isDraft else { return nil }
    let open = rows.filter { !$0.settled }.count
    return "この別紙は案です。合意していない項目が \(open) 件あります。すべての項目について双方が確認する"
      + "（又は対象外とする）まで、合意事項として確定しません。"
  }

  /// The closing line and the block where both parties sign and seal.
  static let closing = "以上"
  var signatureLead: String {
    "本別紙の成立を証するため、本書2通を作成し、医療機関及び事業者が記名押印の上、各1通を保有する。"
  }
  static let blankDate = "令和　　年　　月　　日"
  var signatureRows: [[String]] {
    [
      ["医療機関", "事業者"],
      ["名称　\(header.institution)", "名称　\(header.vendor)"],
      ["所在地", "所在地"],
      ["代表者　　　　　　　　　　　　印", "代表者　　　　　　　　　　　　印"],
    ]
  }

  /// The opening sentence, naming the contract.
  var preamble: String {
    "本別紙は、\(header.institution)（以下「医療機関」という。）と\(header.vendor)（以下「事業者」という。）との間の"
      + "「\(header.contractTitle)」について、確認表の各項目における責任分界の合意事項を記録するものである。"
  }

  /// Label and value pairs of the header block.
  var headerFields: [(String, String)] {
    [
      ("契約", header.contractTitle), ("医療機関", header.institution), ("事業者", header.vendor),
      ("契約期間等", header.contractDates), ("作成日", Wareki.format(iso: header.generatedOn)),
    ]
  }

  /// Column titles: the official form's columns first, then the agreement.
  static let columns = [
    "項番", "項目", "内容", "初回確認", "完了日", "担当", "合意内容", "協議の経過", "医療機関の確認", "事業者の確認",
  ]

  /// The cells of a row, in the order of `columns`.
  static func cells(_ r: Row) -> [String] {
    [
      r.number, r.title, r.content, r.firstCheckText, r.completedOn.map(Wareki.format(iso:)) ?? "",
      r.ownerText,
      r.agreed, r.exchange,
      r.institutionConfirmation?.text ?? "未確認", r.vendorConfirmation?.text ?? "未確認",
    ]
  }
}

/// The annex as a Word document: header block, then one table row per item (A4 landscape).
public enum AnnexDocx {
  public static func render(_ annex: Annex) throws -> Data {
    var w = DocxWriter(title: annex.title, orientation: .landscape)
    w.heading(annex.title, level: 0)
    if let note = annex.draftNote { w.paragraph(note, bold: true) }
    w.paragraph(annex.preamble)
    w.table(
      header: ["区分", "内容"], rows: annex.headerFields.map { [$0.0, $0.1] }, widths: [1, 6], fontSize: 20)
    w.table(
      header: Annex.columns, rows: annex.rows.map(Annex.cells), widths: [5, 10, 18, 7, 7, 6, 18, 15, 9, 9])
    w.paragraph(Annex.closing, alignRight: true)
    w.paragraph(annex.signatureLead)
    w.paragraph(Annex.blankDate)
    let sign = annex.signatureRows
    w.table(header: [], rows: sign, widths: [1, 1], fontSize: 21)
    return try w.data()
  }
}

/// The annex as a workbook: one sheet with the items, one with the header.
public enum AnnexXlsx {
  public static func render(_ annex: Annex) throws -> Data {
    var x = XlsxWriter(title: annex.title)
    // The completion date is a real date cell, shown in 和暦.
    let rows = annex.rows.map { r -> [XlsxCell] in
      var cells = Annex.cells(r).map(XlsxCell.text)
      if let d = r.completedOn, Wareki.serial(iso: d) != nil { cells[4] = .date(d) }
      return cells
    }
    let sign = annex.signatureRows
    let closing: [[XlsxCell]] =
      [[], [.empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .text(Annex.closing)]]
      + [[.text(annex.signatureLead)], [.text(Annex.blankDate)]]
      + sign.map { [.text($0[0]), .empty, .text($0[1])] }
    x.add(
      .init(
        name: "合意事項", header: Annex.columns, rows: rows + closing,
        widths: [8, 24, 40, 14, 14, 12, 40, 36, 20, 20]))
    var meta: [[XlsxCell]] = [["表題", .text(annex.title)]]
    for (label, value) in annex.headerFields {
      meta.append([.text(label), label == "作成日" ? .date(annex.header.generatedOn) : .text(value)])
    }
    if let note = annex.draftNote { meta.append(["状態", .text(note)]) }
    x.add(.init(name: "契約", header: ["区分", "内容"], rows: meta, widths: [14, 80]))
    return try x.data()
  }
}

/// The annex as one self-contained, printable HTML page.
public enum AnnexHTML {
  public static func render(_ annex: Annex) -> String {
    let esc = HTMLReport.esc
    var body = "<h1>\(esc(annex.title))</h1>\n"
    if let note = annex.draftNote { body += "<p class=\"draft\">\(esc(note))</p>\n" }
    body += "<p>\(esc(annex.preamble))</p>\n<dl class=\"meta\">"
    for (label, value) in annex.headerFields { body += "<dt>\(esc(label))</dt><dd>\(esc(value))</dd>" }
    body += "</dl>\n<div class=\"wrap\"><table class=\"items\">\n<colgroup>"
    for w in widths { body += "<col style=\"width:\(w)%\">" }
    body += "</colgroup>\n<thead><tr>"
    for c in Annex.columns { body += "<th scope=\"col\">\(esc(c))</th>" }
    body += "</tr></thead>\n<tbody>\n"
    for r in annex.rows {
      body += "<tr\(r.settled ? "" : " class=\"open\"")>"
      body += Annex.cells(r).map { "<td>\(lines(esc($0)))</td>" }.joined() + "</tr>\n"
    }
    body += "</tbody>\n</table></div>\n<p class=\"closing\">\(esc(Annex.closing))</p>\n"
    body +=
      "<p>\(esc(annex.signatureLead))</p>\n<p>\(esc(Annex.blankDate))</p>\n<table class=\"sign\"><tbody>"
    for row in annex.signatureRows {
      body += "<tr>" + row.map { "<td>\(esc($0))</td>" }.joined() + "</tr>"
    }
    body += "</tbody></table>\n"
    return """
      <!DOCTYPE html>
      <html lang="ja"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(esc(annex.title))：\(esc(annex.header.contractTitle))</title>
      <style>
      body{font-family:"Yu Mincho","Hiragino Mincho ProN","Noto Serif CJK JP",serif;margin:1.5rem;line-height:1.6;color:#000}
      h1{font-size:1.4rem;text-align:center}
      .meta{display:grid;grid-template-columns:7rem 1fr;gap:.2rem .8rem}.meta dt{font-weight:bold}.meta dd{margin:0}
      table{border-collapse:collapse;width:100%;font-size:.8rem;margin-top:1rem}
      .wrap{overflow-x:auto}
      table.items{table-layout:fixed;min-width:62rem}
      td{overflow-wrap:anywhere;word-break:normal}
      tr.open td{background:#fff8e1}
      .draft{font-weight:bold;border:2px solid #000;padding:.4rem .6rem}
      .closing{text-align:right}
      table.sign{table-layout:fixed;font-size:1rem}table.sign td{height:2.2rem;width:50%}
      th,td{border:1px solid #000;padding:.2rem .3rem;vertical-align:top;text-align:left}
      th{background:#d9d9d9}
      thead{display:table-header-group}
      tr{break-inside:avoid}
      @page{size:A4 landscape;margin:12mm}
      @media print{body{margin:0}th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
      </style></head><body>
      \(body)</body></html>

      """
  }

  /// Column widths in percent, in the order of `Annex.columns`: 内容 and 担当 wide enough to read.
  static let widths = [5, 10, 17, 7, 8, 8, 17, 14, 7, 7]

  /// Line breaks in already escaped text.
  static func lines(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: "<br>") }
}
