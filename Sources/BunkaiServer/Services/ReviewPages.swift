import BunkaiFormats
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// The parts of a review page that never change, kept per review: a stored review and its
/// document are never edited (a new upload is a new review), so every app instance may keep them.
/// Decisions, sign-off and the form tokens are read and written per request.
final class ReviewPages: Sendable {
  struct Entry: Sendable {
    let stored: StoredReview
    /// The contract text with the evidence marked, escaped.
    let textHTML: String
    /// Each finding's card up to its decision block, escaped.
    let cardHeads: [String]
  }

  /// What the database holds of a review that can change (decisions, sign-off, the contract's
  /// title), as of an organisation revision. Read-only once built.
  struct State: @unchecked Sendable {
    let review: ReviewRecord
    let contractTitle: String
    let filename: String
    let version: Int
    let uploadedAt: Date?
    let decisions: [Decision]
    let signedOff: String?
  }

  private let entries = NIOLockedValueBox<[UUID: Entry]>([:])
  private let states = NIOLockedValueBox<[UUID: (revision: Int, state: State)]>([:])

  private struct CardsKey: Hashable {
    var review: UUID
    var canEdit: Bool
  }
  private let cardParts = NIOLockedValueBox<[CardsKey: (revision: Int, parts: [String])]>([:])

  /// A review's cards split where the form token goes. `build` writes them with the marker it is
  /// given in place of the token (a random marker, so no contract text can contain it).
  func cards(_ id: UUID, revision: Int?, canEdit: Bool, build: (String) -> String) -> [String] {
    let key = CardsKey(review: id, canEdit: canEdit)
    if let revision, let hit = cardParts.withLockedValue({ $0[key] }), hit.revision == revision {
      return hit.parts
    }
    let marker = "csrf-\(UUID().uuidString)"
    let parts = build(marker).components(separatedBy: marker)
    if let revision {
      cardParts.withLockedValue { c in
        if let old = c[key], old.revision > revision { return }
        if c.count >= capacity { c.removeAll() }
        c[key] = (revision, parts)
      }
    }
    return parts
  }

  func state(_ id: UUID, org: UUID, revision: Int) -> State? {
    states.withLockedValue { s in
      guard let hit = s[id], hit.revision == revision, hit.state.review.organisationID == org else {
        return nil
      }
      return hit.state
    }
  }

  func setState(_ id: UUID, revision: Int, _ state: State) {
    states.withLockedValue { s in
      if let old = s[id], old.revision > revision { return }
      if s.count >= capacity { s.removeAll() }
      s[id] = (revision, state)
    }
  }
  /// Enough for the reviews people have open; the whole cache is dropped when it fills.
  private let capacity = 128

  func cachedEntry(_ id: UUID) -> Entry? { entries.withLockedValue { $0[id] } }

  func entry(_ review: ReviewRecord, db: any Database) async throws -> Entry {
    let id = try review.requireID()
    if let hit = cachedEntry(id) { return hit }
    // The large columns are read only on a miss.
    guard
      let full = try await ReviewRecord.query(on: db).filter(\.$id == id).field(\.$id).field(\.$resultJSON)
        .field(\.$organisationID).field(\.$contractID).field(\.$documentID).first(),
      let doc = try await ContractDocument.query(on: db).filter(\.$id == review.documentID).field(\.$id)
        .field(\.$text).field(\.$organisationID).field(\.$contractID).first()
    else { throw Abort(.notFound, reason: "指定されたデータが見つかりません。") }
    let stored = try StoredReview.decode(full.resultJSON)
    let entry = Entry(
      stored: stored, textHTML: ReviewController.segments(doc.text, stored.findings).map(\.html).joined(),
      cardHeads: stored.findings.enumerated().map { Self.cardHead($0.offset, $0.element) })
    entries.withLockedValue {
      if $0.count >= capacity { $0.removeAll() }
      $0[id] = entry
    }
    return entry
  }

