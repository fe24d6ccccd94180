import BenchCore
import Foundation
import Testing
@testable import Simulation

/// Simulated outputs vary in length as real ones do: no (model, dataset) has one constant token count, counted the
/// way the importer counts (`Text.simpleTokenCount` is the importer's first-cut rule), and the counts are the
/// rendered predictions' own.
@Suite struct OutputLengthTests {
  /// (model, dataset) pairs of `sim` whose predictions all have the same token count.
  func constantPairs(_ sim: SimulatedBenchmark) -> [String] {
    var out: [String] = []
    for (d, rows) in sim.datasetRows.enumerated() {
      for m in sim.models.indices {
        var counts: Set<Int> = []
        for i in rows {
          let n = Text.simpleTokenCount(sim.prediction(row: i, model: m))
          #expect(n == Int(sim.outputTokens[i, m]))
          counts.insert(n)
          if counts.count > 1 { break }
        }
        if counts.count < 2 { out.append(sim.models[m].name + " × " + sim.datasets[d].name) }
      }
    }
    return out
  }

  @Test("Full scale: every (model, dataset) has varying output token counts")
  func fullScaleVaries() {
    let constant = constantPairs(FullScale.simulated)
    #expect(constant.isEmpty, "constant token counts: \(constant)")
  }

  @Test("Small scales vary too", arguments: SlowTests.enabled ? [UInt64(42), 7, 11] : [UInt64(42)])
  func smallScaleVaries(seed: UInt64) {
    let constant = constantPairs(simulate(SimulationConfig(scale: 0.05, seed: seed)))
    #expect(constant.isEmpty, "constant token counts: \(constant)")
  }

  @Test("Short answers still vary; verbose models explain more often; ChartQA answers include numbers")
  func shortAnswerShapes() throws {
    let sim = FullScale.simulated
    let chart = try #require(sim.datasets.firstIndex { $0.name == "ChartQA_TEST" })
    let rows = sim.datasetRows[chart]
    func share(_ model: String, where predicate: (Int, Int) -> Bool) throws -> Double {
      let m = try #require(sim.models.firstIndex { $0.name == model })
      return Double(rows.count { predicate($0, m) }) / Double(rows.count)
    }
    // An explanation before the answer: more tokens than the given answer has words.
    func explained(_ i: Int, _ m: Int) -> Bool {
      Int(sim.outputTokens[i, m]) > (sim.givenAnswer(row: i, model: m)?.split(separator: " ").count ?? 0)
    }
    let terse = try share("deepseek_vl2_tiny", where: explained)
    let verbose = try share("GPT4o", where: explained)
    #expect(terse > 0 && terse < 0.1, "DeepSeek-VL2-Tiny explains \(terse)")
    #expect(verbose > terse && verbose < 0.3, "GPT-4o explains \(verbose)")
    let numeric = Double(rows.count { i in
      sim.samples[i].acceptedAnswers[0].split(separator: " ").allSatisfy { Vocabulary.numberWords.contains(String($0)) }
    }) / Double(rows.count)
    #expect(numeric > 0.4 && numeric < 0.6, "numeric ChartQA answers: \(numeric)")
    // Multiple choice: the terse model mostly gives the letter alone, sometimes more.
    let mmb = try #require(sim.datasets.firstIndex { $0.name == "MMBench_DEV_EN_V11" })
    let tiny = try #require(sim.models.firstIndex { $0.name == "deepseek_vl2_tiny" })
    let letterOnly = Double(sim.datasetRows[mmb].count { sim.outputTokens[$0, tiny] == 1 })
      / Double(sim.datasetRows[mmb].count)
    #expect(letterOnly > 0.6 && letterOnly < 0.95, "letter-only share \(letterOnly)")
  }
}

@Suite struct TokenVolumeTests {
  /// VL-RouterBench §3: "519,180 sample–model pairs with a total input–output token volume of 34,494,977", about
  /// 66 text tokens per pair — so the paper's volume counts text only (an image alone is hundreds of tokens).
  @Test("Text token volume (question + output, over all pairs) is within 25% of the paper's 34,494,977")
  func textTokenVolume() {
    let sim = FullScale.simulated
    var questions = 0, outputs = 0
    for s in sim.samples { questions += (Int(s.inputTokens) - 256) * sim.modelCount }
    for v in sim.outputTokens.values { outputs += Int(v) }
    let total = questions + outputs
    print("text token volume: \(total) (questions \(questions), outputs \(outputs)) over "
          + "\(sim.sampleCount * sim.modelCount) pairs; paper 34,494,977 over 519,180")
    #expect(sim.sampleCount * sim.modelCount == 519_180)
    #expect(abs(Double(total) / 34_494_977 - 1) <= 0.25, "volume \(total)")
  }
}
