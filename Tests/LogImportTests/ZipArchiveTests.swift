import Foundation
import Testing
import BenchCore
@testable import LogImport
@testable import Simulation

private typealias S = XLSXTestSupport

/// The archive layer (`ZipArchive`): corrupt deflate data inside a part ends in a named error, quickly — the fuzz
/// finding of issue 14 (a workbook whose `xl/sharedStrings.xml` deflate data had local headers pasted inside it
/// never returned from ZIPFoundation's extract). Every archive here is written by the test.
@Suite struct ZipArchiveTests {
  static let part = "xl/sharedStrings.xml"

  /// A small valid workbook: 300 shared strings, a sheet of 300 rows referencing them.
  static func workbook(compressed: Bool = true) throws -> (url: URL, bytes: [UInt8]) {
    var rng = SplitMix64(seed: 0x21D)
    let strings = (0..<300).map { i in
      "<si><t>answer \(i): " + (0..<20).map { _ in String(UnicodeScalar(UInt8(97 + rng.next() % 26))) }.joined()
        + "</t></si>"
    }
    let rows = (1...300).map { r in "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r - 1)</v></c></row>" }.joined()
    let url = S.tempURL()
    try XLSXWriter.writePackage(S.package(sheetXML: S.sheet(rows), sharedStringsXML: S.sst(strings)), to: url,
                                compressed: compressed)
    let bytes = try [UInt8](Data(contentsOf: url))
    return (url, bytes)
  }

  /// Where `name`'s data lies: (data start, offset of the compressed-size field in the local header and in the
  /// central directory, declared compressed size).
  static func locate(_ d: [UInt8], _ name: String) -> (data: Int, localSize: Int, centralSize: Int, size: Int) {
    let nameBytes = Array(name.utf8)
    func u16(_ i: Int) -> Int { Int(d[i]) | Int(d[i + 1]) << 8 }
    func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
    var local = -1, central = -1
    for i in 0..<(d.count - 46) where d[i] == 0x50 && d[i + 1] == 0x4B {
      if d[i + 2] == 3, d[i + 3] == 4, u16(i + 26) == nameBytes.count,
         Array(d[(i + 30)..<(i + 30 + nameBytes.count)]) == nameBytes { local = i }
      if d[i + 2] == 1, d[i + 3] == 2, u16(i + 28) == nameBytes.count,
         Array(d[(i + 46)..<(i + 46 + nameBytes.count)]) == nameBytes { central = i }
    }
    precondition(local >= 0 && central >= 0, "no entry \(name)")
    return (local + 30 + u16(local + 26) + u16(local + 28), local + 18, central + 20, u32(central + 20))
  }

  static func put32(_ d: inout [UInt8], _ i: Int, _ v: Int) {
    for k in 0..<4 { d[i + k] = UInt8((v >> (8 * k)) & 0xFF) }
  }

  /// Reads every row of `bytes` written to a file; returns the error and the wall time it took.
  static func read(_ bytes: [UInt8]) throws -> (error: ImportError?, url: URL, seconds: Double) {
    let url = S.tempURL("corrupt.xlsx")
    try Data(bytes).write(to: url)
    let clock = ContinuousClock()
    var error: ImportError?
    let elapsed = clock.measure {
      error = S.importError {
        let reader = try XLSXReader(url: url)
        try reader.forEachRow { _, _ in }
      }
    }
    return (error, url, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }

  @Test func theWorkbookReadsBeforeItIsDamaged() throws {
    let (url, bytes) = try Self.workbook()
    let rows = try S.rows(url)
    #expect(rows.count == 300 && rows[299].1[0].hasPrefix("answer 299: "))
    #expect(Self.locate(bytes, Self.part).size > 100)
  }

  /// The fuzz finding's shape: local-header signatures pasted over the deflate data, the central directory's
  /// sizes unchanged.
  @Test func localHeadersInsideDeflateDataAreANamedErrorWithinASecond() throws {
    var (_, d) = try Self.workbook()
    let at = Self.locate(d, Self.part)
    let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]
    for i in stride(from: at.data + 8, to: at.data + at.size - signature.count, by: 37) {
      d.replaceSubrange(i..<(i + signature.count), with: signature)
    }
    let (e, url, seconds) = try Self.read(d)
    #expect(e?.kind == .unreadableArchive, "\(String(describing: e))")
    #expect(e?.file == url.path && e?.part == Self.part)
    #expect(seconds < 1, "\(seconds) s")
  }

  /// The compressed size declared shorter than the deflate stream: the data ends before the stream does.
  @Test func deflateDataCutShortIsANamedErrorWithinASecond() throws {
    var (_, d) = try Self.workbook()
    let at = Self.locate(d, Self.part)
    Self.put32(&d, at.localSize, at.size / 2)
    Self.put32(&d, at.centralSize, at.size / 2)
    let (e, url, seconds) = try Self.read(d)
    #expect(e?.kind == .unreadableArchive && e?.file == url.path && e?.part == Self.part)
    #expect(e?.message.contains("ends before the deflate stream does") == true, "\(String(describing: e))")
    #expect(seconds < 1, "\(seconds) s")
  }

