import BunkaiTestSupport
import Foundation
import Testing

@testable import BunkaiServer

#if canImport(Glibc)
  import Glibc
#endif

/// A real SMTP server for one test: scripts/smtp_test_server.py (python aiosmtpd) with a
/// certificate made by openssl for this test alone.
final class RealSMTP: @unchecked Sendable {
  enum Mode: String { case starttls, tls, plain }

  /// python3 with aiosmtpd, and openssl, are installed (scripts/test.sh installs aiosmtpd).
  static let available: Bool =
    run(["python3", "-c", "import aiosmtpd"]) && run(["openssl", "version"])
  /// scripts/test.sh sets this so a machine without aiosmtpd fails the run instead of skipping.
  static let required = ProcessInfo.processInfo.environment["BUNKAI_REQUIRE_SMTP_TESTS"] == "1"

  let dir: URL
  let port: Int
  var caFile: String { dir.appendingPathComponent("cert.pem").path }
  private let process = Process()
  private let stdin = Pipe()

  /// `names`: the certificate's subjectAltName.
  init(_ mode: Mode, names: String = "DNS:localhost,IP:127.0.0.1") throws {
    dir = TestFolders.make("bunkai-smtp")
    let out = dir.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let made = Self.run(
      [
        "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", dir.appendingPathComponent("key.pem").path, "-out",
        dir.appendingPathComponent("cert.pem").path,
        "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=\(names)",
      ])
    guard made else { throw Problem(description: "openssl could not make a certificate") }
    let script = Fixture.root.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("scripts/smtp_test_server.py")
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", script.path, mode.rawValue, dir.appendingPathComponent("cert.pem").path,
      dir.appendingPathComponent("key.pem").path, out.path,
    ]
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    // The server prints "PORT n" once it listens.
    var text = ""
    while !text.contains("\n") {
      let chunk = stdout.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    guard text.hasPrefix("PORT "),
      let p = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      process.terminate()
      throw Problem(description: "the SMTP test server did not start: \(text)")
    }
    port = p
  }

  deinit { stop() }

  func stop() {
    try? stdin.fileHandleForWriting.close()
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: dir)
  }

  struct Received {
    var raw: String
    var envelope: [String: Any]
  }

  /// The messages the server accepted, in order.
  func received() throws -> [Received] {
    let out = dir.appendingPathComponent("out")
    var all: [Received] = []
    var n = 1
    while FileManager.default.fileExists(atPath: out.appendingPathComponent("\(n).json").path) {
      let raw = try String(contentsOf: out.appendingPathComponent("\(n).eml"), encoding: .utf8)
      let json = try Data(contentsOf: out.appendingPathComponent("\(n).json"))
      let envelope = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
      all.append(Received(raw: raw, envelope: envelope))
      n += 1
    }
    return all
  }

  struct Problem: Error, CustomStringConvertible { var description: String }

  @discardableResult
  static func run(_ arguments: [String]) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }
}

/// Mail goes over STARTTLS or implicit TLS with the relay's certificate verified; plain SMTP only
/// when configured so, and never silently when STARTTLS is expected.
@Suite(.serialized, .enabled(if: RealSMTP.available || RealSMTP.required, "python3 -m pip install aiosmtpd"))
struct MailTLSTests {
  /// A deadline long enough for a loaded test machine.
  static func mailer(_ settings: SMTPSettings) -> Mailer { Mailer(settings: settings, deadline: 300) }

  static let subject = "【Bunkai】さくら病院 から「電子カルテ保守契約（令和八年度）」の確認表への招待"
  static let body = "次のリンクを開いてください。\nhttps://bunkai.example/invite/abc"

