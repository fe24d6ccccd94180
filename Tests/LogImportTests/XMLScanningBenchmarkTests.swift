import Foundation
import Testing

@testable import LogImport
@testable import Simulation

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

/// Time to refuse a zip bomb (issue 14, item 2): a sheet of `mib` MiB of one repeated cell, default limits.
@Suite(.enabled(if: ImportBenchmark.enabled, "set ROUTERBENCH_BENCH=1 to run benchmarks"), .serialized)
struct ZipBombBenchmarkTests {
  @Test func refusalTime() throws {
    let mib = Int(ProcessInfo.processInfo.environment["ROUTERBENCH_BOMB_MIB"] ?? "") ?? 256
    let row = "<row><c t=\"inlineStr\"><is><t>" + String(repeating: "A", count: 1000) + "</t></is></c></row>"
    var xml = Data("<?xml version=\"1.0\"?><worksheet><sheetData>".utf8)
    let rowData = Data(row.utf8)
    for _ in 0..<((mib << 20) / rowData.count) { xml.append(rowData) }
    xml.append(Data("</sheetData></worksheet>".utf8))
    var parts = XLSXTestSupport.package(sheetXML: "")
    parts[3].data = xml
    let url = XLSXTestSupport.tempURL()
    try XLSXWriter.writePackage(parts, to: url)
    xml = Data()
    let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
    let clock = ContinuousClock()
    var error: ImportError?
    let t = clock.measure { error = XLSXTestSupport.importError { _ = try XLSXTestSupport.rows(url) } }
    #expect(error?.kind == .limitExceeded)
    ImportBenchmark.report(String(format: "zip_bomb inflated_mib=%d file_bytes=%d refused_in_s=%.3f error=%@", mib, size,
                                  ImportBenchmark.seconds(t), error?.description ?? "none"))
    // The same bomb with its declared size forged to 1000 bytes: caught while inflating.
    try HostileInputTests.forgeDeclaredSize(url, entry: "xl/worksheets/sheet1.xml", size: 1000)
    let t2 = clock.measure { error = XLSXTestSupport.importError { _ = try XLSXTestSupport.rows(url) } }
    #expect(error?.kind == .limitExceeded)
    ImportBenchmark.report(String(format: "zip_bomb_forged inflated_mib=%d refused_in_s=%.3f error=%@", mib,
                                  ImportBenchmark.seconds(t2), error?.description ?? "none"))
  }
}