  /// A deflate stream that never ends: empty non-final stored blocks (`00 00 00 FF FF`) to the last declared byte.
  /// Each one is valid and inflates to nothing, so the stream never reaches its end — ZIPFoundation's loop shape.
  @Test func aDeflateStreamThatNeverEndsIsANamedErrorWithinASecond() throws {
    var (_, d) = try Self.workbook()
    let at = Self.locate(d, Self.part)
    let block: [UInt8] = [0x00, 0x00, 0x00, 0xFF, 0xFF]
    var i = at.data
    while i + block.count <= at.data + at.size { d.replaceSubrange(i..<(i + 5), with: block); i += 5 }
    while i < at.data + at.size { d[i] = 0; i += 1 }
    let (e, url, seconds) = try Self.read(d)
    #expect(e?.kind == .unreadableArchive && e?.file == url.path && e?.part == Self.part)
    #expect(e?.message.contains("ends before the deflate stream does") == true, "\(String(describing: e))")
    #expect(seconds < 1, "\(seconds) s")
  }

  /// Random bytes over the deflate data (seeded): always a named error for that part, never a hang.
  @Test func randomBytesOverDeflateDataAreNamedErrors() throws {
    let (_, original) = try Self.workbook()
    let at = Self.locate(original, Self.part)
    var rng = SplitMix64(seed: 0x5EED)
    for round in 0..<20 {
      var d = original
      let from = at.data + Int(rng.next() % UInt64(at.size / 2))
      for k in from..<(at.data + at.size) { d[k] = UInt8(truncatingIfNeeded: rng.next()) }
      let (e, url, seconds) = try Self.read(d)
      #expect(e?.file == url.path && e?.part == Self.part, "round \(round): \(String(describing: e))")
      #expect(e?.kind == .unreadableArchive || e?.kind == .malformedXML || e?.kind == .invalidUTF8
                || e?.kind == .invalidCell, "round \(round): \(String(describing: e))")
      #expect(seconds < 1, "round \(round): \(seconds) s")
    }
  }

  /// Stored (method 0) parts are read, and their CRC-32 is checked.
  @Test func storedPartsAreReadAndTheirChecksumChecked() throws {
    let (url, original) = try Self.workbook(compressed: false)
    #expect(try S.rows(url).count == 300)
    var d = original
    let at = Self.locate(d, Self.part)
    // "answer" → "bnswer" somewhere in the middle: still well-formed XML, but not what the CRC-32 covers.
    let middle = at.data + at.size / 2
    let a = try #require(d[middle...].firstIndex(of: UInt8(ascii: "a")))
    d[a] = UInt8(ascii: "b")
    let (e, _, _) = try Self.read(d)
    #expect(e?.kind == .unreadableArchive && e?.part == Self.part)
    #expect(e?.message.contains("CRC-32 mismatch") == true, "\(String(describing: e))")
  }

  /// A declared uncompressed size that disagrees with what the intact data inflates to is refused, naming both.
  @Test func aDeclaredSizeThatDisagreesWithTheDataIsRefused() throws {
    var (_, d) = try Self.workbook()
    let at = Self.locate(d, Self.part)
    // Declared uncompressed size one byte too small in both directory records (the data is intact).
    func u32(_ i: Int) -> Int { Int(d[i]) | Int(d[i + 1]) << 8 | Int(d[i + 2]) << 16 | Int(d[i + 3]) << 24 }
    let declared = u32(at.centralSize + 4)
    Self.put32(&d, at.localSize + 4, declared - 1)
    Self.put32(&d, at.centralSize + 4, declared - 1)
    let (e, _, _) = try Self.read(d)
    #expect(e?.kind == .unreadableArchive && e?.part == Self.part)
    #expect(e?.message.contains("declares \(declared - 1)") == true, "\(String(describing: e))")
  }

  /// The central directory's own damage: a bad entry count or a directory pointing past the end record.
  @Test func aDamagedCentralDirectoryIsANamedError() throws {
    let (_, original) = try Self.workbook()
    let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    var end = original.count - 22
    while end > 0 && Array(original[end..<(end + 4)]) != signature { end -= 1 }
    #expect(end > 0)
    var d = original
    d[end + 10] = 0xF0; d[end + 8] = 0xF0  // thousands of entries in a directory of a few hundred bytes
    var (e, url, _) = try Self.read(d)
    #expect(e?.kind == .unreadableArchive && e?.file == url.path && e?.part == nil, "\(String(describing: e))")
    d = original
    Self.put32(&d, end + 16, original.count)  // the directory's offset past the end of the file
    (e, url, _) = try Self.read(d)
    #expect(e?.kind == .unreadableArchive && e?.message.contains("central directory") == true,
            "\(String(describing: e))")
  }
}
