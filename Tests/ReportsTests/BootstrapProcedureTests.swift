import BenchCore
import Testing

@testable import Reports

/// The report's bootstrap (``Bootstrap/analyse``), checked against an independent, deliberately naive
/// reimplementation: draw each resample's index list first, then score each seed on its own pass over that list,
/// average over seeds, and read the percentiles off with NumPy's "linear" rule written out by hand.
private struct BruteForce {
  var accuracy: [Double] = [], cost: [Double] = [], rankScore: [Double] = []

  init(_ correct: [[Double]], _ cost: [[Double]], rs: RankScore, resamples: Int, seed: UInt64) {
    let n = correct[0].count
    var g = SplitMix64(seed: seed)
    for _ in 0..<resamples {
      var indices: [Int] = []
      for _ in 0..<n { indices.append(Int(g.next() % UInt64(n))) }
      var perSeed: [(Double, Double, Double)] = []
      for s in correct.indices {
        let a = indices.map { correct[s][$0] }.reduce(0, +) / Double(n)
        let c = indices.map { cost[s][$0] }.reduce(0, +) / Double(n)
        perSeed.append((a, c, rs.score(accuracy: a, cost: c)))
      }
      let k = Double(perSeed.count)
      accuracy.append(perSeed.map(\.0).reduce(0, +) / k)
      self.cost.append(perSeed.map(\.1).reduce(0, +) / k)
      rankScore.append(perSeed.map(\.2).reduce(0, +) / k)
    }
  }

  /// numpy.percentile(values, 100·p) with the default method="linear".
  static func numpyPercentile(_ values: [Double], _ p: Double) -> Double {
    let s = values.sorted()
    let position = p * Double(s.count - 1)
    let below = Int(position.rounded(.down))
    let above = Swift.min(below + 1, s.count - 1)
    let weight = position - Double(below)
    return s[below] * (1 - weight) + s[above] * weight
  }
}

@Suite struct BootstrapProcedureTests {
  let rs = RankScore(bounds: CostBounds(cmin: 0.142e-4, cmax: 10.7e-4))

  /// Two seeds of a 40-sample routing: seed 2 is more accurate and dearer than seed 1.
  func twoSeeds() -> SeededRouting {
    var g = SplitMix64(seed: 11)
    let n = 40
    let c1 = (0..<n).map { _ in g.nextUnit() < 0.55 ? 1.0 : 0.0 }, c2 = (0..<n).map { _ in g.nextUnit() < 0.85 ? 1.0 : 0.0 }
    let k1 = (0..<n).map { _ in 0.2e-4 + 0.6e-4 * g.nextUnit() }, k2 = (0..<n).map { _ in 2e-4 + 6e-4 * g.nextUnit() }
    return SeededRouting(correct: [c1, c2], cost: [k1, k2])
  }

