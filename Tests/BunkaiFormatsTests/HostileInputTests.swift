import BunkaiCore
import Foundation
import Testing

@_spi(Fuzzing) @testable import BunkaiFormats

/// Hostile uploads (Tests/Fixtures/hostile, made by scripts/make_hostile.py): each used to crash
/// or stall the process, and must now give a clean error in Japanese naming the file, or a
/// normal result.
@Suite struct HostileInputTests {
  static func data(_ name: String) throws -> Data {
    try Data(contentsOf: Fixtures.url("hostile/\(name)"))
  }

  /// True when the message has Japanese in it (kana or kanji).
  static func isJapanese(_ s: String) -> Bool {
    s.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
  }

  /// The InputError a body throws, or nil (and a recorded issue) when it throws none.
  static func inputError(_ body: () throws -> Void) -> InputError? {
    do {
      try body()
      Issue.record("expected an InputError")
    } catch let e as InputError {
      return e
    } catch {
      Issue.record("unexpected error \(error)")
    }
    return nil
  }

  /// The error DocumentLoader throws for a file of the hostile folder.
  static func loaderError(_ name: String) throws -> InputError? {
    do {
      _ = try DocumentLoader.load(data: try data(name), path: name)
      return nil
    } catch let e as InputError {
      return e
    }
  }

  @Test(arguments: [
    ("element-name-not-utf8.docx", InputError.Kind.corruptDocx),
    ("attribute-name-not-utf8.docx", .corruptDocx),
    ("unbound-prefix.docx", .corruptDocx),
    ("doctype-entities.docx", .corruptDocx),
    ("deep-nesting.docx", .corruptDocx),
    ("truncated-xml.docx", .corruptDocx),
    ("central-directory-past-end.docx", .corruptDocx),
    ("local-header-past-end.docx", .corruptDocx),
    ("entry-size-past-end.docx", .corruptDocx),
    ("too-many-entries.docx", .zipBomb),
    ("zip64-locator.docx", .corruptDocx),
    ("document-is-symlink.docx", .corruptDocx),
    ("encrypted-entry.docx", .corruptDocx),
    ("deflate-stream-cut-short.docx", .corruptDocx),
  ])
  func brokenDocxIsAClearError(name: String, kind: InputError.Kind) throws {
    let e = try #require(try Self.loaderError(name))
    #expect(e.kind == kind)
    #expect(Self.isJapanese(e.detail), "\(e.detail)")
    #expect(e.description.hasPrefix(name))
  }

