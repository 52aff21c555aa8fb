import BunkaiCore
import Fluent
import Foundation

/// A new document version of a contract carries the previous version forward: its articles are
/// compared with the previous ones (`ArticleAlignment`), findings that persist keep their decision
/// (marked as carried from the previous review), and findings that appeared or were resolved are
/// listed. A sign-off is never carried: the previous review's one becomes stale.
enum Carryover {
  /// The comparison as stored with the new review.
  struct Stored: Codable, Sendable {
    var previousReviewId: UUID
    var rows: [ArticleAlignment.Row]
    /// Rule ids of findings with no finding of the same rule in the previous review.
    var findingsAppeared: [String]
    /// Rule ids of the previous review's findings with no finding of the same rule now.
    var findingsResolved: [String]
    /// The previous review's title of each resolved rule, in the same order.
    var resolvedTitles: [String]
    /// Findings of the new review (0-based) that persist: the previous review's finding index.
    var persisting: [Persisting]
    /// Findings whose rule is still raised but whose elements or clause differ: decided anew.
    var changedFindings: [Int]

    struct Persisting: Codable, Sendable {
      var finding: Int
      var previousFinding: Int
    }

    static func decode(_ json: String?) -> Stored? {
      guard let json else { return nil }
      return try? JSONDecoder().decode(Stored.self, from: Data(json.utf8))
    }
  }

  /// The articles of a stored review, with their text from the document the review points into.
  static func articles(_ review: StoredReview, text: String) -> [ArticleAlignment.Article] {
    let scalars = Array(text.unicodeScalars)
    return review.document.articles.map { a in
      let r = max(0, min(a.start, scalars.count))..<max(0, min(a.end, scalars.count))
      return ArticleAlignment.Article(
        number: a.number, heading: a.heading, text: String(String.UnicodeScalarView(scalars[r])))
    }
  }

  /// The article a finding is about, as an index into the review's articles: the article holding
  /// its first quoted passage, else the first article with its number.
  static func articleIndex(_ f: StoredReview.Finding, in review: StoredReview) -> Int? {
    guard let number = f.article else { return nil }
    let articles = review.document.articles
    if let start = f.evidence.first?.start,
      let i = articles.firstIndex(where: { $0.start <= start && start < $0.end })
    {
      return i
    }
    let bare = number.split(separator: ":").last.map(String.init) ?? number
    return articles.firstIndex { $0.number == bare }
  }

  /// What a finding falls short on: its elements that are unmet or contradicted.
  static func shortfall(_ f: StoredReview.Finding) -> Set<String> {
    Set(
      f.elements.filter { $0.status == "unmet" || $0.status == "contradicted" }.map {
        "\($0.id):\($0.status)"
      })
  }

  /// Compares `current` with `previous` (pure: the stored reviews and their documents' texts).
  static func compare(
    previousID: UUID, previous: StoredReview, previousText: String, current: StoredReview, currentText: String
  ) -> Stored {
    let rows = ArticleAlignment.compare(
      previous: articles(previous, text: previousText), current: articles(current, text: currentText))
    var newOfOld: [Int: Int] = [:]
    for r in rows { if let o = r.previousIndex, let n = r.index { newOfOld[o] = n } }

    var used = Set<Int>()
    var persisting: [Stored.Persisting] = []
    var changed: [Int] = []
    for (n, f) in current.findings.enumerated() {
      let article = articleIndex(f, in: current)
      let match = previous.findings.indices.first { o in
        let p = previous.findings[o]
        guard !used.contains(o), p.ruleId == f.ruleId, shortfall(p) == shortfall(f) else { return false }
        let old = articleIndex(p, in: previous)
        return old.flatMap { newOfOld[$0] } == article && (old == nil) == (article == nil)
      }
      if let o = match {
        used.insert(o)
        persisting.append(.init(finding: n, previousFinding: o))
      } else if previous.findings.contains(where: { $0.ruleId == f.ruleId }) {
        changed.append(n)
      }
    }
    let oldRules = previous.findings.map(\.ruleId)
    let newRules = current.findings.map(\.ruleId)
    let resolved = unique(oldRules.filter { !newRules.contains($0) })
    return Stored(
      previousReviewId: previousID, rows: rows,
      findingsAppeared: unique(newRules.filter { !oldRules.contains($0) }),
      findingsResolved: resolved,
      resolvedTitles: resolved.map { r in previous.findings.first { $0.ruleId == r }?.title ?? r },
      persisting: persisting, changedFindings: changed)
  }

