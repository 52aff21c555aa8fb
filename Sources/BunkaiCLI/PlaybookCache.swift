import BunkaiCore
import Foundation

/// The compiled playbook kept between runs of `bunkai review`. Parsing the playbook's YAML and
/// compiling it were most of a single review's time; a cached copy is read in a fraction of it.
///
/// The file is named by a key over everything the compiled playbook depends on: the cache format,
/// this program's file (size and time, so a new build never reads an old build's file), the built-in
/// playbook's bytes, each `--playbook` file's bytes and `--playbook-only`. Folder: `BUNKAI_CACHE_DIR`
/// (empty turns the cache off), else `$XDG_CACHE_HOME/bunkai`, else `~/.cache/bunkai`. A file that
/// cannot be read, is damaged or is of another key is ignored and the playbook compiled as before;
/// a folder that cannot be written only means the next run compiles again.
struct PlaybookCache {
  let file: URL
  let key: UInt64

  /// Larger than any compiled playbook (the built-in one is about 5 MB).
  static let largestFile = 256 << 20

  /// How many compiled playbooks the folder keeps (the newest), for people who switch playbooks.
  static let kept = 4

  init?(
    playbooks: [String], playbookOnly: Bool,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    // Without the program's identity a new build could read an old build's file: no cache then.
    guard let dir = Self.directory(environment), let program = Self.programIdentity(),
      let builtin = PlaybookLoader.builtinURL,
      let builtinBytes = FileManager.default.contents(atPath: builtin.path)
    else { return nil }
    var h = FNV1a()
    h.add("format \(CompiledPlaybook.binaryFormat)")
    h.add(program)
    h.add(builtinBytes)
    h.add(playbookOnly ? "playbook-only" : "with-builtin")
    for path in playbooks {
      // A missing file is the loader's error to report, with its message.
      guard let bytes = FileManager.default.contents(atPath: path) else { return nil }
      h.add("playbook \(bytes.count)")
      h.add(bytes)
    }
    key = h.value
    file = dir.appendingPathComponent(String(format: "playbook-%016llx.bin", key))
  }

  static func directory(_ env: [String: String]) -> URL? {
    if let dir = env["BUNKAI_CACHE_DIR"] { return dir.isEmpty ? nil : URL(fileURLWithPath: dir) }
    if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty {
      return URL(fileURLWithPath: xdg).appendingPathComponent("bunkai")
    }
    guard let home = env["HOME"], !home.isEmpty else { return nil }
    return URL(fileURLWithPath: home).appendingPathComponent(".cache/bunkai")
  }

  /// This program's path, size and modification time; nil where they cannot be read.
  static func programIdentity() -> String? {
    guard let exe = Bundle.main.executableURL?.resolvingSymlinksInPath(),
      let attributes = try? FileManager.default.attributesOfItem(atPath: exe.path),
      let size = (attributes[.size] as? NSNumber)?.int64Value,
      let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970
    else { return nil }
    return "\(exe.path) \(size) \(time)"
  }

  func load() -> CompiledPlaybook? {
    guard let bytes = Self.read(file.path), let compiled = CompiledPlaybook.decoded(bytes, key: key),
      // What the loader checked of the playbook holds for the copy too (a topic or lesson a rule names).
      (try? PlaybookLoader.validateReferences(compiled.playbook, file: file.path)) != nil
    else { return nil }
    return compiled
  }

  /// The file's bytes in one read into one array (through Data they were copied twice more).
  static func read(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    // The built-in playbook's file is about 5 MB; a far larger one is not ours.
    guard fstat(fd, &st) == 0, st.st_size > 0, st.st_size < Self.largestFile else { return nil }
    let size = Int(st.st_size)
    var complete = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var done = 0
      while done < size {
        let n = Foundation.read(fd, buffer.baseAddress! + done, size - done)
        if n <= 0 { break }
        done += n
      }
      // A file that shrank while it was read is refused below; what was not read is zeroed first.
      for i in done..<size { buffer[i] = 0 }
      complete = done == size
      count = size
    }
    return complete ? bytes : nil
  }

  /// Writes the file whole (a run reading it meanwhile sees the old file or none) and keeps the
  /// newest few.
  func store(_ compiled: CompiledPlaybook) {
    let fm = FileManager.default
    let dir = file.deletingLastPathComponent()
    guard (try? fm.createDirectory(at: dir, withIntermediateDirectories: true)) != nil,
      (try? Data(compiled.encoded(key: key)).write(to: file, options: .atomic)) != nil
    else { return }
    let ours =
      ((try? fm.contentsOfDirectory(at: dir, includingPropertiesForKeys: [.contentModificationDateKey])) ?? [])
      .filter { $0.lastPathComponent.hasPrefix("playbook-") && $0.pathExtension == "bin" }
    let newestFirst = ours.sorted {
      let a =
        (try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate)
        ?? .distantPast
      let b =
        (try? $1.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate)
        ?? .distantPast
      return a > b
    }
    for old in newestFirst.dropFirst(Self.kept) where old != file { try? fm.removeItem(at: old) }
  }
}
