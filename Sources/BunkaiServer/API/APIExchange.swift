import BunkaiCore
import Fluent
import Vapor

/// The routes both sides use: the five-step exchange on each Part2 item, the split and its
/// confirmation, the annex and the redline to sign. A vendor user's token reaches only the
/// contracts it was invited to (anything else is 404, like another organisation's ids);
/// invitations are the institution's.
struct APIExchangeController {
  struct PartnerContractDTO: Content {
    var id: UUID
    var title: String
    var kind: String
    /// Items whose next move is the vendor's.
    var waitingForVendor: Int
  }
  struct ConfirmationDTO: Content {
    var by: String
    var at: Date?
  }
  struct ItemDTO: Content {
    var itemId: String
    var title: String
    /// The step to write next, 1…5 (5 stays until both sides confirm).
    var step: Int
    var stepTitle: String
    var agreed: Bool
    /// `institution` / `vendor`: whose move it is.
    var waitingFor: [String]
    var owner: String
    var agreedContent: String
    var institutionConfirmation: ConfirmationDTO?
    var vendorConfirmation: ConfirmationDTO?
  }
  struct EntryDTO: Content {
    var id: UUID
    var step: Int
    var side: String
    var by: String
    var at: Date?
    var text: String
    var attachmentId: UUID?
  }
  struct ItemDetailDTO: Content {
    var item: ItemDTO
    /// 内容 of the item as the catalogue has it (empty when not imported).
    var content: String
    var entries: [EntryDTO]
  }
  struct ExchangeDTO: Content {
    var contractId: UUID
    var contractTitle: String
    /// The side of the token's user.
    var side: String
    var items: [ItemDTO]
  }
  struct EntryInput: Content {
    var text: String?
  }
  struct SplitInput: Content {
    var owner: String?
    var agreed: String?
  }
  struct InvitationInput: Content {
    var email: String?
    var days: Int?
  }
  struct InvitationDTO: Content {
    var id: UUID
    var contractId: UUID
    var email: String
    var status: String
    var expiresAt: Date
    var createdAt: Date?
    /// Only in the answer to its creation: the link to send (it cannot be shown again).
    var link: String?
    /// Only in the answer to its creation: `sent`, `notConfigured` or `failed`.
    var mail: String?
  }

  func register(_ api: any RoutesBuilder) {
    api.get(APIRoute.partnerContracts, use: partnerContracts)
    api.get(APIRoute.exchange, use: overview)
    api.get(APIRoute.exchangeItem, use: item)
    api.post(APIRoute.exchangeEntries, use: post)
    api.put(APIRoute.exchangeSplit, use: split)
    api.post(APIRoute.exchangeConfirm, use: confirm)
    for (ext, route) in [("docx", APIRoute.annexDocx), ("xlsx", .annexXlsx)] {
      api.get(route) { (req: Request) async throws -> Response in
        try await APIReads.annex(req, contract: try await req.participant().contract, ext: ext)
      }
    }
    api.get(APIRoute.contractRedline, use: redline)
    api.get(APIRoute.attachments, use: attachments)
    api.on(.POST, APIRoute.attachments, body: .collect(maxSize: "25mb"), use: attach)
    api.get(APIRoute.attachment, use: download)
    api.get(APIRoute.invitations, use: invitations)
    api.post(APIRoute.invitations, use: invite)
  }

  static func dto(_ item: ChecklistItem, _ state: Exchange.State, _ a: ChecklistAnswer?) -> ItemDTO {
    ItemDTO(
      itemId: item.id, title: item.displayTitle, step: state.next,
      stepTitle: Exchange.steps[state.next - 1].title, agreed: state.agreed,
      waitingFor: state.waitingFor.map(\.rawValue), owner: (a?.owner ?? .unset).rawValue,
      agreedContent: a?.agreed ?? "",
      institutionConfirmation: a?.institutionConfirmedBy.map {
        ConfirmationDTO(by: $0, at: a?.institutionConfirmedAt)
      },
      vendorConfirmation: a?.vendorConfirmedBy.map { ConfirmationDTO(by: $0, at: a?.vendorConfirmedAt) })
  }

