import BunkaiZlib
import Foundation
import ZIPFoundation

/// Reads parts of a zip container (docx, xlsx) within limits, so a zip bomb fails fast with a
/// clear message instead of filling memory. The directory is checked by `ZipDirectory` first, and
/// parts are inflated here with zlib from the checked ranges: ZIPFoundation's reader traps on
/// offsets past the end of the file and loops for ever on a deflate stream cut short.
struct LimitedZip {
  let data: Data
  /// The entries in directory order; `archive` lists the same ones, for copying a package.
  let entries: [ZipDirectory.Entry]
  let path: String
  let limits: InputLimits
  private(set) var totalRead = 0

  init(data: Data, path: String, limits: InputLimits) throws(InputError) {
    let checked = data.withUnsafeBytes { bytes -> Result<[ZipDirectory.Entry], ZipDirectory.Problem> in
      do throws(ZipDirectory.Problem) {
        return .success(try ZipDirectory.validate(bytes, maxEntries: limits.maxZipEntries))
      } catch { return .failure(error) }
    }
    switch checked {
    case .success(let entries): self.entries = entries
    case .failure(.tooManyEntries(let max)):
      throw InputError(path, .zipBomb, "ZIP 内のファイル数が上限（\(max) 個）を超えています")
    case .failure(.corrupt(let why)):
      throw InputError(path, .corruptDocx, "ZIP 形式として読めません（\(why)）")
    }
    self.data = data
    self.path = path
    self.limits = limits
  }

  /// ZIPFoundation's view of the same, checked archive (names, dates, types), for writing a copy.
  func archive() throws(InputError) -> Archive {
    do {
      return try Archive(data: data, accessMode: .read)
    } catch {
      throw InputError(path, .corruptDocx, "ZIP 形式として読めません（ファイルが壊れているか、途中で切れています）")
    }
  }

  /// The bytes of one part, or nil when the archive has no such part.
  mutating func read(_ name: String) throws(InputError) -> Data? {
    guard let index = entries.firstIndex(where: { $0.name == name }) else { return nil }
    return try read(at: index)
  }

  /// The bytes of the entry at `index` of `entries`.
  mutating func read(at index: Int) throws(InputError) -> Data {
    let entry = entries[index]
    let name = entry.name
    // A part marked as a link or folder would be read differently by other tools: only plain
    // files are parts.
    guard entry.isFile else {
      throw InputError(path, .corruptDocx, "\(name) がファイルではありません（ファイルが壊れています）")
    }
    let declared = entry.uncompressedSize
    let compressed = max(entry.data.count, 1)
    if declared / compressed > limits.maxCompressionRatio {
      throw InputError(path, .zipBomb, "\(name) の圧縮率が上限（\(limits.maxCompressionRatio) 倍）を超えています")
    }
    if declared > limits.maxPartBytes { throw partTooLarge(name, declared) }
    // A ratio limit set very high must not overflow.
    let (byRatio, overflow) = compressed.multipliedReportingOverflow(by: limits.maxCompressionRatio)
    let budget = min(limits.maxUncompressedBytes - totalRead, overflow ? Int.max : byRatio)
    if entry.method == 0 {
      guard declared == entry.data.count else {
        throw InputError(path, .corruptDocx, "\(name) の大きさが食い違っています（ファイルが壊れています）")
      }
      if declared > budget { throw overBudget(name) }
      let out = data.subdata(
        in: (data.startIndex + entry.data.lowerBound)..<(data.startIndex + entry.data.upperBound))
      try checkCRC(out, entry)
      totalRead += out.count
      return out
    }
    let out: Data
    switch inflate(entry.data, max: min(limits.maxPartBytes, budget)) {
    case .ok(let d): out = d
    case .tooLarge(let size):
      if size > limits.maxPartBytes { throw partTooLarge(name, size) }
      throw overBudget(name)
    case .broken:
      throw InputError(path, .corruptDocx, "\(name) を展開できません（ファイルが壊れているか、途中で切れています）")
    }
    // Declared sizes can lie: what came out must be what the directory promised.
    guard out.count == declared else {
      throw InputError(path, .corruptDocx, "\(name) の大きさが食い違っています（ファイルが壊れています）")
    }
    try checkCRC(out, entry)
    totalRead += out.count
    return out
  }

  enum Inflated {
    case ok(Data)
    /// More than the allowed output; the size reached when reading stopped.
    case tooLarge(Int)
    case broken
  }

  /// Raw deflate of `range` of the file, at most `max` bytes out. Ends when the stream ends; input
  /// that runs out first, or is not deflate, is broken (never a loop).
  func inflate(_ range: Range<Int>, max: Int) -> Inflated {
    var stream = z_stream()
    guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      return .broken
    }
    defer { inflateEnd(&stream) }
    var out = Data()
    let chunk = 65_536
    var buffer = [UInt8](repeating: 0, count: chunk)
    return data.withUnsafeBytes { raw -> Inflated in
      guard let base = raw.baseAddress else { return .broken }
      stream.next_in = UnsafeMutablePointer(
        mutating: base.advanced(by: range.lowerBound).assumingMemoryBound(to: Bytef.self))
      stream.avail_in = uInt(range.count)
      while true {
        let (result, produced) = buffer.withUnsafeMutableBufferPointer { b -> (Int32, Int) in
          stream.next_out = b.baseAddress
          stream.avail_out = uInt(chunk)
          let r = BunkaiZlib.inflate(&stream, Z_NO_FLUSH)
          return (r, chunk - Int(stream.avail_out))
        }
        out.append(contentsOf: buffer[0..<produced])
        if out.count > max { return .tooLarge(out.count) }
        switch result {
        case Z_STREAM_END: return .ok(out)
        case Z_OK: continue
        // Z_BUF_ERROR: no progress possible, the input ended before the stream did.
        default: return .broken
        }
      }
    }
  }

  func checkCRC(_ out: Data, _ entry: ZipDirectory.Entry) throws(InputError) {
    let crc = out.withUnsafeBytes { raw -> UInt in
      var c = crc32(0, nil, 0)
      var p = raw.baseAddress?.assumingMemoryBound(to: Bytef.self)
      var left = raw.count
      while left > 0, let q = p {
        let n = Swift.min(left, Int(Int32.max))
        c = crc32(c, q, uInt(n))
        p = q.advanced(by: n)
        left -= n
      }
      return UInt(c)
    }
    guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
      throw InputError(path, .corruptDocx, "\(entry.name) の検査値（CRC）が合いません（ファイルが壊れています）")
    }
  }

  func overBudget(_ name: String) -> InputError {
    InputError(
      path, .zipBomb,
      "\(name) を展開すると上限（合計 \(limits.maxUncompressedBytes / 1_048_576) MB、圧縮率 \(limits.maxCompressionRatio) 倍）を超えます"
    )
  }

  /// A valid but very large part: said plainly, since the file itself is not broken.
  func partTooLarge(_ name: String, _ size: Int) -> InputError {
    InputError(
      path, .tooLarge,
      "\(name) が大きすぎます（展開後 \(size / 1_048_576) MB 以上、上限 \(limits.maxPartBytes / 1_048_576) MB）。文書を分けて読み込んでください"
    )
  }
}
