import BunkaiCore
import BunkaiFormats
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the intake worker answers on standard output: the document read and reviewed, or why not.
struct WorkerReply: Codable, Sendable {
  /// The Japanese message naming the file, when the document could not be read.
  var error: String?
  var text: String?
  var format: String?
  var encoding: String?
  var reviewJSON: String?
  var severities: [String]?
  var playbook: String?
  /// The worker's peak resident memory, in KiB (for the server's log).
  var peakKB: Int?
}

/// The child side of intake: `bunkai intake-worker` sets its own limits first, reads the file's
/// bytes from standard input and writes one `WorkerReply` as JSON. Whatever goes wrong in here —
/// a trap in a parser, a runaway loop, an allocation past the limit — ends this process only.
public enum IntakeWorker {
  public enum Kind: String, Sendable, CaseIterable {
    /// A contract document: read and reviewed.
    case contract
    /// An attachment: only checked that it opens.
    case attachment
  }

  /// Runs the worker; returns the exit status (0 read, 2 refused with a message).
  public static func main(
    kind: Kind, filename: String, cpuSeconds: Int, memoryMB: Int, toolTimeout: Double,
    limits: InputLimits = InputLimits()
  ) -> Int32 {
    // A group of its own, so the server's watchdog also stops what this starts (pdftotext).
    _ = setpgid(0, 0)
    applyLimits(cpuSeconds: cpuSeconds, memoryMB: memoryMB)
    let data = FileHandle.standardInput.readDataToEndOfFile()
    let reply = handle(kind: kind, filename: filename, data: data, toolTimeout: toolTimeout, limits: limits)
    var out = reply
    out.peakKB = peakKB()
    let encoded = (try? JSONEncoder().encode(out)) ?? Data(#"{"error":"応答を作れませんでした"}"#.utf8)
    FileHandle.standardOutput.write(encoded)
    return reply.error == nil ? 0 : 2
  }

  /// The limits as the worker's options (`bunkai intake-worker --max-…`).
  static func arguments(_ limits: InputLimits) -> [String] {
    [
      "--max-file-bytes", String(limits.maxFileBytes), "--max-part-bytes", String(limits.maxPartBytes),
      "--max-characters", String(limits.maxTextCharacters), "--max-cells", String(limits.maxSheetCells),
      "--max-zip-entries", String(limits.maxZipEntries),
      "--max-uncompressed-bytes", String(limits.maxUncompressedBytes), "--max-ratio",
      String(limits.maxCompressionRatio),
    ]
  }

  static func handle(kind: Kind, filename: String, data: Data, toolTimeout: Double, limits: InputLimits)
    -> WorkerReply
  {
    do {
      switch kind {
      case .contract:
        let engine = try Engine.builtin()
        let r = try Intake.review(
          data, filename: filename, engine: engine, toolTimeout: toolTimeout, limits: limits)
        return WorkerReply(
          text: r.source.text, format: r.source.format, encoding: r.source.encoding, reviewJSON: r.json,
          severities: r.severities, playbook: r.playbook)
      case .attachment:
        try Intake.check(data, filename: filename, toolTimeout: toolTimeout, limits: limits)
        return WorkerReply()
      }
    } catch let e as InputError {
      return WorkerReply(error: e.description)
    } catch {
      return WorkerReply(error: "\(filename): 読み取れませんでした（\(error)）")
    }
  }

  /// CPU seconds (the kernel sends SIGXCPU, then SIGKILL a second later) and address space.
  static func applyLimits(cpuSeconds: Int, memoryMB: Int) {
    #if os(Linux)
      var cpu = rlimit(rlim_cur: rlim_t(cpuSeconds), rlim_max: rlim_t(cpuSeconds + 1))
      _ = setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &cpu)
      let bytes = rlim_t(memoryMB) * 1_048_576
      var mem = rlimit(rlim_cur: bytes, rlim_max: bytes)
      _ = setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &mem)
    #else
      var cpu = rlimit(rlim_cur: rlim_t(cpuSeconds), rlim_max: rlim_t(cpuSeconds + 1))
      _ = setrlimit(RLIMIT_CPU, &cpu)
      let bytes = rlim_t(memoryMB) * 1_048_576
      var mem = rlimit(rlim_cur: bytes, rlim_max: bytes)
      _ = setrlimit(RLIMIT_AS, &mem)
    #endif
  }

  /// The worker's own peak: VmHWM counts from the exec (getrusage's figure also holds the server's
  /// size, which the child shares for a moment while being spawned).
  static func peakKB() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    {
      return kb
    }
    var usage = rusage()
    #if os(Linux)
      _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
      _ = getrusage(RUSAGE_SELF, &usage)
    #endif
    return Int(usage.ru_maxrss)
  }
}
