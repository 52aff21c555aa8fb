import BunkaiCore
import Fluent
import Foundation

/// The contract's life after signing (Phase3), on both sides: change notices (B1), the
/// subcontractor register (B2) and vulnerability consultations (D2). Either side records; only
/// the institution decides. Every write is one `Writes.organisation` transaction with its audit
/// entry.
enum ContractLife {
  /// The notice period where neither the contract nor the organisation sets one.
  static let defaultDays = 30

  // MARK: Who may do what

  /// Either side may record; an executive only reads here.
  static func requireRecorder(_ user: User) throws {
    guard user.role == .vendor || user.role.canEdit else {
      throw DomainError.forbidden("経営層のアカウントは閲覧のみできます。")
    }
  }

  /// Decisions are the institution's (its staff or admins).
  static func requireDecider(_ user: User) throws {
    guard user.role != .vendor else {
      throw DomainError.forbidden("承認・判断は医療機関が行います。事業者のアカウントではできません。")
    }
    guard user.role.canEdit else { throw DomainError.forbidden("経営層のアカウントは閲覧と承認のみできます。") }
  }

  static func date(_ raw: String?, field: String, label: String, required: Bool) throws -> String? {
    let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
    if value.isEmpty {
      if required { throw DomainError.invalid(field, "\(label)を 2026-04-01 のように年-月-日で入力してください。") }
      return nil
    }
    guard ISODay(value) != nil else {
      throw DomainError.invalid(field, "\(label)は 2026-04-01 のように年-月-日で入力してください（入力: \(value)）。")
    }
    return value
  }

  // MARK: The notice period

  /// The period that applies to the contract: its own clause where its latest review found one,
  /// else the organisation's default.
  struct Period: Sendable {
    var period: NoticePeriod
    /// `contract` or `default`.
    var source: String
    var article: String?
    var quote: String?

    var explanation: String {
      if source == "contract" {
        return "契約書\(article.map { "第\($0)条" } ?? "")の定め（\(period.label)まで）"
      }
      return "組織の既定（\(period.label)まで。契約書に通知期間の定めが見つからないため）"
    }
  }

  static func period(_ db: any Database, contract: Contract) async throws -> Period {
    if let reviewID = contract.latestReviewID,
      let review = try await ReviewRecord.query(on: db).filter(\.$id == reviewID)
        .filter(\.$organisationID == contract.organisationID).first(),
      let stored = try? StoredReview.decode(review.resultJSON)
    {
      let text = try await ContractDocument.query(on: db).filter(\.$id == review.documentID)
        .field(\.$id).field(\.$text).first()?.text
      if let found = ChangeNoticeClause.find(in: stored, text: text) {
        return Period(period: found.period, source: "contract", article: found.article, quote: found.quote)
      }
    }
    let org = try await Organisation.find(contract.organisationID, on: db)
    return Period(
      period: NoticePeriod(amount: org?.changeNoticeDays ?? defaultDays, unit: .days), source: "default")
  }

