import BenchCore
import Foundation
import Learning
import Testing

@Suite struct OptimizerTests {
  @Test func adamWFirstTwoStepsByHand() {
    var opt = AdamW(parameterCount: 2, weightDecay: 0.01)
    var p: [Float] = [1, -2]
    let lr = 0.1
    opt.update(&p, gradient: [0.5, -0.1], learningRate: Float(lr))
    // Step 1: m̂ = g, v̂ = g², so the Adam step is lr·g/(|g| + ε) ≈ lr·sign(g); decay first: θ·(1 − lr·wd).
    #expect(abs(Double(p[0]) - (1 * (1 - lr * 0.01) - lr * 0.5 / (0.5 + 1e-8))) < 1e-6)
    #expect(abs(Double(p[1]) - (-2 * (1 - lr * 0.01) + lr * 0.1 / (0.1 + 1e-8))) < 1e-6)
    // Step 2 with gradient g₂, in Double by the formulas.
    let before = p.map(Double.init)
    opt.update(&p, gradient: [0.2, 0.3], learningRate: Float(lr))
    let g1 = [0.5, -0.1], g2 = [0.2, 0.3]
    for j in 0..<2 {
      let m = 0.9 * (0.1 * g1[j]) + 0.1 * g2[j]
      let v = 0.999 * (0.001 * g1[j] * g1[j]) + 0.001 * g2[j] * g2[j]
      let mHat = m / (1 - 0.9 * 0.9), vHat = v / (1 - 0.999 * 0.999)
      let expected = before[j] * (1 - lr * 0.01) - lr * mHat / (vHat.squareRoot() + 1e-8)
      #expect(abs(Double(p[j]) - expected) < 1e-5, "parameter \(j): \(p[j]) vs \(expected)")
    }
    #expect(opt.step == 2)
  }

  @Test func weightDecayIsDecoupledFromTheGradient() {
    // Zero gradient: Adam's step is 0, only the decay acts: θ ← θ·(1 − lr·wd).
    var opt = AdamW(parameterCount: 1, weightDecay: 0.5)
    var p: [Float] = [4]
    opt.update(&p, gradient: [0], learningRate: 0.1)
    #expect(p[0] == 4 * (1 - 0.05))
  }

  /// Two steps of coupled-L2 Adam against `reference_adam.py` (plain-Python transcription of PyTorch's
  /// `_single_tensor_adam` with `weight_decay`; run it to regenerate the literals). θ₃ has a zero loss gradient at
  /// step 1, so only the coupled decay term wd·θ₃ = 0.05 drives it, and Adam's normalisation turns that into a full
  /// step of ≈ lr: 0.5 → 0.4. AdamW would give 0.5·(1 − lr·wd) = 0.495. Tolerance 2·10⁻⁶: a few Float32 ulps at
  /// |θ| ≈ 2.
  @Test func adamCoupledL2FirstTwoStepsFromTheReferenceScript() {
    var opt = Adam(parameterCount: 3, weightDecay: 0.1)
    var p: [Float] = [1, -2, 0.5]
    opt.update(&p, gradient: [0.5, -0.1, 0], learningRate: 0.1)
    for (j, expected) in [0.900000002, -1.900000003, 0.400000020].enumerated() {
      #expect(abs(Double(p[j]) - expected) < 2e-6, "step 1, parameter \(j): \(p[j]) vs \(expected)")
    }
    opt.update(&p, gradient: [0.2, 0.3, -0.4], learningRate: 0.1)
    for (j, expected) in [0.807281461, -1.862722108, 0.464493533].enumerated() {
      #expect(abs(Double(p[j]) - expected) < 2e-6, "step 2, parameter \(j): \(p[j]) vs \(expected)")
    }
    #expect(opt.step == 2)
    // The decoupled update on the same inputs leaves θ₃ near 0.495 after step 1.
    var w = AdamW(parameterCount: 3, weightDecay: 0.1)
    var q: [Float] = [1, -2, 0.5]
    w.update(&q, gradient: [0.5, -0.1, 0], learningRate: 0.1)
    #expect(abs(Double(q[2]) - 0.495) < 1e-6)
  }

  @Test func adamAndAdamWCoincideWithoutDecay() {
    var g = SplitMix64(seed: 31)
    var a = Adam(parameterCount: 5, weightDecay: 0), w = AdamW(parameterCount: 5, weightDecay: 0)
    var p = (0..<5).map { _ in Float(g.nextGaussian()) }
    var q = p
    for _ in 0..<4 {
      let grad = (0..<5).map { _ in Float(g.nextGaussian()) }
      a.update(&p, gradient: grad, learningRate: 0.01)
      w.update(&q, gradient: grad, learningRate: 0.01)
    }
    #expect(p == q)
  }

