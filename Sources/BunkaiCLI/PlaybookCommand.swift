import ArgumentParser
import BunkaiCore
import Foundation

struct PlaybookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "playbook",
    abstract: "プレイブック（条項ライブラリ）を検証・一覧します。",
    subcommands: [Validate.self, List.self]
  )

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate", abstract: "プレイブックの YAML を検証します（誤りはファイル・行・項目を示します）。")

    @Argument(help: "検証する YAML ファイル")
    var files: [String]

    @Flag(name: .customLong("standalone"), help: "組み込みのトピック・教訓を参照せず、単独で検証する")
    var standalone = false

    func run() throws {
      var failed = false
      for file in files {
        do {
          guard FileManager.default.fileExists(atPath: file) else {
            throw CLIFailure.input("\(file): ファイルが見つかりません")
          }
          let user = try PlaybookLoader.load(contentsOf: URL(fileURLWithPath: file))
          // Rules may use the built-in topics and lessons, as they do under `review --playbook`.
          let merged = standalone ? user : try PlaybookLoader.builtin().merged(with: user)
          try PlaybookLoader.validateReferences(merged, file: file)
          print(
            "\(file): OK（ルール \(user.rules.count) 件、トピック \(user.topics.count) 件、教訓 \(user.lessons.count) 件）")
        } catch let e as DataFileErrors {
          Output.error(e.description)
          failed = true
        } catch let e as DataFileError {
          Output.error(e.description)
          failed = true
        } catch let e as CLIFailure {
          Output.error(e.message)
          failed = true
        }
      }
      if failed { throw CLIFailure(code: 2, message: "") }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "ルールの一覧を表示します。")

    @Option(name: .customLong("playbook"), help: "追加するプレイブック")
    var playbooks: [String] = []

    func run() throws {
      let library = try Library.load(playbooks: playbooks, playbookOnly: false, catalog: nil)
      print("\(library.playbook.title)（\(library.playbook.id)、版 \(library.playbook.version)）")
      for rule in library.playbook.rules {
        print(
          "- \(rule.id)\t[\(rule.severity.label)]\t\(rule.guideRefs.joined(separator: ","))\t\(rule.title)")
      }
    }
  }
}
