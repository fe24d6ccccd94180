import Foundation
import Testing
import BenchCore
@testable import LogImport
@testable import Simulation

/// Seeded random-mutation fuzzing: mutated worksheet XML, shared-string XML and whole .xlsx archives
/// must either parse or throw `ImportFormatError` — never crash, hang or throw anything else.
@Suite struct XLSXFuzzTests {
  typealias S = XLSXTestSupport

  static let interesting: [UInt8] = Array("<>/&;#x\"'=![]-?:_ \r\n\t0123456789ABCDEFrcvtsis".utf8) + [0x00, 0xFF, 0xC3, 0xE2]

  /// One random mutation: flip, overwrite with an XML-significant byte, insert, delete a range,
  /// duplicate a range, or truncate.
  static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var b = input
    let rounds = 1 + Int(rng.next() % 4)
    for _ in 0..<rounds where !b.isEmpty {
      let i = Int(rng.next() % UInt64(b.count))
      switch rng.next() % 7 {
      case 0: b[i] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
      case 1: b[i] = interesting[Int(rng.next() % UInt64(interesting.count))]
      case 2: b.insert(interesting[Int(rng.next() % UInt64(interesting.count))], at: i)
      case 3: b.removeSubrange(i..<min(b.count, i + 1 + Int(rng.next() % 16)))
      case 4:
        let j = min(b.count, i + 1 + Int(rng.next() % 32))
        b.insert(contentsOf: Array(b[i..<j]), at: Int(rng.next() % UInt64(b.count)))
      case 5: b.removeSubrange(i...)
      default: b[i] = UInt8(truncatingIfNeeded: rng.next())
      }
    }
    return b
  }

  static let sheetXML: [UInt8] = Array(S.sheet("""
    <row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="b"><v>1</v></c></row>\
    <row r="2"><c r="A2"><v>34602</v></c><c r="B2" t="inlineStr"><is><r><t xml:space="preserve"> a&amp;b </t></r>\
    <rPh><t>x</t></rPh></is></c><c r="C2" t="str"><f>A1</f><v>&#x41;&#66;</v></c></row><!-- note -->\
    <row r="4"><c r="C4" t="e"><v>#N/A</v></c><c><v><![CDATA[<cd>]]></v></c></row>
    """).utf8)

  static let sstXML: [UInt8] = Array(S.sst([
    "<si><t>index</t></si>", "<si><r><t>rich</t></r><r><t xml:space=\"preserve\"> text</t></r></si>",
    "<si><t>&lt;&gt;&quot;&apos;_x005F_x000D_</t></si>", "<si/>",
  ]).utf8)

  @Test func mutatedSheetXMLOnlyThrowsImportFormatError() throws {
    var rng = SplitMix64(seed: 0xF0221)
    var tried = 0, parsed = 0
    let shared = ["index", "rich text", "x"]
    // The unmutated input parses.
    var rows: [[String]] = []
    try XLSXReader.parseSheetXML(Self.sheetXML, sharedStrings: shared) { rows.append($1) }
    #expect(rows == [["index", "rich text", "", "True"], ["34602", " a&b ", "AB"], ["", "", "#N/A", "<cd>"]])
    for _ in 0..<3000 {
      let input = Self.mutate(Self.sheetXML, &rng)
      let chunk = [1, 3, 17, 64, 1 << 16][Int(rng.next() % 5)]
      tried += 1
      do {
        try XLSXReader.parseSheetXML(input, sharedStrings: shared, chunkSize: chunk) { _, cells in
          #expect(cells.count <= XLSXLimits.default.maxColumns)
        }
        parsed += 1
      } catch is ImportFormatError {
      } catch {
        Issue.record("non-ImportFormatError \(error) for input \(String(decoding: input, as: UTF8.self))")
      }
    }
    print("XLSX fuzz: \(tried) mutated sheet XML inputs, \(parsed) parsed, \(tried - parsed) rejected")
    #expect(tried == 3000)
    #expect(parsed > 0 && parsed < tried)  // the mutations exercise both outcomes
  }

  @Test func mutatedSharedStringsOnlyThrowImportFormatError() throws {
    var rng = SplitMix64(seed: 0x55715)
    #expect(try XLSXReader.parseSharedStringsXML(Self.sstXML) == ["index", "rich text", "<>\"'_x000D_", ""])
    var tried = 0, parsed = 0
    for _ in 0..<1500 {
      let input = Self.mutate(Self.sstXML, &rng)
      tried += 1
      do {
        _ = try XLSXReader.parseSharedStringsXML(input, chunkSize: [1, 5, 64, 4096][Int(rng.next() % 4)])
        parsed += 1
      } catch is ImportFormatError {
      } catch {
        Issue.record("non-ImportFormatError \(error)")
      }
    }
    print("XLSX fuzz: \(tried) mutated shared-string XML inputs, \(parsed) parsed")
    #expect(parsed > 0 && parsed < tried)
  }

  @Test func mutatedArchivesOnlyThrowImportFormatError() throws {
    let url = S.tempURL("seed.xlsx")
    let w = try XLSXWriter(url: url)
    try w.writeRow(["index", "question", "prediction"])
    for i in 0..<20 { try w.writeRow(cells: [.integer(i), .string("q \(i) & <x>"), .bool(i % 3 == 0)]) }
    try w.close()
    // Also an uncompressed (stored) variant, so mutations hit the XML and not only deflate streams.
    let storedURL = S.tempURL("stored.xlsx")
    try XLSXWriter.writePackage(S.package(sheetXML: String(decoding: Self.sheetXML, as: UTF8.self),
                                          sharedStringsXML: String(decoding: Self.sstXML, as: UTF8.self)),
                                to: storedURL, compressed: false)
    let seeds = [try [UInt8](Data(contentsOf: url)), try [UInt8](Data(contentsOf: storedURL))]
    #expect(try S.rows(url).count == 21)
    #expect(try S.rows(storedURL).count == 3)
    var rng = SplitMix64(seed: 0xA2C41)
    var tried = 0, opened = 0, read = 0
    let target = S.tempURL("fuzz.xlsx")
    for k in 0..<1500 {
      let input = Self.mutate(seeds[k % 2], &rng)
      try Data(input).write(to: target)
      tried += 1
      do {
        let reader = try XLSXReader(url: target, options: .init(chunkSize: [7, 512, 1 << 16][k % 3]))
        opened += 1
        try reader.forEachRow { _, _ in }
        read += 1
      } catch is ImportFormatError {
      } catch {
        Issue.record("non-ImportFormatError \(error)")
      }
    }
    print("XLSX fuzz: \(tried) mutated archives, \(opened) opened, \(read) read completely")
    #expect(read > 0 && read < tried)
  }
}
