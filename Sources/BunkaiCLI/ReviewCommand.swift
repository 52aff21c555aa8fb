import ArgumentParser
import BunkaiCore
import BunkaiFormats
import Foundation

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, md, html
}

struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "契約書（.txt / .docx / .pdf、- で標準入力）を条項ライブラリと照合し、指摘と文例を示します。"
  )

  @Argument(help: "契約書のファイル（複数可）。- で標準入力。")
  var files: [String]

  @Option(name: .shortAndLong, help: "出力形式: text, json, md, html")
  var format: ReportFormat = .text

  @Option(name: .shortAndLong, help: "結果を書き出すファイル（省略時は標準出力）")
  var output: String?

  @Option(name: .customLong("fail-on"), help: "この重要度以上の指摘があれば終了コード 3 にする: high, medium, low")
  var failOn: Severity?

  @Option(name: .customLong("playbook"), help: "追加するプレイブック（YAML）。繰り返し指定できます")
  var playbooks: [String] = []

  @Flag(name: .customLong("playbook-only"), help: "組み込みのルールを使わず、--playbook のルールだけで照合する")
  var playbookOnly = false

  @Option(name: .customLong("catalog"), help: "取り込んだ確認表カタログ（bunkai catalog import の出力）")
  var catalog: String?

  @Option(name: .customLong("redline"), help: "すべての文例を修正履歴として書き込んだ .docx を出力する（ファイル1つのとき）")
  var redline: String?

  @Option(name: .customLong("author"), help: "--redline の修正履歴の作成者名（医療機関名）")
  var author = "医療機関"

  @OptionGroup var limits: LimitOptions

  func validate() throws {
    if files.isEmpty { throw ValidationError("契約書のファイルを指定してください") }
    if redline != nil && (files.count != 1 || files == ["-"]) {
      throw ValidationError("--redline は契約書ファイルを1つ指定したときに使えます")
    }
  }

  func run() throws {
    let (reviewer, catalog) = try Library.reviewer(
      playbooks: playbooks, playbookOnly: playbookOnly, catalog: self.catalog)
    let inputLimits = limits.inputLimits
    // Each file is reviewed on its own core; results keep the order of the arguments.
    let box = ResultBox(count: files.count, showProgress: files.count > 1 && isatty(STDERR_FILENO) != 0)
    let files = self.files
    DispatchQueue.concurrentPerform(iterations: files.count) { i in
      let r: Result<ReviewResult, InputError>
      do throws(InputError) {
        r = .success(reviewer.review(try DocumentLoader.load(path: files[i], limits: inputLimits)))
      } catch {
        r = .failure(error)
      }
      box.set(i, r)
    }
    let results = box.results
    var reviews: [ReviewResult] = []
    var inputFailed = false
    for r in results {
      switch r! {
      case .success(let review): reviews.append(review)
      case .failure(let e):
        Output.error(e.description)
        inputFailed = true
      }
    }
    // A file is written only from a run that read every input: a failed run leaves an earlier
    // report (or redline) in place rather than replacing it with a partial or empty one.
    if inputFailed, let path = output ?? redline {
      throw CLIFailure(code: 2, message: "\(path): 読めないファイルがあったため書き出していません（元のファイルはそのままです）")
    }
    try Output.write(render(reviews, catalog: catalog), to: output)
    if let redline, let review = reviews.first { try writeRedline(review, to: redline) }
    if inputFailed { throw CLIFailure(code: 2, message: "") }
    if let failOn, reviews.contains(where: { $0.findings.contains { $0.severity >= failOn } }) {
      throw CLIFailure(code: 3, message: "")
    }
  }

  func writeRedline(_ review: ReviewResult, to path: String) throws {
    guard !review.findings.isEmpty else {
      Output.error("指摘がないため、修正提案の文書は作りませんでした。")
      return
    }
    let original = review.source.format == "docx" ? FileManager.default.contents(atPath: files[0]) : nil
    do {
      let data = try DocxRedline.allSuggestions(review, original: original, author: author, date: Date())
      // Written to a temporary file and renamed: never half a document under the name.
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch let e as InputError {
      throw CLIFailure(code: 2, message: e.description)
    } catch {
      throw CLIFailure(code: 2, message: "\(path): 修正提案の文書を書き出せませんでした（\(error.localizedDescription)）")
    }
    Output.progress("修正提案 \(review.findings.count) 件を修正履歴として書き込みました: \(path)")
  }

  func render(_ reviews: [ReviewResult], catalog: ChecklistCatalog) throws -> String {
    switch format {
    case .json:
      if files.count == 1, let r = reviews.first {
        return String(decoding: try ReviewJSON(r, catalog: catalog).encoded(pretty: true), as: UTF8.self)
          + "\n"
      }
      return try reviews.map {
        String(decoding: try ReviewJSON($0, catalog: catalog).encoded(pretty: false), as: UTF8.self) + "\n"
      }
      .joined()
    case .text: return reviews.map { TextReport.render($0, catalog: catalog) }.joined(separator: "\n")
    case .md:
      return reviews.map { MarkdownReport.render($0, catalog: catalog) }.joined(separator: "\n---\n\n")
    case .html: return HTMLReport.render(reviews, catalog: catalog)
    }
  }
}

