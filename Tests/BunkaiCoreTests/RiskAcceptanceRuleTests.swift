import Testing

@testable import BunkaiCore

@Suite("Risk acceptance rules")
struct RiskAcceptanceRuleTests {
  @Test func statusFollowsSignatureAndTheJapaneseDay() {
    let signed = RiskAcceptanceTerm(signed: true, expiresOn: "2026-12-31")
    #expect(
      RiskAcceptanceRules.status(.init(signed: false, expiresOn: "2020-01-01"), today: "2026-12-01")
        == .requested)
    #expect(RiskAcceptanceRules.status(signed, today: "2026-12-31") == .signed)
    #expect(RiskAcceptanceRules.status(signed, today: "2027-01-01") == .expired)
  }

  @Test func onlyNotNeededOnHighNeedsAnAcceptance() {
    #expect(RiskAcceptanceRules.needsAcceptance(decision: "notNeeded", severity: "high"))
    #expect(!RiskAcceptanceRules.needsAcceptance(decision: "notNeeded", severity: "medium"))
    #expect(!RiskAcceptanceRules.needsAcceptance(decision: "propose", severity: "high"))
    #expect(!RiskAcceptanceRules.needsAcceptance(decision: nil, severity: "high"))
  }

  @Test func coverageIsOpenUntilASignedAcceptanceHolds() {
    let today = "2026-12-02"
    #expect(RiskAcceptanceRules.coverage(needed: false, [], today: today) == .notRequired)
    #expect(RiskAcceptanceRules.coverage(needed: true, [], today: today) == .missing)
    let waiting = RiskAcceptanceTerm(signed: false, expiresOn: "2027-06-30")
    #expect(RiskAcceptanceRules.coverage(needed: true, [waiting], today: today) == .waiting)
    let old = RiskAcceptanceTerm(signed: true, expiresOn: "2026-11-30")
    #expect(RiskAcceptanceRules.coverage(needed: true, [old], today: today) == .expired(on: "2026-11-30"))
    // Extending: the new request waits for its own signature; the old one stays expired.
    #expect(RiskAcceptanceRules.coverage(needed: true, [old, waiting], today: today) == .waiting)
    let renewed = RiskAcceptanceTerm(signed: true, expiresOn: "2027-06-30")
    let c = RiskAcceptanceRules.coverage(needed: true, [old, renewed], today: today)
    #expect(c == .accepted(until: "2027-06-30"))
    #expect(!c.isOpen)
    #expect(
      RiskCoverage.waiting.isOpen && RiskCoverage.missing.isOpen && RiskCoverage.expired(on: "x").isOpen)
  }

  @Test func dueWithinThirtyDays() {
    #expect(RiskAcceptanceRules.addDays("2026-12-02", 30) == "2027-01-01")
    #expect(RiskAcceptanceRules.addDays("2024-02-28", 1) == "2024-02-29")
    #expect(RiskAcceptanceRules.addDays("bad", 1) == nil)
    #expect(RiskAcceptanceRules.isDue(.init(signed: true, expiresOn: "2027-01-01"), today: "2026-12-02"))
    #expect(!RiskAcceptanceRules.isDue(.init(signed: true, expiresOn: "2027-01-02"), today: "2026-12-02"))
    #expect(RiskAcceptanceRules.isDue(.init(signed: true, expiresOn: "2026-01-02"), today: "2026-12-02"))
    #expect(!RiskAcceptanceRules.isDue(.init(signed: false, expiresOn: "2026-12-03"), today: "2026-12-02"))
  }
}
