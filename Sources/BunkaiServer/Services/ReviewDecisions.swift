import Fluent
import Foundation

/// Decisions (判断) on a review's findings and the executive's sign-off (承認): the checks and
/// writes the review page and the API share.
enum ReviewDecisions {
  static let signOffRefusal = "照合結果の承認は経営層が行います（管理者・担当者は承認できません）。"
  struct Input: Sendable {
    /// 1-based, in the order of the review's findings.
    var finding: Int
    var kind: String
    var wording: String?
    var reason: String?
    /// With proposeEdited: the wording replaces the quoted clause in the redline.
    var replace: Bool
  }

  /// Validates and stores a decision, then refreshes the contract's open counts.
  static func record(on db: any Database, actor: Actor, review: ReviewRecord, _ input: Input) async throws
    -> Decision
  {
    try actor.requireEditor()
    guard review.organisationID == actor.orgID else { throw DomainError.notFound() }
    let stored = try StoredReview.decode(review.resultJSON)
    guard input.finding >= 1, input.finding <= stored.findings.count else {
      throw DomainError.invalid(
        "finding", "指摘の番号が正しくありません（\(input.finding)）。1〜\(stored.findings.count) のいずれかです。")
    }
    let index = input.finding - 1
    guard let kind = DecisionKind(rawValue: input.kind) else {
      throw DomainError.invalid(
        "kind", "判断の種類は propose / proposeEdited / notNeeded / later のいずれかです（\(input.kind)）。")
    }
    let wording = try DomainError.text(input.wording, field: "wording", label: "提案する文言", max: 20_000)
    let reason = try DomainError.text(input.reason, field: "reason", label: "理由", max: 10_000)
    if kind == .proposeEdited && wording.isEmpty {
      throw DomainError.invalid("wording", "「文言を修正して提案する」には、提案する文言を入力してください。")
    }
    if kind == .notNeeded && reason.isEmpty {
      throw DomainError.invalid("reason", "「不要」とするときは理由を入力してください。理由は後で見直すときの手がかりになります。")
    }
    let ruleID = stored.findings[index].ruleId
    let replaces = kind == .proposeEdited && input.replace && !stored.findings[index].evidence.isEmpty
    // Built inside the transaction, so a retried attempt inserts its own new row.
    return try await Writes.organisation(
      db, org: review.organisationID, lock: review.contractID, restartable: true
    ) { db in
      let d = Decision()
      d.organisationID = actor.orgID
      d.reviewID = review.id!
      d.findingIndex = index
      d.ruleID = ruleID
      d.kind = kind
      d.wording = kind == .proposeEdited ? wording : ""
      d.reason = reason
      d.replacesQuote = replaces
      d.userID = actor.id
      d.userName = actor.user.name
      try await d.save(on: db)
      let all = try await Decision.query(on: db).filter(\.$reviewID == review.id!).all()
      if let contract = try await Contract.find(review.contractID, on: db),
        contract.latestReviewID == review.id
      {
        let acceptances = try await RiskAcceptances.forReview(on: db, reviewID: review.id!)
        OpenCounts.of(stored, decisions: all, acceptances: acceptances).apply(to: contract)
        try await contract.save(on: db)
      }
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "判断",
        entity: "指摘 \(index + 1)「\(stored.findings[index].title)」", id: review.id,
        after: ["finding": String(index + 1), "kind": kind.rawValue, "wording": d.wording, "reason": reason])
      return d
    }
  }

  /// The executive's approval of a review and its decisions. Only executives approve (admins
  /// manage the system, they do not take the management's decision). Approving again changes
  /// nothing: the first approval stays. Open findings do not block it: the page asks to confirm
  /// them first and the API lists them with the answer.
  static func signOff(on db: any Database, actor: Actor, review: ReviewRecord) async throws -> ReviewRecord {
    guard review.organisationID == actor.orgID else { throw DomainError.notFound() }
    guard actor.role == .executive else { throw DomainError.forbidden(signOffRefusal) }
    guard review.signedOffBy == nil else { return review }
    review.signedOffBy = actor.id
    review.signedOffAt = Date()
    try await Writes.organisation(db, org: review.organisationID, lock: review.contractID) { db in
      try await review.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "承認", entity: "照合結果", id: review.id)
    }
    return review
  }
}