  /// The review of the next document version, when a newer version replaced this review's one.
  static func supersededBy(_ r: ReviewRecord, on db: any Database) async throws -> UUID? {
    if let next = try await ReviewRecord.query(on: db).filter(\.$previousReviewID == r.id!).field(\.$id)
      .first()
    {
      return next.id
    }
    // Versions uploaded before comparisons were stored: the contract's newest review replaced it.
    guard let c = try await Contract.find(r.contractID, on: db), let latest = c.latestReviewID, latest != r.id
    else { return nil }
    return latest
  }

  static func unique(_ xs: [String]) -> [String] {
    var seen = Set<String>()
    return xs.filter { seen.insert($0).inserted }
  }

  /// The newest review of a document version: a periodic re-check adds reviews of the same version,
  /// and the newest one holds the decisions that count.
  static func newestReview(on db: any Database, document: UUID) async throws -> ReviewRecord? {
    try await ReviewRecord.query(on: db).filter(\.$documentID == document).sort(\.$createdAt, .descending)
      .first()
  }

  /// Inside the write that stores a new review: compares it with `previous` (the previous version's
  /// newest review, or for a periodic re-check the same version's), with the text each one's
  /// offsets point into; stores the comparison on the new review and carries the decisions and risk
  /// acceptances of persisting findings over. Returns the carried decisions.
  static func carry(
    on db: any Database, actor: Actor, previous: ReviewRecord, previousText: String, review: ReviewRecord,
    current: StoredReview, currentText: String
  ) async throws -> [Decision] {
    guard let previousStored = try? StoredReview.decode(previous.resultJSON) else { return [] }
    let stored = compare(
      previousID: previous.id!, previous: previousStored, previousText: previousText,
      current: current,
      currentText: currentText)
    review.previousReviewID = previous.id
    review.comparisonJSON = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    try await review.save(on: db)

    let latest = Decisions.latest(try await Decision.query(on: db).filter(\.$reviewID == previous.id!).all())
    var carried: [Decision] = []
    for p in stored.persisting {
      guard let old = latest[p.previousFinding] else { continue }
      let d = Decision()
      d.organisationID = review.organisationID
      d.reviewID = review.id!
      d.findingIndex = p.finding
      d.ruleID = current.findings[p.finding].ruleId
      d.kind = old.kind
      d.wording = old.wording
      d.reason = old.reason
      d.replacesQuote = (old.replacesQuote ?? false) && !current.findings[p.finding].evidence.isEmpty
      d.carriedFrom = previous.id
      d.userID = old.userID
      d.userName = old.userName
      try await d.save(on: db)
      carried.append(d)
    }
    // A persisting finding keeps its risk acceptances too: the same risk, accepted by the same
    // executive until the same day (an unsigned request stays a request).
    let acceptances = try await RiskAcceptance.query(on: db).filter(\.$reviewID == previous.id!).all()
    var carriedAcceptances = 0
    for p in stored.persisting {
      for old in acceptances where old.findingIndex == p.previousFinding {
        let a = RiskAcceptance()
        a.organisationID = old.organisationID
        a.subjectKind = old.subjectKind
        a.contractID = old.contractID
        a.reviewID = review.id
        a.findingIndex = p.finding
        a.ruleID = current.findings[p.finding].ruleId
        a.subjectTitle = old.subjectTitle
        a.risk = old.risk
        a.reason = old.reason
        a.measures = old.measures
        a.owner = old.owner
        a.expiresOn = old.expiresOn
        a.requestedBy = old.requestedBy
        a.requestedByName = old.requestedByName
        a.requestedAt = old.requestedAt
        a.signedBy = old.signedBy
        a.signedByName = old.signedByName
        a.signedAt = old.signedAt
        try await a.save(on: db)
        carriedAcceptances += 1
      }
    }
    try await AuditLog.record(
      on: db, org: actor.orgID, user: actor.user, action: "判断の引き継ぎ", entity: "照合結果", id: review.id,
      after: [
        "previousReview": previous.id!.uuidString, "carried": String(carried.count),
        "carriedAcceptances": String(carriedAcceptances),
        "appeared": stored.findingsAppeared.joined(separator: ","),
        "resolved": stored.findingsResolved.joined(separator: ","),
      ])
    return carried
  }
}
