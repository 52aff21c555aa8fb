import Testing

@testable import BunkaiCore

@Suite struct PlaybookLoaderTests {
  func errors(_ yaml: String) -> [DataFileError] {
    do {
      _ = try PlaybookLoader.load(yaml: yaml, file: "my.yaml")
      return []
    } catch let e as DataFileErrors {
      return e.errors
    } catch {
      return []
    }
  }

  static let validRule = """
    schemaVersion: 1
    id: mine
    rules:
      - id: my-rule
        title: 自院の規程への準拠
        severity: medium
        checklistItems: [P2-A-1]
        scope: {topics: [vendor-duties]}
        require:
          match: {all: [院内規程, 遵守]}
        explanation: 説明
        suggestion: {heading: 院内規程, text: "{vendor}は院内規程を遵守する。"}
        intent: 趣旨
    """

  @Test func builtinLoadsAndIsConsistent() throws {
    let p = try PlaybookLoader.builtin()
    try PlaybookLoader.validateReferences(p, file: "builtin")
    #expect(p.rules.count >= 19)
    for ref in ["A", "B1", "B2", "C1", "C2", "D1", "D2"] {
      #expect(p.rules.contains { $0.guideRefs == [ref] }, "concern \(ref)")
    }
    #expect(
      p.rules.filter { !["A", "B1", "B2", "C1", "C2", "D1", "D2"].contains($0.guideRefs.first!) }.count >= 12)
    let catalog = try CatalogLoader.builtin()
    for rule in p.rules {
      for item in rule.checklistItems { #expect(catalog.item(item) != nil, "\(rule.id): \(item)") }
    }
  }

  @Test func aValidUserRuleLoads() throws {
    let p = try PlaybookLoader.load(yaml: Self.validRule, file: "my.yaml")
    #expect(p.rules.map(\.id) == ["my-rule"])
    #expect(p.rules[0].require?.unit == .paragraph && p.rules[0].require?.place == .document)
  }

  @Test func errorsNameFileLineAndField() {
    let bad = Self.validRule.replacingOccurrences(of: "severity: medium", with: "severity: urgent")
    let e = errors(bad)
    #expect(e.count == 1)
    #expect(e[0].file == "my.yaml")
    #expect(e[0].line == 6)
    #expect(e[0].field == "rules[0].severity")
    #expect(e[0].description.contains("urgent"))
  }

  @Test func unknownKeysAndBadTermsAreReported() {
    let bad = Self.validRule.replacingOccurrences(of: "intent: 趣旨", with: "intent: 趣旨\n    intnet: typo")
      .replacingOccurrences(of: "[院内規程, 遵守]", with: "[\"*院内規程\", 遵守]")
    let e = errors(bad)
    #expect(e.contains { $0.field == "rules[0].intnet" && $0.line == 14 })
    #expect(e.contains { $0.field.hasPrefix("rules[0].require.match.all[0]") && $0.message.contains("*") })
  }

  @Test func missingFieldsAndBadChecklistIds() {
    let bad = Self.validRule.replacingOccurrences(of: "    title: 自院の規程への準拠\n", with: "")
      .replacingOccurrences(of: "P2-A-1", with: "A1")
    let e = errors(bad)
    #expect(e.contains { $0.field == "rules[0].title" })
    #expect(e.contains { $0.field == "rules[0].checklistItems" && $0.message.contains("A1") })
  }

