public import BenchCore
public import EdgeCloud
internal import Foundation
internal import Learning

/// The training of the multi-metric neural routers: Adam at a peak rate of 10⁻³ under OneCycleLR, minibatches of
/// 64 reshuffled every epoch, `epochs` epochs, an MLP with `hidden` ReLU layers on the standardised branches.
public struct QualityTraining: Sendable, Hashable, Codable {
  public var learningRate: Double = 1e-3
  public var epochs: Int = 20
  public var batchSize: Int = 64
  public var hidden: [Int] = [256, 128]
  public var branches: [RouterBranch] = [.text, .statistics]

  public init() {}

  enum CodingKeys: String, CodingKey {
    case learningRate = "learning_rate", epochs, batchSize = "batch_size", hidden, branches
  }

  func validate(_ router: String) throws(MultiMetricError) {
    guard learningRate > 0, learningRate.isFinite, epochs >= 1, batchSize >= 1, !hidden.isEmpty,
          hidden.allSatisfy({ $0 > 0 }), !branches.isEmpty
    else {
      throw MultiMetricError(.router, "learning_rate > 0, epochs ≥ 1, batch_size ≥ 1, hidden widths > 0 and at least "
                               + "one branch are needed", key: router)
    }
  }
}

/// What the neural routers share: the standardised input view and the fitted network.
struct FittedNetwork: Sendable {
  var branches: [RouterBranch]
  var standardizer: Standardizer
  var network: Network

  func outputs(_ inputs: RouterInputs, rows: [Int]) throws -> Matrix<Float> {
    network(standardizer.transform(try inputs.concatenated(branches, rows: rows)))
  }
}

enum QualityLoss {
  /// Binary cross-entropy on one logit against soft targets in [0, 1].
  case bce([Float])
  /// Mean squared error of every output against a targets matrix (rows aligned with the training rows).
  case mse(Matrix<Float>)

  var outputs: Int {
    switch self {
    case .bce: 1
    case .mse(let t): t.columns
    }
  }
}

/// Trains an MLP on `data`'s training rows against `loss`.
func trainNetwork(_ data: QualityTrainingSet, loss: QualityLoss, training: QualityTraining,
                  using rng: inout SplitMix64) throws -> FittedNetwork {
  let branches = training.branches.sorted()
  let xTrain = try data.inputs.concatenated(branches, rows: data.trainRows)
  let standardizer = Standardizer(fitting: xTrain)
  let x = standardizer.transform(xTrain)
  var net = Network.mlp(inputWidth: x.columns, hidden: training.hidden, outputs: loss.outputs, using: &rng)
  var adam = Adam(parameterCount: net.parameters.count)
  let n = data.trainRows.count
  let perEpoch = (n + training.batchSize - 1) / training.batchSize
  let schedule = OneCycleSchedule(maxRate: training.learningRate, totalSteps: max(1, perEpoch * training.epochs))
  var order = Array(0..<n)
  var gradient: [Float] = []
  var t = 0
  for _ in 1...training.epochs {
    order.seededShuffle(using: &rng)
    var start = 0
    while start < n {
      let batch = Array(order[start..<min(start + training.batchSize, n)])
      let tape = net.forwardTape(x.selecting(rows: batch))
      let out = tape.activations[tape.activations.count - 1]
      let dOut: Matrix<Float>
      switch loss {
      case .bce(let targets):
        let (_, dz) = BinaryCrossEntropy.lossAndGradient(logits: out.values, targets: batch.map { targets[$0] })
        dOut = Matrix(rows: batch.count, columns: 1, values: dz)
      case .mse(let targets):
        let k = targets.columns
        var d = [Float](repeating: 0, count: batch.count * k)
        let scale = 2 / Float(batch.count * k)
        for (b, r) in batch.enumerated() {
          for j in 0..<k { d[b * k + j] = scale * (out[b, j] - targets[r, j]) }
        }
        dOut = Matrix(rows: batch.count, columns: k, values: d)
      }
      net.backward(tape, dOutput: dOut, gradient: &gradient)
      adam.update(&net.parameters, gradient: gradient, learningRate: Float(schedule.rate(at: t)))
      t += 1
      start += training.batchSize
    }
  }
  guard net.parameters.allSatisfy(\.isFinite) else {
    throw MultiMetricError(.router, "training diverged (a parameter is not finite)")
  }
  return FittedNetwork(branches: branches, standardizer: standardizer, network: net)
}

