import Vapor

/// The pages' translation of a service's refusal: an HTTP status and the message, which the error
/// page (or a form's inline error) shows.
extension DomainError: AbortError {
  var status: HTTPResponseStatus {
    switch kind {
    case .invalid: .unprocessableEntity
    case .notFound: .notFound
    case .conflict: .conflict
    case .forbidden: .forbidden
    }
  }
  var reason: String { message }
}
