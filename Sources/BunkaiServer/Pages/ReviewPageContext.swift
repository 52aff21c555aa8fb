import BunkaiCore
import BunkaiFormats
import Foundation

/// The typed context of the review page and its print view (templates review.leaf,
/// review-print.leaf and their shared partial finding-card.leaf). Built from the read model and
/// the stored review; no HTML here.
struct ReviewPageContext: Encodable {
  struct DecisionView: Encodable {
    var kind: String
    var label: String
    var wording: String
    var reason: String
    var by: String
    var at: String
    /// 「第1版の照合結果から引き継いだ判断です」, or "".
    var carriedNote: String = ""
    var carriedLink: String = ""
  }
  /// One run of a changed article's text: "equal", "deleted" or "inserted".
  struct DiffPiece: Encodable {
    var kind: String
    var text: String
  }
  struct ArticleChangeView: Encodable {
    /// 「第4条（再委託）」, or "" for a removed article.
    var label: String
    var previousLabel: String
    /// The previous label when the number changed, else "".
    var movedFrom: String
    var change: String
    var changeLabel: String
    var headingNote: String
    var pieces: [DiffPiece]
  }
  struct FindingRefView: Encodable {
    var ruleId: String
    var title: String
    var link: String
  }
  struct ComparisonView: Encodable {
    var previousLink = ""
    var previousVersion = 0
    /// The previous review is of the same version: this review is a periodic re-check's.
    var sameVersion = false
    var added = 0
    var removed = 0
    var changed = 0
    var unchanged = 0
    var renumbered = 0
    /// Added, removed and changed articles, and unchanged ones that only moved.
    var articles: [ArticleChangeView] = []
    var appeared: [FindingRefView] = []
    var resolved: [FindingRefView] = []
    var carried: [FindingRefView] = []
    var redecide: [FindingRefView] = []
  }
  struct Quote: Encodable {
    var text: String
    /// The marked place in the contract text ("#mark-f3"), empty when the text is not shown.
    var link: String
  }
  struct ChecklistRef: Encodable {
    var id: String
    var label: String
    var note: String
  }
  struct DecisionForm: Encodable {
    var action: String
    var kinds: [Option]
    /// The saved edited wording when there is one, else the library's wording.
    var wording: String
    var replaceOffered: Bool
    var replaceChecked: Bool
  }
  /// Where a finding stands with the executive's risk acceptance ("not needed" on high).
  struct RiskView: Encodable {
    /// missing | waiting | accepted | expired
    var state: String
    var label: String
    /// Where staff ask for one (empty when not offered).
    var requestLink: String
    var history: [String]
  }
  struct OpenView: Encodable {
    var number: Int
    var link: String
    var title: String
    var severityLabel: String
    var stateLabel: String
  }
  struct Card: Encodable {
    var number: Int
    var anchor: String
    var severity: String
    var severityLabel: String
    var status: String
    var concerns: [String]
    var title: String
    var place: String
    var quotes: [Quote]
    var explanation: [Glossary.Piece]
    var instruction: String
    var replaces: String
    var suggestion: String
    var intent: [Glossary.Piece]
    var lessonTitle: String
    var lessonText: String
    var checklist: [ChecklistRef]
    var hasDecision: Bool
    var decision: DecisionView
    var history: [DecisionView]
    var hasForm: Bool
    var form: DecisionForm?
    var hasRisk: Bool
    var risk: RiskView
  }
  struct IndexEntry: Encodable {
    var number: Int
    var link: String
    var title: String
    var severity: String
    var severityLabel: String
    var concerns: String
    var state: String
  }
  struct SummaryRow: Encodable {
    var label: String
    var link: String
    var total: Int
    var high: Int
    var medium: Int
    var low: Int
    var waiting: Int
  }
  struct Summary: Encodable {
    var total: Int
    var high: Int
    var medium: Int
    var low: Int
    /// Decided: proposed (as is or edited) or not needed.
    var decided: Int
    /// 後で決める.
    var later: Int
    var undecided: Int
    var rows: [SummaryRow]
  }
  struct Filter: Encodable {
    var concerns: [Option]
    var severities: [Option]
    var states: [Option]
    var active: Bool
    var action: String
  }
  struct Segment: Encodable {
    var text: String
    var mark: Bool
    var id: String
    var link: String
  }

  var page: Page
  var contractTitle: String
  var contractLink: String
  var checklistLink: String
  var printLink: String
  var redlineLink: String
  var memoDocxLink: String
  var memoMarkdownLink: String
  var glossaryLink = Paths.glossary
  var filename: String
  var version: Int
  var uploadedAt: String
  var playbook: String
  var disclaimer: String
  var documentTitle: String
  var parties: [String]
  var summary: Summary
  var filter: Filter
  var index: [IndexEntry]
  var cards: [Card]
  var shownCount: Int
  var terms: [Glossary.Term]
  var hasTerms = false
  var segments: [Segment]
  var signedOff: String
  /// The sign-off was given on this version and a newer version replaced it.
  var signOffStale = false
  var supersededLink = ""
  var hasComparison = false
  var comparison = ComparisonView()
  var signOffAction: String
  var canSignOff: Bool
  /// What is still open, listed beside the sign-off (the executive confirms it first).
  var openFindings: [OpenView]
  var hasOpen: Bool
  var printMode: Bool
}

