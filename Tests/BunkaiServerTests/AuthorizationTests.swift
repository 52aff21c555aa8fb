import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

@Suite("Authorisation: organisations and roles")
struct AuthorizationTests {
  /// Organisation A with a vendor, system, contract, document, review and answers; returns the ids.
  static func populateA(_ app: Application) async throws -> (Browser, [String: String]) {
    let a = try await Browser.setUp(app, org: "Aクリニック", email: "admin@a.example")
    let vendor = try await a.addVendor("Aだけの事業者")
    let contract = try await a.addContract(vendorId: vendor, title: "Aだけの契約")
    #expect(try await a.post("/systems", [("name", "Aだけのシステム"), ("category", "電子カルテ")]).status == .seeOther)
    let review = try await a.uploadFixture(contractId: contract)
    try await a.post("/contracts/\(contract)/checklist", [("answers[P2-A-1][initial]", "yes")])
    try await a.get("/contracts/\(contract)/exchange")
    let attached = try await a.upload(
      "/contracts/\(contract)/attachments", filename: "開示書.txt", data: Data("Aだけの開示書".utf8))
    #expect(attached.status == .seeOther)
    let attachment = try #require(try await Attachment.query(on: app.db).first())
    let user = try #require(try await User.query(on: app.db).filter(\.$email == "admin@a.example").first())
    _ = try await Accounts.createToken(on: app.db, user: user, label: "Aだけのトークン")
    let token = try #require(try await UserToken.query(on: app.db).filter(\.$userID == user.id!).first())
    let reviewRecord = try #require(try await ReviewRecord.find(UUID(uuidString: review), on: app.db))
    let risk = try await RiskAcceptances.request(
      on: app.db, engine: app.engine, actor: Actor(user: user),
      .init(
        subject: .init(kind: "finding", reviewId: reviewRecord.id, finding: 1), risk: "Aだけのリスク", reason: "費用",
        measures: nil, owner: nil, expiresOn: "2099-01-01"), today: JapanTime.today())
    // The contract's life: one record of each kind, for the routes that name them.
    let c = try #require(try await Contract.find(UUID(uuidString: contract), on: app.db))
    let notice = try await ContractLife.submitNotice(
      on: app.db, engine: app.engine, contract: c, user: user,
      .init(title: "Aだけの変更", affectsSecurity: true, plannedOn: "2030-01-31", itemIds: ["P2-A-5"]))
    let sub = try await ContractLife.addSubcontractor(
      on: app.db, contract: c, user: user,
      .init(name: "Aだけの再委託先", scope: "監視", dataHandled: "ログ", equalDuties: true, inUse: true))
    let vuln = try await ContractLife.addVulnerability(
      on: app.db, contract: c, user: user,
      .init(product: "Aだけの製品", version: "1", advisory: "JVN#1", severity: "high", measure: "更新"))
    let recheck = try await Rechecks.run(app, on: app.db, actor: Actor(user: user), contract: c)
    return (
      a,
      [
        "vendors": vendor, "contracts": contract, "reviews": review, "users": user.id!.uuidString,
        "attachments": attachment.id!.uuidString, "tokens": token.id!.uuidString,
        "risk-acceptances": risk.id!.uuidString,
        "notice": notice.id!.uuidString, "subcontractor": sub.id!.uuidString,
        "vulnerability": vuln.id!.uuidString, "recheck": recheck.recheck.id!.uuidString,
      ]
    )
  }

