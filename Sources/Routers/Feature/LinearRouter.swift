public import BenchCore
public import Learning

/// Linear router — multinomial logistic regression over the K models (VL-RouterBench §4.3 and App. G.1, after
/// Shnitzer et al. 2023; spec §4.6), trained on accuracy–cost soft labels.
///
/// Fused features → z-score (training rows with a correct model) → logits `x·W + b` → softmax. Loss: soft-target
/// cross-entropy under the run's λ with the one shared cost scale (λ = ∞: hard cheapest-correct CE). AdamW, linear
/// warm-up + cosine decay, minibatches, early stopping on the dev Rank Score (patience 3, min_delta 10⁻⁴, best
/// weights restored) — the reference's *intended* early stopping (its indentation bug disabled it; spec §4.6).
/// Defaults: lr 10⁻², weight decay 10⁻⁴, batch 1024, ≤ 100 epochs, 5 % warm-up.
///
/// Only the base rate 10⁻² is the reference's. The reference takes **one full-batch Adam step per epoch** for up to
/// 200 epochs at a constant lr 0.01, adds 0.5·‖θ‖² to the loss over all parameters including the bias (C = 1), and
/// keeps the **last** weights (its early stopping never triggers; it also stops if the loss drops below 10⁻⁶,
/// checked every 50 epochs after epoch 10). `LinearRouter(options: .referenceLinear)` trains that way
/// (docs/learning.md).
public struct LinearRouter: Router {
  public static let name = "Linear"
  public static let family = RouterFamily.feature
  public static let dependsOnLambda = true
  public static let dependsOnSeed = true
  public static let needsFeatures = true
  public static let summary = "Multinomial logistic regression on λ soft labels (AdamW, cosine, dev early stopping)."

  public static let defaultOptions = TrainingOptions(learningRate: 1e-2, weightDecay: 1e-4, batchSize: 1024,
                                                     maxEpochs: 100, warmupFraction: 0.05, patience: 3,
                                                     minDelta: 1e-4)
  public var options: TrainingOptions
  public private(set) var fitted: SoftLabelClassifier?

  public struct Configuration: RouterConfiguration {
    public var training = TrainingConfiguration(LinearRouter.defaultOptions)
    public init() {}
    public init(from decoder: any Decoder) throws { training = try TrainingConfiguration(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try training.encode(to: encoder) }
  }

  public init(configuration c: Configuration) throws(RouterError) {
    self.init(options: try c.training.options(router: Self.name))
  }

  public init(options: TrainingOptions = LinearRouter.defaultOptions) { self.options = options }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    fitted = try SoftLabelClassifier.fit(data, objective: objective, router: Self.name, options: options,
                                         using: &rng) { d, k, g in
      Network(inputWidth: d, layers: [.linear(inputs: d, outputs: k)], using: &g)
    }
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let fitted else { throw RouterError.notFitted(Self.name) }
    return try fitted.scores(inputs, router: Self.name)
  }

  public var fitReport: [String: String] {
    var c: [String: String] = [:]
    if let r = fitted?.report {
      c["epochs_run"] = "\(r.epochsRun)"
      c["best_epoch"] = "\(r.bestEpoch)"
    }
    return c
  }
}
