public import BenchCore
public import BenchStore
internal import Foundation

/// Which stored runs a report shows — one experiment (by default the latest `reproduce` or `run --config`), on the
/// current data, optionally narrowed to some routers and λ values — and what its accuracy counts.
public struct ReportSelection: Sendable, Hashable {
  /// nil: the most recently updated `reproduce`/config experiment, else the most recent one.
  public var experiment: String?
  /// Router kinds or variant names; nil = all.
  public var routers: [String]?
  /// λ values; nil = all. λ-independent routers are always kept.
  public var lambdas: [Lambda]?
  /// What every table, caption and plot counts as accuracy (shown in the provenance).
  public var accuracy: AccuracyRule

  public init(experiment: String? = nil, routers: [String]? = nil, lambdas: [Lambda]? = nil,
              accuracy: AccuracyRule = .correct) {
    self.experiment = experiment
    self.routers = routers
    self.lambdas = lambdas
    self.accuracy = accuracy
  }
}

/// Errors of reading a report's inputs.
public enum ReportError: Error, Sendable, CustomStringConvertible {
  case noExperiment(database: String, known: [String])
  case unknownExperiment(String, known: [String])
  case noRuns(experiment: String, database: String, stale: Int)
  /// `rsvg-convert` failed on a plot.
  case plotConversion(svg: String, status: Int32, message: String)

  public var description: String {
    switch self {
    case .noExperiment(let db, _):
      "\(db) has no experiment yet; run `routerbench run --db \(db)` or `routerbench reproduce` first"
    case .unknownExperiment(let n, let known):
      "no experiment '\(n)'; stored: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
    case .noRuns(let e, let db, let stale):
      "experiment '\(e)' has no finished runs on the current data of \(db)"
        + (stale > 0 ? " (\(stale) runs were computed on earlier data: run the experiment again)" : "")
    case .plotConversion(let svg, let status, let message):
      "rsvg-convert failed on \(svg) (exit \(status)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
    }
  }
}

/// Everything `report` and `leaderboard` need, read from a benchmark database.
public struct StoredReport: Sendable {
  public var input: ReportInput
  public var timings: [RunTiming]
  public var snapshot: BenchmarkSnapshot
  public var runs: [RunListing]
  public var experiment: ExperimentInfo
  /// Runs of the experiment computed on earlier data (left out).
  public var staleRuns: Int
  /// Runs of the experiment that failed on the current data (listed in the provenance, never in the tables).
  public var failedRuns: [RunListing]

  public var benchmark: Benchmark { snapshot.benchmark }
}

extension StoredReport {
  /// When each router's first finished run ended, and its configuration (for the leaderboard).
  public var runProvenance: [String: RunProvenance] {
    Dictionary(runs.filter { $0.status == .done }.map {
      ($0.variant, RunProvenance(finishedAt: $0.finishedAt ?? "", configJSON: $0.configurationJSON))
    }, uniquingKeysWith: { first, _ in first })
  }

