import BunkaiBench
import BunkaiTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import BunkaiServer

/// `bunkai backup` and `bunkai restore` on SQLite data folders: what comes back is what went in.
@Suite struct BackupTests {
  /// A short contract of our own wording, with clauses the engine finds something in.
  static let contract = """
    電子カルテシステム保守契約書

    第１条（目的）
    本契約は、甲が利用する電子カルテシステムの保守について定める。

    第２条（障害対応）
    乙は、障害の連絡を受けたときは、速やかに復旧に努める。

    第３条（再委託）
    乙は、甲の承諾を得て、保守の一部を第三者に委託することができる。

    第４条（秘密保持）
    乙は、業務上知り得た患者の情報を第三者に開示してはならない。
    """

  static func settings(_ dir: URL) -> ServerSettings {
    ServerSettings(database: .sqliteFile(dir.appendingPathComponent("bunkai.sqlite").path), bcryptCost: 4)
  }

  static func tempDir() -> URL {
    TestFolders.make("bunkai-backup")
  }

  @Test func roundTripKeepsEveryRowAndDocumentByte() async throws {
    let original = Self.tempDir()
    let restored = Self.tempDir()
    let out = Self.tempDir().appendingPathComponent("copy.bunkai-backup")
    let seeded = try await BunkaiBench.seed(
      settings: Self.settings(original), org: "みなと病院", email: "admin@minato.example",
      password: "correct horse battery", contracts: [Self.contract], progress: { _ in })
    #expect(seeded.contracts.count == 1)
    #expect(seeded.reviews.count == 1)

    let size = try await BunkaiServer.backup(settings: Self.settings(original), output: out.path)
    #expect(size > 0)
    let mode = try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    // Only the finished file is left; no temporary names beside it.
    let beside = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
    #expect(beside == ["copy.bunkai-backup"])

    try await BunkaiServer.restore(settings: Self.settings(restored), input: out.path, force: false)
    let dbMode =
      try FileManager.default.attributesOfItem(atPath: restored.appendingPathComponent("bunkai.sqlite").path)[
        .posixPermissions] as? Int
    #expect(dbMode == 0o600)

    // Every table of the original, compared row by row (blobs included) with the restored copy.
    try await BunkaiServer.withApp(Self.settings(restored)) { app in
      try await app.db.withConnection { conn in
        let sql = conn as! any SQLDatabase
        let path = original.appendingPathComponent("bunkai.sqlite").path
        try await sql.raw("ATTACH DATABASE \(bind: path) AS orig").run()
        func tables(_ schema: String) async throws -> [String] {
          try await sql.raw(
            "SELECT name FROM \(unsafeRaw: schema).sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
          ).all().map { try $0.decode(column: "name", as: String.self) }
        }
        let names = try await tables("orig")
        #expect(try await tables("main") == names)
        for required in ["organisations", "users", "contracts", "documents", "reviews", "audit_entries"] {
          #expect(names.contains(required), "\(required)")
        }
        for table in names {
          func count(_ q: String) async throws -> Int {
            try await sql.raw("SELECT count(*) AS n FROM (\(unsafeRaw: q))").first()!.decode(
              column: "n", as: Int.self)
          }
          let rows = try await count("SELECT * FROM orig.\"\(table)\"")
          #expect(try await count("SELECT * FROM main.\"\(table)\"") == rows, "\(table)")
          #expect(
            try await count("SELECT * FROM orig.\"\(table)\" EXCEPT SELECT * FROM main.\"\(table)\"") == 0,
            "\(table)")
          #expect(
            try await count("SELECT * FROM main.\"\(table)\" EXCEPT SELECT * FROM orig.\"\(table)\"") == 0,
            "\(table)")
          if ["organisations", "contracts", "documents", "reviews"].contains(table) {
            #expect(rows > 0, "\(table) is empty")
          }
        }
      }
      let documents = try await ContractDocument.query(on: app.db).all()
      #expect(documents.count == 1)
      #expect(documents.first?.bytes == Data(Self.contract.utf8))
    }

    // The restored database now holds data: a second restore must be asked for.
    await #expect(throws: (any Error).self) {
      try await BunkaiServer.restore(settings: Self.settings(restored), input: out.path, force: false)
    }
    do {
      try await BunkaiServer.restore(settings: Self.settings(restored), input: out.path, force: false)
    } catch {
      #expect(String(describing: error).contains("--force") || error.localizedDescription.contains("--force"))
    }
    try await BunkaiServer.restore(settings: Self.settings(restored), input: out.path, force: true)
  }

  @Test func restoreRefusesSomethingElse() async throws {
    let dir = Self.tempDir()
    let junk = dir.appendingPathComponent("notes.txt")
    try Data("これはバックアップではありません".utf8).write(to: junk)
    await #expect(throws: (any Error).self) {
      try await BunkaiServer.restore(settings: Self.settings(dir), input: junk.path, force: true)
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bunkai.sqlite").path))
  }
}