extension ReviewPageContext {
  /// The filters a request asks for (GET parameters, so they work without JavaScript).
  struct Query: Decodable {
    var concern: String?
    var severity: String?
    var state: String?
  }

  static let states: [(String, String)] = [
    ("waiting", "判断待ち（未判断・後で決める）"), ("undecided", "未判断"), ("later", "後で決める"), ("decided", "判断済み"),
  ]

  /// "decided", "later" or "undecided" for a finding's latest decision.
  static func decisionState(_ d: Decision?) -> String {
    guard let d else { return "undecided" }
    return d.kind == .later ? "later" : "decided"
  }

  static func matches(_ q: Query, _ f: ReviewJSON.FindingDTO, state: String) -> Bool {
    if let c = q.concern, !c.isEmpty, !f.guideRefs.contains(c) { return false }
    if let s = q.severity, !s.isEmpty, f.severity != s { return false }
    if let w = q.state, !w.isEmpty {
      if w == "waiting" { return state != "decided" }
      return state == w
    }
    return true
  }

  static func view(_ d: Decision) -> DecisionView {
    DecisionView(
      kind: d.kind.rawValue, label: d.kind.label, wording: d.wording, reason: d.reason, by: d.userName,
      at: Format.dateTime(d.createdAt),
      carriedNote: d.carriedFrom == nil ? "" : "前の版の照合結果から引き継いだ判断です",
      carriedLink: d.carriedFrom.map(Paths.review) ?? "")
  }

  /// The version diff section: what changed since the previous version's review.
  static func comparisonView(
    _ c: Carryover.Stored, stored: ReviewJSON, state: ReviewPages.State, latest: [Int: Decision]
  ) -> ComparisonView {
    func label(_ number: String?, _ heading: String?) -> String {
      guard let number else { return "" }
      return "第\(number)条" + (heading.map { "（\($0)）" } ?? "")
    }
    func findingRef(_ i: Int) -> FindingRefView {
      let f = stored.findings[i]
      return FindingRefView(ruleId: f.ruleId, title: f.title, link: "#f\(i + 1)")
    }
    var v = ComparisonView()
    v.previousLink = Paths.review(c.previousReviewId)
    v.previousVersion = state.previousVersion ?? 0
    v.sameVersion = state.previousVersion == state.version
    for r in c.rows {
      switch r.change {
      case .added: v.added += 1
      case .removed: v.removed += 1
      case .changed: v.changed += 1
      case .unchanged: v.unchanged += 1
      }
      let moved = r.number != r.previousNumber
      if r.change == .unchanged && moved { v.renumbered += 1 }
      guard r.change != .unchanged || moved else { continue }
      let changeLabel =
        switch r.change {
        case .added: "追加"
        case .removed: "削除"
        case .changed: moved ? "変更（番号も変わりました）" : "変更"
        case .unchanged: "番号のみ変更"
        }
      v.articles.append(
        ArticleChangeView(
          label: label(r.number, r.heading), previousLabel: label(r.previousNumber, r.previousHeading),
          movedFrom: moved && r.number != nil && r.previousNumber != nil
            ? label(r.previousNumber, r.previousHeading) : "",
          change: r.change.rawValue, changeLabel: changeLabel,
          headingNote: r.headingChanged
            ? "見出しが「\(r.previousHeading ?? "なし")」から「\(r.heading ?? "なし")」に変わりました。" : "",
          pieces: r.change == .unchanged
            ? [] : r.segments.map { DiffPiece(kind: $0.kind.rawValue, text: $0.text) }))
    }
    let appeared = Set(c.findingsAppeared)
    v.appeared = stored.findings.indices.filter { appeared.contains(stored.findings[$0].ruleId) }.map(
      findingRef)
    v.resolved = zip(c.findingsResolved, c.resolvedTitles).map {
      FindingRefView(ruleId: $0.0, title: $0.1, link: "")
    }
    v.carried = c.persisting.map(\.finding).filter { latest[$0]?.carriedFrom != nil }.map(findingRef)
    v.redecide = c.changedFindings.filter { $0 < stored.findings.count }.map(findingRef)
    return v
  }

