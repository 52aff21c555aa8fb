import BunkaiCore
import Foundation

/// Reads the cell values of every sheet of an .xlsx, as rows of strings.
public enum XlsxReader {
  public struct Sheet: Sendable {
    public var name: String
    public var rows: [[String]]
  }

  /// Excel's own grid: 1,048,576 rows and 16,384 columns (A…XFD).
  static let maxRow = 1_048_576
  static let maxColumn = 16_384

  public static func read(_ data: Data, path: String, limits: InputLimits = InputLimits()) throws(InputError)
    -> [Sheet]
  {
    var zip = try LimitedZip(data: data, path: path, limits: limits)
    guard let workbook = try zip.read("xl/workbook.xml") else {
      throw InputError(path, .corruptDocx, "xl/workbook.xml がありません（Excel の .xlsx ではないか、壊れています）")
    }
    let shared =
      try zip.read("xl/sharedStrings.xml").map { d throws(InputError) in
        try sharedStrings(d, path: path, limits: limits)
      } ?? []
    let rels =
      try zip.read("xl/_rels/workbook.xml.rels").map { d throws(InputError) in
        try relationships(d, path: path)
      } ?? [:]
    var sheets: [Sheet] = []
    for (name, rid) in try sheetList(workbook, path: path) {
      guard var target = rels[rid] else { continue }
      if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
      guard let xml = try zip.read(target) else { continue }
      sheets.append(
        Sheet(name: name, rows: try cells(xml, shared: shared, sheet: name, path: path, limits: limits)))
    }
    return sheets
  }

  /// The rows of one worksheet part with the shared strings part (also the entry point of the
  /// fuzzing harness, which skips the zip layer).
  @_spi(Fuzzing) public static func rows(
    sheet: Data, sharedStrings: Data?, path: String, limits: InputLimits = InputLimits()
  ) throws(InputError) -> [[String]] {
    let shared =
      try sharedStrings.map { d throws(InputError) in try Self.sharedStrings(d, path: path, limits: limits) }
      ?? []
    return try cells(sheet, shared: shared, sheet: "Sheet1", path: path, limits: limits)
  }

  /// Collects text inside chosen elements of the SpreadsheetML namespace, skipping furigana
  /// (rPh: the reading Japanese Excel stores after the text, "項目" + "コウモク") and the second
  /// branch of mc:AlternateContent.
  final class Collector: XMLEventHandler {
    var onStart: (String, [XMLEvents.Attribute]) -> Void = { _, _ in }
    var onEnd: (String, String) -> Void = { _, _ in }
    var text = ""
    var phonetic = 0
    var alternates = AlternateContentFilter()
    var stop: InputError?
    var shouldContinue: Bool { stop == nil }

    func start(_ ns: String, _ name: String, _ a: [XMLEvents.Attribute]) {
      if alternates.start(ns, name) { return }
      if name == "rPh", OOXMLNamespace.sheet.contains(ns) { phonetic += 1 }
      text = ""
      onStart(name, a)
    }
    func text(_ string: String) {
      if phonetic == 0, alternates.skipping == 0 { text += string }
    }
    func end(_ ns: String, _ name: String) {
      if alternates.end(ns, name) { return }
      if name == "rPh", OOXMLNamespace.sheet.contains(ns) {
        phonetic -= 1
        return
      }
      if phonetic == 0 { onEnd(name, text) }
    }
  }

  static func parse(_ data: Data, _ c: Collector, part: String, path: String) throws(InputError) {
    do throws(XMLEvents.Failure) {
      try XMLEvents.parse(data, c)
    } catch {
      throw InputError(path, .corruptDocx, "\(part) の XML が壊れています（\(error.line) 行目付近: \(error.reason)）")
    }
    if let stop = c.stop { throw stop }
  }

  static func sharedStrings(_ data: Data, path: String, limits: InputLimits) throws(InputError) -> [String] {
    var out: [String] = []
    var current = ""
    let c = Collector()
    c.onStart = { name, _ in if name == "si" { current = "" } }
    // unowned: the closure is stored in the collector itself.
    c.onEnd = { [unowned c] name, text in
      if name == "t" { current += text }
      if name == "si" {
        out.append(current)
        if out.count > limits.maxSheetCells {
          c.stop = InputError(
            path, .tooLarge, "xl/sharedStrings.xml の文字列が多すぎます（上限 \(limits.maxSheetCells) 個）")
        }
      }
    }
    try parse(data, c, part: "xl/sharedStrings.xml", path: path)
    return out
  }

