import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One way to run another program (pdftotext, LibreOffice, Bunkai's own intake worker): with a
/// wall-clock limit after which it and its process group are killed, with bounded output, and
/// never on the cooperative thread pool (the async form waits on a thread of its own).
public enum ExternalProcess {
  /// How a run ended.
  public struct Outcome: Sendable {
    /// The exit status, when the program exited by itself.
    public var exitStatus: Int32?
    /// The signal that ended it (a crash, the kernel's CPU or memory limit, or our kill).
    public var signal: Int32?
    /// Killed because the time limit passed.
    public var timedOut: Bool
    /// Killed because it wrote more than the output limit.
    public var outputTooLarge: Bool
    public var stdout: Data
    /// The first 64 KiB of standard error.
    public var stderr: Data

    public var succeeded: Bool { exitStatus == 0 && !timedOut && !outputTooLarge }
  }

  /// The program could not be started at all.
  public struct LaunchError: Error, Sendable, CustomStringConvertible {
    public var executable: String
    public var reason: String
    public var description: String { "\(executable) を起動できません: \(reason)" }
  }

  /// Runs the program to its end or the time limit, on the calling thread.
  public static func run(
    _ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil,
    timeout: TimeInterval, maxOutputBytes: Int = 64 * 1_048_576
  ) throws(LaunchError) -> Outcome {
    ignoreSIGPIPE
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let environment { p.environment = environment }
    let inPipe = Pipe()
    let outPipe = Pipe()
    let errPipe = Pipe()
    p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    p.standardOutput = outPipe
    p.standardError = errPipe
    let ended = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in ended.signal() }
    do {
      try p.run()
    } catch {
      throw LaunchError(executable: executable, reason: error.localizedDescription)
    }
    let pid = p.processIdentifier
    let state = RunState()

    // The watchdog: past the deadline the child and anything it started are killed.
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
      if state.markTimedOutIfRunning() { killGroup(pid) }
    }
    if let input {
      // Written from its own thread: a child that stops reading must not block us.
      let writer = inPipe.fileHandleForWriting
      Thread.detachNewThread {
        try? writer.write(contentsOf: input)
        try? writer.close()
      }
    }
    let errBox = DataBox()
    let errDone = DispatchSemaphore(value: 0)
    let errReader = errPipe.fileHandleForReading
    Thread.detachNewThread {
      while true {
        let chunk = errReader.availableData
        if chunk.isEmpty { break }
        errBox.append(chunk, limit: 65_536)
      }
      errDone.signal()
    }
    var out = Data()
    var tooLarge = false
    let outReader = outPipe.fileHandleForReading
    while true {
      let chunk = outReader.availableData
      if chunk.isEmpty { break }
      if out.count + chunk.count > maxOutputBytes {
        if !tooLarge {
          tooLarge = true
          killGroup(pid)
        }
        continue
      }
      out.append(chunk)
    }
    ended.wait()
    state.markEnded()
    errDone.wait()
    let bySignal = p.terminationReason == .uncaughtSignal
    return Outcome(
      exitStatus: bySignal ? nil : p.terminationStatus, signal: bySignal ? p.terminationStatus : nil,
      timedOut: state.timedOut, outputTooLarge: tooLarge, stdout: out, stderr: errBox.data)
  }

  /// The same, awaited: the blocking waits happen on a thread of their own, so neither the
  /// cooperative pool nor the event loops nor NIO's thread pool (which SQLite uses) are held.
  public static func run(
    _ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil,
    timeout: TimeInterval, maxOutputBytes: Int = 64 * 1_048_576
  ) async throws(LaunchError) -> Outcome {
    let result: Result<Outcome, LaunchError> = await withCheckedContinuation { cont in
      Thread.detachNewThread {
        do throws(LaunchError) {
          cont.resume(
            returning: .success(
              try run(
                executable, arguments, input: input, environment: environment, timeout: timeout,
                maxOutputBytes: maxOutputBytes)))
        } catch {
          cont.resume(returning: .failure(error))
        }
      }
    }
    return try result.get()
  }

  /// The first program of that name on `PATH`.
  public static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"])
    -> String?
  {
    for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Kills the child's process group (the intake worker makes itself a group leader, so the
  /// programs it starts go too), and the child itself in case it had not got that far.
  static func killGroup(_ pid: Int32) {
    guard pid > 0 else { return }
    _ = kill(-pid, SIGKILL)
    _ = kill(pid, SIGKILL)
  }

  /// Writing to a pipe whose reader died must be an error, not a signal that ends the server.
  private static let ignoreSIGPIPE: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
  }()
}

/// Whether the child is still ours to kill, and whether the watchdog did.
private final class RunState: @unchecked Sendable {
  private let lock = NSLock()
  private var ended = false
  private var killed = false

  func markTimedOutIfRunning() -> Bool {
    lock.withLock {
      if ended { return false }
      killed = true
      return true
    }
  }
  func markEnded() { lock.withLock { ended = true } }
  var timedOut: Bool { lock.withLock { killed } }
}

private final class DataBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = Data()

  func append(_ chunk: Data, limit: Int) {
    lock.withLock {
      if stored.count < limit { stored.append(chunk.prefix(limit - stored.count)) }
    }
  }
  var data: Data { lock.withLock { stored } }
}
