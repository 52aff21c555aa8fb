import BunkaiServer
import Fluent
import Foundation
import Leaf
import NIOConcurrencyHelpers
import Vapor

import enum BunkaiCore.ResponsibilityMap

/// Times the responsibility map page over real HTTP: an organisation with 30 vendors, 60 systems
/// and two contracts per vendor (each covering two systems, reviewed, every Part2 item of its kind
/// answered and confirmed by both sides), served by this app on a local port and read by
/// `connections` clients at once, signed in as a browser would be.
enum ResponsibilityBenchmark {
  struct Outcome: Sendable {
    var vendors: Int
    var systems: Int
    var contracts: Int
    var answers: Int
    var cells: Int
    var flags: Int
    /// Milliseconds per request while the organisation's data does not change (the page cache holds
    /// the rendered map), at `connections` concurrent clients.
    var cached: [Double]
    /// Milliseconds per request right after a change (the map is read, derived and rendered
    /// again), one request at a time.
    var afterChange: [Double]
    var htmlBytes: Int
  }

  static func run(
    _ app: Application, texts: [String], requests: Int, connections: Int, port: Int,
    progress: @Sendable (String) -> Void
  ) async throws -> Outcome {
    let db = app.db
    let email = "bench-map@bunkai.example"
    let password = "bench-password-1"
    let user = try await Accounts.createUser(
      on: db, hasher: app.password.async, orgName: "ベンチ記念病院", email: email, name: "事務長", role: .admin,
      password: password)
    let actor = Actor(user: user)
    let org = actor.orgID
    var vendors: [Vendor] = []
    for i in 1...30 {
      let v = Vendor()
      v.organisationID = org
      v.name = "ベンチ医療システム株式会社 第\(i)事業部"
      v.contactName = ""
      v.contactEmail = ""
      v.contactPhone = ""
      v.notes = ""
      try await v.save(on: db)
      vendors.append(v)
    }
    let categories = MedicalSystem.categories
    var systems: [MedicalSystem] = []
    for i in 1...60 {
      let s = MedicalSystem()
      s.organisationID = org
      s.name = "\(categories[i % categories.count]) \(i)号"
      s.category = categories[i % categories.count]
      s.notes = ""
      try await s.save(on: db)
      systems.append(s)
    }
    let (catalog, _) = try await Checklists.catalog(db, engine: app.engine, org: org)
    let kinds: [ContractKindOption] = [.maintenance, .introduction, .saas]
    let owners: [Owner] = [.vendor, .institution, .joint, .vendor, .notApplicable]
    var answers = 0
    for n in 0..<60 {
      let c = Contract()
      c.organisationID = org
      c.vendorID = vendors[n / 2].id!
      c.title = "ベンチ契約 \(String(format: "%02d", n + 1))"
      c.kind = kinds[n % kinds.count]
      c.status = .active
      c.startDate = "2026-04-01"
      c.autoRenewal = true
      c.openHigh = 0
      c.openMedium = 0
      c.openLow = 0
      try await c.save(on: db)
      for s in [systems[n], systems[(n + 1) % 60]] {
        try await ContractSystem(contractID: c.id!, systemID: s.id!).save(on: db)
      }
      let text = texts[n % texts.count]
      let reviewed = try Intake.review(
        Data(text.utf8), filename: "bench-\(n + 1).txt", engine: app.engine, toolTimeout: 60,
        limits: Intake.limits(app))
      _ = try await Uploads.save(
        on: db, actor: actor, contract: c, filename: "bench-\(n + 1).txt", data: Data(text.utf8),
        reviewed: reviewed)
      // Agreed on the document as uploaded, as a settled organisation would have it.
      let agreedAt = Date()
      for (k, item) in Checklists.items(catalog, contract: c).enumerated() {
        let a = ChecklistAnswer(organisationID: org, contractID: c.id, itemID: item.id)
        a.initial = .yes
        a.owner = owners[(n + k) % owners.count]
        a.agreed = "ベンチ契約\(n + 1)で合意した\(item.id)の分担"
        a.institutionConfirmedBy = "事務長（医療機関）"
        a.institutionConfirmedAt = agreedAt
        a.vendorConfirmedBy = "担当（事業者）"
        a.vendorConfirmedAt = agreedAt
        try await a.save(on: db)
        answers += 1
      }
      progress("契約 \(n + 1)/60")
    }
    try await Writes.touch(db, org: org)

    // The session cookie comes with the answer to the sign-in, not with the page it leads to.
    app.http.client.configuration.redirectConfiguration = .disallow
    try await app.server.start(address: .hostname("127.0.0.1", port: port))
    do {
      let outcome = try await measure(
        app, org: org, email: email, password: password, requests: requests, connections: connections,
        port: port, progress: progress)
      await app.server.shutdown()
      return Outcome(
        vendors: vendors.count, systems: systems.count, contracts: 60, answers: answers, cells: outcome.cells,
        flags: outcome.flags, cached: outcome.cached, afterChange: outcome.afterChange,
        htmlBytes: outcome.htmlBytes)
    } catch {
      await app.server.shutdown()
      throw error
    }
  }

