extension [Int32] {
  /// In an ascending list of text positions, the index of the first one at or after `position`
  /// (`count` if none is).
  func firstIndex(atOrAfter position: Int) -> Int {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(self[mid]) < position { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