  /// Found by FuzzRedline: ZIPFoundation's inflater looped for ever on a deflate stream that ends
  /// before its last block. Parts are inflated by LimitedZip now, which stops at the input's end.
  @Test func deflateStreamCutShortIsAnErrorNotAHang() throws {
    let data = try Self.data("deflate-stream-cut-short.docx")
    let clock = ContinuousClock()
    let start = clock.now
    #expect(throws: InputError.self) {
      _ = try DocxRedline.apply(to: data, edits: [.insert(after: 0, "追加")], author: "甲", date: Date())
    }
    #expect(clock.now - start < .seconds(5))
  }

  /// Found by FuzzRedline: in a document.xml with tags out of order, one edited paragraph's span
  /// covered another's and the splicer cut a range backwards (a trap). The input is the harness's:
  /// document.xml, a NUL byte, then (kind, paragraph + 2) byte pairs.
  @Test func overlappingEditsAreRefused() throws {
    let data = try Self.data("redline-overlapping-edits.bin")
    let nul = try #require(data.firstIndex(of: 0))
    let spec = [UInt8](data[(nul + 1)...])
    var edits: [RedlineEdit] = []
    for k in stride(from: 0, to: spec.count - 1, by: 2) {
      let p = Int(spec[k + 1]) - 2
      edits.append(spec[k] & 1 == 0 ? .insert(after: p, "追加の文言") : .replace(p, with: "新しい文言"))
    }
    #expect(throws: OfficeWriteError.self) {
      _ = try DocxRedline.splice(document: [UInt8](data[..<nul]), edits: edits, author: "甲", date: Date())
    }
  }

  @Test func invalidNamesAreReportedWithTheirLine() throws {
    let e = try #require(try Self.loaderError("element-name-not-utf8.docx"))
    #expect(e.detail.contains("word/document.xml"))
    #expect(e.detail.contains("行目"))
  }

  @Test func japaneseCountingPastTenThousand() throws {
    let s = try DocumentLoader.load(data: try Self.data("japanese-counting-10000.docx"), path: "a.docx")
    #expect(s.text.hasPrefix("第一万条\t目的\n第一万一条\t定義"))
  }

  @Test func startNearIntMaxIsCappedNotOverflowed() throws {
    for name in ["start-near-int-max.docx", "start-past-int-max.docx"] {
      let s = try DocumentLoader.load(data: try Self.data(name), path: name)
      let lines = s.text.split(separator: "\n")
      #expect(lines.count == 3)
      #expect(lines.allSatisfy { $0.hasPrefix("第") })
    }
  }

  @Test func hugeRomanStartIsQuick() throws {
    let clock = ContinuousClock()
    let start = clock.now
    let s = try DocumentLoader.load(data: try Self.data("upper-roman-1e11.docx"), path: "a.docx")
    #expect(clock.now - start < .seconds(2))
    #expect(s.text.count < 200)
    #expect(s.text.contains("目的"))
  }

  @Test func negativeStartDoesNotTrap() throws {
    let s = try DocumentLoader.load(data: try Self.data("negative-start.docx"), path: "a.docx")
    #expect(s.text.contains("委託業務"))
  }

  @Test func cellReferencesOutsideExcelsGridAreIgnored() throws {
    for name in ["column-overflow.xlsx", "row-huge.xlsx"] {
      let sheets = try XlsxReader.read(try Self.data(name), path: name)
      #expect(sheets.count == 1)
      #expect(sheets[0].rows.isEmpty)
    }
  }

  @Test func aCellAtTheEndOfTheGridIsTooLargeNotAHugeAllocation() throws {
    if let error = Self.inputError({
      _ = try XlsxReader.read(try Self.data("last-cell-of-grid.xlsx"), path: "x.xlsx")
    }) {
      #expect(error.kind == .tooLarge)
      #expect(error.detail.contains("一覧"))
    }
  }

  @Test func sharedStringsAndCellsAreCounted() throws {
    var limits = InputLimits()
    limits.maxSheetCells = 2
    let shared = "<si><t>項番</t></si><si><t>項目</t></si><si><t>内容</t></si>"
    let xlsx = try JapaneseOfficeTests.xlsx(sharedStrings: shared, sheet: "<row><c><v>1</v></c></row>")
    if let error = Self.inputError({ _ = try XlsxReader.read(xlsx, path: "c.xlsx", limits: limits) }) {
      #expect(error.kind == .tooLarge)
      #expect(error.detail.contains("xl/sharedStrings.xml の文字列が多すぎます（上限 2 個）"))
    }
    limits.maxSheetCells = 3
    let wide = try JapaneseOfficeTests.xlsx(sharedStrings: "", sheet: "<row><c r=\"D1\"><v>1</v></c></row>")
    if let error = Self.inputError({ _ = try XlsxReader.read(wide, path: "c.xlsx", limits: limits) }) {
      #expect(error.detail.contains("シート「チェックリスト」が大きすぎます"))
    }
  }

  @Test func longArticleNumbersDoNotOverflow() throws {
    let s = try DocumentLoader.load(data: try Self.data("long-article-number.txt"), path: "a.txt")
    let contract = ContractParser.parse(s)
    #expect(!contract.articles.contains { $0.number.count > 12 })
    _ = Normalizer.normalize(s.text)
  }

  @Test func textOverTheLimitIsRefused() throws {
    var limits = InputLimits()
    limits.maxTextCharacters = 100
    let long = String(repeating: "甲は乙に委託する。\n", count: 20)
    #expect(throws: InputError.self) {
      try DocumentLoader.load(data: Data(long.utf8), path: "a.txt", limits: limits)
    }
    let docx = try DocxBuilder.build(parts: [
      "word/document.xml": DocxBuilder.document(DocxBuilder.para(long))
    ])
    if let error = Self.inputError({ _ = try DocumentLoader.load(data: docx, path: "a.docx", limits: limits) }
    ) {
      #expect(error.kind == .tooLarge)
      #expect(error.detail.contains("上限 100 文字"))
    }
  }

  /// FoundationXML stopped at about 10 MB; a valid 12 MB document.xml is read, and one over the
  /// part limit is refused as too large (not as corrupt).
  @Test func largeValidDocumentUpToThePartLimit() throws {
    // As Word writes it: every run of a few characters carries its own formatting.
    let rPr =
      "<w:rPr><w:rFonts w:ascii=\"ＭＳ 明朝\" w:eastAsia=\"ＭＳ 明朝\" w:hAnsi=\"ＭＳ 明朝\" w:hint=\"eastAsia\"/>"
      + "<w:color w:val=\"000000\"/><w:kern w:val=\"0\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:eastAsia=\"ja-JP\"/></w:rPr>"
    let run = "<w:r>\(rPr)<w:t xml:space=\"preserve\">当事者の協議により定める。</w:t></w:r>"
    let para =
      "<w:p w:rsidR=\"00A1B2C3\"><w:pPr><w:spacing w:line=\"360\"/>\(rPr)</w:pPr>\(run)\(run)\(run)</w:p>"
    let count = 12 * 1_048_576 / para.utf8.count + 1
    let xml = DocxBuilder.document(String(repeating: para, count: count))
    #expect(xml.utf8.count > 12 * 1_048_576)
    let docx = try DocxBuilder.build(parts: ["word/document.xml": xml])
    let s = try DocumentLoader.load(data: docx, path: "big.docx")
    #expect(s.origins.count == count)
    var limits = InputLimits()
    limits.maxPartBytes = 8 * 1_048_576
    if let error = Self.inputError({
      _ = try DocumentLoader.load(data: docx, path: "big.docx", limits: limits)
    }) {
      #expect(error.kind == .tooLarge)
      #expect(error.detail.contains("word/document.xml が大きすぎます"))
      #expect(error.detail.contains("上限 8 MB"))
    }
  }
}

