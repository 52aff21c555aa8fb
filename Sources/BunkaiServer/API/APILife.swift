import BunkaiCore
import Fluent
import Vapor

/// The contract's life after signing, for both sides: change notices, subcontractors and
/// vulnerability consultations under `/api/v1/contracts/{id}/…`. A vendor's token lists and
/// creates them for the contracts it was invited to; decisions are the institution's (403 for a
/// vendor or an executive). `/api/v1/settings/change-notice-period` is the organisation's default.
struct APILifeController {
  struct PeriodDTO: Content {
    var amount: Int
    /// `days`, `businessDays`, `weeks` or `months`.
    var unit: String
    var label: String
    /// `contract` (the contract's own clause) or `default` (the organisation's setting).
    var source: String
    var article: String?
    var quote: String?
  }
  struct ChangeNoticeDTO: Content {
    var id: UUID
    var contractId: UUID
    var title: String
    var details: String
    var affectsSecurity: Bool
    var plannedOn: String
    var noticedOn: String
    var itemIds: [String]
    var period: PeriodDTO
    var deadline: String
    var late: Bool
    var side: String
    var submittedBy: String
    var status: String
    var decidedBy: String?
    var decidedAt: Date?
    var reason: String?
    var createdAt: Date?
  }
  struct ChangeNoticeInput: Content {
    var title: String?
    var details: String?
    var affectsSecurity: Bool?
    var plannedOn: String?
    var itemIds: [String]?
  }
  struct NoticeDecisionInput: Content {
    var decision: String?
    var reason: String?
  }
  struct SubcontractorDTO: Content {
    var id: UUID
    var contractId: UUID
    var name: String
    var scope: String
    var dataHandled: String
    var equalDuties: Bool
    var inUse: Bool
    var endOn: String?
    var approved: Bool
    var approvedOn: String?
    var approvedBy: String?
    /// In use (and not ended) without the institution's approval.
    var unapprovedInUse: Bool
    var side: String
    var submittedBy: String
    var createdAt: Date?
  }
  struct SubcontractorInput: Content {
    var name: String?
    var scope: String?
    var dataHandled: String?
    var equalDuties: Bool?
    var inUse: Bool?
    var endOn: String?
  }
  /// A field left out stays as it is; `""` clears `endOn` or `approvedOn`.
  struct SubcontractorEditInput: Content {
    var scope: String?
    var dataHandled: String?
    var equalDuties: Bool?
    var inUse: Bool?
    var endOn: String?
    var approvedOn: String?
    var approvedBy: String?
  }
  struct ApprovalInput: Content {
    var approvedOn: String?
    var approvedBy: String?
  }
  struct VulnerabilityDTO: Content {
    var id: UUID
    var contractId: UUID
    var product: String
    var version: String
    var advisory: String
    var severity: String
    var measure: String
    var cost: String
    var side: String
    var submittedBy: String
    var decision: String
    var deferUntil: String?
    var reason: String?
    var decidedBy: String?
    var decidedAt: Date?
    /// Declined or deferred on a high or critical vulnerability: a risk acceptance signed by an
    /// executive is needed.
    var riskAcceptanceRequired: Bool
    var createdAt: Date?
  }
  struct VulnerabilityInput: Content {
    var product: String?
    var version: String?
    var advisory: String?
    var severity: String?
    var measure: String?
    var cost: String?
  }
  struct VulnerabilityDecisionInput: Content {
    var decision: String?
    var deferUntil: String?
    var reason: String?
  }
  struct SettingDTO: Content {
    var days: Int
  }

