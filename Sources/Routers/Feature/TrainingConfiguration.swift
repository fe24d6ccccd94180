public import Learning

/// The training hyperparameters Linear and MLP share, as experiment-file keys (`learning_rate`, `max_epochs`, …).
/// Embedded flat in those routers' configurations, so `{router: MLP, learning_rate: 0.01}` reads naturally.
public struct TrainingConfiguration: Codable, Sendable, Hashable {
  public var learningRate: Double
  public var weightDecay: Double
  public var batchSize: Int
  public var maxEpochs: Int
  public var warmupFraction: Double
  public var patience: Int
  public var minDelta: Double

  enum CodingKeys: String, CodingKey {
    case learningRate = "learning_rate", weightDecay = "weight_decay", batchSize = "batch_size",
         maxEpochs = "max_epochs", warmupFraction = "warmup_fraction", patience, minDelta = "min_delta"
  }

  public init(_ o: TrainingOptions) {
    learningRate = o.learningRate
    weightDecay = o.weightDecay
    batchSize = o.batchSize
    maxEpochs = o.maxEpochs
    warmupFraction = o.warmupFraction
    patience = o.patience
    minDelta = o.minDelta
  }

  /// The Learning module's options, or an error naming the bad value.
  public func options(router: String) throws(RouterError) -> TrainingOptions {
    guard learningRate > 0, learningRate.isFinite else {
      throw .invalidHyperparameter(router: router, message: "learning_rate must be > 0, got \(learningRate)")
    }
    guard batchSize >= 1, maxEpochs >= 1, patience >= 1 else {
      throw .invalidHyperparameter(router: router, message: "batch_size, max_epochs and patience must be ≥ 1")
    }
    guard weightDecay >= 0, (0...1).contains(warmupFraction), minDelta >= 0 else {
      throw .invalidHyperparameter(router: router, message: "weight_decay and min_delta must be ≥ 0, warmup_fraction in [0, 1]")
    }
    return TrainingOptions(learningRate: learningRate, weightDecay: weightDecay, batchSize: batchSize,
                           maxEpochs: maxEpochs, warmupFraction: warmupFraction, patience: patience, minDelta: minDelta)
  }
}
