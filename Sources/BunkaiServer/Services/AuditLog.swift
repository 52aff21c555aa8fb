import Fluent
import Foundation
import SQLKit
import Vapor

/// Writes the audit trail: who, when, what, and the values before and after as JSON. Every entry
/// is appended to the hash chain (AuditChain).
enum AuditLog {
  static func record(
    on db: any Database, org: UUID, user: User?, action: String, entity: String, id: UUID?,
    before: (any Encodable)? = nil, after: (any Encodable)? = nil, userName: String? = nil
  ) async throws {
    let fields = AuditChain.Fields(
      organisationID: org, userID: user?.id,
      userName: userName ?? user.map { "\($0.name) <\($0.email)>" } ?? "システム",
      side: user?.role.side, action: action, entity: entity, entityID: id, before: json(before),
      after: json(after))
    // Cached pages are invalidated by the write itself (Writes.organisation), not here: sign-ins,
    // downloads and token use are recorded and change nothing shown.
    try await AuditChain.append(on: db, fields)
  }

  static func json(_ value: (any Encodable)?) -> String {
    guard let value else { return "" }
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? String(decoding: enc.encode(value), as: UTF8.self)) ?? ""
  }

  /// A file the user took away (a document, an attachment, an export), on the contract it
  /// belongs to.
  static func download(on db: any Database, user: User, contract: Contract, file: String) async throws {
    try await record(
      on: db, org: contract.organisationID, user: user, action: "ダウンロード", entity: "契約 \(contract.title)",
      id: contract.id, after: ["file": file])
  }
}

/// The audit log as a hash chain: entry n stores SHA-256(hash of entry n-1 + its canonical
/// content), and `audit_chain` the newest n and hash. Changing a stored row, removing one or
/// slipping one in breaks the chain from there on, which `bunkai audit verify` finds.
enum AuditChain {
  static let headSchema = "audit_chain"

  /// An entry's content, before it has a place in the chain.
  struct Fields: Sendable {
    var organisationID: UUID
    var userID: UUID?
    var userName: String
    var side: Side?
    var action: String
    var entity: String
    var entityID: UUID?
    var before: String
    var after: String
  }

  /// Every stored field but the hash, each length-prefixed so no two entries read the same. The
  /// time is the stored one as read back, so the writer and the verifier see the same value.
  static func canonical(_ e: AuditEntry) -> String {
    let parts: [String] = [
      e.seq.map(String.init) ?? "", e.id?.uuidString ?? "", e.organisationID.uuidString,
      e.userID?.uuidString ?? "", e.userName, e.side?.rawValue ?? "", e.action, e.entity,
      e.entityID?.uuidString ?? "", e.before, e.after,
      e.createdAt.map { String($0.timeIntervalSince1970) } ?? "",
    ]
    return parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
  }

  static func hash(previous: String, entry: AuditEntry) -> String {
    SHA256.hash(data: Data((previous + canonical(entry)).utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// Appends one entry: the chain's head row is taken for the transaction (other writers wait),
  /// the entry stored, read back and hashed.
  static func append(on db: any Database, _ fields: Fields) async throws {
    try await Writes.transaction(db, restartable: true) { db in
      guard let sql = db as? any SQLDatabase else { return }
      guard
        let head = try await sql.raw(
          "UPDATE audit_chain SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash"
        ).first()
      else { throw Abort(.internalServerError, reason: "監査ログの連鎖の先頭（audit_chain）がありません。") }
      let seq = try head.decode(column: "seq", as: Int.self)
      let previous = try head.decode(column: "hash", as: String.self)
      let e = AuditEntry()
      e.organisationID = fields.organisationID
      e.userID = fields.userID
      e.userName = fields.userName
      e.side = fields.side
      e.action = fields.action
      e.entity = fields.entity
      e.entityID = fields.entityID
      e.before = fields.before
      e.after = fields.after
      e.seq = seq
      try await e.create(on: db)
      guard let stored = try await AuditEntry.find(e.id, on: db) else { return }
      let hash = hash(previous: previous, entry: stored)
      try await AuditEntry.query(on: db).filter(\.$id == e.id!).set(\.$chainHash, to: hash).update()
      try await sql.raw("UPDATE audit_chain SET hash = \(bind: hash) WHERE id = 1").run()
    }
  }

  /// What `bunkai audit verify` found.
  struct Verdict: Sendable {
    var checked: Int
    /// The first entry that does not fit, and why; nil: the chain is intact.
    var broken: (seq: Int?, id: UUID?, at: Date?, action: String, reason: String)?
  }

  static func verify(on db: any Database) async throws -> Verdict {
    let pageSize = 1000
    var previous = ""
    var expected = 1
    var checked = 0
    if let loose = try await AuditEntry.query(on: db).filter(\.$seq == nil).sort(\.$createdAt).first() {
      return Verdict(
        checked: 0,
        broken: (nil, loose.id, loose.createdAt, loose.action, "連鎖に属さない記録があります（後から書き加えられた可能性があります）"))
    }
    while true {
      let page = try await AuditEntry.query(on: db).filter(\.$seq >= expected).sort(\.$seq).limit(pageSize)
        .all()
      for e in page {
        let found = (e.seq!, e.id, e.createdAt, e.action)
        if e.seq != expected {
          return Verdict(
            checked: checked,
            broken: (found.0, found.1, found.2, found.3, "第\(expected)件が見つかりません（削除された可能性があります）"))
        }
        let hash = hash(previous: previous, entry: e)
        if e.chainHash != hash {
          return Verdict(
            checked: checked, broken: (found.0, found.1, found.2, found.3, "内容がハッシュと一致しません（書き換えられた可能性があります）"))
        }
        previous = hash
        expected += 1
        checked += 1
      }
      if page.count < pageSize { break }
    }
    guard let sql = db as? any SQLDatabase,
      let head = try await sql.raw("SELECT seq, hash FROM audit_chain WHERE id = 1").first()
    else {
      return Verdict(checked: checked, broken: (nil, nil, nil, "", "連鎖の先頭（audit_chain）がありません"))
    }
    let headSeq = try head.decode(column: "seq", as: Int.self)
    let headHash = try head.decode(column: "hash", as: String.self)
    if headSeq != checked {
      return Verdict(
        checked: checked,
        broken: (checked + 1, nil, nil, "", "最後の記録は第\(headSeq)件のはずですが第\(checked)件までしかありません（末尾が削除された可能性があります）")
      )
    }
    if headHash != previous {
      return Verdict(
        checked: checked, broken: (checked, nil, nil, "", "連鎖の先頭に記録されたハッシュが最後の記録と一致しません"))
    }
    return Verdict(checked: checked, broken: nil)
  }
}

extension BunkaiServer {
  /// `bunkai audit verify`: nil when the chain is intact, else a sentence naming the first entry
  /// that does not fit; and how many entries were checked.
  public static func verifyAudit(settings: ServerSettings) async throws -> (checked: Int, problem: String?) {
    try await withApp(settings) { app in
      let v = try await AuditChain.verify(on: app.db)
      guard let b = v.broken else { return (v.checked, nil) }
      var place: [String] = []
      if let seq = b.seq { place.append("第\(seq)件") }
      if let at = b.at { place.append(Format.dateTime(at)) }
      if !b.action.isEmpty { place.append("操作「\(b.action)」") }
      if let id = b.id { place.append("ID \(id.uuidString)") }
      let prefix = place.isEmpty ? "" : place.joined(separator: "、") + ": "
      return (v.checked, prefix + b.reason)
    }
  }
}
