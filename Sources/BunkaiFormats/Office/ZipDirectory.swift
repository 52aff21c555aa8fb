/// Checks the structure of a zip file before anything reads it, and lists its entries.
/// ZIPFoundation's in-memory archive traps (a range error, killing the process) when an offset in
/// the file points past its end, and its inflater loops for ever on a deflate stream cut short;
/// so every offset and size is checked here first, with overflow-free arithmetic, and parts are
/// extracted by `LimitedZip` from the ranges found here. Anything unusual for an Office file is
/// refused: ZIP64, encryption, split archives, compression other than stored and deflate.
enum ZipDirectory {
  /// One entry, in central directory order (the order ZIPFoundation lists them in).
  struct Entry {
    /// The name's bytes decoded as UTF-8 (Office writes ASCII names).
    var name: String
    var method: UInt16
    var crc32: UInt32
    /// Where the stored or deflated bytes lie in the file.
    var data: Range<Int>
    var uncompressedSize: Int
    /// False for folders and links (by name or by Unix mode).
    var isFile: Bool
  }

  enum Problem: Error, Equatable {
    /// The file is not a readable zip (message in Japanese).
    case corrupt(String)
    /// More entries than allowed.
    case tooManyEntries(Int)
  }

  static let endSignature: UInt32 = 0x0605_4B50
  static let centralSignature: UInt32 = 0x0201_4B50
  static let localSignature: UInt32 = 0x0403_4B50
  static let zip64EndSignature: UInt32 = 0x0606_4B50
  static let zip64LocatorSignature: UInt32 = 0x0706_4B50
  static let descriptorSignature: UInt32 = 0x0807_4B50

