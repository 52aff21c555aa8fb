import Foundation

/// A namespace-aware XML reader over bytes, for the parts of .docx and .xlsx files.
///
/// Office parts used to go through FoundationXML, which traps (killing the process) on element
/// or attribute names that are not valid UTF-8, stops at about 10 MB of text, and reports names
/// by prefix only. This reader checks the whole part once (UTF-8, XML characters), never traps
/// on any input, runs in time linear in its size, resolves names to their namespace, and refuses
/// what Office never writes and an attacker would use: DTDs (entity expansion), unbound
/// prefixes, unbalanced tags, nesting deeper than `maxDepth`.
struct XMLEvents {
  /// An attribute with its namespace resolved ("" when unprefixed).
  struct Attribute {
    var namespace: String
    var local: String
    var value: String
  }

  /// Why a part is not well-formed XML, with the 1-based line where reading stopped.
  struct Failure: Error, Equatable {
    var line: Int
    var reason: String
  }

  static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
  static let maxDepth = 512
  static let maxAttributes = 256

  /// Reads `data`, calling the handler for each start tag, end tag and run of text. The handler
  /// can stop early by returning false from `shouldContinue`.
  static func parse<H: XMLEventHandler>(_ data: Data, _ handler: H) throws(Failure) {
    var data = data
    // A UTF-16 part (allowed by XML, rare in Office files) is read as its UTF-8 equivalent.
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      guard let utf8 = utf16ToUTF8(data) else { throw Failure(line: 1, reason: "UTF-16 として正しくない文字があります") }
      data = Data(utf8)
    }
    let skip = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let failure = data.withUnsafeBytes { raw -> Failure? in
      let all = raw.bindMemory(to: UInt8.self)
      var p = Parser(b: UnsafeBufferPointer(rebasing: all[skip...]), handler: handler)
      do throws(Failure) {
        try p.run()
        return nil
      } catch { return error }
    }
    if let failure { throw failure }
  }

  /// The offset of the first byte that is not valid UTF-8 or not an XML character, or nil.
  static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c >= 0x20 && c < 0x80 {
        i += 1
        continue
      }
      if c < 0x20 {
        guard c == 0x09 || c == 0x0A || c == 0x0D else { return i }
        i += 1
        continue
      }
      var need = 0
      var v: UInt32 = 0
      var minimum: UInt32 = 0
      if c & 0xE0 == 0xC0 {
        (need, v, minimum) = (1, UInt32(c & 0x1F), 0x80)
      } else if c & 0xF0 == 0xE0 {
        (need, v, minimum) = (2, UInt32(c & 0x0F), 0x800)
      } else if c & 0xF8 == 0xF0 {
        (need, v, minimum) = (3, UInt32(c & 0x07), 0x1_0000)
      } else {
        return i
      }
      guard i + need < n else { return i }
      for k in 1...need {
        let d = b[i + k]
        guard d & 0xC0 == 0x80 else { return i }
        v = v << 6 | UInt32(d & 0x3F)
      }
      if v < minimum || v > 0x10_FFFF || (v >= 0xD800 && v <= 0xDFFF) || v == 0xFFFE || v == 0xFFFF {
        return i
      }
      i += need + 1
    }
    return nil
  }

  static func utf16ToUTF8(_ data: Data) -> [UInt8]? {
    let bytes = [UInt8](data)
    let little = bytes[0] == 0xFF
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var i = 2
    while i + 1 < bytes.count {
      let a = UInt16(bytes[i])
      let b = UInt16(bytes[i + 1])
      units.append(little ? a | b << 8 : a << 8 | b)
      i += 2
    }
    var out: [UInt8] = []
    let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) {
      out.append($0)
    }
    return failed ? nil : out
  }
}

/// Receives what `XMLEvents` reads. Names are resolved: the namespace URI ("" for none) and the
/// local name.
protocol XMLEventHandler: AnyObject {
  func start(_ namespace: String, _ local: String, _ attributes: [XMLEvents.Attribute])
  func end(_ namespace: String, _ local: String)
  func text(_ text: String)
  /// Checked after each event; false stops reading (the handler records why).
  var shouldContinue: Bool { get }
}

