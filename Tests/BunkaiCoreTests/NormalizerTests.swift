import Testing

@testable import BunkaiCore

@Suite struct NormalizerTests {
  func folded(_ s: String) -> String {
    String(String.UnicodeScalarView(Normalizer.normalize(s).chars.compactMap(Unicode.Scalar.init)))
  }

  @Test func foldsWidthCaseAndSpaces() {
    #expect(folded("ＶＰＮ　を 用いる") == "vpnを用いる")
    #expect(folded("２省ガイドライン") == "2省ガイドライン")
    #expect(folded("甲，乙") == "甲、乙")
  }

  @Test func kanjiNumeralsBecomeDigits() {
    #expect(folded("三十日前") == "30日前")
    #expect(folded("第二十一条") == "第21条")
    #expect(folded("二〇二四年") == "2024年")
    #expect(folded("百二十日") == "120日")
    #expect(folded("3省2ガイドライン") == folded("三省二ガイドライン"))
  }

  @Test func spellingVariantsAreUnified() {
    #expect(folded("故意または重大な過失") == folded("故意又は重大な過失"))
    #expect(folded("3ヶ月前") == "3か月前")
    #expect(folded("３ケ月前") == "3か月前")
    #expect(folded("漏洩") == folded("漏えい"))
  }

  @Test func offsetsMapBackToTheSource() {
    let source = "甲　は、ＶＰＮ を"
    let n = Normalizer.normalize(source)
    // "vpn" starts at folded index 3 and came from source offset 4 (after "甲　は、").
    let folded = n.chars.map { Character(Unicode.Scalar($0)!) }
    let v = folded.firstIndex(of: "v")!
    #expect(n.toSource[v] == 4)
    #expect(n.range(ofSource: 0..<Array(source.unicodeScalars).count) == 0..<n.chars.count)
    #expect(n.fromSource[1] == 1)  // the ideographic space is dropped: offset 1 maps to "は"
  }
}

/// Kangxi radicals from a PDF's text layer read as the ordinary ideographs, one scalar for one, so
/// offsets stay; a text without them is kept as it is.
@Test func kangxiRadicalsFoldToIdeographs() {
  #expect(SourceText(text: "第⼀条（⽬的）").text == "第一条（目的）")
  #expect(SourceText(text: "第⼀条").scalars.count == 3)
  #expect(SourceText(text: "第一条（目的）→ ①").text == "第一条（目的）→ ①")
  #expect(!SourceText.hasRadicals("€ ∑ ← 日本"))
  #expect(SourceText.hasRadicals("⺠"))
}
