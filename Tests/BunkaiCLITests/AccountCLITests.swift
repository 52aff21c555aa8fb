import Foundation
import Testing

/// The account commands of issue 11: resetting a password, disabling a user, listing and revoking
/// API tokens; the data folder kept private; and no file replaced by a failed run.
@Suite struct AccountCLITests {
  static let env = ServerCLITests.env

  static func makeUser(_ dir: String) throws {
    let created = try CLI.run(
      [
        "user", "create", "--org", "みなと病院", "--email", "kanri@minato.example", "--role", "admin",
        "--password-stdin", "--data-dir", dir,
      ], stdin: Data("first-password-77\n".utf8), env: env)
    #expect(created.status == 0, "\(created.stderr)")
  }

  @Test func resetDisableAndTokens() throws {
    let dir = CLI.tempDir().path
    try Self.makeUser(dir)
    // Private data: the folder 700, the database 600.
    let folder = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
    #expect(folder == 0o700)
    let db =
      try FileManager.default.attributesOfItem(atPath: dir + "/bunkai.sqlite")[.posixPermissions] as? Int
    #expect(db == 0o600)

    let weak = try CLI.run(
      ["user", "reset-password", "--email", "kanri@minato.example", "--password-stdin", "--data-dir", dir],
      stdin: Data("password1234\n".utf8), env: Self.env)
    #expect(weak.status == 2)
    #expect(weak.stderr.contains("推測されやすい"))
    let reset = try CLI.run(
      ["user", "reset-password", "--email", "kanri@minato.example", "--password-stdin", "--data-dir", dir],
      stdin: Data("temporary-pass-9184\n".utf8), env: Self.env)
    #expect(reset.status == 0, "\(reset.stderr)")
    #expect(reset.stdout.contains("再設定しました"))

    let token = try CLI.run(
      [
        "token", "create", "--email", "kanri@minato.example", "--label", "夜間", "--expires-days", "30",
        "--data-dir", dir,
      ],
      env: Self.env)
    #expect(token.status == 0, "\(token.stderr)")
    let secret = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let list = try CLI.run(["token", "list", "--data-dir", dir], env: Self.env)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("夜間"))
    #expect(list.stdout.contains("有効"))
    // The token itself is never shown again.
    #expect(!list.stdout.contains(secret))
    let row = try #require(list.stdout.split(separator: "\n").first { $0.contains("夜間") })
    let id = String(row.split(separator: "\t")[0])
    let revoked = try CLI.run(["token", "revoke", id, "--data-dir", dir], env: Self.env)
    #expect(revoked.status == 0, "\(revoked.stderr)")
    #expect(try CLI.run(["token", "list", "--data-dir", dir], env: Self.env).stdout.contains("取り消し済み"))
    let bad = try CLI.run(["token", "revoke", "not-an-id", "--data-dir", dir], env: Self.env)
    #expect(bad.status == 2)

    let disabled = try CLI.run(
      ["user", "disable", "--email", "kanri@minato.example", "--data-dir", dir], env: Self.env)
    #expect(disabled.status == 0, "\(disabled.stderr)")
    let afterwards = try CLI.run(
      ["token", "create", "--email", "kanri@minato.example", "--data-dir", dir], env: Self.env)
    #expect(afterwards.status == 2)
    #expect(afterwards.stderr.contains("無効化"))
    let unknown = try CLI.run(
      ["user", "disable", "--email", "nobody@minato.example", "--data-dir", dir], env: Self.env)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("利用者が見つかりません"))
  }

  @Test func aFailedReviewLeavesTheEarlierReportInPlace() throws {
    let dir = CLI.tempDir()
    let report = dir.appendingPathComponent("existing.json")
    let good = try CLI.run(["review", CLI.example, "--format", "json", "-o", report.path])
    #expect(good.status == 0, "\(good.stderr)")
    let before = try Data(contentsOf: report)
    #expect(before.count > 100)
    let bad = dir.appendingPathComponent("bad.txt")
    try Data([0x00, 0x01, 0x02, 0xFF]).write(to: bad)
    let failed = try CLI.run(["review", bad.path, "--format", "json", "-o", report.path])
    #expect(failed.status == 2)
    #expect(failed.stderr.contains("existing.json"))
    #expect(try Data(contentsOf: report) == before)
  }

  @Test func theWorkerAnswersWithJSON() throws {
    let ok = try CLI.run(
      ["intake-worker", "--kind", "contract", "--filename", "a.txt"],
      stdin: try Data(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.example)))
    #expect(ok.status == 0, "\(ok.stderr)")
    let reply = try #require(JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])
    #expect(reply["reviewJSON"] is String)
    #expect((reply["text"] as? String)?.isEmpty == false)
    let refused = try CLI.run(
      ["intake-worker", "--kind", "attachment", "--filename", "壊れた.docx"], stdin: Data("PK\u{3}\u{4}xx".utf8))
    #expect(refused.status == 2)
    let error = try #require(JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any])
    #expect((error["error"] as? String)?.contains("壊れた.docx") == true)
  }
}