extension XMLEventHandler {
  var shouldContinue: Bool { true }
}

extension [XMLEvents.Attribute] {
  /// The value of the attribute `local` in `namespace` (first wins).
  func value(_ namespace: String, _ local: String) -> String? {
    first { $0.local == local && $0.namespace == namespace }?.value
  }
}

private struct Parser<H: XMLEventHandler> {
  let b: UnsafeBufferPointer<UInt8>
  let handler: H
  var i = 0
  /// Open elements: name bytes (for matching the end tag), resolved name, bindings to pop.
  var open: [(name: Range<Int>, namespace: String, local: String, bindings: Int)] = []
  /// Namespace declarations in scope, innermost last.
  var bindings: [(prefix: String, uri: String)] = [("xml", XMLEvents.xmlNamespace), ("", "")]

  init(b: UnsafeBufferPointer<UInt8>, handler: H) {
    self.b = b
    self.handler = handler
  }

  func fail(_ reason: String, at offset: Int? = nil) -> XMLEvents.Failure {
    let upTo = min(offset ?? i, b.count)
    var line = 1
    for k in 0..<upTo where b[k] == 0x0A { line += 1 }
    return XMLEvents.Failure(line: line, reason: reason)
  }

  mutating func run() throws(XMLEvents.Failure) {
    if let bad = XMLEvents.firstInvalid(b) {
      throw fail("UTF-8 として正しくない文字か、XML に使えない制御文字があります", at: bad)
    }
    var sawRoot = false
    let n = b.count
    while i < n {
      guard handler.shouldContinue else { return }
      if b[i] != 0x3C {
        let start = i
        while i < n, b[i] != 0x3C { i += 1 }
        if !open.isEmpty {
          handler.text(try decodeText(start..<i))
        } else if (start..<i).contains(where: { !isSpace(b[$0]) }) {
          throw fail("ルート要素の外に文字があります", at: start)
        }
        continue
      }
      guard i + 1 < n else { throw fail("タグが途中で切れています") }
      switch b[i + 1] {
      case 0x3F:  // <? … ?>
        guard let e = find("?>", from: i + 2) else { throw fail("処理命令が閉じていません") }
        if has("<?xml", at: i), i == 0 { try checkDeclaration(i..<e) }
        i = e + 2
      case 0x21:  // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE
        if has("<!--", at: i) {
          guard let e = find("-->", from: i + 4) else { throw fail("コメントが閉じていません") }
          i = e + 3
        } else if has("<![CDATA[", at: i) {
          guard !open.isEmpty else { throw fail("ルート要素の外に CDATA があります") }
          guard let e = find("]]>", from: i + 9) else { throw fail("CDATA が閉じていません") }
          handler.text(String(decoding: UnsafeBufferPointer(rebasing: b[(i + 9)..<e]), as: UTF8.self))
          i = e + 3
        } else {
          throw fail("DOCTYPE などの宣言を含む XML は読みません")
        }
      case 0x2F:  // </name>
        let nameStart = i + 2
        var j = nameStart
        while j < n, !endsName(b[j]) { j += 1 }
        let name = nameStart..<j
        while j < n, isSpace(b[j]) { j += 1 }
        guard j < n, b[j] == 0x3E else { throw fail("終了タグが閉じていません") }
        guard let top = open.last, b[top.name].elementsEqual(b[name]) else {
          throw fail("終了タグ </\(short(name))> が開始タグと対応していません")
        }
        open.removeLast()
        bindings.removeLast(top.bindings)
        handler.end(top.namespace, top.local)
        i = j + 1
      default:
        guard open.count < XMLEvents.maxDepth else { throw fail("要素の入れ子が深すぎます（上限 \(XMLEvents.maxDepth) 段）") }
        if open.isEmpty {
          guard !sawRoot else { throw fail("ルート要素が二つあります") }
          sawRoot = true
        }
        try startTag()
      }
    }
    guard handler.shouldContinue else { return }
    guard sawRoot else { throw fail("要素がありません") }
    guard open.isEmpty else { throw fail("XML が途中で終わっています（</\(short(open.last!.name))> がありません）") }
  }

