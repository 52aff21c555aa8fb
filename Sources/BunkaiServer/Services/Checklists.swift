import BunkaiCore
import BunkaiFormats
import Fluent
import Foundation
import Vapor

/// The checklist of an organisation: the catalogue in force, its rows with answers, coverage from
/// the review, saving and CSV.
package enum Checklists {
  /// The built-in catalogue merged with the organisation's newest imported version.
  package static func catalog(_ db: any Database, engine: Engine, org: UUID) async throws -> (
    ChecklistCatalog, CatalogVersion?
  ) {
    guard
      let latest = try await CatalogVersion.query(on: db).filter(\.$organisationID == org)
        .sort(\.$version, .descending).first()
    else { return (engine.builtinCatalog, nil) }
    let imported = try CatalogLoader.load(yaml: latest.yaml, file: "catalog v\(latest.version)")
    return (engine.builtinCatalog.merged(with: imported), latest)
  }

  /// Items of Part1, or of Part2 in the sections that apply to the contract's kind.
  package static func items(_ catalog: ChecklistCatalog, contract: Contract?) -> [ChecklistItem] {
    guard let contract else { return catalog.items.filter { $0.part == 1 } }
    let sections = Set(contract.kind.sections)
    return catalog.items.filter { $0.part == 2 && sections.contains($0.section ?? "A") }
  }

  static func answers(_ db: any Database, org: UUID, contractID: UUID?) async throws -> [String:
    ChecklistAnswer]
  {
    var q = ChecklistAnswer.query(on: db).filter(\.$organisationID == org)
    if let contractID {
      q = q.filter(\.$contractID == contractID)
    } else {
      q = q.filter(\.$contractID == nil)
    }
    return Dictionary(try await q.all().map { ($0.itemID, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// Articles that cover each item, from the review: the articles in the scope topics of every
  /// rule tied to the item.
  static func coverage(_ review: StoredReview?, playbook: Playbook) -> [String: [String]] {
    guard let review else { return [:] }
    var out: [String: [String]] = [:]
    for rule in playbook.rules where !rule.scopeTopics.isEmpty {
      let topics = Set(rule.scopeTopics)
      let numbers = review.document.articles.filter { !topics.isDisjoint(with: $0.topics) }.map(\.number)
      for item in rule.checklistItems {
        for n in numbers where !(out[item]?.contains(n) ?? false) { out[item, default: []].append(n) }
      }
    }
    return out
  }

  /// One answer as a form or the API sends it.
  struct AnswerInput: Codable, Sendable {
    var initial: String?
    var completedOn: String?
    var owner: String?
    var agreed: String?
    var notes: String?
    var articles: String?
    /// The articles the page suggested; an untouched new row holding only them is not saved.
    var suggested: String?
  }

  /// Saves a checklist in one transaction: the first-meeting date (when `updateMeeting`; on the
  /// contract for Part2, on the organisation for Part1) and the answers. Returns the answers changed.
  static func save(
    on db: any Database, engine: Engine, actor: Actor, contract: Contract?, updateMeeting: Bool,
    meeting: String?, inputs: [String: AnswerInput]
  ) async throws -> Int {
    try actor.requireEditor()
    let (catalog, _) = try await catalog(db, engine: engine, org: actor.orgID)
    return try await Writes.organisation(
      db, org: actor.orgID, lock: contract?.id ?? actor.orgID, restartable: true
    ) { db in
      if updateMeeting {
        if let contract {
          if contract.firstMeetingOn != meeting {
            contract.firstMeetingOn = meeting
            try await contract.save(on: db)
          }
        } else if let org = try await Organisation.find(actor.orgID, on: db), org.part1CheckedOn != meeting {
          org.part1CheckedOn = meeting
          try await org.save(on: db)
        }
      }
      return try await save(db, actor: actor, contract: contract, catalog: catalog, inputs: inputs)
    }
  }

  /// The catalogue in force, as the checklist pages name it.
  static func label(_ version: CatalogVersion?) -> String {
    version.map { "取り込んだカタログ 第\($0.version)版（\($0.label)）" } ?? "組み込みカタログ（公式の項目名は一部のみ）"
  }

  /// Validates and saves answers keyed by item id; one audit entry per changed answer.
  static func save(
    _ db: any Database, actor: Actor, contract: Contract?, catalog: ChecklistCatalog,
    inputs: [String: AnswerInput]
  ) async throws -> Int {
    let valid = Set(items(catalog, contract: contract).map(\.id))
    for (id, input) in inputs {
      guard valid.contains(id) else {
        throw DomainError.invalid("answers[\(id)].itemId", "項番 \(id): この確認表にない項目です。")
      }
      if let v = input.initial, InitialAnswer(rawValue: v) == nil {
        throw DomainError.invalid(
          "answers[\(id)].initial", "項番 \(id) の初回確認: はい/いいえ/未回答（yes/no/unanswered）のいずれかにしてください（\(v)）。")
      }
      if let v = input.owner, Owner(rawValue: v) == nil {
        throw DomainError.invalid(
          "answers[\(id)].owner",
          "項番 \(id) の担当: 医療機関/事業者/共同/対象外（institution/vendor/joint/notApplicable）のいずれかにしてください（\(v)）。")
      }
      if let d = input.completedOn?.trimmingCharacters(in: .whitespaces), !d.isEmpty, !isDate(d) {
        throw DomainError.invalid(
          "answers[\(id)].completedOn", "項番 \(id) の完了日: 日付は YYYY-MM-DD の形で入力してください（\(d)）。")
      }
    }
    var existing = try await answers(db, org: actor.orgID, contractID: contract?.id)
    var changed = 0
    for (id, input) in inputs.sorted(by: { $0.key < $1.key }) {
      let answer =
        existing[id] ?? ChecklistAnswer(organisationID: actor.orgID, contractID: contract?.id, itemID: id)
      let before = Snapshot(answer)
      if let v = input.initial { answer.initial = InitialAnswer(rawValue: v)! }
      if let v = input.owner { answer.owner = Owner(rawValue: v)! }
      if let v = input.completedOn?.trimmingCharacters(in: .whitespaces) {
        answer.completedOn = v.isEmpty ? nil : v
      }
      if let v = input.agreed { answer.agreed = v }
      if let v = input.notes { answer.notes = v }
      if let v = input.articles { answer.articles = normalizeArticles(v) }
      let after = Snapshot(answer)
      if answer.id == nil {
        var untouched = Snapshot(ChecklistAnswer(organisationID: actor.orgID, contractID: nil, itemID: id))
        untouched.articles = normalizeArticles(input.suggested ?? "")
        if after == untouched { continue }
      } else if before == after {
        continue
      }
      // A change to the split both sides confirmed withdraws their confirmations (see Exchange).
      let withdrawn =
        (before.owner != after.owner || before.agreed != after.agreed) && answer.isConfirmedByEither
      if withdrawn { answer.withdrawConfirmations() }
      answer.updatedBy = actor.id
      try await answer.save(on: db)
      existing[id] = answer
      changed += 1
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: withdrawn ? "回答（分担の確認を取り消し）" : "回答",
        entity: "確認表 \(id)", id: contract?.id, before: before, after: after)
    }
    return changed
  }

  struct Snapshot: Codable, Equatable {
    var initial: String
    var completedOn: String?
    var owner: String
    var agreed: String
    var notes: String
    var articles: String
    init(_ a: ChecklistAnswer) {
      initial = a.initial.rawValue
      completedOn = a.completedOn
      owner = a.owner.rawValue
      agreed = a.agreed
      notes = a.notes
      articles = a.articles
    }
  }

  /// A real calendar day written YYYY-MM-DD (2026-02-31 is not one).
  static func isDate(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return false }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)) else { return false }
    let back = calendar.dateComponents([.year, .month, .day], from: date)
    return back.year == y && back.month == m && back.day == d
  }

  /// "第5条, 12の2" → "5,12の2".
  static func normalizeArticles(_ raw: String) -> String {
    raw.split(whereSeparator: { ",、， ".contains($0) }).map {
      $0.replacingOccurrences(of: "第", with: "").replacingOccurrences(of: "条", with: "")
    }.filter { !$0.isEmpty }.joined(separator: ",")
  }

  /// The checklist as CSV (UTF-8 with BOM so Excel reads it), in the official form's columns plus ours.
  static func csv(items: [ChecklistItem], answers: [String: ChecklistAnswer], firstMeeting: String?) -> String
  {
    var rows = [["項番", "項目", "内容", "初回確認", "初回確認日", "完了日", "担当", "合意内容", "備考", "関連条項"]]
    for item in items {
      let a = answers[item.id]
      rows.append([
        item.id, item.displayTitle, item.content ?? "", (a?.initial ?? .unanswered).label, firstMeeting ?? "",
        a?.completedOn ?? "", (a?.owner ?? .unset).label, a?.agreed ?? "", a?.notes ?? "",
        a?.articles ?? "",
      ])
    }
    return "\u{FEFF}" + rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n")
      + "\r\n"
  }

  /// One CSV field, formula-safe and quoted by scalar (one escape for every CSV Bunkai writes).
  static func csvField(_ s: String) -> String { CSVText.field(s) }

}
