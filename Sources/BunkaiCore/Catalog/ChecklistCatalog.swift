import Foundation
import Yams

/// The checklist (確認表) items: ids, titles where known, and whatever a user imported from the
/// official form. Titles Bunkai does not know stay empty rather than invented.
public struct ChecklistCatalog: Sendable {
  public var id: String
  public var version: String
  public var source: String?
  public var items: [ChecklistItem]

  public init(id: String, version: String, source: String?, items: [ChecklistItem]) {
    self.id = id
    self.version = version
    self.source = source
    self.items = items
  }

  public func item(_ id: String) -> ChecklistItem? { items.first { $0.id == id } }

  /// Items of another catalogue replace ours by id; new ones are added.
  public func merged(with other: ChecklistCatalog) -> ChecklistCatalog {
    var items = self.items
    for item in other.items {
      if let k = items.firstIndex(where: { $0.id == item.id }) { items[k] = item } else { items.append(item) }
    }
    return ChecklistCatalog(id: other.id, version: other.version, source: other.source, items: items)
  }

  /// "P1-1", "P2-A-12", "P2-B-4".
  public static func isValidItemId(_ id: String) -> Bool {
    let parts = id.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 2, parts[0] == "P1", let n = Int(parts[1]), n > 0 { return true }
    if parts.count == 3, parts[0] == "P2", parts[1].count == 1, parts[1].first!.isUppercase,
      let n = Int(parts[2]), n > 0
    {
      return true
    }
    return false
  }

  /// The item id for a 項番 of the official form: "1" → P1-1, "A-1" / "Ａ－１" → P2-A-1.
  public static func itemId(forNumber raw: String) -> String? {
    let folded = String(
      String.UnicodeScalarView(Normalizer.normalize(raw).chars.compactMap(Unicode.Scalar.init))
    )
    .uppercased().replacingOccurrences(of: "－", with: "-").replacingOccurrences(of: "ー", with: "-")
    .replacingOccurrences(of: "‐", with: "-").replacingOccurrences(of: "−", with: "-")
    if let n = Int(folded), n > 0 { return "P1-\(n)" }
    var letters = ""
    var digits = ""
    for c in folded where c != "-" && c != "." && c != "_" {
      if c.isLetter && c.isASCII && digits.isEmpty {
        letters.append(c)
      } else if c.isNumber && c.isASCII {
        digits.append(c)
      } else {
        return nil
      }
    }
    guard letters.count == 1, let n = Int(digits), n > 0 else { return nil }
    return "P2-\(letters)-\(n)"
  }
}

public struct ChecklistItem: Sendable, Codable, Equatable {
  public var id: String
  public var part: Int
  public var section: String?
  /// 項番 as on the form: "1", "A-1".
  public var number: String
  /// 項目, when known.
  public var title: String?
  /// True when `title` is our summary of the item rather than the official wording.
  public var titleIsSummary: Bool
  /// 内容 and the companion's columns, when imported.
  public var content: String?
  public var risk: String?
  public var recommendation: String?
  public var guidelineRefs: String?
  /// A pointer for the user where the official text is unknown.
  public var hint: String?

  public init(
    id: String, part: Int, section: String?, number: String, title: String?, titleIsSummary: Bool = false,
    content: String? = nil, risk: String? = nil, recommendation: String? = nil, guidelineRefs: String? = nil,
    hint: String? = nil
  ) {
    self.id = id
    self.part = part
    self.section = section
    self.number = number
    self.title = title
    self.titleIsSummary = titleIsSummary
    self.content = content
    self.risk = risk
    self.recommendation = recommendation
    self.guidelineRefs = guidelineRefs
    self.hint = hint
  }

  /// What pages and documents show as the item's 項目: the title when known; for an A item
  /// without one, the guide's grouping; otherwise the section's name. Never invented wording,
  /// never an instruction (see `ChecklistDisplay`).
  public var displayTitle: String { ChecklistDisplay.title(self) }

  /// True when the catalogue has no title for the item (the official form not imported).
  public var titleIsUnknown: Bool { title == nil }
}

/// How a checklist item is named where its official title is not in the catalogue, in one place
/// for the institution's pages, the vendor's pages, the annex and the memo (DOMAIN.md section 2).
public enum ChecklistDisplay {
  /// Where the ministries publish the official form (the page the guide cites).
  public static let officialFormURL =
    "https://www.meti.go.jp/shingikai/mono_info_service/medical_information_system/checklist.html"

  /// The guide's grouping of the A items it groups.
  public static func guideGroup(number: String) -> String? {
    switch number {
    case "A-1", "A-2", "A-3", "A-4": "2省ガイドラインに基づく事業者の安全管理"
    case "A-5", "A-10", "A-12": "事業者の体制の変更と再委託"
    case "A-11": "医療機関側（利用者側）のセキュリティに関するリスクコミュニケーション"
    default: nil
    }
  }

  /// The section's name as the form heads it.
  public static func sectionName(part: Int, section: String?) -> String {
    if part == 1 { return "Part1 主に医療機関が実施する項目" }
    switch section {
    case "A": return "共通"
    case "B": return "システム導入契約"
    case "C": return "システム保守・運用契約"
    default: return "Part\(part)"
    }
  }

