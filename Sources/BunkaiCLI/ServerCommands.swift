import ArgumentParser
import BunkaiServer
import Foundation

/// Where the server keeps its data: the SQLite file (and with it the uploads), unless
/// `DATABASE_URL` names a PostgreSQL database.
struct DataOptions: ParsableArguments {
  @Option(name: .long, help: "データを保存するフォルダ（SQLite のとき）。")
  var dataDir: String = "./bunkai-data"

  var settings: ServerSettings {
    ServerSettings.from(dataDir: dataDir, environment: ProcessInfo.processInfo.environment)
  }
}

/// Runs server work, turning its errors into exit status 2 with the message.
func serverTask<T>(_ body: () async throws -> T) async throws -> T {
  do {
    return try await body()
  } catch let e as CLIFailure {
    throw e
  } catch {
    // Database drivers hide details in `description`; the operator running the command needs them.
    throw CLIFailure.input((error as? LocalizedError)?.errorDescription ?? String(reflecting: error))
  }
}

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve", abstract: "Web アプリを起動します（既定は SQLite。DATABASE_URL があれば PostgreSQL）。")

  @Option(help: "待ち受けるアドレス。") var hostname = "127.0.0.1"
  @Option(help: "待ち受けるポート。") var port = 8080
  @Option(help: "利用者が開くアドレス（招待リンクの先頭。例: https://bunkai.example.jp。既定: BUNKAI_PUBLIC_URL）。")
  var publicUrl: String?
  @OptionGroup var data: DataOptions

  func run() async throws {
    var settings = data.settings
    if let publicUrl, !publicUrl.isEmpty {
      settings.publicURL = publicUrl
      if publicUrl.lowercased().hasPrefix("https://") { settings.https = true }
    }
    try await serverTask {
      try await BunkaiServer.serve(settings: settings, hostname: hostname, port: port)
    }
  }
}

struct MigrateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate", abstract: "データベースを最新の形に移行します（PostgreSQL では起動前に一度実行）。")

  @OptionGroup var data: DataOptions

  func run() async throws {
    let applied = try await serverTask { try await BunkaiServer.migrate(settings: data.settings) }
    print(applied.isEmpty ? "移行は不要です（最新です）。" : "適用した移行: " + applied.joined(separator: ", "))
  }
}

struct UserCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: "利用者を管理します。", subcommands: [Create.self, ResetPassword.self, Disable.self])

  struct ResetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reset-password",
      abstract: "利用者に一時パスワードを設定し、その利用者のログイン中のセッションを終わらせます。パスワードは標準入力から読みます。")

    @Option(help: "利用者のメールアドレス。") var email: String
    @Flag(help: "パスワードを標準入力の1行目から読みます（必須）。") var passwordStdin = false
    @OptionGroup var data: DataOptions

    func run() async throws {
      guard passwordStdin else { throw CLIFailure.usage("--password-stdin を指定し、パスワードを標準入力から渡してください。") }
      let password = readPasswordLine()
      try await serverTask {
        try await BunkaiServer.resetPassword(settings: data.settings, email: email, password: password)
      }
      print("利用者 \(email.lowercased()) のパスワードを再設定しました。ログイン中のセッションは終了しました。")
    }
  }

  struct Disable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "disable", abstract: "利用者を無効にします（ログインも API トークンも使えなくなり、セッションは終了します）。")

    @Option(help: "利用者のメールアドレス。") var email: String
    @OptionGroup var data: DataOptions

    func run() async throws {
      try await serverTask { try await BunkaiServer.disableUser(settings: data.settings, email: email) }
      print("利用者 \(email.lowercased()) を無効にしました。")
    }
  }

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create", abstract: "利用者を作ります（医療機関がなければ作ります）。パスワードは標準入力から読みます。")

    @Option(help: "医療機関名。") var org: String
    @Option(help: "メールアドレス（ログインに使います）。") var email: String
    @Option(help: "表示名。") var name: String?
    @Option(help: "権限: admin、staff、executive。") var role: String
    @Flag(help: "パスワードを標準入力の1行目から読みます（必須）。") var passwordStdin = false
    @OptionGroup var data: DataOptions

    func run() async throws {
      guard passwordStdin else { throw CLIFailure.usage("--password-stdin を指定し、パスワードを標準入力から渡してください。") }
      let password2 = readPasswordLine()
      let orgName = try await serverTask {
        try await BunkaiServer.createUser(
          settings: data.settings, org: org, email: email, name: name, role: role, password: password2)
      }
      print("利用者 \(email.lowercased())（\(role)）を医療機関「\(orgName)」に作りました。")
    }
  }
}

/// The first line of standard input, without its line end.
func readPasswordLine() -> String {
  let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
  let line = input.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
  return line.hasSuffix("\r") ? String(line.dropLast()) : line
}

