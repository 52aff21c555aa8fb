import BunkaiFormats
import BunkaiTestSupport
import Fluent
import Foundation
import Testing
import VaporTesting
import ZIPFoundation

@testable import BunkaiServer

/// Uploads are read in a separate `bunkai intake-worker` process with limits: whatever a file does
/// to the reader costs that upload a 422 with a Japanese message naming the file, and the server
/// goes on answering (issue 11, "No input crashes or hangs any command or the server").
@Suite("Intake worker")
struct IntakeWorkerTests {
  /// An organisation with a contract, and an API token for its admin.
  struct Setup {
    var token: String
    var contract: String
  }

  static func setUp(_ app: Application) async throws -> Setup {
    let b = try await Browser.setUp(app)
    let vendor = try await b.addVendor()
    let contract = try await b.addContract(vendorId: vendor)
    let token = try await APITests.token(app, email: "admin@sakura.example")
    return Setup(token: token, contract: contract)
  }

  static func upload(_ app: Application, _ s: Setup, filename: String, data: Data, headers: HTTPHeaders = [:])
    async throws -> TestingHTTPResponse
  {
    let (body, type) = Multipart.body(fields: [], filename: filename, data: data)
    var h: HTTPHeaders = ["Authorization": "Bearer \(s.token)", "Content-Type": type]
    h.add(contentsOf: headers)
    return try await app.testing().sendRequest(
      .POST, "/api/v1/contracts/\(s.contract)/documents", headers: h, body: body)
  }

