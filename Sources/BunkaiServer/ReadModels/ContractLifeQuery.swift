import BunkaiCore
import Fluent
import Foundation

/// What the 「契約後の管理」 page reads of one contract: its change notices, subcontractors and
/// vulnerability consultations, newest first, as the rows the page shows.
enum ContractLifeQuery {
  struct NoticeRow: Encodable, Sendable {
    var id: String
    var title: String
    var details: String
    var affectsSecurity: Bool
    var plannedOn: String
    var noticedOn: String
    var items: [String]
    var period: String
    var periodSource: String
    var deadline: String
    var late: Bool
    var side: String
    var by: String
    var at: String
    var status: String
    var statusKey: String
    var pending: Bool
    var decidedBy: String?
    var decidedAt: String?
    var reason: String?
    var decisionAction: String
  }
  struct SubcontractorRow: Encodable, Sendable {
    var id: String
    var name: String
    var scope: String
    var dataHandled: String
    var equalDuties: Bool
    var inUse: Bool
    var endOn: String?
    var approved: Bool
    var approvedOn: String?
    var approvedBy: String?
    /// In use without the institution's approval.
    var flagged: Bool
    /// Kept in use without approval needs a signed risk acceptance: where it stands.
    var risk: RiskView?
    var side: String
    var by: String
    var approvalAction: String
    /// Registered by the vendor's side: the vendor may edit it too.
    var byVendor: Bool
    var editAction: String
    /// The edit form's name for a refused input (`edit-<id>`).
    var editForm: String
  }
  struct VulnerabilityRow: Encodable, Sendable {
    var id: String
    var product: String
    var version: String
    var advisory: String
    /// The advisory as a link, when it is an http(s) address.
    var advisoryLink: String?
    var severity: String
    var severityKey: String
    var measure: String
    var cost: String
    var side: String
    var by: String
    var at: String
    var decision: String
    var decisionKey: String
    var pending: Bool
    var deferUntil: String?
    var reason: String?
    var decidedBy: String?
    var riskAcceptanceRequired: Bool
    /// Where the required risk acceptance stands (nil when none is required).
    var risk: RiskView?
    var decisionAction: String
  }
  /// Where a record that needs the executive's risk acceptance stands (a declined or deferred high
  /// vulnerability measure, a subcontractor in use without approval), and where to ask for one.
  struct RiskView: Encodable, Sendable {
    /// missing / waiting / accepted / expired.
    var state: String
    var label: String
    /// The request form for this record; empty while one waits or holds.
    var requestLink: String

    init?(_ coverage: RiskCoverage, requestLink: String) {
      switch coverage {
      case .notRequired: return nil
      case .missing:
        (state, label, self.requestLink) = ("missing", "経営層のリスク受容が必要です（まだ申請されていません）", requestLink)
      case .waiting: (state, label, self.requestLink) = ("waiting", "リスク受容の署名待ち", "")
      case .accepted(let until):
        (state, label, self.requestLink) = ("accepted", "経営層がリスクを受容しています（\(until) まで）", "")
      case .expired(let on):
        (state, label, self.requestLink) = ("expired", "リスク受容の期限が切れました（\(on) まで）。改めて申請してください", requestLink)
      }
    }
  }
  struct Result: Sendable {
    var notices: [NoticeRow]
    var subcontractors: [SubcontractorRow]
    var vulnerabilities: [VulnerabilityRow]
    var unapprovedInUse: Int { subcontractors.filter(\.flagged).count }
  }

  static func periodLabel(_ n: ChangeNotice) -> String {
    let p = NoticePeriodLabel.label(amount: n.periodAmount, unit: n.periodUnit)
    if n.periodSource == "contract" {
      return "\(p)まで（契約書\(n.periodArticle.map { "第\($0)条" } ?? "")の定め）"
    }
    return "\(p)まで（組織の既定）"
  }

