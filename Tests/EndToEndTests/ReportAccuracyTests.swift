import BenchCore
import BenchStore
import Foundation
import Reports
import Testing

/// `report --accuracy score` through the store: the selection reaches the provenance, the main table and the
/// bootstrap (whose resamples then average the score, not correctness), and the caption says which is shown.
@Suite(.serialized) struct ReportAccuracyTests {
  @Test func theScoreRuleReachesTheTableTheBootstrapAndTheProvenance() async throws {
    // At scale 0.01 the 60 test samples hold no partial credit; at 0.02 the DocVQA/InfoVQA ones do.
    let p = try Bench.make(scale: 0.02)
    defer { try? FileManager.default.removeItem(at: p.dir) }
    try await p.run(try p.experiment("Strongest,Cheapest,Random", name: "acc", lambdas: [.finite(0)], seeds: [1]))
    let correct = try p.report(ReportSelection(experiment: "acc"))
    let score = try p.report(ReportSelection(experiment: "acc", accuracy: .score))
    func provenance(_ r: StoredReport) -> String? { r.input.provenance.first { $0.0 == "accuracy" }?.1 }
    #expect(provenance(correct) == "correct (score ≥ 1.0; the paper's rule, the default)")
    #expect(provenance(score) == "score (mean score, partial credit kept)")
    #expect(correct.input.correctThresholds == [1], "the runs' threshold, from their identities")

    // The simulated DocVQA/InfoVQA answers carry partial credit, so the mean score is above the correct share.
    let b = score.benchmark
    let test = try b.rows(of: .test)
    let totals = score.input.results.filter { $0.split == .test && $0.dataset == ResultRow.allDatasets }
    let partial = try #require(totals.first { $0.outcome.scoreSum > $0.outcome.correct }, "no partial credit in \(totals)")
    let router = partial.router
    let scoreRow = try #require(mainTable(score.input, timings: []).first { $0.router == router })
    #expect(abs(scoreRow.accuracy.mean - partial.outcome.scoreSum / Double(partial.outcome.samples) * 100) < 1e-9)
    let correctRow = try #require(mainTable(correct.input, timings: []).first { $0.router == router })
    #expect(scoreRow.accuracy.mean > correctRow.accuracy.mean, "partial credit counts under --accuracy score")
    #expect(partial.outcome.samples == test.count)

    // The bootstrap rescoring uses the same rule: its point estimate is the table's figure.
    for (report, row) in [(score, scoreRow), (correct, correctRow)] {
      let main = mainTable(report.input, timings: [])
      let boot = try report.bootstrap(main: main, store: p.store, resamples: 40, seed: 1)
      let point = try #require(boot.intervals[router]?.point)
      #expect(abs(point.accuracy * 100 - row.accuracy.mean) < 1e-9, "\(report.input.accuracy): \(point.accuracy)")
    }
    let text = mainTableText(score.input, rows: mainTable(score.input, timings: []))
    #expect(text.caption.contains("Accuracy is the mean score × 100"))
  }
}
