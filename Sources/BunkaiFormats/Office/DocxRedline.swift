import BunkaiCore
import Foundation
import ZIPFoundation

/// One change to put into a contract as a tracked change. Paragraphs are numbered as
/// `DocxReader` numbers them (body and table-cell paragraphs in document order); for text
/// sources, a paragraph is a line.
public struct RedlineEdit: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// New paragraphs after the paragraph.
    case insertAfter
    /// The paragraph's text deleted and the new text inserted in its place.
    case replace
  }

  public var kind: Kind
  public var paragraph: Int
  /// The new wording; each line becomes a paragraph.
  public var text: String
  /// A Word comment on the change (its intent, 趣旨), or nil.
  public var comment: String?

  public init(_ kind: Kind, paragraph: Int, text: String, comment: String? = nil) {
    self.kind = kind
    self.paragraph = paragraph
    self.text = text
    self.comment = comment
  }

  public static func insert(after paragraph: Int, _ text: String, comment: String? = nil) -> RedlineEdit {
    RedlineEdit(.insertAfter, paragraph: paragraph, text: text, comment: comment)
  }

  public static func replace(_ paragraph: Int, with text: String, comment: String? = nil) -> RedlineEdit {
    RedlineEdit(.replace, paragraph: paragraph, text: text, comment: comment)
  }
}

/// A decision to propose wording for a finding: as a new paragraph, or replacing the paragraph
/// the finding quotes.
public struct RedlineDecision: Sendable, Equatable {
  /// The finding's index in `ReviewResult.findings`.
  public var finding: Int
  public var wording: String
  public var replace: Bool

  public init(finding: Int, wording: String, replace: Bool = false) {
    self.finding = finding
    self.wording = wording
    self.replace = replace
  }
}

/// Puts proposals into a contract as tracked changes by the institution.
public enum DocxRedline {
  /// The vendor's .docx with the edits as tracked changes. Only word/document.xml changes, and in
  /// it only the spans of the edits: every other part and byte is the original's. Paragraphs
  /// inserted after a table-cell paragraph go after the table.
  public static func apply(
    to docx: Data, edits: [RedlineEdit], author: String, date: Date, path: String = "契約書.docx",
    limits: InputLimits = InputLimits()
  ) throws -> Data {
    var zip = try LimitedZip(data: docx, path: path, limits: limits)
    guard let document = try zip.read("word/document.xml") else {
      throw InputError(path, .corruptDocx, "word/document.xml がありません（Word 文書ではないか、壊れています）")
    }
    var splicer = try DocumentSplicer(Array(document), author: author, date: date)
    let edited = try splicer.apply(edits)
    let comments = splicer.comments
    let paths = Set(zip.entries.map(\.name))
    /// The parts that change besides document.xml: comments (with their type and relationship)
    /// and the settings that switch on tracking.
    func changed(_ path: String, _ data: Data) -> Data {
      let text = String(decoding: data, as: UTF8.self)
      switch path {
      case "word/settings.xml": return Data(WordComments.trackingRevisions(text).utf8)
      case "word/comments.xml" where !comments.isEmpty:
        return Data(WordComments.merged(text, comments, author: author, date: date).utf8)
      case "[Content_Types].xml":
        var t = comments.isEmpty ? text : WordComments.contentTypes(text)
        if !paths.contains("word/settings.xml") { t = DocxParts.withSettingsType(t) }
        return Data(t.utf8)
      case "word/_rels/document.xml.rels":
        var t = comments.isEmpty ? text : WordComments.relationships(text)
        if !paths.contains("word/settings.xml") { t = DocxParts.withSettingsRelationship(t) }
        return Data(t.utf8)
      default: return data
      }
    }
    let out = try Archive(accessMode: .create)
    // ZIPFoundation lists the entries checked by ZipDirectory, in the same (directory) order.
    for (index, entry) in try zip.archive().enumerated() {
      guard index < zip.entries.count else { break }
      let date = entry.fileAttributes[.modificationDate] as? Date ?? OOXMLPackage.fixedDate
      if entry.type == .directory {
        try out.addEntry(with: entry.path, type: .directory, uncompressedSize: 0, modificationDate: date) {
          (_: Int64, _: Int) in Data()
        }
        continue
      }
      guard entry.type == .file else { continue }
      let data =
        entry.path == "word/document.xml" ? Data(edited) : changed(entry.path, try zip.read(at: index))
      try OOXMLPackage.add(
        data, as: entry.path, to: out, date: date, compression: entry.isCompressed ? .deflate : .none)
    }
    if !comments.isEmpty, !paths.contains("word/comments.xml") {
      try OOXMLPackage.add(
        Data(WordComments.part(comments, author: author, date: date).utf8), as: "word/comments.xml", to: out)
    }
    if !paths.contains("word/settings.xml") {
      try OOXMLPackage.add(
        Data(WordComments.trackingRevisions(DocxParts.settings).utf8), as: "word/settings.xml", to: out)
    }
    guard let data = out.data else { throw OfficeWriteError("修正履歴付きの文書を作成できませんでした") }
    return data
  }

