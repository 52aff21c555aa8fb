import BunkaiCore
import Foundation

/// What the institution decided about one finding.
public struct MemoDecision: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    case propose, proposeEdited, notNeeded, later, none

    /// The words the web pages use for the same choices.
    public var label: String {
      switch self {
      case .propose: "文例のまま提案する"
      case .proposeEdited: "文言を修正して提案する"
      case .notNeeded: "不要"
      case .later: "後で決める"
      case .none: "未判断"
      }
    }

    var proposes: Bool { self == .propose || self == .proposeEdited }
  }

  public var kind: Kind
  /// The edited wording (for `proposeEdited`).
  public var wording: String
  public var reason: String
  public var by: String
  public var at: String

  public init(kind: Kind, wording: String = "", reason: String = "", by: String = "", at: String = "") {
    self.kind = kind
    self.wording = wording
    self.reason = reason
    self.by = by
    self.at = at
  }

  public static let undecided = MemoDecision(kind: .none)

  /// The wording put to the vendor, or nil when nothing is proposed.
  func proposal(_ f: Finding) -> String? {
    switch kind {
    case .propose: f.suggestion.display
    case .proposeEdited: wording.isEmpty ? f.suggestion.display : wording
    default: nil
    }
  }

  /// "文例のまま提案する（山田 花子、2026-11-20 10:00）".
  var summary: String {
    let who = [by, at].filter { !$0.isEmpty }.joined(separator: "、")
    return kind.label + (who.isEmpty ? "" : "（\(who)）")
  }
}

/// The review memo: the findings with each decision and its reason, for the file and the vendor
/// talks. Decisions are keyed by the finding's index in `review.findings`.
public struct ReviewMemo: Sendable {
  public var review: ReviewResult
  public var catalog: ChecklistCatalog
  public var decisions: [Int: MemoDecision]
  public var generatedOn: String

  public init(
    review: ReviewResult, catalog: ChecklistCatalog, decisions: [Int: MemoDecision], generatedOn: String
  ) {
    self.review = review
    self.catalog = catalog
    self.decisions = decisions
    self.generatedOn = generatedOn
  }

  public static let title = "契約書レビューメモ"

  func decision(_ i: Int) -> MemoDecision { decisions[i] ?? .undecided }

  var contractTitle: String { review.contract.title ?? review.source.path }

  /// "提案 2 件、不要 1 件、…" over the kinds that occur.
  var decisionCounts: String {
    let kinds = review.findings.indices.map { decision($0).kind }
    return MemoDecision.Kind.allCases.compactMap { k in
      let n = kinds.filter { $0 == k }.count
      return n == 0 ? nil : "\(k.label) \(n) 件"
    }.joined(separator: "、")
  }

  var metaFields: [(String, String)] {
    let r = review
    return [
      ("契約", contractTitle), ("ファイル", "\(r.source.path)（\(r.source.format)、\(r.source.encoding)）"),
      ("契約の種類", r.contract.kinds.map(\.label).joined(separator: "・")),
      ("当事者", r.contract.parties.isEmpty ? "（読み取れませんでした）" : ReportText.parties(r.contract)),
      ("指摘", ReportText.summary(r.findings)), ("判断", decisionCounts.isEmpty ? "なし" : decisionCounts),
      ("プレイブック", "\(r.playbookId)（版 \(r.playbookVersion)）"), ("作成日", generatedOn),
    ]
  }

  /// Label and value rows describing one finding and its decision.
  func findingFields(_ i: Int) -> [(String, String)] {
    let f = review.findings[i]
    let d = decision(i)
    var rows = [
      ("重要度", f.severity.label), ("状態", ReportText.statusLabel(f.status)),
      ("場所", ReportText.place(f, review.contract)), ("観点", ReportText.guideRefs(f.guideRefs)),
    ]
    if !f.checklistItems.isEmpty { rows.append(("確認表", ReportText.checklist(f.checklistItems, catalog))) }
    rows.append(("ルール", f.ruleId))
    rows.append(("判断", d.summary))
    rows.append(("理由", d.reason.isEmpty ? "（記録なし）" : d.reason))
    return rows
  }

  public func markdown() -> String {
    let esc = MarkdownReport.escape
    var out = "# \(Self.title): \(esc(contractTitle))\n\n"
    for (label, value) in metaFields { out += "- \(label): \(esc(value))\n" }
    out += "\n> \(Reviewer.disclaimer)\n\n"
    if review.findings.isEmpty { out += "プレイブックの観点では指摘はありません。\n" }
    for (i, f) in review.findings.enumerated() {
      out += "## \(i + 1). \(esc(f.title))\n\n| 項目 | 内容 |\n|---|---|\n"
      for (label, value) in findingFields(i) {
        out += "| \(label) | \(esc(value).replacingOccurrences(of: "\n", with: "<br>")) |\n"
      }
      out += "\n"
      for e in f.evidence {
        out +=
          e.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \(esc(String($0)))" }
          .joined(separator: "\n") + "\n\n"
      }
      if let wording = decision(i).proposal(f) {
        out += "**提案する文言**\n\n\(Self.fenced(wording))\n\n"
      }
    }
    return out
  }

  public func docx() throws -> Data {
    var w = DocxWriter(title: "\(Self.title): \(contractTitle)")
    w.heading(Self.title, level: 0)
    w.table(header: ["項目", "内容"], rows: metaFields.map { [$0.0, $0.1] }, widths: [1, 4])
    w.paragraph(Reviewer.disclaimer)
    if review.findings.isEmpty { w.paragraph("プレイブックの観点では指摘はありません。") }
    for (i, f) in review.findings.enumerated() {
      w.heading("\(i + 1). \(f.title)", level: 1)
      w.table(header: ["項目", "内容"], rows: findingFields(i).map { [$0.0, $0.1] }, widths: [1, 4])
      for e in f.evidence { w.paragraph("引用：「\(e.text)」") }
      if let wording = decision(i).proposal(f) {
        w.paragraph("提案する文言", bold: true)
        w.paragraph(wording)
      }
    }
    return try w.data()
  }

  /// A code block whose fence is longer than any run of backticks in the text.
  static func fenced(_ text: String) -> String {
    var longest = 0
    var run = 0
    for c in text {
      run = c == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    return "\(fence)text\n\(text)\n\(fence)"
  }
}
