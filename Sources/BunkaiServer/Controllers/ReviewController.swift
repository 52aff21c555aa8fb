import BunkaiFormats
import Fluent
import SQLKit
import Vapor

/// The review page: contract text with the evidence marked, one card per finding, decisions and
/// the executive's sign-off.
struct ReviewController {
  struct Segment {
    var text: String
    var mark: Bool
    var anchor: String?

    var html: String {
      guard mark, let anchor else { return HTMLText.escape(text) }
      return "<a class=\"mark\" href=\"\(HTMLText.escape(anchor))\">\(HTMLText.escape(text))</a>"
    }
  }
  struct DecisionView: Encodable {
    var kind: String
    var label: String
    var wording: String
    var reason: String
    var by: String
    var at: String
  }
  struct Ref: Encodable {
    var id: String
    var title: String
  }
  struct Card: Encodable {
    var number: Int
    var anchor: String
    var severity: String
    var severityLabel: String
    var status: String
    var title: String
    var article: String
    var guideRefs: String
    var evidence: [String]
    var explanation: String
    var suggestion: String
    var intent: String
    var lessonTitle: String?
    var lessonText: String?
    var checklist: [Ref]
    var decision: DecisionView?
    var history: [DecisionView]
  }
  struct Context: Encodable {
    var page: Page
    var contractTitle: String
    var contractLink: String
    var checklistLink: String
    var printLink: String
    var redlineLink: String
    var memoDocxLink: String
    var memoMarkdownLink: String
    var filename: String
    var version: Int
    var uploadedAt: String
    var playbook: String
    var disclaimer: String
    var documentTitle: String
    var parties: [String]
    /// The contract text with evidence marks, escaped (see HTMLText).
    var textHTML: String
    /// The print view's cards; the interactive page gets `cardsHTML` instead.
    var cards: [Card]
    /// The cards with their decision forms, escaped (see ReviewPages).
    var cardsHTML: String
    var openCount: Int
    var signedOff: String?
    var signOffAction: String
    var canSignOff: Bool
    var printMode: Bool
  }

  /// The interactive page's context: everything but the layout built in Swift (see HTMLText).
  struct LiveContext: Encodable {
    var page: Page
    var headHTML: String
    var cardsHTML: String
    var textHTML: String

    init(_ c: Context) {
      let e = HTMLText.escape
      var h =
        "<p><a href=\"\(e(c.contractLink))\">\(e(c.contractTitle))</a> ・ <a href=\"\(e(c.checklistLink))\">確認表 Part2</a> ・ "
      h += "<a href=\"\(e(c.printLink))\">印刷用</a></p>\n"
      h +=
        "<p class=\"actions\" id=\"review-downloads\"><a class=\"button secondary\" href=\"\(e(c.redlineLink))\">修正提案を書き込んだ契約書（Word）</a> "
      h += "<a class=\"button secondary\" href=\"\(e(c.memoDocxLink))\">レビューメモ（Word）</a> "
      h += "<a class=\"button secondary\" href=\"\(e(c.memoMarkdownLink))\">レビューメモ（Markdown）</a></p>\n"
      h += "<h1>照合結果: \(e(c.documentTitle))</h1>\n"
      h +=
        "<p class=\"meta\">\(e(c.filename))（第\(c.version)版、\(e(c.uploadedAt))）・ \(e(c.playbook)) ・ 未対応の指摘 \(c.openCount) 件</p>\n"
      h +=
        "<p class=\"meta\">当事者: " + c.parties.map { "<span class=\"tag\">\(e($0))</span> " }.joined()
        + "</p>\n"
      h += "<p class=\"disclaimer\">\(e(c.disclaimer))</p>\n"
      if let s = c.signedOff { h += "<p class=\"signed\">\(e(s))</p>\n" }
      if c.canSignOff {
        h += "<form method=\"post\" action=\"\(e(c.signOffAction))\" class=\"inline\">\n"
        h += "  <input type=\"hidden\" name=\"_csrf\" value=\"\(e(c.page.csrf))\">\n"
        h +=
          "  <button type=\"submit\" class=\"secondary\" data-confirm=\"この照合結果と判断を承認しますか？\">経営層として承認する</button>\n</form>\n"
      }
      page = c.page
      headHTML = h
      cardsHTML = c.cardsHTML
      textHTML = c.textHTML
    }
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get("reviews", ":id") { page(req: $0, print: false) }
    routes.get("reviews", ":id", "print") { page(req: $0, print: true) }
    routes.post("reviews", ":id", "decisions", use: decide)
    routes.post("reviews", ":id", "sign-off", use: signOff)
    routes.get("reviews", ":id", "redline.docx", use: redline)
    routes.get("reviews", ":id", "memo.docx") { try await memo(req: $0, ext: "docx") }
    routes.get("reviews", ":id", "memo.md") { try await memo(req: $0, ext: "md") }
  }

