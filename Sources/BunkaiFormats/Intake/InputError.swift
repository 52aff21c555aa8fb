import Foundation

/// Why an input could not be read. Messages are in Japanese and name the file.
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
  public enum Kind: String, Sendable {
    case notFound, isDirectory, unreadable, empty, tooLarge, undecodable, corruptDocx, zipBomb, noPdfTool,
      pdfFailed, unsupported
  }
  public var path: String
  public var kind: Kind
  public var detail: String

  public init(_ path: String, _ kind: Kind, _ detail: String) {
    self.path = path
    self.kind = kind
    self.detail = detail
  }

  public var description: String { "\(path): \(detail)" }
}

/// Limits that protect against oversized or hostile input. Defaults are documented in docs/cli.md.
public struct InputLimits: Sendable {
  /// Largest input file, in bytes.
  public var maxFileBytes: Int = 20 * 1024 * 1024
  /// Largest number of entries in a .docx (zip) archive.
  public var maxZipEntries: Int = 2_000
  /// Largest total uncompressed size of the parts of a .docx that Bunkai reads.
  public var maxUncompressedBytes: Int = 200 * 1024 * 1024
  /// Largest compression ratio of one part (uncompressed / compressed).
  public var maxCompressionRatio: Int = 200

  public init() {}
}
