/// A calendar day as the app stores it ("2026-12-02"), with the arithmetic reminders need. Days,
/// not instants: a deadline is a day in Japan, whatever the server's time zone.
public struct ISODay: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let number: Int

  public init(number: Int) { self.number = number }

  /// Nil unless the text is a real day of the form YYYY-MM-DD (2026-02-30 is not).
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), d >= 1, d <= Self.daysIn(month: m, year: y)
    else { return nil }
    number = Self.days(year: y, month: m, day: d)
  }

  public init(year: Int, month: Int, day: Int) {
    number = Self.days(year: year, month: month, day: day)
  }

  public var parts: (year: Int, month: Int, day: Int) { Self.civil(number) }

  public var description: String {
    let (y, m, d) = parts
    return "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))"
  }

  public func adding(days: Int) -> ISODay { ISODay(number: number + days) }

  /// The same day `n` months later, or the month's last day when it is shorter (1/31 + 1 → 2/28).
  public func adding(months n: Int) -> ISODay {
    let (y, m, d) = parts
    let total = y * 12 + (m - 1) + n
    let year = total >= 0 ? total / 12 : (total - 11) / 12
    let month = total - year * 12 + 1
    return ISODay(year: year, month: month, day: min(d, Self.daysIn(month: month, year: year)))
  }

  public func days(until other: ISODay) -> Int { other.number - number }

  /// Saturday or Sunday (1970-01-01 was a Thursday).
  public var isWeekend: Bool {
    let weekday = ((number + 4) % 7 + 7) % 7  // 0 Sunday … 6 Saturday
    return weekday == 0 || weekday == 6
  }

  public static func < (a: ISODay, b: ISODay) -> Bool { a.number < b.number }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
  static func days(year y0: Int, month m: Int, day d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civil(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  private static func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }
}
