import BunkaiCore
import Foundation
import Testing

@testable import BunkaiFormats

@Suite struct RedlineTests {
  typealias F = RedlineFixture

  func redlined() throws -> (original: Data, output: Data) {
    let original = try F.docx()
    return (original, try DocxRedline.apply(to: original, edits: F.edits, author: F.author, date: F.date))
  }

  /// The accepted text: the original paragraphs with the insertions and the replacement.
  static let accepted: [String] = {
    var p = F.paragraphs
    p.insert(contentsOf: ["第5条（安全管理）", "乙は、本業務に係る安全管理を、<ガイドライン> & 関係法令に従って行う。"], at: 14)
    p[7] = "乙の損害賠償の額は、直近一年間の委託料を上限とする。ただし、乙の故意又は重過失による損害については、この限りでない。"
    p.insert(
      contentsOf: [
        "2　乙は、前項の規定にかかわらず、再委託をするときは、あらかじめ甲の書面による承諾を得なければならない。",
        "3　乙は、再委託先に本契約と同等の義務を負わせ、これを監督する。",
      ], at: 6)
    return p
  }()

  @Test func fixtureReadsAsWritten() throws {
    let s = try DocxReader.read(try F.docx(), path: "fixture.docx")
    #expect(s.text.components(separatedBy: "\n") == F.paragraphs)
  }

  @Test func readerSeesTheAcceptedText() throws {
    // DocxReader skips w:del and keeps w:ins: it reads the document as if the changes were accepted.
    let s = try DocxReader.read(try redlined().output, path: "redline.docx")
    #expect(s.text.components(separatedBy: "\n") == Self.accepted)
  }

  @Test func changesSitWhereTheEditsPutThem() throws {
    let out = try zipPart(try redlined().output, "word/document.xml")
    let x = XMLBytes(Array(out.utf8))
    let spans = try DocumentSplicer(x.b, author: "", date: F.date).paragraphs().map {
      String(decoding: x.b[$0.open.start..<$0.end], as: UTF8.self)
    }
    #expect(spans.count == F.paragraphs.count + 4)
    let mark = "<w:rPr><w:ins w:id="
    let author = "w:author=\"\(F.author)\" w:date=\"2026-11-21T00:00:00Z\""
    for i in [6, 7, 16, 17] {
      #expect(spans[i].contains(mark) && spans[i].contains(author), "段落 \(i) は挿入された段落のはず")
    }
    for i in spans.indices where ![6, 7, 9, 16, 17].contains(i) {
      #expect(!spans[i].contains("<w:ins") && !spans[i].contains("<w:del"), "段落 \(i) は変わらないはず")
    }
    // The anchor's indent and run font come along; its numbering is switched off.
    #expect(spans[6].contains("<w:ind w:left=\"210\"/>") && spans[6].contains("<w:numId w:val=\"0\"/>"))
    #expect(spans[6].contains("<w:rFonts w:hint=\"eastAsia\"/>"))
    // The replaced paragraph: old runs deleted, new text inserted, properties kept.
    #expect(spans[9].hasPrefix("<w:p><w:pPr><w:ind w:left=\"210\"/></w:pPr><w:bookmarkStart w:id=\"7\""))
    #expect(spans[9].contains("<w:delText>いかなる場合においても</w:delText>"))
    #expect(spans[9].contains("<w:delText xml:space=\"preserve\">乙の損害賠償の額は、</w:delText>"))
    #expect(!spans[9].contains("<w:t>") && spans[9].contains("<w:ins w:id="))
    #expect(out.contains("&lt;ガイドライン&gt; &amp; 関係法令"))
  }

