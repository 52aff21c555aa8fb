@_spi(Fuzzing) import BunkaiFormats
import Foundation
import FuzzCommon

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Whether bytes are well-formed XML, by Foundation's parser (libxml2): an independent reader, so
/// the splicer's own byte scanner is not the judge of its output.
func isWellFormed(_ bytes: [UInt8]) -> Bool {
  XMLParser(data: Data(bytes)).parse()
}

/// The redline splicer. A zip input goes through DocxRedline.apply with one edit; any other input
/// is document.xml, then after a NUL byte the edits: each pair of bytes is (kind, paragraph).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRedline(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = FuzzInput.data(start, count)
  let wording = "第5条の2（再委託）\n乙は、甲の書面による承諾を得て <再委託> & 報告する。"
  if FuzzInput.isZip(data) {
    do {
      _ = try DocxRedline.apply(
        to: data, edits: [.insert(after: 0, wording)], author: "病院",
        date: Date(timeIntervalSince1970: 1_767_225_600),
        path: "fuzz.docx", limits: FuzzInput.limits)
    } catch let e as InputError {
      FuzzInput.check(e, path: "fuzz.docx")
    } catch {}
    return 0
  }
  let p = FuzzInput.parts(data, count: 2)
  var edits: [RedlineEdit] = []
  if p.count > 1 {
    let spec = [UInt8](p[1].prefix(16))
    var k = 0
    while k + 1 < spec.count {
      let paragraph = Int(spec[k + 1]) - 2
      edits.append(spec[k] & 1 == 0 ? .insert(after: paragraph, wording) : .replace(paragraph, with: wording))
      k += 2
    }
  }
  let document = [UInt8](p[0])
  guard
    let out = try? DocxRedline.splice(
      document: document, edits: edits, author: "病院", date: Date(timeIntervalSince1970: 1_767_225_600))
  else { return 0 }
  // A well-formed document.xml must stay well-formed: Word refuses to open a broken one, and the
  // institution would send the vendor a file that does not open.
  if !edits.isEmpty && isWellFormed(document) && !isWellFormed(out) {
    fatalError("the splice broke a well-formed document.xml")
  }
  return 0
}
