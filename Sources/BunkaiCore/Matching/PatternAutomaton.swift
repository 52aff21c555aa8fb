/// Aho–Corasick automaton over folded scalars. The shallow states (depth ≤ `denseDepth`), where a
/// scan spends most of its steps, have dense rows (one table load per scalar); a deeper state keeps
/// its own few edges and its failure link. A dense row for every state was most of compiling the
/// playbook, which a single-file review pays: some ten megabytes written, and faulted in, per run.
public struct PatternAutomaton: Sendable {
  /// Literal patterns, indexed by id.
  public let literals: [[UInt32]]
  /// Alphabet class of each BMP scalar (0 = not in any literal).
  let classOf: [UInt16]
  /// Classes of the scalars outside the BMP that literals hold (「𠮷」): rare in text, so looked up
  /// only for such a scalar.
  let astral: [UInt32: UInt16]
  let classCount: Int
  /// Dense rows: row[state] * classCount + class → next state.
  let delta: Table
  enum Table: Sendable {
    case narrow([UInt16])
    case wide([Int32])

    var count: Int {
      switch self {
      case .narrow(let d): d.count
      case .wide(let d): d.count
      }
    }
  }
  /// Each state's row in `delta`, or -1 for a deep state.
  let row: [Int32]
  /// A deep state's edges: edgeClass/edgeNext[edgeStart[s]..<edgeStart[s + 1]].
  let edgeStart: [Int32]
  let edgeClass: [UInt16]
  let edgeNext: [Int32]
  /// Failure link of each state (the longest proper suffix that is a state).
  let fail: [Int32]
  /// Output literal ids of each state: outputs[outStart[s]..<outStart[s + 1]].
  let outStart: [Int32]
  let outputs: [Int32]
  let literalLengths: [Int32]

  /// `narrowLimit`: the most states a 16-bit table is used for (lowered only by tests);
  /// `denseDepth`: the deepest states with a dense row. Depth 1 (the root and its children): rows for
  /// depth 2 as well made the table a third of the cached playbook's size and scanned no faster
  /// (its rows missed the cache as often as a deep state's few edges cost).
  public init(literals: [[UInt32]], narrowLimit: Int = Int(UInt16.max), denseDepth: Int = 1) {
    var classOf = [UInt16](repeating: 0, count: 0x1_0000)
    var astral: [UInt32: UInt16] = [:]
    var next: UInt16 = 1
    for lit in literals {
      for c in lit {
        if c < 0x1_0000 {
          guard classOf[Int(c)] == 0 else { continue }
          classOf[Int(c)] = next
        } else {
          guard astral[c] == nil else { continue }
          astral[c] = next
        }
        next += 1
      }
    }
    let k = Int(next)
    // The trie is built from the literals in sorted order, each one walking only the part it does
    // not share with the one before; a dictionary of children per state was most of compiling it.
    let coded = literals.map { lit in
      lit.map { c in c < 0x1_0000 ? classOf[Int(c)] : astral[c] ?? 0 }
    }
    let sortedIds = coded.indices.sorted { coded[$0].lexicographicallyPrecedes(coded[$1]) }
    var parent: [Int32] = [-1]
    var edgeOf: [UInt16] = [0]
    var depth: [Int] = [0]
    var terminal: [[Int32]] = [[]]
    var path = [0]
    var previous: [UInt16] = []
    for id in sortedIds {
      let lit = coded[id]
      var common = 0
      while common < lit.count, common < previous.count, lit[common] == previous[common] {
        common += 1
      }
      path.removeSubrange((common + 1)...)
      for d in common..<lit.count {
        parent.append(Int32(path[d]))
        edgeOf.append(lit[d])
        depth.append(d + 1)
        terminal.append([])
        path.append(parent.count - 1)
      }
      terminal[path[lit.count]].append(Int32(id))
      previous = lit
    }
    let stateCount = parent.count
    // Each state's children, by ascending class (they were made in that order).
    var childStart = [Int32](repeating: 0, count: stateCount + 1)
    for s in 1..<stateCount { childStart[Int(parent[s]) + 1] += 1 }
    for s in 0..<stateCount { childStart[s + 1] += childStart[s] }
    var childNext = [Int32](repeating: 0, count: max(stateCount - 1, 0))
    var childClass = [UInt16](repeating: 0, count: max(stateCount - 1, 0))
    var cursor = childStart
    for s in 1..<stateCount {
      let p = Int(parent[s])
      childNext[Int(cursor[p])] = Int32(s)
      childClass[Int(cursor[p])] = edgeOf[s]
      cursor[p] += 1
    }
    let children = Children(start: childStart, cls: childClass, next: childNext)
    // Breadth-first order, and a row for each shallow state.
    var order: [Int] = [0]
    order.reserveCapacity(stateCount)
    var head = 0
    while head < order.count {
      let s = order[head]
      head += 1
      for e in Int(childStart[s])..<Int(childStart[s + 1]) { order.append(Int(childNext[e])) }
    }
    var row = [Int32](repeating: -1, count: stateCount)
    var rows: Int32 = 0
    for s in order where depth[s] <= denseDepth {
      row[s] = rows
      rows += 1
    }
    var fail = [Int32](repeating: 0, count: stateCount)
    var out = terminal
    let delta: Table =
      stateCount <= narrowLimit
      ? .narrow(
        Self.rows(
          UInt16.self, order, children, row: row, rows: Int(rows), classes: k, fail: &fail, out: &out))
      : .wide(
        Self.rows(Int32.self, order, children, row: row, rows: Int(rows), classes: k, fail: &fail, out: &out))
    var outStart: [Int32] = [0]
    var outputs: [Int32] = []
    for s in 0..<stateCount {
      outputs.append(contentsOf: out[s])
      outStart.append(Int32(outputs.count))
    }
    // A shallow state's edges are never read (its row answers), so every state keeps them.
    self.init(
      literals: literals, classOf: classOf, astral: astral, classCount: k, delta: delta, row: row,
      edgeStart: childStart, edgeClass: childClass, edgeNext: childNext, fail: fail, outStart: outStart,
      outputs: outputs, literalLengths: literals.map { Int32($0.count) })
  }

