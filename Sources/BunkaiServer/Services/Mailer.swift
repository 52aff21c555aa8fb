import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// How the connection to the mail relay is protected (`BUNKAI_SMTP_TLS`).
public enum SMTPSecurity: String, Sendable, Equatable, CaseIterable {
  /// Plain connection upgraded with STARTTLS before anything else is said (the default). A relay
  /// that does not offer STARTTLS gets nothing: the message is not sent.
  case starttls
  /// TLS from the first byte (implicit TLS, "SMTPS", usually port 465).
  case tls
  /// No encryption at all; only when explicitly configured, for a relay on the same host.
  case none
}

/// Where invitation mail goes: an SMTP relay (`BUNKAI_SMTP_HOST` and friends), reached over
/// STARTTLS (default) or implicit TLS with the relay's certificate verified against the system's
/// roots and optionally a CA file of the institution's own; plain SMTP only when configured so.
/// Without a relay, invitations are shown on screen only.
public struct SMTPSettings: Sendable, Equatable {
  public var host: String
  public var port: Int
  public var from: String
  public var username: String?
  public var password: String?
  public var security: SMTPSecurity
  /// PEM file of certificates trusted besides the system's roots (`BUNKAI_SMTP_CA_FILE`): a
  /// private relay's own CA or self-signed certificate. The host name is still checked.
  public var caFile: String?

  /// `port` nil: 465 for implicit TLS, else 25.
  public init(
    host: String, port: Int? = nil, from: String, username: String? = nil, password: String? = nil,
    security: SMTPSecurity = .starttls, caFile: String? = nil
  ) {
    self.host = host
    self.port = port ?? (security == .tls ? 465 : 25)
    self.from = from
    self.username = username
    self.password = password
    self.security = security
    self.caFile = caFile
  }

  /// Reads `BUNKAI_SMTP_*`. `BUNKAI_SMTP_TLS` is `starttls` (default), `tls` or `none`; any other
  /// value keeps STARTTLS, so a typo never turns encryption off.
  static func from(environment env: [String: String]) -> SMTPSettings? {
    guard let host = env["BUNKAI_SMTP_HOST"], !host.isEmpty else { return nil }
    let mode = env["BUNKAI_SMTP_TLS"]?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    return SMTPSettings(
      host: host, port: Int(env["BUNKAI_SMTP_PORT"] ?? ""),
      from: env["BUNKAI_SMTP_FROM"] ?? "bunkai@localhost",
      username: env["BUNKAI_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 },
      password: env["BUNKAI_SMTP_PASSWORD"],
      security: SMTPSecurity(rawValue: mode) ?? .starttls,
      caFile: env["BUNKAI_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 })
  }
}

/// A small SMTP client on SwiftNIO: one message per connection, TLS by swift-nio-ssl, the whole
/// conversation bounded by a deadline.
struct Mailer {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let settings: SMTPSettings
  /// Seconds the whole conversation may take before the connection is dropped.
  var deadline: Int64 = 30

  func send(to recipient: String, subject: String, body: String) async throws {
    let settings = settings
    let tls = try settings.security == .none ? nil : Self.tlsContext(settings)
    let hostForTLS = Self.isIPAddress(settings.host) ? nil : settings.host
    let deadline = deadline
    // The deadline is armed on the event loop as the channel is made, before it connects: the
    // task that awaits the connection may resume late when the cooperative pool is busy, and the
    // relay must not be held open that much longer.
    let expired = NIOLockedValueBox(false)
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    do {
      channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connectTimeout(.seconds(15))
        .connect(host: settings.host, port: settings.port) { ch in
          let timer = ch.eventLoop.scheduleTask(in: .seconds(deadline)) {
            expired.withLockedValue { $0 = true }
            ch.close(promise: nil)
          }
          ch.closeFuture.whenComplete { _ in timer.cancel() }
          return ch.eventLoop.makeCompletedFuture {
            if settings.security == .tls, let tls {
              try ch.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: tls, serverHostname: hostForTLS))
            }
            return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch)
          }
        }
    } catch {
      if expired.withLockedValue({ $0 }) { throw Self.deadlineFailure(settings, deadline) }
      throw Failure(description: "メールサーバー \(settings.host):\(settings.port) に接続できません（\(error)）")
    }
    let message = Self.message(from: settings.from, to: recipient, subject: subject, body: body)
    do {
      try await converse(channel, message: message, recipient: recipient, tls: tls, hostForTLS: hostForTLS)
    } catch {
      // The deadline closed the connection: say so, rather than what the closed channel reports.
      if expired.withLockedValue({ $0 }) { throw Self.deadlineFailure(settings, deadline) }
      throw error
    }
  }

