import BunkaiFormats
import Foundation
import FuzzCommon

/// The checklist importer: the first byte picks the format (CSV, TSV or XLSX by name), the rest
/// is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalog(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  guard count > 0 else { return 0 }
  let all = FuzzInput.data(start, count)
  let names = ["fuzz.csv", "fuzz.tsv", "fuzz.txt", "fuzz.xlsx"]
  let path = names[Int(all[all.startIndex]) % names.count]
  let data = all.dropFirst()
  do {
    _ = try CatalogImporter.importData(Data(data), path: path, id: "fuzz", version: "1")
  } catch let e as InputError {
    FuzzInput.check(e, path: path)
  } catch let e as CatalogImportError {
    precondition(e.description.hasPrefix(path) && !e.message.isEmpty)
  } catch {
    preconditionFailure("unexpected error type: \(error)")
  }
  return 0
}
