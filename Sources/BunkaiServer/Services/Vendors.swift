import Fluent
import Foundation
import SQLKit

/// Vendors (事業者) of an organisation: listing, registering and changing them, with the same
/// checks for the pages and the API.
enum Vendors {
  /// A vendor as a person types it in; `nil` leaves a value as it is on an update.
  struct Input: Sendable {
    var name: String?
    var contactName: String?
    var contactEmail: String?
    var contactPhone: String?
    var notes: String?
  }

  /// What the audit log records of a vendor.
  struct Snapshot: Encodable, Sendable {
    var name: String
    var contactName: String
    var contactEmail: String
    var contactPhone: String
    var notes: String
    init(_ v: Vendor) {
      name = v.name
      contactName = v.contactName
      contactEmail = v.contactEmail
      contactPhone = v.contactPhone
      notes = v.notes
    }
  }

  static func list(on db: any Database, org: UUID) async throws -> [Vendor] {
    try await Vendor.query(on: db).filter(\.$organisationID == org).sort(\.$name).sort(\.$id).all()
  }

  /// Contracts per vendor of the organisation, counted in SQL.
  static func contractCounts(on db: any Database, org: UUID) async throws -> [UUID: Int] {
    let sql = db as! any SQLDatabase
    var counts: [UUID: Int] = [:]
    for row in try await sql.raw(
      "SELECT vendor_id, COUNT(*) AS n FROM contracts WHERE organisation_id = \(bind: org) GROUP BY vendor_id"
    ).all() {
      counts[try row.decode(column: "vendor_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
    }
    return counts
  }

  /// The organisation's vendor, or not found: another organisation's ids look like nothing.
  static func find(on db: any Database, org: UUID, id: UUID, field: String? = nil) async throws -> Vendor {
    guard let v = try await Vendor.find(id, on: db), v.organisationID == org else {
      throw DomainError.notFound(field: field)
    }
    return v
  }

  static func create(on db: any Database, actor: Actor, _ input: Input) async throws -> Vendor {
    try actor.requireEditor()
    let v = Vendor()
    v.organisationID = actor.orgID
    v.name = ""
    v.contactName = ""
    v.contactEmail = ""
    v.contactPhone = ""
    v.notes = ""
    try apply(input, to: v, creating: true)
    try await Writes.organisation(db, org: actor.orgID) { db in
      v.$id.exists = false
      try await v.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "作成", entity: "事業者", id: v.id, after: Snapshot(v))
    }
    return v
  }

  static func update(on db: any Database, actor: Actor, vendor v: Vendor, _ input: Input) async throws
    -> Vendor
  {
    try actor.requireEditor()
    guard v.organisationID == actor.orgID else { throw DomainError.notFound() }
    let before = Snapshot(v)
    try apply(input, to: v, creating: false)
    try await Writes.organisation(db, org: actor.orgID) { db in
      try await v.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "更新", entity: "事業者", id: v.id, before: before,
        after: Snapshot(v))
    }
    return v
  }

  /// Checks every value before changing any; all problems are reported together (InvalidInput,
  /// by the API's field names: `name`, `contact.name`, `contact.email`, `contact.phone`, `notes`).
  static func apply(_ input: Input, to v: Vendor, creating: Bool) throws {
    var problems = InvalidInput()
    var name: String?
    if creating || input.name != nil {
      name = try problems.collect {
        try DomainError.text(input.name, field: "name", label: "事業者名", required: true, max: 200)
      }
    }
    let contactName = try input.contactName.flatMap { raw in
      try problems.collect { try DomainError.text(raw, field: "contact.name", label: "担当者名", max: 200) }
    }
    let contactEmail = try input.contactEmail.flatMap { raw in
      try problems.collect { () throws -> String in
        let e = try DomainError.text(raw, field: "contact.email", label: "担当者のメールアドレス", max: 254)
        if !e.isEmpty {
          do { _ = try Accounts.validEmail(e) } catch {
            throw DomainError.invalid("contact.email", "担当者のメールアドレスの形式が正しくありません（\(e)）。")
          }
        }
        return e
      }
    }
    let contactPhone = try input.contactPhone.flatMap { raw in
      try problems.collect { try DomainError.text(raw, field: "contact.phone", label: "担当者の電話番号", max: 50) }
    }
    let notes = try input.notes.flatMap { raw in
      try problems.collect { try DomainError.text(raw, field: "notes", label: "備考", max: 10_000) }
    }
    try problems.check()
    if let name { v.name = name }
    if let contactName { v.contactName = contactName }
    if let contactEmail { v.contactEmail = contactEmail }
    if let contactPhone { v.contactPhone = contactPhone }
    if let notes { v.notes = notes }
  }
}

/// Medical information systems (医療情報システム) of an organisation.
enum Systems {
  /// The kinds of system the pages offer, and the only ones accepted.
  static var categories: [String] { MedicalSystem.categories }

  struct Input: Sendable {
    var name: String?
    var category: String?
    var notes: String?
  }

  struct Snapshot: Encodable, Sendable {
    var name: String
    var category: String
    var notes: String
    init(_ s: MedicalSystem) {
      name = s.name
      category = s.category
      notes = s.notes
    }
  }

  static func list(on db: any Database, org: UUID) async throws -> [MedicalSystem] {
    try await MedicalSystem.query(on: db).filter(\.$organisationID == org).sort(\.$name).sort(\.$id).all()
  }

  static func find(on db: any Database, org: UUID, id: UUID, field: String? = nil) async throws
    -> MedicalSystem
  {
    guard let s = try await MedicalSystem.find(id, on: db), s.organisationID == org else {
      throw DomainError.notFound(field: field)
    }
    return s
  }

  static func create(on db: any Database, actor: Actor, _ input: Input) async throws -> MedicalSystem {
    try actor.requireEditor()
    let name = try DomainError.text(input.name, field: "name", label: "システム名", required: true, max: 200)
    let category = (input.category ?? "").trimmingCharacters(in: .whitespaces)
    guard !category.isEmpty else {
      throw DomainError.invalid("category", "種類を選んでください（\(categories.joined(separator: "・"))）。")
    }
    guard categories.contains(category) else {
      throw DomainError.invalid(
        "category", "種類は次のいずれかにしてください: \(categories.joined(separator: "・"))（\(category)）。")
    }
    let notes = try DomainError.text(input.notes, field: "notes", label: "備考", max: 10_000)
    let s = MedicalSystem()
    s.organisationID = actor.orgID
    s.name = name
    s.category = category
    s.notes = notes
    try await Writes.organisation(db, org: actor.orgID) { db in
      s.$id.exists = false
      try await s.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "作成", entity: "システム", id: s.id, after: Snapshot(s)
      )
    }
    return s
  }
}