  static func deadlineFailure(_ settings: SMTPSettings, _ deadline: Int64) -> Failure {
    Failure(
      description: "メールサーバー \(settings.host):\(settings.port) とのやり取りが \(deadline) 秒以内に終わらなかったため中止しました")
  }

  /// The SMTP conversation on a connected channel, upgraded to TLS when STARTTLS is configured.
  private func converse(
    _ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, message: String, recipient: String,
    tls: NIOSSLContext?,
    hostForTLS: String?
  ) async throws {
    let settings = settings
    try await channel.executeThenClose { inbound, outbound in
      var replies = ReplyReader(iterator: inbound.makeAsyncIterator())
      func say(_ line: String) async throws {
        do {
          try await outbound.write(ByteBuffer(string: line))
        } catch {
          throw Self.describe(error, settings)
        }
      }
      func command(_ line: String, _ code: Int) async throws -> Reply {
        try await say(line + "\r\n")
        return try await replies.expect(code, settings)
      }
      // With implicit TLS the greeting is the first thing read through the handshake: a failure
      // there is the TLS failure, however the closing channel reports it.
      var hello: Reply
      do {
        _ = try await replies.expect(220, settings)
        hello = try await command("EHLO bunkai", 250)
      } catch let e as Failure where settings.security != .tls {
        throw e
      } catch {
        throw settings.security == .tls ? Self.tlsFailure(error, settings) : error
      }
      if settings.security == .starttls {
        guard hello.offers("STARTTLS") else {
          try? await say("QUIT\r\n")
          throw Failure(
            description:
              "メールサーバー \(settings.host):\(settings.port) が STARTTLS（暗号化）に対応していないため、送信を中止しました。暗号化せずには送りません（BUNKAI_SMTP_TLS=tls で最初から TLS の接続にするか、同じ機械の中継サーバーに限り BUNKAI_SMTP_TLS=none を設定してください）"
          )
        }
        _ = try await command("STARTTLS", 220)
        // Anything the server sent after its 220 came unprotected: refuse it (STARTTLS injection).
        guard replies.isEmpty, let tls else {
          throw Failure(description: "メールサーバーが STARTTLS の前に余分なデータを送ってきたため、送信を中止しました")
        }
        try await channel.channel.eventLoop.submit {
          try channel.channel.pipeline.syncOperations.addHandler(
            NIOSSLClientHandler(context: tls, serverHostname: hostForTLS), position: .first)
        }.get()
        // The first exchange after STARTTLS runs the handshake: whatever ends it (an alert, a
        // closed channel) is the TLS failure.
        do {
          hello = try await command("EHLO bunkai", 250)
        } catch {
          throw Self.tlsFailure(error, settings)
        }
      }
      if let user = settings.username {
        let token = Data("\u{0}\(user)\u{0}\(settings.password ?? "")".utf8).base64EncodedString()
        _ = try await command("AUTH PLAIN \(token)", 235)
      }
      _ = try await command("MAIL FROM:<\(settings.from)>", 250)
      _ = try await command("RCPT TO:<\(recipient)>", 250)
      _ = try await command("DATA", 354)
      _ = try await command(message + "\r\n.", 250)
      try? await say("QUIT\r\n")
    }
  }

