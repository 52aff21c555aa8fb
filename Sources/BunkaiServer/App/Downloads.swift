import Vapor

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

extension Request {
  /// Records in the audit log that the signed-in user took a file away (a document, an
  /// attachment, an export) from `contract`. Recording must not cost the user the file: a failure
  /// is logged instead.
  func recordDownload(contract: Contract, file: String) async {
    guard let user = auth.get(User.self) else { return }
    do {
      try await AuditLog.download(on: db, user: user, contract: contract, file: file)
    } catch {
      logger.error("audit: download not recorded: \(String(reflecting: error))")
    }
  }
}
