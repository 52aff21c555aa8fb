import Testing

@testable import BunkaiCore

@Suite struct TermMatchingTests {
  /// Does `term` match anywhere in `text`, for a contract whose parties are given?
  func matches(_ term: String, _ text: String, parties: [Party] = []) throws -> Bool {
    let playbook = Playbook(
      id: "t", version: "1", title: "t", lessons: [],
      topics: [TopicDefinition(id: "x", label: "x", heading: [], body: [term])], rules: [])
    let compiled = CompiledPlaybook(playbook)
    let n = Normalizer.normalize(text)
    let index = DocumentIndex(compiled: compiled, text: n.chars, parties: parties)
    return index.occurs(0, in: 0..<n.chars.count)
  }

  @Test func literalAndGap() throws {
    #expect(try matches("故意*重*過失", "乙の故意又は重大な過失による場合"))
    #expect(try matches("故意*重*過失", "乙の故意若しくは重過失"))
    #expect(try !matches("故意*重*過失", "故意による。重過失"))  // a gap never crosses 。
    #expect(try !matches("故意*重*過失", "故意" + String(repeating: "あ", count: 25) + "重過失"))
  }

  /// One gloss in brackets does not use up a gap, even one that ends with its own 。
  /// (「（…クラウド事業者を含みます。）」); a 。 inside it before its end still ends the sentence.
  @Test func aGlossInBracketsEndingWithItsOwnFullStop() throws {
    let long = "運営の一部を外部の事業者（サーバを提供するクラウド事業者を含みます。）に委ねるとき"
    #expect(try matches("一部を*に委ね", long))
    #expect(try !matches("一部を*に委ね", "運営の一部を外部の事業者（契約は別に結ぶ。費用は当社が負う）に委ねるとき"))
  }

  /// A term with a scalar outside the BMP compiles to a table whose every row is initialised, and
  /// scanning with it finds the BMP term beside it as before.
  @Test func aTermOutsideTheBasicPlane() throws {
    #expect(try matches("𠮷野家", "本社は𠮷野家ビルにある"))
    #expect(try !matches("𠮷野家", "本社は吉田ビルにある"))
    #expect(try matches("再委託", "乙は𠮷野家に再委託する"))
  }

  /// The 16-bit transition table (every usual playbook) and the 32-bit one (more than 65,535
  /// states) find the same hits.
  @Test func narrowAndWideTablesAgree() {
    let literals = ["再委託", "委託", "承諾", "事前の承諾", "𠮷野", "野家"].map { Normalizer.fold($0) }
    let text = Normalizer.fold("乙は、事前の承諾を得て𠮷野家に再委託し、委託先を監督する。")
    let narrow = PatternAutomaton(literals: literals).scan(text)
    let wide = PatternAutomaton(literals: literals, narrowLimit: 0).scan(text)
    #expect(narrow.starts == wide.starts)
    #expect(narrow.offsets == wide.offsets)
    #expect(!narrow.starts.isEmpty)
    // Dense rows for every state, for the root only, or down to any depth: the same hits.
    for depth in [0, 1, 3, 100] {
      let other = PatternAutomaton(literals: literals, denseDepth: depth).scan(text)
      #expect(other.starts == narrow.starts, "denseDepth \(depth)")
      #expect(other.offsets == narrow.offsets, "denseDepth \(depth)")
    }
  }

  /// On many random sets of literals over a small alphabet (so that they share prefixes and
  /// suffixes, nest and repeat), every table layout finds exactly the occurrences a plain search
  /// finds, for every literal.
  @Test func everyOccurrenceAPlainSearchFinds() {
    var rng = SplitMix(seed: 20_261_207)
    let alphabet: [UInt32] = [0x3042, 0x3044, 0x3046, 0x59D4, 0x8A17, 0x2_0BB7]
    for _ in 0..<300 {
      let literals = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
        (0..<Int.random(in: 1...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      }
      let text = (0..<Int.random(in: 0...60, using: &rng)).map { _ in
        alphabet.randomElement(using: &rng)!
      }
      for automaton in [
        PatternAutomaton(literals: literals), PatternAutomaton(literals: literals, narrowLimit: 0),
        PatternAutomaton(literals: literals, denseDepth: 0),
        PatternAutomaton(literals: literals, denseDepth: 9),
      ] {
        let hits = automaton.scan(text)
        for (id, lit) in literals.enumerated() {
          let plain = text.indices.filter { i in
            i + lit.count <= text.count && Array(text[i..<i + lit.count]) == lit
          }
          #expect(hits[id].map(Int.init) == plain, "\(literals) in \(text)")
        }
      }
    }
  }

  @Test func digits() throws {
    #expect(try matches("#日前", "予定日の三十日前までに"))
    #expect(try matches("#日前", "予定日の30日前までに"))
    #expect(try !matches("#日前", "予定日の前日までに"))
    #expect(try matches("年#回", "年２回以上"))
  }

  @Test func partyPlaceholders() throws {
    let kouOtsu = [
      Party(role: .institution, label: "甲", name: nil), Party(role: .vendor, label: "乙", name: nil),
    ]
    let saas = [
      Party(role: .institution, label: "契約者", name: nil), Party(role: .vendor, label: "当社", name: nil),
    ]
    #expect(try matches("{vendor}の責任", "第5条（乙の責任）", parties: kouOtsu))
    #expect(try !matches("{vendor}の責任", "第5条（甲の責任）", parties: kouOtsu))
    #expect(try matches("{vendor}の責任", "当社の責任", parties: saas))
    #expect(try !matches("{vendor}の責任", "乙の責任", parties: saas))
    // With unknown roles any label may stand in.
    #expect(try matches("{vendor}の責任", "乙の責任"))
  }

  @Test func termSyntaxErrors() {
    #expect(throws: TermPattern.ParseError.startsWithGap) { try TermPattern("*重過失") }
    #expect(throws: TermPattern.ParseError.endsWithGap) { try TermPattern("重過失*") }
    #expect(throws: TermPattern.ParseError.unknownPlaceholder("hospital")) { try TermPattern("{hospital}の") }
    #expect(throws: TermPattern.ParseError.empty) { try TermPattern("　") }
  }

  @Test func automatonFindsOverlappingLiterals() {
    let a = PatternAutomaton(literals: [
      Array("he".unicodeScalars.map(\.value)), Array("she".unicodeScalars.map(\.value)),
      Array("hers".unicodeScalars.map(\.value)),
    ])
    let hits = a.scan(Array("ushers".unicodeScalars.map(\.value)))
    #expect(hits[0] == [2])
    #expect(hits[1] == [1])
    #expect(hits[2] == [2])
  }
}

/// A seeded generator, so that a failing random case comes back the same on every run.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
