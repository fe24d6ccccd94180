import Foundation
import BenchCore
import Testing
@testable import Simulation
import VLRouterBenchPreset

@Suite("Written files parse back")
struct FileFormatTests {
  static let judgedSuffix: [JudgeKind: String] = [
    .multipleChoice: "_openai_result.tsv", .yesNo: "_auxmatch.tsv", .textVQA: "_results.tsv",
    .chartQA: "_results.tsv", .anls: "_results.tsv", .mathExtract: "_gpt-4o-mini.tsv",
    .mathScore: "_gpt-4o-mini_score.tsv",
  ]
  static let judgedColumns: [JudgeKind: [String]] = [
    .multipleChoice: ["hit", "log"], .yesNo: ["extracted", "score"],
    .textVQA: ["eval_gt", "eval_pred", "eval_match", "eval_score"],
    .chartQA: ["eval_gt", "eval_pred", "eval_match", "eval_score"],
    .anls: ["eval_gt", "eval_pred", "eval_match", "eval_score"], .mathExtract: ["res", "log"],
    .mathScore: ["extract", "score"],
  ]
  static let aggregateName: [JudgeKind: String] = [
    .multipleChoice: "_acc.csv", .yesNo: "_score.csv", .textVQA: "_acc.csv", .chartQA: "_acc.csv", .anls: "_acc.csv",
    .ocr: "_score.json", .mathExtract: "_gpt-4o-mini_score.csv", .mathScore: "_gpt-4o-mini_score.csv",
  ]