  static func cardHead(_ i: Int, _ f: StoredReview.Finding) -> String {
    let e = HTMLText.escape
    let sev = e(f.severity)
    var h = "<article class=\"card sev-\(sev)\" id=\"f\(i + 1)\">\n  <header>\n"
    h +=
      "    <span class=\"badge sev-\(sev)\">重要度 \(e(ReviewController.severityLabels[f.severity] ?? f.severity))</span>\n"
    h += "    <span class=\"badge\">\(e(ReviewController.statusLabels[f.status] ?? f.status))</span>\n"
    h += "    <span class=\"ref\">\(e(f.guideRefs.joined(separator: "・")))</span>\n  </header>\n"
    h += "  <h2>\(i + 1). \(e(f.title))</h2>\n"
    h += "  <p class=\"where\">\(e(f.article.map { "第\($0)条" } ?? "該当する条項がありません"))</p>\n"
    for ev in f.evidence { h += "  <blockquote>\(e(ev.text))</blockquote>\n" }
    h += "  <h3>なぜ問題か</h3><p>\(e(f.explanation))</p>\n"
    h += "  <h3>提案する文例</h3><pre class=\"suggestion\">\(e(f.suggestion.display))</pre>\n"
    h += "  <h3>この文言の意図</h3><p>\(e(f.intent))</p>\n"
    if let l = f.lesson {
      h += "  <details><summary>参考: \(e(l.title))</summary><p>\(e(l.text))</p></details>\n"
    }
    h += "  <p class=\"items\">関連する確認表の項目: "
    for r in f.checklist { h += "<span class=\"tag\">\(e(r.id)) \(e(r.title ?? ""))</span> " }
    h += "</p>\n"
    return h
  }

  /// A card's decision block: the current decision, the form (for editors) and the history.
  static func decisionBlock(
    _ i: Int, _ f: StoredReview.Finding, latest: Decision?, history: [Decision], csrf: String, canEdit: Bool,
    action: String
  ) -> String {
    let e = HTMLText.escape
    var h = "  <div class=\"decision\">\n"
    if let d = latest {
      h +=
        "    <p class=\"current\"><strong>判断: \(e(d.kind.label))</strong>（\(e(d.userName))、\(e(Format.dateTime(d.createdAt)))）</p>\n"
      if !d.wording.isEmpty { h += "    <pre class=\"suggestion\">\(e(d.wording))</pre>\n" }
      if !d.reason.isEmpty { h += "    <p>理由: \(e(d.reason))</p>\n" }
    } else {
      h += "    <p class=\"current\">判断: まだ記録されていません</p>\n"
    }
    if canEdit {
      h += "    <form method=\"post\" action=\"\(e(action))\" class=\"stack decision-form\">\n"
      h += "      <input type=\"hidden\" name=\"_csrf\" value=\"\(e(csrf))\">\n"
      h += "      <input type=\"hidden\" name=\"finding\" value=\"\(i + 1)\">\n"
      h += "      <label>判断<select name=\"kind\" class=\"decision-kind\">"
      for k in DecisionKind.allCases {
        h += "<option value=\"\(k.rawValue)\"\(latest?.kind == k ? " selected" : "")>\(e(k.label))</option>"
      }
      h += "</select></label>\n"
      h +=
        "      <label class=\"wording\">提案する文言（修正するとき）<textarea name=\"wording\" rows=\"4\">\(e(f.suggestion.text))</textarea></label>\n"
      if !f.evidence.isEmpty {
        h +=
          "      <label class=\"wording check\"><input type=\"checkbox\" name=\"replace\" value=\"true\"> 引用した条文をこの文言に置き換える（修正提案の契約書では削除と挿入の履歴になります）</label>\n"
      }
      h += "      <label>理由・メモ（「不要」のときは必須）<textarea name=\"reason\" rows=\"2\"></textarea></label>\n"
      h += "      <button type=\"submit\">判断を記録する</button>\n    </form>\n"
    }
    for d in history {
      h +=
        "    <p class=\"history\">以前の判断: \(e(d.kind.label))（\(e(d.userName))、\(e(Format.dateTime(d.createdAt)))）"
      if !d.reason.isEmpty { h += " 理由: \(e(d.reason))" }
      h += "</p>\n"
    }
    return h + "  </div>\n</article>\n"
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
