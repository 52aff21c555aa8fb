import Fluent
import SQLKit
import Vapor

/// Every contract with its open findings by severity, checklist progress and next dates.
struct DashboardController {
  struct Row {
    var link: String
    var title: String
    var vendor: String
    var kind: String
    var status: String
    var high: Int
    var medium: Int
    var low: Int
    var reviewed: Bool
    var checklistLink: String
    var answered: Int
    var yesCount: Int
    var noWithoutDate: Int
    var endDate: String
    var noticeDeadline: String
    var autoRenewal: Bool

    var html: String {
      let e = HTML.escape
      let findings =
        reviewed
        ? "<span class=\"badge sev-high\">高 \(high)</span> <span class=\"badge sev-medium\">中 \(medium)</span> "
          + "<span class=\"badge sev-low\">低 \(low)</span>"
        : "<small>未照合</small>"
      return
        "<tr><td><a href=\"\(e(link))\">\(e(title))</a><br><small>\(e(status))</small></td><td>\(e(vendor))</td>"
        + "<td>\(e(kind))</td><td>\(findings)</td>"
        + "<td><a href=\"\(e(checklistLink))\">\(answered) / \(yesCount) / \(noWithoutDate)</a></td>"
        + "<td>\(e(endDate))\(autoRenewal ? " <small>自動更新</small>" : "")</td><td>\(e(noticeDeadline))</td></tr>"
    }
  }
  struct DateRow: Encodable {
    var date: String
    var what: String
    var contract: String
    var link: String
  }
  struct Context: Encodable {
    var page: Page
    /// The table's rows, escaped (see HTML).
    var rowsHTML: String
    var dates: [DateRow]
    var totalHigh: Int
    var totalOpen: Int
    var contractCount: Int
    var vendorCount: Int
    var contractsLink: String
    var vendorsLink: String
  }

  struct Progress: Decodable {
    var contract_id: UUID
    var answered: Int
    var yes: Int
    var open_no: Int
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(use: dashboard)
  }

  /// The columns of a contract the dashboard shows, read column by column: Fluent's per-row
  /// reflection and Codable's keyed containers dominated the page at 200 contracts.
  struct ContractRow {
    var id: UUID
    var title: String
    var vendor_id: UUID
    var kind: String
    var status: String
    var end_date: String?
    var notice_deadline: String?
    var auto_renewal: Bool
    var open_high: Int
    var open_medium: Int
    var open_low: Int
    var latest_review_id: UUID?

    init(_ row: any SQLRow) throws {
      id = try row.decode(column: "id", as: UUID.self)
      title = try row.decode(column: "title", as: String.self)
      vendor_id = try row.decode(column: "vendor_id", as: UUID.self)
      kind = try row.decode(column: "kind", as: String.self)
      status = try row.decode(column: "status", as: String.self)
      end_date = try row.decode(column: "end_date", as: String?.self)
      notice_deadline = try row.decode(column: "notice_deadline", as: String?.self)
      auto_renewal = try row.decode(column: "auto_renewal", as: Bool.self)
      open_high = try row.decode(column: "open_high", as: Int.self)
      open_medium = try row.decode(column: "open_medium", as: Int.self)
      open_low = try row.decode(column: "open_low", as: Int.self)
      latest_review_id = try row.decode(column: "latest_review_id", as: UUID?.self)
    }
  }

  func dashboard(req: Request) async throws -> View {
    let actor = try req.actor
    let sql = req.db as! any SQLDatabase
    let contracts = try await sql.raw(
      """
      SELECT id, title, vendor_id, kind, status, end_date, notice_deadline, auto_renewal, open_high, open_medium,
        open_low, latest_review_id
      FROM contracts WHERE organisation_id = \(bind: actor.orgID) ORDER BY open_high DESC, title
      """
    ).all().map(ContractRow.init)
    let vendors = try await ContractController.vendorNames(req, org: actor.orgID)
    // One grouped query for the checklist progress of every contract.
    let progress = try await sql.raw(
      """
      SELECT contract_id,
        SUM(CASE WHEN initial <> 'unanswered' THEN 1 ELSE 0 END) AS answered,
        SUM(CASE WHEN initial = 'yes' THEN 1 ELSE 0 END) AS yes,
        SUM(CASE WHEN initial = 'no' AND completed_on IS NULL THEN 1 ELSE 0 END) AS open_no
      FROM checklist_answers WHERE organisation_id = \(bind: actor.orgID) AND contract_id IS NOT NULL
      GROUP BY contract_id
      """
    ).all(decoding: Progress.self)
    let byContract = Dictionary(progress.map { ($0.contract_id, $0) }, uniquingKeysWith: { a, _ in a })
    let rows = contracts.map { c in
      let p = byContract[c.id]
      return Row(
        link: Paths.contract(c.id), title: c.title, vendor: vendors[c.vendor_id] ?? "",
        kind: ContractKindOption(rawValue: c.kind)?.label ?? c.kind,
        status: ContractStatus(rawValue: c.status)?.label ?? c.status,
        high: c.open_high, medium: c.open_medium, low: c.open_low, reviewed: c.latest_review_id != nil,
        checklistLink: Paths.checklist(c.id), answered: p?.answered ?? 0, yesCount: p?.yes ?? 0,
        noWithoutDate: p?.open_no ?? 0, endDate: c.end_date ?? "", noticeDeadline: c.notice_deadline ?? "",
        autoRenewal: c.auto_renewal)
    }
    let today = Self.today()
    var dates: [DateRow] = []
    for c in contracts where c.status != ContractStatus.ended.rawValue {
      if let d = c.notice_deadline, d >= today {
        dates.append(DateRow(date: d, what: "解約・変更の通知期限", contract: c.title, link: Paths.contract(c.id)))
      }
      if let d = c.end_date, d >= today {
        dates.append(
          DateRow(
            date: d, what: c.auto_renewal ? "契約期間の満了（自動更新）" : "契約期間の満了", contract: c.title,
            link: Paths.contract(c.id)))
      }
    }
    dates.sort { $0.date < $1.date }
    return try await req.render(
      "dashboard",
      Context(
        page: req.page("ダッシュボード", nav: "home"), rowsHTML: rows.map(\.html).joined(separator: "\n"),
        dates: Array(dates.prefix(20)), totalHigh: rows.reduce(0) { $0 + $1.high },
        totalOpen: rows.reduce(0) { $0 + $1.high + $1.medium + $1.low }, contractCount: rows.count,
        vendorCount: vendors.count, contractsLink: Paths.contracts, vendorsLink: Paths.vendors))
  }

  static func today() -> String {
    let f = DateFormatter()
    f.timeZone = TimeZone(identifier: "Asia/Tokyo")
    f.dateFormat = "yyyy-MM-dd"
    f.locale = Locale(identifier: "en_US_POSIX")
    return f.string(from: Date())
  }
}
