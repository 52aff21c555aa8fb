import Foundation

/// Why an office file did not become a PDF, said for people.
public enum PDFConversionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// LibreOffice (`soffice`) is not installed.
  case unavailable
  /// LibreOffice did not finish within the time limit (seconds).
  case timedOut(Int)
  /// LibreOffice ran but wrote no PDF.
  case failed

  public var description: String {
    switch self {
    case .unavailable: "PDF の作成には LibreOffice（soffice）が必要です。Word か Excel の形式をお使いください。"
    case .timedOut(let s): "LibreOffice での PDF への変換が \(s) 秒以内に終わりませんでした。Word か Excel の形式をお使いください。"
    case .failed: "LibreOffice で PDF に変換できませんでした。Word か Excel の形式をお使いください。"
    }
  }
}

/// PDF through LibreOffice, when it is installed.
public enum PDFConverter {
  public static func soffice() -> String? { ExternalProcess.find("soffice") }

  /// Converts an office file (`ext`: docx, xlsx) to PDF in a private LibreOffice profile
  /// (instances must not share one). LibreOffice runs as a child with a time limit, waited for off
  /// the cooperative pool.
  public static func convert(_ data: Data, ext: String, timeout: Double) async throws -> Data {
    guard let soffice = soffice() else { throw PDFConversionError.unavailable }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bunkai-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("annex.\(ext)")
    try data.write(to: input)
    let run = try await ExternalProcess.run(
      soffice,
      [
        "-env:UserInstallation=file://\(dir.path)/profile", "--headless", "--convert-to", "pdf", "--outdir",
        dir.path, input.path,
      ], timeout: timeout, maxOutputBytes: 1_048_576)
    if run.timedOut { throw PDFConversionError.timedOut(Int(timeout)) }
    guard let pdf = try? Data(contentsOf: dir.appendingPathComponent("annex.pdf")),
      pdf.starts(with: Data("%PDF".utf8))
    else { throw PDFConversionError.failed }
    return pdf
  }
}
