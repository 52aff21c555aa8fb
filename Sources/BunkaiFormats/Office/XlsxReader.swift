import BunkaiCore
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads the cell values of every sheet of an .xlsx, as rows of strings.
public enum XlsxReader {
  public struct Sheet: Sendable {
    public var name: String
    public var rows: [[String]]
  }

  public static func read(_ data: Data, path: String, limits: InputLimits = InputLimits()) throws(InputError)
    -> [Sheet]
  {
    var zip = try LimitedZip(data: data, path: path, limits: limits)
    guard let workbook = try zip.read("xl/workbook.xml") else {
      throw InputError(path, .corruptDocx, "xl/workbook.xml がありません（Excel の .xlsx ではないか、壊れています）")
    }
    let shared = try zip.read("xl/sharedStrings.xml").map(sharedStrings) ?? []
    let rels = try zip.read("xl/_rels/workbook.xml.rels").map(relationships) ?? [:]
    var sheets: [Sheet] = []
    for (name, rid) in sheetList(workbook) {
      guard var target = rels[rid] else { continue }
      if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
      guard let xml = try zip.read(target) else { continue }
      sheets.append(Sheet(name: name, rows: cells(xml, shared: shared)))
    }
    return sheets
  }

  final class Collector: NSObject, XMLParserDelegate {
    var onStart: (String, [String: String]) -> Void = { _, _ in }
    var onEnd: (String, String) -> Void = { _, _ in }
    var text = ""
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes a: [String: String] = [:]
    ) {
      text = ""
      onStart(name, a)
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      onEnd(name, text)
    }
  }

  static func parse(_ data: Data, _ c: Collector) {
    let p = XMLParser(data: data)
    p.delegate = c
    _ = p.parse()
  }

  static func sharedStrings(_ data: Data) -> [String] {
    var out: [String] = []
    var current = ""
    let c = Collector()
    c.onStart = { name, _ in if name == "si" { current = "" } }
    c.onEnd = { name, text in
      if name == "t" { current += text }
      if name == "si" { out.append(current) }
    }
    parse(data, c)
    return out
  }

  static func relationships(_ data: Data) -> [String: String] {
    var out: [String: String] = [:]
    let c = Collector()
    c.onStart = { name, a in
      if name == "Relationship", let id = a["Id"], let t = a["Target"] { out[id] = t }
    }
    parse(data, c)
    return out
  }

  static func sheetList(_ data: Data) -> [(String, String)] {
    var out: [(String, String)] = []
    let c = Collector()
    c.onStart = { name, a in
      if name == "sheet", let n = a["name"], let id = a["r:id"] { out.append((n, id)) }
    }
    parse(data, c)
    return out
  }

  static func cells(_ data: Data, shared: [String]) -> [[String]] {
    var rows: [Int: [Int: String]] = [:]
    var ref = ""
    var type = ""
    var value = ""
    let c = Collector()
    c.onStart = { name, a in
      if name == "c" {
        ref = a["r"] ?? ""
        type = a["t"] ?? "n"
        value = ""
      }
    }
    c.onEnd = { name, text in
      switch name {
      case "v", "t": value += text
      case "c":
        guard let (row, col) = position(ref) else { return }
        let v = type == "s" ? (Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? "") : value
        rows[row, default: [:]][col] = v
      default: break
      }
    }
    parse(data, c)
    guard let maxRow = rows.keys.max() else { return [] }
    return (1...maxRow).map { r in
      let cols = rows[r] ?? [:]
      guard let maxCol = cols.keys.max() else { return [] }
      return (0...maxCol).map { cols[$0] ?? "" }
    }
  }

  /// "B3" → (3, 1).
  static func position(_ ref: String) -> (Int, Int)? {
    var col = 0
    var digits = ""
    for ch in ref {
      if let a = ch.asciiValue, a >= 65, a <= 90 {
        col = col * 26 + Int(a - 64)
      } else {
        digits.append(ch)
      }
    }
    guard let row = Int(digits), col > 0 else { return nil }
    return (row, col - 1)
  }
}