  /// Header fields of a message, folded lines joined.
  static func headers(_ raw: String) -> [String: String] {
    let head = raw.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")[0]
    var fields: [String: String] = [:]
    var last = ""
    for line in head.components(separatedBy: "\n") {
      if line.hasPrefix(" ") || line.hasPrefix("\t") {
        fields[last, default: ""] += line.trimmingCharacters(in: .whitespaces)
      } else if let colon = line.firstIndex(of: ":") {
        last = String(line[..<colon]).lowercased()
        fields[last] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    return fields
  }

  /// RFC 2047 B-encoded UTF-8 words, decoded and joined (white space between words dropped).
  static func decodeWords(_ value: String) -> String {
    var text = ""
    var rest = Substring(value)
    while let start = rest.range(of: "=?UTF-8?B?", options: .caseInsensitive),
      let end = rest[start.upperBound...].range(of: "?=")
    {
      let b64 = String(rest[start.upperBound..<end.lowerBound])
      text += Data(base64Encoded: b64).map { String(decoding: $0, as: UTF8.self) } ?? "<bad>"
      rest = rest[end.upperBound...]
    }
    return text
  }

  /// The message arrived whole: envelope, encrypted session, subject, Message-ID and body.
  static func checkDelivered(_ server: RealSMTP, auth: Bool) throws {
    let got = try server.received()
    try #require(got.count == 1)
    let message = got[0]
    #expect(message.envelope["tls"] as? Bool == true)
    #expect(message.envelope["mail_from"] as? String == "bunkai@sakura.example")
    #expect(message.envelope["rcpt_tos"] as? [String] == ["kimura@midori.example"])
    if auth { #expect(message.envelope["auth"] as? Bool == true) }
    let fields = headers(message.raw)
    #expect(decodeWords(fields["subject"] ?? "") == subject)
    #expect(fields["message-id"]?.hasPrefix("<") == true)
    #expect(fields["message-id"]?.hasSuffix("@sakura.example>") == true)
    #expect(fields["to"] == "kimura@midori.example")
    #expect(fields["content-type"] == "text/plain; charset=UTF-8")
    for line in message.raw.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
    let encoded = message.raw.components(separatedBy: "\r\n\r\n").dropFirst().joined()
      .replacingOccurrences(of: "\r\n", with: "")
    let text = try #require(Data(base64Encoded: encoded)).map { $0 }
    #expect(String(decoding: text, as: UTF8.self) == body)
  }

  @Test func starttlsUpgradesVerifiesAndDelivers() async throws {
    let server = try RealSMTP(.starttls)
    defer { server.stop() }
    let settings = SMTPSettings(
      host: "localhost", port: server.port, from: "bunkai@sakura.example", username: "relay", password: "pw",
      caFile: server.caFile)
    #expect(settings.security == .starttls)
    try await Self.mailer(settings).send(
      to: "kimura@midori.example", subject: Self.subject, body: Self.body)
    try Self.checkDelivered(server, auth: true)
  }

  @Test func implicitTLSDeliversToAnIPAddress() async throws {
    let server = try RealSMTP(.tls)
    defer { server.stop() }
    let settings = SMTPSettings(
      host: "127.0.0.1", port: server.port, from: "bunkai@sakura.example", username: "relay", password: "pw",
      security: .tls, caFile: server.caFile)
    try await Self.mailer(settings).send(
      to: "kimura@midori.example", subject: Self.subject, body: Self.body)
    try Self.checkDelivered(server, auth: true)
  }

  /// A relay that does not offer STARTTLS gets no message, and the reason is said in Japanese.
  @Test func plainIsRefusedWhenStarttlsIsRequired() async throws {
    let server = try RealSMTP(.plain)
    defer { server.stop() }
    let settings = SMTPSettings(
      host: "localhost", port: server.port, from: "bunkai@sakura.example", username: "relay", password: "pw")
    let error = await #expect(throws: Mailer.Failure.self) {
      try await Self.mailer(settings).send(
        to: "kimura@midori.example", subject: Self.subject, body: Self.body)
    }
    #expect(error?.description.contains("STARTTLS") == true)
    #expect(error?.description.contains("送信を中止しました") == true)
    #expect(try server.received().isEmpty)
    // Mailed from the invitation flow, the same words reach the page.
    let delivery = await Invitations.mail(
      settings, to: "kimura@midori.example", link: "https://bunkai.example/invite/x", organisation: "さくら病院",
      contract: "保守契約", expires: Date())
    #expect(delivery.note.contains("招待メールを送れませんでした"))
    #expect(delivery.note.contains("STARTTLS"))
    #expect(try server.received().isEmpty)
  }

  /// Plain SMTP works only when configured so (`BUNKAI_SMTP_TLS=none`).
  @Test func plainWhenExplicitlyConfigured() async throws {
    let server = try RealSMTP(.plain)
    defer { server.stop() }
    let settings = SMTPSettings(
      host: "localhost", port: server.port, from: "bunkai@sakura.example", security: .none)
    try await Self.mailer(settings).send(
      to: "kimura@midori.example", subject: Self.subject, body: Self.body)
    let got = try server.received()
    try #require(got.count == 1)
    #expect(got[0].envelope["tls"] as? Bool == false)
  }

  /// Verification is on: a certificate nobody vouched for stops the mail, before any password.
  @Test func unknownCertificateIsRefused() async throws {
    for (mode, security) in [(RealSMTP.Mode.starttls, SMTPSecurity.starttls), (.tls, .tls)] {
      let server = try RealSMTP(mode)
      defer { server.stop() }
      let settings = SMTPSettings(
        host: "localhost", port: server.port, from: "bunkai@sakura.example", username: "relay",
        password: "pw",
        security: security)
      let error = await #expect(throws: Mailer.Failure.self) {
        try await Self.mailer(settings).send(
          to: "kimura@midori.example", subject: Self.subject, body: Self.body)
      }
      #expect(error?.description.contains("証明書") == true, "\(mode)")
      #expect(try server.received().isEmpty)
    }
  }

  /// A certificate for another name fails too, even from the trusted CA file: by host name, and
  /// by address when the relay is given as an IP address.
  @Test(arguments: ["localhost", "127.0.0.1"]) func wrongNameIsRefused(host: String) async throws {
    let server = try RealSMTP(.tls, names: "DNS:relay.example")
    defer { server.stop() }
    let settings = SMTPSettings(
      host: host, port: server.port, from: "bunkai@sakura.example", security: .tls, caFile: server.caFile)
    let error = await #expect(throws: Mailer.Failure.self) {
      try await Self.mailer(settings).send(
        to: "kimura@midori.example", subject: Self.subject, body: Self.body)
    }
    #expect(error?.description.contains("証明書") == true)
    #expect(try server.received().isEmpty)
  }
}

