/// Something with a day by which someone must act: the 「期限」 list, the daily mail and the
/// calendar feed are all made from these.
public struct Deadline: Hashable, Sendable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// The last day to give notice before an automatically renewing contract renews.
    case noticeDeadline
    case contractEnd
    /// The periodic re-check of a contract: re-review and re-confirm Part2.
    case recheck
    /// A change notice from the vendor waits for the institution's decision by its planned date.
    case changeNotice
    /// A signed risk acceptance runs out.
    case acceptanceExpiry
    /// Items the other side asked about, waiting for this side.
    case waitingForOtherSide

    public var label: String {
      switch self {
      case .noticeDeadline: "更新拒絶の通知期限"
      case .contractEnd: "契約期間の満了"
      case .recheck: "定期の見直し"
      case .changeNotice: "変更の通知への回答"
      case .acceptanceExpiry: "リスク受容の期限"
      case .waitingForOtherSide: "相手方への回答"
      }
    }
  }

  public var kind: Kind
  public var due: ISODay
  /// What it is about, in words a person recognises (the contract's title, the vendor's name).
  public var subject: String
  /// Where in the app to act on it (a path, e.g. /contracts/<id>).
  public var path: String
  /// Stable across days, so a calendar keeps one event per deadline (the subject's id).
  public var key: String

  public init(kind: Kind, due: ISODay, subject: String, path: String, key: String) {
    self.kind = kind
    self.due = due
    self.subject = subject
    self.path = path
    self.key = key
  }
}

/// How near a deadline is, in the steps the reminders use: 30, 7 and 0 days.
public enum Urgency: String, Sendable, Codable, CaseIterable, Comparable {
  case overdue, today, withinWeek, withinMonth, later

  public init(daysLeft: Int) {
    switch daysLeft {
    case ..<0: self = .overdue
    case 0: self = .today
    case 1...7: self = .withinWeek
    case 8...30: self = .withinMonth
    default: self = .later
    }
  }

  /// Said in words as well as shown in colour: colour alone tells nothing to some people and to
  /// a black-and-white print.
  public var label: String {
    switch self {
    case .overdue: "期限切れ"
    case .today: "今日が期限"
    case .withinWeek: "7日以内"
    case .withinMonth: "30日以内"
    case .later: "30日より先"
    }
  }

  private var order: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (a: Urgency, b: Urgency) -> Bool { a.order < b.order }
}

public enum Reminders {
  /// The days before a deadline on which the daily mail mentions it.
  public static let mailDays: Set<Int> = [30, 7, 0]

  /// A deadline as a line of the list: its urgency and days left, most urgent first, then by day.
  public struct Entry: Hashable, Sendable {
    public var deadline: Deadline
    public var daysLeft: Int
    public var urgency: Urgency
  }

  public static func entries(_ deadlines: [Deadline], today: ISODay) -> [Entry] {
    deadlines.map { d in
      let left = today.days(until: d.due)
      return Entry(deadline: d, daysLeft: left, urgency: Urgency(daysLeft: left))
    }
    .sorted {
      ($0.deadline.due, $0.deadline.kind.rawValue, $0.deadline.key) < (
        $1.deadline.due, $1.deadline.kind.rawValue, $1.deadline.key
      )
    }
  }

  /// What today's mail says: the deadlines exactly 30, 7 or 0 days away, and how many have passed.
  /// Nothing to say → no mail (a daily mail that says nothing teaches people to ignore it).
  public struct Digest: Sendable, Equatable {
    public var due: [Entry]
    public var overdueCount: Int
    public var isEmpty: Bool { due.isEmpty }
  }

  public static func digest(_ deadlines: [Deadline], today: ISODay) -> Digest {
    let all = entries(deadlines, today: today)
    return Digest(
      due: all.filter { mailDays.contains($0.daysLeft) },
      overdueCount: all.filter { $0.urgency == .overdue }.count)
  }

  /// The text of the daily mail (plain text: it is read in every mail program).
  public static func mailBody(_ digest: Digest, name: String, baseURL: String) -> String {
    var lines = ["\(name) 様", "", "Bunkai からのお知らせです。次の期限が近づいています。", ""]
    for e in digest.due {
      let when = e.daysLeft == 0 ? "今日" : "あと\(e.daysLeft)日"
      lines.append("・\(e.deadline.kind.label)（\(e.deadline.due)、\(when)）: \(e.deadline.subject)")
      lines.append("  \(baseURL)\(e.deadline.path)")
    }
    if digest.overdueCount > 0 {
      lines += ["", "期限を過ぎたものが \(digest.overdueCount) 件あります。"]
    }
    lines += ["", "一覧: \(baseURL)/deadlines", "", "このメールは Bunkai が毎日自動で送っています。"]
    return lines.joined(separator: "\n")
  }
}

/// When a contract is due for its periodic re-check: a year after the last check, and for a
/// contract that renews by itself early enough to act before the notice deadline.
public enum Recheck {
  /// Days before the notice deadline the re-check falls at the latest: time to re-review, talk with
  /// the vendor and decide before renewal becomes automatic.
  public static let beforeNotice = 30

  public static func due(lastCheck: ISODay, autoRenewal: Bool, noticeDeadline: ISODay?) -> ISODay {
    let yearly = lastCheck.adding(months: 12)
    guard autoRenewal, let notice = noticeDeadline else { return yearly }
    let beforeRenewal = notice.adding(days: -beforeNotice)
    // A notice deadline already behind the last check says nothing about the next one.
    return beforeRenewal > lastCheck ? min(yearly, beforeRenewal) : yearly
  }
}
