import Fluent
import Vapor

/// `/api/v1/vendors` and `/api/v1/systems`: the institution's vendors (事業者) and medical
/// information systems (医療情報システム), through the services the pages use.
struct APIVendorsController {
  struct ContactDTO: Content {
    var name: String?
    var email: String?
    var phone: String?
  }
  struct VendorDTO: Content {
    var id: UUID
    var name: String
    var contact: ContactDTO
    var notes: String
    var contractCount: Int
    var createdAt: Date?
  }
  struct VendorInput: Content {
    var name: String?
    var contact: ContactDTO?
    var notes: String?

    var service: Vendors.Input {
      .init(
        name: name, contactName: contact?.name, contactEmail: contact?.email, contactPhone: contact?.phone,
        notes: notes)
    }
  }
  struct SystemDTO: Content {
    var id: UUID
    var name: String
    var category: String
    var notes: String
    var createdAt: Date?
  }
  struct SystemInput: Content {
    var name: String?
    var category: String?
    var notes: String?
  }

  func register(_ api: any RoutesBuilder) {
    api.get(APIRoute.vendors, use: list)
    api.post(APIRoute.vendors, use: create)
    api.get(APIRoute.vendor, use: get)
    api.put(APIRoute.vendor, use: update)
    api.get(APIRoute.systems, use: listSystems)
    api.post(APIRoute.systems, use: createSystem)
    api.get(APIRoute.systemCategories, use: categories)
  }

  static func dto(_ v: Vendor, contracts: Int) -> VendorDTO {
    VendorDTO(
      id: v.id!, name: v.name,
      contact: ContactDTO(name: v.contactName, email: v.contactEmail, phone: v.contactPhone), notes: v.notes,
      contractCount: contracts, createdAt: v.createdAt)
  }

  static func dto(_ s: MedicalSystem) -> SystemDTO {
    SystemDTO(id: s.id!, name: s.name, category: s.category, notes: s.notes, createdAt: s.createdAt)
  }

  func list(req: Request) async throws -> [VendorDTO] {
    let actor = try req.actor
    let counts = try await Vendors.contractCounts(on: req.db, org: actor.orgID)
    return try await Vendors.list(on: req.db, org: actor.orgID).map {
      Self.dto($0, contracts: counts[$0.id!] ?? 0)
    }
  }

  func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let input = try req.content.decode(VendorInput.self)
    let v = try await Vendors.create(on: req.db, actor: actor, input.service)
    return try await Self.dto(v, contracts: 0).encodeResponse(status: .created, for: req)
  }

  func get(req: Request) async throws -> VendorDTO {
    let actor = try req.actor
    let v = try await req.owned(Vendor.self)
    let counts = try await Vendors.contractCounts(on: req.db, org: actor.orgID)
    return Self.dto(v, contracts: counts[v.id!] ?? 0)
  }

  /// Changes the fields sent; a field left out keeps its value.
  func update(req: Request) async throws -> VendorDTO {
    let actor = try req.actor
    try actor.requireEditor()
    let v = try await req.owned(Vendor.self)
    let input = try req.content.decode(VendorInput.self)
    let saved = try await Vendors.update(on: req.db, actor: actor, vendor: v, input.service)
    let counts = try await Vendors.contractCounts(on: req.db, org: actor.orgID)
    return Self.dto(saved, contracts: counts[saved.id!] ?? 0)
  }

  func listSystems(req: Request) async throws -> [SystemDTO] {
    let actor = try req.actor
    return try await Systems.list(on: req.db, org: actor.orgID).map(Self.dto)
  }

  func createSystem(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let input = try req.content.decode(SystemInput.self)
    let s = try await Systems.create(
      on: req.db, actor: actor, .init(name: input.name, category: input.category, notes: input.notes))
    return try await Self.dto(s).encodeResponse(status: .created, for: req)
  }

  /// The categories a system may have, as the web form offers them.
  func categories(req: Request) async throws -> [String] {
    _ = try req.actor
    return Systems.categories
  }
}