  /// Reads the benchmark, the selected experiment's finished runs on the current data, their timings, and the
  /// provenance from `store`. `routerOrder` is the registry order of router kinds (table columns).
  public static func load(from store: BenchStore, selection: ReportSelection, routerOrder: [String]) throws -> StoredReport {
    let snapshot = try store.snapshot()
    let benchmark = snapshot.benchmark
    let name = benchmark.name
    let experiments = try store.experiments()
    let database = store.path ?? "(memory)"
    let chosen: ExperimentInfo
    if let wanted = selection.experiment {
      guard let e = experiments.first(where: { $0.name == wanted }) else {
        throw ReportError.unknownExperiment(wanted, known: experiments.map(\.name))
      }
      chosen = e
    } else {
      guard let e = experiments.first(where: { $0.kind != .cli }) ?? experiments.first else {
        throw ReportError.noExperiment(database: database, known: [])
      }
      chosen = e
    }
    // One read of the run table: the experiment's runs, then those on the current data, then the selected λ.
    let allOfExperiment = try store.fetchRuns(RunFilter(experiment: chosen.name, routers: selection.routers))
    let current = allOfExperiment.filter { $0.benchmarkFingerprint == snapshot.fingerprint }
    let staleRuns = allOfExperiment.count - current.count
    var runs = current
    if let ls = selection.lambdas { runs = runs.filter { $0.lambda == .notApplicable || ls.contains($0.lambda) } }
    var results = try store.fetchResults(of: runs)
    guard !results.isEmpty else { throw ReportError.noRuns(experiment: chosen.name, database: database, stale: staleRuns) }
    // A variant run on several feature keys gets one column per key: "MLP [text+image/gmu]".
    var keysOfVariant: [String: Set<String>] = [:]
    for r in results { keysOfVariant[r.router, default: []].insert(r.featureKey ?? "") }
    for i in results.indices where (keysOfVariant[results[i].router]?.count ?? 0) > 1 {
      results[i].router += " [\(results[i].featureKey ?? "no features")]"
    }
    let timings = runs.filter { $0.status == .done }.compactMap { r -> RunTiming? in
      guard let t = r.trainSeconds, let s = r.routeSeconds, let k = r.routedInputTokens else { return nil }
      return RunTiming(runID: r.id, trainSeconds: t, routeSeconds: s, routedInputTokens: k)
    }
    // The runs' correctness threshold (part of each run's identity; an experiment may set its own): the captions
    // name it, and the single models and the bootstrap count correctness with it.
    let thresholds = runThresholds(runs.filter { $0.status == .done }, default: benchmark.correctThreshold)
    var counted = benchmark
    if thresholds.count == 1 { counted.correctThreshold = thresholds[0] }
    let test = (try? counted.rows(of: .test)) ?? []
    let singles = counted.models.indices.map { m -> OperatingPoint in
      let e = Evaluation(benchmark: counted, rows: test, decisions: Array(repeating: m, count: test.count))
      return OperatingPoint(cost: e.overall.costPer10K, quality: selection.accuracy.accuracy(of: e.overall) * 100,
                            label: counted.models[m].displayName)
    }
    var provenance: [(String, String)] = [("tool", "routerbench \(RouterBenchVersion.current)"), ("database", database)]
    // No update time here: index.html must be byte-identical between runs (the time is in the database).
    provenance.append(("experiment", "\(chosen.name) (\(chosen.kind.rawValue))"))
    provenance.append(("experiment definition", chosen.definitionJSON))
    provenance.append(("accuracy", selection.accuracy.provenance(thresholds: thresholds)))
    if let rs = selection.routers { provenance.append(("routers shown", rs.joined(separator: ", "))) }
    if let ls = selection.lambdas { provenance.append(("λ shown", ls.map(\.label).joined(separator: ", "))) }
    let failed = current.filter { $0.status == .failed }
    for r in failed {
      let lambda = r.lambda.isApplicable ? " λ=\(r.lambda.label)" : ""
      provenance.append(("failed run", "\(r.variant)\(lambda) seed=\(r.seed): \(r.error ?? "unknown error")"))
    }
    if staleRuns > 0 {
      provenance.append(("left out", "\(staleRuns) runs of this experiment computed on earlier data"))
    }
    provenance.append(("benchmark fingerprint", snapshot.fingerprint))
    for (k, v) in try store.allMetadata() { provenance.append((k, v)) }
    let (files, prices) = try store.transaction { tx in (try tx.importedFiles(), try tx.activePriceTable()) }
    if !files.isEmpty {
      // One fingerprint of every imported input: SHA-256 over the sorted "path sha256" lines.
      var h = SHA256()
      for f in files.values.sorted(by: { $0.path < $1.path }) { h.update(Array("\(f.path) \(f.sha256)\n".utf8)) }
      provenance.append(("inputs", "\(files.count) files, sha256 of their hashes \(h.hexDigest())"))
    }
    if let p = prices?.table {
      provenance.append(("price table", [p.name, p.version, p.date, p.source].compactMap { $0 }.joined(separator: ", ")))
    }
    provenance.append(("samples × models", "\(benchmark.sampleCount) × \(benchmark.modelCount)"))
    provenance.append(("splits", SplitName.allCases.map { "\($0.rawValue) \(benchmark.splits[$0]?.count ?? 0)" }.joined(separator: ", ")))
    let b = benchmark.costBounds
    provenance.append(("rank score bounds", String(format: "c_min %.4f (%@), c_max %.4f (%@) USD/10K", b.cmin * 10_000, b.cminModel, b.cmax * 10_000, b.cmaxModel)))
    let input = ReportInput(
      benchmarkName: name, preset: try store.metadata(.preset), simulated: try store.metadata(.simulated) == "true",
      datasets: benchmark.datasets, routerOrder: routerOrder, results: results, bounds: b, singleModels: singles,
      provenance: provenance, accuracy: selection.accuracy, correctThresholds: thresholds)
    return StoredReport(input: input, timings: timings, snapshot: snapshot, runs: runs, experiment: chosen,
                        staleRuns: staleRuns, failedRuns: failed)
  }