  @Test func twoSeedIntervalsMatchABruteForceReimplementation() {
    let r = twoSeeds()
    let result = Bootstrap.analyse([r], rankScore: rs, resamples: 300, seed: 7).intervals[0]
    let brute = BruteForce(r.correct, r.cost, rs: rs, resamples: 300, seed: 7)
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * Swift.max(1, abs(b)) }
    for (interval, values) in [(result.accuracy, brute.accuracy), (result.cost, brute.cost),
                               (result.rankScore, brute.rankScore)] {
      #expect(close(interval.lower, BruteForce.numpyPercentile(values, 0.025)))
      #expect(close(interval.upper, BruteForce.numpyPercentile(values, 0.975)))
      #expect(interval.lower < interval.upper)
    }
    #expect(result.resamples == 300)
  }

  @Test func thePointAveragesPerSeedRankScoresNotTheRankScoreOfAverages() {
    let r = twoSeeds()
    let p = Bootstrap.figures(r, rankScore: rs)
    let a = r.correct.map { $0.reduce(0, +) / 40 }, c = r.cost.map { $0.reduce(0, +) / 40 }
    let perSeedMean = (rs.score(accuracy: a[0], cost: c[0]) + rs.score(accuracy: a[1], cost: c[1])) / 2
    #expect(abs(p.rankScore - perSeedMean) < 1e-15)
    #expect(abs(p.accuracy - (a[0] + a[1]) / 2) < 1e-15 && abs(p.cost - (c[0] + c[1]) / 2) < 1e-18)
    // The two readings differ here, so the check above can tell them apart.
    #expect(abs(perSeedMean - rs.score(accuracy: p.accuracy, cost: p.cost)) > 1e-3)
    let i = Bootstrap.analyse([r], rankScore: rs, resamples: 500, seed: 3).intervals[0]
    #expect(i.point == p)
    #expect(i.rankScore.contains(p.rankScore) && i.accuracy.contains(p.accuracy) && i.cost.contains(p.cost))
  }

  @Test func pairedPValueUsesTheSeedAveragedFigureOnTheSameResamples() {
    let r = twoSeeds()
    var g = SplitMix64(seed: 5)
    let base = SeededRouting(correct: (0..<40).map { _ in g.nextUnit() < 0.7 ? 1.0 : 0.0 },
                             cost: (0..<40).map { _ in 1e-4 + 1e-4 * g.nextUnit() })
    let p = Bootstrap.analyse([r], baseline: base, rankScore: rs, resamples: 400, seed: 9).pValues[0]
    let router = BruteForce(r.correct, r.cost, rs: rs, resamples: 400, seed: 9)
    let baseline = BruteForce(base.correct, base.cost, rs: rs, resamples: 400, seed: 9)
    let expected = Double(zip(router.rankScore, baseline.rankScore).filter { $0 <= $1 }.count) / 400
    #expect(p == expected)
    #expect(p > 0 && p < 1)
  }

  @Test func methodsShareResamplesAndASingleSeedKeepsTheOldStream() {
    let r = twoSeeds()
    let one = SeededRouting(correct: r.correct[0], cost: r.cost[0])
    // A method's intervals do not depend on which other methods share the run.
    let alone = Bootstrap.analyse([r], rankScore: rs, resamples: 200, seed: 4).intervals[0]
    let together = Bootstrap.analyse([one, r], rankScore: rs, resamples: 200, seed: 4).intervals[1]
    #expect(alone == together)
    // One seed: the single-routing entry point gives the same numbers.
    #expect(Bootstrap.intervals(correct: r.correct[0], cost: r.cost[0], rankScore: rs, resamples: 200, seed: 4)
      == Bootstrap.analyse([one], rankScore: rs, resamples: 200, seed: 4).intervals[0])
  }

  @Test func reportBootstrapCaptionNamesTheMethodAndTablesShareIt() throws {
    let rows = mainTable(sampleInput(), timings: [])
    let mlp = twoSeeds()
    let result = Bootstrap.analyse([mlp], rankScore: rs, resamples: 250, seed: 1).intervals[0]
    let boot = ReportBootstrap(intervals: ["MLP": result], pValues: ["MLP": 0.0125], resamples: 250,
                               baseline: "GPT4o")
    #expect(boot.caption.contains("95% percentile bootstrap over test samples, 250 resamples; each resample scores "
      + "every seed's routing and averages over seeds"))
    #expect(boot.caption.contains("best single model's (GPT4o)"))
    let text = mainTableText(sampleInput(), rows: rows, bootstrap: boot)
    #expect(text.caption.contains(boot.caption))
    let column = try #require(text.header.firstIndex(of: "RS CI"))
    let mlpRow = try #require(text.rows.first { $0[1] == "MLP" })
    let shown = try #require(boot.displayIntervals("MLP"))
    #expect(mlpRow[column] == "[\(fixed(shown.rankScore.lower)), \(fixed(shown.rankScore.upper))]")
    #expect(text.rows.first { $0[1].hasPrefix("Oracle") }?[column] == "–")
    // The leaderboard prints the same intervals and p-value from the same bootstrap.
    let entry = try #require(leaderboard(rows, bootstrap: boot).first { $0.router == "MLP" })
    #expect(entry.rankScoreCI == shown.rankScore && entry.costCI == shown.cost && entry.pValueVsBestSingle == 0.0125)
    #expect(leaderboardTable([entry], method: boot.caption).caption.contains(boot.caption))
    let csvLine = try #require(mainTableCSV(rows, bootstrap: boot).split(separator: "\n").first { $0.hasPrefix("MLP,") })
    #expect(csvLine.hasSuffix(",\(fixed(shown.rankScore.lower, 4)),\(fixed(shown.rankScore.upper, 4)),0.0125"))
  }

  @Test func tablesAndIndexHTMLHoldNoMeasuredFigure() {
    // The same results with and without (made-up) timings: only timings.csv may differ.
    let input = sampleInput()
    let timings = Set(input.results.map(\.runID)).sorted().map { RunTiming(runID: $0, trainSeconds: 1.5, routeSeconds: 0.25, routedInputTokens: 12_345) }
    let with = Dictionary(uniqueKeysWithValues: reportFiles(input, timings: timings).map { ($0.path, $0.contents) })
    let without = Dictionary(uniqueKeysWithValues: reportFiles(input, timings: []).map { ($0.path, $0.contents) })
    #expect(Set(with.keys) == Set(without.keys))
    for path in with.keys.sorted() where path != "timings.csv" {
      #expect(with[path] == without[path], "\(path) depends on measured timings")
    }
    #expect(with["timings.csv"] != without["timings.csv"] && with["timings.csv"]!.contains("49.38"))
  }

  @Test func provenanceNamesTheBLASKernelOnce() {
    let line = BLASKernel.provenance, name = BLASKernel.name
    #expect(line.hasPrefix("\(name) (OpenBLAS "), "\(line)")
    #expect(line.split(separator: " ").filter { $0.contains(name) }.count == 1, "the family appears once: \(line)")
    #expect(BLASKernel.timings["blas_kernel"] as? String == name)
  }
}
