import Vapor

/// Input that cannot be saved: one message per form field, in words a person understands (no
/// field names). Pages show each message next to its field with the input kept; the API answers
/// 422 with the messages.
struct InvalidInput: AbortError, Sendable {
  /// The form field's name and its message, in the form's order.
  var problems: [(field: String, message: String)] = []

  var status: HTTPResponseStatus { .unprocessableEntity }
  var reason: String { problems.map(\.message).joined(separator: " ") }
  var isEmpty: Bool { problems.isEmpty }

  /// The messages by field name, for the templates.
  var byField: [String: String] {
    Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
  }

  mutating func add(_ field: String, _ message: String) { problems.append((field, message)) }

  /// What `body` returns, or nil with its refusal (a `DomainError` naming a field) kept as a
  /// problem, so that every value of an input is checked before any is reported.
  mutating func collect<T>(_ body: () throws -> T) throws -> T? {
    do {
      return try body()
    } catch let e as DomainError where e.kind == .invalid {
      add(e.field ?? "", e.message)
      return nil
    }
  }

  /// The same problems under other field names (a form's names for the API's).
  func renamed(_ names: [String: String]) -> InvalidInput {
    InvalidInput(problems: problems.map { (field: names[$0.field] ?? $0.field, message: $0.message) })
  }

  /// Throws when any problem was found.
  func check() throws { if !isEmpty { throw self } }
}
