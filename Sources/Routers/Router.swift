public import BenchCore

/// A trainable fusion asked for on the command line (`--fusion gmu|mlb|weighted_average`): the features are then the
/// raw concatenation `[text ; image]`, the text view in the first `textWidth` columns, and a router that supports
/// it (`supportsTrainableFusion`) learns the fusion layer itself (VL-RouterBench App. G.2).
public struct TrainableFusion: Sendable, Hashable, Codable {
  public var method: FusionMethod
  public var textWidth: Int
  public init(method: FusionMethod, textWidth: Int) {
    self.method = method
    self.textWidth = textWidth
  }
}

/// What a router may learn from: the benchmark, the training rows (labels allowed), the dev rows (labels allowed,
/// for early stopping and model selection only) and, if the run has one, a feature matrix aligned to the
/// benchmark's rows.
///
/// The harness hands routers a benchmark whose test rows carry no quality or cost (`Benchmark.hidingLabels`):
/// the rows a router will be scored on are not there to be read.
public struct TrainingData: Sendable {
  public var benchmark: Benchmark
  public var trainRows: [Int]
  public var devRows: [Int]
  public var features: Matrix<Float>?
  /// Rank Score bounds used for dev-set selection (model-average bounds over all samples).
  public var costBounds: CostBounds
  /// Set when the run asks for a trainable fusion of the two feature views.
  public var trainableFusion: TrainableFusion?
  /// The prompts' text token vectors, for end-to-end routers (`TextInputConfiguration.textRequest`).
  public var text: TextTokens?

  public init(benchmark: Benchmark, trainRows: [Int], devRows: [Int], features: Matrix<Float>? = nil,
              costBounds: CostBounds? = nil, trainableFusion: TrainableFusion? = nil, text: TextTokens? = nil) {
    self.trainableFusion = trainableFusion
    self.text = text
    self.benchmark = benchmark
    self.trainRows = trainRows
    self.devRows = devRows
    self.features = features
    self.costBounds = costBounds ?? benchmark.costBounds
  }
}

/// The rows to route: sample metadata (dataset, id, input tokens) and features, and **no** quality or cost —
/// the type has none to give. Only an `UpperBoundRouter` (the Oracle) is shown the routed rows' labels, through
/// its own explicit path.
public struct RoutingInputs: Sendable {
  public var samples: SampleTable
  /// Benchmark rows to route (indices into `samples` and `features`).
  public var rows: [Int]
  public var features: Matrix<Float>?
  /// Text token vectors of every benchmark row (end-to-end routers), indexed like `features`.
  public var text: TextTokens?

  public init(samples: SampleTable, rows: [Int], features: Matrix<Float>? = nil, text: TextTokens? = nil) {
    self.samples = samples
    self.rows = rows
    self.features = features
    self.text = text
  }

  /// The routing inputs of `rows` of a benchmark: its sample table only, the labels left behind.
  public init(benchmark: Benchmark, rows: [Int], features: Matrix<Float>? = nil, text: TextTokens? = nil) {
    self.init(samples: benchmark.samples, rows: rows, features: features, text: text)
  }
}

/// The quality and cost of the routed rows, shown only to an `UpperBoundRouter`.
public struct RoutedLabels: Sendable {
  /// `rows.count × K` scores in [0, 1], in the order of `RoutingInputs.rows`.
  public var quality: Matrix<Float>
  /// `rows.count × K` USD per sample.
  public var cost: Matrix<Double>
  public var correctThreshold: Float

  /// The labels of `rows` of `benchmark`.
  public init(benchmark b: Benchmark, rows: [Int]) {
    let k = b.modelCount
    var q = [Float](), c = [Double]()
    q.reserveCapacity(rows.count * k)
    c.reserveCapacity(rows.count * k)
    for i in rows {
      for j in 0..<k {
        q.append(b.quality[i, j])
        c.append(b.cost[i, j])
      }
    }
    quality = Matrix(rows: rows.count, columns: k, values: q)
    cost = Matrix(rows: rows.count, columns: k, values: c)
    correctThreshold = b.correctThreshold
  }

  public func isCorrect(_ r: Int, _ m: Int) -> Bool { quality[r, m] >= correctThreshold }
}

/// A router's hyperparameters: a typed value decoded from an experiment file (unknown keys are errors), encoded
/// as canonical JSON into the run's identity. `init()` gives the defaults.
public protocol RouterConfiguration: Codable, Sendable, Hashable {
  init()
  /// Keys the configuration accepts beside the fields its default encodes, with their defaults: keys it writes only
  /// when set (so adding one leaves the identities of runs that do not use it unchanged). Default: none.
  static var optionalKeys: [String: ConfigValue] { get }
}