  /// The dense rows, breadth-first, with every state's failure link and outputs: a shallow
  /// state's row starts as a copy of its failure state's row (complete, because that state is
  /// shallower), then its own children overwrite their classes. Only the root's row is zeroed.
  static func rows<T: FixedWidthInteger>(
    _: T.Type, _ order: [Int], _ children: Children, row: [Int32], rows: Int, classes k: Int,
    fail: inout [Int32], out: inout [[Int32]]
  ) -> [T] {
    [T](unsafeUninitializedCapacity: rows * k) { delta, initialized in
      // The next state from `s` on `cls`, through the rows written so far and the deep states'
      // own edges.
      func step(_ s: Int, _ cls: Int) -> Int32 {
        var s = s
        while true {
          if row[s] >= 0 { return Int32(delta[Int(row[s]) * k + cls]) }
          if let t = children.next(s, cls) { return t }
          s = Int(fail[s])
        }
      }
      for cls in 0..<k { delta[cls] = 0 }
      for s in order {
        if s != 0 {
          let f = Int(fail[s])
          out[s].append(contentsOf: out[f])
          if row[s] >= 0 {
            let (to, from) = (Int(row[s]) * k, Int(row[f]) * k)
            for cls in 0..<k { delta[to + cls] = delta[from + cls] }
          }
        }
        for e in Int(children.start[s])..<Int(children.start[s + 1]) {
          let (cls, t) = (Int(children.cls[e]), children.next[e])
          if row[s] >= 0 { delta[Int(row[s]) * k + cls] = T(t) }
          fail[Int(t)] = s == 0 ? 0 : step(Int(fail[s]), cls)
        }
      }
      initialized = rows * k
    }
  }

  /// The trie's edges, state by state: cls/next[start[s]..<start[s + 1]], by ascending class.
  struct Children {
    let start: [Int32]
    let cls: [UInt16]
    let next: [Int32]

