import Foundation
import Testing
@testable import LogImport
@testable import Simulation

@Suite struct XLSXReaderTests {
  typealias S = XLSXTestSupport

  @Test func sparseCellsAndTypes() throws {
    let sst = S.sst(["<si><t>name</t></si>", "<si><t>None</t></si>", "<si><t xml:space=\"preserve\">  pad  </t></si>"])
    let sheet = S.sheet("""
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>\
      <row r="3"><c r="B3"><v>34602</v></c><c r="D3"><v>0.5</v></c><c r="E3" t="b"><v>1</v></c>\
      <c r="F3" t="b"><v>0</v></c><c r="G3" t="e"><v>#N/A</v></c><c r="H3" t="str"><f>A1</f><v>x&amp;y</v></c>\
      <c r="I3" t="s"><v>2</v></c><c r="J3"/><c r="K3" t="n"><v/></c></row>
      """)
    let url = try S.write(sheetXML: sheet, sharedStringsXML: sst)
    let rows = try S.rows(url)
    #expect(rows.count == 2)
    #expect(rows[0].0 == 1 && rows[0].1 == ["name", "", "None"])
    #expect(rows[1].0 == 3)
    #expect(rows[1].1 == ["", "34602", "", "0.5", "True", "False", "#N/A", "x&y", "  pad  ", "", ""])
  }

  @Test func cellsWithoutReferencesFollowThePreviousCell() throws {
    let sheet = S.sheet("""
      <row><c t="inlineStr"><is><t>a</t></is></c><c r="C1"><v>3</v></c><c><v>4</v></c></row>\
      <row><c><v>5</v></c></row>
      """)
    let rows = try S.rows(try S.write(sheetXML: sheet))
    #expect(rows.map(\.0) == [1, 2])
    #expect(rows[0].1 == ["a", "", "3", "4"])
    #expect(rows[1].1 == ["5"])
  }

