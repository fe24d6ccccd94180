public import BenchCore
internal import Foundation

/// Softmax and cross-entropy against soft targets (VL-RouterBench Eq. 8: L = −Σ_m t(m)·log π(m | x)).
public enum SoftmaxCrossEntropy {
  /// Row-wise softmax, shifted by the row maximum so no exponent overflows.
  public static func softmax(_ logits: Matrix<Float>) -> Matrix<Float> {
    var out = logits
    let k = logits.columns
    out.values.withUnsafeMutableBufferPointer { v in
      for r in 0..<logits.rows {
        let base = r * k
        var m = -Float.infinity
        for j in 0..<k { m = Swift.max(m, v[base + j]) }
        var z: Float = 0
        for j in 0..<k {
          v[base + j] = exp(v[base + j] - m)
          z += v[base + j]
        }
        for j in 0..<k { v[base + j] /= z }
      }
    }
    return out
  }

  /// Mean soft cross-entropy over the batch and its gradient with respect to the logits.
  ///
  /// loss = −(1/B)·Σ_i Σ_k t_ik·log softmax(z_i)_k, using log-sum-exp; the loss is accumulated in `Double`.
  /// ∂loss/∂z_ik = (p_ik·Σ_j t_ij − t_ik)/B, which is (p − t)/B when targets sum to 1.
  ///
  /// - Parameters:
  ///   - targets: `B×K`, non-negative (rows normally sum to 1).
  public static func lossAndGradient(logits: Matrix<Float>, targets: Matrix<Float>) -> (loss: Double,
                                                                                        gradient: Matrix<Float>) {
    precondition(logits.rows == targets.rows && logits.columns == targets.columns, "soft CE: shape mismatch")
    let b = logits.rows, k = logits.columns
    var grad = logits
    var loss = 0.0
    let invB = 1 / Float(Swift.max(b, 1))
    logits.values.withUnsafeBufferPointer { z in
      targets.values.withUnsafeBufferPointer { t in
        grad.values.withUnsafeMutableBufferPointer { g in
          for r in 0..<b {
            let base = r * k
            var m = -Float.infinity
            for j in 0..<k { m = Swift.max(m, z[base + j]) }
            var s = 0.0
            for j in 0..<k { s += Double(exp(z[base + j] - m)) }
            let logZ = Double(m) + log(s)
            var tSum: Float = 0
            for j in 0..<k {
              tSum += t[base + j]
              if t[base + j] != 0 { loss -= Double(t[base + j]) * (Double(z[base + j]) - logZ) }
            }
            for j in 0..<k {
              let pj = Float(exp(Double(z[base + j]) - logZ))
              g[base + j] = (pj * tSum - t[base + j]) * invB
            }
          }
        }
      }
    }
    return (loss / Double(Swift.max(b, 1)), grad)
  }
}

/// The explicit L2 penalty ½·c·‖θ‖² over every parameter, biases included (the reference Linear's
/// (1/(2C))·Σ‖θ‖² with c = 1/C; spec §4.6). Its gradient is c·θ. Unlike weight decay it is a term of the loss.
public enum L2Penalty {
  /// ½·c·Σθ², accumulated in `Double`.
  public static func value(of parameters: [Float], coefficient c: Double) -> Double {
    var s = 0.0
    for p in parameters { s += Double(p) * Double(p) }
    return 0.5 * c * s
  }

  /// Adds c·θ to `gradient` and returns the penalty's value.
  public static func addGradient(of parameters: [Float], coefficient c: Double, to gradient: inout [Float]) -> Double {
    precondition(parameters.count == gradient.count,
                 "L2Penalty: \(parameters.count) parameters, \(gradient.count) gradients")
    let cf = Float(c)
    var s = 0.0
    parameters.withUnsafeBufferPointer { p in
      gradient.withUnsafeMutableBufferPointer { g in
        for j in 0..<p.count {
          s += Double(p[j]) * Double(p[j])
          g[j] += cf * p[j]
        }
      }
    }
    return 0.5 * c * s
  }
}
