import AsyncKit
import Fluent
import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import SQLKit
import SQLiteNIO
import Vapor

/// The one way the busy write paths change the database: a transaction that cannot collide with
/// another write and is retried as a whole when the database asks for it.
///
/// - SQLite has one writer per file. Our own transactions take turns in this process (an async
///   gate, so no thread waits), and the first statement takes the write lock, so nothing inside
///   can meet "database is locked" half way; other processes (the CLI) are waited for by the
///   connection's busy timeout.
/// - PostgreSQL: `lock` names the record the write is about (a contract); an advisory lock on it
///   for the transaction's length makes reads-then-writes on it (the next document version, the
///   next exchange step, an answer's row) happen one after another.
/// - Errors that come before the body started (the lock, a lost connection) are always retried;
///   deadlocks, serialisation failures and a connection lost before commit are retried only for a
///   `restartable` body, one that builds every new record inside itself.
package enum Writes {
  static let maxAttempts = 8
  /// Milliseconds SQLite waits for another process's write before giving up on a statement.
  static let busyTimeoutMilliseconds = 5_000

  static func transaction<T: Sendable>(
    _ db: any Database, lock: UUID? = nil, restartable: Bool = false,
    _ body: @escaping @Sendable (any Database) async throws -> T
  ) async throws -> T {
    // Inside another write's transaction (a service calling a service): part of that one.
    if inWrite { return try await body(db) }
    let sqlite = (db as? any SQLDatabase)?.dialect.name == "sqlite"
    var attempt = 0
    while true {
      attempt += 1
      let progress = Progress()
      do {
        if sqlite {
          await gate.acquire()
          do {
            let result = try await db.transaction { db in
              // A write that changes nothing takes the write lock before anything is read.
              try await (db as! any SQLDatabase).raw(
                "UPDATE organisations SET revision = revision WHERE 1 = 0"
              )
              .run()
              progress.started = true
              return try await $inWrite.withValue(true) { try await body(db) }
            }
            await gate.release()
            return result
          } catch {
            await gate.release()
            throw error
          }
        }
        return try await db.transaction { db in
          if let lock, let sql = db as? any SQLDatabase {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: advisoryKey(lock)))").run()
          }
          progress.started = true
          let result = try await $inWrite.withValue(true) { try await body(db) }
          progress.bodyDone = true
          return result
        }
      } catch {
        guard attempt < maxAttempts, shouldRetry(error, progress, restartable: restartable) else {
          throw error
        }
        db.logger.notice("write retried (attempt \(attempt + 1)): \(String(reflecting: error))")
        let base = min(1_000, 15 << min(attempt, 6))
        try await Task.sleep(for: .milliseconds(base + Int.random(in: 0...base)))
      }
    }
  }

  /// The one way a change to an organisation's data is written: a `transaction` that first counts
  /// one more revision of the organisation, so every page cached for an older one (PageCache) is
  /// rebuilt. The organisation's row is taken before anything else (the audit chain's head among
  /// them), always in this order, so two writes cannot each hold one and wait for the other.
  static func organisation<T: Sendable>(
    _ db: any Database, org: UUID, lock: UUID? = nil, restartable: Bool = false,
    _ body: @escaping @Sendable (any Database) async throws -> T
  ) async throws -> T {
    try await transaction(db, lock: lock, restartable: restartable) { db in
      try await touch(db, org: org)
      return try await body(db)
    }
  }

  /// One more revision of the organisation (inside `organisation`; the seeders call it after
  /// writing in bulk).
  package static func touch(_ db: any Database, org: UUID) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    try await sql.raw("UPDATE organisations SET revision = revision + 1 WHERE id = \(bind: org)").run()
  }

  /// Sets the busy timeout on a SQLite connection (each event loop's one connection at start).
  static func prepareSQLite(_ app: Application) async throws {
    for loop in app.eventLoopGroup.makeIterator() {
      guard let sql = app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase else {
        continue
      }
      try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
    }
  }

  static func shouldRetry(_ error: any Error, _ progress: Progress, restartable: Bool) -> Bool {
    switch classify(error) {
    case .busy: return !progress.started || restartable
    case .conflict: return !progress.started || restartable
    case .unavailable: return !progress.bodyDone && (!progress.started || restartable)
    case .other: return false
    }
  }

  enum Kind { case busy, conflict, unavailable, other }

  /// What kind of failure a database error is: worth waiting for, or not.
  static func classify(_ error: any Error) -> Kind {
    if let e = error as? SQLiteError {
      switch e.reason {
      case .busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout, .lockedBySharedCache: return .busy
      default: return .other
      }
    }
    if let e = error as? PSQLError {
      if e.code == .server {
        let state = e.serverInfo?[.sqlState] ?? ""
        // serialization_failure, deadlock_detected, lock_not_available
        if ["40001", "40P01", "55P03"].contains(state) { return .conflict }
        // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
        if ["57P01", "57P02", "57P03", "53300"].contains(state) || state.hasPrefix("08") {
          return .unavailable
        }
        return .other
      }
      switch e.code {
      case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
        return .unavailable
      default: return .other
      }
    }
    if error is ConnectionPoolError || error is ChannelError || error is IOError { return .unavailable }
    if error is NIOConnectionError { return .unavailable }
    return .other
  }

  /// A stable 64-bit key for PostgreSQL's advisory locks from a record's id.
  static func advisoryKey(_ id: UUID) -> Int64 {
    let u = id.uuid
    let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7]
    return Int64(bitPattern: bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
  }

  /// Our own SQLite write transactions, one at a time (SQLite allows one writer anyway).
  static let gate = AsyncGate()

  /// Set while a write's body runs: a nested write joins it instead of waiting for the gate the
  /// outer one holds.
  @TaskLocal static var inWrite = false

  final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var _started = false
    private var _bodyDone = false
    var started: Bool {
      get { lock.withLock { _started } }
      set { lock.withLock { _started = newValue } }
    }
    var bodyDone: Bool {
      get { lock.withLock { _bodyDone } }
      set { lock.withLock { _bodyDone = newValue } }
    }
  }
}

/// An async mutex: waiting for it holds no thread.
actor AsyncGate {
  private var busy = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func acquire() async {
    if !busy {
      busy = true
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  func release() {
    if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
  }
}
