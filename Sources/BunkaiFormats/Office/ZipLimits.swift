import Foundation
import ZIPFoundation

/// Reads parts of a zip container (docx, xlsx) within limits, so a zip bomb fails fast with a
/// clear message instead of filling memory.
struct LimitedZip {
  let archive: Archive
  let path: String
  let limits: InputLimits
  private(set) var totalRead = 0

  init(data: Data, path: String, limits: InputLimits) throws(InputError) {
    // Check the directory before ZIPFoundation sees it: its in-memory reader traps on offsets
    // past the end of the file.
    let checked = data.withUnsafeBytes { bytes -> Result<Int, ZipDirectory.Problem> in
      do throws(ZipDirectory.Problem) {
        return .success(try ZipDirectory.validate(bytes, maxEntries: limits.maxZipEntries))
      } catch { return .failure(error) }
    }
    switch checked {
    case .success: break
    case .failure(.tooManyEntries(let max)):
      throw InputError(path, .zipBomb, "ZIP 内のファイル数が上限（\(max) 個）を超えています")
    case .failure(.corrupt(let why)):
      throw InputError(path, .corruptDocx, "ZIP 形式として読めません（\(why)）")
    }
    let archive: Archive
    do {
      archive = try Archive(data: data, accessMode: .read)
    } catch {
      throw InputError(path, .corruptDocx, "ZIP 形式として読めません（ファイルが壊れているか、途中で切れています）")
    }
    self.archive = archive
    self.path = path
    self.limits = limits
  }

  /// The bytes of one part, or nil when the archive has no such part.
  mutating func read(_ name: String) throws(InputError) -> Data? {
    guard let entry = archive[name] else { return nil }
    // A part marked as a link or folder would be read differently (a link in one allocation of
    // its declared size): only plain files are parts.
    guard entry.type == .file else {
      throw InputError(path, .corruptDocx, "\(name) がファイルではありません（ファイルが壊れています）")
    }
    let declared = Int(clamping: entry.uncompressedSize)
    let compressed = max(Int(clamping: entry.compressedSize), 1)
    if declared / compressed > limits.maxCompressionRatio {
      throw InputError(path, .zipBomb, "\(name) の圧縮率が上限（\(limits.maxCompressionRatio) 倍）を超えています")
    }
    if declared > limits.maxPartBytes { throw partTooLarge(name, declared) }
    var out = Data()
    let budget = limits.maxUncompressedBytes - totalRead
    let ratioLimit = compressed * limits.maxCompressionRatio
    var overPart = false
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        out.append(chunk)
        // Declared sizes can lie: count what really comes out.
        if out.count > limits.maxPartBytes {
          overPart = true
          throw StopExtraction()
        }
        if out.count > budget || out.count > ratioLimit { throw StopExtraction() }
      }
    } catch is StopExtraction {
      if overPart { throw partTooLarge(name, out.count) }
      throw InputError(
        path, .zipBomb,
        "\(name) を展開すると上限（合計 \(limits.maxUncompressedBytes / 1_048_576) MB、圧縮率 \(limits.maxCompressionRatio) 倍）を超えます"
      )
    } catch {
      throw InputError(path, .corruptDocx, "\(name) を展開できません（ファイルが壊れています）")
    }
    totalRead += out.count
    return out
  }

  /// A valid but very large part: said plainly, since the file itself is not broken.
  func partTooLarge(_ name: String, _ size: Int) -> InputError {
    InputError(
      path, .tooLarge,
      "\(name) が大きすぎます（展開後 \(size / 1_048_576) MB 以上、上限 \(limits.maxPartBytes / 1_048_576) MB）。文書を分けて読み込んでください"
    )
  }

  struct StopExtraction: Error {}
}