  static func message(_ res: TestingHTTPResponse) -> String {
    let json = try? JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]
    return ((json?["error"] as? [String: Any])?["message"] as? String) ?? res.body.string
  }

  /// A stand-in worker: a shell script that behaves badly in a given way.
  static func fakeWorker(_ script: String) throws -> String {
    let url = TestFolders.make("bunkai-fake-worker").appendingPathComponent("worker.sh")
    try Data("#!/bin/sh\n\(script)\n".utf8).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    return url.path
  }

  static func docx(parts: [String: Data]) throws -> Data {
    let archive = try Archive(accessMode: .create)
    for (name, data) in parts.sorted(by: { $0.key < $1.key }) {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) {
        position, size in data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    return archive.data!
  }

  /// Files written to upset readers: an element name that is not UTF-8, a zip whose directory
  /// points past its end, article and numbering values far beyond any contract's.
  static func hostileFiles() throws -> [(String, Data)] {
    var badName = Data("<?xml version=\"1.0\"?><w:document xmlns:w=\"urn:x\"><w:body><w:".utf8)
    badName.append(contentsOf: [0xFF, 0xFE, 0xC3])
    badName.append(Data("/></w:body></w:document>".utf8))
    let types = Data(
      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
        .utf8)
    let brokenName = try docx(parts: ["[Content_Types].xml": types, "word/document.xml": badName])
    // End of central directory: one entry, directory of 46 bytes at offset 0x7FFFFFF0.
    var pastEnd = Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26))
    pastEnd.append(contentsOf: [
      0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 46, 0, 0, 0, 0xF0, 0xFF, 0xFF, 0x7F, 0, 0,
    ])
    let longNumber = Data("業務委託契約書\n第99999999999999999999条（目的）\n乙は甲のために保守を行う。\n".utf8)
    return [("壊れた名前.docx", brokenName), ("先のない目録.docx", pastEnd), ("長い条番号.txt", longNumber)]
  }

  @Test func hostileFilesNeverTakeTheServerDown() async throws {
    try await TestApp.run { app in
      let s = try await Self.setUp(app)
      for (name, data) in try Self.hostileFiles() {
        let res = try await Self.upload(app, s, filename: name, data: data)
        // Read (once the readers are fixed) or refused with the file's name: never a 5xx.
        #expect(res.status == .created || res.status == .unprocessableEntity, "\(name): \(res.status)")
        if res.status == .unprocessableEntity { #expect(Self.message(res).contains(name)) }
      }
      let ok = try await Self.upload(
        app, s, filename: "hoshu_sakura_typical.txt",
        data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      #expect(ok.status == .created)
      #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
    }
  }

  @Test func aPDFIsReadThroughPdftotextInTheWorker() async throws {
    try #require(
      BunkaiFormats.PDFText.tool() != nil, "poppler-utils (pdftotext) is installed by scripts/test.sh")
    try await TestApp.run { app in
      let s = try await Self.setUp(app)
      let res = try await Self.upload(
        app, s, filename: "契約.pdf", data: try Fixture.data("formats/pdf_contract.pdf"))
      #expect(res.status == .created, "\(res.body.string)")
    }
  }

  @Test func aCrashingWorkerCostsOneUpload422() async throws {
    var intake = IntakeSettings()
    intake.mode = .worker(executable: try Self.fakeWorker("cat >/dev/null; kill -SEGV $$"))
    try await TestApp.run(intake: intake) { app in
      let s = try await Self.setUp(app)
      let res = try await Self.upload(app, s, filename: "契約書.txt", data: Data("第1条 目的\n".utf8))
      #expect(res.status == .unprocessableEntity)
      let message = Self.message(res)
      #expect(message.contains("契約書.txt"))
      #expect(message.contains("処理が止まりました"))
      #expect(message.contains("シグナル 11"))
      // Nothing was stored, and the server still answers.
      #expect(try await ContractDocument.query(on: app.db).count() == 0)
      #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
    }
  }

  @Test func aWorkerThatNeverAnswersIsStoppedAtTheTimeLimit() async throws {
    var intake = IntakeSettings()
    intake.mode = .worker(executable: try Self.fakeWorker("exec sleep 30"))
    intake.timeoutSeconds = 1
    try await TestApp.run(intake: intake) { app in
      let s = try await Self.setUp(app)
      let start = Date()
      let res = try await Self.upload(app, s, filename: "遅い.txt", data: Data("第1条 目的\n".utf8))
      #expect(res.status == .unprocessableEntity)
      #expect(Self.message(res).contains("遅い.txt"))
      #expect(Self.message(res).contains("1 秒以内に終わらなかった"))
      // Well before the worker's own 30 s sleep ends (a loaded 2-core CI machine takes seconds to
      // start the upload itself, so the bound is loose).
      #expect(Date().timeIntervalSince(start) < 25)
    }
  }

  @Test func theCPULimitStopsARunawayReview() async throws {
    var intake = IntakeSettings()
    intake.cpuSeconds = 1
    intake.timeoutSeconds = 30
    try await TestApp.run(intake: intake) { app in
      let s = try await Self.setUp(app)
      // Just under the 1,000,000-character limit of a text (docs/deployment.md): far more than one
      // CPU second of reading and review.
      let one = try Fixture.data("contracts/hoshu_sakura_typical.txt")
      let perCopy = String(decoding: one, as: UTF8.self).unicodeScalars.count
      var big = Data()
      for _ in 0..<(990_000 / perCopy) { big.append(one) }
      let res = try await Self.upload(app, s, filename: "長すぎる契約.txt", data: big)
      #expect(res.status == .unprocessableEntity)
      #expect(Self.message(res).contains("長すぎる契約.txt"))
      #expect(Self.message(res).contains("CPU 1 秒"))
    }
  }

  @Test func attachmentsAreOpenedInTheWorkerToo() async throws {
    var intake = IntakeSettings()
    intake.mode = .worker(executable: try Self.fakeWorker("cat >/dev/null; kill -ABRT $$"))
    try await TestApp.run(intake: intake) { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      let contract = try await b.addContract(vendorId: vendor)
      try await b.get("/contracts/\(contract)/exchange")
      let res = try await b.upload(
        "/contracts/\(contract)/attachments", filename: "仕様書.docx", data: Data("PK\u{3}\u{4}".utf8))
      #expect(res.status == .unprocessableEntity)
      #expect(b.lastBody.contains("仕様書.docx"))
      #expect(try await Attachment.query(on: app.db).count() == 0)
    }
  }

  @Test func inProcessReadingOnlyWhenConfigured() async throws {
    var intake = IntakeSettings()
    intake.mode = .inProcess
    try await TestApp.run(intake: intake) { app in
      let s = try await Self.setUp(app)
      let res = try await Self.upload(
        app, s, filename: "hoshu_sakura_typical.txt",
        data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      #expect(res.status == .created)
    }
    // A worker that is not there stops the server from starting, rather than reading in-process.
    var missing = IntakeSettings()
    missing.mode = .worker(executable: "/nonexistent/bunkai")
    await #expect(throws: IntakeSettings.WorkerMissing.self) {
      try await TestApp.run(intake: missing) { _ in }
    }
  }

  @Test func settingsComeFromTheEnvironment() {
    let s = IntakeSettings.from(environment: [
      "BUNKAI_INTAKE_CPU_SECONDS": "7", "BUNKAI_INTAKE_MEMORY_MB": "512", "BUNKAI_INTAKE_TIMEOUT": "9.5",
      "BUNKAI_INTAKE_WORKERS": "3", "BUNKAI_TOOL_TIMEOUT": "20",
    ])
    #expect(s.cpuSeconds == 7)
    #expect(s.memoryMB == 512)
    #expect(s.timeoutSeconds == 9.5)
    #expect(s.maxWorkers == 3)
    #expect(s.toolTimeoutSeconds == 20)
    #expect(s.mode == .worker(executable: nil))
    #expect(IntakeSettings.from(environment: ["BUNKAI_INTAKE": "in-process"]).mode == .inProcess)
  }
}
