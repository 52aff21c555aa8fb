extension ElementJudge {
  /// Later paragraphs that take back part of what a meeting paragraph gives: 「３　前項の規定は、第三者
  /// が権利を有するOS…には適用しない」 after the condition on the designated software's weaknesses,
  /// 「前項の協議は、委託者から書面による求めがあった場合に限り行う」, 「7.1は、…内部体制に係る変更には
  /// 適用しない」 after the approval of changes (dev38). A paragraph that leaves out only what does not
  /// matter (軽微な変更, changes that do not touch the security set-up), speaks of fault or of measures
  /// not taken, or leaves out what the element does not cover anyway (its `unless`: the provided
  /// things, for the talks on the institution's own measures) takes nothing back.
  func narrowing(_ met: [Clauses.Unit], _ e: CompiledElement) -> [Clauses.Unit] {
    // A paragraph that narrows may itself read as meeting through its 「前項の協議」: not a giver.
    let givers = met.filter { !index.evaluate(polarity.narrowing, in: $0.range) }
    let paragraphs = Set(givers.map(\.paragraph))
    guard let first = givers.map(\.range.upperBound).min() else { return [] }
    return live(candidateUnits(polarity.narrowing, clauses.sentences)).filter { s in
      s.range.lowerBound >= first && !paragraphs.contains(s.paragraph)
        && index.evaluate(polarity.narrowing, in: s.range)
        && !index.evaluate(polarity.harmlessNarrowing, in: s.range)
        && !(e.unless.map { index.evaluate($0, in: s.range) } ?? false)
        && subjectRefers(s, to: paragraphs)
    }
  }

  /// The clause a narrowing sentence speaks of is its subject, before its first 「は」: 「前項の規定は、
  /// …には適用しない」. 「同意が得られない利用機関については、当社は当該変更を適用せず」 names no clause
  /// there: the change is what is not applied, not a clause.
  func subjectRefers(_ s: Clauses.Unit, to paragraphs: Set<Int>) -> Bool {
    let ha: UInt32 = 0x306F
    let limit = min(s.range.upperBound, s.range.lowerBound + 40)
    guard let end = (s.range.lowerBound..<limit).first(where: { index.text[$0] == ha }) else { return false }
    var subject = s
    subject.range = s.range.lowerBound..<end
    return references.referred(from: subject).contains(where: paragraphs.contains)
  }
}
