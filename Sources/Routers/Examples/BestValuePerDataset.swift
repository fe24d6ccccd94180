public import BenchCore

/// The worked example of docs/adding-a-router.md: per dataset, the single model with the best **rank score** on
/// that dataset's training rows — StrongestPerDataset made cost-aware with the benchmark's own metric.
///
/// It does not depend on λ or the seed, needs no features, and learns in one pass over the training split.
public struct BestValuePerDatasetRouter: PlainRouter {
  public static let name = "BestValuePerDataset"
  public static let family = RouterFamily.baseline
  public static let summary = "Per dataset, the model with the best training rank score (accuracy and cost)."

  /// The chosen model per dataset index.
  public private(set) var choices: [Int] = []

  public init() {}

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    let b = data.benchmark
    let rankScore = RankScore(bounds: data.costBounds)
    // Per dataset and model: correct count and summed cost over the training rows.
    var correct = [[Double]](repeating: [Double](repeating: 0, count: b.modelCount), count: b.datasets.count)
    var cost = correct
    var count = [Int](repeating: 0, count: b.datasets.count)
    for i in data.trainRows {
      let d = Int(b.sampleDataset[i])
      count[d] += 1
      for m in 0..<b.modelCount {
        correct[d][m] += b.isCorrect(i, m) ? 1 : 0
        cost[d][m] += b.cost[i, m]
      }
    }
    guard count.contains(where: { $0 > 0 }) else {
      throw RouterError.noTrainingSignal(router: Self.name, message: "empty training split")
    }
    // A dataset with no training rows uses the totals over all datasets.
    let allCorrect = (0..<b.modelCount).map { m in correct.reduce(0) { $0 + $1[m] } }
    let allCost = (0..<b.modelCount).map { m in cost.reduce(0) { $0 + $1[m] } }
    let total = Double(count.reduce(0, +))
    choices = (0..<b.datasets.count).map { d in
      let n = count[d] > 0 ? Double(count[d]) : total
      let c = count[d] > 0 ? correct[d] : allCorrect, k = count[d] > 0 ? cost[d] : allCost
      let scores = (0..<b.modelCount).map { rankScore.score(accuracy: c[$0] / n, cost: k[$0] / n) }
      return scores.indices.reduce(0) { scores[$1] > scores[$0] ? $1 : $0 }
    }
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard !choices.isEmpty else { throw RouterError.notFitted(Self.name) }
    let b = inputs.samples
    return oneHotScores(inputs.rows.map { choices[Int(b.sampleDataset[$0])] }, models: b.modelCount)
  }
}
