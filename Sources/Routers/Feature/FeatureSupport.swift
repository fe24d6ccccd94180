internal import BenchCore
internal import Learning

// Shared plumbing of the feature-level routers (VL-RouterBench §4.3 "Feature-level Routers"; spec §4.0–4.7).
// Features arrive fused (the run's feature set, `normalize_concat` by default); each router z-scores them with a
// `Standardizer` fitted on training rows.

extension TrainingData {
  /// The feature matrix, or `RouterError.missingFeatures` naming the router.
  func requireFeatures(_ router: String) throws -> Matrix<Float> {
    guard let f = features else { throw RouterError.missingFeatures(router) }
    guard f.rows == benchmark.sampleCount else {
      throw RouterError.invalidHyperparameter(
        router: router, message: "feature matrix has \(f.rows) rows for \(benchmark.sampleCount) samples")
    }
    return f
  }

  /// Training rows on which at least one model is correct (the rows every feature router except OVR's scaler
  /// learns from; spec §4 "rows without a correct model are dropped"). Throws when none is left.
  func rowsWithACorrectModel(_ router: String) throws -> [Int] {
    let b = benchmark
    let kept = trainRows.filter { i in (0..<b.modelCount).contains { b.isCorrect(i, $0) } }
    guard !kept.isEmpty else {
      throw RouterError.noTrainingSignal(router: router, message: "no training row has a correct model")
    }
    return kept
  }

  /// Costs of one row as `[Double]`.
  func costRow(_ i: Int) -> [Double] { (0..<benchmark.modelCount).map { benchmark.cost[i, $0] } }
}

extension RoutingInputs {
  /// The routed rows' features, or `RouterError.missingFeatures`.
  func requireFeatures(_ router: String, width: Int) throws -> Matrix<Float> {
    guard let f = features else { throw RouterError.missingFeatures(router) }
    guard f.columns == width else {
      throw RouterError.invalidHyperparameter(router: router,
                                              message: "features have \(f.columns) columns, the router was fit on \(width)")
    }
    return f
  }
}

/// Rank Score of routing `rows` to `decisions` (the dev-set criterion of early stopping).
func rankScore(_ b: Benchmark, rows: [Int], decisions: [Int], bounds: CostBounds) -> Double {
  let e = Evaluation(benchmark: b, rows: rows, decisions: decisions).overall
  return RankScore(bounds: bounds).score(accuracy: e.accuracy, cost: e.averageCost)
}

