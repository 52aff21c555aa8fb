import BunkaiTestSupport
import Foundation
import Testing

/// Runs the real `bunkai` binary, as a user would.
enum CLI {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  static let binary: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("bunkai")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/bunkai")
  }()

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ args: [String], stdin: Data? = nil, env: [String: String] = [:]) throws -> Run {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    p.currentDirectoryURL = packageRoot
    // The compiled playbook's cache goes to a folder of the test run's own, not the home folder,
    // unless a test names one.
    p.environment = ProcessInfo.processInfo.environment.merging(["BUNKAI_CACHE_DIR": cacheDir.path]) { _, b in
      b
    }
    .merging(env) { _, b in b }
    let out = Pipe()
    let err = Pipe()
    let inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(stdin) }
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  static let cacheDir = tempDir()

  static func tempDir() -> URL {
    TestFolders.make("bunkai-cli")
  }

  static let example = "examples/hoshu-keiyaku-sample.txt"

  /// A user playbook of one low rule that never finds its word (every review raises it).
  static func lowRulePlaybook(id: String, title: String) -> String {
    """
    schemaVersion: 1
    id: \(id)
    rules:
      - id: only-low
        title: \(title)
        severity: low
        scope: {topics: [subcontracting]}
        require: {match: 存在しない語}
        explanation: 説明
        suggestion: {heading: 見出し, text: 文例}
        intent: 趣旨
    """
  }

  /// `bunkai catalog import FILE --output DIR/o.yaml`.
  static func importCatalog(_ file: URL, into dir: URL) throws -> Run {
    try run(["catalog", "import", file.path, "--output", dir.appendingPathComponent("o.yaml").path])
  }
}

@Suite struct ReviewCLITests {
  @Test func textReportHasFindingsAndDisclaimer() throws {
    let r = try CLI.run(["review", CLI.example])
    #expect(r.status == 0)
    #expect(r.stdout.contains("再委託に医療機関の事前承諾"))
    #expect(r.stdout.contains("第6条に次の一項を加える。"))
    #expect(r.stdout.contains("弁護士法72条"))
  }

