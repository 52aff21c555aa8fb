import Testing

@testable import BunkaiCore

@Suite struct ArticleAlignmentTests {
  func articles(_ text: String) -> [ArticleAlignment.Article] {
    let source = SourceText(text: text)
    return ArticleAlignment.articles(ContractParser.parse(source), source: source)
  }

  func compare(_ old: String, _ new: String) -> [ArticleAlignment.Row] {
    ArticleAlignment.compare(previous: articles(old), current: articles(new))
  }

  /// (number, previousNumber, change) per row, for compact expectations.
  func summary(_ rows: [ArticleAlignment.Row]) -> [String] {
    rows.map { "\($0.number ?? "-")<\($0.previousNumber ?? "-"):\($0.change.rawValue)" }
  }

  let v1 = """
    保守契約書

    第1条（目的）
    本契約は、乙が甲の電子カルテシステムを保守する条件を定める。
    第2条（委託業務）
    乙は、別表に掲げる保守業務を行う。
    第3条（再委託）
    乙は、保守業務の全部又は一部を第三者に再委託することができる。
    第4条（秘密保持）
    甲及び乙は、本契約に関して知り得た相手方の秘密を第三者に漏らしてはならない。
    第5条（契約期間）
    本契約の期間は、令和6年4月1日から令和7年3月31日までとする。
    """

