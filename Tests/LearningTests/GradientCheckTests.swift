import Foundation
import BenchCore
import Learning
import Testing

/// Random matrix with entries N(0, scale²) from an explicit generator.
func randomMatrix(_ rows: Int, _ columns: Int, _ g: inout SplitMix64, scale: Double = 1) -> Matrix<Float> {
  Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Float(g.nextGaussian() * scale) })
}

/// A loss on a network output: its value (accumulated in Double) and ∂loss/∂output.
typealias OutputLoss = (Matrix<Float>) -> (loss: Double, gradient: Matrix<Float>)

/// L = Σ R ⊙ Y for a fixed random R: isolates one layer's Jacobian.
func linearFunctional(_ r: Matrix<Float>) -> OutputLoss {
  { y in
    var s = 0.0
    for j in y.values.indices { s += Double(r.values[j]) * Double(y.values[j]) }
    return (s, r)
  }
}

/// Compares the analytic gradients (parameters and input) with central finite differences.
///
/// Float32 forward passes limit the attainable precision, so the step is h = 1e-2·max(1, |θ|), the loss is
/// accumulated in Double, and the tolerance is |analytic − numeric| ≤ 2e-3 + 2e-2·|numeric|.
func checkGradients(_ net: Network, input x: Matrix<Float>, loss: OutputLoss, step: Float = 1e-2,
                    sourceLocation: SourceLocation = #_sourceLocation) {
  let tape = net.forwardTape(x)
  let (_, dOut) = loss(tape.activations[tape.activations.count - 1])
  var grad: [Float] = []
  let dx = net.backward(tape, dOutput: dOut, gradient: &grad, inputGradient: true)
  func close(_ a: Float, _ numeric: Double) -> Bool { abs(Double(a) - numeric) <= 2e-3 + 2e-2 * abs(numeric) }
  var worst = 0.0
  for j in net.parameters.indices {
    var plus = net, minus = net
    let h = step * max(1, abs(net.parameters[j]))
    plus.parameters[j] += h
    minus.parameters[j] -= h
    let numeric = (loss(plus(x)).loss - loss(minus(x)).loss) / Double(2 * h)
    worst = max(worst, abs(Double(grad[j]) - numeric))
    #expect(close(grad[j], numeric), "parameter \(j): analytic \(grad[j]) numeric \(numeric)",
            sourceLocation: sourceLocation)
  }
  guard let dx else {
    Issue.record("no input gradient", sourceLocation: sourceLocation)
    return
  }
  for j in x.values.indices {
    var xp = x, xm = x
    xp.values[j] += step
    xm.values[j] -= step
    let numeric = (loss(net(xp)).loss - loss(net(xm)).loss) / Double(2 * step)
    #expect(close(dx.values[j], numeric), "input \(j): analytic \(dx.values[j]) numeric \(numeric)",
            sourceLocation: sourceLocation)
  }
}

@Suite struct GradientCheckTests {
  @Test func linearLayer() {
    var g = SplitMix64(seed: 1)
    let net = Network(inputWidth: 5, layers: [.linear(inputs: 5, outputs: 4)], using: &g)
    checkGradients(net, input: randomMatrix(6, 5, &g), loss: linearFunctional(randomMatrix(6, 4, &g)))
  }

  @Test func mlpWithReLUUnderSoftCrossEntropy() {
    var g = SplitMix64(seed: 2)
    let net = Network.mlp(inputWidth: 6, hidden: [7, 5], outputs: 4, using: &g)
    let targets = SoftmaxCrossEntropy.softmax(randomMatrix(5, 4, &g, scale: 2))
    checkGradients(net, input: randomMatrix(5, 6, &g), loss: { y in
      SoftmaxCrossEntropy.lossAndGradient(logits: y, targets: targets)
    }, step: 3e-3)
  }

  @Test func mlpWithTanh() {
    var g = SplitMix64(seed: 3)
    let net = Network.mlp(inputWidth: 4, hidden: [6], outputs: 3, activation: .tanh, using: &g)
    checkGradients(net, input: randomMatrix(5, 4, &g), loss: linearFunctional(randomMatrix(5, 3, &g)))
  }

