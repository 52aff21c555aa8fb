import Foundation

/// The responsibility map (責任分界マップ): for every system of an organisation and every Part2 item
/// of the checklist, who holds the duty according to the Part2 answers of every contract in use that
/// covers the system, and what is wrong with it (a duty nobody holds, two vendors claiming it, a
/// contract that contradicts the answer, an agreement older than the contract's current text).
///
/// Pure: the server loads the input (docs/web.md「責任分界マップ」) and renders the result.
///
/// Rules (issue 10, section 1 and its API section):
/// - Contracts count while they are in use: 交渉中 (negotiating: the split is agreed while the
///   contract is negotiated, so a new vendor's claims show before signing) and 契約中 (active).
///   検討中 (draft) and 終了 (ended) contracts hold nothing; an ended contract that covered the
///   system is named in the next step of its gaps.
/// - A contract answers only the Part2 items of its kind's sections (導入: A and B, 保守: A and C,
///   SaaS and others: A, B and C), as its checklist does.
/// - `vendor` or `joint` makes the contract's vendor a holder, `joint` the institution too,
///   `institution` the institution. An answer counts as soon as 担当 is set; whether both sides
///   confirmed it shows in the evidence and decides staleness.
/// - No holder: `gap`, unless every counted answer is 対象外: `notApplicable`.
/// - Two different vendors holding the item, or one vendor holding it under two contracts with
///   different agreed content (compared without surrounding and repeated white space): `overlap`.
/// - A vendor holds it (vendor or joint) but that contract's latest review has a finding tied to
///   the item whose clause is missing (status `missing`) or says the opposite (an element
///   `contradicted`): `conflict`.
/// - A counted answer confirmed (the later of the two sides' confirmations) before the contract's
///   current document version was uploaded, or before a change that touched the item: `stale`.
/// - Precedence, when several apply: gap and notApplicable stand alone (they have no holder);
///   otherwise conflict, then overlap, then stale, then covered. Every one that applies becomes a
///   flag, so none is hidden by the cell's colour.
public enum ResponsibilityMap {
  // MARK: Input

  public enum Owner: String, Sendable, Codable, CaseIterable {
    case unset, institution, vendor, joint, notApplicable
  }

  /// A contract's place in its life; only `negotiating` and `active` count.
  public enum ContractStatus: String, Sendable, Codable {
    case draft, negotiating, active, ended
    public var inUse: Bool { self == .negotiating || self == .active }
  }

  public struct System: Sendable, Equatable {
    public var id: String
    public var name: String
    public init(id: String, name: String) {
      self.id = id
      self.name = name
    }
  }

  public struct Item: Sendable, Equatable {
    public var id: String
    /// "A", "B" or "C".
    public var section: String
    public var title: String
    public init(id: String, section: String, title: String) {
      self.id = id
      self.section = section
      self.title = title
    }
  }

  public struct Answer: Sendable, Equatable {
    public var owner: Owner
    public var agreed: String
    public var institutionConfirmedAt: Date?
    public var vendorConfirmedAt: Date?
    public init(
      owner: Owner, agreed: String = "", institutionConfirmedAt: Date? = nil, vendorConfirmedAt: Date? = nil
    ) {
      self.owner = owner
      self.agreed = agreed
      self.institutionConfirmedAt = institutionConfirmedAt
      self.vendorConfirmedAt = vendorConfirmedAt
    }
    /// Both sides confirmed the split.
    public var isAgreed: Bool { institutionConfirmedAt != nil && vendorConfirmedAt != nil }
    /// When the split was last confirmed by either side (nil: never).
    public var confirmedAt: Date? {
      [institutionConfirmedAt, vendorConfirmedAt].compactMap { $0 }.max()
    }
  }