  /// A new .docx of a text contract (from .txt or .pdf), one paragraph per line, with the edits
  /// as tracked changes.
  public static func fromText(
    _ text: String, edits: [RedlineEdit], author: String, date: Date, title: String = ""
  )
    throws -> Data
  {
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    if let bad = edits.first(where: { $0.paragraph < 0 || $0.paragraph >= lines.count }) {
      throw outOfRange(bad.paragraph, count: lines.count)
    }
    let byParagraph = Dictionary(grouping: edits, by: \.paragraph)
    var w = DocxWriter(title: title, author: author)
    w.tracksRevisions = true
    for (i, line) in lines.enumerated() {
      var extra = byParagraph[i] ?? []
      if let r = extra.firstIndex(where: { $0.kind == .replace }) {
        let e = extra.remove(at: r)
        w.replacedParagraph(String(line), with: e.text, author: author, date: date, comment: e.comment)
      } else {
        w.paragraph(String(line))
      }
      for e in extra { w.insertedParagraphs(e.text, author: author, date: date, comment: e.comment) }
    }
    return try w.data()
  }

  /// The edits for a review's decisions: wording goes after the paragraph where the finding places
  /// it (the end of the article, or of the contract); `replace` swaps the paragraph the finding
  /// quotes, when the quote lies within one paragraph.
  public static func edits(for review: ReviewResult, decisions: [RedlineDecision]) -> [RedlineEdit] {
    let source = review.source
    return decisions.compactMap { d in
      guard review.findings.indices.contains(d.finding), !WordML.lines(d.wording).isEmpty else { return nil }
      let f = review.findings[d.finding]
      if d.replace {
        for e in f.evidence {
          let p = paragraph(containing: e.start, in: source)
          if p == paragraph(containing: max(e.end - 1, e.start), in: source) {
            return .replace(p, with: d.wording)
          }
        }
      }
      let anchor =
        f.placement.insertAfter.map { paragraph(containing: max($0 - 1, 0), in: source) }
        ?? paragraph(containing: source.scalars.count, in: source)
      return .insert(after: anchor, d.wording)
    }
  }

  /// The edits for the proposals of a stored review, on the document's text read again (the
  /// engine is not run): a proposal that replaces wording replaces the paragraph holding it (the
  /// rest of the paragraph kept), one that adds a paragraph goes after its article, a new article
  /// after the last one. Each edit carries the proposal's intent as a comment.
  public static func edits(for proposals: [Proposal], review: ReviewJSON, source: SourceText) -> [RedlineEdit]
  {
    let articles = review.document.articles
    let lastEnd =
      articles.filter { ProposalPlan.leadingInt($0.number) != nil }.max {
        (ProposalPlan.leadingInt($0.number)!, $0.start) < (ProposalPlan.leadingInt($1.number)!, $1.start)
      }?.end ?? source.scalars.count
    return proposals.compactMap { p in
      guard !WordML.lines(p.text).isEmpty else { return nil }
      let comment = p.intent.isEmpty ? nil : "趣旨: " + p.intent
      if let old = p.replaces, let span = span(of: old, in: source, review: review, finding: p.finding) {
        let first = paragraph(containing: span.lowerBound, in: source)
        if first == paragraph(containing: max(span.upperBound - 1, span.lowerBound), in: source) {
          let whole = paragraphText(first, in: source)
          return .replace(first, with: replacing(old, in: whole, with: p.text), comment: comment)
        }
      }
      let end = p.article.flatMap { a in articles.first { $0.number == a }?.end } ?? lastEnd
      return .insert(after: paragraph(containing: max(end - 1, 0), in: source), p.text, comment: comment)
    }
  }

