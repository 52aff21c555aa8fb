import BunkaiCore
import Fluent
import Foundation

/// What a re-check's page and its API read: the re-check as recorded (what changed since the last
/// check, as it stood then), its contract, and the contract's Part2 items not confirmed by both
/// sides now (re-confirming them is the other half of the re-check).
struct RecheckQuery: Sendable {
  struct Unconfirmed: Codable, Sendable {
    var itemId: String
    var title: String
    var institutionConfirmed: Bool
    var vendorConfirmed: Bool
  }

  var recheck: RecheckRecord
  var contractTitle: String
  var vendor: String
  /// The document version the re-check reviewed.
  var version: Int
  var filename: String
  var changes: Rechecks.Changes
  var unconfirmed: [Unconfirmed]
  /// The contract's Part2 items, all of them (to say "n of m").
  var itemCount: Int

  /// The re-check `id` of the contract, in its organisation; nil when there is none.
  static func load(_ db: any Database, engine: Engine, contract: Contract, id: UUID) async throws
    -> RecheckQuery?
  {
    guard
      let r = try await RecheckRecord.query(on: db).filter(\.$id == id).filter(\.$contractID == contract.id!)
        .filter(\.$organisationID == contract.organisationID).first()
    else { return nil }
    var document: ContractDocument?
    if let review = try await ReviewRecord.query(on: db).filter(\.$id == r.reviewID).field(\.$id)
      .field(\.$documentID).first()
    {
      document = try await ContractDocument.query(on: db).filter(\.$id == review.documentID).field(\.$id)
        .field(\.$version).field(\.$filename).first()
    }
    let vendor = try await Vendor.find(contract.vendorID, on: db)
    let items = try await ContractLife.part2Items(db, engine: engine, contract: contract)
    let answers = Dictionary(
      try await ChecklistAnswer.query(on: db).filter(\.$contractID == contract.id!).all().map {
        ($0.itemID, $0)
      },
      uniquingKeysWith: { a, _ in a })
    let unconfirmed = items.compactMap { item -> Unconfirmed? in
      let a = answers[item.id]
      guard a?.isAgreed != true else { return nil }
      return Unconfirmed(
        itemId: item.id, title: item.displayTitle, institutionConfirmed: a?.institutionConfirmedAt != nil,
        vendorConfirmed: a?.vendorConfirmedAt != nil)
    }
    return RecheckQuery(
      recheck: r, contractTitle: contract.title, vendor: vendor?.name ?? "", version: document?.version ?? 0,
      filename: document?.filename ?? "", changes: Rechecks.Changes.decode(r.changesJSON),
      unconfirmed: unconfirmed, itemCount: items.count)
  }

  /// The contract's re-checks, newest first (the contract page's list).
  static func list(_ db: any Database, contract: UUID) async throws -> [RecheckRecord] {
    try await RecheckRecord.query(on: db).filter(\.$contractID == contract).field(\.$id).field(
      \.$organisationID
    )
    .field(\.$contractID).field(\.$userName).field(\.$createdAt).field(\.$playbookBefore)
    .field(\.$playbookAfter).sort(\.$createdAt, .descending).all()
  }
}
