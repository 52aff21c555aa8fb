import BunkaiCore
import Foundation

/// One self-contained HTML file (inline CSS, no script, no external resources).
public enum HTMLReport {
  public static func render(_ reviews: [ReviewResult], catalog: ChecklistCatalog) -> String {
    let title =
      reviews.count == 1 ? (reviews[0].contract.title ?? reviews[0].source.path) : "\(reviews.count) 件の契約書"
    return page(title: title, body: reviews.map { body($0, catalog: catalog) }.joined(separator: "<hr>\n"))
  }

  static func body(_ r: ReviewResult, catalog: ChecklistCatalog) -> String {
    var body = ""
    body += "<h1>契約書レビュー: \(esc(r.contract.title ?? r.source.path))</h1>\n<dl class=\"meta\">"
    body += "<dt>ファイル</dt><dd>\(esc(r.source.path))（\(esc(r.source.format))、\(esc(r.source.encoding))）</dd>"
    body += "<dt>契約の種類</dt><dd>\(esc(r.contract.kinds.map(\.label).joined(separator: "・")))</dd>"
    body +=
      "<dt>当事者</dt><dd>\(esc(r.contract.parties.isEmpty ? "（読み取れませんでした）" : ReportText.parties(r.contract)))</dd>"
    body += "<dt>条数</dt><dd>\(r.contract.articles.count)</dd>"
    body += "<dt>結果</dt><dd>\(esc(ReportText.summary(r.findings)))</dd>"
    body += "<dt>プレイブック</dt><dd>\(esc(r.playbookId))（版 \(esc(r.playbookVersion))）</dd></dl>\n"
    body += "<p class=\"disclaimer\">\(esc(Reviewer.disclaimer))</p>\n"
    if r.findings.isEmpty { body += "<p>プレイブックの観点では指摘はありません。</p>\n" }
    for (i, f) in r.findings.enumerated() {
      body += "<section class=\"finding sev-\(f.severity.rawValue)\">\n"
      body += "<h2>\(i + 1). \(esc(f.title))</h2>\n<p class=\"tags\">"
      body +=
        "<span class=\"sev\">重要度 \(f.severity.label)</span> <span>\(ReportText.statusLabel(f.status))</span> "
      body +=
        "<span>\(esc(ReportText.place(f, r.contract)))</span> <span>\(esc(ReportText.guideRefs(f.guideRefs)))</span></p>\n"
      for e in f.evidence {
        body += "<blockquote>\(esc(e.text).replacingOccurrences(of: "\n", with: "<br>"))</blockquote>\n"
      }
      body += "<h3>なぜ問題か</h3><p>\(esc(f.explanation))</p>\n"
      body += "<h3>提案する文例</h3><pre>\(esc(f.suggestion.display))</pre>\n"
      body += "<h3>趣旨</h3><p>\(esc(f.intent))</p>\n"
      if !f.checklistItems.isEmpty {
        body += "<p class=\"checklist\">確認表: \(esc(ReportText.checklist(f.checklistItems, catalog)))</p>\n"
      }
      if let l = f.lesson {
        body += "<details><summary>参考: \(esc(l.title))</summary><p>\(esc(l.text))</p></details>\n"
      }
      body += "<p class=\"rule\">ルール \(esc(f.ruleId))</p>\n</section>\n"
    }
    return body
  }

  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="ja"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>契約書レビュー: \(esc(title))</title>
    <style>
    body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;line-height:1.7;color:#1b1b1b}
    h1{font-size:1.5rem}h2{font-size:1.15rem;margin:.2rem 0}h3{font-size:1rem;margin:.8rem 0 .2rem}
    .meta{display:grid;grid-template-columns:8rem 1fr;gap:.2rem .8rem}.meta dt{font-weight:bold}.meta dd{margin:0}
    .disclaimer{background:#f4f4f4;padding:.6rem .8rem;border-radius:4px;font-size:.9rem}
    .finding{border:1px solid #ccc;border-left:6px solid #999;border-radius:4px;padding:.8rem 1rem;margin:1rem 0;break-inside:avoid}
    .sev-high{border-left-color:#c62828}.sev-medium{border-left-color:#ef8f00}.sev-low{border-left-color:#2e7d32}
    .tags span{display:inline-block;background:#eee;border-radius:3px;padding:0 .4rem;margin-right:.3rem;font-size:.85rem}
    blockquote{margin:.5rem 0;padding:.4rem .8rem;border-left:4px solid #bbb;background:#fafafa}
    pre{white-space:pre-wrap;background:#f3f7ff;padding:.6rem .8rem;border-radius:4px;font-family:inherit}
    .rule,.checklist{font-size:.85rem;color:#555}
    @media print{body{max-width:none}.finding{border-color:#999}}
    </style></head><body>
    \(body)</body></html>

    """
  }

  static func esc(_ s: String) -> String { HTMLText.escape(s) }
}
