import Testing

@testable import BunkaiCore

/// Duties promised only in part (dev28): the requirement of DOMAIN.md section 4 holds for the
/// contract as a whole, so talks in the first year alone of a contract that runs on, talks held when
/// the vendor thinks fit, measures under an optional contract or for the production environment
/// alone leave it unmet. The same clause without the limit meets it.
extension ReadingAndLocationTests {
  static func institutionTalks(_ when: String) -> String {
    Self.opening + """
      第6条（甲の対策）
      1 乙は、\(when)甲が講ずべき安全対策の案を作って甲に示し、甲との協議を主導して甲が実施する対策を定める。
      2 甲は、定めた対策を実施する。

      第7条（期間）
      本契約の期間は1年とし、申出がなければ同じ条件で更新する。
      """
  }

  @Test func talksInTheFirstYearAloneDoNotLeadThemAll() {
    #expect(element("C1.vendor-led", Self.institutionTalks("本契約の初年度に限り、")) != .met)
    #expect(element("C1.decided-jointly", Self.institutionTalks("本契約の初年度に限り、")) != .met)
    #expect(element("C1.vendor-led", Self.institutionTalks("毎年度、")) == .met)
  }

  @Test func talksWhenTheVendorThinksFitDoNotLeadThemAll() {
    #expect(element("C1.vendor-led", Self.institutionTalks("乙が必要と認める場合に限り、")) != .met)
  }

  /// Talks held only on the institution's request still settle its measures jointly, but the vendor
  /// does not lead them.
  @Test func talksOnlyOnRequestAreNotLedByTheVendor() {
    let text =
      Self.opening + """
        第6条（甲の対策）
        甲乙は、甲から依頼があった場合に限り、協議して甲が講ずべき安全対策を定める。甲は、定めた対策を実施する。
        """
    #expect(element("C1.vendor-led", text) != .met)
    #expect(element("C1.decided-jointly", text) == .met)
  }

  static func vulnerabilityExemption(_ scope: String) -> String {
    Self.opening + """
      第10条（免責）
      1 乙は、乙が指定していないソフトウェアに起因する障害について責任を負わない。
      2 前項の免責は、乙が指定したソフトウェア又はOSに脆弱性が見つかったときに、\(scope)乙が主導して甲と協議し、対策を決めて実施していることを条件とする。
      """
  }

  @Test func measuresForTheProductionEnvironmentAloneDoNotCoverTheRest() {
    #expect(element("D2.designated-vuln", Self.vulnerabilityExemption("本番環境に限り、")) != .met)
    #expect(element("D2.vendor-led", Self.vulnerabilityExemption("本番環境に限り、")) != .met)
    #expect(element("D2.designated-vuln", Self.vulnerabilityExemption("")) == .met)
    #expect(element("D2.vendor-led", Self.vulnerabilityExemption("")) == .met)
  }

  @Test func measuresUnderAnOptionalContractAloneDoNotCondition() {
    let text = Self.vulnerabilityExemption("甲が乙とオプションの保守契約を締結した場合に限り、")
    #expect(element("D2.designated-vuln", text) != .met)
  }
}
