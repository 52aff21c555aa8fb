import Foundation
import Testing

/// The server's shell commands against a SQLite data directory: user, token, migrate, seed, serve.
@Suite struct ServerCLITests {
  /// SQLite only: these commands must not pick up the PostgreSQL of a CI stage.
  static let env = ["DATABASE_URL": ""]

  @Test func userAndTokenCreation() throws {
    let dir = CLI.tempDir().path
    let created = try CLI.run(
      [
        "user", "create", "--org", "ひかり診療所", "--email", "Office@Hikari.example", "--role", "admin",
        "--password-stdin",
        "--data-dir", dir,
      ], stdin: Data("long-enough-pass\n".utf8), env: Self.env)
    #expect(created.status == 0, "\(created.stderr)")
    #expect(created.stdout.contains("office@hikari.example"))
    #expect(created.stdout.contains("ひかり診療所"))
    #expect(FileManager.default.fileExists(atPath: dir + "/bunkai.sqlite"))

    let dup = try CLI.run(
      [
        "user", "create", "--org", "ひかり診療所", "--email", "office@hikari.example", "--role", "staff",
        "--password-stdin",
        "--data-dir", dir,
      ], stdin: Data("long-enough-pass\n".utf8), env: Self.env)
    #expect(dup.status == 2)
    #expect(dup.stderr.contains("既に登録されています"))
    let badRole = try CLI.run(
      [
        "user", "create", "--org", "x", "--email", "x@x.example", "--role", "owner", "--password-stdin",
        "--data-dir", dir,
      ],
      stdin: Data("long-enough-pass\n".utf8), env: Self.env)
    #expect(badRole.status == 2)
    #expect(badRole.stderr.contains("admin、staff、executive"))
    let short = try CLI.run(
      [
        "user", "create", "--org", "x", "--email", "y@x.example", "--role", "staff", "--password-stdin",
        "--data-dir", dir,
      ],
      stdin: Data("short\n".utf8), env: Self.env)
    #expect(short.status == 2)
    #expect(short.stderr.contains("12文字以上"))

    let token = try CLI.run(
      ["token", "create", "--email", "office@hikari.example", "--data-dir", dir], env: Self.env)
    #expect(token.status == 0, "\(token.stderr)")
    #expect(token.stdout.hasPrefix("bk_"))
    #expect(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count > 30)
    let unknown = try CLI.run(
      ["token", "create", "--email", "nobody@hikari.example", "--data-dir", dir], env: Self.env)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("利用者が見つかりません"))

