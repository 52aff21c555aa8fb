/// A tag found by scanning XML bytes. Offsets index the scanned bytes.
struct XMLTag {
  enum Kind { case open, close, empty }
  var kind: Kind
  var name: Range<Int>
  /// The index of "<".
  var start: Int
  /// The index after ">".
  var end: Int
}

/// Scans XML as bytes, so a part can be edited by splicing: everything outside an edit keeps its
/// exact bytes (a parser and serialiser would rewrite quoting, entities and namespaces).
struct XMLBytes {
  let b: [UInt8]

  init(_ bytes: [UInt8]) { b = bytes }

  func find(_ pattern: [UInt8], from: Int, to limit: Int? = nil) -> Int? {
    let limit = limit ?? b.count
    guard !pattern.isEmpty, limit - pattern.count >= from else { return nil }
    var i = from
    while i <= limit - pattern.count {
      if b[i] == pattern[0] {
        var k = 1
        while k < pattern.count, b[i + k] == pattern[k] { k += 1 }
        if k == pattern.count { return i }
      }
      i += 1
    }
    return nil
  }

  /// The next element tag at or after `from` and before `limit`, skipping comments, processing
  /// instructions, CDATA and declarations.
  func nextTag(from: Int, limit: Int? = nil) -> XMLTag? {
    let limit = limit ?? b.count
    var i = from
    while i < limit {
      guard let lt = find([0x3C], from: i, to: limit), lt + 1 < limit else { return nil }
      let n = lt + 1
      switch b[n] {
      case 0x3F:  // <? … ?>
        guard let e = find([0x3F, 0x3E], from: n, to: limit) else { return nil }
        i = e + 2
        continue
      case 0x21:  // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE … >
        let close = Array((has("<!--", at: lt) ? "-->" : has("<![CDATA[", at: lt) ? "]]>" : ">").utf8)
        guard let e = find(close, from: n + 1, to: limit) else { return nil }
        i = e + close.count
        continue
      default: break
      }
      let closing = b[n] == 0x2F
      let nameStart = closing ? n + 1 : n
      var j = nameStart
      while j < limit, !Self.endsName(b[j]) { j += 1 }
      let name = nameStart..<j
      // Find ">" outside attribute values.
      var quote: UInt8 = 0
      while j < limit {
        let c = b[j]
        if quote != 0 {
          if c == quote { quote = 0 }
        } else if c == 0x22 || c == 0x27 {
          quote = c
        } else if c == 0x3E {
          break
        }
        j += 1
      }
      guard j < limit else { return nil }
      let kind: XMLTag.Kind = closing ? .close : b[j - 1] == 0x2F ? .empty : .open
      return XMLTag(kind: kind, name: name, start: lt, end: j + 1)
    }
    return nil
  }

  func has(_ s: String, at i: Int) -> Bool {
    let u = Array(s.utf8)
    return i + u.count <= b.count && b[i..<i + u.count].elementsEqual(u)
  }

  static func endsName(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x2F || c == 0x3E
  }

  /// The close tag matching an open tag (same name, counting nesting), or nil when unbalanced.
  func closing(_ open: XMLTag, limit: Int? = nil) -> XMLTag? {
    guard open.kind == .open else { return open }
    let name = Array(b[open.name])
    var depth = 0
    var i = open.end
    while let t = nextTag(from: i, limit: limit) {
      i = t.end
      guard b[t.name].elementsEqual(name) else { continue }
      switch t.kind {
      case .open: depth += 1
      case .close:
        if depth == 0 { return t }
        depth -= 1
      case .empty: break
      }
    }
    return nil
  }

  /// The bytes of `range` with top-level child elements for which `replacement` gives a value
  /// replaced by that text (`.some(nil)` removes them; nil keeps them).
  func replacingChildren(in range: Range<Int>, _ replacement: (XMLTag) -> String??) -> [UInt8] {
    var out: [UInt8] = []
    var copied = range.lowerBound
    var depth = 0
    var i = range.lowerBound
    while let t = nextTag(from: i, limit: range.upperBound) {
      i = t.end
      if depth == 0, t.kind != .close, let hit = replacement(t) {
        guard let end = closing(t, limit: range.upperBound) else { break }
        out += b[copied..<t.start]
        if let text = hit { out += Array(text.utf8) }
        copied = end.end
        i = end.end
        continue
      }
      if t.kind == .open { depth += 1 } else if t.kind == .close { depth -= 1 }
    }
    out += b[copied..<range.upperBound]
    return out
  }
}

/// How a part names WordprocessingML and markup-compatibility elements: by the prefixes its
/// namespace declarations bind to those namespaces, whatever they are (`w:`, `ns0:`, or none for
/// a default namespace). Matching by these prefixes is matching by namespace as long as no prefix
/// is bound to two namespaces in different places; such a part is refused rather than misread.
struct WordNames {
  /// Prefixes bound to the WordprocessingML namespace; an empty one for the default namespace.
  private(set) var word: [[UInt8]] = []
  /// Prefixes bound to the markup-compatibility namespace.
  private(set) var mc: [[UInt8]] = []
  /// The WordprocessingML namespace the part uses (transitional or strict).
  private(set) var wordURI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  /// Declarations to put on each element the splicer writes (its names use `w:`): empty when the
  /// root binds `w` to WordprocessingML, as Word writes it.
  private(set) var declarations = ""

