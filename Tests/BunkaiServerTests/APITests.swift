import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

@Suite("JSON API /api/v1")
struct APITests {
  static func token(_ app: Application, email: String) async throws -> String {
    let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
    return try await Accounts.createToken(on: app.db, user: user, label: "test")
  }

  static func json(_ res: TestingHTTPResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any])
  }

  @Test func contractsDocumentsReviewsAndChecklist() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      let token = try await Self.token(app, email: "admin@sakura.example")
      let auth: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]

      let create = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts", headers: auth,
        body: ByteBuffer(
          string: #"{"title":"PACS保守契約","vendorId":"\#(vendor)","kind":"maintenance","endDate":"2027-03-31"}"#
        ))
      #expect(create.status == .created)
      let contract = try Self.json(create)
      let id = try #require(contract["id"] as? String)
      #expect(contract["kind"] as? String == "maintenance")

      let list = try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth)
      let items = try #require(
        JSONSerialization.jsonObject(with: Data(list.body.string.utf8)) as? [[String: Any]])
      #expect(items.map { $0["title"] as? String } == ["PACS保守契約"])

      var (body, type) = Multipart.body(
        fields: [], filename: "hoshu_sakura_typical.txt",
        data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      let upload = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(id)/documents",
        headers: ["Authorization": "Bearer \(token)", "Content-Type": type],
        body: body)
      #expect(upload.status == .created)
      let up = try Self.json(upload)
      let reviewId = try #require(up["reviewId"] as? String)
      let engineCount = try Fixture.engineFindingCount("contracts/hoshu_sakura_typical.txt")
      #expect(up["findingCount"] as? Int == engineCount)
      #expect((up["document"] as? [String: Any])?["version"] as? Int == 1)

      let decide = try await app.testing().sendRequest(
        .POST, "/api/v1/reviews/\(reviewId)/decisions", headers: auth,
        body: ByteBuffer(string: #"{"finding":3,"kind":"later","reason":"次回の打合せで"}"#))
      #expect(decide.status == .created)

      let review = try Self.json(
        try await app.testing().sendRequest(.GET, "/api/v1/reviews/\(reviewId)", headers: auth))
      let engine = try #require(review["review"] as? [String: Any])
      #expect(engine["schemaVersion"] as? Int == 2)
      let findings = try #require(engine["findings"] as? [[String: Any]])
      #expect(findings.count == engineCount)
      // The engine's JSON passes through unchanged, nulls included.
      #expect(findings.contains { $0["article"] is NSNull })
      let decisions = try #require(review["decisions"] as? [[String: Any]])
      #expect(decisions.count == 1)
      #expect(decisions[0]["finding"] as? Int == 3)
      #expect(decisions[0]["ruleId"] as? String == findings[2]["ruleId"] as? String)

      let put = try await app.testing().sendRequest(
        .PUT, "/api/v1/contracts/\(id)/checklist", headers: auth,
        body: ByteBuffer(
          string:
            #"{"firstMeetingOn":"2026-10-01","answers":[{"itemId":"P2-C-4","initial":"no","owner":"joint","articles":["3"]}]}"#
        ))
      #expect(put.status == .ok)
      let checklist = try Self.json(
        try await app.testing().sendRequest(.GET, "/api/v1/contracts/\(id)/checklist", headers: auth))
      #expect(checklist["firstMeetingOn"] as? String == "2026-10-01")
      let rows = try #require(checklist["items"] as? [[String: Any]])
      let c4 = try #require(rows.first { $0["itemId"] as? String == "P2-C-4" })
      #expect(c4["initial"] as? String == "no")
      #expect(c4["articles"] as? [String] == ["3"])
      let a8 = try #require(rows.first { $0["itemId"] as? String == "P2-A-8" })
      #expect(!((a8["suggestedArticles"] as? [String]) ?? []).isEmpty)

      let bad = try await app.testing().sendRequest(
        .PUT, "/api/v1/contracts/\(id)/checklist", headers: auth,
        body: ByteBuffer(string: #"{"answers":[{"itemId":"P2-Z-9","initial":"yes"}]}"#))
      #expect(bad.status == .unprocessableEntity)
      let err = try #require(try Self.json(bad)["error"] as? [String: Any])
      #expect((err["message"] as? String)?.contains("P2-Z-9") == true)

      (body, type) = Multipart.body(fields: [], filename: "a.exe", data: Data([1, 2, 3]))
      let refused = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(id)/documents",
        headers: ["Authorization": "Bearer \(token)", "Content-Type": type],
        body: body)
      #expect(refused.status == .unsupportedMediaType)
      #expect(try Self.json(refused)["error"] != nil)
    }
  }

  @Test func missingOrWrongTokenIsJSON401() async throws {
    try await TestApp.run { app in
      _ = try await Browser.setUp(app)
      for headers: HTTPHeaders in [[:], ["Authorization": "Bearer bk_not-a-real-token"]] {
        let res = try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: headers)
        #expect(res.status == .unauthorized)
        let err = try #require(try Self.json(res)["error"] as? [String: Any])
        #expect((err["message"] as? String)?.contains("APIトークン") == true)
      }
      // A session cookie is not an API credential.
      let b = try await Browser.signIn(app, email: "admin@sakura.example")
      let res = try await app.testing().sendRequest(
        .GET, "/api/v1/contracts", headers: ["Cookie": "bunkai_session=\(b.cookie ?? "")"])
      #expect(res.status == .unauthorized)
    }
  }
}