  @Test func softmaxCrossEntropyWithSoftTargets() {
    var g = SplitMix64(seed: 4)
    let logits = randomMatrix(4, 5, &g, scale: 3)
    // Soft targets with zeros (a masked model), as the λ labels produce.
    var t = SoftmaxCrossEntropy.softmax(randomMatrix(4, 5, &g))
    for r in 0..<4 {
      t[r, r] = 0
      let s = t.row(r).reduce(0, +)
      for c in 0..<5 { t[r, c] /= s }
    }
    let (loss, grad) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: t)
    // The loss against a direct evaluation in Double.
    var direct = 0.0
    for r in 0..<4 {
      let z = (0..<5).map { Double(logits[r, $0]) }
      let m = z.max()!
      let lse = m + Foundation.log(z.map { Foundation.exp($0 - m) }.reduce(0, +))
      for c in 0..<5 { direct -= Double(t[r, c]) * (z[c] - lse) }
    }
    #expect(abs(loss - direct / 4) < 1e-6)
    let h: Float = 1e-2
    for j in logits.values.indices {
      var p = logits, m = logits
      p.values[j] += h
      m.values[j] -= h
      let numeric = (SoftmaxCrossEntropy.lossAndGradient(logits: p, targets: t).loss
        - SoftmaxCrossEntropy.lossAndGradient(logits: m, targets: t).loss) / Double(2 * h)
      #expect(abs(Double(grad.values[j]) - numeric) < 1e-4, "logit \(j)")
    }
  }

  @Test func gatedMultimodalUnit() {
    var g = SplitMix64(seed: 5)
    let net = Network(inputWidth: 7, layers: [.gmu(text: 4, image: 3, outputs: 5)], using: &g)
    // A non-zero gate bias so σ is not at its symmetric point.
    var biased = net
    for j in (net.parameters.count - 5)..<net.parameters.count { biased.parameters[j] = Float(g.nextGaussian()) }
    checkGradients(biased, input: randomMatrix(6, 7, &g), loss: linearFunctional(randomMatrix(6, 5, &g)))
  }

  @Test func multimodalLowRankBilinear() {
    var g = SplitMix64(seed: 6)
    let net = Network(inputWidth: 8, layers: [.mlb(text: 5, image: 3, rank: 4)], using: &g)
    checkGradients(net, input: randomMatrix(5, 8, &g), loss: linearFunctional(randomMatrix(5, 4, &g)))
  }

  @Test func weightedAverageAlpha() {
    var g = SplitMix64(seed: 7)
    var net = Network(inputWidth: 7, layers: [.weightedAverage(text: 4, image: 3)], using: &g)
    #expect(net.weightedAverageAlpha(layer: 0) == 0.5)
    net.parameters[0] = 0.7  // α = σ(0.7) ≈ 0.668
    let x = randomMatrix(5, 7, &g)
    // Forward by hand: α·v + (1−α)·q on the first min(4, 3) = 3 columns.
    let y = net(x)
    let alpha = 1 / (1 + Foundation.exp(-0.7))
    #expect(y.columns == 3)
    #expect(abs(Double(y[2, 1]) - (alpha * Double(x[2, 4 + 1]) + (1 - alpha) * Double(x[2, 1]))) < 1e-6)
    checkGradients(net, input: x, loss: linearFunctional(randomMatrix(5, 3, &g)))
  }

  @Test func fusionInFrontOfAnMLP() {
    var g = SplitMix64(seed: 8)
    let net = Network.mlp(inputWidth: 6, hidden: [5], outputs: 3, fusion: .gmu(text: 3, image: 3, outputs: 4),
                          using: &g)
    let targets = SoftmaxCrossEntropy.softmax(randomMatrix(4, 3, &g))
    checkGradients(net, input: randomMatrix(4, 6, &g), loss: { y in
      SoftmaxCrossEntropy.lossAndGradient(logits: y, targets: targets)
    }, step: 3e-3)
  }

  /// The trainer's batch objective with the explicit L2 penalty (`Trainer.lossAndGradient`, soft CE + ½·c·‖θ‖²
  /// over every parameter incl. biases) against central differences of its own value, same step and tolerance as
  /// `checkGradients`. c = 0.8 makes c·θ comparable to the CE gradient, so a missing, halved or bias-free penalty
  /// gradient fails; the value is also checked against a direct `Double` evaluation.
  @Test func explicitL2PenaltyInTheTrainingObjective() {
    var g = SplitMix64(seed: 9)
    let net = Network.mlp(inputWidth: 4, hidden: [5], outputs: 3, using: &g)
    let x = randomMatrix(6, 4, &g)
    let targets = SoftmaxCrossEntropy.softmax(randomMatrix(6, 3, &g, scale: 2))
    let c = 0.8
    var grad: [Float] = []
    let loss = Trainer.lossAndGradient(net, inputs: x, targets: targets, l2Penalty: c, gradient: &grad)
    var scratch: [Float] = []
    let unpenalised = Trainer.lossAndGradient(net, inputs: x, targets: targets, l2Penalty: 0, gradient: &scratch)
    let squares = net.parameters.reduce(0.0) { $0 + Double($1) * Double($1) }
    #expect(abs((loss - unpenalised) - 0.5 * c * squares) < 1e-9 * max(1, squares))
    #expect(abs(L2Penalty.value(of: net.parameters, coefficient: c) - 0.5 * c * squares) < 1e-12 * max(1, squares))
    func value(_ n: Network) -> Double {
      var unused: [Float] = []
      return Trainer.lossAndGradient(n, inputs: x, targets: targets, l2Penalty: c, gradient: &unused)
    }
    let step: Float = 3e-3
    for j in net.parameters.indices {
      var plus = net, minus = net
      let h = step * max(1, abs(net.parameters[j]))
      plus.parameters[j] += h
      minus.parameters[j] -= h
      let numeric = (value(plus) - value(minus)) / Double(2 * h)
      #expect(abs(Double(grad[j]) - numeric) <= 2e-3 + 2e-2 * abs(numeric),
              "parameter \(j): analytic \(grad[j]) numeric \(numeric)")
      // The penalty's share of the gradient is exactly c·θ (biases included).
      #expect(abs(Double(grad[j] - scratch[j]) - c * Double(net.parameters[j])) < 1e-6, "penalty gradient \(j)")
    }
  }
}
