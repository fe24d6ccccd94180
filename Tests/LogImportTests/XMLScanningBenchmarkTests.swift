import Foundation
import Testing

@testable import LogImport

/// Scaling of the XML scanner on tokens longer than the read window (issue 14, item 3). Gated like the other
/// import benchmarks: `ROUTERBENCH_BENCH=1 swift test --filter XMLScanningBenchmark` (add `-c release` for release
/// numbers; `ROUTERBENCH_BENCH_MIB=1,4,16` picks the sizes). Linear scanning keeps seconds per MiB constant.
@Suite(.enabled(if: ImportBenchmark.enabled, "set ROUTERBENCH_BENCH=1 to run benchmarks"), .serialized)
struct XMLScanningBenchmarkTests {
  static let sizes = (ProcessInfo.processInfo.environment["ROUTERBENCH_BENCH_MIB"] ?? "1,4,16")
    .split(separator: ",").compactMap { Int($0) }

  static func time(_ name: String, mib: Int, _ xml: [UInt8]) throws {
    let clock = ContinuousClock()
    var rows = 0
    let t = try clock.measure {
      try XLSXReader.parseSheetXML(xml, sharedStrings: [], chunkSize: 1 << 18) { _, _ in rows += 1 }
    }
    let s = ImportBenchmark.seconds(t)
    ImportBenchmark.report(String(format: "xml_scan case=%@ mib=%d seconds=%.3f s_per_mib=%.4f rows=%d", name, mib, s,
                                  s / Double(mib), rows))
  }

  /// A comment of `mib` MiB of "-x" (every other byte is a candidate start of "-->"), between two rows.
  @Test func longComment() throws {
    for mib in Self.sizes {
      let body = String(repeating: "-x", count: mib << 19)
      try Self.time("comment", mib: mib, Array(XLSXTestSupport.sheet(
        "<row r=\"1\"><c><v>1</v></c></row><!--\(body)--><row r=\"2\"><c><v>2</v></c></row>").utf8))
    }
  }

  /// Character data of `mib` MiB between rows.
  @Test func longText() throws {
    for mib in Self.sizes {
      let body = String(repeating: "x", count: mib << 20)
      try Self.time("text", mib: mib, Array(XLSXTestSupport.sheet("<row r=\"1\"><c><v>1</v></c></row>\(body)").utf8))
    }
  }

  /// One row of `mib` MiB in 16,000 cells (spans many windows).
  @Test func longRow() throws {
    for mib in Self.sizes {
      let cell = "<c><v>" + String(repeating: "7", count: (mib << 20) / 16_000) + "</v></c>"
      let body = String(repeating: cell, count: 16_000)
      try Self.time("row", mib: mib, Array(XLSXTestSupport.sheet("<row r=\"1\">\(body)</row>").utf8))
    }
  }
}
