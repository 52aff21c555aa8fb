import BunkaiCore
import BunkaiFormats
import Foundation
import SnapshotTesting
import Testing
import VaporTesting

@testable import BunkaiServer

/// Page-render snapshots of the review page, its print view, the annex and the memo, from fixed
/// inputs (the fixture contract reviewed by the built-in playbook, fixed ids, dates and decisions).
/// A change to a template or a writer shows here as a diff to review; record again on purpose
/// (delete the file under __Snapshots__) when the change is meant.
@Suite(.serialized) struct PageSnapshotTests {
  static let reviewID = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!
  static let org = UUID(uuidString: "00000000-0000-0000-0000-0000000000B1")!
  static let contract = UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!
  static let document = UUID(uuidString: "00000000-0000-0000-0000-0000000000D1")!
  static let user = UUID(uuidString: "00000000-0000-0000-0000-0000000000E1")!
  static let at = Date(timeIntervalSince1970: 1_775_000_000)  // 2026-04-01

  static func stored(_ app: Application) throws -> (ReviewJSON, String) {
    let data = try Fixture.data("contracts/hoshu_sakura_typical.txt")
    let source = try DocumentLoader.load(data: data, path: "hoshu_sakura_typical.txt")
    let result = app.engine.reviewer.review(source)
    return (ReviewJSON(result, catalog: app.engine.builtinCatalog), source.text)
  }

  static func decision(
    _ i: Int, _ kind: DecisionKind, wording: String = "", reason: String = "", replaces: Bool = false
  )
    -> Decision
  {
    let d = Decision()
    d.reviewID = reviewID
    d.findingIndex = i
    d.ruleID = "r\(i)"
    d.kind = kind
    d.wording = wording
    d.reason = reason
    d.userID = user
    d.userName = "事務長 佐藤"
    d.createdAt = at.addingTimeInterval(Double(i) * 60)
    d.replacesQuote = replaces
    return d
  }

  static let decisions = [
    decision(0, .propose),
    decision(1, .proposeEdited, wording: "乙は、脆弱性情報を収集し、甲に通知する。", replaces: false),
    decision(2, .notNeeded, reason: "別紙の運用規程で定めているため"),
    decision(3, .later),
  ]

  static func context(_ app: Application, print: Bool, query: ReviewPageContext.Query = .init()) throws
    -> ReviewPageContext
  {
    let (stored, text) = try stored(app)
    let state = ReviewPages.State(
      id: reviewID, organisationID: org, contractID: contract, documentID: document, signedOffBy: nil,
      contractTitle: "電子カルテ保守契約", filename: "hoshu_sakura_typical.txt", version: 1, uploadedAt: at,
      decisions: decisions, acceptances: [:], signedOff: nil, catalog: app.engine.builtinCatalog)
    let entry = ReviewPages.Entry(stored: stored, segments: ReviewPages.segments(text, stored.findings))
    let page = Page(
      title: "照合結果: 電子カルテ保守契約", nav: "contracts", csrf: "CSRF-TOKEN",
      user: .init(name: "事務長 佐藤", role: "管理者", organisation: "さくら病院"), canEdit: true, isAdmin: true,
      canAudit: true, isVendor: false, flash: nil, error: nil)
    return ReviewPageContext.build(
      page: page, id: reviewID, state: state, entry: entry, catalog: app.engine.builtinCatalog, query: query,
      canSignOff: true, print: print, today: "2026-11-21")
  }

  static func render(_ app: Application, _ template: String, _ context: ReviewPageContext) async throws
    -> String
  {
    let view = try await app.view.render(template, context).get()
    return String(buffer: view.data)
  }

  @Test func reviewPage() async throws {
    try await TestApp.run { app in
      let html = try await Self.render(app, "review", try Self.context(app, print: false))
      assertSnapshot(of: html, as: .lines, named: "review")
    }
  }

  @Test func reviewPageFiltered() async throws {
    try await TestApp.run { app in
      let html = try await Self.render(
        app, "review",
        try Self.context(app, print: false, query: .init(concern: "B2", severity: nil, state: nil)))
      assertSnapshot(of: html, as: .lines, named: "review-B2")
    }
  }

