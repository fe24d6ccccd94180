import Foundation
import Testing
@testable import LogImport
@testable import Simulation

/// Release-mode speed benchmarks for the importer's readers. Run through benchmarks/import/run.sh
/// (`ROUTERBENCH_BENCH=1 swift test -c release --filter ImportBenchmark`); skipped otherwise.
enum ImportBenchmark {
  static var enabled: Bool { ProcessInfo.processInfo.environment["ROUTERBENCH_BENCH"] == "1" }
  static let outDir = TokenizerTestSupport.repoRoot.appendingPathComponent("benchmarks/out/import")

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  static func report(_ line: String) {
    print("BENCH " + line)
    try? FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
    let url = outDir.appendingPathComponent("results.txt")
    if let h = try? FileHandle(forWritingTo: url) {
      h.seekToEndOfFile()
      h.write(Data((line + "\n").utf8))
      try? h.close()
    } else {
      try? Data((line + "\n").utf8).write(to: url)
    }
  }
}

@Suite(.enabled(if: ImportBenchmark.enabled, "set ROUTERBENCH_BENCH=1 (benchmarks/import/run.sh) to run benchmarks"),
       .serialized)
struct XLSXImportBenchmarkTests {
  static let rows = Int(ProcessInfo.processInfo.environment["ROUTERBENCH_BENCH_ROWS"] ?? "") ?? 200_000

  /// A VLMEvalKit-like prediction file: index, question, answer, category, prediction, hit.
  @Test func xlsxReadRowsPerSecond() throws {
    try FileManager.default.createDirectory(at: ImportBenchmark.outDir, withIntermediateDirectories: true)
    let url = ImportBenchmark.outDir.appendingPathComponent("bench_\(Self.rows).xlsx")
    let clock = ContinuousClock()
    let words = ["what", "is", "the", "brand", "of", "this", "camera", "how", "many", "people", "are", "in",
                 "image", "color", "sign", "written", "on", "left", "right", "answer", "Dakota", "yes", "no"]
    let writeTime = try clock.measure {
      let w = try XLSXWriter(url: url)
      try w.writeRow(["index", "question", "answer", "category", "prediction", "hit"])
      var x: UInt64 = 12345
      func next() -> Int { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int(x >> 33) }
      for i in 0..<Self.rows {
        let q = (0..<(6 + next() % 8)).map { _ in words[next() % words.count] }.joined(separator: " ") + "?"
        let p = (0..<(2 + next() % 30)).map { _ in words[next() % words.count] }.joined(separator: " ")
        try w.writeRow(cells: [.integer(i), .string(q), .string(words[next() % words.count]),
                               .string(["ocr", "vqa", "math", "chart"][i % 4]), .string(p), .integer(next() % 2)])
      }
      try w.close()
    }
    var cells = 0
    var rowsRead = 0
    // Warm-up (page cache), then three timed reads; report the best.
    try XLSXReader(url: url).forEachRow { _, c in cells += c.count }
    var best = Double.infinity
    for _ in 0..<3 {
      cells = 0
      rowsRead = 0
      let t = try clock.measure {
        try XLSXReader(url: url).forEachRow { _, c in
          rowsRead += 1
          cells += c.count
        }
      }
      best = min(best, ImportBenchmark.seconds(t))
    }
    #expect(rowsRead == Self.rows + 1)
    #expect(cells == (Self.rows + 1) * 6)
    let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
    ImportBenchmark.report(String(format: "xlsx_write rows=%d seconds=%.3f rows_per_s=%.0f", Self.rows,
                                  ImportBenchmark.seconds(writeTime), Double(Self.rows) / ImportBenchmark.seconds(writeTime)))
    ImportBenchmark.report(String(format: "xlsx_read file=%@ bytes=%d rows=%d seconds=%.3f rows_per_s=%.0f",
                                  url.path, size, rowsRead, best, Double(rowsRead) / best))
  }
}
