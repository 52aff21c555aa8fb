import BunkaiCore
import BunkaiFormats
import Foundation
import Testing

/// The calendar feed as RFC 5545 wants it; scripts/check_office.py reads the written file with
/// Python's icalendar, an independent parser.
@Suite struct ICalendarTests {
  static let deadlines = [
    Deadline(
      kind: .noticeDeadline, due: ISODay("2027-01-31")!,
      subject: "電子カルテ保守契約（令和八年度）, 株式会社ミドリシステム; 第2版\\改", path: "/contracts/abc",
      key: "abc"),
    Deadline(
      kind: .recheck, due: ISODay("2026-12-31")!,
      subject: String(repeating: "長い契約名", count: 20), path: "/contracts/def", key: "def"),
  ]

  static func feed() -> String {
    ICalendar.feed(
      deadlines, calendarName: "Bunkai の期限（事務長 佐藤）", stamp: "20261202T083000Z",
      baseURL: "https://bunkai.example")
  }

  @Test func linesAreCRLFFoldedAtSeventyFiveOctetsAndNeverInsideACharacter() throws {
    let text = Self.feed()
    #expect(text.hasSuffix("\r\n"))
    let lines = text.components(separatedBy: "\r\n").dropLast()
    for line in lines {
      #expect(line.utf8.count <= 75, "\(line)")
      #expect(!line.contains("\n") && !line.contains("\r"))
    }
    // Unfolding gives back the whole summary (a continuation line starts with one space).
    let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
    #expect(unfolded.contains("SUMMARY:定期の見直し: " + String(repeating: "長い契約名", count: 20) + "\r\n"))
    #expect(lines.filter { $0.hasPrefix(" ") }.count > 0)
    if let dir = ProcessInfo.processInfo.environment["BUNKAI_OFFICE_OUT"] {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("deadlines.ics"))
    }
  }

  @Test func eventsAreAllDayWithStableIDsAndEscapedText() {
    let unfolded = Self.feed().replacingOccurrences(of: "\r\n ", with: "")
    #expect(unfolded.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
    #expect(unfolded.components(separatedBy: "BEGIN:VEVENT").count == 3)
    #expect(unfolded.contains("DTSTART;VALUE=DATE:20270131\r\nDTEND;VALUE=DATE:20270201\r\n"))
    // The last day of a year ends on the next year's first.
    #expect(unfolded.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"))
    #expect(unfolded.contains("UID:noticeDeadline-abc@bunkai\r\n"))
    #expect(unfolded.contains("株式会社ミドリシステム\\; 第2版\\\\改"))
    #expect(unfolded.contains("令和八年度）\\, 株式会社"))
    #expect(unfolded.contains("URL:https://bunkai.example/contracts/abc\r\n"))
    #expect(unfolded.hasSuffix("END:VCALENDAR\r\n"))
  }

  @Test func anEmptyFeedIsStillACalendar() {
    let text = ICalendar.feed([], calendarName: "x", stamp: "20261202T000000Z", baseURL: "")
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
    #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    #expect(!text.contains("VEVENT"))
  }
}
