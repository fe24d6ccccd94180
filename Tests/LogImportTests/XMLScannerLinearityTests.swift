import Foundation
import Testing

@testable import LogImport

/// Issue 14, items 3–4: tokens longer than the read window are searched once (resumed, not rescanned), and
/// end tags must match their start tags. Correctness only; the speed is measured by `XMLScanningBenchmarkTests`.
struct XMLScannerLinearityTests {
  typealias S = XLSXTestSupport

  /// Every token of `xml`, scanned whole.
  static func tokensWhole(_ xml: [UInt8]) throws -> [String] {
    try xml.withUnsafeBufferPointer { buf in
      let sc = XMLScanner(buf, isFinal: true)
      var out: [String] = []
      var i = 0
      while case .token(let t) = try sc.scan(at: i) {
        out.append(describe(sc, t))
        i = t.next
      }
      return out
    }
  }

  /// Every token of `xml`, fed through `WindowFeeder` in `chunk`-byte pieces, resuming incomplete tokens.
  static func tokensChunked(_ xml: [UInt8], chunk: Int) throws -> (tokens: [String], needMore: Int) {
    var out: [String] = []
    var pending = XMLResume()
    var needMore = 0
    try WindowFeeder.feedAll(xml, chunkSize: chunk) { window, isFinal in
      let sc = XMLScanner(window, isFinal: isFinal)
      var i = 0
      var resume = pending
      pending = XMLResume()
      while true {
        switch try sc.scan(at: i, resume: &resume) {
        case .endOfInput: return i
        case .needMore:
          needMore += 1
          #expect(resume.searched >= 0 && resume.searched <= window.count - i)
          pending = resume
          return i
        case .token(let t):
          resume = XMLResume()
          out.append(describe(sc, t))
          i = t.next
        }
      }
    }
    return (out, needMore)
  }

