import Testing

@testable import BunkaiCore

/// The notice period for changes (concern B1) read from a contract's own words, and when a
/// change notice comes too late.
@Suite struct NoticePeriodTests {
  @Test func readsThePeriodInEveryWritingStyle() {
    #expect(NoticePeriod.parse("実施予定日の30日前までに甲に通知し") == NoticePeriod(amount: 30, unit: .days))
    #expect(NoticePeriod.parse("変更予定日の３０日前までに甲に通知") == NoticePeriod(amount: 30, unit: .days))
    #expect(NoticePeriod.parse("十四日前までにその内容を乙に知らせ") == NoticePeriod(amount: 14, unit: .days))
    #expect(NoticePeriod.parse("三十日前までに") == NoticePeriod(amount: 30, unit: .days))
    #expect(NoticePeriod.parse("３ヶ月前までに甲に届け出て") == NoticePeriod(amount: 3, unit: .months))
    #expect(NoticePeriod.parse("1か月以上前に通知する") == NoticePeriod(amount: 1, unit: .months))
    #expect(NoticePeriod.parse("10営業日前までに") == NoticePeriod(amount: 10, unit: .businessDays))
    #expect(NoticePeriod.parse("2週間前までに") == NoticePeriod(amount: 2, unit: .weeks))
    #expect(NoticePeriod.parse("実施予定日の 45 日前までに") == NoticePeriod(amount: 45, unit: .days))
  }

  @Test func aReplyDeadlineOrNoNumberIsNoPeriod() {
    #expect(NoticePeriod.parse("通知を受けた日から14日以内に回答する") == nil)
    #expect(NoticePeriod.parse("事前に甲に通知する") == nil)
    #expect(NoticePeriod.parse("") == nil)
    #expect(NoticePeriod.parse("0日前までに") == nil)
    // The number is read whole: 130日前 is not 30日前.
    #expect(NoticePeriod.parse("130日前までに") == NoticePeriod(amount: 130, unit: .days))
  }

  @Test func deadlineAndLateness() {
    let thirty = NoticePeriod(amount: 30, unit: .days)
    #expect(thirty.deadline(before: "2026-06-30") == "2026-05-31")
    #expect(thirty.isLate(noticeOn: "2026-05-31", planned: "2026-06-30") == false)
    #expect(thirty.isLate(noticeOn: "2026-06-01", planned: "2026-06-30") == true)
    #expect(NoticePeriod(amount: 1, unit: .months).deadline(before: "2026-03-31") == "2026-02-28")
    #expect(NoticePeriod(amount: 2, unit: .weeks).deadline(before: "2026-07-15") == "2026-07-01")
    // 2026-07-06 is a Monday: five business days before is the Monday before.
    #expect(NoticePeriod(amount: 5, unit: .businessDays).deadline(before: "2026-07-06") == "2026-06-29")
    #expect(thirty.deadline(before: "2026-02-31") == nil)
    #expect(thirty.isLate(noticeOn: "昨日", planned: "2026-06-30") == nil)
  }

  static let reviewer = Reviewer(
    playbook: try! PlaybookLoader.builtin(), catalog: try! CatalogLoader.builtin())

  static func review(_ body: String) -> (ReviewJSON, String) {
    let text = """
      システム保守契約書

      医療法人やまびこ会 やまびこ病院（以下「甲」という。）と株式会社ヤマビコ情報（以下「乙」という。）は、次のとおり契約を締結する。

      \(body)
      """
    let result = reviewer.review(SourceText(text: text))
    return (ReviewJSON(result, catalog: try! CatalogLoader.builtin()), text)
  }

  @Test func theContractsOwnClauseGivesThePeriod() throws {
    let (review, text) = Self.review(
      """
      第1条（目的）
      乙は、甲の電子カルテシステムを保守する。
      第2条（保守料金）
      乙は、保守料金を変更する場合は、その60日前までに甲に通知する。
      第3条（変更の通知）
      乙は、本業務の実施体制又は使用する機器若しくはソフトウェアの変更で甲のセキュリティ体制に影響を及ぼすものを行うときは、実施予定日の45日前までに甲に書面で通知し、甲の承認を得なければならない。
      """)
    let found = try #require(ChangeNoticeClause.find(in: review, text: text))
    // The fee clause's 60 days is not a notice of a change to the service.
    #expect(found.period == NoticePeriod(amount: 45, unit: .days))
    #expect(found.article == "3")
    #expect(found.quote.contains("45日前までに"))
  }

  @Test func noClauseNoPeriod() {
    let (review, text) = Self.review(
      """
      第1条（目的）
      乙は、甲の電子カルテシステムを保守する。
      第2条（契約の変更）
      本契約は、甲及び乙が記名押印した書面によってのみ変更することができる。
      """)
    #expect(ChangeNoticeClause.find(in: review, text: text) == nil)
  }
}
