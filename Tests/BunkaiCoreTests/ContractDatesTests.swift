import Testing

@testable import BunkaiCore

@Suite struct ContractDatesTests {
  @Test func reiwaTermWithAutomaticRenewalAndNoticePeriod() {
    let text = """
      第10条（契約期間）
      本契約の有効期間は、令和７年４月１日から令和８年３月３１日までとする。ただし、期間満了の３か月前までに甲乙いずれからも書面による申出がないときは、本契約は同一の条件で更に１年間更新されるものとし、以後も同様とする。
      """
    let p = ContractDates.propose(text)
    #expect(p.startDate == "2025-04-01")
    #expect(p.endDate == "2026-03-31")
    #expect(p.autoRenewal == true)
    #expect(p.noticePeriod == "3か月")
    #expect(p.noticeDeadline == "2025-12-31")
    #expect(p.termSentence?.hasPrefix("本契約の有効期間は") == true)
  }

  @Test func westernDatesAndKanjiNumeralsAndOneKagetsu() {
    let text = """
      第8条（期間）
      契約期間は2025年4月1日から2027年3月31日までの二年間とする。
      ２　前項の期間満了日の一箇月前までに書面で更新しない旨の通知がない場合、本契約は自動的に更新される。
      """
    let p = ContractDates.propose(text)
    #expect(p.startDate == "2025-04-01")
    #expect(p.endDate == "2027-03-31")
    #expect(p.autoRenewal == true)
    #expect(p.noticePeriod == "1か月")
    #expect(p.noticeDeadline == "2027-02-28")
  }

  @Test func gannenAndATermInYears() {
    let p = ContractDates.propose("本契約の期間は、令和元年５月１日から１年間とする。")
    #expect(p.startDate == "2019-05-01")
    #expect(p.endDate == "2020-04-30")
    #expect(p.autoRenewal == nil)
    #expect(p.noticePeriod == nil)
    let heisei = ContractDates.propose("有効期間は平成31年4月1日から令和2年3月31日までとする。")
    #expect(heisei.startDate == "2019-04-01")
    #expect(heisei.endDate == "2020-03-31")
  }

  @Test func abbreviatedEraDatesAndDayNotice() {
    let p = ContractDates.propose(
      "契約期間：R7.4.1から R10.3.31まで\n期間満了する日の30日前までに解約の申し入れがないときは、同一条件で自動更新とする。")
    #expect(p.startDate == "2025-04-01")
    #expect(p.endDate == "2028-03-31")
    #expect(p.autoRenewal == true)
    #expect(p.noticeDeadline == "2028-03-01")
  }

  /// The notice period is read by the same reader as a change notice's, so business days count
  /// Monday to Friday here too: 10 business days before Tuesday 2026-03-31 is Tuesday 2026-03-17.
  @Test func aNoticePeriodInBusinessDays() {
    let text = """
      第12条（有効期間）
      本契約の期間は、2025年4月1日から2026年3月31日までとする。期間満了日の10営業日前までに、いずれの当事者からも解約の申し入れがないときは、本契約は自動的に１年間更新される。
      """
    let p = ContractDates.propose(text)
    #expect(p.autoRenewal == true)
    #expect(p.noticePeriod == "10営業日")
    #expect(p.noticeDeadline == "2026-03-17")
  }

  @Test func sentencesThatAreNotTheTermProposeNothing() {
    let text = """
      第3条（納期）
      乙は、令和7年4月1日までに本システムを稼働させる。
      第4条（検収）
      甲は、2025年5月1日から2025年5月14日までに検収を行う。
      第9条（記録の保存）
      乙は、作業記録の保存期間を2025年4月1日から5年間とする。
      第11条（協議）
      本契約の更新については、期間満了前に甲乙協議の上定める。
      """
    let p = ContractDates.propose(text)
    #expect(p.startDate == nil)
    #expect(p.endDate == nil)
    #expect(p.autoRenewal == nil)
    #expect(p.noticeDeadline == nil)
    #expect(p.isEmpty)
  }

  @Test func anImpossibleDateIsNotProposed() {
    let p = ContractDates.propose("契約期間は2025年2月30日から2026年2月28日までとする。")
    #expect(p.startDate == nil)
    #expect(p.endDate == nil)
  }
}
