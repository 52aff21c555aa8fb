import BunkaiCore

/// Deadlines as an iCalendar feed (RFC 5545), so they show in Outlook or Google Calendar: one
/// all-day event per deadline, with a stable UID so a calendar updates an event rather than
/// adding a second one when the day moves.
public enum ICalendar {
  /// - Parameters:
  ///   - stamp: when the feed was made, UTC, as "20261202T083000Z" (DTSTAMP).
  ///   - baseURL: the app's public URL, for each event's link.
  public static func feed(_ deadlines: [Deadline], calendarName: String, stamp: String, baseURL: String)
    -> String
  {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bunkai//Deadlines//JA", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + text(calendarName),
    ]
    for d in deadlines {
      lines += [
        "BEGIN:VEVENT",
        "UID:" + text("\(d.kind.rawValue)-\(d.key)@bunkai"),
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + compact(d.due),
        // DTEND is exclusive: an all-day event ends the next day.
        "DTEND;VALUE=DATE:" + compact(d.due.adding(days: 1)),
        "SUMMARY:" + text("\(d.kind.label): \(d.subject)"),
        "DESCRIPTION:" + text("\(d.kind.label)（\(d.due)）\n\(d.subject)\n\(baseURL)\(d.path)"),
        "URL:" + baseURL + d.path,
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return lines.flatMap(fold).joined(separator: "\r\n") + "\r\n"
  }

  /// "2026-12-02" → "20261202".
  static func compact(_ day: ISODay) -> String { day.description.replacingOccurrences(of: "-", with: "") }

  /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).
  static func text(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n", "\r\n", "\r": out += "\\n"
      default:
        // Other control characters have no place in a content line.
        if let a = c.asciiValue, a < 0x20 || a == 0x7F { continue }
        out.append(c)
      }
    }
    return out
  }

  /// Content lines longer than 75 octets are folded: CRLF and a space (RFC 5545 3.1), never
  /// inside a UTF-8 sequence — Japanese text is three octets a character.
  static func fold(_ line: String) -> [String] {
    var out: [String] = []
    var current = ""
    var octets = 0
    for scalar in line.unicodeScalars {
      let n = String(scalar).utf8.count
      // The first line may hold 75 octets; a continuation line starts with a space, so 74.
      let limit = out.isEmpty ? 75 : 74
      if octets + n > limit {
        out.append(out.isEmpty ? current : " " + current)
        current = ""
        octets = 0
      }
      current.unicodeScalars.append(scalar)
      octets += n
    }
    out.append(out.isEmpty ? current : " " + current)
    return out
  }
}
