import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where invitation mail goes: an SMTP relay (`BUNKAI_SMTP_HOST` and friends). Plain SMTP with
/// optional AUTH PLAIN, meant for the institution's own relay on its network, which forwards over
/// TLS; without it invitations are shown on screen only.
public struct SMTPSettings: Sendable, Equatable {
  public var host: String
  public var port: Int
  public var from: String
  public var username: String?
  public var password: String?

  public init(host: String, port: Int = 25, from: String, username: String? = nil, password: String? = nil) {
    self.host = host
    self.port = port
    self.from = from
    self.username = username
    self.password = password
  }

  static func from(environment env: [String: String]) -> SMTPSettings? {
    guard let host = env["BUNKAI_SMTP_HOST"], !host.isEmpty else { return nil }
    return SMTPSettings(
      host: host, port: Int(env["BUNKAI_SMTP_PORT"] ?? "") ?? 25,
      from: env["BUNKAI_SMTP_FROM"] ?? "bunkai@localhost",
      username: env["BUNKAI_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 },
      password: env["BUNKAI_SMTP_PASSWORD"])
  }
}

/// A small blocking SMTP client: one message per connection. Run it off the event loop.
struct Mailer {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let settings: SMTPSettings

  func send(to recipient: String, subject: String, body: String) throws {
    let fd = try connect()
    defer { close(fd) }
    var reader = LineReader(fd: fd)
    try expect(&reader, 220)
    try command(fd, &reader, "EHLO bunkai", 250)
    if let user = settings.username {
      let token = Data("\u{0}\(user)\u{0}\(settings.password ?? "")".utf8).base64EncodedString()
      try command(fd, &reader, "AUTH PLAIN \(token)", 235)
    }
    try command(fd, &reader, "MAIL FROM:<\(settings.from)>", 250)
    try command(fd, &reader, "RCPT TO:<\(recipient)>", 250)
    try command(fd, &reader, "DATA", 354)
    try write(
      fd, Self.message(from: settings.from, to: recipient, subject: subject, body: body) + "\r\n.\r\n")
    try expect(&reader, 250)
    try? write(fd, "QUIT\r\n")
  }

  /// A UTF-8 message: the subject encoded per RFC 2047 and folded so no header line passes 78
  /// characters, a Message-ID of the sender's domain, the body in base64 (lines of 76).
  static func message(from: String, to: String, subject: String, body: String, date: Date = Date()) -> String
  {
    let b64 = Data(body.utf8).base64EncodedString(options: [
      .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
    ])
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    return [
      "From: \(from)", "To: \(to)", "Subject: " + encodedWords(subject).joined(separator: "\r\n "),
      "Date: \(formatter.string(from: date))", "Message-ID: \(messageID(from: from))",
      "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
      b64,
    ].joined(separator: "\r\n")
  }

  /// `<random@domain>`, the domain taken from the sender's address, so replies and bounces can be
  /// matched and relays do not invent one.
  static func messageID(from: String) -> String {
    let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
    let host = domain.isEmpty || domain == from ? "localhost" : domain
    return "<\(UUID().uuidString.lowercased())@\(host)>"
  }

  /// RFC 2047 encoded words of 64 characters at most (39 bytes of UTF-8 each), never splitting a
  /// character; joined with a fold, every header line, the first with "Subject: ", stays within
  /// 78 characters.
  static func encodedWords(_ text: String) -> [String] {
    var words: [String] = []
    var chunk = ""
    for ch in text {
      if chunk.utf8.count + String(ch).utf8.count > 39 {
        words.append(chunk)
        chunk = ""
      }
      chunk.append(ch)
    }
    if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
    return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }
  }

  private func connect() throws -> Int32 {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var result: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(settings.host, String(settings.port), &hints, &result) == 0, let first = result else {
      throw Failure(description: "メールサーバー \(settings.host) が見つかりません")
    }
    defer { freeaddrinfo(result) }
    var node: UnsafeMutablePointer<addrinfo>? = first
    while let ai = node {
      let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
      if fd >= 0 {
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if Glibc.connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return fd }
        close(fd)
      }
      node = ai.pointee.ai_next
    }
    throw Failure(description: "メールサーバー \(settings.host):\(settings.port) に接続できません")
  }

  private func write(_ fd: Int32, _ text: String) throws {
    let bytes = Array(text.utf8)
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard n > 0 else { throw Failure(description: "メールサーバーへの送信が途中で切れました") }
      sent += n
    }
  }

  private func command(_ fd: Int32, _ reader: inout LineReader, _ line: String, _ code: Int) throws {
    try write(fd, line + "\r\n")
    try expect(&reader, code)
  }

  /// Reads a reply (continuation lines "250-…" up to the last "250 …") and checks its code.
  private func expect(_ reader: inout LineReader, _ code: Int) throws {
    while true {
      guard let line = reader.next() else { throw Failure(description: "メールサーバーから応答がありません") }
      let chars = Array(line)
      guard chars.count >= 3, let got = Int(String(chars[0..<3])) else {
        throw Failure(description: "メールサーバーの応答を読めません: \(line)")
      }
      if chars.count > 3 && chars[3] == "-" { continue }
      guard got == code else { throw Failure(description: "メールサーバーが拒否しました: \(line)") }
      return
    }
  }

  struct LineReader {
    let fd: Int32
    var buffer: [UInt8] = []

    mutating func next() -> String? {
      while true {
        if let i = buffer.firstIndex(of: 0x0A) {
          let line = buffer[..<i].filter { $0 != 0x0D }
          buffer.removeFirst(i + 1)
          return String(decoding: line, as: UTF8.self)
        }
        var chunk = [UInt8](repeating: 0, count: 1024)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        buffer += chunk[0..<n]
      }
    }
  }
}