  /// YAML 1.1 spells booleans six ways; a quoted one is a string, and white space around a
  /// string (the ideographic space too) is not part of it.
  @Test func booleansIntegersAndTrimmedStrings() throws {
    let rule = Self.validRule.replacingOccurrences(of: "schemaVersion: 1", with: "schemaVersion: 1\n")
    let yes = try PlaybookLoader.load(
      yaml: rule.replacingOccurrences(
        of: "    intent: 趣旨", with: "    intent: \"\u{3000}趣旨 \"\n    reportMissing: No"),
      file: "my.yaml")
    #expect(yes.rules[0].reportMissing == false)
    #expect(yes.rules[0].intent == "趣旨")
    let on = try PlaybookLoader.load(
      yaml: rule.replacingOccurrences(of: "    intent: 趣旨", with: "    intent: 趣旨\n    reportMissing: ON"),
      file: "my.yaml")
    #expect(on.rules[0].reportMissing == true)
    let quoted = errors(
      rule.replacingOccurrences(of: "    intent: 趣旨", with: "    intent: 趣旨\n    reportMissing: \"false\""))
    #expect(quoted.contains { $0.field == "rules[0].reportMissing" && $0.message.contains("true か false") })
    #expect(errors(rule.replacingOccurrences(of: "schemaVersion: 1", with: "schemaVersion: '1'")).count == 1)
    #expect(errors(rule.replacingOccurrences(of: "schemaVersion: 1", with: "schemaVersion: 3")).count == 1)
    #expect(
      errors(rule.replacingOccurrences(of: "intent: 趣旨", with: "intent: \"\u{3000} \""))
        .contains { $0.field == "rules[0].intent" })
  }

  @Test func yamlSyntaxErrorsHaveALine() {
    let e = errors("schemaVersion: 1\nid: x\nrules:\n  - id: [unclosed\n")
    #expect(e.count == 1)
    #expect(e[0].line != nil)
  }

  /// A topic's terms may name a concept; an unknown one is reported at the topic.
  @Test func topicTermsMayNameAConcept() throws {
    let withTopic = Self.validRule.replacingOccurrences(of: "schemaVersion: 1", with: "schemaVersion: 2")
      .replacingOccurrences(
        of: "rules:\n",
        with:
          "concepts:\n  rulebook: [院内規程, 内部規則]\ntopics:\n  - id: my-topic\n    body: [\"@rulebook\"]\nrules:\n"
      )
    let p = try PlaybookLoader.load(yaml: withTopic, file: "my.yaml")
    #expect(p.topics.first { $0.id == "my-topic" }?.body == ["院内規程", "内部規則"])
    let e = errors(withTopic.replacingOccurrences(of: "[\"@rulebook\"]", with: "[\"@rulbook\"]"))
    #expect(e.contains { $0.field == "topics[0].body" && $0.message.contains("rulbook") })
  }

  @Test func undefinedTopicIsReportedAfterMerge() throws {
    let p = try PlaybookLoader.load(
      yaml: Self.validRule.replacingOccurrences(of: "vendor-duties", with: "no-such-topic"), file: "my.yaml")
    #expect(throws: DataFileErrors.self) {
      try PlaybookLoader.validateReferences(try PlaybookLoader.builtin().merged(with: p), file: "my.yaml")
    }
  }

  @Test func userRulesRunBesideBuiltins() throws {
    let merged = try PlaybookLoader.builtin().merged(
      with: try PlaybookLoader.load(yaml: Self.validRule, file: "my.yaml"))
    let reviewer = Reviewer(playbook: merged, catalog: try CatalogLoader.builtin())
    let text = "保守契約書\n病院（以下「甲」という。）と株式会社A（以下「乙」という。）\n第1条（乙の責任）\n乙は誠実に業務を行う。"
    let ids = reviewer.review(SourceText(text: text)).findings.map(\.ruleId)
    #expect(ids.contains("my-rule"))
    #expect(ids.contains("A-guideline-basis"))
    let passing = text + "\n２　乙は院内規程を遵守する。"
    #expect(!reviewer.review(SourceText(text: passing)).findings.map(\.ruleId).contains("my-rule"))
  }
}

