import BunkaiCore
import Testing

/// Reminders at 30, 7 and 0 days (issue 10 §5), and the periodic re-check date (§2): yearly, and
/// early enough before the notice deadline of a contract that renews by itself.
@Suite struct ReminderTests {
  func day(_ s: String) -> ISODay { ISODay(s)! }

  @Test func daysAreReadOnlyWhenReal() {
    #expect(ISODay("2028-02-29") != nil)
    #expect(ISODay("2027-02-29") == nil)
    #expect(ISODay("2026-13-01") == nil)
    #expect(ISODay("2026-1-01") == nil)
    #expect(ISODay("令和8年4月1日") == nil)
    #expect(ISODay("") == nil)
    #expect(day("2026-12-02").description == "2026-12-02")
    #expect(day("1970-01-01").number == 0)
    #expect(day("2026-12-31").days(until: day("2027-01-01")) == 1)
    #expect(day("2028-02-28").adding(days: 1).description == "2028-02-29")
    // 2026-12-05 is a Saturday, 12-06 a Sunday, 12-07 a Monday.
    #expect(day("2026-12-05").isWeekend && day("2026-12-06").isWeekend && !day("2026-12-07").isWeekend)
    #expect(!day("1970-01-01").isWeekend && day("1969-12-28").isWeekend)
  }

  @Test func addingMonthsKeepsTheDayOrTheMonthsLast() {
    #expect(day("2026-01-31").adding(months: 1).description == "2026-02-28")
    #expect(day("2028-01-31").adding(months: 1).description == "2028-02-29")
    #expect(day("2026-04-01").adding(months: 12).description == "2027-04-01")
    #expect(day("2026-11-30").adding(months: 3).description == "2027-02-28")
    #expect(day("2026-03-15").adding(months: -3).description == "2025-12-15")
  }

  @Test func urgencyStepsAreThirtySevenAndZeroDays() {
    #expect(Urgency(daysLeft: -1) == .overdue)
    #expect(Urgency(daysLeft: 0) == .today)
    #expect(Urgency(daysLeft: 1) == .withinWeek)
    #expect(Urgency(daysLeft: 7) == .withinWeek)
    #expect(Urgency(daysLeft: 8) == .withinMonth)
    #expect(Urgency(daysLeft: 30) == .withinMonth)
    #expect(Urgency(daysLeft: 31) == .later)
    // Every step is said in words, not only in colour.
    #expect(Set(Urgency.allCases.map(\.label)).count == Urgency.allCases.count)
  }

  func deadline(_ kind: Deadline.Kind, _ due: String, _ key: String) -> Deadline {
    Deadline(kind: kind, due: day(due), subject: "保守契約 \(key)", path: "/contracts/\(key)", key: key)
  }

  @Test func theDailyMailNamesWhatIsThirtySevenOrZeroDaysAway() {
    let today = day("2026-12-02")
    let all = [
      deadline(.noticeDeadline, "2027-01-01", "a"),  // 30 days
      deadline(.contractEnd, "2026-12-09", "b"),  // 7 days
      deadline(.recheck, "2026-12-02", "c"),  // today
      deadline(.contractEnd, "2026-12-10", "d"),  // 8 days: in the list, not in today's mail
      deadline(.noticeDeadline, "2026-11-30", "e"),  // passed
      deadline(.recheck, "2027-06-01", "f"),
    ]
    let digest = Reminders.digest(all, today: today)
    #expect(digest.due.map(\.deadline.key) == ["c", "b", "a"])
    #expect(digest.due.map(\.daysLeft) == [0, 7, 30])
    #expect(digest.overdueCount == 1)
    let body = Reminders.mailBody(digest, name: "事務長 佐藤", baseURL: "https://bunkai.example")
    #expect(body.contains("事務長 佐藤 様"))
    #expect(body.contains("更新拒絶の通知期限（2027-01-01、あと30日）"))
    #expect(body.contains("https://bunkai.example/contracts/b"))
    #expect(body.contains("今日"))
    #expect(body.contains("期限を過ぎたものが 1 件"))
    #expect(!body.contains("/contracts/d"))

    // The list keeps everything, soonest first.
    let list = Reminders.entries(all, today: today)
    #expect(list.map(\.deadline.key) == ["e", "c", "b", "d", "a", "f"])
    #expect(list.first?.urgency == .overdue)
  }

  @Test func nothingDueMeansNoMail() {
    let digest = Reminders.digest(
      [deadline(.contractEnd, "2026-12-20", "x"), deadline(.contractEnd, "2026-11-01", "y")],
      today: day("2026-12-02"))
    #expect(digest.isEmpty)
  }

  @Test func recheckIsYearlyAndBeforeTheNoticeDeadlineOfAnAutoRenewingContract() {
    let last = day("2026-04-10")
    #expect(
      Recheck.due(lastCheck: last, autoRenewal: false, noticeDeadline: day("2027-01-31")).description
        == "2027-04-10")
    // Renews by itself unless notice is given by 2027-01-31: re-check a month before that.
    #expect(
      Recheck.due(lastCheck: last, autoRenewal: true, noticeDeadline: day("2027-01-31")).description
        == "2027-01-01")
    // A notice deadline further than a year away does not delay the yearly check.
    #expect(
      Recheck.due(lastCheck: last, autoRenewal: true, noticeDeadline: day("2028-06-30")).description
        == "2027-04-10")
    // A notice deadline already behind the last check says nothing about the next.
    #expect(
      Recheck.due(lastCheck: last, autoRenewal: true, noticeDeadline: day("2026-03-31")).description
        == "2027-04-10")
    #expect(Recheck.due(lastCheck: last, autoRenewal: true, noticeDeadline: nil).description == "2027-04-10")
  }
}

@Suite struct ContractDaysTests {
  /// A notice deadline entered on a contract that does not renew itself still has to be met
  /// (notice of cancellation or change), so it is listed too, under the form's own name.
  @Test func aNoticeDeadlineCountsWithOrWithoutAutomaticRenewal() {
    let end = ISODay("2027-03-31")
    let notice = ISODay("2026-12-31")
    let renewing = ContractDays.of(endDate: end, autoRenewal: true, noticeDeadline: notice)
    #expect(renewing.map(\.kind) == [.noticeDeadline, .contractEnd])
    #expect(renewing.map(\.label) == ["更新拒絶の通知期限", "契約期間の満了（自動更新）"])
    let fixed = ContractDays.of(endDate: end, autoRenewal: false, noticeDeadline: notice)
    #expect(fixed.map(\.due) == [notice, end].compactMap { $0 })
    #expect(fixed.map(\.label) == ["解約・変更の通知期限", "契約期間の満了"])
    #expect(ContractDays.of(endDate: nil, autoRenewal: true, noticeDeadline: nil).isEmpty)
  }
}
