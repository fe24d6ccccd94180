#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BenchCore
import BenchStore
import Foundation
import Synchronization
import Testing

@testable import LogImport
@testable import Simulation

/// Issue 14: hostile input is refused in bounded time and memory, with an error naming where, and nothing else
/// is lost.
struct HostileInputTests {
  typealias S = XLSXTestSupport

  struct TimedOut: Error, CustomStringConvertible {
    var seconds: Double
    var description: String { "did not finish within \(seconds) s (blocked on a FIFO or device?)" }
  }

  /// Generous: the whole suite runs in parallel on a shared 2-core machine (an ordinary small import has taken
  /// 90 s there); a regression that blocks still fails instead of hanging the run.
  static let deadline: Double = 300

  /// Runs `body` on a detached task and waits at most `seconds`: a regression that blocks forever fails the
  /// test instead of hanging the run (the stuck task is abandoned).
  static func withDeadline<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T)
    async throws -> T
  {
    let box = Mutex<Result<T, any Error>?>(nil)
    Task.detached {
      let r: Result<T, any Error>
      do { r = .success(try await body()) } catch { r = .failure(error) }
      box.withLock { $0 = r }
    }
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
      if let r = box.withLock({ $0 }) { return try r.get() }
      try await Task.sleep(nanoseconds: 20_000_000)
    }
    throw TimedOut(seconds: seconds)
  }

  // MARK: 1. Non-regular files

  @Test func fifosAndDeviceSymlinksAreSkippedWithANoteAndTheRestImports() async throws {
    let root = try temporaryDirectory()
    let run = root.appendingPathComponent("work_dir/M-1/T20260501-101010")
    try write(DiscoveryAndReadersTests.textVQA(["1990", "no"]), to: run.appendingPathComponent("M-1_TextVQA_VAL.tsv"))
    // A FIFO named like a prediction file: opening it for reading would wait for a writer forever.
    let fifo = run.appendingPathComponent("M-1_MMStar.tsv")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    // A symlink to /dev/zero named like a prediction file: reading it never ends.
    let zero = run.appendingPathComponent("M-1_OCRBench.tsv")
    try FileManager.default.createSymbolicLink(atPath: zero.path, withDestinationPath: "/dev/zero")
    // A symlink to a regular file is fine.
    try write(DiscoveryAndReadersTests.textVQA(["x"]), to: root.appendingPathComponent("elsewhere/p.tsv"))
    #expect(WorkDirectoryScanner.isRegularFile(root.appendingPathComponent("elsewhere/p.tsv")))
    #expect(!WorkDirectoryScanner.isRegularFile(fifo))
    #expect(!WorkDirectoryScanner.isRegularFile(zero))
    #expect(FileKind(path: zero.path) == .characterDevice)
    #expect(FileKind(path: fifo.path) == .fifo)

    try write(DiscoveryAndReadersTests.pricing, to: root.appendingPathComponent("pricing.yaml"))
    let s = try await Self.withDeadline(Self.deadline) {
      var options = ImportOptions(root: root)
      options.tokenCounter = ApproximateTokenCounter()  // no vocabulary to load: the test measures the files only
      return try await Importer(options: options).run(into: try BenchStore.inMemory())
    }
    #expect(s.scoring.map(\.dataset) == ["TextVQA_VAL"])
    #expect(s.recordsImported == 2)
    #expect(s.notes.contains { $0.contains("M-1_MMStar.tsv") && $0.contains("FIFO") && $0.contains("skipped") })
    #expect(s.notes.contains { $0.contains("M-1_OCRBench.tsv") && $0.contains("character device") })
    let report = ImportReport.markdown(s, root: root.path)
    #expect(report.contains("M-1_MMStar.tsv") && report.contains("M-1_OCRBench.tsv"))
  }

  @Test func aPricingFileThatIsAFIFOIsAnErrorNotASilentFallback() async throws {
    let root = try temporaryDirectory()
    try write(DiscoveryAndReadersTests.textVQA(["1990"]),
              to: root.appendingPathComponent("work_dir/M-1/T20260501-101010/M-1_TextVQA_VAL.tsv"))
    #expect(mkfifo(root.appendingPathComponent("pricing.yaml").path, 0o644) == 0)
    #expect(mkfifo(root.appendingPathComponent("simulation.json").path, 0o644) == 0)
    let error = try await Self.withDeadline(Self.deadline) { () -> ImportError? in
      var options = ImportOptions(root: root)
      options.tokenCounter = ApproximateTokenCounter()
      do { _ = try await Importer(options: options).run(into: try BenchStore.inMemory()) } catch let e as ImportError {
        return e
      }
      return nil
    }
    #expect(error?.kind == .unreadable && error?.file == "pricing.yaml", "\(String(describing: error))")
  }

  @Test func everyFileReaderRefusesAFIFOAndADeviceQuickly() async throws {
    let dir = try temporaryDirectory()
    let fifo = dir.appendingPathComponent("f.tsv")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    let zero = dir.appendingPathComponent("z.xlsx")
    try FileManager.default.createSymbolicLink(atPath: zero.path, withDestinationPath: "/dev/zero")
    let kinds = try await Self.withDeadline(Self.deadline) { () -> [ImportError.Kind?] in
      var out: [ImportError.Kind?] = []
      for url in [fifo, zero] {
        func kind(_ body: () throws -> Void) -> ImportError.Kind? {
          do { try body(); return nil } catch let e as ImportError { return e.kind } catch { return nil }
        }
        out.append(kind { _ = try sha256(ofFile: url, displayPath: "x") })
        out.append(kind { _ = try DelimitedTableReader.tsv.read(url, displayPath: "x", header: { _ in nil }, row: { _ in }) })
        out.append(kind { _ = try JSONRecordsTableReader().read(url, displayPath: "x", header: { _ in nil }, row: { _ in }) })
        out.append(kind { _ = try XLSXReader(url: url) })
        out.append(kind { _ = try FeatureFile.read(url, path: "x") })
        out.append(kind { _ = try PricingFile.read(url, path: "x") })
        out.append(kind { _ = try AggregateFiles.readCSV(url) })
        out.append(kind { _ = try AggregateFiles.jsonNumber(url, key: "x") })
      }
      return out
    }
    #expect(kinds.allSatisfy { $0 == .unreadable || $0 == .io }, "\(kinds)")
  }

  // MARK: 2. Zip bombs

  /// A workbook whose sheet is a few MB of one repeated cell (compresses ~1000:1).
  static func bomb(rows: Int) throws -> URL {
    var xml = "<?xml version=\"1.0\"?><worksheet><sheetData>"
    let row = "<row><c t=\"inlineStr\"><is><t>" + String(repeating: "A", count: 1000) + "</t></is></c></row>"
    xml.reserveCapacity(rows * row.utf8.count + 100)
    for _ in 0..<rows { xml += row }
    xml += "</sheetData></worksheet>"
    return try S.write(sheetXML: xml)
  }

  @Test func aSheetBeyondTheSizeLimitIsRefusedNamingFileAndPart() throws {
    let url = try Self.bomb(rows: 4000)  // ~4 MB inflated
    var limits = XLSXLimits()
    limits.maxSheetBytes = 1 << 20
    limits.maxCompressionRatio = 1_000_000  // size only
    let e = S.importError { _ = try S.rows(url, options: .init(limits: limits)) }
    #expect(e?.kind == .limitExceeded)
    #expect(e?.file == url.path && e?.part == "xl/worksheets/sheet1.xml")
    #expect(e?.message.contains("declared size") == true)
  }

  @Test func aHighCompressionRatioIsRefused() throws {
    let url = try Self.bomb(rows: 4000)
    let e = S.importError { _ = try S.rows(url) }  // default limits: 200:1 above 1 MiB
    #expect(e?.kind == .limitExceeded)
    #expect(e?.part == "xl/worksheets/sheet1.xml" && e?.file == url.path)
    #expect(e?.message.contains("compression ratio") == true)
    // Raising the ratio limit accepts it.
    var limits = XLSXLimits()
    limits.maxCompressionRatio = 100_000
    #expect(try S.rows(url, options: .init(limits: limits)).count == 4000)
  }

  /// Patches the declared uncompressed size of `name` (local header and central directory) to `size`.
  static func forgeDeclaredSize(_ url: URL, entry name: String, size: UInt32) throws {
    var d = try [UInt8](Data(contentsOf: url))
    let nameBytes = Array(name.utf8)
    func u16(_ i: Int) -> Int { Int(d[i]) | Int(d[i + 1]) << 8 }
    func put32(_ i: Int, _ v: UInt32) { for k in 0..<4 { d[i + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) } }
    var patched = 0
    var i = 0
    while i + 46 < d.count {
      if d[i] == 0x50, d[i + 1] == 0x4B, d[i + 2] == 0x03, d[i + 3] == 0x04, u16(i + 26) == nameBytes.count,
         Array(d[(i + 30)..<(i + 30 + nameBytes.count)]) == nameBytes {
        put32(i + 22, size); patched += 1
      }
      if d[i] == 0x50, d[i + 1] == 0x4B, d[i + 2] == 0x01, d[i + 3] == 0x02, u16(i + 28) == nameBytes.count,
         Array(d[(i + 46)..<(i + 46 + nameBytes.count)]) == nameBytes {
        put32(i + 24, size); patched += 1
      }
      i += 1
    }
    #expect(patched == 2)
    try Data(d).write(to: url)
  }

  @Test func aLyingDeclaredSizeIsCaughtWhileInflating() throws {
    let url = try Self.bomb(rows: 4000)
    try Self.forgeDeclaredSize(url, entry: "xl/worksheets/sheet1.xml", size: 1000)
    // Size limit: counted while inflating, stops at the limit.
    var limits = XLSXLimits()
    limits.maxSheetBytes = 1 << 20
    limits.maxCompressionRatio = 1_000_000
    var e = S.importError { _ = try S.rows(url, options: .init(limits: limits)) }
    #expect(e?.kind == .limitExceeded && e?.part == "xl/worksheets/sheet1.xml")
    #expect(e?.message.contains("stopped inflating") == true)
    // Ratio limit: also counted while inflating.
    e = S.importError { _ = try S.rows(url) }
    #expect(e?.kind == .limitExceeded && e?.part == "xl/worksheets/sheet1.xml")
    #expect(e?.message.contains("compression ratio") == true)
  }

  @Test func ordinaryWorkbooksPassTheRatioCheck() throws {
    // Varied content (as real logs): well under 200:1.
    var xml = "<?xml version=\"1.0\"?><worksheet><sheetData>"
    var rng = SplitMix64(seed: 7)
    for r in 1...10000 {
      let text = (0..<40).map { _ in String(UnicodeScalar(UInt8(97 + rng.next() % 26))) }.joined()
      xml += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c><c r=\"B\(r)\" t=\"inlineStr\"><is><t>\(text)</t></is></c></row>"
    }
    xml += "</sheetData></worksheet>"
    #expect(xml.utf8.count > 1 << 20)
    let url = try S.write(sheetXML: xml)
    #expect(try S.rows(url).count == 10000)
  }

  /// The importer's readers (`ImportOptions.readers`, what `routerbench import --xlsx-max-ratio/-part-mib` builds)
  /// carry the limits to the xlsx reader: the bomb is refused by default and read with the ratio raised.
  @Test func theImportersReadersCarryOverriddenLimits() throws {
    let url = try Self.bomb(rows: 4000)
    func read(_ readers: TableReaders) throws -> Int {
      let reader = try readers.reader(for: url, displayPath: "M/M_MMStar.xlsx")
      return try reader.read(url, displayPath: "M/M_MMStar.xlsx", header: { _ in nil }, row: { _ in }).rows
    }
    let e = S.importError { _ = try read(.standard) }
    #expect(e?.kind == .limitExceeded && e?.file == "M/M_MMStar.xlsx" && e?.part == "xl/worksheets/sheet1.xml")
    var limits = XLSXLimits()
    limits.maxCompressionRatio = 100_000
    #expect(try read(.standard(xlsxLimits: limits)) == 3999)  // the first row is the header
    limits.maxSheetBytes = 1 << 20
    let small = S.importError { _ = try read(.standard(xlsxLimits: limits)) }
    #expect(small?.kind == .limitExceeded && small?.message.contains("declared size") == true)
  }
}
