import BunkaiCore
import Fluent
import Vapor

/// What one periodic re-check found (`/contracts/{id}/rechecks/{recheck}`): read by `RecheckQuery`,
/// shown by `recheck.leaf`. The institution's page; the re-check itself is run from the contract's
/// page (`ContractController.recheck`).
struct RecheckController {
  struct FindingRow: Encodable {
    var ruleId: String
    var title: String
    var severity: String
    var severityLabel: String
  }
  struct ElementRow: Encodable {
    var findingTitle: String
    var label: String
    var before: String
    var after: String
  }
  struct ItemRow: Encodable {
    var itemId: String
    var title: String
    var changes: [String]
    var link: String
  }
  struct NoticeRow: Encodable {
    var title: String
    var plannedOn: String
    var decidedAt: String
    var items: [String]
  }
  struct SubcontractorRow: Encodable {
    var name: String
    var approved: Bool
  }
  struct VulnerabilityRow: Encodable {
    var product: String
    var version: String
    var severity: String
    var severityKey: String
  }
  struct UnconfirmedRow: Encodable {
    var itemId: String
    var title: String
    /// Whose confirmation is missing, in words.
    var waiting: String
    var link: String
  }
  struct Context: Encodable {
    var page: Page
    var contractTitle: String
    var contractLink: String
    var vendor: String
    var document: String
    var checkedAt: String
    var checkedBy: String
    var since: String
    var reviewLink: String
    var previousReviewLink: String
    var playbookBefore: String
    var playbookAfter: String
    var playbookChanged: Bool
    var carried: Int
    var appeared: [FindingRow]
    var resolved: [FindingRow]
    var elements: [ElementRow]
    var part2: [ItemRow]
    var notices: [NoticeRow]
    var subcontractors: [SubcontractorRow]
    var vulnerabilities: [VulnerabilityRow]
    var lifeLink: String
    var exchangeLink: String
    var unconfirmed: [UnconfirmedRow]
    var itemCount: Int
    /// Nothing at all changed since the last check.
    var nothingChanged: Bool
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.recheckResult, use: show)
  }

  func show(req: Request) async throws -> View {
    let contract = try await req.owned(Contract.self)
    guard let id = req.parameters.get("recheck", as: UUID.self),
      let q = try await RecheckQuery.load(req.db, engine: req.engine, contract: contract, id: id)
    else { throw Abort(.notFound, reason: "指定されたデータが見つかりません。") }
    let c = q.changes
    let r = q.recheck
    let cid = contract.id!
    let severities = ExchangeItemQuery.severityLabels
    func finding(_ f: Rechecks.Changes.FindingRef) -> FindingRow {
      FindingRow(
        ruleId: f.ruleId, title: f.title, severity: f.severity,
        severityLabel: severities[f.severity] ?? f.severity)
    }
    let nothing =
      r.playbookBefore == r.playbookAfter && c.findingsAppeared.isEmpty && c.findingsResolved.isEmpty
      && c.elementsChanged.isEmpty && c.part2Changed.isEmpty && c.changeNoticesApproved.isEmpty
      && c.subcontractorsAdded.isEmpty && c.vulnerabilitiesAdded.isEmpty
    let context = Context(
      page: try await req.page("定期の見直し: \(q.contractTitle)", nav: "contracts"),
      contractTitle: q.contractTitle, contractLink: Paths.contract(cid), vendor: q.vendor,
      document: "第\(q.version)版 \(q.filename)", checkedAt: Format.dateTime(r.createdAt),
      checkedBy: r.userName,
      since: Format.dateTime(r.since), reviewLink: Paths.review(r.reviewID),
      previousReviewLink: Paths.review(r.previousReviewID), playbookBefore: r.playbookBefore,
      playbookAfter: r.playbookAfter, playbookChanged: r.playbookBefore != r.playbookAfter,
      carried: c.carriedDecisions, appeared: c.findingsAppeared.map(finding),
      resolved: c.findingsResolved.map(finding),
      elements: c.elementsChanged.map {
        ElementRow(
          findingTitle: $0.findingTitle, label: $0.label, before: Rechecks.statusLabel($0.before),
          after: Rechecks.statusLabel($0.after))
      },
      part2: c.part2Changed.map {
        ItemRow(
          itemId: $0.itemId, title: $0.title,
          changes: $0.changes.map { Rechecks.ItemEvent(rawValue: $0)?.label ?? $0 },
          link: Paths.exchangeItem(cid, $0.itemId))
      },
      notices: c.changeNoticesApproved.map {
        NoticeRow(
          title: $0.title, plannedOn: $0.plannedOn, decidedAt: Format.dateTime($0.decidedAt),
          items: $0.itemIds)
      },
      subcontractors: c.subcontractorsAdded.map { SubcontractorRow(name: $0.name, approved: $0.approved) },
      vulnerabilities: c.vulnerabilitiesAdded.map {
        VulnerabilityRow(
          product: $0.product, version: $0.version,
          severity: VulnerabilitySeverity(rawValue: $0.severity)?.label ?? $0.severity,
          severityKey: $0.severity)
      },
      lifeLink: Paths.contractLife(cid), exchangeLink: Paths.exchange(cid),
      unconfirmed: q.unconfirmed.map { u in
        let waiting =
          u.institutionConfirmed
          ? "事業者の確認待ち" : u.vendorConfirmed ? "医療機関の確認待ち" : "双方とも未確認"
        return UnconfirmedRow(
          itemId: u.itemId, title: u.title, waiting: waiting, link: Paths.exchangeItem(cid, u.itemId))
      }, itemCount: q.itemCount, nothingChanged: nothing)
    return try await req.render("recheck", context)
  }
}
