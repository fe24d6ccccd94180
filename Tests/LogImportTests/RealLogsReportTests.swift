import BenchCore
import BenchStore
import CurveFit
import Foundation
import Reports
import Testing

/// What the report makes of the real VLMEvalKit logs (the import RealLogsImportTests shares): the degenerate
/// single-model fit of issue 9 and the two accuracy readings of TextVQA.
@Suite(.enabled(if: XLSXTestSupport.realLogsPresent,
                "real VLMEvalKit logs not found at ../shared/real-logs (beside the repository); skipped"))
struct RealLogsReportTests {
  /// The five models on the stored test split, as `StoredReport.load` computes them for the plots.
  static func singleModels(_ b: Benchmark, rule: AccuracyRule = .correct) throws -> [OperatingPoint] {
    let test = try b.rows(of: .test)
    return b.models.indices.map { m in
      let e = Evaluation(benchmark: b, rows: test, decisions: Array(repeating: m, count: test.count)).overall
      return OperatingPoint(cost: e.costPer10K, quality: rule.accuracy(of: e) * 100, label: b.models[m].displayName)
    }
  }

  /// On the real logs the bounded fit of the single-model frontier converges to a flat line (a = 0, b = 0,
  /// R² = 0) below the two best models; the report says so and the overview plot draws the hull instead.
  @Test func theSingleModelFitIsFlaggedDegenerateAndTheHullDrawn() async throws {
    let (_, store) = try await RealLogsImportTests.shared.value
    let b = try store.snapshot().benchmark
    let input = ReportInput(benchmarkName: "real logs", preset: nil, simulated: false, datasets: b.datasets,
                            routerOrder: [], results: [], bounds: b.costBounds, singleModels: try Self.singleModels(b))
    let rows = frontierRows(input)
    let singles = try #require(rows.first)
    let fit = try #require(singles.fit)
    #expect(singles.status == .degenerate, "a = \(fit.a), b = \(fit.b), c = \(fit.c), R² = \(singles.r2 ?? .nan)")
    #expect(abs(fit(input.singleModels.map(\.cost).max()!) - fit(input.singleModels.map(\.cost).min()!)) < 0.01)
    let best = input.singleModels.map(\.quality).max()!
    #expect(fit.c + fit.a < best, "the flat line runs below the best model")
    let plot = overviewPlot(input, main: [], frontiers: rows)
    #expect(plot.note?.contains("degenerate") == true)
    let hull = try #require(plot.series.first { $0.name == "Single-model hull" })
    #expect(hull.points.map(\.y).max() == best, "the hull reaches the best model")
    #expect(frontierTable(input, rows).rows[0].last == "degenerate fit (flat): hull drawn")
  }

  /// TextVQA_VAL of Qwen2.5-VL-7B, the two numbers: `summary` shows 85.39 (the mean score over all 5000
  /// samples, VLMEvalKit's figure), Table A1 77.40 (the share of the 1000 test samples with score ≥ 1.0). With
  /// `--accuracy score` the table shows the mean score of the same test samples instead.
  @Test func theTwoAccuracyRulesOnTextVQA() async throws {
    let (_, store) = try await RealLogsImportTests.shared.value
    let row = try #require(try store.summary().first { $0.model == "Qwen2.5-VL-7B-Instruct" && $0.dataset == "TextVQA_VAL" })
    let all = Outcome(samples: row.samples, correct: Double(row.correct), scoreSum: row.scoreSum, costSum: row.costSum)
    #expect(row.samples == 5000 && fixed(AccuracyRule.score.accuracy(of: all) * 100) == "85.39")
    let b = try store.snapshot().benchmark
    let model = try #require(b.models.firstIndex { $0.name == "Qwen2.5-VL-7B-Instruct" })
    let dataset = try #require(b.datasets.firstIndex { $0.name == "TextVQA_VAL" })
    let test = try b.rows(of: .test)
    let e = Evaluation(benchmark: b, rows: test, decisions: Array(repeating: model, count: test.count)).perDataset[dataset]
    #expect(e.samples == 1000 && fixed(AccuracyRule.correct.accuracy(of: e) * 100) == "77.40")
    let score = AccuracyRule.score.accuracy(of: e) * 100
    #expect(score > 84 && score < 87, "the test split's mean score, \(score), is near the whole set's")
  }
}
