import Foundation
import Testing

@testable import BunkaiFormats

/// Limits are settings now (server environment, CLI options): any value a person can type must
/// work, the largest included.
@Suite struct LimitSettingTests {
  static let docx: Data = {
    let xml = DocxBuilder.document(DocxBuilder.para("第1条（目的）") + DocxBuilder.para("乙は、甲の電子カルテシステムを保守する。"))
    return try! DocxBuilder.build(parts: ["word/document.xml": xml])
  }()

  /// Every limit at Int.max: nothing overflows (a ratio times the compressed size used to trap).
  @Test func largestValuesDoNotOverflow() throws {
    var limits = InputLimits()
    limits.maxFileBytes = .max
    limits.maxZipEntries = .max
    limits.maxUncompressedBytes = .max
    limits.maxPartBytes = .max
    limits.maxTextCharacters = .max
    limits.maxSheetCells = .max
    limits.maxCompressionRatio = .max
    let text = try DocxReader.read(Self.docx, path: "a.docx", limits: limits).text
    #expect(text == "第1条（目的）\n乙は、甲の電子カルテシステムを保守する。")
  }

  /// The smallest values refuse with the limit named.
  @Test func smallestValuesRefuseWithTheLimitNamed() throws {
    var limits = InputLimits()
    limits.maxTextCharacters = 1
    let error = #expect(throws: InputError.self) {
      try DocxReader.read(Self.docx, path: "a.docx", limits: limits)
    }
    #expect(error?.description.contains("上限 1 文字") == true)
  }
}
