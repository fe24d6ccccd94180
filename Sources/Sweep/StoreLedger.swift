public import BenchCore
public import BenchStore
internal import Foundation
internal import Routers

/// The SQLite-backed ledger: finished runs live in the benchmark's database, so a sweep resumes from it.
public struct StoreLedger: RunLedger {
  public var store: BenchStore
  public var datasets: [DatasetInfo]

  public init(store: BenchStore, datasets: [DatasetInfo]) {
    self.store = store
    self.datasets = datasets
  }

  public func completedKeys() throws -> Set<String> { try store.completedRunKeys() }

  public func record(_ o: RunOutcome) throws {
    try store.saveRun(storedRun(o, datasets: datasets))
  }

  public func recordFailure(_ spec: RunSpec, message: String) throws {
    try store.saveFailedRun(router: spec.displayName, family: spec.family.rawValue, lambda: spec.lambda,
                            lambdaLabel: spec.lambdaLabel, seed: spec.seed, featureSet: spec.featureSet,
                            configKey: spec.key, costScale: spec.costScale, error: message)
  }
}

/// The run's configuration as sorted-key JSON (stored with the run).
func configJSON(_ o: RunOutcome) -> String {
  var c = o.configuration
  c["router"] = o.spec.router
  c["lambda"] = o.spec.lambdaLabel
  c["seed"] = String(o.spec.seed)
  c["costScale"] = Objective.label(o.spec.costScale)
  if let f = o.spec.featureSet { c["featureSet"] = f }
  let enc = JSONEncoder()
  enc.outputFormatting = [.sortedKeys]
  return (try? enc.encode(c)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
}

/// Turns an outcome into what the store keeps: decisions and per-dataset results of dev and test.
public func storedRun(_ o: RunOutcome, datasets: [DatasetInfo]) -> StoredRun {
  let rs = RankScore(bounds: o.bounds)
  var decisions: [(split: SplitName, row: Int, model: Int)] = []
  var results: [ResultRow] = []
  for split in [SplitName.dev, .test] {
    if let d = o.decisions[split] {
      for (r, m) in zip(d.rows, d.models) { decisions.append((split, r, m)) }
    }
    if let e = o.evaluations[split] {
      results += e.resultRows(runID: 0, router: o.spec.displayName, family: o.spec.family.rawValue,
                              lambdaLabel: o.spec.lambdaLabel, seed: o.spec.seed, split: split, datasets: datasets,
                              rankScore: rs)
    }
  }
  return StoredRun(router: o.spec.displayName, family: o.spec.family.rawValue, lambda: o.spec.lambda,
                   lambdaLabel: o.spec.lambdaLabel, seed: o.spec.seed, featureSet: o.spec.featureSet,
                   configJSON: configJSON(o), configKey: o.spec.key, costScale: o.spec.costScale, bounds: o.bounds,
                   trainSeconds: o.trainSeconds, routeSeconds: o.routeSeconds,
                   routedInputTokens: o.routedInputTokens, decisions: decisions, results: results)
}