  /// Reads `<name attr="v" …>` or `<name …/>` at `i`.
  mutating func startTag() throws(XMLEvents.Failure) {
    let n = b.count
    let nameStart = i + 1
    var j = nameStart
    while j < n, !endsName(b[j]) { j += 1 }
    let name = nameStart..<j
    guard !name.isEmpty else { throw fail("要素名がありません") }
    var raw: [(name: Range<Int>, value: String)] = []
    var empty = false
    while true {
      let beforeSpace = j
      while j < n, isSpace(b[j]) { j += 1 }
      guard j < n else { throw fail("開始タグが閉じていません") }
      if b[j] == 0x3E {
        j += 1
        break
      }
      if b[j] == 0x2F {
        guard j + 1 < n, b[j + 1] == 0x3E else { throw fail("開始タグが壊れています") }
        empty = true
        j += 2
        break
      }
      guard j > beforeSpace else { throw fail("属性の前に空白がありません") }
      let attrStart = j
      while j < n, !endsName(b[j]), b[j] != 0x3D { j += 1 }
      let attrName = attrStart..<j
      guard !attrName.isEmpty else { throw fail("属性名がありません") }
      while j < n, isSpace(b[j]) { j += 1 }
      guard j < n, b[j] == 0x3D else { throw fail("属性 \(short(attrName)) に = がありません") }
      j += 1
      while j < n, isSpace(b[j]) { j += 1 }
      guard j < n, b[j] == 0x22 || b[j] == 0x27 else { throw fail("属性 \(short(attrName)) の値に引用符がありません") }
      let quote = b[j]
      let valueStart = j + 1
      j = valueStart
      while j < n, b[j] != quote {
        guard b[j] != 0x3C else { throw fail("属性の値に < があります") }
        j += 1
      }
      guard j < n else { throw fail("属性 \(short(attrName)) の値が閉じていません") }
      raw.append((attrName, try decodeText(valueStart..<j)))
      j += 1
      guard raw.count <= XMLEvents.maxAttributes else {
        throw fail("属性が多すぎます（上限 \(XMLEvents.maxAttributes) 個）")
      }
    }
    i = j
    // Declarations first: they apply to the element's own name and attributes.
    var declared = 0
    for a in raw {
      if has("xmlns", at: a.name.lowerBound), a.name.count == 5 {
        bindings.append(("", a.value))
        declared += 1
      } else if a.name.count > 6, has("xmlns:", at: a.name.lowerBound) {
        let prefix = text((a.name.lowerBound + 6)..<a.name.upperBound)
        guard !a.value.isEmpty else { throw fail("名前空間接頭辞 \(short(a.name)) の宣言が空です") }
        bindings.append((prefix, a.value))
        declared += 1
      }
    }
    let (namespace, local) = try resolve(name, isElement: true)
    var attributes: [XMLEvents.Attribute] = []
    attributes.reserveCapacity(raw.count - declared)
    for a in raw {
      if has("xmlns", at: a.name.lowerBound), a.name.count == 5 || b[a.name.lowerBound + 5] == 0x3A {
        continue
      }
      let (ns, l) = try resolve(a.name, isElement: false)
      attributes.append(XMLEvents.Attribute(namespace: ns, local: l, value: a.value))
    }
    handler.start(namespace, local, attributes)
    if empty {
      bindings.removeLast(declared)
      handler.end(namespace, local)
    } else {
      open.append((name, namespace, local, declared))
    }
  }

