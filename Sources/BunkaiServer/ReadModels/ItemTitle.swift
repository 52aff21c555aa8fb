import BunkaiCore

extension ChecklistItem {
  /// The item's title for people: the known title, or, where the official wording is not in the
  /// catalogue, what is known (the guide's grouping) and that the official name is missing. Never
  /// an instruction to import.
  var shownTitle: String {
    if let title { return title }
    guard let hint, !hint.isEmpty else { return "公式の項目名は未登録" }
    return "公式の項目名は未登録（\(hint)）"
  }
}
