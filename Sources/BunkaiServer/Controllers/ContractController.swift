import BunkaiCore
import Fluent
import Vapor

/// Contract list, detail (with documents and reviews), create, edit and upload.
struct ContractController {
  struct ContractRow: Encodable {
    var link: String
    var title: String
    var vendor: String
    var kind: String
    var status: String
    var endDate: String
    var high: Int
    var medium: Int
    var low: Int
  }
  struct SystemChoice: Encodable {
    var id: String
    var label: String
    var checked: Bool
  }
  struct FormFields: Encodable {
    var title: String
    var vendors: [Option]
    var kinds: [Option]
    var statuses: [Option]
    var startDate: String
    var endDate: String
    var autoRenewal: Bool
    var noticeDeadline: String
    var firstMeetingOn: String
    var systems: [SystemChoice]
    /// Messages by field name, shown next to each field.
    var errors: [String: String] = [:]
  }
  struct ListContext: Encodable {
    var page: Page
    var contracts: [ContractRow]
    var form: FormFields
    var action: String
    var hasVendors: Bool
  }
  struct DocumentRow: Encodable {
    var version: Int
    var filename: String
    var format: String
    var size: String
    var sha256: String
    var uploadedAt: String
    var uploader: String
    var reviewLink: String?
    var findings: Int
  }
  struct DetailContext: Encodable {
    var page: Page
    var contract: ContractRow
    var form: FormFields
    var action: String
    var uploadAction: String
    var checklistLink: String
    var exchangeLink: String
    var latestReviewLink: String?
    var documents: [DocumentRow]
    var systems: [String]
    var maxUploadMB: Int
    /// Why the last upload was not taken, shown next to the file field.
    var uploadError: String?
    /// 契約後の管理, and its subcontractors in use without approval.
    var lifeLink: String
    var unapprovedSubcontractors: Int
    /// The periodic re-check: its form, why it could not run, the earlier ones, and when the next
    /// one is due (a year after the last check, earlier before an automatic renewal's notice day).
    var recheckAction: String
    var recheckError: String?
    var rechecks: [RecheckRow]
    var nextRecheck: String
    /// Dates read from the newest document's text that differ from the contract's, to confirm.
    var hasDateProposal = false
    var dateProposal = DateProposalView()
  }
  struct RecheckRow: Encodable {
    var at: String
    var by: String
    var link: String
    var playbook: String
  }
  struct HiddenField: Encodable {
    var name: String
    var value: String
  }
  /// The contract's dates as its newest document states them, beside the recorded ones; the
  /// form sends the whole contract (the others unchanged) through the ordinary update.
  struct DateProposalView: Encodable {
    struct Row: Encodable {
      var label: String
      var current: String
      var proposed: String
      var differs: Bool
    }
    var rows: [Row] = []
    var sentences: [String] = []
    var startDate = ""
    var endDate = ""
    var noticeDeadline = ""
    var autoRenewal = false
    var noticePeriod = ""
    var hidden: [HiddenField] = []
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.contracts, use: list)
    routes.post(SiteRoute.contracts, use: create)
    routes.get(SiteRoute.contract, use: show)
    routes.post(SiteRoute.contract, use: update)
    routes.on(.POST, SiteRoute.contractDocuments, body: .collect(maxSize: "25mb"), use: upload)
    routes.post(SiteRoute.recheck, use: recheck)
  }

  static func row(_ c: Contract, vendors: [UUID: String]) -> ContractRow {
    ContractRow(
      link: Paths.contract(c.id!), title: c.title, vendor: vendors[c.vendorID] ?? "", kind: c.kind.label,
      status: c.status.label, endDate: c.endDate ?? "", high: c.openHigh, medium: c.openMedium, low: c.openLow
    )
  }

  /// The form's fields: the contract's values, or what was typed when it could not be saved.
  private func formFields(
    _ req: Request, _ c: Contract?, input: Contracts.Input? = nil, problems: InvalidInput = .init()
  ) async throws -> FormFields {
    let actor = try req.actor
    let vendors = try await Vendor.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(\.$name)
      .all()
    let systems = try await MedicalSystem.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(
      \.$name
    ).all()
    var covered: Set<UUID> = []
    if let input {
      covered = Set(input.systemIds ?? [])
    } else if let id = c?.id {
      covered = Set(
        try await ContractSystem.query(on: req.db).filter(\.$contractID == id).all().map(\.systemID))
    }
    let vendorID = input.map { $0.vendorId } ?? c?.vendorID
    let kind = input?.kind ?? c?.kind.rawValue ?? ContractKindOption.maintenance.rawValue
    let status = input?.status ?? c?.status.rawValue ?? ContractStatus.draft.rawValue
    return FormFields(
      title: input?.title ?? c?.title ?? "",
      vendors: vendors.map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id == vendorID) },
      kinds: ContractKindOption.allCases.map {
        Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == kind)
      },
      statuses: ContractStatus.allCases.map {
        Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == status)
      },
      startDate: input?.startDate ?? c?.startDate ?? "", endDate: input?.endDate ?? c?.endDate ?? "",
      autoRenewal: input.map { $0.autoRenewal ?? false } ?? c?.autoRenewal ?? false,
      noticeDeadline: input?.noticeDeadline ?? c?.noticeDeadline ?? "",
      firstMeetingOn: input?.firstMeetingOn ?? c?.firstMeetingOn ?? "",
      systems: systems.map {
        SystemChoice(
          id: $0.id!.uuidString, label: "\($0.name)（\($0.category)）", checked: covered.contains($0.id!))
      }, errors: problems.byField)
  }

  /// Said at the top of a page whose form could not be saved.
  static let fixBelow = "入力に直すところがあります。各項目の下の説明を見て直してください（入力した内容はそのまま残っています）。"

  static func vendorNames(_ req: Request, org: UUID) async throws -> [UUID: String] {
    Dictionary(
      try await Vendor.query(on: req.db).filter(\.$organisationID == org).all().map { ($0.id!, $0.name) },
      uniquingKeysWith: { a, _ in a })
  }

  func list(req: Request) async throws -> View {
    try await req.render("contracts", try await listContext(req))
  }

  private func listContext(_ req: Request, input: Contracts.Input? = nil, problems: InvalidInput = .init())
    async throws -> ListContext
  {
    let actor = try req.actor
    let names = try await Self.vendorNames(req, org: actor.orgID)
    let contracts = try await Contract.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(
      \.$title
    ).all()
    return ListContext(
      page: try await req.page("契約", nav: "contracts", error: problems.isEmpty ? nil : Self.fixBelow),
      contracts: contracts.map { Self.row($0, vendors: names) },
      form: try await formFields(req, nil, input: input, problems: problems), action: Paths.contracts,
      hasVendors: !names.isEmpty)
  }

  /// The form sends the API's fields; an unticked box sends nothing, so no systems means none.
  private func formInput(_ req: Request) throws -> Contracts.Input {
    var input = try req.content.decode(Contracts.Input.self)
    input.systemIds = input.systemIds ?? []
    return input
  }

  func create(req: Request) async throws -> Response {
    try req.actor.requireEditor()
    let input = try formInput(req)
    do {
      let c = try await Contracts.save(input, contract: nil, actor: try req.actor, on: req.db)
      req.flash("契約「\(c.title)」を登録しました。契約書をアップロードすると、すぐに照合します。")
      return req.redirect(to: Paths.contract(c.id!))
    } catch let problems as InvalidInput {
      return try await req.render("contracts", try await listContext(req, input: input, problems: problems))
        .encodeResponse(status: .unprocessableEntity, for: req)
    }
  }

  func update(req: Request) async throws -> Response {
    let existing = try await req.owned(Contract.self)
    try req.actor.requireEditor()
    let input = try formInput(req)
    do {
      let c = try await Contracts.save(input, contract: existing, actor: try req.actor, on: req.db)
      req.flash("契約「\(c.title)」を更新しました。")
      return req.redirect(to: Paths.contract(c.id!))
    } catch let problems as InvalidInput {
      // Nothing was saved: the page shows the stored contract, and the form what was typed.
      let stored = try await req.owned(Contract.self)
      return try await req.render("contract", try await detail(req, stored, input: input, problems: problems))
        .encodeResponse(status: .unprocessableEntity, for: req)
    }
  }

  func show(req: Request) async throws -> View {
    try await req.render("contract", try await detail(req, try await req.owned(Contract.self)))
  }

  fileprivate func detail(
    _ req: Request, _ c: Contract, input: Contracts.Input? = nil, problems: InvalidInput = .init(),
    uploadError: String? = nil, recheckError: String? = nil
  ) async throws -> DetailContext {
    let actor = try req.actor
    let names = try await Self.vendorNames(req, org: actor.orgID)
    let docs = try await ContractDocument.query(on: req.db).filter(\.$contractID == c.id!)
      .field(\.$id).field(\.$version).field(\.$filename).field(\.$format).field(\.$size).field(\.$sha256)
      .field(\.$uploadedBy).field(\.$createdAt).field(\.$organisationID).field(\.$contractID)
      .sort(\.$version, .descending).all()
    let reviews = try await ReviewRecord.query(on: req.db).filter(\.$contractID == c.id!)
      .field(\.$id).field(\.$documentID).field(\.$highCount).field(\.$mediumCount).field(\.$lowCount).all()
    let byDoc = Dictionary(reviews.map { ($0.documentID, $0) }, uniquingKeysWith: { a, _ in a })
    let users = Dictionary(
      try await User.query(on: req.db).filter(\.$organisationID == actor.orgID).all().map {
        ($0.id!, $0.name)
      },
      uniquingKeysWith: { a, _ in a })
    let systemIDs = try await ContractSystem.query(on: req.db).filter(\.$contractID == c.id!).all().map(
      \.systemID)
    let systems =
      systemIDs.isEmpty
      ? []
      : try await MedicalSystem.query(on: req.db).filter(\.$id ~~ systemIDs).all().map {
        "\($0.name)（\($0.category)）"
      }
    let rows = docs.map { d in
      let r = byDoc[d.id!]
      return DocumentRow(
        version: d.version, filename: d.filename, format: d.format, size: Format.bytes(d.size),
        sha256: String(d.sha256.prefix(12)), uploadedAt: Format.dateTime(d.createdAt),
        uploader: users[d.uploadedBy] ?? "", reviewLink: r.map { Paths.review($0.id!) },
        findings: r.map { $0.highCount + $0.mediumCount + $0.lowCount } ?? 0)
    }
    let hasProblem = !problems.isEmpty || uploadError != nil || recheckError != nil
    let rechecks = try await RecheckQuery.list(req.db, contract: c.id!)
    // The last check is the newest review (an upload's or a re-check's), as 期限 counts it.
    var lastDay: ISODay?
    if let id = c.latestReviewID,
      let at = try await ReviewRecord.query(on: req.db).filter(\.$id == id).field(\.$id).field(\.$createdAt)
        .first()?.createdAt
    {
      lastDay = ISODay(JapanTime.today(at))
    }
    var proposal: DateProposalView?
    if actor.role.canEdit, let latest = docs.first,
      let doc = try await ContractDocument.query(on: req.db).filter(\.$id == latest.id!).field(\.$id)
        .field(\.$text).field(\.$organisationID).field(\.$contractID).first()
    {
      proposal = Self.dateProposal(ContractDates.propose(doc.text), contract: c, systems: systemIDs)
    }
    var context = DetailContext(
      page: try await req.page(c.title, nav: "contracts", error: hasProblem ? Self.fixBelow : nil),
      contract: Self.row(c, vendors: names),
      form: try await formFields(req, c, input: input, problems: problems),
      action: Paths.contract(c.id!), uploadAction: Paths.contractDocuments(c.id!),
      checklistLink: Paths.checklist(c.id!), exchangeLink: Paths.exchange(c.id!),
      latestReviewLink: c.latestReviewID.map(Paths.review), documents: rows, systems: systems,
      maxUploadMB: req.settings.maxUploadBytes / 1_048_576, uploadError: uploadError,
      lifeLink: Paths.contractLife(c.id!),
      unapprovedSubcontractors: try await ContractLifeQuery.unapprovedInUse(
        req.db, contract: c, today: JapanTime.today()),
      recheckAction: Paths.recheck(c.id!), recheckError: recheckError,
      rechecks: rechecks.map {
        RecheckRow(
          at: Format.dateTime($0.createdAt), by: $0.userName, link: Paths.recheck(c.id!, $0.id!),
          playbook: $0.playbookBefore == $0.playbookAfter
            ? $0.playbookAfter : "\($0.playbookBefore) → \($0.playbookAfter)")
      },
      nextRecheck: lastDay.map {
        Recheck.due(
          lastCheck: $0, autoRenewal: c.autoRenewal, noticeDeadline: c.noticeDeadline.flatMap(ISODay.init)
        )
        .description
      } ?? "")
    if let proposal {
      context.hasDateProposal = true
      context.dateProposal = proposal
    }
    return context
  }

  /// The proposal view, or nil when the text proposes nothing the contract does not already say.
  static func dateProposal(_ p: ContractDateProposal, contract c: Contract, systems: [UUID])
    -> DateProposalView?
  {
    var v = DateProposalView()
    func row(_ label: String, _ current: String?, _ proposed: String?) {
      guard let proposed else { return }
      v.rows.append(
        .init(label: label, current: current ?? "（未入力）", proposed: proposed, differs: current != proposed))
    }
    row("開始日", c.startDate, p.startDate)
    row("終了日", c.endDate, p.endDate)
    row("自動更新", c.autoRenewal ? "あり" : "なし", p.autoRenewal.map { $0 ? "あり" : "なし" })
    row("解約・変更の通知期限", c.noticeDeadline, p.noticeDeadline)
    guard v.rows.contains(where: \.differs) else { return nil }
    v.sentences = [p.termSentence, p.renewalSentence].compactMap { $0 }
    v.startDate = p.startDate ?? c.startDate ?? ""
    v.endDate = p.endDate ?? c.endDate ?? ""
    v.noticeDeadline = p.noticeDeadline ?? c.noticeDeadline ?? ""
    v.autoRenewal = p.autoRenewal ?? c.autoRenewal
    v.noticePeriod = p.noticePeriod ?? ""
    v.hidden =
      [
        HiddenField(name: "title", value: c.title),
        HiddenField(name: "vendorId", value: c.vendorID.uuidString),
        HiddenField(name: "kind", value: c.kind.rawValue),
        HiddenField(name: "status", value: c.status.rawValue),
        HiddenField(name: "firstMeetingOn", value: c.firstMeetingOn ?? ""),
      ] + systems.map { HiddenField(name: "systemIds[]", value: $0.uuidString) }
    return v
  }

  struct UploadForm: Content {
    var file: File?
  }

  /// No file chosen and a chosen file that is empty are told apart; a file that cannot be taken
  /// (type, size, unreadable) is explained next to the file field, on the contract's page.
  func upload(req: Request) async throws -> Response {
    let c = try await req.owned(Contract.self)
    try req.actor.requireEditor()
    let decoded = Result { try req.content.decode(UploadForm.self) }
    let file = try? decoded.get().file
    do {
      // A body the multipart check refused is explained; other decoding failures mean no file.
      if case .failure(let e as CheckedFormDataDecoder.Refused) = decoded { throw e }
      guard let file, !file.filename.isEmpty || file.data.readableBytes > 0 else {
        throw Abort(.unprocessableEntity, reason: "アップロードする契約書のファイルを選んでください。")
      }
      guard file.data.readableBytes > 0 else {
        throw Abort(
          .unprocessableEntity,
          reason: "選んだファイル「\(file.filename)」は空です（0バイト）。中身のある契約書のファイルを選び直してください。")
      }
      let outcome = try await Uploads.store(
        req.application, on: req.db, actor: try req.actor, contract: c, filename: file.filename,
        data: Data(buffer: file.data))
      req.flash("「\(outcome.document.filename)」（第\(outcome.document.version)版）を照合しました。")
      return req.redirect(to: Paths.review(outcome.review.id!))
    } catch let e as any AbortError where (400..<500).contains(e.status.code) && e.status != .forbidden {
      return try await req.render("contract", try await detail(req, c, uploadError: e.reason))
        .encodeResponse(status: e.status, for: req)
    }
  }
}

