import Fluent
import Foundation

/// An API request sent with an `Idempotency-Key`: the answer is kept so that the client's retry
/// gets the same answer instead of doing the work twice. `status` is nil while the first request
/// is still being answered.
final class IdempotencyRecord: Model, @unchecked Sendable {
  static let schema = "idempotency_keys"
  @ID(key: .id) var id: UUID?
  @Field(key: "user_id") var userID: UUID
  @Field(key: "key") var key: String
  /// SHA-256 of method, path and body: the same key with another request is refused.
  @Field(key: "request_hash") var requestHash: String
  @OptionalField(key: "status") var status: Int?
  @OptionalField(key: "content_type") var contentType: String?
  @OptionalField(key: "body") var body: Data?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  init() {}
  init(userID: UUID, key: String, requestHash: String) {
    self.userID = userID
    self.key = key
    self.requestHash = requestHash
  }
}
