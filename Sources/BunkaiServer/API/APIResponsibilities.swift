import BunkaiCore
import Vapor

/// `GET /api/v1/responsibilities`: the responsibility map as JSON (docs/api.md), the same map the
/// page shows.
struct APIResponsibilitiesController {
  struct SystemDTO: Content {
    var id: String
    var name: String
  }
  struct ItemDTO: Content {
    var id: String
    var title: String
  }
  struct HolderDTO: Content {
    var side: String
    var vendorId: String?
    var contractId: String
  }
  struct AnswerDTO: Content {
    var owner: String
    var agreed: String
    var agreedByBoth: Bool
    var institutionConfirmedAt: Date?
    var vendorConfirmedAt: Date?
  }
  struct FindingDTO: Content {
    var reviewId: String
    /// 1-based, as in decisions.
    var finding: Int
    var ruleId: String
    var title: String
    var severity: String
    var status: String
    var contradicted: [String]
    /// The finding makes a vendor's holding a conflict (clause missing or contradicted).
    var conflicts: Bool
  }
  struct EvidenceDTO: Content {
    var contractId: String
    var contractTitle: String
    var vendorId: String
    var vendorName: String
    var itemId: String
    var documentVersion: Int?
    var documentUploadedAt: Date?
    var answer: AnswerDTO?
    var findings: [FindingDTO]
  }
  struct CellDTO: Content {
    var systemId: String
    var itemId: String
    var state: String
    var states: [String]
    var holders: [HolderDTO]
    var evidence: [EvidenceDTO]
  }
  struct FlagDTO: Content {
    var kind: String
    var severity: String
    var systemId: String
    var itemId: String?
    var contractIds: [String]
    var vendorIds: [String]
    var reviewId: String?
    var message: String
    var nextStep: String
  }
  struct MapDTO: Content {
    var systems: [SystemDTO]
    var items: [ItemDTO]
    var cells: [CellDTO]
    var flags: [FlagDTO]
  }

  func register(_ api: any RoutesBuilder) {
    api.get(APIRoute.responsibilities, use: get)
  }

  func get(req: Request) async throws -> MapDTO {
    let actor = try req.actor
    return Self.dto(try await ResponsibilityQuery.map(req, org: actor.orgID))
  }

  static func dto(_ map: ResponsibilityMap.Result) -> MapDTO {
    MapDTO(
      systems: map.systems.map { SystemDTO(id: $0.id, name: $0.name) },
      items: map.items.map { ItemDTO(id: $0.id, title: $0.title) },
      cells: map.cells.map { cell in
        CellDTO(
          systemId: cell.systemId, itemId: cell.itemId, state: cell.state.rawValue,
          states: cell.states.map(\.rawValue),
          holders: cell.holders.map {
            HolderDTO(side: $0.side.rawValue, vendorId: $0.vendorId, contractId: $0.contractId)
          },
          evidence: cell.evidence.map { e in
            EvidenceDTO(
              contractId: e.contractId, contractTitle: e.contractTitle, vendorId: e.vendorId,
              vendorName: e.vendorName, itemId: e.itemId, documentVersion: e.documentVersion,
              documentUploadedAt: e.documentUploadedAt,
              answer: e.answer.map {
                AnswerDTO(
                  owner: $0.owner.rawValue, agreed: $0.agreed, agreedByBoth: $0.isAgreed,
                  institutionConfirmedAt: $0.institutionConfirmedAt, vendorConfirmedAt: $0.vendorConfirmedAt)
              },
              findings: e.findings.map {
                FindingDTO(
                  reviewId: $0.reviewId, finding: $0.number, ruleId: $0.ruleId, title: $0.title,
                  severity: $0.severity, status: $0.status, contradicted: $0.contradicted,
                  conflicts: $0.contradictsHolding)
              })
          })
      },
      flags: map.flags.map {
        FlagDTO(
          kind: $0.kind.rawValue, severity: $0.severity.rawValue, systemId: $0.systemId, itemId: $0.itemId,
          contractIds: $0.contractIds, vendorIds: $0.vendorIds, reviewId: $0.reviewId, message: $0.message,
          nextStep: $0.nextStep)
      })
  }
}
