import BunkaiCore
import Fluent
import Vapor

/// The periodic re-check through the API: `POST /api/v1/contracts/{id}/recheck` runs it (the
/// institution's admins and staff: 403 for a vendor's or an executive's token) and answers what
/// changed since the last check; `GET /api/v1/contracts/{id}/rechecks/{recheckId}` reads one again.
struct APIRechecksController {
  // What changed is answered as the re-check recorded it: the API's shape is the stored record's
  // (`Rechecks.Changes`), field for field, so the two cannot drift apart.
  typealias FindingDTO = Rechecks.Changes.FindingRef
  typealias ElementDTO = Rechecks.Changes.ElementChange
  typealias ItemDTO = Rechecks.Changes.ItemChange
  typealias NoticeDTO = Rechecks.Changes.NoticeRef
  typealias SubcontractorDTO = Rechecks.Changes.SubcontractorRef
  typealias VulnerabilityDTO = Rechecks.Changes.VulnerabilityRef
  struct PlaybookDTO: Content {
    var before: String
    var after: String
    var changed: Bool
  }
  typealias UnconfirmedDTO = RecheckQuery.Unconfirmed
  struct RecheckDTO: Content {
    var id: UUID
    var contractId: UUID
    var checkedAt: Date?
    var checkedBy: String
    /// The last check the changes are counted from (the previous review's time).
    var since: Date?
    var previousReviewId: UUID
    var reviewId: UUID
    var documentVersion: Int
    var playbook: PlaybookDTO
    var carriedDecisions: Int
    var findingsAppeared: [FindingDTO]
    var findingsResolved: [FindingDTO]
    var elementsChanged: [ElementDTO]
    var part2Changed: [ItemDTO]
    var changeNoticesApproved: [NoticeDTO]
    var subcontractorsAdded: [SubcontractorDTO]
    var vulnerabilitiesAdded: [VulnerabilityDTO]
    /// The contract's Part2 items not confirmed by both sides now.
    var part2Unconfirmed: [UnconfirmedDTO]
  }

  func register(_ api: any RoutesBuilder) {
    api.post(APIRoute.recheck, use: run)
    api.get(APIRoute.recheckResult, use: get)
  }

  static func dto(_ q: RecheckQuery) -> RecheckDTO {
    let r = q.recheck
    let c = q.changes
    return RecheckDTO(
      id: r.id!, contractId: r.contractID, checkedAt: r.createdAt, checkedBy: r.userName, since: r.since,
      previousReviewId: r.previousReviewID, reviewId: r.reviewID, documentVersion: q.version,
      playbook: PlaybookDTO(
        before: r.playbookBefore, after: r.playbookAfter, changed: r.playbookBefore != r.playbookAfter),
      carriedDecisions: c.carriedDecisions, findingsAppeared: c.findingsAppeared,
      findingsResolved: c.findingsResolved, elementsChanged: c.elementsChanged, part2Changed: c.part2Changed,
      changeNoticesApproved: c.changeNoticesApproved, subcontractorsAdded: c.subcontractorsAdded,
      vulnerabilitiesAdded: c.vulnerabilitiesAdded, part2Unconfirmed: q.unconfirmed)
  }

  func run(req: Request) async throws -> Response {
    let contract = try await req.owned(Contract.self)
    let outcome = try await Rechecks.run(
      req.application, on: req.db, actor: try req.actor, contract: contract)
    guard
      let q = try await RecheckQuery.load(
        req.db, engine: req.engine, contract: contract, id: outcome.recheck.id!)
    else { throw Abort(.internalServerError) }
    return try await Self.dto(q).encodeResponse(status: .created, for: req)
  }

  func get(req: Request) async throws -> RecheckDTO {
    let contract = try await req.owned(Contract.self)
    guard let id = req.parameters.get("recheck", as: UUID.self),
      let q = try await RecheckQuery.load(req.db, engine: req.engine, contract: contract, id: id)
    else { throw DomainError.notFound() }
    return Self.dto(q)
  }
}