  /// A finding of the contract's latest review, as stored (review JSON).
  public struct Finding: Sendable, Equatable {
    public var reviewId: String
    /// 1-based, as decisions number them.
    public var number: Int
    public var ruleId: String
    public var title: String
    public var severity: String
    /// `missing`, `insufficient` or `unclear`.
    public var status: String
    public var checklistItems: [String]
    /// Labels of the elements judged `contradicted`.
    public var contradicted: [String]
    public init(
      reviewId: String, number: Int, ruleId: String, title: String, severity: String, status: String,
      checklistItems: [String], contradicted: [String] = []
    ) {
      self.reviewId = reviewId
      self.number = number
      self.ruleId = ruleId
      self.title = title
      self.severity = severity
      self.status = status
      self.checklistItems = checklistItems
      self.contradicted = contradicted
    }
    /// The clause the item needs is missing, or the contract says the opposite.
    public var contradictsHolding: Bool { status == "missing" || !contradicted.isEmpty }
  }

  public struct Contract: Sendable {
    public var id: String
    public var title: String
    public var vendorId: String
    public var vendorName: String
    public var status: ContractStatus
    public var systemIds: [String]
    /// The Part2 sections its kind answers ("A", "B", "C").
    public var sections: Set<String>
    /// The current document version and when it was uploaded (nil: no document yet).
    public var documentVersion: Int?
    public var documentUploadedAt: Date?
    /// Part2 answers by item id.
    public var answers: [String: Answer]
    /// The findings of the latest review (any order).
    public var findings: [Finding]
    public init(
      id: String, title: String, vendorId: String, vendorName: String, status: ContractStatus,
      systemIds: [String], sections: Set<String>, documentVersion: Int? = nil,
      documentUploadedAt: Date? = nil,
      answers: [String: Answer] = [:], findings: [Finding] = []
    ) {
      self.id = id
      self.title = title
      self.vendorId = vendorId
      self.vendorName = vendorName
      self.status = status
      self.systemIds = systemIds
      self.sections = sections
      self.documentVersion = documentVersion
      self.documentUploadedAt = documentUploadedAt
      self.answers = answers
      self.findings = findings
    }
  }

  /// Something that happened to a contract after which the split of some items must be confirmed
  /// again (an approved change notice, say): answers of those items confirmed before `at` are stale.
  public struct Change: Sendable {
    public var contractId: String
    public var itemIds: [String]
    public var at: Date
    /// What it was, for the next step (「変更の通知（サーバー更改）」).
    public var label: String
    public init(contractId: String, itemIds: [String], at: Date, label: String) {
      self.contractId = contractId
      self.itemIds = itemIds
      self.at = at
      self.label = label
    }
  }

  public struct Input: Sendable {
    public var systems: [System]
    public var items: [Item]
    public var contracts: [Contract]
    public var changes: [Change]
    public init(systems: [System], items: [Item], contracts: [Contract], changes: [Change] = []) {
      self.systems = systems
      self.items = items
      self.contracts = contracts
      self.changes = changes
    }
  }

  // MARK: Output

  public enum State: String, Sendable, Codable, CaseIterable {
    case covered, gap, overlap, conflict, stale, notApplicable

    public var label: String {
      switch self {
      case .covered: "担当あり"
      case .gap: "責任空白"
      case .overlap: "重複"
      case .conflict: "矛盾"
      case .stale: "要再確認"
      case .notApplicable: "対象外"
      }
    }
    /// One character for the map, so the state reads without colour.
    public var mark: String {
      switch self {
      case .covered: "○"
      case .gap: "空"
      case .overlap: "重"
      case .conflict: "矛"
      case .stale: "再"
      case .notApplicable: "－"
      }
    }
  }

  public enum Side: String, Sendable, Codable { case institution, vendor }

  public struct Holder: Sendable, Equatable, Codable {
    public var side: Side
    /// nil for the institution.
    public var vendorId: String?
    public var contractId: String
  }

  /// What a cell was derived from: one contract's answer to the item, and the findings of its
  /// latest review tied to the item.
  public struct Evidence: Sendable, Equatable {
    public var contractId: String
    public var contractTitle: String
    public var vendorId: String
    public var vendorName: String
    public var itemId: String
    /// nil: the contract has no answer to the item yet.
    public var answer: Answer?
    public var documentVersion: Int?
    public var documentUploadedAt: Date?
    public var findings: [Finding]
  }

