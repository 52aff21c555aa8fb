import BunkaiFormats
import Fluent
import NIOConcurrencyHelpers
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
      let e = HTMLText.escape
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
  struct DateRow: Sendable {
    var date: String
    var what: String
    var contract: String
    var link: String

    var html: String {
      let e = HTMLText.escape
      return "<li><strong>\(e(date))</strong> \(e(what)): <a href=\"\(e(link))\">\(e(contract))</a></li>"
    }
  }
  struct Context: Encodable {
    var page: Page
    /// The table's rows, escaped (see HTMLText).
    var rowsHTML: String
    /// The coming dates as list items, escaped (see HTMLText).
    var datesHTML: String
    var totalHigh: Int
    var totalOpen: Int
    var contractCount: Int
    var vendorCount: Int
    var contractsLink: String
    var vendorsLink: String
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get { page(req: $0) }
  }

  /// One contract's line, read column by column as strings and integers: Fluent's per-row
  /// reflection, Codable's keyed containers and UUID parsing dominated the page at 200 contracts.
  struct ContractRow {
    var id: String
    var title: String
    var vendor: String
    var kind: String
    var status: String
    var endDate: String?
    var noticeDeadline: String?
    var autoRenewal: Bool
    var high: Int
    var medium: Int
    var low: Int
    var reviewed: Bool
    var answered: Int
    var yes: Int
    var openNo: Int

    init(_ row: any SQLRow) throws {
      id = try row.decode(column: "id", as: String.self)
      title = try row.decode(column: "title", as: String.self)
      vendor = try row.decode(column: "vendor", as: String.self)
      kind = try row.decode(column: "kind", as: String.self)
      status = try row.decode(column: "status", as: String.self)
      endDate = try row.decode(column: "end_date", as: String?.self)
      noticeDeadline = try row.decode(column: "notice_deadline", as: String?.self)
      autoRenewal = try row.decode(column: "auto_renewal", as: Bool.self)
      high = try row.decode(column: "open_high", as: Int.self)
      medium = try row.decode(column: "open_medium", as: Int.self)
      low = try row.decode(column: "open_low", as: Int.self)
      reviewed = try row.decode(column: "reviewed", as: Int.self) != 0
      answered = try row.decode(column: "answered", as: Int.self)
      yes = try row.decode(column: "yes", as: Int.self)
      openNo = try row.decode(column: "open_no", as: Int.self)
    }
  }

  /// Every contract with its vendor and checklist progress in one query; ids come as text so no
  /// UUID is parsed or printed per row.
  static func contractRows(_ sql: any SQLDatabase, org: UUID) async throws -> [ContractRow] {
    try await sql.raw(
      """
      SELECT CAST(c.id AS TEXT) AS id, c.title, v.name AS vendor, c.kind, c.status, c.end_date, c.notice_deadline,
        c.auto_renewal, c.open_high, c.open_medium, c.open_low,
        CASE WHEN c.latest_review_id IS NULL THEN 0 ELSE 1 END AS reviewed,
        COALESCE(p.answered, 0) AS answered, COALESCE(p.yes, 0) AS yes, COALESCE(p.open_no, 0) AS open_no
      FROM contracts c
      JOIN vendors v ON v.id = c.vendor_id
      LEFT JOIN (
        SELECT contract_id,
          SUM(CASE WHEN initial <> 'unanswered' THEN 1 ELSE 0 END) AS answered,
          SUM(CASE WHEN initial = 'yes' THEN 1 ELSE 0 END) AS yes,
          SUM(CASE WHEN initial = 'no' AND completed_on IS NULL THEN 1 ELSE 0 END) AS open_no
        FROM checklist_answers WHERE organisation_id = \(bind: org) AND contract_id IS NOT NULL
        GROUP BY contract_id
      ) p ON p.contract_id = c.id
      WHERE c.organisation_id = \(bind: org) ORDER BY c.open_high DESC, c.title
      """
    ).all().map(ContractRow.init)
  }

  /// What the dashboard shows of an organisation's data, before the per-user layout.
  struct Summary: Sendable {
    var rowsHTML: String
    var datesHTML: String
    var totalHigh: Int
    var totalOpen: Int
    var contractCount: Int
    var vendorCount: Int
  }

  /// From memory on the event loop when the organisation has not changed since this instance
  /// built the summary (no hop to the task executor); otherwise `dashboard` reads it.
  func page(req: Request) -> EventLoopFuture<View> {
    do {
      let actor = try req.actor
      if let revision = req.storage[OrganisationRevision.self],
        let summary = req.application.dashboardCache.get(actor.orgID, revision: revision, day: Self.today()),
        let page = req.pageNow("ダッシュボード", nav: "home")
      {
        return req.view.render("dashboard", Self.context(page, summary))
      }
    } catch {
      return req.eventLoop.makeFailedFuture(error)
    }
    return req.eventLoop.makeFutureWithTask { try await dashboard(req: req) }
  }

  static func context(_ page: Page, _ summary: Summary) -> Context {
    Context(
      page: page, rowsHTML: summary.rowsHTML, datesHTML: summary.datesHTML, totalHigh: summary.totalHigh,
      totalOpen: summary.totalOpen, contractCount: summary.contractCount, vendorCount: summary.vendorCount,
      contractsLink: Paths.contracts, vendorsLink: Paths.vendors)
  }

  func dashboard(req: Request) async throws -> View {
    let actor = try req.actor
    let today = Self.today()
    let summary: Summary
    // The organisation's revision came with the signed-in user: an unchanged organisation on the
    // same day has the same summary, on any app instance.
    let revision = req.storage[OrganisationRevision.self]
    if let revision, let hit = req.application.dashboardCache.get(actor.orgID, revision: revision, day: today)
    {
      summary = hit
    } else {
      summary = try await Self.summary(req, org: actor.orgID, today: today)
      if let revision {
        req.application.dashboardCache.set(actor.orgID, revision: revision, day: today, summary)
      }
    }
    return try await req.render(
      "dashboard", Self.context(try await req.page("ダッシュボード", nav: "home"), summary))
  }

  static func summary(_ req: Request, org: UUID, today: String) async throws -> Summary {
    let sql = req.db as! any SQLDatabase
    let contracts = try await Self.contractRows(sql, org: org)
    let vendorCount = try await Vendor.query(on: req.db).filter(\.$organisationID == org).count()
    let rows = contracts.map { c in
      Row(
        link: Paths.contract(c.id), title: c.title, vendor: c.vendor,
        kind: ContractKindOption(rawValue: c.kind)?.label ?? c.kind,
        status: ContractStatus(rawValue: c.status)?.label ?? c.status,
        high: c.high, medium: c.medium, low: c.low, reviewed: c.reviewed,
        checklistLink: Paths.checklist(c.id), answered: c.answered, yesCount: c.yes,
        noWithoutDate: c.openNo, endDate: c.endDate ?? "", noticeDeadline: c.noticeDeadline ?? "",
        autoRenewal: c.autoRenewal)
    }
    var dates: [DateRow] = []
    for c in contracts where c.status != ContractStatus.ended.rawValue {
      if let d = c.noticeDeadline, d >= today {
        dates.append(DateRow(date: d, what: "解約・変更の通知期限", contract: c.title, link: Paths.contract(c.id)))
      }
      if let d = c.endDate, d >= today {
        dates.append(
          DateRow(
            date: d, what: c.autoRenewal ? "契約期間の満了（自動更新）" : "契約期間の満了", contract: c.title,
            link: Paths.contract(c.id)))
      }
    }
    dates.sort { $0.date < $1.date }
    return Summary(
      rowsHTML: rows.map(\.html).joined(separator: "\n"),
      datesHTML: dates.prefix(20).map(\.html).joined(separator: "\n"),
      totalHigh: rows.reduce(0) { $0 + $1.high },
      totalOpen: rows.reduce(0) { $0 + $1.high + $1.medium + $1.low },
      contractCount: rows.count, vendorCount: vendorCount)
  }

  static func today() -> String { JapanTime.today() }
}

/// The dashboard summary per organisation, for the revision and day it was built on.
final class DashboardCache: Sendable {
  private struct Entry {
    var revision: Int
    var day: String
    var summary: DashboardController.Summary
  }
  private let entries = NIOLockedValueBox<[UUID: Entry]>([:])

  func get(_ org: UUID, revision: Int, day: String) -> DashboardController.Summary? {
    entries.withLockedValue { e in
      guard let hit = e[org], hit.revision == revision, hit.day == day else { return nil }
      return hit.summary
    }
  }

  func set(_ org: UUID, revision: Int, day: String, _ summary: DashboardController.Summary) {
    entries.withLockedValue { e in
      // Keep the newest: a slower request that read older data must not replace it.
      if let old = e[org], old.revision > revision { return }
      e[org] = Entry(revision: revision, day: day, summary: summary)
    }
  }
}

struct DashboardCacheKey: StorageKey {
  typealias Value = DashboardCache
}

extension Application {
  /// Set once in `configure`, before any request.
  var dashboardCache: DashboardCache {
    get { storage[DashboardCacheKey.self]! }
    set { storage[DashboardCacheKey.self] = newValue }
  }
}
