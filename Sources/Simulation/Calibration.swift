/// Calibration of one dataset's correctness to the targets.
///
/// The item-response model: model m answers sample i correctly iff
/// `b_{m,d} + a_m·z_i − σ_d·δ̃_i + ε_{i,m} > 0` with ε standard logistic, i.e. P(correct) = σ(b + a·z − σ·δ̃).
/// `base[i·K + m]` holds `a_m·z_i + ε_{i,m}` (drawn once); the calibration chooses
/// - b_{m,d} separately in each split part (train / dev / test) as the midpoint between the k-th and (k+1)-th
///   largest utilities, k = round(target · n_part), so every model's accuracy meets its target exactly on every
///   part (stratified sampling: which samples are right still follows the model; only the counts are fixed);
/// - σ_d by bisection so the number of test samples no model solves matches the paper's Oracle.
struct DatasetCalibration {
  let rows: Int
  let models: Int
  /// a_m·z_i + ε_{i,m}, row-major.
  let base: [Double]
  /// Standardised difficulty δ̃_i.
  let difficulty: [Double]
  /// Split part of each local row: 0 train, 1 dev, 2 test.
  let part: [UInt8]
  /// Target accuracy per model.
  let target: [Double]

  /// Local rows of one part.
  func rows(of p: UInt8) -> [Int] { (0..<rows).filter { part[$0] == p } }

  /// Correctness (row-major) of `subset` rows at spread σ, with each model's count fixed to round(target·n).
  func correctness(sigma: Double, subset: [Int]) -> [Bool] {
    var out = [Bool](repeating: false, count: subset.count * models)
    guard !subset.isEmpty else { return out }
    var utility = [Double](repeating: 0, count: subset.count)
    var sorted = utility
    base.withUnsafeBufferPointer { base in
      for m in 0..<models {
        for (j, i) in subset.enumerated() { utility[j] = base[i * models + m] - sigma * difficulty[i] }
        let k = min(subset.count, max(0, Int((target[m] * Double(subset.count)).rounded())))
        if k == 0 { continue }
        let threshold: Double
        if k == subset.count {
          threshold = -.infinity
        } else {
          for j in 0..<subset.count { sorted[j] = utility[j] }
          sorted.sort(by: >)
          threshold = (sorted[k - 1] + sorted[k]) / 2
        }
        for j in 0..<subset.count where utility[j] > threshold { out[j * models + m] = true }
      }
    }
    return out
  }

  /// Rows of `subset` that no model answers correctly at spread σ.
  func unsolved(sigma: Double, subset: [Int]) -> Int {
    let c = correctness(sigma: sigma, subset: subset)
    var count = 0
    for j in subset.indices {
      var any = false
      for m in 0..<models where c[j * models + m] { any = true; break }
      if !any { count += 1 }
    }
    return count
  }

  /// Bisection on σ ∈ [0, 30] for `targetUnsolved` unsolved rows in `subset` (more spread = models fail
  /// together = more unsolved). The count is a step function of σ and not exactly monotone, so the best σ seen
  /// is kept.
  func calibrateSpread(targetUnsolved: Int, subset: [Int], iterations: Int = 36) -> (sigma: Double, unsolved: Int) {
    var lo = 0.0, hi = 30.0
    var best = (sigma: 0.0, unsolved: unsolved(sigma: 0, subset: subset))
    if best.unsolved >= targetUnsolved { return best }
    for _ in 0..<iterations {
      let mid = (lo + hi) / 2
      let u = unsolved(sigma: mid, subset: subset)
      if abs(u - targetUnsolved) < abs(best.unsolved - targetUnsolved) { best = (mid, u) }
      if u == targetUnsolved { break }
      if u < targetUnsolved { lo = mid } else { hi = mid }
    }
    return best
  }
}
