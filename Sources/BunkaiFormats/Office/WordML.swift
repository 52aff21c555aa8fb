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

  /// Text deleted from a paragraph that had none of its own runs (a new document's line).
  mutating func deleted(_ text: String, rPr: String = "") -> String {
    let run = WordML.run(text, rPr: rPr).replacingOccurrences(of: "<w:t ", with: "<w:delText ")
      .replacingOccurrences(of: "</w:t>", with: "</w:delText>")
    return "<w:del\(attributes())>\(run)</w:del>"
  }
}