  /// The client context: peer verification on, system roots plus the configured CA file.
  static func tlsContext(_ settings: SMTPSettings) throws -> NIOSSLContext {
    var config = TLSConfiguration.makeClientConfiguration()
    config.certificateVerification = .fullVerification
    config.minimumTLSVersion = .tlsv12
    if let path = settings.caFile {
      let certificates: [NIOSSLCertificate]
      do {
        certificates = try NIOSSLCertificate.fromPEMFile(path)
      } catch {
        throw Failure(description: "BUNKAI_SMTP_CA_FILE の証明書を読めません: \(path)")
      }
      guard !certificates.isEmpty else {
        throw Failure(description: "BUNKAI_SMTP_CA_FILE に証明書がありません: \(path)")
      }
      config.additionalTrustRoots = [.certificates(certificates)]
    }
    do {
      return try NIOSSLContext(configuration: config)
    } catch {
      throw Failure(description: "TLS の設定を作れません（\(error)）")
    }
  }

  static func isIPAddress(_ host: String) -> Bool {
    (try? SocketAddress(ipAddress: host, port: 0)) != nil
  }

  /// A failure while the TLS handshake runs, in words that name the certificate.
  static func tlsFailure(_ error: any Error, _ settings: SMTPSettings) -> Failure {
    let server = "\(settings.host):\(settings.port)"
    return Failure(
      description:
        "メールサーバー \(server) との TLS 接続を確立できません。証明書を確認できないか、TLS に対応していません（\(error)）。社内の認証局の証明書なら BUNKAI_SMTP_CA_FILE に指定してください"
    )
  }

  /// A connection error in words: a certificate that does not verify is named as such.
  static func describe(_ error: any Error, _ settings: SMTPSettings) -> Failure {
    if let failure = error as? Failure { return failure }
    let server = "\(settings.host):\(settings.port)"
    if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
      return tlsFailure(error, settings)
    }
    return Failure(description: "メールサーバー \(server) との通信が途中で切れました（\(error)）")
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

  /// One reply: its code and the text of each line ("250-STARTTLS" gives "STARTTLS").
  struct Reply {
    var code: Int
    var lines: [String]

    /// Whether an EHLO reply lists the extension `keyword`.
    func offers(_ keyword: String) -> Bool {
      lines.contains { $0.split(separator: " ").first?.uppercased() == keyword }
    }
  }

  /// Reads replies (continuation lines "250-…" up to the last "250 …") from the connection, a line
  /// at most 4096 bytes.
  struct ReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var buffer: [UInt8] = []

    var isEmpty: Bool { buffer.isEmpty }

    mutating func expect(_ code: Int, _ settings: SMTPSettings) async throws -> Reply {
      let reply = try await next(settings)
      guard reply.code == code else {
        let text = reply.lines.joined(separator: " ")
        throw Failure(description: "メールサーバーが拒否しました: \(reply.code) \(text)")
      }
      return reply
    }

    mutating func next(_ settings: SMTPSettings) async throws -> Reply {
      var lines: [String] = []
      while true {
        let line = try await self.line(settings)
        let chars = Array(line)
        guard chars.count >= 3, let got = Int(String(chars[0..<3])) else {
          throw Failure(description: "メールサーバーの応答を読めません: \(line.prefix(200))")
        }
        lines.append(chars.count > 4 ? String(chars[4...]) : "")
        if chars.count > 3 && chars[3] == "-" { continue }
        return Reply(code: got, lines: lines)
      }
    }

    private mutating func line(_ settings: SMTPSettings) async throws -> String {
      while true {
        if let i = buffer.firstIndex(of: 0x0A) {
          let line = buffer[..<i].filter { $0 != 0x0D }
          buffer.removeFirst(i + 1)
          return String(decoding: line, as: UTF8.self)
        }
        guard buffer.count <= 4096 else { throw Failure(description: "メールサーバーの応答が長すぎます") }
        let chunk: ByteBuffer?
        do {
          chunk = try await iterator.next()
        } catch {
          throw Mailer.describe(error, settings)
        }
        guard let chunk else { throw Failure(description: "メールサーバーから応答がありません（接続が閉じられました）") }
        buffer += chunk.readableBytesView
      }
    }
  }
}
