import BunkaiCore
import Fluent
import Foundation
import Vapor

/// The daily work: for each organisation, once per day (Japan time) whatever the number of app
/// instances, each user whose deadlines reach 30, 7 or 0 days today gets one mail listing them.
/// The once-per-day guarantee is a claim row with a unique (job, organisation, day): the instance
/// whose insert succeeds does the work, every other one's insert fails and it moves on.
package enum DailyRun {
  static let reminderJob = "reminders"

  /// Sends one mail: to, subject, body.
  package typealias Send = @Sendable (String, String, String) async throws -> Void

  /// Mail through the configured relay; nil without one (the list and the calendar still work).
  static func mailer(_ smtp: SMTPSettings?) -> Send? {
    guard let smtp else { return nil }
    return { to, subject, body in try await Mailer(settings: smtp).send(to: to, subject: subject, body: body)
    }
  }

  package struct Outcome: Sendable, Equatable {
    var organisations = 0
    /// Organisations this instance did the work for (the others were claimed by another one).
    package var claimed = 0
    package var mails = 0
    var failedMails = 0
  }

  /// Runs today's reminders for every organisation not yet claimed for today.
  package static func run(
    _ db: any Database, today: ISODay, instance: String, baseURL: String, send: Send?, logger: Logger
  ) async throws -> Outcome {
    var outcome = Outcome()
    let orgs = try await Organisation.query(on: db).field(\.$id).all()
    outcome.organisations = orgs.count
    for org in orgs {
      guard let claim = try await claim(db, org: org.id!, day: today, instance: instance) else { continue }
      outcome.claimed += 1
      let (sent, failed) = try await remind(
        db, org: org.id!, today: today, baseURL: baseURL, send: send, logger: logger)
      outcome.mails += sent
      outcome.failedMails += failed
      claim.finishedAt = Date()
      claim.mailsSent = sent
      try await claim.save(on: db)
    }
    return outcome
  }

  /// This instance's claim for the organisation and day, or nil when another instance has it.
  static func claim(_ db: any Database, org: UUID, day: ISODay, instance: String) async throws
    -> DailyRunClaim?
  {
    let claim = DailyRunClaim()
    claim.job = reminderJob
    claim.organisationID = org
    claim.day = day.description
    claim.instance = instance
    do {
      try await claim.create(on: db)
      return claim
    } catch let error as any DatabaseError where error.isConstraintFailure {
      return nil
    }
  }

  /// Mails each of the organisation's users their digest. A mail that fails is logged and counted;
  /// the others still go (one bad address must not silence everyone's reminders).
  static func remind(
    _ db: any Database, org: UUID, today: ISODay, baseURL: String, send: Send?, logger: Logger
  ) async throws -> (sent: Int, failed: Int) {
    let users = try await User.query(on: db).filter(\.$organisationID == org).filter(\.$disabledAt == nil)
      .all()
    guard !users.isEmpty else { return (0, 0) }
    let query = try await DeadlineQuery.load(db, org: org)
    var sent = 0
    var failed = 0
    for user in users {
      let digest = Reminders.digest(query.deadlines(for: user), today: today)
      guard !digest.isEmpty else { continue }
      guard let send else { continue }
      let subject = "【Bunkai】期限のお知らせ（\(digest.due.count)件）"
      let body = Reminders.mailBody(digest, name: user.name, baseURL: baseURL)
      do {
        try await send(user.email, subject, body)
        sent += 1
      } catch {
        failed += 1
        logger.warning("reminder mail to \(user.email) failed: \(String(describing: error))")
      }
    }
    return (sent, failed)
  }

  /// The hour (Japan time) from which the day's reminders go out: mail in the morning, not at
  /// midnight. `BUNKAI_REMINDER_HOUR`, default 7.
  static func isDue(_ now: Date, hour: Int) -> Bool {
    JapanTime.hour(now) >= hour
  }
}
