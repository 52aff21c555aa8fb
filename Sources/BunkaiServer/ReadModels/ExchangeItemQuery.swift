import BunkaiCore
import BunkaiFormats
import Fluent
import Foundation

/// What an exchange item's page shows of the contract's latest review: the findings that concern
/// the item, and the wording the institution decided to propose for them. Never the reasons or
/// notes behind a decision, which stay with the institution.
enum ExchangeItemQuery {
  struct RelatedFinding: Encodable, Sendable {
    var title: String
    var severity: String
    var severityLabel: String
    var explanation: String
    /// The wording the institution decided to propose, as it goes into the contract.
    var proposal: String?
    /// Why the wording matters (the playbook's intent), shown with a proposal.
    var intent: String
    /// The institution's decision, for the institution's own page only.
    var decisionLabel: String?
    /// The finding on the review page, for the institution only.
    var reviewLink: String?
  }

  struct Result: Sendable {
    var findings: [RelatedFinding]
    /// Some finding of the review, not only this item's, has a proposal: the redline exists.
    var anyProposal: Bool
  }

  static let severityLabels = ["high": "高", "medium": "中", "low": "低"]

  static func related(_ db: any Database, contract: Contract, itemID: String, side: Side) async throws
    -> Result
  {
    guard let reviewID = contract.latestReviewID,
      let review = try await ReviewRecord.query(on: db).filter(\.$id == reviewID)
        .filter(\.$organisationID == contract.organisationID).first()
    else { return Result(findings: [], anyProposal: false) }
    let stored = try StoredReview.decode(review.resultJSON)
    let decisions = Decisions.latest(try await Decision.query(on: db).filter(\.$reviewID == reviewID).all())
    let anyProposal = decisions.values.contains { $0.kind == .propose || $0.kind == .proposeEdited }
    var out: [RelatedFinding] = []
    for (i, f) in stored.findings.enumerated() where f.checklistItems.contains(itemID) {
      let d = decisions[i]
      var proposal: String?
      switch d?.kind {
      case .propose: proposal = f.suggestion.text
      case .proposeEdited: proposal = DocxRedline.contractWording(d?.wording ?? "")
      default: proposal = nil
      }
      out.append(
        RelatedFinding(
          title: f.title, severity: f.severity, severityLabel: severityLabels[f.severity] ?? f.severity,
          explanation: f.explanation, proposal: proposal, intent: f.intent,
          decisionLabel: side == .institution ? (d?.kind.label ?? "まだ判断していません") : nil,
          reviewLink: side == .institution ? Paths.review(reviewID) + "#f\(i + 1)" : nil))
    }
    return Result(findings: out, anyProposal: anyProposal)
  }
}
