import BunkaiCore
import Foundation

/// Dates as the pages show them, in Japan time (UTC+9, no daylight saving), computed directly:
/// a DateFormatter opens an ICU formatter, which cost more than the rest of a cached page.
package enum JapanTime {
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

  /// Today in Japan as a day for arithmetic.
  package static func day(_ now: Date = Date()) -> ISODay { ISODay(number: daysAndSeconds(now).days) }

  /// The hour of the day in Japan (0–23): when the daily run is due.
  static func hour(_ now: Date = Date()) -> Int { daysAndSeconds(now).secondOfDay / 3600 }

  private static func daysAndSeconds(_ date: Date) -> (days: Int, secondOfDay: Int) {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 9 * 3600
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return (days, seconds - days * 86_400)
  }

  private static func parts(_ date: Date) -> (Int, Int, Int, Int, Int) {
    let (days, secondOfDay) = daysAndSeconds(date)
    let (y, m, d) = ISODay(number: days).parts
    return (y, m, d, secondOfDay / 3600, secondOfDay % 3600 / 60)
  }

  private static func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
