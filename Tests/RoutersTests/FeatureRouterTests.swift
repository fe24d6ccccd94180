import BenchCore
import Learning
import Testing

@testable import Routers

/// A benchmark built from explicit per-row correctness, per-model prices and features.
struct FeatureProblem {
  var benchmark: Benchmark
  var features: Matrix<Float>

  init(correct: [[Bool]], price: [Double], features: Matrix<Float>, train: [Int], dev: [Int], test: [Int]) {
    let n = correct.count, k = price.count
    benchmark = Benchmark(
      name: "feature-test", datasets: [DatasetInfo(name: "D", displayName: "D", group: .general,
                                                   answerType: .multipleChoice)],
      models: (0..<k).map { ModelInfo(name: "m\($0)", displayName: "m\($0)") },
      sampleIDs: (0..<n).map { "D/\($0)" }, sampleDataset: Array(repeating: 0, count: n),
      inputTokens: Array(repeating: 100, count: n),
      quality: Matrix(rows: n, columns: k, values: correct.flatMap { $0.map { $0 ? 1 : 0 } }),
      cost: Matrix(rows: n, columns: k, values: (0..<n).flatMap { _ in price }),
      splits: [.train: train, .dev: dev, .test: test])
    self.features = features
  }

  func training(dev: Bool = true) -> TrainingData {
    TrainingData(benchmark: benchmark, trainRows: benchmark.splits[.train]!,
                 devRows: dev ? benchmark.splits[.dev]! : [], features: features)
  }

  func fit<R: Router>(_ router: R, lambda: Double = 0, seed: UInt64 = 1, dev: Bool = true) throws -> R {
    var r = router
    var g = SplitMix64(seed: seed)
    try r.fit(training(dev: dev), objective: Objective(lambda: lambda), using: &g)
    return r
  }

  func inputs(_ rows: [Int]) -> RoutingInputs { RoutingInputs(benchmark: benchmark, rows: rows, features: features) }
  var testRows: [Int] { benchmark.splits[.test]! }
}

/// Three well-separated Gaussian clusters in 6 dimensions; on cluster c only model c is correct (model 3, the
/// dearest, is never correct). Rows cycle through the clusters; 60 % train, 20 % dev, 20 % test.
func clusterProblem(perCluster: Int = 30, seed: UInt64 = 1) -> (FeatureProblem, cluster: [Int]) {
  var g = SplitMix64(seed: seed)
  let n = 3 * perCluster, d = 6
  let centers: [[Double]] = [[4, 0, 0, 1, 0, 0], [0, 4, 0, 0, 1, 0], [0, 0, 4, 0, 0, 1]]
  var x = Matrix<Float>(rows: n, columns: d, repeating: 0)
  var cluster: [Int] = []
  var correct: [[Bool]] = []
  for i in 0..<n {
    let c = i % 3
    cluster.append(c)
    for j in 0..<d { x[i, j] = Float(centers[c][j] + g.nextGaussian() * 0.4) }
    correct.append((0..<4).map { $0 == c })
  }
  let rows = Array(0..<n)
  let train = rows.filter { $0 % 5 < 3 }, dev = rows.filter { $0 % 5 == 3 }, test = rows.filter { $0 % 5 == 4 }
  return (FeatureProblem(correct: correct, price: [1e-4, 2e-4, 3e-4, 1e-3], features: x, train: train, dev: dev,
                         test: test), cluster)
}