  @Test("Layout, TSV columns and quoting, dataset TSVs, ids, prices and manifest")
  func layoutAndTables() throws {
    let sim = simulate(SimulationConfig(scale: 0.05, seed: 5))
    let dir = try makeTemporaryDirectory("layout")
    defer { try? FileManager.default.removeItem(at: dir) }
    try write(sim, to: dir)

    for (d, info) in sim.datasets.enumerated() {
      let judge = sim.judge(ofDataset: d)
      let rows = Array(sim.datasetRows[d])
      #expect(rows.count >= 5)
      let options = judge == .multipleChoice ? ["A", "B", "C", "D"] : []
      let lmu = try TSVTable(contentsOf: dir.appendingPathComponent("LMUData/\(info.name).tsv"))
      #expect(lmu.header == ["index", "image", "question"] + options + ["answer", "category"])
      #expect(lmu.column("index") == rows.map { sim.samples[$0].index })
      #expect(lmu.column("question") == rows.map { sim.samples[$0].question })
      #expect(lmu.column("answer") == rows.map { sim.samples[$0].answer })
      for image in lmu.column("image") ?? [] {
        #expect(image.count > 64)  // never mistaken for VLMEvalKit's ≤64-character image references
        #expect(Data(base64Encoded: image)?.count == 51)
      }
      if judge == .yesNo {
        #expect(lmu.column("index")?.allSatisfy { $0.split(separator: "_").count == 6 } == true)
      } else {
        #expect(lmu.column("index")?.allSatisfy { Int($0) != nil } == true)
      }

      for (m, model) in sim.models.enumerated() {
        let run = dir.appendingPathComponent("work_dir/\(model.name)/\(simulatedEvalID)")
        let prefix = run.appendingPathComponent("\(model.name)_\(info.name)").path
        let pred = try TSVTable(contentsOf: URL(fileURLWithPath: prefix + ".tsv"))
        let base = lmu.header.filter { $0 != "image" } + ["prediction"]
        #expect(pred.header == base)
        #expect(pred.rows.count == rows.count)
        #expect(pred.column("prediction") == rows.map { sim.prediction(row: $0, model: m) })
        if let suffix = Self.judgedSuffix[judge], let extra = Self.judgedColumns[judge] {
          let judged = try TSVTable(contentsOf: URL(fileURLWithPath: prefix + suffix))
          #expect(judged.header == base + extra)
          #expect(judged.rows.map { Array($0.prefix(base.count)) } == pred.rows)
        } else {
          #expect(judge == .ocr)
        }
        let aggregate = try #require(Self.aggregateName[judge])
        #expect(FileManager.default.fileExists(atPath: prefix + aggregate), "\(prefix + aggregate)")
      }
    }

    // Nothing but the run directory under each model, nothing unexpected inside it.
    for model in sim.models {
      let top = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("work_dir/\(model.name)").path)
      #expect(top == [simulatedEvalID])
    }
    let work = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("work_dir").path)
    #expect(Set(work) == Set(sim.models.map(\.name)))

    let ids = try String(contentsOf: dir.appendingPathComponent("features/sample_ids.txt"), encoding: .utf8)
    #expect(ids.split(separator: "\n").map(String.init) == sim.samples.indices.map(sim.sampleID))

    let yaml = try String(contentsOf: dir.appendingPathComponent("pricing.yaml"), encoding: .utf8)
    #expect(yaml.contains("currency: USD\n") && yaml.contains("unit: per_1m_tokens\n"))
    var prices: [String: (Double, Double)] = [:]
    for line in yaml.split(separator: "\n") where line.hasPrefix("  ") {
      let parts = line.split(whereSeparator: { " :{},".contains($0) })
      // name, "input", x, "output", y
      if parts.count == 5, let i = Double(parts[2]), let o = Double(parts[4]) { prices[String(parts[0])] = (i, o) }
    }
    #expect(prices.count == 17)
    for model in VLRouterBench.shared.models {
      let (info, price) = (model.info, model.price)
      #expect(prices[info.name]?.0 == price.inputPerMillion && prices[info.name]?.1 == price.outputPerMillion)
    }

    let manifest = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("simulation.json")))
        as? [String: Any])
    #expect(manifest["simulated"] as? Bool == true)
    #expect(manifest["preset"] as? String == "vl-routerbench")
    #expect(manifest["seed"] as? Int == 5)
    #expect((manifest["counts"] as? [String: Any])?["samples"] as? Int == sim.sampleCount)
  }

  @Test("Feature .npy files: numpy v1.0 header padded to 64 bytes, values round trip")
  func featureFiles() throws {
    let sim = simulate(SimulationConfig(scale: 0.02, seed: 3))
    let dir = try makeTemporaryDirectory("npy")
    defer { try? FileManager.default.removeItem(at: dir) }
    try write(sim, to: dir)
    let n = sim.sampleCount
    for (name, expected, shape) in [("text", sim.features.text, "(\(n), 384)"), ("image", sim.features.image, "(\(n), 256)"),
                                    ("patches", sim.features.patches, "(\(n), 16, 32)")] {
      let url = dir.appendingPathComponent("features/\(name).npy")
      let bytes = [UInt8](try Data(contentsOf: url))
      #expect(Array(bytes[0..<8]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
      let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      #expect((10 + headerLength) % 64 == 0)
      let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
      #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"))
      #expect(header.hasSuffix(" \n"))
      #expect(bytes.count == 10 + headerLength + 4 * expected.values.count)
      let back = try NumpyArray(contentsOf: url)
      #expect(back == expected)
      #expect(back.values.allSatisfy { $0.isFinite })
    }
  }

  @Test("NumpyArray: 1-D and empty shapes, header padding, rejects what it cannot read")
  func numpyEdgeCases() throws {
    let one = NumpyArray(shape: [3], values: [1, -2.5, .infinity])
    #expect(one.headerDictionary == "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }")
    #expect(try NumpyArray(npy: [UInt8](one.encoded())) == one)
    let empty = NumpyArray(shape: [0, 4], values: [])
    #expect(try NumpyArray(npy: [UInt8](empty.encoded())) == empty)
    for rows in [1, 9, 99, 12345, 1_000_000] {
      let header = NumpyArray(shape: [rows, 0], values: []).encoded()
      #expect(header.count % 64 == 0, "rows \(rows)")
    }
    // Little-endian bytes of 1.0f after the header.
    let bytes = [UInt8](NumpyArray(shape: [1], values: [1]).encoded())
    #expect(Array(bytes.suffix(4)) == [0x00, 0x00, 0x80, 0x3F])
    var float64 = [UInt8](one.encoded())
    let pattern = Array("<f4".utf8)
    let at = try #require((0..<(float64.count - 3)).first { Array(float64[$0..<($0 + 3)]) == pattern })
    float64[at + 2] = UInt8(ascii: "8")
    #expect(throws: BenchCoreError.self) { try NumpyArray(npy: float64) }
    #expect(throws: BenchCoreError.self) { try NumpyArray(npy: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x58, 1, 0, 0, 0]) }
    #expect(throws: BenchCoreError.self) { try NumpyArray(npy: Array([UInt8](one.encoded()).dropLast())) }
  }

  @Test("QUOTE_ALL round trip through an independent reader: quotes, tabs, newlines, non-ASCII")
  func quotingRoundTrip() throws {
    let rows = [["index", "text", "note"], ["0", "say \"hi\"", "tab\there"], ["1", "line\nbreak", "ünïcødé — ✓"],
                ["2", "", "\"\""]]
    var t = DelimitedText()
    for r in rows { t.row(r) }
    let text = String(decoding: t.bytes, as: UTF8.self)
    #expect(text.hasPrefix("\"index\"\t\"text\"\t\"note\"\n\"0\"\t\"say \"\"hi\"\"\"\t"))
    let table = try TSVTable(text: text)
    #expect([table.header] + table.rows == rows)
    var c = DelimitedText(separator: UInt8(ascii: ","))
    c.row(["split", "Overall"])
    #expect(String(decoding: c.bytes, as: UTF8.self) == "\"split\",\"Overall\"\n")
  }
}
