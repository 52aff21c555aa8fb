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
    _ = try? ReviewJSON(result, catalog: FuzzEngine.catalog).encoded(pretty: false)
  } catch {
    FuzzInput.check(error, path: "fuzz.txt")
  }
  return 0
}
