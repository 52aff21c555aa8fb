import BunkaiCore
import BunkaiFormats
import Foundation

/// The one-page summary for the board (理事会): per vendor, what is agreed, what is still open
/// and which risks management accepted until when. Shown as a page and made a PDF the way the
/// annex is (a .docx through LibreOffice, `PDFConverter`).
struct BoardSummary: Encodable, Sendable {
  struct ContractLine: Encodable, Sendable {
    var title: String
    var status: String
    /// Part2 items both sides confirmed, of those answered.
    var agreed: Int
    var answered: Int
    var openHigh: Int
    var openMedium: Int
    var openLow: Int
  }
  struct Accepted: Encodable, Sendable {
    var subject: String
    var risk: String
    var until: String
    var signedBy: String
  }
  struct VendorBlock: Encodable, Sendable {
    var vendor: String
    var contracts: [ContractLine]
    var accepted: [Accepted]
    var hasAccepted: Bool
    var openTotal: Int
    var agreedTotal: Int
  }

  var organisation: String
  var date: String
  var vendors: [VendorBlock]
  /// Acceptances not tied to any contract (kept apart so nothing is hidden).
  var otherAccepted: [Accepted]
  var hasOther: Bool

  static let title = "情報セキュリティの責任分界 理事会向け要約"

  static func build(
    organisation: String, today: String, rows: [DashboardQuery.Row], acceptances: [RiskAcceptance],
    contracts: [UUID: (title: String, vendor: String)]
  ) -> BoardSummary {
    let valid = acceptances.filter { $0.status(today: today) == .signed }.sorted {
      $0.expiresOn < $1.expiresOn
    }
    func accepted(_ a: RiskAcceptance) -> Accepted {
      Accepted(subject: a.subjectTitle, risk: a.risk, until: a.expiresOn, signedBy: a.signedByName ?? "")
    }
    var vendorNames = Array(Set(rows.map(\.vendor))).sorted()
    for a in valid {
      if let c = a.contractID, let v = contracts[c]?.vendor, !vendorNames.contains(v) {
        vendorNames.append(v)
      }
    }
    let blocks = vendorNames.map { v -> VendorBlock in
      let lines = rows.filter { $0.vendor == v }.sorted { $0.title < $1.title }.map { r in
        ContractLine(
          title: r.title, status: ContractStatus(rawValue: r.status)?.label ?? r.status, agreed: r.agreed,
          answered: r.answered, openHigh: r.openHigh, openMedium: r.openMedium, openLow: r.openLow)
      }
      let mine = valid.filter { a in a.contractID.flatMap { contracts[$0]?.vendor } == v }.map(accepted)
      return VendorBlock(
        vendor: v, contracts: lines, accepted: mine, hasAccepted: !mine.isEmpty,
        openTotal: lines.reduce(0) { $0 + $1.openHigh + $1.openMedium + $1.openLow },
        agreedTotal: lines.reduce(0) { $0 + $1.agreed })
    }
    let other = valid.filter { a in a.contractID.flatMap { contracts[$0] } == nil }.map(accepted)
    return BoardSummary(
      organisation: organisation, date: today, vendors: blocks, otherAccepted: other, hasOther: !other.isEmpty
    )
  }

  /// The summary as a one-page Word document (landscape, like the annex).
  func docx() throws -> Data {
    var w = DocxWriter(title: Self.title, orientation: .landscape)
    w.heading(Self.title, level: 0)
    w.paragraph("\(organisation)　\(date) 現在", alignRight: true)
    w.paragraph("事業者ごとに、確認表 Part2 で双方が合意した項目、未対応の指摘、経営層が受容したリスクとその期限をまとめています。")
    for v in vendors {
      w.heading(v.vendor, level: 2)
      w.table(
        header: ["契約", "状態", "合意済み（Part2）", "未対応の指摘（高・中・低）"],
        rows: v.contracts.map {
          [
            $0.title, $0.status, "\($0.agreed) / 回答 \($0.answered) 項目",
            "\($0.openHigh)・\($0.openMedium)・\($0.openLow)",
          ]
        }, widths: [8, 3, 4, 5], fontSize: 18)
      if v.hasAccepted {
        w.table(
          header: ["受容したリスク", "内容", "期限", "署名"],
          rows: v.accepted.map { [$0.subject, $0.risk, $0.until, $0.signedBy] }, widths: [6, 8, 3, 3],
          fontSize: 18)
      } else {
        w.paragraph("受容したリスク: なし")
      }
    }
    if hasOther {
      w.heading("契約に結び付かない受容", level: 2)
      w.table(
        header: ["受容したリスク", "内容", "期限", "署名"],
        rows: otherAccepted.map { [$0.subject, $0.risk, $0.until, $0.signedBy] }, widths: [6, 8, 3, 3],
        fontSize: 18)
    }
    return try w.data()
  }
}
