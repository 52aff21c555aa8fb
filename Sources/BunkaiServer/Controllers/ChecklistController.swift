import BunkaiCore
import BunkaiFormats
import Fluent
import Vapor

/// Part1 of the organisation and Part2 of each contract, in the official form's columns plus the
/// split of duties; CSV export and a printable view.
struct ChecklistController {
  struct Row: Encodable {
    var id: String
    var number: String
    var section: String
    var title: String
    var titleIsSummary: Bool
    var titleUnknown: Bool
    var hint: String
    /// Why the title shown is not the official wording (see ChecklistDisplay), or empty.
    var titleNote: String
    /// What Bunkai knows of an item whose official text is not imported (Part1 item 1: the
    /// documents to check the vendor with), its terms explained; empty otherwise.
    var known: [Glossary.Piece]
    var content: String
    var initials: [Option]
    var initialLabel: String
    var completedOn: String
    var owners: [Option]
    var ownerLabel: String
    var agreed: String
    var notes: String
    var articles: String
    var articlesSuggested: Bool
    var needsCompletion: Bool
    /// Part2, for staff: where to ask the executive to accept the risk of leaving this item open.
    var riskLink = ""
  }
  struct Context: Encodable {
    var page: Page
    var heading: String
    var part: Int
    var contractTitle: String?
    var contractLink: String?
    var vendor: String?
    var kind: String?
    var firstMeetingOn: String
    var rows: [Row]
    var action: String
    var csvLink: String
    var printLink: String
    var catalogLabel: String
    var answered: Int
    var yesCount: Int
    var noWithoutDate: Int
    var printMode: Bool
    var importNotice = ImportNotice(show: false, back: "")
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.checklist, use: { try await part2(req: $0, print: false) })
    routes.get(SiteRoute.checklistPrint, use: { try await part2(req: $0, print: true) })
    routes.post(SiteRoute.checklist, use: savePart2)
    routes.get(SiteRoute.checklistCSV, use: part2CSV)
    routes.get(SiteRoute.part1, use: { try await part1(req: $0, print: false) })
    routes.get(SiteRoute.part1Print, use: { try await part1(req: $0, print: true) })
    routes.post(SiteRoute.part1, use: savePart1)
    routes.get(SiteRoute.part1CSV, use: part1CSV)
  }

  static func rows(
    _ items: [ChecklistItem], answers: [String: ChecklistAnswer], coverage: [String: [String]]
  ) -> [Row] {
    items.map { item in
      let a = answers[item.id]
      let initial = a?.initial ?? .unanswered
      let owner = a?.owner ?? .unset
      let saved = a?.articles ?? ""
      let suggested = saved.isEmpty ? (coverage[item.id] ?? []).joined(separator: ",") : ""
      return Row(
        id: item.id, number: item.number, section: item.section ?? "", title: item.displayTitle,
        titleIsSummary: item.titleIsSummary, titleUnknown: item.title == nil, hint: item.hint ?? "",
        titleNote: ChecklistDisplay.note(item) ?? "",
        known: item.content == nil && item.title != nil ? Glossary.pieces(item.hint ?? "") : [],
        content: item.content ?? "", initials: InitialAnswer.options(initial, label: \.label),
        initialLabel: initial.label,
        completedOn: a?.completedOn ?? "", owners: Owner.options(owner, label: \.label),
        ownerLabel: owner.label,
        agreed: a?.agreed ?? "", notes: a?.notes ?? "", articles: saved.isEmpty ? suggested : saved,
        articlesSuggested: saved.isEmpty && !suggested.isEmpty,
        needsCompletion: initial == .no && (a?.completedOn ?? "").isEmpty)
    }
  }

  /// Everything Part2 of one contract needs.
  static func part2Data(_ req: Request, contract: Contract) async throws -> (
    [ChecklistItem], [String: ChecklistAnswer], [String: [String]], String
  ) {
    let (catalog, version) = try await Checklists.catalog(
      req.db, engine: req.engine, org: contract.organisationID)
    let items = Checklists.items(catalog, contract: contract)
    let answers = try await Checklists.answers(req.db, org: contract.organisationID, contractID: contract.id)
    var stored: StoredReview?
    if let rid = contract.latestReviewID, let r = try await ReviewRecord.find(rid, on: req.db) {
      stored = try StoredReview.decode(r.resultJSON)
    }
    return (
      items, answers, Checklists.coverage(stored, playbook: req.engine.playbook), Checklists.label(version)
    )
  }

  func part2(req: Request, print: Bool) async throws -> View {
    let c = try await req.owned(Contract.self)
    let (items, answers, coverage, label) = try await Self.part2Data(req, contract: c)
    let vendor = try await Vendor.find(c.vendorID, on: req.db)
    var rows = Self.rows(items, answers: answers, coverage: coverage)
    if try !print && req.actor.role.canEdit {
      for i in rows.indices { rows[i].riskLink = Paths.newRiskAcceptance(contract: c.id!, item: rows[i].id) }
    }
    var context = Self.context(
      page: try await req.page("確認表 Part2: \(c.title)", nav: "contracts"),
      heading: "確認表 Part2【医療機関と事業者が共同で実施する項目】",
      part: 2,
      rows: rows, contract: c, vendor: vendor?.name, firstMeeting: c.firstMeetingOn, label: label,
      action: Paths.checklist(c.id!), csv: Paths.checklistCSV(c.id!),
      printLink: Paths.checklistPrint(c.id!),
      print: print)
    if !print { context.importNotice = ImportNotice.make(req, items: items, back: Paths.checklist(c.id!)) }
    return try await req.render(print ? "checklist-print" : "checklist", context)
  }

  func part1(req: Request, print: Bool) async throws -> View {
    let actor = try req.actor
    let (catalog, version) = try await Checklists.catalog(req.db, engine: req.engine, org: actor.orgID)
    let answers = try await Checklists.answers(req.db, org: actor.orgID, contractID: nil)
    let org = try await Organisation.find(actor.orgID, on: req.db)
    let items = Checklists.items(catalog, contract: nil)
    var context = Self.context(
      page: try await req.page("確認表 Part1", nav: "part1"), heading: "確認表 Part1【主に医療機関が実施する項目】", part: 1,
      rows: Self.rows(items, answers: answers, coverage: [:]),
      contract: nil,
      vendor: nil, firstMeeting: org?.part1CheckedOn, label: Checklists.label(version), action: Paths.part1,
      csv: Paths.part1CSV,
      printLink: Paths.part1Print, print: print)
    // Part1 holds only one item here: the notice counts the whole catalogue.
    if !print { context.importNotice = ImportNotice.make(req, items: catalog.items, back: Paths.part1) }
    return try await req.render(print ? "checklist-print" : "checklist", context)
  }

  static func context(
    page: Page, heading: String, part: Int, rows: [Row], contract: Contract?, vendor: String?,
    firstMeeting: String?,
    label: String, action: String, csv: String, printLink: String, print: Bool
  ) -> Context {
    Context(
      page: page, heading: heading, part: part, contractTitle: contract?.title,
      contractLink: contract.map { Paths.contract($0.id!) },
      vendor: vendor, kind: contract?.kind.label, firstMeetingOn: firstMeeting ?? "", rows: rows,
      action: action,
      csvLink: csv, printLink: printLink, catalogLabel: label,
      answered: rows.filter { $0.initialLabel != InitialAnswer.unanswered.label }.count,
      yesCount: rows.filter { $0.initialLabel == InitialAnswer.yes.label }.count,
      noWithoutDate: rows.filter(\.needsCompletion).count, printMode: print)
  }

  struct Form: Content {
    var firstMeetingOn: String?
    var answers: [String: Checklists.AnswerInput]?
  }

  private func save(_ req: Request, contract: Contract?) async throws -> Int {
    let actor = try req.actor
    try actor.requireEditor()
    let form = try req.content.decode(Form.self)
    let meeting = try Contracts.date(form.firstMeetingOn, field: "初回確認の日")
    return try await Checklists.save(
      on: req.db, engine: req.engine, actor: actor, contract: contract, updateMeeting: true, meeting: meeting,
      inputs: form.answers ?? [:])
  }

  func savePart2(req: Request) async throws -> Response {
    let c = try await req.owned(Contract.self)
    let n = try await save(req, contract: c)
    req.flash("確認表を保存しました（\(n) 項目を更新）。")
    return req.redirect(to: Paths.checklist(c.id!))
  }

  func savePart1(req: Request) async throws -> Response {
    let n = try await save(req, contract: nil)
    req.flash("確認表 Part1 を保存しました（\(n) 項目を更新）。")
    return req.redirect(to: Paths.part1)
  }

  private func csvResponse(_ body: String, name: String) -> Response {
    let r = Response(status: .ok, body: .init(string: body))
    r.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
    r.headers.replaceOrAdd(
      name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
    return r
  }

  func part2CSV(req: Request) async throws -> Response {
    let c = try await req.owned(Contract.self)
    let (items, answers, _, _) = try await Self.part2Data(req, contract: c)
    return csvResponse(
      Checklists.csv(items: items, answers: answers, firstMeeting: c.firstMeetingOn),
      name: "checklist-part2.csv")
  }

  func part1CSV(req: Request) async throws -> Response {
    let actor = try req.actor
    let (catalog, _) = try await Checklists.catalog(req.db, engine: req.engine, org: actor.orgID)
    let answers = try await Checklists.answers(req.db, org: actor.orgID, contractID: nil)
    let org = try await Organisation.find(actor.orgID, on: req.db)
    return csvResponse(
      Checklists.csv(
        items: Checklists.items(catalog, contract: nil), answers: answers, firstMeeting: org?.part1CheckedOn),
      name: "checklist-part1.csv")
  }
}
