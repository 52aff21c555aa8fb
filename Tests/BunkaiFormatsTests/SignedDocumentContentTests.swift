import BunkaiCore
import Foundation
import Testing

@testable import BunkaiFormats

/// What issue 12 asks of the documents that go to the vendor: the annex marked 案 until agreed,
/// signed by both parties, dated in 和暦; the redline and memo with only contract wording, unique
/// numbers, and each change's intent as a Word comment.
@Suite struct AnnexDraftAndDateTests {
  static func annex(settled: Bool) throws -> Annex {
    var a = try AnnexFixture.annex(items: 3)
    a.header.generatedOn = "2026-04-01"
    if !settled {
      a.rows[1].vendorConfirmation = nil
      a.rows[1].settled = false
    }
    return a
  }

  @Test func aDraftSaysSoUntilEveryRowIsAgreed() throws {
    let draft = try Self.annex(settled: false)
    #expect(draft.isDraft)
    let text = try DocxReader.read(try AnnexDocx.render(draft), path: "annex.docx").text
    #expect(text.contains("【案】"))
    // The unagreed row's 担当 does not read as agreed.
    #expect(text.contains("事業者（案・未合意）"))
    let html = AnnexHTML.render(draft)
    #expect(html.contains("<h1>【案】"))

    let final = try Self.annex(settled: true)
    #expect(!final.isDraft)
    let finalText = try DocxReader.read(try AnnexDocx.render(final), path: "annex.docx").text
    #expect(!finalText.contains("【案】") && !finalText.contains("未合意"))
  }

  @Test func notApplicableCountsAsSettled() {
    let row = Annex.Row(number: "B-1", title: "利用者認証", owner: "対象外")
    #expect(row.settled)
    let open = Annex.Row(number: "B-2", title: "通信相手の認証", owner: "医療機関")
    #expect(!open.settled)
  }

  @Test func bothPartiesSignAndTheTextEndsWithIjo() throws {
    let annex = try Self.annex(settled: true)
    let text = try DocxReader.read(try AnnexDocx.render(annex), path: "annex.docx").text
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(lines.contains("以上"))
    #expect(text.contains("記名押印"))
    #expect(text.contains("名称　医療法人社団みどり会") && text.contains("名称　株式会社サンプル情報システム"))
    #expect(lines.filter { $0.hasPrefix("代表者") && $0.hasSuffix("印") }.count == 2)
    // 以上 comes after the items.
    let ijo = try #require(lines.lastIndex(of: "以上"))
    #expect(lines.lastIndex { $0.contains(annex.rows.last!.number) }! < ijo)
    let html = AnnexHTML.render(annex)
    #expect(html.contains("以上") && html.contains("代表者"))
  }

  @Test func datesAreWrittenInWareki() throws {
    #expect(Wareki.format(iso: "2026-04-01") == "令和8年4月1日")
    #expect(Wareki.format(iso: "2019-05-01") == "令和元年5月1日")
    #expect(Wareki.format(iso: "2019-04-30") == "平成31年4月30日")
    #expect(Wareki.format(iso: "不明") == "不明")
    let annex = try Self.annex(settled: true)
    let text = try DocxReader.read(try AnnexDocx.render(annex), path: "annex.docx").text
    #expect(text.contains("令和8年4月1日"))  // 作成日
    #expect(text.contains("はい（令和8年5月10日）") || text.contains("いいえ（令和8年5月10日）"))
    #expect(!text.contains("2026-06-10"))
    #expect(text.contains("令和8年6月10日"))  // 完了日 of the first row
  }

  @Test func excelHoldsRealDatesInAWarekiFormat() throws {
    let annex = try Self.annex(settled: true)
    let data = try AnnexXlsx.render(annex)
    let sheet = try zipPart(data, "xl/worksheets/sheet1.xml")
    // 2026-06-10 is day 46183 counted from 1899-12-30 (2026-01-01 is 46023, plus 160 days).
    #expect(sheet.contains("<c r=\"E2\" s=\"3\"><v>46183</v></c>"))
    let styles = try zipPart(data, "xl/styles.xml")
    #expect(
      styles.contains("numFmtId=\"176\" formatCode=\"[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\""))
    #expect(styles.contains("<xf numFmtId=\"176\""))
  }

  @Test func htmlColumnsHaveWidths() throws {
    let html = AnnexHTML.render(try Self.annex(settled: true))
    let widths = html.matches(of: #/<col style="width:(\d+)%">/#).map { Int($0.output.1)! }
    #expect(widths.count == Annex.columns.count)
    // 内容 and 担当 are readable, not one character wide.
    #expect(widths[2] >= 15 && widths[5] >= 6)
    #expect(html.contains("table-layout:fixed"))
  }
}

@Suite struct ProposalAndRedlineTests {
  static func stored() throws -> (ReviewJSON, SourceText) {
    let url = Fixtures.url("contracts").appendingPathComponent("hoshu_sakura_typical.txt")
    let source = try DocumentLoader.load(data: try Data(contentsOf: url), path: url.lastPathComponent)
    let result = CorpusTests.reviewer.review(source)
    return (ReviewJSON(result, catalog: CorpusTests.reviewer.catalog), source)
  }