  @Test func revisionIdsAreNewAndUnique() throws {
    let out = try zipPart(try redlined().output, "word/document.xml")
    let ids = try Regex(#"<w:(?:ins|del) w:id="(\d+)""#).matches(out: out)
    #expect(ids.count == 12)  // 4 inserted paragraphs (mark and text each), 3 deleted runs, 1 inserted text
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0 > 7 })
  }

  @Test func everythingElseIsByteForByteTheOriginal() throws {
    let (original, output) = try redlined()
    let a = try zipEntries(original)
    let b = try zipEntries(output)
    // The fixture has no settings part: one is added (with its type and relationship) so that
    // 「変更履歴の記録」 is on for the vendor's own edits (issue 12, item 10).
    #expect(a.map(\.path) + ["word/settings.xml"] == b.map(\.path))
    let added = ["word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"]
    for (x, y) in zip(a, b) where !added.contains(x.path) {
      #expect(x.data == y.data, "\(x.path) が変わっています")
    }
    #expect(try zipPart(output, "word/settings.xml").contains("<w:trackRevisions/>"))
    let edited = try zipPart(output, "word/document.xml")
    #expect(edited != F.documentXML)
    #expect(Self.revert(edited, author: F.author) == F.documentXML)
  }

  /// Takes out what the redline added: inserted paragraphs, inserted text, deletion wrappers.
  static func revert(_ xml: String, author: String) -> String {
    let who = #"w:id="\d+" w:author=""# + author + #"" w:date="[^"]+""#
    var s = xml
    s = s.replacing(
      try! Regex("<w:p><w:pPr>((?!</w:p>).)*?<w:rPr><w:ins \(who)/></w:rPr></w:pPr>((?!</w:p>).)*</w:p>"),
      with: "")
    s = s.replacing(try! Regex("<w:ins \(who)>((?!</w:ins>).)*</w:ins>"), with: "")
    s = s.replacing(try! Regex("<w:del \(who)>(((?!</w:del>).)*)</w:del>")) { m in
      String(m.output[1].substring ?? "").replacingOccurrences(of: "<w:delText", with: "<w:t")
        .replacingOccurrences(of: "</w:delText>", with: "</w:t>")
    }
    return s
  }

  @Test func emptyParagraphCanBeReplacedAndIndicesAreChecked() throws {
    let out = try DocxRedline.apply(
      to: try F.docx(), edits: [.replace(14, with: "以上")], author: "甲", date: F.date)
    let xml = try zipPart(out, "word/document.xml")
    #expect(xml.contains("<w:p w:rsidR=\"00000001\"><w:ins w:id=\"8\" w:author=\"甲\""))
    #expect(try DocxReader.read(out, path: "a.docx").text.hasSuffix("\n以上"))
    #expect(throws: OfficeWriteError.self) {
      try DocxRedline.apply(to: try F.docx(), edits: [.insert(after: 15, "x")], author: "甲", date: F.date)
    }
  }

  @Test func textBoxesAndEarlierChangesAreRespected() throws {
    let body =
      "<w:p><w:r><w:t>外側</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>内側</w:t></w:r></w:p>"
      + "</w:txbxContent></w:pict></w:r></w:p>"
      + "<w:p><w:ins w:id=\"41\" w:author=\"乙\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t>乙の挿入</w:t></w:r></w:ins>"
      + "<w:del w:id=\"3\" w:author=\"乙\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:delText>乙の削除</w:delText></w:r></w:del></w:p>"
    let original = try DocxBuilder.build(parts: ["word/document.xml": DocxBuilder.document(body)])
    // The reader counts the text box's paragraph before the paragraph holding it.
    #expect(try DocxReader.read(original, path: "a.docx").text == "内側\n外側\n乙の挿入")
    let out = try DocxRedline.apply(
      to: original, edits: [.replace(1, with: "新しい外側"), .replace(2, with: "甲の文言")], author: "甲", date: F.date)
    // A paragraph holding a text box is not emptied: the wording is added after it instead.
    #expect(try DocxReader.read(out, path: "a.docx").text == "内側\n外側\n新しい外側\n甲の文言")
    let xml = try zipPart(out, "word/document.xml")
    // New ids follow the largest one; the other author's changes stay, with ours inside.
    #expect(
      xml.contains(
        "<w:ins w:id=\"41\" w:author=\"乙\" w:date=\"2026-01-01T00:00:00Z\"><w:del w:id=\"44\" w:author=\"甲\"")
    )
    #expect(xml.contains("<w:delText>乙の挿入</w:delText>") && xml.contains("<w:delText>乙の削除</w:delText>"))
    #expect(xml.components(separatedBy: "<w:del ").count == 3)
  }

  @Test func textSourceBecomesADocxWithTheSameChanges() throws {
    let text = "保守契約書\n第1条（目的）\n甲は乙に保守を委託する。\n第2条（再委託）\n乙は自由に再委託できる。"
    let edits: [RedlineEdit] = [
      .replace(4, with: "乙は、甲の書面による承諾を得て再委託できる。"), .insert(after: 2, "2　乙は、<手順書>に従う。\n3　次項"),
    ]
    let out = try DocxRedline.fromText(text, edits: edits, author: F.author, date: F.date)
    #expect(
      try DocxReader.read(out, path: "a.docx").text
        == "保守契約書\n第1条（目的）\n甲は乙に保守を委託する。\n2　乙は、<手順書>に従う。\n3　次項\n第2条（再委託）\n乙は、甲の書面による承諾を得て再委託できる。")
    let xml = try zipPart(out, "word/document.xml")
    #expect(xml.contains("<w:delText xml:space=\"preserve\">乙は自由に再委託できる。</w:delText>"))
    #expect(xml.contains("w:author=\"\(F.author)\" w:date=\"2026-11-21T00:00:00Z\""))
    #expect(throws: OfficeWriteError.self) {
      try DocxRedline.fromText(text, edits: [.replace(5, with: "x")], author: "甲", date: F.date)
    }
  }

  @Test func decisionsBecomeEditsAtTheFindingsPlaces() throws {
    let original = try F.docx()
    let source = try DocxReader.read(original, path: "fixture.docx")
    let review = CorpusTests.reviewer.review(source)
    func finding(_ rule: String) throws -> Int {
      try #require(review.findings.firstIndex { $0.ruleId == rule })
    }
    let decisions = [
      // The quote is one paragraph: it is replaced.
      RedlineDecision(
        finding: try finding("B2-subcontract-control"), wording: "乙は、甲の承諾を得て再委託できる。", replace: true),
      // The quote is the cap's own sentence (not the table after it): that paragraph is replaced.
      RedlineDecision(finding: try finding("D1-liability-carveout"), wording: "損害賠償の追加文言", replace: true),
      // A missing clause goes after the last article.
      RedlineDecision(finding: try finding("A-guideline-basis"), wording: "第5条（安全管理）\n安全管理の文言"),
      RedlineDecision(finding: 0, wording: "  \n"), RedlineDecision(finding: 999, wording: "x"),
    ]
    let edits = DocxRedline.edits(for: review, decisions: decisions)
    #expect(
      edits == [
        .replace(5, with: "乙は、甲の承諾を得て再委託できる。"), .replace(7, with: "損害賠償の追加文言"),
        .insert(after: 13, "第5条（安全管理）\n安全管理の文言"),
      ])
    let out = try DocxRedline.apply(to: original, edits: edits, author: F.author, date: F.date)
    var expected = F.paragraphs
    expected.insert(contentsOf: ["第5条（安全管理）", "安全管理の文言"], at: 14)
    expected[7] = "損害賠償の追加文言"
    // The replaced paragraph keeps its numbering.
    expected[5] = "1.\t乙は、甲の承諾を得て再委託できる。"
    #expect(try DocxReader.read(out, path: "a.docx").text.components(separatedBy: "\n") == expected)
    let xml = try zipPart(out, "word/document.xml")
    // The table after the replaced paragraph is left as it was.
    let tableStart = try #require(xml.range(of: "<w:tbl>"))
    let added = try #require(xml.range(of: "損害賠償の追加文言"))
    #expect(added.upperBound < tableStart.lowerBound)
    #expect(DocxRedline.paragraph(containing: 0, in: source) == 0)
    #expect(DocxRedline.paragraph(containing: source.scalars.count, in: source) == 14)
    let text = SourceText(text: "一行目\n二行目\n三行目")
    #expect(DocxRedline.paragraph(containing: 5, in: text) == 1)
  }
}

extension Regex<AnyRegexOutput> {
  /// The first capture of each match, as a number.
  func matches(out text: String) -> [Int] {
    text.matches(of: self).compactMap { m in m.output[1].substring.flatMap { Int($0) } }
  }
}
