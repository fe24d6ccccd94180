public import BenchCore
internal import Learning

/// The training protocol of ECVL-Router's learned routers (Sec. 4.2.2): Adam at a peak rate of 10⁻³ under
/// OneCycleLR, minibatches of 64 reshuffled every epoch, binary cross-entropy, `epochs` epochs (50), the dev RCS
/// observed after each.
public struct NeuralTraining: Sendable, Hashable, Codable {
  public var learningRate: Double = 1e-3
  public var epochs: Int = 50
  public var batchSize: Int = 64
  public var weightDecay: Double = 0

  public init() {}

  enum CodingKeys: String, CodingKey {
    case learningRate = "learning_rate", epochs, batchSize = "batch_size", weightDecay = "weight_decay"
  }

  func validate(_ router: String) throws(EdgeCloudError) {
    guard learningRate > 0, learningRate.isFinite, epochs >= 1, batchSize >= 1, weightDecay >= 0 else {
      throw EdgeCloudError(.router, "learning_rate > 0, epochs ≥ 1, batch_size ≥ 1 and weight_decay ≥ 0 are needed",
                           key: router)
    }
  }

  /// Runs the epochs: `step(batch, rate)` for every minibatch of the shuffled training rows, then `epochEnd(epoch)`
  /// (1-based).
  func run(rows: [Int], using rng: inout SplitMix64, step: (_ batch: [Int], _ rate: Float) throws -> Void,
           epochEnd: (Int) throws -> Void) rethrows {
    let perEpoch = (rows.count + batchSize - 1) / batchSize
    let schedule = OneCycleSchedule(maxRate: learningRate, totalSteps: max(1, perEpoch * epochs))
    var order = rows
    var t = 0
    for epoch in 1...epochs {
      order.seededShuffle(using: &rng)
      var start = 0
      while start < order.count {
        let batch = Array(order[start..<min(start + batchSize, order.count)])
        try step(batch, Float(schedule.rate(at: t)))
        t += 1
        start += batchSize
      }
      try epochEnd(epoch)
    }
  }
}

/// The branches of `inputs` a router reads, concatenated and standardised on the training rows.
struct StandardizedView: Sendable {
  var branches: [RouterBranch]
  var standardizer: Standardizer

  init(inputs: RouterInputs, branches: [RouterBranch], trainRows: [Int]) throws(EdgeCloudError) {
    self.branches = branches.sorted()
    let x = try inputs.concatenated(self.branches, rows: trainRows)
    standardizer = Standardizer(fitting: x)
  }

  func rows(_ inputs: RouterInputs, _ rows: [Int]) throws(EdgeCloudError) -> Matrix<Float> {
    standardizer.transform(try inputs.concatenated(branches, rows: rows))
  }
}

func labelsAsFloats(_ labels: [Bool]) -> [Float] { labels.map { $0 ? 1 : 0 } }

// MARK: - MLP

/// A multi-layer perceptron with three hidden layers on the concatenated branches (ECVL-Router Sec. 5.1: "input/
/// output dimensions and the optimizer learning rate match those of ECVL-Router"): ReLU, widths 256, a sigmoid
/// output, the shared training protocol.
public struct MLPRouter: EdgeCloudRouter {
  public struct Configuration: EdgeCloudConfiguration {
    public var hidden: [Int] = [256, 256, 256]
    public var branches: [RouterBranch] = RouterBranch.allCases
    public var training = NeuralTraining()
    public init() {}
  }

  public static let kind = "MLP"
  public static let summary = "MLP, three hidden ReLU layers of 256 on the standardised text, image and statistics"
  public static let dependsOnSeed = true
  public let configuration: Configuration
  public var branches: [RouterBranch] { configuration.branches.sorted() }
  var network: Network?
  var view: StandardizedView?

  public init(configuration: Configuration = Configuration()) throws(EdgeCloudError) {
    try configuration.training.validate(Self.kind)
    guard !configuration.hidden.isEmpty, configuration.hidden.allSatisfy({ $0 > 0 }), !configuration.branches.isEmpty
    else { throw EdgeCloudError(.router, "hidden widths > 0 and at least one branch are needed", key: Self.kind) }
    self.configuration = configuration
  }

