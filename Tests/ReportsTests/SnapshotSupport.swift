import Foundation
import Testing

/// Compares text with a golden file under Tests/ReportsTests/Snapshots; `RECORD_SNAPSHOTS=1` re-records.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation,
                    filePath: String = #filePath) throws {
  let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let url = dir.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return
  }
  let golden = try #require(try? String(contentsOf: url, encoding: .utf8),
                            "missing snapshot \(name); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
  #expect(text == golden, "snapshot \(name) differs; re-record with RECORD_SNAPSHOTS=1 if intended",
          sourceLocation: sourceLocation)
}
