import BenchCore
import Foundation
import Testing
@testable import Simulation
import VLRouterBenchPreset

/// The full-scale benchmark, generated once per test process and shared by the suites that need it.
enum FullScale {
  static let simulated = simulate(SimulationConfig())
  static let benchmark = simulated.benchmark()
}

/// The three baselines of the paper's Table A1, fit on train and evaluated on test (our protocol, decision 2).
struct Baselines {
  var strongest: Int
  var cheapest: Int
  var oracle: Evaluation
  var strongestEval: Evaluation
  var cheapestEval: Evaluation

  init(_ b: Benchmark) throws {
    let train = try b.rows(of: .train), test = try b.rows(of: .test)
    let k = b.modelCount
    var trainCorrect = [Double](repeating: 0, count: k), trainCost = [Double](repeating: 0, count: k)
    for i in train {
      for m in 0..<k {
        trainCorrect[m] += b.isCorrect(i, m) ? 1 : 0
        trainCost[m] += b.cost[i, m]
      }
    }
    let strongest = trainCorrect.indices.max { trainCorrect[$0] < trainCorrect[$1] } ?? 0
    let cheapest = trainCost.indices.min { trainCost[$0] < trainCost[$1] } ?? 0
    self.strongest = strongest
    self.cheapest = cheapest
    let oracleChoices = test.map { i -> Int in
      let costs = (0..<k).map { b.cost[i, $0] }
      let cheapestOverall = costs.indices.min { costs[$0] < costs[$1] } ?? 0
      return SoftLabels.cheapestCorrect(correct: (0..<k).map { b.isCorrect(i, $0) }, cost: costs) ?? cheapestOverall
    }
    oracle = Evaluation(benchmark: b, rows: test, decisions: oracleChoices)
    strongestEval = Evaluation(benchmark: b, rows: test, decisions: test.map { _ in strongest })
    cheapestEval = Evaluation(benchmark: b, rows: test, decisions: test.map { _ in cheapest })
  }
}

@Suite("Calibration to VL-RouterBench Table A1 (scale 1, split seed 42)")
struct CalibrationTests {
  @Test("Strongest, Cheapest and Oracle match the paper per dataset (±3) and overall (±1.5)")
  func baselinesMatchTableA1() throws {
    let b = FullScale.benchmark
    let base = try Baselines(b)
    #expect(b.models[base.strongest].name == Profiles.referenceModel)
    // The Cheapest baseline picks one of the models at the lowest Table 1 price ($0.05/M: Janus-Pro-1B,
    // DeepSeek-VL2-Tiny).
    let lowest = VLRouterBench.shared.models.map(\.price.inputPerMillion).min()
    let cheapestModels = VLRouterBench.shared.models.filter { $0.price.inputPerMillion == lowest }.map(\.info.name)
    #expect(cheapestModels.sorted() == ["Janus-Pro-1B", "deepseek_vl2_tiny"])
    #expect(cheapestModels.contains(b.models[base.cheapest].name))
    #expect(try b.rows(of: .test).count == 6108)

    var table = "| dataset | Oracle | paper | Strongest | paper | Cheapest | paper | cost O / S / C | paper |\n"
    table += "|---|---|---|---|---|---|---|---|---|\n"
    func line(_ name: String, _ o: Outcome, _ s: Outcome, _ c: Outcome, _ p: PaperBaselines) -> String {
      func f(_ x: Double) -> String { String(format: "%.2f", x) }
      return "| \(name) | \(f(o.accuracyPercent)) | \(f(p.oracle)) | \(f(s.accuracyPercent)) | \(f(p.strongest)) | "
        + "\(f(c.accuracyPercent)) | \(f(p.cheapest)) | \(f(o.costPer10K)) / \(f(s.costPer10K)) / \(f(c.costPer10K)) | "
        + "\(f(p.oracleCost)) / \(f(p.strongestCost)) / \(f(p.cheapestCost)) |\n"
    }
    for (d, info) in b.datasets.enumerated() {
      let paper = try #require(VLRouterBench.shared.baselines[info.name])
      let o = base.oracle.perDataset[d], s = base.strongestEval.perDataset[d], c = base.cheapestEval.perDataset[d]
      #expect(abs(o.accuracyPercent - paper.oracle) <= 3, "Oracle on \(info.name): \(o.accuracyPercent)")
      #expect(abs(s.accuracyPercent - paper.strongest) <= 3, "Strongest on \(info.name): \(s.accuracyPercent)")
      #expect(abs(c.accuracyPercent - paper.cheapest) <= 3, "Cheapest on \(info.name): \(c.accuracyPercent)")
      table += line(info.displayName, o, s, c, paper)
    }
    // "All Datasets" figures typed in from the paper here, independently of the simulator's own table.
    let o = base.oracle.overall, s = base.strongestEval.overall, c = base.cheapestEval.overall
    #expect(abs(o.accuracyPercent - 95.60) <= 1.5)
    #expect(abs(s.accuracyPercent - 78.01) <= 1.5)
    #expect(abs(c.accuracyPercent - 62.43) <= 1.5)
    #expect(abs(s.costPer10K / 2.72 - 1) <= 0.15, "Strongest cost \(s.costPer10K)")
    #expect(abs(c.costPer10K / 0.14 - 1) <= 0.15, "Cheapest cost \(c.costPer10K)")
    table += line("**All Datasets**", o, s, c, VLRouterBench.shared.allDatasetsBaselines)
    print(table)
  }