  static func setDefaultDays(on db: any Database, actor: Actor, days: Int?) async throws -> Int {
    try actor.requireAdmin()
    guard let days, (1...365).contains(days) else {
      throw DomainError.invalid("days", "既定の通知期間（日数）は1〜365の整数で入力してください。")
    }
    return try await Writes.organisation(db, org: actor.orgID) { db in
      guard let org = try await Organisation.find(actor.orgID, on: db) else { throw DomainError.notFound() }
      let before = org.changeNoticeDays ?? defaultDays
      org.changeNoticeDays = days
      try await org.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "設定の変更", entity: "変更の通知の既定の通知期間",
        id: org.id, before: ["days": before], after: ["days": days])
      return days
    }
  }

  // MARK: Change notices

  struct NoticeInput: Sendable {
    var title: String?
    var details: String?
    var affectsSecurity: Bool?
    var plannedOn: String?
    var itemIds: [String]?
  }

  struct NoticeSnapshot: Encodable {
    var title: String
    var affectsSecurity: Bool
    var plannedOn: String
    var noticedOn: String
    var items: String
    var period: String
    var deadline: String
    var late: Bool
    var status: String
    var reason: String?
    init(_ n: ChangeNotice) {
      title = n.title
      affectsSecurity = n.affectsSecurity
      plannedOn = n.plannedOn
      noticedOn = n.noticedOn
      items = n.itemIDs
      period = "\(n.periodAmount) \(n.periodUnit) (\(n.periodSource))"
      deadline = n.deadline
      late = n.late
      status = n.status.rawValue
      reason = n.decisionReason
    }
  }

  /// The contract's Part2 item ids, to check the items a notice touches.
  static func part2Items(_ db: any Database, engine: Engine, contract: Contract) async throws
    -> [ChecklistItem]
  {
    let (catalog, _) = try await Checklists.catalog(db, engine: engine, org: contract.organisationID)
    return Checklists.items(catalog, contract: contract)
  }

  static func submitNotice(
    on db: any Database, engine: Engine, contract: Contract, user: User, _ input: NoticeInput,
    today: String = JapanTime.today()
  ) async throws -> ChangeNotice {
    try requireRecorder(user)
    let title = try DomainError.text(input.title, field: "title", label: "変更の内容", required: true, max: 200)
    let details = try DomainError.text(input.details, field: "details", label: "詳しい説明", max: 10_000)
    guard let affects = input.affectsSecurity else {
      throw DomainError.invalid("affectsSecurity", "医療機関のセキュリティ体制への影響の有無を選んでください。")
    }
    let planned = try date(input.plannedOn, field: "plannedOn", label: "実施予定日", required: true)!
    let valid = Set(try await part2Items(db, engine: engine, contract: contract).map(\.id))
    var items: [String] = []
    for raw in input.itemIds ?? [] {
      let id = raw.trimmingCharacters(in: .whitespaces)
      guard !id.isEmpty, !items.contains(id) else { continue }
      guard valid.contains(id) else {
        throw DomainError.invalid("itemIds", "影響する確認表の項目: 項番 \(id) はこの契約の確認表 Part2 にありません。")
      }
      items.append(id)
    }
    let applied = try await period(db, contract: contract)
    let deadline = applied.period.deadline(before: planned) ?? planned
    let touched = items
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      let n = ChangeNotice()
      n.organisationID = contract.organisationID
      n.contractID = contract.id!
      n.title = title
      n.details = details
      n.affectsSecurity = affects
      n.plannedOn = planned
      n.noticedOn = today
      n.itemIDs = touched.joined(separator: ",")
      n.periodAmount = applied.period.amount
      n.periodUnit = applied.period.unit.rawValue
      n.periodSource = applied.source
      n.periodArticle = applied.article
      n.periodQuote = applied.quote
      n.deadline = deadline
      n.late = today > deadline
      n.side = user.role.side
      n.submittedBy = user.id!
      n.submittedByName = user.name
      n.status = .pending
      try await n.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: "変更の通知", entity: "変更の通知（\(contract.title)）",
        id: n.id, after: NoticeSnapshot(n))
      return n
    }
  }

  /// Approves or refuses a pending notice; refusing needs a reason. Approval reopens the Part2
  /// items the change touches: each split either side had confirmed goes back to "to re-confirm"
  /// for both, the agreement as it was kept in the split's history (SplitChange).
  static func decideNotice(
    on db: any Database, contract: Contract, noticeID: UUID?, user: User, decision: String?, reason: String?
  ) async throws -> ChangeNotice {
    try requireDecider(user)
    let approve: Bool
    switch decision {
    case "approve": approve = true
    case "refuse": approve = false
    default:
      throw DomainError.invalid("decision", "判断: 承認（approve）か不承認（refuse）を選んでください。")
    }
    let reason = try DomainError.text(reason, field: "reason", label: "理由", max: 10_000)
    if !approve && reason.isEmpty {
      throw DomainError.invalid("reason", "理由: 不承認にする理由を入力してください（事業者に伝わります）。")
    }
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      guard let noticeID, let n = try await ChangeNotice.find(noticeID, on: db), n.contractID == contract.id,
        n.organisationID == contract.organisationID
      else { throw DomainError.notFound() }
      guard n.status == .pending else {
        throw DomainError.conflict("この変更の通知はすでに判断済みです（\(n.status.label)）。")
      }
      let before = NoticeSnapshot(n)
      n.status = approve ? .approved : .refused
      n.decidedBy = user.id
      n.decidedByName = user.name
      n.decidedAt = Date()
      n.decisionReason = reason.isEmpty ? nil : reason
      try await n.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: approve ? "変更の通知の承認" : "変更の通知の不承認",
        entity: "変更の通知「\(n.title)」（\(contract.title)）", id: n.id, before: before, after: NoticeSnapshot(n))
      if approve {
        for itemID in n.items {
          try await reopen(db, contract: contract, itemID: itemID, notice: n, user: user)
        }
      }
      return n
    }
  }

  /// Sends one item's split back to "to re-confirm" for both sides after an approved change.
  static func reopen(_ db: any Database, contract: Contract, itemID: String, notice: ChangeNotice, user: User)
    async throws
  {
    guard
      let answer = try await ChecklistAnswer.query(on: db).filter(\.$contractID == contract.id!)
        .filter(\.$itemID == itemID).first(), answer.isConfirmedByEither
    else { return }
    let before = Exchange.Snapshot(answer)
    let change = SplitChange()
    change.organisationID = contract.organisationID
    change.contractID = contract.id!
    change.itemID = itemID
    change.side = user.role.side
    change.userName = user.name
    change.beforeOwner = answer.owner
    change.beforeAgreed = answer.agreed
    change.afterOwner = answer.owner
    change.afterAgreed = answer.agreed
    change.changeNoticeID = notice.id
    try await change.save(on: db)
    if answer.isAgreed && answer.initial == .no { answer.completedOn = nil }
    answer.withdrawConfirmations()
    answer.updatedBy = user.id
    try await answer.save(on: db)
    try await AuditLog.record(
      on: db, org: contract.organisationID, user: user, action: "分担の再確認（変更の通知の承認による）",
      entity: "確認表 \(itemID)（\(contract.title)）", id: answer.id, before: before,
      after: Exchange.Snapshot(answer))
  }

  // MARK: Subcontractors

  struct SubcontractorInput: Sendable {
    var name: String?
    var scope: String?
    var dataHandled: String?
    var equalDuties: Bool?
    var inUse: Bool?
    var endOn: String?
  }

  struct SubcontractorSnapshot: Encodable, Equatable {
    var name: String
    var scope: String
    var dataHandled: String
    var equalDuties: Bool
    var inUse: Bool
    var endOn: String?
    var approvedOn: String?
    var approvedBy: String?
    init(_ s: Subcontractor) {
      name = s.name
      scope = s.scope
      dataHandled = s.dataHandled
      equalDuties = s.equalDuties
      inUse = s.inUse
      endOn = s.endOn
      approvedOn = s.approvedOn
      approvedBy = s.approvedBy
    }
  }

  static func addSubcontractor(
    on db: any Database, contract: Contract, user: User, _ input: SubcontractorInput
  ) async throws -> Subcontractor {
    try requireRecorder(user)
    let name = try DomainError.text(input.name, field: "name", label: "再委託先の名称", required: true, max: 200)
    let scope = try DomainError.text(
      input.scope, field: "scope", label: "委託する業務の範囲", required: true, max: 2_000)
    let data = try DomainError.text(
      input.dataHandled, field: "dataHandled", label: "取り扱う情報", required: true, max: 2_000)
    guard let equal = input.equalDuties else {
      throw DomainError.invalid("equalDuties", "同等の義務を課したか（はい/いいえ）を選んでください。")
    }
    let endOn = try date(input.endOn, field: "endOn", label: "終了日", required: false)
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      let s = Subcontractor()
      s.organisationID = contract.organisationID
      s.contractID = contract.id!
      s.name = name
      s.scope = scope
      s.dataHandled = data
      s.equalDuties = equal
      s.inUse = input.inUse ?? false
      s.endOn = endOn
      s.side = user.role.side
      s.submittedByName = user.name
      try await s.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: "再委託先の登録",
        entity: "再委託先「\(name)」（\(contract.title)）", id: s.id, after: SubcontractorSnapshot(s))
      return s
    }
  }

  /// The institution's approval: the day (today unless given) and who approved (the user unless
  /// given, e.g. 理事会).
  static func approveSubcontractor(
    on db: any Database, contract: Contract, subcontractorID: UUID?, user: User, approvedOn: String?,
    approvedBy: String?, today: String = JapanTime.today()
  ) async throws -> Subcontractor {
    try requireDecider(user)
    let day = try date(approvedOn, field: "approvedOn", label: "承認日", required: false) ?? today
    let by = try DomainError.text(approvedBy, field: "approvedBy", label: "承認した人", max: 200)
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      guard let subcontractorID, let s = try await Subcontractor.find(subcontractorID, on: db),
        s.contractID == contract.id, s.organisationID == contract.organisationID
      else { throw DomainError.notFound() }
      guard s.approvedOn == nil else {
        throw DomainError.conflict("この再委託先は承認済みです（\(s.approvedOn ?? "")、\(s.approvedBy ?? "")）。")
      }
      let before = SubcontractorSnapshot(s)
      s.approvedOn = day
      s.approvedBy = by.isEmpty ? user.name : by
      s.approvedByUser = user.id
      try await s.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: "再委託先の承認",
        entity: "再委託先「\(s.name)」（\(contract.title)）", id: s.id, before: before,
        after: SubcontractorSnapshot(s))
      return s
    }
  }

  /// What an edit of a register entry changes: a field left out (nil) stays as it is; an empty
  /// `endOn` or `approvedOn` clears it (clearing `approvedOn` withdraws the approval).
  struct SubcontractorEdit: Sendable {
    var scope: String?
    var dataHandled: String?
    var equalDuties: Bool?
    var inUse: Bool?
    var endOn: String?
    var approvedOn: String?
    var approvedBy: String?
  }

  /// Edits a register entry. The institution's editors may edit any entry, approval included; a
  /// vendor only the entries its side registered, and never the approval (the institution's
  /// decision). The audit entry keeps the values before and after.
  static func editSubcontractor(
    on db: any Database, contract: Contract, subcontractorID: UUID?, user: User, _ input: SubcontractorEdit
  ) async throws -> Subcontractor {
    try requireRecorder(user)
    let side = user.role.side
    if side == .vendor && (input.approvedOn != nil || input.approvedBy != nil) {
      throw DomainError.forbidden("再委託先の承認は医療機関が行います。事業者のアカウントでは承認日・承認した人を変更できません。")
    }
    let scope = try input.scope.map {
      try DomainError.text($0, field: "scope", label: "委託する業務の範囲", required: true, max: 2_000)
    }
    let data = try input.dataHandled.map {
      try DomainError.text($0, field: "dataHandled", label: "取り扱う情報", required: true, max: 2_000)
    }
    let endOn = try input.endOn.map { try date($0, field: "endOn", label: "終了日", required: false) }
    let approvedOn = try input.approvedOn.map {
      try date($0, field: "approvedOn", label: "承認日", required: false)
    }
    let approvedBy = try input.approvedBy.map {
      try DomainError.text($0, field: "approvedBy", label: "承認した人", max: 200)
    }
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      guard let subcontractorID, let s = try await Subcontractor.find(subcontractorID, on: db),
        s.contractID == contract.id, s.organisationID == contract.organisationID
      else { throw DomainError.notFound() }
      if side == .vendor && s.side != .vendor {
        throw DomainError.forbidden("医療機関が登録した再委託先は、事業者のアカウントでは編集できません。変更が必要なときは医療機関に伝えてください。")
      }
      let before = SubcontractorSnapshot(s)
      if let scope { s.scope = scope }
      if let data { s.dataHandled = data }
      if let equal = input.equalDuties { s.equalDuties = equal }
      if let inUse = input.inUse { s.inUse = inUse }
      if let endOn { s.endOn = endOn }
      if let approvedOn {
        if let day = approvedOn {
          // Newly approved: who approved defaults to the recording user, as the approval form's.
          if s.approvedOn == nil {
            s.approvedBy = user.name
            s.approvedByUser = user.id
          }
          s.approvedOn = day
          if let approvedBy, !approvedBy.isEmpty { s.approvedBy = approvedBy }
        } else {
          s.approvedOn = nil
          s.approvedBy = nil
          s.approvedByUser = nil
        }
      } else if let approvedBy, !approvedBy.isEmpty {
        guard s.approvedOn != nil else {
          throw DomainError.invalid("approvedOn", "承認日: 承認した人を記録するには承認日も入力してください。")
        }
        s.approvedBy = approvedBy
      }
      let after = SubcontractorSnapshot(s)
      guard before != after else { return s }
      try await s.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: "再委託先の編集",
        entity: "再委託先「\(s.name)」（\(contract.title)）", id: s.id, before: before, after: after)
      return s
    }
  }

  // MARK: Vulnerability consultations

  struct VulnerabilityInput: Sendable {
    var product: String?
    var version: String?
    var advisory: String?
    var severity: String?
    var measure: String?
    var cost: String?
  }

  struct VulnerabilitySnapshot: Encodable {
    var product: String
    var version: String
    var advisory: String
    var severity: String
    var measure: String
    var cost: String
    var decision: String
    var deferUntil: String?
    var reason: String?
    var riskAcceptanceRequired: Bool
    init(_ v: VulnerabilityConsultation) {
      product = v.product
      version = v.version
      advisory = v.advisory
      severity = v.severity.rawValue
      measure = v.measure
      cost = v.cost
      decision = v.decision.rawValue
      deferUntil = v.deferUntil
      reason = v.decisionReason
      riskAcceptanceRequired = v.riskAcceptanceRequired
    }
  }

  static func addVulnerability(
    on db: any Database, contract: Contract, user: User, _ input: VulnerabilityInput
  ) async throws -> VulnerabilityConsultation {
    try requireRecorder(user)
    let product = try DomainError.text(
      input.product, field: "product", label: "製品（ソフトウェア・OS）", required: true, max: 200)
    let version = try DomainError.text(
      input.version, field: "version", label: "バージョン", required: true, max: 100)
    let advisory = try DomainError.text(
      input.advisory, field: "advisory", label: "脆弱性情報の番号またはURL", required: true, max: 500)
    guard let severity = input.severity.flatMap(VulnerabilitySeverity.init(rawValue:)) else {
      throw DomainError.invalid(
        "severity", "深刻度: 低（low）・中（medium）・高（high）・緊急（critical）のいずれかを選んでください。")
    }
    let measure = try DomainError.text(
      input.measure, field: "measure", label: "提案する対策", required: true, max: 10_000)
    let cost = try DomainError.text(input.cost, field: "cost", label: "費用", max: 500)
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      let v = VulnerabilityConsultation()
      v.organisationID = contract.organisationID
      v.contractID = contract.id!
      v.product = product
      v.version = version
      v.advisory = advisory
      v.severity = severity
      v.measure = measure
      v.cost = cost
      v.side = user.role.side
      v.submittedByName = user.name
      v.decision = .pending
      try await v.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: "脆弱性の協議の登録",
        entity: "脆弱性「\(product) \(version)」（\(contract.title)）", id: v.id, after: VulnerabilitySnapshot(v))
      return v
    }
  }

  /// The institution's decision: apply, defer (until a day, required) or decline; deferring and
  /// declining need a reason. It may be decided again (a deferred measure applied later); the
  /// audit log keeps each decision.
  static func decideVulnerability(
    on db: any Database, contract: Contract, vulnerabilityID: UUID?, user: User, decision: String?,
    deferUntil: String?, reason: String?
  ) async throws -> VulnerabilityConsultation {
    try requireDecider(user)
    guard let d = decision.flatMap(VulnerabilityDecision.init(rawValue:)), d != .pending else {
      throw DomainError.invalid(
        "decision", "判断: 対策を実施する（apply）・延期する（defer）・実施しない（decline）のいずれかを選んでください。")
    }
    let until =
      d == .defer ? try date(deferUntil, field: "deferUntil", label: "延期する期限", required: true) : nil
    let reason = try DomainError.text(reason, field: "reason", label: "理由", max: 10_000)
    if d != .apply && reason.isEmpty {
      throw DomainError.invalid("reason", "理由: \(d == .defer ? "延期" : "実施しない")とする理由を入力してください。")
    }
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      guard let vulnerabilityID, let v = try await VulnerabilityConsultation.find(vulnerabilityID, on: db),
        v.contractID == contract.id, v.organisationID == contract.organisationID
      else { throw DomainError.notFound() }
      let before = VulnerabilitySnapshot(v)
      v.decision = d
      v.deferUntil = until
      v.decisionReason = reason.isEmpty ? nil : reason
      v.decidedByName = user.name
      v.decidedAt = Date()
      try await v.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: "脆弱性の協議の判断（\(d.label)）",
        entity: "脆弱性「\(v.product) \(v.version)」（\(contract.title)）", id: v.id, before: before,
        after: VulnerabilitySnapshot(v))
      return v
    }
  }
}
