import BunkaiCore
import Fluent
import SQLKit
import Vapor

/// Every contract with its open findings by severity, checklist progress and next dates.
/// Read by `DashboardQuery`, kept in the page cache with its table rendered by
/// `dashboard-table.leaf`, shown by `dashboard.leaf`.
struct DashboardController {
  /// One contract's line as shown.
  struct RowView: Encodable, Sendable {
    var link: String
    var title: String
    var vendor: String
    var kind: String
    var status: String
    var reviewed: Bool
    var high: Int
    var medium: Int
    var low: Int
    var checklistLink: String
    var answered: Int
    var yes: Int
    var no: Int
    var openNo: Int
    var agreed: Int
    var endDate: String
    var noticeDeadline: String
    var autoRenewal: Bool
    /// Subcontractors in use without the institution's approval, and where to see them.
    var unapprovedSubcontractors: Int
    var lifeLink: String
  }
  struct DateView: Encodable, Sendable {
    var date: String
    var what: String
    var contract: String
    var link: String
  }
  /// What the dashboard shows of an organisation's data, the same for all its users on one day.
  struct Summary: Sendable {
    var rows: [RowView]
    var dates: [DateView]
    var totalHigh: Int
    var totalOpen: Int
    var vendorCount: Int
    /// Subcontractors in use without approval, over all contracts.
    var unapprovedSubcontractors = 0
    /// `dashboard-table.leaf` rendered for these rows and dates: Leaf's loop over 200 contracts
    /// was most of the page's cost, and its result changes only with the data.
    var tableHTML = ""
  }
  /// `dashboard-table.leaf`: the contract table and the coming dates.
  struct TableContext: Encodable {
    var rows: [RowView]
    var dates: [DateView]
    var contractCount: Int
    var contractsLink: String
    var vendorsLink: String
  }
  /// `dashboard.leaf`: the layout, the totals and the rendered table.
  struct Context: Encodable {
    var page: Page
    var totalHigh: Int
    var totalOpen: Int
    var contractCount: Int
    var vendorCount: Int
    var unapprovedSubcontractors: Int
    var tableHTML: String

    init(_ page: Page, _ s: Summary) {
      self.page = page
      totalHigh = s.totalHigh
      totalOpen = s.totalOpen
      contractCount = s.rows.count
      vendorCount = s.vendorCount
      unapprovedSubcontractors = s.unapprovedSubcontractors
      tableHTML = s.tableHTML
    }
  }

  static let cacheKey = "dashboard"

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.home) { page(req: $0) }
  }

  /// Put together on the event loop when the page cache has the summary (no hop to the task
  /// executor); otherwise `dashboard` reads it.
  func page(req: Request) -> EventLoopFuture<View> {
    do {
      let actor = try req.actor
      if let summary = req.cachedPage(Summary.self, Self.cacheKey, org: actor.orgID, day: Self.today()),
        let page = req.pageNow("ダッシュボード", nav: "home")
      {
        return req.view.render("dashboard", Context(page, summary))
      }
    } catch {
      return req.eventLoop.makeFailedFuture(error)
    }
    return req.eventLoop.makeFutureWithTask { try await dashboard(req: req) }
  }

  func dashboard(req: Request) async throws -> View {
    let actor = try req.actor
    let today = Self.today()
    let sql = req.db as! any SQLDatabase
    let summary = try await req.cachedPage(Self.cacheKey, org: actor.orgID, day: today) {
      // A risk acceptance that expired today reopens its finding before the counts are read.
      try await RiskAcceptances.refreshExpired(on: req.db, org: actor.orgID, today: today)
      let rows = try await DashboardQuery.rows(sql, org: actor.orgID, today: today)
      let vendors = try await DashboardQuery.vendorCount(sql, org: actor.orgID)
      var summary = Self.summary(rows, vendorCount: vendors, today: today)
      let table = try await req.view.render(
        "dashboard-table",
        TableContext(
          rows: summary.rows, dates: summary.dates, contractCount: summary.rows.count,
          contractsLink: Paths.contracts, vendorsLink: Paths.vendors))
      summary.tableHTML = String(buffer: table.data)
      return summary
    }
    return try await req.render("dashboard", Context(try await req.page("ダッシュボード", nav: "home"), summary))
  }

  static func summary(_ contracts: [DashboardQuery.Row], vendorCount: Int, today: String) -> Summary {
    let rows = contracts.map { c in
      RowView(
        link: Paths.contract(c.id), title: c.title, vendor: c.vendor,
        kind: ContractKindOption(rawValue: c.kind)?.label ?? c.kind,
        status: ContractStatus(rawValue: c.status)?.label ?? c.status, reviewed: c.reviewed != 0,
        high: c.openHigh, medium: c.openMedium, low: c.openLow, checklistLink: Paths.checklist(c.id),
        answered: c.answered, yes: c.yes, no: c.answered - c.yes, openNo: c.openNo, agreed: c.agreed,
        endDate: c.endDate ?? "", noticeDeadline: c.noticeDeadline ?? "", autoRenewal: c.autoRenewal,
        unapprovedSubcontractors: c.unapprovedSubcontractors,
        lifeLink: Paths.contractLife(c.id) + "#subcontractors")
    }
    var dates: [DateView] = []
    let first = ISODay(today)
    for c in contracts where c.status != ContractStatus.ended.rawValue {
      let days = ContractDays.of(
        endDate: c.endDate.flatMap(ISODay.init), autoRenewal: c.autoRenewal,
        noticeDeadline: c.noticeDeadline.flatMap(ISODay.init))
      for day in days where first.map({ day.due >= $0 }) ?? true {
        dates.append(
          DateView(date: day.due.description, what: day.label, contract: c.title, link: Paths.contract(c.id)))
      }
    }
    dates.sort { $0.date < $1.date }
    return Summary(
      rows: rows, dates: Array(dates.prefix(20)), totalHigh: rows.reduce(0) { $0 + $1.high },
      totalOpen: rows.reduce(0) { $0 + $1.high + $1.medium + $1.low }, vendorCount: vendorCount,
      unapprovedSubcontractors: rows.reduce(0) { $0 + $1.unapprovedSubcontractors })
  }

  static func today() -> String { JapanTime.today() }
}
