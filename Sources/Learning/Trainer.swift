public import BenchCore

/// Optimisation settings of a softmax classifier (`Trainer.fit`).
public struct TrainingOptions: Sendable, Hashable, Codable {
  public var learningRate: Double
  /// Decoupled (AdamW) weight decay.
  public var weightDecay: Double
  public var batchSize: Int
  public var maxEpochs: Int
  /// Share of all optimiser steps (maxEpochs × batches per epoch) spent in linear warm-up.
  public var warmupFraction: Double
  /// Epochs without a dev improvement of more than `minDelta` before stopping.
  public var patience: Int
  public var minDelta: Double

  public init(learningRate: Double = 1e-3, weightDecay: Double = 1e-4, batchSize: Int = 1024, maxEpochs: Int = 50,
              warmupFraction: Double = 0.05, patience: Int = 3, minDelta: Double = 1e-4) {
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.batchSize = batchSize
    self.maxEpochs = maxEpochs
    self.warmupFraction = warmupFraction
    self.patience = patience
    self.minDelta = minDelta
  }

  /// Stable key/value pairs for run records.
  public var configuration: [String: String] {
    ["learning_rate": "\(learningRate)", "weight_decay": "\(weightDecay)", "batch_size": "\(batchSize)",
     "max_epochs": "\(maxEpochs)", "warmup_fraction": "\(warmupFraction)", "patience": "\(patience)",
     "min_delta": "\(minDelta)", "optimizer": "AdamW", "schedule": "linear warm-up + cosine decay"]
  }
}

/// One epoch of training.
public struct EpochRecord: Sendable, Hashable, Codable {
  public var epoch: Int
  /// Mean training loss over the epoch's minibatches (sample-weighted).
  public var trainLoss: Double
  /// The dev score after the epoch (nil without a dev scorer).
  public var devScore: Double?
}

/// What happened in `Trainer.fit`.
public struct TrainingReport: Sendable, Hashable, Codable {
  public var history: [EpochRecord] = []
  /// 1-based epoch whose weights were kept (the last epoch when there is no dev scorer).
  public var bestEpoch: Int = 0
  public var bestScore: Double?
  public var stoppedEarly = false
  public var epochsRun: Int { history.count }
}

/// Minibatch training of a `Network` with soft-target cross-entropy, AdamW, warm-up + cosine decay and early
/// stopping on a dev score (VL-RouterBench §4.0 `TrainingMonitor`: maximise, improvement means better than the best
/// so far by more than `minDelta`, stop after `patience` epochs without one, restore the best weights).
public enum Trainer {
  /// Trains `network` in place.
  ///
  /// - Parameters:
  ///   - inputs: `N×d` (already standardised).
  ///   - targets: `N×K` target distributions.
  ///   - rng: drives the per-epoch seeded shuffle (Fisher–Yates on `SplitMix64`).
  ///   - devScore: called after every epoch with the current network; higher is better. Without it the network
  ///     trains for `maxEpochs` and keeps its last weights.
  public static func fit(
    _ network: inout Network, inputs: Matrix<Float>, targets: Matrix<Float>, options: TrainingOptions,
    using rng: inout SplitMix64, devScore: ((Network) throws -> Double)? = nil
  ) throws -> TrainingReport {
    precondition(inputs.rows == targets.rows, "Trainer: \(inputs.rows) inputs, \(targets.rows) targets")
    precondition(inputs.columns == network.inputWidth && targets.columns == network.outputWidth,
                 "Trainer: network \(network.inputWidth)→\(network.outputWidth), data \(inputs.columns)→\(targets.columns)")
    precondition(options.batchSize > 0 && options.maxEpochs > 0)
    var report = TrainingReport()
    let n = inputs.rows
    guard n > 0 else { return report }
    let batchesPerEpoch = (n + options.batchSize - 1) / options.batchSize
    let totalSteps = batchesPerEpoch * options.maxEpochs
    let schedule = CosineSchedule(baseRate: options.learningRate,
                                  warmupSteps: Int((options.warmupFraction * Double(totalSteps)).rounded()),
                                  totalSteps: totalSteps)
    var optimizer = AdamW(parameterCount: network.parameters.count, weightDecay: Float(options.weightDecay))
    var gradient = [Float](repeating: 0, count: network.parameters.count)
    var order = Array(0..<n)
    var best: (score: Double, parameters: [Float], epoch: Int)?
    var sinceBest = 0
    var step = 0
    for epoch in 1...options.maxEpochs {
      order.seededShuffle(using: &rng)
      var lossSum = 0.0
      var start = 0
      while start < n {
        let batch = Array(order[start..<Swift.min(start + options.batchSize, n)])
        start += options.batchSize
        let x = gatherRows(inputs, batch)
        let t = gatherRows(targets, batch)
        let tape = network.forwardTape(x)
        let (loss, dLogits) = SoftmaxCrossEntropy.lossAndGradient(logits: tape.activations[tape.activations.count - 1],
                                                                   targets: t)
        lossSum += loss * Double(batch.count)
        network.backward(tape, dOutput: dLogits, gradient: &gradient)
        optimizer.update(&network.parameters, gradient: gradient, learningRate: Float(schedule.rate(at: step)))
        step += 1
      }
      var record = EpochRecord(epoch: epoch, trainLoss: lossSum / Double(n), devScore: nil)
      if let devScore {
        let s = try devScore(network)
        record.devScore = s
        if best == nil || s > best!.score + options.minDelta {
          best = (s, network.parameters, epoch)
          sinceBest = 0
        } else {
          sinceBest += 1
        }
      }
      report.history.append(record)
      if devScore != nil && sinceBest >= options.patience {
        report.stoppedEarly = epoch < options.maxEpochs
        break
      }
    }
    if let best {
      network.parameters = best.parameters
      report.bestEpoch = best.epoch
      report.bestScore = best.score
    } else {
      report.bestEpoch = report.epochsRun
    }
    return report
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