  @Test func richTextEntitiesCDATAAndPhonetics() throws {
    let sst = S.sst([
      "<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space=\"preserve\"> and plain</t></r></si>",
      "<si><t>&lt;a&gt; &amp; &quot;q&quot; &apos;s&apos; &#65;&#x42;&#x1F600;</t></si>",
      "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh></si>",
      "<si/>",
      "<si><t><![CDATA[<raw> & stuff]]></t></si>",
      "<si><t>line1\r\nline2\rline3&#13;end</t></si>",
    ])
    let sheet = S.sheet((0..<6).map { "<row r=\"\($0 + 1)\"><c r=\"A\($0 + 1)\" t=\"s\"><v>\($0)</v></c></row>" }.joined())
    let rows = try S.rows(try S.write(sheetXML: sheet, sharedStringsXML: sst))
    #expect(rows.map { $0.1 } == [
      ["Bold and plain"], ["<a> & \"q\" 's' AB😀"], ["漢字"], [""], ["<raw> & stuff"], ["line1\nline2\nline3\rend"],
    ])
  }

  @Test func inlineRichTextAndNamespacePrefixes() throws {
    let sheet = """
      <?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
      <x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r>\
      </x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t/></x:is></x:c></x:row></x:sheetData></x:worksheet>
      """
    let rows = try S.rows(try S.write(sheetXML: sheet))
    #expect(rows.count == 1)
    #expect(rows[0].1 == ["inline", ""])
  }

  @Test func stringEscapeModes() throws {
    let sst = S.sst(["<si><t>a_x005F_x000D_b</t></si>", "<si><t>c_x000D_d_x0041_</t></si>"])
    let sheet = S.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>")
    let url = try S.write(sheetXML: sheet, sharedStringsXML: sst)
    #expect(try S.rows(url)[0].1 == ["a_x000D_b", "c_x000D_d_x0041_"])  // openpyxl / pandas
    #expect(try S.rows(url, options: .init(escapes: .ooxml))[0].1 == ["a_x000D_b", "c\rdA"])
    #expect(try S.rows(url, options: .init(escapes: .none))[0].1 == ["a_x005F_x000D_b", "c_x000D_d_x0041_"])
  }

  @Test func characterDataDecodesAtEveryWordOffset() throws {
    // Entities, character references and CR / CRLF at every offset mod 8 and next to each other, in shared and in
    // inline strings, against the text spelled out.
    var items: [String] = [], expected: [String] = []
    for k in 0..<19 {
      let pad = String(repeating: "a", count: k)
      items.append("<si><t xml:space=\"preserve\">\(pad)&amp;x\r\ny\rz&#x41;&lt;\(pad)&quot;&apos;&gt;end</t></si>")
      expected.append("\(pad)&x\ny\nzA<\(pad)\"'>end")
    }
    let cells = (0..<items.count).map { "<c r=\"A\($0 + 1)\" t=\"s\"><v>\($0)</v></c>" }
    let inline = (0..<items.count).map { k in
      "<c r=\"B\(k + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
        + "\(String(repeating: "b", count: k))&amp;\r\n&#65;</t></is></c>"
    }
    let sheet = S.sheet((0..<items.count).map { "<row r=\"\($0 + 1)\">\(cells[$0])\(inline[$0])</row>" }.joined())
    let url = try S.write(sheetXML: sheet, sharedStringsXML: S.sst(items))
    let rows = try S.rows(url)
    #expect(rows.count == items.count)
    for (k, row) in rows.enumerated() {
      #expect(row.1 == [expected[k], String(repeating: "b", count: k) + "&\nA"], "row \(k + 1)")
    }
  }

  @Test func openpyxlEscapeRemovalMatchesPythonReplace() {
    // Python's str.replace("x005F_", ""): non-overlapping, left to right, on the original text.
    func python(_ s: String) -> String { s.replacingOccurrences(of: "x005F_", with: "") }
    let cases = ["", "x", "x005F", "x005F_", "_x005F_x005F_x0041_", "ax005F_x005F_b", "x005F_x005F_", "xx005F_",
                 "x005x005F_F_", "no escape at all, but an x and x005 and _", "ünï x005F_ 漢字 x005F_😀",
                 String(repeating: "x005F", count: 50) + "_", String(repeating: "ab x005F_ ", count: 300)]
    for c in cases {
      var bytes = Array(c.utf8)
      XLSXText.removeAll(of: XLSXText.openpyxlEscape, in: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == python(c), "\(c.prefix(40))")
    }
  }

  @Test func everyChunkSizeGivesTheSameRows() throws {
    var sheetRows = ""
    var items: [String] = []
    for r in 1...40 {
      items.append("<si><t>s&amp;\(r) ü</t></si>")
      sheetRows += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r - 1)</v></c><c r=\"B\(r)\"><v>\(r * 7)</v></c>"
        + "<!-- c --><c r=\"C\(r)\" t=\"inlineStr\"><is><t><![CDATA[x\(r)]]></t></is></c></row>"
    }
    let url = try S.write(sheetXML: S.sheet(sheetRows), sharedStringsXML: S.sst(items))
    let reference = try S.rows(url)
    #expect(reference.count == 40)
    #expect(reference[39].1 == ["s&40 ü", "280", "x40"])
    for chunk in [1, 2, 3, 7, 13, 64, 1000] {
      let got = try S.rows(url, options: .init(chunkSize: chunk))
      #expect(got.map(\.0) == reference.map(\.0), "chunk \(chunk)")
      #expect(got.map(\.1) == reference.map(\.1), "chunk \(chunk)")
    }
  }

  @Test func headerDeduplicationAndBlankRows() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    try w.writeRow([])
    try w.writeRow(["index", "answer", "", "answer", "answer.1"])
    try w.writeRow(cells: [.integer(1), "A"])
    try w.writeRow(["", ""])
    try w.writeRow(cells: [.integer(2), "B", .empty, "C", "D", "extra"])
    try w.close()
    let reader = try XLSXReader(url: url)
    let header = try reader.header()
    #expect(header.names == ["index", "answer", "Unnamed: 2", "answer.1", "answer.1.1"])  // as pandas
    var got: [(Int, String?, String?, [String])] = []
    try reader.forEachRecord { got.append(($0.rowNumber, $0["index"], $0["answer.1"], $0.cells)) }
    #expect(got.count == 2)
    #expect(got[0].0 == 3 && got[0].1 == "1" && got[0].2 == "" && got[0].3 == ["1", "A", "", "", ""])
    #expect(got[1].0 == 5 && got[1].2 == "C" && got[1].3.count == 6)
    let table = try reader.readTable()
    #expect(table.column("answer") == ["A", "B"])
    #expect(table.column("nope") == nil)
  }

  @Test func namedSheetsAndAbsoluteTargets() throws {
    let workbook = """
      <workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
      <sheet name="first &amp; one" sheetId="1" r:id="rIdA"/><sheet name="second" sheetId="2" r:id="rIdB"/></sheets></workbook>
      """
    let rels = """
      <Relationships><Relationship Id="rIdB" Type="x/worksheet" Target="/xl/worksheets/b.xml"/>\
      <Relationship Id="rIdA" Type="x/worksheet" Target="./worksheets/../worksheets/a.xml"/></Relationships>
      """
    let url = S.tempURL()
    try XLSXWriter.writePackage([
      ("_rels/.rels", Data("<Relationships><Relationship Id=\"r\" Type=\"a/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
      ("xl/workbook.xml", Data(workbook.utf8)),
      ("xl/_rels/workbook.xml.rels", Data(rels.utf8)),
      ("xl/worksheets/a.xml", Data(S.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").utf8)),
      ("xl/worksheets/b.xml", Data(S.sheet("<row r=\"2\"><c r=\"B2\"><v>2</v></c></row>").utf8)),
    ], to: url)
    let r = try XLSXReader(url: url)
    #expect(r.sheetNames == ["first & one", "second"])
    #expect(r.sharedStringsPart == nil)
    var a: [[String]] = []
    try r.forEachRow { a.append($1) }
    var b: [(Int, [String])] = []
    try r.forEachRow(sheet: "second") { b.append(($0, $1)) }
    #expect(a == [["1"]])
    #expect(b.count == 1 && b[0].0 == 2 && b[0].1 == ["", "2"])
    let e = S.importError { try r.forEachRow(sheet: "third") { _, _ in } }
    #expect(e?.kind == .missingPart)
  }

  @Test func bodyErrorsPropagateUnchanged() throws {
    struct Mine: Error, Equatable { let n: Int }
    let url = try S.write(sheetXML: S.sheet("<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>"))
    var seen = 0
    #expect(throws: Mine(n: 1)) {
      try XLSXReader(url: url).forEachRow { row, _ in
        seen += 1
        if row == 1 { throw Mine(n: 1) }
      }
    }
    #expect(seen == 1)
  }

  // MARK: Errors

  @Test func doctypeIsRefused() throws {
    let bomb = """
      <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\
      <worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
      """
    let url = try S.write(sheetXML: bomb)
    let e = S.importError { _ = try S.rows(url) }
    #expect(e?.kind == .forbiddenDTD)
    #expect(e?.part == "xl/worksheets/sheet1.xml")
    #expect(e?.file == url.path)
  }

  @Test func unknownEntityAndBadCharacterReferences() throws {
    for text in ["&nbsp;", "&#0;", "&#xD800;", "&#x110000;", "&#xZZ;", "& b", "&;"] {
      let url = try S.write(sheetXML: S.sheet("<row r=\"4\"><c r=\"B4\" t=\"inlineStr\"><is><t>a\(text)</t></is></c></row>"))
      let e = S.importError { _ = try S.rows(url) }
      #expect(e?.kind == .malformedXML, "\(text)")
      #expect(e?.row == 4, "\(text)")
      #expect(e?.column == "B", "\(text)")
    }
  }

  @Test func sharedStringIndexOutOfRangeNamesTheCell() throws {
    let url = try S.write(sheetXML: S.sheet("<row r=\"7\"><c r=\"C7\" t=\"s\"><v>5</v></c></row>"),
                          sharedStringsXML: S.sst(["<si><t>only</t></si>"]))
    let e = S.importError { _ = try S.rows(url) }
    #expect(e?.kind == .invalidCell)
    #expect(e?.row == 7 && e?.column == "C")
    #expect(e?.description.contains("row 7, column 'C'") == true)
  }

  @Test func malformedSheets() throws {
    let cases: [(String, ImportFormatError.Kind)] = [
      ("<row r=\"1\"><c r=\"A1\"><v>1</v></c>", .malformedXML),                       // unterminated row
      ("<row r=\"2\"></row><row r=\"1\"></row>", .malformedXML),                       // rows out of order
      ("<row r=\"1\"><c r=\"A1\" t=\"zz\"><v>1</v></c></row>", .malformedXML),         // unknown type
      ("<row r=\"1\"><c r=\"A1\" t=\"b\"><v>yes</v></c></row>", .invalidCell),         // bad boolean
      ("<row r=\"x\"></row>", .malformedXML),                                          // bad row number
      ("<row r=\"1\"><c r=\"11\"><v>1</v></c></row>", .malformedXML),                  // no column letters
      ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\u{FF}</t></is></c></row>", .invalidUTF8),
    ]
    for (xml, kind) in cases {
      var sheet = S.sheet(xml)
      if kind == .invalidUTF8 { sheet = sheet.replacingOccurrences(of: "\u{FF}", with: "\u{1}") }
      var data = Data(sheet.utf8)
      if kind == .invalidUTF8, let i = data.firstIndex(of: 0x01) { data[i] = 0xFF }
      let url = S.tempURL()
      var parts = S.package(sheetXML: "")
      parts[3] = ("xl/worksheets/sheet1.xml", data)
      try XLSXWriter.writePackage(parts, to: url)
      let e = S.importError { _ = try S.rows(url) }
      #expect(e?.kind == kind, "\(xml)")
    }
  }

  @Test func missingAndNonZipFiles() throws {
    let missing = S.tempURL("missing.xlsx")
    #expect(S.importError { _ = try XLSXReader(url: missing) }?.kind == .io)
    let text = S.tempURL("text.xlsx")
    try Data("index\tprediction\n1\tA\n".utf8).write(to: text)
    let e = S.importError { _ = try XLSXReader(url: text) }
    #expect(e?.kind == .unreadableArchive)
    #expect(e?.description.contains("text.xlsx") == true)
  }

  @Test func truncatedArchiveIsAClearError() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    for i in 0..<2000 { try w.writeRow(cells: [.integer(i), .string("row \(i) text \(i * 31 % 97)")]) }
    try w.close()
    let data = try Data(contentsOf: url)
    for cut in [data.count / 2, data.count - 30, 100] {
      let t = S.tempURL("cut.xlsx")
      try data.prefix(cut).write(to: t)
      let e = S.importError {
        let r = try XLSXReader(url: t)
        try r.forEachRow { _, _ in }
      }
      #expect(e?.kind == .unreadableArchive || e?.kind == .missingPart, "cut at \(cut)")
      #expect(e?.file == t.path)
    }
  }

  @Test func corruptedDeflateDataIsDetected() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    for i in 0..<500 { try w.writeRow(cells: [.integer(i), .string("text number \(i)")]) }
    try w.close()
    var data = try Data(contentsOf: url)
    // Flip bytes in the middle of the (largest) compressed member: the sheet.
    let mid = data.count / 2
    for k in 0..<16 { data[mid + k] ^= 0x5A }
    let t = S.tempURL("flipped.xlsx")
    try data.write(to: t)
    let e = S.importError {
      let r = try XLSXReader(url: t)
      try r.forEachRow { _, _ in }
    }
    #expect(e != nil)
    #expect(e?.file == t.path)
  }

  @Test func limitsAreEnforced() throws {
    let url = S.tempURL()
    let w = try XLSXWriter(url: url)
    for i in 0..<100 { try w.writeRow(cells: [.integer(i), .string(String(repeating: "x", count: 100 + i))]) }
    try w.close()

    var small = XLSXLimits()
    small.maxSheetBytes = 1000
    #expect(S.importError { _ = try S.rows(url, options: .init(limits: small)) }?.kind == .limitExceeded)

    var cells = XLSXLimits()
    cells.maxCellBytes = 150
    let e = S.importError { _ = try S.rows(url, options: .init(limits: cells)) }
    #expect(e?.kind == .limitExceeded)

    var strings = XLSXLimits()
    strings.maxSharedStrings = 10
    #expect(S.importError { _ = try S.rows(url, options: .init(limits: strings)) }?.kind == .limitExceeded)

    var rows = XLSXLimits()
    rows.maxRows = 50
    let er = S.importError { _ = try S.rows(url, options: .init(limits: rows)) }
    #expect(er?.kind == .limitExceeded && er?.row == 51)

    let wide = try S.write(sheetXML: S.sheet("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"))
    #expect(S.importError { _ = try S.rows(wide) }?.kind == .limitExceeded)
    // Within limits it reads fine.
    #expect(try S.rows(url).count == 100)
  }
}
