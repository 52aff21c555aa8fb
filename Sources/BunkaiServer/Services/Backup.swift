import BunkaiFormats
import Fluent
import Foundation
import SQLKit
import Vapor

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Backups of the whole database (documents included, as they live in it) and their restore.
/// SQLite: `VACUUM INTO`, a consistent copy taken while the server may keep running. PostgreSQL:
/// `pg_dump`/`pg_restore` in their custom format. Every file is written under a temporary name
/// and renamed, readable only by its owner, so no name ever holds half a backup.
enum Backup {
  /// How long pg_dump and pg_restore may run before they are stopped.
  static let toolTimeout: TimeInterval = 6 * 3600

  /// The first bytes of each kind of backup, to refuse one made for the other database.
  static let sqliteMagic = Data("SQLite format 3\u{0}".utf8)
  static let pgDumpMagic = Data("PGDMP".utf8)

  struct Problem: Error, LocalizedError {
    var description: String
    var errorDescription: String? { description }
  }

  /// Writes the backup to `output`; returns its size in bytes.
  static func backup(settings: ServerSettings, output: String) async throws -> Int {
    let out = URL(fileURLWithPath: output)
    let tmp = temporaryName(beside: out)
    defer { try? FileManager.default.removeItem(at: tmp) }
    switch settings.database {
    case .sqliteMemory:
      throw Problem(description: "メモリ上のデータベースはバックアップできません。")
    case .sqliteFile(let path):
      guard FileManager.default.fileExists(atPath: path) else {
        throw Problem(description: "データベースがありません: \(path)（--data-dir を確かめてください）")
      }
      let previous = umask(0o077)
      defer { umask(previous) }
      try await BunkaiServer.withApp(settings) { app in
        guard let sql = app.db as? any SQLDatabase else { return }
        // VACUUM INTO reads one snapshot, so writes going on meanwhile are either wholly in the
        // copy or wholly not.
        try await sql.raw("VACUUM INTO \(bind: tmp.path)").run()
      }
    case .postgres(let url):
      guard let pgDump = ExternalProcess.find("pg_dump") else {
        throw Problem(
          description:
            "pg_dump が見つかりません。PostgreSQL のクライアント（Debian/Ubuntu では postgresql-client）を入れてから実行してください。")
      }
      _ = FileManager.default.createFile(
        atPath: tmp.path, contents: nil, attributes: [.posixPermissions: 0o600])
      let (dbname, env) = libpq(url)
      let outcome = try await ExternalProcess.run(
        pgDump,
        ["--format=custom", "--no-owner", "--no-privileges", "--file=\(tmp.path)", "--dbname=\(dbname)"],
        environment: env, timeout: toolTimeout)
      guard outcome.succeeded else {
        throw Problem(description: "pg_dump が失敗しました: \(toolMessage(outcome))")
      }
    }
    try finish(tmp, as: out)
    let attributes = try? FileManager.default.attributesOfItem(atPath: out.path)
    return (attributes?[.size] as? Int) ?? 0
  }

