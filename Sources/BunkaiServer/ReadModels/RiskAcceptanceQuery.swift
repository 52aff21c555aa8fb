import BunkaiCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// What the risk acceptance pages read: every acceptance of the organisation with its contract's
/// title and vendor, and for the board summary each contract's standing (DashboardQuery's rows).
enum RiskAcceptanceQuery {
  struct Listing: Sendable {
    var acceptances: [RiskAcceptance]
    /// Contract id → (title, vendor name).
    var contracts: [UUID: (title: String, vendor: String)]
  }

  static func listing(_ db: any Database, org: UUID) async throws -> Listing {
    let acceptances = try await RiskAcceptances.all(on: db, org: org)
    let sql = db as! any SQLDatabase
    struct Row: Decodable {
      var id: String
      var title: String
      var vendor: String
    }
    let rows = try await sql.raw(
      """
      SELECT CAST(c.id AS TEXT) AS id, c.title, v.name AS vendor FROM contracts c
      JOIN vendors v ON v.id = c.vendor_id WHERE c.organisation_id = \(bind: org)
      """
    ).all(decoding: Row.self)
    var contracts: [UUID: (title: String, vendor: String)] = [:]
    for r in rows { if let id = UUID(uuidString: r.id) { contracts[id] = (r.title, r.vendor) } }
    return Listing(acceptances: acceptances, contracts: contracts)
  }

  /// Acceptances of the same subject: a new one for it (an extension) supersedes the older ones.
  static func subjectKey(_ a: RiskAcceptance) -> String {
    [
      a.subjectKind.rawValue, a.reviewID?.uuidString ?? "", a.findingIndex.map(String.init) ?? "",
      a.contractID?.uuidString ?? "", a.itemID ?? "", a.subjectID?.uuidString ?? "",
    ].joined(separator: "|")
  }

  /// Signed acceptances that expire within 30 days or have expired, and that no newer
  /// acceptance of the same subject replaces (asked for or signed after them).
  static func due(_ all: [RiskAcceptance], today: String) -> [RiskAcceptance] {
    let bySubject = Dictionary(grouping: all, by: subjectKey)
    return all.filter { a in
      guard RiskAcceptanceRules.isDue(a.term, today: today) else { return false }
      let newer = (bySubject[subjectKey(a)] ?? []).contains { $0.requestedAt > a.requestedAt }
      return !newer
    }.sorted { $0.expiresOn < $1.expiresOn }
  }

  /// "Gaps on the map" for the executive page: duties nobody holds for a system in use. The
  /// responsibility map (issue 10 §1) fills this from its own read model; until it lands the
  /// executive page shows the section with nothing in it.
  struct Gap: Sendable {
    var system: String
    var item: String
    var nextStep: String
    var link: String
  }

  /// The map's gaps, grouped per system and contract as the map page lists them.
  static func gaps(_ req: Request, org: UUID) async throws -> [Gap] {
    let map = try await ResponsibilityQuery.map(req, org: org)
    let system = Dictionary(map.systems.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let item = Dictionary(map.items.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    return ResponsibilityMap.grouped(
      map.flags.filter { $0.kind == .gap }, systems: map.systems, items: map.items
    )
    .map { g in
      Gap(
        system: system[g.systemId] ?? "",
        item: g.itemIds.isEmpty
          ? "このシステムを対象とする契約がありません" : g.itemIds.map { item[$0] ?? $0 }.joined(separator: "、"),
        nextStep: g.nextStep, link: g.contractIds.first.map(Paths.contract) ?? Paths.responsibilities)
    }
  }
}
