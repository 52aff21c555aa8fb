/// Resolves the references a sentence makes to other parts of the contract — 前項, 前各項, 前N項,
/// 第N項, 前条, 第N条, 本条 — to the paragraphs they name, so that 「前項の変更について、甲の承認を
/// 得なければならない」 is read with what 前項 says.
struct References {
  let contract: Contract
  let clauses: Clauses
  let text: [UInt32]

  static let mae = Normalizer.fold("前")
  static let dai = Normalizer.fold("第")
  static let kou = Normalizer.fold("項")
  static let jou = Normalizer.fold("条")
  static let kaku = Normalizer.fold("各")
  static let hon = Normalizer.fold("本")
  static let partWords = ["特記事項", "別紙", "別表", "覚書", "仕様書"].map { Normalizer.fold($0) }

  /// Paragraph indices (into `clauses.paragraphs`) the unit refers to.
  func referred(from u: Clauses.Unit) -> [Int] {
    var out: [Int] = []
    let r = u.range
    guard u.article != nil else { return out }
    let paragraphsOfArticle: (Int) -> [Int] = { k in clauses.paragraphsOf[k] ?? [] }
    var i = r.lowerBound
    while i < r.upperBound {
      let c = text[i]
      if c == Self.mae[0] || c == Self.dai[0] || c == Self.hon[0] {
        var j = i + 1
        var n = 0
        var digits = 0
        var all = false
        if j < r.upperBound, text[j] == Self.kaku[0] {
          all = true
          j += 1
        }
        while j < r.upperBound, Normalizer.isDigit(text[j]), digits < 4 {
          n = n * 10 + Int(text[j] - 0x30)
          digits += 1
          j += 1
        }
        if j < r.upperBound, let k = u.article {
          let own = paragraphsOfArticle(k)
          let here = own.firstIndex(of: u.paragraph) ?? 0
          if text[j] == Self.kou[0] {
            if c == Self.mae[0] {
              // 前項: the one before; 前各項 / 前N項: all (or N) before.
              let back = all ? here : (digits > 0 ? n : 1)
              out += own[max(0, here - back)..<here]
            } else if c == Self.dai[0], digits > 0, n >= 1, n <= own.count {
              out.append(own[n - 1])
            }
          } else if text[j] == Self.jou[0] {
            if c == Self.mae[0], k > 0 {
              out += paragraphsOfArticle(k - 1)
            } else if c == Self.hon[0] {
              out += own
            } else if c == Self.dai[0], digits > 0 {
              // 「特記事項第1条」「別紙第2条」「覚書第1条」 name an article of another part.
              let other = Self.partWords.contains { w in
                i >= w.count && Array(text[(i - w.count)..<i]) == w
              }
              let part = contract.articles[k].part
              if let target = contract.articles.firstIndex(where: {
                $0.number == String(n) && (other ? $0.part != nil && $0.part != part : $0.part == part)
              }) {
                out += paragraphsOfArticle(target)
              }
            }
          }
        }
        i = max(i + 1, j)
      } else {
        i += 1
      }
    }
    return out.filter { $0 != u.paragraph }
  }
}