  /// The vendor's contract with the proposals decided so far as tracked changes.
  func redline(req: Request) async throws -> Response {
    let review = try await req.owned(ReviewRecord.self)
    let (data, name) = try await SignedDocuments.redline(req.db, engine: req.engine, review: review)
    if let contract = try await Contract.find(review.contractID, on: req.db) {
      await AuditLog.download(req, contract: contract, file: name)
    }
    return Downloads.file(data, filename: name, type: Attachments.contentType("docx"))
  }

  func memo(req: Request, ext: String) async throws -> Response {
    let review = try await req.owned(ReviewRecord.self)
    return try await Self.memoResponse(req, review: review, ext: ext)
  }

  static func memoResponse(_ req: Request, review: ReviewRecord, ext: String) async throws -> Response {
    let memo = try await SignedDocuments.memo(req.db, engine: req.engine, review: review)
    let name = "契約書レビューメモ_\(memo.review.contract.title ?? memo.review.source.path)"
    if let contract = try await Contract.find(review.contractID, on: req.db) {
      await AuditLog.download(req, contract: contract, file: name + "." + ext)
    }
    return Downloads.file(
      try SignedDocuments.memoFile(memo, format: ext), filename: name + "." + ext,
      type: Attachments.contentType(ext))
  }

  static let severityLabels = ["high": "高", "medium": "中", "low": "低"]
  static let statusLabels = ["missing": "条項なし", "insufficient": "不十分", "unclear": "要確認"]

