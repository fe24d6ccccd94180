import BenchCore
import Foundation
import Testing

@testable import Routers

@Suite struct ExternalRouterTests {
  func write(_ text: String, ext: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ext-\(UUID().uuidString).\(ext)")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func fitRoute(_ path: String, rows: [Int]) throws -> [Int] {
    var b = tinyBenchmark()
    b.splits = [.train: [0, 1, 2, 3], .dev: [], .test: [4, 5]]
    var r = ExternalRouter(name: "Ext", path: path)
    var g = SplitMix64(seed: 1)
    try r.fit(TrainingData(benchmark: b, trainRows: [0, 1, 2, 3], devRows: []), objective: Objective(lambda: 0), using: &g)
    return try r.route(RoutingInputs(benchmark: b, rows: rows))
  }

  @Test func csvScoresAndDecisions() throws {
    let scores = try write("sample_id,m2,m0,m1\nA/4,0.1,0.7,0.2\nA/5,0.9,0.0,0.1\n", ext: "csv")
    #expect(try fitRoute(scores, rows: [4, 5]) == [0, 2])
    let decisions = try write("sample_id,model\nA/4,m1\nA/5,m2\n", ext: "csv")
    #expect(try fitRoute(decisions, rows: [4, 5]) == [1, 2])
  }

  @Test func jsonlScoresAndDecisions() throws {
    let path = try write("{\"sample_id\": \"A/4\", \"scores\": {\"m1\": 2, \"m2\": 1}}\n{\"sample_id\": \"A/5\", \"model\": \"m0\"}\n", ext: "jsonl")
    #expect(try fitRoute(path, rows: [4, 5]) == [1, 0])
  }

  @Test func missingCoverageUnknownModelAndBadNumbersAreClearErrors() throws {
    let partial = try write("sample_id,model\nA/4,m1\n", ext: "csv")
    #expect { try fitRoute(partial, rows: [4]) } throws: { "\($0)".contains("missing 1, e.g. A/5") }
    let unknown = try write("sample_id,model\nA/4,gpt9\nA/5,m0\n", ext: "csv")
    #expect { try fitRoute(unknown, rows: [4]) } throws: { "\($0)".contains(":2: unknown model 'gpt9'") }
    let bad = try write("sample_id,m0,m1,m2\nA/4,1,x,0\nA/5,0,0,1\n", ext: "csv")
    #expect { try fitRoute(bad, rows: [4]) } throws: { "\($0)".contains(":2: column 3 (m1): 'x' is not a number") }
  }
}

@Suite struct ExternalFileFormatTests {
  func write(_ text: String, ext: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ext-\(UUID().uuidString).\(ext)")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func table(_ path: String) throws -> [Lambda: [String: [Float]]] {
    try ExternalScoreFile(path: path, router: "Ext").table(models: ["m0", "m1", "m2"])
  }

  @Test func pandasFlatJSONLAndIndexedCSVRead() throws {
    // df.to_json(orient="records", lines=True) and df.to_csv() of the same frame.
    let jsonl = try write("{\"sample_id\":\"A\\/4\",\"m0\":0.1,\"m1\":0.7,\"m2\":0.2}\n{\"sample_id\":\"A\\/5\",\"m0\":0.9,\"m1\":0.0,\"m2\":0.1}\n", ext: "jsonl")
    let csv = try write(",sample_id,m0,m1,m2\n0,A/4,0.1,0.7,0.2\n1,A/5,0.9,0.0,0.1\n", ext: "csv")
    let unnamed = try write("Unnamed: 0,sample_id,m0,m1,m2\r\n0,A/4,0.1,0.7,0.2\r\n1,\"A/5\",0.9,0.0,0.1\r\n", ext: "csv")
    let expected: [String: [Float]] = ["A/4": [0.1, 0.7, 0.2], "A/5": [0.9, 0, 0.1]]
    for path in [jsonl, csv, unnamed] {
      #expect(try table(path) == [.notApplicable: expected], "\(path)")
    }
    // A model missing from a row scores −∞ (never chosen).
    let partial = try write("{\"sample_id\": \"A/4\", \"m2\": 3}\n", ext: "jsonl")
    #expect(try table(partial)[.notApplicable]?["A/4"] == [-.infinity, -.infinity, 3])
  }

