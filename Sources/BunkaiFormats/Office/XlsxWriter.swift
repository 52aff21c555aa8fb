import Foundation

/// One cell of a sheet.
public enum XlsxCell: Sendable, Equatable, ExpressibleByStringLiteral {
  case text(String)
  case number(Double)
  /// A date written "YYYY-MM-DD": a real date cell shown in 和暦 (令和8年4月1日).
  case date(String)
  case empty

  public init(stringLiteral value: String) { self = .text(value) }
}

/// Writes a minimal .xlsx: sheets of rows with a bold, shaded header row that stays frozen on
/// screen and repeats on printed pages; wrapped text; A4 landscape.
public struct XlsxWriter {
  public struct Sheet: Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[XlsxCell]]
    /// Column widths in characters (Excel's unit).
    public var widths: [Double]

    public init(name: String, header: [String], rows: [[XlsxCell]], widths: [Double] = []) {
      self.name = name
      self.header = header
      self.rows = rows
      self.widths = widths
    }
  }

  public var sheets: [Sheet] = []
  public var title: String

  public init(title: String = "") { self.title = title }

  public mutating func add(_ sheet: Sheet) { sheets.append(sheet) }

  public func data() throws -> Data {
    let sheets = self.sheets.isEmpty ? [Sheet(name: "Sheet1", header: [], rows: [])] : self.sheets
    let names = Self.uniqueNames(sheets.map(\.name))
    var p = OOXMLPackage()
    p.add("[Content_Types].xml", contentTypes(count: sheets.count))
    p.add(
      "_rels/.rels",
      XMLText.declaration + "<Relationships xmlns=\"\(Self.relNS)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(Self.docRel)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "</Relationships>")
    p.add("xl/workbook.xml", workbook(names: names, sheets: sheets))
    var rels = XMLText.declaration + "<Relationships xmlns=\"\(Self.relNS)\">"
    for i in sheets.indices {
      rels +=
        "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.docRel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
    }
    rels +=
      "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Self.docRel)/styles\" Target=\"styles.xml\"/>"
    p.add("xl/_rels/workbook.xml.rels", rels + "</Relationships>")
    p.add("xl/styles.xml", Self.styles)
    for (i, s) in sheets.enumerated() { p.add("xl/worksheets/sheet\(i + 1).xml", Self.sheetXML(s)) }
    p.add("docProps/core.xml", DocxParts.core(title: title, author: "Bunkai"))
    return try p.zip()
  }

  static let relNS = "http://schemas.openxmlformats.org/package/2006/relationships"
  static let docRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

  func contentTypes(count: Int) -> String {
    var xml =
      XMLText.declaration
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    for i in 1...count {
      xml +=
        "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    return xml + "</Types>"
  }

  func workbook(names: [String], sheets: [Sheet]) -> String {
    var xml = XMLText.declaration + "<workbook xmlns=\"\(Self.mainNS)\" xmlns:r=\"\(Self.docRel)\"><sheets>"
    for (i, n) in names.enumerated() {
      xml += "<sheet name=\"\(XMLText.escape(n))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
    }
    xml += "</sheets><definedNames>"
    // The header row repeats on every printed page.
    for (i, n) in names.enumerated() where !sheets[i].header.isEmpty {
      let quoted = "'" + n.replacingOccurrences(of: "'", with: "''") + "'"
      xml +=
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">\(XMLText.escape(quoted))!$1:$1</definedName>"
    }
    return xml + "</definedNames></workbook>"
  }

  /// Excel refuses sheet names longer than 31 characters, with []:*?/\ , or repeated.
  static func uniqueNames(_ names: [String]) -> [String] {
    var used: Set<String> = []
    return names.enumerated().map { i, raw in
      var n = String(raw.filter { !"[]:*?/\\".contains($0) }.prefix(31))
      if n.isEmpty { n = "Sheet\(i + 1)" }
      var candidate = n
      var k = 2
      while used.contains(candidate.lowercased()) {
        candidate = String(n.prefix(27)) + "(\(k))"
        k += 1
      }
      used.insert(candidate.lowercased())
      return candidate
    }
  }

  /// "A", "B", … "Z", "AA" for a zero-based column.
  static func column(_ i: Int) -> String {
    var n = i + 1
    var s = ""
    while n > 0 {
      let r = (n - 1) % 26
      s = String(UnicodeScalar(UInt8(65 + r))) + s
      n = (n - 1) / 26
    }
    return s
  }

  static func sheetXML(_ s: Sheet) -> String {
    let hasHeader = !s.header.isEmpty
    var xml = XMLText.declaration + "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(docRel)\">"
    xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><sheetViews><sheetView workbookViewId=\"0\">"
    if hasHeader {
      xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
      xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
    }
    xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
    if !s.widths.isEmpty {
      xml += "<cols>"
      for (i, w) in s.widths.enumerated() {
        xml += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
      }
      xml += "</cols>"
    }
    xml += "<sheetData>"
    var r = 1
    if hasHeader {
      xml += row(r, s.header.map(XlsxCell.text), style: 1, widths: s.widths)
      r += 1
    }
    for cells in s.rows {
      xml += row(r, cells, style: 2, widths: s.widths)
      r += 1
    }
    xml += "</sheetData>"
    let columns = max(s.header.count, s.rows.map(\.count).max() ?? 0)
    if hasHeader, columns > 0 { xml += "<autoFilter ref=\"A1:\(column(columns - 1))\(r - 1)\"/>" }
    xml +=
      "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
    xml += "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
    return xml + "</worksheet>"
  }

  static func row(_ r: Int, _ cells: [XlsxCell], style: Int, widths: [Double]) -> String {
    let lines =
      cells.enumerated().map { c, cell in
        guard case .text(let t) = cell else { return 1 }
        return lineCount(t, width: c < widths.count ? widths[c] : 8.43)
      }.max() ?? 1
    // Readers do not all fit rows to wrapped text, so the height is set from an estimate.
    var xml = lines > 1 ? "<row r=\"\(r)\" ht=\"\(lines * 13 + 3)\" customHeight=\"1\">" : "<row r=\"\(r)\">"
    for (c, cell) in cells.enumerated() {
      let ref = "\(column(c))\(r)"
      switch cell {
      case .text(let t):
        xml +=
          "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLText.escape(t))</t></is></c>"
      case .number(let v):
        let text = v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        xml += "<c r=\"\(ref)\" s=\"\(style)\"><v>\(text)</v></c>"
      case .date(let iso):
        if let serial = Wareki.serial(iso: iso) {
          xml += "<c r=\"\(ref)\" s=\"3\"><v>\(serial)</v></c>"
        } else {
          xml +=
            "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLText.escape(iso))</t></is></c>"
        }
      case .empty:
        xml += "<c r=\"\(ref)\" s=\"\(style)\"/>"
      }
    }
    return xml + "</row>"
  }

  /// Lines a wrapped text takes in a column `width` characters wide (a Japanese character is two).
  static func lineCount(_ text: String, width: Double) -> Int {
    let perLine = max(Int(width) - 1, 1)
    return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { n, line in
      let w = line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
      return n + max(1, (w + perLine - 1) / perLine)
    }
  }

  /// Style 1: header (bold, shaded, bordered, wrapped); style 2: body (bordered, wrapped, top).
  static let styles =
    XMLText.declaration + "<styleSheet xmlns=\"\(mainNS)\">"
    // 和暦 dates: era, year, month and day ("令和8年4月1日").
    + "<numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
    + "<fonts count=\"2\"><font><sz val=\"10\"/><name val=\"游ゴシック\"/><family val=\"3\"/><charset val=\"128\"/></font>"
    + "<font><b/><sz val=\"10\"/><name val=\"游ゴシック\"/><family val=\"3\"/><charset val=\"128\"/></font></fonts>"
    + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
    + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
    + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
    + "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
    + "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    + "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
    + "<alignment vertical=\"center\" wrapText=\"1\"/></xf>"
    + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">"
    + "<alignment vertical=\"top\" wrapText=\"1\"/></xf>"
    + "<xf numFmtId=\"176\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
    + "<alignment vertical=\"top\"/></xf></cellXfs>"
    + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    + "</styleSheet>"
}
