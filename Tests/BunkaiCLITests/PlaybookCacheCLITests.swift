import Foundation
import Testing

/// `bunkai review` keeps the compiled playbook between runs (docs/cli.md, "The compiled playbook's
/// cache"): a run that reads it reports exactly what a run that compiles reports, a damaged or stale
/// file is never used, and an empty BUNKAI_CACHE_DIR turns the cache off.
@Suite struct PlaybookCacheCLITests {
  static let contract = "Tests/Fixtures/contracts/hoshu_sakura_typical.txt"

  static func cached(_ dir: URL) -> [URL] {
    ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
      .filter { $0.lastPathComponent.hasPrefix("playbook-") && $0.pathExtension == "bin" }
  }

  static func review(_ args: [String], cache dir: URL) throws -> CLI.Run {
    let r = try CLI.run(["review"] + args + ["--format", "json"], env: ["BUNKAI_CACHE_DIR": dir.path])
    #expect(r.status == 0, "\(r.stderr)")
    return r
  }

  @Test func aRunReadingTheCacheReportsWhatACompilingRunReports() throws {
    let dir = CLI.tempDir()
    let off = try CLI.run(["review", Self.contract, "--format", "json"], env: ["BUNKAI_CACHE_DIR": ""])
    #expect(off.status == 0)
    #expect(Self.cached(dir).isEmpty)
    let first = try Self.review([Self.contract], cache: dir)
    #expect(Self.cached(dir).count == 1)
    let stamp = try Self.cached(dir)[0].resourceValues(forKeys: [.contentModificationDateKey])
      .contentModificationDate
    let second = try Self.review([Self.contract], cache: dir)
    #expect(first.stdout == off.stdout)
    #expect(second.stdout == off.stdout)
    #expect(!off.stdout.isEmpty)
    // The second run read the file: it was not written again.
    #expect(
      try Self.cached(dir)[0].resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        == stamp)
  }

  /// Whatever a damaged file holds, the review is the same, and the file is written right again.
  @Test func aDamagedFileIsNotUsedAndIsReplaced() throws {
    let dir = CLI.tempDir()
    let good = try Self.review([Self.contract], cache: dir)
    let file = try #require(Self.cached(dir).first)
    let bytes = try Data(contentsOf: file)
    var flipped = bytes
    flipped[bytes.count / 2] ^= 0x55
    for damage in [Data(), Data("not a playbook".utf8), bytes.prefix(bytes.count / 3), flipped] {
      try damage.write(to: file)
      #expect(try Self.review([Self.contract], cache: dir).stdout == good.stdout)
      #expect(try Data(contentsOf: file) == bytes)
    }
    // A file far larger than any compiled playbook (a sparse one here) is not read at all.
    let huge = try FileHandle(forWritingTo: file)
    try huge.truncate(atOffset: 300 << 20)
    try huge.close()
    #expect(try Self.review([Self.contract], cache: dir).stdout == good.stdout)
    #expect(try Data(contentsOf: file) == bytes)
  }

  /// The file is named for what it was made from: a changed user playbook is compiled again and
  /// its new wording shows; the folder keeps the newest few.
  @Test func aChangedPlaybookIsCompiledAgain() throws {
    let dir = CLI.tempDir()
    let book = CLI.tempDir().appendingPathComponent("own.yaml")
    var titles: [String] = []
    for n in 1...6 {
      let title = "自前の規則その\(n)"
      try CLI.lowRulePlaybook(id: "own", title: title).write(to: book, atomically: true, encoding: .utf8)
      let r = try Self.review([Self.contract, "--playbook", book.path], cache: dir)
      #expect(r.stdout.contains(title), "\(n)")
      #expect(!titles.contains { r.stdout.contains($0 + "\"") })
      titles.append(title)
    }
    #expect(Self.cached(dir).count == 4)
  }
}
