public import BenchCore
public import BenchStore
internal import Foundation

/// The SQLite-backed ledger: finished runs live in the benchmark's database, so a sweep resumes from it. Every
/// run is saved against the snapshot it was computed on and added to the experiment.
public struct StoreLedger: RunLedger {
  public var store: BenchStore
  public var snapshot: BenchmarkSnapshot
  /// The experiment runs are added to (nil: none).
  public var experiment: String?

  public init(store: BenchStore, snapshot: BenchmarkSnapshot, experiment: String?) {
    self.store = store
    self.snapshot = snapshot
    self.experiment = experiment
  }

  public func completedKeys() throws -> Set<String> { try store.completedRunKeys() }

  public func adopt(_ keys: [String]) throws {
    if let experiment { try store.addRuns(identityKeys: keys, to: experiment) }
  }

  public func record(_ o: RunOutcome) throws {
    try store.saveRun(storedRun(o, datasets: snapshot.benchmark.datasets), loadedFrom: snapshot, experiment: experiment)
  }

  public func recordFailure(_ spec: RunSpec, message: String) throws {
    try store.saveRun(runToSave(spec, configurationJSON: "{}", bounds: snapshot.benchmark.costBounds, error: message),
                      loadedFrom: snapshot, experiment: experiment)
  }
}

func runToSave(_ spec: RunSpec, configurationJSON: String, bounds: CostBounds, error: String? = nil) -> RunToSave {
  let id = spec.identity
  return RunToSave(identityKey: spec.key, identityJSON: id.canonicalJSON, router: id.router, variant: id.variant,
                   family: spec.family, isUpperBound: spec.isUpperBound, lambda: id.lambda, seed: id.seed,
                   featureKey: id.features, configurationJSON: configurationJSON, costScale: id.costScale,
                   bounds: bounds, error: error)
}

/// Turns an outcome into what the store keeps: decisions and per-dataset results of dev and test.
public func storedRun(_ o: RunOutcome, datasets: [DatasetInfo]) -> RunToSave {
  let rs = RankScore(bounds: o.bounds)
  var run = runToSave(o.spec, configurationJSON: o.configurationJSON, bounds: o.bounds)
  for split in [SplitName.dev, .test] {
    if let d = o.decisions[split] {
      for (r, m) in zip(d.rows, d.models) { run.decisions.append((split, r, m)) }
    }
    if let e = o.evaluations[split] {
      run.results += e.resultRows(runID: 0, router: o.spec.identity.variant, family: o.spec.family,
                                  lambda: o.spec.identity.lambda, seed: o.spec.identity.seed, split: split,
                                  datasets: datasets, rankScore: rs)
    }
  }
  run.trainSeconds = o.trainSeconds
  run.routeSeconds = o.routeSeconds
  run.routedInputTokens = o.routedInputTokens
  run.fitReportJSON = o.fitReportJSON
  return run
}
