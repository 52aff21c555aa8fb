@_spi(Fuzzing) import BunkaiFormats
import Foundation
import FuzzCommon

/// Docx reading and automatic numbering. A zip input goes through the whole reader (zip checks,
/// ZIPFoundation, limits); any other input is document.xml, numbering.xml and styles.xml
/// separated by NUL bytes, read without the zip layer so the fuzzer reaches the XML quickly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocx(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = FuzzInput.data(start, count)
  do {
    if FuzzInput.isZip(data) {
      _ = try DocxReader.read(data, path: "fuzz.docx", limits: FuzzInput.limits)
    } else {
      let p = FuzzInput.parts(data, count: 3)
      _ = try DocxReader.text(
        document: p[0], numbering: p.count > 1 ? p[1] : nil, styles: p.count > 2 ? p[2] : nil,
        path: "fuzz.docx",
        limits: FuzzInput.limits)
    }
  } catch {
    FuzzInput.check(error, path: "fuzz.docx")
  }
  return 0
}
