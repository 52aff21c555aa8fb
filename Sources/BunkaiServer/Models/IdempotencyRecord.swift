import Fluent
import Foundation

/// An API request sent with an `Idempotency-Key`: the answer is kept so that the client's retry
/// gets the same answer instead of doing the work twice. `status` is nil while the first request
/// is still being answered.
package final class IdempotencyRecord: Model, @unchecked Sendable {
  package static let schema = "idempotency_keys"
  @ID(key: .id) package var id: UUID?
  @Field(key: "user_id") package var userID: UUID
  @Field(key: "key") package var key: String
  /// SHA-256 of method, path and body: the same key with another request is refused.
  @Field(key: "request_hash") package var requestHash: String
  @OptionalField(key: "status") package var status: Int?
  @OptionalField(key: "content_type") package var contentType: String?
  @OptionalField(key: "body") package var body: Data?
  @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

  package init() {}
  package init(userID: UUID, key: String, requestHash: String) {
    self.userID = userID
    self.key = key
    self.requestHash = requestHash
  }
}
