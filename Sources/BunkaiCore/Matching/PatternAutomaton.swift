/// Aho–Corasick automaton over folded scalars, compiled to a dense transition table so that a
/// document is scanned once for every literal of every rule and topic (one table load per scalar).
public struct PatternAutomaton: Sendable {
  /// Literal patterns, indexed by id.
  public let literals: [[UInt32]]
  /// Alphabet class of each BMP scalar (0 = not in any literal).
  private let classOf: [UInt16]
  /// Classes of the scalars outside the BMP that literals hold (「𠮷」): rare in text, so looked up
  /// only for such a scalar.
  private let astral: [UInt32: UInt16]
  private let classCount: Int
  /// Dense transitions: state * classCount + class → next state.
  private let delta: Table
  enum Table: Sendable {
    case narrow([UInt16])
    case wide([Int32])
  }
  /// Output literal ids of each state: outputs[outStart[s]..<outStart[s + 1]].
  private let outStart: [Int32]
  private let outputs: [Int32]
  private let literalLengths: [Int32]

  /// `narrowLimit`: the most states a 16-bit table is used for (lowered only by tests).
  public init(literals: [[UInt32]], narrowLimit: Int = Int(UInt16.max)) {
    self.literals = literals
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
    // Trie with sparse children first.
    var children: [[Int: Int32]] = [[:]]
    var terminal: [[Int32]] = [[]]
    for (id, lit) in literals.enumerated() {
      var s = 0
      for c in lit {
        let cls = c < 0x1_0000 ? Int(classOf[Int(c)]) : Int(astral[c] ?? 0)
        if let t = children[s][cls] {
          s = Int(t)
        } else {
          children.append([:])
          terminal.append([])
          children[s][cls] = Int32(children.count - 1)
          s = children.count - 1
        }
      }
      terminal[s].append(Int32(id))
    }
    let stateCount = children.count
    var out = terminal
    // States fit in 16 bits for any playbook of a usual size: the table is then half as large (10
    // MB rather than 20 for the built-in one), which halves the pages a single-file review faults
    // in and keeps more of it in cache while scanning.
    let delta: Table =
      stateCount <= narrowLimit
      ? .narrow(Self.transitions(UInt16.self, children, classes: k, out: &out))
      : .wide(Self.transitions(Int32.self, children, classes: k, out: &out))
    var outStart: [Int32] = [0]
    var outputs: [Int32] = []
    for s in 0..<stateCount {
      outputs.append(contentsOf: out[s])
      outStart.append(Int32(outputs.count))
    }
    self.classOf = classOf
    self.astral = astral
    self.classCount = k
    self.delta = delta
    self.outStart = outStart
    self.outputs = outputs
    self.literalLengths = literals.map { Int32($0.count) }
  }

  /// The dense table, breadth-first: each state's row starts as a copy of its failure state's row
  /// (complete, because that state is shallower), then its own children overwrite their classes.
  /// Every row but the root's is written whole that way, so only the root's is zeroed: clearing
  /// the whole table first was a third of compiling the playbook, which a single-file review pays.
  static func transitions<T: FixedWidthInteger>(
    _: T.Type, _ children: [[Int: Int32]], classes k: Int, out: inout [[Int32]]
  ) -> [T] {
    let stateCount = children.count
    var fail = [Int32](repeating: 0, count: stateCount)
    var queue: [Int] = [0]
    queue.reserveCapacity(stateCount)
    var head = 0
    return [T](unsafeUninitializedCapacity: stateCount * k) { delta, initialized in
      for cls in 0..<k { delta[cls] = 0 }
      while head < queue.count {
        let s = queue[head]
        head += 1
        let f = Int(fail[s])
        if s != 0 {
          out[s].append(contentsOf: out[f])
          for cls in 0..<k { delta[s * k + cls] = delta[f * k + cls] }
        }
        for (cls, t) in children[s] where cls != 0 {
          delta[s * k + cls] = T(t)
          fail[Int(t)] = s == 0 ? 0 : Int32(delta[f * k + cls])
          queue.append(Int(t))
        }
      }
      // Every literal scalar has a class of its own (none is 0), so every state was queued and
      // every row written.
      initialized = stateCount * k
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
        outStart.withUnsafeBufferPointer { outStart in
          outputs.withUnsafeBufferPointer { outputs in
            literalLengths.withUnsafeBufferPointer { lengths in
              text.withUnsafeBufferPointer { text in
                for i in 0..<text.count {
                  let c = text[i]
                  let cls = c < 0x1_0000 ? Int(classOf[Int(c)]) : Int(astral[c] ?? 0)
                  state = Int(delta[state * k + cls])
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
}
