import BunkaiFormats
import Crypto
import Fluent
import Vapor

/// Files either side attaches to a contract, with the same limits and checks as contract uploads:
/// the type by extension, the size, and a file that actually opens.
enum Attachments {
  static let allowedExtensions = ["docx", "xlsx", "txt", "pdf"]

  static func make(_ req: Request, _ p: Participant, filename rawName: String, data: Data) async throws
    -> Attachment
  {
    let (filename, ext) = try Uploads.checkFile(
      req, name: rawName, data: data, allowed: allowedExtensions, action: "添付してください")
    // A file that does not open is refused now rather than found broken by the other side later;
    // it is opened in the intake worker, like a contract upload.
    try await Intake.attachment(req.application, data: data, filename: filename)
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

/// File responses with a Japanese file name that browsers keep (RFC 6266 filename*).
enum Downloads {
  static func file(_ data: Data, filename: String, type: HTTPMediaType) -> Response {
    let r = Response(status: .ok, body: .init(data: data))
    r.headers.contentType = type
    let ascii = String(
      filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
    let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
    r.headers.replaceOrAdd(
      name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
    return r
  }
}
