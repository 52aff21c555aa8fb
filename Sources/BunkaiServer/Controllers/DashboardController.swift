import Fluent
import SQLKit
import Vapor

/// Every contract with its open findings by severity, checklist progress and next dates.
struct DashboardController {
  struct Row: Encodable {
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
  }
  struct DateRow: Encodable {
    var date: String
    var what: String
    var contract: String
    var link: String
  }
  struct Context: Encodable {
    var page: Page
    var rows: [Row]
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

  func dashboard(req: Request) async throws -> View {
    let actor = try req.actor
    let contracts = try await Contract.query(on: req.db).filter(\.$organisationID == actor.orgID)
      .sort(\.$openHigh, .descending).sort(\.$title).all()
    let vendors = try await ContractController.vendorNames(req, org: actor.orgID)
    // One grouped query for the checklist progress of every contract.
    let sql = req.db as! any SQLDatabase
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
      let p = byContract[c.id!]
      return Row(
        link: Paths.contract(c.id!), title: c.title, vendor: vendors[c.vendorID] ?? "", kind: c.kind.label,
        status: c.status.label, high: c.openHigh, medium: c.openMedium, low: c.openLow,
        reviewed: c.latestReviewID != nil,
        checklistLink: Paths.checklist(c.id!), answered: p?.answered ?? 0, yesCount: p?.yes ?? 0,
        noWithoutDate: p?.open_no ?? 0,
        endDate: c.endDate ?? "", noticeDeadline: c.noticeDeadline ?? "", autoRenewal: c.autoRenewal)
    }
    let today = Self.today()
    var dates: [DateRow] = []
    for c in contracts where c.status != .ended {
      if let d = c.noticeDeadline, d >= today {
        dates.append(DateRow(date: d, what: "解約・変更の通知期限", contract: c.title, link: Paths.contract(c.id!)))
      }
      if let d = c.endDate, d >= today {
        dates.append(
          DateRow(
            date: d, what: c.autoRenewal ? "契約期間の満了（自動更新）" : "契約期間の満了", contract: c.title,
            link: Paths.contract(c.id!)))
      }
    }
    dates.sort { $0.date < $1.date }
    return try await req.render(
      "dashboard",
      Context(
        page: req.page("ダッシュボード", nav: "home"), rows: rows, dates: Array(dates.prefix(20)),
        totalHigh: rows.reduce(0) { $0 + $1.high },
        totalOpen: rows.reduce(0) { $0 + $1.high + $1.medium + $1.low },
        contractCount: rows.count, vendorCount: vendors.count, contractsLink: Paths.contracts,
        vendorsLink: Paths.vendors))
  }

  static func today() -> String {
    let f = DateFormatter()
    f.timeZone = TimeZone(identifier: "Asia/Tokyo")
    f.dateFormat = "yyyy-MM-dd"
    f.locale = Locale(identifier: "en_US_POSIX")
    return f.string(from: Date())
  }
}
