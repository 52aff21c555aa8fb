import Fluent
import Vapor

/// Someone working on one contract: the institution's user of its organisation, or a vendor user
/// invited to it. Anything else answers 404, as another organisation's ids do.
struct Participant: Sendable {
  let user: User
  let contract: Contract
  var side: Side { user.role.side }
  /// Executives read and confirm nothing here: they sign off reviews.
  var canWrite: Bool { user.role == .vendor || user.role.canEdit }

  func requireWriter() throws {
    guard canWrite else { throw Abort(.forbidden, reason: "経営層のアカウントは閲覧のみできます。") }
  }
}

extension Request {
  func participant(_ param: String = "id") async throws -> Participant {
    guard let id = parameters.get(param, as: UUID.self) else {
      throw Abort(.notFound, reason: "指定されたデータが見つかりません。")
    }
    return try await participant(contractID: id)
  }

  func participant(contractID id: UUID) async throws -> Participant {
    let user = try auth.require(User.self)
    guard let contract = try await Contract.find(id, on: db), contract.organisationID == user.organisationID,
      try await Self.mayOpen(user, contract, db)
    else { throw Abort(.notFound, reason: "指定されたデータが見つかりません。") }
    return Participant(user: user, contract: contract)
  }

  static func mayOpen(_ user: User, _ contract: Contract, _ db: any Database) async throws -> Bool {
    guard user.role == .vendor else { return true }
    guard contract.vendorID == user.vendorID else { return false }
    return try await ContractAccess.query(on: db).filter(\.$contractID == contract.id!)
      .filter(\.$userID == user.id!).first() != nil
  }

  /// The contracts a vendor user was invited to.
  func sharedContracts(_ user: User) async throws -> [Contract] {
    let ids = try await ContractAccess.query(on: db).filter(\.$userID == user.id!).all().map(\.contractID)
    guard !ids.isEmpty else { return [] }
    return try await Contract.query(on: db).filter(\.$id ~~ ids).filter(
      \.$organisationID == user.organisationID
    )
    .filter(\.$vendorID == user.vendorID ?? UUID()).sort(\.$title).all()
  }
}
