import Foundation

/// Builds a new .docx: headings, paragraphs, tables whose header row repeats on every page, and
/// tracked insertions. A4, Japanese fonts declared so Word and LibreOffice pick a Mincho face.
public struct DocxWriter {
  public enum Orientation: Sendable { case portrait, landscape }

  public var title: String
  public var author: String
  public var orientation: Orientation
  private(set) var body = ""
  private var marks: RevisionMarks?

  public init(title: String = "", author: String = "Bunkai", orientation: Orientation = .portrait) {
    self.title = title
    self.author = author
    self.orientation = orientation
  }

  /// Width between the margins, in twentieths of a point.
  var textWidth: Int { (orientation == .portrait ? 11906 : 16838) - 2 * Self.margin }
  static let margin = 1134  // 20 mm

  public mutating func heading(_ text: String, level: Int = 1) {
    let style = level <= 0 ? "Title" : "Heading\(min(level, 3))"
    for line in WordML.lines(text) {
      body += "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr>\(WordML.run(line))</w:p>"
    }
  }

  /// One paragraph per line of `text`; an empty text gives an empty paragraph.
  public mutating func paragraph(_ text: String, bold: Bool = false, alignRight: Bool = false) {
    let pPr = alignRight ? "<w:pPr><w:jc w:val=\"right\"/></w:pPr>" : ""
    let rPr = bold ? "<w:rPr><w:b/><w:bCs/></w:rPr>" : ""
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines {
      body += "<w:p>\(pPr)\(line.isEmpty ? "" : WordML.run(String(line), rPr: rPr))</w:p>"
    }
  }

  /// A bordered table filling the text width. `widths` are relative column weights; the header
  /// row is shaded, bold and repeated at the top of each page.
  public mutating func table(header: [String], rows: [[String]], widths: [Int], fontSize: Int = 18) {
    let columns = max(header.count, rows.map(\.count).max() ?? 0)
    guard columns > 0 else { return }
    let weights = (0..<columns).map { $0 < widths.count ? max(widths[$0], 1) : 1 }
    let total = weights.reduce(0, +)
    let twips = weights.map { textWidth * $0 / total }
    let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
    var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(twips.reduce(0, +))\" w:type=\"dxa\"/><w:tblBorders>"
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { xml += "<w:\(side) \(border)/>" }
    xml += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>"
    xml += "<w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    for w in twips { xml += "<w:gridCol w:w=\"\(w)\"/>" }
    xml += "</w:tblGrid>"
    let size = "<w:sz w:val=\"\(fontSize)\"/><w:szCs w:val=\"\(fontSize)\"/>"
    func row(_ cells: [String], isHeader: Bool) -> String {
      var r = isHeader ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>"
      for c in 0..<columns {
        let shade = isHeader ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>" : ""
        r += "<w:tc><w:tcPr><w:tcW w:w=\"\(twips[c])\" w:type=\"dxa\"/>\(shade)</w:tcPr>"
        let rPr = isHeader ? "<w:rPr><w:b/><w:bCs/>\(size)</w:rPr>" : "<w:rPr>\(size)</w:rPr>"
        let text = c < cells.count ? cells[c] : ""
        // A cell must hold at least one paragraph; left-aligned, as justified text in a narrow
        // cell spreads its characters apart.
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
          r += "<w:p><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr>"
          r += line.isEmpty ? "" : WordML.run(String(line), rPr: rPr)
          r += "</w:p>"
        }
        r += "</w:tc>"
      }
      return r + "</w:tr>"
    }
    if !header.isEmpty { xml += row(header, isHeader: true) }
    for cells in rows { xml += row(cells, isHeader: false) }
    // Word needs a paragraph between a table and what follows.
    body += xml + "</w:tbl><w:p/>"
  }

  /// Paragraphs whose insertion is tracked, by `author` at `date`, with an optional comment.
  public mutating func insertedParagraphs(_ text: String, author: String, date: Date, comment: String? = nil)
  {
    var m = marks(author: author, date: date)
    var id = comment.map { c -> Int in
      let id = m.commentId()
      comments.append(.init(id: id, text: c))
      return id
    }
    commentAuthor = (author, date)
    for line in WordML.lines(text) {
      body += m.insertedParagraph(line, comment: id)
      id = nil
    }
    marks = m
  }

  /// Comments on tracked changes, and whether Word records further changes.
  private var comments: [WordComments.Comment] = []
  private var commentAuthor: (String, Date)?
  /// Switch on 「変更履歴の記録」 (the redline, so the other side's edits are tracked too).
  public var tracksRevisions = false

  /// A paragraph whose old text is tracked as deleted and new text as inserted; further lines of
  /// the new text become inserted paragraphs.
  public mutating func replacedParagraph(
    _ old: String, with new: String, author: String, date: Date, comment: String? = nil
  ) {
    var m = marks(author: author, date: date)
    var lines = WordML.lines(new)
    let first = lines.isEmpty ? "" : lines.removeFirst()
    var (open, shut) = ("", "")
    if let comment {
      let id = m.commentId()
      comments.append(.init(id: id, text: comment))
      commentAuthor = (author, date)
      (open, shut) = (WordComments.start(id), WordComments.end(id))
    }
    body +=
      "<w:p>" + (old.isEmpty ? "" : m.deleted(old)) + (first.isEmpty ? "" : open + m.inserted(first) + shut)
      + "</w:p>"
    for line in lines { body += m.insertedParagraph(line) }
    marks = m
  }

  private func marks(author: String, date: Date) -> RevisionMarks {
    if let m = marks, m.author == XMLText.escape(author), m.date == WordML.revisionDate(date) { return m }
    return RevisionMarks(author: author, date: date, firstId: marks?.nextId ?? 1)
  }

  public func data() throws -> Data {
    var p = OOXMLPackage()
    let hasComments = !comments.isEmpty
    p.add(
      "[Content_Types].xml",
      hasComments ? WordComments.contentTypes(DocxParts.contentTypes) : DocxParts.contentTypes)
    p.add("_rels/.rels", DocxParts.packageRels)
    p.add("word/document.xml", documentXML())
    p.add("word/styles.xml", DocxParts.styles)
    p.add(
      "word/settings.xml",
      tracksRevisions ? WordComments.trackingRevisions(DocxParts.settings) : DocxParts.settings)
    p.add(
      "word/_rels/document.xml.rels",
      hasComments ? WordComments.relationships(DocxParts.documentRels) : DocxParts.documentRels)
    if hasComments, let (a, d) = commentAuthor {
      p.add("word/comments.xml", WordComments.part(comments, author: a, date: d))
    }
    p.add("docProps/core.xml", DocxParts.core(title: title, author: author))
    return try p.zip()
  }

  func documentXML() -> String {
    let (w, h) = orientation == .portrait ? (11906, 16838) : (16838, 11906)
    let orient = orientation == .landscape ? " w:orient=\"landscape\"" : ""
    let m = Self.margin
    return XMLText.declaration + "<w:document \(WordML.ns)><w:body>\(body)"
      + "<w:sectPr><w:pgSz w:w=\"\(w)\" w:h=\"\(h)\"\(orient)/>"
      + "<w:pgMar w:top=\"\(m)\" w:right=\"\(m)\" w:bottom=\"\(m)\" w:left=\"\(m)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
      + "</w:sectPr></w:body></w:document>"
  }
}

