public import BenchCore

/// Per-feature z-score standardisation fitted on training rows (scikit-learn's `StandardScaler`).
///
/// Means and **population** standard deviations (divide by n) are accumulated in `Double`; a feature with zero
/// spread gets a scale of 1, so it maps to 0 instead of NaN (VL-RouterBench §3.2 applies this after fusion for
/// every feature-level router).
public struct Standardizer: Sendable, Hashable, Codable {
  public var mean: [Float]
  public var scale: [Float]

  public init(mean: [Float], scale: [Float]) {
    precondition(mean.count == scale.count)
    self.mean = mean
    self.scale = scale
  }

  /// Fits on the given rows of `x` (all rows when `rows` is nil).
  public init(fitting x: Matrix<Float>, rows: [Int]? = nil) {
    let d = x.columns
    var sum = [Double](repeating: 0, count: d)
    var sumSq = [Double](repeating: 0, count: d)
    let selected = rows ?? Array(0..<x.rows)
    x.values.withUnsafeBufferPointer { v in
      sum.withUnsafeMutableBufferPointer { s in
        sumSq.withUnsafeMutableBufferPointer { q in
          guard let vp = v.baseAddress, let sp = s.baseAddress, let qp = q.baseAddress else { return }
          // Two passes (mean, then squared deviations) for accuracy; both accumulate in Double.
          for i in selected { accumulate(sp, vp + i * d, d) }
          let n = Double(Swift.max(selected.count, 1))
          for j in 0..<d { sp[j] /= n }
          for i in selected { accumulateSquaredDeviation(qp, vp + i * d, sp, d) }
          for j in 0..<d { qp[j] = (qp[j] / n).squareRoot() }
        }
      }
    }
    mean = sum.map { Float($0) }
    scale = sumSq.map { $0 == 0 || !$0.isFinite ? 1 : Float($0) }
  }

  public var dimension: Int { mean.count }

  /// `(x − mean) / scale` for the given rows of `x` (all rows when nil), in that order.
  public func transform(_ x: Matrix<Float>, rows: [Int]? = nil) -> Matrix<Float> {
    precondition(x.columns == dimension, "Standardizer: \(x.columns) features, fitted on \(dimension)")
    let selected = rows ?? Array(0..<x.rows)
    let d = dimension
    var out = [Float](repeating: 0, count: selected.count * d)
    let inv = scale.map { 1 / $0 }
    x.values.withUnsafeBufferPointer { v in
      out.withUnsafeMutableBufferPointer { o in
        mean.withUnsafeBufferPointer { mu in
          inv.withUnsafeBufferPointer { s in
            guard let op = o.baseAddress, let vp = v.baseAddress, let mp = mu.baseAddress, let sp = s.baseAddress
            else { return }
            for (r, i) in selected.enumerated() { standardizeRow(op + r * d, vp + i * d, mp, sp, d) }
          }
        }
      }
    }
    return Matrix(rows: selected.count, columns: d, values: out)
  }
}

extension Matrix where Element == Float {
  /// Each row divided by its L2 norm; rows with zero norm stay unchanged.
  public func rowNormalized() -> Matrix<Float> {
    var out = self
    out.normalizeRows()
    return out
  }

  /// In place: each row divided by its L2 norm (accumulated in Double); zero rows stay zero.
  public mutating func normalizeRows() {
    let d = columns
    let n = rows
    values.withUnsafeMutableBufferPointer { v in
      for i in 0..<n {
        var s = 0.0
        for j in 0..<d { s += Double(v[i * d + j]) * Double(v[i * d + j]) }
        guard s > 0 else { continue }
        let inv = Float(1 / s.squareRoot())
        for j in 0..<d { v[i * d + j] *= inv }
      }
    }
  }
}

// Row kernels as plain pointer loops (vectorised by LLVM).
@inline(never) func accumulate(_ sum: UnsafeMutablePointer<Double>, _ row: UnsafePointer<Float>, _ d: Int) {
  for j in 0..<d { sum[j] += Double(row[j]) }
}

@inline(never) func accumulateSquaredDeviation(_ acc: UnsafeMutablePointer<Double>, _ row: UnsafePointer<Float>,
                                               _ mean: UnsafePointer<Double>, _ d: Int) {
  for j in 0..<d {
    let e = Double(row[j]) - mean[j]
    acc[j] += e * e
  }
}

@inline(never) func standardizeRow(_ out: UnsafeMutablePointer<Float>, _ row: UnsafePointer<Float>,
                                   _ mean: UnsafePointer<Float>, _ invScale: UnsafePointer<Float>, _ d: Int) {
  for j in 0..<d { out[j] = (row[j] - mean[j]) * invScale[j] }
}
