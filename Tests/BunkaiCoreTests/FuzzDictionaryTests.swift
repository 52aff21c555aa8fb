import Foundation
import Testing

/// libFuzzer reads a dictionary line by line and stops the whole run at a line it cannot parse: a
/// word outside ASCII must be written as \xNN escapes (a raw 「改正前」 ended the CI's fuzz stage).
@Suite struct FuzzDictionaryTests {
  @Test func everyDictionaryLineIsAsciiAndQuoted() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("FuzzTesting/dict")
    let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
      $0.hasSuffix(".dict")
    }
    #expect(!files.isEmpty)
    for f in files {
      let text = try String(contentsOf: root.appendingPathComponent(f), encoding: .utf8)
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.isEmpty || line.hasPrefix("#") { continue }
        let ascii = line.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "\(f):\(n + 1) has a character outside ASCII")
        #expect(line.hasPrefix("\"") && line.hasSuffix("\""), "\(f):\(n + 1) is not a quoted word")
      }
    }
  }
}
