extension ElementJudge {
  static let gou = Normalizer.fold("号")[0]
  static let eachItem = Normalizer.fold("各号")
  /// 「第1号から第3号まで」: the items between count too.
  static let through = ["から", "ないし", "乃至", "〜", "~"].map { Normalizer.fold($0) }

  /// 「前項第1号のVPNルータ及び回線の安全対策は…」 where 前項 lists three things (回線, ラック・電源,
  /// 記録媒体): the unit settles the items it names by number and leaves the others out. True when the
  /// unit names items (第N号) of a list it refers to and that list has items it does not name.
  func namesOnlySomeItems(_ u: Clauses.Unit) -> Bool {
    let text = index.text
    let r = u.range
    // 「前項各号」 names them all.
    if Lines.occurs(Self.eachItem, in: text[r]) { return false }
    var named: Set<Int> = []
    var last: (value: Int, end: Int)?
    var i = r.lowerBound
    while i < r.upperBound {
      if text[i] == References.dai[0], let n = References.readNumber(text, at: i + 1, end: r.upperBound),
        n.next < r.upperBound, text[n.next] == Self.gou
      {
        named.insert(n.value)
        if let l = last, l.value < n.value,
          Self.through.contains(where: { text[l.end..<i].elementsEqual($0) })
        {
          named.formUnion(l.value..<n.value)
        }
        last = (n.value, n.next + 1)
        i = n.next
      }
      i += 1
    }
    guard !named.isEmpty else { return false }
    return directlyReferred(from: u).contains { p in
      let count = clauses.itemCounts[p]
      return count > named.count && named.allSatisfy { $0 >= 1 && $0 <= count }
    }
  }

  static let rowMarker = Normalizer.fold("項番")

  /// The rows of a table a unit names by number (「項番5に掲げる事項」「項番7から項番10まで」), the rows
  /// of a range between included.
  func namedRows(_ u: Clauses.Unit) -> Set<Int> {
    let text = index.text
    let r = u.range
    var named: Set<Int> = []
    var last: (value: Int, end: Int)?
    var i = r.lowerBound
    while i + 2 < r.upperBound {
      if text[i] == Self.rowMarker[0], text[i + 1] == Self.rowMarker[1],
        let n = References.readNumber(text, at: i + 2, end: r.upperBound)
      {
        named.insert(n.value)
        if let l = last, l.value < n.value,
          Self.through.contains(where: { text[l.end..<i].elementsEqual($0) })
        {
          named.formUnion(l.value..<n.value)
        }
        last = (n.value, n.next)
        i = n.next
        continue
      }
      i += 1
    }
    return named
  }
}
