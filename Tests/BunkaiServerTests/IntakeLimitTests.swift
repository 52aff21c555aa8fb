import BunkaiFormats
import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// The intake limits are settings: lowered from the environment, they reach the worker, and a
/// file past one is refused with a Japanese message that names the limit and its value.
@Suite("Intake limits")
struct IntakeLimitTests {
  @Test func environmentSetsEveryLimit() throws {
    let env = [
      "BUNKAI_MAX_UPLOAD_MB": "5", "BUNKAI_INTAKE_MAX_PART_MB": "2", "BUNKAI_INTAKE_MAX_CHARACTERS": "5000",
      "BUNKAI_INTAKE_MAX_CELLS": "300", "BUNKAI_INTAKE_MAX_ZIP_ENTRIES": "50",
      "BUNKAI_INTAKE_MAX_UNCOMPRESSED_MB": "7", "BUNKAI_INTAKE_MAX_RATIO": "40",
      "BUNKAI_INTAKE_CPU_SECONDS": "9",
      "BUNKAI_INTAKE_MEMORY_MB": "512",
    ]
    let s = ServerSettings.from(dataDir: "/tmp/x", environment: env)
    #expect(s.maxUploadBytes == 5 * 1_048_576)
    #expect(s.intake.limits.maxPartBytes == 2 * 1_048_576)
    #expect(s.intake.limits.maxTextCharacters == 5000)
    #expect(s.intake.limits.maxSheetCells == 300)
    #expect(s.intake.limits.maxZipEntries == 50)
    #expect(s.intake.limits.maxUncompressedBytes == 7 * 1_048_576)
    #expect(s.intake.limits.maxCompressionRatio == 40)
    #expect(s.intake.cpuSeconds == 9)
    #expect(s.intake.memoryMB == 512)
    // Nonsense keeps the defaults; a huge value does not overflow.
    let odd = ServerSettings.from(
      dataDir: "/tmp/x",
      environment: [
        "BUNKAI_INTAKE_MAX_CHARACTERS": "-1", "BUNKAI_INTAKE_MAX_CELLS": "many",
        "BUNKAI_INTAKE_MAX_PART_MB": "99999999999999999", "BUNKAI_MAX_UPLOAD_MB": "0",
      ])
    #expect(odd.intake.limits.maxTextCharacters == 1_000_000)
    #expect(odd.intake.limits.maxSheetCells == 200_000)
    #expect(odd.intake.limits.maxPartBytes > 48 * 1_048_576)
    #expect(odd.maxUploadBytes == 20 * 1_048_576)
    let defaults = ServerSettings.from(dataDir: "/tmp/x", environment: [:])
    #expect(defaults.intake.limits.maxPartBytes == 48 * 1_048_576)
    #expect(defaults.intake.limits.maxTextCharacters == 1_000_000)
    #expect(defaults.intake.limits.maxSheetCells == 200_000)
  }

  static let contract = """
    保守契約書
    第1条（目的）
    乙は、甲の電子カルテシステムを保守する。
    第2条（再委託）
    乙は、甲の書面による承諾を得て、業務の一部を第三者に委託することができる。
    """

  /// Lowered in the settings, the character limit stops an upload in the worker (and in the
  /// server's own process when configured so), naming the limit; the default lets it through.
  @Test(arguments: [true, false]) func loweredCharacterLimitIsNamed(worker: Bool) async throws {
    var intake = IntakeSettings.from(environment: ["BUNKAI_INTAKE_MAX_CHARACTERS": "40"])
    if !worker { intake.mode = .inProcess }
    try await TestApp.run(intake: intake) { app in
      let s = try await IntakeWorkerTests.setUp(app)
      let res = try await IntakeWorkerTests.upload(
        app, s, filename: "保守契約.txt", data: Data(Self.contract.utf8))
      #expect(res.status == .unprocessableEntity)
      let message = IntakeWorkerTests.message(res)
      #expect(message.contains("保守契約.txt"))
      #expect(message.contains("本文が長すぎます（上限 40 文字）"))
    }
    try await TestApp.run { app in
      let s = try await IntakeWorkerTests.setUp(app)
      let res = try await IntakeWorkerTests.upload(
        app, s, filename: "保守契約.txt", data: Data(Self.contract.utf8))
      #expect(res.status == .created || res.status == .ok, "\(res.body.string)")
    }
  }

