import BunkaiCore
import BunkaiFormats
import Crypto
import Fluent
import Vapor

/// Stores an uploaded contract document and its review in one transaction: either both are
/// there, or nothing is.
package enum Uploads {
  static let allowedExtensions = ["docx", "txt", "pdf"]

  package struct Outcome: Sendable {
    var document: ContractDocument
    package var review: ReviewRecord
  }

  /// Checks, reads and reviews an uploaded contract document, then stores it (`save`).
  static func store(
    _ app: Application, on db: any Database, actor: Actor, contract: Contract, filename rawName: String,
    data: Data
  ) async throws -> Outcome {
    try actor.requireEditor()
    guard contract.organisationID == actor.orgID else { throw DomainError.notFound() }
    let (filename, _) = try checkFile(
      name: rawName, data: data, allowed: allowedExtensions, action: "アップロードしてください",
      maxBytes: app.settings.maxUploadBytes)
    // Read and reviewed in the intake worker: a hostile file costs this upload a 422, no more.
    let reviewed = try await Intake.contract(app, data: data, filename: filename)
    return try await save(
      on: db, actor: actor, contract: contract, filename: filename, data: data, reviewed: reviewed)
  }

  /// The checks every uploaded file gets, contract or attachment: a plain file name, an accepted
  /// type by extension, and the size limit. Returns the file name and its extension.
  static func checkFile(
    name rawName: String, data: Data, allowed: [String], action: String, maxBytes max: Int
  )
    throws -> (filename: String, ext: String)
  {
    let filename = (rawName as NSString).lastPathComponent
    let ext = (filename as NSString).pathExtension.lowercased()
    guard allowed.contains(ext) else {
      let list = allowed.map { "." + $0 }.joined(separator: "、")
      throw Abort(
        .unsupportedMediaType,
        reason: "\(filename.isEmpty ? "ファイル" : filename): 対応していない形式です。\(list) のいずれかを\(action)。")
    }
    guard data.count <= max else {
      throw Abort(.payloadTooLarge, reason: "\(filename): ファイルが大きすぎます（上限 \(max / 1_048_576) MB）。")
    }
    return (filename, ext)
  }

  package typealias Reviewed = Intake.Reviewed

  /// Stores the document, its review and the contract's new open counts in one transaction.
  package static func save(
    on db: any Database, actor: Actor, contract: Contract, filename: String, data: Data, reviewed: Reviewed
  ) async throws -> Outcome {
    let sha = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    // The contract's lock makes the next version number this upload's alone.
    return try await Writes.organisation(
      db, org: contract.organisationID, lock: contract.id!, restartable: true
    ) { db in
      let last = try await ContractDocument.query(on: db).filter(\.$contractID == contract.id!)
        .sort(\.$version, .descending).first()
      let doc = ContractDocument()
      doc.organisationID = actor.orgID
      doc.contractID = contract.id!
      doc.version = (last?.version ?? 0) + 1
      doc.filename = filename
      doc.format = reviewed.source.format
      doc.encoding = reviewed.source.encoding
      doc.size = data.count
      doc.sha256 = sha
      doc.bytes = data
      doc.text = reviewed.source.text
      doc.uploadedBy = actor.id
      try await doc.save(on: db)
      var previous: (review: ReviewRecord, text: String)?
      if let last, let r = try await Carryover.newestReview(on: db, document: last.id!) {
        previous = (r, last.text)
      }
      let review = try await storeReview(
        on: db, actor: actor, contract: contract, document: doc, reviewed: reviewed, previous: previous)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "アップロード", entity: "契約書", id: doc.id,
        after: [
          "contract": contract.title, "filename": filename, "version": String(doc.version), "sha256": sha,
        ])
      return Outcome(document: doc, review: review)
    }
  }

  /// Inside a write: stores the review of a stored document version, carries the previous review
  /// forward (the previous version's, or for a re-check the same version's), and sets the
  /// contract's latest review and open counts. The upload and the periodic re-check share it.
  static func storeReview(
    on db: any Database, actor: Actor, contract: Contract, document doc: ContractDocument, reviewed: Reviewed,
    previous: (review: ReviewRecord, text: String)?
  ) async throws -> ReviewRecord {
    let review = ReviewRecord()
    review.organisationID = actor.orgID
    review.contractID = contract.id!
    review.documentID = doc.id!
    review.playbook = reviewed.playbook
    review.resultJSON = reviewed.json
    let counts = OpenCounts(reviewed.severities)
    review.highCount = counts.high
    review.mediumCount = counts.medium
    review.lowCount = counts.low
    try await review.save(on: db)
    // A new review carries the previous one forward (comparison, decisions that persist).
    var open = counts
    if let previous, let current = try? StoredReview.decode(reviewed.json) {
      let carried = try await Carryover.carry(
        on: db, actor: actor, previous: previous.review, previousText: previous.text, review: review,
        current: current, currentText: reviewed.source.text)
      if !carried.isEmpty {
        open = OpenCounts.of(
          current, decisions: carried,
          acceptances: try await RiskAcceptances.forReview(on: db, reviewID: review.id!))
      }
    }
    contract.latestReviewID = review.id
    open.apply(to: contract)
    try await contract.save(on: db)
    return review
  }
}

/// Findings still open, by severity.
struct OpenCounts: Sendable {
  var high = 0
  var medium = 0
  var low = 0

  init(_ severities: [String]) {
    for s in severities {
      switch s {
      case "high": high += 1
      case "medium": medium += 1
      default: low += 1
      }
    }
  }

  func apply(to contract: Contract) {
    contract.openHigh = high
    contract.openMedium = medium
    contract.openLow = low
  }

  /// The open findings of a review given its decisions (newest per finding counts) and its risk
  /// acceptances (by 0-based finding): "not needed" on a high-severity finding stays open until an
  /// executive's acceptance is signed and has not expired on `today` (Japan).
  static func of(
    _ review: StoredReview, decisions: [Decision], acceptances: [Int: [RiskAcceptance]] = [:],
    today: String = JapanTime.today()
  ) -> OpenCounts {
    OpenCounts(
      RiskAcceptances.openFindings(review, decisions: decisions, acceptances: acceptances, today: today)
        .map(\.severity))
  }
}

enum Decisions {
  /// The newest decision per finding index.
  static func latest(_ decisions: [Decision]) -> [Int: Decision] {
    var out: [Int: Decision] = [:]
    for d in decisions.sorted(by: { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }) {
      out[d.findingIndex] = d
    }
    return out
  }
}
