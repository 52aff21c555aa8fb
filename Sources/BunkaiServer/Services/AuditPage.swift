import Fluent
import Foundation
import Vapor

/// The audit page: one page of an organisation's audit entries, newest first, each told as a
/// sentence (who did what, on which contract) with its changed values listed field by field.
enum AuditPage {
  static let pageSize = 100

  struct Detail: Encodable {
    var field: String
    var before: String
    var after: String
  }
  struct Item: Encodable {
    var seq: Int
    var at: String
    var who: String
    var side: String
    var what: String
    var contract: String?
    var contractLink: String?
    var details: [Detail]
  }
  struct Context: Encodable {
    var page: Page
    var entries: [Item]
    var pageNumber: Int
    var pageCount: Int
    var total: Int
    var newer: String?
    var older: String?
  }

  /// Page `number` (1: the newest) of the organisation's entries.
  static func load(_ db: any Database, org: UUID, number: Int, page: Page) async throws -> Context {
    let base = AuditEntry.query(on: db).filter(\.$organisationID == org)
    let total = try await base.count()
    let pageCount = max(1, (total + pageSize - 1) / pageSize)
    let number = min(max(1, number), pageCount)
    let entries = try await AuditEntry.query(on: db).filter(\.$organisationID == org)
      .sort(\.$seq, .descending).sort(\.$createdAt, .descending)
      .range(((number - 1) * pageSize)..<(number * pageSize)).all()
    let titles = try await contractTitles(db, org: org, ids: Set(entries.compactMap(\.entityID)))
    return Context(
      page: page,
      entries: entries.map { e in
        let contract = e.entityID.flatMap { titles[$0] }
        return Item(
          seq: e.seq ?? 0, at: Format.dateTime(e.createdAt), who: e.userName, side: e.side?.label ?? "",
          what: sentence(action: e.action, entity: e.entity), contract: contract?.title,
          contractLink: contract.map { Paths.contract($0.id) },
          details: details(before: e.before, after: e.after))
      }, pageNumber: number, pageCount: pageCount, total: total,
      newer: number > 1 ? "\(Paths.audit)?page=\(number - 1)" : nil,
      older: number < pageCount ? "\(Paths.audit)?page=\(number + 1)" : nil)
  }

  /// The contract each entry is about: the contract itself, or the contract of a review or a
  /// document.
  static func contractTitles(_ db: any Database, org: UUID, ids: Set<UUID>) async throws
    -> [UUID: (id: UUID, title: String)]
  {
    guard !ids.isEmpty else { return [:] }
    let list = Array(ids)
    var owner: [UUID: UUID] = [:]
    for r in try await ReviewRecord.query(on: db).filter(\.$id ~~ list).filter(\.$organisationID == org).all()
    {
      owner[r.id!] = r.contractID
    }
    for d in try await ContractDocument.query(on: db).filter(\.$id ~~ list).filter(\.$organisationID == org)
      .field(\.$id).field(\.$contractID).all()
    {
      owner[d.id!] = d.contractID
    }
    let contractIDs = Array(Set(list + owner.values))
    let contracts = try await Contract.query(on: db).filter(\.$id ~~ contractIDs)
      .filter(\.$organisationID == org).all()
    let byID = Dictionary(uniqueKeysWithValues: contracts.map { ($0.id!, $0.title) })
    var out: [UUID: (id: UUID, title: String)] = [:]
    for id in ids {
      let cid = owner[id] ?? id
      if let title = byID[cid] { out[id] = (cid, title) }
    }
    return out
  }

