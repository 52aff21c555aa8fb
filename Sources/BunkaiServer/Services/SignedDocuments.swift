import BunkaiCore
import BunkaiFormats
import Fluent
import Foundation
import Vapor

/// The documents that get signed or filed: the annex of a contract's agreed split, the redline of
/// a review's proposals, and the review memo. Shared by the pages, the API and the shell.
package enum SignedDocuments {
  // MARK: Annex

  /// The annex of a contract: every Part2 item with its split, the exchange in brief and both
  /// confirmations.
  package static func annex(_ db: any Database, engine: Engine, contract: Contract) async throws -> Annex {
    let (catalog, _) = try await Checklists.catalog(db, engine: engine, org: contract.organisationID)
    let items = Checklists.items(catalog, contract: contract)
    let answers = try await Checklists.answers(db, org: contract.organisationID, contractID: contract.id)
    let entries = Dictionary(
      grouping: try await ExchangeEntry.query(on: db).filter(\.$contractID == contract.id!).sort(\.$createdAt)
        .all(),
      by: \.itemID)
    let org = try await Organisation.find(contract.organisationID, on: db)
    let vendor = try await Vendor.find(contract.vendorID, on: db)
    var dates: [String] = []
    if contract.startDate != nil || contract.endDate != nil {
      dates.append(
        "期間 \(contract.startDate.map(Wareki.format(iso:)) ?? "")〜\(contract.endDate.map(Wareki.format(iso:)) ?? "")"
      )
    }
    dates.append(contract.autoRenewal ? "自動更新あり" : "自動更新なし")
    if let d = contract.noticeDeadline { dates.append("通知期限 \(Wareki.format(iso: d))") }
    let header = Annex.Header(
      institution: org?.name ?? "", vendor: vendor?.name ?? "", contractTitle: contract.title,
      contractDates: dates.joined(separator: "、"), generatedOn: DashboardController.today())
    let rows = items.map { item -> Annex.Row in
      let a = answers[item.id]
      let initial = a?.initial ?? .unanswered
      let agreed = a?.agreed ?? ""
      let institution = confirmation(a?.institutionConfirmedBy, a?.institutionConfirmedAt)
      let vendor = confirmation(a?.vendorConfirmedBy, a?.vendorConfirmedAt)
      return Annex.Row(
        number: item.number, title: item.displayTitle, content: annexContent(item, agreed: agreed),
        firstCheck: initial.label,
        firstCheckDate: initial == .unanswered ? nil : contract.firstMeetingOn, completedOn: a?.completedOn,
        owner: a.map { $0.owner == .unset ? "" : $0.owner.label } ?? "", agreed: agreed,
        exchange: summary(entries[item.id] ?? []), institutionConfirmation: institution,
        vendorConfirmation: vendor,
        settled: a?.owner == .notApplicable || (institution != nil && vendor != nil))
    }
    return Annex(header: header, rows: rows)
  }

  /// 内容 of an annex row: the catalogue's text, else the content both sides agreed; until there is
  /// either, a note that it is awaited (never invented official wording, never an empty cell).
  static func annexContent(_ item: ChecklistItem, agreed: String) -> String {
    if let c = item.content, !c.isEmpty { return c }
    if !agreed.isEmpty { return agreed }
    return "（合意内容の記入待ち）"
  }

  /// The annex as a file: "docx", "xlsx", "html" or "pdf" (through LibreOffice, with a time limit).
  static func annexFile(_ annex: Annex, format: String, toolTimeout: Double) async throws -> Data {
    switch format {
    case "xlsx": try AnnexXlsx.render(annex)
    case "html": Data(AnnexHTML.render(annex).utf8)
    case "pdf": try await PDFFile.convert(try AnnexDocx.render(annex), ext: "docx", timeout: toolTimeout)
    default: try AnnexDocx.render(annex)
    }
  }

  /// The review memo as a file: "md" or "docx".
  static func memoFile(_ memo: ReviewMemo, format: String) throws -> Data {
    format == "md" ? Data(memo.markdown().utf8) : try memo.docx()
  }

  /// The exchange in brief: one line per entry, long entries cut.
  static func summary(_ entries: [ExchangeEntry]) -> String {
    entries.map { e in
      let text = e.text.replacingOccurrences(of: "\n", with: " ")
      let short = text.count > 120 ? String(text.prefix(120)) + "…" : text
      return "手順\(e.step)（\(e.side.label) \(e.userName)）: \(short)"
    }.joined(separator: "\n")
  }

  private static func confirmation(_ by: String?, _ at: Date?) -> Annex.Confirmation? {
    guard let by, let at else { return nil }
    return Annex.Confirmation(name: by, at: Wareki.format(at))
  }

  // MARK: Review memo and redline

  /// The stored review (its findings as made, with its playbook id and version), and its
  /// document. Nothing here runs the engine again.
  static func stored(_ db: any Database, review: ReviewRecord) async throws -> (ReviewJSON, ContractDocument)
  {
    guard let doc = try await ContractDocument.find(review.documentID, on: db) else {
      throw Abort(.notFound, reason: "照合した契約書が見つかりません。")
    }
    return (try ReviewJSON.decode(review.resultJSON), doc)
  }

  private static func loadSource(_ doc: ContractDocument) throws -> SourceText {
    do {
      return try DocumentLoader.load(data: doc.bytes, path: doc.filename)
    } catch {
      throw Abort(.unprocessableEntity, reason: error.description)
    }
  }

  static func latestDecisions(_ db: any Database, review: ReviewRecord) async throws -> [Int: Decision] {
    Decisions.latest(try await Decision.query(on: db).filter(\.$reviewID == review.id!).all())
  }

  static func memoDecisions(_ latest: [Int: Decision]) -> [Int: MemoDecision] {
    latest.mapValues { d in
      MemoDecision(
        kind: MemoDecision.Kind(rawValue: d.kind.rawValue) ?? .none, wording: d.wording, reason: d.reason,
        by: d.userName, at: Format.dateTime(d.createdAt), replacesQuote: d.replacesQuote ?? false)
    }
  }

  static func memo(_ db: any Database, engine: Engine, review: ReviewRecord) async throws -> ReviewMemo {
    let stored = try ReviewJSON.decode(review.resultJSON)
    let (catalog, _) = try await Checklists.catalog(db, engine: engine, org: review.organisationID)
    return ReviewMemo(
      review: stored, catalog: catalog,
      decisions: memoDecisions(try await latestDecisions(db, review: review)),
      generatedOn: Wareki.format(Date()))
  }

  /// The proposals of a review's decisions as tracked changes, each with its intent as a comment:
  /// into the vendor's own .docx, or into a new .docx of the text for .txt and .pdf contracts.
  /// Only the wording goes into the contract (never the instruction); wording that replaces a
  /// clause deletes it.
  static func redline(_ db: any Database, engine: Engine, review: ReviewRecord) async throws -> (Data, String)
  {
    let (stored, doc) = try await stored(db, review: review)
    let proposals = ProposalPlan.make(
      stored, decisions: memoDecisions(try await latestDecisions(db, review: review)))
    guard !proposals.isEmpty else {
      throw Abort(.unprocessableEntity, reason: "提案する判断（文例のまま提案／文言を修正して提案）がまだありません。照合結果の画面で判断を記録してください。")
    }
    let source = try loadSource(doc)
    let org = try await Organisation.find(review.organisationID, on: db)
    let edits = DocxRedline.edits(for: proposals, review: stored, source: source)
    let author = org?.name ?? "医療機関"
    let base = (doc.filename as NSString).deletingPathExtension
    let data =
      doc.format == "docx"
      ? try DocxRedline.apply(to: doc.bytes, edits: edits, author: author, date: Date(), path: doc.filename)
      : try DocxRedline.fromText(source.text, edits: edits, author: author, date: Date(), title: base)
    return (data, "\(base)-修正提案.docx")
  }
}

/// The LibreOffice conversion (Formats) as the web and API answer it: LibreOffice missing or too
/// slow is 503 (the other formats still work), a failed conversion 500.
enum PDFFile {
  static func convert(_ data: Data, ext: String, timeout: Double) async throws -> Data {
    do {
      return try await PDFConverter.convert(data, ext: ext, timeout: timeout)
    } catch let e as PDFConversionError {
      switch e {
      case .unavailable, .timedOut: throw Abort(.serviceUnavailable, reason: e.description)
      case .failed: throw Abort(.internalServerError, reason: e.description)
      }
    }
  }
}
