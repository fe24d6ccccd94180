public import BenchCore

/// Sequence pooling of hidden states (B·L × H → B × H) and its backward pass.
public enum Pooling {
  /// Mean over the real tokens (sentence-transformers' `Pooling(mean)`): Σ_l m_l·h_l / max(Σ_l m_l, 1e-9). A
  /// sequence without tokens pools to 0.
  public static func mean(_ hidden: Matrix<Float>, mask: SequenceMask) -> Matrix<Float> {
    let b = mask.batchSize, l = mask.length, h = hidden.columns
    precondition(hidden.rows == b * l, "Pooling.mean: \(hidden.rows) rows for \(b)×\(l)")
    var out = Matrix<Float>(rows: b, columns: h, repeating: 0)
    for s in 0..<b {
      var count: Float = 0
      for t in 0..<l where mask.values[s * l + t] != 0 {
        count += 1
        let r = (s * l + t) * h
        for j in 0..<h { out.values[s * h + j] += hidden.values[r + j] }
      }
      let inv = 1 / Swift.max(count, 1e-9)
      for j in 0..<h { out.values[s * h + j] *= inv }
    }
    return out
  }

  /// ∂loss/∂hidden of `mean`: m_l·dP / max(Σ m, 1e-9) at every position (0 at padding).
  public static func meanBackward(_ dPooled: Matrix<Float>, mask: SequenceMask) -> Matrix<Float> {
    let b = mask.batchSize, l = mask.length, h = dPooled.columns
    precondition(dPooled.rows == b, "Pooling.meanBackward: \(dPooled.rows) rows for \(b) sequences")
    var out = Matrix<Float>(rows: b * l, columns: h, repeating: 0)
    for s in 0..<b {
      let inv = 1 / Swift.max(Float(mask.tokenCount(of: s)), 1e-9)
      for t in 0..<l where mask.values[s * l + t] != 0 {
        for j in 0..<h { out.values[(s * l + t) * h + j] = dPooled.values[s * h + j] * inv }
      }
    }
    return out
  }

  /// The first position's hidden state of every sequence ([CLS] pooling, without BERT's pooler dense layer).
  public static func first(_ hidden: Matrix<Float>, mask: SequenceMask) -> Matrix<Float> {
    let b = mask.batchSize, l = mask.length
    precondition(hidden.rows == b * l && l > 0, "Pooling.first: \(hidden.rows) rows for \(b)×\(l)")
    return hidden.selecting(rows: (0..<b).map { $0 * l })
  }

  /// ∂loss/∂hidden of `first`: dP at position 0 of each sequence, 0 elsewhere.
  public static func firstBackward(_ dPooled: Matrix<Float>, mask: SequenceMask) -> Matrix<Float> {
    let b = mask.batchSize, l = mask.length, h = dPooled.columns
    precondition(dPooled.rows == b, "Pooling.firstBackward: \(dPooled.rows) rows for \(b) sequences")
    var out = Matrix<Float>(rows: b * l, columns: h, repeating: 0)
    for s in 0..<b { for j in 0..<h { out.values[s * l * h + j] = dPooled.values[s * h + j] } }
    return out
  }
}

/// Row-wise L2 normalisation x / max(‖x‖₂, ε) (PyTorch's `F.normalize`, sentence-transformers' `Normalize`, ε =
/// 1e-12) and its backward pass; norms are accumulated in Double.
public enum L2Normalization {
  public static let epsilon = 1e-12

  /// The normalised rows and each row's norm max(‖x‖, ε).
  public static func forward(_ x: Matrix<Float>) -> (normalized: Matrix<Float>, norms: [Float]) {
    var out = x
    var norms = [Float](repeating: 0, count: x.rows)
    let d = x.columns
    for r in 0..<x.rows {
      var s = 0.0
      for j in 0..<d { s += Double(x.values[r * d + j]) * Double(x.values[r * d + j]) }
      let n = Swift.max(s.squareRoot(), epsilon)
      norms[r] = Float(n)
      let inv = Float(1 / n)
      for j in 0..<d { out.values[r * d + j] *= inv }
    }
    return (out, norms)
  }

  /// ∂loss/∂x from ∂loss/∂x̂: (dx̂ − x̂·(x̂·dx̂)) / ‖x‖ (for a row whose norm is below ε, where the map is x/ε:
  /// dx̂/ε).
  public static func backward(_ dNormalized: Matrix<Float>, normalized: Matrix<Float>,
                              norms: [Float]) -> Matrix<Float> {
    precondition(dNormalized.rows == normalized.rows && dNormalized.columns == normalized.columns,
                 "L2Normalization.backward: shape mismatch")
    var out = dNormalized
    let d = normalized.columns
    for r in 0..<normalized.rows {
      let inv = 1 / norms[r]
      if Double(norms[r]) <= epsilon {
        for j in 0..<d { out.values[r * d + j] *= inv }
        continue
      }
      var dot: Float = 0
      for j in 0..<d { dot += normalized.values[r * d + j] * dNormalized.values[r * d + j] }
      for j in 0..<d {
        out.values[r * d + j] = (dNormalized.values[r * d + j] - normalized.values[r * d + j] * dot) * inv
      }
    }
    return out
  }
}
