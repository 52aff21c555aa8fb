import BunkaiCore
import BunkaiTestSupport
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// Test apps: in-memory SQLite each, or the PostgreSQL of `DATABASE_URL` (then one test at a time,
/// each starting from a freshly migrated database).
enum TestApp {
  static let postgresURL = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap {
    $0.isEmpty ? nil : $0
  }

  /// `intake` nil: the default, the `bunkai intake-worker` built beside the test runner.
  static func run<T>(
    maxUploadBytes: Int = 20 * 1_048_576, smtp: SMTPSettings? = nil, intake: IntakeSettings? = nil,
    bcryptCost: Int = 4, adjust: @escaping @Sendable (inout ServerSettings) -> Void = { _ in },
    _ body: (Application) async throws -> T
  ) async throws -> T {
    _ = TestFolders.runRoot  // removes the in-memory databases' files when the run exits
    if let url = postgresURL {
      await PostgresLock.shared.acquire()
      do {
        let result = try await withApp(
          configure: { app in
            var settings = ServerSettings(
              database: .postgres(url: url), autoMigrate: false, bcryptCost: bcryptCost,
              maxUploadBytes: maxUploadBytes
            )
            settings.smtp = smtp
            if let intake { settings.intake = intake }
            adjust(&settings)
            try await configure(app, settings: settings)
            try await app.autoRevert()
            try await app.autoMigrate()
          }, body)
        await PostgresLock.shared.release()
        return result
      } catch {
        await PostgresLock.shared.release()
        throw error
      }
    }
    return try await withApp(
      configure: { app in
        var settings = ServerSettings(
          database: .sqliteMemory, bcryptCost: bcryptCost, maxUploadBytes: maxUploadBytes)
        settings.smtp = smtp
        if let intake { settings.intake = intake }
        adjust(&settings)
        try await configure(app, settings: settings)
      }, body)
  }
}

/// Serialises tests that share one PostgreSQL database.
actor PostgresLock {
  static let shared = PostgresLock()
  private var busy = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func acquire() async {
    if busy {
      await withCheckedContinuation { waiters.append($0) }
    }
    busy = true
  }

  func release() {
    if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
  }
}

enum Fixture {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func data(_ path: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(path)) }
  /// How many findings the built-in engine gives a fixture: what the server must store and show.
  static func engineFindingCount(_ path: String) throws -> Int {
    let text = String(decoding: try data(path), as: UTF8.self)
    let reviewer = Reviewer(playbook: try PlaybookLoader.builtin(), catalog: try CatalogLoader.builtin())
    return reviewer.review(SourceText(text: text)).findings.count
  }
}

/// A browser-like client: keeps the session cookie and the CSRF token of the last page.
final class Browser: @unchecked Sendable {
  let app: Application
  var cookie: String?
  /// The anonymous forms' CSRF cookie.
  var csrfCookie: String?
  var csrf: String?
  var lastBody = ""

  init(_ app: Application) { self.app = app }

  @discardableResult
  func get(_ path: String) async throws -> TestingHTTPResponse {
    try await send(.GET, path, headers: [:], body: nil)
  }

