import BunkaiCore
import Foundation

/// Word's automatic numbering (numbering.xml + styles.xml), so "第%1条" lists read as "第1条".
struct DocxNumbering {
  struct Level {
    var start = 1
    var format = "decimal"
    var text = ""
    var suffix = "\t"
  }
  /// abstractNumId → level → definition.
  var abstract: [String: [Int: Level]] = [:]
  /// numId → (abstractNumId, level → start override).
  var nums: [String: (abstract: String, starts: [Int: Int])] = [:]
  /// styleId → (numId, ilvl) for paragraph styles that carry numbering.
  var styles: [String: (numId: String, level: Int)] = [:]
  /// numId → current counters per level.
  private var counters: [String: [Int: Int]] = [:]

  init(numbering: Data?, styles: Data?) {
    if let numbering { parseNumbering(numbering) }
    if let styles { parseStyles(styles) }
  }

  /// Numbers are kept within 0...maxValue: Word's own start values stay far below it, and a
  /// hostile start (near Int.max, or 1e11 in roman numerals) can neither overflow a counter nor
  /// make a label megabytes long. Counters grow by one per paragraph, so they stay far from overflow.
  static let maxValue = Numerals.maxValue
  /// Word allows nine levels (0...8).
  static let levels = 0...8
  /// Longest level text kept (Word's own are a few characters, "第%1条").
  static let maxLevelText = 64

  static func clampStart(_ s: String?) -> Int? {
    guard let s, s.utf8.count <= 20, let n = Int(s) else { return nil }
    return min(max(n, 0), maxValue)
  }

  static func level(_ s: String?) -> Int? {
    guard let s, s.utf8.count <= 4, let n = Int(s), levels.contains(n) else { return nil }
    return n
  }

  /// The label text for a numbered paragraph, advancing the list's counters.
  mutating func label(numId: String, level: Int) -> String? {
    guard numId != "0", Self.levels.contains(level), let num = nums[numId],
      let levels = abstract[num.abstract],
      let def = levels[level]
    else {
      return nil
    }
    var c = counters[numId] ?? [:]
    let start = num.starts[level] ?? def.start
    c[level] = (c[level] ?? (start - 1)) + 1
    for deeper in c.keys where deeper > level { c[deeper] = nil }
    counters[numId] = c
    if def.format == "none" { return nil }
    var text = def.text
    for l in 0...8 where text.contains("%\(l + 1)") {
      let ldef = levels[l] ?? Level()
      let value = c[l] ?? (num.starts[l] ?? ldef.start)
      text = text.replacingOccurrences(of: "%\(l + 1)", with: Self.format(value, ldef.format))
    }
    return text.isEmpty ? nil : text + def.suffix
  }

  static func format(_ n: Int, _ f: String) -> String {
    switch f {
    case "decimalFullWidth", "decimalFullWidth2":
      return Numerals.write(n, style: .fullWidth)
    case "japaneseCounting", "japaneseLegal", "japaneseDigitalTenThousand", "chineseCounting",
      "chineseCountingThousand", "ideographTraditional":
      return Numerals.write(n, style: .kanji)
    case "ideographDigital":
      let d = Array("〇一二三四五六七八九")
      return String(String(n).compactMap { $0.wholeNumberValue.map { d[$0] } })
    case _ where n < 0 || n > maxValue:
      return String(n)
    case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String(Unicode.Scalar(0x2460 + UInt32(n - 1))!) : "(\(n))"
    case "decimalEnclosedParen":
      return n >= 1 && n <= 20 ? String(Unicode.Scalar(0x2474 + UInt32(n - 1))!) : "(\(n))"
    case "aiueo", "aiueoFullWidth":
      let k = Array("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン")
      return n >= 1 && n <= k.count ? String(k[n - 1]) : String(n)
    case "iroha", "irohaFullWidth":
      let k = Array("イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス")
      return n >= 1 && n <= k.count ? String(k[n - 1]) : String(n)
    case "lowerLetter":
      return n >= 1 && n <= 26 ? String(Character(Unicode.Scalar(0x60 + UInt32(n))!)) : String(n)
    case "upperLetter":
      return n >= 1 && n <= 26 ? String(Character(Unicode.Scalar(0x40 + UInt32(n))!)) : String(n)
    case "lowerRoman": return roman(n).lowercased()
    case "upperRoman": return roman(n)
    case "bullet": return ""
    default: return String(n)
    }
  }

