/// A percentile confidence interval.
public struct Interval: Sendable, Hashable, Codable {
  public var lower: Double
  public var upper: Double
  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// Whether `value` lies in `[lower − tolerance, upper + tolerance]`.
  public func contains(_ value: Double, tolerance: Double = 0) -> Bool {
    lower - tolerance <= value && value <= upper + tolerance
  }
}

/// The per-sample outcome of one method's routing under each of its seeds, on the same samples in the same order.
///
/// `correct[s][i]` is 1 when seed `s`'s routing answers sample `i` correctly (else 0) and `cost[s][i]` its cost in
/// USD. A λ-independent or seed-independent router has one seed.
public struct SeededRouting: Sendable, Hashable {
  public let correct: [[Double]]
  public let cost: [[Double]]

  public init(correct: [[Double]], cost: [[Double]]) {
    precondition(!correct.isEmpty && correct.count == cost.count, "SeededRouting: one correct and one cost row per seed")
    let n = correct[0].count
    precondition(n > 0 && correct.allSatisfy { $0.count == n } && cost.allSatisfy { $0.count == n },
                 "SeededRouting: every seed routes the same, non-empty set of samples")
    self.correct = correct
    self.cost = cost
  }

  /// One seed.
  public init(correct: [Double], cost: [Double]) { self.init(correct: [correct], cost: [cost]) }

  public var seeds: Int { correct.count }
  public var samples: Int { correct[0].count }
}

/// Accuracy (fraction), average cost (USD per sample) and rank score (in [0, 1]) of a routing, each the **mean over
/// seeds** of the per-seed figure, exactly as the report's point estimates average the per-seed results.
public struct SeedAveragedFigures: Sendable, Hashable {
  public var accuracy: Double
  public var cost: Double
  public var rankScore: Double
  public init(accuracy: Double, cost: Double, rankScore: Double) {
    self.accuracy = accuracy
    self.cost = cost
    self.rankScore = rankScore
  }
}

/// Bootstrap over test samples (Efron & Tibshirani 1993, percentile method).
///
/// The procedure, one for every table that prints an interval:
/// 1. draw `n` test-sample indices with replacement from a `SplitMix64(seed:)` (index = `next() % n`);
/// 2. on that resample, recompute **every seed's** accuracy, average cost and rank score of a method, and average
///    each over the seeds, the same way the point estimate averages the per-seed figures (so the rank-score figure
///    is the mean over seeds of per-seed rank scores, not the rank score of mean accuracy and cost);
/// 3. repeat `B` times; the interval is the (1 − level)/2 and (1 + level)/2 percentiles of the `B` figures, with
///    NumPy's default linear interpolation between order statistics.
///
/// Every method (and the baseline of a paired test) is evaluated on the **same** resamples, so comparisons are
/// paired. Seeded: the same inputs give the same intervals.
public enum Bootstrap {
  public struct Result: Sendable, Hashable {
    public var accuracy: Interval
    public var cost: Interval
    public var rankScore: Interval
    public var resamples: Int
    /// The figures on the full sample, the point the intervals are for.
    public var point: SeedAveragedFigures
  }

  /// The `B` seed-averaged figures of each method: `accuracy[m][b]` is method `m` on resample `b`.
  public struct Replicates: Sendable, Hashable {
    public var accuracy: [[Double]]
    public var cost: [[Double]]
    public var rankScore: [[Double]]
  }

  /// The seed-averaged figures of a routing on the full sample (no resampling).
  public static func figures(_ routing: SeededRouting, rankScore: RankScore) -> SeedAveragedFigures {
    let n = Double(routing.samples), s = Double(routing.seeds)
    var a = 0.0, c = 0.0, r = 0.0
    for k in 0..<routing.seeds {
      let ak = routing.correct[k].reduce(0, +) / n, ck = routing.cost[k].reduce(0, +) / n
      a += ak
      c += ck
      r += rankScore.score(accuracy: ak, cost: ck)
    }
    return SeedAveragedFigures(accuracy: a / s, cost: c / s, rankScore: r / s)
  }

