import Fluent
import SQLKit
import Vapor

/// Vendors (事業者) and systems (医療情報システム): simple lists with a form each.
struct VendorController {
  struct VendorForm: Content {
    var name: String
    var contactName: String?
    var contactEmail: String?
    var contactPhone: String?
    var notes: String?
  }
  struct VendorRow: Encodable {
    var link: String
    var name: String
    var contactName: String
    var contactEmail: String
    var contactPhone: String
    var notes: String
    var contractCount: Int
  }
  /// The add form's values and messages by field, kept when it could not be saved.
  struct FormState: Encodable {
    var name = ""
    var contactName = ""
    var contactEmail = ""
    var contactPhone = ""
    var notes = ""
    var errors: [String: String] = [:]

    init() {}
    init(_ form: VendorForm, _ problems: InvalidInput) {
      name = form.name
      contactName = form.contactName ?? ""
      contactEmail = form.contactEmail ?? ""
      contactPhone = form.contactPhone ?? ""
      notes = form.notes ?? ""
      errors = problems.byField
    }
  }
  struct ListContext: Encodable {
    var page: Page
    var vendors: [VendorRow]
    var action: String
    var form: FormState
  }
  struct ContractLine: Encodable {
    var title: String
    var link: String
    var kind: String
    var status: String
    var endDate: String
    var exchangeLink: String
  }
  struct EditContext: Encodable {
    var page: Page
    var vendor: VendorRow
    var action: String
    var contracts: [ContractLine]
    var errors: [String: String]
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.vendors, use: list)
    routes.post(SiteRoute.vendors, use: create)
    routes.get(SiteRoute.vendor, use: show)
    routes.post(SiteRoute.vendor, use: update)
  }

  private func row(_ v: Vendor, contracts: Int) -> VendorRow {
    VendorRow(
      link: Paths.vendor(v.id!), name: v.name, contactName: v.contactName, contactEmail: v.contactEmail,
      contactPhone: v.contactPhone, notes: v.notes, contractCount: contracts)
  }

  func list(req: Request) async throws -> View {
    try await req.render("vendors", try await listContext(req, form: FormState()))
  }

  private func listContext(_ req: Request, form: FormState) async throws -> ListContext {
    let actor = try req.actor
    let vendors = try await Vendors.list(on: req.db, org: actor.orgID)
    // Counted in SQL: loading every contract as a model only to count them was the page's main cost.
    let counts = try await Vendors.contractCounts(on: req.db, org: actor.orgID)
    return ListContext(
      page: try await req.page(
        "事業者", nav: "vendors", error: form.errors.isEmpty ? nil : ContractController.fixBelow),
      vendors: vendors.map { row($0, contracts: counts[$0.id!] ?? 0) },
      action: Paths.vendors, form: form)
  }

  /// The form as the service's input: every field is sent, an empty one clears the value.
  private func input(_ form: VendorForm) -> Vendors.Input {
    Vendors.Input(
      name: form.name, contactName: form.contactName ?? "", contactEmail: form.contactEmail ?? "",
      contactPhone: form.contactPhone ?? "", notes: form.notes ?? "")
  }

  /// The service's problems under the form's field names.
  private func formProblems(_ problems: InvalidInput) -> InvalidInput {
    problems.renamed([
      "contact.name": "contactName", "contact.email": "contactEmail", "contact.phone": "contactPhone",
    ])
  }

  func create(req: Request) async throws -> Response {
    try req.actor.requireEditor()
    let form = try req.content.decode(VendorForm.self)
    let v: Vendor
    do {
      // The same service and checks as POST /api/v1/vendors.
      v = try await Vendors.create(on: req.db, actor: try req.actor, input(form))
    } catch let problems as InvalidInput {
      return try await req.render(
        "vendors", try await listContext(req, form: FormState(form, formProblems(problems)))
      ).encodeResponse(status: .unprocessableEntity, for: req)
    }
    req.flash("事業者「\(v.name)」を登録しました。")
    return req.redirect(to: Paths.vendors)
  }

  func show(req: Request) async throws -> View {
    try await req.render("vendor", try await editContext(req, try await req.owned(Vendor.self)))
  }

  /// The vendor's page: its details and every contract with it.
  private func editContext(_ req: Request, _ v: Vendor, problems: InvalidInput = .init()) async throws
    -> EditContext
  {
    let contracts = try await Contract.query(on: req.db).filter(\.$organisationID == v.organisationID)
      .filter(\.$vendorID == v.id!).sort(\.$title).all()
    return EditContext(
      page: try await req.page(
        v.name, nav: "vendors", error: problems.isEmpty ? nil : ContractController.fixBelow),
      vendor: row(v, contracts: contracts.count), action: Paths.vendor(v.id!),
      contracts: contracts.map {
        ContractLine(
          title: $0.title, link: Paths.contract($0.id!), kind: $0.kind.label, status: $0.status.label,
          endDate: $0.endDate ?? "", exchangeLink: Paths.exchange($0.id!))
      }, errors: problems.byField)
  }

  func update(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let v = try await req.owned(Vendor.self)
    let form = try req.content.decode(VendorForm.self)
    do {
      _ = try await Vendors.update(on: req.db, actor: actor, vendor: v, input(form))
    } catch let problems as InvalidInput {
      // The form shows what was typed; the stored vendor is unchanged.
      var context = try await editContext(req, v, problems: formProblems(problems))
      context.vendor.name = form.name
      context.vendor.contactName = form.contactName ?? ""
      context.vendor.contactEmail = form.contactEmail ?? ""
      context.vendor.contactPhone = form.contactPhone ?? ""
      context.vendor.notes = form.notes ?? ""
      return try await req.render("vendor", context).encodeResponse(status: .unprocessableEntity, for: req)
    }
    req.flash("事業者「\(v.name)」を更新しました。")
    return req.redirect(to: Paths.vendor(v.id!))
  }
}

