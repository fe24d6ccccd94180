public import BenchCore

/// Where a router comes from, for grouping in tables (VL-RouterBench Table 2 families).
public enum RouterFamily: String, Sendable, Hashable, Codable, CaseIterable {
  case baseline
  case feature
  case endToEnd = "end-to-end"
  case scenario
  case external
}

/// A trainable fusion asked for on the command line (`--fusion gmu|mlb|weighted_average`): the features are then the
/// raw concatenation `[text ; image]`, the text view in the first `textWidth` columns, and a router that supports
/// it (`supportsTrainableFusion`) learns the fusion layer itself (VL-RouterBench App. G.2).
public struct TrainableFusion: Sendable, Hashable, Codable {
  public var method: String
  public var textWidth: Int
  public init(method: String, textWidth: Int) {
    self.method = method
    self.textWidth = textWidth
  }
}

/// What a router may learn from: the benchmark, the training rows (labels allowed), the dev rows (labels allowed,
/// for early stopping and model selection only) and, if the run has one, a feature matrix aligned to the
/// benchmark's rows.
public struct TrainingData: Sendable {
  public var benchmark: Benchmark
  public var trainRows: [Int]
  public var devRows: [Int]
  public var features: Matrix<Float>?
  /// Rank Score bounds used for dev-set selection (model-average bounds over all samples).
  public var costBounds: CostBounds
  /// Set when the run asks for a trainable fusion of the two feature views.
  public var trainableFusion: TrainableFusion?

  public init(benchmark: Benchmark, trainRows: [Int], devRows: [Int], features: Matrix<Float>? = nil,
              costBounds: CostBounds? = nil, trainableFusion: TrainableFusion? = nil) {
    self.trainableFusion = trainableFusion
    self.benchmark = benchmark
    self.trainRows = trainRows
    self.devRows = devRows
    self.features = features
    self.costBounds = costBounds ?? benchmark.costBounds
  }
}

/// The rows to route. A router reads the sample metadata (dataset, input tokens) and the features of these rows;
/// it must not read their quality or cost unless it declares `readsRoutedLabels` (only the Oracle does).
public struct RoutingInputs: Sendable {
  public var benchmark: Benchmark
  public var rows: [Int]
  public var features: Matrix<Float>?

  public init(benchmark: Benchmark, rows: [Int], features: Matrix<Float>? = nil) {
    self.benchmark = benchmark
    self.rows = rows
    self.features = features
  }
}

/// The router plugin protocol.
///
/// A router is fit on the training split (it may use dev for early stopping), then scores each routed sample
/// against every model; the harness routes to the argmax (first index on ties). Adding a router is one file plus
/// one line in `RouterRegistry.builtIn` (see docs/adding-a-router.md).
public protocol Router: Sendable {
  /// The name used on the command line and in tables ("MLP", "Oracle", …).
  static var name: String { get }
  static var family: RouterFamily { get }
  /// Whether the router's behaviour depends on λ. Routers that don't run once per seed, not once per λ.
  static var dependsOnLambda: Bool { get }
  /// Whether the router's behaviour depends on the seed. Deterministic routers run once.
  static var dependsOnSeed: Bool { get }
  /// Whether the router needs a feature matrix.
  static var needsFeatures: Bool { get }
  /// Whether the router reads the routed rows' quality and cost (an upper bound, not a real router).
  static var readsRoutedLabels: Bool { get }
  /// Whether the router can learn a trainable fusion (`TrainingData.trainableFusion`).
  static var supportsTrainableFusion: Bool { get }
  /// One line: what the router does, its paper and its hyperparameters.
  static var summary: String { get }

  /// Learns from `data` (train rows; dev rows only for early stopping). Never sees test labels.
  mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws
  /// One row of K scores per routed sample (higher = route there).
  func scores(for inputs: RoutingInputs) throws -> Matrix<Float>
  /// The router's hyperparameters as stable key/value pairs (stored with each run).
  var configuration: [String: String] { get }
}

extension Router {
  public static var dependsOnLambda: Bool { false }
  public static var dependsOnSeed: Bool { false }
  public static var needsFeatures: Bool { false }
  public static var readsRoutedLabels: Bool { false }
  public static var supportsTrainableFusion: Bool { false }
  public var configuration: [String: String] { [:] }

  /// Routes: the argmax model per row (first index wins ties).
  public func route(_ inputs: RoutingInputs) throws -> [Int] {
    let s = try scores(for: inputs)
    precondition(s.rows == inputs.rows.count && s.columns == inputs.benchmark.modelCount,
                 "\(Self.name) returned a \(s.rows)×\(s.columns) score matrix for \(inputs.rows.count) rows")
    return argmaxRows(s)
  }
}

/// Argmax of each row, first index on ties; NaN never wins.
public func argmaxRows(_ s: Matrix<Float>) -> [Int] {
  var out = [Int](repeating: 0, count: s.rows)
  s.values.withUnsafeBufferPointer { v in
    for i in 0..<s.rows {
      var best = 0
      var bestValue = -Float.infinity
      let base = i * s.columns
      for j in 0..<s.columns where v[base + j] > bestValue {
        best = j
        bestValue = v[base + j]
      }
      out[i] = best
    }
  }
  return out
}

/// Errors raised by routers and the registry.
public enum RouterError: Error, Sendable, Hashable, CustomStringConvertible {
  case unknownRouter(String, valid: [String])
  case notFitted(String)
  case missingFeatures(String)
  case invalidHyperparameter(router: String, message: String)
  case noTrainingSignal(router: String, message: String)
  case invalidInput(router: String, message: String)

  public var description: String {
    switch self {
    case .unknownRouter(let n, let valid):
      "unknown router '\(n)'; valid names and groups: \(valid.joined(separator: ", "))"
    case .notFitted(let n): "\(n): scores() called before fit()"
    case .missingFeatures(let n): "\(n) needs a feature set; pass --feature-set NAME (see `routerbench features list`)"
    case .invalidHyperparameter(let r, let m): "\(r): invalid hyperparameter: \(m)"
    case .noTrainingSignal(let r, let m): "\(r): \(m)"
    case .invalidInput(let r, let m): "\(r): \(m)"
    }
  }
}
