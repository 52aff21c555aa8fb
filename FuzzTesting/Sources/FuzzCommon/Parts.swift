import BunkaiCore
import BunkaiFormats
import Foundation

/// Helpers shared by the harnesses.
public enum FuzzInput {
  /// The input as bytes.
  public static func data(_ start: UnsafeRawPointer, _ count: Int) -> Data {
    Data(UnsafeRawBufferPointer(start: start, count: count))
  }

  /// True for a zip container (the harness then goes through the zip layer too).
  public static func isZip(_ d: Data) -> Bool { d.starts(with: [0x50, 0x4B]) }

  /// The input cut at NUL bytes (which well-formed XML never holds) into up to `count` parts:
  /// one input can carry document.xml, numbering.xml and styles.xml at once.
  public static func parts(_ d: Data, count: Int) -> [Data] {
    var out: [Data] = []
    var rest = d[...]
    while out.count < count - 1, let z = rest.firstIndex(of: 0) {
      out.append(Data(rest[..<z]))
      rest = rest[(z + 1)...]
    }
    out.append(Data(rest))
    return out
  }

  /// Small limits, so a run spends its time on parsing rather than on large inputs.
  public static let limits: InputLimits = {
    var l = InputLimits()
    l.maxFileBytes = 1_048_576
    l.maxUncompressedBytes = 4 * 1_048_576
    l.maxPartBytes = 2 * 1_048_576
    l.maxTextCharacters = 200_000
    l.maxSheetCells = 200_000
    return l
  }()

  /// Checks every InputError is a message for people: Japanese and naming the file.
  public static func check(_ e: InputError, path: String) {
    precondition(e.description.hasPrefix(path), "message without the file name: \(e)")
    precondition(
      e.detail.unicodeScalars.contains {
        (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value)
      },
      "message not in Japanese: \(e)")
  }
}

/// The builtin playbook and catalogue, loaded once (a static: top-level code of a harness's
/// main.swift never runs, since libFuzzer supplies main).
public enum FuzzEngine {
  public static let catalog = try! CatalogLoader.builtin()
  public static let reviewer = Reviewer(playbook: try! PlaybookLoader.builtin(), catalog: catalog)
}
