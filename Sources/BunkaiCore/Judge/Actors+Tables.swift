/// Rows of a responsibility table (「| 5 | 利用者側対策の具体案の作成・提示と協議の進行 | △ | ○ |」
/// under 「| 項番 | 事項 | 委託者 | 受託者 |」): who leads a row's matter is the party whose column
/// holds its main mark, not a word in the row. The matching view has no blanks or line breaks, so
/// rows meet as 「…|」「|…」 and a row is read from one bar pair to the next.
extension Actors {
  typealias TableHeader = (start: Int, columns: [Int: PartyRole])

  /// 「|」 (and 「｜」 folded to it), 「│」, 「┃」: compared directly, as this runs over every scalar.
  @inline(__always) static func isBar(_ c: UInt32) -> Bool { c == 0x7C || c == 0x2502 || c == 0x2503 }
  /// ◎ is the main role; ○ leads where the other side has only △ or nothing.
  static let mainMark = Normalizer.fold("◎")[0]
  static let roleMark = Normalizer.fold("○")[0]
  /// How far back a row looks for its table's header.
  static let headerReach = 20_000

  /// The cells of the row that starts at `start` (a bar) and its end (after its closing bar).
  func row(at start: Int, limit: Int) -> (cells: [Range<Int>], end: Int)? {
    guard start < limit, Self.isBar(text[start]) else { return nil }
    var cells: [Range<Int>] = []
    var from = start + 1
    var i = start + 1
    while i < limit {
      if Self.isBar(text[i]) {
        cells.append(from..<i)
        // A row's closing bar meets the next row's opening one.
        if i + 1 >= limit || Self.isBar(text[i + 1]) { return (cells, i + 1) }
        from = i + 1
      }
      i += 1
    }
    return cells.count >= 3 ? (cells, limit) : nil
  }

  /// The party a cell names and nothing else (a header cell 「委託者」「乙」).
  func partyCell(_ c: Range<Int>) -> PartyRole? {
    guard let l = label(at: c.lowerBound, limit: c.upperBound), l.text.count == c.count else { return nil }
    return l.role
  }

  /// Every header row of the document (a row whose cells name both parties), found once per
  /// review: a row read from a cell bar in its middle ends where the row read from its start does,
  /// and only the earliest start of a row counts (its cells are the columns).
  func findTableHeaders() -> [TableHeader] {
    var out: [TableHeader] = []
    var lastEnd = -1
    for i in text.indices where Self.isBar(text[i]) {
      guard let r = row(at: i, limit: min(text.count, i + 2_000)) else { continue }
      if r.end == lastEnd { continue }
      lastEnd = r.end
      var found: [Int: PartyRole] = [:]
      for (k, c) in r.cells.enumerated() { if let role = partyCell(c) { found[k] = role } }
      if Set(found.values).count == 2 { out.append((i, found)) }
    }
    return out
  }

  /// The leader of the table row `r`, from the marks under the party columns of the nearest header
  /// row above it.
  func tableRowLeader(_ r: Range<Int>) -> PartyRole? {
    guard !tableHeaders.isEmpty, let here = row(at: r.lowerBound, limit: r.upperBound),
      let header = tableHeaders.last(where: {
        $0.start < r.lowerBound && r.lowerBound - $0.start <= Self.headerReach
      })
    else { return nil }
    let marks = header.columns.map { k, role -> (role: PartyRole, main: Bool, mark: Bool) in
      guard here.cells.indices.contains(k) else { return (role, false, false) }
      let cell = text[here.cells[k]]
      return (role, cell.contains(Self.mainMark), cell.contains(Self.roleMark))
    }
    let main = Set(marks.filter(\.main).map(\.role))
    if main.count == 1 { return main.first }
    let marked = Set(marks.filter(\.mark).map(\.role))
    return main.isEmpty && marked.count == 1 ? marked.first : nil
  }
}

extension Actors {
  static let assignedWords = folded(["担当", "担当者", "実施者", "主担当"])
  static let colons = Set(Normalizer.fold(":：") + Normalizer.fold("="))

  /// 「・…の情報セキュリティ対策の協議：担当　乙（議題を用意して主導）」: a line of a flattened table names
  /// its doer after the task, behind 「担当」 (and a colon, if any).
  func assignedParty(in r: Range<Int>) -> PartyRole? {
    var i = r.lowerBound
    while i < r.upperBound {
      defer { i += 1 }
      guard let w = Self.assignedWords.first(where: { has($0, at: i, limit: r.upperBound) }) else { continue }
      var j = i + w.count
      if j < r.upperBound, Self.colons.contains(text[j]) { j += 1 }
      // 「担当者は」 is the subject of its own clause, not a column.
      guard j > i + w.count || (i > r.lowerBound && Self.colons.contains(text[i - 1])),
        let l = label(at: j, limit: r.upperBound)
      else { continue }
      return l.role
    }
    return nil
  }
}
