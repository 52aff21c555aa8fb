import ArgumentParser
import BunkaiBench
import BunkaiCore
import BunkaiServer
import Foundation

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "生成した契約書コーパスをレビューし、1 コアでの処理速度（MB/s、件/s）を表示します。")

  @Option(help: "契約書の件数")
  var count = 2_000

  @Option(help: "1 件あたりのおよその文字数")
  var chars = 15_000

  @Option(help: "測定の繰り返し回数（最良の回を表示）")
  var rounds = 3

  @Flag(help: "処理の段階ごとの時間も表示する")
  var stages = false

  func validate() throws {
    if count < 1 || rounds < 1 || chars < 100 {
      throw ValidationError("--count と --rounds は 1 以上、--chars は 100 以上を指定してください")
    }
  }

  func run() throws {
    let t0 = DispatchTime.now()
    let library = try Library.load(playbooks: [], playbookOnly: false, catalog: nil)
    let reviewer = Reviewer(playbook: library.playbook, catalog: library.catalog)
    let setup = seconds(since: t0)
    let corpus = BenchCorpus.generate(count: count, targetChars: chars)
    let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
    let scalars = corpus.reduce(0) { $0 + $1.unicodeScalars.count }
    print(
      "準備: プレイブック読み込みとコンパイル \(String(format: "%.1f", setup * 1000)) ms（ルール \(library.playbook.rules.count) 件）"
    )
    print(
      "コーパス: \(count) 件、平均 \(scalars / max(count, 1)) 文字、合計 \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB（UTF-8）"
    )
    var best = Double.infinity
    var findings = 0
    for round in 1...max(rounds, 1) {
      let start = DispatchTime.now()
      findings = 0
      for text in corpus {
        findings += reviewer.review(SourceText(text: text, path: "bench")).findings.count
      }
      let t = seconds(since: start)
      best = min(best, t)
      print("  \(round) 回目: \(String(format: "%.3f", t)) s")
    }
    if stages {
      let sources = corpus.map { SourceText(text: $0, path: "bench") }
      for (name, t) in StageTimer.measure(reviewer, sources) {
        print("  段階 \(name): \(String(format: "%.3f", t / Double(count) * 1000)) ms/件")
      }
    }
    // What one `bunkai review FILE` costs inside the process (process start-up comes on top;
    // docs/cli.md says how it was timed): the first run after an install or a playbook change loads
    // and compiles the playbook; every later run reads the compiled playbook from the cache
    // (PlaybookCache), here in a folder of its own.
    let cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bunkai-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cacheDir) }
    let first = try singleReview(corpus[0], environment: ["BUNKAI_CACHE_DIR": ""])
    _ = try Library.reviewer(
      playbooks: [], playbookOnly: false, catalog: nil, environment: ["BUNKAI_CACHE_DIR": cacheDir.path])
    let later = try singleReview(corpus[0], environment: ["BUNKAI_CACHE_DIR": cacheDir.path])
    print("単一ファイル相当（プレイブック読み込み・コンパイルと 1 件のレビュー）: \(String(format: "%.1f", first * 1000)) ms")
    print("単一ファイル相当（コンパイル済みプレイブックをキャッシュから読み、1 件のレビュー）: \(String(format: "%.1f", later * 1000)) ms")
    let mbps = Double(bytes) / 1_048_576 / best
    let perSecond = Double(count) / best
    print(
      "結果（1 コア、最良の回）: \(String(format: "%.1f", mbps)) MB/s、\(String(format: "%.0f", perSecond)) 件/s、1 件 \(String(format: "%.3f", best / Double(count) * 1000)) ms、指摘 \(findings) 件"
    )
  }

  /// Seconds to make a reviewer as `bunkai review` does and review one contract.
  func singleReview(_ text: String, environment: [String: String]) throws -> Double {
    let start = DispatchTime.now()
    let (reviewer, _) = try Library.reviewer(
      playbooks: [], playbookOnly: false, catalog: nil, environment: environment)
    _ = reviewer.review(SourceText(text: text, path: "bench"))
    return seconds(since: start)
  }

  func seconds(since t: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
  }
}

