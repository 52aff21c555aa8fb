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
  /// Per contract and side, the Part2 items waiting for that side (`Waiting.items`).
  var waiting: [Waiting] = []

  /// Part2 items of one contract waiting for one side: the other side changed or confirmed the
  /// split, and this side has not confirmed it yet.
  struct Waiting: Sendable, Equatable {
    var contract: UUID
    var side: Side
    var count: Int
    /// The earliest day the other side acted on one of them.
    var since: ISODay
  }

  /// Days a side has to answer the other side's change or confirmation: two weeks, time to look
  /// at it with the people concerned without letting the exchange go cold.
  static let answerDays = 14

  /// The items waiting for each side, from the contract's Part2 answers, the split changes nobody
  /// acknowledged yet, and the side of the user who last changed each answer. For side S with
  /// the other side O, an item not agreed and not confirmed by S waits for S when O confirmed it,
  /// when O changed a confirmed split that S has not acknowledged (an approved change notice that
  /// reopened it counts as the institution's act), or when O was the last to change the answer
  /// (O proposed a split before anyone confirmed).
  static func waiting(
    answers: [ChecklistAnswer], changes: [SplitChange], sides: [UUID: Side]
  ) -> [Waiting] {
    var unseen: [String: [Side: Date]] = [:]
    for c in changes where c.acknowledgedAt == nil {
      let key = "\(c.contractID)|\(c.itemID)"
      let at = c.createdAt ?? .distantPast
      unseen[key, default: [:]][c.side] = min(unseen[key]?[c.side] ?? at, at)
    }
    var out: [String: Waiting] = [:]
    for a in answers {
      guard let contract = a.contractID, !a.isAgreed, a.owner != .unset else { continue }
      for side in Side.allCases {
        let other = side.other
        let mine = side == .institution ? a.institutionConfirmedAt : a.vendorConfirmedAt
        guard mine == nil else { continue }
        let theirs = other == .institution ? a.institutionConfirmedAt : a.vendorConfirmedAt
        var acted: [Date] = []
        if let theirs { acted.append(theirs) }
        if let changed = unseen["\(contract)|\(a.itemID)"]?[other] { acted.append(changed) }
        if let by = a.updatedBy, sides[by] == other, let at = a.updatedAt { acted.append(at) }
        guard let first = acted.min() else { continue }
        let day = JapanTime.day(first)
        let key = "\(contract)|\(side.rawValue)"
        if var w = out[key] {
          w.count += 1
          w.since = min(w.since, day)
          out[key] = w
        } else {
          out[key] = Waiting(contract: contract, side: side, count: 1, since: day)
        }
      }
    }
    return out.values.sorted {
      ($0.contract.uuidString, $0.side.rawValue) < ($1.contract.uuidString, $1.side.rawValue)
    }
  }

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
      let reviewDay = c.latestReviewID.flatMap { reviewed[$0] ?? nil }.map { JapanTime.day($0) }
      return ContractDates(
        id: c.id!, title: c.title, vendor: vendorName[c.vendorID] ?? "", status: c.status,
        endDate: c.endDate.flatMap(ISODay.init), autoRenewal: c.autoRenewal,
        noticeDeadline: c.noticeDeadline.flatMap(ISODay.init),
        lastCheck: reviewDay ?? c.startDate.flatMap(ISODay.init)
          ?? c.createdAt.map { JapanTime.day($0) })
    }
    let notices = try await ChangeNotice.query(on: db).filter(\.$organisationID == org)
      .filter(\.$status == .pending).all()
      .compactMap { n in ISODay(n.plannedOn).map { (n.contractID, n.id!, n.title, $0) } }
    let accepted = try await RiskAcceptance.query(on: db).filter(\.$organisationID == org)
      .filter(\.$signedAt != nil).all()
      .compactMap { a in ISODay(a.expiresOn).map { (a.id!, a.subjectTitle, $0) } }
    let ids = rows.compactMap(\.id)
    var waiting: [Waiting] = []
    if !ids.isEmpty {
      let answers = try await ChecklistAnswer.query(on: db).filter(\.$organisationID == org)
        .filter(\.$contractID ~~ ids).all()
      let changes = try await SplitChange.query(on: db).filter(\.$organisationID == org)
        .filter(\.$acknowledgedAt == nil).all()
      let users = try await User.query(on: db).filter(\.$organisationID == org).field(\.$id).field(\.$role)
        .all()
      let sides = Dictionary(users.map { ($0.id!, $0.role.side) }, uniquingKeysWith: { a, _ in a })
      waiting = Self.waiting(answers: answers, changes: changes, sides: sides)
    }
    return DeadlineQuery(
      contracts: contracts, access: access, pendingNotices: notices, acceptances: accepted, waiting: waiting)
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
      for day in ContractDays.of(
        endDate: c.endDate, autoRenewal: c.autoRenewal, noticeDeadline: c.noticeDeadline)
      {
        out.append(.init(kind: day.kind, due: day.due, subject: subject, path: path, key: key))
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
    // Part2 items the other side changed or confirmed, one line per contract, on this side's
    // exchange page (the same address serves both sides). Due two weeks after the other side's
    // first such act, so a reply that is overdue shows as such.
    let side: Side = vendorSide ? .vendor : .institution
    let vendors = Dictionary(contracts.map { ($0.id, $0.vendor) }, uniquingKeysWith: { a, _ in a })
    for w in waiting where w.side == side && (visible?.contains(w.contract) ?? true) {
      guard let title = titles[w.contract] else { continue }
      let vendor = vendors[w.contract] ?? ""
      out.append(
        .init(
          kind: .waitingForOtherSide, due: w.since.adding(days: Self.answerDays),
          subject: "\(vendor.isEmpty ? title : "\(title)（\(vendor)）"): 確認待ち \(w.count) 項目",
          path: Paths.exchange(w.contract), key: "waiting-\(w.contract.uuidString.lowercased())"))
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
