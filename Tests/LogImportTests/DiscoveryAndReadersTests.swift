import BenchCore
import BenchStore
import Foundation
import Testing

@testable import LogImport
@testable import Simulation

/// Folder eras, reruns, caches, datasets outside the catalog, JSON records and XLSX through the importer, bad input.
struct DiscoveryAndReadersTests {
  static let pricing = """
    version: t
    date: "2026-01-01"
    models:
      M-1: {input: 1, output: 2}
    """

  /// `root/work_dir/M-1/<run>/M-1_TextVQA_VAL.tsv` with predictions "dakota" (answer list) per index.
  static func textVQA(_ predictions: [String]) -> String {
    var rows = [["index", "question", "answer", "prediction"]]
    for (i, p) in predictions.enumerated() {
      rows.append(["\(i)", "q\(i)?", "['1990', '1990', '1990', '1990', '1990', '1990', '1990', '1990', '1990', '1990']", p])
    }
    return tsv(rows)
  }

  static func run(_ root: URL, store: BenchStore = try! BenchStore.inMemory(), period: VQAPeriodRule? = nil)
    async throws -> ImportSummary
  {
    try write(pricing, to: root.appendingPathComponent("pricing.yaml"))
    return try await Importer(options: ImportOptions(root: root, vqaPeriodRule: period)).run(into: store)
  }

