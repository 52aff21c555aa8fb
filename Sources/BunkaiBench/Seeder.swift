import BunkaiServer
import Fluent
import Foundation
import Vapor

/// Fills an organisation with vendors, contracts, reviewed documents and checklist answers, for
/// the load benchmark and for trying the app out. Uses the same storing code as an upload.
enum Seeder {
  struct Outcome: Sendable {
    var organisation: String
    var email: String
    var reviewIDs: [UUID]
    var contractIDs: [UUID]
  }

  static func seed(
    _ app: Application, org: String, email: String, password: String, contracts texts: [String],
    progress: (Int) -> Void
  ) async throws -> Outcome {
    let user: User
    if let existing = try await User.query(on: app.db).filter(\.$email == email.lowercased()).first() {
      user = existing
    } else {
      user = try await Accounts.createUser(
        on: app.db, hasher: app.password.async, orgName: org, email: email, name: "負荷試験", role: .admin,
        password: password)
    }
    let actor = Actor(user: user)
    var vendors: [Vendor] = []
    for i in 1...max(1, min(20, texts.count / 10)) {
      let v = Vendor()
      v.organisationID = actor.orgID
      v.name = "試験用システム株式会社 第\(i)営業所"
      v.contactName = "窓口 \(i)"
      v.contactEmail = "support\(i)@vendor.example"
      v.contactPhone = ""
      v.notes = ""
      try await v.save(on: app.db)
      vendors.append(v)
    }
    let kinds = ContractKindOption.allCases
    var reviews: [UUID] = []
    var contracts: [UUID] = []
    for (i, text) in texts.enumerated() {
      let c = Contract()
      c.organisationID = actor.orgID
      c.vendorID = vendors[i % vendors.count].id!
      c.title = "試験契約 \(String(format: "%03d", i + 1))"
      c.kind = kinds[i % kinds.count]
      c.status = .active
      c.startDate = "2026-04-01"
      c.endDate = "2027-\(String(format: "%02d", i % 12 + 1))-28"
      c.noticeDeadline = "2027-\(String(format: "%02d", i % 12 + 1))-01"
      c.autoRenewal = i % 2 == 0
      c.openHigh = 0
      c.openMedium = 0
      c.openLow = 0
      try await c.save(on: app.db)
      let data = Data(text.utf8)
      let reviewed = try Intake.review(
        data, filename: "seed-\(i + 1).txt", engine: app.engine, toolTimeout: 60, limits: Intake.limits(app))
      let out = try await Uploads.save(
        on: app.db, actor: actor, contract: c, filename: "seed-\(i + 1).txt", data: data, reviewed: reviewed)
      reviews.append(out.review.id!)
      contracts.append(c.id!)
      for (j, item) in ["P2-A-1", "P2-A-8", "P2-C-4"].enumerated() where (i + j) % 3 != 0 {
        let a = ChecklistAnswer(organisationID: actor.orgID, contractID: c.id, itemID: item)
        a.initial = j == 2 ? .no : .yes
        a.owner = .joint
        try await a.save(on: app.db)
      }
      progress(i + 1)
    }
    // The answers above bypass the audit log: count them as a change for cached pages.
    try await Writes.touch(app.db, org: actor.orgID)
    return Outcome(
      organisation: org, email: email.lowercased(), reviewIDs: reviews,
      contractIDs: reviews.isEmpty ? [] : contracts)
  }
}

extension BunkaiBench {
  /// Seeds an organisation with contracts and their reviews; returns the review and contract ids.
  public static func seed(
    settings: ServerSettings, org: String, email: String, password: String, contracts: [String],
    progress: @escaping (Int) -> Void
  ) async throws -> (reviews: [UUID], contracts: [UUID]) {
    try await BunkaiServer.withApp(settings) { app in
      let out = try await Seeder.seed(
        app, org: org, email: email, password: password, contracts: contracts, progress: progress)
      return (out.reviewIDs, out.contractIDs)
    }
  }
}
