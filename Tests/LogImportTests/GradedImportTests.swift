import BenchCore
import BenchStore
import Foundation
import Testing

@testable import LogImport

/// The graded importer (ECVL-Router data: 1–10 judge scores and latencies): both layouts in CSV and JSONL, the
/// named errors, the missing-cell policy, atomicity and idempotence.
@Suite struct GradedImportTests {
  static let header = ["sample_id", "dataset", "model", "score", "latency_s", "input_tokens", "output_tokens",
                       "prompt", "image"]

  /// Two datasets × 2 samples × 2 models, long layout; `edit` may change cells (row = data row, 0-based).
  static func longRows(edit: (inout [[String]]) -> Void = { _ in }) -> [[String]] {
    var rows: [[String]] = []
    for (dataset, samples) in [("GQA", ["7", "8"]), ("ChartQA", ["1", "2"])] {
      for s in samples {
        for (m, score, latency, out) in [("small-1B", "6", "0.5", "4"), ("large-38B", "8", "2.25", "9")] {
          rows.append([s, dataset, m, score, latency, "300", out, "What is \(dataset) \(s)?", "img/\(s).jpg"])
        }
      }
    }
    edit(&rows)
    return rows
  }

  static func csv(_ rows: [[String]], header: [String] = header) -> String {
    ([header] + rows).map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
      .joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  func importing(_ text: String, name: String = "scores.csv", options: (inout GradedImportOptions) -> Void = { _ in },
                 into store: BenchStore? = nil) throws -> (GradedImportSummary, BenchStore) {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent(name)
    try write(text, to: file)
    var o = GradedImportOptions(file: file)
    options(&o)
    let s = try store ?? BenchStore.inMemory()
    return (try GradedImport.run(o, into: s), s)
  }

  func expectImportError(_ text: String, name: String = "scores.csv", kind: ImportError.Kind, row: Int?,
                         column: String?, contains: String, options: (inout GradedImportOptions) -> Void = { _ in },
                         sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      _ = try importing(text, name: name, options: options)
      Issue.record("expected an import error (\(contains))", sourceLocation: sourceLocation)
    } catch let e as ImportError {
      #expect(e.kind == kind, "\(e)", sourceLocation: sourceLocation)
      #expect(e.file == name, "\(e)", sourceLocation: sourceLocation)
      #expect(e.row == row, "\(e)", sourceLocation: sourceLocation)
      #expect(e.column == column, "\(e)", sourceLocation: sourceLocation)
      #expect(e.description.contains(contains), "\(e)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test("The long layout stores judge scores, latencies, tokens, prompts, tiers and the [0, 1] score")
  func longLayout() throws {
    let (summary, store) = try importing(Self.csv(Self.longRows())) { $0.edgeModels = ["small-1B"] }
    #expect(summary.layout == .long && summary.wrote && summary.samples == 4 && summary.models == 2)
    #expect(summary.recordsImported == 8 && summary.records == 8)
    let (snapshot, table) = try store.gradedSnapshot()
    #expect(table.sampleKeys == ["GQA/7", "GQA/8", "ChartQA/1", "ChartQA/2"])
    #expect(table.models.map(\.name) == ["large-38B", "small-1B"])
    #expect(table.models.map(\.tier) == [.cloud, .edge])
    #expect(table.judge[0, 0] == 8 && table.judge[0, 1] == 6 && table.latency[2, 0] == 2.25)
    #expect(table.outputTokens[3, 1] == 4 && table.inputTokens == [300, 300, 300, 300])
    #expect(table.prompts[1] == "What is GQA 8?" && table.hasImage.allSatisfy { $0 })
    // The VL-RouterBench view: score (judge − 1)/9, correct iff judge ≥ 6, a default split over every sample.
    #expect(snapshot.benchmark.quality[0, 0] == Float(7.0 / 9) && snapshot.benchmark.isCorrect(0, 1))
    #expect(try store.splitNames() == [BenchStore.defaultSplitName])
    #expect(try store.provenance(sample: "ChartQA/2", model: "large-38B")?.row == 9)
  }

  @Test("JSONL and the wide layout give the same store as the long CSV")
  func jsonlAndWide() throws {
    let (_, long) = try importing(Self.csv(Self.longRows()))
    var lines: [String] = []
    for r in Self.longRows() {
      lines.append("{\"sample_id\": \(r[0]), \"dataset\": \"\(r[1])\", \"model\": \"\(r[2])\", \"score\": \(r[3]), "
                   + "\"latency_s\": \(r[4]), \"input_tokens\": 300, \"output_tokens\": \(r[6]), \"prompt\": \"\(r[7])\", "
                   + "\"image\": \"\(r[8])\"}")
    }
    // With a byte-order mark, CRLF line ends and a blank line.
    let (jsonSummary, jsonl) = try importing("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n\r\n", name: "scores.jsonl")
    #expect(jsonSummary.layout == .long)
    let wideHeader = ["sample_id", "dataset", "prompt", "image", "input_tokens", "score:small-1B", "latency_s:small-1B",
                      "output_tokens:small-1B", "score:large-38B", "latency_s:large-38B", "output_tokens:large-38B"]
    var wideRows: [[String]] = []
    for (dataset, samples) in [("GQA", ["7", "8"]), ("ChartQA", ["1", "2"])] {
      for s in samples {
        wideRows.append([s, dataset, "What is \(dataset) \(s)?", "img/\(s).jpg", "300", "6", "0.5", "4", "8", "2.25", "9"])
      }
    }
    let (wideSummary, wide) = try importing(Self.csv(wideRows, header: wideHeader))
    #expect(wideSummary.layout == .wide)
    func content(_ s: BenchStore) throws -> [[Double]] {
      let t = try s.gradedSnapshot().graded
      return (0..<t.sampleCount).map { i in (0..<t.models.count).flatMap { [t.judge[i, $0], t.latency[i, $0],
                                                                           Double(t.outputTokens[i, $0])] } }
    }
    #expect(try content(long) == content(jsonl))
    #expect(try content(long) == content(wide))
    #expect(try long.gradedSnapshot().graded.sampleKeys == wide.gradedSnapshot().graded.sampleKeys)
  }

  @Test("Bad values are errors naming the file, row and column")
  func badValues() {
    expectImportError(Self.csv(Self.longRows { $0[2][3] = "11" }), kind: .badValue, row: 4, column: "score",
                      contains: "judge score 11 is outside [1, 10]")
    expectImportError(Self.csv(Self.longRows { $0[0][3] = "0.5" }), kind: .badValue, row: 2, column: "score",
                      contains: "outside [1, 10]")
    expectImportError(Self.csv(Self.longRows { $0[1][3] = "good" }), kind: .badValue, row: 3, column: "score",
                      contains: "not a number")
    expectImportError(Self.csv(Self.longRows { $0[5][4] = "-0.1" }), kind: .badValue, row: 7, column: "latency_s",
                      contains: "negative")
    expectImportError(Self.csv(Self.longRows { $0[5][4] = "inf" }), kind: .badValue, row: 7, column: "latency_s",
                      contains: "not finite")
    expectImportError(Self.csv(Self.longRows { $0[5][4] = "nan" }), kind: .badValue, row: 7, column: "latency_s",
                      contains: "not finite")
    expectImportError(Self.csv(Self.longRows { $0[6][6] = "-3" }), kind: .badValue, row: 8, column: "output_tokens",
                      contains: "token count")
    expectImportError(Self.csv(Self.longRows { $0[1][7] = "another prompt" }), kind: .badValue, row: 3,
                      column: "prompt", contains: "differs from row 2")
    expectImportError(Self.csv(Self.longRows { $0[3] = $0[2] }), kind: .duplicate, row: 5, column: "model",
                      contains: "scored twice for model small-1B (first at row 4)")
    expectImportError(Self.csv(Self.longRows(), header: Self.header.map { $0 == "latency_s" ? "latency" : $0 }),
                      kind: .badValue, row: 1, column: "latency", contains: "unknown column 'latency'")
    expectImportError(Self.csv(Self.longRows().map { Array($0.prefix(4)) }, header: Array(Self.header.prefix(4))),
                      kind: .missingColumn, row: 1, column: "latency_s", contains: "no 'latency_s' column")
    expectImportError("id,value\n1,2\n", kind: .missingColumn, row: 1, column: nil, contains: "neither the long layout")
    expectImportError("{\"sample_id\": 1, \"dataset\": \"GQA\", \"model\": \"m\", \"score\": true, \"latency_s\": 1}\n",
                      name: "scores.jsonl", kind: .malformed, row: 1, column: nil, contains: "not a JSON object")
    let wide = ["sample_id,dataset,score:a,latency_s:a", "1,GQA,7,", ""].joined(separator: "\n")
    expectImportError(wide, kind: .badValue, row: 2, column: "latency_s:a", contains: "a judge score without a latency")
    #expect { _ = try importing(Self.csv(Self.longRows())) { $0.edgeModels = ["tiny"] } } throws: {
      ($0 as? ImportError)?.kind == .usage && "\($0)".contains("--edge names model 'tiny'")
    }
  }

  @Test("A sample scored for one model only: refused by default, or dropped (sample or model) by the policy")
  func missingCells() throws {
    let oneSided = Self.csv(Self.longRows { $0.remove(at: 3) })  // GQA/8 lacks large-38B
    expectImportError(oneSided, kind: .incomplete, row: nil, column: nil,
                      contains: "model large-38B lacks 1 of 2 samples of GQA (e.g. GQA/8)")
    let (dropped, store) = try importing(oneSided) { $0.missing = .dropSample }
    #expect(dropped.droppedSamples == ["GQA/8"] && dropped.samples == 3 && dropped.records == 6)
    #expect(try store.gradedSnapshot().graded.sampleKeys == ["GQA/7", "ChartQA/1", "ChartQA/2"])
    let (model, _) = try importing(oneSided) { $0.missing = .dropModel }
    #expect(model.droppedModels == ["large-38B"] && model.models == 1 && model.samples == 4)
    // The wide layout's empty pair of cells is the same missing cell.
    let wide = ["sample_id,dataset,score:a,latency_s:a,score:b,latency_s:b", "1,GQA,7,1.5,8,2", "2,GQA,6,1,,", ""]
      .joined(separator: "\n")
    expectImportError(wide, kind: .incomplete, row: nil, column: nil, contains: "model b lacks 1 of 2 samples of GQA")
  }

  @Test("A failed import leaves the database unchanged; an unchanged file is not written again")
  func atomicAndIdempotent() throws {
    let dir = try temporaryDirectory()
    let store = try BenchStore(path: dir.appendingPathComponent("g.sqlite").path)
    let file = dir.appendingPathComponent("scores.csv")
    try write(Self.csv(Self.longRows()), to: file)
    _ = try GradedImport.run(GradedImportOptions(file: file), into: store)
    let before = try store.dump()
    let again = try GradedImport.run(GradedImportOptions(file: file), into: store)
    #expect(!again.wrote && again.records == 8 && again.notes.contains { $0.contains("nothing written") })
    #expect(try store.dump() == before)
    // A later bad file changes nothing, even though its first rows are valid.
    try write(Self.csv(Self.longRows { $0[0][3] = "9"; $0[7][4] = "-1" }), to: file)
    #expect(throws: ImportError.self) { try GradedImport.run(GradedImportOptions(file: file), into: store) }
    #expect(try store.dump() == before)
    // A changed valid file replaces the records it scores.
    try write(Self.csv(Self.longRows { $0[0][3] = "9" }), to: file)
    #expect(try GradedImport.run(GradedImportOptions(file: file), into: store).wrote)
    #expect(try store.gradedSnapshot().graded.judge[0, 1] == 9)
  }

  @Test("models.csv sets display names, sizes and tiers; input tokens are counted when empty; features import alongside")
  func modelsFeaturesAndTokens() throws {
    let dir = try temporaryDirectory()
    try write("model,display_name,params_b,tier\nsmall-1B,Small 1B,1,edge\nlarge-38B,Large,38,cloud\n",
              to: dir.appendingPathComponent("models.csv"))
    try write(Self.csv(Self.longRows { rows in for i in rows.indices { rows[i][5] = "" } }),
              to: dir.appendingPathComponent("scores.csv"))
    let keys = ["GQA/7", "GQA/8", "ChartQA/1", "ChartQA/2"]
    try write(keys.joined(separator: "\n") + "\n", to: dir.appendingPathComponent("features/sample_ids.txt"))
    try writeNpy((0..<8).map(Float.init), shape: [4, 2], to: dir.appendingPathComponent("features/text.npy"))
    let store = try BenchStore.inMemory()
    let s = try GradedImport.run(GradedImportOptions(
      file: dir.appendingPathComponent("scores.csv"), features: [dir.appendingPathComponent("features/text.npy")],
      modelsFile: dir.appendingPathComponent("models.csv")), into: store)
    #expect(s.featureSets == ["text"] && s.notes.contains { $0.contains("input tokens counted") })
    let table = try store.gradedSnapshot().graded
    #expect(table.models.map(\.displayName) == ["Large", "Small 1B"] && table.models.map(\.tier) == [.cloud, .edge])
    // "What is GQA 7?" is 5 approximate tokens (What, is, GQA, 7, ?) plus 256 for the image.
    #expect(table.inputTokens[0] == 261)
    #expect(try store.loadFeatures(name: "text").values == (0..<8).map(Float.init))
    try write("model,tier\nsmall-1B,phone\n", to: dir.appendingPathComponent("models.csv"))
    #expect { try GradedImport.run(GradedImportOptions(file: dir.appendingPathComponent("scores.csv"),
                                                       modelsFile: dir.appendingPathComponent("models.csv")),
                                   into: try BenchStore.inMemory()) } throws: {
      ($0 as? ImportError)?.column == "tier" && ($0 as? ImportError)?.row == 2
    }
  }
}