  @Test func printView() async throws {
    try await TestApp.run { app in
      let html = try await Self.render(app, "review-print", try Self.context(app, print: true))
      assertSnapshot(of: html, as: .lines, named: "review-print")
    }
  }

  static func memo(_ app: Application) throws -> ReviewMemo {
    let (stored, _) = try stored(app)
    return ReviewMemo(
      review: stored, catalog: app.engine.builtinCatalog,
      decisions: SignedDocuments.memoDecisions(Decisions.latest(decisions)).mapValues {
        var d = $0
        d.at = "令和8年4月1日 9:00"
        return d
      }, generatedOn: "令和8年4月1日")
  }

  @Test func memoMarkdown() async throws {
    try await TestApp.run { app in
      assertSnapshot(of: try Self.memo(app).markdown(), as: .lines, named: "memo")
    }
  }

  static func annex(_ app: Application) -> Annex {
    let catalog = app.engine.builtinCatalog
    let rows = catalog.items.filter { $0.part == 2 }.prefix(6).enumerated().map { i, item in
      Annex.Row(
        number: item.number, title: item.displayTitle,
        content: SignedDocuments.annexContent(item, agreed: i == 0 ? "乙が2省ガイドラインに沿って安全管理を行う。" : ""),
        firstCheck: i % 2 == 0 ? "はい" : "いいえ", firstCheckDate: "2026-04-10",
        completedOn: i % 2 == 0 ? nil : "2026-05-1\(i)", owner: ["事業者", "医療機関", "共同", "対象外", "", "事業者"][i],
        agreed: i == 0 ? "乙が2省ガイドラインに沿って安全管理を行う。" : "",
        institutionConfirmation: i < 2 ? .init(name: "事務長 佐藤", at: "令和8年5月20日") : nil,
        vendorConfirmation: i < 2 ? .init(name: "ミドリシステム 山田", at: "令和8年5月21日") : nil)
    }
    return Annex(
      header: .init(
        institution: "さくら病院", vendor: "株式会社ミドリシステム", contractTitle: "電子カルテ保守契約",
        contractDates: "期間 令和8年4月1日〜令和9年3月31日、自動更新あり", generatedOn: "2026-06-01"),
      rows: Array(rows))
  }

  @Test func annexHTML() async throws {
    try await TestApp.run { app in
      assertSnapshot(of: AnnexHTML.render(Self.annex(app)), as: .lines, named: "annex")
    }
  }

  // What the snapshots must show, checked apart so a re-recorded snapshot cannot hide it.
  @Test func reviewPageHasNoCodesAndKeepsEditedWording() async throws {
    try await TestApp.run { app in
      let (stored, _) = try Self.stored(app)
      let html = try await Self.render(app, "review", try Self.context(app, print: false))
      for f in stored.findings { #expect(!html.contains(">\(f.ruleId)<") && !html.contains(" \(f.ruleId) ")) }
      for code in ["vulnerability", "incident", "remote", "logs", "exit", "privacy"] {
        #expect(!html.contains(">\(code)<") && !html.contains("・\(code)"), "\(code)")
      }
      #expect(!html.contains("取り込んでください") && !html.contains("当社による要約") && !html.contains("ガイドの分類: ガイドの分類"))
      #expect(html.contains("まとめ") && html.contains("指摘の一覧") && html.contains("name=\"concern\""))
      // The edited wording is what the edit box shows, and nothing else in its textarea.
      #expect(html.contains("<textarea name=\"wording\" rows=\"4\">乙は、脆弱性情報を収集し、甲に通知する。</textarea>"))
      #expect(html.contains("<abbr title="))
      // Evidence marks have ids the cards' quotes link to.
      #expect(html.contains("id=\"mark-f1\"") && html.contains("href=\"#mark-f1\""))
      let print = try await Self.render(app, "review-print", try Self.context(app, print: true))
      #expect(!print.contains("<form") && print.contains("class=\"card sev-"))
    }
  }
}
