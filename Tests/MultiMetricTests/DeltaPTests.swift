import BenchCore
import EdgeCloud
import Testing

@testable import MultiMetric

/// A pair whose every sample has the same metric values: edge e_j, cloud c_j (so any routing at rate r gives each
/// metric exactly r of its gap).
func constantPair(edge: [Double], cloud: [Double], samples n: Int = 10,
                  catalog: MetricCatalog? = nil) throws -> PairQuality {
  let m = edge.count
  let metrics = try catalog ?? MetricCatalog((0..<m).map { try MetricSpec(name: MetricName("m\($0)")) })
  var e = Matrix<Double>(rows: n, columns: m, repeating: 0), c = e
  for i in 0..<n {
    for j in 0..<m {
      e[i, j] = edge[j]
      c[i, j] = cloud[j]
    }
  }
  return try PairQuality(pair: EdgeCloudPair(edge: "E", cloud: "C"), metrics: metrics,
                         sampleKeys: (0..<n).map { "d/\($0)" },
                         datasets: [DatasetInfo(name: "d", displayName: "d", group: .other, answerType: .unknown)],
                         sampleDataset: Array(repeating: 0, count: n), prompts: Array(repeating: "p", count: n),
                         hasImage: Array(repeating: false, count: n), inputTokens: Array(repeating: 1, count: n),
                         edge: e, cloud: c)
}

@Suite struct DeltaPTests {
  /// RouteT2I Tables 6–22: Random at a 50 % routing rate scores 10·k − 50 when the cloud model is better on k of
  /// the 10 metrics — for every k, with the Random router through the protocol and with every split of the
  /// samples into halves.
  @Test(arguments: 0...10)
  func randomIsTenKMinusFifty(k: Int) throws {
    // Cloud better on the first k metrics, worse on the others, by gaps of different sizes.
    let edge = (0..<10).map { 0.5 + 0.01 * Double($0) }
    let cloud = (0..<10).map { j in edge[j] + (j < k ? 1 : -1) * 0.003 * Double(j + 1) }
    let data = try constantPair(edge: edge, cloud: cloud, samples: 20)
    let rows = Array(0..<20)
    #expect(data.cloudBetterCount(rows: rows) == k)
    let inputs = try data.inputs(text: nil)
    for seed in [1, 2, 3] as [UInt64] {
      var r = RandomQualityRouter()
      var g = SplitMix64(seed: seed)
      r.fit(QualityTrainingSet(data: data, inputs: inputs, rows: rows), using: &g)
      let curve = try FixedRateProtocol.evaluate(scores: try r.cloudScores(inputs, rows: rows), rows: rows,
                                                 data: data, rates: [.half])
      let p = try #require(curve.points.first)
      #expect(p.cloudShare == 0.5)
      #expect(abs(try #require(p.deltaP) - Double(10 * k - 50)) < 1e-9)
      #expect(p.undefined.isEmpty && p.note == nil)
    }
  }

  /// The paper's Random rows themselves: ΔP from the printed Edge, Cloud and Random rows of Tables 6, 9 and 14
  /// (means of a random half, so within rounding of 10·k − 50).
  @Test func paperRandomRows() throws {
    let tables: [(edge: [Double], cloud: [Double], random: [Double], printed: Double)] = [
      // Table 6: XL-Refiner → SD3, k = 9.
      ([0.6083, 0.6584, 0.5835, 0.6013, 0.6086, 0.5773, 0.4701, 0.5195, 0.4824, 0.4850],
       [0.6337, 0.6847, 0.6346, 0.6703, 0.5930, 0.5868, 0.5134, 0.5199, 0.5345, 0.4972],
       [0.6210, 0.6715, 0.6091, 0.6358, 0.6008, 0.5821, 0.4917, 0.5197, 0.5084, 0.4911], 40),
      // Table 9: XL-Refiner → SD2.1, k = 5.
      ([0.6083, 0.6584, 0.5835, 0.6013, 0.6086, 0.5773, 0.4701, 0.5195, 0.4824, 0.4850],
       [0.6251, 0.6685, 0.6076, 0.6537, 0.5949, 0.5575, 0.4680, 0.5088, 0.4860, 0.4690],
       [0.6167, 0.6634, 0.5956, 0.6275, 0.6018, 0.5674, 0.4690, 0.5141, 0.4842, 0.4770], 0),
      // Table 14: SD1.5 → SDXL, k = 4.
      ([0.6035, 0.6615, 0.5912, 0.6454, 0.5944, 0.5444, 0.4659, 0.5149, 0.4945, 0.4730],
       [0.5900, 0.6564, 0.5645, 0.5832, 0.6042, 0.5660, 0.4622, 0.5282, 0.4866, 0.4892],
       [0.5968, 0.6590, 0.5779, 0.6143, 0.5993, 0.5552, 0.4640, 0.5216, 0.4906, 0.4811], -10),
    ]
    for t in tables {
      let k = zip(t.edge, t.cloud).filter { $1 > $0 }.count
      #expect(Double(10 * k - 50) == t.printed)
      var sum = 0.0
      for j in 0..<10 { sum += (t.random[j] - t.edge[j]) / abs(t.cloud[j] - t.edge[j]) * 100 }
      // Four printed decimals: 40.02, −0.28 and −9.88.
      #expect(abs(sum / 10 - t.printed) < 0.5)
    }
  }

