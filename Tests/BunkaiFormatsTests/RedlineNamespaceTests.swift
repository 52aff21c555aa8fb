import BunkaiCore
import Foundation
import Testing

@testable import BunkaiFormats

/// The redline finds paragraphs by the WordprocessingML namespace, whatever prefix a document
/// binds to it: `ns0:` (as Python's ElementTree writes), the default namespace, or `w:`.
@Suite struct RedlineNamespaceTests {
  static let wml = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  static let date = Date(timeIntervalSince1970: 1_795_219_200)

  /// A contract of three body paragraphs and a one-cell table, with every name under `p` (an
  /// empty `p` is the default namespace) and attributes under `a`.
  static func document(elements p: String, attributes a: String, declarations: String) -> String {
    func n(_ local: String) -> String { p.isEmpty ? local : "\(p):\(local)" }
    func para(_ text: String, indent: Bool = false) -> String {
      let pPr = indent ? "<\(n("pPr"))><\(n("ind")) \(a):left=\"210\"/></\(n("pPr"))>" : ""
      return
        "<\(n("p"))>\(pPr)<\(n("r"))><\(n("rPr"))><\(n("b"))/></\(n("rPr"))><\(n("t"))>\(text)</\(n("t"))></\(n("r"))></\(n("p"))>"
    }
    let table =
      "<\(n("tbl"))><\(n("tr"))><\(n("tc"))>\(para("別表1 保守対象機器"))</\(n("tc"))></\(n("tr"))></\(n("tbl"))>"
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <\(n("document")) \(declarations)><\(n("body"))>\(para("第1条（目的）"))\(para("乙は、甲の電子カルテシステムを保守する。", indent: true))\(table)\(para("第2条（再委託）"))<\(n("sectPr"))/></\(n("body"))></\(n("document"))>
      """
  }

  static let edits: [RedlineEdit] = [
    .insert(after: 0, "乙は、本業務に係る安全管理を行う。"),
    .replace(1, with: "乙は、甲の医療情報システムを保守し、その安全管理を行う。"),
    .insert(after: 2, "第1条の2（報告）\n乙は、障害を直ちに甲に報告する。"),
  ]

  static let accepted = [
    "第1条（目的）", "乙は、本業務に係る安全管理を行う。", "乙は、甲の医療情報システムを保守し、その安全管理を行う。", "別表1 保守対象機器",
    "第1条の2（報告）", "乙は、障害を直ちに甲に報告する。", "第2条（再委託）",
  ]

  /// Elements and text as a namespace-aware reader sees them.
  final class Collect: XMLEventHandler {
    var elements: [(ns: String, local: String, attributes: [XMLEvents.Attribute])] = []
    var deletedText = ""
    var insideDelText = false
    func start(_ namespace: String, _ local: String, _ attributes: [XMLEvents.Attribute]) {
      elements.append((namespace, local, attributes))
      insideDelText = namespace == RedlineNamespaceTests.wml && local == "delText"
    }
    func end(_ namespace: String, _ local: String) { insideDelText = false }
    func text(_ text: String) { if insideDelText { deletedText += text } }
  }

  func check(elements p: String, attributes a: String, declarations: String) throws {
    let xml = Self.document(elements: p, attributes: a, declarations: declarations)
    let original = try DocxBuilder.build(parts: ["word/document.xml": xml])
    // The original reads as its four paragraphs (table cell included).
    #expect(try DocxReader.read(original, path: "a.docx").text.components(separatedBy: "\n").count == 4)
    let out = try DocxRedline.apply(
      to: original, edits: Self.edits, author: "さくら病院", date: Self.date, path: "a.docx")
    // Read back by namespace, the changes are accepted where the edits put them.
    let read = try DocxReader.read(out, path: "out.docx")
    #expect(read.text.components(separatedBy: "\n") == Self.accepted)
    // The part is namespace-well-formed (no unbound prefix), and the tracked changes are
    // WordprocessingML's own ins and del, with ids, author and date in its namespace.
    let part = try zipPart(out, "word/document.xml")
    let collect = Collect()
    try XMLEvents.parse(Data(part.utf8), collect)
    let ins = collect.elements.filter { $0.ns == Self.wml && $0.local == "ins" }
    let del = collect.elements.filter { $0.ns == Self.wml && $0.local == "del" }
    #expect(ins.count == 7)  // 3 new paragraphs (mark and text each), the replacement's text
    #expect(del.count == 1)
    for change in ins + del {
      #expect(change.attributes.value(Self.wml, "author") == "さくら病院")
      #expect(change.attributes.value(Self.wml, "id") != nil)
    }
    #expect(collect.deletedText == "乙は、甲の電子カルテシステムを保守する。")
    // The replaced paragraph keeps its indent; the new paragraph after it copies it.
    let indents = collect.elements.filter { $0.ns == Self.wml && $0.local == "ind" }
    #expect(indents.count == 1)
    // Nothing left in the original namespace-less or foreign names: every element is WML's.
    #expect(collect.elements.allSatisfy { $0.ns == Self.wml })
  }

  @Test func ns0Prefix() throws {
    try check(elements: "ns0", attributes: "ns0", declarations: "xmlns:ns0=\"\(Self.wml)\"")
  }

  @Test func defaultNamespaceWithAnotherAttributePrefix() throws {
    try check(elements: "", attributes: "x", declarations: "xmlns=\"\(Self.wml)\" xmlns:x=\"\(Self.wml)\"")
  }

  @Test func defaultNamespaceWithW() throws {
    try check(elements: "", attributes: "w", declarations: "xmlns=\"\(Self.wml)\" xmlns:w=\"\(Self.wml)\"")
  }

  @Test func wPrefixAsWordWritesIt() throws {
    try check(elements: "w", attributes: "w", declarations: "xmlns:w=\"\(Self.wml)\"")
  }

  /// `w:` bound to another namespace: its elements are not paragraphs, and the ones in the
  /// WordprocessingML namespace (here `ns0:`) are.
  @Test func wBoundToSomethingElse() throws {
    try check(
      elements: "ns0", attributes: "ns0",
      declarations: "xmlns:ns0=\"\(Self.wml)\" xmlns:w=\"urn:example:not-word\"")
  }

  /// A prefix bound to WordprocessingML in one place and to another namespace elsewhere cannot be
  /// matched by prefix: refused with a message, not misread.
  @Test func prefixBoundToTwoNamespacesIsRefused() throws {
    let xml = """
      <w:document xmlns:w="\(Self.wml)"><w:body><w:p><w:r><w:t>第1条</w:t></w:r></w:p>\
      <x:extra xmlns:x="urn:example"><w:p xmlns:w="urn:example:other"/></x:extra></w:body></w:document>
      """
    let original = try DocxBuilder.build(parts: ["word/document.xml": xml])
    let error = #expect(throws: OfficeWriteError.self) {
      try DocxRedline.apply(to: original, edits: [.insert(after: 0, "追記")], author: "a", date: Self.date)
    }
    #expect(error.map { "\($0)" }?.contains("名前空間") == true)
  }
}
