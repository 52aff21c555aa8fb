/// HTML for the few large repeated parts of pages (the dashboard's rows, the contract text), built
/// in Swift because Leaf's per-expression cost dominates at hundreds of rows. Every value passes
/// through `escape`; templates insert the result with #unsafeHTML.
enum HTML {
  static func escape(_ s: String) -> String {
    // Most values (titles, dates, numbers) need nothing: check the bytes first.
    if !s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) {
      return s
    }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
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