  /// Posts a form; the session's CSRF token is added unless `csrf` is false.
  @discardableResult
  func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true) async throws
    -> TestingHTTPResponse
  {
    if csrf && self.csrf == nil { try await get("/login") }
    var all = fields
    if csrf, let token = self.csrf { all.append(("_csrf", token)) }
    let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    return try await send(
      .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
      body: ByteBuffer(string: body))
  }

  @discardableResult
  func upload(
    _ path: String, filename: String, data: Data, fields: [(String, String)] = []
  ) async throws -> TestingHTTPResponse {
    var all = fields
    if let token = csrf { all.append(("_csrf", token)) }
    let (body, type) = Multipart.body(fields: all, filename: filename, data: data)
    return try await send(.POST, path, headers: ["Content-Type": type], body: body)
  }

  /// Posts a body as it is (a hand-made, possibly broken, multipart form); the CSRF token goes in
  /// the X-CSRF-Token header, so the check does not need to read the body.
  @discardableResult
  func postRaw(_ path: String, contentType: String, body: ByteBuffer) async throws -> TestingHTTPResponse {
    var headers: HTTPHeaders = ["Content-Type": contentType]
    if let csrf { headers.add(name: "X-CSRF-Token", value: csrf) }
    return try await send(.POST, path, headers: headers, body: body)
  }

  private func send(
    _ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?
  ) async throws -> TestingHTTPResponse {
    var h = headers
    var jar: [String] = []
    if let cookie { jar.append("bunkai_session=\(cookie)") }
    if let csrfCookie { jar.append("bunkai_csrf=\(csrfCookie)") }
    if !jar.isEmpty { h.add(name: .cookie, value: jar.joined(separator: "; ")) }
    let res = try await app.testing().sendRequest(method, path, headers: h, body: body)
    for set in res.headers[.setCookie] {
      let expired = set.contains("Expires=Thu, 01 Jan 1970") || set.contains("Max-Age=0")
      if set.hasPrefix("bunkai_session=") {
        let value = set.dropFirst("bunkai_session=".count).prefix { $0 != ";" }
        cookie = value.isEmpty || expired ? nil : String(value)
      } else if set.hasPrefix("bunkai_csrf=") {
        csrfCookie = String(set.dropFirst("bunkai_csrf=".count).prefix { $0 != ";" })
      }
    }
    lastBody = res.body.string
    if let token = Self.csrfToken(in: lastBody) { csrf = token }
    return res
  }

  static func csrfToken(in html: String) -> String? {
    guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
    return String(html[r.upperBound...].prefix { $0 != "\"" })
  }

  static func encode(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
  }

  /// Sets up the organisation through the first-run page and stays signed in as its admin.
  static func setUp(_ app: Application, org: String = "さくら病院", email: String = "admin@sakura.example")
    async throws
    -> Browser
  {
    let b = Browser(app)
    try await b.get("/setup")
    let res = try await b.post(
      "/setup",
      [("organisation", org), ("name", "事務長 佐藤"), ("email", email), ("password", "correct-horse-1")])
    #expect(res.status == .seeOther)
    // Signing in starts a new session with its own form token: open the page it leads to.
    try await b.get(res.headers.first(name: .location) ?? "/")
    return b
  }

  /// Signs in an existing user.
  static func signIn(_ app: Application, email: String, password: String = "correct-horse-1") async throws
    -> Browser
  {
    let b = Browser(app)
    try await b.get("/login")
    let res = try await b.post("/login", [("email", email), ("password", password)])
    #expect(res.status == .seeOther)
    let next = try await b.get(res.headers.first(name: .location) ?? "/")
    if next.status == .seeOther { try await b.get(next.headers.first(name: .location) ?? "/") }
    return b
  }

  /// The id at the end of a redirect's Location (…/contracts/<id>).
  static func id(in res: TestingHTTPResponse) -> String {
    let location = res.headers.first(name: .location) ?? ""
    return String(location.split(separator: "/").last?.split(separator: "#").first ?? "")
  }
}

enum Multipart {
  static func body(fields: [(String, String)], filename: String, data: Data) -> (ByteBuffer, String) {
    let boundary = "----bunkai\(UUID().uuidString)"
    var b = ByteBuffer()
    for (k, v) in fields {
      b.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
    }
    b.writeString(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n")
    b.writeBytes(data)
    b.writeString("\r\n--\(boundary)--\r\n")
    return (b, "multipart/form-data; boundary=\(boundary)")
  }
}

/// Helpers that build an organisation's data through the pages.
extension Browser {
  func addVendor(_ name: String = "株式会社ミドリシステム") async throws -> String {
    try await post(
      "/vendors", [("name", name), ("contactName", "山田"), ("contactEmail", "yamada@midori.example")])
    try await get("/vendors")
    let marker = "href=\"/vendors/"
    let html = lastBody
    guard let r = html.range(of: marker) else { return "" }
    return String(html[r.upperBound...].prefix { $0 != "\"" })
  }

  func addContract(vendorId: String, title: String = "電子カルテ保守契約", kind: String = "maintenance") async throws
    -> String
  {
    let res = try await post(
      "/contracts",
      [
        ("title", title), ("vendorId", vendorId), ("kind", kind), ("status", "negotiating"),
        ("startDate", "2026-04-01"),
        ("endDate", "2027-03-31"), ("noticeDeadline", "2027-01-31"), ("autoRenewal", "true"),
      ])
    #expect(
      res.status == .seeOther, "\(res.body.string.components(separatedBy: "<main>").last?.prefix(300) ?? "")")
    return Browser.id(in: res)
  }

  /// Uploads the fixture and returns the review id.
  func uploadFixture(contractId: String, _ name: String = "hoshu_sakura_typical.txt") async throws -> String {
    try await get("/contracts/\(contractId)")
    let res = try await upload(
      "/contracts/\(contractId)/documents", filename: name, data: try Fixture.data("contracts/\(name)"))
    #expect(res.status == .seeOther, "\(res.body.string.prefix(500))")
    return Browser.id(in: res)
  }
}