extension ContractController {
  /// Runs the periodic re-check and shows what it found; a contract without a document (or a
  /// document that cannot be read now) is told on the contract's page, with nothing written.
  func recheck(req: Request) async throws -> Response {
    let c = try await req.owned(Contract.self)
    let actor = try req.actor
    try actor.requireEditor()
    do {
      let outcome = try await Rechecks.run(req.application, on: req.db, actor: actor, contract: c)
      req.flash("定期の見直しを実行しました。前回の確認からの変化を確かめてください。")
      return req.redirect(to: Paths.recheck(c.id!, outcome.recheck.id!))
    } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
      return try await req.render("contract", try await detail(req, c, recheckError: e.message))
        .encodeResponse(status: e.status, for: req)
    } catch let e as any AbortError where e.status == .unprocessableEntity {
      return try await req.render("contract", try await detail(req, c, recheckError: e.reason))
        .encodeResponse(status: e.status, for: req)
    }
  }
}

/// Display formats shared by the pages.
enum Format {
  static func bytes(_ n: Int) -> String {
    n < 1024 ? "\(n) B" : n < 1_048_576 ? "\(n / 1024) KB" : String(format: "%.1f MB", Double(n) / 1_048_576)
  }

  static func dateTime(_ d: Date?) -> String {
    d.map(JapanTime.dateTime) ?? ""
  }
}
