internal import Foundation

/// AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019), PyTorch's update order:
///
///     θ ← θ − lr·wd·θ
///     m ← β₁·m + (1−β₁)·g,   v ← β₂·v + (1−β₂)·g²
///     θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
///
/// Weight decay applies to every parameter (PyTorch's default, biases included).
public typealias AdamW = AdamOptimizer<DecoupledWeightDecay>

/// Adam with coupled L2 regularisation — PyTorch's `torch.optim.Adam(weight_decay: wd)` (single-tensor path,
/// no AMSGrad), which the reference MLP uses; **not** AdamW:
///
///     g ← g + wd·θ
///     m ← β₁·m + (1−β₁)·g,   v ← β₂·v + (1−β₂)·g²
///     θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
///
/// The decay term goes through the moment estimates, so Adam's normalisation rescales it (a parameter with a zero
/// loss gradient still moves by ≈ lr·sign(θ) on the first step, where AdamW would shrink it by lr·wd·θ).
public typealias Adam = AdamOptimizer<CoupledL2>

/// How an Adam step applies weight decay: the one difference between AdamW and Adam.
public protocol AdamWeightDecay: Sendable, Hashable {
  /// The default decay of the optimiser (PyTorch's: AdamW 0.01, Adam 0).
  static var defaultWeightDecay: Float { get }
  /// One parameter's update, with the moments `m`, `v` updated in place.
  static func step(_ p: inout Float, gradient g: Float, _ m: inout Float, _ v: inout Float, b1: Float, b2: Float,
                   stepSize: Float, bc2Sqrt: Float, eps: Float, learningRate: Float, weightDecay: Float)
}

/// AdamW's decay: θ·(1 − lr·wd), outside the moment estimates.
public enum DecoupledWeightDecay: AdamWeightDecay {
  public static let defaultWeightDecay: Float = 0.01
  @inline(__always)
  public static func step(_ p: inout Float, gradient g: Float, _ m: inout Float, _ v: inout Float, b1: Float,
                          b2: Float, stepSize: Float, bc2Sqrt: Float, eps: Float, learningRate: Float,
                          weightDecay: Float) {
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    p = p * (1 - learningRate * weightDecay) - stepSize * m / (v.squareRoot() / bc2Sqrt + eps)
  }
}

/// Adam's coupled L2: g + wd·θ goes through the moment estimates.
public enum CoupledL2: AdamWeightDecay {
  public static let defaultWeightDecay: Float = 0
  @inline(__always)
  public static func step(_ p: inout Float, gradient g: Float, _ m: inout Float, _ v: inout Float, b1: Float,
                          b2: Float, stepSize: Float, bc2Sqrt: Float, eps: Float, learningRate: Float,
                          weightDecay: Float) {
    let gj = g + weightDecay * p
    m = b1 * m + (1 - b1) * gj
    v = b2 * v + (1 - b2) * gj * gj
    p -= stepSize * m / (v.squareRoot() / bc2Sqrt + eps)
  }
}

/// Adam's moment estimates and bias corrections (PyTorch's update order), with the weight-decay rule `Decay`.
public struct AdamOptimizer<Decay: AdamWeightDecay>: Sendable, Hashable {
  public var beta1: Float
  public var beta2: Float
  public var epsilon: Float
  public var weightDecay: Float
  public private(set) var firstMoment: [Float]
  public private(set) var secondMoment: [Float]
  /// Number of updates taken so far (t in the bias corrections).
  public private(set) var step: Int = 0

  public init(parameterCount: Int, weightDecay: Float = Decay.defaultWeightDecay, beta1: Float = 0.9,
              beta2: Float = 0.999, epsilon: Float = 1e-8) {
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    firstMoment = [Float](repeating: 0, count: parameterCount)
    secondMoment = [Float](repeating: 0, count: parameterCount)
  }

  /// One update of `parameters` from `gradient` at learning rate `learningRate`.
  public mutating func update(_ parameters: inout [Float], gradient: [Float], learningRate: Float) {
    update(&parameters, gradient: gradient, learningRate: learningRate, only: [0..<parameters.count])
  }

  /// One update of the entries in `ranges` only (the others — frozen parameters — keep their values and moment
  /// estimates; weight decay does not touch them either). The step count advances once.
  public mutating func update(_ parameters: inout [Float], gradient: [Float], learningRate: Float,
                              only ranges: [Range<Int>]) {
    precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count,
                 "Adam: \(parameters.count) parameters, \(gradient.count) gradients, state for \(firstMoment.count)")
    precondition(ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= parameters.count },
                 "Adam: ranges \(ranges) outside \(parameters.count) parameters")
    step += 1
    let b1 = beta1, b2 = beta2, eps = epsilon, wd = weightDecay
    let bc1 = Float(1 - pow(Double(b1), Double(step)))
    let bc2Sqrt = Float((1 - pow(Double(b2), Double(step))).squareRoot())
    // θ − lr·m̂/(√v̂ + ε) with m̂ = m/bc1, √v̂ = √v/√bc2.
    let stepSize = learningRate / bc1
    parameters.withUnsafeMutableBufferPointer { p in
      gradient.withUnsafeBufferPointer { g in
        firstMoment.withUnsafeMutableBufferPointer { m in
          secondMoment.withUnsafeMutableBufferPointer { v in
            for range in ranges {
              for j in range {
                Decay.step(&p[j], gradient: g[j], &m[j], &v[j], b1: b1, b2: b2, stepSize: stepSize, bc2Sqrt: bc2Sqrt,
                           eps: eps, learningRate: learningRate, weightDecay: wd)
              }
            }
          }
        }
      }
    }
  }
}

/// Learning rate with linear warm-up then cosine decay (PyTorch/transformers' `get_cosine_schedule_with_warmup`,
/// one half cosine period):
///
///     step < warmup:  base · (step + 1) / warmup
///     otherwise:      minimum + (base − minimum) · ½·(1 + cos(π · min(1, (step − warmup) / (total − warmup))))
///
/// `step` counts optimiser updates from 0.
public struct CosineSchedule: Sendable, Hashable, Codable {
  public var baseRate: Double
  public var warmupSteps: Int
  public var totalSteps: Int
  public var minimumRate: Double

  public init(baseRate: Double, warmupSteps: Int, totalSteps: Int, minimumRate: Double = 0) {
    precondition(warmupSteps >= 0 && totalSteps >= 1, "CosineSchedule: warm-up \(warmupSteps), total \(totalSteps)")
    self.baseRate = baseRate
    self.warmupSteps = warmupSteps
    self.totalSteps = totalSteps
    self.minimumRate = minimumRate
  }

  public func rate(at step: Int) -> Double {
    if step < warmupSteps { return baseRate * Double(step + 1) / Double(warmupSteps) }
    let span = Double(Swift.max(totalSteps - warmupSteps, 1))
    let progress = Swift.min(1, Double(step - warmupSteps) / span)
    return minimumRate + (baseRate - minimumRate) * 0.5 * (1 + cos(Double.pi * progress))
  }
}

