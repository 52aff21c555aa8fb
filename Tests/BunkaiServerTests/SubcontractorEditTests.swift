import BunkaiCore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// Issue 10 §2, the subcontractor register: an entry is edited after it was made (scope, data
/// handled, approval day and who, equal duties, end date), on the page and through the API; the
/// earlier values stay in the audit log and the "used without approval" flag follows the edit.
@Suite("Subcontractor register: editing an entry")
struct SubcontractorEditTests {
  typealias JSON = [String: Any]

  @Test func anEditIsAuditedAndTheFlagFollowsIt() async throws {
    try await TestApp.run { app in
      let s = try await ContractLifeTests.setUp(app)
      let c = s.contract
      let a = try await s.vendor.json(
        .POST, "/contracts/\(c)/subcontractors",
        #"{"name":"ミナト運用","scope":"夜間監視","dataHandled":"操作ログ","equalDuties":false,"inUse":true}"#,
        expect: .created)
      let aID = try #require(a["id"] as? String)
      #expect(a["unapprovedInUse"] as? Bool == true)
      let b = try await s.admin.json(
        .POST, "/contracts/\(c)/subcontractors",
        #"{"name":"院内清掃サービス","scope":"サーバ室の清掃","dataHandled":"なし","equalDuties":true}"#,
        expect: .created)
      let bID = try #require(b["id"] as? String)
      let path = "/contracts/\(c)/subcontractors/\(aID)"

      // The vendor edits its own entry, but not the approval, and not the institution's entry.
      let edited = try await s.vendor.json(.PATCH, path, #"{"scope":"夜間と休日の監視","equalDuties":true}"#)
      #expect(edited["scope"] as? String == "夜間と休日の監視")
      #expect(edited["equalDuties"] as? Bool == true)
      #expect(edited["dataHandled"] as? String == "操作ログ")
      #expect(edited["unapprovedInUse"] as? Bool == true)
      let selfApproval = try await s.vendor.send(.PATCH, path, #"{"approvedOn":"2026-12-01"}"#)
      #expect(selfApproval.status == .forbidden)
      #expect(APIRouteTests.isJapanese(try APIRouteTests.error(selfApproval)["message"] as? String))
      let notTheirs = try await s.vendor.send(
        .PATCH, "/contracts/\(c)/subcontractors/\(bID)", #"{"scope":"x"}"#)
      #expect(notTheirs.status == .forbidden)
      let exec = try await APIRouteTests.client(
        app,
        try await APIRouteTests.user(
          app, org: "", orgID: s.vendorUser.organisationID, email: "exec@sakura.example", role: .executive))
      #expect(try await exec.send(.PATCH, path, #"{"scope":"x"}"#).status == .forbidden)
      #expect(try await Subcontractor.find(UUID(uuidString: bID), on: app.db)?.scope == "サーバ室の清掃")
      #expect(try await Subcontractor.find(UUID(uuidString: aID), on: app.db)?.approvedOn == nil)

      // Refused input names the field; an unknown entry is nothing.
      let badDay = try await s.admin.send(.PATCH, path, #"{"endOn":"2026-13-01"}"#)
      #expect(badDay.status == .unprocessableEntity)
      #expect(try APIRouteTests.error(badDay)["field"] as? String == "endOn")
      let blank = try await s.admin.send(.PATCH, path, #"{"scope":"  "}"#)
      #expect(blank.status == .unprocessableEntity)
      #expect(try APIRouteTests.error(blank)["field"] as? String == "scope")
      #expect(
        try await s.admin.send(.PATCH, "/contracts/\(c)/subcontractors/\(UUID())", #"{"scope":"x"}"#).status
          == .notFound)

      // The institution records the approval: the flag is gone, here and on the contract page.
      let browser = try await Browser.signIn(app, email: "admin@sakura.example")
      #expect(
        try await browser.get("/contracts/\(c)").body.string.contains("id=\"unapproved-subcontractors\""))
      let approved = try await s.admin.json(.PATCH, path, #"{"approvedOn":"2026-11-30","approvedBy":"理事会"}"#)
      #expect(approved["approved"] as? Bool == true)
      #expect(approved["approvedOn"] as? String == "2026-11-30")
      #expect(approved["approvedBy"] as? String == "理事会")
      #expect(approved["unapprovedInUse"] as? Bool == false)
      #expect(
        !(try await browser.get("/contracts/\(c)").body.string.contains("id=\"unapproved-subcontractors\"")))
      // Withdrawn: flagged again. Ended yesterday: no longer in use, so no flag.
      let withdrawn = try await s.admin.json(.PATCH, path, #"{"approvedOn":""}"#)
      #expect(withdrawn["approved"] as? Bool == false)
      #expect(withdrawn["approvedBy"] == nil)
      #expect(withdrawn["unapprovedInUse"] as? Bool == true)
      let ended = try await s.admin.json(.PATCH, path, #"{"endOn":"\#(ContractLifeTests.day(-1))"}"#)
      #expect(ended["endOn"] as? String == ContractLifeTests.day(-1))
      #expect(ended["unapprovedInUse"] as? Bool == false)

      // The page's edit form, with every field it shows: approval given on the page.
      try await browser.get("/contracts/\(c)/life")
      let form = try await browser.post(
        path,
        [
          ("scope", "夜間と休日の監視"), ("dataHandled", "操作ログ（患者名を含む）"), ("equalDuties", "true"),
          ("inUse", "true"), ("endOn", ""), ("approvedOn", "2026-12-01"), ("approvedBy", ""),
        ])
      #expect(form.status == .seeOther)
      let saved = try #require(try await Subcontractor.find(UUID(uuidString: aID), on: app.db))
      #expect(saved.approvedOn == "2026-12-01")
      #expect(saved.approvedBy == "admin@sakura.example")
      #expect(saved.endOn == nil)
      #expect(saved.dataHandled == "操作ログ（患者名を含む）")
      #expect(!saved.unapprovedInUse(today: JapanTime.today()))
      // The vendor's page offers the form on its own entry only; posting to the other is refused.
      let v = try await Browser.signIn(app, email: s.vendorUser.email, password: "correct-horse-2")
      let vendorPage = try await v.get("/contracts/\(c)/life").body.string
      #expect(vendorPage.contains("id=\"edit-\(aID)\""))
      #expect(!vendorPage.contains("id=\"edit-\(bID)\""))
      #expect(!vendorPage.contains("name=\"approvedOn\""))
      let refused = try await v.post(
        "/contracts/\(c)/subcontractors/\(bID)",
        [("scope", "x"), ("dataHandled", "x"), ("equalDuties", "true"), ("inUse", "true"), ("endOn", "")])
      #expect(refused.status == .forbidden)

      // Every edit is in the audit log, with the values before it.
      #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "再委託先の編集").count() == 5)
      let audit = try await browser.get("/audit").body.string
      #expect(audit.contains("<td>業務の範囲</td><td>夜間監視</td><td>夜間と休日の監視</td>"))
      #expect(audit.contains("<td>承認した人</td><td>理事会</td><td></td>"))
    }
  }
}
