/// The matching view of a text: width-folded, lower-cased, whitespace removed, kanji numerals as
/// Arabic digits and a few spelling variants unified, with maps back to source offsets.
///
/// Rules and topic terms go through the same folding, so a term written one way matches the
/// text written another ("三十日" and "30日", "または" and "又は", "ＶＰＮ" and "vpn").
public struct NormalizedText: Sendable {
  /// Folded scalars.
  public let chars: [UInt32]
  /// For each folded scalar, the source offset it came from; one extra entry for the end.
  public let toSource: [Int32]
  /// For each source offset (and the end), the first folded index at or after it.
  public let fromSource: [Int32]

  /// Folded range covering a source range.
  public func range(ofSource r: Range<Int>) -> Range<Int> {
    Int(fromSource[r.lowerBound])..<Int(fromSource[r.upperBound])
  }
}

public enum Normalizer {
  static let kanjiDigitBase: UInt32 = 0x11_0000
  static let kanjiTen: UInt32 = 0x11_0010
  static let kanjiHundred: UInt32 = 0x11_0011
  static let kanjiThousand: UInt32 = 0x11_0012

  /// Mark, in `table`, a scalar that starts one of `variants`, "ケ", "カ" or "箇" (which may count
  /// months), and the letters OCR writes for the parties' labels (`ocrParty`): one table load and one
  /// comparison per scalar find the few that need more.
  static let variantFlag: UInt32 = 0x8000_0000
  static let counterFlag: UInt32 = 0x4000_0000
  static let ocrFlag: UInt32 = 0x2000_0000
  static let flags = variantFlag | counterFlag | ocrFlag