  /// Restores `input` into the configured database. A database that already holds an
  /// organisation or a user is replaced only with `force`.
  static func restore(settings: ServerSettings, input: String, force: Bool) async throws {
    guard let handle = FileHandle(forReadingAtPath: input) else {
      throw Problem(description: "バックアップを読めません: \(input)")
    }
    let head = (try? handle.read(upToCount: 16)) ?? Data()
    try? handle.close()
    switch settings.database {
    case .sqliteMemory:
      throw Problem(description: "メモリ上のデータベースには復元できません。")
    case .sqliteFile(let path):
      guard head.starts(with: sqliteMagic) else {
        throw Problem(
          description: head.starts(with: pgDumpMagic)
            ? "\(input) は PostgreSQL のバックアップです。SQLite のデータフォルダには復元できません（DATABASE_URL を設定してください）。"
            : "\(input) は Bunkai のバックアップではありません（SQLite のファイルではありません）。")
      }
      if !force, FileManager.default.fileExists(atPath: path), try await holdsData(settings) {
        throw Problem(
          description: "復元先のデータベースにはすでにデータがあります: \(path)。上書きするときは --force を付けてください（先にバックアップを取ってください）。")
      }
      try DataFolder.prepare(databasePath: path)
      let target = URL(fileURLWithPath: path)
      let tmp = temporaryName(beside: target)
      defer {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: tmp.path + suffix) }
      }
      try FileManager.default.copyItem(at: URL(fileURLWithPath: input), to: tmp)
      // The copy is checked, and brought up to this version's schema, before it takes the name.
      var check = settings
      check.database = .sqliteFile(tmp.path)
      let problems = try await BunkaiServer.withApp(check) { app -> [String] in
        guard let sql = app.db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw("PRAGMA integrity_check").all()
        let lines = rows.compactMap { try? $0.decode(column: "integrity_check", as: String.self) }
        // Leave one self-contained file behind, with nothing in a write-ahead log.
        try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        try await sql.raw("PRAGMA journal_mode=DELETE").run()
        return lines == ["ok"] ? [] : lines
      }
      guard problems.isEmpty else {
        throw Problem(description: "バックアップが壊れています: \(input)（\(problems.prefix(3).joined(separator: "、"))）")
      }
      // The old database's log would be replayed into the new file: it goes first.
      for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
      try finish(tmp, as: target)
    case .postgres(let url):
      guard head.starts(with: pgDumpMagic) else {
        throw Problem(
          description: head.starts(with: sqliteMagic)
            ? "\(input) は SQLite のバックアップです。PostgreSQL には復元できません（DATABASE_URL を外し --data-dir を指定してください）。"
            : "\(input) は pg_dump のカスタム形式のバックアップではありません。")
      }
      guard let pgRestore = ExternalProcess.find("pg_restore") else {
        throw Problem(
          description:
            "pg_restore が見つかりません。PostgreSQL のクライアント（Debian/Ubuntu では postgresql-client）を入れてから実行してください。")
      }
      if !force, try await holdsData(settings) {
        throw Problem(description: "復元先のデータベースにはすでにデータがあります。上書きするときは --force を付けてください（先にバックアップを取ってください）。")
      }
      // One transaction: a restore that fails part way leaves the database as it was.
      let (dbname, env) = libpq(url)
      let outcome = try await ExternalProcess.run(
        pgRestore,
        [
          "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--dbname=\(dbname)",
          input,
        ], environment: env, timeout: toolTimeout)
      guard outcome.succeeded else {
        throw Problem(description: "pg_restore が失敗しました（データベースは元のままです）: \(toolMessage(outcome))")
      }
    }
  }

  /// `DATABASE_URL` as libpq reads it: PostgresKit's `tlsmode` is libpq's `sslmode`, and the
  /// password goes in the environment rather than on a command line other users can list.
  static func libpq(_ url: String) -> (String, [String: String]) {
    var env = ProcessInfo.processInfo.environment
    guard var parts = URLComponents(string: url) else { return (url, env) }
    if let password = parts.password {
      env["PGPASSWORD"] = password
      parts.password = nil
    }
    parts.queryItems = parts.queryItems?.map {
      $0.name == "tlsmode" ? URLQueryItem(name: "sslmode", value: $0.value) : $0
    }
    return (parts.string ?? url, env)
  }

  /// The database has an organisation or a user (a fresh one has neither).
  static func holdsData(_ settings: ServerSettings) async throws -> Bool {
    try await BunkaiServer.withApp(settings) { app in
      let orgs = try await Organisation.query(on: app.db).count()
      let users = try await User.query(on: app.db).count()
      return orgs + users > 0
    }
  }

  static func temporaryName(beside url: URL) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
  }

  /// Makes the finished temporary file the owner's alone, then gives it its name in one step.
  static func finish(_ tmp: URL, as target: URL) throws {
    guard chmod(tmp.path, 0o600) == 0, rename(tmp.path, target.path) == 0 else {
      throw Problem(description: "\(target.path): 書き込めません（\(String(cString: strerror(errno)))）")
    }
  }

  static func toolMessage(_ outcome: ExternalProcess.Outcome) -> String {
    if outcome.timedOut { return "\(Int(toolTimeout)) 秒以内に終わりませんでした" }
    let text = String(decoding: outcome.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? "終了コード \(outcome.exitStatus.map(String.init) ?? "?")" : text
  }
}

extension BunkaiServer {
  /// `bunkai backup`: a consistent copy of the whole database in `output`; returns its size.
  public static func backup(settings: ServerSettings, output: String) async throws -> Int {
    try await Backup.backup(settings: settings, output: output)
  }

  /// `bunkai restore`: replaces the configured database with the backup.
  public static func restore(settings: ServerSettings, input: String, force: Bool) async throws {
    try await Backup.restore(settings: settings, input: input, force: force)
  }
}
