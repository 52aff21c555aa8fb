import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The one page cache: what a page reads of an organisation's data, kept per organisation, page
/// key and the organisation's revision (and the Japanese day, for pages that depend on the date).
/// Every write goes through `Writes.organisation`, which counts one more revision, so an entry
/// for an older revision is never served; nothing else invalidates it. Every page's cache is here:
/// the dashboard's summary, the map, and the review page's state and rendered pages (what never
/// changes of a review, its text cut at the evidence, stays with `ReviewPages`).
final class PageCache: Sendable {
  private struct Key: Hashable {
    var org: UUID
    var page: String
  }
  private struct Entry {
    var revision: Int
    var day: String
    var value: any Sendable
  }
  private let entries = NIOLockedValueBox<[Key: Entry]>([:])
  /// Enough for the pages people have open; the whole cache is dropped when it fills.
  private let capacity: Int

  init(capacity: Int = 1024) { self.capacity = capacity }

  func get<T: Sendable>(_ type: T.Type, org: UUID, page: String, revision: Int, day: String) -> T? {
    entries.withLockedValue { e in
      guard let hit = e[Key(org: org, page: page)], hit.revision == revision, hit.day == day else {
        return nil
      }
      return hit.value as? T
    }
  }

  func set<T: Sendable>(_ value: T, org: UUID, page: String, revision: Int, day: String) {
    entries.withLockedValue { e in
      let key = Key(org: org, page: page)
      // Keep the newest: a slower request that read older data must not replace it.
      if let old = e[key], old.revision > revision { return }
      if e[key] == nil && e.count >= capacity { e.removeAll() }
      e[key] = Entry(revision: revision, day: day, value: value)
    }
  }
}

struct PageCacheKey: StorageKey {
  typealias Value = PageCache
}

extension Application {
  /// Set once in `configure`, before any request.
  var pageCache: PageCache {
    get { storage[PageCacheKey.self]! }
    set { storage[PageCacheKey.self] = newValue }
  }
}

extension Request {
  /// What a page read for the signed-in organisation, when nothing changed since (no waiting).
  func cachedPage<T: Sendable>(_ type: T.Type, _ page: String, org: UUID, day: String = "") -> T? {
    guard let revision = storage[OrganisationRevision.self] else { return nil }
    return application.pageCache.get(type, org: org, page: page, revision: revision, day: day)
  }

  /// The page's read model: from the cache, or read by `load` and kept for this revision. The
  /// revision came with the signed-in user, before `load` reads: a write in between makes the
  /// entry stale at once rather than hiding the write.
  func cachedPage<T: Sendable>(
    _ page: String, org: UUID, day: String = "", load: () async throws -> T
  ) async throws -> T {
    if let hit = cachedPage(T.self, page, org: org, day: day) { return hit }
    let value = try await load()
    keepPage(value, page, org: org, day: day)
    return value
  }

  /// Keeps what a page read (or rendered) for the revision that came with the signed-in user.
  func keepPage<T: Sendable>(_ value: T, _ page: String, org: UUID, day: String = "") {
    guard let revision = storage[OrganisationRevision.self] else { return }
    application.pageCache.set(value, org: org, page: page, revision: revision, day: day)
  }
}
