import BunkaiCore
import BunkaiFormats
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// What the review page keeps besides the page cache. What never changes is kept here per review:
/// a stored review and its document are never edited (a new upload is a new review), so every app
/// instance may keep them. What can change (decisions, sign-off, the contract's title: `State`)
/// and the rendered pages are kept in the one page cache (`PageCache`), per organisation revision.
final class ReviewPages: Sendable {
  struct Entry: Sendable {
    let stored: ReviewJSON
    /// The contract text cut at the evidence, for the page's text view.
    let segments: [ReviewPageContext.Segment]
    /// The comparison with the previous version (stored with the review, never changed).
    var comparison: Carryover.Stored? = nil
  }

  /// What the database holds of a review that can change, as of an organisation revision.
  /// Read-only once built.
  struct State: @unchecked Sendable {
    let id: UUID
    let organisationID: UUID
    let contractID: UUID
    let documentID: UUID
    let signedOffBy: UUID?
    let contractTitle: String
    let filename: String
    let version: Int
    let uploadedAt: Date?
    let decisions: [Decision]
    /// Risk acceptances of the findings, by 0-based finding index.
    let acceptances: [Int: [RiskAcceptance]]
    let signedOff: String?
    var previousReviewID: UUID? = nil
    var previousVersion: Int? = nil
    /// The review of a newer version, when one replaced this review's version.
    var supersededBy: UUID? = nil
    /// The organisation's checklist catalogue (imported titles over the built-in ones).
    let catalog: ChecklistCatalog
  }

  /// A rendered page, as kept in the page cache per organisation revision, user, view, filter and
  /// day. The form token differs per session: the page is kept split where it goes (`marker`) and
  /// joined with the request's token.
  struct Rendered: Sendable {
    let parts: [ByteBuffer]

    func view(csrf: String) -> View { View(data: ReviewPages.join(parts, HTMLText.escape(csrf))) }
  }
  /// Stands for the form token while a page is rendered for the cache (no contract text can hold
  /// it: it is random per process).
  let marker = "csrf-\(UUID().uuidString)"

  /// A page rendered with `marker` as its token, ready to keep.
  func rendered(_ view: View) -> Rendered { Rendered(parts: Self.split(view.data, at: marker)) }

  static func split(_ buffer: ByteBuffer, at marker: String) -> [ByteBuffer] {
    let bytes = Array(buffer.readableBytesView)
    let m = Array(marker.utf8)
    var parts: [ByteBuffer] = []
    var start = 0
    var i = 0
    while i + m.count <= bytes.count {
      if bytes[i] == m[0] && Array(bytes[i..<i + m.count]) == m {
        parts.append(ByteBuffer(bytes: bytes[start..<i]))
        i += m.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(ByteBuffer(bytes: bytes[start...]))
    return parts
  }

  static func join(_ parts: [ByteBuffer], _ token: String) -> ByteBuffer {
    var out = ByteBuffer()
    for (k, p) in parts.enumerated() {
      if k > 0 { out.writeString(token) }
      var p = p
      out.writeBuffer(&p)
    }
    return out
  }

  private let entries = NIOLockedValueBox<[UUID: Entry]>([:])
  /// Enough for the reviews people have open; the whole cache is dropped when it fills.
  private let capacity = 128

  func cachedEntry(_ id: UUID) -> Entry? { entries.withLockedValue { $0[id] } }

  func entry(_ state: State, db: any Database) async throws -> Entry {
    if let hit = cachedEntry(state.id) { return hit }
    // The large columns are read only on a miss.
    guard
      let full = try await ReviewRecord.query(on: db).filter(\.$id == state.id).field(\.$id).field(
        \.$resultJSON
      )
      .field(\.$organisationID).field(\.$contractID).field(\.$documentID).field(\.$comparisonJSON).first(),
      let doc = try await ContractDocument.query(on: db).filter(\.$id == state.documentID).field(\.$id)
        .field(\.$text).field(\.$organisationID).field(\.$contractID).first()
    else { throw Abort(.notFound, reason: "指定されたデータが見つかりません。") }
    let stored = try ReviewJSON.decode(full.resultJSON)
    let entry = Entry(
      stored: stored, segments: Self.segments(doc.text, stored.findings),
      comparison: Carryover.Stored.decode(full.comparisonJSON))
    entries.withLockedValue {
      if $0.count >= capacity { $0.removeAll() }
      $0[state.id] = entry
    }
    return entry
  }

  /// Splits the text at evidence boundaries; a marked segment links to the first finding quoting
  /// it, and the first segment of each finding carries the id its card's quotes link to.
  static func segments(_ text: String, _ findings: [ReviewJSON.FindingDTO]) -> [ReviewPageContext.Segment] {
    let scalars = Array(text.unicodeScalars)
    var owner = [Int?](repeating: nil, count: scalars.count)
    for (i, f) in findings.enumerated() {
      for e in f.evidence where e.start >= 0 && e.end <= scalars.count && e.start < e.end {
        for p in e.start..<e.end where owner[p] == nil { owner[p] = i + 1 }
      }
    }
    var out: [ReviewPageContext.Segment] = []
    var seen: Set<Int> = []
    var start = 0
    while start < scalars.count {
      var end = start + 1
      while end < scalars.count && owner[end] == owner[start] { end += 1 }
      var s = String.UnicodeScalarView()
      s.append(contentsOf: scalars[start..<end])
      // A marked stretch of only spaces and line breaks is no link a person (or a screen reader)
      // can follow: it stays plain text.
      let blank = s.allSatisfy { $0.properties.isWhitespace }
      if let n = owner[start], !blank {
        out.append(
          .init(
            text: String(s), mark: true, id: seen.insert(n).inserted ? "mark-f\(n)" : "", link: "#f\(n)"))
      } else {
        out.append(.init(text: String(s), mark: false, id: "", link: ""))
      }
      start = end
    }
    return out
  }
}

struct ReviewPagesKey: StorageKey {
  typealias Value = ReviewPages
}

extension Application {
  /// Set once in `configure`, before any request.
  var reviewPages: ReviewPages {
    get { storage[ReviewPagesKey.self]! }
    set { storage[ReviewPagesKey.self] = newValue }
  }
}