  public static func title(_ item: ChecklistItem) -> String {
    if let t = item.title, !t.isEmpty { return t }
    if let g = guideGroup(number: item.number) { return "\(g)（ガイドの分類）" }
    return "\(sectionName(part: item.part, section: item.section))の項目（項目名は未登録）"
  }

  /// A short note beside a title that is not the official wording, or nil.
  public static func note(_ item: ChecklistItem) -> String? {
    if item.title == nil {
      return guideGroup(number: item.number) != nil
        ? "公式の項目名ではなく、手引きによる分類を表示しています。" : "公式の項目名はまだ登録されていません。"
    }
    return item.titleIsSummary ? "Bunkai が付けた要約です。公式の文言ではありません。" : nil
  }

  /// "A-5 事業者の体制の変更と再委託（ガイドの分類）".
  public static func label(_ item: ChecklistItem) -> String { "\(item.number) \(title(item))" }

  /// The label of an item id, read in a catalogue; the id alone when the catalogue lacks it.
  public static func label(_ id: String, in catalog: ChecklistCatalog) -> String {
    guard let item = catalog.item(id) else { return id }
    return (item.part == 1 ? "Part1 " : "Part2 ") + label(item)
  }
}

/// Reads and writes catalogue YAML (schema in docs/playbook.md).
public enum CatalogLoader {
  public static func builtin() throws -> ChecklistCatalog {
    guard let url = Bundle.module.url(forResource: "builtin", withExtension: "yaml", subdirectory: "Catalogs")
    else {
      throw DataFileError(file: "Catalogs/builtin.yaml", line: nil, field: "", message: "組み込みカタログが見つかりません")
    }
    return try load(yaml: try String(contentsOf: url, encoding: .utf8), file: url.path)
  }

  public static func load(contentsOf url: URL) throws -> ChecklistCatalog {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw DataFileError(file: url.path, line: nil, field: "", message: "ファイルを UTF-8 のテキストとして読めません")
    }
    return try load(yaml: text, file: url.path)
  }

  public static func load(yaml: String, file: String) throws -> ChecklistCatalog {
    var r = YAMLReader(file: file)
    guard let root = r.compose(yaml), r.mapping(root, "") != nil else {
      throw DataFileErrors(errors: r.errors)
    }
    r.checkKeys(root, ["schemaVersion", "id", "version", "source", "items"], "")
    if let v = r.int(root, "schemaVersion", ""), v != 1 {
      r.fail(root["schemaVersion"], "schemaVersion", "対応していない版です（対応: 1）")
    }
    let id = r.string(root, "id", "") ?? "?"
    let version = r.string(root, "version", "") ?? "?"
    var items: [ChecklistItem] = []
    let keys: Set<String> = [
      "id", "part", "section", "number", "title", "titleIsSummary", "content", "risk", "recommendation",
      "guidelineRefs", "hint",
    ]
    for (i, node) in r.list(root, "items", "").enumerated() {
      let path = "items[\(i)]"
      r.checkKeys(node, keys, path)
      guard let itemId = r.string(node, "id", path, verbatim: true),
        let number = r.string(node, "number", path, verbatim: true)
      else { continue }
      if !ChecklistCatalog.isValidItemId(itemId) {
        r.fail(node["id"], "\(path).id", "「\(itemId)」は項目 ID の形（P1-1, P2-A-1 など）ではありません")
      }
      let part = r.int(node, "part", path) ?? (itemId.hasPrefix("P1") ? 1 : 2)
      items.append(
        ChecklistItem(
          id: itemId, part: part, section: r.string(node, "section", path, required: false, verbatim: true),
          number: number,
          title: r.string(node, "title", path, required: false, verbatim: true),
          titleIsSummary: r.bool(node, "titleIsSummary", path, default: false),
          content: r.string(node, "content", path, required: false, verbatim: true),
          risk: r.string(node, "risk", path, required: false, verbatim: true),
          recommendation: r.string(node, "recommendation", path, required: false, verbatim: true),
          guidelineRefs: r.string(node, "guidelineRefs", path, required: false, verbatim: true),
          hint: r.string(node, "hint", path, required: false, verbatim: true)))
    }
    guard r.errors.isEmpty else { throw DataFileErrors(errors: r.errors) }
    return ChecklistCatalog(
      id: id, version: version, source: r.string(root, "source", "", required: false, verbatim: true),
      items: items)
  }

  /// Catalogue YAML for an imported form.
  public static func yaml(_ catalog: ChecklistCatalog) throws -> String {
    struct File: Encodable {
      var schemaVersion = 1
      var id: String
      var version: String
      var source: String?
      var items: [ChecklistItem]
    }
    let encoder = YAMLEncoder()
    encoder.options.allowUnicode = true
    encoder.options.sortKeys = false
    return try encoder.encode(
      File(id: catalog.id, version: catalog.version, source: catalog.source, items: catalog.items))
  }
}
