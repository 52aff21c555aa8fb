import BunkaiCore
import Foundation
import ZIPFoundation

@testable import BunkaiFormats

/// A maintenance contract written for these tests, as a .docx with the quirks real files have:
/// attributes, split runs, a table, a bookmark id, a comment, an empty paragraph, a binary part.
enum RedlineFixture {
  static let author = "医療法人社団みどり会"
  static let date = Date(timeIntervalSince1970: 1_795_219_200)  // 2026-11-21T00:00:00Z

  static func p(_ text: String, _ attrs: String = "", pPr: String = "", rPr: String = "") -> String {
    "<w:p\(attrs)>\(pPr)<w:r>\(rPr)<w:t>\(text)</w:t></w:r></w:p>"
  }

  static let body =
    p(
      "システム保守契約書", " w:rsidR=\"00A1B2C3\"",
      pPr: "<w:pPr><w:jc w:val=\"center\"/><w:rPr><w:b/></w:rPr></w:pPr>",
      rPr: "<w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr>")
    + p("医療法人社団みどり会（以下「甲」という。）と株式会社サンプル情報システム（以下「乙」という。）は、甲の電子カルテシステムの保守について、次のとおり契約を締結する。")
    + "<!-- 本文 -->" + p("第1条（目的）", pPr: "<w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>")
    + p("本契約は、甲が乙に委託する電子カルテシステムの保守業務の内容を定める。")
    + p("第2条（再委託）", pPr: "<w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>")
    + p(
      "乙は、本業務の全部又は一部を第三者に再委託することができる。", " w:rsidR='00D4E5F6' ",
      pPr:
        "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:ind w:left=\"210\"/></w:pPr>",
      rPr: "<w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>")
    + p("第3条（損害賠償）", pPr: "<w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>")
    + "<w:p><w:pPr><w:ind w:left=\"210\"/></w:pPr><w:bookmarkStart w:id=\"7\" w:name=\"_GoBack\"/>"
    + "<w:r><w:t xml:space=\"preserve\">乙の損害賠償の額は、</w:t></w:r><w:bookmarkEnd w:id=\"7\"/>"
    + "<w:r><w:rPr><w:u w:val=\"single\"/></w:rPr><w:t>いかなる場合においても</w:t></w:r>"
    + "<w:r><w:t>、直近一年間の委託料を上限とする。</w:t></w:r></w:p>"
    + "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid>"
    + "<w:tr><w:tc>\(p("項目"))</w:tc><w:tc>\(p("内容"))</w:tc></w:tr>"
    + "<w:tr><w:tc>\(p("対応時間"))</w:tc><w:tc>\(p("平日9時から17時まで"))</w:tc></w:tr></w:tbl>"
    + p("第4条（協議）", pPr: "<w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>")
    + p("本契約に定めのない事項は、甲乙協議の上定める。&amp;")
    + "<w:p w:rsidR=\"00000001\"/>"
    + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>"

  /// The text DocxReader gives for the fixture, one entry per paragraph (numbering from
  /// numbering.xml puts "1." before paragraph 5).
  static let paragraphs = [
    "システム保守契約書",
    "医療法人社団みどり会（以下「甲」という。）と株式会社サンプル情報システム（以下「乙」という。）は、甲の電子カルテシステムの保守について、次のとおり契約を締結する。",
    "第1条（目的）", "本契約は、甲が乙に委託する電子カルテシステムの保守業務の内容を定める。", "第2条（再委託）",
    "1.\t乙は、本業務の全部又は一部を第三者に再委託することができる。", "第3条（損害賠償）",
    "乙の損害賠償の額は、いかなる場合においても、直近一年間の委託料を上限とする。", "項目", "内容", "対応時間",
    "平日9時から17時まで", "第4条（協議）", "本契約に定めのない事項は、甲乙協議の上定める。&", "",
  ]

  static let numbering =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering \(DocxBuilder.ns)>"
    + "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    + "<w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"

