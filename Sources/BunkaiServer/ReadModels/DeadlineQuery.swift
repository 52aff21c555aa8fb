import BunkaiCore
import Fluent
import Foundation

/// The deadlines of an organisation's contracts, read once and then cut per user: the institution's
/// people see every contract's, a vendor's people only those of the contracts they were invited to
/// (their links go to the vendor's side of the contract).
struct DeadlineQuery: Sendable {
  struct ContractDates: Sendable {
    var id: UUID
    var title: String
    var vendor: String
    var status: ContractStatus
    var endDate: ISODay?
    var autoRenewal: Bool
    var noticeDeadline: ISODay?
    /// The last time the contract was checked: its newest review, else its start, else its creation.
    var lastCheck: ISODay?
  }

  var contracts: [ContractDates]
  /// Vendor user → the contracts it may see.
  var access: [UUID: Set<UUID>]
  /// Change notices waiting for the institution's decision, due by their planned day.
  var pendingNotices: [(contract: UUID, id: UUID, title: String, planned: ISODay)] = []
  /// Signed risk acceptances, due on their last valid day (the institution's only).
  var acceptances: [(id: UUID, title: String, expires: ISODay)] = []

  static func load(_ db: any Database, org: UUID) async throws -> DeadlineQuery {
    let rows = try await Contract.query(on: db).filter(\.$organisationID == org)
      .filter(\.$status != .ended).all()
    let vendorIDs = Set(rows.map(\.vendorID))
    let vendors = try await Vendor.query(on: db).filter(\.$id ~~ vendorIDs).all()
    let vendorName = Dictionary(vendors.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    let reviewIDs = rows.compactMap(\.latestReviewID)
    let reviews = try await ReviewRecord.query(on: db).filter(\.$id ~~ reviewIDs).field(\.$id)
      .field(\.$createdAt).all()
    let reviewed = Dictionary(reviews.map { ($0.id!, $0.createdAt) }, uniquingKeysWith: { a, _ in a })
    let grants = try await ContractAccess.query(on: db).filter(\.$organisationID == org).all()
    var access: [UUID: Set<UUID>] = [:]
    for g in grants { access[g.userID, default: []].insert(g.contractID) }
    let contracts = rows.map { c in
      let reviewDay = c.latestReviewID.flatMap { reviewed[$0] ?? nil }.map { ISODay(JapanTime.today($0))! }
      return ContractDates(
        id: c.id!, title: c.title, vendor: vendorName[c.vendorID] ?? "", status: c.status,
        endDate: c.endDate.flatMap(ISODay.init), autoRenewal: c.autoRenewal,
        noticeDeadline: c.noticeDeadline.flatMap(ISODay.init),
        lastCheck: reviewDay ?? c.startDate.flatMap(ISODay.init)
          ?? c.createdAt.map { ISODay(JapanTime.today($0))! })
    }
    let notices = try await ChangeNotice.query(on: db).filter(\.$organisationID == org)
      .filter(\.$status == .pending).all()
      .compactMap { n in ISODay(n.plannedOn).map { (n.contractID, n.id!, n.title, $0) } }
    let accepted = try await RiskAcceptance.query(on: db).filter(\.$organisationID == org)
      .filter(\.$signedAt != nil).all()
      .compactMap { a in ISODay(a.expiresOn).map { (a.id!, a.subjectTitle, $0) } }
    return DeadlineQuery(contracts: contracts, access: access, pendingNotices: notices, acceptances: accepted)
  }

  /// What one user has to watch.
  func deadlines(for user: User) -> [Deadline] {
    let vendorSide = user.role == .vendor
    let visible = vendorSide ? access[user.id!] ?? [] : nil
    var out: [Deadline] = []
    for c in contracts where visible?.contains(c.id) ?? true {
      let path = vendorSide ? Paths.exchange(c.id) : Paths.contract(c.id)
      let subject = c.vendor.isEmpty ? c.title : "\(c.title)（\(c.vendor)）"
      let key = c.id.uuidString.lowercased()
      if c.autoRenewal, let notice = c.noticeDeadline {
        out.append(.init(kind: .noticeDeadline, due: notice, subject: subject, path: path, key: key))
      }
      if let end = c.endDate {
        out.append(.init(kind: .contractEnd, due: end, subject: subject, path: path, key: key))
      }
      // The re-check is the institution's own work: the vendor is asked through the exchange.
      if !vendorSide, c.status == .active, let last = c.lastCheck {
        let due = Recheck.due(lastCheck: last, autoRenewal: c.autoRenewal, noticeDeadline: c.noticeDeadline)
        out.append(.init(kind: .recheck, due: due, subject: subject, path: path, key: key))
      }
    }
    let titles = Dictionary(contracts.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    // A change notice waits for the institution; the vendor sees its own waiting too.
    for n in pendingNotices where visible?.contains(n.contract) ?? true {
      guard let title = titles[n.contract] else { continue }
      out.append(
        .init(
          kind: .changeNotice, due: n.planned, subject: "\(title): \(n.title)",
          path: Paths.contractLife(n.contract), key: n.id.uuidString.lowercased()))
    }
    if !vendorSide {
      for a in acceptances {
        out.append(
          .init(
            kind: .acceptanceExpiry, due: a.expires, subject: a.title, path: Paths.riskAcceptances,
            key: a.id.uuidString.lowercased()))
      }
    }
    return out
  }
}
