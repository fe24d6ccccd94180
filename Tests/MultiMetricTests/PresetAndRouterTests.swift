import BenchCore
import BenchStore
import EdgeCloud
import Foundation
import LogImport
import Reports
import Simulation
import Testing

@testable import MultiMetric

/// The simulated preset through the importer into a store (scale 0.2: 1,000 prompts), shared by the tests.
enum T2IFixture {
  static let scale = 0.2
  static let data = T2ISimulation.generate(T2ISimulationConfig(scale: scale, seed: 42))

  static func store(_ name: String, data: T2ISimulatedData = data) throws -> (BenchStore, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2i-\(name)-\(UUID().uuidString)")
    try T2ISimulation.write(data, to: dir)
    let store = try BenchStore(path: dir.appendingPathComponent("t2i.sqlite").path)
    let features = [dir.appendingPathComponent(T2ISimulation.featureFile)]
    _ = try MultiMetricImport.run(MultiMetricImportOptions(
      file: dir.appendingPathComponent(T2ISimulation.scoresFile),
      metricsFile: dir.appendingPathComponent(T2ISimulation.metricsFile), features: features,
      modelsFile: dir.appendingPathComponent(T2ISimulation.modelsFile), preset: "t2i", simulated: true, root: dir),
      into: store)
    return (store, dir)
  }
}

@Suite struct T2IPresetTests {
  /// Every model's mean per metric is its row of supplementary Tables 6–22, and the preset is a pure function of (scale, seed).
  @Test func calibration() throws {
    let d = T2IFixture.data
    #expect(d.sampleCount == 1_000)
    for (m, model) in d.models.enumerated() {
      for j in 0..<T2ISimulation.metrics.count {
        var s = 0.0
        for i in 0..<d.sampleCount { s += d.quality[m][i, j] }
        #expect(abs(s / Double(d.sampleCount) - model.means[j]) < 1e-9, "\(model.info.name) \(T2ISimulation.metrics[j])")
      }
    }
    let again = T2ISimulation.generate(T2ISimulationConfig(scale: T2IFixture.scale, seed: 42))
    #expect(again.quality == d.quality && again.prompts == d.prompts && again.text == d.text)
    #expect(T2ISimulation.generate(T2ISimulationConfig(scale: T2IFixture.scale, seed: 7)).quality != d.quality)
  }

  /// Per pair, the cloud model is better on some metrics and worse on others exactly as in the tables: k from the
  /// printed Random ΔP (10·k − 50) of each of Tables 6–22.
  @Test func pairsMixBetterAndWorse() throws {
    let printedRandom: [Int: Double] = [6: 40, 7: 30, 8: 40, 9: 0, 10: 0, 11: 20, 12: 20, 13: 10, 14: -10, 15: 10,
                                        16: 0, 17: 10, 18: 10, 19: 20, 20: 30, 21: 10, 22: 0]
    for p in T2ISimulation.pairs where p.table > 0 {
      let e = T2ISimulation.models.first { $0.info.name == p.edge }!, c = T2ISimulation.models.first { $0.info.name == p.cloud }!
      let k = zip(e.means, c.means).filter { $1 > $0 }.count
      #expect(Double(10 * k - 50) == printedRandom[p.table], "Table \(p.table)")
    }
  }

  /// Import → store → workspace: the pair's values are the generated ones, the catalog is Table 3's, and the text
  /// features are stored.
  @Test func throughTheStore() throws {
    let (store, _) = try T2IFixture.store("store")
    var w = try QualityWorkspace(store: store)
    #expect(w.catalog.names.map(\.rawValue) == T2ISimulation.metrics)
    #expect(w.textFeatures == "text")
    let pair = try EdgeCloudPair(parsing: "SD3/SD2.1")
    let q = try w.pairQuality(pair)
    #expect(q.count == 1_000)
    let sd21 = T2ISimulation.models.firstIndex { $0.info.name == "SD2.1" }!
    let row = try #require(q.sampleKeys.firstIndex(of: "coco-prompts/17"))
    for j in 0..<10 {
      #expect(abs(q.edge[row, j] - T2IFixture.data.quality[sd21][17, j]) < 1e-6)
    }
    let e = #expect(throws: MultiMetricError.self) { _ = try w.pairQuality(try EdgeCloudPair(parsing: "SD9/SD2.1")) }
    #expect(e?.description.contains("SD9") == true)
  }
}

