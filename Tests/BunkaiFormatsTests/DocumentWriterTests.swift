import BunkaiCore
import Foundation
import Testing

@testable import BunkaiFormats

@Suite struct AnnexTests {
  @Test func docxDeclaresJapaneseFontsAndRepeatsTableHeaders() throws {
    let annex = try AnnexFixture.annex()
    let data = try AnnexDocx.render(annex)
    let parts = try zipEntries(data).map(\.path)
    for p in [
      "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
      "word/_rels/document.xml.rels",
      "docProps/core.xml",
    ] {
      #expect(parts.contains(p), "\(p) がありません")
    }
    let styles = try zipPart(data, "word/styles.xml")
    #expect(styles.contains("w:eastAsia=\"游明朝\"") && styles.contains("w:eastAsia=\"ja-JP\""))
    let doc = try zipPart(data, "word/document.xml")
    #expect(doc.components(separatedBy: "<w:tblHeader/>").count == 3)  // header block and items table
    #expect(doc.contains("w:orient=\"landscape\""))
    #expect(doc.contains("電子カルテシステム保守契約 &lt;第2版&gt; &amp; 付属書"))
    #expect(!doc.contains("<第2版>"))
    for row in annex.rows {
      #expect(doc.contains(row.number) && doc.contains(XMLText.escape(row.title)))
    }
    #expect(doc.contains("情報システム課 山田（2026-06-20 10:00）"))
    // The reader sees every cell, one paragraph per line.
    let text = try DocxReader.read(data, path: "annex.docx").text
    #expect(text.contains(Annex.title) && text.contains("甲は、乙の説明に基づき院内の手順を整える。"))
  }

  @Test func xlsxPutsTheOfficialColumnsFirst() throws {
    let annex = try AnnexFixture.annex()
    let data = try AnnexXlsx.render(annex)
    let sheet = try zipPart(data, "xl/worksheets/sheet1.xml")
    let header = sheet.matches(
      of: #/<c r="[A-Z]+1" s="1" t="inlineStr"><is><t xml:space="preserve">([^<]*)</t>/#
    )
    .map { String($0.output.1) }
    #expect(Array(header.prefix(7)) == ["項番", "項目", "内容", "初回確認", "完了日", "担当", "合意内容"])
    #expect(sheet.contains("state=\"frozen\"") && sheet.contains("<row r=\"\(annex.rows.count + 1)\" ht="))
    #expect(sheet.contains("はい（令和8年5月10日）"))
    let workbook = try zipPart(data, "xl/workbook.xml")
    #expect(workbook.contains("name=\"合意事項\"") && workbook.contains("_xlnm.Print_Titles"))
    let header2 = try zipPart(data, "xl/worksheets/sheet2.xml")
    #expect(header2.contains("電子カルテシステム保守契約 &lt;第2版&gt; &amp; 付属書"))
    // Back through the project's own reader.
    let read = try XlsxReader.read(data, path: "annex.xlsx")
    #expect(read.map(\.name) == ["合意事項", "契約"])
    #expect(read.first?.rows.first?.first == "項番")
    // The items, then 以上 and the block where both parties sign and seal.
    let rows = read.first?.rows ?? []
    #expect(rows.count > annex.rows.count + 1)
    #expect(rows.dropFirst(annex.rows.count + 1).contains { $0.contains("以上") })
    #expect(rows.dropFirst(annex.rows.count + 1).contains { $0.contains { $0.contains("記名押印") } })
  }

  @Test func htmlIsSelfContainedAndEscaped() throws {
    let html = AnnexHTML.render(try AnnexFixture.annex())
    #expect(
      html.hasPrefix("<!DOCTYPE html>") && html.contains("@media print")
        && html.contains("thead{display:table-header-group}"))
    #expect(html.contains("電子カルテシステム保守契約 &lt;第2版&gt; &amp; 付属書") && !html.contains("<第2版>"))
    #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    #expect(html.contains("<br>甲は、乙の説明に基づき"))
  }

  @Test func aFullPart2AnnexIsFast() throws {
    let annex = try AnnexFixture.annex()
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
      _ = try AnnexDocx.render(annex)
      _ = try AnnexXlsx.render(annex)
      _ = AnnexHTML.render(annex)
    }
    #expect(elapsed < .milliseconds(200), "\(elapsed)")
  }

  @Test func sheetNamesAndColumnsFollowExcelsRules() {
    #expect(XlsxWriter.column(0) == "A" && XlsxWriter.column(25) == "Z" && XlsxWriter.column(26) == "AA")
    #expect(
      XlsxWriter.uniqueNames(["a/b", "A/B", "", String(repeating: "長", count: 40)]) == [
        "ab", "AB(2)", "Sheet3", String(repeating: "長", count: 31),
      ])
  }

  @Test func xmlEscapingDropsControlCharacters() {
    #expect(XMLText.escape("a<b>&\"'\u{1}\tc") == "a&lt;b&gt;&amp;&quot;&apos;\tc")
  }
}

