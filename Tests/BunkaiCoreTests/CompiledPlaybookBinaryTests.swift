import Foundation
import Testing

@testable import BunkaiCore

/// The compiled playbook written to bytes and read back (the CLI's cache): a copy reviews exactly as
/// the playbook compiled from YAML, and damaged bytes are refused or at worst read as another
/// playbook, never a crash or a hang.
@Suite struct CompiledPlaybookBinaryTests {
  static let compiled = CompiledPlaybook(try! PlaybookLoader.builtin())
  static let catalog = try! CatalogLoader.builtin()
  static let bytes = compiled.encoded(key: 42)
  static let headerSize = 32

  static let fixtures: [SourceText] = {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/contracts")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return files.filter { $0.hasSuffix(".txt") }.sorted().map {
      SourceText(text: try! String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8), path: $0)
    }
  }()

  static func json(_ reviewer: Reviewer, _ source: SourceText) throws -> String {
    String(
      decoding: try ReviewJSON(reviewer.review(source), catalog: catalog).encoded(pretty: false),
      as: UTF8.self)
  }

  /// The file's bytes with the checksum made right again for the payload as it now is, so that what
  /// is read is the damaged payload itself.
  static func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var b = bytes
    withUnsafeBytes(of: wordChecksum(b[headerSize...]).littleEndian) { for i in 0..<8 { b[24 + i] = $0[i] } }
    return b
  }

  @Test func aCopyReviewsEveryFixtureAsTheCompiledPlaybookDoes() throws {
    let copy = try #require(CompiledPlaybook.decoded(Self.bytes, key: 42))
    #expect(copy.encoded(key: 42) == Self.bytes)
    #expect(Self.fixtures.count >= 20)
    let original = Reviewer(compiled: Self.compiled, catalog: Self.catalog)
    let cached = Reviewer(compiled: copy, catalog: Self.catalog)
    for source in Self.fixtures {
      #expect(try Self.json(cached, source) == Self.json(original, source), "\(source.path)")
    }
  }

  @Test func anotherKeyOrFormatOrAnyChangedByteIsRefused() {
    #expect(CompiledPlaybook.decoded(Self.bytes, key: 43) == nil)
    var format = Self.bytes
    format[8] &+= 1
    #expect(CompiledPlaybook.decoded(format, key: 42) == nil)
    #expect(CompiledPlaybook.decoded([], key: 42) == nil)
    #expect(CompiledPlaybook.decoded(Array(Self.bytes.prefix(40)), key: 42) == nil)
    var rng = SplitMix(seed: 7_042)
    for _ in 0..<40 {
      var b = Self.bytes
      b[Int.random(in: Self.headerSize..<b.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
      #expect(CompiledPlaybook.decoded(b, key: 42) == nil)
    }
  }

  /// With the checksum made right, every damage is read by the checks themselves: truncation, bytes
  /// changed anywhere (counts, indices, tags, tables), and a playbook read that way still reviews.
  @Test func damageBehindARightChecksumIsReadSafely() throws {
    #expect(CompiledPlaybook.decoded(Self.resealed(Self.bytes), key: 42) != nil)
    let probes = Array(Self.fixtures.prefix(2))
    var rng = SplitMix(seed: 20_261_207)
    var (refused, reviewed) = (0, 0)
    for round in 0..<40 {
      var b = Self.bytes
      if round % 4 == 0 {
        b.removeLast(Int.random(in: 1..<(b.count - Self.headerSize), using: &rng))
      } else {
        for _ in 0..<(1 + round % 3) {
          let at = Int.random(in: Self.headerSize..<b.count, using: &rng)
          b[at] = round % 2 == 0 ? b[at] ^ (1 << UInt8.random(in: 0..<8, using: &rng)) : 0xFF
        }
      }
      guard let damaged = CompiledPlaybook.decoded(Self.resealed(b), key: 42) else {
        refused += 1
        continue
      }
      let reviewer = Reviewer(compiled: damaged, catalog: Self.catalog)
      for source in probes { _ = reviewer.review(source) }
      reviewed += 1
    }
    // Every truncation is refused at least.
    #expect(refused >= 10)
    print("damaged copies: \(refused) refused, \(reviewed) read and reviewing")
    // A changed letter of a word (the playbook's id, right after its length) leaves a playbook that
    // reads and reviews, with the word changed.
    var word = Self.bytes
    word[Self.headerSize + 8] ^= 0x01
    let changed = try #require(CompiledPlaybook.decoded(Self.resealed(word), key: 42))
    #expect(changed.playbook.id != Self.compiled.playbook.id)
    for source in probes {
      #expect(!Reviewer(compiled: changed, catalog: Self.catalog).review(source).findings.isEmpty)
    }
  }

  /// The automaton's own checks: tables that would send a scan outside the text or round a loop.
  @Test func anAutomatonThatWouldStepWrongIsRefused() throws {
    let literals = [[1, 2, 3], [2, 3], [3]].map { $0.map(UInt32.init) }
    let good = PatternAutomaton(literals: literals)
    func reread(_ a: PatternAutomaton) -> PatternAutomaton? {
      var w = BinaryWriter()
      a.write(to: &w)
      var r = BinaryReader(w.bytes)
      return try? PatternAutomaton(reading: &r)
    }
    let copy = try #require(reread(good))
    let text: [UInt32] = [9, 1, 2, 3, 3, 2, 3]
    #expect(copy.scan(text).starts == good.scan(text).starts)
    // A failure link to the state itself (a scan would never end).
    let loop = PatternAutomaton(
      literals: good.literals, classOf: good.classOf, astral: good.astral, classCount: good.classCount,
      delta: good.delta, row: good.row.map { _ in -1 }.enumerated().map { $0.offset == 0 ? 0 : $0.element },
      edgeStart: good.edgeStart, edgeClass: good.edgeClass, edgeNext: good.edgeNext,
      fail: good.fail.indices.map { Int32($0) }, outStart: good.outStart, outputs: good.outputs,
      literalLengths: good.literalLengths)
    #expect(reread(loop) == nil)
    // A first step from the root straight to the deepest state (a hit would start before the text).
    // States are made literal by literal in sorted order: 1, 2, 3 are the first literal's.
    let deepest = 3
    guard case .narrow(var d) = good.delta else {
      Issue.record("a small automaton has a narrow table"); return
    }
    d[Int(good.classOf[1])] = UInt16(deepest)
    let jump = PatternAutomaton(
      literals: good.literals, classOf: good.classOf, astral: good.astral, classCount: good.classCount,
      delta: .narrow(d), row: good.row, edgeStart: good.edgeStart, edgeClass: good.edgeClass,
      edgeNext: good.edgeNext, fail: good.fail, outStart: good.outStart, outputs: good.outputs,
      literalLengths: good.literalLengths)
    #expect(reread(jump) == nil)
  }
}
