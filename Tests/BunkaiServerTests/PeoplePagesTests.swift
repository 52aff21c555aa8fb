import BunkaiCore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// What people hit on the forms, the dashboard, the vendor's pages and invitations (issue 12,
/// items 3, 6, 7, 8 and the dashboard), checked through the pages as a browser sends them.
@Suite("People's pages: forms, dashboard, vendor view, changed splits, invitations")
struct PeoplePagesTests {
  /// The part of a page inside <main>, so the menu does not count.
  static func main(_ html: String) -> String {
    guard let a = html.range(of: "<main"), let b = html.range(of: "</main>") else { return html }
    return String(html[a.lowerBound..<b.upperBound])
  }

  @Test func contractFormErrorsAreInlineAndKeepTheInput() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      try await b.get("/contracts")
      let res = try await b.post(
        "/contracts",
        [
          ("title", "放射線部門システム保守契約"), ("vendorId", vendor), ("kind", "saas"), ("status", "active"),
          ("startDate", "2026-04-01"), ("endDate", "2025-03-31"), ("noticeDeadline", "2027/01/31"),
        ])
      #expect(res.status == .unprocessableEntity)
      let html = res.body.string
      // The same page with the form, not the separate error page.
      #expect(!html.contains("うまくいきませんでした"))
      #expect(html.contains("id=\"contract-form\""))
      // What was typed is still there, choices included.
      #expect(html.contains("value=\"放射線部門システム保守契約\""))
      #expect(html.contains("value=\"2026-04-01\""))
      #expect(html.contains("<option value=\"saas\" selected"))
      #expect(html.contains("<option value=\"active\" selected"))
      // Each message next to its field, both problems at once, no field names.
      #expect(html.contains("id=\"e-endDate\">終了日が開始日より前になっています。"))
      #expect(html.contains("id=\"e-noticeDeadline\">解約・変更の通知期限は"))
      #expect(html.contains("aria-invalid=\"true\" aria-describedby=\"e-endDate\""))
      for leak in ["（title）", "（endDate）", "noticeDeadline）", "vendorId）", "YYYY-MM-DD"] {
        #expect(!Self.main(html).contains(leak), "\(leak)")
      }
      #expect(try await Contract.query(on: app.db).count() == 0)

