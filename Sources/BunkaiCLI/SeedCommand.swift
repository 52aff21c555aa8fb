import ArgumentParser
import BunkaiBench
import BunkaiServer
import Foundation

/// Fills the database with an organisation of generated contracts, each reviewed, for the load
/// benchmark (scripts/load-bench.sh) or to try the app out.
struct SeedCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "seed", abstract: "試験用の医療機関に、生成した契約書と照合結果を登録します（負荷試験・お試し用）。")

  @Option(help: "登録する契約の数。") var contracts = 200
  @Option(help: "契約書1通のおよその文字数。") var chars = 15_000
  @Option(help: "医療機関名。") var org = "負荷試験病院"
  @Option(help: "管理者のメールアドレス。") var email = "bench@bunkai.example"
  @Flag(help: "管理者のパスワードを標準入力の1行目から読みます（省略時は bench-password-1）。") var passwordStdin = false
  @OptionGroup var data: DataOptions

  func run() async throws {
    guard contracts > 0 else { throw CLIFailure.usage("--contracts は1以上にしてください。") }
    var password = "bench-password-1"
    if passwordStdin {
      password =
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        .split(separator: "\n").first.map(String.init) ?? ""
    }
    let texts = BenchCorpus.generate(count: contracts, targetChars: chars)
    let total = contracts
    let (reviews, contractIDs) = try await serverTask {
      try await BunkaiBench.seed(
        settings: data.settings, org: org, email: email, password: password, contracts: texts,
        progress: { n in if n % 50 == 0 || n == total { Output.progress("登録 \(n)/\(total)") } })
    }
    print("医療機関「\(org)」に契約 \(reviews.count) 件と照合結果を登録しました。ログイン: \(email)")
    if let first = reviews.first { print("review: /reviews/\(first)") }
    if let first = contractIDs.first { print("contract: /contracts/\(first)") }
  }
}
