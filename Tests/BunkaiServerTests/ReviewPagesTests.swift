import BunkaiCore
import Fluent
import Foundation
import Testing
import VaporTesting
import ZIPFoundation

@testable import BunkaiServer

/// Issue 12 on the institution's pages: the review page (summary, filters, the saved wording),
/// the checklist without placeholders and the admin's import notice, the glossary, and the memo and
/// redline from the stored review.
@Suite struct ReviewPagesTests {
  @Test func editedWordingAndReplaceAreShownAfterSaving() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      let review = try await b.uploadFixture(contractId: contract)
      let wording = "乙は、再委託をするときは、あらかじめ甲の書面による承諾を得る。"
      // Finding 8 (B2) quotes the clause it would replace.
      let page = try await b.get("/reviews/\(review)")
      let b2 = try #require(Self.cardNumber(page.body.string, containing: "再委託"))
      let res = try await b.post(
        "/reviews/\(review)/decisions",
        [("finding", String(b2)), ("kind", "proposeEdited"), ("wording", wording), ("replace", "true")])
      #expect(res.status == .seeOther)
      let html = try await b.get("/reviews/\(review)").body.string
      let card = try #require(Self.card(html, b2))
      #expect(card.contains("<textarea name=\"wording\" rows=\"4\">\(wording)</textarea>"))
      #expect(card.contains("name=\"replace\" value=\"true\" checked"))
      #expect(card.contains("<option value=\"proposeEdited\" selected>"))
    }
  }

  @Test func summaryIndexAndFiltersWorkWithoutScript() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      let review = try await b.uploadFixture(contractId: contract)
      try await b.post("/reviews/\(review)/decisions", [("finding", "1"), ("kind", "propose")])
      // The first view after the decision carries its one-time message.
      #expect(try await b.get("/reviews/\(review)").body.string.contains("を記録しました"))
      let html = try await b.get("/reviews/\(review)").body.string
      // As many findings as the engine gives the fixture.
      let n = try Fixture.engineFindingCount("contracts/hoshu_sakura_typical.txt")
      // Served again from the page cache: the session's own form token, never the cache's marker.
      let again = try await b.get("/reviews/\(review)").body.string
      #expect(again == html && !again.contains(app.reviewPages.marker))
      let token = try #require(Browser.csrfToken(in: again))
      // The token in every form: logout and one decision form per finding (the admin does not
      // approve: only executives have the sign-off form).
      #expect(!token.isEmpty && again.components(separatedBy: "value=\"\(token)\"").count - 1 == n + 1)
      let total = html.components(separatedBy: "<article class=\"card").count - 1
      #expect(total == n)
      #expect(html.contains("<h2 id=\"summary-heading\">まとめ</h2>"))
      #expect(html.contains("指摘の一覧（\(n) / \(n) 件）"))
      #expect(
        html.contains("<span class=\"num\">1</span>判断済み")
          && html.contains("<span class=\"num\">\(n - 1)</span>未判断")
      )
      // Concerns by their Japanese names, never as codes.
      #expect(html.contains("B2 再委託の管理") && html.contains("リモート保守") && html.contains("脆弱性への対応"))
      #expect(
        !html.contains(">remote<") && !html.contains(">vulnerability<") && !html.contains("A-guideline-basis")
      )
      // A plain GET form filters.
      let b2 = try await b.get("/reviews/\(review)?concern=B2").body.string
      #expect(b2.components(separatedBy: "<article class=\"card").count - 1 == 1)
      #expect(b2.contains("指摘の一覧（1 / \(n) 件）") && b2.contains("<option value=\"B2\" selected>"))
      let waiting = try await b.get("/reviews/\(review)?state=decided").body.string
      #expect(waiting.components(separatedBy: "<article class=\"card").count - 1 == 1)
      let high = try await b.get("/reviews/\(review)?severity=low").body.string
      #expect(high.components(separatedBy: "<article class=\"card").count - 1 < total)
    }
  }

  @Test func checklistShowsWhatIsKnownAndTheAdminGetsOneNotice() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      let res = try await b.get("/contracts/\(contract)/checklist")
      let html = res.body.string
      #expect(!html.contains("公式確認表から取り込んでください") && !html.contains("取り込んでください。"))
      #expect(!html.contains("当社による要約") && !html.contains("ガイドの分類: ガイドの分類"))
      // A maintenance contract: the A and C items (DOMAIN.md section 2).
      #expect(html.contains("事業者の体制の変更と再委託") && html.contains("運用委託先によるシステムの管理状況の報告"))
      let url = "https://www.meti.go.jp/shingikai/mono_info_service/medical_information_system/checklist.html"
      #expect(html.components(separatedBy: "確認表の公式の項目名を取り込みましょう").count == 2)
      #expect(html.contains("href=\"\(url)\""))
      // Dismissed: a cookie for a year, and the page no longer shows it.
      let dismissed = try await b.post(
        "/notices/checklist-import/dismiss", [("back", "/contracts/\(contract)/checklist")])
      #expect(dismissed.status == .seeOther)
      #expect(dismissed.headers.first(name: .location) == "/contracts/\(contract)/checklist")
      let set = dismissed.headers[.setCookie].first { $0.hasPrefix("bunkai-import-notice=dismissed") }
      #expect(set?.contains("Max-Age=31536000") == true)
      let again = try await app.testing().sendRequest(
        .GET, "/contracts/\(contract)/checklist",
        headers: ["Cookie": "bunkai_session=\(b.cookie ?? ""); bunkai-import-notice=dismissed"])
      #expect(again.status == .ok && !again.body.string.contains("確認表の公式の項目名を取り込みましょう"))
      // An outside address is never where the dismissal returns.
      let outside = try await b.post("/notices/checklist-import/dismiss", [("back", "//evil.example/")])
      #expect(outside.headers.first(name: .location) == "/")
    }
  }

  @Test func part1ExplainsWhatItemOneChecks() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let html = try await b.get("/checklist/part1").body.string
      // DOMAIN.md section 2: item 1 checks the vendor by its disclosed documents; MDS/SDS explained.
      #expect(html.contains("適切な事業者の選定"))
      #expect(html.contains("<abbr title=\"") && html.contains(">MDS/SDS</a></abbr>"))
      #expect(!html.contains("取り込んでください"))
    }
  }

  @Test func glossaryExplainsTheTerms() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let html = try await b.get("/glossary").body.string
      for term in ["2省ガイドライン", "責任分界", "MDS/SDS", "善管注意義務", "故意・重過失"] {
        #expect(html.contains("\">\(term)</dt>"), "\(term)")
      }
      // Every page links to it, and it opens without signing in.
      #expect(try await b.get("/contracts").body.string.contains("<a href=\"/glossary\">用語集</a>"))
      let anonymous = try await app.testing().sendRequest(.GET, "/glossary")
      #expect(anonymous.status == .ok && anonymous.body.string.contains("善管注意義務"))
    }
  }

  @Test func memoAndRedlineUseTheStoredReview() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      let review = try await b.uploadFixture(contractId: contract)
      try await b.post("/reviews/\(review)/decisions", [("finding", "1"), ("kind", "propose")])
      // The stored review is what the documents show: change it, and the memo follows (the engine
      // is not run again).
      let record = try #require(try await ReviewRecord.find(UUID(uuidString: review), on: app.db))
      var stored = try ReviewJSON.decode(record.resultJSON)
      stored.findings[0].title = "保存された照合結果の題名"
      stored.findings[0].intent = "保存された趣旨の文"
      record.resultJSON = String(decoding: try stored.encoded(pretty: false), as: UTF8.self)
      try await record.save(on: app.db)
      let md = try await b.get("/reviews/\(review)/memo.md").body.string
      #expect(md.contains("保存された照合結果の題名"))
      #expect(!md.contains("A-guideline-basis"))
      let docx = try await b.get("/reviews/\(review)/redline.docx")
      #expect(docx.status == .ok)
      let data = Data(buffer: docx.body)
      let archive = try Archive(data: data, accessMode: .read)
      func part(_ name: String) throws -> String {
        guard let e = archive[name] else { return "" }
        var d = Data()
        _ = try archive.extract(e) { d.append($0) }
        return String(decoding: d, as: UTF8.self)
      }
      #expect(try part("word/comments.xml").contains("趣旨: 保存された趣旨の文"))
      #expect(try part("word/settings.xml").contains("<w:trackRevisions/>"))
      #expect(!(try part("word/document.xml")).contains("を加える。"))
    }
  }

  /// The number of the first card whose text contains `text` and quotes evidence.
  static func cardNumber(_ html: String, containing text: String) -> Int? {
    for (i, chunk) in html.components(separatedBy: "<article class=\"card").dropFirst().enumerated()
    where chunk.contains(text) && chunk.contains("<blockquote>") && chunk.contains("name=\"replace\"") {
      return i + 1
    }
    return nil
  }

  static func card(_ html: String, _ n: Int) -> String? {
    let chunks = html.components(separatedBy: "<article class=\"card")
    return chunks.indices.contains(n) ? chunks[n] : nil
  }
}