      // Editing: the stored contract stays, the form shows what was typed.
      let contract = try await b.addContract(vendorId: vendor)
      try await b.get("/contracts/\(contract)")
      let edit = try await b.post(
        "/contracts/\(contract)", [("title", "  "), ("vendorId", vendor), ("endDate", "2027-03-31")])
      #expect(edit.status == .unprocessableEntity)
      #expect(edit.body.string.contains("id=\"e-title\">契約名を入力してください。"))
      #expect(!edit.body.string.contains("契約名（title）"))
      let stored = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      #expect(stored.title == "電子カルテ保守契約")
    }
  }

  @Test func vendorAndSystemFormsKeepTheInput() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      try await b.get("/vendors")
      let res = try await b.post(
        "/vendors", [("name", " "), ("contactName", "窓口 田中"), ("contactEmail", "tanaka-at-example")])
      #expect(res.status == .unprocessableEntity)
      let html = res.body.string
      #expect(!html.contains("うまくいきませんでした"))
      #expect(html.contains("value=\"窓口 田中\""))
      #expect(html.contains("value=\"tanaka-at-example\""))
      #expect(html.contains("id=\"e-name\">事業者名を入力してください。"))
      #expect(html.contains("id=\"e-contactEmail\""))
      #expect(try await Vendor.query(on: app.db).count() == 0)

      try await b.get("/systems")
      let sys = try await b.post("/systems", [("name", ""), ("category", "電子カルテ"), ("notes", "本館3階")])
      #expect(sys.status == .unprocessableEntity)
      #expect(sys.body.string.contains("本館3階"))
      #expect(sys.body.string.contains("<option value=\"電子カルテ\" selected"))
      #expect(sys.body.string.contains("id=\"e-name\">システム名を入力してください。"))
    }
  }

  @Test func noFileAndAnEmptyFileAreToldApartAndTheLimitIsStated() async throws {
    try await TestApp.run(maxUploadBytes: 2 * 1_048_576) { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      try await b.get("/contracts/\(contract)")
      let none = try await b.upload("/contracts/\(contract)/documents", filename: "", data: Data())
      #expect(none.status == .unprocessableEntity)
      #expect(none.body.string.contains("ファイルを選んでください"))
      #expect(none.body.string.contains("id=\"e-file\""))
      let empty = try await b.upload("/contracts/\(contract)/documents", filename: "契約書.txt", data: Data())
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.body.string.contains("契約書.txt"))
      #expect(empty.body.string.contains("空です"))
      #expect(!empty.body.string.contains("ファイルを選んでください"))
      // Larger than the server takes at all: the page names the limit.
      let huge = try await b.upload(
        "/contracts/\(contract)/documents", filename: "big.txt",
        data: Data(repeating: 0x41, count: 4 * 1_048_576))
      #expect(huge.status == .payloadTooLarge)
      #expect(huge.body.string.contains("2 MB"))
      #expect(try await ContractDocument.query(on: app.db).count() == 0)
    }
  }

  @Test func dashboardIsReadFromTheCacheUntilAWriteAndSaysWhatItCounts() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      let contract = try await b.addContract(vendorId: vendor)
      try await b.post("/contracts/\(contract)/checklist", [("answers[P2-C-4][initial]", "no")])
      let first = try await b.get("/")
      #expect(first.status == .ok)
      var html = first.body.string
      #expect(html.contains("電子カルテ保守契約"))
      #expect(!html.contains("回答/はい/いいえで完了日なし"))
      #expect(html.contains("確認表 Part2 の進み具合"))
      #expect(html.contains("初回確認 1項目に回答（はい 0・いいえ 1）"))
      #expect(html.contains("「いいえ」のうち未完了 1項目"))
      #expect(html.contains("契約書をまだ照合していません"))
      // No HTML is made in Swift for the page any more: its rows come from the template.
      #expect(html.contains("data-label=\"事業者\">株式会社ミドリシステム</td>"))

      let org = try #require(try await Organisation.query(on: app.db).first())
      let revision = org.revision
      // A download is recorded but changes nothing shown: same revision.
      let c = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      try await AuditLog.record(
        on: app.db, org: org.id!, user: nil, action: "ダウンロード", entity: "契約 \(c.title)", id: c.id,
        after: ["file": "x"])
      #expect(try await Organisation.find(org.id, on: app.db)?.revision == revision)
      // A write through the pages counts one more revision, and the dashboard shows it at once.
      _ = try await b.addContract(vendorId: vendor, title: "PACS保守契約")
      #expect(try #require(try await Organisation.find(org.id, on: app.db)).revision > revision)
      html = try await b.get("/").body.string
      #expect(html.contains("PACS保守契約"))
      // The cache keeps what was read for this revision.
      let cached = app.pageCache.get(
        DashboardController.Summary.self, org: org.id!, page: DashboardController.cacheKey,
        revision: try #require(try await Organisation.find(org.id, on: app.db)).revision,
        day: DashboardController.today())
      #expect(cached?.rows.count == 2)
    }
  }

  /// Both sides agree an item; then the vendor changes it. The institution is shown what changed,
  /// by whom and when, on the item and the overview, and must acknowledge it to confirm again.
  @Test func aChangedSplitIsShownToTheOtherSideAndAcknowledged() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let contract = try await admin.addContract(vendorId: try await admin.addVendor())
      let v = try await CollaborationTests.accept(
        app, token: try await CollaborationTests.invite(admin, contract: contract, email: "k@midori.example"))
      let item = "P2-C-4"
      let base = "/contracts/\(contract)/exchange/\(item)"
      for (who, text) in [(v, "一報"), (admin, "質問"), (v, "対策"), (admin, "整理")] {
        #expect(try await CollaborationTests.post(who, contract, item, text) == .seeOther)
      }
      // Step 5 with no split yet: the page says what to do first instead of offering a confirmation
      // that can only fail.
      let unset = try await admin.get(base).body.string
      #expect(unset.contains("id=\"confirm-hint\""))
      #expect(!unset.contains("id=\"confirm-form\""))
      #expect(
        try await admin.post("\(base)/split", [("owner", "joint"), ("agreed", "第一報は事業者、院内連絡は医療機関")]).status
          == .seeOther)
      #expect(try await admin.post("\(base)/confirm").status == .seeOther)
      try await v.get(base)
      #expect(try await v.post("\(base)/confirm").status == .seeOther)
      #expect(try await ChecklistAnswer.query(on: app.db).filter(\.$itemID == item).first()?.isAgreed == true)

      try await v.get(base)
      #expect(
        try await v.post("\(base)/split", [("owner", "vendor"), ("agreed", "すべて事業者")]).status == .seeOther)

      // The institution sees the change on the overview …
      let overview = try await admin.get("/contracts/\(contract)/exchange").body.string
      // Items without an official title say what is known, never the import instruction.
      #expect(!overview.contains("公式確認表から取り込んでください"))
      #expect(overview.contains("項目名は未登録") || overview.contains("（ガイドの分類）"))
      #expect(overview.contains("相手側が変更した分担"))
      #expect(overview.contains("相手側が分担を変更しました（未確認）"))
      #expect(overview.contains("保守担当 木村さん"))
      #expect(overview.contains("担当を「共同」から「事業者」に"))
      // … and on the item: before and after, who and when.
      let page = try await admin.get(base).body.string
      #expect(page.contains("id=\"change-alert\""))
      #expect(page.contains("<td>共同</td><td>事業者</td>"))
      #expect(page.contains("第一報は事業者、院内連絡は医療機関"))
      #expect(page.contains("すべて事業者"))
      #expect(page.contains("事業者の保守担当 木村さん"))
      #expect(page.contains("name=\"acknowledge\""))
      // The vendor, who made the change, is not asked to acknowledge it.
      let vendorPage = try await v.get(base).body.string
      #expect(!vendorPage.contains("name=\"acknowledge\""))
      #expect(vendorPage.contains("相手側の確認待ち"))

      // Confirming without acknowledging is refused; with it, accepted and recorded.
      try await admin.get(base)
      let blind = try await admin.post("\(base)/confirm")
      #expect(blind.status == .conflict)
      #expect(
        try await ChecklistAnswer.query(on: app.db).filter(\.$itemID == item).first()?.institutionConfirmedAt
          == nil)
      try await admin.get(base)
      #expect(try await admin.post("\(base)/confirm", [("acknowledge", "true")]).status == .seeOther)
      let change = try #require(try await SplitChange.query(on: app.db).first())
      #expect(change.acknowledgedBy?.contains("事務長 佐藤") == true)
      #expect(change.side == .vendor)
      #expect(!(try await admin.get("/contracts/\(contract)/exchange").body.string.contains("相手側が変更した分担")))
    }
  }

  @Test func onlyTheInstitutionSkipsAnItemAsNotApplicable() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let contract = try await admin.addContract(vendorId: try await admin.addVendor())
      let v = try await CollaborationTests.accept(
        app, token: try await CollaborationTests.invite(admin, contract: contract, email: "k@midori.example"))
      let base = "/contracts/\(contract)/exchange/P2-C-1"
      let vendorPage = try await v.get(base).body.string
      #expect(!vendorPage.contains("id=\"not-applicable-form\""))
      let refused = try await v.post("\(base)/split", [("owner", "notApplicable"), ("agreed", "")])
      #expect(refused.status == .conflict)
      #expect(refused.body.string.contains("対象外にできるのは医療機関です"))
      #expect(
        try await ChecklistAnswer.query(on: app.db).filter(\.$itemID == "P2-C-1").first()?.owner
          != .notApplicable)
      #expect(try await admin.get(base).body.string.contains("id=\"not-applicable-form\""))
      #expect(
        try await admin.post("\(base)/split", [("owner", "notApplicable"), ("agreed", "")]).status
          == .seeOther)
      // Still not agreed until the vendor confirms it too.
      #expect(try await admin.post("\(base)/confirm").status == .seeOther)
      #expect(
        try await ChecklistAnswer.query(on: app.db).filter(\.$itemID == "P2-C-1").first()?.isAgreed == false)
    }
  }

  /// The vendor sees the item, the related findings and the wording the institution decided to
  /// propose, never its reasons; and downloads the redline of its own contract only.
  @Test func vendorSeesTheProposalsAndDownloadsTheRedline() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let contract = try await admin.addContract(vendorId: try await admin.addVendor())
      let reviewId = try await admin.uploadFixture(contractId: contract)
      let review = try #require(try await ReviewRecord.find(UUID(uuidString: reviewId), on: app.db))
      let stored = try StoredReview.decode(review.resultJSON)
      let index = try #require(stored.findings.firstIndex { !$0.checklistItems.isEmpty })
      let item = stored.findings[index].checklistItems[0]
      try await admin.get("/reviews/\(reviewId)")
      let decided = try await admin.post(
        "/reviews/\(reviewId)/decisions",
        [
          ("finding", String(index + 1)), ("kind", "proposeEdited"),
          ("wording", "乙は、本サービスに係る安全管理を二省ガイドラインに従って行う。"),
          ("reason", "院内メモ: 予算の都合で強くは求めない"),
        ])
      #expect(decided.status == .seeOther)
      let v = try await CollaborationTests.accept(
        app, token: try await CollaborationTests.invite(admin, contract: contract, email: "k@midori.example"))
      let page = try await v.get("/contracts/\(contract)/exchange/\(item)")
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("関連する指摘"))
      #expect(html.contains(stored.findings[index].title))
      #expect(html.contains("乙は、本サービスに係る安全管理を二省ガイドラインに従って行う。"))
      #expect(!html.contains("予算の都合"))
      #expect(!html.contains("医療機関の判断"))
      #expect(!html.contains("/reviews/"))
      #expect(html.contains("/contracts/\(contract)/redline.docx"))
      #expect(try await v.get("/contracts/\(contract)/exchange").body.string.contains("redline.docx"))

      let doc = try await v.get("/contracts/\(contract)/redline.docx")
      #expect(doc.status == .ok)
      #expect(Data(buffer: doc.body).prefix(2) == Data("PK".utf8))
      // The institution's review URLs stay closed to the vendor.
      #expect([.forbidden, .notFound].contains(try await v.get("/reviews/\(reviewId)/redline.docx").status))

      // Another contract of the same organisation the vendor was not invited to: nothing.
      let other = try await admin.addContract(
        vendorId: try #require(try await Vendor.query(on: app.db).first()?.id?.uuidString), title: "別の契約")
      _ = try await admin.uploadFixture(contractId: other)
      #expect(try await v.get("/contracts/\(other)/redline.docx").status == .notFound)
    }
  }

  @Test func invitationLinksUseThePublicAddressAndWarnWithout() async throws {
    try await TestApp.run { app in
      let admin = try await Browser.setUp(app)
      let contract = try await admin.addContract(vendorId: try await admin.addVendor())
      try await admin.get("/contracts/\(contract)/exchange")
      let res = try await admin.post(
        "/contracts/\(contract)/invitations", [("email", "k@midori.example"), ("days", "14")])
      #expect(res.body.string.contains("id=\"address-warning\""))
      #expect(res.body.string.contains("BUNKAI_PUBLIC_URL"))
      #expect(res.body.string.contains("data-copy=\"invite-link\""))
      #expect(
        try await admin.get("/contracts/\(contract)/exchange").body.string.contains("id=\"address-warning\""))

      // A bad address goes back to the form with the message and the address as typed.
      try await admin.get("/contracts/\(contract)/exchange")
      let bad = try await admin.post(
        "/contracts/\(contract)/invitations", [("email", "kimura-midori"), ("days", "14")])
      #expect(bad.status == .seeOther)
      let form = try await admin.get("/contracts/\(contract)/exchange").body.string
      #expect(form.contains("value=\"kimura-midori\""))
      #expect(form.contains("id=\"e-invite-email\""))
    }
    try await TestApp.run(adjust: { $0.publicURL = "https://bunkai.sakura-hp.example" }) { app in
      let admin = try await Browser.setUp(app)
      let contract = try await admin.addContract(vendorId: try await admin.addVendor())
      try await admin.get("/contracts/\(contract)/exchange")
      let res = try await admin.post(
        "/contracts/\(contract)/invitations", [("email", "k@midori.example"), ("days", "14")])
      #expect(res.body.string.contains("value=\"https://bunkai.sakura-hp.example/invite/bk_"))
      #expect(!res.body.string.contains("id=\"address-warning\""))
    }
    #expect(InvitationController.isLoopback("http://127.0.0.1:8080"))
    #expect(InvitationController.isLoopback("http://localhost"))
    #expect(InvitationController.isLoopback("http://[::1]:8080"))
    #expect(!InvitationController.isLoopback("https://bunkai.sakura-hp.example"))
    var settings = ServerSettings(database: .sqliteMemory)
    settings.publicURL = "http://localhost:8080"
    #expect(InvitationController.addressWarning(settings)?.contains("このコンピューター自身") == true)
  }

  @Test func theVendorPageListsItsContracts() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      let other = try await b.addVendor("株式会社アオバ")
      _ = try await b.addContract(vendorId: vendor, title: "電子カルテ保守契約")
      _ = try await b.addContract(vendorId: vendor, title: "院内ネットワーク保守契約")
      _ = try await b.addContract(vendorId: other, title: "PACS導入契約")
      try await b.get("/contracts")  // the flash about the last one
      let html = try await b.get("/vendors/\(vendor)").body.string
      #expect(html.contains("この事業者との契約（2件）"))
      #expect(html.contains("電子カルテ保守契約"))
      #expect(html.contains("院内ネットワーク保守契約"))
      #expect(!html.contains("PACS導入契約"))
    }
  }
}
