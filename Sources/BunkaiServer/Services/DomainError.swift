import Foundation

/// What a service reports when it refuses an input or cannot find what it was asked for: a
/// message for people (Japanese) and, for a bad value, the input field it is about. Services throw
/// it; the web pages and the JSON API each translate it (`DomainError+Web`, `API/APIErrors`).
struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
  enum Kind: Sendable, Equatable {
    /// A value is missing or not allowed (the field says which).
    case invalid
    /// The thing named does not exist, or is not the caller's to see.
    case notFound
    /// The request clashes with the record's state (the exchange's turn, an agreed item).
    case conflict
    /// The caller's role does not allow it.
    case forbidden
  }

  var kind: Kind
  var message: String
  /// The input field, as the API names it (`name`, `category`, `answers[P2-C-4].owner`).
  var field: String?

  var description: String { message }

  static func invalid(_ field: String?, _ message: String) -> DomainError {
    DomainError(kind: .invalid, message: message, field: field)
  }
  static func notFound(_ message: String = "指定されたデータが見つかりません。", field: String? = nil) -> DomainError {
    DomainError(kind: .notFound, message: message, field: field)
  }
  static func conflict(_ message: String) -> DomainError { DomainError(kind: .conflict, message: message) }
  static func forbidden(_ message: String) -> DomainError { DomainError(kind: .forbidden, message: message) }

  /// A text input: trimmed, and within `max` characters.
  static func text(_ raw: String?, field: String, label: String, required: Bool = false, max: Int = 1_000)
    throws -> String
  {
    let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if required && value.isEmpty { throw invalid(field, "\(label)を入力してください。") }
    guard value.count <= max else { throw invalid(field, "\(label)は\(max)文字以内にしてください。") }
    return value
  }
}