  static func proposeAll(_ r: ReviewJSON) -> [Int: MemoDecision] {
    Dictionary(uniqueKeysWithValues: r.findings.indices.map { ($0, MemoDecision(kind: .propose)) })
  }

  @Test func proposalsCarryOnlyContractWordingWithUniqueNumbers() throws {
    let (review, _) = try Self.stored()
    let proposals = ProposalPlan.make(review, decisions: Self.proposeAll(review))
    #expect(proposals.count == review.findings.count)
    for p in proposals {
      #expect(!p.text.contains("を加える。") && !p.text.contains("を新たに設ける。") && !p.text.contains("改め、"))
      #expect(!p.text.contains("（改正案）") && !p.text.contains("（現行）"))
    }
    // Paragraphs added to one article: no number used twice.
    let added = proposals.filter { $0.replaces == nil && !$0.isNewArticle }
    for (article, group) in Dictionary(grouping: added, by: { $0.article ?? "" }) {
      let numbers = group.compactMap { ProposalPlan.paragraphNumber($0.text)?.0 }
      #expect(Set(numbers).count == numbers.count, "第\(article)条: \(numbers)")
    }
    // New articles: distinct numbers after the contract's last article.
    let last = review.document.articles.compactMap { ProposalPlan.leadingInt($0.number) }.max() ?? 0
    let newNumbers = proposals.filter(\.isNewArticle).compactMap {
      ProposalPlan.articleNumber($0.text)?.value
    }
    #expect(!newNumbers.isEmpty)
    #expect(Set(newNumbers).count == newNumbers.count && newNumbers.allSatisfy { $0 > last })
  }

  @Test func collidingNewArticlesAreRenumbered() throws {
    let (review, _) = try Self.stored()
    var twice = review
    // Two findings both proposing 第15条, as suggestions made one at a time would.
    let news = twice.findings.indices.filter { twice.findings[$0].suggestion.text.hasPrefix("第") }
    try #require(news.count >= 2)
    for i in news { twice.findings[i].suggestion.text = "第15条（見出し）\n本文。" }
    let numbers = ProposalPlan.make(twice, decisions: Self.proposeAll(twice)).filter(\.isNewArticle).map {
      ProposalPlan.articleNumber($0.text)!.value
    }
    #expect(Set(numbers).count == numbers.count)
  }

  @Test func redlineHasCommentsTrackingAndDeletions() throws {
    let (review, source) = try Self.stored()
    let proposals = ProposalPlan.make(review, decisions: Self.proposeAll(review))
    let edits = DocxRedline.edits(for: proposals, review: review, source: source)
    #expect(edits.count == proposals.count)
    #expect(edits.allSatisfy { $0.comment?.hasPrefix("趣旨: ") == true })
    let data = try DocxRedline.fromText(
      source.text, edits: edits, author: "さくら病院", date: Date(timeIntervalSince1970: 1_767_225_600))
    let doc = try zipPart(data, "word/document.xml")
    let comments = try zipPart(data, "word/comments.xml")
    #expect(comments.components(separatedBy: "<w:comment ").count - 1 == edits.count)
    #expect(comments.contains("趣旨: ") && comments.contains("w:author=\"さくら病院\""))
    #expect(doc.components(separatedBy: "<w:commentReference ").count - 1 == edits.count)
    #expect(try zipPart(data, "word/settings.xml").contains("<w:trackRevisions/>"))
    #expect(try zipPart(data, "[Content_Types].xml").contains("/word/comments.xml"))
    #expect(try zipPart(data, "word/_rels/document.xml.rels").contains("comments.xml"))
    // No instruction line goes into the contract.
    #expect(!doc.contains("を加える。") && !doc.contains("を新たに設ける。"))
    // The wording that says the opposite is deleted (D1's いかなる場合においても).
    let deleted = doc.matches(of: #/<w:delText[^>]*>([^<]*)</w:delText>/#).map { String($0.output.1) }
      .joined()
    #expect(deleted.contains("いかなる場合においても"))
    // Read back: every proposal's wording is there once.
    let text = try DocxReader.read(data, path: "redline.docx").text
    for p in proposals {
      #expect(text.contains(p.text.split(separator: "\n").first.map(String.init) ?? p.text))
    }
  }

  @Test func memoHasNoRuleIdsNorInstructionInTheWording() throws {
    let (review, _) = try Self.stored()
    let memo = ReviewMemo(
      review: review, catalog: CorpusTests.reviewer.catalog, decisions: Self.proposeAll(review),
      generatedOn: "令和8年11月21日")
    let md = memo.markdown()
    for f in review.findings { #expect(!md.contains(f.ruleId), "\(f.ruleId)") }
    for code in ["vulnerability", "incident", "remote", "logs", "exit", "privacy"] {
      #expect(!md.contains(code), "\(code)")
    }
    #expect(md.contains("B2 再委託の管理") && md.contains("脆弱性への対応"))
    #expect(!md.contains("取り込んでください") && !md.contains("当社による要約"))
    // Instructions are labelled, apart from the fenced wording.
    for block in md.components(separatedBy: "```text\n").dropFirst() {
      let wording = block.components(separatedBy: "\n```").first ?? ""
      #expect(!wording.contains("を加える。") && !wording.contains("を新たに設ける。"))
    }
    #expect(md.contains("- 入れる場所: "))
    #expect(md.contains("- 趣旨: "))
  }
}
