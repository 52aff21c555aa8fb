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
public struct InputLimits: Sendable, Equatable {
  /// Largest input file, in bytes.
  public var maxFileBytes: Int = 20 * 1024 * 1024
  /// Largest number of entries in a .docx (zip) archive.
  public var maxZipEntries: Int = 2_000
  /// Largest total uncompressed size of the parts of a .docx that Bunkai reads.
  public var maxUncompressedBytes: Int = 96 * 1024 * 1024
  /// Largest uncompressed size of one XML part (word/document.xml, a worksheet). Each part is
  /// held in memory once while it is read, so this bounds the memory one upload can take.
  public var maxPartBytes: Int = 48 * 1024 * 1024
  /// Largest text of a contract, in characters (Unicode scalars), whatever the format. Review
  /// memory grows with the text; a contract of 1,000 pages has about 1,000,000.
  public var maxTextCharacters: Int = 1_000_000
  /// Largest number of cells of one worksheet, counting the empty cells up to the last one of
  /// each row, and of shared strings in a workbook (the official checklist form has a few
  /// thousand of each).
  public var maxSheetCells: Int = 200_000
  /// Largest compression ratio of one part (uncompressed / compressed).
  public var maxCompressionRatio: Int = 200

  public init() {}
}
