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
  struct ListContext: Encodable {
    var page: Page
    var vendors: [VendorRow]
    var action: String
  }
  struct EditContext: Encodable {
    var page: Page
    var vendor: VendorRow
    var action: String
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get("vendors", use: list)
    routes.post("vendors", use: create)
    routes.get("vendors", ":id", use: show)
    routes.post("vendors", ":id", use: update)
  }

  private func row(_ v: Vendor, contracts: Int) -> VendorRow {
    VendorRow(
      link: Paths.vendor(v.id!), name: v.name, contactName: v.contactName, contactEmail: v.contactEmail,
      contactPhone: v.contactPhone, notes: v.notes, contractCount: contracts)
  }

  func list(req: Request) async throws -> View {
    let actor = try req.actor
    let vendors = try await Vendor.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(\.$name)
      .all()
    // Counted in SQL: loading every contract as a model only to count them was the page's main cost.
    let sql = req.db as! any SQLDatabase
    let counted = try await sql.raw(
      "SELECT vendor_id, COUNT(*) AS n FROM contracts WHERE organisation_id = \(bind: actor.orgID) GROUP BY vendor_id"
    ).all()
    var counts: [UUID: Int] = [:]
    for row in counted {
      counts[try row.decode(column: "vendor_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
    }
    return try await req.render(
      "vendors",
      ListContext(
        page: req.page("事業者", nav: "vendors"),
        vendors: vendors.map { row($0, contracts: counts[$0.id!] ?? 0) },
        action: Paths.vendors))
  }

  private func input(_ form: VendorForm) -> Vendors.Input {
    Vendors.Input(
      name: form.name, contactName: form.contactName ?? "", contactEmail: form.contactEmail ?? "",
      contactPhone: form.contactPhone ?? "", notes: form.notes ?? "")
  }

  func create(req: Request) async throws -> Response {
    let v = try await Vendors.create(
      on: req.db, actor: try req.actor, input(try req.content.decode(VendorForm.self)))
    req.flash("事業者「\(v.name)」を登録しました。")
    return req.redirect(to: Paths.vendors)
  }

  func show(req: Request) async throws -> View {
    let v = try await req.owned(Vendor.self)
    let n = try await Contract.query(on: req.db).filter(\.$vendorID == v.id!).count()
    return try await req.render(
      "vendor",
      EditContext(
        page: req.page(v.name, nav: "vendors"), vendor: row(v, contracts: n), action: Paths.vendor(v.id!)))
  }

  func update(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let v = try await Vendors.update(
      on: req.db, actor: actor, vendor: try await req.owned(Vendor.self),
      input(try req.content.decode(VendorForm.self)))
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
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get("systems", use: list)
    routes.post("systems", use: create)
  }

  func list(req: Request) async throws -> View {
    let actor = try req.actor
    let systems = try await MedicalSystem.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(
      \.$name
    ).all()
    return try await req.render(
      "systems",
      ListContext(
        page: req.page("医療情報システム", nav: "systems"),
        systems: systems.map { SystemRow(name: $0.name, category: $0.category, notes: $0.notes) },
        categories: MedicalSystem.categories.map { Option(value: $0, label: $0, selected: false) },
        action: Paths.systems))
  }

  func create(req: Request) async throws -> Response {
    let form = try req.content.decode(SystemForm.self)
    let s = try await Systems.create(
      on: req.db, actor: try req.actor, .init(name: form.name, category: form.category, notes: form.notes))
    req.flash("システム「\(s.name)」を登録しました。")
    return req.redirect(to: Paths.systems)
  }
}