    let migrate = try CLI.run(["migrate", "--data-dir", dir], env: Self.env)
    #expect(migrate.status == 0)
    #expect(migrate.stdout.contains("最新です"))
  }

  @Test func backupAndRestoreThroughTheCommand() throws {
    let dir = CLI.tempDir().path
    let fresh = CLI.tempDir().path
    let file = CLI.tempDir().appendingPathComponent("bunkai.backup").path
    let seeded = try CLI.run(
      ["seed", "--contracts", "1", "--chars", "2000", "--data-dir", dir], env: Self.env)
    #expect(seeded.status == 0, "\(seeded.stderr)")
    let backup = try CLI.run(["backup", "--output", file, "--data-dir", dir], env: Self.env)
    #expect(backup.status == 0, "\(backup.stderr)")
    let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let restore = try CLI.run(["restore", file, "--data-dir", fresh], env: Self.env)
    #expect(restore.status == 0, "\(restore.stderr)")
    // The seeded user signs in against the restored folder: the token command finds them.
    let email = try #require(
      seeded.stdout.split(separator: "\n").first { $0.contains("@") }.flatMap { line in
        line.split(whereSeparator: { " ：:（）()".contains($0) }).first { $0.contains("@") }
      })
    let token = try CLI.run(
      ["token", "create", "--email", String(email), "--data-dir", fresh], env: Self.env)
    #expect(token.status == 0, "\(token.stderr)")
    // Not over a database that holds data, unless asked.
    let again = try CLI.run(["restore", file, "--data-dir", fresh], env: Self.env)
    #expect(again.status == 2)
    #expect(again.stderr.contains("--force"))
    let forced = try CLI.run(["restore", file, "--force", "--data-dir", fresh], env: Self.env)
    #expect(forced.status == 0, "\(forced.stderr)")
    let wrong = try CLI.run(["restore", CLI.example, "--force", "--data-dir", fresh], env: Self.env)
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("バックアップではありません"))
  }

  @Test func annexBenchmarkPrintsItsFigures() throws {
    let r = try CLI.run(["bench-annex", "--rounds", "2"], env: Self.env)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("すべてが合意済み"))
    #expect(r.stdout.contains("別紙 .docx 1 件（読む＋書く）: 中央値"))
  }

  @Test func seedThenServeAnswers() async throws {
    let dir = CLI.tempDir().path
    let seeded = try CLI.run(
      ["seed", "--contracts", "3", "--chars", "3000", "--data-dir", dir], env: Self.env)
    #expect(seeded.status == 0, "\(seeded.stderr)")
    #expect(seeded.stdout.contains("契約 3 件"))
    let review = try #require(seeded.stdout.split(separator: "\n").first { $0.hasPrefix("review: ") })

    let port = Int.random(in: 20000...29999)
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = ["serve", "--port", String(port), "--data-dir", dir]
    p.environment = ProcessInfo.processInfo.environment.merging(Self.env) { _, b in b }
    let err = Pipe()
    p.standardError = err
    p.standardOutput = err
    try p.run()
    defer { p.terminate() }
    var health = ""
    for _ in 0..<60 {
      if let body = try Self.curl("http://127.0.0.1:\(port)/healthz") {
        health = body
        break
      }
      try await Task.sleep(for: .milliseconds(250))
    }
    #expect(health == "ok")
    // SQLite runs in WAL mode: readers never wait for the writer.
    #expect(FileManager.default.fileExists(atPath: dir + "/bunkai.sqlite-wal"))
    // Not signed in: the review page sends to the login page, which the seeded admin can use.
    let login = try #require(
      try Self.curl("http://127.0.0.1:\(port)\(review.dropFirst("review: ".count))", follow: true))
    #expect(login.contains("ログイン"))

    // An invitation from the shell: one line, a single-use link on the given address.
    let contract = try #require(
      seeded.stdout.split(separator: "\n").first { $0.hasPrefix("contract: /contracts/") })
    let id = String(contract.dropFirst("contract: /contracts/".count))
    let invite = try CLI.run(
      [
        "invite", "create", "--contract", id, "--email", "kimura@vendor.example", "--base-url",
        "http://127.0.0.1:\(port)",
        "--data-dir", dir,
      ], env: Self.env)
    #expect(invite.status == 0, "\(invite.stderr)")
    let link = invite.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(link.hasPrefix("http://127.0.0.1:\(port)/invite/bk_"))
    #expect(invite.stderr.contains("有効期限"))
    let page = try #require(try Self.curl(link))
    #expect(page.contains("招待の受諾"))
    #expect(page.contains("kimura@vendor.example"))
    let unknown = try CLI.run(
      ["invite", "create", "--contract", "not-an-id", "--email", "a@b.example", "--data-dir", dir],
      env: Self.env)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("契約が見つかりません"))

    // The documents from the shell: the annex in Word and Excel, the memo; a redline needs decisions.
    for name in ["annex.docx", "annex.xlsx"] {
      let out = dir + "/" + name
      let r = try CLI.run(
        ["export", "annex", "--contract", id, "--output", out, "--data-dir", dir], env: Self.env)
      #expect(r.status == 0, "\(r.stderr)")
      let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
      #expect(bytes.starts(with: Data("PK".utf8)) && bytes.count > 2000)
    }
    let reviewID = String(review.dropFirst("review: /reviews/".count))
    let memo = try CLI.run(
      ["export", "memo", "--review", reviewID, "--output", dir + "/memo.md", "--data-dir", dir], env: Self.env
    )
    #expect(memo.status == 0, "\(memo.stderr)")
    let md = try String(contentsOfFile: dir + "/memo.md", encoding: .utf8)
    #expect(md.contains("契約書レビューメモ"))
    #expect(md.contains("未判断"))
    let redline = try CLI.run(
      ["export", "redline", "--review", reviewID, "--output", dir + "/r.docx", "--data-dir", dir],
      env: Self.env)
    #expect(redline.status == 2)
    #expect(redline.stderr.contains("判断を記録してください"))
    let wrongFormat = try CLI.run(
      ["export", "annex", "--contract", id, "--output", dir + "/annex.txt", "--data-dir", dir], env: Self.env)
    #expect(wrongFormat.status == 2)
    #expect(wrongFormat.stderr.contains(".docx"))
  }

  /// The body of a GET with curl, or nil when the server does not answer.
  static func curl(_ url: String, follow: Bool = false) throws -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    p.arguments = ["-fsS"] + (follow ? ["-L"] : []) + [url]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = Pipe()
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
  }
}
