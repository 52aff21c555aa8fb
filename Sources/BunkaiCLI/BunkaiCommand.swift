import ArgumentParser
import BunkaiCore
import BunkaiFormats
import Foundation

/// The `bunkai` command. Exit status: 0 ran, 1 usage error, 2 input error, 3 `--fail-on` met.
///
/// Every command names itself in its configuration: without a name ArgumentParser derives one with
/// `String(describing:)`, whose protocol lookups scan the conformance table of the whole binary
/// (the server included) for each command: some 7 ms of every run (`bunkai --version` went from
/// 21–24 to 15–16 ms when the last four commands were named).
public struct BunkaiCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "bunkai",
    abstract: "医療情報システムの契約書を、セキュリティの責任分界の観点で条項ライブラリと照合します。",
    discussion: "結果は公開された条項ライブラリとの機械的な照合であり、法的な助言ではありません。",
    version: BunkaiVersion.string,
    subcommands: [
      ReviewCommand.self, ServeCommand.self, MigrateCommand.self, UserCommand.self, TokenCommand.self,
      SeedCommand.self, InviteCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self,
      AuditCommand.self, AnnexBenchCommand.self, MapBenchCommand.self, ReminderBenchCommand.self,
      PlaybookCommand.self, CatalogCommand.self, BenchCommand.self, EvalCommand.self,
      IntakeWorkerCommand.self,
    ]
  )

  public init() {}

  /// Runs the command line and returns the exit status, mapping errors to Bunkai's codes.
  public static func run(arguments: [String]) async -> Int32 {
    do {
      var command = try parseAsRoot(arguments)
      if var async = command as? any AsyncParsableCommand {
        try await async.run()
      } else {
        try command.run()
      }
      return 0
    } catch let e as CLIFailure {
      if !e.message.isEmpty { Output.error(e.message) }
      return e.code
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        return 0
      }
      if let e = error as? ExitCode { return e.rawValue }
      Output.error(fullMessage(for: error))
      return 1
    }
  }
}

public enum BunkaiVersion {
  public static let string = "0.1.0"
}

/// An error that ends the command with a given status and message.
struct CLIFailure: Error {
  var code: Int32
  var message: String

  static func input(_ message: String) -> CLIFailure { CLIFailure(code: 2, message: message) }
  static func usage(_ message: String) -> CLIFailure { CLIFailure(code: 1, message: message) }
}

enum Output {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data(("bunkai: " + message + "\n").utf8))
  }

  static func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  /// Writes to the file (to a temporary file renamed over it, so the name never holds half a
  /// report), or to standard output when there is none; an unwritable path is an input error.
  static func write(_ text: String, to path: String?) throws {
    guard let path else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw CLIFailure.input("\(path): 書き込めません（フォルダがあるか、書き込みの権限があるか確認してください）")
    }
  }
}

/// Loads the playbooks and catalogue the user asked for, turning data-file errors into exit 2.
struct Library {
  var playbook: Playbook
  var catalog: ChecklistCatalog

  static func load(playbooks: [String], playbookOnly: Bool, catalog: String?) throws -> Library {
    Library(
      playbook: try playbook(playbooks, playbookOnly: playbookOnly), catalog: try Self.catalog(catalog))
  }

  /// The playbook compiled for reviewing, from the cache an earlier run left (PlaybookCache) when
  /// the playbooks and the program are the same, else loaded, compiled and left in the cache.
  static func reviewer(
    playbooks: [String], playbookOnly: Bool, catalog: String?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> (reviewer: Reviewer, catalog: ChecklistCatalog) {
    let cat = try Self.catalog(catalog)
    let cache =
      playbookOnly && playbooks.isEmpty
      ? nil : PlaybookCache(playbooks: playbooks, playbookOnly: playbookOnly, environment: environment)
    if let compiled = cache?.load() { return (Reviewer(compiled: compiled, catalog: cat), cat) }
    let compiled = CompiledPlaybook(try playbook(playbooks, playbookOnly: playbookOnly))
    cache?.store(compiled)
    return (Reviewer(compiled: compiled, catalog: cat), cat)
  }

  static func playbook(_ playbooks: [String], playbookOnly: Bool) throws -> Playbook {
    if playbookOnly && playbooks.isEmpty {
      throw CLIFailure.usage("--playbook-only には --playbook でプレイブックを指定してください")
    }
    return try dataFiles {
      // With --playbook-only the built-in rules are dropped but their topics and lessons stay, so
      // a user's rules can still name them.
      var book = try PlaybookLoader.builtin()
      if playbookOnly { book.rules = [] }
      for path in playbooks {
        guard FileManager.default.fileExists(atPath: path) else {
          throw CLIFailure.input("\(path): プレイブックのファイルが見つかりません")
        }
        let user = try PlaybookLoader.load(contentsOf: URL(fileURLWithPath: path))
        book = book.merged(with: user)
      }
      try PlaybookLoader.validateReferences(book, file: playbooks.last ?? "builtin")
      return book
    }
  }

  static func catalog(_ catalog: String?) throws -> ChecklistCatalog {
    try dataFiles {
      var cat = try CatalogLoader.builtin()
      if let catalog {
        guard FileManager.default.fileExists(atPath: catalog) else {
          throw CLIFailure.input("\(catalog): カタログのファイルが見つかりません")
        }
        cat = cat.merged(with: try CatalogLoader.load(contentsOf: URL(fileURLWithPath: catalog)))
      }
      return cat
    }
  }

  /// Data-file errors (a playbook's or catalogue's) become input errors: exit 2.
  static func dataFiles<T>(_ load: () throws -> T) throws -> T {
    do {
      return try load()
    } catch let e as DataFileErrors {
      throw CLIFailure.input(e.description)
    } catch let e as DataFileError {
      throw CLIFailure.input(e.description)
    }
  }

}
