import BunkaiCore
import BunkaiFormats
import Foundation
import FuzzCommon

/// Text intake end to end: encoding detection, parse, review with the builtin playbook and the
/// JSON report. Inputs starting with %PDF are skipped (they would start pdftotext).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = FuzzInput.data(start, count)
  if data.starts(with: Array("%PDF".utf8)) { return 0 }
  do {
    let source = try DocumentLoader.load(data: data, path: "fuzz.txt", limits: FuzzInput.limits)
    let result = FuzzEngine.reviewer.review(source)
    let json = try? ReviewJSON(result, catalog: FuzzEngine.catalog)
    _ = try? json?.encoded(pretty: false)
    // The readers that take dates and periods from the same text after a review: renewals'
    // contract dates and the change-notice period (from the review, else the articles).
    let dates = ContractDates.propose(source.text)
    if let end = dates.endDate, ISODay(end) == nil { fatalError("proposed end is not a day: \(end)") }
    if let json, let found = ChangeNoticeClause.find(in: json, text: source.text) {
      if found.period.amount <= 0 { fatalError("non-positive notice period") }
      _ = found.period.deadline(before: "2026-12-31")
    }
  } catch {
    FuzzInput.check(error, path: "fuzz.txt")
  }
  return 0
}
