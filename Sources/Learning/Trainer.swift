public import BenchCore

/// Optimisation settings of a softmax classifier (`Trainer.fit`).
///
/// The defaults — and `init(learningRate:weightDecay:batchSize:maxEpochs:warmupFraction:patience:minDelta:)`, which
/// the routers use — are the harness's protocol: AdamW, linear warm-up + cosine decay, shuffled minibatches, early
/// stopping on the dev Rank Score with the best weights restored. `referenceLinear` and `referenceMLP` reproduce the
/// VL-RouterBench reference code's training instead (spec §4.6–4.7; docs/learning.md).
public struct TrainingOptions: Sendable, Hashable, Codable {
  /// Which Adam update.
  public enum Optimizer: String, Sendable, Hashable, Codable, CaseIterable {
    /// AdamW (`AdamW`): decoupled weight decay θ ← θ·(1 − lr·wd), outside the moment estimates.
    case adamW
    /// Adam with coupled L2 (`Adam`, PyTorch's `torch.optim.Adam(weight_decay:)`): g ← g + wd·θ before the moments.
    case adam
  }

  /// Learning rate as a function of the optimiser step.
  public enum Schedule: Sendable, Hashable, Codable {
    /// Linear warm-up over `warmupFraction` of all steps (maxEpochs × batches per epoch), then cosine decay to 0
    /// (`CosineSchedule`).
    case warmupCosine(warmupFraction: Double)
    /// `learningRate` at every step.
    case constant

    /// The rate at optimiser step `step` (from 0) of a run of `totalSteps` steps.
    public func rate(at step: Int, baseRate: Double, totalSteps: Int) -> Double {
      switch self {
      case .warmupCosine(let fraction):
        CosineSchedule(baseRate: baseRate, warmupSteps: Int((fraction * Double(totalSteps)).rounded()),
                       totalSteps: totalSteps).rate(at: step)
      case .constant: baseRate
      }
    }
  }

  /// How the training rows are split into optimiser steps.
  public enum Batch: Sendable, Hashable, Codable {
    /// Minibatches of `size` rows (the last one smaller), reshuffled every epoch with the trainer's generator;
    /// a size ≥ N gives one shuffled batch per epoch.
    case minibatch(size: Int)
    /// Every training row in one batch, in the given order, one optimiser step per epoch; no shuffle (the
    /// generator is not consumed) and no copy of the inputs.
    case fullBatch
  }

  /// When training ends before `maxEpochs` on the dev scorer, and which weights are kept.
  public enum EarlyStopping: Sendable, Hashable, Codable {
    /// After every epoch the dev scorer (the routers pass the dev Rank Score; higher is better) is called; an
    /// improvement is a score above the best so far by more than `minDelta`; training stops after `patience`
    /// epochs without one. `restoreBest`: keep the best epoch's weights (otherwise the last epoch's).
    case onDevRankScore(patience: Int, minDelta: Double, restoreBest: Bool)
    /// Run every epoch and keep the last weights. A dev scorer, if given, is still called after every epoch and
    /// recorded in the history (as the reference Linear computes its dev Rank Score and ignores it).
    case none
  }

  /// A stop on the training loss, independent of the dev set.
  public enum LossStop: Sendable, Hashable, Codable {
    case never
    /// After epoch e (1-based) with e > `afterEpoch` and e a multiple of `checkEvery`: stop if that epoch's mean
    /// training loss (penalty included) is below `threshold`.
    case below(threshold: Double, checkEvery: Int, afterEpoch: Int)

    /// The reference Linear's rule: loss < 10⁻⁶, checked every 50 epochs after epoch 10 (spec §4.6).
    public static let referenceLinear = LossStop.below(threshold: 1e-6, checkEvery: 50, afterEpoch: 10)
  }

  public var optimizer: Optimizer
  public var learningRate: Double
  /// Weight decay of the `optimizer`: decoupled for `.adamW`, coupled L2 in the gradient for `.adam`.
  public var weightDecay: Double
  /// c of an explicit penalty ½·c·‖θ‖² added to every batch loss, over all parameters (biases included); its
  /// gradient c·θ is added before the optimiser sees the gradient. 0 = none. Unlike `weightDecay` it is part of
  /// the loss (and of `EpochRecord.trainLoss`).
  public var l2Penalty: Double
  public var schedule: Schedule
  public var batch: Batch
  public var maxEpochs: Int
  public var earlyStopping: EarlyStopping
  public var lossStop: LossStop

