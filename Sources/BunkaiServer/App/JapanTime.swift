import Foundation

/// Dates as the pages show them, in Japan time (UTC+9, no daylight saving), computed directly:
/// a DateFormatter opens an ICU formatter, which cost more than the rest of a cached page.
enum JapanTime {
  /// "2026-11-21" for today in Japan.
  static func today(_ now: Date = Date()) -> String {
    let (y, m, d, _, _) = parts(now)
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// "2026-11-21 17:39".
  static func dateTime(_ date: Date) -> String {
    let (y, m, d, hh, mm) = parts(date)
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(hh, 2)):\(pad(mm, 2))"
  }

  private static func parts(_ date: Date) -> (Int, Int, Int, Int, Int) {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 9 * 3600
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (y, m, d) = civil(fromDays: days)
    return (y, m, d, secondOfDay / 3600, secondOfDay % 3600 / 60)
  }

  /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func civil(fromDays z0: Int) -> (Int, Int, Int) {
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
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