// MARK: - HybridLLM

/// HybridLLM (Ding et al. 2024, the supplementary's [1]): a classifier of P(q_edge ≥ q_cloud − t) trained with its
/// probabilistic label. HybridLLM estimates the probability from several sampled responses per model; here the M
/// metrics are the draws: y = Σ_m w_m·𝟙[g_m ≤ t] / Σ_m w_m, the weighted share of metrics on which the edge
/// output is within t of the cloud's (g_m the standardised oriented gap). t is HybridLLM's relaxation of its
/// transformed label: chosen on the training rows from {0, 0.1, …, 2} so the mean label is closest to ½ (the most
/// informative split; ties: the smaller t). The cloud score is 1 − p.
public struct HybridLLMRouter: QualityRouter {
  public struct Configuration: Sendable, Hashable, Codable {
    public var training = QualityTraining()
    /// nil: chosen on the training rows as above.
    public var relaxation: Double?
    public init() {}
  }

  public let name = "HybridLLM"
  public let configuration: Configuration
  public var configurationJSON: String { canonicalJSON(configuration) }
  public let dependsOnSeed = true
  public var branches: [RouterBranch] { configuration.training.branches.sorted() }
  var fitted: FittedNetwork?
  public private(set) var chosenRelaxation: Double?

  public init(configuration: Configuration = Configuration()) throws(MultiMetricError) {
    try configuration.training.validate("HybridLLM")
    if let t = configuration.relaxation, !(t.isFinite && t >= 0) {
      throw MultiMetricError(.router, "relaxation \(t) is negative or not finite", key: "HybridLLM")
    }
    self.configuration = configuration
  }

  /// The probabilistic labels of standardised gaps `g` at relaxation t.
  static func labels(_ g: Matrix<Double>, weights: [Double], relaxation t: Double) -> [Float] {
    let total = weights.reduce(0, +)
    return (0..<g.rows).map { r in
      var s = 0.0
      for j in 0..<g.columns where g[r, j] <= t { s += weights[j] }
      return Float(s / total)
    }
  }

  public mutating func fit(_ data: QualityTrainingSet, using rng: inout SplitMix64) throws {
    let g = data.standardizedGaps
    let w = data.metrics.map(\.weight)
    let t: Double
    if let given = configuration.relaxation {
      t = given
    } else {
      var best = 0.0, bestDistance = Double.infinity
      for k in 0...20 {
        let candidate = Double(k) / 10
        let y = Self.labels(g, weights: w, relaxation: candidate)
        let distance = abs(y.reduce(0.0) { $0 + Double($1) } / Double(max(y.count, 1)) - 0.5)
        if distance < bestDistance {
          best = candidate
          bestDistance = distance
        }
      }
      t = best
    }
    chosenRelaxation = t
    fitted = try trainNetwork(data, loss: .bce(Self.labels(g, weights: w, relaxation: t)),
                              training: configuration.training, using: &rng)
  }

  public func cloudScores(_ inputs: RouterInputs, rows: [Int]) throws -> [Double] {
    guard let fitted else { throw MultiMetricError(.router, "cloudScores() before fit()", key: name) }
    return try fitted.outputs(inputs, rows: rows).values.map { 1 - BinaryCrossEntropy.probability(Double($0)) }
  }
}

// MARK: - ZOOTER

