import BunkaiCore
import Foundation

public struct CatalogImportError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String
  public var description: String { "\(path): \(message)" }
}

/// Turns the official checklist form, saved as CSV, TSV or XLSX, into a catalogue.
/// The header row is found by its column names (項番, 項目, 内容, …), wherever it is.
public enum CatalogImporter {
  /// Column names of the official form and the companion, and the field each fills.
  static let columns: [(name: String, field: String, required: Bool)] = [
    ("項番", "number", true), ("項目", "title", true), ("内容", "content", true),
    ("想定されるリスク", "risk", false), ("推奨される対応例", "recommendation", false),
    ("ガイドライン等関連部分", "guidelineRefs", false),
  ]

  public static func importFile(path: String, id: String, version: String) throws -> ChecklistCatalog {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CatalogImportError(path: path, message: "ファイルが見つからないか、読めません")
    }
    return try importData(data, path: path, id: id, version: version)
  }

  /// Imports an uploaded file; `path` names it in messages and its extension picks the format.
  public static func importData(_ data: Data, path: String, id: String, version: String) throws
    -> ChecklistCatalog
  {
    let lower = path.lowercased()
    var tables: [(name: String, rows: [[String]])] = []
    if lower.hasSuffix(".xlsx") || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      tables = try XlsxReader.read(data, path: path).map { ($0.name, $0.rows) }
    } else if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") {
      guard let (text, _) = TextDecoding.decode(data) else {
        throw CatalogImportError(path: path, message: "文字コードを判別できません（UTF-8 か Shift_JIS で保存してください）")
      }
      let separator: Character =
        lower.hasSuffix(".tsv") || (!text.contains(",") && text.contains("\t")) ? "\t" : ","
      tables = [("", parseDelimited(text, separator: separator))]
    } else {
      throw CatalogImportError(path: path, message: "対応していない形式です（.csv, .tsv, .xlsx のいずれか）")
    }
    var items: [ChecklistItem] = []
    var problems: [String] = []
    var foundHeader = false
    for table in tables {
      guard let (headerRow, map) = header(table.rows) else { continue }
      foundHeader = true
      let sheet = table.name.isEmpty ? "" : "シート「\(table.name)」"
      for (offset, row) in table.rows.enumerated().dropFirst(headerRow + 1) {
        func cell(_ field: String) -> String? {
          guard let c = map[field], c < row.count else { return nil }
          let v = row[c].replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
            in: .whitespacesAndNewlines)
          return v.isEmpty ? nil : v
        }
        guard let number = cell("number") else { continue }
        let line = "\(sheet)\(offset + 1) 行目"
        guard let itemId = ChecklistCatalog.itemId(forNumber: number) else {
          // Section rows such as "A 共通" carry a letter alone: not an item.
          if cell("title") == nil && cell("content") == nil { continue }
          problems.append("\(line): 項番「\(number)」を読めません（1, A-1 のような形で書いてください）")
          continue
        }
        guard let title = cell("title") else {
          problems.append("\(line): 項番 \(number) の「項目」が空です")
          continue
        }
        if items.contains(where: { $0.id == itemId }) {
          problems.append("\(line): 項番 \(number) が重複しています")
          continue
        }
        let parts = itemId.split(separator: "-")
        items.append(
          ChecklistItem(
            id: itemId, part: itemId.hasPrefix("P1") ? 1 : 2,
            section: parts.count == 3 ? String(parts[1]) : nil,
            number: itemId.hasPrefix("P1") ? String(parts[1]) : "\(parts[1])-\(parts[2])", title: title,
            content: cell("content"), risk: cell("risk"), recommendation: cell("recommendation"),
            guidelineRefs: cell("guidelineRefs")))
      }
    }
    guard foundHeader else {
      let seen = tables.flatMap { $0.rows.prefix(10) }.first { !$0.allSatisfy(\.isEmpty) } ?? []
      throw CatalogImportError(
        path: path,
        message: "見出しの行が見つかりません。必要な列: 項番, 項目, 内容（任意: 想定されるリスク, 推奨される対応例, ガイドライン等関連部分）。"
          + (seen.isEmpty ? "" : "最初の行の列: \(seen.joined(separator: ", "))"))
    }
    if !problems.isEmpty { throw CatalogImportError(path: path, message: problems.joined(separator: "\n")) }
    if items.isEmpty { throw CatalogImportError(path: path, message: "項目が一つもありません") }
    return ChecklistCatalog(
      id: id, version: version, source: URL(fileURLWithPath: path).lastPathComponent, items: items)
  }

  /// The first row naming all required columns, and column index per field.
  static func header(_ rows: [[String]]) -> (Int, [String: Int])? {
    for (r, row) in rows.prefix(30).enumerated() {
      var map: [String: Int] = [:]
      for (c, raw) in row.enumerated() {
        let name = raw.filter { !$0.isWhitespace }
        for col in columns where map[col.field] == nil {
          // "内容" must not catch "推奨される対応例" etc.; match whole names, or the start for long ones.
          if name == col.name || (col.name.count > 3 && name.hasPrefix(col.name)) { map[col.field] = c }
        }
      }
      if columns.filter(\.required).allSatisfy({ map[$0.field] != nil }) { return (r, map) }
    }
    return nil
  }

  /// RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes), or TSV. Read by
  /// Unicode scalar: a combining mark right after a comma or quote would otherwise join it into
  /// one Character and hide the delimiter.
  static func parseDelimited(_ text: String, separator: Character) -> [[String]] {
    let sep = separator.unicodeScalars.first ?? ","
    var rows: [[String]] = []
    var row: [String] = []
    var field = String.UnicodeScalarView()
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let c = pending ?? scalars.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          if let n = scalars.next() {
            if n == "\"" {
              field.append("\"")
            } else {
              quoted = false
              pending = n
            }
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
        continue
      }
      switch c {
      case "\"" where field.isEmpty: quoted = true
      case sep:
        row.append(String(field))
        field = String.UnicodeScalarView()
      case "\r", "\n":
        if c == "\r", let n = scalars.next(), n != "\n" { pending = n }
        row.append(String(field))
        rows.append(row)
        row = []
        field = String.UnicodeScalarView()
      default: field.append(c)
      }
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(String(field))
      rows.append(row)
    }
    return rows
  }
}
