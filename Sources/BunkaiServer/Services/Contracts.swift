import Fluent
import Vapor

/// Creating and changing contracts: shared by the pages and the API, with the same checks.
enum Contracts {
  struct Input: Content {
    var title: String
    var vendorId: UUID?
    var kind: String?
    var status: String?
    var startDate: String?
    var endDate: String?
    var autoRenewal: Bool?
    var noticeDeadline: String?
    var firstMeetingOn: String?
    var systemIds: [UUID]?
  }

  /// What the audit log records of a contract.
  struct Snapshot: Encodable {
    var title: String
    var vendorId: UUID
    var kind: String
    var status: String
    var startDate: String?
    var endDate: String?
    var autoRenewal: Bool
    var noticeDeadline: String?
    var firstMeetingOn: String?
    init(_ c: Contract) {
      title = c.title
      vendorId = c.vendorID
      kind = c.kind.rawValue
      status = c.status.rawValue
      startDate = c.startDate
      endDate = c.endDate
      autoRenewal = c.autoRenewal
      noticeDeadline = c.noticeDeadline
      firstMeetingOn = c.firstMeetingOn
    }
  }

  /// A calendar date as typed (`YYYY-MM-DD`, blank for none). `field` is the label people read;
  /// `key` the input's name, for the API's error.
  static func date(_ raw: String?, field: String, key: String? = nil) throws -> String? {
    guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
    guard Checklists.isDate(raw) else {
      throw DomainError.invalid(key, "\(field): 日付は YYYY-MM-DD の形で入力してください（\(raw)）。")
    }
    return raw
  }

  /// Creates (contract nil) or updates a contract of the actor's organisation.
  static func save(_ input: Input, contract existing: Contract?, req: Request) async throws -> Contract {
    try await save(input, contract: existing, actor: try req.actor, on: req.db)
  }

  /// Creates (contract nil) or updates a contract of the actor's organisation. Every value is
  /// checked before anything is written.
  static func save(_ input: Input, contract existing: Contract?, actor: Actor, on db: any Database)
    async throws -> Contract
  {
    try actor.requireEditor()
    if let existing, existing.organisationID != actor.orgID { throw DomainError.notFound() }
    let title = try DomainError.text(input.title, field: "title", label: "契約名", required: true, max: 500)
    guard let vendorId = input.vendorId ?? existing?.vendorID else {
      throw DomainError.invalid("vendorId", "事業者を選んでください。")
    }
    _ = try await Vendors.find(on: db, org: actor.orgID, id: vendorId, field: "vendorId")
    let kind = try input.kind.map {
      guard let k = ContractKindOption(rawValue: $0) else {
        throw DomainError.invalid(
          "kind", "契約の種類は introduction / maintenance / saas / other のいずれかです（\($0)）。")
      }
      return k
    }
    let status = try input.status.map {
      guard let s = ContractStatus(rawValue: $0) else {
        throw DomainError.invalid("status", "状態は draft / negotiating / active / ended のいずれかです（\($0)）。")
      }
      return s
    }
    let start = try date(input.startDate, field: "開始日", key: "startDate")
    let end = try date(input.endDate, field: "終了日", key: "endDate")
    if let start, let end, end < start {
      throw DomainError.invalid("endDate", "終了日が開始日より前になっています。")
    }
    let notice = try date(input.noticeDeadline, field: "解約通知期限", key: "noticeDeadline")
    let meeting = try date(input.firstMeetingOn, field: "初回確認の日", key: "firstMeetingOn")
    var systems: [UUID] = []
    for id in input.systemIds ?? [] {
      systems.append(try await Systems.find(on: db, org: actor.orgID, id: id, field: "systemIds").id!)
    }

    let c = existing ?? Contract()
    let before = existing.map(Snapshot.init)
    if existing == nil {
      c.organisationID = actor.orgID
      c.openHigh = 0
      c.openMedium = 0
      c.openLow = 0
    }
    c.title = title
    c.vendorID = vendorId
    c.kind = kind ?? existing?.kind ?? .maintenance
    c.status = status ?? existing?.status ?? .draft
    c.startDate = start
    c.endDate = end
    c.autoRenewal = input.autoRenewal ?? false
    c.noticeDeadline = notice
    c.firstMeetingOn = meeting
    let systemSet = Set(systems)
    try await Writes.transaction(db) { db in
      try await c.save(on: db)
      if input.systemIds != nil || existing == nil {
        try await ContractSystem.query(on: db).filter(\.$contractID == c.id!).delete()
        for s in systemSet { try await ContractSystem(contractID: c.id!, systemID: s).save(on: db) }
      }
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: existing == nil ? "作成" : "更新", entity: "契約",
        id: c.id, before: before, after: Snapshot(c))
    }
    return c
  }
}