  @Test func cosineScheduleWithWarmup() {
    let s = CosineSchedule(baseRate: 1, warmupSteps: 2, totalSteps: 10)
    let expected: [(Int, Double)] = [(0, 0.5), (1, 1.0), (2, 1.0), (4, 0.5 * (1 + cos(Double.pi * 0.25))),
                                     (6, 0.5), (10, 0), (25, 0)]
    for (step, rate) in expected {
      #expect(abs(s.rate(at: step) - rate) < 1e-12, "step \(step): \(s.rate(at: step)) vs \(rate)")
    }
    let noWarmup = CosineSchedule(baseRate: 2, warmupSteps: 0, totalSteps: 4, minimumRate: 0.5)
    #expect(noWarmup.rate(at: 0) == 2)
    #expect(abs(noWarmup.rate(at: 2) - 1.25) < 1e-12)
    #expect(noWarmup.rate(at: 4) == 0.5)
  }
}

@Suite struct TrainerTests {
  /// Two Gaussian blobs, class = blob, one-hot targets.
  func blobs(_ n: Int, seed: UInt64) -> (Matrix<Float>, Matrix<Float>) {
    var g = SplitMix64(seed: seed)
    var x = Matrix<Float>(rows: n, columns: 3, repeating: 0)
    var t = Matrix<Float>(rows: n, columns: 2, repeating: 0)
    for i in 0..<n {
      let c = i % 2
      for j in 0..<3 { x[i, j] = Float(g.nextGaussian() * 0.3 + (c == 0 ? -1 : 1)) }
      t[i, c] = 1
    }
    return (x, t)
  }

  @Test func learnsASeparableProblem() throws {
    let (x, t) = blobs(200, seed: 1)
    var g = SplitMix64(seed: 2)
    var net = Network.mlp(inputWidth: 3, hidden: [8], outputs: 2, using: &g)
    let report = try Trainer.fit(&net, inputs: x, targets: t,
                                 options: TrainingOptions(learningRate: 0.05, batchSize: 32, maxEpochs: 30),
                                 using: &g)
    #expect(report.epochsRun == 30 && report.bestEpoch == 30)
    #expect(report.history.last!.trainLoss < report.history.first!.trainLoss)
    let predicted = net(x)
    var right = 0
    for i in 0..<x.rows where (predicted[i, 1] > predicted[i, 0]) == (t[i, 1] == 1) { right += 1 }
    #expect(right == x.rows)
  }

  @Test func earlyStoppingRestoresTheBestEpoch() throws {
    let (x, t) = blobs(64, seed: 3)
    var g = SplitMix64(seed: 4)
    var net = Network.mlp(inputWidth: 3, hidden: [4], outputs: 2, using: &g)
    // Scripted dev scores: best at epoch 2; epoch 3 improves by less than min_delta; 3 epochs without improvement
    // stop training at epoch 5, before the 0.9 of epoch 6 is ever seen.
    let script = [0.1, 0.5, 0.50005, 0.3, 0.2, 0.9, 0.9]
    var seen: [[Float]] = []
    let report = try Trainer.fit(&net, inputs: x, targets: t,
                                 options: TrainingOptions(learningRate: 0.05, batchSize: 16, maxEpochs: 7,
                                                          patience: 3, minDelta: 1e-4),
                                 using: &g) { current in
      seen.append(current.parameters)
      return script[seen.count - 1]
    }
    #expect(report.epochsRun == 5)
    #expect(report.stoppedEarly)
    #expect(report.bestEpoch == 2)
    #expect(report.bestScore == 0.5)
    #expect(net.parameters == seen[1])
    #expect(net.parameters != seen[4])
  }

  @Test func sameSeedSameWeightsDifferentSeedDifferentWeights() throws {
    let (x, t) = blobs(50, seed: 5)
    func train(_ seed: UInt64) throws -> [Float] {
      var g = SplitMix64(seed: seed)
      var net = Network.mlp(inputWidth: 3, hidden: [5], outputs: 2, using: &g)
      _ = try Trainer.fit(&net, inputs: x, targets: t, options: TrainingOptions(batchSize: 8, maxEpochs: 3),
                          using: &g)
      return net.parameters
    }
    #expect(try train(7) == train(7))
    #expect(try train(7) != train(8))
  }
}
