import BenchCore
import Foundation
import Testing
@testable import EdgeCloud

/// A router that replays fixed probabilities per epoch (its "weights" are the epoch it was observed at).
struct ReplayRouter: EdgeCloudRouter {
  static let kind = "Replay"
  static let summary = "replays probabilities"
  let configuration = NoEdgeCloudConfiguration()
  var branches: [RouterBranch] { [] }
  /// probabilities[epoch − 1][row]
  var table: [[Float]] = []
  var epoch = 0

  init(configuration: NoEdgeCloudConfiguration) {}
  init(table: [[Float]]) { self.table = table }

  mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<ReplayRouter>, using rng: inout SplitMix64) throws {
    for e in 1...table.count {
      epoch = e
      try monitor.observe(self, epoch: e)
    }
  }

  func probabilities(_ inputs: RouterInputs, rows: [Int]) -> [Float] { rows.map { table[epoch - 1][$0] } }
}

@Suite struct MetricsAndThresholdTests {
  /// Four queries: the edge solves s0; only the cloud solves s1; neither solves s2; both solve s3.
  static let rows: [(Double, Double, Double, Double)] = [(8, 9, 1, 10), (3, 8, 1, 10), (2, 3, 1, 10), (7, 7, 1, 10)]
  static let p: [Float] = [0.9, 0.2, 0.6, 0.4]

  @Test("APSP, CA, AIL, accuracy, PGR, token and time saving by hand")
  func metricsByHand() throws {
    let d = try pairData(Self.rows)
    let m = d.metrics(rows: [0, 1, 2, 3], edge: [true, false, true, false], mes: .paperDefault)
    #expect(m.apsp == 0.75 && m.ca == 0.5 && m.ail == 5.5 && m.meanScore == (8 + 8 + 2 + 7) / 4)
    #expect(abs(m.rcs(Scenario.quality.weights) - (1.2 * 0.75 + 0.1 * 0.5 - 0.001 * 5.5)) < 1e-12)
    let labels = d.labels(rule: .mes, mes: .paperDefault)
    #expect(labels == [true, false, true, true])
    let e = d.evaluation(rows: [0, 1, 2, 3], edge: [true, false, true, false], mes: .paperDefault, labels: labels)
    #expect(e.accuracy == 0.75)
    // Mean scores: edge 5, cloud 6.75, routed 6.25 → PGR = 1.25 / 1.75.
    #expect(abs(e.pgr! - 1.25 / 1.75) < 1e-12)
    #expect(e.tokenSaving == 4 * 30 - (10 + 30 + 10 + 30) && e.timeSaving == 40 - 22)
    // Rows are a subset in any order; MES 9 is harder.
    let hard = d.metrics(rows: [3, 0], edge: [false, false], mes: try MES(9))
    #expect(hard.apsp == 0.5 && hard.ca == 0 && hard.ail == 10)
  }

