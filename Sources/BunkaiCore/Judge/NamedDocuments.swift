/// A document the contract names in quotes (「院内側セキュリティ運用手順書」「当院側対策提案書」) and then
/// calls by the end of its name in the same article (「手順書案について…」「提案書について…協議の場を設け」).
/// Where the name's own words hold every concept of an entry (`Playbook.namedDocumentConcepts`, e.g.
/// security and the institution's side), each later use of that short form in the article counts as
/// an occurrence of those concepts, as a defined term's uses do (`DefinedTerms`).
enum NamedDocuments {
  /// Names longer than this are sentences in quotes, not names.
  static let longestName = 40
  static let draftMarks: [[Unicode.Scalar]] = ["（案）", "(案)"].map { Array($0.unicodeScalars) }
  /// Words before a name that say what the document records (「…を記載した「管理者手順書」」).
  static let describers: [[Unicode.Scalar]] = ["を記載した", "を記した", "をまとめた", "を取りまとめた", "を定めた", "の案を"].map {
    Array($0.unicodeScalars)
  }
  /// How far back the sentence describing the document is read.
  static let describedReach = 200
  static let open: Unicode.Scalar = "「"
  static let close: Unicode.Scalar = "」"

  static func inject(
    _ contract: Contract, source: SourceText, normalized: NormalizedText, index: DocumentIndex,
    entries: [String]
  ) {
    guard !entries.isEmpty else { return }
    let s = source.scalars
    // Each entry's concepts as term ids; the first id of a concept is where uses are recorded.
    let parsed: [[[Int]]] = entries.map { entry in
      entry.split(separator: "+").map { index.compiled.conceptTermIds[String($0)] ?? [] }
    }
    let text = normalized.chars
    for article in contract.articles {
      let within = normalized.range(ofSource: article.range)
      let words = Array(text[within])
      var i = article.range.lowerBound
      while i < article.range.upperBound {
        guard s[i] == open else {
          i += 1
          continue
        }
        var j = i + 1
        // pdftotext breaks a line inside a name (「院内側セ\nキュリティ運用手順書」).
        while j < article.range.upperBound, j - i <= longestName, s[j] != close, s[j] != open, s[j] != "。" {
          j += 1
        }
        guard j < article.range.upperBound, s[j] == close, j - i >= 4 else {
          i += 1
          continue
        }
        // 「施設内セキュリティ手引き（案）」 is the 手引き in draft: its ending is the name's.
        var nameEnd = j
        if let draft = Self.draftMarks.first(where: { m in
          j - (i + 1) > m.count && s[(j - m.count)..<j].elementsEqual(m)
        }) {
          nameEnd = j - draft.count
        }
        let name = normalized.range(ofSource: (i + 1)..<nameEnd)
        // 「院内管理者が行う事項（…二要素認証の設定…）を記載した「管理者手順書」の案を作成し」: what the
        // sentence says the document records, up to its name, counts as the name's own words.
        let described = Self.describers.contains { d in
          i - d.count >= article.range.lowerBound && s[(i - d.count)..<i].elementsEqual(d)
        }
        var record: Range<Int>?
        if described {
          var start = i
          while start > article.range.lowerBound, i - start < Self.describedReach, s[start - 1] != "。" {
            start -= 1
          }
          record = normalized.range(ofSource: start..<i)
        }
        for concepts in parsed
        where concepts.allSatisfy({ ids in
          ids.contains { k in
            index.occurs(k, in: name)
              || record.map { index.occurs(k, in: $0) } ?? false
          }
        }) {
          let uses = shortFormUses(name, in: within, words: words, text)
          guard !uses.isEmpty else { continue }
          for ids in concepts { if let slot = ids.first { index.addMatches(term: slot, uses) } }
        }
        i = j + 1
      }
      describedDocuments(in: within, text).forEach { d in
        for concepts in parsed
        where concepts.allSatisfy({ ids in ids.contains { index.occurs($0, in: d.record) }
        }) {
          let uses = shortFormUses(d.name, in: within, words: words, text, whole: true)
          guard !uses.isEmpty else { continue }
          for ids in concepts { if let slot = ids.first { index.addMatches(term: slot, uses) } }
        }
      }
    }
  }

  /// 「運用設計書には、…甲が院内で実施すべき安全対策…を記載する。」: a document the article names without
  /// quotes (a noun compound ending in a document's word) and says, in a sentence opening with it, what
  /// it records. The name and that sentence, in the normalised text.
  static func describedDocuments(in article: Range<Int>, _ text: [UInt32]) -> [(
    name: Range<Int>, record: Range<Int>
  )] {
    var found: [(name: Range<Int>, record: Range<Int>)] = []
    // Read for every article of every review: the statics are taken once and the text read
    // unchecked, and only a 、 after に and は is looked at further.
    let niha = Self.niha
    let n = niha.count
    let comma = niha[n - 1]
    text.withUnsafeBufferPointer { t in
      var k = article.lowerBound
      while k + n <= article.upperBound {
        defer { k += 1 }
        guard t[k + n - 1] == comma, t[k..<(k + n)].elementsEqual(niha) else { continue }
        var start = k
        while start > article.lowerBound, k - start < longestName, Normalizer.isWordScalar(t[start - 1]) {
          start -= 1
        }
        guard k - start >= 3,
          documentWords.contains(where: { w in t[start..<k].suffix(w.count).elementsEqual(w) })
        else { continue }
        var end = k
        // A sentence, not the rest of an article that has no full stop.
        while end < article.upperBound, end - k < describedReach, t[end] != fullStop { end += 1 }
        guard recordVerbs.contains(where: { Lines.occurs($0, in: text[k..<end]) }) else { continue }
        found.append((start..<k, start..<end))
      }
    }
    return found
  }
  static let niha = Normalizer.fold("には、")
  static let fullStop = Normalizer.fold("。")[0]
  static let documentWords = ["書", "規程", "計画", "手順", "要領", "一覧", "表", "票", "シート", "台帳", "マニュアル"].map {
    Normalizer.fold($0)
  }
  static let recordVerbs = ["記載", "記入", "定める", "含める", "盛り込"].map { Normalizer.fold($0) }

  /// Uses, outside the quoted name, of its endings (two scalars or more, shorter than the name) that
  /// the article uses again, longest first and none inside another: the heading may repeat nearly
  /// the whole name (「第6条（院内側セキュリティ運用手順書）」) and the text only its end (「手順書案」).
  /// `words` is the article's text (`text[article]`), copied once per article.
  static func shortFormUses(
    _ name: Range<Int>, in article: Range<Int>, words: [UInt32], _ text: [UInt32], whole: Bool = false
  ) -> [Range<Int>] {
    guard name.count >= 3 else { return [] }
    var found: [Range<Int>] = []
    // An unquoted name's uses repeat it whole (「運用設計書の案を甲に説明し」).
    for length in stride(from: whole ? name.count : name.count - 1, through: 2, by: -1) {
      let tail = Array(text[(name.upperBound - length)..<name.upperBound])
      for use in DefinedTerms.occurrences(of: tail, in: words) {
        let r = (use.lowerBound + article.lowerBound)..<(use.upperBound + article.lowerBound)
        if !r.overlaps(name), !found.contains(where: { $0.overlaps(r) }) { found.append(r) }
      }
    }
    return found.sorted { $0.lowerBound < $1.lowerBound }
  }
}
