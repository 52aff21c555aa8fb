/// Fields of CSV files written for spreadsheets (RFC 4180), safe to open in Excel. The checklist
/// import (`CatalogImporter`) reads what this writes.
public enum CSVText {
  /// One field: a leading =, +, - or @ would be a formula in a spreadsheet, so it gets an
  /// apostrophe; a field with a comma, quote or line break is quoted, quotes doubled.
  public static func field(_ s: String) -> String {
    // By scalar: a quote followed by a combining mark is one Character, and a Character-wise
    // replace would leave that quote undoubled, ending the quoted field early.
    var v = String.UnicodeScalarView()
    if let f = s.unicodeScalars.first, "=+-@".unicodeScalars.contains(f) { v.append("'") }
    v.append(contentsOf: s.unicodeScalars)
    guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return String(v) }
    var out = String.UnicodeScalarView()
    out.append("\"")
    for u in v {
      out.append(u)
      if u == "\"" { out.append("\"") }
    }
    out.append("\"")
    return String(out)
  }

  /// Rows joined with CRLF, ending with one.
  public static func table(_ rows: [[String]]) -> String {
    rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
  }
}
