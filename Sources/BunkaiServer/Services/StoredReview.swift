import Foundation

/// The engine's review JSON (schema version 1, docs/review-json.md), read back from the database.
struct StoredReview: Codable, Sendable {
  struct Party: Codable, Sendable {
    var role: String
    var label: String
    var name: String?
  }
  struct Article: Codable, Sendable {
    var number: String
    var heading: String?
    var topics: [String]
    var start: Int
    var end: Int
  }
  struct Document: Codable, Sendable {
    var title: String?
    var kinds: [String]
    var parties: [Party]
    var articles: [Article]
  }
  struct Evidence: Codable, Sendable {
    var start: Int
    var end: Int
    var text: String
  }
  struct ChecklistRef: Codable, Sendable {
    var id: String
    var title: String?
  }
  struct Lesson: Codable, Sendable {
    var id: String
    var title: String
    var text: String
  }
  struct Finding: Codable, Sendable {
    var ruleId: String
    var guideRefs: [String]
    var checklistItems: [String]
    var checklist: [ChecklistRef]
    var severity: String
    var status: String
    var article: String?
    var evidence: [Evidence]
    var title: String
    var explanation: String
    var suggestion: String
    var intent: String
    var lesson: Lesson?
  }
  struct Playbook: Codable, Sendable {
    var id: String
    var version: String
  }
  var schemaVersion: Int
  var document: Document
  var playbook: Playbook
  var findings: [Finding]
  var disclaimer: String

  static func decode(_ json: String) throws -> StoredReview {
    try JSONDecoder().decode(StoredReview.self, from: Data(json.utf8))
  }
}

/// Any JSON value, to pass the stored review through the API exactly as the engine wrote it
/// (nulls included).
enum JSONValue: Codable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? c.decode(Double.self) {
      self = .number(n)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let b): try c.encode(b)
    case .number(let n):
      if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int(n)) } else { try c.encode(n) }
    case .string(let s): try c.encode(s)
    case .array(let a): try c.encode(a)
    case .object(let o): try c.encode(o)
    }
  }

  static func parse(_ json: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
  }
}
