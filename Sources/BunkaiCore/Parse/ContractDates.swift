import Foundation

/// Contract dates as the contract's own text states them: the term, automatic renewal and the
/// notice period before the end. A proposal for a person to confirm, never a fact: only sentences
/// about the contract's term (期間) or its renewal count, so a delivery date or a deadline elsewhere
/// in the contract is not taken for the term.
public struct ContractDateProposal: Sendable, Equatable, Codable {
  /// ISO days (YYYY-MM-DD).
  public var startDate: String?
  public var endDate: String?
  /// True when the text renews the contract unless a party objects; nil when it says nothing so.
  public var autoRenewal: Bool?
  /// The notice period before the end, as written in the matching view: 「3か月」「30日」.
  public var noticePeriod: String?
  /// The end date minus the notice period: the last day to give notice.
  public var noticeDeadline: String?
  /// The sentences the proposal comes from, as written.
  public var termSentence: String?
  public var renewalSentence: String?

  public init() {}

  public var isEmpty: Bool { startDate == nil && endDate == nil && autoRenewal == nil && noticePeriod == nil }
}

public enum ContractDates {
  public static func propose(_ text: String) -> ContractDateProposal {
    var out = ContractDateProposal()
    var termYears: Int?
    var notice: NoticePeriod?
    for sentence in WrittenSentences.split(text) {
      let f = folded(sentence)
      let isTerm = (f.contains("期間") || f.contains("有効期限")) && !f.contains("猶予期間") && !f.contains("保存期間")
      if out.startDate == nil, out.endDate == nil, isTerm {
        let dates = dateMatches(f)
        // A sentence with an impossible date (2月30日) proposes nothing rather than half a term.
        if !dates.contains(where: { $0.iso.isEmpty }), let first = dates.first,
          f.contains("から") || f.contains("より")
        {
          let afterFirst = String(f[first.range.upperBound...])
          if afterFirst.hasPrefix("から") || afterFirst.hasPrefix("より") {
            out.startDate = first.iso
            if dates.count >= 2, String(f[dates[1].range.upperBound...]).hasPrefix("まで") {
              out.endDate = dates[1].iso
            } else if let years = firstMatch(#"^(?:から|より)(?:起算して)?(\d{1,2})(年|か月)間"#, afterFirst) {
              let n = Int(years[1]) ?? 0
              termYears = years[2] == "年" ? n * 12 : n
              out.endDate = first.day?.adding(months: termYears!).adding(days: -1).description
            }
            if out.endDate != nil { out.termSentence = sentence }
          } else if dates.count == 1, afterFirst.hasPrefix("まで") {
            out.endDate = first.iso
            out.termSentence = sentence
          }
        }
      }
      let aboutRenewal = f.contains("更新") || f.contains("延長")
      if out.autoRenewal == nil, aboutRenewal, f.contains("満了") || f.contains("自動") {
        let objection = firstMatch(#"(申出|申し出|申入れ|申し入れ|通知|意思表示)(が|を)?(ない|なき|しない|なかった)"#, f) != nil
        if f.contains("自動的に更新") || f.contains("自動更新") || f.contains("自動的に延長") || objection {
          out.autoRenewal = true
          out.renewalSentence = sentence
        }
      }
      // The period right after 満了 (「満了日の3か月前まで」); its units are NoticePeriod's, the
      // same reader change notices use.
      if notice == nil, f.contains("満了"),
        let m = firstMatch(#"満了(?:日|する日)?(?:の日)?の?(\d{1,3}[^\d前]{1,3}?(?:以上)?前)(?:の日)?まで"#, f),
        let period = NoticePeriod.parse(m[1])
      {
        notice = period
        out.noticePeriod = period.length
        if out.renewalSentence == nil { out.renewalSentence = sentence }
      }
    }
    if let end = out.endDate, let notice { out.noticeDeadline = notice.deadline(before: end) }
    return out
  }

  // MARK: - Dates

  struct DateMatch {
    var range: Range<String.Index>
    /// Nil for a date that does not exist (2月30日).
    var day: ISODay?
    /// Empty for a date that does not exist.
    var iso: String { day?.description ?? "" }
  }

  static let eras: [String: Int] = ["令和": 2018, "平成": 1988, "昭和": 1925, "r": 2018, "h": 1988, "s": 1925]

  /// Dates in a folded sentence: 令和7年4月1日 / 令和元年5月1日 / 2025年4月1日 / 2025/4/1 / R7.4.1.
  static func dateMatches(_ f: String) -> [DateMatch] {
    let pattern =
      #"(令和|平成|昭和)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日|(\d{4})年(\d{1,2})月(\d{1,2})日|(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})|(?<![a-z])([rhs])(元|\d{1,2})[.](\d{1,2})[.](\d{1,2})"#
    let re = try! NSRegularExpression(pattern: pattern)
    let ns = f as NSString
    var out: [DateMatch] = []
    for m in re.matches(in: f, range: NSRange(location: 0, length: ns.length)) {
      func g(_ i: Int) -> String? {
        let r = m.range(at: i)
        return r.location == NSNotFound ? nil : ns.substring(with: r)
      }
      var y: Int?
      var mo: Int?
      var d: Int?
      if let era = g(1) ?? g(11), let base = eras[era], let n = g(2) ?? g(12) {
        y = base + (n == "元" ? 1 : Int(n) ?? 0)
        mo = Int(g(3) ?? g(13) ?? "")
        d = Int(g(4) ?? g(14) ?? "")
      } else if let yy = g(5) ?? g(8) {
        y = Int(yy)
        mo = Int(g(6) ?? g(9) ?? "")
        d = Int(g(7) ?? g(10) ?? "")
      }
      guard let y, let mo, let d, let range = Range(m.range, in: f) else { continue }
      let valid = (1...12).contains(mo) && d >= 1 && d <= ISODay.daysIn(month: mo, year: y)
      out.append(DateMatch(range: range, day: valid ? ISODay(year: y, month: mo, day: d) : nil))
    }
    return out
  }

  // MARK: - Text

  /// The matching view (width folded, no spaces, kanji numerals as digits, 箇月/ヶ月 as か月).
  static func folded(_ s: String) -> String {
    String(String.UnicodeScalarView(Normalizer.normalize(s).chars.compactMap(Unicode.Scalar.init)))
  }

  static func firstMatch(_ pattern: String, _ s: String) -> [String]? {
    let re = try! NSRegularExpression(pattern: pattern)
    let ns = s as NSString
    guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return nil }
    return (0..<m.numberOfRanges).map { i in
      m.range(at: i).location == NSNotFound ? "" : ns.substring(with: m.range(at: i))
    }
  }
}
