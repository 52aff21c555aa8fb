import Foundation
import Testing

@testable import BunkaiServer

@Suite struct JapanTimeTests {
  /// The direct computation agrees with Foundation's formatter in Asia/Tokyo, around midnight and
  /// leap days included.
  @Test func agreesWithDateFormatter() {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "Asia/Tokyo")
    f.dateFormat = "yyyy-MM-dd HH:mm"
    var dates: [Date] = [
      Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 15 * 3600 - 1),
      Date(timeIntervalSince1970: 15 * 3600),
      // 2024-02-29 00:00 JST and one second before.
      Date(timeIntervalSince1970: 1_709_132_400), Date(timeIntervalSince1970: 1_709_132_399),
    ]
    var g = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      dates.append(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &g))))
    }
    for d in dates {
      #expect(JapanTime.dateTime(d) == f.string(from: d), "\(d.timeIntervalSince1970)")
      #expect(JapanTime.today(d) == String(f.string(from: d).prefix(10)))
    }
  }
}
