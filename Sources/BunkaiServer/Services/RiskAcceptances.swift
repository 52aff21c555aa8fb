import BunkaiCore
import Fluent
import Foundation
import SQLKit

/// Executives' risk acceptances (経営層のリスク受容): staff ask for one, an executive who did not ask
/// signs it as a separate act. The checks and writes the pages and the API share.
enum RiskAcceptances {
  /// What the acceptance is about, as the API and the forms send it.
  struct Subject: Codable, Sendable {
    var kind: String
    var reviewId: UUID?
    /// 1-based, as decisions are addressed.
    var finding: Int?
    var contractId: UUID?
    var itemId: String?
    /// A vulnerability consultation's or a subcontractor's id.
    var id: UUID?
  }

  struct Input: Codable, Sendable {
    var subject: Subject
    var risk: String?
    var reason: String?
    var measures: String?
    var owner: String?
    var expiresOn: String?
  }

  /// The subject checked against the organisation's data: where it belongs and what it is called.
  struct Resolved: Sendable {
    var kind: RiskSubjectKind
    var contractID: UUID?
    var reviewID: UUID?
    var findingIndex: Int?
    var ruleID: String?
    var itemID: String?
    var subjectID: UUID?
    var title: String
  }

  /// Records a request (status requested). Staff and admins ask; executives sign, so they do not.
  static func request(on db: any Database, engine: Engine, actor: Actor, _ input: Input, today: String)
    async throws -> RiskAcceptance
  {
    try actor.requireEditor()
    let subject = try await resolve(on: db, engine: engine, org: actor.orgID, input.subject)
    var problems = InvalidInput()
    func text(_ raw: String?, _ field: String, _ label: String, required: Bool, max: Int) -> String {
      let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      if required && value.isEmpty { problems.add(field, "\(label)を入力してください。") }
      if value.count > max { problems.add(field, "\(label)は\(max)文字以内にしてください。") }
      return value
    }
    let risk = text(input.risk, "risk", "受け入れるリスク（どんな危険が残るか）", required: true, max: 5_000)
    let reason = text(input.reason, "reason", "受け入れる理由", required: true, max: 5_000)
    let measures = text(input.measures, "measures", "代わりの対策", required: false, max: 5_000)
    let owner = text(input.owner, "owner", "リスクの管理責任者", required: false, max: 200)
    let expires = Contracts.date(input.expiresOn, field: "expiresOn", label: "有効期限", into: &problems)
    if let expires, expires <= today {
      problems.add("expiresOn", "有効期限は明日以降の日付にしてください（入力: \(expires)）。期限が来たら改めて署名を受けます。")
    } else if expires == nil && !problems.problems.contains(where: { $0.field == "expiresOn" }) {
      problems.add("expiresOn", "有効期限を 2027-03-31 のように年-月-日で入力してください。期限のない受容はできません。")
    }
    try problems.check()
    return try await Writes.organisation(db, org: actor.orgID, lock: subject.contractID, restartable: true) {
      db in
      let a = RiskAcceptance()
      a.organisationID = actor.orgID
      a.subjectKind = subject.kind
      a.contractID = subject.contractID
      a.reviewID = subject.reviewID
      a.findingIndex = subject.findingIndex
      a.ruleID = subject.ruleID
      a.itemID = subject.itemID
      a.subjectID = subject.subjectID
      a.subjectTitle = subject.title
      a.risk = risk
      a.reason = reason
      a.measures = measures
      a.owner = owner.isEmpty ? actor.user.name : owner
      a.expiresOn = expires!
      a.requestedBy = actor.id
      a.requestedByName = actor.user.name
      a.requestedAt = Date()
      try await a.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "リスク受容の申請",
        entity: "\(subject.kind.label)「\(subject.title)」", id: a.id,
        after: [
          "risk": risk, "reason": reason, "measures": measures, "owner": a.owner, "expiresOn": a.expiresOn,
        ])
      return a
    }
  }

  /// The executive's signature. Only an executive, and not the person who asked for it: the
  /// acceptance is a decision by management, checked by a second person.
  static func sign(on db: any Database, actor: Actor, _ acceptance: RiskAcceptance, today: String)
    async throws
    -> RiskAcceptance
  {
    guard acceptance.organisationID == actor.orgID else { throw DomainError.notFound() }
    guard actor.role == .executive else {
      throw DomainError.forbidden("リスク受容への署名は経営層が行います（管理者・担当者は署名できません）。")
    }
    guard acceptance.requestedBy != actor.id else {
      throw DomainError.forbidden("自分で申請したリスク受容には署名できません。別の経営層の署名が必要です。")
    }
    guard acceptance.signedAt == nil else {
      throw DomainError.conflict("このリスク受容は既に署名されています。延長するときは新しい受容を申請してください。")
    }
    guard acceptance.expiresOn > today || acceptance.expiresOn == today else {
      throw DomainError.conflict("有効期限（\(acceptance.expiresOn)）を過ぎた申請には署名できません。期限を改めて申請し直してください。")
    }
    let id = acceptance.id!
    return try await Writes.organisation(db, org: actor.orgID, lock: acceptance.contractID) { db in
      // Read again inside the lock: two executives signing at once sign it once.
      guard let a = try await RiskAcceptance.find(id, on: db), a.signedAt == nil else {
        throw DomainError.conflict("このリスク受容は既に署名されています。延長するときは新しい受容を申請してください。")
      }
      a.signedBy = actor.id
      a.signedByName = actor.user.name
      a.signedAt = Date()
      try await a.save(on: db)
      if let contractID = a.contractID, a.subjectKind == .finding {
        try await refreshOpenCounts(on: db, contractID: contractID, today: today)
      }
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "リスク受容の署名",
        entity: "\(a.subjectKind.label)「\(a.subjectTitle)」", id: a.id,
        after: ["expiresOn": a.expiresOn, "requestedBy": a.requestedByName])
      return a
    }
  }

  /// Checks the subject belongs to the organisation and names it. Finding and Part2 item are
  /// looked up in their tables. Vulnerability consultations and subcontractors are stored by id
  /// and kind only: their lookup belongs in `subjectRecord(kind:id:)` once their tables exist.
  static func resolve(on db: any Database, engine: Engine, org: UUID, _ s: Subject) async throws -> Resolved {
    guard let kind = RiskSubjectKind(rawValue: s.kind) else {
      throw DomainError.invalid(
        "subject.kind",
        "subject.kind は finding / checklistItem / vulnerability / subcontractor のいずれかです（\(s.kind)）。")
    }
    switch kind {
    case .finding:
      guard let reviewID = s.reviewId else {
        throw DomainError.invalid("subject.reviewId", "指摘の受容には照合結果の ID（subject.reviewId）が必要です。")
      }
      guard let finding = s.finding else {
        throw DomainError.invalid("subject.finding", "指摘の受容には指摘の番号（subject.finding、1 から）が必要です。")
      }
      guard let review = try await ReviewRecord.find(reviewID, on: db), review.organisationID == org else {
        throw DomainError.notFound("指定された照合結果が見つかりません。", field: "subject.reviewId")
      }
      let stored = try StoredReview.decode(review.resultJSON)
      guard finding >= 1, finding <= stored.findings.count else {
        throw DomainError.invalid(
          "subject.finding", "指摘の番号が正しくありません（\(finding)）。1〜\(stored.findings.count) のいずれかです。")
      }
      let f = stored.findings[finding - 1]
      return Resolved(
        kind: kind, contractID: review.contractID, reviewID: reviewID, findingIndex: finding - 1,
        ruleID: f.ruleId, title: "\(finding). \(f.title)")
    case .checklistItem:
      guard let contractID = s.contractId else {
        throw DomainError.invalid("subject.contractId", "確認表の項目の受容には契約の ID（subject.contractId）が必要です。")
      }
      guard let contract = try await Contract.find(contractID, on: db), contract.organisationID == org else {
        throw DomainError.notFound("指定された契約が見つかりません。", field: "subject.contractId")
      }
      let itemID = (s.itemId ?? "").trimmingCharacters(in: .whitespaces)
      let (catalog, _) = try await Checklists.catalog(db, engine: engine, org: org)
      guard let item = Checklists.items(catalog, contract: contract).first(where: { $0.id == itemID }) else {
        throw DomainError.invalid(
          "subject.itemId", "この契約の確認表 Part2 に項目「\(itemID)」はありません。P2-A-1 のように項目の ID を指定してください。")
      }
      return Resolved(
        kind: kind, contractID: contractID, itemID: itemID,
        title: "\(contract.title): \(ChecklistDisplay.label(item))")
    case .vulnerability, .subcontractor:
      guard let id = s.id else {
        throw DomainError.invalid("subject.id", "\(kind.label)の受容には対象の ID（subject.id）が必要です。")
      }
      let record = try await subjectRecord(on: db, kind: kind, id: id, org: org)
      return Resolved(
        kind: kind, contractID: record?.contractID, subjectID: id,
        title: record?.title ?? "\(kind.label)（ID \(id.uuidString.prefix(8))）")
    }
  }

  /// A vulnerability consultation's or subcontractor's record (issue 10 §2): its contract and its
  /// name, looked up within the organisation; one it cannot see is not found.
  static func subjectRecord(on db: any Database, kind: RiskSubjectKind, id: UUID, org: UUID) async throws
    -> (contractID: UUID?, title: String)?
  {
    switch kind {
    case .vulnerability:
      guard let v = try await VulnerabilityConsultation.find(id, on: db), v.organisationID == org else {
        throw DomainError.notFound("指定された脆弱性の協議が見つかりません。", field: "subject.id")
      }
      return (v.contractID, "脆弱性の協議: \(v.product) \(v.version)")
    case .subcontractor:
      guard let s = try await Subcontractor.find(id, on: db), s.organisationID == org else {
        throw DomainError.notFound("指定された再委託先が見つかりません。", field: "subject.id")
      }
      return (s.contractID, "再委託先: \(s.name)")
    default:
      return nil
    }
  }

  /// Every acceptance of the organisation, newest first.
  static func all(on db: any Database, org: UUID) async throws -> [RiskAcceptance] {
    try await RiskAcceptance.query(on: db).filter(\.$organisationID == org)
      .sort(\.$requestedAt, .descending).all()
  }

  /// The acceptances of a review's findings, by 0-based finding index.
  static func forReview(on db: any Database, reviewID: UUID) async throws -> [Int: [RiskAcceptance]] {
    let rows = try await RiskAcceptance.query(on: db).filter(\.$reviewID == reviewID)
      .filter(\.$subjectKind == .finding).all()
    return Dictionary(grouping: rows.filter { $0.findingIndex != nil }, by: { $0.findingIndex! })
  }

  /// What each finding needs from the executive, by 0-based index.
  static func coverage(
    _ review: StoredReview, decisions: [Decision], acceptances: [Int: [RiskAcceptance]], today: String
  ) -> [Int: RiskCoverage] {
    let latest = Decisions.latest(decisions)
    var out: [Int: RiskCoverage] = [:]
    for (i, f) in review.findings.enumerated() {
      let needed = RiskAcceptanceRules.needsAcceptance(
        decision: latest[i]?.kind.rawValue, severity: f.severity)
      out[i] = RiskAcceptanceRules.coverage(
        needed: needed, (acceptances[i] ?? []).map(\.term), today: today)
    }
    return out
  }

  /// Recomputes a contract's open counts from its latest review, its decisions and acceptances.
  /// Inside a write; returns whether they changed.
  @discardableResult
  static func refreshOpenCounts(on db: any Database, contractID: UUID, today: String) async throws -> Bool {
    guard let contract = try await Contract.find(contractID, on: db), let reviewID = contract.latestReviewID,
      let review = try await ReviewRecord.find(reviewID, on: db)
    else { return false }
    let stored = try StoredReview.decode(review.resultJSON)
    let decisions = try await Decision.query(on: db).filter(\.$reviewID == reviewID).all()
    let acceptances = try await forReview(on: db, reviewID: reviewID)
    let counts = OpenCounts.of(stored, decisions: decisions, acceptances: acceptances, today: today)
    guard
      counts.high != contract.openHigh || counts.medium != contract.openMedium
        || counts.low != contract.openLow
    else { return false }
    counts.apply(to: contract)
    try await contract.save(on: db)
    return true
  }

  /// An acceptance that expired since the counts were stored makes its finding open again: the
  /// contracts whose latest review has a signed finding acceptance past its day get their counts
  /// recomputed (written only when they differ, so once). Called before pages read open counts.
  static func refreshExpired(on db: any Database, org: UUID, today: String) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    struct Row: Decodable { var contract_id: UUID }
    let rows = try await sql.raw(
      """
      SELECT DISTINCT c.id AS contract_id FROM risk_acceptances r
      JOIN contracts c ON c.latest_review_id = r.review_id
      WHERE r.organisation_id = \(bind: org) AND r.subject_kind = 'finding' AND r.signed_at IS NOT NULL
        AND r.expires_on < \(bind: today)
      """
    ).all(decoding: Row.self)
    for row in rows {
      // Read first without writing: most days nothing differs.
      guard let contract = try await Contract.find(row.contract_id, on: db),
        let reviewID = contract.latestReviewID, let review = try await ReviewRecord.find(reviewID, on: db)
      else { continue }
      let stored = try StoredReview.decode(review.resultJSON)
      let decisions = try await Decision.query(on: db).filter(\.$reviewID == reviewID).all()
      let counts = OpenCounts.of(
        stored, decisions: decisions, acceptances: try await forReview(on: db, reviewID: reviewID),
        today: today)
      if counts.high == contract.openHigh && counts.medium == contract.openMedium
        && counts.low == contract.openLow
      {
        continue
      }
      let contractID = row.contract_id
      _ = try await Writes.organisation(db, org: org, lock: contractID) { db in
        try await refreshOpenCounts(on: db, contractID: contractID, today: today)
      }
    }
  }

  /// The open findings of a review (what sign-off warns about): number, rule, title, severity and
  /// why it is open.
  struct OpenFinding: Codable, Sendable {
    var finding: Int
    var ruleId: String
    var title: String
    var severity: String
    /// undecided | later | riskAcceptanceRequired | riskAcceptanceWaiting | riskAcceptanceExpired
    var state: String
    var stateLabel: String
  }

  static func openFindings(
    _ review: StoredReview, decisions: [Decision], acceptances: [Int: [RiskAcceptance]], today: String
  ) -> [OpenFinding] {
    let latest = Decisions.latest(decisions)
    let cover = coverage(review, decisions: decisions, acceptances: acceptances, today: today)
    var out: [OpenFinding] = []
    for (i, f) in review.findings.enumerated() {
      let state: (String, String)
      if let d = latest[i], !d.kind.isOpen {
        switch cover[i] ?? .notRequired {
        case .missing: state = ("riskAcceptanceRequired", "「不要」ですが経営層のリスク受容がありません")
        case .waiting: state = ("riskAcceptanceWaiting", "リスク受容の署名待ち")
        case .expired(let on): state = ("riskAcceptanceExpired", "リスク受容の期限切れ（\(on) まで）")
        case .notRequired, .accepted: continue
        }
      } else if latest[i] == nil {
        state = ("undecided", "未判断")
      } else {
        state = ("later", "後で決める")
      }
      out.append(
        OpenFinding(
          finding: i + 1, ruleId: f.ruleId, title: f.title, severity: f.severity, state: state.0,
          stateLabel: state.1))
    }
    return out
  }

  /// The open findings of a stored review record, read from the database.
  static func openFindings(on db: any Database, review: ReviewRecord, today: String) async throws
    -> [OpenFinding]
  {
    let stored = try StoredReview.decode(review.resultJSON)
    let decisions = try await Decision.query(on: db).filter(\.$reviewID == review.id!).all()
    return openFindings(
      stored, decisions: decisions, acceptances: try await forReview(on: db, reviewID: review.id!),
      today: today)
  }
}
