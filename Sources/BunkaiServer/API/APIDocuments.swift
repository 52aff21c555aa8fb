import BunkaiCore
import Fluent
import Vapor

/// What several API routes read or send, straight from the services (no page controller in
/// between): Part2 with its coverage, the exchange state of each item, and the documents to
/// download.
enum APIReads {
  /// Part2 items of the contract, their answers and the articles of its latest review that cover
  /// each item.
  static func part2(_ db: any Database, engine: Engine, contract: Contract) async throws -> (
    [ChecklistItem], [String: ChecklistAnswer], [String: [String]]
  ) {
    let (catalog, _) = try await Checklists.catalog(db, engine: engine, org: contract.organisationID)
    let answers = try await Checklists.answers(db, org: contract.organisationID, contractID: contract.id)
    var stored: StoredReview?
    if let rid = contract.latestReviewID, let r = try await ReviewRecord.find(rid, on: db) {
      stored = try StoredReview.decode(r.resultJSON)
    }
    return (
      Checklists.items(catalog, contract: contract), answers,
      Checklists.coverage(stored, playbook: engine.playbook)
    )
  }

  /// Where each Part2 item of the contract stands in the five steps.
  static func itemStates(_ db: any Database, engine: Engine, contract: Contract) async throws -> [(
    ChecklistItem, Exchange.State, ChecklistAnswer?
  )] {
    let (catalog, _) = try await Checklists.catalog(db, engine: engine, org: contract.organisationID)
    let answers = try await Checklists.answers(db, org: contract.organisationID, contractID: contract.id)
    let entries = Dictionary(
      grouping: try await ExchangeEntry.query(on: db).filter(\.$contractID == contract.id!).all(),
      by: \.itemID)
    return Checklists.items(catalog, contract: contract).map { item in
      let a = answers[item.id]
      return (item, Exchange.state(entries: entries[item.id] ?? [], answer: a), a)
    }
  }

  /// The annex of the contract as Word or Excel, recorded as a download.
  static func annex(_ req: Request, contract: Contract, ext: String) async throws -> Response {
    let annex = try await SignedDocuments.annex(req.db, engine: req.engine, contract: contract)
    let name = "別紙_責任分界に関する合意事項_\(contract.title).\(ext)"
    let data = try await SignedDocuments.annexFile(
      annex, format: ext, toolTimeout: req.settings.intake.toolTimeoutSeconds)
    await req.recordDownload(contract: contract, file: name)
    return Downloads.file(data, filename: name, type: Attachments.contentType(ext))
  }

  /// The review's contract with the decided proposals as tracked changes.
  static func redline(_ req: Request, review: ReviewRecord, contract: Contract?) async throws -> Response {
    let (data, name) = try await SignedDocuments.redline(req.db, engine: req.engine, review: review)
    if let contract { await req.recordDownload(contract: contract, file: name) }
    return Downloads.file(data, filename: name, type: Attachments.contentType("docx"))
  }

  /// The review memo as Word or Markdown.
  static func memo(_ req: Request, review: ReviewRecord, ext: String) async throws -> Response {
    let memo = try await SignedDocuments.memo(req.db, engine: req.engine, review: review)
    let name = "契約書レビューメモ_\(memo.review.document.title ?? memo.review.source?.path ?? "照合結果").\(ext)"
    if let contract = try await Contract.find(review.contractID, on: req.db) {
      await req.recordDownload(contract: contract, file: name)
    }
    return Downloads.file(
      try SignedDocuments.memoFile(memo, format: ext), filename: name, type: Attachments.contentType(ext))
  }
}
