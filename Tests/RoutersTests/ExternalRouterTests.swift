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
