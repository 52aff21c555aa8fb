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

  func isName(_ t: XMLTag, _ name: String) -> Bool {
    let u = name.utf8
    guard t.name.count == u.count else { return false }
    return zip(b[t.name], u).allSatisfy { $0 == $1 }
  }

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

  /// The bytes of `range` with top-level child elements named in `replacements` replaced by the
  /// given text (nil removes them).
  func replacingChildren(in range: Range<Int>, _ replacements: [String: String?]) -> [UInt8] {
    var out: [UInt8] = []
    var copied = range.lowerBound
    var depth = 0
    var i = range.lowerBound
    while let t = nextTag(from: i, limit: range.upperBound) {
      i = t.end
      if depth == 0, t.kind != .close, let hit = replacements.first(where: { isName(t, $0.key) }) {
        guard let end = closing(t, limit: range.upperBound) else { break }
        out += b[copied..<t.start]
        if let text = hit.value { out += Array(text.utf8) }
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
