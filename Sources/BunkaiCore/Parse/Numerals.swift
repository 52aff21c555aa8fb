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

  /// The largest number `read` accepts. Article, paragraph and annex numbers stay far below it;
  /// a longer run of digits ("第99999999999999999999条") is not a marker, and every sum the
  /// parser and evaluator do with a number read (next number = max + 1) stays clear of overflow.
  public static let maxValue = 999_999_999

  /// Reads a number (Arabic, full-width or kanji) starting at `i`; nil when there is none or it
  /// exceeds `maxValue`.
  static func read(_ s: [Unicode.Scalar], at i: Int, end: Int) -> (value: Int, next: Int, style: NumberStyle)?
  {
    var j = i
    var value = 0
    var fullWidth = false
    while j < end, let d = digitValue(s[j]) {
      if s[j].value >= 0xFF10 { fullWidth = true }
      guard let v = appendDigit(value, d) else { return nil }
      value = v
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
      for c in run {
        guard let v = appendDigit(value, kanjiDigit(c)!) else { return nil }
        value = v
      }
      return (value, j, .kanji)
    }
    var total = 0
    var current = 0
    for c in run {
      if let m = kanjiMultiplier(c) {
        // current ≤ maxValue and m ≤ 1000: the product cannot overflow Int.
        total += (current == 0 ? 1 : current) * m
        current = 0
        if total > maxValue { return nil }
      } else {
        guard let v = appendDigit(current, kanjiDigit(c)!) else { return nil }
        current = v
      }
    }
    guard total + current <= maxValue else { return nil }
    return (total + current, j, .kanji)
  }

  /// value * 10 + digit, or nil past `maxValue`.
  static func appendDigit(_ value: Int, _ digit: Int) -> Int? {
    value > (maxValue - digit) / 10 ? nil : value * 10 + digit
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

  /// Kanji for any Int: 十二, 二千二十四, 一万二千, 九百二十二京… (negative numbers with "−").
  static func kanji(_ n: Int) -> String {
    if n == 0 { return "〇" }
    var rest = n.magnitude
    var groups: [String] = []
    // Groups of four digits, each with its myriad unit (万, 億, 兆, 京); UInt64 needs five.
    for unit in ["", "万", "億", "兆", "京"] where rest > 0 {
      let g = Int(rest % 10_000)
      rest /= 10_000
      if g > 0 { groups.append(kanjiBelowTenThousand(g) + unit) }
    }
    return (n < 0 ? "−" : "") + groups.reversed().joined()
  }

  /// 1...9999 in kanji, without a leading 一 before 十百千 (十二, not 一十二).
  static func kanjiBelowTenThousand(_ n: Int) -> String {
    let digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
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
