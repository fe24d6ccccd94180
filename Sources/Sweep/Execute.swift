public import BenchCore
public import Routers
internal import Foundation

/// Everything one finished run produced.
public struct RunOutcome: Sendable {
  public var spec: RunSpec
  /// The router's configuration as canonical JSON (as in the identity).
  public var configurationJSON: String
  /// What fitting found, as sorted-key JSON.
  public var fitReportJSON: String
  public var bounds: CostBounds
  /// Rows and chosen model per split (dev and test).
  public var decisions: [SplitName: (rows: [Int], models: [Int])]
  public var evaluations: [SplitName: Evaluation]
  public var trainSeconds: Double
  public var routeSeconds: Double
  /// Input tokens of the routed test samples (for throughput = tokens / route seconds).
  public var routedInputTokens: Int
}

/// Errors from planning and running a sweep and from reading experiment files.
public enum SweepError: Error, Sendable, CustomStringConvertible {
  case runFailed(run: String, underlying: String)
  case missingFeatureSet(String, stored: [String])
  case invalidShard(String)
  case invalidFeatures(String)
  /// An experiment file or definition is wrong: `source` names the file (and line).
  case invalidExperiment(source: String, message: String)
  /// The benchmark's data changed while the sweep ran.
  case dataChanged(stored: Int, message: String)
  /// A shard's plan is not the one its job script was written for (`run --plan-digest`).
  case planChanged(shard: String, expected: String, actual: String)
  /// A shard database cannot be used for the shard (`run --shard-db`): `path` names it.
  case shardDatabase(path: String, message: String)
  /// A Slurm option, script or submission problem: `what` names the option or command.
  case slurm(what: String, message: String)

  public var description: String {
    switch self {
    case .runFailed(let r, let u): "run \(r) failed: \(u)"
    case .missingFeatureSet(let s, let stored):
      "no feature set '\(s)' in the database (\(stored.isEmpty ? "none stored" : "stored: " + stored.joined(separator: ", "))); "
        + "import embeddings with `routerbench features import`, or compute text features with `routerbench features text` and pass --feature-set hashed-text"
    case .invalidShard(let s): "invalid --shard '\(s)': expected i/n with 0 ≤ i < n, e.g. 0/4"
    case .invalidFeatures(let m): "features: \(m)"
    case .invalidExperiment(let s, let m): "\(s): \(m)"
    case .dataChanged(let n, let m): "\(m); \(n) runs of this sweep were stored before the change — run again to compute the rest on the new data"
    case .planChanged(let s, let e, let a):
      "shard \(s): the plan's digest is \(a.prefix(16))…, not \(e.prefix(16))… as the job script expects: the experiment "
        + "file, the benchmark data or routerbench changed since the script was written; write it again with `routerbench slurm`"
    case .shardDatabase(let p, let m): "shard database \(p): \(m)"
    case .slurm(let w, let m): "\(w): \(m)"
    }
  }
}

/// Fits one router on train (dev for early stopping), routes dev and test, and evaluates both.
///
/// The router is fit on a copy of the benchmark whose test rows have no quality or cost, and routes through
/// `RoutingInputs`, which has none; only an `UpperBoundRouter` is shown the routed rows' labels. The router's
/// generator is derived from the run's seed and generator key, so a run's result does not depend on which other
/// runs share the sweep or the order they execute in.
///
/// - Parameter hidden: `benchmark.hidingLabels(of: test)` when the caller made it once for many runs (a sweep);
///   nil makes it here.
public func execute(_ spec: RunSpec, entry: RouterRegistry.Entry, benchmark: Benchmark,
                    features loaded: LoadedFeatures?, text: TextTokens? = nil, hidden: Benchmark? = nil) throws -> RunOutcome {
  if entry.needsFeatures && loaded == nil {
    throw SweepError.missingFeatureSet(spec.identity.features?.label ?? "?", stored: [])
  }
  if let f = loaded?.trainableFusion, !entry.supportsTrainableFusion {
    throw SweepError.invalidFeatures("\(entry.name) cannot learn the trainable fusion '\(f.method.rawValue)'; use MLP, or a fixed fusion")
  }
  var benchmark = benchmark
  benchmark.correctThreshold = spec.identity.correctThreshold
  let features = loaded?.matrix
  let train = try benchmark.rows(of: .train), dev = try benchmark.rows(of: .dev), test = try benchmark.rows(of: .test)
  let bounds = benchmark.costBounds
  let made = try entry.make(spec.values, spec.identity.variant)
  if let request = made.textRequest, text?.request != request {
    throw SweepError.invalidFeatures("\(entry.name) reads the text tokens \(request), and the run was handed "
      + (text.map { "\($0.request)" } ?? "none"))
  }
  var router = made.router
  var rng = SplitMix64(seed: spec.identity.seed).derived(spec.generatorKey)
  let objective = Objective(lambda: spec.identity.lambda.value ?? 0, costScale: spec.identity.costScale)
  var training = hidden ?? benchmark.hidingLabels(of: test)
  training.correctThreshold = benchmark.correctThreshold
  let data = TrainingData(benchmark: training, trainRows: train, devRows: dev,
                          features: features, costBounds: bounds, trainableFusion: loaded?.trainableFusion,
                          text: made.textRequest == nil ? nil : text)

  func route(_ rows: [Int]) throws -> [Int] {
    let inputs = RoutingInputs(benchmark: benchmark, rows: rows, features: features,
                               text: made.textRequest == nil ? nil : text)
    if let upper = router as? any UpperBoundRouter {
      return try upper.route(inputs, labels: RoutedLabels(benchmark: benchmark, rows: rows))
    }
    return try router.route(inputs)
  }

  let clock = ContinuousClock()
  let t0 = clock.now
  try router.fit(data, objective: objective, using: &rng)
  let t1 = clock.now
  let testChoice = try route(test)
  let t2 = clock.now
  let devChoice = try route(dev)

  let tokens = test.reduce(0) { $0 + Int(benchmark.inputTokens[$1]) }
  let enc = JSONEncoder()
  enc.outputFormatting = [.sortedKeys]
  let report = (try? enc.encode(router.fitReport)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  return RunOutcome(
    spec: spec, configurationJSON: made.configurationJSON, fitReportJSON: report, bounds: bounds,
    decisions: [.dev: (dev, devChoice), .test: (test, testChoice)],
    evaluations: [.dev: Evaluation(benchmark: benchmark, rows: dev, decisions: devChoice),
                  .test: Evaluation(benchmark: benchmark, rows: test, decisions: testChoice)],
    trainSeconds: (t1 - t0).seconds, routeSeconds: (t2 - t1).seconds, routedInputTokens: tokens)
}