  /// Where the replaced wording stands: found in the text, or the finding's first quote.
  static func span(of old: String, in source: SourceText, review: ReviewJSON, finding: Int) -> Range<Int>? {
    if let r = source.text.range(of: old) {
      let start = source.text.unicodeScalars.distance(from: source.text.startIndex, to: r.lowerBound)
      return start..<(start + old.unicodeScalars.count)
    }
    guard review.findings.indices.contains(finding), let e = review.findings[finding].evidence.first,
      e.start >= 0, e.start < e.end, e.end <= source.scalars.count
    else { return nil }
    return e.start..<e.end
  }

  /// The paragraph's text: the replaced wording swapped for the new wording, the rest kept; the
  /// new wording alone when the paragraph held only the old one (with or without its number).
  static func replacing(_ old: String, in paragraph: String, with new: String) -> String {
    let whole = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
    let bare = ProposalPlan.paragraphNumber(whole)?.1 ?? whole
    if whole == old || bare == old || !whole.contains(old) { return new }
    let newBare = ProposalPlan.paragraphNumber(new)?.1 ?? new
    return whole.replacingOccurrences(of: old, with: newBare)
  }

  /// The text of one paragraph (docx) or line (text).
  static func paragraphText(_ p: Int, in source: SourceText) -> String {
    if source.origins.isEmpty {
      let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
      return p < lines.count ? String(lines[p]) : ""
    }
    guard let first = source.origins.firstIndex(where: { $0.paragraph == p }) else { return "" }
    let start = source.origins[first].start
    let end = source.origins[first...].first { $0.paragraph != p }?.start ?? source.scalars.count
    var out = String.UnicodeScalarView()
    out.append(contentsOf: source.scalars[start..<max(start, min(end, source.scalars.count))])
    return String(out)
  }

  /// The paragraph (docx) or line (text) holding a scalar offset of the source text.
  public static func paragraph(containing offset: Int, in source: SourceText) -> Int {
    if source.origins.isEmpty {
      let end = min(max(offset, 0), source.scalars.count)
      return source.scalars[0..<end].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    }
    // The last origin starting at or before the offset.
    var lo = 0
    var hi = source.origins.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if source.origins[mid].start <= offset { lo = mid } else { hi = mid }
    }
    return source.origins[lo].paragraph
  }

  static func outOfRange(_ p: Int, count: Int) -> OfficeWriteError {
    OfficeWriteError("修正する段落（\(p + 1) 番目）が文書にありません（段落は \(count) 個）。レビューした版と同じ文書か確認してください。")
  }
}

extension DocxRedline {
  /// The splicer alone, on the bytes of a document.xml (for the fuzzing harness).
  @_spi(Fuzzing) public static func splice(
    document: [UInt8], edits: [RedlineEdit], author: String, date: Date
  )
    throws -> [UInt8]
  {
    var splicer = try DocumentSplicer(document, author: author, date: date)
    return try splicer.apply(edits)
  }
}

/// Splices tracked changes into document.xml at byte offsets. Elements are found by namespace
/// (`WordNames`), whatever prefix the part binds to WordprocessingML.
struct DocumentSplicer {
  let x: XMLBytes
  let names: WordNames
  var marks: RevisionMarks
  /// The comments the edits carry, for the comments part.
  var comments: [WordComments.Comment] = []

  /// A comment id for an edit's comment, recorded for the comments part.
  mutating func comment(_ text: String?) -> Int? {
    guard let text, !text.isEmpty else { return nil }
    let id = marks.commentId()
    comments.append(.init(id: id, text: text))
    return id
  }

