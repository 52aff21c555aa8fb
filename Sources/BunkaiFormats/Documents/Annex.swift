import Foundation

/// 別紙「責任分界に関する合意事項」: what the institution and the vendor agreed per checklist item.
/// Plain strings throughout: the server formats dates and labels.
public struct Annex: Sendable {
  public static let title = "別紙「責任分界に関する合意事項」"

  public struct Header: Sendable {
    public var institution: String
    public var vendor: String
    public var contractTitle: String
    /// Contract dates as the server words them ("締結日 2026-04-01、期間 2026-04-01〜2027-03-31").
    public var contractDates: String
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
      vendorConfirmation: Confirmation? = nil
    ) {
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

    /// "はい（2026-05-10）" when the meeting date is known.
    var firstCheckText: String {
      guard let d = firstCheckDate, !d.isEmpty else { return firstCheck }
      return "\(firstCheck)（\(d)）"
    }
  }

  public var header: Header
  public var rows: [Row]

  public init(header: Header, rows: [Row]) {
    self.header = header
    self.rows = rows
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
      ("契約期間等", header.contractDates), ("作成日", header.generatedOn),
    ]
  }

  /// Column titles: the official form's columns first, then the agreement.
  static let columns = [
    "項番", "項目", "内容", "初回確認", "完了日", "担当", "合意内容", "協議の経過", "医療機関の確認", "事業者の確認",
  ]

  /// The cells of a row, in the order of `columns`.
  static func cells(_ r: Row) -> [String] {
    [
      r.number, r.title, r.content, r.firstCheckText, r.completedOn ?? "", r.owner, r.agreed, r.exchange,
      r.institutionConfirmation?.text ?? "未確認", r.vendorConfirmation?.text ?? "未確認",
    ]
  }
}

/// The annex as a Word document: header block, then one table row per item (A4 landscape).
public enum AnnexDocx {
  public static func render(_ annex: Annex) throws -> Data {
    var w = DocxWriter(title: Annex.title, orientation: .landscape)
    w.heading(Annex.title, level: 0)
    w.paragraph(annex.preamble)
    w.table(
      header: ["区分", "内容"], rows: annex.headerFields.map { [$0.0, $0.1] }, widths: [1, 6], fontSize: 20)
    w.table(
      header: Annex.columns, rows: annex.rows.map(Annex.cells), widths: [5, 10, 18, 7, 7, 6, 18, 15, 9, 9])
    return try w.data()
  }
}

/// The annex as a workbook: one sheet with the items, one with the header.
public enum AnnexXlsx {
  public static func render(_ annex: Annex) throws -> Data {
    var x = XlsxWriter(title: Annex.title)
    x.add(
      .init(
        name: "合意事項", header: Annex.columns,
        rows: annex.rows.map { Annex.cells($0).map(XlsxCell.text) },
        widths: [8, 24, 40, 14, 12, 10, 40, 36, 20, 20]))
    x.add(
      .init(
        name: "契約", header: ["区分", "内容"],
        rows: [["表題", .text(Annex.title)]] + annex.headerFields.map { [.text($0.0), .text($0.1)] },
        widths: [14, 80]))
    return try x.data()
  }
}

/// The annex as one self-contained, printable HTML page.
public enum AnnexHTML {
  public static func render(_ annex: Annex) -> String {
    let esc = HTMLReport.esc
    var body = "<h1>\(esc(Annex.title))</h1>\n<p>\(esc(annex.preamble))</p>\n<dl class=\"meta\">"
    for (label, value) in annex.headerFields { body += "<dt>\(esc(label))</dt><dd>\(esc(value))</dd>" }
    body += "</dl>\n<table>\n<thead><tr>"
    for c in Annex.columns { body += "<th>\(esc(c))</th>" }
    body += "</tr></thead>\n<tbody>\n"
    for r in annex.rows {
      body += "<tr>" + Annex.cells(r).map { "<td>\(lines(esc($0)))</td>" }.joined() + "</tr>\n"
    }
    body += "</tbody>\n</table>\n"
    return """
      <!DOCTYPE html>
      <html lang="ja"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(esc(Annex.title))：\(esc(annex.header.contractTitle))</title>
      <style>
      body{font-family:"Yu Mincho","Hiragino Mincho ProN","Noto Serif CJK JP",serif;margin:1.5rem;line-height:1.6;color:#000}
      h1{font-size:1.4rem;text-align:center}
      .meta{display:grid;grid-template-columns:7rem 1fr;gap:.2rem .8rem}.meta dt{font-weight:bold}.meta dd{margin:0}
      table{border-collapse:collapse;width:100%;font-size:.8rem;margin-top:1rem}
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

  /// Line breaks in already escaped text.
  static func lines(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: "<br>") }
}
