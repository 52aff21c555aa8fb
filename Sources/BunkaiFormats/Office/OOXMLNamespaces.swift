/// Namespaces of Office Open XML, in both the transitional form (what Office writes) and the
/// strict form. Elements are matched by namespace, never by prefix: "w:" is only a convention.
enum OOXMLNamespace {
  static let word: Set<String> = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
  ]
  static let sheet: Set<String> = [
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
  ]
  static let relationships: Set<String> = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
  ]
  static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
  /// Markup compatibility: mc:AlternateContent holds the same content more than once.
  static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"
}

/// Reads one mc:AlternateContent the way Word does when it understands nothing new: the first
/// mc:Choice or, when there is none, the mc:Fallback, and skips the other branches (a text box
/// is stored both as a drawing and as a VML fallback and must be read once).
struct AlternateContentFilter {
  /// For each open mc:AlternateContent, whether a branch has been taken.
  private var taken: [Bool] = []
  /// Depth inside a skipped branch (0: reading).
  private(set) var skipping = 0

  /// Call on every start tag before anything else; true when the element is to be ignored.
  mutating func start(_ ns: String, _ local: String) -> Bool {
    if skipping > 0 {
      skipping += 1
      return true
    }
    guard ns == OOXMLNamespace.markupCompatibility else { return false }
    switch local {
    case "AlternateContent": taken.append(false)
    case "Choice", "Fallback":
      if taken.last == false {
        taken[taken.count - 1] = true
      } else {
        skipping = 1
        return true
      }
    default: break
    }
    return false
  }

  /// Call on every end tag; true when the element was ignored.
  mutating func end(_ ns: String, _ local: String) -> Bool {
    if skipping > 0 {
      skipping -= 1
      return true
    }
    if ns == OOXMLNamespace.markupCompatibility, local == "AlternateContent", !taken.isEmpty {
      taken.removeLast()
    }
    return false
  }
}