  init(_ bytes: [UInt8], author: String, date: Date) throws {
    x = XMLBytes(bytes)
    do {
      names = try WordNames(x)
    } catch {
      throw OfficeWriteError(
        "word/document.xml で同じ名前空間の接頭辞が場所によって別の名前空間を指しているため、修正履歴を正しく入れられません。Word で開いて保存し直した文書でお試しください。")
    }
    marks = RevisionMarks(
      author: author, date: date, firstId: Self.maxId(x, names) + 1, declarations: names.declarations)
  }

  func isW(_ t: XMLTag, _ local: String) -> Bool { names.isWord(x, t, local) }

  struct Paragraph {
    var open: XMLTag
    /// The close tag; nil for an empty element (<w:p/>).
    var close: XMLTag?
    /// The end of the outermost table holding the paragraph.
    var tableEnd: Int?
    var end: Int { close?.end ?? open.end }
  }

  /// Paragraphs in the order DocxReader counts them: by their end (an inner paragraph of a text
  /// box before the paragraph that holds it).
  func paragraphs() -> [Paragraph] {
    var stack: [XMLTag] = []
    var out: [Paragraph] = []
    var tables = 0
    // Paragraphs of the table being read, which learn its end when it closes.
    var inTable: [Int] = []
    var i = 0
    // As DocxReader reads mc:AlternateContent: the first branch only (a text box is stored twice).
    var alternates: [Bool] = []
    while let t = x.nextTag(from: i) {
      i = t.end
      if names.isMC(x, t, "AlternateContent") {
        if t.kind == .open { alternates.append(false) } else if t.kind == .close { _ = alternates.popLast() }
        continue
      }
      if t.kind == .open, names.isMC(x, t, "Choice") || names.isMC(x, t, "Fallback") {
        if alternates.last == false {
          alternates[alternates.count - 1] = true
        } else if let close = x.closing(t) {
          i = close.end
        }
        continue
      }
      if isW(t, "tbl") {
        if t.kind == .open { tables += 1 } else if t.kind == .close { tables -= 1 }
        if tables == 0, t.kind == .close {
          for k in inTable { out[k].tableEnd = t.end }
          inTable = []
        }
        continue
      }
      guard isW(t, "p") else { continue }
      switch t.kind {
      case .open:
        stack.append(t)
        continue
      case .empty: out.append(Paragraph(open: t, close: nil))
      case .close:
        guard let o = stack.popLast() else { continue }
        out.append(Paragraph(open: o, close: t))
      }
      if tables > 0 { inTable.append(out.count - 1) }
    }
    return out
  }

  /// The largest w:id (under any prefix bound to WordprocessingML) in the part, so new revision
  /// ids collide with none.
  static func maxId(_ x: XMLBytes, _ names: WordNames) -> Int {
    var best = 0
    for prefix in names.word + [Array("w".utf8)] where !prefix.isEmpty {
      let key = prefix + Array(":id=\"".utf8)
      var i = 0
      while let k = x.find(key, from: i) {
        var j = k + key.count
        var v = 0
        while j < x.b.count, x.b[j] >= 0x30, x.b[j] <= 0x39, v < 1_000_000_000 {
          v = v * 10 + Int(x.b[j] - 0x30)
          j += 1
        }
        best = max(best, v)
        i = j
      }
    }
    return best
  }