@Suite struct CatalogTests {
  /// A contract's defined name for a thing the institution provides (「持込機器」) counts for that
  /// concept only (the built-in provided-reference), even where another concept lists the first
  /// plain term of that concept too.
  @Test func aDefinedNameCountsForItsOwnConceptOnly() throws {
    let builtin = try PlaybookLoader.builtin()
    let shared = try #require(
      builtin.concepts["provided-reference"]?.first { !$0.hasPrefix(PlaybookLoader.definedUseSlot) })
    let yaml = """
      schemaVersion: 2
      id: mine
      concepts:
        own-measures: [\(shared), 自院の対策]
      rules:
        - id: own-rule
          title: 自院の対策
          severity: medium
          checklistItems: [P2-A-1]
          scope: {topics: [vendor-duties]}
          require:
            match: "@own-measures"
          explanation: 説明
          suggestion: {heading: 対策, text: "{institution}は自院の対策を講ずる。"}
          intent: 趣旨
      """
    let merged = builtin.merged(with: try PlaybookLoader.load(yaml: yaml, file: "my.yaml"))
    let reviewer = Reviewer(playbook: merged, catalog: try CatalogLoader.builtin())
    let text = """
      保守契約書
      病院（以下「甲」という。）と株式会社A（以下「乙」という。）は、次のとおり契約を締結する。
      第1条（甲の準備）
      甲は、保守に用いる端末及び回線（以下「持込機器」という。）を自らの費用で用意する。
      第2条（乙の責任）
      乙は、持込機器を丁寧に扱い、誠実に業務を行う。
      """
    let ids = { (t: String) in reviewer.review(SourceText(text: t)).findings.map(\.ruleId) }
    #expect(ids(text).contains("own-rule"))
    #expect(!ids(text + "\n２　乙は、自院の対策に協力する。").contains("own-rule"))
  }

  @Test func builtinKeepsUnknownTitlesUnknown() throws {
    let c = try CatalogLoader.builtin()
    #expect(c.items.map(\.id).filter { $0.hasPrefix("P2-A-") }.count == 12)
    #expect(c.item("P2-A-2")?.title == nil)
    // Shown by what is known (DOMAIN.md section 2): the guide's grouping, never an instruction.
    #expect(c.item("P2-A-2")?.displayTitle.contains("2省ガイドラインに基づく事業者の安全管理") == true)
    #expect(c.item("P2-A-10")?.displayTitle.contains("事業者の体制の変更と再委託") == true)
    #expect(c.item("P2-A-11")?.displayTitle.contains("リスクコミュニケーション") == true)
    #expect(c.item("P2-A-8")?.displayTitle == "個人情報の取扱い")
    for item in c.items {
      #expect(!item.displayTitle.contains("取り込んでください"), "\(item.id)")
    }
    // An A item the guide does not group says its title is not registered, in the section's name.
    #expect(c.item("P2-A-6")?.displayTitle.contains("共通") == true)
    #expect(
      ChecklistDisplay.note(c.item("P2-A-6")!) != nil && ChecklistDisplay.note(c.item("P2-B-4")!) == nil)
    #expect(c.item("P2-B-4")?.title == "暗号化")
    #expect(c.item("P2-C-5")?.title == "事故発生時の原因究明・対策")
    #expect(c.item("P1-1") != nil)
  }

  @Test(arguments: [
    ("1", "P1-1"), ("A-1", "P2-A-1"), ("Ａ－１２", "P2-A-12"), ("B-4", "P2-B-4"), ("c4", "P2-C-4"),
  ])
  func itemIds(number: String, id: String) {
    #expect(ChecklistCatalog.itemId(forNumber: number) == id)
  }

  @Test func catalogYamlRoundTrips() throws {
    let c = ChecklistCatalog(
      id: "t", version: "2026-01", source: "x.csv",
      items: [ChecklistItem(id: "P2-A-2", part: 2, section: "A", number: "A-2", title: "題名", content: "内容")])
    let back = try CatalogLoader.load(yaml: try CatalogLoader.yaml(c), file: "t.yaml")
    #expect(back.items == c.items)
    #expect(back.version == "2026-01")
  }
}

extension PlaybookLoaderTests {
  /// `namedDocumentConcepts` (docs/playbook.md §2.6) must name concepts of the file; the error names
  /// that key, and a correct entry is kept.
  @Test func namedDocumentConceptsNameKnownConcepts() throws {
    let base = """
      schemaVersion: 2
      id: mine
      concepts:
        security: [安全対策]
        own-side: [院内側]
      rules: []
      """
    let wrong = errors(base + "\nnamedDocumentConcepts: [security+own-sid]")
    #expect(wrong.contains { $0.field == "namedDocumentConcepts" && $0.message.contains("own-sid") })
    let book = try PlaybookLoader.load(
      yaml: base + "\nnamedDocumentConcepts: [security+own-side]", file: "my.yaml")
    #expect(book.namedDocumentConcepts == ["security+own-side"])
  }
}
