import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

@Suite("Web: set-up, login, contracts, reviews and decisions")
struct WebFlowTests {
  @Test func firstRunSetupThenLoginAndLogout() async throws {
    try await TestApp.run { app in
      let anon = Browser(app)
      let home = try await anon.get("/")
      #expect(home.status == .seeOther)
      #expect(home.headers.first(name: .location) == "/setup")
      // Without the CSRF token the form is refused and nothing is created.
      let forged = try await anon.post(
        "/setup",
        [("organisation", "偽病院"), ("name", "x"), ("email", "x@example.jp"), ("password", "0123456789")],
        csrf: false)
      #expect(forged.status == .forbidden)
      #expect(try await Organisation.query(on: app.db).count() == 0)

      let admin = try await Browser.setUp(app)
      let dash = try await admin.get("/")
      #expect(dash.status == .ok)
      #expect(dash.body.string.contains("さくら病院"))
      #expect(dash.body.string.contains("ダッシュボード"))
      // The set-up page is closed once an organisation exists.
      let again = try await Browser(app).get("/setup")
      #expect(again.headers.first(name: .location) == "/login")

      try await admin.post("/logout")
      #expect(try await admin.get("/").headers.first(name: .location) == "/login")
      try await admin.get("/login")
      let wrong = try await admin.post(
        "/login", [("email", "admin@sakura.example"), ("password", "wrong-password")])
      #expect(wrong.status == .unauthorized)
      #expect(wrong.body.string.contains("メールアドレスまたはパスワードが違います"))
      _ = try await Browser.signIn(app, email: "ADMIN@sakura.example")
    }
  }

