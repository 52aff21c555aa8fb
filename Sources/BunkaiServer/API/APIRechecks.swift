import BunkaiCore
import Fluent
import Vapor

/// The periodic re-check through the API: `POST /api/v1/contracts/{id}/recheck` runs it (the
/// institution's admins and staff: 403 for a vendor's or an executive's token) and answers what
/// changed since the last check; `GET /api/v1/contracts/{id}/rechecks/{recheckId}` reads one again.
struct APIRechecksController {
  struct FindingDTO: Content {
    var ruleId: String
    var title: String
    var severity: String
  }
  struct ElementDTO: Content {
    var ruleId: String
    var findingTitle: String
    var elementId: String
    var label: String
    var before: String
    var after: String
  }
  struct ItemDTO: Content {
    var itemId: String
    var title: String
    var changes: [String]
  }
  struct NoticeDTO: Content {
    var id: UUID
    var title: String
    var plannedOn: String
    var decidedAt: Date?
    var itemIds: [String]
  }
  struct SubcontractorDTO: Content {
    var id: UUID
    var name: String
    var approved: Bool
  }
  struct VulnerabilityDTO: Content {
    var id: UUID
    var product: String
    var version: String
    var severity: String
  }
  struct PlaybookDTO: Content {
    var before: String
    var after: String
    var changed: Bool
  }
  struct UnconfirmedDTO: Content {
    var itemId: String
    var title: String
    var institutionConfirmed: Bool
    var vendorConfirmed: Bool
  }
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
    api.post("contracts", ":id", "recheck", use: run)
    api.get("contracts", ":id", "rechecks", ":recheck", use: get)
  }

  static func dto(_ q: RecheckQuery) -> RecheckDTO {
    let r = q.recheck
    let c = q.changes
    func finding(_ f: Rechecks.Changes.FindingRef) -> FindingDTO {
      FindingDTO(ruleId: f.ruleId, title: f.title, severity: f.severity)
    }
    return RecheckDTO(
      id: r.id!, contractId: r.contractID, checkedAt: r.createdAt, checkedBy: r.userName, since: r.since,
      previousReviewId: r.previousReviewID, reviewId: r.reviewID, documentVersion: q.version,
      playbook: PlaybookDTO(
        before: r.playbookBefore, after: r.playbookAfter, changed: r.playbookBefore != r.playbookAfter),
      carriedDecisions: c.carriedDecisions, findingsAppeared: c.findingsAppeared.map(finding),
      findingsResolved: c.findingsResolved.map(finding),
      elementsChanged: c.elementsChanged.map {
        ElementDTO(
          ruleId: $0.ruleId, findingTitle: $0.findingTitle, elementId: $0.elementId, label: $0.label,
          before: $0.before, after: $0.after)
      },
      part2Changed: c.part2Changed.map { ItemDTO(itemId: $0.itemId, title: $0.title, changes: $0.changes) },
      changeNoticesApproved: c.changeNoticesApproved.map {
        NoticeDTO(
          id: $0.id, title: $0.title, plannedOn: $0.plannedOn, decidedAt: $0.decidedAt, itemIds: $0.itemIds)
      },
      subcontractorsAdded: c.subcontractorsAdded.map {
        SubcontractorDTO(id: $0.id, name: $0.name, approved: $0.approved)
      },
      vulnerabilitiesAdded: c.vulnerabilitiesAdded.map {
        VulnerabilityDTO(id: $0.id, product: $0.product, version: $0.version, severity: $0.severity)
      },
      part2Unconfirmed: q.unconfirmed.map {
        UnconfirmedDTO(
          itemId: $0.itemId, title: $0.title, institutionConfirmed: $0.institutionConfirmed,
          vendorConfirmed: $0.vendorConfirmed)
      })
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
