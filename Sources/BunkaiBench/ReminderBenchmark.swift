import BunkaiServer
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

import struct BunkaiCore.ISODay

/// Times the daily reminder run (issue 10's target: 1,000 organisations in under 60 s). Each
/// organisation has two users (the institution's admin and an invited vendor), one vendor and
/// three contracts whose dates fall 7, 30 and 0 days away, so every organisation sends mail. Mail
/// goes to a counter, not a relay: the figure is Bunkai's own work, not the relay's.
enum ReminderBenchmark {
  struct Outcome: Sendable {
    var organisations: Int
    var contracts: Int
    var seconds: Double
    var run: DailyRun.Outcome
  }

  static func seed(_ db: any Database, organisations: Int, today: ISODay) async throws -> Int {
    var contracts = 0
    for i in 1...organisations {
      try await db.transaction { db in
        let org = Organisation(name: "ベンチ病院 \(i)")
        try await org.save(on: db)
        let admin = User(
          organisationID: org.id!, email: "admin\(i)@bench.example", name: "事務長 \(i)",
          passwordHash: "-", role: .admin)
        try await admin.save(on: db)
        let vendor = Vendor()
        vendor.organisationID = org.id!
        vendor.name = "ベンチ医療システム \(i)"
        vendor.contactName = ""
        vendor.contactEmail = ""
        vendor.contactPhone = ""
        vendor.notes = ""
        try await vendor.save(on: db)
        let vendorUser = User(
          organisationID: org.id!, email: "vendor\(i)@bench.example", name: "保守担当 \(i)",
          passwordHash: "-", role: .vendor)
        vendorUser.vendorID = vendor.id
        try await vendorUser.save(on: db)
        for (k, days) in [7, 30, 0].enumerated() {
          let c = Contract()
          c.organisationID = org.id!
          c.vendorID = vendor.id!
          c.title = "保守契約 \(i)-\(k + 1)"
          c.kind = .maintenance
          c.status = .active
          c.startDate = today.adding(months: -11).description
          c.endDate = today.adding(days: days).description
          c.autoRenewal = k == 0
          c.noticeDeadline = k == 0 ? today.adding(days: days).description : nil
          c.openHigh = 0
          c.openMedium = 0
          c.openLow = 0
          try await c.save(on: db)
          try await ContractAccess(organisationID: org.id!, contractID: c.id!, userID: vendorUser.id!).save(
            on: db)
        }
      }
      contracts += 3
    }
    return contracts
  }

  static func run(_ app: Application, organisations: Int, progress: @Sendable (String) -> Void) async throws
    -> Outcome
  {
    let today = JapanTime.day()
    progress("\(organisations) 医療機関を作成しています…")
    let contracts = try await seed(app.db, organisations: organisations, today: today)
    let sent = NIOLockedValueBox(0)
    progress("日次の期限のお知らせを実行しています…")
    let start = Date()
    let outcome = try await DailyRun.run(
      app.db, today: today, instance: "bench", baseURL: "https://bunkai.example",
      send: { _, _, _ in sent.withLockedValue { $0 += 1 } }, logger: app.logger)
    let seconds = Date().timeIntervalSince(start)
    return Outcome(organisations: organisations, contracts: contracts, seconds: seconds, run: outcome)
  }
}

extension BunkaiBench {
  /// `bunkai bench-reminders`: the daily reminder run over `organisations` organisations.
  public static func benchReminders(
    settings: ServerSettings, organisations: Int, progress: @escaping @Sendable (String) -> Void
  ) async throws -> String {
    try await BunkaiServer.withApp(settings) { app in
      let o = try await ReminderBenchmark.run(app, organisations: organisations, progress: progress)
      return
        "医療機関 \(o.organisations)、契約 \(o.contracts)、処理した医療機関 \(o.run.claimed)、メール \(o.run.mails) 通: "
        + String(format: "%.2f 秒", o.seconds)
    }
  }
}