  /// The harness's protocol (the routers' defaults use this initialiser): AdamW, no L2 penalty, warm-up + cosine,
  /// shuffled minibatches, dev early stopping with the best weights restored, no loss stop.
  public init(learningRate: Double = 1e-3, weightDecay: Double = 1e-4, batchSize: Int = 1024, maxEpochs: Int = 50,
              warmupFraction: Double = 0.05, patience: Int = 3, minDelta: Double = 1e-4) {
    self.init(optimizer: .adamW, learningRate: learningRate, weightDecay: weightDecay, l2Penalty: 0,
              schedule: .warmupCosine(warmupFraction: warmupFraction), batch: .minibatch(size: batchSize),
              maxEpochs: maxEpochs,
              earlyStopping: .onDevRankScore(patience: patience, minDelta: minDelta, restoreBest: true),
              lossStop: .never)
  }

  /// Every field explicitly (`optimizer` has no default, which keeps this initialiser apart from the one above).
  public init(optimizer: Optimizer, learningRate: Double = 1e-3, weightDecay: Double = 1e-4, l2Penalty: Double = 0,
              schedule: Schedule = .warmupCosine(warmupFraction: 0.05), batch: Batch = .minibatch(size: 1024),
              maxEpochs: Int = 50,
              earlyStopping: EarlyStopping = .onDevRankScore(patience: 3, minDelta: 1e-4, restoreBest: true),
              lossStop: LossStop = .never) {
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.l2Penalty = l2Penalty
    self.schedule = schedule
    self.batch = batch
    self.maxEpochs = maxEpochs
    self.earlyStopping = earlyStopping
    self.lossStop = lossStop
  }

  // MARK: Presets of the reference code (spec §4.6–4.7)

  /// The reference Linear router as it actually ran in the sweeps (fork `routers/linear/router.py`, CUDA +
  /// `--enable_monitoring` path; spec §4.6):
  ///
  /// | field | value | reference |
  /// | --- | --- | --- |
  /// | optimizer | `.adam` | `torch.optim.Adam` (solver `adam`) |
  /// | learningRate | 0.01 | `lr=0.01` |
  /// | weightDecay | 0 | Adam's default; the regulariser is in the loss instead |
  /// | l2Penalty | 1 | loss = mean CE + (1/(2C))·Σ‖θ‖² over all parameters incl. the bias, C = 1.0 |
  /// | schedule | `.constant` | no scheduler |
  /// | batch | `.fullBatch` | one full-batch `step` per epoch |
  /// | maxEpochs | 200 | `max_iter=200` |
  /// | earlyStopping | `.none` | the monitor never records an epoch (indentation bug): last weights kept |
  /// | lossStop | `.below(1e-6, every 50, after 10)` | "stop if loss < 1e-6", checked every 50 epochs after epoch 10 |
  ///
  /// Epochs here are 1-based: the loss check runs after epochs 50, 100, 150 and 200. (It cannot fire in practice:
  /// a cross-entropy near 0 needs large logits, so the penalty keeps the loss far above 10⁻⁶.)
  public static let referenceLinear = TrainingOptions(
    optimizer: .adam, learningRate: 0.01, weightDecay: 0, l2Penalty: 1, schedule: .constant, batch: .fullBatch,
    maxEpochs: 200, earlyStopping: .none, lossStop: .referenceLinear)

  /// The reference MLP router (fork CLI + `MLPRouter`, sweep settings; spec §4.7):
  ///
  /// | field | value | reference |
  /// | --- | --- | --- |
  /// | optimizer | `.adam` | `torch.optim.Adam(…, weight_decay=alpha)` — coupled L2, not AdamW |
  /// | learningRate | 10⁻³ | `lr=1e-3`, constant |
  /// | weightDecay | 10⁻⁴ | `alpha=1e-4` |
  /// | l2Penalty | 0 | none beyond the weight decay |
  /// | schedule | `.constant` | no scheduler |
  /// | batch | `.minibatch(size: 1024)` | `batch_size=1024` (N if smaller), reshuffled every epoch |
  /// | maxEpochs | 300 | `max_iter=300` |
  /// | earlyStopping | `.onDevRankScore(3, 1e-4, true)` | `TrainingMonitor`, patience 3, min_delta 1e-4, best kept |
  /// | lossStop | `.never` | – |
  ///
  /// The hidden sizes are the router's, not a training option: the reference CLI's 2048 → 1024 is
  /// `MLPRouter(hidden: [2048, 1024], options: .referenceMLP)`.
  public static let referenceMLP = TrainingOptions(
    optimizer: .adam, learningRate: 1e-3, weightDecay: 1e-4, l2Penalty: 0, schedule: .constant,
    batch: .minibatch(size: 1024), maxEpochs: 300,
    earlyStopping: .onDevRankScore(patience: 3, minDelta: 1e-4, restoreBest: true), lossStop: .never)