  @Test("Rank Scores of the baselines match Table 2 (±1.5): Oracle 93.68, Strongest 68.88, Cheapest 64.63")
  func rankScoresMatchTable2() throws {
    let b = FullScale.benchmark
    let base = try Baselines(b)
    let rs = RankScore(bounds: b.costBounds)
    let paper = Dictionary(uniqueKeysWithValues: VLRouterBench.shared.table2.map { ($0.router, $0.rankScore) })
    for (name, e) in [("Oracle", base.oracle), ("Strongest", base.strongestEval), ("Cheapest", base.cheapestEval)] {
      let ours = 100 * rs.score(accuracy: e.overall.accuracy, cost: e.overall.averageCost)
      let theirs = try #require(paper[name])
      print(name + String(format: " rank score %.2f (paper %.2f)", ours, theirs))
      #expect(abs(ours - theirs) <= 1.5, "\(name): \(ours) vs \(theirs)")
    }
    print(String(format: "c_min %.3f, c_max %.3f USD/10K", b.costBounds.cmin * 1e4, b.costBounds.cmax * 1e4))
  }

  @Test("GPT-4o is the most expensive model (≈10.7 USD/10K); API models are not the most accurate")
  func modelLandscape() throws {
    let b = FullScale.benchmark
    let meanCost = CostBounds.columnMeans(b.cost).map { $0 * 10_000 }
    let train = try b.rows(of: .train)
    let accuracy = (0..<b.modelCount).map { m in Double(train.count { b.isCorrect($0, m) }) / Double(train.count) }
    let names = b.models.map(\.name)
    let gpt = try #require(names.firstIndex(of: "GPT4o"))
    let gemini = try #require(names.firstIndex(of: "GeminiFlash2-5"))
    #expect(meanCost.indices.max { meanCost[$0] < meanCost[$1] } == gpt)
    #expect(abs(meanCost[gpt] / 10.7 - 1) <= 0.15, "GPT-4o costs \(meanCost[gpt])")
    let best = accuracy.max() ?? 0
    #expect(accuracy[gpt] < best && accuracy[gemini] < best)
    // Rank Score bounds as the paper reproduces them: c_min ≈ 0.142, c_max ≈ 10.7 USD/10K.
    #expect(abs(b.costBounds.cmin * 10_000 / 0.142 - 1) <= 0.15)
    // A spread of abilities: at least eight models strictly between the cheapest and the strongest.
    let cheapestAccuracy = accuracy[try #require(names.firstIndex(of: "deepseek_vl2_tiny"))]
    #expect(accuracy.count { $0 > cheapestAccuracy && $0 < best } >= 8)
    for (m, name) in names.enumerated() {
      print(name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " train accuracy %5.2f%%  mean cost %6.3f USD/10K", 100 * accuracy[m],
                   meanCost[m]))
    }
  }

