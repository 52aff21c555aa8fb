import BunkaiCore
import Foundation
import SQLKit

/// What the review page and its print view read from the database, by plain SQL into Decodable
/// rows: the review with its contract's title, its document's name, the signer, and the
/// decisions. The stored review itself (ReviewJSON) and the document's text are read once per
/// review and kept by `ReviewPages` (they never change).
enum ReviewReadModel {
  struct ReviewRow: Decodable {
    var contractID: UUID
    var documentID: UUID
    var playbook: String
    var signedOffBy: UUID?
    var signedOffAt: Date?
    var contractTitle: String
    var filename: String
    var version: Int
    var uploadedAt: Date?
    var signerName: String?
    var signerRole: String?
    var previousReviewID: UUID?
    var previousVersion: Int?
    var nextReviewID: UUID?
    var latestReviewID: UUID?

    enum CodingKeys: String, CodingKey {
      case contractID = "contract_id", documentID = "document_id", playbook
      case signedOffBy = "signed_off_by", signedOffAt = "signed_off_at", contractTitle = "title", filename,
        version
      case uploadedAt = "created_at", signerName = "signer_name", signerRole = "signer_role"
      case previousReviewID = "previous_review_id", previousVersion = "previous_version"
      case nextReviewID = "next_review_id", latestReviewID = "latest_review_id"
    }
  }

  struct DecisionRow: Decodable {
    var findingIndex: Int
    var ruleID: String
    var kind: String
    var wording: String
    var reason: String
    var userID: UUID
    var userName: String
    var createdAt: Date?
    var replacesQuote: Bool?
    var carriedFrom: UUID?

    enum CodingKeys: String, CodingKey {
      case findingIndex = "finding_index", ruleID = "rule_id", kind, wording, reason, userID = "user_id"
      case userName = "user_name", createdAt = "created_at", replacesQuote = "replaces_quote"
      case carriedFrom = "carried_from"
    }
  }

  /// The review of an organisation, or nil when there is none by that id.
  static func review(_ sql: any SQLDatabase, id: UUID, org: UUID) async throws -> ReviewRow? {
    try await sql.raw(
      """
      SELECT r.contract_id, r.document_id, r.playbook, r.signed_off_by, r.signed_off_at, c.title,
        d.filename, d.version, d.created_at, u.name AS signer_name, u.role AS signer_role,
        r.previous_review_id, c.latest_review_id,
        (SELECT pd.version FROM reviews p JOIN documents pd ON pd.id = p.document_id
          WHERE p.id = r.previous_review_id) AS previous_version,
        (SELECT n.id FROM reviews n WHERE n.previous_review_id = r.id LIMIT 1) AS next_review_id
      FROM reviews r JOIN contracts c ON c.id = r.contract_id JOIN documents d ON d.id = r.document_id
        LEFT JOIN users u ON u.id = r.signed_off_by
      WHERE r.id = \(bind: id) AND r.organisation_id = \(bind: org)
      """
    ).first(decoding: ReviewRow.self)
  }

  /// A review's decisions, oldest first.
  static func decisions(_ sql: any SQLDatabase, review: UUID) async throws -> [DecisionRow] {
    try await sql.raw(
      """
      SELECT finding_index, rule_id, kind, wording, reason, user_id, user_name, created_at, replaces_quote,
        carried_from
      FROM decisions WHERE review_id = \(bind: review) ORDER BY created_at
      """
    ).all(decoding: DecisionRow.self)
  }
}
