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

    init(_ d: Decision) {
      finding = d.findingIndex + 1
      ruleId = d.ruleID
      kind = d.kind.rawValue
      wording = d.wording
      reason = d.reason
      by = d.userName
      at = d.createdAt
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
    api.get("contracts", use: listContracts)
    api.post("contracts", use: createContract)
    api.get("contracts", ":id", use: getContract)
    api.on(.POST, "contracts", ":id", "documents", body: .collect(maxSize: "25mb"), use: upload)
    api.get("reviews", ":id", use: getReview)
    api.post("reviews", ":id", "decisions", use: decide)
    api.get("contracts", ":id", "checklist", use: getChecklist)
    api.put("contracts", ":id", "checklist", use: putChecklist)
    for ext in ["docx", "xlsx"] {
      api.get("contracts", ":id", "annex.\(ext)") { req in
        try await ExchangeController.annexResponse(
          req, contract: try await req.owned(Contract.self), ext: ext)
      }
    }
    api.get("reviews", ":id", "redline.docx", use: ReviewController().redline)
    api.get("reviews", ":id", "memo.docx") { try await ReviewController().memo(req: $0, ext: "docx") }
    api.get("reviews", ":id", "memo.md") { try await ReviewController().memo(req: $0, ext: "md") }
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
    let contracts = try await Contract.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(
      \.$title
    ).all()
    let links = try await systems(req, contracts.map { $0.id! })
    return contracts.map { Self.dto($0, systems: links[$0.id!] ?? []) }
  }

  func createContract(req: Request) async throws -> Response {
    try req.actor.requireEditor()
    let input = try req.content.decode(Contracts.Input.self)
    let c = try await Contracts.save(input, contract: nil, req: req)
    let links = try await systems(req, [c.id!])
    return try await Self.dto(c, systems: links[c.id!] ?? []).encodeResponse(status: .created, for: req)
  }

  func getContract(req: Request) async throws -> ContractDTO {
    let c = try await req.owned(Contract.self)
    return Self.dto(c, systems: try await systems(req, [c.id!])[c.id!] ?? [])
  }

  func upload(req: Request) async throws -> Response {
    let c = try await req.owned(Contract.self)
    try req.actor.requireEditor()
    struct Form: Content { var file: File }
    guard let form = try? req.content.decode(Form.self) else {
      throw Abort(.unprocessableEntity, reason: "multipart/form-data のフィールド file に契約書を入れて送ってください。")
    }
    let out = try await Uploads.store(
      req, contract: c, filename: form.file.filename, data: Data(buffer: form.file.data))
    let d = out.document
    let dto = UploadDTO(
      document: DocumentDTO(
        id: d.id!, contractId: d.contractID, version: d.version, filename: d.filename, format: d.format,
        encoding: d.encoding, size: d.size, sha256: d.sha256, uploadedAt: d.createdAt),
      reviewId: out.review.id!,
      findingCount: out.review.highCount + out.review.mediumCount + out.review.lowCount)
    return try await dto.encodeResponse(status: .created, for: req)
  }

  func getReview(req: Request) async throws -> ReviewDTO {
    let r = try await req.owned(ReviewRecord.self)
    let decisions = try await Decision.query(on: req.db).filter(\.$reviewID == r.id!).all()
    let latest = Decisions.latest(decisions).sorted { $0.key < $1.key }.map { DecisionDTO($0.value) }
    return ReviewDTO(
      id: r.id!, contractId: r.contractID, documentId: r.documentID, createdAt: r.createdAt,
      signedOffAt: r.signedOffAt,
      review: try JSONValue.parse(r.resultJSON), decisions: latest)
  }

  func decide(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let r = try await req.owned(ReviewRecord.self)
    let input = try req.content.decode(DecisionInput.self)
    let d = try await ReviewController.record(
      req, actor: actor, review: r, index: input.finding - 1, kind: input.kind, wording: input.wording,
      reason: input.reason, replace: input.replace ?? false)
    return try await DecisionDTO(d).encodeResponse(status: .created, for: req)
  }

  func getChecklist(req: Request) async throws -> ChecklistDTO {
    let c = try await req.owned(Contract.self)
    let (items, answers, coverage, _) = try await ChecklistController.part2Data(req, contract: c)
    return ChecklistDTO(
      contractId: c.id!, firstMeetingOn: c.firstMeetingOn,
      items: items.map { item in
        let a = answers[item.id]
        return AnswerDTO(
          itemId: item.id, title: item.displayTitle, initial: (a?.initial ?? .unanswered).rawValue,
          completedOn: a?.completedOn, owner: (a?.owner ?? .unset).rawValue, agreed: a?.agreed ?? "",
          notes: a?.notes ?? "",
          articles: (a?.articles ?? "").split(separator: ",").map(String.init),
          suggestedArticles: coverage[item.id] ?? [])
      })
  }

  func putChecklist(req: Request) async throws -> ChecklistDTO {
    let actor = try req.actor
    try actor.requireEditor()
    let c = try await req.owned(Contract.self)
    let update = try req.content.decode(ChecklistUpdate.self)
    let meeting = try Contracts.date(update.firstMeetingOn, field: "firstMeetingOn")
    var inputs: [String: Checklists.AnswerInput] = [:]
    for a in update.answers {
      inputs[a.itemId] = .init(
        initial: a.initial, completedOn: a.completedOn, owner: a.owner, agreed: a.agreed, notes: a.notes,
        articles: a.articles?.joined(separator: ","))
    }
    _ = try await Checklists.save(
      req, actor: actor, contract: c, updateMeeting: update.firstMeetingOn != nil, meeting: meeting,
      inputs: inputs)
    return try await getChecklist(req: req)
  }
}