@Suite struct FeatureRouterTests {
  @Test func knnAndKMeansRouteSeparableClusters() throws {
    let (p, cluster) = clusterProblem()
    let expected = p.testRows.map { cluster[$0] }
    #expect(try p.fit(KNNRouter()).route(p.inputs(p.testRows)) == expected)
    #expect(try p.fit(KMeansRouter()).route(p.inputs(p.testRows)) == expected)
    #expect(try p.fit(PRkNNRouter()).route(p.inputs(p.testRows)) == expected)
    // The never-correct model's prototype is the mean of all rows, near no cluster.
    let km = try p.fit(KMeansRouter())
    let s = try km.scores(for: p.inputs(p.testRows))
    for r in 0..<s.rows { #expect(s[r, cluster[p.testRows[r]]] > s[r, 3]) }
  }

  @Test func knnVotesCheapestCorrectWithDistanceWeights() throws {
    // Train rows 0–2 at known directions after z-scoring; on row 0 models 1 and 2 are correct (label 1, cheaper),
    // on rows 1 and 2 only model 0. With k = 3 the query nearest row 0 still goes to model 1 only if the 1/d
    // weights beat the 2-vs-1 majority.
    let x = Matrix<Float>(rows: 4, columns: 2, values: [1, 0, 0, 1, -1, -0.2, 0.95, 0.05])
    let p = FeatureProblem(correct: [[false, true, true], [true, false, false], [true, false, false],
                                     [true, true, true]],
                           price: [1e-4, 2e-4, 3e-4], features: x, train: [0, 1, 2], dev: [], test: [3])
    #expect(try p.fit(KNNRouter(k: 3)).route(p.inputs([3])) == [1])
    #expect(try p.fit(KNNRouter(k: 1)).route(p.inputs([3])) == [1])
    // An exact duplicate of row 1 (distance 0) gets all the weight.
    #expect(try p.fit(KNNRouter(k: 3)).route(p.inputs([1])) == [0])
  }

  @Test func prknnCopelandVoteByHand() throws {
    // Models 0, 1, 2 cost 1, 2, 3 (×1e-4). Neighbour n0: Y = [0,1,1] with weight 2; n1: Y = [1,0,1] with weight 1.
    // n0: m0 beats nobody; m1 beats m0 (accuracy) and m2 (equal, cheaper) → 2; m2 beats m0 → 1.
    // n1: m0 beats m1 and m2 → 2; m1 → 0; m2 beats m1 → 1.
    // Scores: m0 = 2·0 + 1·2 = 2, m1 = 2·2 + 0 = 4, m2 = 2·1 + 1·1 = 3.
    let x = Matrix<Float>(rows: 4, columns: 2, values: [1, 0, 0, 1, 0.9, 0.1, 0.5, 0.5])
    let p = FeatureProblem(correct: [[false, true, true], [true, false, true], [true, true, true],
                                     [true, true, true]],
                           price: [1e-4, 2e-4, 3e-4], features: x, train: [0, 1], dev: [], test: [2, 3])
    let router = try p.fit(PRkNNRouter(k: 2))
    #expect(router.copelandScores(neighbors: [0, 1], weights: [2, 1]) == [2, 4, 3])
    // Uniform weights: 2, 2, 2 → tie → first index.
    #expect(router.copelandScores(neighbors: [0, 1], weights: [1, 1]) == [2, 2, 2])
    // End to end: after z-scoring, train rows are (1,−1) and (−1,1). Row 2 → (0.8,−0.8): distance 0 to n0, weight
    // 10⁶ → model 1. Row 3 → (0, 0): distance 1 to both, equal weights → tie → model 0.
    #expect(try router.route(p.inputs([2, 3])) == [1, 0])
    let s = try router.scores(for: p.inputs([3]))
    #expect(abs(Double(s[0, 0]) - 2 / (1 + 1e-6)) < 1e-4 && s[0, 0] == s[0, 1] && s[0, 1] == s[0, 2])
  }

  @Test func ovrSeparatesALinearlySeparableProblem() throws {
    // Model 0 correct iff x₀ > 0, model 1 iff x₀ ≤ 0; model 2 never correct, model 3 always correct.
    var g = SplitMix64(seed: 5)
    let n = 120
    var x = Matrix<Float>(rows: n, columns: 3, repeating: 0)
    var correct: [[Bool]] = []
    for i in 0..<n {
      let side: Float = i % 2 == 0 ? 1 : -1
      x[i, 0] = side * Float(1 + g.nextUnit())
      x[i, 1] = Float(g.nextGaussian())
      x[i, 2] = Float(g.nextGaussian())
      correct.append([side > 0, side < 0, false, true])
    }
    let rows = Array(0..<n)
    let p = FeatureProblem(correct: correct, price: [1e-4, 1e-4, 1e-4, 1e-3], features: x,
                           train: rows.filter { $0 % 4 != 0 }, dev: [], test: rows.filter { $0 % 4 == 0 })
    let router = try p.fit(OVRRouter())
    let s = try router.scores(for: p.inputs(p.testRows))
    for (r, i) in p.testRows.enumerated() {
      let positive = x[i, 0] > 0
      #expect(positive ? s[r, 0] > 0.8 && s[r, 1] < 0.2 : s[r, 1] > 0.8 && s[r, 0] < 0.2, "row \(i)")
      #expect(s[r, 2] == 0 && s[r, 3] == 1)
    }
    // Without the always-correct model the argmax follows the side of x₀.
    let q = FeatureProblem(correct: correct.map { Array($0.prefix(3)) }, price: [1e-4, 1e-4, 1e-4], features: x,
                           train: rows.filter { $0 % 4 != 0 }, dev: [], test: rows.filter { $0 % 4 == 0 })
    #expect(try q.fit(OVRRouter()).route(q.inputs(q.testRows)) == q.testRows.map { x[$0, 0] > 0 ? 0 : 1 })
  }

  @Test(arguments: ["Linear", "MLP"])
  func trainableRoutersLearnSeparableRouting(name: String) throws {
    let (p, cluster) = clusterProblem(perCluster: 60)
    let expected = p.testRows.map { cluster[$0] }
    let decisions: [Int]
    if name == "Linear" {
      decisions = try p.fit(LinearRouter(options: TrainingOptions(learningRate: 5e-2, batchSize: 16)))
        .route(p.inputs(p.testRows))
    } else {
      decisions = try p.fit(MLPRouter(hidden: [16], options: TrainingOptions(learningRate: 1e-2, batchSize: 32)))
        .route(p.inputs(p.testRows))
    }
    #expect(decisions == expected)
  }

  /// The cheap model (m0, 1e-5) is right on 3 rows in 5 regardless of the features (pure noise); the dear model
  /// (m1, 1e-2) is always right. λ = 0 spreads mass uniformly over correct models, so m1 gets ≥ ½ on every row and
  /// wins; λ = ∞ trains on the cheapest correct model, which is m0 on 60 % of rows, so m0 wins.
  @Test(arguments: ["Linear", "MLP"])
  func lambdaMovesRoutingBetweenAccuracyAndCost(name: String) throws {
    var g = SplitMix64(seed: 9)
    let n = 400
    let x = Matrix<Float>(rows: n, columns: 4, values: (0..<(n * 4)).map { _ in Float(g.nextGaussian()) })
    let correct = (0..<n).map { [$0 % 5 < 3, true] }
    let rows = Array(0..<n)
    let p = FeatureProblem(correct: correct, price: [1e-5, 1e-2], features: x, train: rows.filter { $0 % 4 != 0 },
                           dev: [], test: rows.filter { $0 % 4 == 0 })
    func shareToDear(_ lambda: Double) throws -> Double {
      let options = TrainingOptions(learningRate: 1e-2, batchSize: 64, maxEpochs: 20)
      let d = name == "Linear"
        ? try p.fit(LinearRouter(options: options), lambda: lambda, dev: false).route(p.inputs(p.testRows))
        : try p.fit(MLPRouter(hidden: [8], options: options), lambda: lambda, dev: false).route(p.inputs(p.testRows))
      return Double(d.filter { $0 == 1 }.count) / Double(d.count)
    }
    #expect(try shareToDear(0) >= 0.9)
    #expect(try shareToDear(.infinity) <= 0.1)
  }

  @Test func trainingUsesTheDevSetForEarlyStopping() throws {
    let (p, _) = clusterProblem(perCluster: 40)
    let r = try p.fit(MLPRouter(hidden: [8], options: TrainingOptions(learningRate: 1e-2, batchSize: 16,
                                                                      maxEpochs: 40, patience: 3)))
    let report = try #require(r.fitted?.report)
    #expect(report.history.allSatisfy { $0.devScore != nil })
    // Separable clusters reach a perfect dev score quickly and then cannot improve by more than min_delta.
    #expect(report.stoppedEarly && report.epochsRun == report.bestEpoch + 3)
    #expect(report.bestScore == report.history.compactMap(\.devScore).max())
  }

  @Test func sameSeedSameScoresDifferentSeedDifferentScores() throws {
    let (p, _) = clusterProblem()
    func scores(_ seed: UInt64) throws -> Matrix<Float> {
      try p.fit(MLPRouter(hidden: [8]), lambda: 10, seed: seed).scores(for: p.inputs(p.testRows))
    }
    #expect(try scores(3) == scores(3))
    #expect(try scores(3) != scores(4))
    let l1 = try p.fit(LinearRouter(), seed: 3).scores(for: p.inputs(p.testRows))
    #expect(try l1 == p.fit(LinearRouter(), seed: 3).scores(for: p.inputs(p.testRows)))
  }

  @Test func trainableFusionHeadsTrain() throws {
    // Columns 0–2 play "text", 3–5 "image".
    let (p, cluster) = clusterProblem(perCluster: 40)
    let expected = p.testRows.map { cluster[$0] }
    // No dev set: train all epochs (a slow start of MLB's product of two tanh would otherwise trip patience).
    let options = TrainingOptions(learningRate: 1e-2, batchSize: 16, maxEpochs: 60)
    for fusion in [MLPRouter.Fusion.gmu(textWidth: 3, outputs: 8), .mlb(textWidth: 3, rank: 8),
                   .weightedAverage(textWidth: 3)] {
      let r = try p.fit(MLPRouter(hidden: [8], fusion: fusion, options: options), dev: false)
      let got = try r.route(p.inputs(p.testRows))
      let right = zip(got, expected).filter { $0 == $1 }.count
      // MLB's products of two tanh fit the training rows but may miss an outlying test row or two.
      #expect(Double(right) >= 0.9 * Double(expected.count), "\(fusion): \(right)/\(expected.count)")
      let losses = try #require(r.fitted?.report.history.map(\.trainLoss))
      #expect(losses.last! < 0.2 * losses.first!, "\(fusion): \(losses)")
    }
    #expect(throws: RouterError.self) { try p.fit(MLPRouter(fusion: .gmu(textWidth: 6, outputs: 4))) }
  }

  @Test func everyFeatureRouterNeedsFeatures() throws {
    let (p, _) = clusterProblem()
    let noFeatures = TrainingData(benchmark: p.benchmark, trainRows: p.benchmark.splits[.train]!, devRows: [])
    let routers: [any Router] = [KNNRouter(), PRkNNRouter(), OVRRouter(), KMeansRouter(), LinearRouter(), MLPRouter()]
    for router in routers {
      var r = router
      var g = SplitMix64(seed: 1)
      #expect(type(of: r).needsFeatures)
      #expect(throws: RouterError.missingFeatures(type(of: r).name)) {
        try r.fit(noFeatures, objective: Objective(lambda: 0), using: &g)
      }
      try r.fit(p.training(), objective: Objective(lambda: 0), using: &g)
      #expect(throws: RouterError.missingFeatures(type(of: r).name)) {
        try r.scores(for: RoutingInputs(benchmark: p.benchmark, rows: [0]))
      }
    }
  }

  @Test func registryListsTheFeatureRouters() throws {
    let reg = RouterRegistry.builtIn
    let feature = try reg.resolve("feature")
    #expect(feature.map(\.name) == ["KNN", "PRkNN", "OVR", "K-means", "Linear", "MLP"])
    #expect(feature.filter(\.dependsOnLambda).map(\.name) == ["Linear", "MLP"])
    #expect(feature.filter(\.dependsOnSeed).map(\.name) == ["Linear", "MLP"])
    #expect(feature.allSatisfy { $0.needsFeatures })
  }
}
