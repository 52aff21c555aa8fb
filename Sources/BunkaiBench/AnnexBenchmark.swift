import BunkaiFormats
import BunkaiServer
import Fluent
import Foundation
import Vapor

/// Times the annex of a contract whose every Part2 item (sections A, B and C) went through the five
/// steps and was confirmed by both sides: reading it from the database, and writing each format.
enum AnnexBenchmark {
  struct Timing: Sendable {
    var name: String
    var milliseconds: [Double]
  }

  static func run(_ app: Application, rounds: Int) async throws -> (items: Int, timings: [Timing]) {
    let db = app.db
    let org = Organisation(name: "ベンチ総合病院")
    try await org.save(on: db)
    let user = User(
      organisationID: org.id!, email: "bench-annex@bunkai.example", name: "事務長", passwordHash: "-",
      role: .admin)
    try await user.save(on: db)
    let vendor = Vendor()
    vendor.organisationID = org.id!
    vendor.name = "株式会社ベンチシステム"
    vendor.contactName = ""
    vendor.contactEmail = ""
    vendor.contactPhone = ""
    vendor.notes = ""
    try await vendor.save(on: db)
    let c = Contract()
    c.organisationID = org.id!
    c.vendorID = vendor.id!
    c.title = "電子カルテ導入・保守契約"
    c.kind = .other
    c.status = .active
    c.startDate = "2026-04-01"
    c.endDate = "2031-03-31"
    c.autoRenewal = true
    c.firstMeetingOn = "2026-02-10"
    c.openHigh = 0
    c.openMedium = 0
    c.openLow = 0
    try await c.save(on: db)
    let (catalog, _) = try await Checklists.catalog(db, engine: app.engine, org: org.id!)
    let items = Checklists.items(catalog, contract: c)
    for (n, item) in items.enumerated() {
      for step in 1...4 {
        let e = ExchangeEntry()
        e.organisationID = org.id!
        e.contractID = c.id!
        e.itemID = item.id
        e.step = step
        e.side = step % 2 == 1 ? .vendor : .institution
        e.userID = user.id!
        e.userName = step % 2 == 1 ? "保守担当" : "事務長"
        e.text = String(repeating: "手順\(step)の説明文です。", count: 12)
        try await e.save(on: db)
      }
      let a = ChecklistAnswer(organisationID: org.id!, contractID: c.id, itemID: item.id)
      a.initial = n % 3 == 0 ? .no : .yes
      a.completedOn = n % 3 == 0 ? "2026-03-15" : nil
      a.owner = [Owner.institution, .vendor, .joint][n % 3]
      a.agreed = String(repeating: "合意した分担の内容。", count: 8)
      a.institutionConfirmedBy = "事務長（医療機関）"
      a.institutionConfirmedAt = Date()
      a.vendorConfirmedBy = "保守担当（事業者）"
      a.vendorConfirmedAt = Date()
      try await a.save(on: db)
    }
    var read: [Double] = []
    var docx: [Double] = []
    var xlsx: [Double] = []
    var html: [Double] = []
    var total: [Double] = []
    func ms(_ start: DispatchTime) -> Double {
      Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }
    for _ in 0..<rounds {
      let t0 = DispatchTime.now()
      let annex = try await SignedDocuments.annex(db, engine: app.engine, contract: c)
      read.append(ms(t0))
      let t1 = DispatchTime.now()
      _ = try AnnexDocx.render(annex)
      docx.append(ms(t1))
      let t2 = DispatchTime.now()
      _ = try AnnexXlsx.render(annex)
      xlsx.append(ms(t2))
      let t3 = DispatchTime.now()
      _ = AnnexHTML.render(annex)
      html.append(ms(t3))
      total.append(read.last! + docx.last!)
    }
    return (
      items.count,
      [
        Timing(name: "データベースから読む", milliseconds: read), Timing(name: ".docx を書く", milliseconds: docx),
        Timing(name: ".xlsx を書く", milliseconds: xlsx), Timing(name: "印刷用 HTML を書く", milliseconds: html),
        Timing(name: "別紙 .docx 1 件（読む＋書く）", milliseconds: total),
      ]
    )
  }
}

extension BunkaiBench {
  /// The annex benchmark on a fresh SQLite file (or the PostgreSQL of the settings).
  public static func benchAnnex(settings: ServerSettings, rounds: Int) async throws -> (
    items: Int, timings: [(name: String, milliseconds: [Double])]
  ) {
    try await BunkaiServer.withApp(settings) { app in
      let (items, timings) = try await AnnexBenchmark.run(app, rounds: rounds)
      return (items, timings.map { ($0.name, $0.milliseconds) })
    }
  }
}
