import BunkaiCore
import BunkaiFormats
import Foundation
import Testing

/// The review's quality on text its rules were not written against: the labelled corpus written by
/// helper sessions that saw only DOMAIN.md (docs/eval.md), and our own fixtures labelled the same
/// way. Floors below the measured figures, so that a change that makes the judgement worse fails.
/// One corpus at a time: each is a long synchronous run, and thirty of them side by side held every
/// thread of the test pool on a 2-core machine long enough for a TLS handshake in another suite to
/// time out (CI, 2026-12-06).
@Suite(.serialized) struct EvalQualityTests {
  static let reviewer = Reviewer(
    playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())

  static func score(_ folder: String) throws -> EvalScore {
    let dir = Fixtures.url(folder)
    var score = EvalScore()
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasSuffix(".labels.yaml")
    }
    for name in names.sorted() {
      let base = String(name.dropLast(".labels.yaml".count))
      let labels = try EvalLabels.parse(
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8), file: name)
      let review = reviewer.review(
        try DocumentLoader.load(path: dir.appendingPathComponent(base + ".txt").path))
      score.add(file: base, labels: labels, review: review)
    }
    return score
  }

  static func check(
    _ s: EvalScore, files: Int, precision: Double, recall: Double, location: Double,
    contradictedAsMet: Int = 0
  ) {
    #expect(s.files >= files)
    for id in EvalLabels.concernIds {
      let c = s.concerns[id] ?? EvalScore.Counts()
      #expect(c.tp + c.fn > 0, "\(id) is never raised in the corpus")
      #expect(c.precision >= precision, "\(id) precision \(c.precision)")
      #expect(c.recall >= recall, "\(id) recall \(c.recall)")
      #expect(c.location >= location, "\(id) location \(c.location)")
    }
    // A statement the labels call contradicted is never judged met.
    let judgedMet = s.elements.values.map(\.contradictedAsMet).reduce(0, +)
    #expect(judgedMet <= contradictedAsMet, "\(judgedMet) contradicted statements judged met")
  }

  @Test func developmentCorpus() throws {
    Self.check(try Self.score("eval/dev"), files: 100, precision: 0.99, recall: 0.99, location: 0.88)
  }

  /// A second development set written later by a fresh helper from DOMAIN.md only (its clause
  /// library generated 36 contracts in new styles); its first score showed what the first set had
  /// not (C2 recall 0.71, a spaced-out 覚　書 title), then the contract's own party labels, provisos and
  /// the clause a finding qualifies. Floors below today's figures.
  @Test func secondDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev2"), files: 36, precision: 0.99, recall: 0.99, location: 0.9)
  }

  /// A third set, held out during the engine's third round (docs/eval.md, Figures), developed
  /// against in the fourth. Floors per concern just below its weakest figures: precision 1 for all,
  /// A recall 0.900 (a 「趣旨を踏まえ…努める」 clause its labels call unclear), C1 location 0.818.
  @Test func thirdDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev3"), files: 46, precision: 0.99, recall: 0.89, location: 0.8)
  }

  /// A fourth set written in the fifth round by two fresh helpers, each contract its own text; scored
  /// blind once (precision 0.768), then developed against. Floors just below today's figures
  /// (location: C1 0.857).
  @Test func fourthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev4"), files: 52, precision: 0.99, recall: 0.99, location: 0.85)
  }

  /// A fifth set, asked for unusual C1/C2/D2/B2 wordings; scored blind once (precision 0.688) after
  /// dev4's round, then worked on in the fifth and sixth rounds. Floors just below today's weakest
  /// figures (B2 precision 0.895, C1 recall 0.846, A location 0.714); one carve-out its labels call
  /// contradicted by a later 「通常の損害に限られ」 is still judged met.
  @Test func fifthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev5"), files: 52, precision: 0.88, recall: 0.84, location: 0.71,
      contradictedAsMet: 1)
  }

  /// A sixth set written in the sixth round (busy-office contracts, requirements in varied places,
  /// near-misses); scored blind once (precision 0.608) after dev5's round, then worked on. Floors
  /// just below today's weakest figures (D1 precision 0.857, D1 recall 0.923, A location 0.889).
  @Test func sixthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev6"), files: 52, precision: 0.85, recall: 0.92, location: 0.88)
  }

  /// A seventh set written in the seventh round (each concern met in the writers' own paraphrases,
  /// short in subtle ways, or absent; C1/C2 led by someone else, B2 under other names); scored blind
  /// once (precision 0.799, recall 0.952, location 0.813), then worked on. Floors just below today's
  /// weakest figures (B1 precision 0.955, B2 recall 0.913). C1 location is 0.455 because its writers
  /// call a C1 that nothing in the contract approaches 「missing」 where every other writer names the
  /// institution's cooperation article (docs/eval.md, seventh round); four statements its labels call
  /// contradicted (a consent limited to handing over the whole work, an exclusion of group companies
  /// from 「再委託」, advice on request, a carve-out a later cap takes back) are still judged met.
  @Test func seventhDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev7"), files: 48, precision: 0.95, recall: 0.91, location: 0.45,
      contradictedAsMet: 4)
  }

  /// The eighth round's hold-out (docs/eval.md, eighth round), blind 0.831 / 0.931 / 0.676 overall;
  /// the floors are the weakest concern's (C2 precision, D2 recall, A location). Its
  /// writers place a finding at the nearest clause of the kind more often than earlier writers, and
  /// judge a consultation that covers only some of the provided things as short.
  @Test func eighthDevelopmentCorpus() throws {
    Self.check(try Self.score("eval/dev8"), files: 48, precision: 0.78, recall: 0.84, location: 0.54)
  }

  /// The ninth round's hold-out (docs/eval.md, ninth round), blind 0.864 / 0.896 / 0.760 overall;
  /// the floors are the weakest concern's (C2 precision, C2 recall, C1 location). Its writers call
  /// C1 missing where only the vendor's duties or the institution's cooperation are written, and
  /// count 「いわゆる3省2ガイドライン」 as no guideline (the issue names it as one of its titles).
  @Test func ninthDevelopmentCorpus() throws {
    Self.check(try Self.score("eval/dev9"), files: 48, precision: 0.77, recall: 0.89, location: 0.45)
  }

  /// The seventh blind hold-out (dev10: a master agreement with an individual contract, an order
  /// form's back, standard terms with a hospital's 特約, a contract amended twice by 覚書 …), scored
  /// P 0.783 / R 0.932 / L 0.724 before any change it prompted; the floors are the weakest concern's
  /// (C2 precision, D2 recall, C1 location). Its writers call C1 missing where only the
  /// institution's cooperation is written, and judge partial coverage of the things provided.
  @Test func tenthDevelopmentCorpus() throws {
    Self.check(try Self.score("eval/dev10"), files: 44, precision: 0.80, recall: 0.89, location: 0.60)
  }

  /// The eleventh round's blind hold-out (two fresh writers; translated terms, responsibility
  /// tables with ○/△ marks, requirements annexes numbered 1. / 1.1, 一/二 paragraphs): P 0.830 /
  /// R 0.918 / L 0.786 before any change it prompted. Floors are the weakest concern's (C2
  /// precision, C1 recall, C1 location: its writers call C1 missing where the engine points at the
  /// article on the institution's own duties).
  @Test func eleventhDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev11"), files: 44, precision: 0.90, recall: 0.87, location: 0.20,
      contradictedAsMet: 0)
  }

  /// A twelfth set (dev12: 44 contracts by two helpers who saw only DOMAIN.md), scored blind at
  /// P 0.826 / R 0.919 / L 0.781. Floors are under the weakest concern's (D1 precision, C1 and C2
  /// recall, C1 location: its writers place C1 at the article on the institution's duties, the
  /// engine at the consultation), and no contradicted statement is judged met.
  @Test func twelfthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev12"), files: 44, precision: 0.90, recall: 0.93, location: 0.55,
      contradictedAsMet: 0)
  }

  /// A tenth blind hold-out (dev13, 2026-12-04), scored blind at P 0.798 / R 0.934 / L 0.803,
  /// then developed against. Floors are under the weakest concern's (C2 and D1 precision, C2
  /// recall, C1 location: its writers place C1 "missing" or at the institution's article, the
  /// engine at the article on what the institution provides).
  @Test func thirteenthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev13"), files: 44, precision: 0.90, recall: 0.90, location: 0.50,
      contradictedAsMet: 0)
  }

  /// An eleventh blind hold-out (dev14, 2026-12-04), scored blind at P 0.841 / R 0.881 / L 0.851,
  /// then developed against. Floors are under the weakest concern's (B2 precision, C2 recall, C1
  /// location: two of its writers' C1 findings go to the institution's article, four are "missing"
  /// where the engine points at the clause that comes closest).
  @Test func fourteenthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev14"), files: 44, precision: 0.85, recall: 0.9, location: 0.25,
      contradictedAsMet: 0)
  }

  /// A twelfth blind hold-out (dev15, 2026-12-04), scored blind at P 0.804 / R 0.897 / L 0.923,
  /// then developed against. Floors are under the weakest concern's (C1 precision, C2 recall, C1
  /// location).
  @Test func fifteenthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev15"), files: 44, precision: 0.7, recall: 0.8, location: 0.55,
      contradictedAsMet: 0)
  }

  /// A thirteenth blind hold-out (dev16, 2026-12-05), scored blind at P 0.675 / R 0.900 / L 0.901
  /// (C1 precision 0.391, C2 0.516), then developed against over two sessions. Floors are under
  /// the weakest concern's (C2 precision and location). One statement its writers call
  /// contradicted is still judged met (b_06 C1; docs/eval.md): the floor keeps that from growing,
  /// the target is none.
  @Test func sixteenthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev16"), files: 44, precision: 0.6, recall: 0.85, location: 0.75,
      contradictedAsMet: 1)
  }

  /// A fourteenth blind hold-out (dev17, 2026-12-05), scored blind at P 0.764 / R 0.862 / L 0.889
  /// (C1 precision 0.600, C2 0.655, D1 0.667), then developed against for part of a session. Floors
  /// are under the weakest concern's (C2 precision, C1 recall and location). Three statements its
  /// writers call contradicted are still judged met (a_14 C2, a_17 C1, a_22 D1; docs/eval.md).
  @Test func seventeenthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev17"), files: 44, precision: 0.7, recall: 0.7, location: 0.5,
      contradictedAsMet: 3)
  }

  /// A fifteenth blind hold-out (dev18, 2026-12-05), scored blind at P 0.739 / R 0.911 / L 0.817
  /// (C1 precision 0.524, B2 0.583), then developed against for part of a session. Floors are under
  /// the weakest concern's (C1 precision and location, A recall). Two statements its writers call
  /// contradicted are still judged met (a_17 C1, b_14 B1; docs/eval.md).
  @Test func eighteenthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev18"), files: 44, precision: 0.65, recall: 0.85, location: 0.4,
      contradictedAsMet: 2)
  }

  /// A sixteenth blind hold-out (dev19, 2026-12-05), scored blind at P 0.723 / R 0.925 / L 0.907
  /// (C1 precision 0.522, B1 0.615), then developed against for part of a session. Floors are under
  /// the weakest concern's (C1 precision and location, B1 recall). One statement its writers call
  /// contradicted is still judged met (docs/eval.md).
  @Test func nineteenthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev19"), files: 44, precision: 0.6, recall: 0.85, location: 0.6,
      contradictedAsMet: 1)
  }

  /// A seventeenth blind hold-out (dev20, 2026-12-05), scored blind at P 0.682 / R 0.849 / L 0.836
  /// (C2 precision 0.526, C1 0.529, B2 0.588; C1 location 0.333), then developed against for part of
  /// a session. Floors are under the weakest concern's (C1 location, C2 recall and C1 recall). Two
  /// statements its writers call contradicted are still judged met (a_10 B2, a_14 C1; docs/eval.md).
  @Test func twentiethDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev20"), files: 44, precision: 0.75, recall: 0.75, location: 0.35,
      contradictedAsMet: 2)
  }

  /// An eighteenth blind hold-out (dev21, 2026-12-05), scored blind at P 0.777 / R 0.793 / L 0.849
  /// (C1 precision 0.500, D1 0.667; D2 recall 0.650, C1 location 0.455), then developed against for
  /// part of a session. Floors are under the weakest concern's (C1 precision, recall and location).
  /// Two statements its writers call contradicted are still judged met (b_04, b_10 C1; docs/eval.md).
  @Test func twentyFirstDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev21"), files: 44, precision: 0.7, recall: 0.7, location: 0.4,
      contradictedAsMet: 2)
  }

  /// A nineteenth blind hold-out (dev22, 2026-12-05), scored blind at P 0.641 / R 0.921 / L 0.841
  /// (C1 precision 0.452, C2 0.500; C1 location 0.500), then developed against for part of a session.
  /// Floors are under the weakest concern's (C1 precision and location, C2 recall). One statement its
  /// writer calls contradicted is still judged met (a_18 D2: a later paragraph makes the policy bind
  /// no one; docs/eval.md).
  @Test func twentySecondDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev22"), files: 44, precision: 0.55, recall: 0.75, location: 0.45,
      contradictedAsMet: 1)
  }

  /// A twentieth blind hold-out in ordinary styles (the contracts hospitals receive, the issue's
  /// list of layouts, minimal pairs); scored blind at 0.851 / 0.915 / 0.942, now 1.000 / 0.968 /
  /// 0.945. Floors under the weakest concern's (C2 precision, C1 recall, B1 location); two
  /// statements their writers call contradicted are still judged met (docs/eval.md).
  @Test func twentyThirdDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev23"), files: 44, precision: 0.85, recall: 0.85, location: 0.8,
      contradictedAsMet: 2)
  }

  /// dev24: a twenty-first blind hold-out (44 contracts, each for a different medical system in its
  /// vendor's own house style; most pairs on C1, C2 and D2); scored blind at 0.881 / 0.937 / 0.899,
  /// now 1.000 / 0.958 / 0.912. Floors under the weakest concern's (C2 recall 0.867, C1 location
  /// 0.611 at the time); four statements their writers call contradicted were still judged met
  /// (docs/eval.md).
  @Test func twentyFourthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev24"), files: 44, precision: 0.9, recall: 0.85, location: 0.55,
      contradictedAsMet: 4)
  }

  /// dev25: a twenty-second blind hold-out (44 contracts drafted by the institution's side — public
  /// procurement with 仕様書 and 特記事項, a 医療法人's own form, a clinic's short contract — or vendor
  /// templates renegotiated by 覚書 / 変更契約); scored blind at 0.826 / 0.826 / 0.882, 0.931 / 0.880 /
  /// 0.926 at the end of that round, now 0.964 / 0.880 / 0.926. Floors under the weakest concern's
  /// (C1 precision 0.824 then, B2 recall 0.800, C1 location 0.786); four statements their writers
  /// call contradicted are still judged met.
  @Test func twentyFifthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev25"), files: 44, precision: 0.8, recall: 0.75, location: 0.75,
      contradictedAsMet: 4)
  }

  /// dev26: a twenty-third blind hold-out (44 contracts: master agreements with individual contracts,
  /// responsibility tables as exported text, translated vendor terms with DPA schedules and
  /// distributors' special terms); scored blind at 0.823 / 0.823 / 0.848, now 0.937 / 0.927 / 0.910.
  /// Floors under the weakest concern's (D1 precision 0.846, C2 recall 0.786, C1 location 0.750);
  /// seven statements their writers call contradicted are still judged met (13 blind).
  @Test func twentySixthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev26"), files: 44, precision: 0.8, recall: 0.75, location: 0.7,
      contradictedAsMet: 7)
  }

  /// dev27, the twenty-fourth blind hold-out (three-party contracts, contracts amended by a
  /// 新旧対照表 or 「…を改める」, networked medical devices, English and Japanese side by side); scored
  /// blind at 0.633 / 0.803 / 0.842, now 0.797 / 0.831 / 0.898. Floors under the weakest concern's
  /// (C1 recall 0.600, D2 precision 0.667, A location 0.667); five statements its writers call
  /// contradicted are still judged met (seven blind).
  @Test func twentySeventhDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev27"), files: 44, precision: 0.55, recall: 0.55, location: 0.6,
      contradictedAsMet: 5)
  }

  /// dev28, the twenty-fifth blind hold-out (settings not seen before, duties that hold only in part,
  /// text arriving as a web page, Markdown, an e-mail or with numbered lines); scored blind at 0.705 /
  /// 0.841 / 0.865, now 0.976 / 0.920 / 0.938. Floors under the weakest concern's (A recall 0.750,
  /// C2 precision 0.818, C1 location 0.700); three statements its writers call contradicted are
  /// still judged met (three blind).
  @Test func twentyEighthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev28"), files: 44, precision: 0.7, recall: 0.7, location: 0.6,
      contradictedAsMet: 3)
  }

  /// dev29, the twenty-sixth blind hold-out (translated and bilingual terms, definitions and
  /// precedence that change what an article means, text from scanned or typeset PDFs); scored blind
  /// at 0.683 / 0.704 / 0.783, now 0.875 / 0.857 / 0.893. Floors under the weakest concern's (D2
  /// precision and recall 0.643, A location 0.600); 17 statements its writers call contradicted are
  /// still judged met (25 blind).
  @Test func twentyNinthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev29"), files: 44, precision: 0.6, recall: 0.6, location: 0.55,
      contradictedAsMet: 17)
  }

  /// The twenty-seventh blind hold-out (ordinary contracts in many hands, C1/C2/D2/A met and raised
  /// in varied words): scored blind at 0.882 / 0.858 / 0.866, now 0.940 / 0.965 / 0.872. Floors under
  /// the weakest concern's (B1 precision 0.882, C1 recall 0.846, A location 0.625); 1 statement its
  /// writers call contradicted is still judged met (4 blind).
  @Test func thirtiethDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev30"), files: 44, precision: 0.85, recall: 0.8, location: 0.6,
      contradictedAsMet: 1)
  }

  /// The twenty-eighth blind hold-out (long contracts whose security clauses are scattered over
  /// articles, 仕様書 and 覚書): scored blind at 0.896 / 0.908 / 0.853, now 0.979 / 0.986 / 0.879. Floors
  /// under the weakest concern's (D1 precision 0.926, B2 recall 0.955, A location 0.714); 2 statements
  /// its writers call contradicted are still judged met (4 blind).
  @Test func thirtyFirstDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev31"), files: 44, precision: 0.9, recall: 0.9, location: 0.7,
      contradictedAsMet: 2)
  }

  /// The twenty-ninth blind hold-out (newer services: オンライン資格確認, オンライン診療, AI, RPA, SOC…, in
  /// many hands): scored blind at 0.905 / 0.924 / 0.820, now 0.926 / 0.958 / 0.870. Floors under the
  /// weakest concern's (C2 precision 0.833, C2 recall 0.882, C1 location 0.533); no statement
  /// its writers call contradicted is judged met (4 blind).
  @Test func thirtySecondDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev32"), files: 44, precision: 0.75, recall: 0.85, location: 0.5,
      contradictedAsMet: 0)
  }

  /// The thirtieth blind hold-out (a hospital's everyday systems and the paperwork that comes with
  /// them: 覚書, 入札仕様書, leases, 約款 with a 別表 of responsibilities, 特記事項, 医師会 規程, 注文書 with
  /// 裏面約款, 基本契約 + 個別契約): scored blind at 0.894 / 0.940 / 0.754, now 0.914 / 0.955 / 0.750.
  /// Floors under the weakest concern's (C1 precision 0.812, C1 recall 0.867, C1 location 0.615); 10
  /// statements its writers call contradicted are still judged met (12 blind).
  @Test func thirtyThirdDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev33"), files: 44, precision: 0.75, recall: 0.85, location: 0.55,
      contradictedAsMet: 10)
  }

  /// The thirty-first blind hold-out (dev34): how the sentence is built (omitted doers, passive and
  /// causative, negations and excepted exceptions, conditions, effort-only wording, definitions).
  /// Blind 0.859 / 0.841 / 0.914 with 6 contradicted statements judged met, now 0.897 / 0.884 /
  /// 0.918 with 4. Floors under the weakest concern's (C1 precision 0.800, C1 recall 0.750, C1
  /// location 0.667).
  @Test func thirtyFourthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev34"), files: 44, precision: 0.75, recall: 0.70, location: 0.65,
      contradictedAsMet: 4)
  }

  /// The thirty-second blind hold-out (dev35): how the paperwork is laid out (duties in a 前文, a 別紙
  /// before a 覚書, kanji numbers, 条の2, flattened tables, 約款 behind an order form, 基本契約 and
  /// 個別契約). Blind 0.786 / 0.931 / 0.868 with 5 contradicted statements judged met. Floors under
  /// the weakest concern's (C2 precision 0.750, C2 recall 0.833, C1 location 0.588).
  @Test func thirtyFifthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev35"), files: 44, precision: 0.70, recall: 0.80, location: 0.55,
      contradictedAsMet: 5)
  }

  /// The thirty-third blind hold-out (dev36): minimal pairs around the hard elements (who leads the
  /// talks on C1 and C2, what D2's condition asks, where A is named, negations and overrides on B1,
  /// B2 and D1). Blind 0.970 / 0.942 / 0.959 with 4 contradicted statements judged met. Floors under
  /// the weakest concern's (C2 precision 0.786, C2 recall 0.786, C1 location 0.857).
  @Test func thirtySixthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev36"), files: 44, precision: 0.75, recall: 0.75, location: 0.80,
      contradictedAsMet: 4)
  }

  /// The thirty-fourth blind hold-out (dev37): the deciding clause where a quick reader does not
  /// look (inside a long article, in an annex with its own numbering, in a 覚書, split over two
  /// articles) in the writers' own paraphrase. Blind 0.859 / 0.961 / 0.902 with 2 contradicted
  /// statements judged met. Floors under the weakest concern's (C1 location 0.650, C2 recall 0.882,
  /// B1 precision 0.889).
  @Test func thirtySeventhDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev37"), files: 44, precision: 0.85, recall: 0.85, location: 0.60,
      contradictedAsMet: 1)
  }

  /// The thirty-fifth blind hold-out (dev38): a clause that meets a concern taken back elsewhere (a
  /// later paragraph disapplying it, a prevailing annex or individual contract, a cap on
  /// everything), or one that falls short rescued elsewhere, and decoys that change nothing. Blind
  /// 0.978 / 0.813 / 0.885 with 21 contradicted statements judged met. Floors under the weakest
  /// concern's now (C1 location 0.733, B1 recall 0.846).
  @Test func thirtyEighthDevelopmentCorpus() throws {
    Self.check(
      try Self.score("eval/dev38"), files: 44, precision: 0.9, recall: 0.8, location: 0.7,
      contradictedAsMet: 10)
  }

  /// Our own fixtures, labelled from DOMAIN.md by a helper that saw neither the rules nor the
  /// earlier expected files.
  @Test func fixtureContracts() throws {
    Self.check(try Self.score("contracts"), files: 26, precision: 0.92, recall: 0.89, location: 0.64)
  }

  /// The frozen third: only the aggregate figures are ever looked at. The targets per
  /// concern (precision 0.95, recall 0.97, location 0.95, no contradicted statement judged met)
  /// are not all reached yet; these floors, under the weakest concern's, keep what has been
  /// reached from slipping.
  @Test func frozenCorpus() throws {
    Self.check(
      try Self.score("eval/frozen"), files: 59, precision: 0.9, recall: 0.93, location: 0.88,
      contradictedAsMet: 0)
  }
}
