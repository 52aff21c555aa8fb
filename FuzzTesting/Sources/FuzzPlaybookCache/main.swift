import BunkaiCore
import Foundation

/// The compiled playbook's cache reader (CompiledPlaybook+Binary.swift). The input is a list of edits
/// to a valid payload — a small playbook compiled here — so mutations stay near real files: the first
/// two bytes cut the payload's tail, then every four bytes change one byte (three bytes of offset,
/// one to XOR). A payload that reads must then review a contract without a crash or a hang.
let payload: [UInt8] = {
  // A playbook of its own (the built-in one makes a 5 MB payload: a few runs a second under ASan).
  let yaml = """
    schemaVersion: 2
    id: fuzz
    concepts:
      consent: [承諾, 同意]
    topics:
      - id: subcontracting
        label: 再委託
        heading: [再委託, 委託]
        body: [再委託]
    rules:
      - id: fuzz-rule
        title: 再委託の承諾
        severity: high
        scope: {topics: [subcontracting]}
        elements:
          - id: fuzz.consent
            label: "{vendor}が再委託に{institution}の承諾を得ること"
            match: {all: [再委託, "@consent", "{institution}*事前"]}
            actor: {role: vendor, mode: subject}
        explanation: 説明
        suggestion: {heading: 再委託, text: "{vendor}は、{institution}の事前の承諾を得る。"}
        intent: 趣旨
    """
  let small = try! PlaybookLoader.load(yaml: yaml, file: "fuzz.yaml")
  return CompiledPlaybook(small).encodedPayload()
}()
let catalog = try! CatalogLoader.builtin()
let contract = SourceText(
  text: "保守契約書\n甲と乙は次のとおり契約する。\n第1条（再委託）\n乙は、甲の事前の書面による承諾を得て再委託することができる。\n", path: "fuzz")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlaybookCache(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let input = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
  var bytes = payload
  if input.count >= 2 {
    let cut = (Int(input[0]) << 8 | Int(input[1])) % 64
    bytes.removeLast(cut == 0 ? 0 : min(bytes.count, cut * cut * 37))
  }
  var i = 2
  while i + 4 <= input.count, !bytes.isEmpty {
    let offset = (Int(input[i]) << 16 | Int(input[i + 1]) << 8 | Int(input[i + 2])) % bytes.count
    bytes[offset] ^= input[i + 3]
    i += 4
  }
  if let compiled = CompiledPlaybook.decoded(payload: bytes) {
    _ = Reviewer(compiled: compiled, catalog: catalog).review(contract)
  }
  return 0
}