  /// Bootstrap intervals over test samples for each main-table row and the paired test against the best single
  /// model on test (by rank score), following ``Bootstrap``'s one procedure: every resample scores **every seed's**
  /// routing of the row's router at its chosen λ (the runs the row's point averages) and averages over the seeds, so
  /// each interval is for the figure printed beside it. A row whose stored decisions do not cover the test split
  /// gets no interval.
  public func bootstrap(main: [MainTableRow], store: BenchStore, resamples: Int, seed: UInt64,
                        level: Double = 0.95) throws -> ReportBootstrap {
    guard resamples > 0, let test = benchmark.splits[.test], !test.isEmpty else { return .none }
    let rs = RankScore(bounds: benchmark.costBounds)
    // Accuracy as the tables count it: correctness at the runs' threshold, or the score itself.
    let threshold = input.correctThresholds.count == 1 ? input.correctThresholds[0] : benchmark.correctThreshold
    let rule = input.accuracy
    func credit(_ i: Int, _ m: Int) -> Double {
      let q = benchmark.quality[i, m]
      return rule == .score ? Double(q) : (q >= threshold ? 1 : 0)
    }
    func arrays(_ models: [Int]) -> (correct: [Double], cost: [Double]) {
      (zip(test, models).map { credit($0, $1) }, zip(test, models).map { benchmark.cost[$0, $1] })
    }
    // The best single model on test by rank score (first index on ties), each model evaluated once.
    let singleScores = benchmark.models.indices.map { m -> Double in
      let a = arrays(Array(repeating: m, count: test.count))
      let n = Double(max(test.count, 1))
      return rs.score(accuracy: a.correct.reduce(0, +) / n, cost: a.cost.reduce(0, +) / n)
    }
    let best = singleScores.indices.max { singleScores[$0] < singleScores[$1] || (singleScores[$0] == singleScores[$1] && $0 > $1) } ?? 0
    let b = arrays(Array(repeating: best, count: test.count))
    let baseline = SeededRouting(correct: b.correct, cost: b.cost)
    var routers: [String] = [], upperBounds: Set<String> = [], methods: [SeededRouting] = []
    rows: for row in main {
      // Exactly the runs `mainTable` averages for this row: its λ, test split, ALL datasets, one per seed.
      let runs = input.results.filter {
        $0.router == row.router && $0.lambda == row.lambda && $0.split == .test && $0.dataset == ResultRow.allDatasets
      }.sorted { $0.seed < $1.seed }
      guard !runs.isEmpty else { continue }
      var correct: [[Double]] = [], cost: [[Double]] = []
      for run in runs {
        // Decisions come back in row order, one per routed row: a run that routed the whole test split has
        // exactly its rows.
        let decisions = try store.fetchDecisions(runID: run.runID, split: .test, in: snapshot)
        guard decisions.map(\.row) == test else { continue rows }
        let a = arrays(decisions.map(\.model))
        correct.append(a.correct)
        cost.append(a.cost)
      }
      routers.append(row.router)
      if row.isUpperBound { upperBounds.insert(row.router) }
      methods.append(SeededRouting(correct: correct, cost: cost))
    }
    let result = Bootstrap.analyse(methods, baseline: baseline, rankScore: rs, resamples: resamples, level: level, seed: seed)
    var intervals: [String: Bootstrap.Result] = [:], pValues: [String: Double] = [:]
    for (k, router) in routers.enumerated() {
      intervals[router] = result.intervals[k]
      if !upperBounds.contains(router) { pValues[router] = result.pValues[k] }
    }
    return ReportBootstrap(intervals: intervals, pValues: pValues, resamples: resamples, level: level,
                           baseline: benchmark.models[best].displayName)
  }
}

/// The distinct correctness thresholds of `runs` (from their identities), sorted; `fallback` when no identity says.
func runThresholds(_ runs: [RunListing], default fallback: Float) -> [Float] {
  var found: Set<Float> = []
  for r in runs {
    guard let json = r.identityJSON, let data = json.data(using: .utf8),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let value = object["correctThreshold"] as? NSNumber else { continue }
    found.insert(value.floatValue)
  }
  return found.isEmpty ? [fallback] : found.sorted()
}