  mutating func apply(_ edits: [RedlineEdit]) throws -> [UInt8] {
    let paragraphs = paragraphs()
    if let bad = edits.first(where: { $0.paragraph < 0 || $0.paragraph >= paragraphs.count }) {
      throw DocxRedline.outOfRange(bad.paragraph, count: paragraphs.count)
    }
    var splices: [(range: Range<Int>, bytes: [UInt8])] = []
    // Paragraph by paragraph, edits in the order given.
    var order: [Int] = []
    var byParagraph: [Int: [RedlineEdit]] = [:]
    for e in edits {
      if byParagraph[e.paragraph] == nil { order.append(e.paragraph) }
      byParagraph[e.paragraph, default: []].append(e)
    }
    for k in order {
      let p = paragraphs[k]
      var pending = byParagraph[k] ?? []
      let style = anchorStyle(p)
      var after = ""
      if let r = pending.firstIndex(where: { $0.kind == .replace }), !hasInnerParagraph(p) {
        let e = pending.remove(at: r)
        var lines = WordML.lines(e.text)
        let first = lines.isEmpty ? "" : lines.removeFirst()
        splices.append(replacement(p, first, rPr: style.rPr, comment: comment(e.comment)))
        for line in lines { after += marks.insertedParagraph(line, pPr: style.pPr, rPr: style.rPr) }
      }
      // A paragraph holding a text box keeps its content: its replacement becomes an insertion.
      for e in pending {
        var id = comment(e.comment)
        for line in WordML.lines(e.text) {
          after += marks.insertedParagraph(line, pPr: style.pPr, rPr: style.rPr, comment: id)
          id = nil
        }
      }
      // New wording belongs in the body, not in a table cell: it goes after the table.
      let at = p.tableEnd ?? p.end
      if !after.isEmpty { splices.append((at..<at, Array(after.utf8))) }
    }
    // Stable: paragraphs added after one table keep the order of their edits.
    splices = splices.enumerated().sorted {
      ($0.element.range.lowerBound, $0.element.range.upperBound, $0.offset)
        < ($1.element.range.lowerBound, $1.element.range.upperBound, $1.offset)
    }.map(\.element)
    var out: [UInt8] = []
    out.reserveCapacity(x.b.count + splices.reduce(0) { $0 + $1.bytes.count })
    var copied = 0
    for s in splices {
      // Edits of well-formed paragraphs never overlap; in broken XML (tags out of order) one
      // paragraph's span can cover another's: refuse rather than cut the bytes wrongly.
      guard s.range.lowerBound >= copied else {
        throw OfficeWriteError("修正履歴を入れる位置が重なっています。word/document.xml の段落の構造が壊れている可能性があります。")
      }
      out += x.b[copied..<s.range.lowerBound]
      out += s.bytes
      copied = s.range.upperBound
    }
    out += x.b[copied...]
    return out
  }

  func hasInnerParagraph(_ p: Paragraph) -> Bool {
    guard let close = p.close else { return false }
    var i = p.open.end
    while let t = x.nextTag(from: i, limit: close.start) {
      if isW(t, "p") { return true }
      i = t.end
    }
    return false
  }

  /// The paragraph's w:pPr tag, when it is the first child.
  func properties(_ p: Paragraph) -> (open: XMLTag, close: XMLTag)? {
    guard let close = p.close, let t = x.nextTag(from: p.open.end, limit: close.start), isW(t, "pPr"),
      t.kind != .close, let end = x.closing(t, limit: close.start)
    else { return nil }
    return (t, end)
  }

  /// Paragraph and run properties for new paragraphs next to `p`: its w:pPr without numbering
  /// (switched off, so the text's own numbers are not doubled), section break, mark properties or
  /// earlier changes; and its first run's w:rPr.
  func anchorStyle(_ p: Paragraph) -> (pPr: String, rPr: String) {
    guard let close = p.close else { return ("", "") }
    var pPr = ""
    var runsFrom = p.open.end
    if let props = properties(p) {
      let (open, end) = props
      runsFrom = end.end
      if open.kind == .open {
        let inner = x.replacingChildren(in: open.end..<end.start) { t -> String?? in
          if isW(t, "rPr") || isW(t, "sectPr") || isW(t, "pPrChange") { return .some(nil) }
          if isW(t, "numPr") { return "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr>" }
          return nil
        }
        pPr = String(decoding: inner, as: UTF8.self)
      }
    }
    var i = runsFrom
    while let t = x.nextTag(from: i, limit: close.start) {
      i = t.end
      guard isW(t, "r"), t.kind == .open else { continue }
      guard let r = x.nextTag(from: t.end, limit: close.start), isW(r, "rPr"), r.kind == .open,
        let end = x.closing(r, limit: close.start)
      else { break }
      let inner = x.replacingChildren(in: r.end..<end.start) { t -> String?? in
        isW(t, "rPrChange") || isW(t, "ins") || isW(t, "del") ? .some(nil) : nil
      }
      return (pPr, inner.isEmpty ? "" : "<w:rPr>" + String(decoding: inner, as: UTF8.self) + "</w:rPr>")
    }
    return (pPr, "")
  }