  @Test func thresholdAndLambdaColumnsAreOperatingPoints() throws {
    // A RouteLLM-style router: the strong model m2 when its win rate ≥ threshold, else the cheap m0.
    let csv = try write(",sample_id,threshold,model\n0,A/4,0.2,m2\n1,A/5,0.2,m2\n2,A/4,0.5,m0\n3,A/5,0.5,m2\n4,A/4,0.8,m0\n5,A/5,0.8,m0\n", ext: "csv")
    let t = try table(csv)
    #expect(t.keys.sorted() == [.finite(0.2), .finite(0.5), .finite(0.8)])
    #expect(t[.finite(0.5)]?["A/4"] == [1, 0, 0] && t[.finite(0.5)]?["A/5"] == [0, 0, 1])
    var registry = RouterRegistry()
    try registry.registerExternal(name: "RouteLLM", path: csv, sha256: "ab")
    let entry = try registry.entry(named: "RouteLLM")
    #expect(entry.dependsOnLambda && entry.operatingPoints == [.finite(0.2), .finite(0.5), .finite(0.8)])
    #expect(try entry.make([:], "t").configurationJSON.contains("\"axis\":\"threshold\""))
    // Each run routes at its own point (the run's λ).
    var b = tinyBenchmark()
    b.splits = [.train: [0, 1, 2, 3], .dev: [], .test: [4, 5]]
    var r = ExternalRouter(name: "RouteLLM", path: csv)
    var g = SplitMix64(seed: 1)
    try r.fit(TrainingData(benchmark: b, trainRows: [0, 1, 2, 3], devRows: []), objective: Objective(lambda: 0.8), using: &g)
    #expect(try r.route(RoutingInputs(benchmark: b, rows: [4, 5])) == [0, 0])
    #expect(r.fitReport == ["operating_point": "threshold=0.8"])
    #expect {
      try r.fit(TrainingData(benchmark: b, trainRows: [0, 1, 2, 3], devRows: []), objective: Objective(lambda: 0.3), using: &g)
    } throws: { "\($0)".contains("has no rows at threshold = 0.3") }
    // JSONL with a lambda key, inf included.
    let jsonl = try write("{\"sample_id\": \"A/4\", \"lambda\": \"inf\", \"m0\": 1}\n{\"sample_id\": \"A/4\", \"lambda\": 10, \"m1\": 1}\n", ext: "jsonl")
    #expect(try table(jsonl).keys.sorted() == [.finite(10), .infinity])
    // Without an axis the configuration JSON is what it always was (stored identities stay valid).
    let plain = try write("sample_id,model\nA/4,m1\n", ext: "csv")
    var r2 = RouterRegistry()
    try r2.registerExternal(name: "X", path: plain, sha256: "ab")
    #expect(try r2.entry(named: "X").make([:], "t").configurationJSON == "{\"file\":\"\(plain)\",\"name\":\"X\",\"sha256\":\"ab\"}")
    #expect(try r2.entry(named: "X").operatingPoints == nil)
  }

  @Test func everyOtherShapeIsAClearError() throws {
    let cases: [(String, String, String)] = [
      ("[{\"sample_id\": \"A/4\", \"m0\": 1}]", "json", "a JSON array; write one object per line"),
      ("{\"sample_id\": {\"0\": \"A/4\"}, \"m0\": {\"0\": 1}}", "json", "pandas' default column-oriented JSON"),
      ("{\"sample_id\": \"A/4\", \"m0\": null}\n", "jsonl", ":1: score for m0 is null (a NaN in pandas?)"),
      ("{\"sample_id\": \"A/4\", \"m0\": \"high\"}\n", "jsonl", ":1: score for m0 is not a number"),
      ("{\"sample_id\": \"A/4\", \"gpt9\": 1}\n", "jsonl", ":1: unknown model 'gpt9'"),
      ("{\"sample_id\": \"A/4\", \"threshold\": -1, \"m0\": 1}\n", "jsonl", "threshold '-1.0' is not a number ≥ 0"),
      ("{\"sample_id\": \"A/4\", \"threshold\": 0.5, \"m0\": 1}\n{\"sample_id\": \"A/5\", \"m0\": 1}\n", "jsonl", ":2: no \"threshold\""),
      ("sample_id\tm0\nA/4\t1\n", "tsv", "tab-separated; write CSV"),
      ("id,m0\nA/4,1\n", "csv", "the header must start with sample_id"),
      (",sample_id,m0\nx,A/4,1\n", "csv", "index column: 'x' is not an integer"),
      ("sample_id,threshold,m0\nA/4,0.5,1\nA/4,0.5,2\n", "csv", ":3: duplicate sample_id A/4 at threshold = 0.5"),
      ("sample_id,m0,m0\nA/4,1,2\n", "csv", "'m0' appears twice"),
      ("sample_id,m0\n\"A/4,1\n", "csv", "a quoted field is not closed"),
    ]
    for (text, ext, message) in cases {
      let path = try write(text, ext: ext)
      do {
        _ = try table(path)
        Issue.record("accepted: \(message)")
      } catch {
        #expect("\(error)".contains(message), "\(error)")
      }
    }
  }
}
