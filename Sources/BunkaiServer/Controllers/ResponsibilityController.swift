import BunkaiCore
import BunkaiFormats
import Vapor

/// 責任分界マップ: systems × Part2 items, who holds each duty across every vendor's contract, and
/// the flags to act on. Read by `ResponsibilityQuery`, derived by `ResponsibilityMap`; the heat map
/// (SVG) and the flag list are rendered by `responsibilities-map.leaf` once per change of the
/// organisation's data and kept in the page cache, and shown by `responsibilities.leaf`.
package struct ResponsibilityController {
  static let cellWidth = 30
  static let rowHeight = 26
  static let labelWidth = 170
  static let headerHeight = 44

  struct LegendView: Encodable, Sendable {
    var state: String
    var label: String
    var mark: String
    var meaning: String
    var count: Int
  }
  struct ColumnView: Encodable, Sendable {
    var x: Int
    var label: String
    var title: String
    /// The first item of a section gets a separating line, at `lineX`.
    var sectionStart: Bool
    var lineX: Int
    var lineEnd: Int
  }
  struct CellView: Encodable, Sendable {
    var x: Int
    var y: Int
    var textX: Int
    var textY: Int
    var state: String
    var mark: String
    var title: String
    var link: String
  }
  struct RowView: Encodable, Sendable {
    var y: Int
    var textY: Int
    var name: String
    var shortName: String
    var cells: [CellView]
  }
  struct LinkView: Encodable, Sendable {
    var href: String
    var label: String
  }
  struct FlagView: Encodable, Sendable {
    var severity: String
    var severityLabel: String
    var kind: String
    var kindLabel: String
    var system: String
    var item: String
    var message: String
    var nextStep: String
    var links: [LinkView]
  }
  /// `responsibilities-map.leaf`.
  package struct MapContext: Encodable, Sendable {
    var width: Int
    var height: Int
    var cellWidth: Int
    var cellHeight: Int
    var labelWidth: Int
    var description: String
    var columns: [ColumnView]
    var rows: [RowView]
    var legend: [LegendView]
    var flags: [FlagView]
    /// Flags left off the page (the export and the API have them all).
    var moreFlags: Int
    var xlsxLink: String
    var systemsLink: String
    var contractsLink: String
  }
  /// What the page shows, the same for every user of the organisation until its next change.
  struct Summary: Sendable {
    var systemCount: Int
    var itemCount: Int
    var flagCount: Int
    var highCount: Int
    var legend: [LegendView]
    var mapHTML: String
  }
  /// `responsibilities.leaf`.
  struct Context: Encodable {
    var page: Page
    var systemCount: Int
    var itemCount: Int
    var flagCount: Int
    var highCount: Int
    var legend: [LegendView]
    var mapHTML: String
    var xlsxLink: String
  }

  static let cacheKey = "responsibilities-page"
  /// The page lists the most severe flags up to this many; a list longer than that is read in the
  /// export, which has them all.
  static let flagsShown = 200

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.responsibilities, use: page)
    routes.get(SiteRoute.responsibilitiesXlsx, use: xlsx)
  }

  func page(req: Request) async throws -> View {
    let actor = try req.actor
    let summary = try await req.cachedPage(Self.cacheKey, org: actor.orgID) {
      let map = try await ResponsibilityQuery.map(req, org: actor.orgID)
      let context = Self.mapContext(map)
      let html = try await req.view.render("responsibilities-map", context)
      return Summary(
        systemCount: map.systems.count, itemCount: map.items.count, flagCount: map.flags.count,
        highCount: map.flags.filter { $0.severity == .high }.count, legend: context.legend,
        mapHTML: String(buffer: html.data))
    }
    return try await req.render(
      "responsibilities",
      Context(
        page: try await req.page("責任分界マップ", nav: "responsibilities"), systemCount: summary.systemCount,
        itemCount: summary.itemCount, flagCount: summary.flagCount, highCount: summary.highCount,
        legend: summary.legend, mapHTML: summary.mapHTML, xlsxLink: Paths.responsibilitiesXlsx))
  }

  func xlsx(req: Request) async throws -> Response {
    let actor = try req.actor
    let map = try await ResponsibilityQuery.map(req, org: actor.orgID)
    let org = try await Organisation.find(actor.orgID, on: req.db)
    let today = JapanTime.today()
    let data = try ResponsibilityMapXlsx.render(map, organisation: org?.name ?? "", generatedOn: today)
    return Downloads.file(
      data, filename: "責任分界マップ_\(today).xlsx", type: Attachments.contentType("xlsx"))
  }

  package static func mapContext(_ map: ResponsibilityMap.Result) -> MapContext {
    let itemCount = map.items.count
    let height = headerHeight + map.systems.count * rowHeight + 2
    var previousSection = ""
    let columns = map.items.enumerated().map { n, item -> ColumnView in
      defer { previousSection = item.section }
      return ColumnView(
        x: labelWidth + n * cellWidth + cellWidth / 2,
        label: item.id.hasPrefix("P2-") ? String(item.id.dropFirst(3)) : item.id,
        title: "\(item.id) \(item.title)", sectionStart: n > 0 && item.section != previousSection,
        lineX: labelWidth + n * cellWidth, lineEnd: height)
    }
    let systemNames = Dictionary(map.systems.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let items = Dictionary(map.items.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    var rows: [RowView] = []
    for (r, system) in map.systems.enumerated() {
      let y = headerHeight + r * rowHeight
      let slice = map.cells[(r * itemCount)..<((r + 1) * itemCount)]
      let cells = slice.enumerated().map { n, cell -> CellView in
        let x = labelWidth + n * cellWidth
        var title =
          "\(system.name) × \(cell.itemId) \(items[cell.itemId] ?? ""): \(cell.states.map(\.label).joined(separator: "・"))"
        let who = ResponsibilityMapXlsx.holdersText(cell)
        if !who.isEmpty { title += "（\(who)）" }
        let link = cell.evidence.first.map {
          Paths.exchangeItem(UUID(uuidString: $0.contractId)!, cell.itemId)
        }
        return CellView(
          x: x + 1, y: y + 1, textX: x + cellWidth / 2, textY: y + rowHeight / 2 + 5,
          state: cell.state.rawValue,
          mark: cell.state.mark, title: title, link: link ?? Paths.contracts)
      }
      let short = system.name.count > 11 ? String(system.name.prefix(10)) + "…" : system.name
      rows.append(
        RowView(y: y, textY: y + rowHeight / 2 + 5, name: system.name, shortName: short, cells: cells))
    }
    let legend = ResponsibilityMap.State.allCases.map {
      LegendView(
        state: $0.rawValue, label: $0.label, mark: $0.mark, meaning: ResponsibilityMapXlsx.meaning($0),
        count: map.count($0))
    }
    let counts = legend.filter { $0.count > 0 }.map { "\($0.label) \($0.count)" }.joined(separator: "、")
    let description =
      "\(map.systems.count)のシステムと確認表 Part2 の\(itemCount)項目の表。各マスの記号が状態を表します（"
      + legend.map { "\($0.mark) \($0.label)" }.joined(separator: "、") + "）。"
      + (counts.isEmpty ? "" : "内訳: \(counts)。") + "要対応の一覧に同じ内容を文章で示しています。"
    var contractTitles: [String: String] = [:]
    for cell in map.cells { for e in cell.evidence { contractTitles[e.contractId] = e.contractTitle } }
    let groups = ResponsibilityMap.grouped(map.flags, systems: map.systems, items: map.items)
    let flags = groups.prefix(Self.flagsShown).map { f -> FlagView in
      var links: [LinkView] = []
      for id in f.contractIds.compactMap(UUID.init(uuidString:)) {
        let title = contractTitles[id.uuidString]
        let name = title.map { "「\($0)」" } ?? "契約"
        if f.kind == .conflict || f.itemIds.isEmpty {
          links.append(LinkView(href: Paths.contract(id), label: title.map { "契約「\($0)」を開く" } ?? "契約を開く"))
        } else if f.itemIds.count == 1 {
          links.append(
            LinkView(href: Paths.exchangeItem(id, f.itemIds[0]), label: "\(name)の\(f.itemIds[0])を開く"))
        } else {
          links.append(LinkView(href: Paths.exchange(id), label: "\(name)の確認表 Part2 のやり取りを開く"))
        }
      }
      if let review = f.reviewId.flatMap(UUID.init(uuidString:)) {
        links.append(LinkView(href: Paths.review(review), label: "照合結果を開く"))
      }
      if f.itemIds.isEmpty && f.contractIds.isEmpty {
        links.append(LinkView(href: Paths.contracts, label: "契約の一覧を開く"))
      }
      let item =
        f.itemIds.count == 1
        ? "\(f.itemIds[0]) \(items[f.itemIds[0]] ?? "")"
        : f.itemIds.isEmpty ? "すべての項目" : "\(f.itemIds.count)項目"
      return FlagView(
        severity: f.severity.rawValue, severityLabel: f.severity.label, kind: f.kind.rawValue,
        kindLabel: f.kind.label, system: systemNames[f.systemId] ?? "", item: item, message: f.message,
        nextStep: f.nextStep, links: links)
    }
    return MapContext(
      width: labelWidth + itemCount * cellWidth + 2, height: height,
      cellWidth: cellWidth - 2, cellHeight: rowHeight - 2, labelWidth: labelWidth, description: description,
      columns: columns, rows: rows, legend: legend, flags: flags,
      moreFlags: max(0, groups.count - Self.flagsShown), xlsxLink: Paths.responsibilitiesXlsx,
      systemsLink: Paths.systems,
      contractsLink: Paths.contracts)
  }
}
