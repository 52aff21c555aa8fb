import BunkaiCore
import Foundation

/// A Markdown report a person can hand to the vendor.
public enum MarkdownReport {
  public static func render(_ r: ReviewResult, catalog: ChecklistCatalog) -> String {
    var out = "# 契約書レビュー: \(escape(r.contract.title ?? r.source.path))\n\n"
    out += "- ファイル: `\(r.source.path)`（\(r.source.format)、\(r.source.encoding)）\n"
    out += "- 契約の種類: \(r.contract.kinds.map(\.label).joined(separator: "・"))\n"
    out += "- 当事者: \(escape(r.contract.parties.isEmpty ? "（読み取れませんでした）" : ReportText.parties(r.contract)))\n"
    out += "- 条数: \(r.contract.articles.count)\n"
    out += "- \(ReportText.summary(r.findings))\n"
    out += "- 照合したプレイブック: \(r.playbookId)（版 \(r.playbookVersion)）\n\n"
    out += "> \(Reviewer.disclaimer)\n\n"
    if r.findings.isEmpty { out += "プレイブックの観点では指摘はありません。\n" }
    for (i, f) in r.findings.enumerated() {
      out += "## \(i + 1). \(escape(f.title))\n\n"
      out += "| 項目 | 内容 |\n|---|---|\n"
      out += "| 重要度 | \(f.severity.label) |\n| 状態 | \(ReportText.statusLabel(f.status)) |\n"
      out += "| 場所 | \(escape(ReportText.place(f, r.contract))) |\n"
      out += "| 観点 | \(ReportText.guideRefs(f.guideRefs)) |\n"
      if !f.checklistItems.isEmpty {
        out += "| 確認表 | \(escape(ReportText.checklist(f.checklistItems, catalog))) |\n"
      }
      out += "| ルール | `\(f.ruleId)` |\n\n"
      for e in f.evidence {
        out +=
          e.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \(escape(String($0)))" }
          .joined(separator: "\n") + "\n\n"
      }
      out += "**なぜ問題か**　\(escape(f.explanation))\n\n"
      out += "**提案する文例**\n\n```text\n\(f.suggestion.display)\n```\n\n"
      out += "**趣旨**　\(escape(f.intent))\n\n"
      if let l = f.lesson { out += "**参考**　\(escape(l.title))：\(escape(l.text))\n\n" }
    }
    return out
  }

  /// Keeps contract text from being read as Markdown markup.
  static func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      if "\\`*_[]<>|#".contains(c) { out.append("\\") }
      out.append(c)
    }
    return out
  }
}
