import Foundation
import PropertyBased
import Testing

@testable import BunkaiFormats

/// Escapes that must be undone exactly by their readers, for every text.
@Suite struct EscapePropertyTests {
  /// Markup and CSV delimiters, Japanese text, combining marks and line breaks.
  static let alphabet: [Character] =
    Array("<>&\"',;\t 甲乙項目=+-@a1") + [
      "\r\n", "\n", "\r", "\u{301}", "e\u{301}", "&\u{301}", "👨‍👩‍👧",
    ]

  static let text = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...24).map {
    String($0.map { EscapePropertyTests.alphabet[$0] })
  }

  /// Undoes the five references HTMLText.escape writes.
  static func unescapeHTML(_ s: String) -> String {
    var out = ""
    var rest = Substring(s)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      rest = rest[amp...]
      let table = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
      guard let hit = table.first(where: { rest.unicodeScalars.starts(with: $0.key.unicodeScalars) }) else {
        Issue.record("bare & in escaped text: \(s)")
        return out
      }
      out += hit.value
      rest = Substring(rest.unicodeScalars.dropFirst(hit.key.unicodeScalars.count))
    }
    return out + rest
  }

  @Test func htmlEscapeRoundTripsAndLeavesNoMarkup() async {
    await propertyCheck(count: 2_000, input: Self.text) { s in
      let e = HTMLText.escape(s)
      #expect(!e.unicodeScalars.contains { $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" })
      #expect(Self.unescapeHTML(e).unicodeScalars.elementsEqual(s.unicodeScalars), "\(s)")
    }
  }

  /// What the spreadsheet shows for a written field: the apostrophe guard against formulas.
  static func shown(_ s: String) -> String {
    if let f = s.unicodeScalars.first, "=+-@".unicodeScalars.contains(f) { return "'" + s }
    return s
  }

  @Test func csvRoundTripsThroughTheImporter() async {
    let rows = Self.text.array(of: 1...4).array(of: 1...5)
    await propertyCheck(count: 1_000, input: rows) { table in
      let parsed = CatalogImporter.parseDelimited(CSVText.table(table), separator: ",")
      let expected = table.map { $0.map(Self.shown) }
      #expect(parsed.count == expected.count, "\(table)")
      for (p, e) in zip(parsed, expected) {
        #expect(p.map { Array($0.unicodeScalars) } == e.map { Array($0.unicodeScalars) }, "\(table)")
      }
    }
  }
}
