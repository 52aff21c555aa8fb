import BunkaiCore
import Vapor

/// The review engine and the built-in catalogue, loaded once per app.
package struct Engine: Sendable {
  let reviewer: Reviewer
  let playbook: Playbook
  let builtinCatalog: ChecklistCatalog

  static func builtin() throws -> Engine {
    let playbook = try PlaybookLoader.builtin()
    let catalog = try CatalogLoader.builtin()
    return Engine(
      reviewer: Reviewer(playbook: playbook, catalog: catalog), playbook: playbook, builtinCatalog: catalog)
  }
}

struct EngineKey: StorageKey {
  typealias Value = Engine
}

struct SettingsKey: StorageKey {
  typealias Value = ServerSettings
}

extension Application {
  package var engine: Engine {
    get { storage[EngineKey.self]! }
    set { storage[EngineKey.self] = newValue }
  }
  var settings: ServerSettings {
    get { storage[SettingsKey.self]! }
    set { storage[SettingsKey.self] = newValue }
  }
}

extension Request {
  var engine: Engine { application.engine }
  var settings: ServerSettings { application.settings }
}