  /// Draws `resamples` resamples of the test samples and returns every method's seed-averaged figures on each.
  ///
  /// All methods must route the same samples. The per-sample values of every (method, seed) are laid out
  /// sample-major, so one pass over a resample's indices accumulates every seed of every method at once.
  ///
  /// - Complexity: O(B · n · Σ seeds).
  public static func replicates(_ methods: [SeededRouting], rankScore: RankScore, resamples: Int,
                                seed: UInt64) -> Replicates {
    precondition(!methods.isEmpty && resamples > 0, "Bootstrap: at least one method and one resample")
    let n = methods[0].samples
    precondition(methods.allSatisfy { $0.samples == n }, "Bootstrap: every method routes the same samples")
    // Columns: for method m with S seeds, S correctness columns then S cost columns, from offset[m].
    var offset: [Int] = []
    var width = 0
    for m in methods {
      offset.append(width)
      width += 2 * m.seeds
    }
    var table = [Double](repeating: 0, count: n * width)
    for (mi, m) in methods.enumerated() {
      for s in 0..<m.seeds {
        for i in 0..<n {
          table[i * width + offset[mi] + s] = m.correct[s][i]
          table[i * width + offset[mi] + m.seeds + s] = m.cost[s][i]
        }
      }
    }
    var out = Replicates(accuracy: methods.map { _ in [] }, cost: methods.map { _ in [] },
                         rankScore: methods.map { _ in [] })
    for m in methods.indices {
      out.accuracy[m].reserveCapacity(resamples)
      out.cost[m].reserveCapacity(resamples)
      out.rankScore[m].reserveCapacity(resamples)
    }
    var g = SplitMix64(seed: seed)
    var sums = [Double](repeating: 0, count: width)
    let dn = Double(n)
    table.withUnsafeBufferPointer { t in
      sums.withUnsafeMutableBufferPointer { acc in
        for _ in 0..<resamples {
          for c in 0..<width { acc[c] = 0 }
          for _ in 0..<n {
            let row = Int(g.next() % UInt64(n)) * width
            for c in 0..<width { acc[c] += t[row + c] }
          }
          for (mi, m) in methods.enumerated() {
            let o = offset[mi], seeds = m.seeds
            var a = 0.0, c = 0.0, r = 0.0
            for s in 0..<seeds {
              let ak = acc[o + s] / dn, ck = acc[o + seeds + s] / dn
              a += ak
              c += ck
              r += rankScore.score(accuracy: ak, cost: ck)
            }
            let ds = Double(seeds)
            out.accuracy[mi].append(a / ds)
            out.cost[mi].append(c / ds)
            out.rankScore[mi].append(r / ds)
          }
        }
      }
    }
    return out
  }

  /// Percentile intervals for every method and, when `baseline` is given, the one-sided paired p-value of
  /// "method's seed-averaged rank score beats the baseline's": the share of resamples where it does not score
  /// strictly higher. Methods and baseline share the resamples.
  public static func analyse(_ methods: [SeededRouting], baseline: SeededRouting? = nil, rankScore: RankScore,
                             resamples: Int, level: Double = 0.95,
                             seed: UInt64) -> (intervals: [Result], pValues: [Double]) {
    let all = methods + (baseline.map { [$0] } ?? [])
    guard !all.isEmpty else { return ([], []) }
    let reps = replicates(all, rankScore: rankScore, resamples: resamples, seed: seed)
    let intervals = methods.indices.map { m in
      Result(accuracy: percentile(reps.accuracy[m], level), cost: percentile(reps.cost[m], level),
             rankScore: percentile(reps.rankScore[m], level), resamples: resamples,
             point: figures(methods[m], rankScore: rankScore))
    }
    guard baseline != nil else { return (intervals, []) }
    let base = reps.rankScore[methods.count]
    let pValues = methods.indices.map { m in
      Double(zip(reps.rankScore[m], base).filter { $0 <= $1 }.count) / Double(resamples)
    }
    return (intervals, pValues)
  }

  /// 95% (by default) percentile intervals for one single-seed routing's accuracy (fraction), average cost
  /// (USD/sample) and rank score, from its per-sample correctness and cost.
  public static func intervals(correct: [Double], cost: [Double], rankScore: RankScore, resamples: Int,
                               level: Double = 0.95, seed: UInt64) -> Result {
    analyse([SeededRouting(correct: correct, cost: cost)], rankScore: rankScore, resamples: resamples,
            level: level, seed: seed).intervals[0]
  }

  /// Paired bootstrap test of "router beats baseline" on rank score for two single-seed routings: both are
  /// resampled with the same indices; the p-value is the share of resamples where the router does not score higher
  /// (one-sided).
  public static func pairedPValue(router: (correct: [Double], cost: [Double]), baseline: (correct: [Double], cost: [Double]),
                                  rankScore: RankScore, resamples: Int, seed: UInt64) -> Double {
    analyse([SeededRouting(correct: router.correct, cost: router.cost)],
            baseline: SeededRouting(correct: baseline.correct, cost: baseline.cost), rankScore: rankScore,
            resamples: resamples, seed: seed).pValues[0]
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
