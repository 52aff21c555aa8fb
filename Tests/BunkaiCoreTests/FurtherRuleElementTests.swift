import Testing

@testable import BunkaiCore

/// The rules beyond the guide's seven concerns name the part that falls short, like the seven do
/// (engine issue: "the further rules get elements too").
@Suite struct FurtherRuleElementTests {
  static let reviewer = Reviewer(
    playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())

  func finding(_ rule: String, _ body: String) -> Finding? {
    let text = """
      システム保守契約書

      医療法人わかば会（以下「甲」という。）と株式会社ソラテック（以下「乙」という。）は、次のとおり契約を締結する。

      第1条（目的）
      乙は、甲の電子カルテシステムの保守業務（以下「本業務」という。）を行う。

      \(body)
      """
    return Self.reviewer.review(SourceText(text: text)).findings.first { $0.ruleId == rule }
  }

  func statuses(_ f: Finding?) -> [String: ElementResult.Status] {
    Dictionary(uniqueKeysWithValues: (f?.elements ?? []).map { ($0.id, $0.status) })
  }

  @Test func anIncidentReportWithoutADeadlineNamesTheDeadline() {
    let f = finding("incident-report-deadline", "第2条（事故時の対応）\n乙は、本業務に関して情報漏えいその他の事故が発生したときは、甲に報告する。")
    #expect(statuses(f) == ["incident.report": .met, "incident.deadline": .unmet])
    #expect(finding("incident-report-deadline", "第2条（事故時の対応）\n乙は、本業務に関して事故が発生したときは、直ちに甲に報告する。") == nil)
  }

  @Test func theInstitutionReportingIsNotTheVendorReporting() {
    let f = finding("incident-report-deadline", "第2条（事故時の対応）\n甲は、事故を発見したときは、直ちに乙に連絡する。")
    #expect(statuses(f)["incident.report"] != .met)
  }

  @Test func remoteMaintenanceRulesApplyOnlyWhereThereIsRemoteMaintenance() {
    #expect(finding("remote-maintenance-security", "第2条（保守の方法）\n乙は、技術員を派遣して保守を行う。") == nil)
    let f = finding("remote-maintenance-security", "第2条（リモート保守）\n乙は、リモート保守によって障害に対応する。")
    #expect(
      statuses(f) == [
        "remote.used": .met, "remote.route": .unmet, "remote.auth": .unmet, "remote.log": .unmet,
      ])
    let g = finding(
      "remote-maintenance-security",
      "第2条（リモート保守）\n乙は、VPNを用いてリモート保守を行い、接続元を認証し、接続の記録を1年間保存する。")
    #expect(g == nil)
  }

  @Test func dataReturnedAndDeletedButNoCertificate() {
    let f = finding(
      "data-return-deletion",
      "第2条（契約終了時の措置）\n乙は、本契約が終了したときは、甲から預かったデータを甲に返還し、乙の保有する複製を消去する。")
    #expect(statuses(f) == ["exit.return": .met, "exit.deletion": .met, "exit.certificate": .unmet])
  }
}