  /// A prefix bound to WordprocessingML or markup compatibility in one place and to another
  /// namespace in another.
  struct Ambiguous: Error {}

  /// The declarations of every element in the part.
  init(_ x: XMLBytes) throws(Ambiguous) {
    var bindings: [[UInt8]: Set<[UInt8]>] = [:]
    var rootBindings: [[UInt8]: [UInt8]] = [:]
    var root = true
    var i = 0
    while let t = x.nextTag(from: i) {
      i = t.end
      guard t.kind != .close else { continue }
      for (prefix, uri) in x.namespaceDeclarations(t) {
        bindings[prefix, default: []].insert(uri)
        if root { rootBindings[prefix] = uri }
      }
      root = false
    }
    let wordURIs = OOXMLNamespace.word.map { Array($0.utf8) }
    let mcURI = Array(OOXMLNamespace.markupCompatibility.utf8)
    for (prefix, uris) in bindings.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
      let relevant = uris.filter { wordURIs.contains($0) || $0 == mcURI }
      guard let uri = relevant.first else { continue }
      guard uris.count == 1 else { throw Ambiguous() }
      if uri == mcURI {
        mc.append(prefix)
      } else {
        word.append(prefix)
        wordURI = String(decoding: uri, as: UTF8.self)
      }
    }
    // A part without any declaration (a fragment) is read as Word writes it.
    if bindings.isEmpty {
      word = [Array("w".utf8)]
      mc = [Array("mc".utf8)]
    }
    let w = Array("w".utf8)
    if !bindings.isEmpty, rootBindings[w].map(wordURIs.contains) != true {
      // New elements carry their own declarations: `w` for their names, and the part's own
      // prefixes for the properties copied from its paragraphs.
      var decl = " xmlns:w=\"\(wordURI)\""
      for p in word where p != w {
        decl +=
          p.isEmpty ? " xmlns=\"\(wordURI)\"" : " xmlns:\(String(decoding: p, as: UTF8.self))=\"\(wordURI)\""
      }
      declarations = decl
    }
  }

  /// The element is WordprocessingML's `local`.
  func isWord(_ x: XMLBytes, _ t: XMLTag, _ local: String) -> Bool {
    Self.matches(x, t, local, word)
  }

  /// The element is markup compatibility's `local`.
  func isMC(_ x: XMLBytes, _ t: XMLTag, _ local: String) -> Bool {
    Self.matches(x, t, local, mc)
  }

  private static func matches(_ x: XMLBytes, _ t: XMLTag, _ local: String, _ prefixes: [[UInt8]]) -> Bool {
    let l = local.utf8
    let n = t.name.count
    guard n >= l.count, x.b[(t.name.upperBound - l.count)..<t.name.upperBound].elementsEqual(l) else {
      return false
    }
    let prefixLength = n - l.count
    for p in prefixes {
      if p.isEmpty {
        if prefixLength == 0 { return true }
      } else if prefixLength == p.count + 1, x.b[t.name.lowerBound + p.count] == 0x3A,
        x.b[t.name.lowerBound..<t.name.lowerBound + p.count].elementsEqual(p)
      {
        return true
      }
    }
    return false
  }

  /// The element's name with its local part replaced (`ns0:t` becomes `ns0:delText`).
  static func renamed(_ x: XMLBytes, _ t: XMLTag, to local: String) -> [UInt8] {
    let name = x.b[t.name]
    guard let colon = name.firstIndex(of: 0x3A) else { return Array(local.utf8) }
    return Array(x.b[t.name.lowerBound...colon]) + Array(local.utf8)
  }
}

extension XMLBytes {
  /// The `xmlns` and `xmlns:p` attributes of an open or empty tag, as (prefix, namespace).
  func namespaceDeclarations(_ t: XMLTag) -> [(prefix: [UInt8], uri: [UInt8])] {
    var out: [(prefix: [UInt8], uri: [UInt8])] = []
    let end = t.kind == .empty ? t.end - 2 : t.end - 1
    var i = t.name.upperBound
    while i < end {
      while i < end, Self.isSpace(b[i]) { i += 1 }
      let nameStart = i
      while i < end, b[i] != 0x3D, !Self.isSpace(b[i]) { i += 1 }
      let name = nameStart..<i
      while i < end, Self.isSpace(b[i]) { i += 1 }
      guard i < end, b[i] == 0x3D else { return out }
      i += 1
      while i < end, Self.isSpace(b[i]) { i += 1 }
      guard i < end, b[i] == 0x22 || b[i] == 0x27 else { return out }
      let quote = b[i]
      let valueStart = i + 1
      guard let close = b[valueStart..<end].firstIndex(of: quote) else { return out }
      i = close + 1
      let xmlns = Array("xmlns".utf8)
      guard name.count >= 5, b[name.lowerBound..<name.lowerBound + 5].elementsEqual(xmlns) else { continue }
      if name.count == 5 {
        out.append(([], Array(b[valueStart..<close])))
      } else if b[name.lowerBound + 5] == 0x3A {
        out.append((Array(b[(name.lowerBound + 6)..<name.upperBound]), Array(b[valueStart..<close])))
      }
    }
    return out
  }

  static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
}
