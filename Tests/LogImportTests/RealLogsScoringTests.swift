import Foundation
import Testing
@testable import LogImport

/// Acceptance: per-sample scores recomputed from the real VLMEvalKit logs reproduce the aggregates
/// VLMEvalKit stored next to them.
@Suite(.enabled(if: XLSXTestSupport.realLogsPresent,
                "real VLMEvalKit logs not found at ../shared/real-logs (beside the repository); skipped"))
struct RealLogsScoringTests {
  static let root = XLSXTestSupport.realLogsRoot

  /// (model, run directory, stored TextVQA Overall as written in `_acc.csv`).
  static let textVQARuns: [(model: String, run: String, stored: String)] = [
    ("LLaVA-CoT", "T20250425_G92bfa89f", "0.0"),
    ("Llama-3.2-11B-Vision-Instruct", "T20250426_Ga32ffdf2", "54.04600000000001"),
    ("Qwen2.5-VL-3B-Instruct", "T20250425_G92bfa89f", "79.13"),
    ("Qwen2.5-VL-7B-Instruct", "T20250423_G92bfa89f", "85.39200000000001"),
    ("VLM-R1", "T20250426_Ga32ffdf2", "74.87"),
  ]

  static func textVQAScores(model: String, run: String, rule: VQAPeriodRule) throws -> [Double] {
    let url = root.appendingPathComponent("\(model)/\(run)/\(model)_TextVQA_VAL.xlsx")
    var scores: [Double] = []
    try XLSXReader(url: url).forEachRecord { rec in
      // VLMEvalKit loads the file with pandas (NA strings → NaN) and applies str() to both columns.
      let prediction = PandasNA.asPandasString(rec["prediction"]!)
      let answers = VQAScore.answers(fromCell: PandasNA.asPandasString(rec["answer"]!))
      scores.append(VQAScore.accuracy(prediction: prediction, answers: answers, rule: rule))
    }
    return scores
  }

  @Test func textVQALegacyPeriodRuleReproducesStoredAccuracyExactly() throws {
    for r in Self.textVQARuns {
      let accURL = Self.root.appendingPathComponent("\(r.model)/\(r.run)/\(r.model)_TextVQA_VAL_acc.csv")
      let stored = try AggregateFiles.overallAccuracy(accURL)
      #expect(stored == Double(r.stored)!)
      #expect(VQAPeriodRule.forRunDirectory(r.run) == .legacy)
      let scores = try Self.textVQAScores(model: r.model, run: r.run, rule: .legacy)
      #expect(scores.count == 5000)
      let cmp = AggregateFiles.compare(stored: stored, perSample: scores, scale: .percent)
      #expect(cmp.exact, "\(r.model): recomputed \(cmp.recomputed), stored \(cmp.stored)")
      print("TextVQA_VAL \(r.model): stored \(stored), recomputed (legacy rule) \(cmp.recomputed)")
    }
  }

  @Test func textVQACurrentPeriodRuleDiffers() throws {
    // With the May-2025 regex, "1990."-style predictions no longer match: Llama-3.2-11B drops to ~45.05.
    let scores = try Self.textVQAScores(model: "Llama-3.2-11B-Vision-Instruct", run: "T20250426_Ga32ffdf2", rule: .current)
    let value = AggregateScale.percent.value(of: scores)
    print("TextVQA_VAL Llama-3.2-11B-Vision-Instruct with the current period rule: \(value)")
    #expect(abs(value - 45.05) < 0.01)
  }

  @Test func scienceQAHitMeansEqualStoredOverall() throws {
    let runs = [
      ("LLaVA-CoT", "T20250426_Ga32ffdf2"), ("Llama-3.2-11B-Vision-Instruct", "T20250426_Ga32ffdf2"),
      ("Qwen2.5-VL-3B-Instruct", "T20250425_G92bfa89f"), ("Qwen2.5-VL-7B-Instruct", "T20250420_Gfcbe1e42"),
      ("VLM-R1", "T20250426_Ga32ffdf2"),
    ]
    for (model, run) in runs {
      let dir = Self.root.appendingPathComponent("\(model)/\(run)")
      var hits: [Double] = []
      var splits = Set<String>()
      try XLSXReader(url: dir.appendingPathComponent("\(model)_ScienceQA_TEST_openai_result.xlsx")).forEachRecord { rec in
        let hit = try #require(MCQHits.parse(rec["hit"]!) as Bool?, "row \(rec.rowNumber)")
        hits.append(hit ? 1 : 0)
        splits.insert(rec["split"]!)
      }
      #expect(hits.count == 2017)
      #expect(splits == ["test"])
      let stored = try AggregateFiles.overallAccuracy(dir.appendingPathComponent("\(model)_ScienceQA_TEST_acc.csv"),
                                                      split: "test")
      let cmp = AggregateFiles.compare(stored: stored, perSample: hits, scale: .fraction)
      #expect(cmp.exact, "\(model): recomputed \(cmp.recomputed), stored \(stored)")
      print("ScienceQA_TEST \(model): stored \(stored), mean hit \(cmp.recomputed) (\(Int(NumPy.sum(hits)))/\(hits.count))")
    }
  }

  @Test func mathVistaRecomputedHitsEqualStored() throws {
    let dir = Self.root.appendingPathComponent("Qwen2.5-VL-7B-Instruct/T20250419_Gfcbe1e42")
    var correct: [Double] = []
    var byType: [String: Int] = [:]
    try XLSXReader(url: dir.appendingPathComponent("Qwen2.5-VL-7B-Instruct_MathVista_MINI_gpt-4o-mini.xlsx"))
      .forEachRecord { rec in
        func cell(_ c: String) -> String { PandasNA.asPandasString(rec[c] ?? "") }
        let row = MathVistaScore.Row(questionType: cell("question_type"), answerType: cell("answer_type"),
                                     answer: cell("answer"), answerOption: cell("answer_option"),
                                     choices: cell("choices"), res: cell("res"))
        let ok = MathVistaScore.isCorrect(row)
        correct.append(ok ? 1 : 0)
        if ok { byType[row.questionType == "multi_choice" ? "multi_choice" : row.answerType, default: 0] += 1 }
      }
    let stored = try AggregateFiles.mathOverall(dir.appendingPathComponent(
      "Qwen2.5-VL-7B-Instruct_MathVista_MINI_gpt-4o-mini_score.csv"))
    #expect(stored.total == 1000 && stored.hit == 679 && stored.acc == 67.9)
    #expect(correct.count == stored.total)
    #expect(Int(NumPy.sum(correct)) == stored.hit)
    #expect(AggregateFiles.compare(stored: Double(stored.hit), perSample: correct, scale: .count).exact)
    #expect(byType["list"] == nil && byType["text"] == nil)
    print("MathVista_MINI Qwen2.5-VL-7B-Instruct: stored hit \(stored.hit)/\(stored.total), recomputed \(Int(NumPy.sum(correct))) \(byType)")
  }
}