  public enum Severity: String, Sendable, Codable, Comparable {
    case high, medium, low
    var rank: Int {
      switch self {
      case .high: 0
      case .medium: 1
      case .low: 2
      }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    public var label: String {
      switch self {
      case .high: "高"
      case .medium: "中"
      case .low: "低"
      }
    }
  }

  /// One thing to do, in plain Japanese: what is wrong and the next step (which vendor to ask,
  /// which contract to open).
  public struct Flag: Sendable, Equatable {
    public var kind: State
    public var severity: Severity
    public var systemId: String
    /// nil: the flag is about the whole system (no contract in use covers it).
    public var itemId: String?
    /// The contracts to open, the first one the most useful.
    public var contractIds: [String]
    public var vendorIds: [String]
    /// The review to open, for a conflict.
    public var reviewId: String?
    public var message: String
    public var nextStep: String
  }

  public struct Cell: Sendable, Equatable {
    public var systemId: String
    public var itemId: String
    public var state: State
    /// Every state that applies, the cell's own first (conflict and stale, say).
    public var states: [State]
    public var holders: [Holder]
    public var evidence: [Evidence]
  }

  public struct Result: Sendable {
    public var systems: [System]
    public var items: [Item]
    /// Row by row: for each system (in the input's order) every item (in the input's order).
    public var cells: [Cell]
    /// Most severe first.
    public var flags: [Flag]

    public func count(_ state: State) -> Int { cells.reduce(0) { $0 + ($1.state == state ? 1 : 0) } }
  }

  /// Flags as a page lists them: the gaps of one system left open by the same contracts become one
  /// entry naming every item (an organisation that has just started has dozens per system); every
  /// other flag stays as it is. Order kept (the first flag of a group places it).
  public struct FlagGroup: Sendable, Equatable {
    public var kind: State
    public var severity: Severity
    public var systemId: String
    /// The items, in the map's order; empty for a flag about the whole system.
    public var itemIds: [String]
    public var contractIds: [String]
    public var vendorIds: [String]
    public var reviewId: String?
    public var message: String
    public var nextStep: String
  }

