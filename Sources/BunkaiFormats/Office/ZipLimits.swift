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
    let archive: Archive
    do {
      archive = try Archive(data: data, accessMode: .read)
    } catch {
      throw InputError(path, .corruptDocx, "ZIP 形式として読めません（ファイルが壊れているか、途中で切れています）")
    }
    var count = 0
    for _ in archive {
      count += 1
      if count > limits.maxZipEntries {
        throw InputError(path, .zipBomb, "ZIP 内のファイル数が上限（\(limits.maxZipEntries) 個）を超えています")
      }
    }
    self.archive = archive
    self.path = path
    self.limits = limits
  }

  /// The bytes of one part, or nil when the archive has no such part.
  mutating func read(_ name: String) throws(InputError) -> Data? {
    guard let entry = archive[name] else { return nil }
    let declared = Int(entry.uncompressedSize)
    let compressed = max(Int(entry.compressedSize), 1)
    if declared / compressed > limits.maxCompressionRatio {
      throw InputError(path, .zipBomb, "\(name) の圧縮率が上限（\(limits.maxCompressionRatio) 倍）を超えています")
    }
    var out = Data()
    let budget = limits.maxUncompressedBytes - totalRead
    let ratioLimit = compressed * limits.maxCompressionRatio
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        out.append(chunk)
        // Declared sizes can lie: count what really comes out.
        if out.count > budget || out.count > ratioLimit { throw StopExtraction() }
      }
    } catch is StopExtraction {
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

  struct StopExtraction: Error {}
}
