import BunkaiFormats
import Fluent
import Foundation
import Testing
import VaporTesting
import ZIPFoundation

@testable import BunkaiServer

/// The annex, redline and memo as the pages and the API serve them. When `BUNKAI_OFFICE_OUT` is set
/// the files are also written there, for scripts/check_office.py to open with real readers.
@Suite("Signed documents: annex, redline, memo")
struct SignedDocumentTests {
  static func part(_ docx: Data, _ name: String = "word/document.xml") throws -> String {
    let archive = try Archive(data: docx, accessMode: .read)
    let entry = try #require(archive[name])
    var out = Data()
    _ = try archive.extract(entry) { out.append($0) }
    return String(decoding: out, as: UTF8.self)
  }

  static func save(_ data: Data, _ name: String) throws {
    guard let dir = ProcessInfo.processInfo.environment["BUNKAI_OFFICE_OUT"], !dir.isEmpty else { return }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
  }

  @Test func redlineAndMemoFollowTheDecisions() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor("株式会社クモノウエ")
      let contract = try await b.addContract(vendorId: vendor, title: "電子カルテ利用規約", kind: "saas")
      let review = try await b.uploadFixture(contractId: contract, "docx/saas_kumonoue_emr_kiyaku.docx")
      // Nothing proposed yet: the redline says what to do first.
      let empty = try await b.get("/reviews/\(review)/redline.docx")
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.body.string.contains("判断を記録してください"))

      try await b.get("/reviews/\(review)")
      #expect(b.lastBody.contains("/reviews/\(review)/redline.docx"))
      let edited = "当社は、再委託先にも本規約と同等の安全管理措置を課し、その監督に責任を負う。"
      for fields in [
        [("finding", "1"), ("kind", "propose")],
        [("finding", "2"), ("kind", "proposeEdited"), ("wording", edited), ("replace", "true")],
        [("finding", "3"), ("kind", "notNeeded"), ("reason", "院内規程の別表で定めているため")],
      ] {
        #expect(try await b.post("/reviews/\(review)/decisions", fields).status == .seeOther)
      }
      let res = try await b.get("/reviews/\(review)/redline.docx")
      #expect(res.status == .ok, "\(res.body.string.prefix(300))")
      #expect(res.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
      let docx = Data(buffer: res.body)
      try Self.save(docx, "redline-server-vendor-doc.docx")
      let xml = try Self.part(docx)
      #expect(xml.contains("w:author=\"さくら病院\""))
      #expect(xml.contains("<w:delText"))
      #expect(xml.components(separatedBy: "<w:ins ").count - 1 >= 2)
      // The original's other parts are untouched.
      let original = try Fixture.data("contracts/docx/saas_kumonoue_emr_kiyaku.docx")
      #expect(try Self.part(docx, "word/styles.xml") == (try Self.part(original, "word/styles.xml")))
      // Read as accepted, the contract now holds both proposals.
      let text = try DocxReader.read(docx, path: "redline.docx").text
      #expect(text.contains(edited))
      let stored = try StoredReview.decode(
        try #require(try await ReviewRecord.find(UUID(uuidString: review), on: app.db)).resultJSON)
      let first = try #require(stored.findings.first)
      // Proposed as is: the numbered paragraph without the line saying where it goes.
      let wording = first.suggestion.text
      #expect(!wording.contains("を加える。"))
      #expect(text.contains(wording))
      // The replaced clause is gone from the accepted text.
      let quoted = try #require(stored.findings[1].evidence.first?.text)
      #expect(!text.contains(quoted))

      let md = try await b.get("/reviews/\(review)/memo.md")
      #expect(md.status == .ok)
      #expect(md.body.string.contains("院内規程の別表で定めているため"))
      #expect(md.body.string.contains("文言を修正して提案する"))
      #expect(md.body.string.contains(edited))
      let memo = try await b.get("/reviews/\(review)/memo.docx")
      #expect(memo.status == .ok)
      try Self.save(Data(buffer: memo.body), "memo-server.docx")
      #expect(try Self.part(Data(buffer: memo.body)).contains("院内規程の別表で定めているため"))

      // Through the API, with a token.
      let token = try await APITests.token(app, email: "admin@sakura.example")
      let api = try await app.testing().sendRequest(
        .GET, "/api/v1/reviews/\(review)/redline.docx", headers: ["Authorization": "Bearer \(token)"])
      #expect(api.status == .ok)
      #expect(try Self.part(Data(buffer: api.body)).contains("<w:delText"))
      let apiMemo = try await app.testing().sendRequest(
        .GET, "/api/v1/reviews/\(review)/memo.docx", headers: ["Authorization": "Bearer \(token)"])
      #expect(apiMemo.status == .ok)

      // A text contract gets a new .docx of its text with the same tracked insertion.
      let txtContract = try await b.addContract(vendorId: vendor, title: "保守契約（テキスト）")
      let txtReview = try await b.uploadFixture(contractId: txtContract)
      try await b.get("/reviews/\(txtReview)")
      #expect(
        try await b.post("/reviews/\(txtReview)/decisions", [("finding", "1"), ("kind", "propose")]).status
          == .seeOther)
      let fromText = try await b.get("/reviews/\(txtReview)/redline.docx")
      #expect(fromText.status == .ok)
      try Self.save(Data(buffer: fromText.body), "redline-server-from-text-insert-only.docx")
      let txml = try Self.part(Data(buffer: fromText.body))
      #expect(txml.contains("<w:ins "))
      #expect(txml.contains("保守"))
    }
  }

  @Test func annexCarriesTheAgreedSplitInEveryFormat() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let vendor = try await admin.addVendor()
      let contract = try await admin.addContract(vendorId: vendor)
      try await admin.post(
        "/contracts/\(contract)/checklist",
        [("firstMeetingOn", "2026-05-10"), ("answers[P2-C-1][initial]", "no")])
      let token = try await CollaborationTests.invite(
        admin, contract: contract, email: "kimura@midori.example")
      let v = try await CollaborationTests.accept(app, token: token)
      let item = "P2-C-1"
      for (who, text) in [
        (v, "監視は弊社の<監視センター>で24時間行います。"), (admin, "当院の役割は何ですか。"), (v, "院内機器の電源管理をお願いします。"),
        (admin, "電源管理は当院で行います。"),
      ] {
        #expect(try await CollaborationTests.post(who, contract, item, text) == .seeOther)
      }
      let agreed = "トラフィック監視は事業者、院内機器の電源管理は医療機関 & 異常時は相互に連絡"
      try await admin.get("/contracts/\(contract)/exchange/\(item)")
      try await admin.post(
        "/contracts/\(contract)/exchange/\(item)/split", [("owner", "joint"), ("agreed", agreed)])
      try await admin.post("/contracts/\(contract)/exchange/\(item)/confirm")
      try await v.get("/contracts/\(contract)/exchange/\(item)")
      try await v.post("/contracts/\(contract)/exchange/\(item)/confirm")

      // Both sides download it.
      for who in [admin, v] {
        let docx = try await who.get("/contracts/\(contract)/annex.docx")
        #expect(docx.status == .ok)
        let xml = try Self.part(Data(buffer: docx.body))
        #expect(xml.contains("トラフィック監視は事業者、院内機器の電源管理は医療機関 &amp; 異常時は相互に連絡"))
        #expect(xml.contains("&lt;監視センター&gt;"))
        #expect(xml.contains("保守担当 木村"))
        #expect(xml.contains("<w:tblHeader/>"))
      }
      let docx = Data(buffer: try await admin.get("/contracts/\(contract)/annex.docx").body)
      try Self.save(docx, "annex-server.docx")
      let xlsx = try await admin.get("/contracts/\(contract)/annex.xlsx")
      #expect(xlsx.status == .ok)
      try Self.save(Data(buffer: xlsx.body), "annex-server.xlsx")
      let sheet = try XlsxReader.read(Data(buffer: xlsx.body), path: "annex.xlsx")
      let rows = try #require(sheet.first?.rows)
      let header = try #require(rows.first(where: { $0.first == "項番" }))
      #expect(Array(header.prefix(7)) == ["項番", "項目", "内容", "初回確認", "完了日", "担当", "合意内容"])
      let row = try #require(rows.first(where: { $0.first == "C-1" }))
      // Dates as offices write them (令和…), and the completion date a real date cell.
      #expect(row[3].contains("いいえ") && row[3].contains("令和8年5月10日"))
      #expect(row[4] == String(try #require(Wareki.serial(iso: DashboardController.today()))))
      #expect(row[5] == "共同")
      #expect(row[6] == agreed)

      let html = try await v.get("/contracts/\(contract)/annex.html")
      #expect(html.status == .ok)
      #expect(html.body.string.contains("責任分界に関する合意事項"))
      #expect(html.body.string.contains("&lt;監視センター&gt;"))
      #expect(html.headers.first(name: "Content-Security-Policy")?.contains("default-src 'none'") == true)

      let pdf = try await admin.get("/contracts/\(contract)/annex.pdf")
      if PDFConverter.soffice() != nil {
        #expect(pdf.status == .ok)
        #expect(pdf.body.string.hasPrefix("%PDF"))
      } else {
        #expect(pdf.status == .serviceUnavailable)
      }
      let apiToken = try await APITests.token(app, email: "admin@sakura.example")
      let api = try await app.testing().sendRequest(
        .GET, "/api/v1/contracts/\(contract)/annex.xlsx", headers: ["Authorization": "Bearer \(apiToken)"])
      #expect(api.status == .ok)
    }
  }
}
