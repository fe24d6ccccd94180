public import BenchCore
public import EdgeCloud
internal import Foundation

/// The seeded train/test split of the fixed-rate protocol: per dataset, the samples shuffled with the seed and the
/// first ⌊train·n + ½⌋ taken for training (RouteT2I trains on one set of prompts and reports on held-out ones; there
/// is no threshold or epoch to choose, so there is no dev part).
public struct QualitySplit: Sendable, Hashable {
  public var train: [Int]
  public var test: [Int]
  public var seed: UInt64
  public var trainShare: Double

  public init(data: PairQuality, seed: UInt64, trainShare: Double = 0.8) throws(MultiMetricError) {
    guard trainShare.isFinite, trainShare > 0, trainShare < 1 else {
      throw MultiMetricError(.invalidValue, "train share \(trainShare) is not in (0, 1)")
    }
    var byDataset: [Int32: [Int]] = [:]
    for i in 0..<data.count { byDataset[data.sampleDataset[i], default: []].append(i) }
    var train: [Int] = [], test: [Int] = []
    let root = SplitMix64(seed: seed).derived("multimetric-split")
    for d in byDataset.keys.sorted() {
      var rows = byDataset[d]!
      var g = root.derived("dataset/\(data.datasets[Int(d)].name)")
      rows.seededShuffle(using: &g)
      let k = Int((trainShare * Double(rows.count)).rounded(.toNearestOrAwayFromZero))
      train += rows[..<k]
      test += rows[k...]
    }
    guard !train.isEmpty, !test.isEmpty else {
      throw MultiMetricError(.missingData, "the split has an empty part (\(train.count) train, \(test.count) test "
                               + "samples)", pair: data.pair.label)
    }
    self.train = train.sorted()
    self.test = test.sorted()
    self.seed = seed
    self.trainShare = trainShare
  }
}

/// What one router gives on one pair: the ΔP–routing-rate curve on the test rows, and the test scores.
public struct QualityRunOutcome: Sendable {
  public var router: String
  public var curve: DeltaPCurve
  /// Cloud scores of the test rows (aligned with the split's `test`).
  public var testScores: [Double]
  public var trainSeconds: Double
  public var routeSeconds: Double
}

/// The fixed-rate multi-metric protocol (RouteT2I supplementary, docs/multimetric.md): fit the router on the train
/// rows, score the test prompts for "send to cloud", and at every rate send the top round(r·n) to the cloud.
public enum FixedRateProtocol {
  /// Runs `router` on `data` and evaluates it at `rates` on the split's test rows.
  ///
  /// - Throws: `MultiMetricError.router` naming the router when it returns a wrong count of scores or a
  ///   non-finite one; whatever fitting throws.
  public static func run<R: QualityRouter>(_ prototype: R, data: PairQuality, inputs: RouterInputs,
                                           split: QualitySplit, rates: [RoutingRate], seed: UInt64) throws
    -> QualityRunOutcome
  {
    var router = prototype
    var rng = SplitMix64(seed: seed).derived("multimetric/" + router.name)
    let clock = ContinuousClock()
    let t0 = clock.now
    try router.fit(QualityTrainingSet(data: data, inputs: inputs, rows: split.train), using: &rng)
    let t1 = clock.now
    let scores = try router.cloudScores(inputs, rows: split.test)
    guard scores.count == split.test.count, scores.allSatisfy(\.isFinite) else {
      throw MultiMetricError(.router, "returned \(scores.count) cloud scores for \(split.test.count) test rows, or a "
                               + "non-finite one", pair: data.pair.label, key: router.name)
    }
    let curve = try evaluate(scores: scores, rows: split.test, data: data, rates: rates)
    let t2 = clock.now
    return QualityRunOutcome(router: router.name, curve: curve, testScores: scores,
                             trainSeconds: seconds(t1 - t0), routeSeconds: seconds(t2 - t1))
  }

  /// ΔP at every rate of routing `rows` (aligned with `scores`) by the fixed-rate rule.
  public static func evaluate(scores: [Double], rows: [Int], data: PairQuality, rates: [RoutingRate])
    throws(MultiMetricError) -> DeltaPCurve
  {
    let decisions = try FixedRateRule.cloudDecisions(scores: scores, rates: rates)
    return DeltaPCurve(points: zip(rates, decisions).map { r, d in data.evaluate(rows: rows, cloud: d, rate: r) })
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}

extension PairQuality {
  /// The prompt statistics of every sample (`QueryStatistics`: counts of the prompt, input tokens, has-image, the
  /// dataset's one-hot).
  public var statistics: Matrix<Float> {
    QueryStatistics.matrix(prompts: prompts, inputTokens: inputTokens, hasImage: hasImage,
                           sampleDataset: sampleDataset, datasetCount: datasets.count)
  }

  /// The router inputs: the given text features (N rows) and the prompt statistics; no image branch (a
  /// text-to-image router sees only the prompt).
  public func inputs(text: Matrix<Float>?) throws(MultiMetricError) -> RouterInputs {
    if let text, text.rows != count {
      throw MultiMetricError(.invalidValue, "the text features have \(text.rows) rows for \(count) samples",
                             pair: pair.label, key: "text")
    }
    return RouterInputs(text: text, image: nil, statistics: statistics)
  }
}
