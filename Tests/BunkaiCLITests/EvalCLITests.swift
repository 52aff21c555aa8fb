import Foundation
import Testing

/// `bunkai eval` on labelled folders (docs/eval.md).
@Suite struct EvalCLITests {
  /// A contract whose subcontracting clause says the opposite of B2's consent, labelled by hand
  /// from DOMAIN.md §4, the other concerns labelled as this short text stands.
  static let contract = """
    保守契約書

    架空病院（以下「甲」という。）と架空システム株式会社（以下「乙」という。）は、次のとおり契約を締結する。

    第1条（目的）
    本契約は、甲の医療情報システムの保守について定める。

    第2条（再委託）
    乙は、甲の承諾を要することなく、本業務の全部又は一部を第三者に再委託することができる。
    """

  static func labels(b2Raised: Bool) -> String {
    var y = "kind: maintenance\nconcerns:\n"
    for id in ["A", "B1", "C1"] { y += "  \(id): {raised: true, articles: [], why: 定めがない}\n" }
    y += "  B2: {raised: \(b2Raised), articles: [\"2\"], why: 承諾を要しないと明記}\n"
    for id in ["C2", "D1", "D2"] { y += "  \(id): {raised: false, why: 前提がない}\n" }
    y += "elements:\n  B2.consent: {status: contradicted, articles: [\"2\"], why: 承諾を要しないと明記}\n"
    return y
  }

  func folder(b2Raised: Bool = true) throws -> URL {
    let dir = CLI.tempDir()
    try Self.contract.write(to: dir.appendingPathComponent("c1.txt"), atomically: true, encoding: .utf8)
    try Self.labels(b2Raised: b2Raised).write(
      to: dir.appendingPathComponent("c1.labels.yaml"), atomically: true, encoding: .utf8)
    return dir
  }

  @Test func scoresAFolder() throws {
    let r = try CLI.run(["eval", try folder().path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("契約書 1 件"))
    // B2 is raised at article 2 as labelled: one true positive, located.
    let b2 = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("B2 ") })
    #expect(
      b2.split(separator: " ").filter { !$0.isEmpty }.prefix(6).map(String.init) == [
        "B2", "1", "1", "0", "0", "1.000",
      ])
    #expect(r.stdout.contains("B2.consent"))
  }

  @Test func aWrongLabelIsCountedAsAFalseAlarm() throws {
    let r = try CLI.run(["eval", try folder(b2Raised: false).path])
    #expect(r.status == 0)
    #expect(r.stdout.contains("c1  B2  期待: not raised"))
  }

  @Test func quietPrintsNoFileNames() throws {
    let r = try CLI.run(["eval", "--quiet", try folder(b2Raised: false).path])
    #expect(r.status == 0 && !r.stdout.contains("c1") && r.stdout.contains("全体"))
    let j = try CLI.run(["eval", "--quiet", "--json", try folder().path])
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
    #expect((obj["misses"] as? [Any])?.isEmpty == true && obj["files"] as? Int == 1)
  }

  @Test func badLabelsNameTheFileAndField() throws {
    let dir = try folder()
    try "concerns: {}\n".write(
      to: dir.appendingPathComponent("c1.labels.yaml"), atomically: true, encoding: .utf8)
    let r = try CLI.run(["eval", dir.path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("c1.labels.yaml") && r.stderr.contains("concerns.A"))
    let missing = try CLI.run(["eval", "/nonexistent/folder"])
    #expect(missing.status == 2 && missing.stderr.contains("フォルダが見つかりません"))
  }
}
