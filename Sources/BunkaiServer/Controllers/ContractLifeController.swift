import Fluent
import Vapor

/// 「契約後の管理」 of one contract, for both sides: change notices, the subcontractor register and
/// vulnerability consultations. Read by `ContractLifeQuery`, shown by `contract-life.leaf`. The
/// vendor reaches it only for the contracts it was invited to (`participant`); decisions are the
/// institution's.
struct ContractLifeController {
  struct ItemChoice: Encodable {
    var id: String
    var label: String
    var checked: Bool
  }
  struct Context: Encodable {
    var page: Page
    var contractTitle: String
    var contractLink: String?
    var exchangeLink: String
    var vendor: String
    var side: String
    var isInstitution: Bool
    var canWrite: Bool
    var canDecide: Bool
    var isAdmin: Bool
    /// The notice period that applies now, in words, and the contract's sentence it comes from.
    var period: String
    var periodQuote: String?
    var defaultDays: Int
    var settingAction: String
    /// This page, where the setting form comes back to.
    var selfLink: String
    var notices: [ContractLifeQuery.NoticeRow]
    var subcontractors: [ContractLifeQuery.SubcontractorRow]
    var vulnerabilities: [ContractLifeQuery.VulnerabilityRow]
    var unapprovedInUse: Int
    var pendingNotices: Int
    var riskAcceptances: Int
    var items: [ItemChoice]
    var severities: [Option]
    var noticeAction: String
    var subcontractorAction: String
    var vulnerabilityAction: String
    var today: String
    /// The form whose input was refused (`notice`, `subcontractor`, `vulnerability`, or a record's
    /// id for its decision form) and why.
    var errorForm: String?
    var errorMessage: String?
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.contractLife, use: show)
    routes.post(SiteRoute.changeNotices, use: submitNotice)
    routes.post(SiteRoute.changeNoticeDecision, use: decideNotice)
    routes.post(SiteRoute.subcontractors, use: addSubcontractor)
    routes.post(SiteRoute.subcontractor, use: editSubcontractor)
    routes.post(SiteRoute.subcontractorApproval, use: approveSubcontractor)
    routes.post(SiteRoute.vulnerabilities, use: addVulnerability)
    routes.post(SiteRoute.vulnerabilityDecision, use: decideVulnerability)
  }

  /// The organisation's default notice period: the admin's setting, on the institution's side.
  func registerInstitution(_ routes: any RoutesBuilder) {
    routes.post(SiteRoute.changeNoticeSetting, use: setDefaultDays)
  }

  func show(req: Request) async throws -> View {
    let p = try await req.participant()
    return try await req.render("contract-life", try await context(req, p))
  }

  private func context(_ req: Request, _ p: Participant, errorForm: String? = nil, error: String? = nil)
    async throws -> Context
  {
    let c = p.contract
    let today = JapanTime.today()
    let records = try await ContractLifeQuery.load(req.db, contract: c, today: today)
    let period = try await ContractLife.period(req.db, contract: c)
    let org = try await Organisation.find(c.organisationID, on: req.db)
    let items = try await ContractLife.part2Items(req.db, engine: req.engine, contract: c)
    let vendor = try await Vendor.find(c.vendorID, on: req.db)
    let institution = p.side == .institution
    return Context(
      page: try await req.page(
        "契約後の管理: \(c.title)", nav: institution ? "contracts" : "partner",
        error: error.map { _ in "入力に直すところがあります。該当する欄の下の説明を見てください。" }),
      contractTitle: c.title, contractLink: institution ? Paths.contract(c.id!) : nil,
      exchangeLink: Paths.exchange(c.id!), vendor: vendor?.name ?? "", side: p.side.label,
      isInstitution: institution, canWrite: p.canWrite, canDecide: institution && p.user.role.canEdit,
      isAdmin: p.user.role == .admin, period: period.explanation, periodQuote: period.quote,
      defaultDays: org?.changeNoticeDays ?? ContractLife.defaultDays,
      settingAction: Paths.changeNoticeSetting,
      selfLink: Paths.contractLife(c.id!),
      notices: records.notices, subcontractors: records.subcontractors,
      vulnerabilities: records.vulnerabilities,
      unapprovedInUse: records.unapprovedInUse, pendingNotices: records.notices.filter(\.pending).count,
      // Still open: required and not held by a signed, unexpired acceptance.
      riskAcceptances: records.vulnerabilities.filter { $0.risk.map { $0.state != "accepted" } ?? false }
        .count,
      items: items.map { ItemChoice(id: $0.id, label: "\($0.id) \($0.displayTitle)", checked: false) },
      severities: VulnerabilitySeverity.options(nil, label: \.label),
      noticeAction: Paths.changeNotices(c.id!),
      subcontractorAction: Paths.subcontractors(c.id!), vulnerabilityAction: Paths.vulnerabilities(c.id!),
      today: today, errorForm: errorForm, errorMessage: error)
  }

  /// Runs a write; a refused input shows the page again (422) with the message at its form.
  private func write(
    _ req: Request, _ p: Participant, form: String, flash: String,
    _ body: () async throws -> Void
  ) async throws -> Response {
    do {
      try await body()
    } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
      return try await req.render(
        "contract-life", try await context(req, p, errorForm: form, error: e.message)
      )
      .encodeResponse(status: e.kind == .invalid ? .unprocessableEntity : .conflict, for: req)
    }
    req.flash(flash)
    return req.redirect(to: Paths.contractLife(p.contract.id!))
  }

  struct NoticeForm: Content {
    var title: String?
    var details: String?
    var affectsSecurity: String?
    var plannedOn: String?
    var itemIds: [String]?
  }

  func submitNotice(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireRecorder(p.user)
    let f = try req.content.decode(NoticeForm.self)
    return try await write(req, p, form: "notice", flash: "変更の通知を記録しました。") {
      _ = try await ContractLife.submitNotice(
        on: req.db, engine: req.engine, contract: p.contract, user: p.user,
        .init(
          title: f.title, details: f.details,
          affectsSecurity: f.affectsSecurity == "true" ? true : f.affectsSecurity == "false" ? false : nil,
          plannedOn: f.plannedOn, itemIds: f.itemIds))
    }
  }

  struct DecisionForm: Content {
    var decision: String?
    var reason: String?
    var deferUntil: String?
    var approvedOn: String?
    var approvedBy: String?
  }

  func decideNotice(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireDecider(p.user)
    let f = try req.content.decode(DecisionForm.self)
    let id = req.parameters.get("notice", as: UUID.self)
    return try await write(
      req, p, form: id?.uuidString ?? "", flash: f.decision == "approve" ? "変更の通知を承認しました。" : "変更の通知を不承認にしました。"
    ) {
      _ = try await ContractLife.decideNotice(
        on: req.db, contract: p.contract, noticeID: id, user: p.user, decision: f.decision, reason: f.reason)
    }
  }

  struct SubcontractorForm: Content {
    var name: String?
    var scope: String?
    var dataHandled: String?
    var equalDuties: String?
    var inUse: String?
    var endOn: String?
  }

  func addSubcontractor(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireRecorder(p.user)
    let f = try req.content.decode(SubcontractorForm.self)
    return try await write(req, p, form: "subcontractor", flash: "再委託先を登録しました。") {
      _ = try await ContractLife.addSubcontractor(
        on: req.db, contract: p.contract, user: p.user,
        .init(
          name: f.name, scope: f.scope, dataHandled: f.dataHandled,
          equalDuties: f.equalDuties == "true" ? true : f.equalDuties == "false" ? false : nil,
          inUse: f.inUse == "true", endOn: f.endOn))
    }
  }

  /// The edit form sends every field it shows: the institution's includes the approval (an empty
  /// day withdraws it), the vendor's does not.
  struct SubcontractorEditForm: Content {
    var scope: String?
    var dataHandled: String?
    var equalDuties: String?
    var inUse: String?
    var endOn: String?
    var approvedOn: String?
    var approvedBy: String?
  }

  func editSubcontractor(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireRecorder(p.user)
    let f = try req.content.decode(SubcontractorEditForm.self)
    let id = req.parameters.get("subcontractor", as: UUID.self)
    func flag(_ v: String?) -> Bool? { v == "true" ? true : v == "false" ? false : nil }
    return try await write(req, p, form: "edit-\(id?.uuidString ?? "")", flash: "再委託先の記録を更新しました。") {
      _ = try await ContractLife.editSubcontractor(
        on: req.db, contract: p.contract, subcontractorID: id, user: p.user,
        .init(
          scope: f.scope, dataHandled: f.dataHandled, equalDuties: flag(f.equalDuties), inUse: flag(f.inUse),
          endOn: f.endOn ?? "", approvedOn: p.side == .institution ? (f.approvedOn ?? "") : nil,
          approvedBy: p.side == .institution ? f.approvedBy : nil))
    }
  }

  func approveSubcontractor(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireDecider(p.user)
    let f = try req.content.decode(DecisionForm.self)
    let id = req.parameters.get("subcontractor", as: UUID.self)
    return try await write(req, p, form: id?.uuidString ?? "", flash: "再委託先を承認しました。") {
      _ = try await ContractLife.approveSubcontractor(
        on: req.db, contract: p.contract, subcontractorID: id, user: p.user, approvedOn: f.approvedOn,
        approvedBy: f.approvedBy)
    }
  }

  struct VulnerabilityForm: Content {
    var product: String?
    var version: String?
    var advisory: String?
    var severity: String?
    var measure: String?
    var cost: String?
  }

  func addVulnerability(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireRecorder(p.user)
    let f = try req.content.decode(VulnerabilityForm.self)
    return try await write(req, p, form: "vulnerability", flash: "脆弱性の協議を記録しました。") {
      _ = try await ContractLife.addVulnerability(
        on: req.db, contract: p.contract, user: p.user,
        .init(
          product: f.product, version: f.version, advisory: f.advisory, severity: f.severity,
          measure: f.measure,
          cost: f.cost))
    }
  }

  func decideVulnerability(req: Request) async throws -> Response {
    let p = try await req.participant()
    try ContractLife.requireDecider(p.user)
    let f = try req.content.decode(DecisionForm.self)
    let id = req.parameters.get("vulnerability", as: UUID.self)
    return try await write(req, p, form: id?.uuidString ?? "", flash: "脆弱性の協議について判断を記録しました。") {
      _ = try await ContractLife.decideVulnerability(
        on: req.db, contract: p.contract, vulnerabilityID: id, user: p.user, decision: f.decision,
        deferUntil: f.deferUntil, reason: f.reason)
    }
  }

  struct SettingForm: Content {
    var days: String?
    var back: String?
  }

  func setDefaultDays(req: Request) async throws -> Response {
    let actor = try req.actor
    let f = try req.content.decode(SettingForm.self)
    let days = try await ContractLife.setDefaultDays(
      on: req.db, actor: actor, days: f.days.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
    req.flash("変更の通知の既定の通知期間を\(days)日にしました。")
    // Back to the contract page the form was on, when it is one of ours.
    if let back = f.back, back.hasPrefix(Paths.contracts + "/"), !back.contains("//") {
      return req.redirect(to: back)
    }
    return req.redirect(to: Paths.contracts)
  }
}
