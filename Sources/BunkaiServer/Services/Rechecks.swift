import BunkaiCore
import Fluent
import Foundation
import Vapor

/// The periodic re-check of a contract as one act (issue 10 §2): its current document version is
/// re-reviewed with the current playbook through the same intake an upload uses (a new stored
/// review of the same version), decisions, reasons and risk acceptances of persisting findings are
/// carried over as for a new version (`Carryover`), and what changed since the last check is
/// recorded with the re-check. Re-confirming Part2 is the other half: the re-check's page lists the
/// items not confirmed by both sides and leads to the exchange.
enum Rechecks {
  /// What changed since the last check, as recorded at the re-check.
  struct Changes: Codable, Sendable, Equatable {
    struct FindingRef: Codable, Sendable, Equatable {
      var ruleId: String
      var title: String
      var severity: String
    }
    struct ElementChange: Codable, Sendable, Equatable {
      var ruleId: String
      var findingTitle: String
      var elementId: String
      var label: String
      /// `met`, `unmet`, `contradicted` or `unclear`.
      var before: String
      var after: String
    }
    struct ItemChange: Codable, Sendable, Equatable {
      var itemId: String
      var title: String
      /// What happened to the item since the last check, oldest kind first (`ItemEvent`).
      var changes: [String]
    }
    struct NoticeRef: Codable, Sendable, Equatable {
      var id: UUID
      var title: String
      var plannedOn: String
      var decidedAt: Date?
      var itemIds: [String]
    }
    struct SubcontractorRef: Codable, Sendable, Equatable {
      var id: UUID
      var name: String
      var approved: Bool
    }
    struct VulnerabilityRef: Codable, Sendable, Equatable {
      var id: UUID
      var product: String
      var version: String
      var severity: String
    }
    var findingsAppeared: [FindingRef] = []
    var findingsResolved: [FindingRef] = []
    var elementsChanged: [ElementChange] = []
    var part2Changed: [ItemChange] = []
    var changeNoticesApproved: [NoticeRef] = []
    var subcontractorsAdded: [SubcontractorRef] = []
    var vulnerabilitiesAdded: [VulnerabilityRef] = []
    /// Decisions carried over to the new review (findings that persist).
    var carriedDecisions = 0

    static func decode(_ json: String) -> Changes {
      (try? JSONDecoder().decode(Changes.self, from: Data(json.utf8))) ?? Changes()
    }
  }

  /// What happened to a Part2 item since the last check.
  enum ItemEvent: String, CaseIterable, Sendable {
    /// A side changed a split that either side had confirmed.
    case changed
    /// An approved change notice sent it back to "to re-confirm".
    case reopened
    /// Its answer or split was edited (before anyone had confirmed it).
    case updated
    case institutionConfirmed
    case vendorConfirmed
    /// Both sides have confirmed it, the last of them since the last check.
    case agreed

    var label: String {
      switch self {
      case .changed: "分担が変更された"
      case .reopened: "変更の通知の承認で再確認に戻った"
      case .updated: "回答・分担が更新された"
      case .institutionConfirmed: "医療機関が確認した"
      case .vendorConfirmed: "事業者が確認した"
      case .agreed: "双方の確認がそろった（合意）"
      }
    }
  }

  // MARK: The reviews compared (pure)

