import BunkaiCore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// Issue 10 §5, first bullet: 期限 lists, for each side, the Part2 items the other side changed or
/// confirmed and this side has not confirmed yet — one line per contract, linked to the exchange.
@Suite("期限: items waiting for this side")
struct WaitingItemsTests {
  static func waiting(_ app: Application, _ user: User) async throws -> [Deadline] {
    let fresh = try #require(try await User.find(user.id, on: app.db))
    return try await DeadlineQuery.load(app.db, org: fresh.organisationID).deadlines(for: fresh)
      .filter { $0.kind == .waitingForOtherSide }
  }

  @Test func eachSideSeesWhatTheOtherChangedOrConfirmedUntilItConfirms() async throws {
    try await TestApp.run { app in
      let s = try await ContractLifeTests.setUp(app)
      let c = s.contract
      let admin = try #require(
        try await User.query(on: app.db).filter(\.$email == "admin@sakura.example").first())
      let today = ISODay(JapanTime.today())!
      #expect(try await Self.waiting(app, admin).isEmpty)
      #expect(try await Self.waiting(app, s.vendorUser).isEmpty)

      // The institution marks P2-C-1 対象外: the vendor's to confirm, not the institution's.
      _ = try await s.admin.json(.PUT, "/contracts/\(c)/exchange/P2-C-1/split", #"{"owner":"notApplicable"}"#)
      #expect(try await Self.waiting(app, admin).isEmpty)
      let vendorLine = try #require(try await Self.waiting(app, s.vendorUser).first)
      #expect(vendorLine.subject.hasSuffix("確認待ち 1 項目"))
      #expect(vendorLine.subject.contains("電子カルテ保守"))
      #expect(vendorLine.path == "/contracts/\(c)/exchange")
      #expect(vendorLine.due == today.adding(days: 14))

      // P2-C-2 through the four steps; then the vendor proposes the split.
      for (client, text) in [
        (s.vendor, "監視装置で機器の稼働を監視します"), (s.admin, "院内で見ることはありますか"),
        (s.vendor, "異常の通知を院内の担当者に送ります"), (s.admin, "通知先は情報システム係にします"),
      ] {
        _ = try await client.json(
          .POST, "/contracts/\(c)/exchange/P2-C-2/entries", #"{"text":"\#(text)"}"#, expect: .created)
      }
      #expect(try await Self.waiting(app, admin).isEmpty)
      _ = try await s.vendor.json(
        .PUT, "/contracts/\(c)/exchange/P2-C-2/split", #"{"owner":"vendor","agreed":"機器の監視は事業者が行う"}"#)
      // The institution now has one item to confirm; the vendor still its one.
      let institutionLine = try #require(try await Self.waiting(app, admin).first)
      #expect(institutionLine.subject.hasSuffix("確認待ち 1 項目"))
      #expect(institutionLine.path == "/contracts/\(c)/exchange")
      #expect(institutionLine.due == today.adding(days: 14))
      #expect(try await Self.waiting(app, s.vendorUser).first?.subject.hasSuffix("確認待ち 1 項目") == true)
      // The page shows it, linked to the exchange.
      let b = try await Browser.signIn(app, email: "admin@sakura.example")
      let page = try await b.get("/deadlines").body.string
      #expect(page.contains("確認待ち 1 項目"))
      #expect(page.contains("/contracts/\(c)/exchange\""))
      #expect(page.contains(Deadline.Kind.waitingForOtherSide.label))

      // The institution confirms: nothing waits for it; the vendor now has both items.
      _ = try await s.admin.json(.POST, "/contracts/\(c)/exchange/P2-C-2/confirm")
      #expect(try await Self.waiting(app, admin).isEmpty)
      #expect(try await Self.waiting(app, s.vendorUser).first?.subject.hasSuffix("確認待ち 2 項目") == true)
      // The vendor confirms both: P2-C-2 is agreed; P2-C-1 now waits for the institution.
      _ = try await s.vendor.json(.POST, "/contracts/\(c)/exchange/P2-C-2/confirm")
      _ = try await s.vendor.json(.POST, "/contracts/\(c)/exchange/P2-C-1/confirm")
      #expect(try await Self.waiting(app, s.vendorUser).isEmpty)
      #expect(try await Self.waiting(app, admin).first?.subject.hasSuffix("確認待ち 1 項目") == true)
      _ = try await s.admin.json(.POST, "/contracts/\(c)/exchange/P2-C-1/confirm")
      #expect(try await Self.waiting(app, admin).isEmpty)
      #expect(try await Self.waiting(app, s.vendorUser).isEmpty)

      // The other way: the institution changes the agreed split; it waits for the vendor only …
      _ = try await s.admin.json(
        .PUT, "/contracts/\(c)/exchange/P2-C-2/split", #"{"owner":"joint","agreed":"監視は共同で行う"}"#)
      #expect(try await Self.waiting(app, admin).isEmpty)
      #expect(try await Self.waiting(app, s.vendorUser).count == 1)
      // … until the vendor confirms the change; then it waits for the institution.
      let contract = try #require(try await Contract.find(UUID(uuidString: c), on: app.db))
      _ = try await Exchange.confirm(
        on: app.db, contract: contract, itemID: "P2-C-2", user: s.vendorUser, today: today.description,
        acknowledgeChange: true)
      #expect(try await Self.waiting(app, s.vendorUser).isEmpty)
      #expect(try await Self.waiting(app, admin).first?.subject.hasSuffix("確認待ち 1 項目") == true)
    }
  }

  /// The rule alone: an old act of the other side makes an overdue line; the user's own act none.
  @Test func theDueDayIsTwoWeeksAfterTheOtherSidesFirstAct() {
    let contract = UUID()
    let vendorUser = UUID()
    let staff = UUID()
    func answer(_ item: String, updatedBy: UUID?, at: Date, vendorConfirmed: Date? = nil) -> ChecklistAnswer {
      let a = ChecklistAnswer(organisationID: UUID(), contractID: contract, itemID: item)
      a.owner = .vendor
      a.agreed = "x"
      a.updatedBy = updatedBy
      a.updatedAt = at
      a.vendorConfirmedAt = vendorConfirmed
      return a
    }
    let early = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 09:00 JST
    let later = early.addingTimeInterval(5 * 86_400)
    let sides: [UUID: Side] = [vendorUser: .vendor, staff: .institution]
    let w = DeadlineQuery.waiting(
      answers: [
        answer("P2-C-1", updatedBy: vendorUser, at: later),
        answer("P2-C-2", updatedBy: staff, at: later, vendorConfirmed: early),
        answer("P2-C-3", updatedBy: staff, at: early),
      ], changes: [], sides: sides)
    let institution = w.first { $0.side == .institution }
    #expect(institution?.count == 2)
    #expect(institution?.since == ISODay("2026-01-01"))
    let vendor = w.first { $0.side == .vendor }
    #expect(vendor?.count == 1)
    #expect(w.count == 2)
  }
}
