import Foundation

/// The text layer of a PDF, through poppler's `pdftotext`.
public enum PDFText {
  /// The pdftotext to run: $BUNKAI_PDFTOTEXT, else the first on $PATH.
  public static func tool() -> String? {
    let env = ProcessInfo.processInfo.environment
    if let forced = env["BUNKAI_PDFTOTEXT"] {
      return FileManager.default.isExecutableFile(atPath: forced) ? forced : nil
    }
    for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(dir)/pdftotext"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Seconds pdftotext may take before it is stopped (a hostile PDF can make it run for ever).
  public static let defaultTimeout: TimeInterval = 60

  public static func extract(_ data: Data, path: String, timeout: TimeInterval = defaultTimeout)
    throws(InputError) -> String
  {
    guard let tool = tool() else {
      throw InputError(
        path, .noPdfTool,
        "PDF を読むには poppler の pdftotext が必要です。Debian/Ubuntu では `apt-get install poppler-utils` で入れてください")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bunkai-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    } catch {
      throw InputError(path, .pdfFailed, "一時ディレクトリを作れません")
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in.pdf")
    let output = dir.appendingPathComponent("out.txt")
    do {
      try data.write(to: input)
      let run = try ExternalProcess.run(
        tool, ["-q", "-enc", "UTF-8", input.path, output.path], timeout: timeout, maxOutputBytes: 65_536)
      if run.timedOut {
        throw InputError(
          path, .pdfFailed, "pdftotext が \(Int(timeout)) 秒以内に終わりませんでした。PDF が壊れているか、大きすぎる可能性があります")
      }
      guard run.exitStatus == 0 else {
        let how = run.exitStatus.map { "終了コード \($0)" } ?? "シグナル \(run.signal ?? 0)"
        throw InputError(
          path, .pdfFailed, "pdftotext が PDF を読めませんでした（\(how)）。ファイルが壊れていないか確認してください")
      }
      let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
      if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw InputError(path, .empty, "PDF に文字のデータがありません（画像だけの PDF は読めません。文字認識した PDF か Word 文書を使ってください）")
      }
      return text
    } catch let e as InputError {
      throw e
    } catch {
      throw InputError(path, .pdfFailed, "pdftotext を実行できません: \(error)")
    }
  }
}