  /// Single-scalar folding for the Basic Multilingual Plane. 0 means "drop".
  /// Values from `kanjiDigitBase` upwards mark kanji numerals for the run conversion.
  static let table: [UInt32] = {
    var t = (0..<UInt32(0x1_0000)).map { $0 }
    for ws: UInt32 in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0x200B, 0xFEFF, 0x2028, 0x2029] {
      t[Int(ws)] = 0
    }
    for c in UInt32(0xFF01)...0xFF5E { t[Int(c)] = c - 0xFEE0 }
    for c in UInt32(0x41)...0x5A { t[Int(c)] = c + 0x20 }
    for c in UInt32(0xFF21)...0xFF3A { t[Int(c)] = c - 0xFEE0 + 0x20 }
    t[0xFF0C] = 0x3001  // full-width comma is used as the Japanese comma
    t[0x30F6] = 0x304B  // ヶ → か
    t[0x30F5] = 0x304B  // ヵ → か
    // Half-width katakana: fold through NFKC one scalar at a time (voiced marks stay separate).
    for c in UInt32(0xFF61)...0xFF9F {
      if let folded = String(Character(Unicode.Scalar(c)!)).precomposedStringWithCompatibilityMapping
        .unicodeScalars.first
      {
        t[Int(c)] = folded.value
      }
    }
    let oldForms: [(Character, Character)] = [
      ("條", "条"), ("證", "証"), ("據", "拠"), ("從", "従"), ("擔", "担"), ("實", "実"), ("當", "当"),
      ("關", "関"), ("區", "区"), ("號", "号"), ("髙", "高"), ("﨑", "崎"), ("齋", "斎"), ("邊", "辺"),
      ("邉", "辺"), ("廣", "広"), ("惠", "恵"), ("國", "国"), ("縣", "県"), ("會", "会"), ("禮", "礼"),
      // OCR confusions with no other use in a contract: 仝 (an iteration mark) for 全.
      ("仝", "全"),
    ]
    for (from, to) in oldForms {
      t[Int(from.unicodeScalars.first!.value)] = to.unicodeScalars.first!.value
    }
    let digits: [(Character, UInt32)] = [
      ("〇", 0), ("零", 0), ("一", 1), ("壱", 1), ("二", 2), ("弐", 2), ("三", 3), ("参", 3), ("四", 4),
      ("五", 5), ("六", 6), ("七", 7), ("八", 8), ("九", 9),
    ]
    for (ch, v) in digits { t[Int(ch.unicodeScalars.first!.value)] = kanjiDigitBase + v }
    t[Int(("十" as Character).unicodeScalars.first!.value)] = kanjiTen
    t[Int(("拾" as Character).unicodeScalars.first!.value)] = kanjiTen
    t[Int(("百" as Character).unicodeScalars.first!.value)] = kanjiHundred
    t[Int(("千" as Character).unicodeScalars.first!.value)] = kanjiThousand
    for v in variants { t[Int(v.from[0])] |= variantFlag }
    for c in [0x30B1, 0x30AB, 0x7B87] { t[c] |= counterFlag }
    // OCR confusions read in context (`ocrParty`): Z or Ｚ for 乙, 申 for 甲.
    for c in [0x5A, 0xFF3A, 0x7533] { t[c] |= ocrFlag }
    return t
  }()

  /// Hiragana spellings folded to the kanji spelling used in most contracts.
  static let variants: [(from: [UInt32], to: [UInt32])] = [
    ("および", "及び"), ("または", "又は"), ("ならびに", "並びに"), ("もしくは", "若しくは"), ("ただし", "但し"),
    ("おこなう", "行う"), ("行なう", "行う"), ("漏洩", "漏えい"), ("毀損", "き損"), ("箇月", "か月"),
  ].map { (Array($0.0.unicodeScalars.map(\.value)), Array($0.1.unicodeScalars.map(\.value))) }
  /// The first two scalars of each variant, to reject common kana such as "な" and "ま" quickly.
  static let variantPairs: [UInt64] = variants.map { UInt64($0.from[0]) << 32 | UInt64($0.from[1]) }

  static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

  /// A kanji or katakana scalar: what a noun compound (「運用会議」「委員会」) is made of.
  static func isWordScalar(_ c: UInt32) -> Bool { (0x4E00...0x9FFF).contains(c) || isKatakana(c) }

  public static func normalize(_ text: String) -> NormalizedText {
    normalize(Array(text.unicodeScalars))
  }

  /// Folds a term literal the same way as a document.
  public static func fold(_ literal: String) -> [UInt32] {
    normalize(literal).chars
  }

  public static func normalize(_ source: [Unicode.Scalar]) -> NormalizedText {
    // Offsets are stored as Int32.
    precondition(source.count < Int(Int32.max) / 2, "text too long")
    var fromSource = [Int32](repeating: 0, count: source.count + 1)
    let (chars, toSource) = table.withUnsafeBufferPointer { table in
      source.withUnsafeBufferPointer { source in
        fromSource.withUnsafeMutableBufferPointer { fromSource in
          fold(source, table: table, fromSource: fromSource)
        }
      }
    }
    return NormalizedText(chars: chars, toSource: toSource, fromSource: fromSource)
  }

  /// The folding loop over unchecked buffers (it runs for every scalar of every contract), in a
  /// function of its own: arrays captured by the buffer closures cost far more per append.
  private static func fold(
    _ source: UnsafeBufferPointer<Unicode.Scalar>, table: UnsafeBufferPointer<UInt32>,
    fromSource: UnsafeMutableBufferPointer<Int32>
  ) -> (chars: [UInt32], toSource: [Int32]) {
    let n = source.count
    var chars: [UInt32] = []
    chars.reserveCapacity(n + 16)
    var toSource: [Int32] = []
    toSource.reserveCapacity(n + 17)
    func fold(_ c: UInt32) -> UInt32 { c < 0x1_0000 ? table[Int(c)] & ~flags : c }
    var i = 0
    while i < n {
      fromSource[i] = Int32(truncatingIfNeeded: chars.count)
      let raw = source[i].value
      let entry = raw < 0x1_0000 ? table[Int(raw)] : raw
      var f = entry
      if entry >= ocrFlag {
        // Spelling variants (multi-scalar).
        if entry & variantFlag != 0, let v = matchVariant(source, at: i) {
          for c in v.to {
            chars.append(c)
            toSource.append(Int32(truncatingIfNeeded: i))
          }
          for k in i..<(i + v.from.count) {
            fromSource[k] = Int32(truncatingIfNeeded: chars.count - v.to.count)
          }
          i += v.from.count
          continue
        }
        f = entry & ~flags
        // "3ケ月", "3カ月", "3箇月" → "3か月".
        if entry & counterFlag != 0, let last = chars.last, isDigit(last), i + 1 < n, source[i + 1] == "月" {
          f = 0x304B
        } else if entry & ocrFlag != 0, let party = ocrParty(source, at: i) {
          f = party
        }
      }
      if f == 0 {
        i += 1
        continue
      }
      // 「サ一ビス」: OCR reads the long vowel mark between katakana as the numeral 一 (looked for
      // among kanji numerals only, off the path of every other scalar).
      if f >= kanjiDigitBase, raw == 0x4E00, i > 0, i + 1 < n, isKatakana(source[i - 1].value),
        isKatakana(source[i + 1].value)
      {
        f = 0x30FC
      }
      if f >= kanjiDigitBase {
        // A run of kanji numerals (spaces inside are not allowed) becomes Arabic digits.
        var j = i
        var run: [UInt32] = []
        while j < n {
          let g = fold(source[j].value)
          guard g >= kanjiDigitBase else { break }
          run.append(g)
          j += 1
        }
        for d in kanjiRunValue(run).utf8 {
          chars.append(UInt32(d))
          toSource.append(Int32(truncatingIfNeeded: i))
        }
        for k in i..<j { fromSource[k] = fromSource[i] }
        i = j
        continue
      }
      chars.append(f)
      toSource.append(Int32(truncatingIfNeeded: i))
      i += 1
    }
    fromSource[n] = Int32(truncatingIfNeeded: chars.count)
    toSource.append(Int32(truncatingIfNeeded: n))
    return (chars, toSource)
  }

  /// Scanned contracts read through OCR write 乙 as Z (「Zは、」「甲Zは」) and 甲 as 申 (「申の指示」
  /// 「申乙の協議」). A Z between two non-Latin scalars, and a 申 before a particle or 乙 where no word
  /// (申請, 申出, 申し入れ) goes on, stand for the parties' labels.
  static func ocrParty(_ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int) -> UInt32? {
    let c = s[i].value
    func latin(_ k: Int) -> Bool {
      guard k >= 0, k < s.count else { return false }
      let v = s[k].value
      return (v < 0x80 && isASCIILetterOrDigit(v)) || (0xFF10...0xFF5A).contains(v)
    }
    func blank(_ k: Int) -> Bool { k < 0 || k >= s.count || s[k].value <= 0x20 || s[k].value == 0x3000 }
    if c == 0x5A || c == 0xFF3A {
      // 「Zは、」 opening a paragraph after its number and a blank, or inside Japanese text.
      return !latin(i - 1) && !latin(i + 1) && !blank(i + 1) && (i + 1 < s.count && s[i + 1].value >= 0x3000)
        ? 0x4E59 : nil
    }
    guard c == 0x7533, i + 1 < s.count else { return nil }
    return ocrAfterParty.contains(s[i + 1].value) ? 0x7532 : nil
  }
  static let ocrAfterParty: Set<UInt32> = Set("はがのと及乙Z、".unicodeScalars.map(\.value))
  static func isASCIILetterOrDigit(_ v: UInt32) -> Bool {
    (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
  }
  static func isKatakana(_ v: UInt32) -> Bool { (0x30A1...0x30FA).contains(v) || v == 0x30FC }

  private static func matchVariant(_ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int) -> (
    from: [UInt32], to: [UInt32]
  )? {
    guard i + 1 < s.count else { return nil }
    let pair = UInt64(s[i].value) << 32 | UInt64(s[i + 1].value)
    guard variantPairs.contains(pair) else { return nil }
    for v in variants where v.from[0] == s[i].value && i + v.from.count <= s.count {
      if v.from.indices.allSatisfy({ s[i + $0].value == v.from[$0] }) { return v }
    }
    return nil
  }

  /// "二十一" → "21", "二〇二四" → "2024", "百" → "100". A run too large for Int (a long run with
  /// 十百千 in it) keeps its digits in order instead, so it still matches itself and cannot overflow.
  static func kanjiRunValue(_ run: [UInt32]) -> String {
    let hasMultiplier = run.contains { $0 >= kanjiTen }
    if !hasMultiplier { return digitsOnly(run) }
    var total = 0
    var current = 0
    for c in run {
      switch c {
      case kanjiTen, kanjiHundred, kanjiThousand:
        let m = c == kanjiTen ? 10 : c == kanjiHundred ? 100 : 1000
        let (product, o1) = (current == 0 ? 1 : current).multipliedReportingOverflow(by: m)
        let (sum, o2) = total.addingReportingOverflow(product)
        if o1 || o2 { return digitsOnly(run) }
        total = sum
        current = 0
      default:
        let (times10, o1) = current.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.addingReportingOverflow(Int(c - kanjiDigitBase))
        if o1 || o2 { return digitsOnly(run) }
        current = next
      }
    }
    let (value, overflow) = total.addingReportingOverflow(current)
    return overflow ? digitsOnly(run) : String(value)
  }

  /// The kanji digits of a run as ASCII digits, multipliers left out.
  static func digitsOnly(_ run: [UInt32]) -> String {
    String(
      String.UnicodeScalarView(
        run.compactMap { $0 < kanjiTen ? Unicode.Scalar(UInt8(0x30 + ($0 - kanjiDigitBase))) : nil }))
  }
}
