public import BenchCore
public import Learning

/// MLP router (VL-RouterBench §4.3 and App. G.1, after Shnitzer et al. 2023; spec §4.7), trained on accuracy–cost
/// soft labels.
///
/// Fused features → z-score (training rows with a correct model) → [optional trainable fusion of the raw
/// `[text ; image]` columns: weighted average, GMU or MLB, App. G.2] → (Linear → ReLU)* → Linear(K) → softmax.
/// Loss: soft-target cross-entropy under the run's λ with the one shared cost scale (λ = ∞: hard cheapest-correct
/// CE). AdamW (lr 10⁻³, decoupled weight decay 10⁻⁴), batch 1024, linear warm-up (5 % of steps) + cosine decay
/// over ≤ 50 epochs, early stopping on the dev Rank Score (patience 3, min_delta 10⁻⁴, best weights restored).
///
/// The reference shares the rate, the decay coefficient, the batch size and the early stopping, but not the
/// optimiser or schedule: it uses **coupled-L2 Adam** (`torch.optim.Adam(weight_decay=1e-4)`, the L2 gradient added
/// before the moment estimates — not AdamW) at a **constant** rate 10⁻³, minibatch 1024 reshuffled each epoch, up to
/// 300 epochs, hidden 2048 → 1024, with dev early stopping (patience 3, best restored).
/// `MLPRouter(hidden: [2048, 1024], options: .referenceMLP)` trains that way (docs/learning.md).
///
/// **Hidden sizes:** the paper's CLI uses 2048 → 1024; our default is **one hidden layer of 256** (the reference
/// `MLPRouter` class default) so the full six-router sweep (30 MLP fits on 21k rows) stays inside five minutes on
/// two shared cores — 512 → 256 alone took 207 s for the 30 MLP fits (docs/routers.md has the numbers). Pass
/// `hidden: [2048, 1024]` for the paper's size.
public struct MLPRouter: Router {
  public static let name = "MLP"
  public static let family = RouterFamily.feature
  public static let dependsOnLambda = true
  public static let dependsOnSeed = true
  public static let needsFeatures = true
  public static let supportsTrainableFusion = true
  /// Width of the GMU output and rank of the MLB pooling when the fusion comes from `--fusion`.
  public static let fusionWidth = 256
  public static let summary = "MLP (256 ReLU; paper 2048→1024) on λ soft labels (AdamW, cosine, dev early stopping)."

  /// A trainable fusion in front of the MLP; the features must then be the raw concatenation `[text ; image]`
  /// (`FusionMethod.fuse` does that for trainable methods) with the text view in the first `textWidth` columns.
  public enum Fusion: Sendable, Hashable {
    case none
    case weightedAverage(textWidth: Int)
    case gmu(textWidth: Int, outputs: Int)
    case mlb(textWidth: Int, rank: Int)
  }

  public static let defaultHidden = [256]
  public static let defaultOptions = TrainingOptions(learningRate: 1e-3, weightDecay: 1e-4, batchSize: 1024,
                                                     maxEpochs: 50, warmupFraction: 0.05, patience: 3,
                                                     minDelta: 1e-4)
  public var hidden: [Int]
  public var activation: Network.Layer
  public var fusion: Fusion
  /// GMU output width / MLB rank used when the features ask for a trainable fusion.
  public var fusionWidth = MLPRouter.fusionWidth
  public var options: TrainingOptions
  public private(set) var fitted: SoftLabelClassifier?

  public struct Configuration: RouterConfiguration {
    /// Hidden layer widths (the paper: [2048, 1024]).
    public var hidden = MLPRouter.defaultHidden
    /// `relu` or `tanh`.
    public var activation = "relu"
    /// GMU output width / MLB rank when the run's features ask for a trainable fusion.
    public var fusionWidth = MLPRouter.fusionWidth
    public var training = TrainingConfiguration(MLPRouter.defaultOptions)