  static func describe(_ sc: XMLScanner, _ t: XMLToken) -> String {
    func text(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: sc.bytes[a..<b]), as: UTF8.self) }
    switch t.kind {
    case .startTag, .emptyTag:
      return "\(t.kind)(\(text(t.qualifiedStart, t.end))|\(text(t.start, t.end))|\(text(t.attrStart, t.attrEnd)))"
    case .endTag: return "end(\(text(t.qualifiedStart, t.end)))"
    default: return "\(t.kind)(\(text(t.start, t.end)))"
    }
  }

  static let longDocument: [UInt8] = {
    var s = "<?xml version=\"1.0\"?><worksheet xmlns:x=\"urn:x\"><sheetData>"
    s += "<!--" + String(repeating: "- -> a--b ", count: 3000) + "-->"
    s += String(repeating: "text & more ", count: 2000)
    s += "<![CDATA[" + String(repeating: "]] ]>", count: 2000) + "]]>"
    s += "<?pi " + String(repeating: "? >", count: 2000) + "?>"
    s += "<x:row r=\"1\" spans=\"" + String(repeating: "a>b/'", count: 1500) + "\" other='q\"q'>"
    s += "<c r=\"A1\" t=\"inlineStr\"><is><t>" + String(repeating: "long cell text ", count: 3000) + "</t></is></c>"
    s += "</x:row   ><" + String(repeating: "n", count: 900) + "/></sheetData></worksheet>"
    return Array(s.utf8)
  }()

  @Test func longTokensSplitAcrossManyTinyWindowsGiveTheSameTokens() throws {
    let whole = try Self.tokensWhole(Self.longDocument)
    #expect(whole.count == 19)
    for chunk in [1, 2, 3, 7, 64, 1000] {
      let (tokens, needMore) = try Self.tokensChunked(Self.longDocument, chunk: chunk)
      #expect(tokens == whole, "chunk \(chunk)")
      #expect(needMore > 0)
    }
  }

  @Test func aLongCommentTextAndRowParseTheSameInAnyWindow() throws {
    let cell = String(repeating: "x&amp;y ", count: 20_000)
    let sheet = S.sheet("""
      <!--\(String(repeating: "-- comment -", count: 30_000))--><row r="1"><c r="A1" t="inlineStr"><is><t>\(cell)</t>\
      </is></c>\(String(repeating: "<c><v>7</v></c>", count: 3000))</row><row r="2"><c r="B2"><v>2</v></c></row>
      """)
    let bytes = Array(sheet.utf8)
    var expected: [(Int, [String])] = []
    try XLSXReader.parseSheetXML(bytes, sharedStrings: [], chunkSize: bytes.count + 1) { expected.append(($0, $1)) }
    #expect(expected.count == 2 && expected[0].1.count == 3001 && expected[0].1[0].hasPrefix("x&y x&y"))
    for chunk in [5, 97, 4096] {
      var got: [(Int, [String])] = []
      try XLSXReader.parseSheetXML(bytes, sharedStrings: [], chunkSize: chunk) { got.append(($0, $1)) }
      #expect(got.map(\.0) == expected.map(\.0) && got.map(\.1) == expected.map(\.1), "chunk \(chunk)")
    }
    let sst = S.sst(["<si><t>a</t></si>", "<!--" + String(repeating: "-x", count: 50_000) + "-->",
                     "<si><r><t>" + String(repeating: "b", count: 70_000) + "</t></r><rPh><t>no</t></rPh></si>"])
    let sstBytes = Array(sst.utf8)
    let all = try XLSXReader.parseSharedStringsXML(sstBytes, chunkSize: sstBytes.count + 1)
    #expect(all == ["a", String(repeating: "b", count: 70_000)])
    for chunk in [3, 511] {
      #expect(try XLSXReader.parseSharedStringsXML(sstBytes, chunkSize: chunk) == all)
    }
  }

  // MARK: Item 4: tags must match

  static func sheetError(_ sheetData: String, chunk: Int = 1 << 16) -> ImportError? {
    S.importError {
      try XLSXReader.parseSheetXML(Array(S.sheet(sheetData).utf8), sharedStrings: [], chunkSize: chunk) { _, _ in }
    }
  }

  @Test func aMismatchedEndTagIsAnErrorNamingPartRowAndColumn() throws {
    let good = "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row>"
    #expect(Self.sheetError(good) == nil)
    // One `</c>` changed to `</x>`: once merged cells silently.
    for chunk in [3, 1 << 16] {
      let e = try #require(Self.sheetError(good.replacingOccurrences(of: "<v>1</v></c>", with: "<v>1</v></x>"),
                                           chunk: chunk))
      #expect(e.kind == .malformedXML && e.part == "sheet.xml" && e.row == 2 && e.column == "A", "\(e)")
      #expect(e.message.contains("</x>") && e.message.contains("<c>"))
    }
    // A `<c>` inside an open cell.
    let nested = try #require(Self.sheetError("<row r=\"3\"><c r=\"C3\"><v>1</v><c r=\"D3\"><v>2</v></c></c></row>"))
    #expect(nested.kind == .malformedXML && nested.row == 3 && nested.column == "C", "\(nested)")
    // Other mismatches: </v> closing <t>, a stray end tag, prefixes must match too, unclosed root.
    #expect(Self.sheetError("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</v></is></c></row>")?.column == "A")
    #expect(Self.sheetError("<row r=\"1\"></c></row>")?.kind == .malformedXML)
    #expect(Self.sheetError("<row r=\"1\"><x:c r=\"A1\"><v>1</v></y:c></row>")?.row == 1)
    let truncated = S.importError {
      try XLSXReader.parseSheetXML(Array("<worksheet><sheetData><row r=\"1\"/>".utf8), sharedStrings: []) { _, _ in }
    }
    #expect(truncated?.kind == .malformedXML && truncated?.message.contains("never closed") == true)
    // Shared strings and workbook parts are matched as well.
    let sst = S.importError { _ = try XLSXReader.parseSharedStringsXML(Array(S.sst(["<si><t>a</x></si>"]).utf8)) }
    #expect(sst?.kind == .malformedXML && sst?.part == "sharedStrings.xml")
    let wb = S.importError { _ = try WorkbookParser.sheets(Array("<workbook><sheets></workbook>".utf8), file: "f", part: "w") }
    #expect(wb?.kind == .malformedXML && wb?.part == "w")
  }

  @Test func aMismatchInAnArchiveNamesTheFileAndPart() throws {
    let url = try S.write(sheetXML: S.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></x><c r=\"B1\"><v>2</v></c></row>"))
    let e = try #require(S.importError { _ = try S.rows(url) })
    #expect(e.kind == .malformedXML && e.file == url.path && e.part == "xl/worksheets/sheet1.xml")
    #expect(e.row == 1 && e.column == "A")
  }
}
