import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

@Suite("Web: the checklist, its CSV and catalogue import")
struct ChecklistTests {
  @Test func part2IsPrefilledFromTheReviewAndAnswersAreSaved() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      _ = try await b.uploadFixture(contractId: contract)
      let page = try await b.get("/contracts/\(contract)/checklist")
      let html = page.body.string
      #expect(page.status == .ok)
      // A maintenance contract: section A and C, not B.
      #expect(html.contains("P2-A-1"))
      #expect(html.contains("P2-C-4"))
      #expect(!html.contains("item-P2-B-1"))
      #expect(html.contains("事故発生時の報告"))
      #expect(html.contains("照合結果からの候補"))

      let res = try await b.post(
        "/contracts/\(contract)/checklist",
        [
          ("firstMeetingOn", "2026-10-01"),
          ("answers[P2-C-4][initial]", "no"), ("answers[P2-C-4][owner]", "joint"),
          ("answers[P2-C-4][agreed]", "事故は24時間以内に電話で報告し、3日以内に書面で報告する"),
          ("answers[P2-C-4][articles]", "第3条, 12の2"),
          ("answers[P2-A-8][initial]", "yes"), ("answers[P2-A-8][owner]", "vendor"),
        ])
      #expect(res.status == .seeOther)
      let answers = try await ChecklistAnswer.query(on: app.db).all()
      let c4 = try #require(answers.first { $0.itemID == "P2-C-4" })
      #expect(c4.initial == .no)
      #expect(c4.owner == .joint)
      #expect(c4.articles == "3,12の2")
      #expect(c4.completedOn == nil)
      let contractRow = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
      #expect(contractRow.firstMeetingOn == "2026-10-01")

      // Dashboard progress, in words: 2 answered, 1 yes, 1 no not completed yet.
      let answered = "初回確認 2項目に回答（はい 1・いいえ 1）"
      let openNo = "「いいえ」のうち未完了 1項目"
      let dash = try await b.get("/")
      #expect(dash.body.string.contains(answered))
      #expect(dash.body.string.contains(openNo))
      // The dashboard is kept per organisation revision: the next change shows at once.
      #expect(try await b.get("/").body.string.contains(openNo))
      let revision = try #require(try await Organisation.query(on: app.db).first()).revision
      try await b.get("/contracts/\(contract)/checklist")
      try await b.post(
        "/contracts/\(contract)/checklist",
        [("firstMeetingOn", "2026-10-01"), ("answers[P2-C-4][completedOn]", "2026-10-20")])
      #expect(try #require(try await Organisation.query(on: app.db).first()).revision > revision)
      let completed = try await b.get("/").body.string
      #expect(completed.contains(answered))
      #expect(!completed.contains("「いいえ」のうち未完了"))
      try await b.post(
        "/contracts/\(contract)/checklist",
        [("firstMeetingOn", "2026-10-01"), ("answers[P2-C-4][completedOn]", "")])
      #expect(try await b.get("/").body.string.contains(openNo))

      let csv = try await b.get("/contracts/\(contract)/checklist.csv")
      #expect(csv.headers.contentType?.subType == "csv")
      let text = csv.body.string
      #expect(text.hasPrefix("\u{FEFF}項番,項目,内容,初回確認,初回確認日,完了日,担当,合意内容,備考,関連条項"))
      let line = try #require(text.split(separator: "\r\n").first { $0.hasPrefix("P2-C-4,") })
      #expect(line.contains(",いいえ,2026-10-01,,共同,事故は24時間以内に電話で報告し、3日以内に書面で報告する,,\"3,12の2\""))

      // A row holding only the page's suggested articles is not an answer; edited articles are.
      try await b.post(
        "/contracts/\(contract)/checklist",
        [
          ("answers[P2-A-1][articles]", "2,9"), ("answers[P2-A-1][suggested]", "2,9"),
          ("answers[P2-A-2][articles]", "4"), ("answers[P2-A-2][suggested]", "2"),
        ])
      let saved = Set(try await ChecklistAnswer.query(on: app.db).all().map(\.itemID))
      #expect(saved == ["P2-C-4", "P2-A-8", "P2-A-2"])

      let bad = try await b.post(
        "/contracts/\(contract)/checklist", [("answers[P2-C-4][completedOn]", "来週")])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("P2-C-4 の完了日"))
      let unknown = try await b.post(
        "/contracts/\(contract)/checklist", [("answers[P2-B-1][initial]", "yes")])
      #expect(unknown.status == .unprocessableEntity)
      #expect(unknown.body.string.contains("P2-B-1"))

      let print = try await b.get("/contracts/\(contract)/checklist/print")
      #expect(print.body.string.contains("事故は24時間以内に電話で報告し"))
      #expect(!print.body.string.contains("<form"))
    }
  }

  @Test func part1IsKeptForTheOrganisation() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let page = try await b.get("/checklist/part1")
      #expect(page.body.string.contains("P1-1"))
      let res = try await b.post(
        "/checklist/part1",
        [
          ("firstMeetingOn", "2026-09-15"), ("answers[P1-1][initial]", "yes"),
          ("answers[P1-1][owner]", "institution"),
        ])
      #expect(res.status == .seeOther)
      let a = try #require(try await ChecklistAnswer.query(on: app.db).filter(\.$itemID == "P1-1").first())
      #expect(a.contractID == nil)
      #expect(a.initial == .yes)
      #expect(try await Organisation.query(on: app.db).first()?.part1CheckedOn == "2026-09-15")
      let csv = try await b.get("/checklist/part1.csv")
      #expect(csv.body.string.contains("P1-1,"))
      #expect(csv.body.string.contains(",はい,2026-09-15,"))
    }
  }

  @Test func catalogueImportPreviewsThenKeepsAnswers() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      try await b.get("/contracts/\(contract)/checklist")
      try await b.post("/contracts/\(contract)/checklist", [("answers[P2-A-2][initial]", "yes")])

      let csv = "項番,項目,内容\nA-2,テスト用の項目名その二,テスト用の内容その二\nC-1,テスト用の監視の項目,監視の内容\n"
      try await b.get("/catalog")
      let preview = try await b.upload("/catalog/preview", filename: "kakunin.csv", data: Data(csv.utf8))
      #expect(preview.status == .ok)
      #expect(preview.body.string.contains("テスト用の項目名その二"))
      #expect(try await CatalogVersion.query(on: app.db).count() == 0)
      let yaml = try #require(Self.hiddenValue("yaml", in: preview.body.string))
      let done = try await b.post("/catalog/import", [("yaml", yaml), ("label", "2024年6月版")])
      #expect(done.status == .seeOther)
      let v = try #require(try await CatalogVersion.query(on: app.db).first())
      #expect(v.version == 1)
      #expect(v.itemCount == 2)

      let page = try await b.get("/contracts/\(contract)/checklist")
      #expect(page.body.string.contains("テスト用の項目名その二"))
      #expect(page.body.string.contains("2024年6月版"))
      // The answer given before the import is still attached to A-2.
      let row = try #require(page.body.string.range(of: "id=\"item-P2-A-2\""))
      let after = page.body.string[row.upperBound...].prefix(2000)
      #expect(after.contains("value=\"yes\" selected"))

      let bad = try await b.upload(
        "/catalog/preview", filename: "kakunin.csv", data: Data("名前,値\nx,y\n".utf8))
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("kakunin.csv"))
    }
  }

  static func hiddenValue(_ name: String, in html: String) -> String? {
    guard let r = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let raw = String(html[r.upperBound...].prefix { $0 != "\"" })
    return raw.replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
  }
}
