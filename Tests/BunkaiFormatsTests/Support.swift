import BunkaiTestSupport
import Foundation
import ZIPFoundation

enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  static func tempDir() -> URL {
    TestFolders.make("bunkai-test")
  }
}

/// Builds .docx files part by part, so tests control exactly what the XML holds.
enum DocxBuilder {
  static let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

  static func document(_ body: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document \(ns)><w:body>\(body)</w:body></w:document>"
  }

  static func para(_ text: String, numId: String? = nil, level: Int = 0) -> String {
    let num =
      numId.map { "<w:pPr><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\($0)\"/></w:numPr></w:pPr>" }
      ?? ""
    return "<w:p>\(num)<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
  }

  static func build(parts: [String: String], compression: CompressionMethod = .deflate) throws -> Data {
    let archive = try Archive(accessMode: .create)
    let all = parts.merging([
      "[Content_Types].xml":
        "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
    ]) { a, _ in a }
    for (name, xml) in all.sorted(by: { $0.key < $1.key }) {
      let data = Data(xml.utf8)
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression
      ) {
        position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    return archive.data!
  }
}
