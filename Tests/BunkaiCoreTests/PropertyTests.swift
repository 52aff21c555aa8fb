import Foundation
import PropertyBased
import Testing

@testable import BunkaiCore

/// Properties that must hold for every input, not only the examples in the other tests.
@Suite struct NumeralPropertyTests {
  func read(_ s: String) -> (value: Int, next: Int, style: NumberStyle)? {
    let scalars = Array(s.unicodeScalars)
    return Numerals.read(scalars, at: 0, end: scalars.count)
  }

  @Test func arabicAndFullWidthRoundTrip() async {
    await propertyCheck(count: 2_000, input: Gen.int(in: 0...Numerals.maxValue)) { n in
      let arabic = read(Numerals.write(n, style: .arabic))
      #expect(arabic?.value == n && arabic?.style == .arabic)
      let full = read(Numerals.write(n, style: .fullWidth))
      #expect(full?.value == n && full?.style == .fullWidth)
    }
  }

  /// The reader knows 十百千 but not 万 (a line starting "万一" is not a number), so kanji round
  /// trips below ten thousand.
  @Test func kanjiRoundTripsBelowTenThousand() async {
    await propertyCheck(count: 2_000, input: Gen.int(in: 0...9_999)) { n in
      let s = Numerals.write(n, style: .kanji)
      let r = read(s)
      #expect(r?.value == n && r?.next == s.unicodeScalars.count, "\(s)")
    }
  }

  @Test func writingNeverTraps() async {
    await propertyCheck(count: 2_000, input: Gen.int()) { n in
      for style in [NumberStyle.arabic, .fullWidth, .kanji] {
        #expect(!Numerals.write(n, style: style).isEmpty)
      }
    }
  }

  static let numeralAlphabet = Array("0123456789０１２３４５６７８９〇零一壱二弐三参四五六七八九十拾百千万")

  /// Any run of digits and kanji numerals, of any length: read gives nothing or a number within
  /// the cap, and the normaliser folds it without overflow.
  @Test func anyDigitStringIsSafe() async {
    let gen = Gen.int(in: 0...(Self.numeralAlphabet.count - 1)).array(of: 0...60).map {
      String($0.map { NumeralPropertyTests.numeralAlphabet[$0] })
    }
    await propertyCheck(count: 3_000, input: gen) { s in
      if let r = read(s) {
        #expect(r.value >= 0 && r.value <= Numerals.maxValue)
        #expect(r.next > 0 && r.next <= s.unicodeScalars.count)
      }
      let n = Normalizer.normalize("第" + s + "条")
      #expect(!n.chars.isEmpty)
    }
  }
}

@Suite struct NormalizerOffsetPropertyTests {
  /// Characters the normaliser treats specially: spaces it drops, widths and cases it folds,
  /// kanji numerals, spelling variants, counters (ヶ月), and characters outside the BMP.
  static let alphabet = Array(
    "第条項のa Aｂ　\t\n一二十百千〇三およびまたはただしおこなう行なう漏洩箇月ヶケカ月3３４ＶＰＮ，、。甲乙💡𠮷ｶﾞ")

  static let text = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...80).map {
    String($0.map { NormalizerOffsetPropertyTests.alphabet[$0] })
  }

  @Test func everyOffsetMapsBackInsideTheSourceInOrder() async {
    await propertyCheck(count: 3_000, input: Self.text) { s in
      let source = Array(s.unicodeScalars)
      let n = Normalizer.normalize(source)
      #expect(n.toSource.count == n.chars.count + 1)
      #expect(n.fromSource.count == source.count + 1)
      #expect(n.toSource.last.map(Int.init) == source.count)
      #expect(n.fromSource.last.map(Int.init) == n.chars.count)
      // Monotonic both ways, and inside the other side's bounds.
      #expect(zip(n.toSource, n.toSource.dropFirst()).allSatisfy { $0 <= $1 }, "\(s)")
      #expect(zip(n.fromSource, n.fromSource.dropFirst()).allSatisfy { $0 <= $1 }, "\(s)")
      #expect(n.toSource.allSatisfy { $0 >= 0 && Int($0) <= source.count })
      #expect(n.fromSource.allSatisfy { $0 >= 0 && Int($0) <= n.chars.count })
      // A folded character points at a source character at or before the one it maps from.
      for k in 0..<n.chars.count {
        let src = Int(n.toSource[k])
        #expect(src < source.count)
        #expect(Int(n.fromSource[src]) <= k)
      }
      // Any source range maps to a folded range that is well formed.
      if !source.isEmpty {
        let a = source.count / 3
        let r = n.range(ofSource: a..<source.count)
        #expect(r.lowerBound <= r.upperBound && r.upperBound <= n.chars.count)
      }
    }
  }
}

/// The parser's own string helpers replaced Foundation calls on the hot path; for any mix of the
/// scalars contracts hold they must give what Foundation gives.
@Suite struct TextHelperPropertyTests {
  static let alphabet = Array("をいうますa 　\t\u{3000}\u{00A0}株式会社（）「」。\n")

  static let strings = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...30).map {
    String($0.map { TextHelperPropertyTests.alphabet[$0] })
  }

  @Test func removingTextIsReplacingOccurrences() async {
    await propertyCheck(count: 2_000, input: Self.strings) { s in
      for needle in ["をいう", "をいいます", "会社", "　"] {
        #expect(s.removingText(needle) == s.replacingOccurrences(of: needle, with: ""), "\(s)")
      }
    }
  }

  @Test func trimmingBlanksIsTrimmingWhitespaces() async {
    await propertyCheck(count: 2_000, input: Self.strings) { s in
      #expect(s.trimmingBlanks() == s.trimmingCharacters(in: .whitespaces), "\(s)")
    }
  }
}
