/// A parsed contract. Every range counts Unicode scalars of the source text.
public struct Contract: Sendable {
  public var title: String?
  public var titleRange: Range<Int>?
  public var preamble: Range<Int>?
  public var parties: [Party] = []
  public var kinds: [ContractKind] = []
  public var chapters: [Chapter] = []
  public var articles: [Article] = []
  public var annexReferences: [AnnexReference] = []
  public var annexSections: [AnnexSection] = []
  public var definitions: [Definition] = []
  /// Lines of the preamble and of annex text that start something new (`OutsideLines`).
  public var outsideLines: [OutsideLine] = []
  /// 附則 (supplementary provisions), when present.
  public var supplementary: Range<Int>?
  /// How the contract writes article and paragraph numbers; sample wording follows it.
  public var numberStyle: NumberStyle = .arabic
  public var paragraphNumberStyle: NumberStyle = .fullWidth
  /// What follows a paragraph number in this contract: 「２　」「2 」「２．」「2. 」.
  public var paragraphNumberSuffix: String = "　"

  public init() {}

  public func party(_ role: PartyRole) -> Party? { parties.first { $0.role == role } }
}

public enum ContractKind: String, Sendable, Codable, CaseIterable, Hashable {
  /// 導入・開発 (introduction / development / purchase).
  case introduction
  /// 保守・運用 (maintenance / operation).
  case maintenance
  /// SaaS・クラウド terms.
  case saas
  case other

  public var label: String {
    switch self {
    case .introduction: "導入・開発"
    case .maintenance: "保守・運用"
    case .saas: "SaaS・クラウド"
    case .other: "その他"
    }
  }
}

public enum NumberStyle: String, Sendable {
  case arabic, fullWidth, kanji
}

public struct Chapter: Sendable, Equatable {
  public var number: String
  public var title: String?
  public var range: Range<Int>
}

public struct Article: Sendable {
  /// Arabic digits: "15", "12の2".
  public var number: String
  public var heading: String?
  public var headingRange: Range<Int>?
  /// Chapter number this article sits in, if any.
  public var chapter: String?
  /// From the header line to the end of the last paragraph.
  public var range: Range<Int>
  public var paragraphs: [Paragraph]
  public var topics: [String] = []
  /// The part of the document outside the main contract that holds the article: 「別紙」「別紙2」
  /// 「特記事項」「覚書」 (they number their own articles from 第1条); nil in the contract itself.
  public var part: String?
  /// Numbered as a 仕様書's section (「7. 」), not as 第7条: its sections are often one paragraph
  /// each, and 前項 in one names the section before.
  public var section = false

  /// How findings and labels name the article: "12", or "別紙:3" / "覚書:1" in another part.
  public var reference: String { part.map { "\($0):\(number)" } ?? number }

  /// Main number, for "the next article" ("12の2" → 12).
  /// The number before any 「の」 (「12の2」 → 12), 0 where that is not a number. Read digit by digit:
  /// the parser asks it for every line, and splitting the string each time showed in a review's time.
  public var mainNumber: Int {
    var n = 0
    var digits = 0
    var rest = number.unicodeScalars[...]
    while let c = rest.first, ("0"..."9").contains(c) {
      n = n * 10 + Int(c.value - 0x30)
      digits += 1
      rest = rest.dropFirst()
      // Longer than any article number; Int("…") of it would be nil, or overflow here.
      if digits > 18 { return 0 }
    }
    guard digits > 0, rest.first == nil || rest.first == "の" else { return 0 }
    return n
  }
}

public struct Paragraph: Sendable {
  /// 1-based paragraph number within the article.
  public var number: Int
  /// The paragraph's text including its items, without the paragraph number or article header.
  public var range: Range<Int>
  public var items: [Item]
}

public struct Item: Sendable {
  /// The marker as written: "(1)", "①", "一", "ア" …
  public var label: String
  public var range: Range<Int>
}

public struct AnnexReference: Sendable, Equatable {
  /// "別表1", "別紙", "別紙2" (digits Arabic).
  public var label: String
  public var range: Range<Int>
  /// The article the reference sits in, if any.
  public var article: String?
}

public struct AnnexSection: Sendable, Equatable {
  public var label: String
  public var range: Range<Int>
}

public struct Definition: Sendable, Equatable {
  public var term: String
  public var range: Range<Int>
}
