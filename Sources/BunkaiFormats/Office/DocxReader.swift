import BunkaiCore
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

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
    let numbering = DocxNumbering(
      numbering: try zip.read("word/numbering.xml"), styles: try zip.read("word/styles.xml"))
    let handler = BodyHandler(numbering: numbering)
    let parser = XMLParser(data: document)
    parser.delegate = handler
    parser.shouldResolveExternalEntities = false
    guard parser.parse(), handler.documentClosed else {
      throw InputError(path, .corruptDocx, "word/document.xml の XML が壊れています（\(parser.lineNumber) 行目付近）")
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

private final class BodyHandler: NSObject, XMLParserDelegate {
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
  /// False when the XML ends before </w:document> (a truncated part).
  var documentClosed = false

  init(numbering: DocxNumbering) { self.numbering = numbering }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes a: [String: String] = [:]
  ) {
    switch name {
    case "w:p": stack.append(Para(inTable: tableDepth > 0))
    case "w:tbl": tableDepth += 1
    case "w:pPr": inPPr = true
    case "w:pStyle" where inPPr: if !stack.isEmpty { stack[stack.count - 1].style = a["w:val"] }
    case "w:numId" where inPPr: if !stack.isEmpty { stack[stack.count - 1].numId = a["w:val"] }
    case "w:ilvl" where inPPr:
      if !stack.isEmpty { stack[stack.count - 1].level = a["w:val"].flatMap(Int.init) ?? 0 }
    case "w:del", "w:moveFrom": deleted += 1
    case "w:t": inText = deleted == 0
    case "w:tab" where !inPPr: append("\t")
    case "w:br", "w:cr": append("\n")
    case "w:noBreakHyphen": append("-")
    case "w:sym":
      if let c = a["w:char"], let v = UInt32(c, radix: 16), let u = Unicode.Scalar(v) { append(String(u)) }
    default: break
    }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    switch name {
    case "w:p":
      guard var p = stack.popLast() else { return }
      var numId = p.numId
      var level = p.level
      if numId == nil, let style = p.style, let s = numbering.styles[style] {
        numId = s.numId
        level = s.level
      }
      if let numId, let label = numbering.label(numId: numId, level: level) {
        p.text = label + p.text
      }
      paragraphs.append(p)
    case "w:tbl": tableDepth -= 1
    case "w:document": documentClosed = true
    case "w:pPr": inPPr = false
    case "w:del", "w:moveFrom": deleted -= 1
    case "w:t": inText = false
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { append(string) }
  }

  func append(_ s: String) {
    guard deleted == 0, !stack.isEmpty else { return }
    stack[stack.count - 1].text += s
  }
}
