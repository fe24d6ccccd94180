import BenchCore
import BenchStore
import Foundation
import Reports
import Routers
import Testing

/// On a small simulated pipeline with several seeds, every interval the report prints is for the figure printed
/// beside it: the seed-mean point lies inside its accuracy, cost and rank-score interval for every row.
@Suite(.serialized) struct BootstrapCoverageTests {
  @Test func everyMainTableFigureLiesInsideItsInterval() async throws {
    let p = try Bench.make(scale: 0.02)
    try await p.run(try p.experiment("baselines,Linear,MLP", name: "coverage", seeds: [1, 2, 3]), jobs: 2)
    let report = try p.report(.init(experiment: "coverage"))
    let main = mainTable(report.input, timings: report.timings)
    let boot = try report.bootstrap(main: main, store: p.store, resamples: 400, seed: 42)
    #expect(main.contains { $0.seeds == 3 }, "the fixture needs seed-dependent rows")
    // Tolerance: only float rounding (the point is a mean of stored per-seed results, the interval comes from sums).
    let tol = 1e-9
    for row in main {
      let ci = try #require(boot.displayIntervals(row.router), "\(row.router) has no interval")
      #expect(ci.accuracy.contains(row.accuracy.mean, tolerance: tol), "\(row.router) accuracy \(row.accuracy.mean) ∉ \(ci.accuracy)")
      #expect(ci.cost.contains(row.cost.mean, tolerance: tol), "\(row.router) cost \(row.cost.mean) ∉ \(ci.cost)")
      #expect(ci.rankScore.contains(row.rankScore.mean, tolerance: tol), "\(row.router) rank score \(row.rankScore.mean) ∉ \(ci.rankScore)")
      // The bootstrap's own full-sample figure is the printed point.
      let point = try #require(boot.intervals[row.router]?.point)
      #expect(abs(point.accuracy * 100 - row.accuracy.mean) < tol && abs(point.cost * 10_000 - row.cost.mean) < tol
        && abs(point.rankScore * 100 - row.rankScore.mean) < tol, "\(row.router): bootstrap point \(point) vs row")
      if !row.isUpperBound { #expect(boot.pValues[row.router] != nil) }
    }

    // The fixture can tell the procedures apart: intervals from the first seed's run alone (the old procedure)
    // leave some seed-mean point outside.
    let benchmark = report.benchmark
    let rs = RankScore(bounds: benchmark.costBounds)
    let test = try benchmark.rows(of: .test)
    var excluded: [String] = []
    for row in main where row.seeds > 1 {
      let first = try #require(report.input.results.filter {
        $0.router == row.router && $0.lambda == row.lambda && $0.split == .test && $0.dataset == ResultRow.allDatasets
      }.min { $0.seed < $1.seed })
      let models = try p.store.fetchDecisions(runID: first.runID, split: .test, in: report.snapshot).map(\.model)
      let old = Bootstrap.intervals(correct: zip(test, models).map { benchmark.isCorrect($0, $1) ? 1 : 0 },
                                    cost: zip(test, models).map { benchmark.cost[$0, $1] }, rankScore: rs,
                                    resamples: 400, seed: 42)
      if !old.accuracy.contains(row.accuracy.mean / 100) || !old.cost.contains(row.cost.mean / 10_000)
        || !old.rankScore.contains(row.rankScore.mean / 100) { excluded.append(row.router) }
    }
    #expect(!excluded.isEmpty, "first-seed intervals happen to cover every seed mean; the check would not catch the old bug")
  }
}