  /// Checks every entry of the archive in `bytes` and lists them.
  static func validate(_ bytes: UnsafeRawBufferPointer, maxEntries: Int) throws(Problem) -> [Entry] {
    let r = Reader(bytes: bytes)
    let n = bytes.count
    guard n >= 22 else { throw .corrupt("ZIP の終端レコードがありません（ファイルが途中で切れています）") }
    // The end record: the last signature from the end, as ZIPFoundation searches (but only where
    // the 64 KB comment allows it to be).
    var end = -1
    var p = n - 22
    while p >= max(0, n - 22 - 65_535) {
      if r.u32(p) == endSignature {
        end = p
        break
      }
      p -= 1
    }
    guard end >= 0 else { throw .corrupt("ZIP の終端レコードがありません（ファイルが途中で切れています）") }
    let disk = r.u16(end + 4)
    let cdDisk = r.u16(end + 6)
    let entriesOnDisk = Int(r.u16(end + 8))
    let entries = Int(r.u16(end + 10))
    let cdSize = Int(r.u32(end + 12))
    let cdOffset = Int(r.u32(end + 16))
    let commentLength = Int(r.u16(end + 20))
    guard end + 22 + commentLength <= n else { throw .corrupt("ZIP の終端レコードが壊れています") }
    if (end >= 20 && r.u32(end - 20) == zip64LocatorSignature)
      || (end >= 76 && r.u32(end - 76) == zip64EndSignature)
    {
      throw .corrupt("ZIP64 形式の ZIP には対応していません")
    }
    guard disk == 0, cdDisk == 0, entriesOnDisk == entries else {
      throw .corrupt("複数に分割された ZIP には対応していません")
    }
    guard entries <= maxEntries else { throw .tooManyEntries(maxEntries) }
    guard cdOffset <= end, cdSize <= end - cdOffset else {
      throw .corrupt("ZIP の中央ディレクトリの位置がファイルの範囲外です（ファイルが壊れているか、途中で切れています）")
    }
    let cdEnd = cdOffset + cdSize
    var at = cdOffset
    var list: [Entry] = []
    list.reserveCapacity(entries)
    for _ in 0..<entries {
      guard at + 46 <= cdEnd, r.u32(at) == centralSignature else {
        throw .corrupt("ZIP の中央ディレクトリが壊れています")
      }
      let madeBy = r.u16(at + 4)
      let version = r.u16(at + 6)
      let flags = r.u16(at + 8)
      let method = r.u16(at + 10)
      let compressed = Int(r.u32(at + 20))
      let uncompressed = Int(r.u32(at + 24))
      let crc = r.u32(at + 16)
      let external = r.u32(at + 38)
      let nameLength = Int(r.u16(at + 28))
      let extraLength = Int(r.u16(at + 30))
      let commentLen = Int(r.u16(at + 32))
      let local = Int(r.u32(at + 42))
      let next = at + 46 + nameLength + extraLength + commentLen
      guard next <= cdEnd else { throw .corrupt("ZIP の中央ディレクトリが壊れています") }
      guard version & 0xFF < 45, try extraFieldsHaveNoZIP64(r, at + 46 + nameLength, extraLength) else {
        throw .corrupt("ZIP64 形式の ZIP には対応していません")
      }
      guard flags & 1 == 0 else { throw .corrupt("暗号化された ZIP には対応していません（パスワードを外して保存してください）") }
      guard method == 0 || method == 8 else { throw .corrupt("対応していない圧縮方式の ZIP です（方式 \(method)）") }
      // The local header and the data it announces lie inside the file, before the directory.
      guard local <= cdOffset - 30, r.u32(local) == localSignature, r.u16(local + 8) == method else {
        throw .corrupt("ZIP 内のファイルの位置が壊れています")
      }
      let localName = Int(r.u16(local + 26))
      let localExtra = Int(r.u16(local + 28))
      let dataStart = local + 30 + localName + localExtra
      let dataSize = method == 0 ? uncompressed : compressed
      guard dataStart <= cdOffset, dataSize <= cdOffset - dataStart,
        try extraFieldsHaveNoZIP64(r, local + 30 + localName, localExtra)
      else {
        throw .corrupt("ZIP 内のファイルの大きさが壊れています")
      }
      // With a data descriptor, ZIPFoundation takes the sizes from it: they must agree.
      if flags & 8 != 0, dataStart + dataSize + 16 <= n {
        let d = dataStart + dataSize
        let o = r.u32(d) == descriptorSignature ? 4 : 0
        guard Int(r.u32(d + o + 4)) == compressed, Int(r.u32(d + o + 8)) == uncompressed else {
          throw .corrupt("ZIP 内のファイルの大きさが食い違っています")
        }
      }
      let nameBytes = UnsafeRawBufferPointer(rebasing: bytes[(at + 46)..<(at + 46 + nameLength)])
      let name = String(decoding: nameBytes, as: UTF8.self)
      // As ZIPFoundation decides: Unix and macOS makers keep the file type in the mode bits.
      let mode = (external >> 16) & 0o170000
      let unix = madeBy >> 8 == 3 || madeBy >> 8 == 19
      let isFile = !name.hasSuffix("/") && (!unix || mode == 0o100000 || mode == 0)
      list.append(
        Entry(
          name: name, method: method, crc32: crc, data: dataStart..<(dataStart + dataSize),
          uncompressedSize: uncompressed, isFile: isFile))
      at = next
    }
    return list
  }

  /// True when the extra fields at `start` are well formed and hold no ZIP64 field.
  private static func extraFieldsHaveNoZIP64(_ r: Reader, _ start: Int, _ length: Int) throws(Problem) -> Bool
  {
    var p = start
    let end = start + length
    while p < end {
      guard p + 4 <= end else { throw .corrupt("ZIP の拡張フィールドが壊れています") }
      let id = r.u16(p)
      let size = Int(r.u16(p + 2))
      guard p + 4 + size <= end else { throw .corrupt("ZIP の拡張フィールドが壊れています") }
      if id == 0x0001 { return false }
      p += 4 + size
    }
    return true
  }

  /// Little-endian reads; callers check bounds, and a read out of bounds gives 0 (never a trap).
  struct Reader {
    let bytes: UnsafeRawBufferPointer
    func u8(_ i: Int) -> UInt32 { i >= 0 && i < bytes.count ? UInt32(bytes[i]) : 0 }
    func u16(_ i: Int) -> UInt16 { UInt16(u8(i) | u8(i + 1) << 8) }
    func u32(_ i: Int) -> UInt32 { u8(i) | u8(i + 1) << 8 | u8(i + 2) << 16 | u8(i + 3) << 24 }
  }
}