    func next(_ s: Int, _ c: Int) -> Int32? {
      for e in Int(start[s])..<Int(start[s + 1]) where Int(cls[e]) == c { return next[e] }
      return nil
    }
  }

  /// Start offsets of every occurrence of every literal, per literal id, ascending.
  public func scan(_ text: [UInt32]) -> LiteralHits {
    // Hits are gathered flat (literal id, start) and then laid out literal by literal in one array:
    // appending each hit to one of thousands of nested arrays cost more than the scan itself.
    var flat: [(id: Int32, start: Int32)] = []
    flat.reserveCapacity(text.count / 2)
    switch delta {
    case .narrow(let d): scan(text, d, into: &flat)
    case .wide(let d): scan(text, d, into: &flat)
    }
    return LiteralHits(flat, literalCount: literals.count)
  }

  private func scan<T: FixedWidthInteger>(
    _ text: [UInt32], _ delta: [T], into flat: inout [(id: Int32, start: Int32)]
  ) {
    var state = 0
    let k = classCount
    // Unchecked buffers: one transition per scalar of every contract.
    classOf.withUnsafeBufferPointer { classOf in
      delta.withUnsafeBufferPointer { delta in
        row.withUnsafeBufferPointer { row in
          edgeStart.withUnsafeBufferPointer { edgeStart in
            edgeClass.withUnsafeBufferPointer { edgeClass in
              edgeNext.withUnsafeBufferPointer { edgeNext in
                fail.withUnsafeBufferPointer { fail in
                  outStart.withUnsafeBufferPointer { outStart in
                    outputs.withUnsafeBufferPointer { outputs in
                      literalLengths.withUnsafeBufferPointer { lengths in
                        text.withUnsafeBufferPointer { text in
                          for i in 0..<text.count {
                            let c = text[i]
                            let cls = c < 0x1_0000 ? Int(classOf[Int(c)]) : Int(astral[c] ?? 0)
                            var s = state
                            while true {
                              let r = Int(row[s])
                              if r >= 0 {
                                s = Int(delta[r * k + cls])
                                break
                              }
                              var e = Int(edgeStart[s])
                              let end = Int(edgeStart[s + 1])
                              var found = -1
                              while e < end {
                                if Int(edgeClass[e]) == cls {
                                  found = Int(edgeNext[e])
                                  break
                                }
                                e += 1
                              }
                              if found >= 0 {
                                s = found
                                break
                              }
                              s = Int(fail[s])
                            }
                            state = s
                            let a = Int(outStart[state])
                            let b = Int(outStart[state + 1])
                            if a != b {
                              for o in a..<b {
                                let id = outputs[o]
                                flat.append((id, Int32(i + 1) - lengths[Int(id)]))
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// Every literal's hits in one array, literal after literal (a counting sort of the scan's hits).
/// Each literal's starts ascend: the scan finds them in order of their ends, and all occurrences
/// of one literal have the same length.
public struct LiteralHits: Sendable {
  let starts: [Int32]
  /// starts[offsets[id]..<offsets[id + 1]] are literal id's hits.
  let offsets: [Int]

  init(_ flat: [(id: Int32, start: Int32)], literalCount: Int) {
    var offsets = [Int](repeating: 0, count: literalCount + 1)
    for h in flat { offsets[Int(h.id) + 1] += 1 }
    for i in 0..<literalCount { offsets[i + 1] += offsets[i] }
    var cursor = offsets
    var starts = [Int32](repeating: 0, count: flat.count)
    starts.withUnsafeMutableBufferPointer { starts in
      for h in flat {
        starts[cursor[Int(h.id)]] = h.start
        cursor[Int(h.id)] += 1
      }
    }
    self.starts = starts
    self.offsets = offsets
  }

  public subscript(id: Int) -> ArraySlice<Int32> { starts[offsets[id]..<offsets[id + 1]] }

  /// How many hits literal id has (without making a slice).
  func count(_ id: Int) -> Int { offsets[id + 1] - offsets[id] }
}
