import BunkaiCore
import Fluent
import Foundation
import Vapor

/// The five steps per Part2 item (DOMAIN.md section 4): who writes next, and the split both sides
/// confirm at the end.
enum Exchange {
  struct Step: Sendable {
    var number: Int
    /// nil: both sides (the last step).
    var side: Side?
    var title: String
  }
  static let steps: [Step] = [
    Step(number: 1, side: .vendor, title: "事業者が自社で実施する対策を示す"),
    Step(number: 2, side: .institution, title: "医療機関が自ら実施すべきことを尋ねる"),
    Step(number: 3, side: .vendor, title: "事業者が具体的な対策を提示する"),
    Step(number: 4, side: .institution, title: "医療機関が単独でできることと支援を求めることを示す"),
    Step(number: 5, side: nil, title: "双方で分担を確定する"),
  ]

  /// Where an item stands.
  struct State: Sendable, Equatable {
    /// The step to write next (1…5); 5 stays until both sides confirm.
    var next: Int
    var agreed: Bool
    /// The sides whose move it is: one side in steps 1–4, the sides yet to confirm in step 5.
    var waitingFor: [Side]

    var label: String {
      if agreed { return "合意済み" }
      return "手順\(next): \(Exchange.steps[next - 1].title)"
    }
    var turnLabel: String { agreed ? "—" : waitingFor.map(\.label).joined(separator: "・") + "の番" }
  }

  static func state(entries: [ExchangeEntry], answer: ChecklistAnswer?) -> State {
    let next = min(5, (entries.map(\.step).max() ?? 0) + 1)
    if answer?.isAgreed == true { return State(next: 5, agreed: true, waitingFor: []) }
    // An item both sides mark 対象外 needs no exchange: it can be confirmed at once.
    if next < 5 && answer?.owner != .notApplicable {
      return State(next: next, agreed: false, waitingFor: [steps[next - 1].side!])
    }
    var waiting: [Side] = []
    if answer?.institutionConfirmedAt == nil { waiting.append(.institution) }
    if answer?.vendorConfirmedAt == nil { waiting.append(.vendor) }
    return State(next: 5, agreed: false, waitingFor: waiting)
  }

  /// The split can be set and confirmed in step 5, or at once for an item marked 対象外.
  static func canSettle(_ state: State) -> Bool { state.next == 5 }