extension RouterConfiguration {
  public static var optionalKeys: [String: ConfigValue] { [:] }
}

/// The configuration of a router that has no hyperparameters.
public struct NoConfiguration: RouterConfiguration {
  public init() {}
}

/// The router plugin protocol.
///
/// A router is fit on the training split (it may use dev for early stopping), then scores each routed sample
/// against every model; the harness routes to the argmax (first index on ties). Adding a router is one file plus
/// one line in `RouterRegistry.builtIn` (see docs/adding-a-router.md).
public protocol Router: Sendable {
  /// The router's typed hyperparameters (`NoConfiguration` when it has none).
  associatedtype Configuration: RouterConfiguration = NoConfiguration

  /// The router kind, as on the command line and in `--routers` ("MLP", "Oracle", …).
  static var name: String { get }
  static var family: RouterFamily { get }
  /// Whether the router's behaviour depends on λ. Routers that don't run once per seed, not once per λ.
  static var dependsOnLambda: Bool { get }
  /// Whether the router's behaviour depends on the seed. Deterministic routers run once.
  static var dependsOnSeed: Bool { get }
  /// Whether the router needs a feature matrix.
  static var needsFeatures: Bool { get }
  /// Whether the router can learn a trainable fusion (`TrainingData.trainableFusion`).
  static var supportsTrainableFusion: Bool { get }
  /// The feature set a variant without `features` of its own reads instead of the experiment's (the end-to-end
  /// routers' image tokens: `patches`); nil = the experiment's.
  static var defaultFeatures: FeatureKey? { get }
  /// One line: what the router does, its paper and its hyperparameters.
  static var summary: String { get }
  /// The algorithm's revision, part of every run's identity: bump it when a code change alters results under
  /// the same configuration, so stored runs of the old code are not taken for runs of the new one.
  static var revision: Int { get }

  /// A router with these hyperparameters; throws `RouterError.invalidHyperparameter` naming a bad value.
  init(configuration: Configuration) throws(RouterError)

  /// Learns from `data` (train rows; dev rows only for early stopping). Never sees test labels.
  mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws
  /// One row of K scores per routed sample (higher = route there).
  func scores(for inputs: RoutingInputs) throws -> Matrix<Float>
  /// What fitting found (chosen model, epochs run, …) as stable key/value pairs, stored with the run. Not part of
  /// the run's identity: the configuration is.
  var fitReport: [String: String] { get }
}

/// A router that reads the routed rows' labels: an upper bound (the Oracle), not a real router. The harness
/// calls `scores(for:labels:)` for it, labels every run of it as an upper bound, and leaves it out of ranks.
public protocol UpperBoundRouter: Router {
  func scores(for inputs: RoutingInputs, labels: RoutedLabels) throws -> Matrix<Float>
}

extension UpperBoundRouter {
  /// Without the labels an upper bound cannot route.
  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    throw RouterError.invalidInput(router: Self.name, message: "an upper bound routes only with the routed rows' labels")
  }
}

extension Router {
  public static var dependsOnLambda: Bool { false }
  public static var dependsOnSeed: Bool { false }
  public static var needsFeatures: Bool { false }
  public static var supportsTrainableFusion: Bool { false }
  public static var defaultFeatures: FeatureKey? { nil }
  public static var revision: Int { 1 }
  public var fitReport: [String: String] { [:] }

  /// Routes: the argmax model per row (first index wins ties).
  public func route(_ inputs: RoutingInputs) throws -> [Int] {
    try Self.checkedArgmax(scores(for: inputs), inputs)
  }

  static func checkedArgmax(_ s: Matrix<Float>, _ inputs: RoutingInputs) throws -> [Int] {
    guard s.rows == inputs.rows.count && s.columns == inputs.samples.modelCount else {
      throw RouterError.invalidInput(
        router: Self.name,
        message: "returned a \(s.rows)×\(s.columns) score matrix for \(inputs.rows.count) rows × \(inputs.samples.modelCount) models")
    }
    return argmaxRows(s)
  }
}

extension UpperBoundRouter {
  /// Routes with the routed rows' labels (the upper bound's privileged path).
  public func route(_ inputs: RoutingInputs, labels: RoutedLabels) throws -> [Int] {
    try Self.checkedArgmax(scores(for: inputs, labels: labels), inputs)
  }
}

/// A router without hyperparameters, made with `init()`.
public protocol PlainRouter: Router where Configuration == NoConfiguration {
  init()
}

extension PlainRouter {
  public init(configuration: NoConfiguration) { self.init() }
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
