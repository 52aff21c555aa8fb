/// The kind of contract, from its title (or the start of its text when it has none).
enum ContractKindDetector {
  static let markers: [(ContractKind, [String])] = [
    (.saas, ["規約", "約款", "クラウド", "saas", "asp", "利用契約", "サービス利用", "サブスクリプション"]),
    (.maintenance, ["保守", "運用", "サポート", "メンテナンス"]),
    (.introduction, ["導入", "開発", "構築", "請負", "売買", "購入", "納入", "ライセンス", "使用許諾"]),
  ]

  static func kinds(of contract: Contract, scalars: [Unicode.Scalar]) -> [ContractKind] {
    var text = contract.title ?? ""
    if text.isEmpty {
      text = Lines.string(scalars, 0..<min(scalars.count, 200))
    }
    let folded = String(
      String.UnicodeScalarView(Normalizer.normalize(text).chars.compactMap(Unicode.Scalar.init)))
    let kinds = markers.filter { _, words in words.contains { folded.containsText($0) } }.map(\.0)
    return kinds.isEmpty ? [.other] : kinds
  }
}