extension Severity: ExpressibleByArgument {}

/// Input limits, shared by every command that reads contracts.
struct LimitOptions: ParsableArguments {
  @Option(name: .customLong("max-size"), help: "入力ファイルの上限（MB）")
  var maxSize: Int = 20
  @Option(name: .customLong("max-zip-entries"), help: ".docx 内のファイル数の上限")
  var maxZipEntries: Int = 2_000
  @Option(name: .customLong("max-uncompressed"), help: ".docx を展開したときの合計サイズの上限（MB）")
  var maxUncompressed: Int = 200
  @Option(name: .customLong("max-ratio"), help: ".docx 内の各ファイルの圧縮率の上限（倍）")
  var maxRatio: Int = 200
  @Option(name: .customLong("max-part"), help: ".docx を展開したときの word/document.xml などの上限（MB）")
  var maxPart: Int = InputLimits().maxPartBytes / 1_048_576
  @Option(name: .customLong("max-characters"), help: "本文の文字数の上限")
  var maxCharacters: Int = InputLimits().maxTextCharacters

  func validate() throws {
    if maxSize < 1 || maxZipEntries < 1 || maxUncompressed < 1 || maxRatio < 1 || maxPart < 1
      || maxCharacters < 1
    {
      throw ValidationError("上限には 1 以上の整数を指定してください")
    }
  }

  /// MB as bytes; a huge value is clamped to what Int holds instead of overflowing.
  static func megabytes(_ mb: Int) -> Int {
    mb.multipliedReportingOverflow(by: 1_048_576).overflow ? Int.max : mb * 1_048_576
  }

  var inputLimits: InputLimits {
    var l = InputLimits()
    // A huge --max-size must not overflow: it is clamped to what Int holds.
    l.maxFileBytes = Self.megabytes(maxSize)
    l.maxZipEntries = maxZipEntries
    l.maxUncompressedBytes = Self.megabytes(maxUncompressed)
    l.maxCompressionRatio = maxRatio
    l.maxPartBytes = Self.megabytes(maxPart)
    l.maxTextCharacters = maxCharacters
    return l
  }
}

/// Collects the results of concurrent reviews, and reports progress on a terminal.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var results: [Result<ReviewResult, InputError>?]
  private var done = 0
  private let showProgress: Bool

  init(count: Int, showProgress: Bool) {
    results = Array(repeating: nil, count: count)
    self.showProgress = showProgress
  }

  func set(_ i: Int, _ r: Result<ReviewResult, InputError>) {
    lock.lock()
    defer { lock.unlock() }
    results[i] = r
    done += 1
    if showProgress { Output.progress("レビュー中 \(done)/\(results.count)") }
  }
}