  /// Findings that appeared and disappeared, and the elements whose status changed in findings of a
  /// rule both reviews raise (the k-th finding of a rule paired with the k-th).
  static func compare(previous: StoredReview, current: StoredReview) -> Changes {
    func ref(_ f: StoredReview.Finding) -> Changes.FindingRef {
      .init(ruleId: f.ruleId, title: f.title, severity: f.severity)
    }
    let oldRules = Set(previous.findings.map(\.ruleId))
    let newRules = Set(current.findings.map(\.ruleId))
    var out = Changes()
    var seen = Set<String>()
    for f in current.findings where !oldRules.contains(f.ruleId) && seen.insert(f.ruleId).inserted {
      out.findingsAppeared.append(ref(f))
    }
    seen = []
    for f in previous.findings where !newRules.contains(f.ruleId) && seen.insert(f.ruleId).inserted {
      out.findingsResolved.append(ref(f))
    }
    var done = Set<String>()
    for f in current.findings where oldRules.contains(f.ruleId) && done.insert(f.ruleId).inserted {
      let olds = previous.findings.filter { $0.ruleId == f.ruleId }
      let news = current.findings.filter { $0.ruleId == f.ruleId }
      for (o, n) in zip(olds, news) {
        let before = Dictionary(o.elements.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        for e in n.elements {
          // An element the old finding did not judge was met there (a finding lists its rule's
          // elements; a missing one is a changed rule, said by the playbook version).
          guard let was = before[e.id], was != e.status else { continue }
          out.elementsChanged.append(
            .init(
              ruleId: n.ruleId, findingTitle: n.title, elementId: e.id, label: e.label, before: was,
              after: e.status))
        }
      }
    }
    return out
  }

  static func statusLabel(_ raw: String) -> String {
    ElementResult.Status(rawValue: raw)?.label ?? raw
  }

  // MARK: The act

  struct Outcome: Sendable {
    var recheck: RecheckRecord
    var review: ReviewRecord
  }

  static let noDocument =
    "この契約にはまだ契約書がありません。定期の見直しは、アップロードした契約書を今の規則集で照合し直すものです。先に契約書をアップロードしてください。"

  /// Runs the re-check: an institution editor's act (admins and staff).
  static func run(
    _ app: Application, on db: any Database, actor: Actor, contract: Contract
  ) async throws -> Outcome {
    try actor.requireEditor()
    guard contract.organisationID == actor.orgID else { throw DomainError.notFound() }
    guard
      let doc = try await ContractDocument.query(on: db).filter(\.$contractID == contract.id!)
        .sort(\.$version, .descending).first()
    else { throw DomainError.conflict(noDocument) }
    // The same reading and review as an upload (the intake worker), outside the write.
    let reviewed = try await Intake.contract(app, data: doc.bytes, filename: doc.filename)
    if reviewed.source.text != doc.text {
      app.logger.warning("recheck: the document \(doc.id!) reads differently now than when it was uploaded")
    }
    let catalog = try await ContractLife.part2Items(db, engine: app.engine, contract: contract)
    let titles = Dictionary(catalog.map { ($0.id, $0.displayTitle) }, uniquingKeysWith: { a, _ in a })
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      guard let contract = try await Contract.find(contract.id, on: db) else { throw DomainError.notFound() }
      let newest = try await ContractDocument.query(on: db).filter(\.$contractID == contract.id!)
        .sort(\.$version, .descending).field(\.$id).field(\.$version).first()
      guard newest?.id == doc.id else {
        throw DomainError.conflict("見直しの間に新しい版の契約書がアップロードされました。もう一度実行してください。")
      }
      // The last check: the contract's newest review (an upload's or the last re-check's).
      var last: ReviewRecord?
      if let id = contract.latestReviewID { last = try await ReviewRecord.find(id, on: db) }
      if last == nil { last = try await Carryover.newestReview(on: db, document: doc.id!) }
      guard let previous = last else { throw DomainError.conflict(noDocument) }
      let previousText =
        previous.documentID == doc.id
        ? doc.text
        : try await ContractDocument.find(previous.documentID, on: db)?.text ?? doc.text
      let review = try await Uploads.storeReview(
        on: db, actor: actor, contract: contract, document: doc, reviewed: reviewed,
        previous: (previous, previousText))
      var changes = Changes()
      if let before = try? StoredReview.decode(previous.resultJSON),
        let after = try? StoredReview.decode(reviewed.json)
      {
        changes = compare(previous: before, current: after)
      }
      let since = previous.createdAt
      changes.carriedDecisions = try await Decision.query(on: db).filter(\.$reviewID == review.id!)
        .filter(\.$carriedFrom != nil).count()
      changes.part2Changed = try await part2Changes(db, contract: contract.id!, since: since, titles: titles)
      try await recordsAdded(db, contract: contract.id!, since: since, into: &changes)

      let r = RecheckRecord()
      r.organisationID = contract.organisationID
      r.contractID = contract.id!
      r.userID = actor.id
      r.userName = actor.user.name
      r.previousReviewID = previous.id!
      r.reviewID = review.id!
      r.playbookBefore = previous.playbook
      r.playbookAfter = review.playbook
      r.since = since
      r.changesJSON = String(decoding: try JSONEncoder().encode(changes), as: UTF8.self)
      try await r.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "定期の見直し", entity: "契約「\(contract.title)」",
        id: r.id,
        after: [
          "document": "第\(doc.version)版 \(doc.filename)", "previousReview": previous.id!.uuidString,
          "review": review.id!.uuidString, "playbookBefore": previous.playbook,
          "playbookAfter": review.playbook,
          "appeared": changes.findingsAppeared.map(\.ruleId).joined(separator: ","),
          "resolved": changes.findingsResolved.map(\.ruleId).joined(separator: ","),
          "carried": String(changes.carriedDecisions),
        ])
      return Outcome(recheck: r, review: review)
    }
  }

  /// The Part2 items of a contract that changed or were (re)confirmed after `since`.
  static func part2Changes(_ db: any Database, contract: UUID, since: Date?, titles: [String: String])
    async throws -> [Changes.ItemChange]
  {
    func after(_ d: Date?) -> Bool {
      guard let d else { return false }
      return since.map { d > $0 } ?? true
    }
    var events: [String: [ItemEvent]] = [:]
    for c in try await SplitChange.query(on: db).filter(\.$contractID == contract).sort(\.$createdAt).all()
    where after(c.createdAt) {
      let e: ItemEvent = c.changeNoticeID == nil ? .changed : .reopened
      if events[c.itemID]?.contains(e) != true { events[c.itemID, default: []].append(e) }
    }
    for a in try await ChecklistAnswer.query(on: db).filter(\.$contractID == contract).all() {
      var e = events[a.itemID] ?? []
      if after(a.institutionConfirmedAt) { e.append(.institutionConfirmed) }
      if after(a.vendorConfirmedAt) { e.append(.vendorConfirmed) }
      if a.isAgreed && (after(a.institutionConfirmedAt) || after(a.vendorConfirmedAt)) { e.append(.agreed) }
      if e.isEmpty && after(a.updatedAt) { e.append(.updated) }
      if !e.isEmpty { events[a.itemID] = e }
    }
    return events.keys.sorted {
      (titles.keys.contains($0) ? 0 : 1, $0) < (titles.keys.contains($1) ? 0 : 1, $1)
    }
    .map { .init(itemId: $0, title: titles[$0] ?? $0, changes: events[$0]!.map(\.rawValue)) }
  }

  /// Change notices approved, subcontractors and vulnerability records added after `since`.
  static func recordsAdded(_ db: any Database, contract: UUID, since: Date?, into changes: inout Changes)
    async throws
  {
    func after(_ d: Date?) -> Bool {
      guard let d else { return false }
      return since.map { d > $0 } ?? true
    }
    changes.changeNoticesApproved = try await ChangeNotice.query(on: db).filter(\.$contractID == contract)
      .filter(\.$status == .approved).sort(\.$decidedAt).all().filter { after($0.decidedAt) }
      .map {
        .init(
          id: $0.id!, title: $0.title, plannedOn: $0.plannedOn, decidedAt: $0.decidedAt, itemIds: $0.items)
      }
    changes.subcontractorsAdded = try await Subcontractor.query(on: db).filter(\.$contractID == contract)
      .sort(\.$createdAt).all().filter { after($0.createdAt) }
      .map { .init(id: $0.id!, name: $0.name, approved: $0.approvedOn != nil) }
    changes.vulnerabilitiesAdded = try await VulnerabilityConsultation.query(on: db)
      .filter(\.$contractID == contract).sort(\.$createdAt).all().filter { after($0.createdAt) }
      .map { .init(id: $0.id!, product: $0.product, version: $0.version, severity: $0.severity.rawValue) }
  }
}