  static func measure(
    _ app: Application, org: UUID, email: String, password: String, requests: Int, connections: Int,
    port: Int,
    progress: @Sendable (String) -> Void
  ) async throws -> (cells: Int, flags: Int, cached: [Double], afterChange: [Double], htmlBytes: Int) {
    let db = app.db
    let base = "http://127.0.0.1:\(port)"
    let cookie = try await signIn(app, base: base, email: email, password: password)
    let headers: HTTPHeaders = ["Cookie": "bunkai_session=\(cookie)"]
    func get() async throws -> (Double, Int) {
      let t0 = DispatchTime.now()
      let res = try await app.client.get(URI(string: base + Paths.responsibilities), headers: headers)
      guard res.status == .ok else {
        throw Abort(.internalServerError, reason: "map page answered \(res.status)")
      }
      let bytes = res.body?.readableBytes ?? 0
      return (Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6, bytes)
    }
    // After a change: each request reads, derives and renders anew.
    var afterChange: [Double] = []
    var bytes = 0
    for _ in 0..<20 {
      try await Writes.touch(db, org: org)
      let (ms, b) = try await get()
      afterChange.append(ms)
      bytes = b
    }
    progress("変更直後の測定が終わりました")
    // Warm-up, then the measured run at `connections` clients.
    for _ in 0..<20 { _ = try await get() }
    let timings = NIOLockedValueBox<[Double]>([])
    let perClient = max(1, requests / max(connections, 1))
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<connections {
        group.addTask {
          for _ in 0..<perClient {
            let (ms, _) = try await get()
            timings.withLockedValue { $0.append(ms) }
          }
        }
      }
      try await group.waitForAll()
    }
    // Where the time after a change goes.
    func ms(_ t: DispatchTime) -> String {
      String(format: "%.1f", Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e6)
    }
    var t = DispatchTime.now()
    let input = try await ResponsibilityQuery.input(db, engine: app.engine, org: org)
    var stages = "読み込み \(ms(t)) ms"
    t = DispatchTime.now()
    let map = ResponsibilityMap.derive(input)
    stages += "、導出 \(ms(t)) ms"
    t = DispatchTime.now()
    let context = ResponsibilityController.mapContext(map)
    stages += "、表示用の整理 \(ms(t)) ms"
    t = DispatchTime.now()
    _ = try await app.leaf.renderer.render(path: "responsibilities-map", context: context).get()
    stages += "、Leaf での描画 \(ms(t)) ms"
    progress("変更直後の内訳: " + stages)
    return (map.cells.count, map.flags.count, timings.withLockedValue { $0 }, afterChange, bytes)
  }

  /// Signs in through the login form, as a browser does; returns the session cookie.
  static func signIn(_ app: Application, base: String, email: String, password: String) async throws -> String
  {
    let page = try await app.client.get(URI(string: base + Paths.login))
    let html = page.body.map { String(buffer: $0) } ?? ""
    guard let r = html.range(of: "name=\"_csrf\" value=\"") else {
      throw Abort(.internalServerError, reason: "no form token on the login page")
    }
    let token = String(html[r.upperBound...].prefix { $0 != "\"" })
    let csrfCookie =
      page.headers[.setCookie].compactMap { set -> String? in
        set.hasPrefix("bunkai_csrf=") ? String(set.prefix { $0 != ";" }) : nil
      }.first ?? ""
    let res = try await app.client.post(
      URI(string: base + Paths.login), headers: ["Cookie": csrfCookie]
    ) { req in
      try req.content.encode(["_csrf": token, "email": email, "password": password], as: .urlEncodedForm)
    }
    guard
      let session = res.headers[.setCookie].first(where: { $0.hasPrefix("bunkai_session=") })
    else { throw Abort(.internalServerError, reason: "sign-in failed (\(res.status))") }
    return String(session.dropFirst("bunkai_session=".count).prefix { $0 != ";" })
  }
}

extension BunkaiBench {
  /// The responsibility map benchmark on a fresh SQLite file (or the PostgreSQL of the settings):
  /// request times in milliseconds, cached and right after a change.
  public static func benchResponsibilityMap(
    settings: ServerSettings, texts: [String], requests: Int, connections: Int, port: Int,
    progress: @escaping @Sendable (String) -> Void
  ) async throws -> (summary: String, cached: [Double], afterChange: [Double]) {
    try await BunkaiServer.withApp(settings) { app in
      let o = try await ResponsibilityBenchmark.run(
        app, texts: texts, requests: requests, connections: connections, port: port, progress: progress)
      let summary =
        "事業者 \(o.vendors)、システム \(o.systems)、契約 \(o.contracts)（各 2 システム、照合済み）、確認表 Part2 の回答 \(o.answers)（全項目）、マップのマス \(o.cells)、要対応 \(o.flags)、ページ \(o.htmlBytes / 1024) KiB"
      return (summary, o.cached, o.afterChange)
    }
  }
}