  static func relationships(_ data: Data, path: String) throws(InputError) -> [String: String] {
    var out: [String: String] = [:]
    let c = Collector()
    c.onStart = { name, a in
      if name == "Relationship", let id = a.value("", "Id"), let t = a.value("", "Target"), out[id] == nil {
        out[id] = t
      }
    }
    try parse(data, c, part: "xl/_rels/workbook.xml.rels", path: path)
    return out
  }

  static func sheetList(_ data: Data, path: String) throws(InputError) -> [(String, String)] {
    var out: [(String, String)] = []
    let c = Collector()
    c.onStart = { name, a in
      guard name == "sheet", let n = a.value("", "name") else { return }
      if let id = a.first(where: { $0.local == "id" && OOXMLNamespace.relationships.contains($0.namespace) })
      {
        out.append((n, id.value))
      }
    }
    try parse(data, c, part: "xl/workbook.xml", path: path)
    return out
  }

  static func cells(_ data: Data, shared: [String], sheet: String, path: String, limits: InputLimits)
    throws(InputError) -> [[String]]
  {
    var rows: [Int: [Int: String]] = [:]
    var row = 0
    var column = -1
    var position: (Int, Int)?
    var type = ""
    var value = ""
    /// Cells of the padded result (each row up to its last cell), counted as cells arrive.
    var width: [Int: Int] = [:]
    var total = 0
    var lastRow = 0
    let c = Collector()
    let tooLarge = InputError(
      path, .tooLarge, "シート「\(sheet)」が大きすぎます（セル数の上限 \(limits.maxSheetCells) 個。空白のセルも行末まで数えます）")
    c.onStart = { name, a in
      switch name {
      case "row":
        // Rows and cells may leave out their reference: they then follow the previous one.
        row = a.value("", "r").flatMap(rowNumber) ?? row + 1
        column = -1
      case "c":
        if let r = a.value("", "r") {
          position = Self.position(r)
        } else if row >= 1, row <= maxRow, column + 1 < maxColumn {
          position = (row, column + 1)
        } else {
          position = nil
        }
        if let (r, col) = position {
          row = r
          column = col
        }
        type = a.value("", "t") ?? "n"
        value = ""
      default: break
      }
    }
    // unowned: the closure is stored in the collector itself.
    c.onEnd = { [unowned c] name, text in
      switch name {
      case "v", "t": value += text
      case "c":
        guard let (r, col) = position else { return }
        let v =
          type == "s" ? (Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? "") : value
        // The result pads rows with empty cells: count what padding will cost before storing.
        let before = width[r] ?? 0
        if col + 1 > before {
          total += col + 1 - before
          width[r] = col + 1
        }
        lastRow = max(lastRow, r)
        if total + lastRow > limits.maxSheetCells {
          c.stop = tooLarge
          return
        }
        rows[r, default: [:]][col] = v
      default: break
      }
    }
    try parse(data, c, part: "シート「\(sheet)」", path: path)
    guard let maxRow = rows.keys.max() else { return [] }
    return (1...maxRow).map { r in
      let cols = rows[r] ?? [:]
      guard let maxCol = cols.keys.max() else { return [] }
      return (0...maxCol).map { cols[$0] ?? "" }
    }
  }

  static func rowNumber(_ s: String) -> Int? {
    guard s.utf8.count <= 7, let n = Int(s), n >= 1, n <= maxRow else { return nil }
    return n
  }

  /// "B3" → (3, 1); nil unless it is a cell of Excel's grid (A1…XFD1048576).
  static func position(_ ref: String) -> (Int, Int)? {
    var col = 0
    var letters = 0
    let u = ref.utf8
    var i = u.startIndex
    while i < u.endIndex, let a = Optional(u[i]), a >= 65, a <= 90 {
      letters += 1
      guard letters <= 3 else { return nil }
      col = col * 26 + Int(a - 64)
      i = u.index(after: i)
    }
    guard col >= 1, col <= maxColumn, let row = rowNumber(String(ref[i...])) else { return nil }
    return (row, col - 1)
  }
}