/// `BUNKAI_SMTP_TLS` and friends: STARTTLS unless told otherwise, never plain by accident.
@Suite struct MailSettingsTests {
  @Test func environmentChoosesTheTLSMode() throws {
    let base = ["BUNKAI_SMTP_HOST": "relay.example", "BUNKAI_SMTP_FROM": "b@h.example"]
    let plainDefault = try #require(SMTPSettings.from(environment: base))
    #expect(plainDefault.security == .starttls)
    #expect(plainDefault.port == 25)
    #expect(plainDefault.caFile == nil)
    let implicit = try #require(
      SMTPSettings.from(environment: base.merging(["BUNKAI_SMTP_TLS": "tls"]) { $1 }))
    #expect(implicit.security == .tls)
    #expect(implicit.port == 465)
    let typo = try #require(SMTPSettings.from(environment: base.merging(["BUNKAI_SMTP_TLS": "nonee"]) { $1 }))
    #expect(typo.security == .starttls)
    let none = try #require(
      SMTPSettings.from(
        environment: base.merging(["BUNKAI_SMTP_TLS": "none", "BUNKAI_SMTP_PORT": "2525"]) { $1 }))
    #expect(none.security == .none)
    #expect(none.port == 2525)
    let ca = try #require(
      SMTPSettings.from(environment: base.merging(["BUNKAI_SMTP_CA_FILE": "/etc/bunkai/relay-ca.pem"]) { $1 })
    )
    #expect(ca.caFile == "/etc/bunkai/relay-ca.pem")
  }

  /// A relay that accepts the connection and then says nothing is given up after the deadline,
  /// and the message says so. The silent relay itself, on a thread of its own, measures when the
  /// connection is dropped: under a full parallel test run the cooperative pool that resumes the
  /// test can be busy for many seconds, which says nothing about the mailer.
  @Test func silentRelayMeetsTheDeadline() async throws {
    let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(sock) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let size = len
    _ = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, size) }
    }
    listen(sock, 4)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) }
    }
    let port = Int(UInt16(bigEndian: addr.sin_port))
    let relay = SilentRelay(listening: sock)
    let settings = SMTPSettings(host: "127.0.0.1", port: port, from: "b@h.example", security: .none)
    let error = await #expect(throws: Mailer.Failure.self) {
      try await Mailer(settings: settings, deadline: 1).send(to: "x@y.example", subject: "s", body: "b")
    }
    #expect(error?.description.contains("1 秒以内に終わらなかったため中止しました") == true, "\(error?.description ?? "")")
    let held = try #require(relay.heldSeconds(), "the relay never saw the connection end")
    #expect(held >= 0.9 && held < 10, "connection held \(held) s")
  }

  @Test func missingCAFileIsNamed() async throws {
    let settings = SMTPSettings(
      host: "127.0.0.1", port: 1, from: "b@h.example", caFile: "/nonexistent/relay-ca.pem")
    let error = await #expect(throws: Mailer.Failure.self) {
      try await Mailer(settings: settings).send(to: "x@y.example", subject: "s", body: "b")
    }
    #expect(error?.description.contains("/nonexistent/relay-ca.pem") == true)
  }
}

/// Accepts one connection on its own thread, says nothing, and records how long the client kept
/// the connection open (until it closed or reset it).
final class SilentRelay: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var held: Double?

  init(listening sock: Int32) {
    let thread = Thread { [self] in
      let conn = accept(sock, nil, nil)
      guard conn >= 0 else {
        _ = done.signal()
        return
      }
      let start = Date()
      var byte: UInt8 = 0
      while recv(conn, &byte, 1, 0) > 0 {}
      held = Date().timeIntervalSince(start)
      close(conn)
      _ = done.signal()
    }
    thread.start()
  }

  /// Seconds the connection was held, or nil if it did not end within a minute.
  func heldSeconds() -> Double? {
    done.wait(timeout: .now() + 60) == .success ? held : nil
  }
}