  // MARK: Views for callers that predate the enums

  /// The minibatch size; `Int.max` for `.fullBatch` ("every row"). Setting it selects `.minibatch(size:)`.
  public var batchSize: Int {
    get {
      switch batch {
      case .minibatch(let size): size
      case .fullBatch: Int.max
      }
    }
    set { batch = .minibatch(size: newValue) }
  }

  /// The warm-up share of `.warmupCosine`; 0 for `.constant`.
  public var warmupFraction: Double {
    if case .warmupCosine(let f) = schedule { return f }
    return 0
  }

  /// The patience of `.onDevRankScore`; `Int.max` (never stops on the dev score) for `.none`.
  public var patience: Int {
    if case .onDevRankScore(let p, _, _) = earlyStopping { return p }
    return Int.max
  }

  /// The min_delta of `.onDevRankScore`; 0 for `.none`.
  public var minDelta: Double {
    if case .onDevRankScore(_, let d, _) = earlyStopping { return d }
    return 0
  }

  /// What is wrong with these options (empty when `Trainer.fit` accepts them).
  public var problems: [String] {
    var p: [String] = []
    if !(learningRate > 0 && learningRate.isFinite) { p.append("learning rate must be finite and > 0") }
    if !(weightDecay >= 0 && weightDecay.isFinite) { p.append("weight decay must be finite and ≥ 0") }
    if !(l2Penalty >= 0 && l2Penalty.isFinite) { p.append("L2 penalty must be finite and ≥ 0") }
    if maxEpochs <= 0 { p.append("max epochs must be > 0") }
    if case .minibatch(let size) = batch, size <= 0 { p.append("batch size must be > 0") }
    if case .warmupCosine(let f) = schedule, !(f >= 0 && f <= 1) { p.append("warm-up fraction must be in [0, 1]") }
    if case .onDevRankScore(let patience, let d, _) = earlyStopping {
      if patience < 1 { p.append("patience must be ≥ 1") }
      if !(d >= 0) { p.append("min_delta must be ≥ 0") }
    }
    if case .below(_, let every, let after) = lossStop, every < 1 || after < 0 {
      p.append("loss stop: check interval must be ≥ 1 and the first epoch ≥ 0")
    }
    return p
  }

  // MARK: Codable (a missing key takes the default of `init(optimizer: .adamW)`)

  enum CodingKeys: String, CodingKey {
    case optimizer, learningRate, weightDecay, l2Penalty, schedule, batch, maxEpochs, earlyStopping, lossStop
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = TrainingOptions()
    self.init(optimizer: try c.decodeIfPresent(Optimizer.self, forKey: .optimizer) ?? d.optimizer,
              learningRate: try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate,
              weightDecay: try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? d.weightDecay,
              l2Penalty: try c.decodeIfPresent(Double.self, forKey: .l2Penalty) ?? d.l2Penalty,
              schedule: try c.decodeIfPresent(Schedule.self, forKey: .schedule) ?? d.schedule,
              batch: try c.decodeIfPresent(Batch.self, forKey: .batch) ?? d.batch,
              maxEpochs: try c.decodeIfPresent(Int.self, forKey: .maxEpochs) ?? d.maxEpochs,
              earlyStopping: try c.decodeIfPresent(EarlyStopping.self, forKey: .earlyStopping) ?? d.earlyStopping,
              lossStop: try c.decodeIfPresent(LossStop.self, forKey: .lossStop) ?? d.lossStop)
  }

  /// Stable key/value pairs for run records. The harness's defaults print exactly the keys and values they always
  /// did; the newer fields add `l2_penalty`, `early_stopping`, `restore_best` and `loss_stop`.
  public var configuration: [String: String] {
    var c: [String: String] = ["learning_rate": "\(learningRate)", "weight_decay": "\(weightDecay)",
                               "max_epochs": "\(maxEpochs)", "l2_penalty": "\(l2Penalty)"]
    c["optimizer"] = switch optimizer {
    case .adamW: "AdamW"
    case .adam: "Adam (coupled L2)"
    }
    switch batch {
    case .minibatch(let size): c["batch_size"] = "\(size)"
    case .fullBatch: c["batch_size"] = "full"
    }
    switch schedule {
    case .warmupCosine(let f):
      c["schedule"] = "linear warm-up + cosine decay"
      c["warmup_fraction"] = "\(f)"
    case .constant:
      c["schedule"] = "constant"
      c["warmup_fraction"] = "none"
    }
    switch earlyStopping {
    case .onDevRankScore(let patience, let minDelta, let restoreBest):
      c["early_stopping"] = "dev rank score"
      c["patience"] = "\(patience)"
      c["min_delta"] = "\(minDelta)"
      c["restore_best"] = "\(restoreBest)"
    case .none:
      c["early_stopping"] = "none"
      c["patience"] = "none"
      c["min_delta"] = "none"
      c["restore_best"] = "false"
    }
    switch lossStop {
    case .never: c["loss_stop"] = "none"
    case .below(let threshold, let every, let after):
      c["loss_stop"] = "loss < \(threshold), checked every \(every) epochs after epoch \(after)"
    }
    return c
  }
}

