import Foundation
import Yams

/// Reads and validates playbook YAML. Every problem names the file, line and field.
public enum PlaybookLoader {
  /// The schema this version writes; version 1 playbooks still load (their rules keep their word
  /// conditions and are judged as one element each).
  public static let supportedSchemaVersion = 2
  public static let supportedSchemaVersions = [1, 2]
  /// Opens the term that holds the uses of a defined name for a concept: private-use scalars, which
  /// a contract's text has no reason to hold (as with the party tokens of `PartyTokens`).
  static let definedUseSlot = "\u{E010}\u{E011}"

  /// The playbook shipped with Bunkai.
  /// Where the built-in playbook's YAML is (among the module's resources).
  public static var builtinURL: URL? {
    Bundle.module.url(forResource: "builtin", withExtension: "yaml", subdirectory: "Playbooks")
  }

  public static func builtin() throws -> Playbook {
    guard let url = builtinURL else {
      throw DataFileError(file: "Playbooks/builtin.yaml", line: nil, field: "", message: "組み込みプレイブックが見つかりません")
    }
    return try load(contentsOf: url)
  }

  public static func load(contentsOf url: URL) throws -> Playbook {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw DataFileError(file: url.path, line: nil, field: "", message: "ファイルを UTF-8 のテキストとして読めません")
    }
    return try load(yaml: text, file: url.path)
  }

  public static func load(yaml: String, file: String) throws -> Playbook {
    var r = YAMLReader(file: file)
    guard let root = r.compose(yaml), r.mapping(root, "") != nil else {
      throw DataFileErrors(errors: r.errors)
    }
    r.checkKeys(
      root,
      [
        "schemaVersion", "id", "version", "title", "lessons", "topics", "rules", "concepts",
        "definedTermConcepts", "namedDocumentConcepts",
      ], "")
    let schema = r.int(root, "schemaVersion", "")
    if let v = schema, !supportedSchemaVersions.contains(v) {
      r.fail(root["schemaVersion"], "schemaVersion", "対応していない版です（対応: 1, 2）")
    } else if root["schemaVersion"] == nil {
      r.fail(root, "schemaVersion", "必須の項目がありません（2 を書いてください）")
    }
    var concepts: [String: [String]] = [:]
    if let node = root["concepts"] {
      if schema == 1 {
        r.fail(node, "concepts", "concepts は schemaVersion 2 の項目です（schemaVersion を 2 にしてください）")
      }
      for (k, v) in node.mapping ?? [:] {
        guard let name = k.string else { continue }
        let terms = r.strings(node, name, "concepts")
        validateTerms(terms.filter { !$0.hasPrefix("@") }, v, "concepts.\(name)", &r)
        if terms.isEmpty { r.fail(v, "concepts.\(name)", "語を一つ以上書いてください") }
        concepts[name] = terms
      }
    }
    // The uses of a contract's defined name for a concept (「協力会社」 for subcontract) are recorded
    // as occurrences of the concept's first term (DefinedTerms). That term is a slot of the
    // concept's own, never found in a text: a plain first term (「前項の物」) may be in another
    // concept's list too, which the uses would then reach.
    // 「guideline+comply」: a term defined with both (「本安全管理措置」とは、指定ガイドラインに基づき…)
    // stands for both.
    // 「provided-named=provided-things+provide」: a name whose defining sentence holds all the concepts
    // after = counts as the concept before it.
    let definedTermConcepts = r.strings(root, "definedTermConcepts", "")
    // 「security+institution-side」: a quoted document name holding both carries both (NamedDocuments).
    let namedDocumentConcepts = r.strings(root, "namedDocumentConcepts", "")
    let definedFor = (definedTermConcepts + namedDocumentConcepts).flatMap {
      $0.split(separator: "=").flatMap { $0.split(separator: "+") }.map(String.init)
    }
    for name in Set(definedFor) where concepts[name] != nil {
      concepts[name]!.insert(Self.definedUseSlot + name, at: 0)
    }
    // A concept may name another ("@guideline" inside "efforts"): one level is expanded.
    for (name, terms) in concepts {
      concepts[name] = terms.flatMap { t in t.hasPrefix("@") ? concepts[String(t.dropFirst())] ?? [t] : [t] }
    }
    r.concepts = concepts
    let id = r.string(root, "id", "") ?? "?"
    let version = r.string(root, "version", "", required: false) ?? "0"
    let title = r.string(root, "title", "", required: false) ?? id

    var lessons: [Lesson] = []
    for (i, node) in r.list(root, "lessons", "").enumerated() {
      let path = "lessons[\(i)]"
      r.checkKeys(node, ["id", "title", "text"], path)
      if let lid = r.string(node, "id", path), let t = r.string(node, "title", path),
        let x = r.string(node, "text", path)
      {
        lessons.append(Lesson(id: lid, title: t, text: x))
      }
    }
    var topics: [TopicDefinition] = []
    for (i, node) in r.list(root, "topics", "").enumerated() {
      let path = "topics[\(i)]"
      r.checkKeys(node, ["id", "label", "heading", "body"], path)
      guard let tid = r.string(node, "id", path) else { continue }
      // 「"@subcontract-acts"」 in a topic reads the concept's terms: an article that has someone
      // else do part of the work is about subcontracting, however it words that.
      func terms(_ key: String) -> [String] {
        r.strings(node, key, path).flatMap { t -> [String] in
          guard t.hasPrefix("@") else { return [t] }
          guard let known = concepts[String(t.dropFirst())] else {
            r.fail(node[key], "\(path).\(key)", "未定義の概念「\(t.dropFirst())」です（concepts に定義してください）")
            return []
          }
          return known
        }
      }
      let heading = terms("heading")
      let body = terms("body")
      validateTerms(heading, node["heading"], "\(path).heading", &r)
      validateTerms(body, node["body"], "\(path).body", &r)
      if heading.isEmpty && body.isEmpty { r.fail(node, path, "heading か body のどちらかに語を書いてください") }
      topics.append(
        TopicDefinition(
          id: tid, label: r.string(node, "label", path, required: false) ?? tid, heading: heading, body: body)
      )
    }
    var rules: [Rule] = []
    var seen: Set<String> = []
    for (i, node) in r.list(root, "rules", "").enumerated() {
      let path = "rules[\(i)]"
      if let rule = readRule(node, path, &r) {
        if !seen.insert(rule.id).inserted { r.fail(node["id"], "\(path).id", "ルール ID「\(rule.id)」が重複しています") }
        rules.append(rule)
      }
    }
    if root["rules"] == nil { r.fail(root, "rules", "必須の項目がありません") }
    guard r.errors.isEmpty else { throw DataFileErrors(errors: r.errors) }
    var book = Playbook(
      id: id, version: version, title: title, lessons: lessons, topics: topics, rules: rules,
      concepts: concepts)
    book.definedTermConcepts = definedTermConcepts
    book.namedDocumentConcepts = namedDocumentConcepts
    for name in definedFor where concepts[name] == nil {
      let inNamed = namedDocumentConcepts.contains { $0.split(separator: "+").contains(Substring(name)) }
      throw DataFileErrors(errors: [
        DataFileError(
          file: file, line: nil, field: inNamed ? "namedDocumentConcepts" : "definedTermConcepts",
          message: "未定義の概念「\(name)」です")
      ])
    }
    return book
  }

  /// Checks references between the parts once the playbooks to be used are merged.
  public static func validateReferences(_ playbook: Playbook, file: String) throws {
    let topicIds = Set(playbook.topics.map(\.id))
    let lessonIds = Set(playbook.lessons.map(\.id))
    var errors: [DataFileError] = []
    for rule in playbook.rules {
      for t in rule.scopeTopics where !topicIds.contains(t) {
        errors.append(
          DataFileError(
            file: file, line: nil, field: "rules[\(rule.id)].scope.topics", message: "未定義のトピック「\(t)」です"))
      }
      for e in rule.elements {
        for t in e.contextTopics where !topicIds.contains(t) {
          errors.append(
            DataFileError(
              file: file, line: nil, field: "rules[\(rule.id)].elements[\(e.id)].contextTopics",
              message: "未定義のトピック「\(t)」です"))
        }
      }
      if let l = rule.lesson, !lessonIds.contains(l) {
        errors.append(
          DataFileError(file: file, line: nil, field: "rules[\(rule.id)].lesson", message: "未定義の教訓「\(l)」です"))
      }
    }
    if !errors.isEmpty { throw DataFileErrors(errors: errors) }
  }

  static let ruleKeys: Set<String> = [
    "id", "title", "guideRefs", "checklistItems", "severity", "appliesTo", "scope", "trigger", "require",
    "reportMissing", "explanation", "missingExplanation", "suggestion", "missingSuggestion", "intent",
    "lesson", "elements",
  ]

  static func readRule(_ node: Node, _ path: String, _ r: inout YAMLReader) -> Rule? {
    guard r.mapping(node, path) != nil else { return nil }
    r.checkKeys(node, ruleKeys, path)
    let id = r.string(node, "id", path)
    let title = r.string(node, "title", path)
    let explanation = r.string(node, "explanation", path)
    let intent = r.string(node, "intent", path)
    var severity = Severity.medium
    if let s = r.string(node, "severity", path) {
      if let v = Severity(rawValue: s) {
        severity = v
      } else {
        r.fail(node["severity"], "\(path).severity", "「\(s)」は使えません（high, medium, low のいずれか）")
      }
    }
    var kinds: [ContractKind] = []
    for k in r.strings(node, "appliesTo", path) {
      if let kind = ContractKind(rawValue: k) {
        kinds.append(kind)
      } else {
        r.fail(
          node["appliesTo"], "\(path).appliesTo",
          "「\(k)」は使えません（\(ContractKind.allCases.map(\.rawValue).joined(separator: ", "))）")
      }
    }
    let checklist = r.strings(node, "checklistItems", path)
    for item in checklist where !ChecklistCatalog.isValidItemId(item) {
      r.fail(
        node["checklistItems"], "\(path).checklistItems", "「\(item)」は確認表の項目 ID の形（P1-1, P2-A-1 など）ではありません")
    }
    var scopeTopics: [String] = []
    var scopeMatch: Condition?
    if let scope = node["scope"] {
      r.checkKeys(scope, ["topics", "match"], "\(path).scope")
      scopeTopics = r.strings(scope, "topics", "\(path).scope")
      if let m = scope["match"] { scopeMatch = readCondition(m, "\(path).scope.match", &r) }
      if scopeTopics.isEmpty && scopeMatch == nil {
        r.fail(scope, "\(path).scope", "topics か match を書いてください")
      }
    } else {
      r.fail(node, "\(path).scope", "必須の項目がありません")
    }
    let trigger = node["trigger"].flatMap { readCondition($0, "\(path).trigger", &r) }
    var requirement: Requirement?
    let elements = r.list(node, "elements", path).enumerated().compactMap {
      readElement($1, "\(path).elements[\($0)]", &r)
    }
    if let req = node["require"] {
      let rp = "\(path).require"
      r.checkKeys(req, ["match", "unit", "where"], rp)
      let unitName = r.string(req, "unit", rp, required: false) ?? "paragraph"
      let placeName = r.string(req, "where", rp, required: false) ?? "document"
      let unit = Requirement.Unit(rawValue: unitName)
      let place = Requirement.Place(rawValue: placeName)
      if unit == nil { r.fail(req["unit"], "\(rp).unit", "「\(unitName)」は使えません（paragraph か article）") }
      if place == nil { r.fail(req["where"], "\(rp).where", "「\(placeName)」は使えません（article か document）") }
      if let m = req["match"] {
        if let cond = readCondition(m, "\(rp).match", &r), let unit, let place {
          requirement = Requirement(match: cond, unit: unit, place: place)
        }
      } else {
        r.fail(req, "\(rp).match", "必須の項目がありません")
      }
    } else if elements.isEmpty {
      r.fail(node, "\(path).require", "必須の項目がありません（require か elements を書いてください）")
    }
    let suggestion = readSuggestion(node["suggestion"], "\(path).suggestion", &r, required: true)
    let missingSuggestion = readSuggestion(
      node["missingSuggestion"], "\(path).missingSuggestion", &r, required: false)
    guard let id, let title, let explanation, let intent, requirement != nil || !elements.isEmpty,
      let suggestion
    else { return nil }
    var rule = Rule(
      id: id, title: title, guideRefs: r.strings(node, "guideRefs", path), checklistItems: checklist,
      severity: severity, appliesTo: kinds, scopeTopics: scopeTopics, scopeMatch: scopeMatch,
      trigger: trigger,
      require: requirement, reportMissing: r.bool(node, "reportMissing", path, default: true),
      explanation: explanation,
      missingExplanation: r.string(node, "missingExplanation", path, required: false),
      suggestion: suggestion, missingSuggestion: missingSuggestion, intent: intent,
      lesson: r.string(node, "lesson", path, required: false))
    rule.elements = elements
    return rule
  }

  static let elementKeys: Set<String> = [
    "id", "label", "precondition", "unit", "match", "context", "contextTopics", "contextInArticle", "unless",
    "fallsShort", "fallsShortNote",
    "actor",
    "negatable",
    "contradictedBy", "overridable", "contradictionOutweighs", "everyItem", "readsHeading", "readsItems",
    "near", "doubtfulWhen", "doubtfulNote",
  ]

  static func readElement(_ node: Node, _ path: String, _ r: inout YAMLReader) -> Element? {
    guard r.mapping(node, path) != nil else { return nil }
    r.checkKeys(node, elementKeys, path)
    let id = r.string(node, "id", path)
    let label = r.string(node, "label", path)
    let unitName = r.string(node, "unit", path, required: false) ?? "sentence"
    let unit = Element.Unit(rawValue: unitName)
    if unit == nil {
      r.fail(node["unit"], "\(path).unit", "「\(unitName)」は使えません（sentence, paragraph, article）")
    }
    var match: Condition?
    if let m = node["match"] {
      match = readCondition(m, "\(path).match", &r)
    } else {
      r.fail(node, "\(path).match", "必須の項目がありません")
    }
    var actor: Element.Actor?
    if let a = node["actor"] {
      let ap = "\(path).actor"
      r.checkKeys(a, ["role", "mode"], ap)
      let roleName = r.string(a, "role", ap) ?? ""
      let modeName = r.string(a, "mode", ap, required: false) ?? "subject"
      let role = PartyRole(rawValue: roleName).flatMap { $0 == .unknown ? nil : $0 }
      let mode = Element.ActorMode(rawValue: modeName)
      if role == nil { r.fail(a["role"], "\(ap).role", "「\(roleName)」は使えません（vendor か institution）") }
      if mode == nil { r.fail(a["mode"], "\(ap).mode", "「\(modeName)」は使えません（subject, leader, holder）") }
      if let role, let mode { actor = Element.Actor(role: role, mode: mode) }
    }
    let context = node["context"].flatMap { readCondition($0, "\(path).context", &r) }
    let unless = node["unless"].flatMap { readCondition($0, "\(path).unless", &r) }
    let fallsShort = node["fallsShort"].flatMap { readCondition($0, "\(path).fallsShort", &r) }
    let contra = node["contradictedBy"].flatMap { readCondition($0, "\(path).contradictedBy", &r) }
    let near = node["near"].flatMap { readCondition($0, "\(path).near", &r) }
    let doubtful = node["doubtfulWhen"].flatMap { readCondition($0, "\(path).doubtfulWhen", &r) }
    guard let id, let label, let unit, let match else { return nil }
    return Element(
      id: id, label: label, precondition: r.bool(node, "precondition", path, default: false), unit: unit,
      match: match, context: context, contextTopics: r.strings(node, "contextTopics", path),
      contextInArticle: r.bool(node, "contextInArticle", path, default: false), unless: unless,
      fallsShort: fallsShort, fallsShortNote: r.string(node, "fallsShortNote", path, required: false),
      actor: actor, negatable: r.bool(node, "negatable", path, default: true),
      contradictedBy: contra,
      overridable: r.bool(node, "overridable", path, default: false),
      contradictionOutweighs: r.bool(node, "contradictionOutweighs", path, default: false),
      everyItem: r.bool(node, "everyItem", path, default: false),
      readsHeading: r.bool(node, "readsHeading", path, default: false),
      readsItems: r.bool(node, "readsItems", path, default: false), near: near, doubtfulWhen: doubtful,
      doubtfulNote: r.string(node, "doubtfulNote", path, required: false))
  }

  static func readSuggestion(_ node: Node?, _ path: String, _ r: inout YAMLReader, required: Bool)
    -> SuggestionTemplate?
  {
    guard let node else {
      if required {
        r.errors.append(DataFileError(file: r.file, line: nil, field: path, message: "必須の項目がありません"))
      }
      return nil
    }
    r.checkKeys(node, ["heading", "text"], path)
    guard let heading = r.string(node, "heading", path), let text = r.string(node, "text", path) else {
      return nil
    }
    let known: Set<String> = ["vendor", "institution", "article", "guideline", "service", "system"]
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      guard let close = rest[open...].firstIndex(of: "}") else {
        r.fail(node["text"], "\(path).text", "「{」が閉じていません")
        break
      }
      let name = String(rest[rest.index(after: open)..<close])
      if !known.contains(name) {
        r.fail(
          node["text"], "\(path).text",
          "未知の差し込み「{\(name)}」です（使えるもの: \(known.sorted().joined(separator: ", "))）")
      }
      rest = rest[rest.index(after: close)...]
    }
    return SuggestionTemplate(heading: heading, text: text.replacingOccurrences(of: "\n", with: ""))
  }

  static func readCondition(_ node: Node, _ path: String, _ r: inout YAMLReader) -> Condition? {
    if let s = node.scalar?.string {
      if s.hasPrefix("@") {
        let name = String(s.dropFirst())
        guard let terms = r.concepts[name] else {
          r.fail(node, path, "未定義の概念「\(name)」です（concepts に定義してください）")
          return nil
        }
        return .any(terms.map { .term($0) })
      }
      validateTerms([s], node, path, &r)
      return .term(s)
    }
    if let seq = node.sequence {
      guard !seq.isEmpty else {
        r.fail(node, path, "空のリストは使えません（語を一つ以上書いてください）")
        return nil
      }
      // A bare list means "any of".
      return .any(seq.enumerated().compactMap { readCondition($1, "\(path)[\($0)]", &r) })
    }
    guard let m = node.mapping, m.count == 1, let (k, v) = m.first, let key = k.string else {
      r.fail(node, path, "語（文字列）か、any / all / none のどれか一つをキーにしたマッピングを書いてください")
      return nil
    }
    guard let seq = v.sequence, !seq.isEmpty else {
      r.fail(v, "\(path).\(key)", "空でないリストを書いてください")
      return nil
    }
    let parts = seq.enumerated().compactMap { readCondition($1, "\(path).\(key)[\($0)]", &r) }
    switch key {
    case "any": return .any(parts)
    case "all": return .all(parts)
    case "none": return .none(parts)
    default:
      r.fail(k, "\(path).\(key)", "「\(key)」は使えません（any, all, none のいずれか）")
      return nil
    }
  }

  static func validateTerms(_ terms: [String], _ node: Node?, _ path: String, _ r: inout YAMLReader) {
    for t in terms {
      do {
        try TermPattern.validate(t)
      } catch {
        let why: String
        switch error {
        case .empty: why = "語が空です（空白と記号だけの語は使えません）"
        case .startsWithGap: why = "語を「*」で始めることはできません"
        case .endsWithGap: why = "語を「*」で終えることはできません"
        case .unknownPlaceholder(let n): why = "未知の差し込み「{\(n)}」です（{vendor} か {institution}）"
        case .unclosedPlaceholder: why = "「{」が閉じていません"
        }
        r.fail(node, path, "語「\(t)」: \(why)")
      }
    }
  }
}