  /// A valid .docx whose document.xml is over a lowered part limit (1 MB) is refused by size,
  /// not called broken.
  @Test func loweredPartLimitIsNamed() async throws {
    let wml = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    // Text that does not compress much (kanji in a pseudo-random order), so the part is refused
    // by its size and not by its compression ratio.
    var seed: UInt32 = 12_345
    var body = ""
    while body.utf8.count < 1_200_000 {
      var text = ""
      for _ in 0..<60 {
        seed = seed &* 1_103_515_245 &+ 12_345
        text.unicodeScalars.append(Unicode.Scalar(0x4E00 + (seed >> 8) % 0x5000)!)
      }
      body += "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>"
    }
    let xml = "<?xml version=\"1.0\"?><w:document xmlns:w=\"\(wml)\"><w:body>\(body)</w:body></w:document>"
    let docx = try IntakeWorkerTests.docx(parts: ["word/document.xml": Data(xml.utf8)])
    let intake = IntakeSettings.from(environment: ["BUNKAI_INTAKE_MAX_PART_MB": "1"])
    try await TestApp.run(intake: intake) { app in
      let s = try await IntakeWorkerTests.setUp(app)
      let res = try await IntakeWorkerTests.upload(app, s, filename: "大きな契約.docx", data: docx)
      #expect(res.status == .unprocessableEntity)
      let message = IntakeWorkerTests.message(res)
      #expect(message.contains("大きな契約.docx"))
      #expect(message.contains("word/document.xml が大きすぎます"))
      #expect(message.contains("上限 1 MB"))
    }
  }

  /// The upload size comes from `BUNKAI_MAX_UPLOAD_MB`: past it, 413 naming the limit.
  @Test func loweredUploadLimitIsNamed() async throws {
    let settings = ServerSettings.from(dataDir: "/tmp/x", environment: ["BUNKAI_MAX_UPLOAD_MB": "1"])
    try await TestApp.run(maxUploadBytes: settings.maxUploadBytes) { app in
      let s = try await IntakeWorkerTests.setUp(app)
      let big = Data(String(repeating: "第1条（目的）乙は保守する。\n", count: 40_000).utf8)
      #expect(big.count > 1_048_576)
      let res = try await IntakeWorkerTests.upload(app, s, filename: "大きな契約.txt", data: big)
      #expect(res.status == .payloadTooLarge)
      #expect(IntakeWorkerTests.message(res).contains("上限 1 MB"))
    }
  }

  /// A vendor's workbook attachment is read in the worker with the configured cell limit.
  @Test func loweredCellLimitIsNamed() async throws {
    var w = XlsxWriter(title: "確認表")
    w.add(
      XlsxWriter.Sheet(
        name: "Part2", header: ["項番", "項目", "内容"],
        rows: (1...10).map { [.text("A-\($0)"), .text("項目\($0)"), .text("内容\($0)")] }))
    let workbook = try w.data()
    try await TestApp.run(intake: IntakeSettings.from(environment: ["BUNKAI_INTAKE_MAX_CELLS": "12"])) {
      app in
      let error = await #expect(throws: Abort.self) {
        try await Intake.attachment(app, data: workbook, filename: "確認表.xlsx")
      }
      #expect(error?.status == .unprocessableEntity)
      #expect(error?.reason.contains("確認表.xlsx") == true)
      #expect(error?.reason.contains("上限 12 個") == true, "\(error?.reason ?? "")")
    }
    try await TestApp.run { app in
      try await Intake.attachment(app, data: workbook, filename: "確認表.xlsx")
    }
  }
}