/// Japanese Office files read as Word and Excel show them.
@Suite struct JapaneseOfficeTests {
  static let vml = "urn:schemas-microsoft-com:vml"
  static let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"

  @Test func textBoxIsReadOnce() throws {
    let box = "<w:txbxContent><w:p><w:r><w:t>枠内の注記</w:t></w:r></w:p></w:txbxContent>"
    let body = """
      <w:p><w:r><mc:AlternateContent xmlns:mc="\(Self.mc)"><mc:Choice Requires="wps"><w:drawing>\(box)</w:drawing>\
      </mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="\(Self.vml)"><v:textbox>\(box)</v:textbox></v:shape>\
      </w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>本文</w:t></w:r></w:p>
      """
    let docx = try DocxBuilder.build(parts: ["word/document.xml": DocxBuilder.document(body)])
    let s = try DocxReader.read(docx, path: "a.docx")
    #expect(s.text.components(separatedBy: "枠内の注記").count == 2)
    #expect(s.text.contains("本文"))
  }

  @Test func anyPrefixForTheWordNamespace() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?><doc:document xmlns:doc="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
      <doc:body><doc:p><doc:r><doc:t>第1条（目的）</doc:t></doc:r></doc:p><doc:p><doc:r><doc:t>本契約は</doc:t><doc:tab/>\
      <doc:t>保守を定める。</doc:t></doc:r></doc:p></doc:body></doc:document>
      """
    let docx = try DocxBuilder.build(parts: ["word/document.xml": xml])
    let s = try DocxReader.read(docx, path: "a.docx")
    #expect(s.text == "第1条（目的）\n本契約は\t保守を定める。")
  }

  @Test func aDifferentNamespaceBehindTheWPrefixIsNotWord() throws {
    let xml = """
      <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
      <w:p><w:r><w:t>本文</w:t></w:r></w:p><x:p xmlns:x="urn:example:other"><w:r><w:t>別物</w:t></w:r></x:p>\
      </w:body></w:document>
      """
    let docx = try DocxBuilder.build(parts: ["word/document.xml": xml])
    let s = try DocxReader.read(docx, path: "a.docx")
    #expect(s.text == "本文")
  }

  @Test func entitiesAndCharacterReferences() throws {
    let docx = try DocxBuilder.build(parts: [
      "word/document.xml": DocxBuilder.document(DocxBuilder.para("甲 &amp; 乙 &lt;&#x4E19;&#19969;&gt;"))
    ])
    #expect(try DocxReader.read(docx, path: "a.docx").text == "甲 & 乙 <丙丁>")
  }

  static func xlsx(sharedStrings: String, sheet: String) throws -> Data {
    let s = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return try DocxBuilder.build(parts: [
      "xl/workbook.xml": """
      <workbook xmlns="\(s)" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      <sheets><sheet name="チェックリスト" sheetId="1" rel:id="rId1"/></sheets></workbook>
      """,
      "xl/_rels/workbook.xml.rels": """
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      <Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>
      """,
      "xl/sharedStrings.xml": "<sst xmlns=\"\(s)\">\(sharedStrings)</sst>",
      "xl/worksheets/sheet1.xml": "<worksheet xmlns=\"\(s)\"><sheetData>\(sheet)</sheetData></worksheet>",
    ])
  }

  @Test func furiganaIsNotPartOfTheCellText() throws {
    // As Japanese Excel saves typed text: the reading (rPh) follows the text in each string.
    let shared = """
      <si><t>項番</t><rPh sb="0" eb="2"><t>コウバン</t></rPh><phoneticPr fontId="1"/></si>\
      <si><t>項目</t><rPh sb="0" eb="2"><t>コウモク</t></rPh></si>\
      <si><r><t>内</t></r><r><t>容</t></r><rPh sb="0" eb="2"><t>ナイヨウ</t></rPh></si>
      """
    let sheet = """
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>\
      <row><c t="inlineStr"><is><t>1</t><rPh sb="0" eb="1"><t>イチ</t></rPh></is></c><c><v>42</v></c></row>
      """
    let sheets = try XlsxReader.read(try Self.xlsx(sharedStrings: shared, sheet: sheet), path: "c.xlsx")
    #expect(sheets.map(\.name) == ["チェックリスト"])
    #expect(sheets[0].rows == [["項番", "項目", "内容"], ["1", "42"]])
  }
}
