public import Learning

/// The training hyperparameters Linear and MLP share, as experiment-file keys. Embedded flat in those routers'
/// configurations, so `{router: MLP, learning_rate: 0.01, optimizer: adam}` reads naturally. Every key maps to
/// one field of Learning's `TrainingOptions` (docs/learning.md); experiments/reference-code.yaml spells out the
/// reference code's values.
public struct TrainingConfiguration: Codable, Sendable, Hashable {
  /// `adamw` (decoupled weight decay) or `adam` (coupled L2, torch.optim.Adam's weight_decay).
  public var optimizer: Optimizer
  public var learningRate: Double
  public var weightDecay: Double
  /// c in an explicit ½·c·‖θ‖² loss term over every parameter, biases included.
  public var l2Penalty: Double
  /// `warmup_cosine` or `constant`.
  public var schedule: Schedule
  /// Share of all steps in linear warm-up (warmup_cosine only).
  public var warmupFraction: Double
  /// Minibatch size; ignored with `full_batch`.
  public var batchSize: Int
  /// One step per epoch over every training row.
  public var fullBatch: Bool
  public var maxEpochs: Int
  /// `dev_rank_score` (stop when the dev rank score stalls) or `none` (run every epoch, keep the last weights).
  public var earlyStopping: EarlyStopping
  public var patience: Int
  public var minDelta: Double
  /// Restore the best dev epoch's weights when stopping.
  public var restoreBest: Bool
  /// Stop when the training loss is below this (0: never), checked every `loss_stop_every` epochs after
  /// epoch `loss_stop_after`.
  public var lossStopBelow: Double
  public var lossStopEvery: Int
  public var lossStopAfter: Int

  public enum Optimizer: String, Codable, Sendable, Hashable { case adamw, adam }
  public enum Schedule: String, Codable, Sendable, Hashable { case warmupCosine = "warmup_cosine", constant }
  public enum EarlyStopping: String, Codable, Sendable, Hashable { case devRankScore = "dev_rank_score", none }

  enum CodingKeys: String, CodingKey {
    case optimizer, learningRate = "learning_rate", weightDecay = "weight_decay", l2Penalty = "l2_penalty",
         schedule, warmupFraction = "warmup_fraction", batchSize = "batch_size", fullBatch = "full_batch",
         maxEpochs = "max_epochs", earlyStopping = "early_stopping", patience, minDelta = "min_delta",
         restoreBest = "restore_best", lossStopBelow = "loss_stop_below", lossStopEvery = "loss_stop_every",
         lossStopAfter = "loss_stop_after"
  }

  public init(_ o: TrainingOptions) {
    optimizer = o.optimizer == .adam ? .adam : .adamw
    learningRate = o.learningRate
    weightDecay = o.weightDecay
    l2Penalty = o.l2Penalty
    switch o.schedule {
    case .warmupCosine(let f): (schedule, warmupFraction) = (.warmupCosine, f)
    case .constant: (schedule, warmupFraction) = (.constant, 0)
    }
    switch o.batch {
    case .minibatch(let n): (batchSize, fullBatch) = (n, false)
    case .fullBatch: (batchSize, fullBatch) = (1024, true)
    }
    maxEpochs = o.maxEpochs
    switch o.earlyStopping {
    case .onDevRankScore(let p, let d, let r): (earlyStopping, patience, minDelta, restoreBest) = (.devRankScore, p, d, r)
    case .none: (earlyStopping, patience, minDelta, restoreBest) = (.none, 3, 1e-4, true)
    }
    switch o.lossStop {
    case .never: (lossStopBelow, lossStopEvery, lossStopAfter) = (0, 50, 10)
    case .below(let t, let every, let after): (lossStopBelow, lossStopEvery, lossStopAfter) = (t, every, after)
    }
    normalize()
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    optimizer = try c.decode(Optimizer.self, forKey: .optimizer)
    learningRate = try c.decode(Double.self, forKey: .learningRate)
    weightDecay = try c.decode(Double.self, forKey: .weightDecay)
    l2Penalty = try c.decode(Double.self, forKey: .l2Penalty)
    schedule = try c.decode(Schedule.self, forKey: .schedule)
    warmupFraction = try c.decode(Double.self, forKey: .warmupFraction)
    batchSize = try c.decode(Int.self, forKey: .batchSize)
    fullBatch = try c.decode(Bool.self, forKey: .fullBatch)
    maxEpochs = try c.decode(Int.self, forKey: .maxEpochs)
    earlyStopping = try c.decode(EarlyStopping.self, forKey: .earlyStopping)
    patience = try c.decode(Int.self, forKey: .patience)
    minDelta = try c.decode(Double.self, forKey: .minDelta)
    restoreBest = try c.decode(Bool.self, forKey: .restoreBest)
    lossStopBelow = try c.decode(Double.self, forKey: .lossStopBelow)
    lossStopEvery = try c.decode(Int.self, forKey: .lossStopEvery)
    lossStopAfter = try c.decode(Int.self, forKey: .lossStopAfter)
    normalize()
  }

  /// Fields that do not apply take one canonical value, so two configurations that train the same way have the
  /// same canonical JSON (hence the same run identity): no warm-up with a constant rate, no batch size with full
  /// batches, no patience without early stopping, no check interval without a loss stop.
  mutating func normalize() {
    if schedule == .constant { warmupFraction = 0 }
    if fullBatch { batchSize = 0 }
    if earlyStopping == .none { (patience, minDelta, restoreBest) = (0, 0, false) }
    if lossStopBelow == 0 { (lossStopEvery, lossStopAfter) = (0, 0) }
  }

  /// The Learning module's options, or an error naming the bad value.
  public func options(router: String) throws(RouterError) -> TrainingOptions {
    let o = TrainingOptions(
      optimizer: optimizer == .adam ? .adam : .adamW, learningRate: learningRate, weightDecay: weightDecay,
      l2Penalty: l2Penalty,
      schedule: schedule == .constant ? .constant : .warmupCosine(warmupFraction: warmupFraction),
      batch: fullBatch ? .fullBatch : .minibatch(size: batchSize), maxEpochs: maxEpochs,
      earlyStopping: earlyStopping == .none ? .none
        : .onDevRankScore(patience: patience, minDelta: minDelta, restoreBest: restoreBest),
      lossStop: lossStopBelow > 0 ? .below(threshold: lossStopBelow, checkEvery: lossStopEvery, afterEpoch: lossStopAfter) : .never)
    var problems = o.problems
    if !(l2Penalty >= 0 && l2Penalty.isFinite) { problems.append("l2_penalty must be ≥ 0") }
    if !(lossStopBelow >= 0) { problems.append("loss_stop_below must be ≥ 0") }
    guard problems.isEmpty else {
      throw .invalidHyperparameter(router: router, message: problems.joined(separator: "; "))
    }
    return o
  }
}
