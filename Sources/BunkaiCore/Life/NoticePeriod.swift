import Foundation

/// How long before a planned change the vendor must notify the institution, as a contract writes
/// it: 「30日前までに」, 「三十日前」, 「1か月前」, 「10営業日前」, 「2週間以上前」.
public struct NoticePeriod: Sendable, Equatable, Codable {
  public enum Unit: String, Sendable, Codable, CaseIterable {
    case days, businessDays, weeks, months
  }
  public var amount: Int
  public var unit: Unit

  public init(amount: Int, unit: Unit) {
    self.amount = amount
    self.unit = unit
  }

  /// 「30日」「1か月」「10営業日」「2週間」.
  public var length: String {
    switch unit {
    case .days: "\(amount)日"
    case .businessDays: "\(amount)営業日"
    case .weeks: "\(amount)週間"
    case .months: "\(amount)か月"
    }
  }

  /// 「30日前」「1か月前」「10営業日前」「2週間前」.
  public var label: String { length + "前" }

  /// Unit words after the number, longest first; each may be followed by 以上 before 前.
  static let units: [(String, Unit)] = [
    ("営業日", .businessDays), ("暦日", .days), ("日", .days), ("週間", .weeks), ("か月", .months),
    ("ヶ月", .months), ("ケ月", .months), ("カ月", .months), ("ヵ月", .months), ("箇月", .months),
    ("個月", .months),
  ]

  /// The first period written 「N<unit>前」 in the text (N in Arabic, full-width or kanji digits);
  /// nil when there is none. 「N日以内」 is not a notice period (it bounds a reply), so it is not read.
  public static func parse(_ text: String) -> NoticePeriod? {
    let s = Array(text.unicodeScalars)
    var i = 0
    while i < s.count {
      // A number starts here only if the scalar before is not part of one.
      let startsNumber =
        i == 0 || (Numerals.digitValue(s[i - 1]) == nil && !Numerals.isKanjiNumeral(s[i - 1]))
      if startsNumber, let number = Numerals.read(s, at: i, end: s.count) {
        let (value, next) = (number.value, number.next)
        var j = next
        while j < s.count, s[j] == " " || s[j] == "\u{3000}" { j += 1 }
        for (word, unit) in units where matches(s, at: j, word) {
          var k = j + word.unicodeScalars.count
          if matches(s, at: k, "以上") { k += 2 }
          if matches(s, at: k, "前"), value > 0 { return NoticePeriod(amount: value, unit: unit) }
          break
        }
        i = max(next, i + 1)
      } else {
        i += 1
      }
    }
    return nil
  }

  static func matches(_ s: [Unicode.Scalar], at i: Int, _ word: String) -> Bool {
    let w = Array(word.unicodeScalars)
    guard i + w.count <= s.count else { return false }
    return Array(s[i..<(i + w.count)]) == w
  }

  /// The last day a notice may be given for a change planned on `planned` (YYYY-MM-DD): 30日前 of
  /// 2026-06-30 is 2026-05-31. Business days count Monday to Friday (public holidays are not
  /// known here). nil when `planned` is not a date.
  public func deadline(before planned: String) -> String? {
    guard let day = ISODay(planned) else { return nil }
    switch unit {
    case .days: return day.adding(days: -amount).description
    case .weeks: return day.adding(days: -7 * amount).description
    case .months: return day.adding(months: -amount).description
    case .businessDays:
      var d = day
      var left = amount
      while left > 0 {
        d = d.adding(days: -1)
        if !d.isWeekend { left -= 1 }
      }
      return d.description
    }
  }

  /// A notice given on `noticeOn` for a change planned on `planned` comes later than the period
  /// allows; nil when either day is not a date.
  public func isLate(noticeOn: String, planned: String) -> Bool? {
    guard ISODay(noticeOn) != nil, let last = deadline(before: planned) else { return nil }
    return noticeOn > last
  }
}

/// Where a reviewed contract fixes the notice period for changes (concern B1): the period, the
/// article and the sentence it was read from.
public enum ChangeNoticeClause {
  public struct Found: Sendable, Equatable {
    public var period: NoticePeriod
    /// The article's number as the review names it ("12", "別紙:3"); nil when not known.
    public var article: String?
    /// The sentence the period was read from.
    public var quote: String
  }

  /// Words that make a sentence about a change of the service (not of the fee or of the terms).
  static let changeWords = ["変更", "改変", "入替", "入れ替", "移行", "切替", "切り替", "更改", "移転", "移設"]
  static let noticeWords = ["通知", "知らせ", "連絡", "届け出", "届出", "報告", "告知", "通告", "申し出", "申出"]
  static let notServiceChange = [
    "料金", "利用料", "対価", "代金", "本規約を変更", "本規約の変更", "約款を変更", "約款の変更", "商号", "住所", "連絡先",
  ]

  /// The contract's own period: first what the review judged as the B1 period element (met),
  /// then any sentence of an article on changes (topic `change`) that speaks of notifying a change
  /// with a period before it. `text` is the decoded document the review's offsets point into.
  public static func find(in review: ReviewJSON, text: String?) -> Found? {
    for finding in review.findings where finding.ruleId == "B1-change-notice" {
      for element in finding.elements where element.id == "B1.period" && element.status == "met" {
        for evidence in element.evidence {
          for sentence in WrittenSentences.split(evidence.text) where isAboutChangeNotice(sentence) {
            if let p = NoticePeriod.parse(sentence) {
              return Found(period: p, article: finding.article, quote: sentence)
            }
          }
        }
      }
    }
    guard let text else { return nil }
    let scalars = Array(text.unicodeScalars)
    for article in review.document.articles where article.topics.contains("change") {
      guard article.start >= 0, article.start < article.end, article.end <= scalars.count else { continue }
      var body = String.UnicodeScalarView()
      body.append(contentsOf: scalars[article.start..<article.end])
      for sentence in WrittenSentences.split(String(body)) where isAboutChangeNotice(sentence) {
        if let p = NoticePeriod.parse(sentence) {
          return Found(period: p, article: article.number, quote: sentence)
        }
      }
    }
    return nil
  }

  static func isAboutChangeNotice(_ sentence: String) -> Bool {
    changeWords.contains { sentence.contains($0) } && noticeWords.contains { sentence.contains($0) }
      && !notServiceChange.contains { sentence.contains($0) }
  }

}
