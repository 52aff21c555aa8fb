import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// The routes that make the API cover what the pages do (issue 12): vendors, systems, contract
/// edits, documents, sign-off, Part1, the exchange with a vendor's own token, invitations and
/// tokens; who may reach what; errors that name the field in Japanese; idempotent POSTs.
@Suite("JSON API: every capability of the pages")
struct APIRouteTests {
  typealias JSON = [String: Any]

  struct Client {
    let app: Application
    let token: String

    @discardableResult
    func send(
      _ method: HTTPMethod, _ path: String, _ body: String? = nil, headers extra: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
      var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
      if body != nil { headers.add(name: .contentType, value: "application/json") }
      headers.add(contentsOf: extra)
      return try await app.testing().sendRequest(
        method, "/api/v1" + path, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func json(_ method: HTTPMethod, _ path: String, _ body: String? = nil, expect: HTTPStatus = .ok)
      async throws -> JSON
    {
      let res = try await send(method, path, body)
      #expect(res.status == expect, "\(method) \(path): \(res.body.string.prefix(400))")
      return try #require(JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? JSON)
    }

    func list(_ path: String) async throws -> [JSON] {
      let res = try await send(.GET, path)
      #expect(res.status == .ok, "GET \(path): \(res.body.string.prefix(400))")
      return try #require(JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [JSON])
    }
  }

  /// The error object of an error answer.
  static func error(_ res: TestingHTTPResponse) throws -> JSON {
    let body = try #require(JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? JSON)
    return try #require(body["error"] as? JSON)
  }

  /// Hiragana, katakana or kanji: a message written for people in Japanese.
  static func isJapanese(_ s: String?) -> Bool {
    (s ?? "").unicodeScalars.contains {
      (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value)
    }
  }

  static func user(
    _ app: Application, org: String, orgID: UUID? = nil, email: String, role: Role
  ) async throws -> User {
    try await Accounts.createUser(
      on: app.db, hasher: app.password.async, orgName: org, organisationID: orgID, email: email, name: email,
      role: role, password: "correct-horse-1")
  }

  static func client(_ app: Application, _ user: User) async throws -> Client {
    Client(app: app, token: try await Accounts.createToken(on: app.db, user: user, label: "test"))
  }

  /// An organisation's admin with a token, from nothing.
  static func admin(_ app: Application, org: String = "さくら病院", email: String = "admin@sakura.example")
    async throws -> (User, Client)
  {
    let u = try await user(app, org: org, email: email, role: .admin)
    return (u, try await client(app, u))
  }

  @Test func fromAnEmptyOrganisationToASignedOffReview() async throws {
    try await TestApp.run { app in
      let (_, api) = try await Self.admin(app)
      #expect(try await api.list("/vendors").isEmpty)

      let vendor = try await api.json(
        .POST, "/vendors", #"{"name":"株式会社ミドリシステム","contact":{"name":"山田","email":"yamada@midori.example"}}"#,
        expect: .created)
      let vendorID = try #require(vendor["id"] as? String)
      #expect((vendor["contact"] as? JSON)?["email"] as? String == "yamada@midori.example")
      let edited = try await api.json(.PUT, "/vendors/\(vendorID)", #"{"notes":"保守窓口は平日のみ"}"#)
      #expect(edited["name"] as? String == "株式会社ミドリシステム")
      #expect(edited["notes"] as? String == "保守窓口は平日のみ")
      #expect(try await api.list("/vendors").map { $0["id"] as? String } == [vendorID])

      // The categories are the ones the web form offers.
      let b = try await Browser.signIn(app, email: "admin@sakura.example")
      try await b.get("/systems")
      let categories = try #require(
        JSONSerialization.jsonObject(
          with: Data(try await api.send(.GET, "/systems/categories").body.string.utf8))
          as? [String])
      #expect(categories.contains("電子カルテ"))
      for c in categories { #expect(b.lastBody.contains("value=\"\(c)\"")) }
      let system = try await api.json(
        .POST, "/systems", #"{"name":"電子カルテ（外来）","category":"電子カルテ"}"#, expect: .created)
      let systemID = try #require(system["id"] as? String)
      #expect(try await api.list("/systems").count == 1)

      let contract = try await api.json(
        .POST, "/contracts",
        #"{"title":"電子カルテ保守契約","vendorId":"\#(vendorID)","kind":"maintenance","systemIds":["\#(systemID)"]}"#,
        expect: .created)
      let id = try #require(contract["id"] as? String)
      let changed = try await api.json(
        .PUT, "/contracts/\(id)",
        #"{"title":"電子カルテ保守契約（2026年度）","status":"negotiating","endDate":"2027-03-31"}"#)
      #expect(changed["title"] as? String == "電子カルテ保守契約（2026年度）")
      #expect(changed["status"] as? String == "negotiating")
      #expect(changed["vendorId"] as? String == vendorID)
      #expect(changed["systemIds"] as? [String] == [systemID])

      let (body, type) = Multipart.body(
        fields: [], filename: "hoshu_sakura_typical.txt",
        data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      let upload = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(id)/documents",
        headers: ["Authorization": "Bearer \(api.token)", "Content-Type": type], body: body)
      #expect(upload.status == .created)
      let docs = try await api.list("/contracts/\(id)/documents")
      #expect(docs.count == 1)
      let reviewID = try #require(docs.first?["reviewId"] as? String)
      #expect((docs.first?["document"] as? JSON)?["version"] as? Int == 1)

      _ = try await api.json(
        .POST, "/reviews/\(reviewID)/decisions", #"{"finding":1,"kind":"propose"}"#, expect: .created)
      // Only an executive approves: the admin is refused.
      #expect(try await api.send(.POST, "/reviews/\(reviewID)/sign-off").status == .forbidden)
      let admin = try #require(
        try await User.query(on: app.db).filter(\.$email == "admin@sakura.example").first())
      let executive = try await Self.client(
        app,
        try await Self.user(
          app, org: "", orgID: admin.organisationID, email: "incho@sakura.example", role: .executive))
      let signed = try await executive.json(.POST, "/reviews/\(reviewID)/sign-off")
      #expect(signed["signedOffAt"] is String)
      // What was still open when approved is listed (finding 1 was decided).
      let open = try #require(signed["openFindings"] as? [JSON])
      #expect(!open.contains { $0["finding"] as? Int == 1 })
      #expect(open.contains { $0["finding"] as? Int == 2 })

      let part1 = try await api.json(.GET, "/checklist/part1")
      let firstItem = try #require((part1["items"] as? [JSON])?.first?["itemId"] as? String)
      #expect(firstItem.hasPrefix("P1-"))
      let saved = try await api.json(
        .PUT, "/checklist/part1",
        #"{"checkedOn":"2026-09-15","answers":[{"itemId":"\#(firstItem)","initial":"yes"}]}"#)
      #expect(saved["checkedOn"] as? String == "2026-09-15")
      #expect((saved["items"] as? [JSON])?.first?["initial"] as? String == "yes")

      for path in [
        "/contracts/\(id)/annex.docx", "/contracts/\(id)/annex.xlsx", "/reviews/\(reviewID)/redline.docx",
      ] {
        let res = try await api.send(.GET, path)
        #expect(res.status == .ok, "\(path): \(res.body.string.prefix(300))")
        #expect(res.body.readableBytesView.starts(with: [0x50, 0x4B]), "\(path) is a zip (Office) file")
      }
    }
  }

  @Test func validationErrorsNameTheFieldInJapanese() async throws {
    try await TestApp.run { app in
      let (_, api) = try await Self.admin(app)
      let vendor = try await api.json(.POST, "/vendors", #"{"name":"株式会社ミドリシステム"}"#, expect: .created)
      let vendorID = try #require(vendor["id"] as? String)
      let contract = try await api.json(
        .POST, "/contracts", #"{"title":"保守契約","vendorId":"\#(vendorID)"}"#, expect: .created)
      let id = try #require(contract["id"] as? String)

      let cases: [(HTTPMethod, String, String, HTTPStatus, String)] = [
        (.POST, "/vendors", #"{}"#, .unprocessableEntity, "name"),
        (.POST, "/vendors", #"{"name":"   "}"#, .unprocessableEntity, "name"),
        (
          .POST, "/vendors", #"{"name":"A社","contact":{"email":"not-an-address"}}"#, .unprocessableEntity,
          "contact.email"
        ),
        (.PUT, "/vendors/\(vendorID)", #"{"name":""}"#, .unprocessableEntity, "name"),
        (.POST, "/systems", #"{"name":"カルテ"}"#, .unprocessableEntity, "category"),
        (.POST, "/systems", #"{"name":"カルテ","category":"カルテ"}"#, .unprocessableEntity, "category"),
        (.POST, "/systems", #"{"category":"電子カルテ"}"#, .unprocessableEntity, "name"),
        (.POST, "/contracts", #"{"title":"","vendorId":"\#(vendorID)"}"#, .unprocessableEntity, "title"),
        (.POST, "/contracts", #"{"title":"X"}"#, .unprocessableEntity, "vendorId"),
        (
          .POST, "/contracts", #"{"title":"X","vendorId":"\#(vendorID)","kind":"hoshu"}"#,
          .unprocessableEntity, "kind"
        ),
        (
          .PUT, "/contracts/\(id)", #"{"title":"X","startDate":"2027-04-01","endDate":"2026-03-31"}"#,
          .unprocessableEntity, "endDate"
        ),
        (
          .PUT, "/contracts/\(id)", #"{"title":"X","noticeDeadline":"2027-02-30"}"#, .unprocessableEntity,
          "noticeDeadline"
        ),
        (.POST, "/contracts", #"{"title":5,"vendorId":"\#(vendorID)"}"#, .badRequest, "title"),
        (.POST, "/contracts", #"{"vendorId":"\#(vendorID)"}"#, .badRequest, "title"),
        (.POST, "/contracts", #"{"title":"X","vendorId":"\#(UUID())"}"#, .notFound, "vendorId"),
        (
          .PUT, "/contracts/\(id)/checklist", #"{"answers":[{"itemId":"P2-C-4","owner":"both"}]}"#,
          .unprocessableEntity,
          "answers[P2-C-4].owner"
        ),
        (.PUT, "/checklist/part1", #"{"checkedOn":"昨日","answers":[]}"#, .unprocessableEntity, "checkedOn"),
        (.POST, "/contracts/\(id)/invitations", #"{"email":"yamada"}"#, .unprocessableEntity, "email"),
        (
          .POST, "/contracts/\(id)/invitations", #"{"email":"yamada@midori.example","days":0}"#,
          .unprocessableEntity, "days"
        ),
        (.POST, "/tokens", #"{"expiresDays":0}"#, .unprocessableEntity, "expiresDays"),
        (
          .PUT, "/contracts/\(id)/exchange/P2-A-1/split", #"{"owner":"everyone"}"#, .unprocessableEntity,
          "owner"
        ),
        (.POST, "/contracts/\(id)/exchange/P2-A-1/entries", #"{"text":"  "}"#, .unprocessableEntity, "text"),
      ]
      for (method, path, body, status, field) in cases {
        let res = try await api.send(method, path, body)
        #expect(res.status == status, "\(method) \(path) \(body): \(res.body.string)")
        let err = try Self.error(res)
        #expect(err["status"] as? Int == Int(status.code))
        #expect(err["field"] as? String == field, "\(method) \(path) \(body): \(res.body.string)")
        #expect(Self.isJapanese(err["message"] as? String), "\(res.body.string)")
      }

      // A finding number far out of range is refused like any other, not a crash.
      let upload = Multipart.body(
        fields: [], filename: "a.txt", data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      let up = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(id)/documents",
        headers: ["Authorization": "Bearer \(api.token)", "Content-Type": upload.1], body: upload.0)
      let reviewID = try #require(
        (try JSONSerialization.jsonObject(with: Data(up.body.string.utf8)) as? JSON)?["reviewId"] as? String)
      for n in ["-9223372036854775808", "9223372036854775807", "0"] {
        let res = try await api.send(
          .POST, "/reviews/\(reviewID)/decisions", #"{"finding":\#(n),"kind":"later"}"#)
        #expect(res.status == .unprocessableEntity)
        #expect(try Self.error(res)["field"] as? String == "finding")
      }
      // A wrong id shape is 404, as an unknown one.
      #expect(try await api.send(.GET, "/vendors/not-a-uuid").status == .notFound)
    }
  }

  @Test func anotherOrganisationLooksLikeNothing() async throws {
    try await TestApp.run { app in
      let (_, a) = try await Self.admin(app)
      let (_, other) = try await Self.admin(app, org: "みどり病院", email: "admin@midori-hp.example")
      let vendor = try await a.json(.POST, "/vendors", #"{"name":"A社"}"#, expect: .created)
      let vendorID = try #require(vendor["id"] as? String)
      let system = try await a.json(
        .POST, "/systems", #"{"name":"PACS","category":"PACS"}"#, expect: .created)
      let contract = try await a.json(
        .POST, "/contracts", #"{"title":"保守契約","vendorId":"\#(vendorID)"}"#, expect: .created)
      let id = try #require(contract["id"] as? String)

      for path in [
        "/vendors/\(vendorID)", "/contracts/\(id)", "/contracts/\(id)/documents",
        "/contracts/\(id)/checklist",
        "/contracts/\(id)/exchange", "/contracts/\(id)/exchange/P2-A-1", "/contracts/\(id)/invitations",
        "/contracts/\(id)/annex.docx",
      ] {
        let res = try await other.send(.GET, path)
        #expect(res.status == .notFound, "GET \(path) from another organisation: \(res.status)")
      }
      #expect(try await other.send(.PUT, "/vendors/\(vendorID)", #"{"name":"乗っ取り"}"#).status == .notFound)
      #expect(try await other.send(.PUT, "/contracts/\(id)", #"{"title":"乗っ取り"}"#).status == .notFound)
      // Nor can its own contract point at the first one's vendor or system.
      let theirs = try await other.json(.POST, "/vendors", #"{"name":"B社"}"#, expect: .created)
      let res = try await other.send(
        .POST, "/contracts",
        #"{"title":"X","vendorId":"\#(theirs["id"] as! String)","systemIds":["\#(system["id"] as! String)"]}"#
      )
      #expect(res.status == .notFound)
      #expect(try Self.error(res)["field"] as? String == "systemIds")
      #expect(try await other.list("/vendors").map { $0["name"] as? String } == ["B社"])
      #expect(try await other.list("/systems").isEmpty)
      #expect(try await a.json(.GET, "/vendors/\(vendorID)")["name"] as? String == "A社")
    }
  }

  @Test func aVendorTokenReachesOnlyItsInvitedContracts() async throws {
    try await TestApp.run { app in
      let (_, api) = try await Self.admin(app)
      let midori = try #require(
        try await api.json(.POST, "/vendors", #"{"name":"ミドリシステム"}"#, expect: .created)["id"] as? String)
      let aoi = try #require(
        try await api.json(.POST, "/vendors", #"{"name":"アオイ電子"}"#, expect: .created)["id"] as? String)
      func contract(_ title: String, _ vendor: String) async throws -> String {
        try #require(
          try await api.json(
            .POST, "/contracts", #"{"title":"\#(title)","vendorId":"\#(vendor)","kind":"maintenance"}"#,
            expect: .created)["id"]
            as? String)
      }
      let invited = try await contract("電子カルテ保守", midori)
      let notInvited = try await contract("レセコン保守", midori)
      let otherVendors = try await contract("PACS保守", aoi)

      let invitation = try await api.json(
        .POST, "/contracts/\(invited)/invitations", #"{"email":"yamada@midori.example"}"#, expect: .created)
      let link = try #require(invitation["link"] as? String)
      #expect(invitation["status"] as? String == "open")
      let inviteToken = String(try #require(link.split(separator: "/").last))
      let vendorUser = try await Invitations.accept(
        on: app.db, hasher: app.password.async, token: inviteToken, name: "山田", password: "correct-horse-2")
      let vendor = try await Self.client(app, vendorUser)
      #expect(
        try await api.list("/contracts/\(invited)/invitations").first?["status"] as? String == "accepted")

      let mine = try await vendor.list("/partner/contracts")
      #expect(mine.map { $0["id"] as? String } == [invited])
      #expect(mine.first?["waitingForVendor"] as? Int ?? 0 > 0)
      #expect(try await vendor.json(.GET, "/contracts/\(invited)/exchange")["side"] as? String == "vendor")
      for other in [notInvited, otherVendors] {
        for path in [
          "/contracts/\(other)/exchange", "/contracts/\(other)/exchange/P2-A-1",
          "/contracts/\(other)/annex.docx",
        ] {
          #expect(try await vendor.send(.GET, path).status == .notFound, "vendor token: GET \(path)")
        }
        #expect(
          try await vendor.send(.POST, "/contracts/\(other)/exchange/P2-A-1/entries", #"{"text":"対策"}"#)
            .status
            == .notFound)
      }
      // The institution's own routes are not the vendor's.
      for path in [
        "/contracts", "/contracts/\(invited)", "/vendors", "/contracts/\(invited)/checklist",
        "/checklist/part1",
      ] {
        let res = try await vendor.send(.GET, path)
        #expect(res.status == .forbidden, "vendor token: GET \(path)")
        #expect(Self.isJapanese(try Self.error(res)["message"] as? String))
      }
      #expect(try await vendor.send(.POST, "/vendors", #"{"name":"X"}"#).status == .forbidden)
      #expect(try await api.send(.GET, "/partner/contracts").status == .forbidden)

      // Step 1 is the vendor's: the institution waits its turn.
      let early = try await api.send(
        .POST, "/contracts/\(invited)/exchange/P2-C-4/entries", #"{"text":"先に書きます"}"#)
      #expect(early.status == .conflict)
      let step1 = try await vendor.json(
        .POST, "/contracts/\(invited)/exchange/P2-C-4/entries", #"{"text":"弊社は障害を24時間以内に報告します。"}"#,
        expect: .created)
      #expect((step1["entries"] as? [JSON])?.first?["side"] as? String == "vendor")
      #expect((step1["item"] as? JSON)?["step"] as? Int == 2)
      let seen = try await api.json(.GET, "/contracts/\(invited)/exchange/P2-C-4")
      #expect((seen["item"] as? JSON)?["waitingFor"] as? [String] == ["institution"])

      // 対象外 can be set at once; both sides confirm it.
      _ = try await api.json(
        .PUT, "/contracts/\(invited)/exchange/P2-A-12/split", #"{"owner":"notApplicable"}"#)
      _ = try await api.json(.POST, "/contracts/\(invited)/exchange/P2-A-12/confirm")
      let agreed = try await vendor.json(.POST, "/contracts/\(invited)/exchange/P2-A-12/confirm")
      #expect((agreed["item"] as? JSON)?["agreed"] as? Bool == true)
      let annex = try await vendor.send(.GET, "/contracts/\(invited)/annex.docx")
      #expect(annex.status == .ok)
      // The redline of what the institution decided to propose: none before an upload (409).
      let noReview = try await vendor.send(.GET, "/contracts/\(invited)/redline.docx")
      #expect(noReview.status == .conflict)
      #expect(Self.isJapanese(try Self.error(noReview)["message"] as? String))
      #expect(try await vendor.send(.GET, "/contracts/\(notInvited)/redline.docx").status == .notFound)
      // The review's own documents (memo with internal reasons) stay the institution's.
      let (body, type) = Multipart.body(
        fields: [], filename: "a.txt", data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      let up = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(invited)/documents",
        headers: ["Authorization": "Bearer \(api.token)", "Content-Type": type], body: body)
      let reviewID = try #require(
        (try JSONSerialization.jsonObject(with: Data(up.body.string.utf8)) as? JSON)?["reviewId"] as? String)
      _ = try await api.json(
        .POST, "/reviews/\(reviewID)/decisions", #"{"finding":1,"kind":"propose"}"#, expect: .created)
      let redline = try await vendor.send(.GET, "/contracts/\(invited)/redline.docx")
      #expect(redline.status == .ok)
      #expect(redline.body.readableBytesView.starts(with: [0x50, 0x4B]))
      #expect(try await vendor.send(.GET, "/reviews/\(reviewID)/memo.md").status == .forbidden)

      // Attachments: the vendor's disclosure form reaches the institution, and no one else.
      let form = Multipart.body(fields: [], filename: "開示書.txt", data: Data("サービス仕様適合開示書".utf8))
      let attached = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(invited)/attachments",
        headers: ["Authorization": "Bearer \(vendor.token)", "Content-Type": form.1], body: form.0)
      #expect(attached.status == .created, "\(attached.body.string)")
      let attachment = try #require(
        (try JSONSerialization.jsonObject(with: Data(attached.body.string.utf8)) as? JSON)?["id"] as? String)
      #expect(try await api.list("/contracts/\(invited)/attachments").first?["side"] as? String == "vendor")
      let file = try await api.send(.GET, "/attachments/\(attachment)")
      #expect(file.status == .ok)
      #expect(file.body.string == "サービス仕様適合開示書")
      let (_, other) = try await Self.admin(app, org: "みどり病院", email: "admin@midori-hp.example")
      #expect(try await other.send(.GET, "/attachments/\(attachment)").status == .notFound)
      #expect(try await vendor.send(.GET, "/contracts/\(notInvited)/attachments").status == .notFound)
      #expect(try await vendor.send(.GET, "/reviews/\(reviewID)").status == .forbidden)
    }
  }

  @Test func rolesAndTokens() async throws {
    try await TestApp.run { app in
      let (admin, api) = try await Self.admin(app)
      let exec = try await Self.client(
        app,
        try await Self.user(
          app, org: "", orgID: admin.organisationID, email: "incho@sakura.example", role: .executive))
      let staff = try await Self.client(
        app,
        try await Self.user(
          app, org: "", orgID: admin.organisationID, email: "staff@sakura.example", role: .staff))
      #expect(try await exec.send(.POST, "/vendors", #"{"name":"X"}"#).status == .forbidden)
      #expect(try await exec.send(.POST, "/systems", #"{"name":"X","category":"PACS"}"#).status == .forbidden)
      let vendorID = try #require(
        try await staff.json(.POST, "/vendors", #"{"name":"ミドリ"}"#, expect: .created)["id"] as? String)
      let id = try #require(
        try await staff.json(
          .POST, "/contracts", #"{"title":"保守","vendorId":"\#(vendorID)"}"#, expect: .created)["id"]
          as? String)
      let (body, type) = Multipart.body(
        fields: [], filename: "a.txt", data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      let up = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(id)/documents",
        headers: ["Authorization": "Bearer \(staff.token)", "Content-Type": type], body: body)
      let reviewID = try #require(
        (try JSONSerialization.jsonObject(with: Data(up.body.string.utf8)) as? JSON)?["reviewId"] as? String)
      // Staff cannot approve; the executive can.
      #expect(try await staff.send(.POST, "/reviews/\(reviewID)/sign-off").status == .forbidden)
      #expect(try await exec.json(.POST, "/reviews/\(reviewID)/sign-off")["signedOffAt"] is String)

      // Tokens: made, listed without the secret, revoked.
      let made = try await api.json(
        .POST, "/tokens", #"{"label":"夜間の取り込み","expiresDays":30}"#, expect: .created)
      let secret = try #require(made["token"] as? String)
      let newID = try #require(made["id"] as? String)
      let second = Client(app: app, token: secret)
      #expect(try await second.send(.GET, "/vendors").status == .ok)
      let listed = try await api.list("/tokens")
      #expect(listed.count == 2)
      #expect(listed.allSatisfy { $0["token"] == nil })
      #expect(try await staff.send(.DELETE, "/tokens/\(newID)").status == .notFound)
      let revoked = try await api.json(.DELETE, "/tokens/\(newID)")
      #expect(revoked["active"] as? Bool == false)
      #expect(try await second.send(.GET, "/vendors").status == .unauthorized)
    }
  }

  @Test func idempotencyKeysOnTheNewPosts() async throws {
    try await TestApp.run { app in
      let (_, api) = try await Self.admin(app)
      let key: HTTPHeaders = ["Idempotency-Key": "vendor-create-1"]
      let first = try await api.send(.POST, "/vendors", #"{"name":"ミドリシステム"}"#, headers: key)
      #expect(first.status == .created)
      let again = try await api.send(.POST, "/vendors", #"{"name":"ミドリシステム"}"#, headers: key)
      #expect(again.status == .created)
      #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
      #expect(again.body.string == first.body.string)
      #expect(try await api.list("/vendors").count == 1)
      let different = try await api.send(.POST, "/vendors", #"{"name":"別の事業者"}"#, headers: key)
      #expect(different.status == .unprocessableEntity)
      #expect(Self.isJapanese(try Self.error(different)["message"] as? String))
      // A refused request is not kept: fixed and sent again with the same key, it runs.
      let sysKey: HTTPHeaders = ["Idempotency-Key": "system-create-1"]
      #expect(
        try await api.send(.POST, "/systems", #"{"name":"PACS"}"#, headers: sysKey).status
          == .unprocessableEntity)
      #expect(
        try await api.send(.POST, "/systems", #"{"name":"PACS","category":"PACS"}"#, headers: sysKey).status
          == .created)
      #expect(try await api.list("/systems").count == 1)
    }
  }
}
