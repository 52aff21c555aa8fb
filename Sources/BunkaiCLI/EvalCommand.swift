import ArgumentParser
import BunkaiCore
import BunkaiFormats
import Foundation

/// Scores the engine on a labelled folder (docs/eval.md): per concern and per element precision,
/// recall and location accuracy.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "ラベル付きの契約書フォルダ（docs/eval.md）で照合の精度を測ります（懸念ごと・要素ごとの適合率・再現率・位置の正しさ）。"
  )

  @Argument(help: "NAME.txt と NAME.labels.yaml を収めたフォルダ（複数可）")
  var folders: [String]

  @Flag(help: "集計の数字だけを出す（凍結した評価用データはこれで測る）")
  var quiet = false

  @Flag(help: "JSON で出す")
  var json = false

  @Option(help: ArgumentHelp("この要素の判定と根拠を契約書ごとに表示する（開発用。凍結データには使わない）", visibility: .hidden))
  var trace: String?

  @Option(name: .customLong("playbook"), help: "追加するプレイブック（YAML）")
  var playbooks: [String] = []

  func run() throws {
    let library = try Library.load(playbooks: playbooks, playbookOnly: false, catalog: nil)
    let reviewer = Reviewer(playbook: library.playbook, catalog: library.catalog)
    var score = EvalScore()
    for folder in folders {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
        throw CLIFailure.input("\(folder): フォルダが見つかりません")
      }
      let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
        $0.hasSuffix(".labels.yaml")
      }
      .sorted()
      if names.isEmpty { throw CLIFailure.input("\(folder): ラベルファイル（*.labels.yaml）がありません") }
      for name in names {
        let base = String(name.dropLast(".labels.yaml".count))
        let labelPath = (folder as NSString).appendingPathComponent(name)
        let textPath = (folder as NSString).appendingPathComponent(base + ".txt")
        guard
          let yaml = FileManager.default.contents(atPath: labelPath).flatMap({
            String(data: $0, encoding: .utf8)
          })
        else { throw CLIFailure.input("\(labelPath): UTF-8 のテキストとして読めません") }
        let labels: EvalLabels
        do {
          labels = try EvalLabels.parse(yaml, file: labelPath)
        } catch let e as DataFileError {
          throw CLIFailure.input(e.description)
        } catch {
          throw CLIFailure.input("\(labelPath): ラベルファイルを YAML として読めません（\(error)）")
        }
        let review: ReviewResult
        do throws(InputError) {
          review = reviewer.review(try DocumentLoader.load(path: textPath, limits: .init()))
        } catch {
          throw CLIFailure.input(error.description)
        }
        score.add(file: quiet ? "" : base, labels: labels, review: review)
        if let trace, !quiet, let e = review.elements.first(where: { $0.id == trace }) {
          print(
            "\(base)  \(e.status.rawValue)  期待: \(labels.elements[trace]?.status.rawValue ?? "-")  \(e.note ?? "")"
          )
          for ev in e.evidence { print("    「\(ev.text.prefix(120))」") }
        }
      }
    }
    if quiet { score.misses = [] }
    if json {
      let e = JSONEncoder()
      e.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try e.encode(score), as: UTF8.self))
    } else {
      print(score.report(details: !quiet), terminator: "")
    }
  }
}
