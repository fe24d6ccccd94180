/// A percentile confidence interval.
public struct Interval: Sendable, Hashable, Codable {
  public var lower: Double
  public var upper: Double
  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }
}

/// Bootstrap over test samples (Efron & Tibshirani 1993): resample the routed samples with replacement and
/// recompute accuracy, cost and rank score. Seeded, so the same inputs give the same intervals.
public enum Bootstrap {
  public struct Result: Sendable, Hashable {
    public var accuracy: Interval
    public var cost: Interval
    public var rankScore: Interval
    public var resamples: Int
  }

  /// 95% (by default) percentile intervals for a routing's accuracy (fraction), average cost (USD/sample) and
  /// rank score, from its per-sample correctness and cost.
  public static func intervals(correct: [Double], cost: [Double], rankScore: RankScore, resamples: Int,
                               level: Double = 0.95, seed: UInt64) -> Result {
    precondition(correct.count == cost.count && !correct.isEmpty && resamples > 0)
    let n = correct.count
    var g = SplitMix64(seed: seed)
    var accs = [Double](), costs = [Double](), scores = [Double]()
    accs.reserveCapacity(resamples)
    for _ in 0..<resamples {
      var a = 0.0, c = 0.0
      for _ in 0..<n {
        let i = Int(g.next() % UInt64(n))
        a += correct[i]
        c += cost[i]
      }
      a /= Double(n)
      c /= Double(n)
      accs.append(a)
      costs.append(c)
      scores.append(rankScore.score(accuracy: a, cost: c))
    }
    return Result(accuracy: percentile(accs, level), cost: percentile(costs, level),
                  rankScore: percentile(scores, level), resamples: resamples)
  }

  /// Paired bootstrap test of "router beats baseline" on rank score: both routings are resampled with the same
  /// indices; the p-value is the share of resamples where the router does not score higher (one-sided).
  public static func pairedPValue(router: (correct: [Double], cost: [Double]), baseline: (correct: [Double], cost: [Double]),
                                  rankScore: RankScore, resamples: Int, seed: UInt64) -> Double {
    let n = router.correct.count
    precondition(n > 0 && baseline.correct.count == n && resamples > 0)
    var g = SplitMix64(seed: seed)
    var notBetter = 0
    for _ in 0..<resamples {
      var ra = 0.0, rc = 0.0, ba = 0.0, bc = 0.0
      for _ in 0..<n {
        let i = Int(g.next() % UInt64(n))
        ra += router.correct[i]
        rc += router.cost[i]
        ba += baseline.correct[i]
        bc += baseline.cost[i]
      }
      let d = Double(n)
      if rankScore.score(accuracy: ra / d, cost: rc / d) <= rankScore.score(accuracy: ba / d, cost: bc / d) {
        notBetter += 1
      }
    }
    return Double(notBetter) / Double(resamples)
  }

  /// Percentile interval with linear interpolation between order statistics (NumPy's default rule).
  public static func percentile(_ values: [Double], _ level: Double) -> Interval {
    let s = values.sorted()
    func q(_ p: Double) -> Double {
      let h = p * Double(s.count - 1)
      let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
      return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
    let tail = (1 - level) / 2
    return Interval(lower: q(tail), upper: q(1 - tail))
  }
}
