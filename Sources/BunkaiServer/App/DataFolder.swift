import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The SQLite data folder holds every contract and the password hashes: only the user the server
/// runs as may open it (folder 700, files 600).
enum DataFolder {
  static func prepare(databasePath: String) throws {
    // Whatever this process creates from now on (the database, its WAL, temporary files) is
    // its user's alone.
    umask(0o077)
    let dir = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
    try FileManager.default.createDirectory(
      atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir)
    restrict(databasePath: databasePath)
  }

  /// The database and its companion files, made before this version or by another umask.
  static func restrict(databasePath: String) {
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
      try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: databasePath + suffix)
    }
  }
}