    enum CodingKeys: String, CodingKey { case hidden, activation, fusionWidth = "fusion_width" }
    public init() {}
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      hidden = try c.decode([Int].self, forKey: .hidden)
      activation = try c.decode(String.self, forKey: .activation)
      fusionWidth = try c.decode(Int.self, forKey: .fusionWidth)
      training = try TrainingConfiguration(from: decoder)
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(hidden, forKey: .hidden)
      try c.encode(activation, forKey: .activation)
      try c.encode(fusionWidth, forKey: .fusionWidth)
      try training.encode(to: encoder)
    }
  }

  public init(configuration c: Configuration) throws(RouterError) {
    guard !c.hidden.isEmpty, c.hidden.allSatisfy({ $0 > 0 }), c.fusionWidth > 0 else {
      throw .invalidHyperparameter(router: Self.name, message: "hidden must list widths > 0 and fusion_width be > 0, got hidden \(c.hidden)")
    }
    let activation: Network.Layer
    switch c.activation {
    case "relu": activation = .relu
    case "tanh": activation = .tanh
    default: throw .invalidHyperparameter(router: Self.name, message: "activation must be relu or tanh, got '\(c.activation)'")
    }
    self.init(hidden: c.hidden, activation: activation, options: try c.training.options(router: Self.name))
    fusionWidth = c.fusionWidth
  }

  public init(hidden: [Int] = MLPRouter.defaultHidden, activation: Network.Layer = .relu, fusion: Fusion = .none,
              options: TrainingOptions = MLPRouter.defaultOptions) {
    self.hidden = hidden
    self.activation = activation
    self.fusion = fusion
    self.options = options
  }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    guard hidden.allSatisfy({ $0 > 0 }), activation == .relu || activation == .tanh else {
      throw RouterError.invalidHyperparameter(router: Self.name, message: "hidden sizes must be > 0; activation relu or tanh")
    }
    if case .none = self.fusion, let request = data.trainableFusion {
      switch request.method {
      case .weightedAverage: fusion = .weightedAverage(textWidth: request.textWidth)
      case .gmu: fusion = .gmu(textWidth: request.textWidth, outputs: fusionWidth)
      case .mlb: fusion = .mlb(textWidth: request.textWidth, rank: fusionWidth)
      default:
        throw RouterError.invalidHyperparameter(router: Self.name, message: "'\(request.method.rawValue)' is not a trainable fusion")
      }
    }
    let (hidden, activation, fusion) = (self.hidden, self.activation, self.fusion)
    fitted = try SoftLabelClassifier.fit(data, objective: objective, router: Self.name, options: options,
                                         using: &rng) { d, k, g in
      let layer: Network.Layer?
      func split(_ t: Int) throws -> Int {
        guard t > 0, t < d else {
          throw RouterError.invalidHyperparameter(router: Self.name, message: "text width \(t) outside 1..<\(d)")
        }
        return d - t
      }
      switch fusion {
      case .none: layer = nil
      case .weightedAverage(let t): layer = .weightedAverage(text: t, image: try split(t))
      case .gmu(let t, let o): layer = .gmu(text: t, image: try split(t), outputs: o)
      case .mlb(let t, let r): layer = .mlb(text: t, image: try split(t), rank: r)
      }
      return Network.mlp(inputWidth: d, hidden: hidden, outputs: k, activation: activation, fusion: layer, using: &g)
    }
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let fitted else { throw RouterError.notFitted(Self.name) }
    return try fitted.scores(inputs, router: Self.name)
  }

  public var fitReport: [String: String] {
    var c: [String: String] = [:]
    switch fusion {
    case .none: c["fusion"] = "fixed (input features)"
    case .weightedAverage(let t): c["fusion"] = "weighted_average(text=\(t))"
    case .gmu(let t, let o): c["fusion"] = "gmu(text=\(t), out=\(o))"
    case .mlb(let t, let r): c["fusion"] = "mlb(text=\(t), rank=\(r))"
    }
    if let r = fitted?.report {
      c["epochs_run"] = "\(r.epochsRun)"
      c["best_epoch"] = "\(r.bestEpoch)"
    }
    return c
  }
}