/// ZOOTER (Lu et al. 2023, the supplementary's [3]): reward-guided routing by distilling the normalised rewards of
/// the candidate models into a router trained with KL divergence. Each model's reward is its weighted
/// standardised quality; the target is softmax(rewards / T) over {edge, cloud}, which for two models is
/// σ(G / T) with G the cloud's weighted standardised advantage, and the KL loss equals binary cross-entropy on that
/// soft target up to a constant. The cloud score is the router's P(cloud).
public struct ZooterRouter: QualityRouter {
  public struct Configuration: Sendable, Hashable, Codable {
    public var training = QualityTraining()
    /// Softmax temperature T > 0 on the standardised rewards.
    public var temperature: Double = 1
    public init() {}
  }

  public let name = "ZOOTER"
  public let configuration: Configuration
  public var configurationJSON: String { canonicalJSON(configuration) }
  public let dependsOnSeed = true
  public var branches: [RouterBranch] { configuration.training.branches.sorted() }
  var fitted: FittedNetwork?

  public init(configuration: Configuration = Configuration()) throws(MultiMetricError) {
    try configuration.training.validate("ZOOTER")
    guard configuration.temperature.isFinite, configuration.temperature > 0 else {
      throw MultiMetricError(.router, "temperature \(configuration.temperature) is not > 0", key: "ZOOTER")
    }
    self.configuration = configuration
  }

  public mutating func fit(_ data: QualityTrainingSet, using rng: inout SplitMix64) throws {
    let targets = data.weightedGap.map { Float(BinaryCrossEntropy.probability($0 / configuration.temperature)) }
    fitted = try trainNetwork(data, loss: .bce(targets), training: configuration.training, using: &rng)
  }

  public func cloudScores(_ inputs: RouterInputs, rows: [Int]) throws -> [Double] {
    guard let fitted else { throw MultiMetricError(.router, "cloudScores() before fit()", key: name) }
    return try fitted.outputs(inputs, rows: rows).values.map { BinaryCrossEntropy.probability(Double($0)) }
  }
}

// MARK: - RouteT2I-style multi-metric router

/// A RouteT2I-style multi-metric router: a shared MLP trunk with one regression head per metric, each predicting
/// that metric's standardised oriented gap (cloud − edge) for the prompt, trained jointly with mean squared error;
/// the cloud score is the weighted combination Σ_m w_m·ĝ_m / Σ_m w_m (main paper Eq. 3–4). RouteT2I's dual-gate
/// token-selection MoE on a CLIP text encoder is not reproduced (docs/multimetric.md, "Differences").
public struct MultiHeadQualityRouter: QualityRouter {
  public struct Configuration: Sendable, Hashable, Codable {
    public var training = QualityTraining()
    public init() {}
  }

  public let name = "RouteT2I-style"
  public let configuration: Configuration
  public var configurationJSON: String { canonicalJSON(configuration) }
  public let dependsOnSeed = true
  public var branches: [RouterBranch] { configuration.training.branches.sorted() }
  var fitted: FittedNetwork?
  var weights: [Double] = []

  public init(configuration: Configuration = Configuration()) throws(MultiMetricError) {
    try configuration.training.validate("RouteT2I-style")
    self.configuration = configuration
  }

  public mutating func fit(_ data: QualityTrainingSet, using rng: inout SplitMix64) throws {
    let g = data.standardizedGaps
    let targets = Matrix<Float>(rows: g.rows, columns: g.columns, values: g.values.map { Float($0) })
    weights = data.metrics.map(\.weight)
    fitted = try trainNetwork(data, loss: .mse(targets), training: configuration.training, using: &rng)
  }

  /// Per row and metric, the predicted standardised gap.
  public func predictedGaps(_ inputs: RouterInputs, rows: [Int]) throws -> Matrix<Float> {
    guard let fitted else { throw MultiMetricError(.router, "predictedGaps() before fit()", key: name) }
    return try fitted.outputs(inputs, rows: rows)
  }

  public func cloudScores(_ inputs: RouterInputs, rows: [Int]) throws -> [Double] {
    let g = try predictedGaps(inputs, rows: rows)
    let total = weights.reduce(0, +)
    return (0..<g.rows).map { r in
      var s = 0.0
      for j in 0..<g.columns { s += weights[j] * Double(g[r, j]) }
      return s / total
    }
  }
}
