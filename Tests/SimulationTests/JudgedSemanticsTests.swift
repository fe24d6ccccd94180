import Foundation
import BenchCore
import Testing
@testable import Simulation
import VLRouterBenchPreset

/// Re-derives every per-sample correctness signal from the written files with the importer's rules (the brief's
/// contract, docs/simulation.md) and checks it against the in-memory scores.
@Suite("Judged files agree with the stored correctness")
struct JudgedSemanticsTests {
  static func yesNoRule(_ prediction: String) -> String {
    let words = Set(prediction.lowercased().split(separator: " ").map(String.init))
    switch (words.contains("yes"), words.contains("no")) {
    case (true, false): return "Yes"
    case (false, true): return "No"
    default: return "Unknown"
    }
  }

  @Test("Per-sample signals, token counts and aggregates", arguments: SlowTests.enabled ? [UInt64(11), 12] : [UInt64(11)])
  func judgedSemantics(seed: UInt64) throws {
    let sim = simulate(SimulationConfig(scale: 0.06, seed: seed))
    let dir = try makeTemporaryDirectory("judged-\(seed)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try write(sim, to: dir)
    var partialCredit = 0

    for (d, info) in sim.datasets.enumerated() {
      let judge = sim.judge(ofDataset: d)
      let rows = Array(sim.datasetRows[d])
      for (m, model) in sim.models.enumerated() {
        let prefix = dir.appendingPathComponent("work_dir/\(model.name)/\(simulatedEvalID)/\(model.name)_\(info.name)").path
        func table(_ suffix: String) throws -> TSVTable { try TSVTable(contentsOf: URL(fileURLWithPath: prefix + suffix)) }
        let pred = try table(".tsv")
        let predictions = try #require(pred.column("prediction"))
        let questions = try #require(pred.column("question"))
        let answers = try #require(pred.column("answer"))
        for (j, i) in rows.enumerated() {
          #expect(Text.simpleTokenCount(predictions[j]) == Int(sim.outputTokens[i, m]), "tokens of \(predictions[j])")
          #expect(Text.simpleTokenCount(questions[j]) + 256 == Int(sim.samples[i].inputTokens))
        }
        let truth = rows.map { sim.isCorrect(row: $0, model: m) }
        let scores = rows.map { Double(sim.quality[$0, m]) }
        var derived: [Bool] = []
        switch judge {
        case .multipleChoice:
          let t = try table("_openai_result.tsv")
          let hits = try #require(t.column("hit"))
          derived = hits.map { $0 == "1" }
          for j in rows.indices {
            #expect(hits[j] == "0" || hits[j] == "1")
            #expect((predictions[j].split(separator: " ").last.map(String.init) == answers[j]) == derived[j])
          }
          let acc = try TSVTable(contentsOf: URL(fileURLWithPath: prefix + "_acc.csv"), separator: ",")
          #expect(acc.header.prefix(2) == ["split", "Overall"])
          #expect(Double(acc.rows[0][1]) == Double(derived.count { $0 }) / Double(rows.count))
        case .yesNo:
          let t = try table("_auxmatch.tsv")
          let extracted = try #require(t.column("extracted")), score = try #require(t.column("score"))
          for j in rows.indices {
            #expect(extracted[j] == Self.yesNoRule(predictions[j]))
            #expect(score[j] == (extracted[j] == answers[j] ? "True" : "False"))
          }
          derived = score.map { $0 == "True" }
          let agg = try TSVTable(contentsOf: URL(fileURLWithPath: prefix + "_score.csv"), separator: ",")
          #expect(agg.header == ["split", "aAcc", "fAcc", "qAcc"])
          #expect(agg.rows[0][0] == "Overall")
          #expect(abs((Double(agg.rows[0][1]) ?? -1) - 100 * Double(derived.count { $0 }) / Double(rows.count)) < 1e-9)
        case .textVQA, .chartQA, .anls:
          let t = try table("_results.tsv")
          let matches = try #require(t.column("eval_match")).map { parsePythonList($0).compactMap(Double.init) }
          let evalScore = try #require(t.column("eval_score")).compactMap(Double.init)
          let gts = try #require(t.column("eval_gt")).map(parsePythonList)
          let evalPred = try #require(t.column("eval_pred"))
          #expect(evalScore.count == rows.count)
          for j in rows.indices {
            #expect(gts[j] == sim.samples[rows[j]].acceptedAnswers)
            #expect(predictions[j].hasSuffix(evalPred[j]))
            #expect(matches[j].count == gts[j].count)
            let mean = matches[j].reduce(0, +) / Double(matches[j].count)
            #expect(abs(evalScore[j] - mean) < 1e-12)
            if judge == .anls {
              let best = matches[j].min() ?? 1
              let anls = 1 - best >= 0.5 ? 1 - best : 0
              #expect(abs(anls - scores[j]) < 1e-6, "ANLS \(anls) vs stored \(scores[j])")
              derived.append(best == 0)
              if anls > 0 && anls < 1 { partialCredit += 1 }
            } else {
              #expect(evalScore[j] == 1.0 || evalScore[j] == 0.0)
              #expect(evalScore[j] == scores[j])
              derived.append(evalScore[j] == 1.0)
            }
          }
        case .ocr:
          for j in rows.indices {
            let p = predictions[j].lowercased().trimmingCharacters(in: .whitespaces)
            derived.append(parsePythonList(answers[j]).contains { p.contains($0.lowercased()) })
          }
          let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: prefix + "_score.json")))
              as? [String: Any])
          #expect(json["Final Score"] as? Int == derived.count { $0 })
        case .mathExtract:
          let t = try table("_gpt-4o-mini.tsv")
          let res = try #require(t.column("res"))
          derived = rows.indices.map {
            res[$0].trimmingCharacters(in: .whitespaces).lowercased() == answers[$0].trimmingCharacters(in: .whitespaces).lowercased()
          }
          let agg = try TSVTable(contentsOf: URL(fileURLWithPath: prefix + "_gpt-4o-mini_score.csv"), separator: ",")
          let overall = try #require(agg.rows.first { $0[0] == "Overall" })
          #expect(Int(overall[1]) == rows.count && Int(overall[3]) == derived.count { $0 })
        case .mathScore:
          let t = try table("_gpt-4o-mini_score.tsv")
          let score = try #require(t.column("score")), extract = try #require(t.column("extract"))
          derived = score.map { $0 == "True" }
          for j in rows.indices { #expect((extract[j] == answers[j]) == derived[j]) }
        }
        #expect(derived == truth, "\(model.name) on \(info.name)")
        if judge != .anls { #expect(zip(scores, truth).allSatisfy { $0 == ($1 ? 1 : 0) }) }
      }
    }
    #expect(partialCredit > 0, "DocVQA/InfoVQA near misses should earn some partial ANLS credit")
  }

  @Test("Output lengths follow the model and dataset type")
  func outputTokenProfiles() throws {
    let sim = FullScale.simulated
    func mean(_ model: String, _ judges: Set<JudgeKind>) throws -> Double {
      let m = try #require(sim.models.firstIndex { $0.name == model })
      var sum = 0.0, n = 0.0
      for (d, r) in sim.datasetRows.enumerated() where judges.contains(sim.judge(ofDataset: d)) {
        for i in r { sum += Double(sim.outputTokens[i, m]); n += 1 }
      }
      return sum / n
    }
    let all = Set(JudgeKind.allCases)
    let kimi = try mean("Kimi-VL-A3B-Thinking-2506", all)
    for model in sim.models where model.name != "Kimi-VL-A3B-Thinking-2506" {
      #expect(try mean(model.name, all) < kimi, "\(model.name) talks more than the thinking model")
    }
    #expect(kimi > 150)
    let qwenChoice = try mean("Qwen2.5-VL-72B-Instruct", [.multipleChoice])
    #expect(qwenChoice >= 5 && qwenChoice <= 15)
    #expect(try mean("deepseek_vl2_tiny", [.multipleChoice]) < 3)
    #expect(try mean("Qwen2.5-VL-72B-Instruct", [.textVQA, .chartQA, .anls]) < 4)
    #expect(try mean("Qwen2.5-VL-72B-Instruct", [.mathExtract, .mathScore]) > 100)
    #expect(try mean("GPT4o", [.multipleChoice, .yesNo]) > qwenChoice)
  }

  @Test("Tiny scales still give a complete, valid benchmark", arguments: [0.0001, 0.05])
  func smallScales(scale: Double) throws {
    let sim = simulate(SimulationConfig(scale: scale, seed: 4))
    for (d, r) in sim.datasetRows.enumerated() {
      #expect(r.count >= 5)
      #expect(r.count == max(5, Int((Double(VLRouterBench.shared.datasets[d].totalSamples) * scale).rounded())))
    }
    #expect(sim.quality.values.count == sim.sampleCount * 17)
    #expect(sim.quality.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(sim.outputTokens.values.allSatisfy { $0 >= 1 })
    #expect(sim.features.patches.shape == [sim.sampleCount, 16, 32])
    let b = sim.benchmark()
    #expect(try b.rows(of: .test).count + b.rows(of: .dev).count + b.rows(of: .train).count == sim.sampleCount)
    #expect(Set(b.sampleIDs).count == sim.sampleCount)
  }
}
