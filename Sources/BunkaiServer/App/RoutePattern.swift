import Vapor

/// A route pattern of the app (`SiteRoute` for the web pages, `APIRoute` under `/api/v1`): the raw
/// value is the path, `:name` a parameter. Controllers register routes only from these cases, and
/// each route remembers its case (`Route.userInfo`) so a test can tell it from a route added with
/// a string.
protocol RoutePattern: RawRepresentable<String>, Hashable, Sendable {}

extension RoutePattern {
  /// The pattern as Vapor's router takes it.
  var components: [PathComponent] { rawValue.pathComponents }

  /// The names of the pattern's parameters, in order.
  var parameters: [String] {
    components.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
  }
}

/// Where a route registered from a `RoutePattern` keeps its case.
let routePatternKey = "bunkai.routePattern"

extension Route {
  /// The case this route was registered from, if it was.
  var pattern: (any RoutePattern)? { userInfo[routePatternKey] as? any RoutePattern }
}

extension RoutesBuilder {
  /// Registers a route from its pattern case (the only way the controllers add routes).
  @discardableResult
  func on<Response: AsyncResponseEncodable & VaporSendableMetatype>(
    _ method: HTTPMethod, _ route: some RoutePattern, body: HTTPBodyStreamStrategy = .collect,
    use closure: @Sendable @escaping (Request) async throws -> Response
  ) -> Route {
    tagged(on(method, route.components, body: body, use: closure), route)
  }

  /// The same for a handler that answers without leaving the event loop (the pages' fast path).
  @discardableResult
  func on<Response: ResponseEncodable & VaporSendableMetatype>(
    _ method: HTTPMethod, _ route: some RoutePattern, body: HTTPBodyStreamStrategy = .collect,
    use closure: @Sendable @escaping (Request) throws -> Response
  ) -> Route {
    tagged(on(method, route.components, body: body, use: closure), route)
  }

  @discardableResult
  func get<Response: AsyncResponseEncodable & VaporSendableMetatype>(
    _ route: some RoutePattern, use closure: @Sendable @escaping (Request) async throws -> Response
  ) -> Route {
    on(.GET, route, use: closure)
  }

  @discardableResult
  func get<Response: ResponseEncodable & VaporSendableMetatype>(
    _ route: some RoutePattern, use closure: @Sendable @escaping (Request) throws -> Response
  ) -> Route {
    on(.GET, route, use: closure)
  }

  @discardableResult
  func post<Response: AsyncResponseEncodable & VaporSendableMetatype>(
    _ route: some RoutePattern, use closure: @Sendable @escaping (Request) async throws -> Response
  ) -> Route {
    on(.POST, route, use: closure)
  }

  @discardableResult
  func put<Response: AsyncResponseEncodable & VaporSendableMetatype>(
    _ route: some RoutePattern, use closure: @Sendable @escaping (Request) async throws -> Response
  ) -> Route {
    on(.PUT, route, use: closure)
  }

  @discardableResult
  func patch<Response: AsyncResponseEncodable & VaporSendableMetatype>(
    _ route: some RoutePattern, use closure: @Sendable @escaping (Request) async throws -> Response
  ) -> Route {
    on(.PATCH, route, use: closure)
  }

  @discardableResult
  func delete<Response: AsyncResponseEncodable & VaporSendableMetatype>(
    _ route: some RoutePattern, use closure: @Sendable @escaping (Request) async throws -> Response
  ) -> Route {
    on(.DELETE, route, use: closure)
  }

  private func tagged(_ r: Route, _ route: some RoutePattern) -> Route {
    r.userInfo[routePatternKey] = route
    return r
  }
}
