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

  /// A date as YYYY-MM-DD, nil when empty; 422 naming `field` otherwise.
  static func date(_ raw: String?, field: String) throws -> String? {
    var problems = InvalidInput()
    let value = date(raw, field: field, label: field, into: &problems)
    try problems.check()
    return value
  }

  /// A date for the API: `label` is what people read, `key` the input's name.
  static func date(_ raw: String?, field label: String, key: String) throws -> String? {
    var problems = InvalidInput()
    let value = date(raw, field: key, label: label, into: &problems)
    try problems.check()
    return value
  }

  /// A date as the form sends it (YYYY-MM-DD), nil when empty; a problem for `field` otherwise.
  static func date(_ raw: String?, field: String, label: String, into problems: inout InvalidInput) -> String?
  {
    guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
    guard Checklists.isDate(raw) else {
      problems.add(field, "\(label)は 2026-04-01 のように年-月-日で入力してください（入力: \(raw)）。")
      return nil
    }
    return raw
  }

  /// Creates (contract nil) or updates a contract of the actor's organisation. Every value is
  /// checked before anything is written; all problems are reported together (the web form shows
  /// each beside its field, the API the first with its field).
  static func save(_ input: Input, contract existing: Contract?, actor: Actor, on db: any Database)
    async throws -> Contract
  {
    try actor.requireEditor()
    if let existing, existing.organisationID != actor.orgID { throw DomainError.notFound() }
    var problems = InvalidInput()
    let title = input.title.trimmingCharacters(in: .whitespaces)
    if title.isEmpty { problems.add("title", "契約名を入力してください。") }
    if title.count > 500 { problems.add("title", "契約名は500文字以内にしてください。") }
    let vendorId = input.vendorId ?? existing?.vendorID
    if let vendorId {
      // Another organisation's vendor looks like nothing at all (404 naming the field).
      _ = try await Vendors.find(on: db, org: actor.orgID, id: vendorId, field: "vendorId")
    } else {
      problems.add("vendorId", "事業者を選んでください。")
    }
    var kind: ContractKindOption?
    if let raw = input.kind {
      kind = ContractKindOption(rawValue: raw)
      if kind == nil {
        let names = ContractKindOption.allCases.map(\.label).joined(separator: "・")
        problems.add("kind", "契約の種類は次から選んでください: \(names)。")
      }
    }
    var status: ContractStatus?
    if let raw = input.status {
      status = ContractStatus(rawValue: raw)
      if status == nil {
        let names = ContractStatus.allCases.map(\.label).joined(separator: "・")
        problems.add("status", "状態は次から選んでください: \(names)。")
      }
    }
    let start = date(input.startDate, field: "startDate", label: "開始日", into: &problems)
    let end = date(input.endDate, field: "endDate", label: "終了日", into: &problems)
    if let start, let end, end < start { problems.add("endDate", "終了日が開始日より前になっています。") }
    let notice = date(input.noticeDeadline, field: "noticeDeadline", label: "解約・変更の通知期限", into: &problems)
    let meeting = date(input.firstMeetingOn, field: "firstMeetingOn", label: "初回確認の日", into: &problems)
    var systems: [UUID] = []
    for id in input.systemIds ?? [] {
      systems.append(try await Systems.find(on: db, org: actor.orgID, id: id, field: "systemIds").id!)
    }
    try problems.check()
    guard let vendorId else { throw problems }

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
    try await Writes.organisation(db, org: actor.orgID) { db in
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
