import BunkaiCore
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

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

  /// The label text for a numbered paragraph, advancing the list's counters.
  mutating func label(numId: String, level: Int) -> String? {
    guard numId != "0", let num = nums[numId], let levels = abstract[num.abstract], let def = levels[level]
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

  static func roman(_ n: Int) -> String {
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
    let p = XMLParser(data: data)
    p.delegate = h
    _ = p.parse()  // numbering is optional: a broken part just leaves lists unnumbered
    abstract = h.abstract
    nums = h.nums
  }

  private mutating func parseStyles(_ data: Data) {
    let h = StyleHandler()
    let p = XMLParser(data: data)
    p.delegate = h
    _ = p.parse()  // numbering is optional: a broken part just leaves lists unnumbered
    styles = h.styles
  }
}

private final class NumberingHandler: NSObject, XMLParserDelegate {
  var abstract: [String: [Int: DocxNumbering.Level]] = [:]
  var nums: [String: (abstract: String, starts: [Int: Int])] = [:]
  var currentAbstract: String?
  var currentLevel: Int?
  var currentNum: String?
  var overrideLevel: Int?

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes a: [String: String] = [:]
  ) {
    let v = a["w:val"]
    switch name {
    case "w:abstractNum": currentAbstract = a["w:abstractNumId"]
    case "w:lvl":
      currentLevel = a["w:ilvl"].flatMap(Int.init)
      if let id = currentAbstract, let l = currentLevel {
        abstract[id, default: [:]][l] = DocxNumbering.Level()
      }
    case "w:start":
      if let id = currentAbstract, let l = currentLevel, let v, let n = Int(v) { abstract[id]?[l]?.start = n }
    case "w:numFmt":
      if let id = currentAbstract, let l = currentLevel, let v { abstract[id]?[l]?.format = v }
    case "w:lvlText":
      if let id = currentAbstract, let l = currentLevel { abstract[id]?[l]?.text = v ?? "" }
    case "w:suff":
      if let id = currentAbstract, let l = currentLevel {
        abstract[id]?[l]?.suffix = v == "space" ? " " : v == "nothing" ? "" : "\t"
      }
    case "w:num": currentNum = a["w:numId"]
    case "w:abstractNumId":
      if let num = currentNum, let v { nums[num] = (v, [:]) }
    case "w:lvlOverride": overrideLevel = a["w:ilvl"].flatMap(Int.init)
    case "w:startOverride":
      if let num = currentNum, let l = overrideLevel, let v, let n = Int(v) { nums[num]?.starts[l] = n }
    default: break
    }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    switch name {
    case "w:abstractNum": currentAbstract = nil
    case "w:lvl": currentLevel = nil
    case "w:num": currentNum = nil
    case "w:lvlOverride": overrideLevel = nil
    default: break
    }
  }
}

private final class StyleHandler: NSObject, XMLParserDelegate {
  var styles: [String: (numId: String, level: Int)] = [:]
  var current: String?
  var numId: String?
  var level = 0

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes a: [String: String] = [:]
  ) {
    switch name {
    case "w:style":
      current = a["w:styleId"]
      numId = nil
      level = 0
    case "w:numId": numId = a["w:val"]
    case "w:ilvl": level = a["w:val"].flatMap(Int.init) ?? 0
    default: break
    }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    if name == "w:style", let current, let numId { styles[current] = (numId, level) }
    if name == "w:style" { current = nil }
  }
}
