import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// Writes at the same time succeed: uploads get distinct versions, decisions and checklist saves
/// never answer 5xx, and an API client may retry a POST with the same `Idempotency-Key` without
/// doing it twice (issue 11, "Concurrent writes succeed").
@Suite("Concurrent writes")
struct ConcurrentWriteTests {
  static func json(_ res: TestingHTTPResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]) ?? [:]
  }

  @Test func twentyUploadsToOneContractAtOnce() async throws {
    try await TestApp.run { app in
      let s = try await IntakeWorkerTests.setUp(app)
      let data = try Fixture.data("contracts/hoshu_sakura_typical.txt")
      let results = try await withThrowingTaskGroup(of: (UInt, Int?).self) { group in
        for i in 0..<20 {
          group.addTask {
            let res = try await IntakeWorkerTests.upload(app, s, filename: "版\(i).txt", data: data)
            return (res.status.code, (Self.json(res)["document"] as? [String: Any])?["version"] as? Int)
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      #expect(results.map(\.0).sorted() == Array(repeating: 201, count: 20))
      #expect(results.compactMap(\.1).sorted() == Array(1...20))
      let stored = try await ContractDocument.query(on: app.db).all().map(\.version).sorted()
      #expect(stored == Array(1...20))
      // The contract points at the newest review.
      let contract = try #require(try await Contract.find(UUID(uuidString: s.contract), on: app.db))
      let latest = try #require(try await ReviewRecord.find(contract.latestReviewID, on: app.db))
      let doc = try #require(try await ContractDocument.find(latest.documentID, on: app.db))
      #expect(doc.version == 20)
    }
  }

  @Test func decisionsAndChecklistSavesAtOnceNeverFail() async throws {
    try await TestApp.run { app in
      let s = try await IntakeWorkerTests.setUp(app)
      let up = try await IntakeWorkerTests.upload(
        app, s, filename: "a.txt", data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      let review = try #require(Self.json(up)["reviewId"] as? String)
      let auth: HTTPHeaders = ["Authorization": "Bearer \(s.token)", "Content-Type": "application/json"]
      let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
        for i in 0..<20 {
          group.addTask {
            try await app.testing().sendRequest(
              .POST, "/api/v1/reviews/\(review)/decisions", headers: auth,
              body: ByteBuffer(string: #"{"finding":\#(1 + i % 5),"kind":"later","reason":"同時\#(i)"}"#)
            ).status.code
          }
          group.addTask {
            try await app.testing().sendRequest(
              .PUT, "/api/v1/contracts/\(s.contract)/checklist", headers: auth,
              body: ByteBuffer(
                string:
                  #"{"answers":[{"itemId":"P2-C-4","owner":"joint","notes":"同時\#(i)"},{"itemId":"P2-A-1","initial":"yes"}]}"#
              )
            ).status.code
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      #expect(statuses.filter { $0 == 201 }.count == 20)
      #expect(statuses.filter { $0 == 200 }.count == 20)
      #expect(try await Decision.query(on: app.db).count() == 20)
      // One answer row per item however many saved it at once.
      let answers = try await ChecklistAnswer.query(on: app.db).all()
      #expect(answers.filter { $0.itemID == "P2-C-4" }.count == 1)
      #expect(answers.filter { $0.itemID == "P2-A-1" }.count == 1)
    }
  }

  @Test func aRetriedPostWithTheSameKeyIsDoneOnce() async throws {
    try await TestApp.run { app in
      let s = try await IntakeWorkerTests.setUp(app)
      let data = try Fixture.data("contracts/hoshu_sakura_typical.txt")
      let first = try await IntakeWorkerTests.upload(
        app, s, filename: "a.txt", data: data, headers: ["Idempotency-Key": "upload-1"])
      let again = try await IntakeWorkerTests.upload(
        app, s, filename: "a.txt", data: data, headers: ["Idempotency-Key": "upload-1"])
      #expect(first.status == .created)
      #expect(again.status == .created)
      #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
      #expect(again.body.string == first.body.string)
      #expect(try await ContractDocument.query(on: app.db).count() == 1)

      let review = try #require(Self.json(first)["reviewId"] as? String)
      let auth: HTTPHeaders = [
        "Authorization": "Bearer \(s.token)", "Content-Type": "application/json", "Idempotency-Key": "d-1",
      ]
      let body = #"{"finding":2,"kind":"later","reason":"再送"}"#
      let d1 = try await app.testing().sendRequest(
        .POST, "/api/v1/reviews/\(review)/decisions", headers: auth, body: ByteBuffer(string: body))
      let d2 = try await app.testing().sendRequest(
        .POST, "/api/v1/reviews/\(review)/decisions", headers: auth, body: ByteBuffer(string: body))
      #expect(d1.status == .created)
      #expect(d2.status == .created)
      #expect(try await Decision.query(on: app.db).count() == 1)
      // The same key for a different request is refused.
      let other = try await app.testing().sendRequest(
        .POST, "/api/v1/reviews/\(review)/decisions", headers: auth,
        body: ByteBuffer(string: #"{"finding":3,"kind":"later","reason":"別"}"#))
      #expect(other.status == .unprocessableEntity)
      #expect(IntakeWorkerTests.message(other).contains("Idempotency-Key"))
      // A refused request is not kept: fixed and sent again with its key, it is done.
      var bad = auth
      bad.replaceOrAdd(name: "Idempotency-Key", value: "d-2")
      let refused = try await app.testing().sendRequest(
        .POST, "/api/v1/reviews/\(review)/decisions", headers: bad,
        body: ByteBuffer(string: #"{"finding":999,"kind":"later"}"#))
      #expect(refused.status == .unprocessableEntity)
      #expect(try await Decision.query(on: app.db).count() == 1)
      // Two answers kept: the upload's and the decision's.
      #expect(try await IdempotencyRecord.query(on: app.db).count() == 2)
    }
  }

  @Test func aRunawayAPIClientIsSlowedDown() async throws {
    try await TestApp.run(adjust: { $0.apiRatePerMinute = 5 }) { app in
      let s = try await IntakeWorkerTests.setUp(app)
      let auth: HTTPHeaders = ["Authorization": "Bearer \(s.token)"]
      var statuses: [UInt] = []
      for _ in 0..<12 {
        statuses.append(
          try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth).status.code)
      }
      // Five a minute: even if the minute turns over half way, no more than ten of twelve pass.
      let passed = statuses.filter { $0 == 200 }.count
      #expect(passed >= 5 && passed <= 10, "\(statuses)")
      #expect(statuses.filter { $0 == 429 }.count == 12 - passed)
      let refused = try await app.testing().sendRequest(.GET, "/api/v1/contracts", headers: auth)
      if refused.status == .tooManyRequests {
        #expect(refused.headers.first(name: .retryAfter) != nil)
        #expect(IntakeWorkerTests.message(refused).contains("API の呼び出しが多すぎます"))
      }
    }
  }

  @Test func healthzSays503WhenTheDatabaseIsAway() async throws {
    // A PostgreSQL that is not listening (port 9 on loopback): nothing answers there.
    try await withApp(configure: { app in
      try await configure(
        app,
        settings: ServerSettings(database: .postgres(url: "postgres://x:y@127.0.0.1:9/none"), bcryptCost: 4))
    }) { app in
      let res = try await app.testing().sendRequest(.GET, "/healthz")
      #expect(res.status == .serviceUnavailable)
      // A page that needs the database answers 503 with a Japanese message, not 500.
      let page = try await app.testing().sendRequest(.GET, "/login")
      #expect(page.status == .serviceUnavailable)
      #expect(page.body.string.contains("データベースに接続できません"))
    }
  }

  @Test func aWriteInsideAWriteJoinsIt() async throws {
    try await TestApp.run { app in
      _ = try await Browser.setUp(app)
      let org = try #require(try await Organisation.query(on: app.db).first())
      // Would wait for ever for the gate its outer write holds, if it did not join it.
      let name = try await Writes.transaction(app.db) { db in
        try await Writes.transaction(db) { inner in
          org.name = "入れ子の書き込み"
          try await org.update(on: inner)
          return org.name
        }
      }
      #expect(try await Organisation.find(org.id, on: app.db)?.name == name)
    }
  }

  @Test func errorsAreClassifiedForRetry() {
    #expect(Writes.classify(Abort(.notFound)) == .other)
    #expect(Writes.advisoryKey(UUID(uuidString: "00000000-0000-0001-0000-000000000000")!) == 1)
  }
}
