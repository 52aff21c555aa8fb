import BunkaiCore
import Foundation
import Testing

@testable import BunkaiFormats

@Suite struct EncodingTests {
  static let expected = try! String(contentsOf: Fixtures.url("formats/pdf_contract.txt"), encoding: .utf8)

  @Test(arguments: [
    ("formats/sjis.txt", "Shift_JIS"), ("formats/euc.txt", "EUC-JP"), ("formats/utf16le.txt", "UTF-16LE"),
    ("formats/utf16be.txt", "UTF-16BE"), ("formats/utf8bom.txt", "UTF-8 (BOM)"),
    ("formats/pdf_contract.txt", "UTF-8"),
  ])
  func decodesEveryEncoding(path: String, encoding: String) throws {
    let s = try DocumentLoader.load(path: Fixtures.url(path).path)
    #expect(s.encoding == encoding)
    #expect(s.text == Self.expected)
    #expect(s.format == "txt")
  }

  @Test func shiftJISWindowsExtensions() throws {
    let s = try DocumentLoader.load(path: Fixtures.url("formats/sjis_ext.txt").path)
    #expect(s.text.contains("髙﨑医院と①の件"))
  }

  @Test func foundationEncodedShiftJISRoundTrips() throws {
    // An encoder other than the test fixtures' Python one.
    let text = "第十二条（損害賠償）乙の賠償額は、委託料を上限とする。"
    let data = text.data(using: .shiftJIS)!
    #expect(TextDecoding.decode(data)?.text == text)
  }
}

@Suite struct BadInputTests {
  func failure(_ body: () throws -> Void) -> InputError.Kind? {
    do {
      try body()
      return nil
    } catch let e as InputError {
      #expect(!e.detail.isEmpty)
      return e.kind
    } catch {
      return nil
    }
  }

  @Test func missingFileAndDirectory() {
    #expect(failure { _ = try DocumentLoader.load(path: "/nonexistent/契約書.txt") } == .notFound)
    #expect(failure { _ = try DocumentLoader.load(path: Fixtures.root.path) } == .isDirectory)
  }

  @Test func emptyAndBlankFiles() {
    #expect(failure { _ = try DocumentLoader.load(data: Data(), path: "a.txt") } == .empty)
    #expect(failure { _ = try DocumentLoader.load(data: Data("  \n　\n".utf8), path: "a.txt") } == .empty)
  }

  @Test func undecodableBytes() {
    #expect(
      failure { _ = try DocumentLoader.load(path: Fixtures.url("formats/undecodable.txt").path) }
        == .undecodable)
  }

  @Test func tooLarge() {
    var limits = InputLimits()
    limits.maxFileBytes = 100
    #expect(
      failure {
        _ = try DocumentLoader.load(path: Fixtures.url("formats/pdf_contract.txt").path, limits: limits)
      } == .tooLarge)
  }

  @Test func corruptAndTruncatedDocx() throws {
    #expect(
      failure { _ = try DocumentLoader.load(data: Data("PK\u{03}\u{04}garbage".utf8), path: "a.docx") }
        == .corruptDocx)
    let good = try DocxBuilder.build(parts: [
      "word/document.xml": DocxBuilder.document(DocxBuilder.para("第1条（目的）"))
    ])
    #expect(
      failure { _ = try DocumentLoader.load(data: good.prefix(good.count / 2), path: "a.docx") }
        == .corruptDocx)
    let noBody = try DocxBuilder.build(parts: ["word/other.xml": "<x/>"])
    #expect(failure { _ = try DocumentLoader.load(data: noBody, path: "a.docx") } == .corruptDocx)
    let badXML = try DocxBuilder.build(parts: ["word/document.xml": "<w:document><w:body><w:p>"])
    #expect(failure { _ = try DocumentLoader.load(data: badXML, path: "a.docx") } == .corruptDocx)
  }

  @Test func zipBombs() throws {
    // A highly compressible part: 30 MB of one character compresses about 1000:1.
    let huge = DocxBuilder.document(DocxBuilder.para(String(repeating: "あ", count: 10_000_000)))
    let bomb = try DocxBuilder.build(parts: ["word/document.xml": huge])
    #expect(bomb.count < 1_000_000)
    #expect(failure { _ = try DocumentLoader.load(data: bomb, path: "bomb.docx") } == .zipBomb)
    // Too many entries.
    var parts = ["word/document.xml": DocxBuilder.document(DocxBuilder.para("x"))]
    for i in 0..<30 { parts["word/media/image\(i).bin"] = "x" }
    var limits = InputLimits()
    limits.maxZipEntries = 20
    let many = try DocxBuilder.build(parts: parts)
    #expect(
      failure { _ = try DocumentLoader.load(data: many, path: "many.docx", limits: limits) } == .zipBomb)
    // Total size over the limit, with an honest ratio.
    limits = InputLimits()
    limits.maxUncompressedBytes = 1000
    let big = try DocxBuilder.build(
      parts: [
        "word/document.xml": DocxBuilder.document(DocxBuilder.para(String(repeating: "第1条", count: 400)))
      ], compression: .none)
    #expect(failure { _ = try DocumentLoader.load(data: big, path: "big.docx", limits: limits) } == .zipBomb)
  }

  @Test func oldWordFormat() {
    #expect(
      failure { _ = try DocumentLoader.load(data: Data([0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3]), path: "a.doc") }
        == .unsupported)
  }
}