/// `bunkai bench-annex`: how long the annex of a fully agreed contract takes (target < 200 ms).
struct AnnexBenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-annex",
    abstract: "確認表 Part2 の全項目が合意済みの契約について、別紙の作成時間を測ります（新しい SQLite で測定）。")

  @Option(help: "測定の繰り返し回数") var rounds = 20

  func run() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bunkai-bench-annex-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let settings = ServerSettings(database: .sqliteFile(dir.appendingPathComponent("bunkai.sqlite").path))
    let (items, timings) = try await serverTask {
      try await BunkaiBench.benchAnnex(settings: settings, rounds: max(rounds, 1))
    }
    print("別紙: 確認表 Part2 の \(items) 項目すべてが合意済み（各項目に手順1〜4のやり取り）、\(rounds) 回の測定")
    for t in timings {
      let sorted = t.milliseconds.sorted()
      let median = sorted[sorted.count / 2]
      print(
        "  \(t.name): 中央値 \(String(format: "%.1f", median)) ms、最良 \(String(format: "%.1f", sorted[0])) ms、最悪 \(String(format: "%.1f", sorted.last!)) ms"
      )
    }
  }
}

/// `bunkai bench-map`: the responsibility map page for 30 vendors, 60 systems and every Part2 item
/// answered (issue 10's target: p99 under 200 ms at 10 connections).
struct MapBenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-map",
    abstract: "事業者 30・システム 60・確認表 Part2 全項目回答の責任分界マップを、同時接続数を指定して HTTP で読み、応答時間を測ります（新しい SQLite で測定）。")

  @Option(help: "測定するリクエストの数") var requests = 1_000
  @Option(help: "同時接続数") var connections = 10
  @Option(help: "測定に使うポート（127.0.0.1）") var port = 18_099

  func run() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bunkai-bench-map-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let settings = ServerSettings(database: .sqliteFile(dir.appendingPathComponent("bunkai.sqlite").path))
    let texts = BenchCorpus.generate(count: 6, targetChars: 8_000)
    let out = try await serverTask {
      try await BunkaiBench.benchResponsibilityMap(
        settings: settings, texts: texts, requests: requests, connections: max(connections, 1), port: port
      ) { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
      }
    }
    print("責任分界マップ: \(out.summary)")
    for (name, ms) in [
      ("同時 \(connections) 接続、データに変更なし（\(out.cached.count) 件）", out.cached),
      ("変更の直後（読み込み・導出・描画のやり直し、1 接続、\(out.afterChange.count) 件）", out.afterChange),
    ] {
      let sorted = ms.sorted()
      func p(_ q: Double) -> Double {
        sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)]
      }
      print(
        "  \(name): p50 \(String(format: "%.1f", p(0.5))) ms、p99 \(String(format: "%.1f", p(0.99))) ms、最悪 \(String(format: "%.1f", sorted.last ?? 0)) ms"
      )
    }
  }
}

/// `bunkai bench-reminders`: the daily reminder run for many organisations (issue 10's target:
/// 1,000 organisations in under 60 s).
struct ReminderBenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-reminders",
    abstract: "医療機関ごとに期限のある契約を用意し、日次の期限のお知らせ（メールは数えるだけで送らない）にかかる時間を測ります（新しい SQLite で測定）。")

  @Option(help: "医療機関の数") var organisations = 1_000

  func run() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bunkai-bench-reminders-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let settings = ServerSettings(database: .sqliteFile(dir.appendingPathComponent("bunkai.sqlite").path))
    let line = try await serverTask {
      try await BunkaiBench.benchReminders(settings: settings, organisations: max(organisations, 1)) {
        line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
      }
    }
    print("日次の期限のお知らせ: \(line)")
  }
}
