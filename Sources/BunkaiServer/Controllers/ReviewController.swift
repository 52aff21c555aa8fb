import BunkaiCore
import BunkaiFormats
import Fluent
import SQLKit
import Vapor

/// The review page: contract text with the evidence marked, one card per finding, decisions and
/// the executive's sign-off.
struct ReviewController {
  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.review) { page(req: $0, print: false) }
    routes.get(SiteRoute.reviewPrint) { page(req: $0, print: true) }
    routes.post(SiteRoute.decisions, use: decide)
    routes.post(SiteRoute.signOff, use: signOff)
    routes.get(SiteRoute.redline, use: redline)
    for format in MemoFormat.allCases {
      routes.get(format.route) { try await memo(req: $0, ext: format.rawValue) }
    }
  }

  /// The vendor's contract with the proposals decided so far as tracked changes.
  func redline(req: Request) async throws -> Response {
    let review = try await req.owned(ReviewRecord.self)
    let (data, name) = try await SignedDocuments.redline(req.db, engine: req.engine, review: review)
    if let contract = try await Contract.find(review.contractID, on: req.db) {
      await req.recordDownload(contract: contract, file: name)
    }
    return Downloads.file(data, filename: name, type: Attachments.contentType("docx"))
  }

  func memo(req: Request, ext: String) async throws -> Response {
    let review = try await req.owned(ReviewRecord.self)
    return try await Self.memoResponse(req, review: review, ext: ext)
  }

  static func memoResponse(_ req: Request, review: ReviewRecord, ext: String) async throws -> Response {
    let memo = try await SignedDocuments.memo(req.db, engine: req.engine, review: review)
    let name = "契約書レビューメモ_\(memo.review.document.title ?? memo.review.source?.path ?? "照合結果")"
    if let contract = try await Contract.find(review.contractID, on: req.db) {
      await req.recordDownload(contract: contract, file: name + "." + ext)
    }
    return Downloads.file(
      try SignedDocuments.memoFile(memo, format: ext), filename: name + "." + ext,
      type: Attachments.contentType(ext))
  }

  /// The review page. When nothing changed since this instance last built it (the organisation's
  /// revision, read with the session, says so), it is put together from memory on the event loop,
  /// without a hop to the task executor; otherwise `show` reads what is missing.
  func page(req: Request, print: Bool) -> EventLoopFuture<View> {
    do {
      let actor = try req.actor
      if let id = req.parameters.get("id", as: UUID.self),
        let state = req.cachedPage(ReviewPages.State.self, Self.stateKey(id), org: actor.orgID),
        let entry = req.application.reviewPages.cachedEntry(id),
        let page = req.pageNow("照合結果: \(state.contractTitle)", nav: "contracts")
      {
        let pages = req.application.reviewPages
        let key = Self.renderKey(req, actor: actor, id: id, print: print)
        let today = JapanTime.today()
        if page.flash == nil,
          let hit = req.cachedPage(ReviewPages.Rendered.self, key, org: actor.orgID, day: today)
        {
          return req.eventLoop.makeSucceededFuture(hit.view(csrf: page.csrf))
        }
        let cacheable = page.flash == nil
        var forRender = page
        if cacheable { forRender.csrf = pages.marker }
        let context = Self.context(
          req, actor: actor, state: state, entry: entry, page: forRender, print: print)
        let view = req.view.render(print ? "review-print" : "review", context)
        guard cacheable else { return view }
        return view.map { view in
          let rendered = pages.rendered(view)
          req.keepPage(rendered, key, org: actor.orgID, day: today)
          return rendered.view(csrf: page.csrf)
        }
      }
    } catch {
      return req.eventLoop.makeFailedFuture(error)
    }
    return req.eventLoop.makeFutureWithTask { try await show(req: req, print: print) }
  }

  func show(req: Request, print: Bool) async throws -> View {
    let actor = try req.actor
    guard let id = req.parameters.get("id", as: UUID.self) else {
      throw Abort(.notFound, reason: "指定されたデータが見つかりません。")
    }
    // What the database says of the review changes only with the organisation's revision.
    let state = try await req.cachedPage(Self.stateKey(id), org: actor.orgID) {
      guard let loaded = try await Self.loadState(req.db, engine: req.engine, id: id, org: actor.orgID) else {
        throw Abort(.notFound, reason: "指定されたデータが見つかりません。")
      }
      return loaded
    }
    let pages = req.application.reviewPages
    let entry = try await pages.entry(state, db: req.db)
    let page = try await req.page("照合結果: \(state.contractTitle)", nav: "contracts")
    // A page with a one-time message is not kept.
    guard page.flash == nil else {
      let context = Self.context(req, actor: actor, state: state, entry: entry, page: page, print: print)
      return try await req.render(print ? "review-print" : "review", context)
    }
    var forRender = page
    forRender.csrf = pages.marker
    let context = Self.context(req, actor: actor, state: state, entry: entry, page: forRender, print: print)
    let rendered = pages.rendered(try await req.render(print ? "review-print" : "review", context))
    req.keepPage(
      rendered, Self.renderKey(req, actor: actor, id: id, print: print), org: actor.orgID,
      day: JapanTime.today())
    return rendered.view(csrf: page.csrf)
  }

  /// The page cache's key for what the database says of a review (`ReviewPages.State`).
  static func stateKey(_ id: UUID) -> String { "review-state/\(id)" }

  /// The page cache's key for a rendered review page: besides the organisation's revision and the
  /// day (an acceptance expires with it, without any write), it depends on who (the menu, the
  /// rights), which view and which filter.
  static func renderKey(_ req: Request, actor: Actor, id: UUID, print: Bool) -> String {
    "review-page/\(id)/\(actor.id)/\(print ? "print" : "page")?\(req.url.query ?? "")"
  }

  static func context(
    _ req: Request, actor: Actor, state: ReviewPages.State, entry: ReviewPages.Entry, page: Page, print: Bool
  ) -> ReviewPageContext {
    let query = (try? req.query.decode(ReviewPageContext.Query.self)) ?? .init()
    return ReviewPageContext.build(
      page: page, id: state.id, state: state, entry: entry, catalog: state.catalog, query: query,
      canSignOff: actor.role == .executive && state.signedOffBy == nil && state.supersededBy == nil,
      print: print,
      today: JapanTime.today()
    )
  }

  /// The review's changing part, read through the read model (plain SQL into Decodable rows).
  static func loadState(_ db: any Database, engine: Engine, id: UUID, org: UUID) async throws
    -> ReviewPages.State?
  {
    let sql = db as! any SQLDatabase
    guard let row = try await ReviewReadModel.review(sql, id: id, org: org) else { return nil }
    var signedOff: String?
    if let name = row.signerName {
      let role = row.signerRole.flatMap(Role.init(rawValue:))?.label ?? ""
      signedOff = "\(name)（\(role)）が \(Format.dateTime(row.signedOffAt)) に承認"
    }
    let decisions = try await ReviewReadModel.decisions(sql, review: id).map { r in
      let d = Decision()
      d.reviewID = id
      d.findingIndex = r.findingIndex
      d.ruleID = r.ruleID
      d.kind = DecisionKind(rawValue: r.kind) ?? .later
      d.wording = r.wording
      d.reason = r.reason
      d.userID = r.userID
      d.userName = r.userName
      d.createdAt = r.createdAt
      d.replacesQuote = r.replacesQuote
      d.carriedFrom = r.carriedFrom
      return d
    }
    // A newer version replaced this one (for versions stored before comparisons: the contract's
    // newest review is another one).
    let next = row.nextReviewID ?? (row.latestReviewID != id ? row.latestReviewID : nil)
    return ReviewPages.State(
      id: id, organisationID: org, contractID: row.contractID, documentID: row.documentID,
      signedOffBy: row.signedOffBy, contractTitle: row.contractTitle, filename: row.filename,
      version: row.version, uploadedAt: row.uploadedAt, decisions: decisions,
      acceptances: try await RiskAcceptances.forReview(on: db, reviewID: id), signedOff: signedOff,
      previousReviewID: row.previousReviewID, previousVersion: row.previousVersion, supersededBy: next,
      catalog: try await Checklists.catalog(db, engine: engine, org: org).0)
  }

  struct DecisionForm: Content {
    var finding: Int
    var kind: String
    var wording: String?
    var reason: String?
    var replace: Bool?
  }

  func decide(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let review = try await req.owned(ReviewRecord.self)
    let form = try req.content.decode(DecisionForm.self)
    let decision = try await Self.record(
      req, actor: actor, review: review, index: form.finding &- 1, kind: form.kind, wording: form.wording,
      reason: form.reason, replace: form.replace ?? false)
    req.flash("指摘 \(form.finding) の判断「\(decision.kind.label)」を記録しました。")
    return req.redirect(to: Paths.review(review.id!) + "#f\(form.finding)")
  }

  /// Validates and stores a decision (ReviewDecisions), `index` 0-based.
  static func record(
    _ req: Request, actor: Actor, review: ReviewRecord, index: Int, kind rawKind: String, wording: String?,
    reason: String?, replace: Bool
  ) async throws -> Decision {
    try await ReviewDecisions.record(
      on: req.db, actor: actor, review: review,
      .init(finding: index &+ 1, kind: rawKind, wording: wording, reason: reason, replace: replace))
  }

  struct SignOffForm: Content {
    /// Set by the page's confirmation: the executive saw the open findings listed.
    var confirmOpen: String?
  }

  /// The executive's approval. With findings still open, the page lists them and asks to
  /// confirm; without that confirmation nothing is approved.
  func signOff(req: Request) async throws -> Response {
    let actor = try req.actor
    guard actor.role == .executive else { throw Abort(.forbidden, reason: ReviewDecisions.signOffRefusal) }
    let review = try await req.owned(ReviewRecord.self)
    guard review.signedOffBy == nil else { return req.redirect(to: Paths.review(review.id!)) }
    let open = try await RiskAcceptances.openFindings(on: req.db, review: review, today: JapanTime.today())
    let form = try? req.content.decode(SignOffForm.self)
    if !open.isEmpty && (form?.confirmOpen ?? "").isEmpty {
      req.flash(
        "未対応の指摘が \(open.count) 件あります（\(open.prefix(5).map { "\($0.finding). \($0.title)" }.joined(separator: "、"))\(open.count > 5 ? " ほか" : "")）。"
          + "承認の欄で一覧を確認し、「未対応の指摘があることを確認しました」に印を付けてから承認してください。")
      return req.redirect(to: Paths.review(review.id!) + "#sign-off")
    }
    _ = try await ReviewDecisions.signOff(on: req.db, actor: actor, review: review)
    req.flash(
      open.isEmpty ? "照合結果と判断を承認しました。" : "未対応の指摘 \(open.count) 件があることを確認のうえ、照合結果と判断を承認しました。")
    return req.redirect(to: Paths.review(review.id!))
  }
}

extension OpenCounts {
  var total: Int { high + medium + low }
}