@Suite struct ReviewMemoTests {
  static func memo() throws -> ReviewMemo {
    let source = try DocxReader.read(try RedlineFixture.docx(), path: "保守契約書.docx")
    let review = CorpusTests.reviewer.review(source)
    let kinds: [MemoDecision.Kind] = [.propose, .proposeEdited, .notNeeded, .later]
    var decisions: [Int: MemoDecision] = [:]
    for i in review.findings.indices where i < kinds.count {
      decisions[i] = MemoDecision(
        kind: kinds[i], wording: kinds[i] == .proposeEdited ? "乙は、修正した文言 `code` に従う。" : "",
        reason: "理由\(i + 1)：院内で協議した結果 <要確認>", by: "山田 花子", at: "2026-11-2\(i) 10:00")
    }
    return ReviewMemo(
      review: ReviewJSON(review, catalog: CorpusTests.reviewer.catalog),
      catalog: CorpusTests.reviewer.catalog,
      decisions: decisions, generatedOn: "2026-11-21")
  }

  @Test func markdownHasEveryDecisionAndReason() throws {
    let memo = try Self.memo()
    #expect(memo.review.findings.count >= 4)
    let md = memo.markdown()
    for (i, f) in memo.review.findings.enumerated() {
      let d = memo.decisions[i] ?? .undecided
      #expect(md.contains(MarkdownReport.escape(d.kind.label)))
      #expect(md.contains("## \(i + 1). \(MarkdownReport.escape(f.title))"))
      if !d.reason.isEmpty { #expect(md.contains("理由\(i + 1)：院内で協議した結果 \\<要確認\\>")) }
    }
    #expect(md.contains("乙は、修正した文言 `code` に従う。") && md.contains("山田 花子、2026-11-20 10:00"))
    #expect(md.contains(memo.review.findings[0].suggestion.text))
    #expect(md.contains("未判断") == (memo.review.findings.count > 4))
  }

  @Test func docxHoldsTheSameDecisions() throws {
    let memo = try Self.memo()
    let text = try DocxReader.read(try memo.docx(), path: "memo.docx").text
    #expect(text.contains("理由1：院内で協議した結果 <要確認>") && text.contains("文言を修正して提案する（山田 花子"))
    #expect(text.contains(Reviewer.disclaimer))
  }
}

/// Writes every kind of output where BUNKAI_OFFICE_OUT points, for scripts/check_office.py to
/// open with LibreOffice, python-docx and openpyxl.
@Suite struct SampleOutputs {
  @Test func writeSamples() throws {
    guard let dir = ProcessInfo.processInfo.environment["BUNKAI_OFFICE_OUT"], !dir.isEmpty else { return }
    let url = URL(fileURLWithPath: dir)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    func write(_ name: String, _ data: Data) throws { try data.write(to: url.appendingPathComponent(name)) }
    let annex = try AnnexFixture.annex()
    try write("annex.docx", try AnnexDocx.render(annex))
    try write("annex.xlsx", try AnnexXlsx.render(annex))
    try write("annex.html", Data(AnnexHTML.render(annex).utf8))
    let memo = try ReviewMemoTests.memo()
    try write("memo.docx", try memo.docx())
    try write("memo.md", Data(memo.markdown().utf8))
    let original = try RedlineFixture.docx()
    try write("original.docx", original)
    try write(
      "redline-from-docx.docx",
      try DocxRedline.apply(
        to: original, edits: RedlineFixture.edits, author: RedlineFixture.author, date: RedlineFixture.date))
    let text = RedlineFixture.paragraphs.joined(separator: "\n")
    try write(
      "redline-from-text.docx",
      try DocxRedline.fromText(
        text, edits: RedlineFixture.edits, author: RedlineFixture.author, date: RedlineFixture.date))
  }
}
