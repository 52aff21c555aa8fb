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
    for sentence in sentences(text) {
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
              out.endDate = add(months: termYears!, days: -1, to: first.date)
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
      if out.noticePeriod == nil, f.contains("満了"),
        let m = firstMatch(#"満了(?:日|する日)?(?:の日)?の?(\d{1,3})(か月|日|週間)前(?:の日)?まで"#, f)
      {
        out.noticePeriod = m[1] + m[2]
        if out.renewalSentence == nil { out.renewalSentence = sentence }
      }
    }
    if let end = out.endDate, let period = out.noticePeriod, let endDate = day(end),
      let m = firstMatch(#"^(\d+)(か月|日|週間)$"#, period), let n = Int(m[1])
    {
      switch m[2] {
      case "か月": out.noticeDeadline = add(months: -n, days: 0, to: endDate)
      case "週間": out.noticeDeadline = add(months: 0, days: -7 * n, to: endDate)
      default: out.noticeDeadline = add(months: 0, days: -n, to: endDate)
      }
    }
    return out
  }

  // MARK: - Dates

  struct DateMatch {
    var range: Range<String.Index>
    var date: DateComponents
    /// Empty for a date that does not exist.
    var iso: String
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
      let comps = DateComponents(year: y, month: mo, day: d)
      guard let date = calendar.date(from: comps), calendar.component(.day, from: date) == d,
        calendar.component(.month, from: date) == mo
      else {
        out.append(DateMatch(range: range, date: comps, iso: ""))
        continue
      }
      out.append(DateMatch(range: range, date: comps, iso: iso(date)))
    }
    return out
  }

  static let calendar: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
  }()

  static func iso(_ d: Date) -> String {
    let c = calendar.dateComponents([.year, .month, .day], from: d)
    return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
  }

  static func day(_ iso: String) -> DateComponents? {
    let p = iso.split(separator: "-").compactMap { Int($0) }
    return p.count == 3 ? DateComponents(year: p[0], month: p[1], day: p[2]) : nil
  }

  static func add(months: Int, days: Int, to comps: DateComponents) -> String? {
    guard let d = calendar.date(from: comps),
      let m = calendar.date(byAdding: .month, value: months, to: d),
      let r = calendar.date(byAdding: .day, value: days, to: m)
    else { return nil }
    return iso(r)
  }

  // MARK: - Text

  /// Sentences as written: split after 「。」 and at line ends.
  static func sentences(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for ch in text {
      if ch == "\n" || ch == "\r\n" || ch == "\r" {
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current) }
        current = ""
        continue
      }
      current.append(ch)
      if ch == "。" {
        out.append(current)
        current = ""
      }
    }
    if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current) }
    return out.map { $0.trimmingCharacters(in: .whitespaces) }
  }

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