struct TokenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "token", abstract: "API トークンを管理します。", subcommands: [Create.self, List.self, Revoke.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create", abstract: "利用者の API トークンを発行し、標準出力に1行で出します（再表示はできません）。")

    @Option(help: "利用者のメールアドレス。") var email: String
    @Option(help: "トークンの用途のメモ。") var label = "cli"
    @Option(help: "有効期間（日、1〜3650）。省略すると取り消すまで有効です。") var expiresDays: Int?
    @OptionGroup var data: DataOptions

    func run() async throws {
      let token = try await serverTask {
        try await BunkaiServer.createToken(
          settings: data.settings, email: email, label: label, days: expiresDays)
      }
      print(token)
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "API トークンの一覧（ID、利用者、メモ、作成・期限・最終利用、状態）をタブ区切りで出します。トークン自体は出しません。")

    @Option(help: "この利用者のトークンだけ。") var email: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
      let rows = try await serverTask {
        try await BunkaiServer.listTokens(settings: data.settings, email: email)
      }
      let f = ISO8601DateFormatter()
      let now = Date()
      print(["ID", "利用者", "メモ", "作成", "期限", "最終利用", "状態"].joined(separator: "\t"))
      for r in rows {
        let state =
          r.revokedAt != nil ? "取り消し済み" : (r.expiresAt.map { $0 <= now } ?? false) ? "期限切れ" : "有効"
        print(
          [
            r.id.uuidString, r.email, r.label, r.createdAt.map(f.string) ?? "",
            r.expiresAt.map(f.string) ?? "なし",
            r.lastUsedAt.map(f.string) ?? "", state,
          ].joined(separator: "\t"))
      }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "revoke", abstract: "API トークンを取り消します（すぐに使えなくなります）。")

    @Argument(help: "トークンの ID（bunkai token list の1列目）。") var id: String
    @OptionGroup var data: DataOptions

    func run() async throws {
      let (label, email) = try await serverTask {
        try await BunkaiServer.revokeToken(settings: data.settings, id: id)
      }
      print("取り消しました: \(id)（\(email)、\(label)）")
    }
  }
}

struct InviteCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "invite", abstract: "事業者の担当者を契約に招待します。", subcommands: [Create.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create", abstract: "招待リンク（一度だけ使えます）を作り、標準出力に1行で出します。")

    @Option(help: "契約の ID（契約の画面の URL にあります）。") var contract: String
    @Option(help: "事業者の担当者のメールアドレス。") var email: String
    @Option(help: "有効期間（日、1〜90）。") var days = 14
    @Option(help: "リンクの先頭に付ける公開アドレス（既定: BUNKAI_PUBLIC_URL、なければ http://127.0.0.1:8080）。")
    var baseURL: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
      let (link, expires, delivery) = try await serverTask {
        try await BunkaiServer.createInvitation(
          settings: data.settings, contractID: contract, email: email, days: days, baseURL: baseURL)
      }
      print(link)
      FileHandle.standardError.write(
        Data("有効期限: \(ISO8601DateFormatter().string(from: expires))\n\(delivery)\n".utf8))
    }
  }
}

struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "別紙（annex）、修正提案の契約書（redline）、レビューメモ（memo）を書き出します。",
    discussion: """
      bunkai export annex --contract ID --output 別紙.docx   （.docx、.xlsx、.html、.pdf）
      bunkai export redline --review ID --output 修正提案.docx
      bunkai export memo --review ID --output メモ.md        （.docx、.md）
      形式は --output の拡張子で決まります。PDF には LibreOffice が必要です。
      """)

  @Argument(help: "annex、redline、memo のいずれか。") var kind: String
  @Option(help: "契約の ID（annex）。") var contract: String?
  @Option(help: "照合結果の ID（redline、memo）。") var review: String?
  @Option(name: .shortAndLong, help: "書き出すファイル。") var output: String
  @OptionGroup var data: DataOptions

  func run() async throws {
    let id = kind == "annex" ? contract : review
    guard let id else {
      throw CLIFailure.usage(
        kind == "annex" ? "--contract で契約の ID を指定してください。" : "--review で照合結果の ID を指定してください。")
    }
    let format = (output as NSString).pathExtension.lowercased()
    let bytes = try await serverTask {
      try await BunkaiServer.export(settings: data.settings, kind: kind, id: id, format: format)
    }
    do {
      // Written to a temporary file and renamed: never half a document under the name.
      try bytes.write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw CLIFailure.input("\(output): 書き込めませんでした（\(error.localizedDescription)）")
    }
    print("書き出しました: \(output)（\(bytes.count) バイト）")
  }
}

struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: "データベース全体（文書を含む）の一貫したバックアップを作ります（SQLite は VACUUM INTO、PostgreSQL は pg_dump）。")

  @Option(help: "バックアップの保存先ファイル。") var output: String
  @OptionGroup var data: DataOptions

  func run() async throws {
    let size = try await serverTask { try await BunkaiServer.backup(settings: data.settings, output: output) }
    print("バックアップを作りました: \(output)（\(size) バイト）")
  }
}

struct RestoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore",
    abstract: "bunkai backup のファイルを設定中のデータベースに復元します（サーバーを止めてから実行してください）。")

  @Argument(help: "bunkai backup で作ったファイル。") var file: String
  @Flag(help: "データのあるデータベースも上書きします。") var force = false
  @OptionGroup var data: DataOptions

  func run() async throws {
    try await serverTask {
      try await BunkaiServer.restore(settings: data.settings, input: file, force: force)
    }
    print("復元しました: \(file)")
  }
}

struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "監査ログ（変更履歴）を扱います。", subcommands: [Verify.self])

  struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "監査ログのハッシュの連鎖が途切れていないか確かめます（途切れていれば最初の記録を示し終了コード 2）。")

    @OptionGroup var data: DataOptions

    func run() async throws {
      let (checked, problem) = try await serverTask {
        try await BunkaiServer.verifyAudit(settings: data.settings)
      }
      if let problem {
        throw CLIFailure.input("監査ログの連鎖が途切れています。\(problem)（\(checked) 件目までは正常です）")
      }
      print("監査ログの連鎖は途切れていません（\(checked) 件を確認しました）。")
    }
  }
}