  /// A metric with P_cloud = P_edge is undefined: reported, left out of the mean, with a note — never 0/0.
  @Test func equalMetricIsUndefined() throws {
    let data = try constantPair(edge: [0.5, 0.6, 0.7], cloud: [0.6, 0.6, 0.65], samples: 4)
    let p = data.evaluate(rows: [0, 1, 2, 3], cloud: [true, true, false, false], rate: .half)
    #expect(p.metrics[1].deltaP == nil)
    #expect(p.undefined == [try MetricName("m1")])
    let deltaP: Double = try #require(p.deltaP)
    #expect(abs(deltaP - (50 + -50) / 2) < 1e-12)
    #expect(p.note == "ΔP is the mean over 2 of 3 metrics: m1 has P_cloud = P_edge (ΔP undefined, left out)")
    // Every metric equal: no ΔP at all.
    let flat = try constantPair(edge: [0.5, 0.5], cloud: [0.5, 0.5], samples: 2)
    let q = flat.evaluate(rows: [0, 1], cloud: [true, false], rate: .half)
    #expect(q.deltaP == nil && q.undefined.count == 2)
    #expect(q.metrics.allSatisfy { $0.deltaP == nil && $0.router.isFinite })
  }

  /// A lower-is-better metric counts the cloud as better when its value is smaller.
  @Test func orientation() throws {
    let catalog = try MetricCatalog([try MetricSpec(name: MetricName("fid"), higherIsBetter: false),
                                     try MetricSpec(name: MetricName("clip"))])
    let data = try constantPair(edge: [30, 0.3], cloud: [20, 0.2], samples: 2, catalog: catalog)
    #expect(data.cloudBetterCount(rows: [0, 1]) == 1)
    let all = data.evaluate(rows: [0, 1], cloud: [true, true], rate: try RoutingRate(1))
    #expect(all.metrics.map(\.deltaP) == [100, -100])
    #expect(all.deltaP == 0)
  }

  /// ΔP from per-sample values by hand: the router's mean, not the mean of per-sample ratios.
  @Test func handComputed() throws {
    var data = try constantPair(edge: [0], cloud: [0], samples: 4)
    let e = Matrix<Double>(rows: 4, columns: 1, values: [0.2, 0.4, 0.6, 0.8])
    let c = Matrix<Double>(rows: 4, columns: 1, values: [0.6, 0.4, 0.5, 0.9])
    data = try PairQuality(pair: data.pair, metrics: data.metrics, sampleKeys: data.sampleKeys,
                           datasets: data.datasets, sampleDataset: data.sampleDataset, prompts: data.prompts,
                           hasImage: data.hasImage, inputTokens: data.inputTokens, edge: e, cloud: c)
    // Edge mean 0.5, cloud mean 0.6; routing samples 0 and 3 to the cloud gives (0.6 + 0.4 + 0.6 + 0.9)/4 = 0.625.
    let p = data.evaluate(rows: [0, 1, 2, 3], cloud: [true, false, false, true], rate: .half)
    #expect(abs(p.metrics[0].router - 0.625) < 1e-12)
    #expect(abs(try #require(p.deltaP) - 125) < 1e-9)
  }

