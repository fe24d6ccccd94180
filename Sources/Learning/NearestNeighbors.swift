public import BenchCore

/// Exact k-nearest-neighbour search under cosine distance d(a, b) = 1 − a·b / (‖a‖·‖b‖) (scikit-learn's
/// `metric='cosine'`, brute force).
///
/// The reference rows are L2-normalised once; queries are normalised and multiplied against them in blocks of
/// `blockSize` rows with one `cblas_sgemm` per block, so memory stays at `blockSize × N` floats. A row of zero norm
/// has similarity 0 to everything (distance 1). Ties in distance go to the lower reference index.
public struct CosineNeighbors: Sendable {
  /// The reference rows, L2-normalised.
  public let reference: Matrix<Float>
  public var blockSize: Int

  public init(reference: Matrix<Float>, blockSize: Int = 512) {
    self.reference = reference.rowNormalized()
    self.blockSize = Swift.max(1, blockSize)
  }

  /// The k nearest reference rows of each query row.
  public struct Result: Sendable, Hashable {
    public let k: Int
    /// `queries × k` reference row indices, nearest first (lower index first among equal distances).
    public var indices: [Int]
    /// `queries × k` cosine distances, clamped to [0, 2].
    public var distances: [Float]

    public func neighbors(of q: Int) -> ArraySlice<Int> { indices[(q * k)..<((q + 1) * k)] }
    public func distances(of q: Int) -> ArraySlice<Float> { distances[(q * k)..<((q + 1) * k)] }
  }

  /// Searches the k nearest neighbours (k is capped at the number of reference rows).
  ///
  /// - Complexity: 2·Q·N·d flops in `sgemm` plus O(Q·N·k) for the selection.
  public func search(_ queries: Matrix<Float>, k requested: Int) -> Result {
    precondition(queries.columns == reference.columns, "kNN: query width \(queries.columns) ≠ \(reference.columns)")
    let n = reference.rows, d = reference.columns, q = queries.rows
    let k = Swift.min(Swift.max(requested, 0), n)
    var indices = [Int](repeating: 0, count: q * k)
    var distances = [Float](repeating: 0, count: q * k)
    guard k > 0, q > 0 else { return Result(k: k, indices: indices, distances: distances) }
    let normalized = queries.rowNormalized()
    var sims = [Float](repeating: 0, count: Swift.min(blockSize, q) * n)
    var bestSim = [Float](repeating: 0, count: k)
    var bestIdx = [Int](repeating: 0, count: k)
    var start = 0
    while start < q {
      let rows = Swift.min(blockSize, q - start)
      normalized.values.withUnsafeBufferPointer { qv in
        reference.values.withUnsafeBufferPointer { rv in
          sims.withUnsafeMutableBufferPointer { s in
            BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: n, k: d, alpha: 1,
                      a: qv.baseAddress.map { $0 + start * d }, lda: d, b: rv.baseAddress, ldb: d, beta: 0,
                      c: s.baseAddress, ldc: n)
          }
        }
      }
      sims.withUnsafeBufferPointer { s in
        for r in 0..<rows {
          // Keep the k largest similarities in descending order; a candidate replaces the worst kept one only when
          // strictly larger, so among equals the earlier (lower) index stays.
          var count = 0
          let base = r * n
          for j in 0..<n {
            let v = s[base + j]
            if count == k && !(v > bestSim[k - 1]) { continue }
            var pos = count == k ? k - 1 : count
            while pos > 0 && v > bestSim[pos - 1] {
              bestSim[pos] = bestSim[pos - 1]
              bestIdx[pos] = bestIdx[pos - 1]
              pos -= 1
            }
            bestSim[pos] = v
            bestIdx[pos] = j
            if count < k { count += 1 }
          }
          let out = (start + r) * k
          for t in 0..<k {
            indices[out + t] = bestIdx[t]
            distances[out + t] = Swift.min(2, Swift.max(0, 1 - bestSim[t]))
          }
        }
      }
      start += rows
    }
    return Result(k: k, indices: indices, distances: distances)
  }
}
