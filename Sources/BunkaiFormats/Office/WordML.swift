import Foundation

/// WordprocessingML fragments shared by the new-document writer and the redline.
enum WordML {
  static let ns =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

  /// One run of text; tabs become w:tab so Word keeps them.
  static func run(_ text: String, rPr: String = "") -> String {
    var out = "<w:r>" + rPr
    for (i, piece) in text.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
      if i > 0 { out += "<w:tab/>" }
      if !piece.isEmpty { out += "<w:t xml:space=\"preserve\">\(XMLText.escape(String(piece)))</w:t>" }
    }
    return out + "</w:r>"
  }

  /// The ISO 8601 form Word writes in w:date (UTC, whole seconds).
  static func revisionDate(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: date)
  }

  /// The lines of wording, each a paragraph; blank lines at either end are dropped.
  static func lines(_ text: String) -> [String] {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
    while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
    return lines
  }
}

/// Tracked-change marks by one author at one time, with ids unique in the document.
struct RevisionMarks {
  let author: String
  let date: String
  private(set) var nextId: Int
  /// Namespace declarations each new element carries, for a part that does not bind `w` to
  /// WordprocessingML on its root (see `WordNames`); usually empty.
  let declarations: String

  init(author: String, date: Date, firstId: Int, declarations: String = "") {
    self.author = XMLText.escape(author)
    self.date = WordML.revisionDate(date)
    self.nextId = firstId
    self.declarations = declarations
  }

  /// ` w:id=".." w:author=".." w:date=".."` with a fresh id.
  mutating func attributes() -> String {
    defer { nextId += 1 }
    return "\(declarations) w:id=\"\(nextId)\" w:author=\"\(author)\" w:date=\"\(date)\""
  }

  /// Text inserted into an existing paragraph.
  mutating func inserted(_ text: String, rPr: String = "") -> String {
    "<w:ins\(attributes())>\(WordML.run(text, rPr: rPr))</w:ins>"
  }

  /// A whole inserted paragraph: its mark is inserted too, as Word records it, so rejecting the
  /// change removes the paragraph and not only its text. `pPr` is the inside of w:pPr without
  /// w:rPr, sectPr or pPrChange.
  mutating func insertedParagraph(_ text: String, pPr: String = "", rPr: String = "") -> String {
    let mark = "<w:rPr><w:ins\(attributes())/></w:rPr>"
    return "<w:p\(declarations)><w:pPr>\(pPr)\(mark)</w:pPr>\(inserted(text, rPr: rPr))</w:p>"
  }

  /// A fresh id for a comment (ids are shared with the revision marks, so none collide).
  mutating func commentId() -> Int {
    defer { nextId += 1 }
    return nextId
  }

  /// An inserted paragraph carrying a comment over its text.
  mutating func insertedParagraph(_ text: String, pPr: String = "", rPr: String = "", comment: Int?) -> String
  {
    guard let comment else { return insertedParagraph(text, pPr: pPr, rPr: rPr) }
    let mark = "<w:rPr><w:ins\(attributes())/></w:rPr>"
    return "<w:p><w:pPr>\(pPr)\(mark)</w:pPr>" + WordComments.start(comment) + inserted(text, rPr: rPr)
      + WordComments.end(comment) + "</w:p>"
  }

  /// Text deleted from a paragraph that had none of its own runs (a new document's line).
  mutating func deleted(_ text: String, rPr: String = "") -> String {
    let run = WordML.run(text, rPr: rPr).replacingOccurrences(of: "<w:t ", with: "<w:delText ")
      .replacingOccurrences(of: "</w:t>", with: "</w:delText>")
    return "<w:del\(attributes())>\(run)</w:del>"
  }
}

/// Word comments: the range marks in document.xml and the comments part, and switching on
/// 「変更履歴の記録」 in settings.xml so the vendor's own edits are tracked too.
enum WordComments {
  struct Comment: Sendable, Equatable {
    var id: Int
    var text: String
  }

  static let contentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
  static let relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"

