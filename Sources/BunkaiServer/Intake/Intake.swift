import BunkaiCore
import BunkaiFormats
import Foundation
import Vapor

/// Reading uploaded files. By default each file is read by a `bunkai intake-worker` child process
/// with CPU, memory and time limits: a document that crashes a parser or runs away costs its own
/// upload a 422 with a Japanese message, never the server.
package enum Intake {
  /// A document read and reviewed, not yet stored.
  package struct Reviewed: Sendable {
    var source: SourceText
    var json: String
    var severities: [String]
    var playbook: String
  }

  /// Reads and reviews a contract document (in the worker, or here when configured so).
  static func contract(_ app: Application, data: Data, filename: String) async throws -> Reviewed {
    let settings = app.settings.intake
    let limits = limits(app)
    guard case .worker = settings.mode else {
      let engine = app.engine
      return try await app.threadPool.runIfActive {
        do {
          return try review(
            data, filename: filename, engine: engine, toolTimeout: settings.toolTimeoutSeconds, limits: limits
          )
        } catch let e as InputError {
          throw Abort(.unprocessableEntity, reason: e.description)
        }
      }
    }
    let reply = try await runWorker(app, kind: .contract, data: data, filename: filename)
    guard let text = reply.text, let json = reply.reviewJSON else {
      throw Abort(.unprocessableEntity, reason: "\(filename): 読み取りの結果を受け取れませんでした。もう一度お試しください。")
    }
    return Reviewed(
      source: SourceText(
        text: text, path: filename, format: reply.format ?? "txt", encoding: reply.encoding ?? "utf-8"),
      json: json, severities: reply.severities ?? [], playbook: reply.playbook ?? "")
  }

  /// Checks that an attachment opens (in the worker, or here when configured so).
  static func attachment(_ app: Application, data: Data, filename: String) async throws {
    let settings = app.settings.intake
    let limits = limits(app)
    guard case .worker = settings.mode else {
      try await app.threadPool.runIfActive {
        do {
          try check(data, filename: filename, toolTimeout: settings.toolTimeoutSeconds, limits: limits)
        } catch let e as InputError {
          throw Abort(.unprocessableEntity, reason: e.description)
        }
      }
      return
    }
    _ = try await runWorker(app, kind: .attachment, data: data, filename: filename)
  }

  /// What one upload may hold: the configured intake limits, with the upload size as file size.
  package static func limits(_ app: Application) -> InputLimits {
    var limits = app.settings.intake.limits
    limits.maxFileBytes = app.settings.maxUploadBytes
    return limits
  }

  /// The pure reading and review, as the worker (or the in-process fallback) runs it.
  package static func review(
    _ data: Data, filename: String, engine: Engine, toolTimeout: Double, limits: InputLimits
  )
    throws -> Reviewed
  {
    let source = try load(data, filename: filename, toolTimeout: toolTimeout, limits: limits)
    let result = engine.reviewer.review(source)
    let json = try ReviewJSON(result, catalog: engine.builtinCatalog).encoded(pretty: false)
    return Reviewed(
      source: source, json: String(decoding: json, as: UTF8.self),
      severities: result.findings.map(\.severity.rawValue),
      playbook: "\(result.playbookId) \(result.playbookVersion)")
  }

  /// An attachment opens: a workbook as a workbook, anything else as a document.
  static func check(_ data: Data, filename: String, toolTimeout: Double, limits: InputLimits) throws {
    if (filename as NSString).pathExtension.lowercased() == "xlsx" {
      _ = try XlsxReader.read(data, path: filename, limits: limits)
    } else {
      _ = try load(data, filename: filename, toolTimeout: toolTimeout, limits: limits)
    }
  }

  private static func load(_ data: Data, filename: String, toolTimeout: Double, limits: InputLimits) throws
    -> SourceText
  {
    // PDFs here rather than in DocumentLoader, to pass on the configured pdftotext time limit.
    let lower = filename.lowercased()
    if data.starts(with: Array("%PDF".utf8)) && !lower.hasSuffix(".docx") {
      let text = try PDFText.extract(data, path: filename, timeout: toolTimeout)
      try DocumentLoader.checkLength(text, filename, limits)
      return SourceText(text: text, path: filename, format: "pdf", encoding: "pdf")
    }
    return try DocumentLoader.load(data: data, path: filename, limits: limits)
  }

  /// Runs `bunkai intake-worker` on the bytes and turns every way it can end into either its
  /// reply or a 422 that names the file.
  static func runWorker(_ app: Application, kind: IntakeWorker.Kind, data: Data, filename: String)
    async throws
    -> WorkerReply
  {
    let settings = app.settings.intake
    guard let executable = app.intakeWorkerPath else {
      throw Abort(.serviceUnavailable, reason: "文書を読み取るワーカー（bunkai）が見つかりません。管理者に連絡してください。")
    }
    let arguments =
      [
        "intake-worker", "--kind", kind.rawValue, "--filename", filename, "--cpu-seconds",
        String(settings.cpuSeconds),
        "--memory-mb", String(settings.memoryMB), "--tool-timeout", String(settings.toolTimeoutSeconds),
      ] + IntakeWorker.arguments(limits(app))
    let slots = app.intakeSlots
    await slots.acquire()
    let outcome: ExternalProcess.Outcome
    do {
      outcome = try await ExternalProcess.run(
        executable, arguments, input: data, environment: workerEnvironment(), timeout: settings.timeoutSeconds
      )
      await slots.release()
    } catch {
      await slots.release()
      app.logger.error("intake worker could not start: \(error)")
      throw Abort(.serviceUnavailable, reason: "文書を読み取るワーカーを起動できませんでした。時間をおいてもう一度お試しください。")
    }
    let reply = try? JSONDecoder().decode(WorkerReply.self, from: outcome.stdout)
    if outcome.exitStatus == 0, let reply, reply.error == nil {
      if let kb = reply.peakKB {
        app.logger.info("intake \(kind.rawValue): \(data.count) bytes, worker peak \(kb / 1024) MiB")
      }
      return reply
    }
    if let message = reply?.error, outcome.exitStatus == 2 {
      throw Abort(.unprocessableEntity, reason: message)
    }
    let stderr = String(decoding: outcome.stderr.prefix(2_000), as: UTF8.self)
    app.logger.warning(
      "intake worker failed on \(filename): exit \(outcome.exitStatus.map(String.init) ?? "-") signal \(outcome.signal.map(String.init) ?? "-") timedOut \(outcome.timedOut) \(stderr)"
    )
    throw Abort(.unprocessableEntity, reason: message(outcome, filename: filename, settings: settings))
  }

  /// Why the worker stopped, for the person who uploaded the file.
  static func message(_ o: ExternalProcess.Outcome, filename: String, settings: IntakeSettings) -> String {
    let name = filename.isEmpty ? "ファイル" : filename
    if o.timedOut {
      return
        "\(name): 読み取りが \(Int(settings.timeoutSeconds)) 秒以内に終わらなかったため中止しました。ファイルが壊れていないか確認し、Word で開いて保存し直すか、テキスト形式でお試しください。"
    }
    if o.outputTooLarge {
      return "\(name): 読み取った内容が大きすぎるため中止しました。文書を分けてお試しください。"
    }
    if o.signal == SIGXCPU || (o.signal == SIGKILL) {
      return "\(name): 読み取りが処理時間の上限（CPU \(settings.cpuSeconds) 秒）を超えたため中止しました。ファイルが壊れていないか確認してください。"
    }
    return
      "\(name): このファイルを読み取る途中で処理が止まりました（\(o.signal.map { "シグナル \($0)" } ?? "終了コード \(o.exitStatus ?? -1)")）。ファイルが壊れているか、メモリの上限（\(settings.memoryMB) MB）を超えた可能性があります。Word で開いて保存し直すか、テキスト形式でお試しください。"
  }

  /// The worker gets only what it needs from the server's environment; no crash report (it
  /// takes seconds and says nothing to the person uploading), fewer malloc arenas (each one
  /// reserves address space that counts against the memory limit).
  static func workerEnvironment() -> [String: String] {
    let env = ProcessInfo.processInfo.environment
    var out = ["SWIFT_BACKTRACE": "enable=no", "MALLOC_ARENA_MAX": "2", "LANG": "C.UTF-8"]
    for key in ["PATH", "BUNKAI_PDFTOTEXT", "TMPDIR", "HOME"] { out[key] = env[key] }
    return out
  }
}

/// A counting semaphore for the workers running at once.
actor IntakeSlots {
  private var free: Int
  private var waiters: [CheckedContinuation<Void, Never>] = []

  init(_ count: Int) { free = max(1, count) }

  func acquire() async {
    if free > 0 {
      free -= 1
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  func release() {
    if waiters.isEmpty { free += 1 } else { waiters.removeFirst().resume() }
  }
}

struct IntakeSlotsKey: StorageKey { typealias Value = IntakeSlots }
struct IntakeWorkerPathKey: StorageKey { typealias Value = String }

extension Application {
  var intakeSlots: IntakeSlots {
    get { storage[IntakeSlotsKey.self]! }
    set { storage[IntakeSlotsKey.self] = newValue }
  }
  /// The `bunkai` run as worker, found once at start.
  var intakeWorkerPath: String? {
    get { storage[IntakeWorkerPathKey.self] }
    set { storage[IntakeWorkerPathKey.self] = newValue }
  }
}
