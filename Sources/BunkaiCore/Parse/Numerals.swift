/// Reading and writing the numbers of article and paragraph markers.
public enum Numerals {
  static func digitValue(_ s: Unicode.Scalar) -> Int? {
    switch s.value {
    case 0x30...0x39: Int(s.value - 0x30)
    case 0xFF10...0xFF19: Int(s.value - 0xFF10)
    default: nil
    }
  }

  /// Values of 〇一二…九 and their formal forms (a switch: dictionary look-ups hashed per scalar).
  static func kanjiDigit(_ s: Unicode.Scalar) -> Int? {
    switch s {
    case "〇", "零": 0
    case "一", "壱": 1
    case "二", "弐": 2
    case "三", "参": 3
    case "四": 4
    case "五": 5
    case "六": 6
    case "七": 7
    case "八": 8
    case "九": 9
    default: nil
    }
  }

  /// Values of 十百千 and their formal forms.
  static func kanjiMultiplier(_ s: Unicode.Scalar) -> Int? {
    switch s {
    case "十", "拾": 10
    case "百": 100
    case "千": 1000
    default: nil
    }
  }

  /// 〇一二…九, 十百千 and their formal forms (checked at the start of every line).
  static func isKanjiNumeral(_ s: Unicode.Scalar) -> Bool {
    kanjiDigit(s) != nil || kanjiMultiplier(s) != nil
  }

  /// Reads a number (Arabic, full-width or kanji) starting at `i`.
  static func read(_ s: [Unicode.Scalar], at i: Int, end: Int) -> (value: Int, next: Int, style: NumberStyle)?
  {
    var j = i
    var value = 0
    var fullWidth = false
    while j < end, let d = digitValue(s[j]) {
      if s[j].value >= 0xFF10 { fullWidth = true }
      value = value * 10 + d
      j += 1
    }
    if j > i { return (value, j, fullWidth ? .fullWidth : .arabic) }
    var hasMultiplier = false
    while j < end, isKanjiNumeral(s[j]) {
      if kanjiMultiplier(s[j]) != nil { hasMultiplier = true }
      j += 1
    }
    guard j > i else { return nil }
    let run = s[i..<j]
    if !hasMultiplier {
      for c in run { value = value * 10 + kanjiDigit(c)! }
      return (value, j, .kanji)
    }
    var total = 0
    var current = 0
    for c in run {
      if let m = kanjiMultiplier(c) {
        total += (current == 0 ? 1 : current) * m
        current = 0
      } else {
        current = current * 10 + kanjiDigit(c)!
      }
    }
    return (total + current, j, .kanji)
  }

  /// Writes a number in a style: 12, １２ or 十二.
  public static func write(_ n: Int, style: NumberStyle) -> String {
    switch style {
    case .arabic: return String(n)
    case .fullWidth:
      return String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0)!) })
    case .kanji: return kanji(n)
    }
  }

  static func kanji(_ n: Int) -> String {
    let digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    if n == 0 { return "〇" }
    var out = ""
    var rest = n
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十")] {
      let q = rest / unit
      if q > 0 { out += (q == 1 ? "" : digits[q]) + name }
      rest %= unit
    }
    if rest > 0 { out += digits[rest] }
    return out
  }

  /// "12の2" in a style: 第十二条の二, 第１２条の２.
  public static func articleLabel(_ number: String, style: NumberStyle) -> String {
    let parts = number.split(separator: "の").compactMap { Int($0) }
    guard let main = parts.first else { return "第\(number)条" }
    var label = "第\(write(main, style: style))条"
    for sub in parts.dropFirst() { label += "の\(write(sub, style: style))" }
    return label
  }
}