/// One epoch of training.
public struct EpochRecord: Sendable, Hashable, Codable {
  public var epoch: Int
  /// Mean training loss over the epoch's batches (sample-weighted), the L2 penalty included.
  public var trainLoss: Double
  /// The dev score after the epoch (nil without a dev scorer).
  public var devScore: Double?
}

/// What happened in `Trainer.fit`.
public struct TrainingReport: Sendable, Hashable, Codable {
  /// Why training ended before `maxEpochs`.
  public enum StopReason: String, Sendable, Hashable, Codable {
    /// `EarlyStopping.onDevRankScore` ran out of patience.
    case devPatience
    /// `LossStop.below` fired.
    case trainingLoss
  }

  public var history: [EpochRecord] = []
  /// 1-based epoch whose weights were kept (the last epoch unless the best dev epoch was restored).
  public var bestEpoch: Int = 0
  /// The dev score of the kept weights (nil without a dev scorer).
  public var bestScore: Double?
  public var stoppedEarly = false
  public var stopReason: StopReason?
  /// Optimiser updates taken.
  public var optimizerSteps = 0
  public var epochsRun: Int { history.count }
}

/// The update rule the trainer drives (`AdamW`, `Adam`).
protocol GradientStep {
  mutating func update(_ parameters: inout [Float], gradient: [Float], learningRate: Float)
}

extension AdamOptimizer: GradientStep {}

/// Batch training of a `Network` with soft-target cross-entropy (plus an optional L2 penalty), AdamW or coupled-L2
/// Adam, a warm-up + cosine or constant rate, and optional early stopping on a dev score (VL-RouterBench §4.0
/// `TrainingMonitor`: maximise, improvement means better than the best so far by more than `minDelta`, stop after
/// `patience` epochs without one, restore the best weights). `TrainingOptions` selects each piece.
public enum Trainer {
  /// Trains `network` in place.
  ///
  /// - Parameters:
  ///   - inputs: `N×d` (already standardised).
  ///   - targets: `N×K` target distributions.
  ///   - rng: drives the per-epoch seeded shuffle of minibatches (Fisher–Yates on `SplitMix64`); unused with
  ///     `.fullBatch`.
  ///   - devScore: called after every epoch with the current network; higher is better. Without it the network
  ///     trains for `maxEpochs` (or until the loss stop) and keeps its last weights.
  public static func fit(
    _ network: inout Network, inputs: Matrix<Float>, targets: Matrix<Float>, options: TrainingOptions,
    using rng: inout SplitMix64, devScore: ((Network) throws -> Double)? = nil
  ) throws -> TrainingReport {
    precondition(inputs.rows == targets.rows, "Trainer: \(inputs.rows) inputs, \(targets.rows) targets")
    precondition(inputs.columns == network.inputWidth && targets.columns == network.outputWidth,
                 "Trainer: network \(network.inputWidth)→\(network.outputWidth), data \(inputs.columns)→\(targets.columns)")
    precondition(options.problems.isEmpty, "Trainer: \(options.problems.joined(separator: "; "))")
    switch options.optimizer {
    case .adamW:
      var step = AdamW(parameterCount: network.parameters.count, weightDecay: Float(options.weightDecay))
      return try run(&network, &step, inputs, targets, options, &rng, devScore)
    case .adam:
      var step = Adam(parameterCount: network.parameters.count, weightDecay: Float(options.weightDecay))
      return try run(&network, &step, inputs, targets, options, &rng, devScore)
    }
  }