  static func load(_ db: any Database, contract: Contract, today: String) async throws -> Result {
    let id = contract.id!
    let notices = try await ChangeNotice.query(on: db).filter(\.$organisationID == contract.organisationID)
      .filter(\.$contractID == id).sort(\.$createdAt, .descending).all()
    let subs = try await Subcontractor.query(on: db).filter(\.$organisationID == contract.organisationID)
      .filter(\.$contractID == id).sort(\.$createdAt, .descending).all()
    let vulns = try await VulnerabilityConsultation.query(on: db)
      .filter(\.$organisationID == contract.organisationID).filter(\.$contractID == id)
      .sort(\.$createdAt, .descending).all()
    // The acceptances asked for these records, by record.
    let recordIDs = subs.compactMap(\.id) + vulns.compactMap(\.id)
    let acceptances =
      recordIDs.isEmpty
      ? []
      : try await RiskAcceptance.query(on: db).filter(\.$organisationID == contract.organisationID)
        .filter(\.$subjectID ~~ recordIDs).all()
    var terms: [UUID: [RiskAcceptanceTerm]] = [:]
    for a in acceptances { if let sid = a.subjectID { terms[sid, default: []].append(a.term) } }
    func risk(_ needed: Bool, _ id: UUID, _ link: String) -> RiskView? {
      RiskView(RiskAcceptanceRules.coverage(needed: needed, terms[id] ?? [], today: today), requestLink: link)
    }
    return Result(
      notices: notices.map { n in
        NoticeRow(
          id: n.id!.uuidString, title: n.title, details: n.details, affectsSecurity: n.affectsSecurity,
          plannedOn: n.plannedOn, noticedOn: n.noticedOn, items: n.items, period: periodLabel(n),
          periodSource: n.periodSource, deadline: n.deadline, late: n.late, side: n.side.label,
          by: n.submittedByName, at: Format.dateTime(n.createdAt), status: n.status.label,
          statusKey: n.status.rawValue, pending: n.status == .pending, decidedBy: n.decidedByName,
          decidedAt: n.decidedAt.map { Format.dateTime($0) }, reason: n.decisionReason,
          decisionAction: Paths.changeNoticeDecision(id, n.id!))
      },
      subcontractors: subs.map { s in
        SubcontractorRow(
          id: s.id!.uuidString, name: s.name, scope: s.scope, dataHandled: s.dataHandled,
          equalDuties: s.equalDuties, inUse: s.inUse, endOn: s.endOn, approved: s.approvedOn != nil,
          approvedOn: s.approvedOn, approvedBy: s.approvedBy, flagged: s.unapprovedInUse(today: today),
          risk: risk(s.unapprovedInUse(today: today), s.id!, Paths.newRiskAcceptance(subcontractor: s.id!)),
          side: s.side.label, by: s.submittedByName, approvalAction: Paths.subcontractorApproval(id, s.id!),
          byVendor: s.side == .vendor, editAction: Paths.subcontractor(id, s.id!),
          editForm: "edit-\(s.id!.uuidString)")
      },
      vulnerabilities: vulns.map { v in
        let lower = v.advisory.lowercased()
        return VulnerabilityRow(
          id: v.id!.uuidString, product: v.product, version: v.version, advisory: v.advisory,
          advisoryLink: lower.hasPrefix("https://") || lower.hasPrefix("http://") ? v.advisory : nil,
          severity: v.severity.label, severityKey: v.severity.rawValue, measure: v.measure, cost: v.cost,
          side: v.side.label, by: v.submittedByName, at: Format.dateTime(v.createdAt),
          decision: v.decision.label,
          decisionKey: v.decision.rawValue, pending: v.decision == .pending, deferUntil: v.deferUntil,
          reason: v.decisionReason, decidedBy: v.decidedByName,
          riskAcceptanceRequired: v.riskAcceptanceRequired,
          risk: risk(v.riskAcceptanceRequired, v.id!, Paths.newRiskAcceptance(vulnerability: v.id!)),
          decisionAction: Paths.vulnerabilityDecision(id, v.id!))
      })
  }

  /// Subcontractors of the contract in use without approval (the contract page's flag).
  static func unapprovedInUse(_ db: any Database, contract: Contract, today: String) async throws -> Int {
    try await Subcontractor.query(on: db).filter(\.$organisationID == contract.organisationID)
      .filter(\.$contractID == contract.id!).filter(\.$approvedOn == nil).filter(\.$inUse == true).all()
      .filter { $0.unapprovedInUse(today: today) }.count
  }
}

/// A stored period (amount and unit) in words.
enum NoticePeriodLabel {
  static func label(amount: Int, unit: String) -> String {
    guard let u = NoticePeriod.Unit(rawValue: unit) else { return "\(amount)日前" }
    return NoticePeriod(amount: amount, unit: u).label
  }
}