  static func build(
    page: Page, id: UUID, state: ReviewPages.State, entry: ReviewPages.Entry, catalog: ChecklistCatalog,
    query: Query, canSignOff: Bool, print: Bool, today: String
  ) -> ReviewPageContext {
    let stored = entry.stored
    let latest = Decisions.latest(state.decisions)
    let coverage = RiskAcceptances.coverage(
      stored, decisions: state.decisions, acceptances: state.acceptances, today: today)
    let open = RiskAcceptances.openFindings(
      stored, decisions: state.decisions, acceptances: state.acceptances, today: today)
    let history = Dictionary(grouping: state.decisions, by: \.findingIndex)
    let q = print ? Query() : query
    // A finding whose quotes lie under an earlier finding's marks has no mark of its own.
    let marks = Set(entry.segments.map(\.id))
    var cards: [Card] = []
    var index: [IndexEntry] = []
    for (i, f) in stored.findings.enumerated() {
      let d = latest[i]
      let st = decisionState(d)
      guard matches(q, f, state: st) else { continue }
      let anchor = "f\(i + 1)"
      let concerns = f.guideRefs.map(Concerns.name)
      index.append(
        IndexEntry(
          number: i + 1, link: "#" + anchor, title: f.title, severity: f.severity,
          severityLabel: Concerns.severityName(f.severity), concerns: concerns.joined(separator: "・"),
          state: d.map { "判断: " + $0.kind.label } ?? "未判断"))
      var form: DecisionForm?
      if page.canEdit && !print {
        let edited = d?.kind == .proposeEdited && !(d?.wording.isEmpty ?? true)
        form = DecisionForm(
          action: Paths.decisions(id),
          kinds: DecisionKind.allCases.map {
            Option(value: $0.rawValue, label: $0.label, selected: d?.kind == $0)
          },
          wording: edited ? d!.wording : f.suggestion.text, replaceOffered: !f.evidence.isEmpty,
          replaceChecked: edited && (d?.replacesQuote ?? false))
      }
      cards.append(
        Card(
          number: i + 1, anchor: anchor, severity: f.severity,
          severityLabel: Concerns.severityName(f.severity),
          status: Concerns.statusName(f.status), concerns: concerns, title: f.title,
          place: place(f, stored),
          quotes: f.evidence.map {
            Quote(text: $0.text, link: !print && marks.contains("mark-\(anchor)") ? "#mark-\(anchor)" : "")
          },
          explanation: Glossary.pieces(f.explanation), instruction: f.suggestion.instruction,
          replaces: f.suggestion.replaces ?? "", suggestion: f.suggestion.text,
          intent: Glossary.pieces(f.intent),
          lessonTitle: f.lesson?.title ?? "", lessonText: f.lesson?.text ?? "",
          checklist: f.checklistItems.map { ref($0, catalog) }, hasDecision: d != nil,
          decision: d.map(view) ?? DecisionView(kind: "", label: "", wording: "", reason: "", by: "", at: ""),
          history: (history[i] ?? []).reversed().dropFirst().map(view), hasForm: form != nil, form: form,
          hasRisk: coverage[i].map { $0 != .notRequired } ?? false,
          risk: riskView(
            coverage[i] ?? .notRequired, acceptances: state.acceptances[i] ?? [], today: today,
            requestLink: page.canEdit && !print ? Paths.newRiskAcceptance(review: id, finding: i + 1) : "")))
    }
    let terms = Glossary.used(in: stored.findings.flatMap { [$0.explanation, $0.intent] })
    return ReviewPageContext(
      page: page, contractTitle: state.contractTitle,
      contractLink: Paths.contract(state.contractID), checklistLink: Paths.checklist(state.contractID),
      printLink: Paths.reviewPrint(id), redlineLink: Paths.redline(id),
      memoDocxLink: Paths.memo(id, .docx), memoMarkdownLink: Paths.memo(id, .md),
      filename: state.filename, version: state.version, uploadedAt: Format.dateTime(state.uploadedAt),
      playbook: "\(stored.playbook.id)（版 \(stored.playbook.version)）", disclaimer: stored.disclaimer,
      documentTitle: stored.document.title ?? "（表題なし）",
      parties: stored.document.parties.map {
        "\($0.label)＝\($0.name ?? "（名称不明）")（\($0.role == "institution" ? "医療機関側" : $0.role == "vendor" ? "事業者側" : "役割不明")）"
      },
      summary: summary(stored, latest: latest, id: id),
      filter: filter(stored, q, id: id), index: index, cards: cards, shownCount: cards.count,
      terms: terms,
      hasTerms: !terms.isEmpty, segments: print ? [] : entry.segments, signedOff: state.signedOff ?? "",
      signOffStale: state.signedOff != nil && state.supersededBy != nil,
      supersededLink: state.supersededBy.map(Paths.review) ?? "", hasComparison: entry.comparison != nil,
      comparison: entry.comparison.map { comparisonView($0, stored: stored, state: state, latest: latest) }
        ?? ComparisonView(),
      signOffAction: Paths.signOff(id),
      canSignOff: canSignOff,
      openFindings: open.map {
        OpenView(
          number: $0.finding, link: Paths.review(id) + "#f\($0.finding)", title: $0.title,
          severityLabel: Concerns.severityName($0.severity), stateLabel: $0.stateLabel)
      }, hasOpen: !open.isEmpty, printMode: print)
  }