  private static func run<Step: GradientStep>(
    _ network: inout Network, _ optimizer: inout Step, _ inputs: Matrix<Float>, _ targets: Matrix<Float>,
    _ options: TrainingOptions, _ rng: inout SplitMix64, _ devScore: ((Network) throws -> Double)?
  ) throws -> TrainingReport {
    var report = TrainingReport()
    let n = inputs.rows
    guard n > 0 else { return report }
    let batchSize: Int
    switch options.batch {
    case .minibatch(let size): batchSize = size
    case .fullBatch: batchSize = n
    }
    let shuffled = options.batch != .fullBatch
    let batchesPerEpoch = (n + batchSize - 1) / batchSize
    let totalSteps = batchesPerEpoch * options.maxEpochs
    var gradient = [Float](repeating: 0, count: network.parameters.count)
    var order = Array(0..<n)
    var best: (score: Double, parameters: [Float]?, epoch: Int)?
    var sinceBest = 0
    var step = 0
    for epoch in 1...options.maxEpochs {
      if shuffled { order.seededShuffle(using: &rng) }
      var lossSum = 0.0
      var start = 0
      while start < n {
        let count = Swift.min(batchSize, n - start)
        let (x, t): (Matrix<Float>, Matrix<Float>)
        if shuffled {
          let batch = Array(order[start..<(start + count)])
          (x, t) = (gatherRows(inputs, batch), gatherRows(targets, batch))
        } else {
          (x, t) = (inputs, targets)
        }
        start += batchSize
        let loss = lossAndGradient(network, inputs: x, targets: t, l2Penalty: options.l2Penalty, gradient: &gradient)
        lossSum += loss * Double(count)
        let rate = options.schedule.rate(at: step, baseRate: options.learningRate, totalSteps: totalSteps)
        optimizer.update(&network.parameters, gradient: gradient, learningRate: Float(rate))
        step += 1
      }
      var record = EpochRecord(epoch: epoch, trainLoss: lossSum / Double(n), devScore: nil)
      var outOfPatience = false
      if let devScore {
        let s = try devScore(network)
        record.devScore = s
        if case .onDevRankScore(let patience, let minDelta, let restoreBest) = options.earlyStopping {
          if best == nil || s > best!.score + minDelta {
            best = (s, restoreBest ? network.parameters : nil, epoch)
            sinceBest = 0
          } else {
            sinceBest += 1
          }
          outOfPatience = sinceBest >= patience
        }
      }
      report.history.append(record)
      if outOfPatience {
        report.stoppedEarly = epoch < options.maxEpochs
        if report.stoppedEarly { report.stopReason = .devPatience }
        break
      }
      if case .below(let threshold, let every, let after) = options.lossStop, epoch > after, epoch % every == 0,
         record.trainLoss < threshold {
        report.stoppedEarly = epoch < options.maxEpochs
        if report.stoppedEarly { report.stopReason = .trainingLoss }
        break
      }
    }
    report.optimizerSteps = step
    if let best, let parameters = best.parameters {
      network.parameters = parameters
      report.bestEpoch = best.epoch
      report.bestScore = best.score
    } else {
      report.bestEpoch = report.epochsRun
      report.bestScore = report.history.last?.devScore
    }
    return report
  }

  /// The loss of one batch and its gradient with respect to the parameters, as the trainer computes them:
  /// mean soft cross-entropy (`SoftmaxCrossEntropy`) plus, when `l2Penalty` = c > 0, ½·c·‖θ‖² over every parameter
  /// (`L2Penalty`).
  ///
  /// - Parameters:
  ///   - gradient: overwritten with ∂loss/∂parameters (resized if needed).
  public static func lossAndGradient(_ network: Network, inputs: Matrix<Float>, targets: Matrix<Float>,
                                     l2Penalty: Double, gradient: inout [Float]) -> Double {
    let tape = network.forwardTape(inputs)
    let logits = tape.activations[tape.activations.count - 1]
    let (crossEntropy, dLogits) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
    var loss = crossEntropy
    network.backward(tape, dOutput: dLogits, gradient: &gradient)
    if l2Penalty > 0 {
      loss += L2Penalty.addGradient(of: network.parameters, coefficient: l2Penalty, to: &gradient)
    }
    return loss
  }

  /// The given rows of `m`, in order.
  public static func gatherRows(_ m: Matrix<Float>, _ rows: [Int]) -> Matrix<Float> {
    let d = m.columns
    var out = [Float](repeating: 0, count: rows.count * d)
    m.values.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for (r, i) in rows.enumerated() {
          guard d > 0 else { continue }
          (dst.baseAddress! + r * d).update(from: src.baseAddress! + i * d, count: d)
        }
      }
    }
    return Matrix(rows: rows.count, columns: d, values: out)
  }
}