  func register(_ api: any RoutesBuilder) {
    api.get(APIRoute.changeNotices, use: listNotices)
    api.post(APIRoute.changeNotices, use: createNotice)
    api.post(APIRoute.changeNoticeDecision, use: decideNotice)
    api.get(APIRoute.subcontractors, use: listSubcontractors)
    api.post(APIRoute.subcontractors, use: createSubcontractor)
    api.patch(APIRoute.subcontractor, use: editSubcontractor)
    api.post(APIRoute.subcontractorApproval, use: approveSubcontractor)
    api.get(APIRoute.vulnerabilities, use: listVulnerabilities)
    api.post(APIRoute.vulnerabilities, use: createVulnerability)
    api.post(APIRoute.vulnerabilityDecision, use: decideVulnerability)
    api.get(APIRoute.changeNoticeSetting, use: getSetting)
    api.put(APIRoute.changeNoticeSetting, use: putSetting)
  }

  static func dto(_ n: ChangeNotice) -> ChangeNoticeDTO {
    ChangeNoticeDTO(
      id: n.id!, contractId: n.contractID, title: n.title, details: n.details,
      affectsSecurity: n.affectsSecurity,
      plannedOn: n.plannedOn, noticedOn: n.noticedOn, itemIds: n.items,
      period: PeriodDTO(
        amount: n.periodAmount, unit: n.periodUnit,
        label: NoticePeriodLabel.label(amount: n.periodAmount, unit: n.periodUnit), source: n.periodSource,
        article: n.periodArticle, quote: n.periodQuote),
      deadline: n.deadline, late: n.late, side: n.side.rawValue, submittedBy: n.submittedByName,
      status: n.status.rawValue, decidedBy: n.decidedByName, decidedAt: n.decidedAt, reason: n.decisionReason,
      createdAt: n.createdAt)
  }

  static func dto(_ s: Subcontractor, today: String) -> SubcontractorDTO {
    SubcontractorDTO(
      id: s.id!, contractId: s.contractID, name: s.name, scope: s.scope, dataHandled: s.dataHandled,
      equalDuties: s.equalDuties, inUse: s.inUse, endOn: s.endOn, approved: s.approvedOn != nil,
      approvedOn: s.approvedOn, approvedBy: s.approvedBy, unapprovedInUse: s.unapprovedInUse(today: today),
      side: s.side.rawValue, submittedBy: s.submittedByName, createdAt: s.createdAt)
  }

  static func dto(_ v: VulnerabilityConsultation) -> VulnerabilityDTO {
    VulnerabilityDTO(
      id: v.id!, contractId: v.contractID, product: v.product, version: v.version, advisory: v.advisory,
      severity: v.severity.rawValue, measure: v.measure, cost: v.cost, side: v.side.rawValue,
      submittedBy: v.submittedByName, decision: v.decision.rawValue, deferUntil: v.deferUntil,
      reason: v.decisionReason, decidedBy: v.decidedByName, decidedAt: v.decidedAt,
      riskAcceptanceRequired: v.riskAcceptanceRequired, createdAt: v.createdAt)
  }

  func listNotices(req: Request) async throws -> [ChangeNoticeDTO] {
    let p = try await req.participant()
    return try await ChangeNotice.query(on: req.db).filter(\.$organisationID == p.contract.organisationID)
      .filter(\.$contractID == p.contract.id!).sort(\.$createdAt, .descending).all().map(Self.dto)
  }

  func createNotice(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireRecorder(p.user)
    let i = try req.content.decode(ChangeNoticeInput.self)
    let n = try await ContractLife.submitNotice(
      on: req.db, engine: req.engine, contract: p.contract, user: p.user,
      .init(
        title: i.title, details: i.details, affectsSecurity: i.affectsSecurity, plannedOn: i.plannedOn,
        itemIds: i.itemIds))
    return try await Self.dto(n).encodeResponse(status: .created, for: req)
  }

  func decideNotice(req: Request) async throws -> ChangeNoticeDTO {
    let p = try await req.participant()
    try ContractLife.requireDecider(p.user)
    let i = try req.content.decode(NoticeDecisionInput.self)
    return Self.dto(
      try await ContractLife.decideNotice(
        on: req.db, contract: p.contract, noticeID: req.parameters.get("notice", as: UUID.self), user: p.user,
        decision: i.decision, reason: i.reason))
  }

