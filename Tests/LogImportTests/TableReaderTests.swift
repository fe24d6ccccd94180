import BenchCore
import Foundation
import Testing

@testable import LogImport

@Suite struct DelimitedTableReaderTests {
  func readAll(_ bytes: [UInt8], reader: DelimitedTableReader = .tsv, select: (([String]) -> [Bool]?)? = nil)
    throws -> (header: [String], rows: [(Int, [String])], result: TableReadResult)
  {
    let dir = try temporaryDirectory()
    let url = dir.appendingPathComponent("t.\(reader.fileExtensions.first!)")
    try Data(bytes).write(to: url)
    var header: [String] = []
    var rows: [(Int, [String])] = []
    let result = try reader.read(url, displayPath: "t", header: { h in
      header = h
      return select?(h)
    }, row: { rows.append(($0.number, $0.values)) })
    return (header, rows, result)
  }

  @Test func quotedFieldsKeepTabsNewlinesQuotesAndSpaces() throws {
    let text = "\"index\"\t\"prediction\"\t\"x\"\n"
      + "\"1\"\t\"a\tb\"\t\" padded \"\n"
      + "\"2\"\t\"line one\nline two\r\nline three\"\t\"say \"\"hi\"\"\"\n"
      + "3\t  unquoted spaces  \t\n"
    let (header, rows, result) = try readAll(Array(text.utf8))
    #expect(header == ["index", "prediction", "x"])
    #expect(rows.count == 3 && result.rows == 3)
    #expect(rows[0].1 == ["1", "a\tb", " padded "])
    #expect(rows[1].1 == ["2", "line one\nline two\r\nline three", "say \"hi\""])
    #expect(rows[2].1 == ["3", "  unquoted spaces  ", ""])
    // Row numbers count records (header = 1), not physical lines.
    #expect(rows.map(\.0) == [2, 3, 4])
    #expect(result.sha256 == SHA256.hex(Array(text.utf8)))
  }

  @Test func byteOrderMarkCRLFAndBlankLines() throws {
    let text = "\u{FEFF}index\tscore\r\n\r\n1\t0.5\r\n2\t1\r\n\r\n"
    let (header, rows, _) = try readAll(Array(text.utf8))
    #expect(header == ["index", "score"])
    #expect(rows.map(\.1) == [["1", "0.5"], ["2", "1"]])
  }

  @Test func lastRowWithoutNewlineAndUTF8() throws {
    let (_, rows, _) = try readAll(Array("a\tb\n1\t日本語 ✓".utf8))
    #expect(rows.map(\.1) == [["1", "日本語 ✓"]])
  }

  @Test func csvUsesCommas() throws {
    let (header, rows, _) = try readAll(Array("\"split\",\"Overall\"\n\"none\",\"0.41, or so\"\n".utf8), reader: .csv)
    #expect(header == ["split", "Overall"])
    #expect(rows.map(\.1) == [["none", "0.41, or so"]])
  }

  @Test func projectionLeavesUnselectedColumnsEmpty() throws {
    var text = "index\timage\tprediction\n"
    for i in 0..<5000 { text += "\(i)\t\(String(repeating: "x", count: 100))\tp\(i)\n" }
    let (_, rows, _) = try readAll(Array(text.utf8)) { h in h.map { $0 != "image" } }
    #expect(rows.count == 5000)
    #expect(rows[4999].1 == ["4999", "", "p4999"])
    // Rows in the first (small) chunk, read before the header was seen, may be complete; never wrong.
    #expect(rows[0].1[0] == "0" && rows[0].1[2] == "p0")
  }

