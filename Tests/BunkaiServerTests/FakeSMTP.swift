import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An SMTP server for one message on 127.0.0.1, on a thread of its own: it answers like a relay and
/// keeps what it was told.
final class FakeSMTP: @unchecked Sendable {
  let port: Int
  private let fd: Int32
  private let lock = NSLock()
  private var lines: [String] = []
  private var data = ""
  private let done = DispatchSemaphore(value: 0)

  init() throws {
    let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let size = len
    _ = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, size) }
    }
    listen(sock, 1)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) }
    }
    fd = sock
    port = Int(UInt16(bigEndian: addr.sin_port))
    Thread { [self] in serve() }.start()
  }

  /// What the client said (commands) and the message it sent, once the session is over.
  func result(timeout: TimeInterval = 10) -> (commands: [String], message: String) {
    _ = done.wait(timeout: .now() + timeout)
    lock.lock()
    defer { lock.unlock() }
    return (lines, data)
  }

  private func serve() {
    defer {
      close(fd)
      done.signal()
    }
    let c = accept(fd, nil, nil)
    guard c >= 0 else { return }
    defer { close(c) }
    func say(_ s: String) { _ = s.withCString { send(c, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
    var buffer = ""
    var inData = false
    say("220 fake ESMTP\r\n")
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = recv(c, &chunk, chunk.count, 0)
      if n <= 0 { return }
      buffer += String(decoding: chunk[0..<n], as: UTF8.self)
      while true {
        if inData {
          guard let end = buffer.range(of: "\r\n.\r\n") else { break }
          lock.lock()
          data = String(buffer[..<end.lowerBound])
          lock.unlock()
          buffer = String(buffer[end.upperBound...])
          inData = false
          say("250 queued\r\n")
          continue
        }
        guard let nl = buffer.range(of: "\r\n") else { break }
        let line = String(buffer[..<nl.lowerBound])
        buffer = String(buffer[nl.upperBound...])
        lock.lock()
        lines.append(line)
        lock.unlock()
        switch line.prefix(4).uppercased() {
        case "EHLO": say("250-fake\r\n250 AUTH PLAIN\r\n")
        case "AUTH": say("235 ok\r\n")
        case "DATA":
          inData = true
          say("354 go on\r\n")
        case "QUIT":
          say("221 bye\r\n")
          return
        default: say("250 ok\r\n")
        }
      }
    }
  }
}
