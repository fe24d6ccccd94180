public import BenchCore
public import Routers
internal import Foundation

/// Everything one finished run produced.
public struct RunOutcome: Sendable {
  public var spec: RunSpec
  public var configuration: [String: String]
  public var bounds: CostBounds
  /// Rows and chosen model per split (dev and test).
  public var decisions: [SplitName: (rows: [Int], models: [Int])]
  public var evaluations: [SplitName: Evaluation]
  public var trainSeconds: Double
  public var routeSeconds: Double
  /// Input tokens of the routed test samples (for throughput = tokens / route seconds).
  public var routedInputTokens: Int
}

/// Errors from planning and running a sweep.
public enum SweepError: Error, Sendable, CustomStringConvertible {
  case runFailed(key: String, underlying: String)
  case missingFeatureSet(router: String)
  case invalidShard(String)
  case invalidFeatureKey(String)

  public var description: String {
    switch self {
    case .runFailed(let k, let u): "run \(k) failed: \(u)"
    case .missingFeatureSet(let r): "\(r) needs a feature set; pass --feature-set NAME (see `routerbench features list`)"
    case .invalidShard(let s): "invalid --shard '\(s)': expected i/n with 0 ≤ i < n, e.g. 0/4"
    case .invalidFeatureKey(let m): "--feature-set / --fusion: \(m)"
    }
  }
}

/// Fits one router on train (dev for early stopping), routes dev and test, and evaluates both.
///
/// The router's generator is derived from the run's seed and key, so a run's result does not depend on which
/// other runs share the sweep or the order they execute in.
public func execute(_ spec: RunSpec, entry: RouterRegistry.Entry, benchmark: Benchmark,
                    features loaded: LoadedFeatures?) throws -> RunOutcome {
  if entry.needsFeatures && loaded == nil { throw SweepError.missingFeatureSet(router: entry.name) }
  if let f = loaded?.trainableFusion, !entry.supportsTrainableFusion {
    throw SweepError.invalidFeatureKey("\(entry.name) cannot learn the trainable fusion '\(f.method)'; use MLP, or a fixed fusion")
  }
  let features = loaded?.matrix
  let train = try benchmark.rows(of: .train), dev = try benchmark.rows(of: .dev), test = try benchmark.rows(of: .test)
  let bounds = benchmark.costBounds
  var router = entry.make()
  var rng = SplitMix64(seed: spec.seed).derived(spec.key)
  let objective = Objective(lambda: spec.lambda ?? 0, costScale: spec.costScale)
  let data = TrainingData(benchmark: benchmark, trainRows: train, devRows: dev, features: features, costBounds: bounds,
                          trainableFusion: loaded?.trainableFusion)

  let clock = ContinuousClock()
  let t0 = clock.now
  try router.fit(data, objective: objective, using: &rng)
  let t1 = clock.now
  let testChoice = try router.route(RoutingInputs(benchmark: benchmark, rows: test, features: features))
  let t2 = clock.now
  let devChoice = try router.route(RoutingInputs(benchmark: benchmark, rows: dev, features: features))

  let tokens = test.reduce(0) { $0 + Int(benchmark.inputTokens[$1]) }
  return RunOutcome(
    spec: spec, configuration: router.configuration, bounds: bounds,
    decisions: [.dev: (dev, devChoice), .test: (test, testChoice)],
    evaluations: [.dev: Evaluation(benchmark: benchmark, rows: dev, decisions: devChoice),
                  .test: Evaluation(benchmark: benchmark, rows: test, decisions: testChoice)],
    trainSeconds: (t1 - t0).seconds, routeSeconds: (t2 - t1).seconds, routedInputTokens: tokens)
}
