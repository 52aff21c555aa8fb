@_spi(Fuzzing) import BunkaiFormats
import Foundation
import FuzzCommon

/// Xlsx reading. A zip input goes through the whole reader; any other input is a worksheet and
/// the shared strings separated by a NUL byte.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXlsx(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = FuzzInput.data(start, count)
  do {
    if FuzzInput.isZip(data) {
      _ = try XlsxReader.read(data, path: "fuzz.xlsx", limits: FuzzInput.limits)
    } else {
      let p = FuzzInput.parts(data, count: 2)
      _ = try XlsxReader.rows(
        sheet: p[0], sharedStrings: p.count > 1 ? p[1] : nil, path: "fuzz.xlsx", limits: FuzzInput.limits)
    }
  } catch {
    FuzzInput.check(error, path: "fuzz.xlsx")
  }
  return 0
}