  @Test func unterminatedQuoteIsAnErrorNamingTheRow() throws {
    let e = try #require(throws: ImportError.self) {
      _ = try readAll(Array("index\tprediction\n1\t\"ok\"\n2\t\"never closed\n3\tx\n".utf8))
    }
    #expect(e.kind == .malformed && e.row == 3 && e.file == "t")
    #expect(e.description == "t, row 3: a quoted field is never closed (missing \")")
  }

  @Test func aCellThatIsNotUTF8IsAnErrorNamingRowAndColumn() throws {
    // The bad byte in row 3 (header = 1), column "question"; also when the row straddles a chunk boundary.
    for padding in [0, 20_000] {
      let bytes = Array("index\tquestion\n1\tfine\n2\t".utf8) + Array(repeating: UInt8(ascii: "a"), count: padding)
        + [0x61, 0xFF, 0x62] + Array("\n3\tok\n".utf8)
      let e = #expect(throws: ImportError.self) { try readAll(bytes) }
      #expect(e?.kind == .invalidUTF8 && e?.row == 3 && e?.column == "question", "\(String(describing: e))")
    }
    let header = #expect(throws: ImportError.self) { try readAll([0xC3, 0x28] + Array("\tb\n1\t2\n".utf8)) }
    #expect(header?.row == 1 && header?.column == "column 1")
  }

  @Test func missingFileIsUnreadable() throws {
    let e = try #require(throws: ImportError.self) {
      _ = try DelimitedTableReader.tsv.read(URL(fileURLWithPath: "/nonexistent/x.tsv"), displayPath: "x.tsv",
                                            header: { _ in nil }, row: { _ in })
    }
    #expect(e.kind == .unreadable && e.file == "x.tsv" && e.description.contains("No such file"))
  }

  @Test func errorsThrownByTheRowClosurePropagate() throws {
    struct Stop: Error {}
    let dir = try temporaryDirectory()
    let url = dir.appendingPathComponent("t.tsv")
    try Data("a\n1\n2\n".utf8).write(to: url)
    var seen = 0
    #expect(throws: ImportError.self) {
      _ = try DelimitedTableReader.tsv.read(url, displayPath: "t.tsv", header: { _ in nil }, row: { r in
        seen += 1
        if r.number == 2 { throw ImportError(.badValue, "stop", file: "t.tsv", row: r.number) }
      })
    }
    #expect(seen == 1)
  }

}

@Suite struct TextRuleTests {
  @Test func approximateTokenCounts() {
    let c = ApproximateTokenCounter()
    #expect(c.count("") == 0)
    #expect(c.count("Hello, world! 42×3") == 7)
    #expect(c.count("  A  ") == 1)
    #expect(c.count("The answer is (B).") == 7)
    #expect(c.count("日本語のテキスト") == 1)
    #expect(c.count("x^{2}+1") == 7)
    #expect(c.count("line1\nline2\ttab") == 3)
  }

  @Test func pythonListLiterals() {
    #expect(PythonLiteral.list("['CENTRE']") == ["CENTRE"])
    #expect(PythonLiteral.list(#"["it's", 'say "hi"', 'a\'b']"#) == ["it's", "say \"hi\"", "a'b"])
    #expect(PythonLiteral.list("[0.0, 0.31, 1]") == ["0.0", "0.31", "1"])
    #expect(PythonLiteral.list(" [] ") == [])
    #expect(PythonLiteral.list("['a',]") == ["a"])
    #expect(PythonLiteral.list("CENTRE") == nil)
    #expect(PythonLiteral.list("['a'") == nil)
    #expect(PythonLiteral.list("[1, 2") == nil)
    #expect(PythonLiteral.list("['a'] tail") == nil)
  }

