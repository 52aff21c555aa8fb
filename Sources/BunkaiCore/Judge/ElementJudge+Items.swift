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
    // 「前項のうち電源の安全対策は…」: one thing selected of what the paragraph before lists; not
    // several (「前項のうち工事後も使用される電源、配線経路及びラックスペースの…」).
    for sel in Self.selections {
      guard let at = Lines.firstOccurrence(sel, in: text[r]) else { continue }
      let from = at + sel.count
      let upTo = min(r.upperBound, from + Self.selectionReach)
      // What the selection names, glosses in brackets left out (「電源の安全対策（容量の確認、表示）」).
      var named: [UInt32] = []
      var depth = 0
      for c in text[from..<upTo] {
        if c == Self.topicWa && depth == 0 { break }
        if Self.opens.contains(c) {
          depth += 1
        } else if Self.closes.contains(c) {
          depth = max(0, depth - 1)
        } else if depth == 0 {
          named.append(c)
        }
      }
      // 「前項の設備のうち情報セキュリティに関わる事項」「…のうち本システムに接続するもの」: a kind of
      // what is provided, not one thing of it.
      if Self.kinds.contains(where: { Lines.occurs($0, in: named) }) { return false }
      return !Self.joiners.contains { Lines.occurs($0, in: named) }
    }
    let named = namedNumbers(in: r, marker: References.dai, suffix: Self.gou)
    guard !named.isEmpty else { return false }
    return directlyReferred(from: u).contains { p in
      let count = clauses.itemCounts[p]
      return count > named.count && named.allSatisfy { $0 >= 1 && $0 <= count }
        && leavesOutAThing(of: p, count: count, named: named)
    }
  }

  /// 「前項第一号及び第二号により委託者が提供するもの」 where items three and four are papers and data:
  /// the items left out hold none of the things (設備, 回線, 端末…) whose security is in question, so
  /// naming the others names every thing. Items read as the paragraph's last sentences; where that
  /// reading fails, every item left out counts.
  func leavesOutAThing(of p: Int, count: Int, named: Set<Int>) -> Bool {
    let items = clauses.sentencesOfParagraph[p].suffix(count)
    guard items.count == count, let things = index.compiled.conceptGroups["provided-things"] else {
      return true
    }
    let text = index.text
    return (1...count).contains { n in
      guard !named.contains(n) else { return false }
      let r = clauses.sentences[items[items.startIndex + n - 1]].range
      // 「分析装置の接続仕様に関する資料」: the head noun says it is a paper, whatever thing it is about.
      var end = r.upperBound
      while end > r.lowerBound, Self.itemEnds.contains(text[end - 1]) { end -= 1 }
      let paper = Self.papers.contains { text[r.lowerBound..<end].suffix($0.count).elementsEqual($0) }
      return !paper && index.evaluate(things, in: r)
    }
  }
  /// Also consumables (「プリンタ用紙、ラベルその他の消耗品」): nothing whose security is in question.
  static let papers = ["資料", "データ", "情報", "書類", "文書", "仕様書", "図面", "設定情報", "消耗品", "用紙", "トナー"].map {
    Normalizer.fold($0)
  }
  /// What may close an item after its noun (folding drops line breaks; they are checked as they are).
  static let itemEnds = Set(["。", "、"].map { Normalizer.fold($0)[0] }).union([0x20, 0x3000, 0x0A])

  /// 「提供物のうち医事会計端末に係るセキュリティ対策は」 selects one of the provided things as 「前項のうち」
  /// does (dev33 b_01), and so does a defined word for them (「利用環境のうち端末の…」); 「用意するもののうち、
  /// 設置場所及び回線に関する」 names several.
  static let selections = [
    "前項のうち", "前条のうち", "上記のうち", "提供物のうち", "用意物のうち", "準備物のうち", "貸与物のうち", "提供するもののうち",
    "用意するもののうち", "準備するもののうち",
    // 「利用環境のうち端末のセキュリティ対策は」 where 利用環境 is defined as terminals, lines and
    // wireless equipment (dev34 b_01).
    "環境のうち", "設備のうち", "機器のうち",
  ].map { Normalizer.fold($0) }
  static let kinds = ["に関わる事項", "に係る事項", "に関する事項", "に接続するもの", "に接続される"].map { Normalizer.fold($0) }
  static let joiners = ["及び", "並びに", "、", "・", "又は", "すべて", "全て", "いずれも"].map { Normalizer.fold($0) }
  static let selectionReach = 80
  static let opens = Set(["（", "("].map { Normalizer.fold($0)[0] })
  static let closes = Set(["）", ")"].map { Normalizer.fold($0)[0] })
  static let topicWa = Normalizer.fold("は")[0]
  static let rowMarker = Normalizer.fold("項番")

  /// The rows of a table a unit names by number (「項番5に掲げる事項」「項番7から項番10まで」), the rows
  /// of a range between included.
  func namedRows(_ u: Clauses.Unit) -> Set<Int> { namedNumbers(in: u.range, marker: Self.rowMarker) }

  /// The numbers a range names after `marker` (and before `suffix`, where given): 「第1号から第3号まで」
  /// with 第 and 号, 「項番7から項番10まで」 with 項番; the numbers of a range between are included.
  func namedNumbers(in r: Range<Int>, marker: [UInt32], suffix: UInt32? = nil) -> Set<Int> {
    let text = index.text
    var named: Set<Int> = []
    var last: (value: Int, end: Int)?
    var i = r.lowerBound
    while i + marker.count < r.upperBound {
      guard text[i] == marker[0], text[i..<(i + marker.count)].elementsEqual(marker),
        let n = References.readNumber(text, at: i + marker.count, end: r.upperBound)
      else {
        i += 1
        continue
      }
      var end = n.next
      if let suffix {
        guard n.next < r.upperBound, text[n.next] == suffix else {
          i += 1
          continue
        }
        end += 1
      }
      named.insert(n.value)
      if let l = last, l.value < n.value, Self.through.contains(where: { text[l.end..<i].elementsEqual($0) })
      {
        named.formUnion(l.value..<n.value)
      }
      last = (n.value, end)
      i = n.next
    }
    return named
  }
}