  /// What was done, as a sentence: the recorded action is a noun (作成, ログイン失敗 …).
  static func sentence(action: String, entity: String) -> String {
    switch action {
    case "作成": "「\(entity)」を作成しました"
    case "更新": "「\(entity)」を更新しました"
    case "アップロード": "\(entity)をアップロードしました"
    case "判断": "「\(entity)」への対応を判断しました"
    case "取り消し": "「\(entity)」を取り消しました"
    case "取り込み": "\(entity)を取り込みました"
    case "承認": "\(entity)を承認しました"
    case "招待": "事業者を「\(entity)」に招待しました"
    case "招待の受諾": "\(entity)への招待を受けました"
    case "権限変更": "「\(entity)」の権限を変更しました"
    case "添付": "「\(entity)」にファイルを添付しました"
    case "無効化": "\(entity)を無効にしました"
    case "ログイン": "ログインしました"
    case "ログイン失敗": "「\(entity)」としてのログインに失敗しました"
    case "ログイン停止中の試行": "「\(entity)」としてログインしようとしましたが、失敗が続いたため止められています"
    case "ダウンロード": "「\(entity)」のファイルをダウンロードしました"
    case "APIトークン使用": "「\(entity)」で API を使いました"
    default: "\(entity)：\(action)"
    }
  }

  static let fieldNames: [String: String] = [
    "address": "接続元", "attachment": "添付ファイル", "contract": "契約", "email": "メールアドレス",
    "expires": "有効期限", "file": "ファイル", "filename": "ファイル名", "finding": "指摘", "items": "項目数",
    "kind": "種類", "label": "名前", "name": "名前", "path": "URL", "reason": "理由", "role": "権限",
    "text": "内容", "user": "利用者", "version": "版", "waitSeconds": "待ち時間（秒）", "wording": "文言",
    "title": "件名", "status": "状態", "startDate": "開始日", "endDate": "終了日", "noticeDeadline": "通知期限",
    "autoRenewal": "自動更新", "decision": "判断", "note": "メモ", "scope": "業務の範囲", "dataHandled": "取り扱う情報",
    "equalDuties": "同等の義務を課した", "inUse": "利用中", "endOn": "終了日", "approvedOn": "承認日",
    "approvedBy": "承認した人",
  ]

  /// The recorded values, one field a row (a value that is not a JSON object is one row).
  static func details(before: String, after: String) -> [Detail] {
    let b = fields(before)
    let a = fields(after)
    let keys = Array(Set(b.keys).union(a.keys)).sorted()
    return keys.compactMap { key in
      let old = readable(key, b[key] ?? "")
      let new = readable(key, a[key] ?? "")
      if !before.isEmpty && old == new { return nil }
      return Detail(field: fieldNames[key] ?? key, before: old, after: new)
    }
  }

  /// Stored codes as their names (a role's raw value as 管理者 …).
  static func readable(_ key: String, _ value: String) -> String {
    if key == "role", let role = Role(rawValue: value) { return role.label }
    return value
  }

  static func fields(_ json: String) -> [String: String] {
    guard !json.isEmpty else { return [:] }
    let data = Data(json.utf8)
    if let dict = try? JSONDecoder().decode([String: Value].self, from: data) {
      return dict.mapValues(\.text)
    }
    if let value = try? JSONDecoder().decode(Value.self, from: data) { return ["": value.text] }
    return ["": json]
  }

  /// One recorded JSON value, as a person reads it.
  enum Value: Decodable {
    case text(String)

    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        self = .text("")
      } else if let b = try? c.decode(Bool.self) {
        self = .text(b ? "はい" : "いいえ")
      } else if let s = try? c.decode(String.self) {
        self = .text(s)
      } else if let i = try? c.decode(Int.self) {
        self = .text(String(i))
      } else if let d = try? c.decode(Double.self) {
        self = .text(String(d))
      } else if let list = try? c.decode([Value].self) {
        self = .text(list.map(\.text).joined(separator: "、"))
      } else {
        let dict = try c.decode([String: Value].self)
        self = .text(dict.keys.sorted().map { "\($0): \(dict[$0]!.text)" }.joined(separator: "、"))
      }
    }

    var text: String {
      switch self {
      case .text(let s): s
      }
    }
  }
}
