import Testing

@testable import BenchCore

@Suite struct BootstrapTests {
  let rs = RankScore(bounds: CostBounds(cmin: 1e-5, cmax: 1e-3))

  @Test func percentileMatchesNumpyLinearRule() {
    // numpy.percentile([1, 2, 3, 4, 5], [2.5, 97.5]) = [1.1, 4.9]
    let i = Bootstrap.percentile([5, 1, 4, 2, 3], 0.95)
    #expect(abs(i.lower - 1.1) < 1e-12 && abs(i.upper - 4.9) < 1e-12)
  }

  @Test func intervalsCoverTheEstimateAndShrinkWithMoreSamples() {
    var g = SplitMix64(seed: 3)
    let small = (0..<100).map { _ in g.nextUnit() < 0.7 ? 1.0 : 0.0 }
    let large = (0..<2000).map { _ in g.nextUnit() < 0.7 ? 1.0 : 0.0 }
    let a = Bootstrap.intervals(correct: small, cost: Array(repeating: 1e-4, count: 100), rankScore: rs, resamples: 500, seed: 1)
    let b = Bootstrap.intervals(correct: large, cost: Array(repeating: 1e-4, count: 2000), rankScore: rs, resamples: 500, seed: 1)
    let meanSmall = small.reduce(0, +) / 100
    #expect(a.accuracy.lower <= meanSmall && meanSmall <= a.accuracy.upper)
    #expect(b.accuracy.upper - b.accuracy.lower < a.accuracy.upper - a.accuracy.lower)
    // Constant cost: the cost interval is a point.
    #expect(abs(a.cost.lower - 1e-4) < 1e-15 && abs(a.cost.upper - 1e-4) < 1e-15)
    // Same seed, same intervals.
    #expect(a == Bootstrap.intervals(correct: small, cost: Array(repeating: 1e-4, count: 100), rankScore: rs, resamples: 500, seed: 1))
  }

  @Test func pairedTestSeparatesClearAndNoDifference() {
    let n = 400
    let better = (0..<n).map { $0 % 10 < 9 ? 1.0 : 0.0 }, worse = (0..<n).map { $0 % 10 < 6 ? 1.0 : 0.0 }
    let cost = Array(repeating: 1e-4, count: n)
    #expect(Bootstrap.pairedPValue(router: (better, cost), baseline: (worse, cost), rankScore: rs, resamples: 300, seed: 2) < 0.01)
    // Identical routings never score strictly higher: p = 1.
    #expect(Bootstrap.pairedPValue(router: (worse, cost), baseline: (worse, cost), rankScore: rs, resamples: 300, seed: 2) == 1)
  }
}