  static let contentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    + "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
    + "</Types>"

  static let rels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"

  static let documentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/></Relationships>"

  static let documentXML = DocxBuilder.document(body)

  /// Not a real image: bytes that must come through untouched.
  static let media = Data((0..<512).map { UInt8(($0 * 37) % 256) })

  static func docx() throws -> Data {
    let archive = try Archive(accessMode: .create)
    let parts: [(String, Data, CompressionMethod)] = [
      ("[Content_Types].xml", Data(contentTypes.utf8), .deflate), ("_rels/.rels", Data(rels.utf8), .deflate),
      ("word/document.xml", Data(documentXML.utf8), .deflate),
      ("word/_rels/document.xml.rels", Data(documentRels.utf8), .deflate),
      ("word/numbering.xml", Data(numbering.utf8), .deflate), ("word/media/image1.png", media, .none),
    ]
    for (name, data, method) in parts {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method
      ) {
        position, size in data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    return archive.data!
  }

  /// The redline the tests check: two paragraphs after 第2条, 第3条's paragraph replaced, a new
  /// article at the end.
  static let edits: [RedlineEdit] = [
    .insert(
      after: 5,
      "2　乙は、前項の規定にかかわらず、再委託をするときは、あらかじめ甲の書面による承諾を得なければならない。\n3　乙は、再委託先に本契約と同等の義務を負わせ、これを監督する。"),
    .replace(7, with: "乙の損害賠償の額は、直近一年間の委託料を上限とする。ただし、乙の故意又は重過失による損害については、この限りでない。"),
    .insert(after: 13, "第5条（安全管理）\n乙は、本業務に係る安全管理を、<ガイドライン> & 関係法令に従って行う。"),
  ]
}

/// Zip parts in archive order.
func zipEntries(_ data: Data) throws -> [(path: String, data: Data)] {
  let archive = try Archive(data: data, accessMode: .read)
  var out: [(String, Data)] = []
  for entry in archive {
    var d = Data()
    _ = try archive.extract(entry) { d.append($0) }
    out.append((entry.path, d))
  }
  return out
}

func zipPart(_ data: Data, _ path: String) throws -> String {
  let entry = try zipEntries(data).first { $0.path == path }
  return String(decoding: entry?.data ?? Data(), as: UTF8.self)
}

/// A Part2 annex with every item agreed: the benchmark's case.
enum AnnexFixture {
  static func annex(items: Int? = nil) throws -> Annex {
    let catalog = try CatalogLoader.builtin()
    var part2 = catalog.items.filter { $0.part == 2 }
    if let items { part2 = Array(part2.prefix(items)) }
    let rows = part2.enumerated().map { i, item in
      Annex.Row(
        number: item.number, title: item.displayTitle,
        content: item.content ?? "", firstCheck: i % 3 == 0 ? "いいえ" : "はい",
        firstCheckDate: "2026-05-10", completedOn: i % 3 == 0 ? "2026-06-\(10 + i % 20)" : nil,
        owner: ["医療機関", "事業者", "共同"][i % 3],
        agreed: "\(item.number) について、乙が実施する対策と甲が実施する対策を別表のとおり分担する。\n甲は、乙の説明に基づき院内の手順を整える。",
        exchange: "乙が対策を説明し、甲が自ら行う事項を確認した。残る事項は乙が支援する。",
        institutionConfirmation: .init(name: "情報システム課 山田", at: "2026-06-20 10:00"),
        vendorConfirmation: .init(name: "サンプル情報システム 佐藤", at: "2026-06-21 15:30"))
    }
    return Annex(
      header: .init(
        institution: "医療法人社団みどり会", vendor: "株式会社サンプル情報システム",
        contractTitle: "電子カルテシステム保守契約 <第2版> & 付属書", contractDates: "締結日 2026-04-01、期間 2026-04-01〜2027-03-31",
        generatedOn: "2026-11-21"),
      rows: rows)
  }
}
