/// Sentences as a person wrote them: split after 「。」 and at line ends, trimmed, empty ones
/// dropped. For readers that quote a sentence back (contract dates, a change-notice period); the
/// engine's own sentence reading works on the normalised text instead.
enum WrittenSentences {
  static func split(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for ch in text {
      if ch == "\n" || ch == "\r\n" || ch == "\r" {
        out.append(current)
        current = ""
      } else {
        current.append(ch)
        if ch == "。" {
          out.append(current)
          current = ""
        }
      }
    }
    out.append(current)
    return out.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