  /// The paragraph's runs wrapped in w:del (their w:t turned into w:delText), then the new text
  /// in w:ins; the paragraph's own tags and properties stay as they were.
  mutating func replacement(_ p: Paragraph, _ text: String, rPr: String, comment: Int? = nil) -> (
    range: Range<Int>, bytes: [UInt8]
  ) {
    let (open, shut) = comment.map { (WordComments.start($0), WordComments.end($0)) } ?? ("", "")
    guard let close = p.close else {
      let inserted = text.isEmpty ? "" : open + marks.inserted(text, rPr: rPr) + shut
      // <w:p …/> becomes <w:p …>…</w:p>.
      var open = Array(x.b[p.open.start..<p.open.end - 2])
      while let last = open.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D {
        open.removeLast()
      }
      return (
        p.open.start..<p.open.end, open + Array((">" + inserted + "</").utf8) + x.b[p.open.name] + [0x3E]
      )
    }
    let from = properties(p)?.close.end ?? p.open.end
    var out: [UInt8] = []
    var copied = from
    var deleted = 0
    var i = from
    while let t = x.nextTag(from: i, limit: close.start) {
      i = t.end
      if isW(t, "del") || isW(t, "moveFrom") {
        if t.kind == .open { deleted += 1 } else if t.kind == .close { deleted -= 1 }
        continue
      }
      guard deleted == 0, isW(t, "r"), t.kind == .open, let end = x.closing(t, limit: close.start)
      else {
        continue
      }
      out += x.b[copied..<t.start]
      out += Array("<w:del\(marks.attributes())>".utf8)
      out += deletedRun(t.start..<end.end)
      out += Array("</w:del>".utf8)
      copied = end.end
      i = end.end
    }
    out += x.b[copied..<close.start]
    // Ids in document order: the deletions, then the insertion.
    if !text.isEmpty { out += Array((open + marks.inserted(text, rPr: rPr) + shut).utf8) }
    return (from..<close.start, out)
  }

  /// A run's bytes with w:t and w:instrText renamed to their deleted forms.
  func deletedRun(_ range: Range<Int>) -> [UInt8] {
    var out: [UInt8] = []
    var copied = range.lowerBound
    var i = range.lowerBound
    while let t = x.nextTag(from: i, limit: range.upperBound) {
      i = t.end
      let renamed = isW(t, "t") ? "delText" : isW(t, "instrText") ? "delInstrText" : nil
      guard let renamed else { continue }
      out += x.b[copied..<t.name.lowerBound]
      out += WordNames.renamed(x, t, to: renamed)
      copied = t.name.upperBound
    }
    out += x.b[copied..<range.upperBound]
    return out
  }
}

extension DocxRedline {
  /// The words that go into the contract: a suggestion's first line says where they go
  /// ("第3条に次の一項を加える。"), which is for the reader, not for the contract.
  public static func contractWording(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let first = lines.first?.trimmingCharacters(in: .whitespaces), lines.count > 1,
      first.hasSuffix("を加える。") || first.hasSuffix("を新たに設ける。")
    else { return text }
    return lines.dropFirst().joined(separator: "\n")
  }

  /// Every suggestion of a review as a tracked change, numbered and commented as the web's redline
  /// is: into the original .docx, or into a new .docx of the text for other sources. For people
  /// who use only the command line.
  public static func allSuggestions(
    _ review: ReviewResult, original: Data?, author: String, date: Date
  ) throws -> Data {
    let stored = ReviewJSON(review, catalog: ChecklistCatalog(id: "", version: "", source: nil, items: []))
    let proposals = ProposalPlan.make(
      stored,
      decisions: Dictionary(
        uniqueKeysWithValues: review.findings.indices.map { ($0, MemoDecision(kind: .propose)) }))
    let edits = edits(for: proposals, review: stored, source: review.source)
    if review.source.format == "docx", let original {
      return try apply(to: original, edits: edits, author: author, date: date, path: review.source.path)
    }
    return try fromText(
      review.source.text, edits: edits, author: author, date: date, title: review.contract.title ?? "")
  }
}