  /// The review page. When nothing changed since this instance last built it (the organisation's
  /// revision, read with the session, says so), it is put together from memory on the event loop,
  /// without a hop to the task executor; otherwise `show` reads what is missing.
  func page(req: Request, print: Bool) -> EventLoopFuture<View> {
    do {
      let actor = try req.actor
      if let id = req.parameters.get("id", as: UUID.self),
        let revision = req.storage[OrganisationRevision.self],
        let state = req.application.reviewPages.state(id, org: actor.orgID, revision: revision),
        let entry = req.application.reviewPages.cachedEntry(id),
        let page = req.pageNow("照合結果: \(state.contractTitle)", nav: "contracts")
      {
        let context = Self.context(
          req, actor: actor, id: id, state: state, entry: entry, page: page, print: print)
        if print { return req.view.render("review-print", context) }
        return req.view.render("review", LiveContext(context))
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
    let pages = req.application.reviewPages
    let revision = req.storage[OrganisationRevision.self]
    let state: ReviewPages.State
    if let revision, let hit = pages.state(id, org: actor.orgID, revision: revision) {
      state = hit
    } else {
      guard let loaded = try await Self.loadState(req, id: id, org: actor.orgID) else {
        throw Abort(.notFound, reason: "指定されたデータが見つかりません。")
      }
      state = loaded
      if let revision { pages.setState(id, revision: revision, state) }
    }
    let entry = try await pages.entry(state.review, db: req.db)
    let page = try await req.page("照合結果: \(state.contractTitle)", nav: "contracts")
    let context = Self.context(
      req, actor: actor, id: id, state: state, entry: entry, page: page, print: print)
    return print
      ? try await req.render("review-print", context) : try await req.render("review", LiveContext(context))
  }

  static func context(
    _ req: Request, actor: Actor, id: UUID, state: ReviewPages.State, entry cached: ReviewPages.Entry,
    page: Page,
    print: Bool
  ) -> Context {
    let review = state.review
    let stored = cached.stored
    let decisions = state.decisions
    let latest = Decisions.latest(decisions)
    let history = Dictionary(grouping: decisions, by: \.findingIndex)
    var cards: [Card] = []
    var cardsHTML = ""
    if print {
      cards = stored.findings.enumerated().map { i, f in
        Card(
          number: i + 1, anchor: "f\(i + 1)", severity: f.severity,
          severityLabel: Self.severityLabels[f.severity] ?? f.severity,
          status: Self.statusLabels[f.status] ?? f.status, title: f.title,
          article: f.article.map { "第\($0)条" } ?? "該当する条項がありません",
          guideRefs: f.guideRefs.joined(separator: "・"), evidence: f.evidence.map(\.text),
          explanation: f.explanation,
          suggestion: f.suggestion.display, intent: f.intent, lessonTitle: f.lesson?.title,
          lessonText: f.lesson?.text,
          checklist: f.checklist.map { Ref(id: $0.id, title: $0.title ?? "") },
          decision: latest[i].map(Self.view),
          history: (history[i] ?? []).reversed().dropFirst().map(Self.view))
      }
    } else {
      // Built in Swift: Leaf's per-expression cost dominated this page. The cards differ between
      // requests only in the form token: kept per revision with the token's places marked.
      let action = Paths.decisions(id)
      let parts = req.application.reviewPages.cards(
        id, revision: req.storage[OrganisationRevision.self], canEdit: page.canEdit
      ) { marker in
        var html = ""
        for (i, f) in stored.findings.enumerated() {
          html += cached.cardHeads[i]
          html += ReviewPages.decisionBlock(
            i, f, latest: latest[i], history: Array((history[i] ?? []).reversed().dropFirst()), csrf: marker,
            canEdit: page.canEdit, action: action)
        }
        return html
      }
      cardsHTML = parts.joined(separator: HTMLText.escape(page.csrf))
    }
    return Context(
      page: page, contractTitle: state.contractTitle,
      contractLink: Paths.contract(review.contractID), checklistLink: Paths.checklist(review.contractID),
      printLink: Paths.reviewPrint(id), redlineLink: Paths.redline(id),
      memoDocxLink: Paths.memo(id, "docx"), memoMarkdownLink: Paths.memo(id, "md"),
      filename: state.filename, version: state.version,
      uploadedAt: Format.dateTime(state.uploadedAt), playbook: review.playbook, disclaimer: stored.disclaimer,
      documentTitle: stored.document.title ?? "（表題なし）",
      parties: stored.document.parties.map {
        "\($0.label)＝\($0.name ?? "（名称不明）")（\($0.role == "institution" ? "医療機関側" : $0.role == "vendor" ? "事業者側" : "不明")）"
      },
      textHTML: cached.textHTML, cards: cards, cardsHTML: cardsHTML,
      openCount: OpenCounts.of(stored, decisions: decisions).total, signedOff: state.signedOff,
      signOffAction: Paths.signOff(id),
      canSignOff: actor.role != .staff && review.signedOffBy == nil,
      printMode: print)
  }

  /// The review, its contract's title, its document's name and its decisions. Plain SQL for the few
  /// columns the page shows: Fluent's per-model reflection and query building cost more than the
  /// queries.
  static func loadState(_ req: Request, id: UUID, org: UUID) async throws -> ReviewPages.State? {
    let sql = req.db as! any SQLDatabase
    guard
      let row = try await sql.raw(
        """
        SELECT r.contract_id, r.document_id, r.playbook, r.signed_off_by, r.signed_off_at, c.title,
          d.filename, d.version, d.created_at
        FROM reviews r JOIN contracts c ON c.id = r.contract_id JOIN documents d ON d.id = r.document_id
        WHERE r.id = \(bind: id) AND r.organisation_id = \(bind: org)
        """
      ).first()
    else { return nil }
    let review = ReviewRecord()
    review.id = id
    review.organisationID = org
    review.contractID = try row.decode(column: "contract_id", as: UUID.self)
    review.documentID = try row.decode(column: "document_id", as: UUID.self)
    review.playbook = try row.decode(column: "playbook", as: String.self)
    review.signedOffBy = try row.decode(column: "signed_off_by", as: UUID?.self)
    review.signedOffAt = try row.decode(column: "signed_off_at", as: Date?.self)
    var signedOff: String?
    if let by = review.signedOffBy, let user = try await User.find(by, on: req.db) {
      signedOff = "\(user.name)（\(user.role.label)）が \(Format.dateTime(review.signedOffAt)) に承認"
    }
    return ReviewPages.State(
      review: review, contractTitle: try row.decode(column: "title", as: String.self),
      filename: try row.decode(column: "filename", as: String.self),
      version: try row.decode(column: "version", as: Int.self),
      uploadedAt: try row.decode(column: "created_at", as: Date?.self),
      decisions: try await decisions(sql, review: id), signedOff: signedOff)
  }

  /// A review's decisions, oldest first, read by plain SQL (see `show`).
  static func decisions(_ sql: any SQLDatabase, review: UUID) async throws -> [Decision] {
    try await sql.raw(
      """
      SELECT finding_index, rule_id, kind, wording, reason, user_id, user_name, created_at, replaces_quote
      FROM decisions WHERE review_id = \(bind: review) ORDER BY created_at
      """
    ).all().map { row in
      let d = Decision()
      d.reviewID = review
      d.findingIndex = try row.decode(column: "finding_index", as: Int.self)
      d.ruleID = try row.decode(column: "rule_id", as: String.self)
      d.kind = DecisionKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .later
      d.wording = try row.decode(column: "wording", as: String.self)
      d.reason = try row.decode(column: "reason", as: String.self)
      d.userID = try row.decode(column: "user_id", as: UUID.self)
      d.userName = try row.decode(column: "user_name", as: String.self)
      d.createdAt = try row.decode(column: "created_at", as: Date?.self)
      d.replacesQuote = try row.decode(column: "replaces_quote", as: Bool?.self)
      return d
    }
  }

  static func view(_ d: Decision) -> DecisionView {
    DecisionView(
      kind: d.kind.rawValue, label: d.kind.label, wording: d.wording, reason: d.reason, by: d.userName,
      at: Format.dateTime(d.createdAt))
  }

  /// Splits the text at evidence boundaries; marked segments link to the first finding quoting them.
  static func segments(_ text: String, _ findings: [StoredReview.Finding]) -> [Segment] {
    let scalars = Array(text.unicodeScalars)
    var owner = [Int?](repeating: nil, count: scalars.count)
    for (i, f) in findings.enumerated() {
      for e in f.evidence where e.start >= 0 && e.end <= scalars.count && e.start < e.end {
        for p in e.start..<e.end where owner[p] == nil { owner[p] = i + 1 }
      }
    }
    var out: [Segment] = []
    var start = 0
    while start < scalars.count {
      var end = start + 1
      while end < scalars.count && owner[end] == owner[start] { end += 1 }
      var s = String.UnicodeScalarView()
      s.append(contentsOf: scalars[start..<end])
      out.append(Segment(text: String(s), mark: owner[start] != nil, anchor: owner[start].map { "#f\($0)" }))
      start = end
    }
    return out
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

  func signOff(req: Request) async throws -> Response {
    let actor = try req.actor
    guard actor.role != .staff else { throw Abort(.forbidden, reason: "承認は経営層または管理者が行います。") }
    let review = try await req.owned(ReviewRecord.self)
    guard review.signedOffBy == nil else { return req.redirect(to: Paths.review(review.id!)) }
    _ = try await ReviewDecisions.signOff(on: req.db, actor: actor, review: review)
    req.flash("照合結果と判断を承認しました。")
    return req.redirect(to: Paths.review(review.id!))
  }
}

extension OpenCounts {
  var total: Int { high + medium + low }
}
