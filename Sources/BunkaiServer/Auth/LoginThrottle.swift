import Fluent
import Foundation
import SQLKit

/// Login throttling that parallel guesses cannot get round: every attempt first takes a numbered
/// place in one atomic upsert per scope (the account, the client's address), before any password
/// is checked. The attempt that reaches the allowance is still checked but locks the scope in the
/// same statement, so attempts sent at the same moment are refused unchecked. Each later lock is
/// longer (30 s, 1, 2, 4, 8 minutes … up to the throttle window), and after a quiet window the
/// count starts again: someone guessing cannot lock a user out for longer than that.
enum LoginThrottle {
  /// Seconds the scope stays locked after the attempt numbered `allowance + level`.
  static func delay(level: Int, cap: TimeInterval) -> TimeInterval {
    min(cap, 30 * pow(2, Double(min(level, 20))))
  }

  /// Takes a place for one attempt. Returns nil when the attempt may be checked, or the seconds
  /// until the scope opens again.
  static func reserve(
    _ db: any Database, scope: String, allowance: Int, window: TimeInterval, now: Date = Date()
  ) async throws -> TimeInterval? {
    guard let sql = db as? any SQLDatabase else { return nil }
    let t = now.timeIntervalSince1970
    let fresh = "login_throttles.updated_at < \(t - window)"
    // The attempt's number: 1 again after a quiet window, else one more.
    let next = "(CASE WHEN \(fresh) THEN 1 ELSE login_throttles.attempts + 1 END)"
    // The lock the attempt sets: none below the allowance, then growing.
    var lock = "CASE WHEN \(next) < \(allowance) THEN NULL"
    for level in 0..<8 {
      lock += " WHEN \(next) = \(allowance + level) THEN \(t + delay(level: level, cap: window))"
    }
    lock += " ELSE \(t + window) END"
    let firstLock = allowance <= 1 ? "\(t + delay(level: 0, cap: window))" : "NULL"
    let row = try await sql.raw(
      """
      INSERT INTO login_throttles (id, scope, attempts, locked_until, updated_at)
      VALUES (\(bind: UUID()), \(bind: scope), 1, \(unsafeRaw: firstLock), \(unsafeRaw: String(t)))
      ON CONFLICT (scope) DO UPDATE SET attempts = \(unsafeRaw: next), locked_until = \(unsafeRaw: lock),
        updated_at = \(unsafeRaw: String(t))
      WHERE login_throttles.locked_until IS NULL OR login_throttles.locked_until <= \(unsafeRaw: String(t))
      RETURNING attempts
      """
    ).first()
    if row != nil { return nil }
    let locked = try await sql.raw(
      "SELECT locked_until FROM login_throttles WHERE scope = \(bind: scope)"
    ).first().flatMap { try? $0.decode(column: "locked_until", as: Double?.self) }
    return max(1, (locked ?? t + 1) - t)
  }

  /// A successful login starts the account's count again.
  static func reset(_ db: any Database, scope: String) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    try await sql.raw("DELETE FROM login_throttles WHERE scope = \(bind: scope)").run()
  }
}