  @Test func everyRouteRefusesAnotherOrganisationsData() async throws {
    try await TestApp.run { app in
      let (_, ids) = try await Self.populateA(app)
      _ = try await Accounts.createUser(
        on: app.db, hasher: app.password.async, orgName: "B病院", email: "admin@b.example", name: "B",
        role: .admin,
        password: "correct-horse-1")
      let b = try await Browser.signIn(app, email: "admin@b.example")
      let bToken = try await APITests.token(app, email: "admin@b.example")

      var checked = 0
      for route in app.routes.all {
        let parts = route.path.map(\.description)
        guard let at = parts.firstIndex(of: ":id") else { continue }
        let collection = parts[at - 1]
        let id = try #require(ids[collection], "no id for \(route.path)")
        let path =
          "/"
          + parts.map {
            $0 == ":id"
              ? id : $0 == ":item" ? "P2-A-1" : $0.hasPrefix(":") ? ids[String($0.dropFirst())] ?? $0 : $0
          }.joined(separator: "/")
        let status: HTTPStatus
        if parts.first == "api" {
          var headers: HTTPHeaders = [
            "Authorization": "Bearer \(bToken)", "Content-Type": "application/json",
          ]
          var body = ByteBuffer(
            string:
              #"{"answers":[],"finding":1,"kind":"later","title":"x","decision":"approve","reason":"x","plannedOn":"2030-01-01","affectsSecurity":true}"#
          )
          if parts.last == "documents" {
            let (mb, type) = Multipart.body(fields: [], filename: "x.txt", data: Data("第1条 テスト".utf8))
            body = mb
            headers.replaceOrAdd(name: .contentType, value: type)
          }
          status = try await app.testing().sendRequest(route.method, path, headers: headers, body: body)
            .status
        } else if route.method == .GET {
          status = try await b.get(path).status
        } else if parts.last == "documents" || parts.last == "attachments" {
          try await b.get("/")
          status = try await b.upload(path, filename: "x.txt", data: Data("第1条 テスト".utf8)).status
        } else {
          try await b.get("/")
          status = try await b.post(
            path,
            [
              ("title", "乗っ取り"), ("name", "乗っ取り"), ("role", "staff"), ("finding", "1"), ("kind", "later"),
              ("email", "x@b.example"), ("text", "乗っ取り"), ("owner", "joint"), ("agreed", "乗っ取り"),
              ("decision", "approve"), ("reason", "乗っ取り"), ("plannedOn", "2030-01-01"),
              ("affectsSecurity", "true"),
              ("scope", "x"), ("dataHandled", "x"), ("equalDuties", "true"), ("product", "x"),
              ("version", "1"),
              ("advisory", "x"), ("severity", "low"), ("measure", "x"),
            ]
          ).status
        }
        #expect([.forbidden, .notFound].contains(status), "\(route.method) \(path) answered \(status.code)")
        checked += 1
      }
      #expect(checked >= 20)
      // Nothing of A shows in B's lists, and nothing of A changed.
      for page in [
        "/", "/contracts", "/vendors", "/audit", "/users", "/checklist/part1", "/responsibilities",
      ] {
        let html = try await b.get(page).body.string
        #expect(!html.contains("Aだけの"), "\(page)")
        #expect(!html.contains("admin@a.example"), "\(page)")
      }
      let list = try await app.testing().sendRequest(
        .GET, "/api/v1/contracts", headers: ["Authorization": "Bearer \(bToken)"])
      #expect(list.body.string == "[]")
      // B's responsibility map holds nothing of A's systems, contracts or vendors.
      let map = try await app.testing().sendRequest(
        .GET, "/api/v1/responsibilities", headers: ["Authorization": "Bearer \(bToken)"])
      #expect(map.status == .ok)
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(map.body.string.utf8)) as? [String: Any])
      for key in ["systems", "cells", "flags"] { #expect((json[key] as? [Any])?.isEmpty == true, "\(key)") }
      #expect(!map.body.string.contains("Aだけの"))
      #expect(try await Contract.query(on: app.db).filter(\.$title == "乗っ取り").count() == 0)
      #expect(try await Decision.query(on: app.db).count() == 0)
      #expect(try await RiskAcceptance.query(on: app.db).filter(\.$signedAt != nil).count() == 0)
      // The contract's life: nothing added, nothing decided.
      #expect(try await ChangeNotice.query(on: app.db).count() == 1)
      #expect(try await ChangeNotice.query(on: app.db).first()?.status == .pending)
      #expect(try await Subcontractor.query(on: app.db).count() == 1)
      #expect(try await Subcontractor.query(on: app.db).first()?.approvedOn == nil)
      #expect(try await VulnerabilityConsultation.query(on: app.db).first()?.decision == .pending)
      // No re-check run on A's contract by B.
      #expect(try await RecheckRecord.query(on: app.db).count() == 1)
      #expect(try await User.query(on: app.db).filter(\.$email == "admin@a.example").first()?.role == .admin)
      #expect(
        try await User.query(on: app.db).filter(\.$email == "admin@a.example").first()?.disabledAt == nil)
      #expect(try await UserToken.query(on: app.db).filter(\.$label == "Aだけのトークン").first()?.revokedAt == nil)
      _ = try await Browser.signIn(app, email: "admin@a.example")
    }
  }

  @Test func rolesLimitWhatStaffAndExecutivesMayDo() async throws {
    try await TestApp.run { app in
      let (admin, ids) = try await Self.populateA(app)
      try await admin.get("/users")
      for (email, role) in [("staff@a.example", "staff"), ("exec@a.example", "executive")] {
        let r = try await admin.post(
          "/users", [("name", role), ("email", email), ("role", role), ("password", "correct-horse-1")])
        #expect(r.status == .seeOther)
      }
      let staff = try await Browser.signIn(app, email: "staff@a.example")
      let exec = try await Browser.signIn(app, email: "exec@a.example")
      let execUser = try #require(
        try await User.query(on: app.db).filter(\.$email == "exec@a.example").first())

      // Staff cannot make anyone admin, nor see users or the audit log.
      try await staff.get("/")
      #expect(try await staff.post("/users/\(execUser.id!)/role", [("role", "admin")]).status == .forbidden)
      #expect(try await staff.get("/users").status == .forbidden)
      #expect(try await staff.get("/audit").status == .forbidden)
      #expect(try await User.find(execUser.id, on: app.db)?.role == .executive)
      // Staff can work on contracts but not sign off.
      #expect(
        try await staff.post(
          "/reviews/\(ids["reviews"]!)/decisions", [("finding", "1"), ("kind", "propose")]
        ).status
          == .seeOther)
      #expect(try await staff.post("/reviews/\(ids["reviews"]!)/sign-off").status == .forbidden)

      // Executives read everything and sign off, but do not edit.
      try await exec.get("/")
      #expect(try await exec.get("/contracts/\(ids["contracts"]!)").status == .ok)
      #expect(try await exec.get("/audit").status == .ok)
      #expect(
        try await exec.post("/contracts", [("title", "x"), ("vendorId", ids["vendors"]!)]).status
          == .forbidden)
      #expect(
        try await exec.post("/reviews/\(ids["reviews"]!)/decisions", [("finding", "1"), ("kind", "later")])
          .status
          == .forbidden)
      // With findings open, the executive confirms them before anything is approved.
      #expect(try await exec.post("/reviews/\(ids["reviews"]!)/sign-off").status == .seeOther)
      #expect(try await ReviewRecord.find(UUID(uuidString: ids["reviews"]!), on: app.db)?.signedOffBy == nil)
      #expect(
        try await exec.post("/reviews/\(ids["reviews"]!)/sign-off", [("confirmOpen", "yes")]).status
          == .seeOther)
      let review = try #require(try await ReviewRecord.find(UUID(uuidString: ids["reviews"]!), on: app.db))
      #expect(review.signedOffBy == execUser.id)
      // The admin may not approve (only executives do), nor sign a risk acceptance.
      #expect(try await admin.post("/reviews/\(ids["reviews"]!)/sign-off").status == .forbidden)
      #expect(try await admin.post("/risk-acceptances/\(ids["risk-acceptances"]!)/sign").status == .forbidden)
      #expect(try await staff.post("/risk-acceptances/\(ids["risk-acceptances"]!)/sign").status == .forbidden)
      #expect(try await exec.post("/risk-acceptances/\(ids["risk-acceptances"]!)/sign").status == .seeOther)
      #expect(try await exec.post("/risk-acceptances", [("risk", "x")]).status == .forbidden)
      #expect(try await exec.get("/reviews/\(ids["reviews"]!)").body.string.contains("が "))

      // The admin changes a role; the audit log has who, what, before and after.
      #expect(try await admin.post("/users/\(execUser.id!)/role", [("role", "staff")]).status == .seeOther)
      let audit = try await admin.get("/audit").body.string
      #expect(audit.contains("の権限を変更しました"))
      // In words, field by field, not as JSON.
      #expect(audit.contains("<td>権限</td><td>\(Role.executive.label)</td><td>\(Role.staff.label)</td>"))
      #expect(!audit.contains("&quot;role&quot;"))
      #expect(audit.contains("承認"))
      #expect(audit.contains("アップロード"))
      #expect(audit.contains("判断"))
    }
  }
}