  @Test func setupRejectsShortPasswordWithMessage() async throws {
    try await TestApp.run { app in
      let b = Browser(app)
      try await b.get("/setup")
      let res = try await b.post(
        "/setup",
        [("organisation", "つばさ診療所"), ("name", "院長"), ("email", "in@tsubasa.example"), ("password", "short")])
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("パスワードは12文字以上"))
      #expect(res.body.string.contains("つばさ診療所"))
      #expect(try await User.query(on: app.db).count() == 0)
    }
  }

  @Test func loginIsThrottledAfterRepeatedFailures() async throws {
    try await TestApp.run { app in
      _ = try await Browser.setUp(app)
      let b = Browser(app)
      try await b.get("/login")
      for _ in 0..<5 {
        let r = try await b.post("/login", [("email", "admin@sakura.example"), ("password", "guess-guess")])
        #expect(r.status == .unauthorized)
      }
      // Even the right password is refused while throttled.
      let r = try await b.post(
        "/login", [("email", "admin@sakura.example"), ("password", "correct-horse-1")])
      #expect(r.status == .tooManyRequests)
      #expect(r.body.string.contains("しばらくログインできません"))
    }
  }

  @Test func uploadReviewsAtOnceAndDecisionsAreRecorded() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      let contract = try await b.addContract(vendorId: vendor)
      let reviewId = try await b.uploadFixture(contractId: contract)
      // The vendor list counts the vendor's contracts.
      #expect(try await b.get("/vendors").body.string.contains("data-label=\"契約数\">1</td></tr>"))

      let page = try await b.get("/reviews/\(reviewId)")
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("再委託"))
      #expect(html.contains("class=\"mark\""))
      #expect(html.contains("法的な助言"))
      #expect(html.contains("第7条"))

      let doc = try #require(try await ContractDocument.query(on: app.db).first())
      #expect(doc.version == 1)
      #expect(doc.sha256.count == 64)
      #expect(doc.bytes == (try Fixture.data("contracts/hoshu_sakura_typical.txt")))
      let c = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      let openBefore = c.openHigh + c.openMedium + c.openLow
      #expect(openBefore == (try Fixture.engineFindingCount("contracts/hoshu_sakura_typical.txt")))

      // "Not needed" without a reason is refused; the reason is what people lose elsewhere.
      let noReason = try await b.post(
        "/reviews/\(reviewId)/decisions", [("finding", "1"), ("kind", "notNeeded")])
      #expect(noReason.status == .unprocessableEntity)
      #expect(noReason.body.string.contains("理由を入力してください"))
      let ok = try await b.post(
        "/reviews/\(reviewId)/decisions",
        [("finding", "1"), ("kind", "notNeeded"), ("reason", "別紙の運用規程で定めているため")])
      #expect(ok.status == .seeOther)
      let edited = try await b.post(
        "/reviews/\(reviewId)/decisions",
        [("finding", "2"), ("kind", "proposeEdited"), ("wording", "乙は、再委託の30日前までに甲へ書面で通知する。")])
      #expect(edited.status == .seeOther)
      let after = try await b.get("/reviews/\(reviewId)")
      #expect(after.body.string.contains("別紙の運用規程で定めているため"))
      // Unchanged since the last view: served from memory, the same page (and its print view).
      for path in [
        "/reviews/\(reviewId)", "/reviews/\(reviewId)", "/reviews/\(reviewId)/print",
        "/reviews/\(reviewId)/print",
      ] {
        let again = try await b.get(path)
        #expect(again.status == .ok, "\(path)")
        #expect(again.body.string.contains("別紙の運用規程で定めているため"), "\(path)")
      }
      let first = try await b.get("/reviews/\(reviewId)").body.string
      #expect(try await b.get("/reviews/\(reviewId)").body.string == first)
      for _ in 0..<2 {
        let dash = try await b.get("/")
        #expect(dash.status == .ok)
        #expect(dash.body.string.contains("電子カルテ保守契約"))
      }
      #expect(after.body.string.contains("再委託の30日前までに甲へ書面で通知する"))
      let c2 = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      // "Not needed" on a high-severity finding stays open until an executive accepts the risk.
      let stored = try StoredReview.decode(
        try #require(try await ReviewRecord.find(UUID(uuidString: reviewId), on: app.db)).resultJSON)
      let firstIsHigh = stored.findings[0].severity == "high"
      #expect(c2.openHigh + c2.openMedium + c2.openLow == openBefore - (firstIsHigh ? 1 : 2))

      // A second upload is a new version with its own review.
      let second = try await b.uploadFixture(contractId: contract)
      #expect(second != reviewId)
      #expect(try await ContractDocument.query(on: app.db).count() == 2)
      let contractPage = try await b.get("/contracts/\(contract)")
      #expect(contractPage.body.string.contains("第2版"))
      #expect(contractPage.body.string.contains("第1版"))
    }
  }

  @Test func contractTextIsEscapedAndHeadersAreSet() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor("<b>悪意</b>ベンダー"))
      let text = """
        保守契約書

        甲と乙は次のとおり契約する。<script>alert('x')</script>

        第1条（目的）
        乙は甲のシステムを保守する。<img src=x onerror=alert(1)>
        """
      try await b.get("/contracts/\(contract)")
      let res = try await b.upload(
        "/contracts/\(contract)/documents", filename: "evil.txt", data: Data(text.utf8))
      let page = try await b.get("/reviews/\(Browser.id(in: res))")
      let html = page.body.string
      #expect(!html.contains("<script>alert"))
      #expect(!html.contains("<img src=x"))
      #expect(html.contains("&lt;script&gt;alert"))
      let vendors = try await b.get("/vendors")
      #expect(vendors.body.string.contains("&lt;b&gt;悪意&lt;/b&gt;"))
      let dashboard = try await b.get("/").body.string
      #expect(dashboard.contains("&lt;b&gt;悪意&lt;/b&gt;ベンダー"))
      #expect(!dashboard.contains("<b>悪意"))
      let csp = try #require(page.headers.first(name: "Content-Security-Policy"))
      #expect(csp.contains("script-src 'self'"))
      #expect(!csp.contains("unsafe-inline"))
      #expect(page.headers.first(name: "X-Frame-Options") == "DENY")
      #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
      // No inline script anywhere in the page.
      #expect(!html.contains("<script>"))
      // A visitor who is not signed in gets no session, only the login form's token cookie.
      let login = try await Browser(app).get("/login")
      let loginCookies = login.headers[HTTPHeaders.Name.setCookie]
      #expect(!loginCookies.contains { $0.hasPrefix("bunkai_session=") && !$0.hasPrefix("bunkai_session=;") })
      let token = try #require(loginCookies.first { $0.hasPrefix("bunkai_csrf=") })
      #expect(token.contains("HttpOnly"))
      #expect(token.contains("SameSite=Strict"))
      let signIn = Browser(app)
      try await signIn.get("/login")
      let signedIn = try await signIn.post(
        "/login", [("email", "admin@sakura.example"), ("password", "correct-horse-1")])
      let cookies = signedIn.headers[HTTPHeaders.Name.setCookie]
      let cookie = try #require(cookies.first { $0.hasPrefix("bunkai_session=") })
      #expect(cookie.contains("HttpOnly"))
      #expect(cookie.contains("SameSite=Lax"))
    }
  }

  @Test func badUploadsAreRefusedWithMessagesAndLeaveNothing() async throws {
    try await TestApp.run(maxUploadBytes: 4096) { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      try await b.get("/contracts/\(contract)")
      let exe = try await b.upload(
        "/contracts/\(contract)/documents", filename: "setup.exe", data: Data([0x4D, 0x5A, 1, 2]))
      #expect(exe.status == .unsupportedMediaType)
      #expect(exe.body.string.contains("setup.exe: 対応していない形式です"))
      let big = try await b.upload(
        "/contracts/\(contract)/documents", filename: "big.txt",
        data: Data(String(repeating: "契約", count: 3000).utf8))
      #expect(big.status == .payloadTooLarge)
      #expect(big.body.string.contains("上限"))
      let corrupt = try await b.upload(
        "/contracts/\(contract)/documents", filename: "broken.docx",
        data: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]))
      #expect(corrupt.status == .unprocessableEntity)
      #expect(corrupt.body.string.contains("broken.docx"))
      let empty = try await b.upload("/contracts/\(contract)/documents", filename: "empty.txt", data: Data())
      #expect(empty.status == .unprocessableEntity)
      #expect(try await ContractDocument.query(on: app.db).count() == 0)
      #expect(try await ReviewRecord.query(on: app.db).count() == 0)
    }
  }

  @Test func formErrorsNameTheField() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      try await b.get("/contracts")
      let res = try await b.post(
        "/contracts",
        [("title", "保守契約"), ("vendorId", vendor), ("kind", "maintenance"), ("endDate", "2027/03/31")])
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("終了日は 2026-04-01 のように年-月-日で入力してください（入力: 2027/03/31）。"))
      let notADay = try await b.post(
        "/contracts",
        [("title", "保守契約"), ("vendorId", vendor), ("kind", "maintenance"), ("startDate", "2026-02-31")])
      #expect(notADay.status == .unprocessableEntity)
      #expect(notADay.body.string.contains("開始日"))
      let noTitle = try await b.post("/contracts", [("vendorId", vendor)])
      #expect(noTitle.status == .badRequest)
      #expect(noTitle.body.string.contains("項目 title"))
      #expect(try await Contract.query(on: app.db).count() == 0)
    }
  }
}