  /// The curve's area by the trapezoid rule; rates with an undefined ΔP are skipped.
  @Test func curveArea() throws {
    let data = try constantPair(edge: [0.5], cloud: [0.7], samples: 10)
    let rows = Array(0..<10)
    let curve = try FixedRateProtocol.evaluate(scores: rows.map(Double.init), rows: rows, data: data,
                                               rates: RoutingRate.curve)
    #expect(curve.points.count == 11)
    // Constant values: ΔP(r) = 100·r exactly, area 50.
    for p in curve.points { #expect(abs(try #require(p.deltaP) - 100 * p.rate.value) < 1e-9) }
    #expect(abs(try #require(curve.area) - 50) < 1e-9)
  }

  @Test func invalidValues() throws {
    #expect(throws: MultiMetricError.self) { try RoutingRate(1.01) }
    #expect(throws: MultiMetricError.self) { try RoutingRate(-0.1) }
    #expect(throws: MultiMetricError.self) { try RoutingRate(.nan) }
    #expect(try RoutingRate(parsing: "30%").value == 0.3)
    #expect(throws: MultiMetricError.self) { try MetricName("a:b") }
    #expect(throws: MultiMetricError.self) { try MetricSpec(name: MetricName("x"), weight: -1) }
    #expect(throws: MultiMetricError.self) { try MetricCatalog([try MetricSpec(name: MetricName("x")), try MetricSpec(name: MetricName("x"))]) }
    #expect(throws: MultiMetricError.self) { try MetricCatalog([try MetricSpec(name: MetricName("x"), weight: 0)]) }
    let e = #expect(throws: MultiMetricError.self) {
      _ = try constantPair(edge: [.nan], cloud: [0.5], samples: 1)
    }
    #expect(e?.description.contains("d/0") == true && e?.description.contains("m0") == true)
  }
}

@Suite struct FixedRateRuleTests {
  @Test func topShareGoesToTheCloud() throws {
    let d = try FixedRateRule.cloudDecisions(scores: [0.1, 0.9, 0.5, 0.7], rate: .half)
    #expect(d == [false, true, false, true])
  }

  /// Ties go to the earlier sample first, whatever the order of the other scores.
  @Test func tiesBySampleOrder() throws {
    #expect(try FixedRateRule.cloudDecisions(scores: [0.5, 0.5, 0.5, 0.5], rate: .half) == [true, true, false, false])
    #expect(try FixedRateRule.cloudDecisions(scores: [0.2, 0.5, 0.9, 0.5, 0.5], rate: try RoutingRate(0.4))
              == [false, true, true, false, false])
    #expect(try FixedRateRule.cloudDecisions(scores: [1, 0, 1, 0], rate: try RoutingRate(0.75))
              == [true, true, true, false])
  }

  @Test func ratesZeroAndOne() throws {
    let s: [Double] = [0.3, -2, 7, 0.3]
    #expect(try FixedRateRule.cloudDecisions(scores: s, rate: try RoutingRate(0)) == [false, false, false, false])
    #expect(try FixedRateRule.cloudDecisions(scores: s, rate: try RoutingRate(1)) == [true, true, true, true])
    #expect(try FixedRateRule.cloudDecisions(scores: [], rate: .half) == [])
  }

  /// round(r·n) with halves up: 0.5 of 5 prompts sends 3; 0.1 of 4 sends 0; 0.3 of 5 sends 2.
  @Test func counts() throws {
    #expect(RoutingRate.half.cloudCount(of: 5) == 3)
    #expect(try RoutingRate(0.1).cloudCount(of: 4) == 0)
    #expect(try RoutingRate(0.3).cloudCount(of: 5) == 2)
    #expect(RoutingRate.curve.map { $0.cloudCount(of: 10) } == Array(0...10))
    let many = try FixedRateRule.cloudDecisions(scores: [3, 1, 2], rates: RoutingRate.curve)
    #expect(many.first == [false, false, false] && many.last == [true, true, true])
  }

  @Test func nanIsRefused() {
    #expect(throws: MultiMetricError.self) { try FixedRateRule.cloudDecisions(scores: [0, .nan], rate: .half) }
  }
}