@Suite struct DocxTests {
  @Test func paragraphsTablesAndTrackedChanges() throws {
    let body =
      DocxBuilder.para("保守契約書")
      + "<w:p><w:r><w:t>第1条（目的）</w:t></w:r></w:p>"
      + "<w:p><w:r><w:t>乙は</w:t></w:r><w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>消した文</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>追加した文</w:t></w:r></w:ins><w:r><w:tab/><w:t>を行う。</w:t></w:r></w:p>"
      + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>機器</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>台数</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
      + DocxBuilder.para("第2条（協議）")
    let data = try DocxBuilder.build(parts: ["word/document.xml": DocxBuilder.document(body)])
    let s = try DocumentLoader.load(data: data, path: "c.docx")
    #expect(s.text == "保守契約書\n第1条（目的）\n乙は追加した文\tを行う。\n機器\n台数\n第2条（協議）")
    #expect(s.format == "docx")
    #expect(s.origins.map(\.inTable) == [false, false, false, true, true, false])
    #expect(s.origins.map(\.start) == [0, 6, 14, 27, 30, 33])
  }

  @Test func automaticNumbering() throws {
    let numbering = """
      <w:numbering \(DocxBuilder.ns)>
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="japaneseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="2"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%2"/><w:suff w:val="space"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
      </w:numbering>
      """
    let body =
      DocxBuilder.para("（目的）") + DocxBuilder.para("本契約は保守を定める。", numId: "5")
      + DocxBuilder.para("（再委託）") + DocxBuilder.para("乙は再委託できる。", numId: "5")
      + DocxBuilder.para("乙は報告する。", numId: "5", level: 1) + DocxBuilder.para("障害", numId: "6")
      + DocxBuilder.para("乙は、第十二条に定める事項を守る。", numId: "5")
    let data = try DocxBuilder.build(parts: [
      "word/document.xml": DocxBuilder.document(body), "word/numbering.xml": numbering,
    ])
    let s = try DocumentLoader.load(data: data, path: "n.docx")
    #expect(
      s.text.split(separator: "\n") == [
        "（目的）", "第一条 本契約は保守を定める。", "（再委託）", "第二条 乙は再委託できる。", "２ 乙は報告する。", "(1)\t障害", "第三条 乙は、第十二条に定める事項を守る。",
      ])
    let c = ContractParser.parse(s)
    #expect(c.articles.map(\.number) == ["1", "2", "3"])
    #expect(c.articles.map(\.heading) == ["目的", "再委託", nil])
    #expect(c.articles[1].paragraphs.count == 2)
  }

  @Test func realWordFilesFromPythonDocx() throws {
    let dir = Fixtures.url("contracts/docx")
    let files =
      (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".docx") } ?? []
    #expect(files.count >= 3)
    for f in files {
      let s = try DocumentLoader.load(path: dir.appendingPathComponent(f).path)
      #expect(ContractParser.parse(s).articles.count > 3, "\(f)")
    }
  }
}

@Suite struct PDFTests {
  @Test func readsTheTextLayerWithPdftotext() throws {
    try #require(PDFText.tool() != nil, "poppler-utils (pdftotext) is installed by .ci/run")
    let s = try DocumentLoader.load(path: Fixtures.url("formats/pdf_contract.pdf").path)
    #expect(s.format == "pdf")
    let c = ContractParser.parse(s)
    #expect(c.articles.map(\.number) == ["1", "2", "3"])
    #expect(c.parties.map(\.role) == [.institution, .vendor])
  }
}
