import BunkaiCore
import Fluent
import Foundation
import Vapor

/// What the responsibility map reads of one organisation, in eight queries whatever its size (no
/// query per contract or per cell): the catalogue in force, systems, vendors, contracts, the links
/// between contracts and systems, the document versions (number and time, not the bytes), every
/// Part2 answer, and the findings of each contract's latest review. `ResponsibilityMap.derive` does the rest.
package enum ResponsibilityQuery {
  /// The stored review JSON, only as far as the map needs it (the rest is skipped).
  struct StoredFindings: Decodable {
    struct Finding: Decodable {
      struct Element: Decodable {
        var label: String
        var status: String
      }
      var ruleId: String
      var title: String
      var severity: String
      var status: String
      var checklistItems: [String]
      var elements: [Element]?
    }
    var findings: [Finding]
  }

  package static func input(_ db: any Database, engine: Engine, org: UUID) async throws
    -> ResponsibilityMap.Input
  {
    let (catalog, _) = try await Checklists.catalog(db, engine: engine, org: org)
    let items = catalog.items.filter { $0.part == 2 }.map {
      ResponsibilityMap.Item(id: $0.id, section: $0.section ?? "A", title: $0.displayTitle)
    }
    let systems = try await MedicalSystem.query(on: db).filter(\.$organisationID == org)
      .field(\.$id).field(\.$organisationID).field(\.$name).sort(\.$name).all()
    let vendors = try await Vendor.query(on: db).filter(\.$organisationID == org)
      .field(\.$id).field(\.$organisationID).field(\.$name).all()
    let vendorNames = Dictionary(vendors.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    let contracts = try await Contract.query(on: db).filter(\.$organisationID == org)
      .field(\.$id).field(\.$organisationID).field(\.$vendorID).field(\.$title).field(\.$kind).field(
        \.$status
      )
      .field(\.$latestReviewID).sort(\.$title).all()
    let links = try await ContractSystem.query(on: db)
      .join(Contract.self, on: \ContractSystem.$contractID == \Contract.$id)
      .filter(Contract.self, \.$organisationID == org).all()
    let systemsByContract = Dictionary(grouping: links, by: \.contractID).mapValues {
      $0.map(\.systemID.uuidString)
    }
    // Every version's number and time (not its bytes); the highest version is the current one.
    let documents = try await ContractDocument.query(on: db).filter(\.$organisationID == org)
      .field(\.$id).field(\.$organisationID).field(\.$contractID).field(\.$version).field(\.$createdAt).all()
    var current: [UUID: ContractDocument] = [:]
    for d in documents where d.version > (current[d.contractID]?.version ?? 0) { current[d.contractID] = d }
    let answers = try await ChecklistAnswer.query(on: db).filter(\.$organisationID == org)
      .filter(\.$contractID != nil).all()
    var answersByContract: [UUID: [String: ResponsibilityMap.Answer]] = [:]
    for a in answers {
      guard let contract = a.contractID else { continue }
      answersByContract[contract, default: [:]][a.itemID] = ResponsibilityMap.Answer(
        owner: ResponsibilityMap.Owner(rawValue: a.owner.rawValue) ?? .unset, agreed: a.agreed,
        institutionConfirmedAt: a.institutionConfirmedAt, vendorConfirmedAt: a.vendorConfirmedAt)
    }
    let reviewIDs = contracts.compactMap(\.latestReviewID)
    let reviews =
      reviewIDs.isEmpty
      ? []
      : try await ReviewRecord.query(on: db).filter(\.$id ~~ reviewIDs).filter(\.$organisationID == org)
        .field(\.$id).field(\.$organisationID).field(\.$contractID).field(\.$resultJSON).all()
    var findingsByContract: [UUID: [ResponsibilityMap.Finding]] = [:]
    for r in reviews {
      // A review that cannot be read leaves the contract without findings rather than the map
      // without a page.
      guard let stored = try? JSONDecoder().decode(StoredFindings.self, from: Data(r.resultJSON.utf8)) else {
        continue
      }
      findingsByContract[r.contractID] = stored.findings.enumerated().map { n, f in
        ResponsibilityMap.Finding(
          reviewId: r.id!.uuidString, number: n + 1, ruleId: f.ruleId, title: f.title, severity: f.severity,
          status: f.status, checklistItems: f.checklistItems,
          contradicted: (f.elements ?? []).filter { $0.status == "contradicted" }.map(\.label))
      }
    }
    let mapped = contracts.map { c in
      let id = c.id!
      return ResponsibilityMap.Contract(
        id: id.uuidString, title: c.title, vendorId: c.vendorID.uuidString,
        vendorName: vendorNames[c.vendorID] ?? "",
        status: ResponsibilityMap.ContractStatus(rawValue: c.status.rawValue) ?? .draft,
        systemIds: systemsByContract[id] ?? [], sections: Set(c.kind.sections),
        documentVersion: current[id]?.version, documentUploadedAt: current[id]?.createdAt,
        answers: answersByContract[id] ?? [:],
        findings: c.latestReviewID == nil ? [] : findingsByContract[id] ?? [])
    }
    return ResponsibilityMap.Input(
      systems: systems.map { .init(id: $0.id!.uuidString, name: $0.name) }, items: items, contracts: mapped,
      changes: try await approvedChanges(db, org: org))
  }

  /// Approved change notices: an agreement confirmed before one that touched its item is stale.
  static func approvedChanges(_ db: any Database, org: UUID) async throws -> [ResponsibilityMap.Change] {
    try await ChangeNotice.query(on: db).filter(\.$organisationID == org).filter(\.$status == .approved).all()
      .compactMap { n in
        guard let at = n.decidedAt else { return nil }
        return ResponsibilityMap.Change(
          contractId: n.contractID.uuidString, itemIds: n.itemIDs.split(separator: ",").map(String.init),
          at: at,
          label: "変更の通知（\(n.title)）")
      }
  }

  /// The map of the organisation, kept in the page cache until its next change (the page, the
  /// export and the API share it).
  static func map(_ req: Request, org: UUID) async throws -> ResponsibilityMap.Result {
    try await req.cachedPage("responsibilities-map", org: org) {
      ResponsibilityMap.derive(try await input(req.db, engine: req.engine, org: org))
    }
  }
}
