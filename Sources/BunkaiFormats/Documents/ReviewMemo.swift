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
  /// For edited wording: it replaces the quoted clause rather than being added.
  public var replacesQuote: Bool

  public init(
    kind: Kind, wording: String = "", reason: String = "", by: String = "", at: String = "",
    replacesQuote: Bool = false
  ) {
    self.kind = kind
    self.wording = wording
    self.reason = reason
    self.by = by
    self.at = at
    self.replacesQuote = replacesQuote
  }

  public static let undecided = MemoDecision(kind: .none)

  /// "文例のまま提案する（山田 花子、2026-11-20 10:00）".
  var summary: String {
    let who = [by, at].filter { !$0.isEmpty }.joined(separator: "、")
    return kind.label + (who.isEmpty ? "" : "（\(who)）")
  }
}

/// The review memo: the findings with each decision and its reason, for the file and the vendor
/// talks. Read from the stored review (never by running the engine again); decisions are keyed by
/// the finding's index in `review.findings`.
public struct ReviewMemo: Sendable {
  public var review: ReviewJSON
  public var catalog: ChecklistCatalog
  public var decisions: [Int: MemoDecision]
  public var generatedOn: String
  /// The proposals, numbered as the redline numbers them.
  public let proposals: [Int: Proposal]

  public init(
    review: ReviewJSON, catalog: ChecklistCatalog, decisions: [Int: MemoDecision], generatedOn: String
  ) {
    self.review = review
    self.catalog = catalog
    self.decisions = decisions
    self.generatedOn = generatedOn
    proposals = Dictionary(
      ProposalPlan.make(review, decisions: decisions).map { ($0.finding, $0) },
      uniquingKeysWith: { a, _ in a })
  }

  public static let title = "契約書レビューメモ"

  func decision(_ i: Int) -> MemoDecision { decisions[i] ?? .undecided }

  var contractTitle: String { review.document.title ?? review.source?.path ?? "（表題なし）" }

  /// "文例のまま提案する 2 件、不要 1 件、…" over the kinds that occur.
  var decisionCounts: String {
    let kinds = review.findings.indices.map { decision($0).kind }
    return MemoDecision.Kind.allCases.compactMap { k in
      let n = kinds.filter { $0 == k }.count
      return n == 0 ? nil : "\(k.label) \(n) 件"
    }.joined(separator: "、")
  }

  var parties: String {
    review.document.parties.map { p in
      let role = p.role == "institution" ? "医療機関" : p.role == "vendor" ? "事業者" : "役割不明"
      return "\(p.label)＝\(p.name ?? "（名称の記載なし）")［\(role)］"
    }.joined(separator: "、")
  }

  var findingSummary: String {
    let counts = ["high", "medium", "low"].map { s in
      "\(Concerns.severityName(s)) \(review.findings.filter { $0.severity == s }.count) 件"
    }
    return "指摘 \(review.findings.count) 件（重要度 " + counts.joined(separator: "、") + "）"
  }

  var metaFields: [(String, String)] {
    let r = review
    var rows = [("契約", contractTitle)]
    if let s = r.source { rows.append(("ファイル", "\(s.path)（\(s.format)、\(s.encoding)）")) }
    rows += [
      ("契約の種類", r.document.kinds.map { ContractKind(rawValue: $0)?.label ?? $0 }.joined(separator: "・")),
      ("当事者", r.document.parties.isEmpty ? "（読み取れませんでした）" : parties),
      ("指摘", findingSummary), ("判断", decisionCounts.isEmpty ? "なし" : decisionCounts),
      ("照合に使った条項ライブラリ", "\(r.playbook.id)（版 \(r.playbook.version)）"), ("作成日", generatedOn),
    ]
    return rows
  }

  /// 「第9条（損害賠償）」, or why there is no place.
  func place(_ f: ReviewJSON.FindingDTO) -> String {
    guard let a = f.article else {
      return f.status == "unclear" ? "条項を特定できません" : "該当する条項がありません"
    }
    let heading = review.document.articles.first { $0.number == a }?.heading.map { "（\($0)）" } ?? ""
    return "第\(a)条" + heading
  }

  /// Label and value rows describing one finding and its decision.
  func findingFields(_ i: Int) -> [(String, String)] {
    let f = review.findings[i]
    let d = decision(i)
    var rows = [
      ("重要度", Concerns.severityName(f.severity)), ("状態", Concerns.statusName(f.status)),
      ("場所", place(f)), ("観点", f.guideRefs.map(Concerns.name).joined(separator: "、")),
    ]
    if !f.checklistItems.isEmpty {
      rows.append(
        ("確認表", f.checklistItems.map { ChecklistDisplay.label($0, in: catalog) }.joined(separator: " / ")))
    }
    rows.append(("判断", d.summary))
    rows.append(("理由", d.reason.isEmpty ? "（記録なし）" : d.reason))
    return rows
  }

  /// Where the proposal goes and what it replaces, for the reader (never part of the wording).
  func proposalFields(_ p: Proposal) -> [(String, String)] {
    var rows = [("入れる場所", p.instruction)]
    if let old = p.replaces { rows.append(("削除する現行の文言", old)) }
    if !p.intent.isEmpty { rows.append(("趣旨", p.intent)) }
    return rows
  }

  public func markdown() -> String {
    let esc = MarkdownReport.escape
    var out = "# \(Self.title): \(esc(contractTitle))\n\n"
    for (label, value) in metaFields { out += "- \(label): \(esc(value))\n" }
    out += "\n> \(review.disclaimer)\n\n"
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
      if let p = proposals[i] {
        out += "**提案する文言**\n\n"
        for (label, value) in proposalFields(p) { out += "- \(label): \(esc(value))\n" }
        out += "\n\(Self.fenced(p.text))\n\n"
      }
    }
    return out
  }

  public func docx() throws -> Data {
    var w = DocxWriter(title: "\(Self.title): \(contractTitle)")
    w.heading(Self.title, level: 0)
    w.table(header: ["項目", "内容"], rows: metaFields.map { [$0.0, $0.1] }, widths: [1, 4])
    w.paragraph(review.disclaimer)
    if review.findings.isEmpty { w.paragraph("プレイブックの観点では指摘はありません。") }
    for (i, f) in review.findings.enumerated() {
      w.heading("\(i + 1). \(f.title)", level: 1)
      w.table(header: ["項目", "内容"], rows: findingFields(i).map { [$0.0, $0.1] }, widths: [1, 4])
      for e in f.evidence { w.paragraph("引用：「\(e.text)」") }
      if let p = proposals[i] {
        w.paragraph("提案する文言", bold: true)
        w.table(header: [], rows: proposalFields(p).map { [$0.0, $0.1] }, widths: [1, 4])
        w.paragraph(p.text)
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
