import Foundation
import ZIPFoundation

/// The parts of an Office Open XML file (docx, xlsx), zipped in memory in the order added.
struct OOXMLPackage {
  private var parts: [(name: String, data: Data)] = []

  mutating func add(_ name: String, _ xml: String) { parts.append((name, Data(xml.utf8))) }

  mutating func add(_ name: String, data: Data) { parts.append((name, data)) }

  /// The zip bytes. A fixed modification date keeps output reproducible.
  func zip() throws -> Data {
    let archive = try Archive(accessMode: .create)
    for part in parts {
      try OOXMLPackage.add(part.data, as: part.name, to: archive)
    }
    guard let data = archive.data else { throw OfficeWriteError("ZIP を作成できませんでした") }
    return data
  }

  static let fixedDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

  static func add(
    _ data: Data, as name: String, to archive: Archive, date: Date = fixedDate,
    compression: CompressionMethod = .deflate
  ) throws {
    try archive.addEntry(
      with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
      compressionMethod: compression
    ) { position, size in
      data.subdata(in: Int(position)..<Int(position) + size)
    }
  }
}

/// Why a document could not be written. Messages are for people, in Japanese.
public struct OfficeWriteError: Error, Sendable, CustomStringConvertible, Equatable {
  public var detail: String
  public init(_ detail: String) { self.detail = detail }
  public var description: String { detail }
}

/// Text for XML content and attribute values.
enum XMLText {
  /// Escapes markup characters and drops characters XML 1.0 cannot hold (control characters),
  /// which would make Word refuse the whole file.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(u)
      default:
        let v = u.value
        if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}
