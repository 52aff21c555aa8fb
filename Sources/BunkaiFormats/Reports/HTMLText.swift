/// Escaping for text placed in HTML: the reports, the annex page, and the parts of the web pages
/// built in Swift (inserted by the templates with #unsafeHTML).
public enum HTMLText {
  public static func escape(_ s: String) -> String {
    // Most values (titles, dates, numbers) need nothing: check the bytes first.
    if !s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) {
      return s
    }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    // By scalar: a combining mark after "&" must not keep the "&" from being escaped.
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }
}
