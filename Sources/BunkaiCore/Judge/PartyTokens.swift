/// Binds `{vendor}` / `{institution}` to whatever labels the contract gives its parties.
///
/// Placeholders are expanded when the playbook is compiled, into the usual labels (甲, 当社, 当院 …)
/// plus one token per role. A contract that names its parties otherwise (「青葉病院」「NK社」
/// 「運営主体」) has each occurrence of such a label folded, in the matching view only, into its
/// role's token: terms, actors and topics then read 「NK社が主導して青葉病院と協議」 as they read
/// 「乙が主導して甲と協議」. Offsets still map back to the source.
enum PartyTokens {
  /// Private-use scalars standing for "this contract's own label" of each role.
  static let institution: UInt32 = 0xE000
  static let vendor: UInt32 = 0xE001

  static func token(_ role: PartyRole) -> UInt32? {
    switch role {
    case .institution: institution
    case .vendor: vendor
    case .unknown: nil
    }
  }

  /// The token as a label (what the playbook's placeholder variants use).
  static func label(_ role: PartyRole) -> String? {
    token(role).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
  }

  /// Determiners that may stand before a label (「当病院」「本会社」) without making a new word.
  static let determiners: Set<UInt32> = Set("当本貴同各".unicodeScalars.map(\.value))

  /// A label that ends a longer word is not the party: 「協力会社」「子会社」 where the vendor is
  /// 「会社」, 「連携病院」 where the institution is 「病院」.
  static func insideCompound(_ text: [UInt32], at i: Int) -> Bool {
    guard i > 0 else { return false }
    let c = text[i - 1]
    let ideograph = (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c)
    // 「利用者の管理その他病院の管理範囲」: 「その他」 ends a list item, it makes no word with the label.
    if i >= 3, text[(i - 3)..<i].elementsEqual(Self.sonota) { return false }
    return ideograph && !determiners.contains(c)
  }
  static let sonota = Normalizer.fold("その他")

  /// 「…サービスの提供事業者における安全管理ガイドライン」: a vendor called 「提供事業者」 is also a word of
  /// the guideline's title, which must stay as written to be recognised.
  static let titleContinuation = Normalizer.fold("における安全管理")

  static func inGuidelineTitle(_ text: [UInt32], after end: Int) -> Bool {
    end + titleContinuation.count <= text.count
      && text[end..<(end + titleContinuation.count)].elementsEqual(titleContinuation)
  }

  /// Known labels that are also words for a subcontractor: where 「委託先」 is the vendor itself, its
  /// label must not read as a subcontractor (「委託先は、…責任を負わない」 is no limit on the
  /// subcontractor's breach), so it is folded into the vendor's token like a label of its own — where
  /// it is the party's only label: beside 「当社」 or 「受託者」 it is mostly a defined name of the
  /// vendor's subcontractor taken for another label.
  static let subcontractorWords: Set<String> = ["委託先"]

  /// The labels folded into tokens, longest first: the contract's own (not one the placeholders
  /// know), of two scalars or more, and naming one side only.
  static func ownLabels(_ parties: [Party]) -> [(party: String, text: [UInt32], token: UInt32)] {
    var own: [(party: String, text: [UInt32], token: UInt32)] = []
    for p in parties {
      guard let token = token(p.role) else { continue }
      let known = TermPattern.roleLabels[p.role]?.contains(p.label) ?? true
      let onlyLabelThatReadsAsSubcontractor =
        Self.subcontractorWords.contains(p.label)
        && !parties.contains(where: { $0.role == p.role && $0.label != p.label })
      if known && !onlyLabelThatReadsAsSubcontractor { continue }
      let folded = Normalizer.fold(p.label)
      guard folded.count >= 2 else { continue }
      // A label naming both sides (shared by two parties) is no one's own.
      if parties.contains(where: { $0.label == p.label && $0.role != p.role }) { continue }
      own.append((p.label, folded, token))
    }
    return own.sorted { $0.text.count > $1.text.count }
  }

  /// A folded name as the matching view writes it: 「依頼施設設備」, where 「依頼施設」 is the
  /// institution's own label, reads 「<institution>設備」 there. Folded by `apply` itself, so that the
  /// name and the text it is looked for in follow the same rules.
  static func matchingForm(_ name: [UInt32], parties: [Party]) -> [UInt32] {
    let offsets = (0...name.count).map(Int32.init)
    return apply(NormalizedText(chars: name, toSource: offsets, fromSource: offsets), parties: parties).0
      .chars
  }

  /// The matching view with the contract's own labels folded into tokens, and the parties as the
  /// matching view names them. Labels the placeholders already know stay as they are; so do
  /// one-scalar labels (too likely to be part of other words).
  static func apply(_ normalized: NormalizedText, parties: [Party]) -> (NormalizedText, [Party]) {
    let own = ownLabels(parties)
    var matching = parties
    for (k, p) in parties.enumerated() where own.contains(where: { $0.party == p.label }) {
      if let tokenLabel = label(p.role) { matching[k].label = tokenLabel }
    }
    guard !own.isEmpty else { return (normalized, parties) }
    let text = normalized.chars
    var chars: [UInt32] = []
    var toSource: [Int32] = []
    chars.reserveCapacity(text.count)
    toSource.reserveCapacity(text.count + 1)
    // For each old index, the new index of the scalar it became (or the token covering it + 1).
    var map = [Int32](repeating: 0, count: text.count + 1)
    let firsts = Set(own.map { $0.text[0] })
    var i = 0
    while i < text.count {
      // Only a scalar right before the label in the source joins it into a longer word: a line
      // break or a blank between (dropped in the matching view) ends the word before.
      if firsts.contains(text[i]),
        !(Self.insideCompound(text, at: i) && normalized.toSource[i - 1] + 1 == normalized.toSource[i]),
        let hit = own.first(where: { o in
          i + o.text.count <= text.count && text[i..<(i + o.text.count)].elementsEqual(o.text)
        }),
        !Self.inGuidelineTitle(text, after: i + hit.text.count)
      {
        map[i] = Int32(chars.count)
        for k in (i + 1)..<(i + hit.text.count) { map[k] = Int32(chars.count + 1) }
        chars.append(hit.token)
        toSource.append(normalized.toSource[i])
        i += hit.text.count
        continue
      }
      map[i] = Int32(chars.count)
      chars.append(text[i])
      toSource.append(normalized.toSource[i])
      i += 1
    }
    map[text.count] = Int32(chars.count)
    toSource.append(normalized.toSource[text.count])
    let fromSource = normalized.fromSource.map { map[Int($0)] }
    return (NormalizedText(chars: chars, toSource: toSource, fromSource: fromSource), matching)
  }
}