  @Test func runEraDecidesThePeriodRuleAndDanglingLinksCachesAndRerunsAreHandled() async throws {
    let root = try temporaryDirectory()
    let model = root.appendingPathComponent("work_dir/M-1")
    // Old run (legacy period rule: "1990." matches "1990") and a newer rerun of the same dataset.
    try write(Self.textVQA(["1990.", "no"]), to: model.appendingPathComponent("T20250101_Gabc12345/M-1_TextVQA_VAL.tsv"))
    try write(tsv([["Overall"], ["50.0"]]), to: model.appendingPathComponent("T20250101_Gabc12345/M-1_TextVQA_VAL_acc.csv"))
    try write(Self.textVQA(["1990.", "1990"]), to: model.appendingPathComponent("T20260501-101010/M-1_TextVQA_VAL.tsv"))
    try write("{\"commit\": \"deadbeef\"}", to: model.appendingPathComponent("T20260501-101010/status.json"))
    try write("x", to: model.appendingPathComponent("T20260501-101010/01_TextVQA_VAL.pkl"))
    try write("x", to: model.appendingPathComponent("T20260501-101010/M-1_TextVQA_VAL_PREV.pkl"))
    try write("", to: model.appendingPathComponent("T20260501-101010/M-1_TextVQA_VAL.lock"))
    // An absolute link that dangles (copied tree) is ignored.
    try FileManager.default.createSymbolicLink(atPath: model.appendingPathComponent("M-1_TextVQA_VAL.tsv").path,
                                               withDestinationPath: "/nonexistent/outputs/M-1/T20250101_Gabc12345/M-1_TextVQA_VAL.tsv")
    var s = try await Self.run(root)
    // Newest run by name wins; its era (2026) is the current rule: "1990." ≠ "1990".
    #expect(s.scoring.first?.how.contains("T20260501-101010") == true)
    #expect(s.notes.contains { $0.contains("2 runs hold it") && $0.contains("newest run directory by name")
      && $0.contains("prediction files differ in T20250101_Gabc12345 (not read)") })
    #expect(s.notes.contains { $0.contains("1 rank shards (.pkl)") && $0.contains("1 lock files") })
    #expect(s.crossChecks.isEmpty)  // the newest run has no _acc.csv

    // A valid relative top-level link to the old run is preferred; that run's era is legacy: both rows score 1 / 0.
    try FileManager.default.removeItem(at: model.appendingPathComponent("M-1_TextVQA_VAL.tsv"))
    try FileManager.default.createSymbolicLink(atPath: model.appendingPathComponent("M-1_TextVQA_VAL.tsv").path,
                                               withDestinationPath: "T20250101_Gabc12345/M-1_TextVQA_VAL.tsv")
    s = try await Self.run(root)
    #expect(s.notes.contains { $0.contains("a top-level link targets it") })
    let check = try #require(s.crossChecks.first)
    #expect(check.outcome == .exact && check.recomputed == 50.0)
    // Overridden to the new rule, "1990." no longer matches: 0 ≠ 50.
    s = try await Self.run(root, period: .current)
    #expect(s.crossChecks.first?.outcome == .differs(-50))
  }

  @Test func flatLayoutJSONRecordsAndAGenericDataset() async throws {
    let root = try temporaryDirectory()
    let model = root.appendingPathComponent("work_dir/M-1")
    try write("""
      [{"index": 1, "question": "Which?", "answer": "A", "prediction": "A"},
       {"index": 2, "question": "Which \\"one\\"?", "answer": "B", "prediction": ""}]
      """, to: model.appendingPathComponent("M-1_MyBench_2024.json"))
    try write("""
      [{"index": 1, "hit": 1, "log": null}, {"index": 2, "hit": 0, "log": {"nested": [1, 2]}}]
      """, to: model.appendingPathComponent("M-1_MyBench_2024_exact_matching_result.json"))
    try write(tsv([["split", "Overall"], ["none", "0.5"]]).replacingOccurrences(of: "\t", with: ","),
              to: model.appendingPathComponent("M-1_MyBench_2024_acc.csv"))
    let store = try BenchStore.inMemory()
    let s = try await Self.run(root, store: store)
    #expect(s.recordsImported == 2 && s.estimatedRecords == 1)
    #expect(!s.warnings.contains { $0.contains("constant token counts") })
    #expect(s.crossChecks.first?.outcome == .exact)
    let row = try #require(try store.summary().first)
    #expect(row.dataset == "MyBench_2024" && row.correct == 1 && row.outputTokens == 1 + 100)
  }

  @Test func xlsxPredictionsWithFailedAPICallsAreFlagged() async throws {
    let root = try temporaryDirectory()
    let dir = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let w = try XLSXWriter(url: dir.appendingPathComponent("M-1_OCRBench.xlsx"))
    try w.writeRow(["index", "question", "answer", "category", "prediction"])
    try w.writeRow(["0", "what?", "['CENTRE']", "Regular Text Recognition", "It says Centre"])
    try w.writeRow(["1", "what?", "['x']", "Regular Text Recognition", "Failed to obtain answer via API."])
    try w.close()
    try write(#"{"Final Score": 1, "Final Score Norm": 50.0}"#, to: dir.appendingPathComponent("M-1_OCRBench_score.json"))
    let s = try await Self.run(root)
    #expect(s.failedAPI.first?.indices == ["1"])
    #expect(s.crossChecks.first?.outcome == .exact && s.crossChecks.first?.figure == "Final Score")
  }

  // MARK: Bad input: the import is refused, the message names file / row / column, the database is unchanged.

  static func refused(_ root: URL) async throws -> ImportError {
    let store = try BenchStore.inMemory()
    try write(pricing, to: root.appendingPathComponent("pricing.yaml"))
    let before = try store.dump()
    do {
      _ = try await Importer(options: ImportOptions(root: root)).run(into: store)
    } catch {
      #expect(try store.dump() == before)
      return error
    }
    Issue.record("the import was not refused")
    return ImportError(.usage, "")
  }

  @Test func nonNumericHitNamesFileRowAndColumn() async throws {
    let root = try temporaryDirectory()
    let dir = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    try write(tsv([["index", "question", "prediction"], ["0", "q", "A"], ["1", "q", "B"]]),
              to: dir.appendingPathComponent("M-1_MMStar.tsv"))
    try write(tsv([["index", "hit"], ["0", "1"], ["1", "yes"]]), to: dir.appendingPathComponent("M-1_MMStar_openai_result.tsv"))
    let e = try await Self.refused(root)
    #expect(e.kind == .badValue && e.row == 3 && e.column == "hit" && e.file?.hasSuffix("M-1_MMStar_openai_result.tsv") == true)
  }

  @Test func aPredictionFileWithoutItsJudgedFileIsRefused() async throws {
    // Y/N has no recomputation (multiple choice falls back to exact matching: LogErasAndLayoutsTests).
    let root = try temporaryDirectory()
    let dir = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    try write(tsv([["index", "question", "prediction"], ["0", "q", "Yes"]]), to: dir.appendingPathComponent("M-1_HallusionBench.tsv"))
    let e = try await Self.refused(root)
    #expect(e.kind == .missingJudgedFile && e.file?.hasSuffix("M-1_HallusionBench.tsv") == true)
  }

  @Test func duplicateIndicesAreRefused() async throws {
    let root = try temporaryDirectory()
    try write(Self.textVQA(["a", "b"]).replacingOccurrences(of: "\"1\"\t\"q1?\"", with: "\"0\"\t\"q1?\""),
              to: root.appendingPathComponent("work_dir/M-1/T20250101_Gabc12345/M-1_TextVQA_VAL.tsv"))
    let e = try await Self.refused(root)
    #expect(e.kind == .duplicate && e.row == 3 && e.column == "index")
  }

  @Test func unbalancedQuotesAndCorruptXLSXAndTruncatedJSONAreRefused() async throws {
    let root = try temporaryDirectory()
    let dir = root.appendingPathComponent("work_dir/M-1/T20250101_Gabc12345")
    try write("\"index\"\t\"question\"\t\"answer\"\t\"prediction\"\n\"0\"\t\"q\"\t\"['a']\"\t\"unterminated\n",
              to: dir.appendingPathComponent("M-1_TextVQA_VAL.tsv"))
    var e = try await Self.refused(root)
    #expect(e.kind == .malformed && e.file?.hasSuffix("M-1_TextVQA_VAL.tsv") == true)

    try FileManager.default.removeItem(at: dir.appendingPathComponent("M-1_TextVQA_VAL.tsv"))
    try Data("PK\u{3}\u{4}truncated".utf8).write(to: dir.appendingPathComponent("M-1_TextVQA_VAL.xlsx"))
    e = try await Self.refused(root)
    #expect(e.kind == .unreadableArchive && e.file?.hasSuffix("M-1_TextVQA_VAL.xlsx") == true)

    try FileManager.default.removeItem(at: dir.appendingPathComponent("M-1_TextVQA_VAL.xlsx"))
    try write(#"[{"index": 0, "question": "q", "answer": "['a']", "prediction": "a"}, {"index": 1, "quest"#,
              to: dir.appendingPathComponent("M-1_TextVQA_VAL.json"))
    e = try await Self.refused(root)
    #expect(e.kind == .malformed && e.row == 3 && e.message.contains("truncated"))
  }

  @Test func anXMLBombInASheetIsRefused() async throws {
    let root = try temporaryDirectory()
    let dir = root.appendingPathComponent("work_dir/M-1/T20250101_Gabc12345")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let bomb = """
      <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      <row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
      """
    let url = try XLSXTestSupport.write(sheetXML: bomb)
    try FileManager.default.moveItem(at: url, to: dir.appendingPathComponent("M-1_TextVQA_VAL.xlsx"))
    let e = try await Self.refused(root)
    #expect(e.kind == .forbiddenDTD && e.file?.hasSuffix("M-1_TextVQA_VAL.xlsx") == true && e.part != nil)
  }

  // MARK: JSON records reader

  static func readJSON(_ text: String) throws -> ([String], [[String]]) {
    let url = try temporaryDirectory().appendingPathComponent("r.json")
    try write(text, to: url)
    var header: [String] = []
    var rows: [[String]] = []
    _ = try JSONRecordsTableReader().read(url, displayPath: "r.json", header: { header = $0; return nil },
                                          row: { rows.append($0.values) })
    return (header, rows)
  }

  @Test func jsonRecordsValuesBecomeText() throws {
    let (h, rows) = try Self.readJSON("""
      \u{FEFF}[ {"index": 7, "b": true, "c": null, "d": -1.5e3, "e": "t\\u00e9\\ud83d\\ude00\\n", "f": [1, {"g": 2}]},
        {"f": "x", "index": "8"} ]
      """)
    #expect(h == ["index", "b", "c", "d", "e", "f"])
    #expect(rows[0] == ["7", "True", "", "-1.5e3", "té😀\n", #"[1, {"g": 2}]"#])
    #expect(rows[1] == ["8", "", "", "", "", "x"])
    #expect(try Self.readJSON("[]").1.isEmpty)
    #expect(throws: ImportError.self) { try Self.readJSON(#"{"index": 1}"#) }
    #expect(throws: ImportError.self) { try Self.readJSON(#"[{"index": 1}, {"other": 2}]"#) }
    #expect(throws: ImportError.self) { try Self.readJSON(#"[{"index": "\ud800"}]"#) }
    #expect(throws: ImportError.self) { try Self.readJSON(String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100)) }
  }

  /// Seeded random mutations of a valid JSON records file: the reader returns or throws an `ImportError`, never
  /// crashes (RUN_FUZZ=N runs N inputs; default 2,000).
  @Test func jsonReaderSurvivesRandomMutations() throws {
    let seedText = #"[{"index": 1, "question": "Wh\"at\u00e9?", "hit": true, "x": [1, {"y": null}]}, {"index": 2, "question": "", "hit": 0.5, "x": -1e-3}]"#
    let base = Array(seedText.utf8)
    var rng = SplitMix64(seed: 20261122)
    let n = Int(ProcessInfo.processInfo.environment["RUN_FUZZ"] ?? "") ?? 2000
    let url = try temporaryDirectory().appendingPathComponent("f.json")
    var accepted = 0, rejected = 0
    let alphabet = Array(#"[]{}",:\u0123456789eE+-.truefalsnl "#.utf8) + [0x00, 0xFF, 0xC3]
    for _ in 0..<n {
      var b = base
      for _ in 0..<(1 + Int(rng.next() % 4)) {
        let p = Int(rng.next() % UInt64(b.count))
        switch rng.next() % 4 {
        case 0: b[p] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        case 1: b.remove(at: p)
        case 2: b.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: p)
        default: b.removeLast(min(b.count - 1, Int(rng.next() % 20)))
        }
        if b.isEmpty { b = [0x5B] }
      }
      try Data(b).write(to: url)
      do {
        _ = try JSONRecordsTableReader().read(url, displayPath: "f.json", header: { _ in nil }, row: { _ in })
        accepted += 1
      } catch is ImportError {
        rejected += 1
      }
    }
    print("JSON fuzz: \(n) mutated inputs, no crash (\(accepted) accepted, \(rejected) rejected with ImportError)")
    #expect(accepted + rejected == n && rejected > 0)
  }

  /// Seeded random mutations of VLMEvalKit-style QUOTE_ALL TSV and CSV files: the delimited reader returns or throws
  /// an `ImportError`, never crashes (RUN_FUZZ=N inputs per format; default 2,000).
  @Test func delimitedReaderSurvivesRandomMutations() throws {
    let n = Int(ProcessInfo.processInfo.environment["RUN_FUZZ"] ?? "") ?? 2000
    let dir = try temporaryDirectory()
    var total = (accepted: 0, rejected: 0)
    for (reader, sep, ext) in [(DelimitedTableReader.tsv, "\t", "tsv"), (DelimitedTableReader.csv, ",", "csv")] {
      let base = Array(tsv([["index", "question", "answer", "prediction"], ["0", "What \"is\" it?\n2nd line", "['a', 'b']", "A"],
                            ["1", "", "x,y\tz", "Failed to obtain answer via API"]]).replacingOccurrences(of: "\t", with: sep).utf8)
      var rng = SplitMix64(seed: 0x75F)
      let alphabet = Array("\"\t,\n\r ab01".utf8) + [0x00, 0xEF, 0xBB, 0xBF, 0xFF]
      let url = dir.appendingPathComponent("f.\(ext)")
      for _ in 0..<n {
        var b = base
        for _ in 0..<(1 + Int(rng.next() % 4)) {
          let p = Int(rng.next() % UInt64(b.count))
          switch rng.next() % 3 {
          case 0: b[p] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
          case 1: b.remove(at: p)
          default: b.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: p)
          }
          if b.isEmpty { b = [0x22] }
        }
        try Data(b).write(to: url)
        do {
          var width = 0
          _ = try reader.read(url, displayPath: "f.\(ext)", header: { width = $0.count; return nil }, row: { row in
            #expect(row.count >= 1 && row.number >= 2)
            _ = width
          })
          total.accepted += 1
        } catch is ImportError {
          total.rejected += 1
        }
      }
    }
    print("TSV/CSV fuzz: \(2 * n) mutated inputs, no crash (\(total.accepted) read, \(total.rejected) rejected with ImportError)")
    #expect(total.accepted + total.rejected == 2 * n && total.rejected > 0 && total.accepted > 0)
  }

  @Test func constantTokenCountsAndZeroPricesAreWarnings() async throws {
    let root = try temporaryDirectory()
    try write(Self.textVQA(["same", "same", "same"]),
              to: root.appendingPathComponent("work_dir/M-1/T20250101_Gabc12345/M-1_TextVQA_VAL.tsv"))
    try write("version: z\nmodels:\n  M-1: {input: 0, output: 1}\n", to: root.appendingPathComponent("pricing.yaml"))
    let s = try await Importer(options: ImportOptions(root: root)).run(into: try BenchStore.inMemory())
    #expect(s.warnings.contains { $0.contains("M-1 × TextVQA_VAL: every one of 3 records has 1 output tokens") })
    #expect(s.warnings.contains { $0.contains("model M-1 has a zero price") })
    #expect(ImportReport.markdown(s, root: "r").contains("## Warnings"))
  }
}