  @Test func jsonFollowsSchemaVersion2() throws {
    let r = try CLI.run(["review", CLI.example, "--format", "json"])
    #expect(r.status == 0)
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(obj["schemaVersion"] as? Int == 2)
    let source = try #require(obj["source"] as? [String: Any])
    #expect(source["format"] as? String == "txt" && source["encoding"] as? String == "UTF-8")
    let doc = try #require(obj["document"] as? [String: Any])
    let parties = try #require(doc["parties"] as? [[String: Any]])
    #expect(parties.map { $0["role"] as? String } == ["institution", "vendor"])
    let findings = try #require(obj["findings"] as? [[String: Any]])
    let text = Array(
      try String(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.example), encoding: .utf8)
        .unicodeScalars)
    for f in findings {
      for key in [
        "ruleId", "guideRefs", "checklistItems", "severity", "status", "article", "evidence", "elements",
        "title",
        "explanation", "suggestion", "intent",
      ] {
        #expect(f.keys.contains(key), "\(key)")
      }
      // The suggestion is {instruction, replaces, text}; the instruction never enters the wording.
      let suggestion = try #require(f["suggestion"] as? [String: Any])
      let instruction = try #require(suggestion["instruction"] as? String)
      let wording = try #require(suggestion["text"] as? String)
      #expect(!instruction.isEmpty && !wording.contains(instruction))
      for el in f["elements"] as! [[String: Any]] {
        #expect(["met", "unmet", "contradicted", "unclear"].contains(el["status"] as? String ?? ""))
      }
      for e in f["evidence"] as! [[String: Any]] {
        let (s, t) = (e["start"] as! Int, e["end"] as! Int)
        var v = String.UnicodeScalarView()
        v.append(contentsOf: text[s..<t])
        #expect(String(v) == e["text"] as? String)
      }
      let ids = f["checklistItems"] as! [String]
      #expect(ids.allSatisfy { $0.range(of: #"^P(1-\d+|2-[A-C]-\d+)$"#, options: .regularExpression) != nil })
    }
    #expect(findings.contains { $0["status"] as? String == "missing" && $0["article"] is NSNull })
  }

  @Test func severalFilesGiveJSONLines() throws {
    let files = [
      "examples/hoshu-keiyaku-sample.txt", "Tests/Fixtures/formats/sjis.txt",
      "Tests/Fixtures/formats/euc.txt",
    ]
    let r = try CLI.run(["review"] + files + ["--format", "json"])
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    let paths = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
      .map { ($0["source"] as! [String: Any])["path"] as! String }
    #expect(paths == files)
  }

  @Test func markdownAndSelfContainedHTML() throws {
    let dir = CLI.tempDir()
    let html = dir.appendingPathComponent("report.html").path
    let r = try CLI.run(["review", CLI.example, "--format", "html", "--output", html])
    #expect(r.status == 0 && r.stdout.isEmpty)
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href=\"http"))
    #expect(page.contains("第8条（損害賠償）"))
    let md = try CLI.run(["review", CLI.example, "--format", "md"])
    #expect(md.stdout.hasPrefix("# 契約書レビュー: 電子カルテシステム保守契約書"))
    #expect(md.stdout.contains("```text\n第6条に次の一項を加える。"))
  }

  @Test func escapingKeepsContractTextInert() throws {
    let r = try CLI.run(
      ["review", "-", "--format", "html"],
      stdin: Data("保守契約書\n第1条（再委託）\n乙は<script>alert(1)</script>自由に再委託できる。\n".utf8))
    #expect(r.status == 0)
    #expect(!r.stdout.contains("<script>alert"))
    #expect(r.stdout.contains("&lt;script&gt;"))
  }

  @Test func failOnGivesExitThree() throws {
    #expect(try CLI.run(["review", CLI.example, "--fail-on", "high"]).status == 3)
    let dir = CLI.tempDir()
    let quiet = dir.appendingPathComponent("quiet.yaml")
    try CLI.lowRulePlaybook(id: "quiet", title: "低い指摘").write(to: quiet, atomically: true, encoding: .utf8)
    let args = ["review", CLI.example, "--playbook", quiet.path, "--playbook-only"]
    #expect(try CLI.run(args + ["--fail-on", "medium"]).status == 0)
    #expect(try CLI.run(args + ["--fail-on", "low"]).status == 3)
  }

  /// `--redline` writes every suggestion as a tracked insertion: into the vendor's own .docx, or
  /// into a new .docx for a text contract. The file is checked by unzipping it with python3.
  @Test func redlineWritesEverySuggestionAsTrackedChanges() throws {
    let dir = CLI.tempDir().path
    for (input, out) in [
      ("Tests/Fixtures/contracts/docx/saas_kumonoue_emr_kiyaku.docx", dir + "/docx.docx"),
      ("Tests/Fixtures/contracts/hoshu_sakura_typical.txt", dir + "/txt.docx"),
    ] {
      let r = try CLI.run(["review", input, "--format", "json", "--redline", out, "--author", "みどり診療所"])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.contains("修正履歴として書き込みました"))
      let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
      let findings = (json?["findings"] as? [Any])?.count ?? 0
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments = [
        "python3", "-c",
        "import sys,zipfile;x=zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode();"
          + "print(x.count('<w:ins '), x.count('w:author=\"みどり診療所\"'))",
        out,
      ]
      let pipe = Pipe()
      p.standardOutput = pipe
      try p.run()
      p.waitUntilExit()
      let counts = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
      #expect(counts.count == 2)
      // One tracked run per suggestion at least, all by the institution named.
      #expect((counts.first ?? 0) >= findings && findings > 0, "\(counts) for \(findings) findings")
      #expect(counts.count == 2 && counts[1] >= counts[0])
    }
    let two = try CLI.run(["review", CLI.example, CLI.example, "--redline", dir + "/x.docx"])
    #expect(two.status == 1)
    #expect(two.stderr.contains("ファイルを1つ指定したとき"))
  }

  @Test func standardInput() throws {
    let data = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Tests/Fixtures/formats/sjis.txt"))
    let r = try CLI.run(["review", "-", "--format", "json"], stdin: data)
    #expect(r.status == 0)
    #expect(r.stdout.contains("\"encoding\" : \"Shift_JIS\""))
    #expect(r.stdout.contains("\"path\" : \"-\""))
  }

  @Test(arguments: [
    (["review", "/no/such/契約書.txt"], "ファイルが見つかりません"),
    (["review", "Tests"], "ディレクトリです"),
    (["review", "Tests/Fixtures/formats/undecodable.txt"], "文字コードを判別できません"),
    (
      [
        "review", "--max-size", "1", "Tests/Fixtures/formats/pdf_contract.pdf", "--playbook", "/no/such.yaml",
      ], "プレイブックのファイルが見つかりません"
    ),
  ])
  func inputErrorsExitTwo(args: [String], message: String) throws {
    let r = try CLI.run(args)
    #expect(r.status == 2)
    #expect(r.stderr.contains(message), "\(r.stderr)")
  }

  /// The text limit is an option of `review`: lowered, it refuses the file with a message naming
  /// the limit; below 1 it is a usage error (`--max-part` likewise).
  @Test func loweredTextLimit() throws {
    let chars = try CLI.run(["review", "--max-characters", "50", CLI.example])
    #expect(chars.status == 2)
    #expect(chars.stderr.contains("本文が長すぎます（上限 50 文字）"), "\(chars.stderr)")
    #expect(try CLI.run(["review", CLI.example]).status != 2)
    for option in ["--max-characters", "--max-part"] {
      let zero = try CLI.run(["review", option, "0", CLI.example])
      #expect(zero.status == 1)
      #expect(zero.stderr.contains("上限には 1 以上の整数を指定してください"))
    }
  }

  @Test func emptyInputFromStdinExitsTwo() throws {
    let r = try CLI.run(["review", "-"], stdin: Data())
    #expect(r.status == 2)
    #expect(r.stderr.contains("-: ファイルが空です"))
  }

  @Test func oneBadFileAmongGoodOnesStillReportsTheGoodOnes() throws {
    let r = try CLI.run(["review", CLI.example, "/no/such.txt", "--format", "json"])
    #expect(r.status == 2)
    #expect(r.stdout.split(separator: "\n").count == 1)
    #expect(r.stderr.contains("/no/such.txt"))
  }

  @Test func pdfWithoutPdftotextNamesThePackage() throws {
    let r = try CLI.run(
      ["review", "Tests/Fixtures/formats/pdf_contract.pdf"],
      env: ["BUNKAI_PDFTOTEXT": "/nonexistent/pdftotext"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("poppler-utils"))
  }

  @Test(arguments: [
    ["review"], ["review", CLI.example, "--format", "xml"], ["review", CLI.example, "--bogus"],
    ["frobnicate"],
    ["review", CLI.example, "--fail-on", "urgent"], ["review", CLI.example, "--playbook-only"],
  ])
  func usageErrorsExitOne(args: [String]) throws {
    let r = try CLI.run(args)
    #expect(r.status == 1, "\(args) → \(r.status) \(r.stderr)")
    #expect(!r.stderr.isEmpty)
  }

  @Test func helpExitsZero() throws {
    let r = try CLI.run(["review", "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("--fail-on"))
  }
}

@Suite struct PlaybookCLITests {
  @Test func validateGoodAndBad() throws {
    let dir = CLI.tempDir()
    let bad = dir.appendingPathComponent("bad.yaml")
    try
      "schemaVersion: 1\nid: x\nrules:\n  - id: r1\n    title: t\n    severity: urgent\n    scope: {topics: [damages]}\n    require: {match: 語}\n    explanation: e\n    suggestion: {heading: h, text: t}\n    intent: i\n"
      .write(to: bad, atomically: true, encoding: .utf8)
    let r = try CLI.run(["playbook", "validate", bad.path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("\(bad.path):6: 項目 rules[0].severity"))
    let builtin = try CLI.run(["playbook", "validate", "Sources/BunkaiCore/Resources/Playbooks/builtin.yaml"])
    #expect(builtin.status == 0, "\(builtin.stderr)")
    let list = try CLI.run(["playbook", "list"])
    #expect(list.stdout.contains("D2-designated-software-vulnerability"))
  }
}

@Suite struct CatalogCLITests {
  @Test func listShowsKnownAndUnknownTitles() throws {
    let r = try CLI.run(["catalog", "list"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("B-4\t暗号化"))
    // What is known of an item without an official title: the guide's grouping (DOMAIN.md section 2).
    #expect(r.stdout.contains("A-2\t2省ガイドラインに基づく事業者の安全管理（ガイドの分類）"))
    #expect(!r.stdout.contains("取り込んでください"))
    let j = try CLI.run(["catalog", "list", "--format", "json"])
    let obj = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
    #expect((obj["items"] as! [Any]).count == 24)
  }

  @Test func importCSVInShiftJISWithQuotedFields() throws {
    let dir = CLI.tempDir()
    let csv = dir.appendingPathComponent("form.csv")
    let text =
      "確認表（テスト）\r\n項番,項目,内容,初回確認,完了日\r\nA 共通,,,,\r\nA-2,テスト項目二,\"改行を含む\r\n内容、カンマ, も\",,\r\nC-4,テスト事故報告,\"\"\"引用\"\"を含む\",,\r\n"
    try text.data(using: .shiftJIS)!.write(to: csv)
    let out = dir.appendingPathComponent("catalog.yaml")
    let r = try CLI.run(["catalog", "import", csv.path, "--output", out.path, "--version", "test-1"])
    #expect(r.status == 0, "\(r.stderr)")
    let list = try CLI.run(["catalog", "list", "--catalog", out.path, "--format", "json"])
    let items =
      (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [String: Any])["items"]
      as! [[String: Any]]
    let a2 = try #require(items.first { $0["id"] as? String == "P2-A-2" })
    #expect(a2["title"] as? String == "テスト項目二")
    #expect(a2["content"] as? String == "改行を含む\n内容、カンマ, も")
    #expect(items.first { $0["id"] as? String == "P2-C-4" }?["content"] as? String == "\"引用\"を含む")
    // The review shows imported titles.
    let review = try CLI.run(["review", CLI.example, "--catalog", out.path])
    #expect(review.stdout.contains("Part2 A-2 テスト項目二"))
  }

  @Test func importXLSXFromEverySheet() throws {
    let out = CLI.tempDir().appendingPathComponent("c.yaml")
    let r = try CLI.run(["catalog", "import", "Tests/Fixtures/formats/catalog.xlsx", "--output", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let yaml = try String(contentsOf: out, encoding: .utf8)
    for id in ["P2-A-2", "P2-A-3", "P2-B-1", "P1-2"] { #expect(yaml.contains("id: \(id)")) }
    #expect(yaml.contains("risk: リスクの説明"))
  }

  @Test func importTSV() throws {
    let dir = CLI.tempDir()
    let tsv = dir.appendingPathComponent("form.tsv")
    try "項番\t項目\t内容\nB-2\t相手認証\t内容\n".write(to: tsv, atomically: true, encoding: .utf8)
    let r = try CLI.importCatalog(tsv, into: dir)
    #expect(r.status == 0, "\(r.stderr)")
  }

  @Test func mismatchedColumnsAreExplained() throws {
    let dir = CLI.tempDir()
    let csv = dir.appendingPathComponent("wrong.csv")
    try "番号,名前,説明\n1,a,b\n".write(to: csv, atomically: true, encoding: .utf8)
    let r = try CLI.importCatalog(csv, into: dir)
    #expect(r.status == 2)
    #expect(r.stderr.contains("必要な列: 項番, 項目, 内容"))
    #expect(r.stderr.contains("番号, 名前, 説明"))
    let badRow = dir.appendingPathComponent("badrow.csv")
    try "項番,項目,内容\nA-1,x,y\nZZ-9-9,x,y\n".write(to: badRow, atomically: true, encoding: .utf8)
    let r2 = try CLI.importCatalog(badRow, into: dir)
    #expect(r2.status == 2)
    #expect(r2.stderr.contains("3 行目: 項番「ZZ-9-9」を読めません"))
  }
}

@Suite struct BenchCLITests {
  @Test func benchPrintsThroughput() throws {
    let r = try CLI.run(["bench", "--count", "30", "--chars", "3000", "--rounds", "1"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("MB/s"))
    #expect(r.stdout.contains("件/s"))
  }
}
