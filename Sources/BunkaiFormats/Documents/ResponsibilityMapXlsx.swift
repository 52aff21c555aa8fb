import BunkaiCore
import Foundation

/// The responsibility map as a workbook: the map itself (systems × Part2 items, each cell its
/// state in words and who holds it), the flags with their next steps, and every cell with what it
/// was derived from.
public enum ResponsibilityMapXlsx {
  public static func render(_ map: ResponsibilityMap.Result, organisation: String, generatedOn: String) throws
    -> Data
  {
    var x = XlsxWriter(title: "責任分界マップ（\(organisation)）")
    let systems = Dictionary(map.systems.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let items = Dictionary(map.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var grid: [[XlsxCell]] = []
    var row: [XlsxCell] = []
    for (n, cell) in map.cells.enumerated() {
      if n % max(map.items.count, 1) == 0 {
        if !row.isEmpty { grid.append(row) }
        row = [.text(systems[cell.systemId] ?? "")]
      }
      let who = holdersText(cell)
      row.append(.text(cell.state.mark + " " + cell.state.label + (who.isEmpty ? "" : "\n" + who)))
    }
    if !row.isEmpty { grid.append(row) }
    x.add(
      .init(
        name: "マップ", header: ["システム"] + map.items.map(\.id), rows: grid,
        widths: [22] + Array(repeating: 16, count: map.items.count)))
    let flags = map.flags.map { f -> [XlsxCell] in
      let item = f.itemId.flatMap { items[$0] }
      return [
        .text(f.severity.label), .text(f.kind.label), .text(systems[f.systemId] ?? ""),
        .text(f.itemId ?? "（すべて）"),
        .text(item?.title ?? ""), .text(f.message), .text(f.nextStep),
      ]
    }
    x.add(
      .init(
        name: "要対応", header: ["重要度", "種類", "システム", "項番", "項目", "内容", "次にすること"], rows: flags,
        widths: [8, 10, 20, 10, 24, 60, 60]))
    let details = map.cells.map { cell -> [XlsxCell] in
      let basis = cell.evidence.map { e -> String in
        var s = "\(e.vendorName)「\(e.contractTitle)」: "
        if let a = e.answer {
          s += ownerLabel(a.owner)
          if !a.agreed.isEmpty { s += "（\(a.agreed)）" }
          s += a.isAgreed ? " 双方確認済み" : a.confirmedAt != nil ? " 一方のみ確認" : " 未確認"
        } else {
          s += "未回答"
        }
        for f in e.findings { s += "\n  照合の指摘: \(f.title)（\(findingStatus(f))）" }
        return s
      }
      return [
        .text(systems[cell.systemId] ?? ""), .text(cell.itemId), .text(items[cell.itemId]?.title ?? ""),
        .text(cell.states.map(\.label).joined(separator: "・")), .text(holdersText(cell)),
        .text(basis.isEmpty ? "このシステムの利用中の契約でこの項目を扱うものはありません" : basis.joined(separator: "\n")),
      ]
    }
    x.add(
      .init(
        name: "明細", header: ["システム", "項番", "項目", "状態", "担う側", "根拠（契約と確認表の回答）"], rows: details,
        widths: [20, 10, 24, 16, 30, 80]))
    x.add(
      .init(
        name: "凡例", header: ["記号", "状態", "意味"],
        rows: ResponsibilityMap.State.allCases.map { [.text($0.mark), .text($0.label), .text(meaning($0))] }
          + [[], ["作成日", .date(generatedOn)], ["医療機関", .text(organisation)]],
        widths: [8, 12, 80]))
    return try x.data()
  }

  /// Who holds the cell, in words: 医療機関, and each vendor with its contract.
  public static func holdersText(_ cell: ResponsibilityMap.Cell) -> String {
    let titles = Dictionary(
      cell.evidence.map { ($0.contractId, ($0.vendorName, $0.contractTitle)) },
      uniquingKeysWith: { a, _ in a })
    var seen = Set<String>()
    return cell.holders.compactMap { h -> String? in
      let name =
        h.side == .institution
        ? "医療機関" : "\(titles[h.contractId]?.0 ?? "")（\(titles[h.contractId]?.1 ?? "")）"
      return seen.insert(name).inserted ? name : nil
    }.joined(separator: "、")
  }

  public static func meaning(_ s: ResponsibilityMap.State) -> String {
    switch s {
    case .covered: "医療機関または事業者が担うことになっている"
    case .gap: "誰も担っていない（責任の空白）"
    case .overlap: "複数の事業者が担うことになっている、または同じ事業者の合意内容が契約ごとに違う"
    case .conflict: "確認表では事業者が担うが、その契約書に該当する条項がない、または反対の定めがある"
    case .stale: "分担の確認が、契約書の現行版や変更より前のもの"
    case .notApplicable: "どの契約でも対象外"
    }
  }

  static func ownerLabel(_ o: ResponsibilityMap.Owner) -> String {
    switch o {
    case .unset: "担当未定"
    case .institution: "医療機関"
    case .vendor: "事業者"
    case .joint: "共同"
    case .notApplicable: "対象外"
    }
  }

  static func findingStatus(_ f: ResponsibilityMap.Finding) -> String {
    if !f.contradicted.isEmpty { return "反対の定め" }
    switch f.status {
    case "missing": return "条項なし"
    case "insufficient": return "不十分"
    default: return "要確認"
    }
  }
}