  func listSubcontractors(req: Request) async throws -> [SubcontractorDTO] {
    let p = try await req.participant()
    let today = JapanTime.today()
    return try await Subcontractor.query(on: req.db).filter(\.$organisationID == p.contract.organisationID)
      .filter(\.$contractID == p.contract.id!).sort(\.$createdAt, .descending).all().map {
        Self.dto($0, today: today)
      }
  }

  func createSubcontractor(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireRecorder(p.user)
    let i = try req.content.decode(SubcontractorInput.self)
    let s = try await ContractLife.addSubcontractor(
      on: req.db, contract: p.contract, user: p.user,
      .init(
        name: i.name, scope: i.scope, dataHandled: i.dataHandled, equalDuties: i.equalDuties, inUse: i.inUse,
        endOn: i.endOn))
    return try await Self.dto(s, today: JapanTime.today()).encodeResponse(status: .created, for: req)
  }

  func editSubcontractor(req: Request) async throws -> SubcontractorDTO {
    let p = try await req.participant()
    try ContractLife.requireRecorder(p.user)
    let i = try req.content.decode(SubcontractorEditInput.self)
    let s = try await ContractLife.editSubcontractor(
      on: req.db, contract: p.contract, subcontractorID: req.parameters.get("subcontractor", as: UUID.self),
      user: p.user,
      .init(
        scope: i.scope, dataHandled: i.dataHandled, equalDuties: i.equalDuties, inUse: i.inUse,
        endOn: i.endOn,
        approvedOn: i.approvedOn, approvedBy: i.approvedBy))
    return Self.dto(s, today: JapanTime.today())
  }

  func approveSubcontractor(req: Request) async throws -> SubcontractorDTO {
    let p = try await req.participant()
    try ContractLife.requireDecider(p.user)
    let i = try req.content.decode(ApprovalInput.self)
    let s = try await ContractLife.approveSubcontractor(
      on: req.db, contract: p.contract, subcontractorID: req.parameters.get("subcontractor", as: UUID.self),
      user: p.user, approvedOn: i.approvedOn, approvedBy: i.approvedBy)
    return Self.dto(s, today: JapanTime.today())
  }

  func listVulnerabilities(req: Request) async throws -> [VulnerabilityDTO] {
    let p = try await req.participant()
    return try await VulnerabilityConsultation.query(on: req.db)
      .filter(\.$organisationID == p.contract.organisationID).filter(\.$contractID == p.contract.id!)
      .sort(\.$createdAt, .descending).all().map(Self.dto)
  }

  func createVulnerability(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireRecorder(p.user)
    let i = try req.content.decode(VulnerabilityInput.self)
    let v = try await ContractLife.addVulnerability(
      on: req.db, contract: p.contract, user: p.user,
      .init(
        product: i.product, version: i.version, advisory: i.advisory, severity: i.severity,
        measure: i.measure,
        cost: i.cost))
    return try await Self.dto(v).encodeResponse(status: .created, for: req)
  }

  func decideVulnerability(req: Request) async throws -> VulnerabilityDTO {
    let p = try await req.participant()
    try ContractLife.requireDecider(p.user)
    let i = try req.content.decode(VulnerabilityDecisionInput.self)
    return Self.dto(
      try await ContractLife.decideVulnerability(
        on: req.db, contract: p.contract, vulnerabilityID: req.parameters.get("vulnerability", as: UUID.self),
        user: p.user, decision: i.decision, deferUntil: i.deferUntil, reason: i.reason))
  }

  func getSetting(req: Request) async throws -> SettingDTO {
    let actor = try req.actor
    let org = try await Organisation.find(actor.orgID, on: req.db)
    return SettingDTO(days: org?.changeNoticeDays ?? ContractLife.defaultDays)
  }

  func putSetting(req: Request) async throws -> SettingDTO {
    let actor = try req.actor
    let i = try req.content.decode(SettingDTO.self)
    return SettingDTO(days: try await ContractLife.setDefaultDays(on: req.db, actor: actor, days: i.days))
  }
}
