import Yams

/// What a labelled corpus file says a review should find (format in docs/eval.md).
public struct EvalLabels: Sendable {
  public struct Concern: Sendable {
    public var raised: Bool
    /// Where the finding belongs (any is right); empty when no clause of that kind exists.
    public var articles: [String]
  }
  public struct ElementLabel: Sendable {
    public var status: ElementResult.Status
    public var articles: [String]
  }
  public var kind: String?
  public var concerns: [String: Concern]
  public var elements: [String: ElementLabel]

  public static let concernIds = ["A", "B1", "B2", "C1", "C2", "D1", "D2"]

  /// Parses a label file; the message names the field that is wrong.
  public static func parse(_ yaml: String, file: String) throws -> EvalLabels {
    func fail(_ field: String, _ message: String) -> DataFileError {
      DataFileError(file: file, line: nil, field: field, message: message)
    }
    guard let root = try Yams.load(yaml: yaml) as? [String: Any] else {
      throw fail("", "ラベルファイルがマッピングではありません")
    }
    func articles(_ m: [String: Any]) -> [String] {
      if let list = m["articles"] as? [Any] { return list.map { "\($0)" } }
      if let one = m["article"] { return ["\(one)"] }
      return []
    }
    var concerns: [String: Concern] = [:]
    guard let cs = root["concerns"] as? [String: Any] else { throw fail("concerns", "必須の項目がありません") }
    for id in concernIds {
      guard let c = cs[id] as? [String: Any] else { throw fail("concerns.\(id)", "七つの懸念すべてにラベルが必要です") }
      guard let raised = c["raised"] as? Bool else {
        throw fail("concerns.\(id).raised", "true か false を書いてください")
      }
      concerns[id] = Concern(raised: raised, articles: articles(c))
    }
    var elements: [String: ElementLabel] = [:]
    for (id, v) in root["elements"] as? [String: Any] ?? [:] {
      guard let m = v as? [String: Any], let s = m["status"] as? String,
        let status = ElementResult.Status(rawValue: s)
      else { throw fail("elements.\(id).status", "met, unmet, contradicted, unclear のいずれかを書いてください") }
      elements[id] = ElementLabel(status: status, articles: articles(m))
    }
    return EvalLabels(kind: root["kind"] as? String, concerns: concerns, elements: elements)
  }
}
