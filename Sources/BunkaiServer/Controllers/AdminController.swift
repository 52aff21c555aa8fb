import BunkaiCore
import BunkaiFormats
import Fluent
import Vapor

/// Catalogue import (upload, preview, import as a new version), the audit log, and users.
struct AdminController {
  struct VersionRow: Encodable {
    var version: Int
    var label: String
    var items: Int
    var at: String
  }
  struct PreviewItem: Encodable {
    var id: String
    var title: String
    var content: String
  }
  struct CatalogContext: Encodable {
    var page: Page
    var versions: [VersionRow]
    var previewAction: String
    var importAction: String
    var preview: [PreviewItem]?
    var yaml: String
    var label: String
    var filename: String
  }
  struct UserRow: Encodable {
    var name: String
    var email: String
    var role: String
    var roles: [Option]
    var action: String
    /// 無効 when disabled; the forms to disable and to set a temporary password.
    var disabled: Bool
    var isSelf: Bool
    var disableAction: String
    var passwordAction: String
  }
  struct UsersContext: Encodable {
    var page: Page
    var users: [UserRow]
    var roles: [Option]
    var action: String
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.catalog, use: catalog)
    routes.on(.POST, SiteRoute.catalogPreview, body: .collect(maxSize: "10mb"), use: preview)
    routes.post(SiteRoute.catalogImport, use: importCatalog)
    routes.get(SiteRoute.audit, use: audit)
    routes.get(SiteRoute.users, use: users)
    routes.post(SiteRoute.users, use: createUser)
    routes.post(SiteRoute.userRole, use: changeRole)
    routes.post(SiteRoute.userDisable, use: disableUser)
    routes.post(SiteRoute.userPassword, use: resetPassword)
  }

  private func versions(_ req: Request, org: UUID) async throws -> [VersionRow] {
    try await CatalogVersion.query(on: req.db).filter(\.$organisationID == org).sort(\.$version, .descending)
      .all().map {
        VersionRow(
          version: $0.version, label: $0.label, items: $0.itemCount, at: Format.dateTime($0.createdAt))
      }
  }

  func catalog(req: Request) async throws -> View {
    let actor = try req.actor
    return try await req.render(
      "catalog",
      CatalogContext(
        page: req.page("確認表カタログ", nav: "catalog"), versions: versions(req, org: actor.orgID),
        previewAction: Paths.catalogPreview, importAction: Paths.catalogImport, preview: nil, yaml: "",
        label: "",
        filename: ""))
  }

  struct PreviewForm: Content {
    var file: File
    var label: String?
  }

  func preview(req: Request) async throws -> View {
    let actor = try req.actor
    try actor.requireEditor()
    let decoded = Result { try req.content.decode(PreviewForm.self) }
    if case .failure(let e as CheckedFormDataDecoder.Refused) = decoded { throw e }
    guard let form = try? decoded.get(), form.file.data.readableBytes > 0 else {
      throw Abort(.unprocessableEntity, reason: "取り込むファイル（CSV、TSV、XLSX）を選んでください。")
    }
    let name = (form.file.filename as NSString).lastPathComponent
    let catalog: ChecklistCatalog
    do {
      catalog = try CatalogImporter.importData(
        Data(buffer: form.file.data), path: name, id: "imported", version: "preview")
    } catch let e as CatalogImportError {
      throw Abort(.unprocessableEntity, reason: e.description)
    }
    let yaml = try CatalogLoader.yaml(catalog)
    return try await req.render(
      "catalog",
      CatalogContext(
        page: req.page("確認表カタログ: 取り込みの確認", nav: "catalog"), versions: versions(req, org: actor.orgID),
        previewAction: Paths.catalogPreview, importAction: Paths.catalogImport,
        preview: catalog.items.map {
          PreviewItem(id: $0.id, title: $0.displayTitle, content: $0.content ?? "")
        },
        yaml: yaml, label: form.label?.isEmpty == false ? form.label! : name, filename: name))
  }

  struct ImportForm: Content {
    var yaml: String
    var label: String
  }

  func importCatalog(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireEditor()
    let form = try req.content.decode(ImportForm.self)
    let catalog: ChecklistCatalog
    do {
      catalog = try CatalogLoader.load(yaml: form.yaml, file: "取り込むカタログ")
    } catch {
      throw Abort(.unprocessableEntity, reason: "カタログを読み取れません: \(error)")
    }
    let version = try await Writes.organisation(
      req.db, org: actor.orgID, lock: actor.orgID, restartable: true
    ) { db in
      let last = try await CatalogVersion.query(on: db).filter(\.$organisationID == actor.orgID)
        .sort(\.$version, .descending).first()
      let v = CatalogVersion()
      v.organisationID = actor.orgID
      v.version = (last?.version ?? 0) + 1
      v.label = String(form.label.prefix(200))
      v.yaml = form.yaml
      v.itemCount = catalog.items.count
      v.createdBy = actor.id
      try await v.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "取り込み", entity: "確認表カタログ", id: v.id,
        after: ["version": String(v.version), "label": v.label, "items": String(v.itemCount)])
      return v
    }
    req.flash("カタログ 第\(version.version)版（\(catalog.items.count) 項目）を取り込みました。これまでの回答は項番ごとにそのまま引き継がれます。")
    return req.redirect(to: Paths.catalog)
  }

  func audit(req: Request) async throws -> View {
    let actor = try req.actor
    guard actor.role.canReadAudit else { throw Abort(.forbidden, reason: "変更履歴は管理者と経営層が閲覧できます。") }
    let number = (try? req.query.get(Int.self, at: "page")) ?? 1
    let context = try await AuditPage.load(
      req.db, org: actor.orgID, number: number, page: req.page("変更履歴", nav: "audit"))
    return try await req.render("audit", context)
  }

  func users(req: Request) async throws -> View {
    let actor = try req.actor
    try actor.requireAdmin()
    let users = try await User.query(on: req.db).filter(\.$organisationID == actor.orgID).sort(\.$email).all()
    return try await req.render(
      "users",
      UsersContext(
        page: req.page("利用者", nav: "users"),
        users: users.map { user in
          UserRow(
            name: user.name, email: user.email, role: user.role.label,
            roles: Role.institution.map {
              Option(value: $0.rawValue, label: $0.label, selected: $0 == user.role)
            },
            action: Paths.userRole(user.id!), disabled: user.disabledAt != nil, isSelf: user.id == actor.id,
            disableAction: Paths.userDisable(user.id!), passwordAction: Paths.userPassword(user.id!))
        },
        roles: Role.institution.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == .staff) },
        action: Paths.users))
  }

  struct NewUserForm: Content {
    var name: String
    var email: String
    var role: String
    var password: String
  }

  func createUser(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireAdmin()
    let form = try req.content.decode(NewUserForm.self)
    guard let role = Role(rawValue: form.role), Role.institution.contains(role) else {
      throw Abort(.unprocessableEntity, reason: "権限を選んでください。")
    }
    guard let org = try await Organisation.find(actor.orgID, on: req.db) else { throw Abort(.notFound) }
    do {
      _ = try await Accounts.createUser(
        on: req.db, hasher: req.password.async, orgName: org.name, organisationID: org.id, email: form.email,
        name: form.name,
        role: role,
        password: form.password)
    } catch let e as Accounts.Problem {
      throw Abort(.unprocessableEntity, reason: e.description)
    }
    req.flash("利用者 \(form.email) を登録しました。")
    return req.redirect(to: Paths.users)
  }

  struct RoleForm: Content {
    var role: String
  }

  func changeRole(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireAdmin()
    let user = try await req.owned(User.self)
    guard let role = Role(rawValue: try req.content.decode(RoleForm.self).role),
      Role.institution.contains(role)
    else {
      throw Abort(.unprocessableEntity, reason: "権限を選んでください。")
    }
    // Vendor accounts come from invitations; their role is not the institution's to change.
    guard user.role != .vendor else {
      throw Abort(.unprocessableEntity, reason: "事業者のアカウントの権限は変更できません。")
    }
    if user.id == actor.id && role != .admin {
      throw Abort(.unprocessableEntity, reason: "自分自身の管理者権限は外せません（別の管理者に依頼してください）。")
    }
    let before = user.role
    user.role = role
    try await Writes.organisation(req.db, org: actor.orgID) { db in
      try await user.save(on: db)
      try await AuditLog.record(
        on: db, org: actor.orgID, user: actor.user, action: "権限変更", entity: "利用者 \(user.email)", id: user.id,
        before: ["role": before.rawValue], after: ["role": role.rawValue])
    }
    req.flash("\(user.email) の権限を「\(role.label)」にしました。")
    return req.redirect(to: Paths.users)
  }

  /// Deactivates a user of the organisation: logins, sessions and tokens stop at once.
  func disableUser(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireAdmin()
    let user = try await req.owned(User.self)
    guard user.id != actor.id else {
      throw Abort(.unprocessableEntity, reason: "自分自身は無効にできません（別の管理者に依頼してください）。")
    }
    try await Accounts.disable(on: req.db, user: user, by: actor.user)
    req.flash("\(user.email) を無効にしました。ログイン中のセッションと API トークンも使えなくなりました。")
    return req.redirect(to: Paths.users)
  }

  struct PasswordForm: Content {
    var password: String
  }

  /// Sets a temporary password for a user of the organisation and ends the user's sessions.
  func resetPassword(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.requireAdmin()
    let user = try await req.owned(User.self)
    let form = try req.content.decode(PasswordForm.self)
    do {
      try await Accounts.setPassword(
        on: req.db, hasher: req.password.async, user: user, password: form.password, by: actor.user)
    } catch let e as Accounts.Problem {
      throw Abort(.unprocessableEntity, reason: "\(user.email): \(e.description)")
    }
    if user.id == actor.id { try await req.signIn(actor.user) }
    req.flash("\(user.email) に一時パスワードを設定しました。ログイン後に変更するよう伝えてください。")
    return req.redirect(to: Paths.users)
  }
}
