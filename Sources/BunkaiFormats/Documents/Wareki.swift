import Foundation

/// Dates as Japanese offices write them: 令和8年4月1日 (the Japanese calendar's era and year).
public enum Wareki {
  static let calendar: Calendar = {
    var c = Calendar(identifier: .japanese)
    c.timeZone = TimeZone(identifier: "Asia/Tokyo")!
    return c
  }()

  static let eraFormatter: DateFormatter = {
    let f = DateFormatter()
    f.calendar = calendar
    f.locale = Locale(identifier: "ja_JP")
    f.timeZone = calendar.timeZone
    f.dateFormat = "GGGG"
    return f
  }()

  /// "令和8年4月1日"; the first year of an era is written 元年.
  public static func format(_ date: Date) -> String {
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    let era = eraFormatter.string(from: date)
    let year = parts.year == 1 ? "元" : String(parts.year ?? 0)
    return "\(era)\(year)年\(parts.month ?? 0)月\(parts.day ?? 0)日"
  }

  /// A date written "2026-04-01" (as forms store it) in 和暦; other text is returned unchanged.
  public static func format(iso: String) -> String {
    guard let d = date(iso: iso) else { return iso }
    return format(d)
  }

  /// Noon in Tokyo of a "YYYY-MM-DD" date, or nil.
  public static func date(iso: String) -> Date? {
    let p = iso.trimmingCharacters(in: .whitespaces).split(separator: "-")
    guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), p[0].count == 4,
      (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    var g = Calendar(identifier: .gregorian)
    g.timeZone = calendar.timeZone
    guard let date = g.date(from: DateComponents(year: y, month: m, day: d, hour: 12)),
      g.component(.day, from: date) == d
    else { return nil }
    return date
  }

  /// The spreadsheet serial of a "YYYY-MM-DD" date (days since 1899-12-30), or nil.
  public static func serial(iso: String) -> Int? {
    let p = iso.split(separator: "-").compactMap { Int($0) }
    guard p.count == 3, date(iso: iso) != nil else { return nil }
    var g = Calendar(identifier: .gregorian)
    g.timeZone = TimeZone(identifier: "UTC")!
    guard let day = g.date(from: DateComponents(year: p[0], month: p[1], day: p[2])),
      let base = g.date(from: DateComponents(year: 1899, month: 12, day: 30))
    else { return nil }
    return g.dateComponents([.day], from: base, to: day).day
  }
}
