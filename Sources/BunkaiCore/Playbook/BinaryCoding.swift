/// The byte layout of a compiled playbook's cache file (`CompiledPlaybook.encoded()`): integers
/// little-endian in eight bytes, arrays and strings with their count first. Written and read by hand
/// rather than through Codable: reading it must cost a small part of what compiling costs, and a
/// single `bunkai review` pays it.
struct BinaryWriter {
  private(set) var bytes: [UInt8] = []

  mutating func int(_ v: Int) { fixed(Int64(v)) }

  mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

  mutating func fixed<T: FixedWidthInteger>(_ v: T) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func string(_ s: String) {
    int(s.utf8.count)
    bytes.append(contentsOf: s.utf8)
  }

  mutating func strings(_ a: [String]) { array(a) { $0.string($1) } }

  mutating func optionalString(_ s: String?) { optional(s) { $0.string($1) } }

  /// An array of integers as its raw bytes (the automaton's tables are most of the file).
  mutating func ints<T: FixedWidthInteger>(_ a: [T]) {
    int(a.count)
    #if _endian(little)
      a.withUnsafeBytes { bytes.append(contentsOf: $0) }
    #else
      for v in a { fixed(v) }
    #endif
  }

  mutating func array<T>(_ a: [T], _ each: (inout BinaryWriter, T) -> Void) {
    int(a.count)
    for v in a { each(&self, v) }
  }

  mutating func optional<T>(_ v: T?, _ write: (inout BinaryWriter, T) -> Void) {
    bool(v != nil)
    if let v { write(&self, v) }
  }
}

/// Reads what `BinaryWriter` wrote. Every read checks the bytes left, and every count is checked
/// against them before anything is allocated, so a damaged file is an error, never a crash.
struct BinaryReader {
  enum Failure: Error, Equatable { case truncated, invalid(String) }

  private let bytes: [UInt8]
  private var at = 0

  /// Reads `bytes` from `offset` on (no copy of what comes after).
  init(_ bytes: [UInt8], from offset: Int = 0) {
    self.bytes = bytes
    self.at = min(max(offset, 0), bytes.count)
  }

  var isAtEnd: Bool { at == bytes.count }

  mutating func int() throws -> Int {
    let v = try fixed(Int64.self)
    guard let i = Int(exactly: v) else { throw Failure.invalid("integer") }
    return i
  }

  /// A count of things each taking at least `minimumSize` bytes: more than the bytes left is damage.
  mutating func count(minimumSize: Int = 1) throws -> Int {
    let n = try int()
    guard n >= 0, n <= (bytes.count - at) / max(minimumSize, 1) else { throw Failure.invalid("count") }
    return n
  }

  mutating func bool() throws -> Bool {
    guard at < bytes.count else { throw Failure.truncated }
    defer { at += 1 }
    switch bytes[at] {
    case 0: return false
    case 1: return true
    default: throw Failure.invalid("bool")
    }
  }

  mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
    let size = MemoryLayout<T>.size
    guard bytes.count - at >= size else { throw Failure.truncated }
    var v = T.zero
    withUnsafeMutableBytes(of: &v) { dst in
      bytes.withUnsafeBytes { src in
        dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[at..<(at + size)]))
      }
    }
    at += size
    return T(littleEndian: v)
  }

  mutating func string() throws -> String {
    let n = try count()
    defer { at += n }
    return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
  }

  mutating func strings() throws -> [String] { try array { try $0.string() } }

  mutating func optionalString() throws -> String? { try optional { try $0.string() } }

  mutating func ints<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
    let size = MemoryLayout<T>.size
    let n = try count(minimumSize: size)
    var out = [T](repeating: .zero, count: n)
    out.withUnsafeMutableBytes { dst in
      bytes.withUnsafeBytes { src in
        dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[at..<(at + n * size)]))
      }
    }
    at += n * size
    #if _endian(big)
      for i in out.indices { out[i] = T(littleEndian: out[i]) }
    #endif
    return out
  }

  mutating func array<T>(_ each: (inout BinaryReader) throws -> T) throws -> [T] {
    let n = try count()
    var out: [T] = []
    // A count is only known to fit the bytes left, not the memory its values take: reserve little.
    out.reserveCapacity(min(n, 1_024))
    for _ in 0..<n { out.append(try each(&self)) }
    return out
  }

  mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
    try bool() ? try read(&self) : nil
  }

  /// A value of a string-backed enum, by its raw value.
  mutating func raw<T: RawRepresentable>(_: T.Type) throws -> T where T.RawValue == String {
    let s = try string()
    guard let v = T(rawValue: s) else { throw Failure.invalid(s) }
    return v
  }

  /// An index into a table of `limit` entries.
  mutating func index(below limit: Int) throws -> Int {
    let i = try int()
    guard i >= 0, i < limit else { throw Failure.invalid("index") }
    return i
  }
}

/// FNV-1a over bytes: the cache file's key (what the compiled playbook was made from).
public struct FNV1a: Sendable {
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  public mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    for b in bytes {
      value ^= UInt64(b)
      value = value &* 0x100_0000_01b3
    }
  }

  public mutating func add(_ s: String) {
    add(s.utf8)
    add([0])
  }
}

/// The cache file's checksum: eight bytes at a time, each step a bijection of the running value, so
/// any one changed word always shows (FNV-1a byte by byte took 5 ms over the 5 MB file). It catches a
/// damaged file; it is no defence against a person who can write the cache folder, who could as well
/// replace the program.
func wordChecksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
  var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
  bytes.withUnsafeBytes { raw in
    var i = 0
    while i + 8 <= raw.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
      i += 8
    }
    while i < raw.count {
      h = (h ^ UInt64(raw[i])) &* 0xC4CE_B9FE_1A85_EC53
      h ^= h >> 29
      i += 1
    }
  }
  return h
}
