import BunkaiFormats
import Foundation

/// How uploaded documents are read: in a separate `bunkai intake-worker` process with limits
/// (the default), or in the server's own process when explicitly configured. Documented in
/// docs/deployment.md.
public struct IntakeSettings: Sendable, Equatable {
  public enum Mode: Sendable, Equatable {
    /// A child process per document; `executable` nil means the `bunkai` the server runs as (or
    /// the one built beside the test runner).
    case worker(executable: String?)
    /// Parsing inside the server (`BUNKAI_INTAKE=in-process`): no protection from a crash.
    case inProcess
  }

  public var mode: Mode = .worker(executable: nil)
  /// CPU seconds one document may use (RLIMIT_CPU in the worker).
  public var cpuSeconds: Int = 30
  /// Address space of the worker in MiB (RLIMIT_AS): beyond it an allocation fails and the
  /// worker ends, costing that upload only.
  public var memoryMB: Int = 1_536
  /// Wall-clock seconds before the worker and what it started are killed.
  public var timeoutSeconds: Double = 60
  /// Workers running at once; further uploads wait their turn.
  public var maxWorkers: Int = 2
  /// Seconds pdftotext and LibreOffice may take.
  public var toolTimeoutSeconds: Double = 60
  /// What one document may hold: XML part size, characters of text, worksheet cells, zip entries,
  /// uncompressed total and compression ratio (`BUNKAI_INTAKE_MAX_*`). The file size itself is
  /// the server's upload limit (`BUNKAI_MAX_UPLOAD_MB`), which replaces `maxFileBytes` here.
  public var limits = InputLimits()

  public init() {}

  /// No worker program to read uploads with.
  public struct WorkerMissing: Error, CustomStringConvertible, LocalizedError {
    public var description: String {
      "アップロードを読み取るワーカー（bunkai intake-worker）が見つかりません。BUNKAI_INTAKE_WORKER に bunkai の場所を指定してください（BUNKAI_INTAKE=in-process でサーバー内で読むこともできますが、壊れたファイルからサーバーを守れません）。"
    }
    public var errorDescription: String? { description }
  }

  /// Reads the `BUNKAI_INTAKE*` variables (see docs/deployment.md); unset ones keep the defaults.
  public static func from(environment env: [String: String]) -> IntakeSettings {
    var s = IntakeSettings()
    switch env["BUNKAI_INTAKE"]?.lowercased() {
    case "in-process": s.mode = .inProcess
    default: if let w = env["BUNKAI_INTAKE_WORKER"], !w.isEmpty { s.mode = .worker(executable: w) }
    }
    if let v = env["BUNKAI_INTAKE_CPU_SECONDS"].flatMap(Int.init), v > 0 { s.cpuSeconds = v }
    if let v = env["BUNKAI_INTAKE_MEMORY_MB"].flatMap(Int.init), v > 0 { s.memoryMB = v }
    if let v = env["BUNKAI_INTAKE_TIMEOUT"].flatMap(Double.init), v > 0 { s.timeoutSeconds = v }
    if let v = env["BUNKAI_INTAKE_WORKERS"].flatMap(Int.init), v > 0 { s.maxWorkers = v }
    if let v = env["BUNKAI_TOOL_TIMEOUT"].flatMap(Double.init), v > 0 { s.toolTimeoutSeconds = v }
    func positive(_ name: String) -> Int? { env[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }
    // Sizes in MB, clamped so that no value overflows when turned into bytes.
    func megabytes(_ name: String) -> Int? { positive(name).map { min($0, 1 << 40) * 1_048_576 } }
    if let v = megabytes("BUNKAI_INTAKE_MAX_PART_MB") { s.limits.maxPartBytes = v }
    if let v = megabytes("BUNKAI_INTAKE_MAX_UNCOMPRESSED_MB") { s.limits.maxUncompressedBytes = v }
    if let v = positive("BUNKAI_INTAKE_MAX_CHARACTERS") { s.limits.maxTextCharacters = v }
    if let v = positive("BUNKAI_INTAKE_MAX_CELLS") { s.limits.maxSheetCells = v }
    if let v = positive("BUNKAI_INTAKE_MAX_ZIP_ENTRIES") { s.limits.maxZipEntries = v }
    if let v = positive("BUNKAI_INTAKE_MAX_RATIO") { s.limits.maxCompressionRatio = v }
    return s
  }

  /// The worker program: the configured one, else this process's own executable when it is
  /// `bunkai`, else a `bunkai` beside it (how `swift test` finds the built one).
  func workerExecutable() -> String? {
    guard case .worker(let configured) = mode else { return nil }
    if let configured { return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil }
    let me =
      FileManager.default.fileExists(atPath: "/proc/self/exe")
      ? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
      : URL(fileURLWithPath: CommandLine.arguments[0])
    let candidates = [me, me.deletingLastPathComponent().appendingPathComponent("bunkai")]
    return candidates.first {
      $0.lastPathComponent == "bunkai" && FileManager.default.isExecutableFile(atPath: $0.path)
    }?
    .path
  }
}