  @Test("τ search picks the known optimum, the smallest τ among ties, and another τ for other weights")
  func thresholdSearch() throws {
    let d = try pairData(Self.rows)
    // Sending s1 (p = 0.2) alone to the cloud is best: τ ∈ (0.2, 0.4]; the grid's first such value is 0.25.
    let q = ThresholdSearch.choose(probabilities: Self.p, rows: [0, 1, 2, 3], data: d, mes: .paperDefault,
                                   weights: Scenario.quality.weights, grid: .paper)
    #expect(q.tau == 0.25)
    #expect(abs(q.rcs - (1.2 * 0.75 + 0.1 * 0.75 - 0.001 * 3.25)) < 1e-12)
    // p ≥ τ: at τ = 0.2 the query with p = 0.2 stays on the edge.
    #expect(ThresholdSearch.decisions(Self.p, tau: 0.2) == [true, true, true, true])
    // A latency-heavy user: all-edge (τ = 0) beats everything.
    let fast = RCSWeights(alpha: 1, beta: 0.1, gamma: 0.2)
    #expect(ThresholdSearch.choose(probabilities: Self.p, rows: [0, 1, 2, 3], data: d, mes: .paperDefault,
                                   weights: fast, grid: .paper).tau == 0)
    // γ = 0.1 makes all-edge and (0.2, 0.4] tie at 0.5: the smaller τ (0) wins.
    let tie = RCSWeights(alpha: 1, beta: 0.1, gamma: 0.1)
    let c = ThresholdSearch.curve(probabilities: Self.p, rows: [0, 1, 2, 3], data: d, mes: .paperDefault, grid: .paper)
    #expect(abs(c[0].rcs(tie) - c[5].rcs(tie)) < 1e-12)
    #expect(ThresholdSearch.best(c, weights: tie) == 0)
    // A quality-only user sends everything the edge might fail to the cloud: τ above every p.
    let quality = RCSWeights(alpha: 1, beta: 0, gamma: 0)
    #expect(ThresholdSearch.choose(probabilities: Self.p, rows: [0, 1, 2, 3], data: d, mes: .paperDefault,
                                   weights: quality, grid: .paper).rcs == 0.75)
  }

  @Test("The monitor keeps per scenario the epoch and τ with the best dev RCS; the run scores the kept copy on test")
  func epochSelection() throws {
    // 8 samples: rows 0–3 dev, 4–7 test (the same four queries twice).
    let d = try pairData(Self.rows + Self.rows)
    let good: [Float] = Self.p + Self.p
    let bad: [Float] = [0.1, 0.9, 0.1, 0.1, 0.1, 0.9, 0.1, 0.1]
    let allEdge = [Float](repeating: 1, count: 8)
    let router = ReplayRouter(table: [bad, good, allEdge])
    let context = RunContext(
      data: d, inputs: RouterInputs(text: nil, image: nil, statistics: Matrix(rows: 8, columns: 1, repeating: 0)),
      split: [.train: [0, 1, 2, 3], .dev: [0, 1, 2, 3], .test: [4, 5, 6, 7]],
      labels: d.labels(rule: .mes, mes: .paperDefault), mes: .paperDefault,
      scenarios: [.quality, .custom(name: "fast", weights: RCSWeights(alpha: 1, beta: 0.1, gamma: 0.2))],
      grid: .paper, seed: 1)
    let outcome = try run(router, context)
    #expect(outcome.scenarios.count == 2)
    let quality = outcome.scenarios[0], fast = outcome.scenarios[1]
    // Quality: epoch 2 ("good") at τ = 0.25 — the test rows route exactly like the dev rows.
    #expect(quality.epoch == 2 && quality.tau == 0.25)
    #expect(quality.testDecisions == [true, false, true, true] && quality.test.metrics.apsp == 0.75)
    #expect(quality.dev.metrics == quality.test.metrics)
    // The latency-heavy scenario: every epoch reaches all-edge at some τ; the first (epoch 1) is kept.
    #expect(fast.epoch == 1 && fast.tau == 0 && fast.test.metrics.ca == 1)
    #expect(quality.devCurve.count == 21 && quality.testCurve.count == 21)
    #expect(outcome.fitReport["epochs_observed"] == "3" && outcome.fitReport["quality.epoch"] == "2")
  }

  @Test("Fixed policies route as they are: no τ, the same decisions for every scenario")
  func fixedPolicies() throws {
    let d = try pairData(Self.rows + Self.rows)
    let context = RunContext(
      data: d, inputs: RouterInputs(text: nil, image: nil, statistics: Matrix(rows: 8, columns: 1, repeating: 0)),
      split: [.train: [0, 1, 2, 3], .dev: [0, 1, 2, 3], .test: [4, 5, 6, 7]],
      labels: d.labels(rule: .mes, mes: .paperDefault), mes: .paperDefault, scenarios: Scenario.paper,
      grid: .paper, seed: 1)
    let large = try run(AllAtLarge(), context), small = try run(AllAtSmall(), context)
    #expect(large.scenarios.allSatisfy { $0.tau == nil && $0.test.metrics.ca == 0 && $0.testCurve.isEmpty })
    #expect(small.scenarios.allSatisfy { $0.tau == nil && $0.test.metrics.ca == 1 && $0.epoch == nil })
    #expect(large.scenarios[0].test.metrics.apsp == 0.75 && small.scenarios[0].test.metrics.apsp == 0.5)
    // Random: a seeded coin per row, the same for the same seed.
    let r1 = try run(RandomRouter(), context), r2 = try run(RandomRouter(), context)
    #expect(r1.scenarios[0].testDecisions == r2.scenarios[0].testDecisions)
    let many = try pairData(Array(repeating: Self.rows[0], count: 400))
    var big = context
    big.data = many
    big.inputs = RouterInputs(text: nil, image: nil, statistics: Matrix(rows: 400, columns: 1, repeating: 0))
    big.labels = many.labels(rule: .mes, mes: .paperDefault)
    big.split = [.train: Array(0..<100), .dev: Array(100..<200), .test: Array(200..<400)]
    let share = try run(RandomRouter(), big).scenarios[0].test.metrics.ca
    #expect(abs(share - 0.5) < 0.1, "\(share)")
  }

  @Test("The split is 60/20/20 per (dataset, MES cell), seeded, and keeps each cell's share")
  func split() throws {
    var g = SplitMix64(seed: 5)
    var rows: [(Double, Double, Double, Double)] = []
    for _ in 0..<1000 { rows.append((Double(1 + g.next() % 10), Double(1 + g.next() % 10), 1, 2)) }
    let d = try pairData(rows, datasets: 3)
    let s = ScenarioSplit.make(data: d, mes: .paperDefault, seed: 42)
    let parts = [s[.train]!, s[.dev]!, s[.test]!]
    #expect(Set(parts.flatMap { $0 }).count == 1000 && parts.map(\.count).reduce(0, +) == 1000)
    #expect(abs(parts[0].count - 600) <= 12 && abs(parts[2].count - 200) <= 12)
    func share(_ r: [Int], _ f: (Int) -> Bool) -> Double { Double(r.filter(f).count) / Double(r.count) }
    let labels = d.labels(rule: .mes, mes: .paperDefault)
    for f in [{ (i: Int) in !labels[i] }, { d.edgeScore[$0] >= 6 }, { d.cloudScore[$0] >= 6 }, { d.sampleDataset[$0] == 2 }] {
      #expect(abs(share(parts[2], f) - share(Array(0..<1000), f)) < 0.02)
    }
    #expect(ScenarioSplit.make(data: d, mes: .paperDefault, seed: 42) == s)
    #expect(ScenarioSplit.make(data: d, mes: .paperDefault, seed: 43)[.test] != s[.test])
  }

  @Test("Query statistics count characters, words, digits, numbers and specials, and one-hot the dataset")
  func statistics() throws {
    let d = try PairData(
      pair: EdgeCloudPair(edge: "e", cloud: "c"), sampleKeys: ["A/1", "B/2"],
      datasets: ["A", "B"].map { DatasetInfo(name: $0, displayName: $0, group: .other, answerType: .unknown) },
      sampleDataset: [0, 1], prompts: ["How many (2) Dogs? 12", ""], hasImage: [true, false], inputTokens: [300, 0],
      edgeScore: [1, 2], cloudScore: [3, 4], edgeLatency: [1, 1], cloudLatency: [2, 2], edgeTokens: [0, 0],
      cloudTokens: [0, 0])
    let m = QueryStatistics.matrix(d)
    #expect(m.columns == 11 && QueryStatistics.columnNames(datasets: d.datasets).count == 11)
    let expected: [Float] = [log1pf(21), log1pf(5), log1pf(3), log1pf(2), log1pf(3), 1, 2 / 11, log1pf(300), 1, 1, 0]
    for (j, v) in expected.enumerated() { #expect(abs(m[0, j] - v) < 1e-6, "column \(j): \(m[0, j]) vs \(v)") }
    #expect(Array(m.row(1)) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    #expect(!d.tokensKnown)
  }
}
