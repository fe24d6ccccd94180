internal import Foundation

/// The accuracy–cost objective a trainable router is fit to.
///
/// `lambda` is VL-RouterBench's λ (Eq. 5): finite values give soft targets
/// t(m) ∝ 1[correct]·exp(−λ·s·C_m); `.infinity` means hard labels on the cheapest correct model
/// (our decision 6, for every soft-label router). `costScale` s is one scale for all routers: by default λ
/// multiplies cost in USD per 100 samples (s = 100), recorded with every result.
public struct Objective: Sendable, Hashable, Codable {
  public var lambda: Double
  public var costScale: Double

  public static let defaultCostScale = 100.0

  public init(lambda: Double, costScale: Double = Objective.defaultCostScale) {
    self.lambda = lambda
    self.costScale = costScale
  }
}

/// Accuracy–cost-aware routing targets (VL-RouterBench Eq. 4–7).
public enum SoftLabels {
  /// The target distribution over K models for one sample.
  ///
  /// - Finite λ: softmax over the correct models of −λ·s·cost, computed in log space (log-sum-exp) so large λ
  ///   never underflows; λ = 0 is uniform over correct models.
  /// - λ = ∞: one-hot on the cheapest correct model (first index on exact ties).
  /// - No correct model: one-hot on the cheapest model overall (first index on ties).
  public static func target(correct: some Collection<Bool>, cost: some Collection<Double>,
                            objective: Objective) -> [Float] {
    let ok = Array(correct), c = Array(cost)
    precondition(ok.count == c.count)
    var out = [Float](repeating: 0, count: c.count)
    guard ok.contains(true) else {
      out[argmin(c, where: { _ in true })] = 1
      return out
    }
    if objective.lambda.isInfinite {
      out[argmin(c, where: { ok[$0] })] = 1
      return out
    }
    let scale = objective.lambda * objective.costScale
    var maxLogit = -Double.infinity
    for j in c.indices where ok[j] { maxLogit = max(maxLogit, -scale * c[j]) }
    var z = 0.0
    var w = [Double](repeating: 0, count: c.count)
    for j in c.indices where ok[j] {
      w[j] = exp(-scale * c[j] - maxLogit)
      z += w[j]
    }
    for j in c.indices where ok[j] { out[j] = Float(w[j] / z) }
    return out
  }

  /// The hard label: cheapest correct model, or nil when no model is correct.
  public static func cheapestCorrect(correct: some Collection<Bool>, cost: some Collection<Double>) -> Int? {
    let ok = Array(correct), c = Array(cost)
    guard ok.contains(true) else { return nil }
    return argmin(c, where: { ok[$0] })
  }

  private static func argmin(_ c: [Double], where keep: (Int) -> Bool) -> Int {
    var best = -1
    for j in c.indices where keep(j) {
      if best < 0 || c[j] < c[best] { best = j }
    }
    return max(best, 0)
  }
}
