import Foundation
import Testing
import BenchCore
@testable import LogImport
@testable import Simulation

@Suite struct XLSXWriterTests {
  typealias S = XLSXTestSupport

  static let awkwardStrings = [
    "plain", "None", "NA", "nan", "N/A", " leading", "trailing ", "  ", "a & b < c > d \"q\" 's'",
    "multi\nline\ttab", "cr\r\nlf", "lone\rcr", "ünïcödé 漢字 😀 \u{200B}", "_x000D_ literal", "_x005F_x0041_",
    "]]> <![CDATA[", "&amp; already escaped", String(repeating: "long ", count: 2000),
  ]

  @Test func roundTripStringsNumbersBooleans() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url, sheetName: "Data & <more>")
    try w.writeRow(["index", "text", "num", "flag"])
    var expected: [[String]] = [["index", "text", "num", "flag"]]
    for (i, s) in Self.awkwardStrings.enumerated() {
      let num: XLSXWriter.Cell = [.number("0.5"), .integer(-34602), .double(1e-5), .double(2.0), .double(0.1)][i % 5]
      let numText = ["0.5", "-34602", "1e-05", "2", "0.1"][i % 5]
      try w.writeRow(cells: [.integer(i), .string(s), num, .bool(i % 2 == 0)])
      expected.append(["\(i)", s, numText, i % 2 == 0 ? "True" : "False"])
    }
    try w.writeRow(cells: [.integer(99), .empty, .empty, .string("last")])
    expected.append(["99", "", "", "last"])
    try w.close()
    #expect(w.rowsWritten == expected.count)

    for escapes in [XLSXStringEscapes.openpyxl, .ooxml] {
      let reader = try XLSXReader(url: url, options: .init(escapes: escapes))
      #expect(reader.sheetNames == ["Data & <more>"])
      let rows = try S.rows(url, options: .init(escapes: escapes))
      #expect(rows.map(\.0) == Array(1...expected.count))
      var want = expected
      if escapes == .openpyxl {
        // openpyxl deletes every "x005F_" from shared strings, so an xlsxwriter-protected literal
        // "_x005F_x0041_" (stored as "_x005F_x005F_x0041_") reads back as "_x0041_" in pandas too.
        want = want.map { $0.map { $0 == "_x005F_x0041_" ? "_x0041_" : $0 } }
      }
      #expect(rows.map(\.1) == want, "escapes \(escapes)")
    }
  }

  @Test func controlCharactersUseOOXMLEscapes() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    try w.writeRow(["bell\u{7}and\u{1F}unit"])
    try w.close()
    // Excel semantics restore the characters; pandas/openpyxl shows the escapes, as it would for a
    // file written by xlsxwriter.
    #expect(try S.rows(url, options: .init(escapes: .ooxml))[0].1 == ["bell\u{7}and\u{1F}unit"])
    #expect(try S.rows(url)[0].1 == ["bell_x0007_and_x001F_unit"])
  }

  @Test func longStringsAreTruncatedLikeXlsxwriter() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    let long = String(repeating: "é", count: XLSXWriter.maxStringLength + 10)
    try w.writeRow([long])
    try w.close()
    let got = try S.rows(url)[0].1[0]
    #expect(got.unicodeScalars.count == XLSXWriter.maxStringLength)
  }

  @Test func sharedStringsAreDeduplicated() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    for i in 0..<300 { try w.writeRow(["same", "v\(i % 3)"]) }
    try w.close()
    let strings = try XLSXReader(url: url).sharedStrings()
    #expect(strings == ["same", "v0", "v1", "v2"])
    #expect(try S.rows(url).count == 300)
  }

  @Test func emptyWorkbook() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    try w.close()
    #expect(try S.rows(url).isEmpty)
    #expect(S.importError { _ = try XLSXReader(url: url).header() }?.kind == .missingPart)
  }

  @Test func nonFiniteNumbersAreRejected() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    try w.writeRow(["a"])
    #expect(throws: XLSXWriteError.self) { try w.writeRow(cells: [.integer(1), .double(.nan)]) }
    try w.writeRow(["b"])
    try w.close()
    #expect(try S.rows(url).map(\.1) == [["a"], ["b"]])  // the rejected row left nothing behind
  }

  @Test func largeSeededRoundTrip() throws {
    var rng = SplitMix64(seed: 42)
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    var expected: [[String]] = []
    for _ in 0..<5000 {
      var row: [String] = []
      for _ in 0..<Int(rng.next() % 8) {
        let len = Int(rng.next() % 12)
        var s = ""
        for _ in 0..<len {
          let pool: [Character] = ["a", "Z", " ", "\n", "&", "<", "_", "x", "0", "é", "😀", "\t", "\""]
          s.append(pool[Int(rng.next() % UInt64(pool.count))])
        }
        row.append(s)
      }
      try w.writeRow(row)
      while let last = row.last, last.isEmpty { row.removeLast() }
      expected.append(row)
    }
    try w.close()
    let rows = try S.rows(url, options: .init(escapes: .ooxml, chunkSize: 4096))
    #expect(rows.count == 5000)
    #expect(rows.map(\.1) == expected)
  }
}
