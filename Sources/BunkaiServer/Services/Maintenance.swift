import BunkaiCore
import Fluent
import Foundation
import NIOCore
import SQLKit
import Vapor

/// Clean-up the app does by itself, at start and every ten minutes: sessions past their idle or
/// absolute limit, login attempts older than 90 days, quiet throttling rows, and kept
/// `Idempotency-Key` answers older than a day. The same schedule sends the day's reminders
/// (`DailyRun`) once the reminder hour has come.
enum Maintenance {
  static func purge(_ db: any Database, settings: ServerSettings, now: Date = Date()) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    let t = now.timeIntervalSince1970
    let pg = sql.dialect.name == "postgresql"
    let created = pg ? "(data->>'_created')::float8" : "CAST(json_extract(data, '$._created') AS REAL)"
    let seen = pg ? "(data->>'_seen')::float8" : "CAST(json_extract(data, '$._seen') AS REAL)"
    try await sql.raw(
      """
      DELETE FROM _fluent_sessions WHERE \(unsafeRaw: created) IS NULL OR \(unsafeRaw: seen) IS NULL
        OR \(unsafeRaw: created) < \(bind: t - settings.sessionMaxAge)
        OR \(unsafeRaw: seen) < \(bind: t - settings.sessionIdleTimeout)
      """
    ).run()
    try await LoginAttempt.query(on: db).filter(\.$at < now.addingTimeInterval(-90 * 86_400)).delete()
    try await sql.raw(
      """
      DELETE FROM login_throttles WHERE updated_at < \(bind: t - max(settings.throttleWindow, 86_400))
        AND (locked_until IS NULL OR locked_until < \(bind: t))
      """
    ).run()
    try await IdempotencyRecord.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-86_400)).delete()
  }

  /// Runs `purge` when the app starts and every ten minutes until it stops, and the daily
  /// reminders once per day and organisation (the claim in `DailyRun` keeps it once across
  /// instances).
  struct Schedule: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
      let settings = app.settings
      let db = app.db
      let logger = app.logger
      let instance = UUID().uuidString
      let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(
        initialDelay: .seconds(1), delay: .minutes(10)
      ) { _ in
        app.eventLoopGroup.next().makeFutureWithTask {
          do {
            try await purge(db, settings: settings)
          } catch {
            logger.warning("purge of old sessions and login attempts failed: \(String(reflecting: error))")
          }
          let now = Date()
          guard DailyRun.isDue(now, hour: settings.reminderHour) else { return }
          do {
            let outcome = try await DailyRun.run(
              db, today: JapanTime.day(now), instance: instance, baseURL: settings.publicURL ?? "",
              send: DailyRun.mailer(settings.smtp), logger: logger)
            if outcome.claimed > 0 {
              logger.info(
                "reminders: \(outcome.claimed) organisations, \(outcome.mails) mails sent, \(outcome.failedMails) failed"
              )
            }
          } catch {
            logger.warning("daily reminders failed: \(String(reflecting: error))")
          }
        }
      }
      app.storage[TaskKey.self] = task
    }

    func shutdown(_ app: Application) {
      app.storage[TaskKey.self]?.cancel()
    }
  }

  struct TaskKey: StorageKey { typealias Value = RepeatedTask }
}
