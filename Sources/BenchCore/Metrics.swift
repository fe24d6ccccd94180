internal import Foundation

/// The Rank Score's cost bounds: the lowest and highest **per-model average cost** over all samples
/// (VL-RouterBench Eq. 10; the reference's `cost_bounds.json`). Recorded with every result.
public struct CostBounds: Sendable, Hashable, Codable {
  public var cmin: Double
  public var cmax: Double
  public var cminModel: String
  public var cmaxModel: String

  public init(cmin: Double, cmax: Double, cminModel: String = "", cmaxModel: String = "") {
    self.cmin = cmin
    self.cmax = cmax
    self.cminModel = cminModel
    self.cmaxModel = cmaxModel
  }

  /// Per-model mean of each column; the bounds are the smallest and largest mean (first model wins ties).
  public init(costs: Matrix<Double>, models: [String]) {
    let means = Self.columnMeans(costs)
    var lo = 0, hi = 0
    for j in means.indices {
      if means[j] < means[lo] { lo = j }
      if means[j] > means[hi] { hi = j }
    }
    self.init(cmin: means.isEmpty ? 0 : means[lo], cmax: means.isEmpty ? 0 : means[hi],
              cminModel: models.isEmpty ? "" : models[lo], cmaxModel: models.isEmpty ? "" : models[hi])
  }

  /// Column means of a matrix (per-model average cost).
  public static func columnMeans(_ m: Matrix<Double>) -> [Double] {
    guard m.rows > 0 else { return Array(repeating: 0, count: m.columns) }
    var sums = [Double](repeating: 0, count: m.columns)
    m.values.withUnsafeBufferPointer { v in
      for i in 0..<m.rows {
        let base = i * m.columns
        for j in 0..<m.columns { sums[j] += v[base + j] }
      }
    }
    return sums.map { $0 / Double(m.rows) }
  }
}

/// VL-RouterBench's Rank Score (Eq. 10–11): a weighted harmonic mean of accuracy and log-normalised cheapness.
///
/// With c' = clip(c, cmin, cmax), Ĉ = clip((log₂ cmax − log₂ c') / (log₂ cmax − log₂ cmin + ε), 0, 1),
/// A' = clip(A, 0, 1): S = clip((1 + β)·A'·Ĉ / (β·A' + Ĉ + ε), 0, 1), β = 0.1, ε = 1e-12.
/// A router at or above cmax scores 0; one at or below cmin scores ≈ A.
public struct RankScore: Sendable, Hashable, Codable {
  public var bounds: CostBounds
  public var beta: Double
  public static let epsilon = 1e-12

  public init(bounds: CostBounds, beta: Double = 0.1) {
    self.bounds = bounds
    self.beta = beta
  }

  /// Normalised cheapness Ĉ in [0, 1] of an average cost (USD per sample).
  public func cheapness(cost: Double) -> Double {
    let c = min(max(cost, bounds.cmin), bounds.cmax)
    guard c > 0, bounds.cmin > 0 else { return cost <= bounds.cmin ? 1 : 0 }
    let v = (log2(bounds.cmax) - log2(c)) / (log2(bounds.cmax) - log2(bounds.cmin) + Self.epsilon)
    return min(max(v, 0), 1)
  }

  /// The score in [0, 1] from accuracy (a fraction) and average cost (USD per sample).
  public func score(accuracy: Double, cost: Double) -> Double {
    let a = min(max(accuracy, 0), 1)
    let ch = cheapness(cost: cost)
    let s = (1 + beta) * a * ch / (beta * a + ch + Self.epsilon)
    return min(max(s, 0), 1)
  }
}

/// Accuracy and cost of a set of routing decisions over some rows.
public struct Outcome: Sendable, Hashable, Codable {
  public var samples: Int
  /// Sum of correctness (0/1) over the rows.
  public var correct: Double
  /// Sum of quality scores (partial credit) over the rows.
  public var scoreSum: Double
  /// Sum of USD over the rows.
  public var costSum: Double

  public init(samples: Int = 0, correct: Double = 0, scoreSum: Double = 0, costSum: Double = 0) {
    self.samples = samples
    self.correct = correct
    self.scoreSum = scoreSum
    self.costSum = costSum
  }

  /// Micro-averaged accuracy as a fraction.
  public var accuracy: Double { samples == 0 ? 0 : correct / Double(samples) }
  /// Average cost, USD per sample.
  public var averageCost: Double { samples == 0 ? 0 : costSum / Double(samples) }
  /// Display units of the paper: accuracy in percent.
  public var accuracyPercent: Double { accuracy * 100 }
  /// Display units of the paper: USD per 10,000 samples.
  public var costPer10K: Double { averageCost * 10_000 }

  public static func + (l: Outcome, r: Outcome) -> Outcome {
    Outcome(samples: l.samples + r.samples, correct: l.correct + r.correct, scoreSum: l.scoreSum + r.scoreSum,
            costSum: l.costSum + r.costSum)
  }
}

/// Per-dataset and overall outcomes of one routing (decisions over a split).
public struct Evaluation: Sendable, Hashable {
  /// Outcome per dataset index (datasets with no rows in the split have `samples == 0`).
  public var perDataset: [Outcome]
  /// Sample-weighted total over every row.
  public var overall: Outcome

  /// Evaluates decisions: `decisions[k]` is the model index chosen for `rows[k]`.
  public init(benchmark b: Benchmark, rows: [Int], decisions: [Int]) {
    precondition(rows.count == decisions.count, "one decision per row")
    var per = [Outcome](repeating: Outcome(), count: b.datasets.count)
    for (k, i) in rows.enumerated() {
      let m = decisions[k]
      let d = Int(b.sampleDataset[i])
      let q = b.quality[i, m]
      per[d].samples += 1
      per[d].scoreSum += Double(q)
      per[d].correct += q >= b.correctThreshold ? 1 : 0
      per[d].costSum += b.cost[i, m]
    }
    perDataset = per
    overall = per.reduce(Outcome(), +)
  }
}