  /// Roman numerals for 1...3999; other numbers in Arabic digits (so a huge start costs no time).
  static func roman(_ n: Int) -> String {
    guard n >= 1 && n <= 3999 else { return String(n) }
    let table: [(Int, String)] = [
      (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
      (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    var rest = n
    var out = ""
    for (v, s) in table {
      while rest >= v {
        out += s
        rest -= v
      }
    }
    return out
  }

  private mutating func parseNumbering(_ data: Data) {
    let h = NumberingHandler()
    // Numbering is optional: a broken part just leaves lists unnumbered.
    try? XMLEvents.parse(data, h)
    abstract = h.abstract
    nums = h.nums
  }

  private mutating func parseStyles(_ data: Data) {
    let h = StyleHandler()
    // Numbering is optional: a broken part just leaves lists unnumbered.
    try? XMLEvents.parse(data, h)
    styles = h.styles
  }
}

/// The w:val-style attribute `local` of a WordprocessingML element.
private func wordAttribute(_ a: [XMLEvents.Attribute], _ local: String) -> String? {
  a.first { $0.local == local && OOXMLNamespace.word.contains($0.namespace) }?.value
}

private final class NumberingHandler: XMLEventHandler {
  var abstract: [String: [Int: DocxNumbering.Level]] = [:]
  var nums: [String: (abstract: String, starts: [Int: Int])] = [:]
  var currentAbstract: String?
  var currentLevel: Int?
  var currentNum: String?
  var overrideLevel: Int?
  var alternates = AlternateContentFilter()

  func start(_ ns: String, _ name: String, _ a: [XMLEvents.Attribute]) {
    if alternates.start(ns, name) { return }
    guard OOXMLNamespace.word.contains(ns) else { return }
    let v = wordAttribute(a, "val")
    switch name {
    case "abstractNum": currentAbstract = wordAttribute(a, "abstractNumId")
    case "lvl":
      currentLevel = DocxNumbering.level(wordAttribute(a, "ilvl"))
      if let id = currentAbstract, let l = currentLevel {
        abstract[id, default: [:]][l] = DocxNumbering.Level()
      }
    case "start":
      if let id = currentAbstract, let l = currentLevel, let n = DocxNumbering.clampStart(v) {
        abstract[id]?[l]?.start = n
      }
    case "numFmt":
      if let id = currentAbstract, let l = currentLevel, let v { abstract[id]?[l]?.format = v }
    case "lvlText":
      if let id = currentAbstract, let l = currentLevel {
        abstract[id]?[l]?.text = String((v ?? "").prefix(DocxNumbering.maxLevelText))
      }
    case "suff":
      if let id = currentAbstract, let l = currentLevel {
        abstract[id]?[l]?.suffix = v == "space" ? " " : v == "nothing" ? "" : "\t"
      }
    case "num": currentNum = wordAttribute(a, "numId")
    case "abstractNumId":
      if let num = currentNum, let v { nums[num] = (v, [:]) }
    case "lvlOverride": overrideLevel = DocxNumbering.level(wordAttribute(a, "ilvl"))
    case "startOverride":
      if let num = currentNum, let l = overrideLevel, let n = DocxNumbering.clampStart(v) {
        nums[num]?.starts[l] = n
      }
    default: break
    }
  }

  func end(_ ns: String, _ name: String) {
    if alternates.end(ns, name) { return }
    guard OOXMLNamespace.word.contains(ns) else { return }
    switch name {
    case "abstractNum": currentAbstract = nil
    case "lvl": currentLevel = nil
    case "num": currentNum = nil
    case "lvlOverride": overrideLevel = nil
    default: break
    }
  }

  func text(_ text: String) {}
}

private final class StyleHandler: XMLEventHandler {
  var styles: [String: (numId: String, level: Int)] = [:]
  var current: String?
  var numId: String?
  var level = 0
  var alternates = AlternateContentFilter()

  func start(_ ns: String, _ name: String, _ a: [XMLEvents.Attribute]) {
    if alternates.start(ns, name) { return }
    guard OOXMLNamespace.word.contains(ns) else { return }
    switch name {
    case "style":
      current = wordAttribute(a, "styleId")
      numId = nil
      level = 0
    case "numId": numId = wordAttribute(a, "val")
    case "ilvl": level = DocxNumbering.level(wordAttribute(a, "val")) ?? 0
    default: break
    }
  }

  func end(_ ns: String, _ name: String) {
    if alternates.end(ns, name) { return }
    guard OOXMLNamespace.word.contains(ns), name == "style" else { return }
    if let current, let numId { styles[current] = (numId, level) }
    current = nil
  }

  func text(_ text: String) {}
}