  /// Adds an entry for the step that is next; steps 1–4 only by the side whose turn it is.
  static func post(
    on db: any Database, contract: Contract, itemID: String, user: User, text: String, attachment: Attachment?
  ) async throws -> ExchangeEntry {
    let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { throw DomainError.invalid("text", "内容: 入力してください。") }
    guard text.count <= 10_000 else { throw DomainError.invalid("text", "内容: 10,000文字以内にしてください。") }
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      let entries = try await ExchangeEntry.query(on: db).filter(\.$contractID == contract.id!)
        .filter(\.$itemID == itemID).all()
      let answer = try await ChecklistAnswer.query(on: db).filter(\.$contractID == contract.id!)
        .filter(\.$itemID == itemID).first()
      let state = state(entries: entries, answer: answer)
      guard !state.agreed else {
        throw Abort(.conflict, reason: "この項目は合意済みです。変更するには分担を編集してください（双方の確認は取り消されます）。")
      }
      let side = user.role.side
      if state.next < 5, !state.waitingFor.contains(side) {
        throw Abort(.conflict, reason: "いまは\(state.waitingFor.map(\.label).joined())の番です（\(state.label)）。")
      }
      if let attachment {
        // Inserted afresh on a retried attempt (the first one's insert was rolled back).
        attachment.$id.exists = false
        try await attachment.save(on: db)
      }
      let e = ExchangeEntry()
      e.organisationID = contract.organisationID
      e.contractID = contract.id!
      e.itemID = itemID
      e.step = state.next
      e.side = side
      e.userID = user.id!
      e.userName = user.name
      e.text = text
      e.attachmentID = attachment?.id
      try await e.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: "やり取り（手順\(e.step)）",
        entity: "確認表 \(itemID)（\(contract.title)）", id: e.id,
        after: ["text": text, "attachment": attachment?.filename ?? ""])
      return e
    }
  }

  /// Sets 担当 and agreed content. Changing an item either side has confirmed withdraws both
  /// confirmations (and the 完了日 the agreement set), and the audit log says so.
  static func setSplit(
    on db: any Database, contract: Contract, itemID: String, user: User, owner: Owner, agreed: String
  ) async throws -> ChecklistAnswer {
    let agreed = agreed.trimmingCharacters(in: .whitespacesAndNewlines)
    guard agreed.count <= 10_000 else {
      throw DomainError.invalid("agreed", "合意内容: 10,000文字以内にしてください。")
    }
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      let (answer, state) = try await load(db, contract: contract, itemID: itemID)
      let side = user.role.side
      // Skipping the five steps with 対象外 is the institution's call; a vendor proposes it in
      // step 5, where the institution must still confirm it.
      guard canSettle(state) || (owner == .notApplicable && side == .institution) else {
        if owner == .notApplicable {
          throw Abort(
            .conflict,
            reason: "対象外にできるのは医療機関です。対象外にしたい理由は、やり取りに書いて医療機関に伝えてください（手順5では分担として提案できます）。")
        }
        throw Abort(.conflict, reason: "分担は手順5で決めます（いまは\(state.label)）。対象外とする場合は担当に「対象外」を選んでください。")
      }
      guard answer.owner != owner || answer.agreed != agreed else { return answer }
      let before = Snapshot(answer)
      let change = SplitChange()
      change.beforeOwner = answer.owner
      change.beforeAgreed = answer.agreed
      answer.owner = owner
      answer.agreed = agreed
      let withdrawn = answer.isConfirmedByEither
      if withdrawn {
        if answer.isAgreed && answer.initial == .no { answer.completedOn = nil }
        answer.withdrawConfirmations()
      }
      answer.updatedBy = user.id
      try await answer.save(on: db)
      // A split either side had confirmed changed: the other side is shown what changed.
      if withdrawn {
        change.organisationID = contract.organisationID
        change.contractID = contract.id!
        change.itemID = itemID
        change.side = side
        change.userName = user.name
        change.afterOwner = owner
        change.afterAgreed = agreed
        try await change.save(on: db)
      }
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: withdrawn ? "分担の変更（確認を取り消し）" : "分担の変更",
        entity: "確認表 \(itemID)（\(contract.title)）", id: answer.id, before: before, after: Snapshot(answer))
      return answer
    }
  }

  /// Records one side's confirmation of the split; when both have confirmed, an item answered
  /// いいえ at the first meeting gets its 完了日 (the form's meaning: the check is done).
  /// `acknowledgeChange`: the person saw what the other side changed since the split was last
  /// confirmed; without it, a confirmation over such a change is refused.
  static func confirm(
    on db: any Database, contract: Contract, itemID: String, user: User, today: String,
    acknowledgeChange: Bool = false
  ) async throws -> ChecklistAnswer {
    try await Writes.organisation(db, org: contract.organisationID, lock: contract.id!, restartable: true) {
      db in
      let (answer, state) = try await load(db, contract: contract, itemID: itemID)
      guard canSettle(state) else { throw Abort(.conflict, reason: "確認は手順5でできます（いまは\(state.label)）。") }
      guard answer.owner != .unset else { throw DomainError.invalid("owner", "担当: 先に分担を決めてください。") }
      guard answer.owner == .notApplicable || !answer.agreed.isEmpty else {
        throw DomainError.invalid("agreed", "合意内容: 先に合意した内容を入力してください。")
      }
      let name = "\(user.name)（\(user.role.side.label)）"
      let unseen = try await unacknowledged(
        db, contract: contract.id!, itemID: itemID, by: user.role.side.other)
      if !unseen.isEmpty {
        guard acknowledgeChange else {
          throw Abort(
            .conflict,
            reason: "\(user.role.side.other.label)が分担を変更しています。変更前と変更後を確かめ、「変更内容を確認しました」にチェックしてから確認してください。")
        }
        for change in unseen {
          change.acknowledgedBy = name
          change.acknowledgedAt = Date()
          try await change.save(on: db)
        }
      }
      let before = Snapshot(answer)
      switch user.role.side {
      case .institution:
        answer.institutionConfirmedBy = name
        answer.institutionConfirmedAt = Date()
      case .vendor:
        answer.vendorConfirmedBy = name
        answer.vendorConfirmedAt = Date()
      }
      if answer.isAgreed && answer.initial == .no && answer.completedOn == nil { answer.completedOn = today }
      answer.updatedBy = user.id
      try await answer.save(on: db)
      try await AuditLog.record(
        on: db, org: contract.organisationID, user: user, action: answer.isAgreed ? "分担の確認（合意）" : "分担の確認",
        entity: "確認表 \(itemID)（\(contract.title)）", id: answer.id, before: before, after: Snapshot(answer))
      return answer
    }
  }

  /// The changes `side` made to the item's split that the other side has not acknowledged yet,
  /// oldest first.
  static func unacknowledged(_ db: any Database, contract: UUID, itemID: String, by side: Side) async throws
    -> [SplitChange]
  {
    try await SplitChange.query(on: db).filter(\.$contractID == contract).filter(\.$itemID == itemID)
      .filter(\.$side == side).filter(\.$acknowledgedAt == nil).sort(\.$createdAt).all()
  }

  /// Every change to the contract's splits, newest first.
  static func changes(_ db: any Database, contract: UUID, itemID: String? = nil) async throws -> [SplitChange]
  {
    var q = SplitChange.query(on: db).filter(\.$contractID == contract)
    if let itemID { q = q.filter(\.$itemID == itemID) }
    return try await q.sort(\.$createdAt, .descending).all()
  }

  private static func load(_ db: any Database, contract: Contract, itemID: String) async throws -> (
    ChecklistAnswer, State
  ) {
    let entries = try await ExchangeEntry.query(on: db).filter(\.$contractID == contract.id!)
      .filter(\.$itemID == itemID).all()
    let answer =
      try await ChecklistAnswer.query(on: db).filter(\.$contractID == contract.id!).filter(
        \.$itemID == itemID
      )
      .first()
      ?? ChecklistAnswer(organisationID: contract.organisationID, contractID: contract.id, itemID: itemID)
    return (answer, state(entries: entries, answer: answer))
  }

  /// What the audit log keeps of an answer's split.
  struct Snapshot: Encodable {
    var owner: String
    var agreed: String
    var completedOn: String?
    var institutionConfirmed: String?
    var vendorConfirmed: String?
    init(_ a: ChecklistAnswer) {
      owner = a.owner.rawValue
      agreed = a.agreed
      completedOn = a.completedOn
      institutionConfirmed = a.institutionConfirmedBy
      vendorConfirmed = a.vendorConfirmedBy
    }
  }
}