  @Test("Different models win on different datasets and samples")
  func routingHeadroom() throws {
    let sim = FullScale.simulated, b = FullScale.benchmark
    let test = try b.rows(of: .test)
    let strongest = try #require(b.models.firstIndex { $0.name == Profiles.referenceModel })
    // Per dataset, the best model on train is not always the strongest overall.
    let train = try b.rows(of: .train)
    var otherWinners = 0
    for r in sim.datasetRows {
      let rows = train.filter { r.contains($0) }
      let acc = (0..<b.modelCount).map { m in rows.count { b.isCorrect($0, m) } }
      if acc.indices.max(by: { acc[$0] < acc[$1] }) != strongest { otherWinners += 1 }
    }
    #expect(otherWinners >= 3, "datasets won by another model: \(otherWinners)")
    // Samples the strongest model misses but another model solves: the room routing has to exploit.
    let rescued = test.count { i in !b.isCorrect(i, strongest) && (0..<b.modelCount).contains { b.isCorrect(i, $0) } }
    #expect(Double(rescued) / Double(test.count) > 0.1)
    #expect(sim.calibration.achievedUnsolved == sim.calibration.targetUnsolved
      || zip(sim.calibration.achievedUnsolved, sim.calibration.targetUnsolved).allSatisfy { abs($0 - $1) <= 2 })
  }

  @Test("A linear router on the features lands between Strongest and Oracle, clearly below Oracle")
  func featureRouterGap() throws {
    let sim = FullScale.simulated, b = FullScale.benchmark
    let base = try Baselines(b)
    let train = try b.rows(of: .train), test = try b.rows(of: .test)
    let x = reducedFeatures(sim)
    let k = b.modelCount
    let weights = ridge(x: x, dim: reducedWidth, rows: train, k: k, lambda: 1) { i, m in b.isCorrect(i, m) ? 1 : 0 }
    let choices = test.map { i -> Int in
      var best = 0, bestScore = -Double.infinity
      for m in 0..<k {
        var s = 0.0
        for j in 0..<reducedWidth { s += x[i * reducedWidth + j] * weights[j * k + m] }
        if s > bestScore { best = m; bestScore = s }
      }
      return best
    }
    let routed = Evaluation(benchmark: b, rows: test, decisions: choices).overall.accuracyPercent
    let strongest = base.strongestEval.overall.accuracyPercent, oracle = base.oracle.overall.accuracyPercent
    print(String(format: "linear feature router: %.2f%% (Strongest %.2f%%, Oracle %.2f%%)", routed, strongest, oracle))
    #expect(routed > strongest + 0.5)
    #expect(routed < oracle - 8)
  }

  /// Text and image features averaged over groups of 8 columns (80 values) plus a bias: enough for a linear
  /// probe, and cheap enough for a debug build.
  let reducedWidth = 384 / 8 + 256 / 8 + 1

  func reducedFeatures(_ sim: SimulatedBenchmark) -> [Double] {
    let n = sim.sampleCount
    var out = [Double](repeating: 0, count: n * reducedWidth)
    let text = sim.features.text.values, image = sim.features.image.values
    for i in 0..<n {
      for c in 0..<384 { out[i * reducedWidth + c / 8] += Double(text[i * 384 + c]) / 8 }
      for c in 0..<256 { out[i * reducedWidth + 48 + c / 8] += Double(image[i * 256 + c]) / 8 }
      out[i * reducedWidth + reducedWidth - 1] = 1
    }
    return out
  }

  /// Ridge regression of K targets on the rows' features: (XᵀX + λI)⁻¹ XᵀY by Gauss–Jordan elimination.
  func ridge(x: [Double], dim: Int, rows: [Int], k: Int, lambda: Double, target: (Int, Int) -> Double) -> [Double] {
    var a = [Double](repeating: 0, count: dim * dim)
    var y = [Double](repeating: 0, count: dim * k)
    for i in rows {
      let r = i * dim
      for p in 0..<dim {
        let xp = x[r + p]
        for q in p..<dim { a[p * dim + q] += xp * x[r + q] }
        for m in 0..<k { y[p * k + m] += xp * target(i, m) }
      }
    }
    for p in 0..<dim {
      for q in 0..<p { a[p * dim + q] = a[q * dim + p] }
      a[p * dim + p] += lambda
    }
    for col in 0..<dim {
      let pivot = a[col * dim + col]
      for q in 0..<dim { a[col * dim + q] /= pivot }
      for m in 0..<k { y[col * k + m] /= pivot }
      for r in 0..<dim where r != col {
        let f = a[r * dim + col]
        if f == 0 { continue }
        for q in 0..<dim { a[r * dim + q] -= f * a[col * dim + q] }
        for m in 0..<k { y[r * k + m] -= f * y[col * k + m] }
      }
    }
    return y
  }
}
