import BenchCore
import Foundation
import Learning
import Testing

/// Soft targets from a fixed random softmax, and standard-normal inputs.
private func softProblem(rows: Int, inputs: Int, classes: Int, seed: UInt64) -> (Matrix<Float>, Matrix<Float>) {
  var g = SplitMix64(seed: seed)
  let x = randomMatrix(rows, inputs, &g)
  let t = SoftmaxCrossEntropy.softmax(randomMatrix(rows, classes, &g, scale: 2))
  return (x, t)
}

@Suite struct TrainingOptionsTests {
  // MARK: Schedule

  @Test func constantScheduleIsTheBaseRateAtEveryStep() {
    for step in [0, 1, 2, 7, 9, 10, 50] {
      #expect(TrainingOptions.Schedule.constant.rate(at: step, baseRate: 0.3, totalSteps: 10) == 0.3, "step \(step)")
    }
    // The warm-up + cosine case is `CosineSchedule` with round(fraction × total) warm-up steps: 0.2 × 10 = 2.
    let cosine = CosineSchedule(baseRate: 0.3, warmupSteps: 2, totalSteps: 10)
    for step in 0...12 {
      #expect(TrainingOptions.Schedule.warmupCosine(warmupFraction: 0.2).rate(at: step, baseRate: 0.3, totalSteps: 10)
        == cosine.rate(at: step), "step \(step)")
    }
  }

  // MARK: Full batch, coupled Adam, L2 penalty and a constant rate inside the trainer

  /// Three epochs of reference-style training (coupled-L2 Adam, explicit ½·c·‖θ‖², constant rate, full batch)
  /// against a replay in `Double`: per epoch the full-batch soft-CE gradient from `Network.backward`, plus c·θ and
  /// wd·θ, through Adam's formulas at the constant rate. A warm-up schedule, decoupled decay, a missing penalty or
  /// more than one step per epoch each move the weights by ≳ 10⁻⁴, far outside the 10⁻⁵ tolerance.
  @Test func fullBatchReferenceStyleTrainingMatchesAReplay() throws {
    let (x, t) = softProblem(rows: 40, inputs: 3, classes: 2, seed: 21)
    var g = SplitMix64(seed: 22)
    let initial = Network(inputWidth: 3, layers: [.linear(inputs: 3, outputs: 2)], using: &g)
    let lr = 0.05, wd = 0.01, c = 0.5
    let options = TrainingOptions(optimizer: .adam, learningRate: lr, weightDecay: wd, l2Penalty: c,
                                  schedule: .constant, batch: .fullBatch, maxEpochs: 3, earlyStopping: .none)
    var net = initial
    let before = g
    let report = try Trainer.fit(&net, inputs: x, targets: t, options: options, using: &g)
    #expect(report.optimizerSteps == 3 && report.epochsRun == 3 && !report.stoppedEarly)
    var after = g, untouched = before
    #expect(after.next() == untouched.next(), "a full batch does not shuffle, so the generator is not consumed")

    var theta = initial.parameters.map(Double.init)
    var m = [Double](repeating: 0, count: theta.count), v = m
    var probe = initial
    for step in 1...3 {
      probe.parameters = theta.map(Float.init)
      let tape = probe.forwardTape(x)
      let (ce, dz) = SoftmaxCrossEntropy.lossAndGradient(logits: tape.activations.last!, targets: t)
      var grad: [Float] = []
      probe.backward(tape, dOutput: dz, gradient: &grad)
      // The epoch's recorded loss is the objective before its one step: CE + ½·c·‖θ‖².
      let penalty = 0.5 * c * probe.parameters.reduce(0) { $0 + Double($1) * Double($1) }
      #expect(abs(report.history[step - 1].trainLoss - (ce + penalty)) < 1e-6, "epoch \(step) loss")
      let bc1 = 1 - pow(0.9, Double(step)), bc2 = 1 - pow(0.999, Double(step))
      for j in theta.indices {
        let gj = Double(grad[j]) + c * theta[j] + wd * theta[j]
        m[j] = 0.9 * m[j] + 0.1 * gj
        v[j] = 0.999 * v[j] + 0.001 * gj * gj
        theta[j] -= lr * (m[j] / bc1) / ((v[j] / bc2).squareRoot() + 1e-8)
      }
    }
    for j in theta.indices {
      #expect(abs(Double(net.parameters[j]) - theta[j]) < 1e-5, "parameter \(j): \(net.parameters[j]) vs \(theta[j])")
    }
  }

  @Test func fullBatchTakesOneStepPerEpochMinibatchesOnePerBatch() throws {
    let (x, t) = softProblem(rows: 64, inputs: 3, classes: 2, seed: 23)
    func steps(_ batch: TrainingOptions.Batch) throws -> TrainingReport {
      var g = SplitMix64(seed: 24)
      var net = Network.mlp(inputWidth: 3, hidden: [4], outputs: 2, using: &g)
      return try Trainer.fit(&net, inputs: x, targets: t,
                             options: TrainingOptions(optimizer: .adam, batch: batch, maxEpochs: 7,
                                                      earlyStopping: .none), using: &g)
    }
    let full = try steps(.fullBatch)
    #expect(full.optimizerSteps == 7 && full.epochsRun == 7)
    #expect(try steps(.minibatch(size: 16)).optimizerSteps == 7 * 4)
    #expect(try steps(.minibatch(size: 20)).optimizerSteps == 7 * 4)  // 20 + 20 + 20 + 4
    #expect(try steps(.minibatch(size: 1000)).optimizerSteps == 7)
  }

  // MARK: Early stopping

  /// Scripted dev scores that peak at epoch 1.
  private func scripted(_ stopping: TrainingOptions.EarlyStopping) throws -> (TrainingReport, Network, [[Float]]) {
    let (x, t) = softProblem(rows: 48, inputs: 3, classes: 2, seed: 25)
    var g = SplitMix64(seed: 26)
    var net = Network.mlp(inputWidth: 3, hidden: [4], outputs: 2, using: &g)
    let script = [0.9, 0.2, 0.3, 0.25, 0.4, 0.35]
    var seen: [[Float]] = []
    let options = TrainingOptions(optimizer: .adamW, learningRate: 0.05, batch: .minibatch(size: 16), maxEpochs: 6,
                                  earlyStopping: stopping)
    let report = try Trainer.fit(&net, inputs: x, targets: t, options: options, using: &g) { current in
      seen.append(current.parameters)
      return script[seen.count - 1]
    }
    return (report, net, seen)
  }

  @Test func noEarlyStoppingRunsEveryEpochAndKeepsTheLastWeights() throws {
    let (report, net, seen) = try scripted(.none)
    #expect(report.epochsRun == 6 && !report.stoppedEarly && report.stopReason == nil)
    #expect(seen.count == 6, "the dev scorer is still called and recorded every epoch")
    #expect(report.history.map(\.devScore) == [0.9, 0.2, 0.3, 0.25, 0.4, 0.35])
    #expect(net.parameters == seen[5])
    #expect(net.parameters != seen[0])
    #expect(report.bestEpoch == 6 && report.bestScore == 0.35)
    // The same run with dev early stopping (patience large enough to see every epoch) restores epoch 1 instead.
    let (restored, restoredNet, restoredSeen) = try scripted(.onDevRankScore(patience: 10, minDelta: 1e-4,
                                                                              restoreBest: true))
    #expect(restored.epochsRun == 6 && restored.bestEpoch == 1 && restored.bestScore == 0.9)
    #expect(restoredNet.parameters == restoredSeen[0])
    #expect(restoredSeen[5] == seen[5], "early stopping does not change the trajectory, only the kept weights")
  }

  @Test func earlyStoppingWithoutRestoreKeepsTheStoppingEpoch() throws {
    let (report, net, seen) = try scripted(.onDevRankScore(patience: 2, minDelta: 1e-4, restoreBest: false))
    #expect(report.epochsRun == 3 && report.stoppedEarly && report.stopReason == .devPatience)
    #expect(net.parameters == seen[2])
    #expect(report.bestEpoch == 3 && report.bestScore == 0.3)
  }

  @Test func lossStopIsCheckedOnlyEveryNEpochsAfterTheFirst() throws {
    let (x, t) = softProblem(rows: 32, inputs: 3, classes: 2, seed: 27)
    func run(_ stop: TrainingOptions.LossStop) throws -> TrainingReport {
      var g = SplitMix64(seed: 28)
      var net = Network(inputWidth: 3, layers: [.linear(inputs: 3, outputs: 2)], using: &g)
      return try Trainer.fit(&net, inputs: x, targets: t,
                             options: TrainingOptions(optimizer: .adam, learningRate: 0.01, schedule: .constant,
                                                      batch: .fullBatch, maxEpochs: 20, earlyStopping: .none,
                                                      lossStop: stop), using: &g)
    }
    // Every loss is below 100: the first check is epoch 8 (> 5 and a multiple of 4).
    let fired = try run(.below(threshold: 100, checkEvery: 4, afterEpoch: 5))
    #expect(fired.epochsRun == 8 && fired.stoppedEarly && fired.stopReason == .trainingLoss)
    #expect(try run(.below(threshold: 100, checkEvery: 4, afterEpoch: 8)).epochsRun == 12)
    let never = try run(.below(threshold: 1e-6, checkEvery: 4, afterEpoch: 5))
    #expect(never.epochsRun == 20 && !never.stoppedEarly)
    #expect(try run(.never).epochsRun == 20)
  }

  // MARK: Presets, defaults, records

  @Test func referencePresetsMirrorTheReferenceCode() {
    let linear = TrainingOptions.referenceLinear
    #expect(linear.optimizer == .adam && linear.learningRate == 0.01 && linear.weightDecay == 0)
    #expect(linear.l2Penalty == 1 && linear.schedule == .constant && linear.batch == .fullBatch)
    #expect(linear.maxEpochs == 200 && linear.earlyStopping == .none)
    #expect(linear.lossStop == .below(threshold: 1e-6, checkEvery: 50, afterEpoch: 10))
    let mlp = TrainingOptions.referenceMLP
    #expect(mlp.optimizer == .adam && mlp.learningRate == 1e-3 && mlp.weightDecay == 1e-4 && mlp.l2Penalty == 0)
    #expect(mlp.schedule == .constant && mlp.batch == .minibatch(size: 1024) && mlp.maxEpochs == 300)
    #expect(mlp.earlyStopping == .onDevRankScore(patience: 3, minDelta: 1e-4, restoreBest: true))
    #expect(mlp.lossStop == .never)
    #expect(linear.problems.isEmpty && mlp.problems.isEmpty)
    // What the routers' validation reads: a full batch is "every row", no early stopping is infinite patience.
    #expect(linear.batchSize == Int.max && linear.patience == Int.max && linear.warmupFraction == 0)
  }

  @Test func theLegacyInitialiserIsTodaysProtocol() {
    let legacy = TrainingOptions(learningRate: 1e-2, weightDecay: 1e-4, batchSize: 1024, maxEpochs: 100,
                                 warmupFraction: 0.05, patience: 3, minDelta: 1e-4)
    #expect(legacy == TrainingOptions(optimizer: .adamW, learningRate: 1e-2, weightDecay: 1e-4, l2Penalty: 0,
                                      schedule: .warmupCosine(warmupFraction: 0.05), batch: .minibatch(size: 1024),
                                      maxEpochs: 100,
                                      earlyStopping: .onDevRankScore(patience: 3, minDelta: 1e-4, restoreBest: true),
                                      lossStop: .never))
    #expect(TrainingOptions() == TrainingOptions(optimizer: .adamW))
    // The keys and values run records always had, plus the four new ones.
    #expect(TrainingOptions().configuration == [
      "learning_rate": "0.001", "weight_decay": "0.0001", "batch_size": "1024", "max_epochs": "50",
      "warmup_fraction": "0.05", "patience": "3", "min_delta": "0.0001", "optimizer": "AdamW",
      "schedule": "linear warm-up + cosine decay",
      "l2_penalty": "0.0", "early_stopping": "dev rank score", "restore_best": "true", "loss_stop": "none",
    ])
  }

  @Test func configurationDescribesTheReferencePresets() {
    let c = TrainingOptions.referenceLinear.configuration
    #expect(c["optimizer"] == "Adam (coupled L2)" && c["batch_size"] == "full" && c["schedule"] == "constant")
    #expect(c["l2_penalty"] == "1.0" && c["early_stopping"] == "none" && c["max_epochs"] == "200")
    #expect(c["loss_stop"] == "loss < 1e-06, checked every 50 epochs after epoch 10")
    let m = TrainingOptions.referenceMLP.configuration
    #expect(m["optimizer"] == "Adam (coupled L2)" && m["batch_size"] == "1024" && m["patience"] == "3")
    #expect(m["weight_decay"] == "0.0001" && m["restore_best"] == "true" && m["loss_stop"] == "none")
    #expect(Set(c.keys) == Set(m.keys) && Set(c.keys) == Set(TrainingOptions().configuration.keys))
  }

  @Test func codableRoundTripAndMissingKeysTakeTheDefaults() throws {
    for options in [TrainingOptions(), .referenceLinear, .referenceMLP] {
      let data = try JSONEncoder().encode(options)
      #expect(try JSONDecoder().decode(TrainingOptions.self, from: data) == options)
    }
    let partial = #"{"optimizer": "adam", "batch": {"fullBatch": {}}, "earlyStopping": {"none": {}}}"#
    let decoded = try JSONDecoder().decode(TrainingOptions.self, from: Data(partial.utf8))
    var expected = TrainingOptions()
    expected.optimizer = .adam
    expected.batch = .fullBatch
    expected.earlyStopping = .none
    #expect(decoded == expected)
    #expect(try JSONDecoder().decode(TrainingOptions.self, from: Data("{}".utf8)) == TrainingOptions())
  }

  @Test func problemsNameInvalidFields() {
    #expect(TrainingOptions().problems.isEmpty)
    var o = TrainingOptions()
    o.batch = .minibatch(size: 0)
    o.lossStop = .below(threshold: 1, checkEvery: 0, afterEpoch: 0)
    o.earlyStopping = .onDevRankScore(patience: 0, minDelta: 0, restoreBest: true)
    #expect(o.problems.count == 3)
  }
}
