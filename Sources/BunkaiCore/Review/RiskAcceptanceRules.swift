import Foundation

/// Where a risk acceptance (経営層のリスク受容) stands: asked for by staff, signed by an executive,
/// or signed but past its expiry day.
public enum RiskAcceptanceStatus: String, Codable, CaseIterable, Sendable {
  case requested, signed, expired

  public var label: String {
    switch self {
    case .requested: "署名待ち"
    case .signed: "署名済み"
    case .expired: "期限切れ"
    }
  }
}

/// One acceptance as the rules see it: whether it is signed and its last valid day.
public struct RiskAcceptanceTerm: Sendable, Equatable {
  public var signed: Bool
  /// ISO day (YYYY-MM-DD), the last day the acceptance holds.
  public var expiresOn: String

  public init(signed: Bool, expiresOn: String) {
    self.signed = signed
    self.expiresOn = expiresOn
  }
}

/// What a finding (or another subject) needs from the executive, given its acceptances.
public enum RiskCoverage: Equatable, Sendable {
  /// No acceptance is needed.
  case notRequired
  /// Needed, none asked for yet (or only ones that lapsed before being signed do not exist).
  case missing
  /// Asked for, waiting for an executive's signature.
  case waiting
  /// Signed and holding through the day given.
  case accepted(until: String)
  /// Signed once, but every signed one has expired: due again.
  case expired(on: String)

  /// Still open: counted on the dashboard and shown as due.
  public var isOpen: Bool {
    if case .accepted = self { return false }
    return self != .notRequired
  }
}

/// The rules of risk acceptances, with no database: status by the Japanese day, which decisions
/// need one, and which acceptances fall due soon. Days are ISO strings (they sort as text).
public enum RiskAcceptanceRules {
  /// How many days before its expiry an acceptance is listed as due.
  public static let dueWithinDays = 30

  /// requested until signed; signed through `expiresOn`; expired from the next day on.
  public static func status(_ term: RiskAcceptanceTerm, today: String) -> RiskAcceptanceStatus {
    guard term.signed else { return .requested }
    return term.expiresOn < today ? .expired : .signed
  }

  /// "Not needed" on a high-severity finding is a decision to live with the risk: the
  /// executive has to accept it in writing.
  public static func needsAcceptance(decision: String?, severity: String) -> Bool {
    decision == "notNeeded" && severity == "high"
  }

  /// What a subject that `needed` an acceptance has, given all acceptances asked for it.
  public static func coverage(needed: Bool, _ terms: [RiskAcceptanceTerm], today: String) -> RiskCoverage {
    guard needed else { return .notRequired }
    let valid = terms.filter { status($0, today: today) == .signed }.map(\.expiresOn)
    if let until = valid.max() { return .accepted(until: until) }
    if terms.contains(where: { !$0.signed }) { return .waiting }
    if let last = terms.filter(\.signed).map(\.expiresOn).max() { return .expired(on: last) }
    return .missing
  }

  /// A signed acceptance that expires within `dueWithinDays` days (or has expired): the
  /// executive's list of what to renew.
  public static func isDue(_ term: RiskAcceptanceTerm, today: String) -> Bool {
    guard term.signed, let limit = addDays(today, dueWithinDays) else { return false }
    return term.expiresOn <= limit
  }

  /// An ISO day `n` days later, nil when `day` is not a real YYYY-MM-DD day.
  public static func addDays(_ day: String, _ n: Int) -> String? {
    ISODay(day).map { $0.adding(days: n).description }
  }
}