  /// A vendor user's contracts (those it was invited to); an institution user's token gets 403.
  func partnerContracts(req: Request) async throws -> [PartnerContractDTO] {
    let user = try req.auth.require(User.self)
    guard user.role == .vendor else {
      throw DomainError.forbidden("事業者のアカウント専用です。医療機関の契約は GET /api/v1/contracts で一覧できます。")
    }
    var out: [PartnerContractDTO] = []
    for c in try await req.sharedContracts(user) {
      let states = try await APIReads.itemStates(req.db, engine: req.engine, contract: c)
      out.append(
        .init(
          id: c.id!, title: c.title, kind: c.kind.rawValue,
          waitingForVendor: states.filter { $0.1.waitingFor.contains(.vendor) }.count))
    }
    return out
  }

  func overview(req: Request) async throws -> ExchangeDTO {
    let p = try await req.participant()
    let states = try await APIReads.itemStates(req.db, engine: req.engine, contract: p.contract)
    return ExchangeDTO(
      contractId: p.contract.id!, contractTitle: p.contract.title, side: p.side.rawValue,
      items: states.map { Self.dto($0.0, $0.1, $0.2) })
  }

  private func findItem(_ req: Request, _ p: Participant) async throws -> ChecklistItem {
    let itemID = req.parameters.get("item") ?? ""
    let (catalog, _) = try await Checklists.catalog(
      req.db, engine: req.engine, org: p.contract.organisationID)
    guard let item = Checklists.items(catalog, contract: p.contract).first(where: { $0.id == itemID }) else {
      throw DomainError.notFound("項番 \(itemID): この契約の確認表にない項目です。", field: "item")
    }
    return item
  }

  func item(req: Request) async throws -> ItemDetailDTO {
    let p = try await req.participant()
    let item = try await findItem(req, p)
    return try await detail(req, p, item)
  }

  private func detail(_ req: Request, _ p: Participant, _ item: ChecklistItem) async throws -> ItemDetailDTO {
    let c = p.contract
    let entries = try await ExchangeEntry.query(on: req.db).filter(\.$contractID == c.id!)
      .filter(\.$itemID == item.id).sort(\.$createdAt).all()
    let answer = try await ChecklistAnswer.query(on: req.db).filter(\.$contractID == c.id!)
      .filter(\.$itemID == item.id).first()
    let state = Exchange.state(entries: entries, answer: answer)
    return ItemDetailDTO(
      item: Self.dto(item, state, answer), content: item.content ?? "",
      entries: entries.map {
        EntryDTO(
          id: $0.id!, step: $0.step, side: $0.side.rawValue, by: $0.userName, at: $0.createdAt, text: $0.text,
          attachmentId: $0.attachmentID)
      })
  }

  /// Writes the next step of the exchange (steps 1–4 by the side whose turn it is).
  func post(req: Request) async throws -> Response {
    let p = try await req.participant()
    try p.requireWriter()
    let item = try await findItem(req, p)
    let input = try req.content.decode(EntryInput.self)
    _ = try await Exchange.post(
      on: req.db, contract: p.contract, itemID: item.id, user: p.user, text: input.text ?? "", attachment: nil
    )
    return try await detail(req, p, item).encodeResponse(status: .created, for: req)
  }

  /// Sets 担当 and 合意内容 (step 5, or 対象外 at any time).
  func split(req: Request) async throws -> ItemDetailDTO {
    let p = try await req.participant()
    try p.requireWriter()
    let item = try await findItem(req, p)
    let input = try req.content.decode(SplitInput.self)
    guard let raw = input.owner, let owner = Owner(rawValue: raw), owner != .unset else {
      throw DomainError.invalid(
        "owner",
        "担当は institution（医療機関）/ vendor（事業者）/ joint（共同）/ notApplicable（対象外）のいずれかにしてください（\(input.owner ?? "")）。"
      )
    }
    _ = try await Exchange.setSplit(
      on: req.db, contract: p.contract, itemID: item.id, user: p.user, owner: owner,
      agreed: input.agreed ?? "")
    return try await detail(req, p, item)
  }

  /// This side's confirmation of the split; with both, the item is agreed.
  func confirm(req: Request) async throws -> ItemDetailDTO {
    let p = try await req.participant()
    try p.requireWriter()
    let item = try await findItem(req, p)
    _ = try await Exchange.confirm(
      on: req.db, contract: p.contract, itemID: item.id, user: p.user, today: JapanTime.today())
    return try await detail(req, p, item)
  }

  /// The contract's latest review with the proposals decided so far, as tracked changes: what
  /// the institution proposes to the vendor.
  func redline(req: Request) async throws -> Response {
    let p = try await req.participant()
    guard let rid = p.contract.latestReviewID, let review = try await ReviewRecord.find(rid, on: req.db)
    else {
      throw DomainError.conflict("この契約にはまだ照合結果がありません。契約書をアップロードしてください。")
    }
    return try await APIReads.redline(req, review: review, contract: p.contract)
  }

