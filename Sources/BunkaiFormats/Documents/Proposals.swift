import BunkaiCore
import Foundation

/// One proposal put to the vendor, as the redline and the memo both write it: only the contract's
/// words in `text`, the instruction kept apart for people, the text it replaces, and its intent.
public struct Proposal: Sendable, Equatable {
  /// The finding's index in the stored review.
  public var finding: Int
  /// 「第3条に次の一項を加える。」: for the reader, never written into the contract.
  public var instruction: String
  /// Existing wording the proposal replaces (tracked as a deletion), or nil for an addition.
  public var replaces: String?
  /// The wording that goes into the contract, numbered so no two proposals share a paragraph or
  /// an article number.
  public var text: String
  /// 趣旨: why the wording is proposed (the Word comment of the tracked change).
  public var intent: String
  /// The article amended; nil for a new article.
  public var article: String?
  public var isNewArticle: Bool
}

/// Turns a stored review and its decisions into the proposals, numbered once for every document.
public enum ProposalPlan {
  /// The proposals of the decisions that propose wording, in the order of the findings.
  public static func make(_ review: ReviewJSON, decisions: [Int: MemoDecision]) -> [Proposal] {
    var out: [Proposal] = []
    for (i, f) in review.findings.enumerated() {
      guard let d = decisions[i] else { continue }
      let s = f.suggestion
      var text: String
      var replaces: String?
      switch d.kind {
      case .propose:
        text = s.text
        replaces = s.replaces
      case .proposeEdited:
        text = DocxRedline.contractWording(d.wording.isEmpty ? s.text : d.wording)
        replaces = d.replacesQuote ? (s.replaces ?? f.evidence.first?.text) : nil
      default: continue
      }
      text = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !text.isEmpty else { continue }
      let isNew = replaces == nil && articleNumber(text) != nil
      out.append(
        Proposal(
          finding: i, instruction: s.instruction, replaces: replaces, text: text, intent: f.intent,
          article: isNew ? nil : f.article, isNewArticle: isNew))
    }
    return renumbered(out, review: review)
  }

  /// New articles numbered after the contract's last article, one after the other; paragraphs
  /// added to one article numbered on from the first one proposed for it.
  static func renumbered(_ proposals: [Proposal], review: ReviewJSON) -> [Proposal] {
    var out = proposals
    let last = review.document.articles.compactMap { leadingInt($0.number) }.max() ?? 0
    var nextArticle = last + 1
    var nextParagraph: [String: Int] = [:]
    for k in out.indices {
      if out[k].isNewArticle, let n = articleNumber(out[k].text) {
        let assigned = max(nextArticle, 1)
        out[k].text = "第\(assigned)条" + String(out[k].text.dropFirst("第\(n.raw)条".count))
        nextArticle = assigned + 1
        continue
      }
      guard out[k].replaces == nil, let article = out[k].article, let (n, rest) = paragraphNumber(out[k].text)
      else { continue }
      let assigned = nextParagraph[article] ?? n
      out[k].text = "\(assigned)\u{3000}" + rest
      nextParagraph[article] = assigned + 1
    }
    return out
  }

  /// "第15条（…）" → 15 and the digits as written.
  static func articleNumber(_ text: String) -> (value: Int, raw: String)? {
    guard text.hasPrefix("第") else { return nil }
    let digits = text.dropFirst().prefix { $0.isNumber }
    guard !digits.isEmpty, text.dropFirst(1 + digits.count).hasPrefix("条"), let v = leadingInt(String(digits))
    else { return nil }
    return (v, String(digits))
  }

  /// "3　乙は…" → (3, "乙は…").
  static func paragraphNumber(_ text: String) -> (Int, String)? {
    let digits = text.prefix { $0.isNumber }
    guard !digits.isEmpty, let v = leadingInt(String(digits)) else { return nil }
    let after = text.dropFirst(digits.count)
    guard let sep = after.first, sep == "\u{3000}" || sep == " " else { return nil }
    return (v, String(after.dropFirst()))
  }

  /// The value of leading digits, ASCII or full-width ("12の2" → 12).
  static func leadingInt(_ s: String) -> Int? {
    var v = 0
    var any = false
    for u in s.unicodeScalars {
      let d: UInt32
      switch u.value {
      case 0x30...0x39: d = u.value - 0x30
      case 0xFF10...0xFF19: d = u.value - 0xFF10
      default:
        return any ? v : nil
      }
      if v > 100_000 { return nil }
      v = v * 10 + Int(d)
      any = true
    }
    return any ? v : nil
  }
}