  static func start(_ id: Int) -> String { "<w:commentRangeStart w:id=\"\(id)\"/>" }
  static func end(_ id: Int) -> String {
    "<w:commentRangeEnd w:id=\"\(id)\"/><w:r><w:commentReference w:id=\"\(id)\"/></w:r>"
  }

  /// The w:comment elements, by `author` at `date`.
  static func elements(_ comments: [Comment], author: String, date: Date) -> String {
    let a = XMLText.escape(author)
    let d = WordML.revisionDate(date)
    let initials = XMLText.escape(String(author.prefix(2)))
    return comments.map { c in
      "<w:comment w:id=\"\(c.id)\" w:author=\"\(a)\" w:date=\"\(d)\" w:initials=\"\(initials)\">"
        + WordML.lines(c.text).map { "<w:p>\(WordML.run($0))</w:p>" }.joined() + "</w:comment>"
    }.joined()
  }

  /// A new comments part.
  static func part(_ comments: [Comment], author: String, date: Date) -> String {
    XMLText.declaration + "<w:comments \(WordML.ns)>" + elements(comments, author: author, date: date)
      + "</w:comments>"
  }

  /// Our comments added at the end of an existing comments part.
  static func merged(_ existing: String, _ comments: [Comment], author: String, date: Date) -> String {
    guard let r = existing.range(of: "</w:comments>", options: .backwards) else { return existing }
    return existing.replacingCharacters(
      in: r, with: elements(comments, author: author, date: date) + "</w:comments>")
  }

  /// Settings children that come before w:trackRevisions in the schema's order.
  static let beforeTrackRevisions: Set<String> = [
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
    "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
    "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign", "w:attachedTemplate",
    "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
    "w:revisionView",
  ]

  /// settings.xml with <w:trackRevisions/> in its place (unchanged when it is already on).
  static func trackingRevisions(_ settings: String) -> String {
    if settings.contains("<w:trackRevisions") { return settings }
    guard let open = settings.range(of: "<w:settings"),
      let openEnd = settings[open.upperBound...].firstIndex(of: ">")
    else { return settings }
    var i = settings.index(after: openEnd)
    // Skip the top-level children that the schema puts first.
    while let lt = settings[i...].firstIndex(of: "<") {
      let nameEnd = settings[lt...].firstIndex { $0 == " " || $0 == "/" || $0 == ">" } ?? settings.endIndex
      let name = String(settings[settings.index(after: lt)..<nameEnd])
      guard beforeTrackRevisions.contains(name), let end = elementEnd(settings, from: lt, name: name) else {
        return settings.replacingCharacters(in: lt..<lt, with: "<w:trackRevisions/>")
      }
      i = end
    }
    return settings
  }

  /// The index after the element starting at `lt` (an empty element or one closed by its name).
  static func elementEnd(_ s: String, from lt: String.Index, name: String) -> String.Index? {
    guard let gt = s[lt...].firstIndex(of: ">") else { return nil }
    if s[s.index(before: gt)] == "/" { return s.index(after: gt) }
    guard let close = s.range(of: "</\(name)>", range: gt..<s.endIndex) else { return nil }
    return close.upperBound
  }

  /// [Content_Types].xml with an override for the comments part.
  static func contentTypes(_ xml: String) -> String {
    guard !xml.contains("/word/comments.xml"), let r = xml.range(of: "</Types>", options: .backwards) else {
      return xml
    }
    return xml.replacingCharacters(
      in: r, with: "<Override PartName=\"/word/comments.xml\" ContentType=\"\(contentType)\"/></Types>")
  }

  /// document.xml.rels with a relationship to the comments part.
  static func relationships(_ xml: String) -> String {
    guard !xml.contains(relType), let r = xml.range(of: "</Relationships>", options: .backwards) else {
      return xml
    }
    var n = 1
    while xml.contains("Id=\"rIdBunkai\(n)\"") { n += 1 }
    return xml.replacingCharacters(
      in: r,
      with: "<Relationship Id=\"rIdBunkai\(n)\" Type=\"\(relType)\" Target=\"comments.xml\"/></Relationships>"
    )
  }
}
