import BunkaiFormats
import Crypto
import Fluent
import Vapor

/// Files either side attaches to a contract, with the same limits and checks as contract uploads:
/// the type by extension, the size, and a file that actually opens.
enum Attachments {
  static let allowedExtensions = ["docx", "xlsx", "txt", "pdf"]

  /// Checks a file for a contract's exchange and builds its record, not yet stored: the type by
  /// extension, the size, and a file that opens (read in the intake worker, like a contract
  /// upload). An entry on the exchange stores it with the entry; `attach` stores it alone.
  static func make(_ app: Application, _ p: Participant, filename rawName: String, data: Data) async throws
    -> Attachment
  {
    let (filename, ext) = try Uploads.checkFile(
      name: rawName, data: data, allowed: allowedExtensions, action: "添付してください",
      maxBytes: app.settings.maxUploadBytes)
    // A file that does not open is refused now rather than found broken by the other side later.
    try await Intake.attachment(app, data: data, filename: filename)
    let a = Attachment()
    a.organisationID = p.contract.organisationID
    a.contractID = p.contract.id!
    a.filename = filename
    a.format = ext
    a.size = data.count
    a.sha256 = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    a.data = data
    a.side = p.side
    a.userID = p.user.id!
    a.userName = p.user.name
    return a
  }

  /// Attaches a file to the participant's contract on its own, with its audit entry: the web page
  /// and the API share it.
  static func attach(
    _ app: Application, on db: any Database, _ p: Participant, filename: String, data: Data
  ) async throws -> Attachment {
    try p.requireWriter()
    let a = try await make(app, p, filename: filename, data: data)
    try await Writes.organisation(
      db, org: p.contract.organisationID, lock: p.contract.id!, restartable: true
    ) { db in
      a.$id.exists = false
      try await a.save(on: db)
      try await AuditLog.record(
        on: db, org: p.contract.organisationID, user: p.user, action: "添付", entity: "契約 \(p.contract.title)",
        id: a.id, after: ["filename": a.filename, "sha256": a.sha256])
    }
    return a
  }

  static func contentType(_ ext: String) -> HTTPMediaType {
    switch ext {
    case "docx":
      HTTPMediaType(
        type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
    case "xlsx":
      HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    case "pdf": .pdf
    case "html": .html
    case "md": HTTPMediaType(type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
    default: .plainText
    }
  }
}