  @Test func judgedFileSuffixes() {
    let mcq = JudgedFileSuffix.judge(tail: "_result")
    #expect(mcq.matches("_openai_result") && mcq.matches("_gpt-4o-mini_result") && mcq.matches("_exact_matching_result"))
    #expect(!mcq.matches("_result") && !mcq.matches("_openai_vanilla_circ0_result") && !mcq.matches("_acc"))
    let math = JudgedFileSuffix.judge(tail: "")
    #expect(math.matches("_gpt-4o-mini") && math.matches("_gpt-4-turbo"))
    #expect(!math.matches("_gpt-4o-mini_score") && !math.matches("_acc") && !math.matches("_gpt-4o-mini_extract")
            && !math.matches(""))
    let verse = JudgedFileSuffix.judge(tail: "_score")
    #expect(verse.matches("_gpt-4o-mini_score") && !verse.matches("_score"))
    #expect(JudgedFileSuffix.exact("_auxmatch").matches("_auxmatch") && !JudgedFileSuffix.exact("_auxmatch").matches("_x_auxmatch"))
  }

  func score(_ rule: some DatasetRule, _ cells: [String]) throws(ImportError) -> Float {
    // A one-row table whose columns are the rule's columns in order.
    let row = TableRow(number: 2, cells: ArraySlice(cells))
    return try rule.score(RuleRow(row: row, positions: cells.indices.map { $0 }))
  }

  @Test func scoringRules() throws {
    let hit = NumericScoreRule(judgedFile: nil, column: "hit")
    #expect(try score(hit, ["1"]) == 1 && score(hit, ["0"]) == 0 && score(hit, ["0.5"]) == 0.5 && score(hit, ["True"]) == 1)
    let e = try #require(throws: ImportError.self) { try score(hit, ["abc"]) }
    #expect(e.kind == .badValue && e.column == "hit" && e.message.contains("not a number"))
    #expect(throws: ImportError.self) { try score(hit, ["1.5"]) }
    let b = BooleanScoreRule(judgedFile: nil, column: "score")
    #expect(try score(b, ["True"]) == 1 && score(b, ["false"]) == 0)
    #expect(throws: ImportError.self) { try score(b, ["maybe"]) }
    let anls = ANLSRule()
    #expect(try score(anls, ["[0.0, 0.4]"]) == 1)
    #expect(try score(anls, ["[0.3]"]) == 0.7)
    #expect(try score(anls, ["[0.5]"]) == 0.5)
    #expect(try score(anls, ["[0.51, 0.9]"]) == 0)
    #expect(throws: ImportError.self) { try score(anls, ["[x]"]) }
    let ocr = OCRBenchRule()
    #expect(try score(ocr, ["['CENTRE']", " the word centre\n", "Regular Text Recognition"]) == 1)
    #expect(try score(ocr, ["['CENTRE']", "centrie", "Regular Text Recognition"]) == 0)
    #expect(try score(ocr, ["['x^{2}+1']", "x ^ {2}\n+ 1", "Handwritten Mathematical Expression Recognition"]) == 1)
    #expect(try score(ocr, ["['X^{2}']", "x^{2}", "Handwritten Mathematical Expression Recognition"]) == 0)
    // Python's semantics: strip() removes U+001C–U+001F and U+3000, lower() is Unicode, `in` compares code
    // points (a decomposed é contains a plain e; Foundation's canonical equivalence said no).
    #expect(try score(ocr, ["['ab']", "\u{1C}x\u{3000}", "Regular Text Recognition"]) == 0)
    #expect(Array(OCRBenchScore.normalise("\u{1C}\u{3000} ÉCOLE\nDu Soir \u{1F}", category: nil).utf8)
              == Array("école du soir".utf8))
    #expect(Array(OCRBenchScore.normalise(" \u{2028}x ^ {2}\n+ 1\t", category: OCRBenchScore.handwrittenMathCategory).utf8)
              == Array("x^{2}+1".utf8))
    #expect(try score(ocr, ["['e']", "cafe\u{301}", "Regular Text Recognition"]) == 1)
    #expect(try score(ocr, ["['Straße']", "STRASSE? no: straße.", "Regular Text Recognition"]) == 1)
    #expect(try score(ocr, ["['   ']", "a   b", "Regular Text Recognition"]) == 0)  // an answer stripped to ""
    let math = ExtractedAnswerRule()
    #expect(try score(math, ["3.0", "3", "", "free_form"]) == 1)
    #expect(try score(math, [" Square ", "square", "", "free_form"]) == 1)
    #expect(try score(math, ["B", "square", "B", "multi_choice"]) == 1)
    #expect(try score(math, ["B", "square", "B", "free_form"]) == 0)
    #expect(try score(math, ["2.4", "2.5", "", "free_form"]) == 0)
    #expect(try score(math, ["", "", "", "free_form"]) == 0)
  }
}

/// `DelimitedSplitter`'s grammar, rule by rule (libcsv's strict mode, which it replaced: docs/importing.md), and
/// the same cells whatever the chunking.
@Suite struct DelimitedSplitterTests {
  struct Rows: DelimitedSink {
    var rows: [[String]] = []
    var current: [String] = []
    mutating func field(_ bytes: UnsafeRawBufferPointer) { current.append(String(decoding: bytes, as: UTF8.self)) }
    mutating func endRow() { rows.append(current); current = [] }
  }

  /// The rows, or nil when the splitter refuses the input; fed `chunk` bytes at a time.
  func split(_ text: String, chunk: Int = .max, delimiter: UInt8 = 0x09) -> [[String]]? {
    let bytes = Array(text.utf8)
    var splitter = DelimitedSplitter(delimiter: delimiter)
    var sink = Rows()
    var i = 0
    while i < bytes.count {
      let j = min(bytes.count, i + min(chunk, bytes.count))
      if bytes[i..<j].withUnsafeBytes({ splitter.feed($0, into: &sink) }) != nil { return nil }
      i = j
    }
    return splitter.finish(into: &sink) ? sink.rows : nil
  }