  public mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<MLPRouter>,
                           using rng: inout SplitMix64) throws {
    let view = try StandardizedView(inputs: data.inputs, branches: branches, trainRows: data.trainRows)
    self.view = view
    let all = try view.rows(data.inputs, Array(0..<data.inputs.count))
    var net = Network.mlp(inputWidth: all.columns, hidden: configuration.hidden, outputs: 1, using: &rng)
    var adam = Adam(parameterCount: net.parameters.count, weightDecay: Float(configuration.training.weightDecay))
    let y = labelsAsFloats(data.trainLabels)
    var labelOf = [Float](repeating: 0, count: data.inputs.count)
    for (r, i) in data.trainRows.enumerated() { labelOf[i] = y[r] }
    var gradient: [Float] = []
    try configuration.training.run(rows: data.trainRows, using: &rng, step: { batch, rate in
      let x = all.selecting(rows: batch)
      let tape = net.forwardTape(x)
      let logits = tape.activations[tape.activations.count - 1].values
      let (_, dz) = BinaryCrossEntropy.lossAndGradient(logits: logits, targets: batch.map { labelOf[$0] })
      net.backward(tape, dOutput: Matrix(rows: batch.count, columns: 1, values: dz), gradient: &gradient)
      adam.update(&net.parameters, gradient: gradient, learningRate: rate)
    }, epochEnd: { epoch in
      self.network = net
      try monitor.observe(self, epoch: epoch)
    })
  }

  public func probabilities(_ inputs: RouterInputs, rows: [Int]) throws -> [Float] {
    guard let network, let view else { throw EdgeCloudError(.router, "probabilities() before fit()", key: Self.kind) }
    return network(try view.rows(inputs, rows)).values.map { Float(BinaryCrossEntropy.probability(Double($0))) }
  }
}

// MARK: - GBDT

/// Gradient-boosted trees (ECVL-Router's GBDT baseline, 100 trees) on the concatenated raw branches: logistic loss,
/// histogram bins, depth-limited trees (`GradientBoostedTrees`).
public struct GBDTRouter: EdgeCloudRouter {
  public struct Configuration: EdgeCloudConfiguration {
    public var trees = 100
    public var learningRate = 0.1
    public var maxDepth = 5
    public var minSamplesLeaf = 20
    public var maxBins = 255
    public var l2 = 0.0
    public var branches: [RouterBranch] = RouterBranch.allCases
    public init() {}

    enum CodingKeys: String, CodingKey {
      case trees, learningRate = "learning_rate", maxDepth = "max_depth", minSamplesLeaf = "min_samples_leaf",
           maxBins = "max_bins", l2, branches
    }

    var options: GradientBoostedTrees.Options {
      var o = GradientBoostedTrees.Options()
      o.trees = trees
      o.learningRate = learningRate
      o.maxDepth = maxDepth
      o.minSamplesLeaf = minSamplesLeaf
      o.maxBins = maxBins
      o.l2 = l2
      return o
    }
  }

  public static let kind = "GBDT"
  public static let summary = "gradient-boosted trees: 100 trees, depth 5, 255 histogram bins, logistic loss"
  public let configuration: Configuration
  public var branches: [RouterBranch] { configuration.branches.sorted() }
  var model: GradientBoostedTrees?

  public init(configuration: Configuration = Configuration()) throws(EdgeCloudError) {
    let problems = configuration.options.problems
    guard problems.isEmpty, !configuration.branches.isEmpty else {
      throw EdgeCloudError(.router, (problems + (configuration.branches.isEmpty ? ["no branch"] : []))
                             .joined(separator: "; "), key: Self.kind)
    }
    self.configuration = configuration
  }

  public mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<GBDTRouter>,
                           using rng: inout SplitMix64) throws {
    let x = try data.inputs.concatenated(branches, rows: data.trainRows)
    model = try GradientBoostedTrees.fit(x: x, y: data.trainLabels, options: configuration.options)
  }

  public func probabilities(_ inputs: RouterInputs, rows: [Int]) throws -> [Float] {
    guard let model else { throw EdgeCloudError(.router, "probabilities() before fit()", key: Self.kind) }
    return model.probabilities(try inputs.concatenated(branches, rows: rows)).map(Float.init)
  }

  public var fitReport: [String: String] {
    guard let model else { return [:] }
    return ["trees": String(model.trees.count), "leaves": String(model.trees.reduce(0) { $0 + $1.leafCount })]
  }
}
