import BunkaiCore
import Foundation

/// Extracts the text of a .docx: body paragraphs and table cells in document order, with the
/// text of automatic numbering, without deleted tracked changes. Paragraphs are joined by "\n".
public enum DocxReader {
  public static func read(_ data: Data, path: String, limits: InputLimits = InputLimits()) throws(InputError)
    -> SourceText
  {
    var zip = try LimitedZip(data: data, path: path, limits: limits)
    guard let document = try zip.read("word/document.xml") else {
      throw InputError(path, .corruptDocx, "word/document.xml がありません（Word 文書ではないか、壊れています）")
    }
    return try text(
      document: document, numbering: try zip.read("word/numbering.xml"),
      styles: try zip.read("word/styles.xml"),
      path: path, limits: limits)
  }

  /// The text of a document.xml with its numbering and styles parts (also the entry point of the
  /// fuzzing harness, which skips the zip layer).
  @_spi(Fuzzing) public static func text(
    document: Data, numbering: Data?, styles: Data?, path: String, limits: InputLimits = InputLimits()
  ) throws(InputError) -> SourceText {
    let numbering = DocxNumbering(numbering: numbering, styles: styles)
    let handler = BodyHandler(numbering: numbering, maxCharacters: limits.maxTextCharacters)
    do throws(XMLEvents.Failure) {
      try XMLEvents.parse(document, handler)
    } catch {
      throw InputError(
        path, .corruptDocx, "word/document.xml の XML が壊れています（\(error.line) 行目付近: \(error.reason)）")
    }
    if handler.tooLong {
      throw InputError(
        path, .tooLarge, "本文が長すぎます（上限 \(limits.maxTextCharacters) 文字）。文書を分けて読み込んでください")
    }
    guard handler.documentClosed else {
      throw InputError(path, .corruptDocx, "word/document.xml に w:document 要素がありません（Word 文書ではないか、壊れています）")
    }
    var text = ""
    var origins: [SourceOrigin] = []
    var offset = 0
    for (i, p) in handler.paragraphs.enumerated() {
      if i > 0 {
        text += "\n"
        offset += 1
      }
      origins.append(SourceOrigin(start: offset, paragraph: i, inTable: p.inTable))
      text += p.text
      offset += p.text.unicodeScalars.count
    }
    return SourceText(text: text, path: path, format: "docx", encoding: "docx", origins: origins)
  }
}

private final class BodyHandler: XMLEventHandler {
  struct Para {
    var text = ""
    var inTable: Bool
    var numId: String?
    var level = 0
    var style: String?
  }
  var numbering: DocxNumbering
  var paragraphs: [Para] = []
  var stack: [Para] = []
  var tableDepth = 0
  /// Depth inside w:del / w:moveFrom, whose text is not part of the current document.
  var deleted = 0
  var inText = false
  var inPPr = false
  /// Skips the second copy of content held in mc:AlternateContent (text boxes).
  var alternates = AlternateContentFilter()
  /// False when there is no w:document element.
  var documentClosed = false
  /// Characters so far, to stop at the limit instead of filling memory.
  var characters = 0
  let maxCharacters: Int
  var tooLong = false
  var shouldContinue: Bool { !tooLong }

  init(numbering: DocxNumbering, maxCharacters: Int) {
    self.numbering = numbering
    self.maxCharacters = maxCharacters
  }

  func start(_ ns: String, _ name: String, _ a: [XMLEvents.Attribute]) {
    if alternates.start(ns, name) { return }
    guard OOXMLNamespace.word.contains(ns) else { return }
    func val() -> String? {
      a.first { $0.local == "val" && OOXMLNamespace.word.contains($0.namespace) }?.value
    }
    func attr(_ local: String) -> String? {
      a.first { $0.local == local && OOXMLNamespace.word.contains($0.namespace) }?.value
    }
    switch name {
    case "p": stack.append(Para(inTable: tableDepth > 0))
    case "tbl": tableDepth += 1
    case "pPr": inPPr = true
    case "pStyle" where inPPr: if !stack.isEmpty { stack[stack.count - 1].style = val() }
    case "numId" where inPPr: if !stack.isEmpty { stack[stack.count - 1].numId = val() }
    case "ilvl" where inPPr:
      if !stack.isEmpty { stack[stack.count - 1].level = val().flatMap { Int($0) } ?? 0 }
    case "del", "moveFrom": deleted += 1
    case "t": inText = deleted == 0
    case "tab" where !inPPr: append("\t")
    case "br", "cr": append("\n")
    case "noBreakHyphen": append("-")
    case "sym":
      if let c = attr("char"), c.utf8.count <= 8, let v = UInt32(c, radix: 16), let u = Unicode.Scalar(v) {
        append(String(u))
      }
    default: break
    }
  }

  func end(_ ns: String, _ name: String) {
    if alternates.end(ns, name) { return }
    guard OOXMLNamespace.word.contains(ns) else { return }
    switch name {
    case "p":
      guard var p = stack.popLast() else { return }
      var numId = p.numId
      var level = p.level
      if numId == nil, let style = p.style, let s = numbering.styles[style] {
        numId = s.numId
        level = s.level
      }
      if let numId, let label = numbering.label(numId: numId, level: level) {
        p.text = label + p.text
        count(label)
      }
      paragraphs.append(p)
      characters += 1  // the line break between paragraphs: empty paragraphs count too
    case "tbl": tableDepth -= 1
    case "document": documentClosed = true
    case "pPr": inPPr = false
    case "del", "moveFrom": deleted -= 1
    case "t": inText = false
    default: break
    }
  }

  func text(_ string: String) {
    if inText, alternates.skipping == 0 { append(string) }
  }

  func append(_ s: String) {
    guard deleted == 0, !stack.isEmpty else { return }
    stack[stack.count - 1].text += s
    count(s)
  }

  func count(_ s: String) {
    characters += s.unicodeScalars.count
    if characters > maxCharacters { tooLong = true }
  }
}
