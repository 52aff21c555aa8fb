import ArgumentParser
import BunkaiCore
import BunkaiFormats
import Foundation

struct CatalogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "catalog",
    abstract: "確認表（Part1/Part2）のカタログを表示・取り込みます。",
    subcommands: [List.self, Import.self]
  )

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "カタログの項目を表示します。")

    @Option(name: .shortAndLong, help: "出力形式: text, json")
    var format: ListFormat = .text

    @Option(name: .customLong("catalog"), help: "取り込んだカタログ（省略時は組み込み）")
    var catalog: String?

    enum ListFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
      let cat = try Library.load(playbooks: [], playbookOnly: false, catalog: catalog).catalog
      switch format {
      case .json:
        struct Out: Encodable {
          var id: String
          var version: String
          var items: [ChecklistItem]
        }
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        print(
          String(
            decoding: try e.encode(Out(id: cat.id, version: cat.version, items: cat.items)), as: UTF8.self))
      case .text:
        print("確認表カタログ \(cat.id)（版 \(cat.version)）")
        var lastGroup = ""
        for item in cat.items {
          let group =
            item.part == 1 ? "Part1 【主に医療機関が実施する項目】" : "Part2 【医療機関と事業者が共同で実施する項目】 \(item.section ?? "")"
          if group != lastGroup {
            print("\n\(group)")
            lastGroup = group
          }
          let summary = item.titleIsSummary ? "（要約・公式文言ではありません）" : ""
          print("  \(item.number)\t\(item.displayTitle)\(summary)")
          if item.title == nil, let note = ChecklistDisplay.note(item) {
            print("  \t  \(note)公式の確認表は bunkai catalog import で取り込めます。")
          }
        }
      }
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "公式の確認表（CSV / TSV / XLSX）を読み、版付きのカタログ YAML を書き出します。")

    @Argument(help: "取り込むファイル（.csv, .tsv, .xlsx）")
    var file: String

    @Option(name: .shortAndLong, help: "書き出すカタログ YAML")
    var output: String

    @Option(help: "カタログの版（省略時は取り込んだ日付）")
    var version: String?

    @Option(help: "カタログの ID")
    var id = "imported"

    func run() throws {
      let version =
        self.version
        ?? ISO8601DateFormatter.string(
          from: Date(), timeZone: TimeZone(identifier: "Asia/Tokyo")!, formatOptions: [.withFullDate])
      do {
        let catalog = try CatalogImporter.importFile(path: file, id: id, version: version)
        try Output.write(try CatalogLoader.yaml(catalog), to: output)
        print("\(output): \(catalog.items.count) 項目を取り込みました（版 \(version)）")
      } catch let e as CatalogImportError {
        throw CLIFailure.input(e.description)
      } catch let e as InputError {
        throw CLIFailure.input(e.description)
      }
    }
  }
}
