import BunkaiCore
import Fluent
import Vapor

/// `/api/v1/risk-acceptances`: staff ask for an executive's risk acceptance, an executive who did
/// not ask signs it, everyone of the institution lists them (docs/api.md).
struct APIRiskAcceptancesController {
  struct SubjectDTO: Content {
    var kind: String
    var title: String
    var reviewId: UUID?
    var finding: Int?
    var contractId: UUID?
    var itemId: String?
    var id: UUID?
  }
  struct AcceptanceDTO: Content {
    var id: UUID
    var subject: SubjectDTO
    var risk: String
    var reason: String
    var measures: String
    var owner: String
    var expiresOn: String
    /// requested | signed | expired (signed, but past `expiresOn` in Japan time).
    var status: String
    var requestedBy: String
    var requestedAt: Date
    var signedBy: String?
    var signedAt: Date?

    init(_ a: RiskAcceptance, today: String) {
      id = a.id!
      subject = SubjectDTO(
        kind: a.subjectKind.rawValue, title: a.subjectTitle,
        reviewId: a.subjectKind == .finding ? a.reviewID : nil,
        finding: a.subjectKind == .finding ? a.findingIndex.map { $0 + 1 } : nil,
        contractId: a.contractID, itemId: a.itemID,
        id: a.subjectKind == .vulnerability || a.subjectKind == .subcontractor ? a.subjectID : nil)
      risk = a.risk
      reason = a.reason
      measures = a.measures
      owner = a.owner
      expiresOn = a.expiresOn
      status = a.status(today: today).rawValue
      requestedBy = a.requestedByName
      requestedAt = a.requestedAt
      signedBy = a.signedByName
      signedAt = a.signedAt
    }
  }

  func register(_ api: any RoutesBuilder) {
    api.get(APIRoute.riskAcceptances, use: list)
    api.post(APIRoute.riskAcceptances, use: create)
    api.post(APIRoute.signRiskAcceptance, use: sign)
  }

  func list(req: Request) async throws -> [AcceptanceDTO] {
    let actor = try req.actor
    let today = JapanTime.today()
    return try await RiskAcceptances.all(on: req.db, org: actor.orgID).map { AcceptanceDTO($0, today: today) }
  }

  func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let input = try req.content.decode(RiskAcceptances.Input.self)
    let today = JapanTime.today()
    let a = try await RiskAcceptances.request(
      on: req.db, engine: req.engine, actor: actor, input, today: today)
    return try await AcceptanceDTO(a, today: today).encodeResponse(status: .created, for: req)
  }

  func sign(req: Request) async throws -> AcceptanceDTO {
    let actor = try req.actor
    let a = try await req.owned(RiskAcceptance.self)
    let today = JapanTime.today()
    return AcceptanceDTO(
      try await RiskAcceptances.sign(on: req.db, actor: actor, a, today: today), today: today)
  }
}