struct SystemController {
  struct SystemForm: Content {
    var name: String
    var category: String
    var notes: String?
  }
  struct SystemRow: Encodable {
    var name: String
    var category: String
    var notes: String
  }
  struct ListContext: Encodable {
    var page: Page
    var systems: [SystemRow]
    var categories: [Option]
    var action: String
    /// What was typed when it could not be saved, and the messages by field.
    var name: String
    var notes: String
    var errors: [String: String]
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.systems, use: list)
    routes.post(SiteRoute.systems, use: create)
  }

  func list(req: Request) async throws -> View {
    try await req.render("systems", try await listContext(req))
  }

  private func listContext(_ req: Request, form: SystemForm? = nil, problems: InvalidInput = .init())
    async throws -> ListContext
  {
    let actor = try req.actor
    let systems = try await MedicalSystem.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(
      \.$name
    ).all()
    return ListContext(
      page: try await req.page(
        "医療情報システム", nav: "systems", error: problems.isEmpty ? nil : ContractController.fixBelow),
      systems: systems.map { SystemRow(name: $0.name, category: $0.category, notes: $0.notes) },
      categories: MedicalSystem.categories.map {
        Option(value: $0, label: $0, selected: $0 == form?.category)
      },
      action: Paths.systems, name: form?.name ?? "", notes: form?.notes ?? "", errors: problems.byField)
  }

  func create(req: Request) async throws -> Response {
    let form = try req.content.decode(SystemForm.self)
    let s: MedicalSystem
    do {
      // The same service as POST /api/v1/systems; its refusal is shown beside the field.
      s = try await Systems.create(
        on: req.db, actor: try req.actor, .init(name: form.name, category: form.category, notes: form.notes))
    } catch let e as DomainError where e.kind == .invalid {
      var problems = InvalidInput()
      problems.add(e.field ?? "name", e.message)
      return try await req.render("systems", try await listContext(req, form: form, problems: problems))
        .encodeResponse(status: .unprocessableEntity, for: req)
    }
    req.flash("システム「\(s.name)」を登録しました。")
    return req.redirect(to: Paths.systems)
  }
}