  public static func grouped(_ flags: [Flag], systems: [System], items: [Item]) -> [FlagGroup] {
    struct Key: Hashable {
      var severity: Severity
      var systemId: String
      var contractIds: [String]
    }
    var order: [Key] = []
    var gaps: [Key: [Flag]] = [:]
    var out: [(Int, FlagGroup)] = []
    for (n, f) in flags.enumerated() {
      guard f.kind == .gap, f.itemId != nil else {
        out.append((n, FlagGroup(f)))
        continue
      }
      let key = Key(severity: f.severity, systemId: f.systemId, contractIds: f.contractIds)
      if gaps[key] == nil {
        order.append(key)
        out.append((n, FlagGroup(f)))  // placeholder, replaced below
      }
      gaps[key, default: []].append(f)
    }
    let systemNames = Dictionary(systems.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let titles = Dictionary(items.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    var merged: [String: FlagGroup] = [:]
    for key in order {
      let group = gaps[key]!
      let first = group[0]
      guard group.count > 1 else {
        merged[first.systemId + "|" + (first.itemId ?? "")] = FlagGroup(first)
        continue
      }
      let ids = group.compactMap(\.itemId)
      let list = ids.map { "\($0)「\(titles[$0] ?? "")」" }.joined(separator: "、")
      let system = systemNames[key.systemId] ?? ""
      let message =
        key.severity == .high
        ? "\(system)の\(ids.count)項目は誰も担っていません（責任の空白）: \(list)。"
        : "\(system)の\(ids.count)項目は誰も担っていません。このシステムの利用中の契約に、これらの項目の区分を扱うものがありません: \(list)。"
      merged[first.systemId + "|" + (first.itemId ?? "")] = FlagGroup(
        kind: .gap, severity: key.severity, systemId: key.systemId, itemIds: ids,
        contractIds: key.contractIds,
        vendorIds: first.vendorIds, reviewId: nil, message: message,
        nextStep: first.nextStep.replacingOccurrences(of: "この項目", with: "これらの項目"))
    }
    return out.map { n, g in
      let f = flags[n]
      guard f.kind == .gap, let item = f.itemId else { return g }
      return merged[f.systemId + "|" + item] ?? g
    }
  }

  // MARK: Derivation

  public static func derive(_ input: Input) -> Result {
    let changesByContract = Dictionary(grouping: input.changes, by: \.contractId)
    var bySystem: [String: [Contract]] = [:]
    var endedBySystem: [String: [Contract]] = [:]
    for c in input.contracts {
      for s in c.systemIds {
        if c.status.inUse {
          bySystem[s, default: []].append(c)
        } else if c.status == .ended {
          endedBySystem[s, default: []].append(c)
        }
      }
    }
    var cells: [Cell] = []
    cells.reserveCapacity(input.systems.count * input.items.count)
    var flags: [Flag] = []
    for system in input.systems {
      let contracts = bySystem[system.id] ?? []
      if contracts.isEmpty {
        flags.append(noContractFlag(system, ended: endedBySystem[system.id] ?? []))
      }
      for item in input.items {
        let relevant = contracts.filter { $0.sections.contains(item.section) }
        let (cell, found) = derive(
          system: system, item: item, contracts: relevant, changes: changesByContract,
          anyContract: !contracts.isEmpty)
        cells.append(cell)
        flags += found
      }
    }
    let systemOrder = Dictionary(
      input.systems.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let itemOrder = Dictionary(input.items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let kindOrder: [State: Int] = [.gap: 0, .conflict: 1, .overlap: 2, .stale: 3]
    flags.sort {
      if $0.severity != $1.severity { return $0.severity < $1.severity }
      if $0.kind != $1.kind { return kindOrder[$0.kind, default: 9] < kindOrder[$1.kind, default: 9] }
      let s0 = systemOrder[$0.systemId] ?? 0
      let s1 = systemOrder[$1.systemId] ?? 0
      if s0 != s1 { return s0 < s1 }
      return ($0.itemId.flatMap { itemOrder[$0] } ?? -1) < ($1.itemId.flatMap { itemOrder[$0] } ?? -1)
    }
    return Result(systems: input.systems, items: input.items, cells: cells, flags: flags)
  }

  /// One cell and its flags. `anyContract` false: the system has no contract in use, which one
  /// flag for the whole system says instead of one per item.
  private static func derive(
    system: System, item: Item, contracts: [Contract], changes: [String: [Change]], anyContract: Bool
  ) -> (Cell, [Flag]) {
    var holders: [Holder] = []
    var evidence: [Evidence] = []
    var counted: [(Contract, Answer)] = []
    var vendorClaims: [(Contract, Answer)] = []
    for c in contracts {
      let answer = c.answers[item.id]
      let findings = c.findings.filter { $0.checklistItems.contains(item.id) }
      evidence.append(
        Evidence(
          contractId: c.id, contractTitle: c.title, vendorId: c.vendorId, vendorName: c.vendorName,
          itemId: item.id, answer: answer, documentVersion: c.documentVersion,
          documentUploadedAt: c.documentUploadedAt, findings: findings))
      guard let answer, answer.owner != .unset else { continue }
      counted.append((c, answer))
      switch answer.owner {
      case .vendor:
        holders.append(Holder(side: .vendor, vendorId: c.vendorId, contractId: c.id))
        vendorClaims.append((c, answer))
      case .joint:
        holders.append(Holder(side: .vendor, vendorId: c.vendorId, contractId: c.id))
        holders.append(Holder(side: .institution, vendorId: nil, contractId: c.id))
        vendorClaims.append((c, answer))
      case .institution:
        holders.append(Holder(side: .institution, vendorId: nil, contractId: c.id))
      case .notApplicable, .unset:
        break
      }
    }
    var found: [Flag] = []
    let state: State
    var states: [State] = []
    if holders.isEmpty {
      if !counted.isEmpty && counted.count == contracts.count {
        state = .notApplicable
        // Counted answers of a 対象外 cell can be stale too.
        found += staleFlags(system, item, counted, changes)
        states = found.isEmpty ? [.notApplicable] : [.notApplicable, .stale]
      } else {
        state = .gap
        states = [.gap]
        if anyContract { found.append(gapFlag(system, item, contracts)) }
      }
    } else {
      // Conflict: a vendor holds it, its contract's latest review says the clause is not there.
      for (c, _) in vendorClaims {
        let against = c.findings.filter { $0.checklistItems.contains(item.id) && $0.contradictsHolding }
        if let f = against.first {
          found.append(conflictFlag(system, item, c, f))
        }
      }
      if let overlap = overlapFlag(system, item, vendorClaims) { found.append(overlap) }
      found += staleFlags(system, item, counted, changes)
      for s in [State.conflict, .overlap, .stale] where found.contains(where: { $0.kind == s }) {
        states.append(s)
      }
      state = states.first ?? .covered
      if states.isEmpty { states = [.covered] }
    }
    return (
      Cell(
        systemId: system.id, itemId: item.id, state: state, states: states, holders: holders,
        evidence: evidence),
      found
    )
  }

  /// The same agreed content, whatever its spacing.
  static func normalised(_ s: String) -> String {
    s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  private static func overlapFlag(_ system: System, _ item: Item, _ claims: [(Contract, Answer)]) -> Flag? {
    guard claims.count > 1 else { return nil }
    let vendors = unique(claims.map(\.0.vendorId))
    let contents = Set(claims.map { normalised($0.1.agreed) })
    guard vendors.count > 1 || contents.count > 1 else { return nil }
    let names = claims.map { "\($0.0.vendorName)（契約「\($0.0.title)」）" }
    let message: String
    let next: String
    if vendors.count > 1 {
      message = "\(system.name)の「\(item.title)」（\(item.id)）を、\(names.joined(separator: "と"))の両方が担うことになっています。"
      next =
        "どの事業者が担うかを\(unique(claims.map(\.0.vendorName)).joined(separator: "・"))と話し合って決め、担わない側の契約の確認表で分担を見直してください。"
    } else {
      message =
        "\(system.name)の「\(item.title)」（\(item.id)）を\(claims[0].0.vendorName)が複数の契約で担っていますが、合意内容が契約ごとに違います（\(names.joined(separator: "、"))）。"
      next = "\(claims[0].0.vendorName)に、どちらの合意内容が正しいかを確かめ、もう一方の契約の確認表を合わせてください。"
    }
    return Flag(
      kind: .overlap, severity: .medium, systemId: system.id, itemId: item.id,
      contractIds: unique(claims.map(\.0.id)), vendorIds: vendors, reviewId: nil, message: message,
      nextStep: next)
  }

  private static func conflictFlag(_ system: System, _ item: Item, _ c: Contract, _ f: Finding) -> Flag {
    let what =
      f.status == "missing"
      ? "該当する条項がありません" : "反対の定めがあります（\(f.contradicted.joined(separator: "、"))）"
    return Flag(
      kind: .conflict, severity: .high, systemId: system.id, itemId: item.id, contractIds: [c.id],
      vendorIds: [c.vendorId], reviewId: f.reviewId,
      message:
        "確認表では\(c.vendorName)が\(system.name)の「\(item.title)」（\(item.id)）を担うとしていますが、契約「\(c.title)」の最新の照合では\(what)（指摘\(f.number)「\(f.title)」）。",
      nextStep: "照合結果の指摘\(f.number)を開き、文例をもとに条項の追加・修正を\(c.vendorName)に申し入れてください。条項が入るまでは、分担が契約で裏付けられていません。")
  }

  private static func staleFlags(
    _ system: System, _ item: Item, _ counted: [(Contract, Answer)], _ changes: [String: [Change]]
  ) -> [Flag] {
    var out: [Flag] = []
    for (c, a) in counted {
      guard let confirmed = a.confirmedAt else { continue }
      var reasons: [String] = []
      if let uploaded = c.documentUploadedAt, confirmed < uploaded {
        reasons.append("契約書の現行版（第\(c.documentVersion ?? 1)版、\(day(uploaded))登録）")
      }
      for change in changes[c.id] ?? [] where change.itemIds.contains(item.id) && confirmed < change.at {
        reasons.append("\(change.label)（\(day(change.at))）")
      }
      guard !reasons.isEmpty else { continue }
      out.append(
        Flag(
          kind: .stale, severity: .low, systemId: system.id, itemId: item.id, contractIds: [c.id],
          vendorIds: [c.vendorId], reviewId: nil,
          message:
            "\(system.name)の「\(item.title)」（\(item.id)）の分担は\(day(confirmed))に確認されたもので、\(reasons.joined(separator: "・"))より前です。",
          nextStep: "契約「\(c.title)」の確認表を開き、今の契約書で分担が変わらないかを\(c.vendorName)と確かめて、双方で確認し直してください。"))
    }
    return out
  }

  private static func gapFlag(_ system: System, _ item: Item, _ contracts: [Contract]) -> Flag {
    if contracts.isEmpty {
      let section = sectionName(item.section)
      return Flag(
        kind: .gap, severity: .medium, systemId: system.id, itemId: item.id, contractIds: [], vendorIds: [],
        reviewId: nil,
        message:
          "\(system.name)の「\(item.title)」（\(item.id)）は誰も担っていません。このシステムの利用中の契約に、\(section)の項目を扱うものがありません。",
        nextStep: "\(section)にあたる契約を登録してこのシステムに紐づけるか、既存の契約の種類が正しいかを見直してください。")
    }
    let open = contracts.filter { ($0.answers[item.id]?.owner ?? .unset) == .unset }
    let names = open.map { "\($0.vendorName)との契約「\($0.title)」" }
    return Flag(
      kind: .gap, severity: .high, systemId: system.id, itemId: item.id, contractIds: open.map(\.id),
      vendorIds: unique(open.map(\.vendorId)), reviewId: nil,
      message: "\(system.name)の「\(item.title)」（\(item.id)）は誰も担っていません（責任の空白）。",
      nextStep:
        "\(names.joined(separator: "、"))の確認表でこの項目の担当を決め、\(unique(open.map(\.vendorName)).joined(separator: "・"))と合意してください。"
    )
  }

  private static func noContractFlag(_ system: System, ended: [Contract]) -> Flag {
    let endedNote =
      ended.isEmpty ? "" : "（終了した契約: \(ended.map { "「\($0.title)」" }.joined(separator: "、"))）"
    return Flag(
      kind: .gap, severity: .high, systemId: system.id, itemId: nil, contractIds: ended.map(\.id),
      vendorIds: unique(ended.map(\.vendorId)), reviewId: nil,
      message: "\(system.name)を対象とする利用中の契約がありません\(endedNote)。確認表 Part2 のどの項目も誰も担っていません。",
      nextStep: "このシステムを保守・提供している事業者との契約を登録し、契約の画面でこのシステムを選んでください。使っていないシステムなら、一覧から外してください。"
    )
  }

  static func sectionName(_ section: String) -> String {
    switch section {
    case "A": "A（共通）"
    case "B": "B（システム導入契約）"
    case "C": "C（システム保守・運用契約）"
    default: section
    }
  }

  private static func unique(_ xs: [String]) -> [String] {
    var seen = Set<String>()
    return xs.filter { seen.insert($0).inserted }
  }

  private static func day(_ d: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
    let c = calendar.dateComponents([.year, .month, .day], from: d)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
  }
}

extension ResponsibilityMap.FlagGroup {
  init(_ f: ResponsibilityMap.Flag) {
    self.init(
      kind: f.kind, severity: f.severity, systemId: f.systemId, itemIds: f.itemId.map { [$0] } ?? [],
      contractIds: f.contractIds, vendorIds: f.vendorIds, reviewId: f.reviewId, message: f.message,
      nextStep: f.nextStep)
  }
}
