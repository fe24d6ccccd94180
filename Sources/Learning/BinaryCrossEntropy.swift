internal import Foundation

/// Binary cross-entropy on logits (PyTorch's `BCEWithLogitsLoss`, mean reduction), the loss of a sigmoid head
/// (ECVL-Router Sec. 4.2.2: L = −[y·log p + (1 − y)·log(1 − p)], p = σ(z)).
///
/// Written in the stable form ℓ(z, y) = max(z, 0) − y·z + log(1 + e^{−|z|}) (no log of a rounded-to-0 probability,
/// no overflow of e^{z}); accumulated in `Double`.
public enum BinaryCrossEntropy {
  /// The mean loss and its gradient ∂loss/∂z_i = (σ(z_i) − y_i)·w_i / Σw (weights default to 1).
  ///
  /// - Parameters:
  ///   - targets: y_i in [0, 1] (hard labels or soft targets).
  ///   - weights: optional non-negative per-sample weights.
  public static func lossAndGradient(logits: [Float], targets: [Float], weights: [Float]? = nil)
    -> (loss: Double, gradient: [Float])
  {
    precondition(logits.count == targets.count, "BCE: \(logits.count) logits, \(targets.count) targets")
    precondition(weights.map { $0.count == logits.count } ?? true, "BCE: weights of another length")
    let total = weights.map { $0.reduce(0.0) { $0 + Double($1) } } ?? Double(logits.count)
    guard total > 0 else { return (0, [Float](repeating: 0, count: logits.count)) }
    var loss = 0.0
    var gradient = [Float](repeating: 0, count: logits.count)
    let inv = 1 / total
    for i in logits.indices {
      let z = Double(logits[i]), y = Double(targets[i]), w = Double(weights?[i] ?? 1)
      loss += w * (max(z, 0) - y * z + log1p(exp(-abs(z))))
      gradient[i] = Float((probability(z) - y) * w * inv)
    }
    return (loss * inv, gradient)
  }

  /// σ(z) without overflow.
  public static func probability(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
  }
}
