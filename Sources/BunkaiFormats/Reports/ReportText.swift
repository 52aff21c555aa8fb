import BunkaiCore
import Foundation

/// Words shared by the text, Markdown and HTML reports.
enum ReportText {
  static func statusLabel(_ s: Finding.Status) -> String {
    switch s {
    case .missing: "条項なし"
    case .insufficient: "不十分"
    case .unclear: "要確認"
    }
  }

  static func guideRefs(_ refs: [String]) -> String {
    refs.map(Concerns.name).joined(separator: "、")
  }

  static func checklist(_ ids: [String], _ catalog: ChecklistCatalog) -> String {
    ids.map { ChecklistDisplay.label($0, in: catalog) }.joined(separator: " / ")
  }

  static func place(_ f: Finding, _ contract: Contract) -> String {
    guard let a = f.article, let article = contract.articles.first(where: { $0.reference == a }) else {
      return f.status == .unclear ? "条項を特定できません" : "該当する条項がありません"
    }
    let heading = article.heading.map { "（\($0)）" } ?? ""
    // 「別紙 第1条」「覚書 第2条」 for an article in another part of the document.
    return (article.part.map { "\($0) " } ?? "")
      + Numerals.articleLabel(article.number, style: contract.numberStyle)
      + heading
  }

  static func parties(_ contract: Contract) -> String {
    contract.parties.map { p in
      let role = p.role == .institution ? "医療機関" : p.role == .vendor ? "事業者" : "役割不明"
      return "\(p.label)＝\(p.name ?? "（名称の記載なし）")［\(role)］"
    }.joined(separator: "、")
  }

  static func summary(_ findings: [Finding]) -> String {
    let counts = Severity.allCases.reversed().map { s in
      "\(s.label) \(findings.filter { $0.severity == s }.count) 件"
    }
    return "指摘 \(findings.count) 件（重要度 " + counts.joined(separator: "、") + "）"
  }
}

/// The terminal report.
public enum TextReport {
  public static func render(_ r: ReviewResult, catalog: ChecklistCatalog) -> String {
    var out = ""
    out += "■ \(r.source.path)（\(r.source.format)、\(r.source.encoding)）\n"
    out +=
      "  表題: \(r.contract.title ?? "（表題なし）")　種類: \(r.contract.kinds.map(\.label).joined(separator: "・"))\n"
    out += "  当事者: \(r.contract.parties.isEmpty ? "（読み取れませんでした）" : ReportText.parties(r.contract))\n"
    out += "  条数: \(r.contract.articles.count)　\(ReportText.summary(r.findings))\n"
    for (i, f) in r.findings.enumerated() {
      out += "\n[\(i + 1)] 重要度\(f.severity.label)・\(ReportText.statusLabel(f.status))　\(f.title)\n"
      out += "    ルール: \(f.ruleId)　観点: \(ReportText.guideRefs(f.guideRefs))\n"
      out += "    場所: \(ReportText.place(f, r.contract))\n"
      for e in f.evidence {
        out += "    引用: 「\(e.text.replacingOccurrences(of: "\n", with: " "))」\n"
      }
      out += "    なぜ問題か: \(f.explanation)\n"
      out += "    提案する文例:\n"
      for line in f.suggestion.display.split(separator: "\n") { out += "      \(line)\n" }
      out += "    趣旨: \(f.intent)\n"
      if !f.checklistItems.isEmpty { out += "    確認表: \(ReportText.checklist(f.checklistItems, catalog))\n" }
      if let l = f.lesson { out += "    参考: \(l.title)\n" }
    }
    if r.findings.isEmpty { out += "\n  プレイブックの観点では指摘はありません。\n" }
    let lessons = uniqueLessons(r.findings)
    if !lessons.isEmpty {
      out += "\n── 参考になる教訓 ──\n"
      for l in lessons { out += "● \(l.title)\n  \(l.text)\n" }
    }
    out += "\n※ \(Reviewer.disclaimer)\n"
    return out
  }

  static func uniqueLessons(_ findings: [Finding]) -> [Lesson] {
    var seen: Set<String> = []
    return findings.compactMap(\.lesson).filter { seen.insert($0.id).inserted }
  }
}
