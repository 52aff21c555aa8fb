import BunkaiCore
import Foundation

/// Reads a contract from a path (or "-" for standard input) into `SourceText`, whatever its format.
public enum DocumentLoader {
  public static func load(path: String, limits: InputLimits = InputLimits()) throws(InputError) -> SourceText
  {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
      if data.count > limits.maxFileBytes { throw tooLarge(path, limits) }
    } else {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw InputError(path, .notFound, "ファイルが見つかりません")
      }
      if isDir.boolValue { throw InputError(path, .isDirectory, "ディレクトリです。契約書のファイルを指定してください") }
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      if size > limits.maxFileBytes { throw tooLarge(path, limits) }
      guard let d = FileManager.default.contents(atPath: path) else {
        throw InputError(path, .unreadable, "ファイルを読めません（読み取りの権限を確認してください）")
      }
      data = d
    }
    return try load(data: data, path: path, limits: limits)
  }

  public static func load(data: Data, path: String, limits: InputLimits = InputLimits()) throws(InputError)
    -> SourceText
  {
    if data.isEmpty { throw InputError(path, .empty, "ファイルが空です") }
    if data.count > limits.maxFileBytes { throw tooLarge(path, limits) }
    let lower = path.lowercased()
    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || lower.hasSuffix(".docx") {
      return try DocxReader.read(data, path: path, limits: limits)
    }
    if data.starts(with: Array("%PDF".utf8)) || lower.hasSuffix(".pdf") {
      let text = try PDFText.extract(data, path: path)
      try checkLength(text, path, limits)
      return SourceText(text: text, path: path, format: "pdf", encoding: "pdf")
    }
    if lower.hasSuffix(".doc") || data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      throw InputError(path, .unsupported, "古い Word 形式（.doc）は読めません。Word で .docx として保存し直してください")
    }
    // Every supported encoding takes at most 4 bytes a character: a file over 4 bytes per allowed
    // character is too long whatever it holds, so refuse it before decoding copies it (decoding
    // a 20 MB Shift_JIS file held about 110 MB at once).
    if data.count / 4 > limits.maxTextCharacters { throw textTooLong(path, limits) }
    guard let (text, encoding) = TextDecoding.decode(data) else {
      throw InputError(
        path, .undecodable, "文字コードを判別できません（UTF-8、UTF-16（BOM付き）、Shift_JIS、EUC-JP のいずれかで保存してください）")
    }
    if text.unicodeScalars.contains(where: { $0.value == 0 }) {
      throw InputError(path, .undecodable, "テキストファイルではないようです（制御文字 NUL を含みます）")
    }
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw InputError(path, .empty, "文字が含まれていません（空白だけのファイルです）")
    }
    try checkLength(text, path, limits)
    return SourceText(text: text, path: path, format: "txt", encoding: encoding)
  }

  /// Review memory grows with the text: refuse more than the limit (a .docx is checked while read).
  public static func checkLength(_ text: String, _ path: String, _ limits: InputLimits) throws(InputError) {
    if text.unicodeScalars.count > limits.maxTextCharacters { throw textTooLong(path, limits) }
  }

  static func textTooLong(_ path: String, _ limits: InputLimits) -> InputError {
    InputError(path, .tooLarge, "本文が長すぎます（上限 \(limits.maxTextCharacters) 文字）。文書を分けて読み込んでください")
  }

  static func tooLarge(_ path: String, _ limits: InputLimits) -> InputError {
    InputError(path, .tooLarge, "ファイルが大きすぎます（上限 \(limits.maxFileBytes / 1_048_576) MB。--max-size で変えられます）")
  }
}
