import BunkaiCore
import Fluent
import Vapor

/// JSON API under /api/v1 (docs/api.md). Bearer tokens; responses are DTOs, errors are JSON.
struct APIController {
  struct ContractDTO: Content {
    var id: UUID
    var title: String
    var vendorId: UUID
    var kind: String
    var status: String
    var startDate: String?
    var endDate: String?
    var autoRenewal: Bool
    var noticeDeadline: String?
    var firstMeetingOn: String?
    var systemIds: [UUID]
    var latestReviewId: UUID?
    var openFindings: OpenDTO

    struct OpenDTO: Content {
      var high: Int
      var medium: Int
      var low: Int
    }
  }
  struct DocumentDTO: Content {
    var id: UUID
    var contractId: UUID
    var version: Int
    var filename: String
    var format: String
    var encoding: String
    var size: Int
    var sha256: String
    var uploadedAt: Date?
  }
  struct UploadDTO: Content {
    var document: DocumentDTO
    var reviewId: UUID
    var findingCount: Int
  }
  struct DecisionDTO: Content {
    var finding: Int
    var ruleId: String
    var kind: String
    var wording: String
    var reason: String
    var by: String
    var at: Date?
    /// The previous version's review the decision was carried over from; omitted otherwise.
    var carriedFrom: UUID?

    init(_ d: Decision) {
      finding = d.findingIndex + 1
      ruleId = d.ruleID
      kind = d.kind.rawValue
      wording = d.wording
      reason = d.reason
      by = d.userName
      at = d.createdAt
      carriedFrom = d.carriedFrom
    }
  }
  /// The comparison of a review with the previous document version's review.
  struct ComparisonDTO: Content {
    var previousReviewId: UUID
    var articles: [ArticleChangeDTO]
    var findingsAppeared: [String]
    var findingsResolved: [String]