  static func riskView(
    _ c: RiskCoverage, acceptances: [RiskAcceptance], today: String, requestLink: String
  ) -> RiskView {
    let history = acceptances.sorted { $0.requestedAt > $1.requestedAt }.map { a in
      let status = a.status(today: today)
      let signer = a.signedByName.map { "、署名 \($0)" } ?? ""
      return "\(status.label): \(a.expiresOn) まで（申請 \(a.requestedByName)\(signer)）"
    }
    switch c {
    case .notRequired:
      return RiskView(state: "", label: "", requestLink: "", history: history)
    case .missing:
      return RiskView(
        state: "missing", label: "リスク受容が必要です: 重要度「高」を「不要」とするには、経営層の署名したリスク受容が要ります。それまでこの指摘は未対応として数えます。",
        requestLink: requestLink, history: history)
    case .waiting:
      return RiskView(
        state: "waiting", label: "リスク受容の署名待ち: 経営層が署名するまで、この指摘は未対応として数えます。", requestLink: "",
        history: history)
    case .accepted(let until):
      return RiskView(
        state: "accepted", label: "経営層がリスクを受容しています（\(until) まで）。期限が来たら改めて署名が必要です。", requestLink: "",
        history: history)
    case .expired(let on):
      return RiskView(
        state: "expired", label: "リスク受容の期限が切れました（\(on) まで）: 延長するには新しい受容を申請し、経営層の署名を受けてください。",
        requestLink: requestLink, history: history)
    }
  }

  /// 「第9条（損害賠償）」, or why there is no place.
  static func place(_ f: ReviewJSON.FindingDTO, _ stored: ReviewJSON) -> String {
    guard let a = f.article else {
      return f.status == "unclear" ? "条項を特定できません" : "該当する条項がありません"
    }
    let heading = stored.document.articles.first { $0.number == a }?.heading.map { "（\($0)）" } ?? ""
    return "第\(a)条" + heading
  }

  static func ref(_ id: String, _ catalog: ChecklistCatalog) -> ChecklistRef {
    guard let item = catalog.item(id) else { return ChecklistRef(id: id, label: id, note: "") }
    return ChecklistRef(
      id: id, label: ChecklistDisplay.label(item), note: ChecklistDisplay.note(item) ?? "")
  }

  static func summary(_ stored: ReviewJSON, latest: [Int: Decision], id: UUID) -> Summary {
    let f = stored.findings
    var rows: [SummaryRow] = []
    let present = Set(f.flatMap(\.guideRefs))
    for code in Concerns.order.filter(present.contains) + present.subtracting(Concerns.order).sorted() {
      let mine = f.indices.filter { f[$0].guideRefs.contains(code) }
      rows.append(
        SummaryRow(
          label: Concerns.name(code),
          link: Paths.review(id) + "?concern="
            + (code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
          total: mine.count, high: mine.filter { f[$0].severity == "high" }.count,
          medium: mine.filter { f[$0].severity == "medium" }.count,
          low: mine.filter { f[$0].severity == "low" }.count,
          waiting: mine.filter { decisionState(latest[$0]) != "decided" }.count))
    }
    let states = f.indices.map { decisionState(latest[$0]) }
    return Summary(
      total: f.count, high: f.filter { $0.severity == "high" }.count,
      medium: f.filter { $0.severity == "medium" }.count, low: f.filter { $0.severity == "low" }.count,
      decided: states.filter { $0 == "decided" }.count, later: states.filter { $0 == "later" }.count,
      undecided: states.filter { $0 == "undecided" }.count, rows: rows)
  }

  static func filter(_ stored: ReviewJSON, _ q: Query, id: UUID) -> Filter {
    let present = Set(stored.findings.flatMap(\.guideRefs))
    let codes = Concerns.order.filter(present.contains) + present.subtracting(Concerns.order).sorted()
    let all = Option(value: "", label: "すべて", selected: false)
    return Filter(
      concerns: [all] + codes.map { Option(value: $0, label: Concerns.name($0), selected: q.concern == $0) },
      severities: [all]
        + ["high", "medium", "low"].map {
          Option(value: $0, label: "重要度 " + Concerns.severityName($0), selected: q.severity == $0)
        },
      states: [all] + states.map { Option(value: $0.0, label: $0.1, selected: q.state == $0.0) },
      active: [q.concern, q.severity, q.state].contains { !($0 ?? "").isEmpty }, action: Paths.review(id))
  }
}
