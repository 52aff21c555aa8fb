/// The days a contract's own dates set, for every list that shows them (the dashboard's coming
/// dates, 期限, the daily mail, the calendar feed): one place decides which dates count and what
/// they are called.
public enum ContractDays {
  public struct Day: Sendable, Equatable {
    public var kind: Deadline.Kind
    public var due: ISODay
    /// What the day is, for a person: 「更新拒絶の通知期限」「契約期間の満了（自動更新）」.
    public var label: String
  }

  /// The notice deadline whenever one is entered (the contract form calls it 解約・変更の通知期限:
  /// a contract that does not renew itself can still require notice before its end), then the end
  /// of the term.
  public static func of(endDate: ISODay?, autoRenewal: Bool, noticeDeadline: ISODay?) -> [Day] {
    var days: [Day] = []
    if let notice = noticeDeadline {
      days.append(
        Day(
          kind: .noticeDeadline, due: notice,
          label: autoRenewal ? Deadline.Kind.noticeDeadline.label : "解約・変更の通知期限"))
    }
    if let end = endDate {
      days.append(
        Day(
          kind: .contractEnd, due: end, label: Deadline.Kind.contractEnd.label + (autoRenewal ? "（自動更新）" : "")
        ))
    }
    return days
  }
}