    init(_ s: Carryover.Stored) {
      previousReviewId = s.previousReviewId
      articles = s.rows.map {
        ArticleChangeDTO(number: $0.number, previousNumber: $0.previousNumber, change: $0.change.rawValue)
      }
      findingsAppeared = s.findingsAppeared
      findingsResolved = s.findingsResolved
    }
  }
  struct ArticleChangeDTO: Content {
    /// null for a removed article.
    var number: String?
    /// null for an added article.
    var previousNumber: String?
    var change: String

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(number, forKey: .number)
      try c.encode(previousNumber, forKey: .previousNumber)
      try c.encode(change, forKey: .change)
    }
  }
  struct ReviewDTO: Content {
    var id: UUID
    var contractId: UUID
    var documentId: UUID
    var createdAt: Date?
    var signedOffAt: Date?
    /// The engine's review JSON (docs/review-json.md), as stored.
    var review: JSONValue
    /// Current decision per finding (`finding` is 1-based, in the order of `review.findings`).
    var decisions: [DecisionDTO]
    /// The review of the contract's next document version, when there is one.
    var supersededBy: UUID?
    /// The sign-off was given on a version that a newer one has replaced.
    var signOffStale: Bool
    /// The comparison with the previous version's review; null for a first version.
    var comparison: ComparisonDTO?
    /// Findings still open: undecided, "later", or "not needed" on high without a signed,
    /// unexpired risk acceptance. Sign-off returns them too: what the executive approved with.
    var openFindings: [RiskAcceptances.OpenFinding]

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(contractId, forKey: .contractId)
      try c.encode(documentId, forKey: .documentId)
      try c.encodeIfPresent(createdAt, forKey: .createdAt)
      try c.encodeIfPresent(signedOffAt, forKey: .signedOffAt)
      try c.encode(review, forKey: .review)
      try c.encode(decisions, forKey: .decisions)
      try c.encodeIfPresent(supersededBy, forKey: .supersededBy)
      try c.encode(signOffStale, forKey: .signOffStale)
      try c.encode(comparison, forKey: .comparison)
      try c.encode(openFindings, forKey: .openFindings)
    }
  }
  struct AnswerDTO: Content {
    var itemId: String
    var title: String
    var initial: String
    var completedOn: String?
    var owner: String
    var agreed: String
    var notes: String
    var articles: [String]
    var suggestedArticles: [String]
  }
  struct ChecklistDTO: Content {
    var contractId: UUID
    var firstMeetingOn: String?
    var items: [AnswerDTO]
  }
  struct ChecklistUpdate: Content {
    var firstMeetingOn: String?
    var answers: [Answer]
    struct Answer: Content {
      var itemId: String
      var initial: String?
      var completedOn: String?
      var owner: String?
      var agreed: String?
      var notes: String?
      var articles: [String]?
    }
  }
  struct DecisionInput: Content {
    var finding: Int
    var kind: String
    var wording: String?
    var reason: String?
    /// With proposeEdited: the wording replaces the quoted clause in the redline.
    var replace: Bool?
  }

  func register(_ api: any RoutesBuilder) {
    APIVendorsController().register(api)
    APIExchangeController().register(api)
    APITokensController().register(api)
    APIResponsibilitiesController().register(api)
    APIRiskAcceptancesController().register(api)
    APILifeController().register(api)
    APIRechecksController().register(api)
    api.get(APIRoute.contracts, use: listContracts)
    api.post(APIRoute.contracts, use: createContract)
    api.get(APIRoute.contract, use: getContract)
    api.put(APIRoute.contract, use: updateContract)
    api.get(APIRoute.contractDocuments, use: listDocuments)
    api.on(.POST, APIRoute.contractDocuments, body: .collect(maxSize: "25mb"), use: upload)
    api.get(APIRoute.review, use: getReview)
    api.post(APIRoute.decisions, use: decide)
    api.post(APIRoute.signOff, use: signOff)
    api.get(APIRoute.checklist, use: getChecklist)
    api.put(APIRoute.checklist, use: putChecklist)
    api.get(APIRoute.part1, use: getPart1)
    api.put(APIRoute.part1, use: putPart1)
    api.get(APIRoute.redline) { (req: Request) async throws -> Response in
      let review = try await req.owned(ReviewRecord.self)
      return try await APIReads.redline(
        req, review: review, contract: try await Contract.find(review.contractID, on: req.db))
    }
    for (ext, route) in [("docx", APIRoute.memoDocx), ("md", .memoMarkdown)] {
      api.get(route) { (req: Request) async throws -> Response in
        try await APIReads.memo(req, review: try await req.owned(ReviewRecord.self), ext: ext)
      }
    }
  }

  static func dto(_ c: Contract, systems: [UUID]) -> ContractDTO {
    ContractDTO(
      id: c.id!, title: c.title, vendorId: c.vendorID, kind: c.kind.rawValue, status: c.status.rawValue,
      startDate: c.startDate, endDate: c.endDate, autoRenewal: c.autoRenewal,
      noticeDeadline: c.noticeDeadline,
      firstMeetingOn: c.firstMeetingOn, systemIds: systems, latestReviewId: c.latestReviewID,
      openFindings: .init(high: c.openHigh, medium: c.openMedium, low: c.openLow))
  }

  private func systems(_ req: Request, _ ids: [UUID]) async throws -> [UUID: [UUID]] {
    guard !ids.isEmpty else { return [:] }
    let links = try await ContractSystem.query(on: req.db).filter(\.$contractID ~~ ids).all()
    return Dictionary(grouping: links, by: \.contractID).mapValues { $0.map(\.systemID) }
  }

  func listContracts(req: Request) async throws -> [ContractDTO] {
    let actor = try req.actor
    try await RiskAcceptances.refreshExpired(on: req.db, org: actor.orgID, today: JapanTime.today())
    let contracts = try await Contract.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(
      \.$title
    ).all()
    let links = try await systems(req, contracts.map { $0.id! })
    return contracts.map { Self.dto($0, systems: links[$0.id!] ?? []) }
  }

  func createContract(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let input = try req.content.decode(Contracts.Input.self)
    let c = try await Contracts.save(input, contract: nil, actor: actor, on: req.db)
    let links = try await systems(req, [c.id!])
    return try await Self.dto(c, systems: links[c.id!] ?? []).encodeResponse(status: .created, for: req)
  }

  /// Replaces the contract's values with the ones sent (as the edit form does): a field left out
  /// is cleared, except `vendorId`, `kind` and `status` (kept) and `systemIds` (kept when absent).
  func updateContract(req: Request) async throws -> ContractDTO {
    let actor = try req.actor
    try actor.requireEditor()
    let existing = try await req.owned(Contract.self)
    let input = try req.content.decode(Contracts.Input.self)
    let c = try await Contracts.save(input, contract: existing, actor: actor, on: req.db)
    return Self.dto(c, systems: try await systems(req, [c.id!])[c.id!] ?? [])
  }

  struct DocumentListDTO: Content {
    var document: DocumentDTO
    var reviewId: UUID?
  }

  /// The contract's document versions, newest first, each with its review.
  func listDocuments(req: Request) async throws -> [DocumentListDTO] {
    let c = try await req.owned(Contract.self)
    let docs = try await ContractDocument.query(on: req.db).filter(\.$contractID == c.id!)
      .field(\.$id).field(\.$organisationID).field(\.$contractID).field(\.$version).field(\.$filename)
      .field(\.$format).field(\.$encoding).field(\.$size).field(\.$sha256).field(\.$createdAt)
      .sort(\.$version, .descending).all()
    let reviews = try await ReviewRecord.query(on: req.db).filter(\.$contractID == c.id!)
      .field(\.$id).field(\.$documentID).field(\.$organisationID).field(\.$contractID).all()
    let byDocument = Dictionary(reviews.map { ($0.documentID, $0.id!) }, uniquingKeysWith: { a, _ in a })
    return docs.map { d in
      DocumentListDTO(document: Self.documentDTO(d), reviewId: byDocument[d.id!])
    }
  }

  static func documentDTO(_ d: ContractDocument) -> DocumentDTO {
    DocumentDTO(
      id: d.id!, contractId: d.contractID, version: d.version, filename: d.filename, format: d.format,
      encoding: d.encoding, size: d.size, sha256: d.sha256, uploadedAt: d.createdAt)
  }

  func getContract(req: Request) async throws -> ContractDTO {
    try await RiskAcceptances.refreshExpired(on: req.db, org: try req.actor.orgID, today: JapanTime.today())
    let c = try await req.owned(Contract.self)
    return Self.dto(c, systems: try await systems(req, [c.id!])[c.id!] ?? [])
  }

  func upload(req: Request) async throws -> Response {
    let c = try await req.owned(Contract.self)
    try req.actor.requireEditor()
    struct Form: Content { var file: File }
    let decoded = Result { try req.content.decode(Form.self) }
    if case .failure(let e as CheckedFormDataDecoder.Refused) = decoded { throw e }
    guard let form = try? decoded.get() else {
      throw DomainError.invalid("file", "multipart/form-data のフィールド file に契約書を入れて送ってください。")
    }
    let out = try await Uploads.store(
      req.application, on: req.db, actor: try req.actor, contract: c, filename: form.file.filename,
      data: Data(buffer: form.file.data))
    let d = out.document
    let dto = UploadDTO(
      document: Self.documentDTO(d),
      reviewId: out.review.id!,
      findingCount: out.review.highCount + out.review.mediumCount + out.review.lowCount)
    return try await dto.encodeResponse(status: .created, for: req)
  }

  func getReview(req: Request) async throws -> ReviewDTO {
    let r = try await req.owned(ReviewRecord.self)
    let decisions = try await Decision.query(on: req.db).filter(\.$reviewID == r.id!).all()
    let latest = Decisions.latest(decisions).sorted { $0.key < $1.key }.map { DecisionDTO($0.value) }
    let next = try await Carryover.supersededBy(r, on: req.db)
    let open = RiskAcceptances.openFindings(
      try StoredReview.decode(r.resultJSON), decisions: decisions,
      acceptances: try await RiskAcceptances.forReview(on: req.db, reviewID: r.id!), today: JapanTime.today())
    return ReviewDTO(
      id: r.id!, contractId: r.contractID, documentId: r.documentID, createdAt: r.createdAt,
      signedOffAt: r.signedOffAt,
      review: try JSONValue.parse(r.resultJSON), decisions: latest, supersededBy: next,
      signOffStale: r.signedOffAt != nil && next != nil,
      comparison: Carryover.Stored.decode(r.comparisonJSON).map(ComparisonDTO.init), openFindings: open)
  }

  func decide(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let r = try await req.owned(ReviewRecord.self)
    let input = try req.content.decode(DecisionInput.self)
    let d = try await ReviewDecisions.record(
      on: req.db, actor: actor, review: r,
      .init(
        finding: input.finding, kind: input.kind, wording: input.wording, reason: input.reason,
        replace: input.replace ?? false))
    return try await DecisionDTO(d).encodeResponse(status: .created, for: req)
  }

  /// Approves the review (経営層 only); the answer is the review as `GET` returns it, with the
  /// findings still open listed in `openFindings`.
  func signOff(req: Request) async throws -> ReviewDTO {
    let actor = try req.actor
    let r = try await req.owned(ReviewRecord.self)
    _ = try await ReviewDecisions.signOff(on: req.db, actor: actor, review: r)
    return try await getReview(req: req)
  }

  func getChecklist(req: Request) async throws -> ChecklistDTO {
    let c = try await req.owned(Contract.self)
    let (items, answers, coverage) = try await APIReads.part2(req.db, engine: req.engine, contract: c)
    return ChecklistDTO(
      contractId: c.id!, firstMeetingOn: c.firstMeetingOn,
      items: Self.answerDTOs(items, answers: answers, coverage: coverage))
  }

  func putChecklist(req: Request) async throws -> ChecklistDTO {
    let actor = try req.actor
    try actor.requireEditor()
    let c = try await req.owned(Contract.self)
    let update = try req.content.decode(ChecklistUpdate.self)
    let meeting = try Contracts.date(update.firstMeetingOn, field: "初回確認の日", key: "firstMeetingOn")
    _ = try await Checklists.save(
      on: req.db, engine: req.engine, actor: actor, contract: c, updateMeeting: update.firstMeetingOn != nil,
      meeting: meeting, inputs: Self.inputs(update))
    return try await getChecklist(req: req)
  }

  static func inputs(_ update: ChecklistUpdate) -> [String: Checklists.AnswerInput] {
    var inputs: [String: Checklists.AnswerInput] = [:]
    for a in update.answers {
      inputs[a.itemId] = .init(
        initial: a.initial, completedOn: a.completedOn, owner: a.owner, agreed: a.agreed, notes: a.notes,
        articles: a.articles?.joined(separator: ","))
    }
    return inputs
  }

  static func answerDTOs(
    _ items: [ChecklistItem], answers: [String: ChecklistAnswer], coverage: [String: [String]]
  ) -> [AnswerDTO] {
    items.map { item in
      let a = answers[item.id]
      return AnswerDTO(
        itemId: item.id, title: item.displayTitle, initial: (a?.initial ?? .unanswered).rawValue,
        completedOn: a?.completedOn, owner: (a?.owner ?? .unset).rawValue, agreed: a?.agreed ?? "",
        notes: a?.notes ?? "",
        articles: (a?.articles ?? "").split(separator: ",").map(String.init),
        suggestedArticles: coverage[item.id] ?? [])
    }
  }

  struct Part1DTO: Content {
    /// The organisation's date of the Part1 check.
    var checkedOn: String?
    var items: [AnswerDTO]
  }
  struct Part1Update: Content {
    var checkedOn: String?
    var answers: [ChecklistUpdate.Answer]
  }

  /// 確認表 Part1: the organisation's own items, answered once for the organisation.
  func getPart1(req: Request) async throws -> Part1DTO {
    let actor = try req.actor
    let (catalog, _) = try await Checklists.catalog(req.db, engine: req.engine, org: actor.orgID)
    let answers = try await Checklists.answers(req.db, org: actor.orgID, contractID: nil)
    let org = try await Organisation.find(actor.orgID, on: req.db)
    return Part1DTO(
      checkedOn: org?.part1CheckedOn,
      items: Self.answerDTOs(Checklists.items(catalog, contract: nil), answers: answers, coverage: [:]))
  }

  func putPart1(req: Request) async throws -> Part1DTO {
    let actor = try req.actor
    try actor.requireEditor()
    let update = try req.content.decode(Part1Update.self)
    let checked = try Contracts.date(update.checkedOn, field: "確認日", key: "checkedOn")
    _ = try await Checklists.save(
      on: req.db, engine: req.engine, actor: actor, contract: nil, updateMeeting: update.checkedOn != nil,
      meeting: checked, inputs: Self.inputs(ChecklistUpdate(firstMeetingOn: nil, answers: update.answers)))
    return try await getPart1(req: req)
  }
}