@Suite struct QualityRouterTests {
  /// A planted problem: metric 0's gap is +x₀ and metric 1's is −x₀ with weight 3 on metric 1, so the weighted
  /// decision sends prompts with x₀ < 0 to the cloud. The RouteT2I-style router's heads learn each metric's sign,
  /// and its ranking follows the weighted combination (ΔP at 50 % far above Random's).
  @Test func multiHeadLearnsPerMetricGaps() throws {
    let n = 400
    var g = SplitMix64(seed: 3)
    var x = Matrix<Float>(rows: n, columns: 4, repeating: 0)
    var e = Matrix<Double>(rows: n, columns: 2, repeating: 0.5), c = e
    for i in 0..<n {
      for k in 0..<4 { x[i, k] = Float(g.nextGaussian()) }
      c[i, 0] = 0.5 + 0.1 * Double(x[i, 0])
      c[i, 1] = 0.5 - 0.1 * Double(x[i, 0])
    }
    let catalog = try MetricCatalog([try MetricSpec(name: MetricName("a")), try MetricSpec(name: MetricName("b"), weight: 3)])
    let data = try PairQuality(
      pair: EdgeCloudPair(edge: "E", cloud: "C"), metrics: catalog, sampleKeys: (0..<n).map { "d/\($0)" },
      datasets: [DatasetInfo(name: "d", displayName: "d", group: .other, answerType: .unknown)],
      sampleDataset: Array(repeating: 0, count: n), prompts: Array(repeating: "p", count: n),
      hasImage: Array(repeating: false, count: n), inputTokens: Array(repeating: 1, count: n), edge: e, cloud: c)
    let inputs = try data.inputs(text: x)
    let split = try QualitySplit(data: data, seed: 1)
    var config = MultiHeadQualityRouter.Configuration()
    config.training.hidden = [16]
    config.training.epochs = 40
    config.training.learningRate = 0.01
    let router = try MultiHeadQualityRouter(configuration: config)
    var fitted = router
    var rng = SplitMix64(seed: 1)
    try fitted.fit(QualityTrainingSet(data: data, inputs: inputs, rows: split.train), using: &rng)
    let gaps = try fitted.predictedGaps(inputs, rows: split.test)
    var agreeA = 0, agreeB = 0
    for (r, i) in split.test.enumerated() {
      if (gaps[r, 0] > 0) == (x[i, 0] > 0) { agreeA += 1 }
      if (gaps[r, 1] > 0) == (x[i, 0] < 0) { agreeB += 1 }
    }
    #expect(Double(agreeA) / Double(split.test.count) > 0.9)
    #expect(Double(agreeB) / Double(split.test.count) > 0.9)
    let outcome = try FixedRateProtocol.run(router, data: data, inputs: inputs, split: split, rates: [.half], seed: 1)
    // Metric b gains where a loses: the weighted router recovers b's gap (ΔP_b ≫ 50) at a's cost.
    let p = try #require(outcome.curve.point(at: .half))
    #expect(try #require(p.metrics[1].deltaP) > 150)
    #expect(try #require(p.metrics[0].deltaP) < -150)
  }

  /// On the preset (SD3/SD1.5, Table 8), every learned router beats Random's ΔP at 50 % and each curve starts at
  /// 0 (r = 0) and has 11 points and an area. Three epochs keep it to seconds in a debug build.
  @Test func learnedRoutersBeatRandomOnThePreset() throws {
    let (store, _) = try T2IFixture.store("routers")
    var w = try QualityWorkspace(store: store)
    let pair = try EdgeCloudPair(parsing: "SD3/SD1.5")
    let variants = try QualityRouters.variants(["Random", "HybridLLM", "ZOOTER", "RouteT2I-style", "RouteLLM-MF"],
                                               epochs: 3)
    let results = try w.execute(variants.map { QualityRunSpec(variant: $0, pair: pair) }) 
    // Random's ΔP on 200 test prompts is far from its expectation 10·k − 50 here: harmony's gap is 0.0014 (Table 8),
    // so a random half moves its ΔP by ±100s (the formula is checked exactly in DeltaPTests). The margin of 30
    // points is far below what the learned routers reach here (docs/multimetric.md, "Measured").
    let random = try #require(results[0].curve.point(at: .half)?.deltaP)
    for r in results.dropFirst() {
      let d = try #require(r.curve.point(at: .half)?.deltaP)
      #expect(d > random + 30, "\(r.spec.variant.name): ΔP \(d) vs Random \(random)")
      #expect(try #require(r.curve.point(at: try RoutingRate(0))?.deltaP) == 0)
      #expect(r.curve.points.count == 11 && r.curve.area != nil)
    }
    // Stored under their identities: the same specs are read back, not recomputed; another seed is a new run.
    let again = try w.execute(variants.prefix(2).map { QualityRunSpec(variant: $0, pair: pair) })
    #expect(again.allSatisfy { !$0.computed })
    #expect(again[1].curve.point(at: .half)?.deltaP == results[1].curve.point(at: .half)?.deltaP)
    let reseeded = try w.execute([QualityRunSpec(variant: variants[1], pair: pair, seed: 2)])
    #expect(reseeded[0].computed)
    let table = QualityReport.metricTable(pair: pair, metrics: w.catalog, results: results.map { ($0.spec.variant.name, $0.curve) },
                                          rate: .half)
    #expect(table.rows.count == 2 + results.count)
    #expect(table.rows[0][0] == "Edge Model: SD1.5" && table.header.last == "ΔP(%)")
  }
}
