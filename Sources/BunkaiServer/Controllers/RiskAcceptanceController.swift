import BunkaiCore
import Fluent
import SQLKit
import Vapor

/// Risk acceptances on the web: the list (risk-acceptances.leaf), the request form
/// (risk-acceptance-new.leaf, opened from a finding card or a Part2 item), the executive's
/// signature, the executive's own page (executive.leaf) and the board summary (board.leaf, PDF).
struct RiskAcceptanceController {
  struct Row: Encodable {
    var subjectKind: String
    var subject: String
    var contract: String
    var vendor: String
    var risk: String
    var reason: String
    var measures: String
    var owner: String
    var expiresOn: String
    var status: String
    var statusLabel: String
    var requested: String
    var signed: String
    /// The sign form's action, when the viewer may sign it.
    var signAction: String
    var signBlocked: String
  }
  struct ListContext: Encodable {
    var page: Page
    var rows: [Row]
    var executiveLink = Paths.executive
  }
  struct FormValues: Codable {
    var reviewId: String
    var finding: String
    var contractId: String
    var itemId: String
    /// A vulnerability consultation's or a subcontractor's id (absent for the other subjects).
    var vulnerabilityId: String?
    var subcontractorId: String?
    var risk: String
    var reason: String
    var measures: String
    var owner: String
    var expiresOn: String
  }
  struct FormContext: Encodable {
    var page: Page
    var subjectLabel: String
    var subjectTitle: String
    var backLink: String
    var action = Paths.riskAcceptances
    var form: FormValues
    var errors: [String: String]
  }
  struct GapView: Encodable {
    var system: String
    var item: String
    var nextStep: String
    var link: String
  }
  struct ExecutiveContext: Encodable {
    var page: Page
    var isExecutive: Bool
    var waiting: [Row]
    var due: [Row]
    var gaps: [GapView]
    var listLink = Paths.riskAcceptances
    var boardLink = Paths.board
    var boardPDFLink = Paths.boardPDF
  }
  struct BoardContext: Encodable {
    var page: Page
    var summary: BoardSummary
    var pdfLink = Paths.boardPDF
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.riskAcceptances, use: list)
    routes.get(SiteRoute.newRiskAcceptance, use: newForm)
    routes.post(SiteRoute.riskAcceptances, use: create)
    routes.post(SiteRoute.signRiskAcceptance, use: sign)
    routes.get(SiteRoute.executive, use: executive)
    routes.get(SiteRoute.board, use: board)
    routes.get(SiteRoute.boardPDF, use: boardPDF)
  }

  static func rows(
    _ acceptances: [RiskAcceptance], listing: RiskAcceptanceQuery.Listing, actor: Actor, today: String
  ) -> [Row] {
    acceptances.map { a in
      let status = a.status(today: today)
      let contract = a.contractID.flatMap { listing.contracts[$0] }
      var blocked = ""
      var action = ""
      if status == .requested {
        if actor.role != .executive {
          blocked = "経営層の署名待ち"
        } else if a.requestedBy == actor.id {
          blocked = "ご自身の申請には署名できません（別の経営層が署名します）"
        } else {
          action = Paths.signRiskAcceptance(a.id!)
        }
      }
      return Row(
        subjectKind: a.subjectKind.label, subject: a.subjectTitle, contract: contract?.title ?? "",
        vendor: contract?.vendor ?? "", risk: a.risk, reason: a.reason, measures: a.measures, owner: a.owner,
        expiresOn: a.expiresOn, status: status.rawValue, statusLabel: status.label,
        requested: "\(a.requestedByName)（\(Format.dateTime(a.requestedAt))）",
        signed: a.signedByName.map { "\($0)（\(Format.dateTime(a.signedAt))）" } ?? "", signAction: action,
        signBlocked: blocked)
    }
  }

  func list(req: Request) async throws -> View {
    let actor = try req.actor
    let today = JapanTime.today()
    let listing = try await RiskAcceptanceQuery.listing(req.db, org: actor.orgID)
    return try await req.render(
      "risk-acceptances",
      ListContext(
        page: try await req.page("リスク受容", nav: "risk"),
        rows: Self.rows(listing.acceptances, listing: listing, actor: actor, today: today)))
  }

  struct Query: Content {
    var reviewId: UUID?
    var finding: Int?
    var contractId: UUID?
    var itemId: String?
    var vulnerabilityId: UUID?
    var subcontractorId: UUID?
  }

  func newForm(req: Request) async throws -> View {
    let actor = try req.actor
    try actor.requireEditor()
    let q = try req.query.decode(Query.self)
    let values = FormValues(
      reviewId: q.reviewId?.uuidString ?? "", finding: q.finding.map(String.init) ?? "",
      contractId: q.contractId?.uuidString ?? "", itemId: q.itemId ?? "",
      vulnerabilityId: q.vulnerabilityId?.uuidString, subcontractorId: q.subcontractorId?.uuidString,
      risk: "", reason: "", measures: "",
      owner: actor.user.name, expiresOn: RiskAcceptanceRules.addDays(JapanTime.today(), 365) ?? "")
    return try await form(req, actor: actor, values: values, errors: [:])
  }

  private func subject(_ v: FormValues) -> RiskAcceptances.Subject {
    if let id = v.vulnerabilityId, !id.isEmpty {
      return .init(kind: RiskSubjectKind.vulnerability.rawValue, id: UUID(uuidString: id))
    }
    if let id = v.subcontractorId, !id.isEmpty {
      return .init(kind: RiskSubjectKind.subcontractor.rawValue, id: UUID(uuidString: id))
    }
    if !v.reviewId.isEmpty {
      return .init(
        kind: RiskSubjectKind.finding.rawValue, reviewId: UUID(uuidString: v.reviewId),
        finding: Int(v.finding))
    }
    return .init(
      kind: RiskSubjectKind.checklistItem.rawValue, contractId: UUID(uuidString: v.contractId),
      itemId: v.itemId)
  }

  private func form(_ req: Request, actor: Actor, values: FormValues, errors: [String: String]) async throws
    -> View
  {
    let s = subject(values)
    let resolved = try await RiskAcceptances.resolve(on: req.db, engine: req.engine, org: actor.orgID, s)
    let back: String
    if let r = resolved.reviewID, let i = resolved.findingIndex {
      back = Paths.review(r) + "#f\(i + 1)"
    } else if let c = resolved.contractID, resolved.kind == .vulnerability || resolved.kind == .subcontractor
    {
      back =
        Paths.contractLife(c) + (resolved.kind == .vulnerability ? "#vulnerabilities" : "#subcontractors")
    } else if let c = resolved.contractID {
      back = Paths.checklist(c)
    } else {
      back = Paths.riskAcceptances
    }
    return try await req.render(
      "risk-acceptance-new",
      FormContext(
        page: try await req.page("リスク受容の申請", nav: "risk"), subjectLabel: resolved.kind.label,
        subjectTitle: resolved.title, backLink: back, form: values, errors: errors))
  }

  func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let v = try req.content.decode(FormValues.self)
    do {
      _ = try await RiskAcceptances.request(
        on: req.db, engine: req.engine, actor: actor,
        .init(
          subject: subject(v), risk: v.risk, reason: v.reason, measures: v.measures, owner: v.owner,
          expiresOn: v.expiresOn), today: JapanTime.today())
    } catch let problems as InvalidInput {
      let view = try await form(req, actor: actor, values: v, errors: problems.byField)
      return try await view.encodeResponse(status: .unprocessableEntity, for: req)
    }
    req.flash("リスク受容を申請しました。経営層（申請者以外）の署名を待っています。")
    return req.redirect(to: Paths.riskAcceptances)
  }

  func sign(req: Request) async throws -> Response {
    let actor = try req.actor
    let a = try await req.owned(RiskAcceptance.self)
    _ = try await RiskAcceptances.sign(on: req.db, actor: actor, a, today: JapanTime.today())
    req.flash("リスク受容「\(a.subjectTitle)」に署名しました（\(a.expiresOn) まで有効）。")
    return req.redirect(to: Paths.executive)
  }

  func executive(req: Request) async throws -> View {
    let actor = try req.actor
    let today = JapanTime.today()
    let listing = try await RiskAcceptanceQuery.listing(req.db, org: actor.orgID)
    let waiting = listing.acceptances.filter { $0.signedAt == nil }
    let due = RiskAcceptanceQuery.due(listing.acceptances, today: today)
    let gaps = try await RiskAcceptanceQuery.gaps(req, org: actor.orgID).map {
      GapView(system: $0.system, item: $0.item, nextStep: $0.nextStep, link: $0.link)
    }
    return try await req.render(
      "executive",
      ExecutiveContext(
        page: try await req.page("経営層の確認", nav: "executive"), isExecutive: actor.role == .executive,
        waiting: Self.rows(waiting, listing: listing, actor: actor, today: today),
        due: Self.rows(due, listing: listing, actor: actor, today: today), gaps: gaps))
  }

  static func summary(_ req: Request, actor: Actor) async throws -> BoardSummary {
    let today = JapanTime.today()
    try await RiskAcceptances.refreshExpired(on: req.db, org: actor.orgID, today: today)
    let rows = try await DashboardQuery.rows(req.db as! any SQLDatabase, org: actor.orgID, today: today)
    let listing = try await RiskAcceptanceQuery.listing(req.db, org: actor.orgID)
    let org = try await Organisation.find(actor.orgID, on: req.db)
    return BoardSummary.build(
      organisation: org?.name ?? "", today: today, rows: rows, acceptances: listing.acceptances,
      contracts: listing.contracts)
  }

  func board(req: Request) async throws -> View {
    let actor = try req.actor
    let summary = try await Self.summary(req, actor: actor)
    return try await req.render(
      "board", BoardContext(page: try await req.page(BoardSummary.title, nav: "executive"), summary: summary))
  }

  func boardPDF(req: Request) async throws -> Response {
    let actor = try req.actor
    let summary = try await Self.summary(req, actor: actor)
    let pdf = try await PDFFile.convert(
      try summary.docx(), ext: "docx", timeout: req.settings.intake.toolTimeoutSeconds)
    return Downloads.file(pdf, filename: "理事会向け要約_\(summary.date).pdf", type: Attachments.contentType("pdf"))
  }
}
