/// The automaton in the compiled playbook's cache file: its tables as they are, so reading it is
/// copying them. The scan reads them without bounds checks, so reading checks what the scan relies
/// on: table sizes, every state and class in range, the trie a tree, and no step, failure link or
/// output that could take a hit outside the text or a scan round a loop.
extension PatternAutomaton {
  func write(to w: inout BinaryWriter) {
    w.ints(literalLengths)
    w.ints(literals.flatMap { $0 })
    w.ints(classOf)
    w.array(astral.sorted { $0.key < $1.key }) { w, a in
      w.fixed(a.key)
      w.fixed(a.value)
    }
    w.int(classCount)
    switch delta {
    case .narrow(let d):
      w.bool(false)
      w.ints(d)
    case .wide(let d):
      w.bool(true)
      w.ints(d)
    }
    for table in [row, edgeStart, edgeNext, fail, outStart, outputs] { w.ints(table) }
    w.ints(edgeClass)
  }

  init(reading r: inout BinaryReader) throws {
    func fail(_ what: String) -> BinaryReader.Failure { .invalid("automaton: \(what)") }
    let lengths = try r.ints(Int32.self)
    let flat = try r.ints(UInt32.self)
    guard lengths.allSatisfy({ $0 > 0 }), lengths.reduce(0, { $0 + Int($1) }) == flat.count else {
      throw fail("literals")
    }
    var literals: [[UInt32]] = []
    literals.reserveCapacity(lengths.count)
    var at = 0
    for n in lengths {
      literals.append(Array(flat[at..<(at + Int(n))]))
      at += Int(n)
    }
    let classOf = try r.ints(UInt16.self)
    let astral = try r.array { r in (try r.fixed(UInt32.self), try r.fixed(UInt16.self)) }
    let k = try r.int()
    guard classOf.count == 0x1_0000, k > 0, k <= Int(UInt16.max) + 1,
      classOf.allSatisfy({ Int($0) < k }), astral.allSatisfy({ Int($0.1) < k })
    else { throw fail("classes") }
    let delta: Table = try r.bool() ? .wide(try r.ints(Int32.self)) : .narrow(try r.ints(UInt16.self))
    let row = try r.ints(Int32.self)
    let edgeStart = try r.ints(Int32.self)
    let edgeNext = try r.ints(Int32.self)
    let failLink = try r.ints(Int32.self)
    let outStart = try r.ints(Int32.self)
    let outputs = try r.ints(Int32.self)
    let edgeClass = try r.ints(UInt16.self)
    let states = row.count
    let rows = delta.count / k
    guard states > 0, row[0] >= 0, row.allSatisfy({ $0 >= -1 && Int($0) < rows }),
      failLink.count == states, failLink.allSatisfy({ $0 >= 0 && Int($0) < states }),
      Self.ascending(edgeStart, count: states + 1, end: edgeNext.count), edgeClass.count == edgeNext.count,
      edgeNext.allSatisfy({ $0 > 0 && Int($0) < states }), edgeClass.allSatisfy({ Int($0) < k }),
      Self.ascending(outStart, count: states + 1, end: outputs.count),
      outputs.allSatisfy({ $0 >= 0 && Int($0) < literals.count }),
      let depth = Self.depths(edgeStart, edgeNext, states: states)
    else { throw fail("states") }
    // No step goes deeper than one scalar further, a failure link is shallower, and no output is
    // longer than the scalars read to reach it: every hit lies inside the text, and every step ends.
    func stepsOK<T: FixedWidthInteger>(_ d: [T]) -> Bool {
      guard d.count == rows * k else { return false }
      for s in 0..<states where row[s] >= 0 {
        let base = Int(row[s]) * k
        for c in 0..<k {
          let t = Int(d[base + c])
          if t < 0 || t >= states || depth[t] > depth[s] + 1 { return false }
        }
      }
      return true
    }
    let stepsValid: Bool
    switch delta {
    case .narrow(let d): stepsValid = stepsOK(d)
    case .wide(let d): stepsValid = stepsOK(d)
    }
    guard stepsValid, failLink[0] == 0,
      (1..<states).allSatisfy({ depth[Int(failLink[$0])] < depth[$0] }),
      (0..<states).allSatisfy({ s in
        (Int(outStart[s])..<Int(outStart[s + 1])).allSatisfy { Int(lengths[Int(outputs[$0])]) <= depth[s] }
      })
    else { throw fail("steps") }
    self.init(
      literals: literals, classOf: classOf, astral: Dictionary(astral) { a, _ in a }, classCount: k,
      delta: delta,
      row: row, edgeStart: edgeStart, edgeClass: edgeClass, edgeNext: edgeNext, fail: failLink,
      outStart: outStart, outputs: outputs, literalLengths: lengths)
  }

  /// The tables as they are (read from a file, or made wrong on purpose by a test).
  init(
    literals: [[UInt32]], classOf: [UInt16], astral: [UInt32: UInt16], classCount: Int, delta: Table,
    row: [Int32], edgeStart: [Int32], edgeClass: [UInt16], edgeNext: [Int32], fail: [Int32],
    outStart: [Int32], outputs: [Int32], literalLengths: [Int32]
  ) {
    self.literals = literals
    self.classOf = classOf
    self.astral = astral
    self.classCount = classCount
    self.delta = delta
    self.row = row
    self.edgeStart = edgeStart
    self.edgeClass = edgeClass
    self.edgeNext = edgeNext
    self.fail = fail
    self.outStart = outStart
    self.outputs = outputs
    self.literalLengths = literalLengths
  }

  /// `starts` has `count` entries from 0 to `end`, never falling.
  private static func ascending(_ starts: [Int32], count: Int, end: Int) -> Bool {
    guard starts.count == count, starts.first == 0, Int(starts[count - 1]) == end else { return false }
    return zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 }
  }

  /// Each state's depth, when the edges make a tree from state 0 that reaches every state once.
  private static func depths(_ edgeStart: [Int32], _ edgeNext: [Int32], states: Int) -> [Int]? {
    var depth = [Int](repeating: -1, count: states)
    depth[0] = 0
    var queue = [0]
    var head = 0
    while head < queue.count {
      let s = queue[head]
      head += 1
      for e in Int(edgeStart[s])..<Int(edgeStart[s + 1]) {
        let t = Int(edgeNext[e])
        guard depth[t] < 0 else { return nil }
        depth[t] = depth[s] + 1
        queue.append(t)
      }
    }
    return queue.count == states ? depth : nil
  }
}