  struct AttachmentDTO: Content {
    var id: UUID
    var contractId: UUID
    var filename: String
    var format: String
    var size: Int
    var sha256: String
    var side: String
    var by: String
    var at: Date?
  }

  static func dto(_ a: Attachment) -> AttachmentDTO {
    AttachmentDTO(
      id: a.id!, contractId: a.contractID, filename: a.filename, format: a.format, size: a.size,
      sha256: a.sha256,
      side: a.side.rawValue, by: a.userName, at: a.createdAt)
  }

  /// Files either side attached to the contract, newest first.
  func attachments(req: Request) async throws -> [AttachmentDTO] {
    let p = try await req.participant()
    return try await Attachment.query(on: req.db).filter(\.$contractID == p.contract.id!)
      .field(\.$id).field(\.$organisationID).field(\.$contractID).field(\.$filename).field(\.$format)
      .field(\.$size).field(\.$sha256).field(\.$side).field(\.$userID).field(\.$userName).field(\.$createdAt)
      .sort(\.$createdAt, .descending).all().map(Self.dto)
  }

  /// Attaches a file (multipart/form-data, field `file`): .docx, .xlsx, .txt or .pdf that opens.
  func attach(req: Request) async throws -> Response {
    let p = try await req.participant()
    try p.requireWriter()
    struct Form: Content { var file: File }
    guard let form = try? req.content.decode(Form.self), form.file.data.readableBytes > 0 else {
      throw DomainError.invalid("file", "multipart/form-data のフィールド file に添付するファイルを入れて送ってください。")
    }
    let a = try await Attachments.attach(
      req.application, on: req.db, p, filename: form.file.filename, data: Data(buffer: form.file.data))
    return try await Self.dto(a).encodeResponse(status: .created, for: req)
  }

  /// One attachment's file, for the contract's participants only.
  func download(req: Request) async throws -> Response {
    guard let id = req.parameters.get("id", as: UUID.self), let a = try await Attachment.find(id, on: req.db)
    else { throw DomainError.notFound() }
    let p = try await req.participant(contractID: a.contractID)
    await req.recordDownload(contract: p.contract, file: a.filename)
    return Downloads.file(a.data, filename: a.filename, type: Attachments.contentType(a.format))
  }

  static func invitationDTO(_ inv: Invitation, now: Date = Date()) -> InvitationDTO {
    InvitationDTO(
      id: inv.id!, contractId: inv.contractID, email: inv.email,
      status: inv.usedAt != nil ? "accepted" : inv.expiresAt <= now ? "expired" : "open",
      expiresAt: inv.expiresAt,
      createdAt: inv.createdAt)
  }

  func invitations(req: Request) async throws -> [InvitationDTO] {
    let c = try await req.owned(Contract.self)
    return try await Invitation.query(on: req.db).filter(\.$contractID == c.id!).sort(
      \.$createdAt, .descending
    )
    .all().map { Self.invitationDTO($0) }
  }

  /// Invites a vendor contact to the contract; the answer carries the link, once.
  func invite(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let c = try await req.owned(Contract.self)
    let input = try req.content.decode(InvitationInput.self)
    let days = input.days ?? Invitations.defaultDays
    guard (1...90).contains(days) else {
      throw DomainError.invalid("days", "有効期間（日数）は1〜90にしてください（\(days)）。")
    }
    let created: (Invitation, token: String)
    do {
      created = try await Invitations.create(
        on: req.db, contract: c, email: input.email ?? "", by: actor.user, days: days)
    } catch let e as Accounts.Problem {
      throw DomainError.invalid("email", e.description)
    }
    let (inv, token) = created
    let link = Invitations.link(base: InvitationController.publicBase(req), token: token)
    let org = try await Organisation.find(actor.orgID, on: req.db)
    let smtp = req.settings.smtp
    let delivery = await Invitations.mail(
      smtp, to: inv.email, link: link, organisation: org?.name ?? "", contract: c.title,
      expires: inv.expiresAt, logger: req.logger)
    var dto = Self.invitationDTO(inv)
    dto.link = link
    switch delivery {
    case .sent: dto.mail = "sent"
    case .notConfigured: dto.mail = "notConfigured"
    case .failed: dto.mail = "failed"
    }
    return try await dto.encodeResponse(status: .created, for: req)
  }
}