  static let cases: [(String, [[String]]?)] = [
    ("a\tb\n", [["a", "b"]]),
    ("a\tb", [["a", "b"]]),                                   // the last row needs no line end
    ("a\t\n\tb\n\t\n", [["a", ""], ["", "b"], ["", ""]]),     // empty cells at either end
    ("\n\r\n\r\na\r\nb\rc\n\n", [["a"], ["b"], ["c"]]),       // CR, LF, CRLF; blank lines give nothing
    ("a\t", [["a", ""]]),
    ("\"x\ty\"\t\"l1\nl2\r\nl3\"\n", [["x\ty", "l1\nl2\r\nl3"]]),
    ("\"say \"\"hi\"\"\"\t\"\"\t\"\"\"\"\n", [["say \"hi\"", "", "\""]]),
    ("  sp  \t\" q \"\n", [["  sp  ", " q "]]),              // spaces are content, never trimmed
    ("a\0b\t\u{FF}\n", [["a\0b", "\u{FF}"]]),
    ("ab\"c\n", nil),                                        // a quote inside an unquoted field
    (" \"q\"\n", nil),                                       // a field is quoted only if " is its first byte
    ("\"q\"x\n", nil),                                       // text after the closing quote
    ("\"q\" \n", nil),
    ("\"open\n", nil),                                       // never closed
    ("a\t\"open", nil),
    ("", []),
  ]

  @Test(arguments: 0..<cases.count) func grammar(_ k: Int) {
    let (text, want) = Self.cases[k]
    #expect(split(text) == want, "\(text.debugDescription)")
  }

  @Test func commaDelimiter() {
    #expect(split("a,\"b,c\td\"\n", delimiter: 0x2C) == [["a", "b,c\td"]])
    #expect(split("a\tb,c\n", delimiter: 0x2C) == [["a\tb", "c"]])  // a tab is content in a CSV
    #expect(split("a,\"b\"\tc\n", delimiter: 0x2C) == nil)        // and not a delimiter after a quote
  }

  /// Every chunk size from 1 byte up gives the cells of the whole input: cells that straddle chunks, a `""`
  /// split between chunks, a CRLF split between chunks, and long unquoted cells (the eight-byte scan).
  @Test func chunkingNeverChangesTheCells() {
    let long = String(repeating: "abcdefgh", count: 9) + "xyz"
    let text = "index\t\"q \"\"x\"\"\r\nnext\"\t\(long)\r\n1\t\"\"\t\(long)\"\"\n2\t\t\"\(long)\"\r\n"
    // The second row has a quote inside an unquoted field (`\(long)""`): refused, whatever the chunking.
    #expect(split(text) == nil)
    let good = text.replacingOccurrences(of: "\(long)\"\"", with: long)
    let goodWhole = split(good)
    #expect(goodWhole == [["index", "q \"x\"\r\nnext", long], ["1", "", long], ["2", "", long]])
    for chunk in 1...good.utf8.count {
      #expect(split(good, chunk: chunk) == goodWhole, "chunk \(chunk)")
      #expect(split(text, chunk: chunk) == nil, "chunk \(chunk)")
    }
  }

  /// The eight-byte scan finds the first special byte at every offset within a word, for each of the four.
  @Test func firstSpecialAtEveryOffset() {
    for special in [UInt8(0x09), 0x22, 0x0A, 0x0D] {
      for at in 0..<24 {
        var bytes = [UInt8](repeating: 0x61, count: 24)
        bytes[at] = special
        if at + 3 < 24 { bytes[at + 3] = 0x09 }  // a later match never wins
        bytes.withUnsafeBufferPointer { p in
          #expect(DelimitedSplitter.firstSpecial(p.baseAddress!, from: 0, to: 24, delimiter: 0x09) == at)
        }
      }
    }
    // Bytes ≥ 0x80 and one below each special (a borrow) are not matches.
    let bytes: [UInt8] = [0x08, 0x21, 0x09 ^ 0x80, 0xFF, 0x0C, 0x0B, 0x01, 0x00, 0x80, 0x61, 0x0A]
    bytes.withUnsafeBufferPointer { p in
      #expect(DelimitedSplitter.firstSpecial(p.baseAddress!, from: 0, to: bytes.count, delimiter: 0x09) == 10)
    }
  }
}
