/// One stored result: a run's outcome on one dataset (or "ALL") of one split. What reports are made of.
public struct ResultRow: Sendable, Hashable {
  public static let allDatasets = "ALL"

  public var runID: Int64
  /// The name tables show: the run's variant name ("MLP", "MLP-paper").
  public var router: String
  public var family: RouterFamily
  public var lambda: Lambda
  public var seed: UInt64
  public var split: SplitName
  /// Dataset name (VLMEvalKit key), or `ResultRow.allDatasets` for the sample-weighted total.
  public var dataset: String
  public var outcome: Outcome
  public var rankScore: Double
  /// The run read the routed rows' labels (the Oracle): an upper bound, never ranked.
  public var isUpperBound: Bool
  /// The run's features (`FeatureKey.label`), nil for routers without features.
  public var featureKey: String?

  public init(runID: Int64, router: String, family: RouterFamily, lambda: Lambda, seed: UInt64, split: SplitName,
              dataset: String, outcome: Outcome, rankScore: Double, isUpperBound: Bool = false,
              featureKey: String? = nil) {
    self.runID = runID
    self.router = router
    self.family = family
    self.lambda = lambda
    self.seed = seed
    self.split = split
    self.dataset = dataset
    self.outcome = outcome
    self.rankScore = rankScore
    self.isUpperBound = isUpperBound
    self.featureKey = featureKey
  }

  /// "0", "10", …, "inf", or "-" for routers that do not depend on λ (for tables).
  public var lambdaLabel: String { lambda.label }
}

extension Evaluation {
  /// Result rows for every dataset with samples in the split, then the "ALL" row.
  public func resultRows(runID: Int64, router: String, family: RouterFamily, lambda: Lambda, seed: UInt64,
                         split: SplitName, datasets: [DatasetInfo], rankScore: RankScore) -> [ResultRow] {
    var rows: [ResultRow] = []
    for (d, o) in perDataset.enumerated() where o.samples > 0 {
      rows.append(ResultRow(runID: runID, router: router, family: family, lambda: lambda, seed: seed,
                            split: split, dataset: datasets[d].name, outcome: o,
                            rankScore: rankScore.score(accuracy: o.accuracy, cost: o.averageCost)))
    }
    rows.append(ResultRow(runID: runID, router: router, family: family, lambda: lambda, seed: seed,
                          split: split, dataset: ResultRow.allDatasets, outcome: overall,
                          rankScore: rankScore.score(accuracy: overall.accuracy, cost: overall.averageCost)))
    return rows
  }
}
