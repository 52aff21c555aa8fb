import Foundation
import SQLKit

/// What the dashboard reads: one row per contract with its vendor, open findings and checklist
/// progress, in one query.
enum DashboardQuery {
  /// One contract's line as the query returns it.
  struct Row: Decodable, Sendable {
    var id: String
    var title: String
    var vendor: String
    var kind: String
    var status: String
    var endDate: String?
    var noticeDeadline: String?
    var autoRenewal: Bool
    var openHigh: Int
    var openMedium: Int
    var openLow: Int
    var reviewed: Int
    /// Part2 items answered at the first meeting (はい or いいえ).
    var answered: Int
    var yes: Int
    /// Items answered いいえ whose check is not completed yet (no 完了日).
    var openNo: Int
    /// Items whose split both sides confirmed.
    var agreed: Int
    /// Subcontractors in use (not ended) without the institution's approval.
    var unapprovedSubcontractors: Int

    enum CodingKeys: String, CodingKey {
      case id, title, vendor, kind, status, reviewed, answered, yes
      case agreed = "agreed_items"
      case endDate = "end_date"
      case noticeDeadline = "notice_deadline"
      case autoRenewal = "auto_renewal"
      case openHigh = "open_high"
      case openMedium = "open_medium"
      case openLow = "open_low"
      case openNo = "open_no"
      case unapprovedSubcontractors = "unapproved_subcontractors"
    }
  }

  /// Every contract of the organisation, most open high-severity findings first; ids come as text
  /// so no UUID is parsed or printed per row.
  static func rows(_ sql: any SQLDatabase, org: UUID, today: String) async throws -> [Row] {
    try await sql.raw(
      """
      SELECT CAST(c.id AS TEXT) AS id, c.title, v.name AS vendor, c.kind, c.status, c.end_date, c.notice_deadline,
        c.auto_renewal, c.open_high, c.open_medium, c.open_low,
        CASE WHEN c.latest_review_id IS NULL THEN 0 ELSE 1 END AS reviewed,
        COALESCE(p.answered, 0) AS answered, COALESCE(p.yes, 0) AS yes, COALESCE(p.open_no, 0) AS open_no,
        COALESCE(p.agreed_items, 0) AS agreed_items, COALESCE(s.unapproved, 0) AS unapproved_subcontractors
      FROM contracts c
      JOIN vendors v ON v.id = c.vendor_id
      LEFT JOIN (
        SELECT contract_id,
          SUM(CASE WHEN initial <> 'unanswered' THEN 1 ELSE 0 END) AS answered,
          SUM(CASE WHEN initial = 'yes' THEN 1 ELSE 0 END) AS yes,
          SUM(CASE WHEN initial = 'no' AND completed_on IS NULL THEN 1 ELSE 0 END) AS open_no,
          SUM(CASE WHEN institution_confirmed_at IS NOT NULL AND vendor_confirmed_at IS NOT NULL THEN 1 ELSE 0 END)
            AS agreed_items
        FROM checklist_answers WHERE organisation_id = \(bind: org) AND contract_id IS NOT NULL
        GROUP BY contract_id
      ) p ON p.contract_id = c.id
      LEFT JOIN (
        SELECT contract_id, COUNT(*) AS unapproved FROM subcontractors
        WHERE organisation_id = \(bind: org) AND approved_on IS NULL AND in_use = \(bind: true)
          AND (end_on IS NULL OR end_on >= \(bind: today))
        GROUP BY contract_id
      ) s ON s.contract_id = c.id
      WHERE c.organisation_id = \(bind: org) ORDER BY c.open_high DESC, c.title
      """
    ).all(decoding: Row.self)
  }

  static func vendorCount(_ sql: any SQLDatabase, org: UUID) async throws -> Int {
    try await sql.raw("SELECT COUNT(*) AS n FROM vendors WHERE organisation_id = \(bind: org)").first()?
      .decode(column: "n", as: Int.self) ?? 0
  }
}
