import BunkaiCore
import BunkaiFormats
import Fluent
import Vapor

/// The pages both sides share: a vendor's contract list, a contract's Part2 exchange overview,
/// one item's five steps with the split and both confirmations, and attachments.
struct ExchangeController {
  struct ItemRow: Encodable {
    var id: String
    var title: String
    var link: String
    var state: String
    var turn: String
    var owner: String
    var agreed: Bool
    var waitingInstitution: Bool
    var waitingVendor: Bool
    /// The other side changed the confirmed split and this side has not acknowledged it yet.
    var changedNote: String?
  }
  struct AttachmentRow: Encodable {
    var filename: String
    var size: String
    var side: String
    var by: String
    var at: String
    var link: String
  }
  struct InvitationRow: Encodable {
    var email: String
    var status: String
    var expires: String
  }
  struct OverviewContext: Encodable {
    var page: Page
    var contractTitle: String
    var contractLink: String?
    var vendor: String
    var side: String
    var isInstitution: Bool
    var canWrite: Bool
    var items: [ItemRow]
    var waitingVendor: [ItemRow]
    var waitingInstitution: [ItemRow]
    var agreedCount: Int
    var attachments: [AttachmentRow]
    var attachmentAction: String
    var invitations: [InvitationRow]
    var inviteAction: String
    var annexHTML: String
    var annexDocx: String
    var annexXlsx: String
    var annexPDF: String
    var maxUploadMB: Int
    /// Items whose confirmed split the other side changed, not yet acknowledged here.
    var changed: [ItemRow]
    /// The contract with the institution's decided proposals as tracked changes, when there are any.
    var redlineLink: String?
    /// The invitation form: why it was not sent, the address as typed, and a warning when the
    /// server's public address is missing.
    var inviteError: String?
    var inviteEmail: String
    var addressWarning: String?
    /// 契約後の管理 of the contract (both sides).
    var lifeLink: String
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.partner, use: partner)
    routes.get(SiteRoute.exchange, use: overview)
    routes.get(SiteRoute.exchangeItem, use: item)
    routes.post(SiteRoute.exchangeEntries, use: post)
    routes.post(SiteRoute.exchangeSplit, use: split)
    routes.post(SiteRoute.exchangeConfirm, use: confirm)
    routes.post(SiteRoute.attachments, use: attach)
    routes.get(SiteRoute.attachment, use: download)
    routes.get(SiteRoute.contractRedline, use: redline)
    for format in AnnexFormat.allCases {
      routes.get(format.route) { req in try await annex(req: req, ext: format.rawValue) }
    }
  }

  /// The annex in the format asked for; both sides may download it.
  func annex(req: Request, ext: String) async throws -> Response {
    let p = try await req.participant()
    return try await Self.annexResponse(req, contract: p.contract, ext: ext)
  }

  static func annexResponse(_ req: Request, contract: Contract, ext: String) async throws -> Response {
    let annex = try await SignedDocuments.annex(req.db, engine: req.engine, contract: contract)
    let name = "別紙_責任分界に関する合意事項_\(contract.title)"
    await req.recordDownload(contract: contract, file: name + "." + ext)
    if ext == "html" {
      let r = Response(status: .ok, body: .init(string: AnnexHTML.render(annex)))
      r.headers.contentType = .html
      r.headers.replaceOrAdd(name: "Content-Security-Policy", value: SecurityHeadersMiddleware.documentCSP)
      return r
    }
    let data = try await SignedDocuments.annexFile(
      annex, format: ext, toolTimeout: req.settings.intake.toolTimeoutSeconds)
    return Downloads.file(data, filename: name + "." + ext, type: Attachments.contentType(ext))
  }

  /// The contract with the proposals the institution decided, as tracked changes: both sides may
  /// download it (the vendor only for its own contracts, see `participant`).
  func redline(req: Request) async throws -> Response {
    let p = try await req.participant()
    guard let reviewID = p.contract.latestReviewID,
      let review = try await ReviewRecord.query(on: req.db).filter(\.$id == reviewID)
        .filter(\.$organisationID == p.contract.organisationID).first()
    else {
      throw Abort(.notFound, reason: "この契約の契約書はまだ照合されていないため、修正提案はありません。")
    }
    let (data, name) = try await SignedDocuments.redline(req.db, engine: req.engine, review: review)
    await req.recordDownload(contract: p.contract, file: name)
    return Downloads.file(data, filename: name, type: Attachments.contentType("docx"))
  }

  struct PartnerContext: Encodable {
    struct Row: Encodable {
      var title: String
      var link: String
      var kind: String
      var waiting: Int
      /// Items whose confirmed split the institution changed, not yet acknowledged by the vendor.
      var changed: Int
      /// 契約後の管理: change notices, subcontractors, vulnerability consultations.
      var lifeLink: String
    }
    var page: Page
    var organisation: String
    var contracts: [Row]
  }

  /// A vendor user's home: the contracts it was invited to, with the items waiting for it.
  func partner(req: Request) async throws -> Response {
    let user = try req.auth.require(User.self)
    guard user.role == .vendor else { return req.redirect(to: Paths.home) }
    let contracts = try await req.sharedContracts(user)
    var rows: [PartnerContext.Row] = []
    for c in contracts {
      let (items, _) = try await Self.itemStates(req, contract: c)
      let changed = Set(
        try await Exchange.changes(req.db, contract: c.id!).filter {
          $0.side == .institution && $0.acknowledgedAt == nil
        }
        .map(\.itemID))
      rows.append(
        .init(
          title: c.title, link: Paths.exchange(c.id!), kind: c.kind.label,
          waiting: items.filter { $0.1.waitingFor.contains(.vendor) }.count, changed: changed.count,
          lifeLink: Paths.contractLife(c.id!)))
    }
    let org = try await Organisation.find(user.organisationID, on: req.db)
    return try await req.render(
      "partner",
      PartnerContext(
        page: req.page("招待された契約", nav: "partner"), organisation: org?.name ?? "", contracts: rows)
    ).encodeResponse(for: req)
  }

  /// The Part2 items of a contract with where each stands.
  static func itemStates(_ req: Request, contract: Contract) async throws -> (
    [(ChecklistItem, Exchange.State, ChecklistAnswer?)], ChecklistCatalog
  ) {
    let (catalog, _) = try await Checklists.catalog(req.db, engine: req.engine, org: contract.organisationID)
    let items = Checklists.items(catalog, contract: contract)
    let answers = try await Checklists.answers(req.db, org: contract.organisationID, contractID: contract.id)
    let entries = Dictionary(
      grouping: try await ExchangeEntry.query(on: req.db).filter(\.$contractID == contract.id!).all(),
      by: \.itemID)
    return (
      items.map { item in
        let a = answers[item.id]
        return (item, Exchange.state(entries: entries[item.id] ?? [], answer: a), a)
      }, catalog
    )
  }

  func overview(req: Request) async throws -> View {
    let p = try await req.participant()
    let c = p.contract
    let (states, _) = try await Self.itemStates(req, contract: c)
    // The other side's changes to confirmed splits that this side has not acknowledged.
    var unseen: [String: SplitChange] = [:]
    for change in try await Exchange.changes(req.db, contract: c.id!)
    where change.side == p.side.other && change.acknowledgedAt == nil && unseen[change.itemID] == nil {
      unseen[change.itemID] = change
    }
    let rows = states.map { item, state, answer in
      ItemRow(
        id: item.id, title: item.displayTitle, link: Paths.exchangeItem(c.id!, item.id), state: state.label,
        turn: state.turnLabel, owner: (answer?.owner ?? .unset).label, agreed: state.agreed,
        waitingInstitution: state.waitingFor.contains(.institution),
        waitingVendor: state.waitingFor.contains(.vendor),
        changedNote: unseen[item.id].map { Self.changeSummary($0) })
    }
    let hasProposal = try await Self.hasProposal(req.db, contract: c)
    let inviteError = req.session.data[InvitationController.errorKey]
    let inviteEmail = req.session.data[InvitationController.emailKey] ?? ""
    if inviteError != nil {
      req.session.data[InvitationController.errorKey] = nil
      req.session.data[InvitationController.emailKey] = nil
    }
    let vendor = try await Vendor.find(c.vendorID, on: req.db)
    let attachments = try await Attachment.query(on: req.db).filter(\.$contractID == c.id!)
      .field(\.$id).field(\.$filename).field(\.$size).field(\.$side).field(\.$userName).field(\.$createdAt)
      .field(\.$organisationID).field(\.$contractID)
      .sort(\.$createdAt, .descending).all()
    var invitations: [InvitationRow] = []
    if p.side == .institution {
      let now = Date()
      invitations = try await Invitation.query(on: req.db).filter(\.$contractID == c.id!)
        .sort(\.$createdAt, .descending).all().map {
          InvitationRow(
            email: $0.email, status: $0.usedAt != nil ? "受諾済み" : $0.expiresAt <= now ? "期限切れ" : "未受諾",
            expires: Format.dateTime($0.expiresAt))
        }
    }
    return try await req.render(
      "exchange",
      OverviewContext(
        page: req.page("事業者とのやり取り: \(c.title)", nav: p.side == .vendor ? "partner" : "contracts"),
        contractTitle: c.title, contractLink: p.side == .institution ? Paths.contract(c.id!) : nil,
        vendor: vendor?.name ?? "", side: p.side.label, isInstitution: p.side == .institution,
        canWrite: p.canWrite,
        items: rows, waitingVendor: rows.filter(\.waitingVendor),
        waitingInstitution: rows.filter(\.waitingInstitution),
        agreedCount: rows.filter(\.agreed).count,
        attachments: attachments.map {
          AttachmentRow(
            filename: $0.filename, size: Format.bytes($0.size), side: $0.side.label, by: $0.userName,
            at: Format.dateTime($0.createdAt), link: Paths.attachment($0.id!))
        }, attachmentAction: Paths.attachments(c.id!), invitations: invitations,
        inviteAction: Paths.invitations(c.id!), annexHTML: Paths.annex(c.id!, .html),
        annexDocx: Paths.annex(c.id!, .docx), annexXlsx: Paths.annex(c.id!, .xlsx),
        annexPDF: Paths.annex(c.id!, .pdf), maxUploadMB: req.settings.maxUploadBytes / 1_048_576,
        changed: rows.filter { $0.changedNote != nil },
        redlineLink: hasProposal ? Paths.contractRedline(c.id!) : nil, inviteError: inviteError,
        inviteEmail: inviteEmail,
        addressWarning: p.side == .institution ? InvitationController.addressWarning(req.settings) : nil,
        lifeLink: Paths.contractLife(c.id!)))
  }

  /// "事業者の山田が 2026/03/02 10:00 に担当を「医療機関」から「共同」に変更" in one line.
  static func changeSummary(_ c: SplitChange) -> String {
    if c.changeNoticeID != nil {
      return "\(c.side.label)の\(c.userName)さんが \(Format.dateTime(c.createdAt)) に変更の通知を承認したため、"
        + "合意していた分担を再確認に戻しました（分担の内容は変わっていません）"
    }
    var what: [String] = []
    if c.beforeOwner != c.afterOwner { what.append("担当を「\(c.beforeOwner.label)」から「\(c.afterOwner.label)」に") }
    if c.beforeAgreed != c.afterAgreed { what.append("合意内容を") }
    return "\(c.side.label)の\(c.userName)さんが \(Format.dateTime(c.createdAt)) に"
      + (what.isEmpty ? "分担" : what.joined(separator: "、")) + "変更しました（確認済みの分担の変更）"
  }

  /// The contract's latest review has a decided proposal, so its redline can be made.
  static func hasProposal(_ db: any Database, contract: Contract) async throws -> Bool {
    guard let reviewID = contract.latestReviewID else { return false }
    let decisions = try await Decision.query(on: db).filter(\.$reviewID == reviewID)
      .filter(\.$organisationID == contract.organisationID).all()
    return Decisions.latest(decisions).values.contains { $0.kind == .propose || $0.kind == .proposeEdited }
  }

  struct EntryView: Encodable {
    var step: Int
    var stepTitle: String
    var side: String
    var sideKey: String
    var by: String
    var at: String
    var text: String
    var attachment: String?
    var attachmentLink: String?
  }
  struct StepView: Encodable {
    var label: String
    var current: Bool
  }
  struct ItemContext: Encodable {
    var page: Page
    var contractTitle: String
    var overviewLink: String
    var id: String
    var title: String
    var content: String
    var state: String
    var turn: String
    var agreed: Bool
    var myTurn: Bool
    var canSettle: Bool
    var canWrite: Bool
    var side: String
    var entries: [EntryView]
    var steps: [StepView]
    var next: Int
    var owners: [Option]
    var ownerLabel: String
    var agreedText: String
    var institutionConfirmed: String?
    var vendorConfirmed: String?
    var iConfirmed: Bool
    var initialLabel: String
    var completedOn: String
    var entryAction: String
    var splitAction: String
    var confirmAction: String
    var maxUploadMB: Int
    /// The imported companion columns, when known.
    var risk: String
    var recommendation: String
    var guidelineRefs: String
    var related: [ExchangeItemQuery.RelatedFinding]
    var redlineLink: String?
    var isInstitution: Bool
    /// Changes to the confirmed split, newest first.
    var changes: [ChangeView]
    /// The other side changed the split since this side last confirmed: confirming acknowledges it.
    var mustAcknowledge: Bool
    /// Every change waiting to be acknowledged is a reopening by an approved change notice.
    var reopenedByNotice: Bool
    /// The split is complete enough to confirm (担当 chosen, 合意内容 written unless 対象外).
    var splitComplete: Bool
  }
  struct ChangeView: Encodable {
    var side: String
    var by: String
    var at: String
    var beforeOwner: String
    var afterOwner: String
    var beforeAgreed: String
    var afterAgreed: String
    var ownerChanged: Bool
    var agreedChanged: Bool
    var acknowledged: String?
    var unseenHere: Bool
    /// The title of the approved change notice that sent the split back to be confirmed again;
    /// nil for a change of the split itself.
    var notice: String?
  }

  /// The Part2 item named in the path, if the contract's checklist has it.
  private func findItem(_ req: Request, _ p: Participant) async throws -> ChecklistItem {
    let itemID = req.parameters.get("item") ?? ""
    let (catalog, _) = try await Checklists.catalog(
      req.db, engine: req.engine, org: p.contract.organisationID)
    guard let item = Checklists.items(catalog, contract: p.contract).first(where: { $0.id == itemID }) else {
      throw Abort(.notFound, reason: "項番 \(itemID): この契約の確認表にない項目です。")
    }
    return item
  }

  func item(req: Request) async throws -> View {
    let p = try await req.participant()
    let c = p.contract
    let item = try await findItem(req, p)
    let entries = try await ExchangeEntry.query(on: req.db).filter(\.$contractID == c.id!)
      .filter(\.$itemID == item.id).sort(\.$createdAt).all()
    let answer = try await ChecklistAnswer.query(on: req.db).filter(\.$contractID == c.id!)
      .filter(\.$itemID == item.id).first()
    let state = Exchange.state(entries: entries, answer: answer)
    let attachmentIDs = entries.compactMap(\.attachmentID)
    let names =
      attachmentIDs.isEmpty
      ? [:]
      : Dictionary(
        try await Attachment.query(on: req.db).filter(\.$id ~~ attachmentIDs).field(\.$id).field(\.$filename)
          .field(\.$organisationID).field(\.$contractID).all().map { ($0.id!, $0.filename) },
        uniquingKeysWith: { a, _ in a })
    let mine = p.side == .institution ? answer?.institutionConfirmedAt : answer?.vendorConfirmedAt
    let related = try await ExchangeItemQuery.related(req.db, contract: c, itemID: item.id, side: p.side)
    let changes = try await Exchange.changes(req.db, contract: c.id!, itemID: item.id)
    // A reopening by an approved change notice changes nothing in the split: it is shown as that,
    // with the notice's title, not as the other side having changed the split.
    let noticeIDs = Set(changes.compactMap(\.changeNoticeID))
    let noticeTitles =
      noticeIDs.isEmpty
      ? [:]
      : Dictionary(
        try await ChangeNotice.query(on: req.db).filter(\.$id ~~ noticeIDs).filter(\.$contractID == c.id!)
          .all()
          .map { ($0.id!, $0.title) }, uniquingKeysWith: { a, _ in a })
    let changeViews = changes.map { ch in
      ChangeView(
        side: ch.side.label, by: ch.userName, at: Format.dateTime(ch.createdAt),
        beforeOwner: ch.beforeOwner.label,
        afterOwner: ch.afterOwner.label, beforeAgreed: ch.beforeAgreed, afterAgreed: ch.afterAgreed,
        ownerChanged: ch.beforeOwner != ch.afterOwner, agreedChanged: ch.beforeAgreed != ch.afterAgreed,
        acknowledged: ch.acknowledgedAt.map { "\(ch.acknowledgedBy ?? "") \(Format.dateTime($0))" },
        unseenHere: ch.side == p.side.other && ch.acknowledgedAt == nil,
        notice: ch.changeNoticeID.map { noticeTitles[$0] ?? "（題名なし）" })
    }
    let unseen = changeViews.filter(\.unseenHere)
    return try await req.render(
      "exchange-item",
      ItemContext(
        page: req.page("\(item.id) \(item.displayTitle)", nav: p.side == .vendor ? "partner" : "contracts"),
        contractTitle: c.title, overviewLink: Paths.exchange(c.id!), id: item.id, title: item.displayTitle,
        content: item.content ?? "", state: state.label, turn: state.turnLabel, agreed: state.agreed,
        myTurn: p.canWrite && state.waitingFor.contains(p.side) && !state.agreed,
        canSettle: p.canWrite && Exchange.canSettle(state), canWrite: p.canWrite, side: p.side.label,
        entries: entries.map { e in
          EntryView(
            step: e.step, stepTitle: Exchange.steps[e.step - 1].title, side: e.side.label,
            sideKey: e.side.rawValue,
            by: e.userName, at: Format.dateTime(e.createdAt), text: e.text,
            attachment: e.attachmentID.flatMap { names[$0] },
            attachmentLink: e.attachmentID.map(Paths.attachment))
        },
        steps: Exchange.steps.map {
          StepView(
            label: "手順\($0.number)（\($0.side?.label ?? "双方")）: \($0.title)",
            current: !state.agreed && $0.number == state.next)
        }, next: state.next,
        owners: Owner.options(answer?.owner ?? .unset, label: \.label),
        ownerLabel: (answer?.owner ?? .unset).label,
        agreedText: answer?.agreed ?? "",
        institutionConfirmed: answer?.institutionConfirmedBy.map {
          "\($0) \(Format.dateTime(answer?.institutionConfirmedAt))"
        },
        vendorConfirmed: answer?.vendorConfirmedBy.map {
          "\($0) \(Format.dateTime(answer?.vendorConfirmedAt))"
        },
        iConfirmed: mine != nil, initialLabel: (answer?.initial ?? .unanswered).label,
        completedOn: answer?.completedOn ?? "",
        entryAction: Paths.exchangeEntries(c.id!, item.id),
        splitAction: Paths.exchangeSplit(c.id!, item.id),
        confirmAction: Paths.exchangeConfirm(c.id!, item.id),
        maxUploadMB: req.settings.maxUploadBytes / 1_048_576, risk: item.risk ?? "",
        recommendation: item.recommendation ?? "", guidelineRefs: item.guidelineRefs ?? "",
        related: related.findings, redlineLink: related.anyProposal ? Paths.contractRedline(c.id!) : nil,
        isInstitution: p.side == .institution, changes: changeViews,
        mustAcknowledge: !unseen.isEmpty,
        reopenedByNotice: !unseen.isEmpty && unseen.allSatisfy { $0.notice != nil },
        splitComplete: answer.map { $0.owner != .unset && ($0.owner == .notApplicable || !$0.agreed.isEmpty) }
          ?? false))
  }

  struct EntryForm: Content {
    var text: String
    var file: File?
  }

  func post(req: Request) async throws -> Response {
    let p = try await req.participant()
    try p.requireWriter()
    let item = try await findItem(req, p)
    let form = try req.content.decode(EntryForm.self)
    var attachment: Attachment?
    if let file = form.file, file.data.readableBytes > 0 {
      attachment = try await Attachments.make(
        req.application, p, filename: file.filename, data: Data(buffer: file.data))
    }
    let e = try await Exchange.post(
      on: req.db, contract: p.contract, itemID: item.id, user: p.user, text: form.text, attachment: attachment
    )
    req.flash("手順\(e.step)を記録しました。")
    return req.redirect(to: Paths.exchangeItem(p.contract.id!, item.id))
  }

  struct SplitForm: Content {
    var owner: String
    var agreed: String
  }

  func split(req: Request) async throws -> Response {
    let p = try await req.participant()
    try p.requireWriter()
    let item = try await findItem(req, p)
    let form = try req.content.decode(SplitForm.self)
    guard let owner = Owner(rawValue: form.owner) else {
      throw Abort(.unprocessableEntity, reason: "担当: 医療機関/事業者/共同/対象外のいずれかを選んでください。")
    }
    _ = try await Exchange.setSplit(
      on: req.db, contract: p.contract, itemID: item.id, user: p.user, owner: owner, agreed: form.agreed)
    req.flash("分担を保存しました。双方が確認すると合意になります。")
    return req.redirect(to: Paths.exchangeItem(p.contract.id!, item.id))
  }

  struct ConfirmForm: Content {
    var acknowledge: String?
  }

  func confirm(req: Request) async throws -> Response {
    let p = try await req.participant()
    try p.requireWriter()
    let item = try await findItem(req, p)
    let form = try? req.content.decode(ConfirmForm.self)
    let a = try await Exchange.confirm(
      on: req.db, contract: p.contract, itemID: item.id, user: p.user, today: DashboardController.today(),
      acknowledgeChange: form?.acknowledge == "true")
    req.flash(a.isAgreed ? "双方の確認がそろい、合意しました。" : "分担を確認しました。相手側の確認を待っています。")
    return req.redirect(to: Paths.exchangeItem(p.contract.id!, item.id))
  }

  struct AttachForm: Content {
    var file: File
  }

  func attach(req: Request) async throws -> Response {
    let p = try await req.participant()
    try p.requireWriter()
    guard let form = try? req.content.decode(AttachForm.self), form.file.data.readableBytes > 0 else {
      throw Abort(.unprocessableEntity, reason: "添付するファイルを選んでください。")
    }
    let a = try await Attachments.attach(
      req.application, on: req.db, p, filename: form.file.filename, data: Data(buffer: form.file.data))
    req.flash("「\(a.filename)」を添付しました。")
    return req.redirect(to: Paths.exchange(p.contract.id!))
  }

  func download(req: Request) async throws -> Response {
    guard let id = req.parameters.get("id", as: UUID.self), let a = try await Attachment.find(id, on: req.db)
    else {
      throw Abort(.notFound, reason: "指定されたデータが見つかりません。")
    }
    // The contract's participants only; anyone else sees nothing.
    let p = try await req.participant(contractID: a.contractID)
    await req.recordDownload(contract: p.contract, file: a.filename)
    return Downloads.file(a.data, filename: a.filename, type: Attachments.contentType(a.format))
  }
}
