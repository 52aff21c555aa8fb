import ArgumentParser
import BunkaiFormats
import BunkaiServer
import Foundation

/// `bunkai intake-worker`: the server starts this for each uploaded file (hidden from help). It
/// reads the file's bytes on standard input and answers with JSON on standard output.
struct IntakeWorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "intake-worker", abstract: "（サーバーが内部で使います）標準入力のファイルを読み取り、結果を JSON で出します。",
    shouldDisplay: false)

  @Option(help: "contract（契約書を読み照合する）または attachment（開けるか確かめる）。") var kind: String
  @Option(help: "ファイル名（形式の判定とメッセージに使います）。") var filename: String
  @Option(help: "CPU 時間の上限（秒）。") var cpuSeconds = 30
  @Option(help: "メモリ（アドレス空間）の上限（MiB）。") var memoryMb = 1_536
  @Option(help: "pdftotext の時間の上限（秒）。") var toolTimeout: Double = 60
  @Option(help: "ファイルの大きさの上限（バイト）。") var maxFileBytes = InputLimits().maxFileBytes
  @Option(help: "展開後の XML パート1つの上限（バイト）。") var maxPartBytes = InputLimits().maxPartBytes
  @Option(help: "本文の文字数の上限。") var maxCharacters = InputLimits().maxTextCharacters
  @Option(help: "シートのセル数の上限。") var maxCells = InputLimits().maxSheetCells
  @Option(help: "zip 内のファイル数の上限。") var maxZipEntries = InputLimits().maxZipEntries
  @Option(help: "展開後の合計の上限（バイト）。") var maxUncompressedBytes = InputLimits().maxUncompressedBytes
  @Option(help: "圧縮率の上限（倍）。") var maxRatio = InputLimits().maxCompressionRatio

  func run() throws {
    guard let kind = IntakeWorker.Kind(rawValue: kind) else {
      throw CLIFailure.usage("--kind は contract か attachment です（\(kind)）。")
    }
    var limits = InputLimits()
    limits.maxFileBytes = max(maxFileBytes, 1)
    limits.maxPartBytes = max(maxPartBytes, 1)
    limits.maxTextCharacters = max(maxCharacters, 1)
    limits.maxSheetCells = max(maxCells, 1)
    limits.maxZipEntries = max(maxZipEntries, 1)
    limits.maxUncompressedBytes = max(maxUncompressedBytes, 1)
    limits.maxCompressionRatio = max(maxRatio, 1)
    let status = IntakeWorker.main(
      kind: kind, filename: filename, cpuSeconds: cpuSeconds, memoryMB: memoryMb, toolTimeout: toolTimeout,
      limits: limits)
    if status != 0 { throw CLIFailure(code: status, message: "") }
  }
}