  /// The namespace and local name of a qualified name; unprefixed attributes have no namespace.
  func resolve(_ name: Range<Int>, isElement: Bool) throws(XMLEvents.Failure) -> (String, String) {
    guard let colon = name.first(where: { b[$0] == 0x3A }) else {
      return (isElement ? uri(for: "") ?? "" : "", text(name))
    }
    let prefix = text(name.lowerBound..<colon)
    let local = text((colon + 1)..<name.upperBound)
    guard !prefix.isEmpty, !local.isEmpty, !local.contains(":") else {
      throw fail("名前 \(short(name)) が正しくありません")
    }
    guard let ns = uri(for: prefix) else {
      throw fail("名前空間接頭辞 \(short(name.lowerBound..<colon)) が宣言されていません")
    }
    return (ns, local)
  }

  func uri(for prefix: String) -> String? {
    bindings.last { $0.prefix == prefix }?.uri
  }

  /// Text or an attribute value with its character and entity references replaced.
  func decodeText(_ r: Range<Int>) throws(XMLEvents.Failure) -> String {
    guard r.contains(where: { b[$0] == 0x26 }) else {
      return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(r.count)
    var k = r.lowerBound
    while k < r.upperBound {
      let c = b[k]
      guard c == 0x26 else {
        out.append(c)
        k += 1
        continue
      }
      guard let semi = (k + 1..<min(r.upperBound, k + 12)).first(where: { b[$0] == 0x3B }) else {
        throw fail("& の後の参照が閉じていません", at: k)
      }
      let ref = text((k + 1)..<semi)  // at most 10 bytes
      switch ref {
      case "lt": out.append(0x3C)
      case "gt": out.append(0x3E)
      case "amp": out.append(0x26)
      case "quot": out.append(0x22)
      case "apos": out.append(0x27)
      default:
        var digits = Substring(ref)
        var radix = 10
        guard digits.first == "#" else { throw fail("未定義の実体参照 &\(ref); があります", at: k) }
        digits = digits.dropFirst()
        if digits.first == "x" {
          radix = 16
          digits = digits.dropFirst()
        }
        // At most 8 digits (checked by the 12-byte window): the value cannot overflow UInt32.
        guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit }), let v = UInt32(digits, radix: radix),
          let u = Unicode.Scalar(v), isXMLChar(v)
        else { throw fail("文字参照 &\(ref); が正しくありません", at: k) }
        out.append(contentsOf: Array(String(u).utf8))
      }
      k = semi + 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  func isXMLChar(_ v: UInt32) -> Bool {
    v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
      || (v >= 0x1_0000 && v <= 0x10_FFFF)
  }

  /// The XML declaration: only UTF-8 and UTF-16 (already converted) are read.
  func checkDeclaration(_ r: Range<Int>) throws(XMLEvents.Failure) {
    let decl = text(r).lowercased()
    guard let e = decl.range(of: "encoding") else { return }
    let rest = decl[e.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
    let name = rest.prefix { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "?" }
    guard ["utf-8", "utf8", "utf-16", "utf16"].contains(String(name)) else {
      throw fail("文字コード \(name.prefix(20)) の XML には対応していません（UTF-8 で保存してください）")
    }
  }

  func text(_ r: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
  }

  /// A name for a message: at most 40 bytes of it (a hostile name may be megabytes long).
  func short(_ r: Range<Int>) -> String {
    r.count <= 40 ? text(r) : text(r.lowerBound..<(r.lowerBound + 40)) + "…"
  }

  func has(_ s: StaticString, at k: Int) -> Bool {
    let count = s.utf8CodeUnitCount
    guard k >= 0, k + count <= b.count else { return false }
    let p = s.utf8Start
    for m in 0..<count where b[k + m] != p[m] { return false }
    return true
  }

  func find(_ s: StaticString, from: Int) -> Int? {
    var k = from
    let first = s.utf8Start[0]
    while k < b.count {
      if b[k] == first, has(s, at: k) { return k }
      k += 1
    }
    return nil
  }

  func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

  func endsName(_ c: UInt8) -> Bool {
    isSpace(c) || c == 0x2F || c == 0x3E || c == 0x3C || c == 0x22 || c == 0x27 || c == 0x26
  }
}
