import Foundation

/// Folders the tests write, all under one folder of this test run that is removed when the run
/// exits, so repeated runs do not fill the temporary directory (the CLI tests' playbook cache alone
/// is about 40 MB a run). Touching `runRoot` registers the clean-up.
public enum TestFolders {
  public static let runRoot: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bunkai-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
    try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit {
      let fm = FileManager.default
      try? fm.removeItem(at: TestFolders.runRoot)
      // SQLiteKit keeps each in-memory database (the server tests' apps) in a temporary file
      // named with this process's id, and leaves it there.
      let tmp = fm.temporaryDirectory
      let ours = "sqlite-kit_memorydb-\(getpid())-"
      for name in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(ours) {
        try? fm.removeItem(at: tmp.appendingPathComponent(name))
      }
    }
    return root
  }()

  /// A new empty folder; `prefix` says which test made it.
  public static func make(_ prefix: String) -> URL {
    let dir = runRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }
}
