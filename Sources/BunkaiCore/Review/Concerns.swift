/// Japanese names for what a finding is about: the guide's seven concerns (A, B1 … D2) and the
/// playbook's own topics (incident, remote …), so no page or document shows a bare code.
public enum Concerns {
  /// In the order pages list them: the guide's concerns first, then the playbook's own.
  public static let order = [
    "A", "B1", "B2", "C1", "C2", "D1", "D2", "incident", "report", "monitoring", "privacy", "remote",
    "encryption",
    "authentication", "vulnerability", "logs", "backup", "exit", "audit", "location",
  ]

  static let names: [String: String] = [
    "A": "A 管理ルールの可視化",
    "B1": "B1 変更の事前通知と承認",
    "B2": "B2 再委託の管理",
    "C1": "C1 医療機関側のセキュリティ対策",
    "C2": "C2 医療機関が用意する機器等の対策",
    "D1": "D1 損害賠償の前提",
    "D2": "D2 免責の前提",
    "incident": "セキュリティ事故の報告と対応",
    "report": "管理状況の報告",
    "monitoring": "監視",
    "privacy": "個人情報の取扱い",
    "remote": "リモート保守",
    "encryption": "暗号化",
    "authentication": "利用者認証",
    "vulnerability": "脆弱性への対応",
    "logs": "ログの保存",
    "backup": "バックアップと復旧",
    "exit": "契約終了時のデータ返還・消去",
    "audit": "監査",
    "location": "データの保管場所",
  ]

  /// "B2 再委託の管理"; a code the table does not know is shown as "その他の観点（code）" rather
  /// than bare.
  public static func name(_ code: String) -> String {
    names[code] ?? "その他の観点（\(code)）"
  }

  /// Whether the code is one of the guide's seven concerns.
  public static func isGuideConcern(_ code: String) -> Bool {
    ["A", "B1", "B2", "C1", "C2", "D1", "D2"].contains(code)
  }

  /// 重要度 in Japanese: "高", "中", "低".
  public static func severityName(_ raw: String) -> String {
    ["high": "高", "medium": "中", "low": "低"][raw] ?? raw
  }

  /// 状態 in Japanese.
  public static func statusName(_ raw: String) -> String {
    ["missing": "条項なし", "insufficient": "不十分", "unclear": "要確認"][raw] ?? raw
  }
}