  @Test func anInsertedArticleShiftsTheRestWithoutChangingThem() {
    let v2 = """
      保守契約書

      第1条（目的）
      本契約は、乙が甲の電子カルテシステムを保守する条件を定める。
      第2条（委託業務）
      乙は、別表に掲げる保守業務を行う。
      第3条（安全管理）
      乙は、医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドラインに従い、保守業務の安全管理を行う。
      第4条（再委託）
      乙は、保守業務の全部又は一部を第三者に再委託することができる。
      第5条（秘密保持）
      甲及び乙は、本契約に関して知り得た相手方の秘密を第三者に漏らしてはならない。
      第6条（契約期間）
      本契約の期間は、令和6年4月1日から令和7年3月31日までとする。
      """
    let rows = compare(v1, v2)
    #expect(
      summary(rows) == [
        "1<1:unchanged", "2<2:unchanged", "3<-:added", "4<3:unchanged", "5<4:unchanged", "6<5:unchanged",
      ])
    #expect(rows[2].segments.first?.kind == .inserted)
    #expect(rows[2].segments.first?.text.hasPrefix("乙は、医療情報") == true)
  }

  @Test func aDeletedArticleIsRemovedWhereItStood() {
    let v2 = """
      保守契約書

      第1条（目的）
      本契約は、乙が甲の電子カルテシステムを保守する条件を定める。
      第2条（委託業務）
      乙は、別表に掲げる保守業務を行う。
      第3条（秘密保持）
      甲及び乙は、本契約に関して知り得た相手方の秘密を第三者に漏らしてはならない。
      第4条（契約期間）
      本契約の期間は、令和6年4月1日から令和7年3月31日までとする。
      """
    let rows = compare(v1, v2)
    #expect(
      summary(rows) == ["1<1:unchanged", "2<2:unchanged", "-<3:removed", "3<4:unchanged", "4<5:unchanged"])
    #expect(rows[2].segments == [.init(.deleted, "乙は、保守業務の全部又は一部を第三者に再委託することができる。")])
  }

  @Test func aMovedAndRewordedArticlePairsByItsTextNotItsNumber() {
    // 秘密保持 moves to the front and its wording changes a little; 再委託 is rewritten.
    let v2 = """
      保守契約書

      第1条（秘密保持）
      甲及び乙は、本契約に関して知り得た相手方の秘密を、第三者に開示し又は漏らしてはならない。
      第2条（目的）
      本契約は、乙が甲の電子カルテシステムを保守する条件を定める。
      第3条（委託業務）
      乙は、別表に掲げる保守業務を行う。
      第4条（再委託）
      乙は、あらかじめ甲の書面による承諾を得た場合に限り、保守業務の全部又は一部を第三者に再委託することができる。
      第5条（契約期間）
      本契約の期間は、令和6年4月1日から令和7年3月31日までとする。
      """
    let rows = compare(v1, v2)
    #expect(
      summary(rows) == ["1<4:changed", "2<1:unchanged", "3<2:unchanged", "4<3:changed", "5<5:unchanged"])
    let subcontracting = rows[3]
    #expect(
      subcontracting.segments.filter { $0.kind == .inserted }.map(\.text) == ["あらかじめ甲の書面による承諾を得た場合に限り、"])
    #expect(subcontracting.segments.filter { $0.kind == .deleted }.isEmpty)
    // The ranges point into each version's body.
    let newBody = Array(ArticleAlignment.body(of: articles(v2)[3]).unicodeScalars)
    let r = subcontracting.ranges[0]
    #expect(String(String.UnicodeScalarView(newBody[r])) == "あらかじめ甲の書面による承諾を得た場合に限り、")
    #expect(subcontracting.previousRanges.isEmpty)
  }

  @Test func aChangedNumberIsOnePhraseNotSingleCharacters() {
    let old = "第1条（通知）\n乙は、変更の三十日前までに甲に通知する。"
    let new = "第1条（通知）\n乙は、変更の60日前までに書面で甲に通知する。"
    let rows = compare(old, new)
    #expect(summary(rows) == ["1<1:changed"])
    #expect(
      rows[0].segments == [
        .init(.equal, "乙は、変更の"), .init(.deleted, "三十"), .init(.inserted, "60"), .init(.equal, "日前までに"),
        .init(.inserted, "書面で"), .init(.equal, "甲に通知する。"),
      ])
    #expect(rows[0].previousRanges == [6..<8])
  }

  @Test func twoNearbyChangesBecomeOnePhrase() {
    let rows = compare("第1条\n乙は甲に報告する。", "第1条\n甲は乙に報告する。")
    // 「乙は甲」→「甲は乙」: the one unchanged 「は」 between does not split the phrase.
    #expect(rows[0].segments == [.init(.deleted, "乙は甲"), .init(.inserted, "甲は乙"), .init(.equal, "に報告する。")])
  }

  @Test func aHeadingOnlyChangeIsChangedWithNoTextMarked() {
    let old = "第1条（委託）\n乙は、保守業務を行う。\n第2条（協議）\n定めのない事項は協議する。"
    let new = "第1条（委託業務の内容）\n乙は、保守業務を行う。\n第2条（協議）\n定めのない事項は協議する。"
    let rows = compare(old, new)
    #expect(summary(rows) == ["1<1:changed", "2<2:unchanged"])
    #expect(rows[0].headingChanged)
    #expect(rows[0].previousHeading == "委託")
    #expect(rows[0].heading == "委託業務の内容")
    #expect(rows[0].segments.allSatisfy { $0.kind == .equal })
    #expect(rows[0].ranges.isEmpty && rows[0].previousRanges.isEmpty)
  }

  @Test func widthSpacingAndNumeralStyleAreNotChanges() {
    let old = "第１条（通知）\n乙は、変更の３０日前までに、甲へ通知する。\n第２条（協議）\n甲又は乙は協議する。"
    let new = "第一条（通知）\n乙は、変更の 三十日前までに、甲へ通知する。\n第二条（協議）\n甲または乙は協議する。"
    let rows = compare(old, new)
    #expect(summary(rows) == ["1<1:unchanged", "2<2:unchanged"])
  }

  @Test func aRewrittenArticleWithTheSameNumberAndHeadingStillPairs() {
    let old = "第1条（損害賠償）\n乙は、甲に生じた通常の損害に限り賠償する。ただし、逸失利益は含まない。"
    let new = "第1条（損害賠償）\n乙は、故意又は重過失がない限り、委託料の総額を上限として、甲に生じた通常かつ直接の損害を賠償する。"
    let rows = compare(old, new)
    #expect(summary(rows) == ["1<1:changed"])
  }

  @Test func unrelatedArticlesAreNotForcedTogether() {
    let old = "第1条（目的）\n本契約は保守の条件を定める。\n第2条（管轄）\n紛争は東京地方裁判所を専属的合意管轄とする。"
    let new = "第1条（目的）\n本契約は保守の条件を定める。\n第2条（監査）\n甲は、乙の作業記録を年一回確認できる。"
    let rows = compare(old, new)
    #expect(summary(rows) == ["1<1:unchanged", "2<-:added", "-<2:removed"])
  }

  @Test func dottedNumberingAndBranchNumbersWork() {
    let old = "1. 目的\n本契約は保守の条件を定める。\n2. 秘密保持\n秘密を漏らしてはならない。"
    let new = "1. 目的\n本契約は保守の条件を定める。\n2. 報告\n乙は毎月作業内容を報告する。\n3. 秘密保持\n秘密を漏らしてはならない。"
    #expect(summary(compare(old, new)) == ["1<1:unchanged", "2<-:added", "3<2:unchanged"])
    let a = "第12条（目的）\n本契約は保守の条件を定める。\n第12条の2（報告）\n乙は毎月作業内容を報告する。"
    let b = "第12条（目的）\n本契約は保守の条件を定める。\n第13条（報告）\n乙は毎月作業内容を報告する。"
    #expect(summary(compare(a, b)) == ["12<12:unchanged", "13<12の2:unchanged"])
  }
}