/// The fixed parts of a new .docx.
enum DocxParts {
  static let contentTypes =
    XMLText.declaration
    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    + "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    + "</Types>"

  static let packageRels =
    XMLText.declaration
    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
    + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    + "</Relationships>"

  static let documentRels =
    XMLText.declaration
    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    + "</Relationships>"

  /// A package without settings.xml gets ours: its content type and relationship.
  static func withSettingsType(_ xml: String) -> String {
    guard !xml.contains("/word/settings.xml"), let r = xml.range(of: "</Types>", options: .backwards) else {
      return xml
    }
    return xml.replacingCharacters(
      in: r,
      with:
        "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/></Types>"
    )
  }

  static func withSettingsRelationship(_ xml: String) -> String {
    let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
    guard !xml.contains(type), let r = xml.range(of: "</Relationships>", options: .backwards) else {
      return xml
    }
    return xml.replacingCharacters(
      in: r,
      with:
        "<Relationship Id=\"rIdBunkaiSettings\" Type=\"\(type)\" Target=\"settings.xml\"/></Relationships>")
  }

  static let settings =
    XMLText.declaration
    + "<w:settings \(WordML.ns)><w:defaultTabStop w:val=\"840\"/>"
    + "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
    + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
    + "</w:settings>"

  /// Mincho for body text, Gothic for headings, Japanese as the East Asian language.
  static let styles: String = {
    let mincho = "游明朝"
    let gothic = "游ゴシック"
    func fonts(_ f: String) -> String {
      "<w:rFonts w:ascii=\"\(f)\" w:eastAsia=\"\(f)\" w:hAnsi=\"\(f)\" w:cs=\"\(f)\" w:hint=\"eastAsia\"/>"
    }
    func heading(_ id: String, _ name: String, size: Int, level: Int?, after: Int) -> String {
      let outline = level.map { "<w:outlineLvl w:val=\"\($0)\"/>" } ?? ""
      return
        "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"Normal\"/>"
        + "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"\(after)\"/>"
        + (level == nil ? "<w:jc w:val=\"center\"/>" : "") + outline + "</w:pPr>"
        + "<w:rPr>\(fonts(gothic))<w:b/><w:bCs/><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr></w:style>"
    }
    return XMLText.declaration
      + "<w:styles \(WordML.ns)><w:docDefaults><w:rPrDefault><w:rPr>\(fonts(mincho))"
      + "<w:kern w:val=\"2\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
      + "<w:lang w:val=\"en-US\" w:eastAsia=\"ja-JP\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
      + "<w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>"
      + "</w:docDefaults>"
      + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
      + heading("Title", "Title", size: 32, level: nil, after: 240)
      + heading("Heading1", "heading 1", size: 26, level: 0, after: 120)
      + heading("Heading2", "heading 2", size: 23, level: 1, after: 60)
      + heading("Heading3", "heading 3", size: 21, level: 2, after: 60)
      + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
      + "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
      + "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
      + "</w:tblCellMar></w:tblPr></w:style></w:styles>"
  }()

  static func core(title: String, author: String) -> String {
    XMLText.declaration
      + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      + "<dc:title>\(XMLText.escape(title))</dc:title><dc:creator>\(XMLText.escape(author))</dc:creator>"
      + "</cp:coreProperties>"
  }
}
