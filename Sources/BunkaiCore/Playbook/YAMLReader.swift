import Yams

/// A problem in a data file, with the file, line and field it concerns.
public struct DataFileError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var field: String
  public var message: String

  public init(file: String, line: Int?, field: String, message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  public var description: String {
    let place = line.map { "\(file):\($0)" } ?? file
    return field.isEmpty ? "\(place): \(message)" : "\(place): 項目 \(field): \(message)"
  }
}

/// Several problems found in one file; all are reported at once so the author can fix them together.
public struct DataFileErrors: Error, Sendable, CustomStringConvertible {
  public var errors: [DataFileError]
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Walks a composed YAML tree, collecting errors that name the field and line.
struct YAMLReader {
  /// Concept lexicons read so far; "@name" in a condition expands to them.
  var concepts: [String: [String]] = [:]
  let file: String
  var errors: [DataFileError] = []

  init(file: String) { self.file = file }

  /// Yams resolves no plain scalar: each resolving rule is a regular expression run on every key
  /// and value when a file loads (with all seven, an eighth of a single review; with booleans and
  /// integers alone, a twentieth), and the few booleans and integers are read by `bool` and `int`.
  static let resolver = Resolver.basic

  /// Parses the text into a node tree, or records the syntax error.
  mutating func compose(_ text: String) -> Node? {
    do {
      guard let node = try Yams.compose(yaml: text, Self.resolver) else {
        fail(nil, "", "ファイルが空です")
        return nil
      }
      return node
    } catch let error as YamlError {
      errors.append(
        DataFileError(
          file: file, line: Self.line(of: error), field: "", message: "YAML の書式が正しくありません: \(error)"))
      return nil
    } catch {
      fail(nil, "", "YAML を読めません: \(error)")
      return nil
    }
  }

  static func line(of error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    default:
      return nil
    }
  }

  mutating func fail(_ node: Node?, _ field: String, _ message: String) {
    errors.append(DataFileError(file: file, line: node?.mark?.line, field: field, message: message))
  }

  /// The value of `key` (the last, if the key is repeated, as Yams reads it). Yams's own subscript
  /// builds a node for the key and compares whole nodes, tags resolved, with every key: a fifth of
  /// loading the playbook (perf). Keys here are plain strings, so their text alone is compared.
  func value(_ node: Node, _ key: String) -> Node? {
    guard let m = node.mapping else { return nil }
    var i = m.endIndex
    while i > m.startIndex {
      i -= 1
      if m[i].key.scalar?.string == key { return m[i].value }
    }
    return nil
  }

  mutating func mapping(_ node: Node, _ field: String) -> Node.Mapping? {
    guard let m = node.mapping else {
      fail(node, field, "キーと値の組（マッピング）を書いてください")
      return nil
    }
    return m
  }

  /// A non-empty string; prose is unfolded (see `unfold`) unless `verbatim`.
  mutating func string(
    _ node: Node, _ key: String, _ path: String, required: Bool = true, verbatim: Bool = false
  )
    -> String?
  {
    guard let v = value(node, key) else {
      if required { fail(node, join(path, key), "必須の項目がありません") }
      return nil
    }
    guard let raw = v.scalar?.string, case let s = Self.trimmed(raw), !s.isEmpty else {
      fail(v, join(path, key), "空でない文字列を書いてください")
      return nil
    }
    return verbatim ? s : Self.unfold(s)
  }

  /// The string without leading and trailing white space (Unicode's, the ideographic space
  /// included). Foundation's `trimmingCharacters` goes through NSString, and was a twentieth of a
  /// single review.
  static func trimmed(_ s: String) -> String {
    let scalars = s.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex { !$0.properties.isWhitespace }!
    if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return s }
    return String(scalars[first...last])
  }

  /// YAML folds line breaks into spaces, which Japanese does not use: drop a space or line break
  /// that sits between a non-ASCII character, keep the others.
  static func unfold(_ s: String) -> String {
    let chars = Array(s)
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for (i, c) in chars.enumerated() {
      if c == " " || c == "\n", i > 0, i + 1 < chars.count, !(chars[i - 1].isASCII && chars[i + 1].isASCII) {
        continue
      }
      out.append(c)
    }
    return out
  }

  mutating func strings(_ node: Node, _ key: String, _ path: String, required: Bool = false) -> [String] {
    guard let v = value(node, key) else {
      if required { fail(node, join(path, key), "必須の項目がありません") }
      return []
    }
    if let s = v.scalar?.string { return [s] }
    guard let seq = v.sequence else {
      fail(v, join(path, key), "文字列のリストを書いてください")
      return []
    }
    var out: [String] = []
    for (i, item) in seq.enumerated() {
      if let s = item.scalar?.string, !s.isEmpty {
        out.append(s)
      } else {
        fail(item, "\(join(path, key))[\(i)]", "文字列を書いてください")
      }
    }
    return out
  }

  /// The spellings YAML 1.1 (Yams's default resolver) reads as booleans.
  static let booleans: [String: Bool] = Dictionary(
    uniqueKeysWithValues: [
      ("true", true), ("yes", true), ("on", true), ("false", false), ("no", false), ("off", false),
    ]
    .flatMap { w, b in [w, w.capitalized, w.uppercased()].map { ($0, b) } })

  mutating func bool(_ node: Node, _ key: String, _ path: String, default value: Bool) -> Bool {
    guard let v = self.value(node, key) else { return value }
    // Only a plain scalar is a boolean: a quoted "true" is a string.
    guard let scalar = v.scalar, scalar.style == .plain, let b = Self.booleans[scalar.string] else {
      fail(v, join(path, key), "true か false を書いてください")
      return value
    }
    return b
  }

  mutating func int(_ node: Node, _ key: String, _ path: String) -> Int? {
    guard let v = value(node, key) else { return nil }
    guard let scalar = v.scalar, scalar.style == .plain, let i = Int.construct(from: scalar) else {
      fail(v, join(path, key), "整数を書いてください")
      return nil
    }
    return i
  }

  mutating func list(_ node: Node, _ key: String, _ path: String) -> [Node] {
    guard let v = value(node, key) else { return [] }
    guard let seq = v.sequence else {
      fail(v, join(path, key), "リストを書いてください")
      return []
    }
    return Array(seq)
  }

  /// Rejects keys the schema does not know (a typo would otherwise silently do nothing).
  mutating func checkKeys(_ node: Node, _ allowed: Set<String>, _ path: String) {
    guard let m = node.mapping else { return }
    for (k, _) in m {
      if let name = k.string, !allowed.contains(name) {
        fail(k, join(path, name), "未知の項目です（使える項目: \(allowed.sorted().joined(separator: ", "))）")
      }
    }
  }

  func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
