public import BenchCore
public import BenchStore
internal import Foundation

/// Everything `report` and `leaderboard` need, read from a benchmark database.
public struct StoredReport: Sendable {
  public var input: ReportInput
  public var timings: [RunTiming]
  public var benchmark: Benchmark
  public var runs: [RunListing]
}

extension StoredReport {
  /// When each router's first finished run ended, and its configuration (for the leaderboard).
  public var runProvenance: [String: RunProvenance] {
    Dictionary(runs.filter { $0.status == "done" }.map {
      ($0.router, RunProvenance(finishedAt: $0.finishedAt ?? "", configJSON: $0.configJSON))
    }, uniquingKeysWith: { first, _ in first })
  }

  /// Reads the benchmark, every finished run's results and timings, and the provenance from `store`.
  /// `routerOrder` is the registry order of router names (table columns).
  public static func load(from store: BenchStore, name: String, routerOrder: [String], toolVersion: String) throws -> StoredReport {
    let benchmark = try store.loadBenchmark(name: name)
    let results = try store.fetchResults()
    let runs = try store.fetchRuns()
    let timings = runs.filter { $0.status == "done" }.compactMap { r -> RunTiming? in
      guard let t = r.trainSeconds, let s = r.routeSeconds, let k = r.routedInputTokens else { return nil }
      return RunTiming(runID: r.id, trainSeconds: t, routeSeconds: s, routedInputTokens: k)
    }
    let test = (try? benchmark.rows(of: .test)) ?? []
    let singles = benchmark.models.indices.map { m -> OperatingPoint in
      let e = Evaluation(benchmark: benchmark, rows: test, decisions: Array(repeating: m, count: test.count))
      return OperatingPoint(cost: e.overall.costPer10K, quality: e.overall.accuracyPercent,
                            label: benchmark.models[m].displayName)
    }
    var provenance: [(String, String)] = [("tool", "routerbench \(toolVersion)"), ("database", store.path ?? "(memory)")]
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
      provenance: provenance)
    return StoredReport(input: input, timings: timings, benchmark: benchmark, runs: runs)
  }

  /// Bootstrap intervals over test samples for each main-table router (its first seed's run at the chosen λ),
  /// and the paired test against the best single model on test (by rank score).
  public func bootstrap(main: [MainTableRow], store: BenchStore, resamples: Int, seed: UInt64)
    throws -> (intervals: [String: Bootstrap.Result], pValues: [String: Double])
  {
    guard resamples > 0, let test = benchmark.splits[.test], !test.isEmpty else { return ([:], [:]) }
    let rs = RankScore(bounds: benchmark.costBounds)
    func arrays(_ models: [Int]) -> (correct: [Double], cost: [Double]) {
      (zip(test, models).map { benchmark.isCorrect($0, $1) ? 1 : 0 }, zip(test, models).map { benchmark.cost[$0, $1] })
    }
    // The best single model on test by rank score (first index on ties), each model evaluated once.
    let singleScores = benchmark.models.indices.map { m -> Double in
      let e = Evaluation(benchmark: benchmark, rows: test, decisions: Array(repeating: m, count: test.count)).overall
      return rs.score(accuracy: e.accuracy, cost: e.averageCost)
    }
    let best = singleScores.indices.max { singleScores[$0] < singleScores[$1] || (singleScores[$0] == singleScores[$1] && $0 > $1) } ?? 0
    let baseline = arrays(Array(repeating: best, count: test.count))
    var intervals: [String: Bootstrap.Result] = [:], pValues: [String: Double] = [:]
    for row in main {
      guard let run = input.results.filter({ $0.router == row.router && $0.lambdaLabel == row.lambda && $0.split == .test })
        .min(by: { $0.seed < $1.seed }) else { continue }
      let decisions = try store.fetchDecisions(runID: run.runID, split: .test)
      guard decisions.count == test.count else { continue }
      let a = arrays(decisions.map(\.model))
      intervals[row.router] = Bootstrap.intervals(correct: a.correct, cost: a.cost, rankScore: rs, resamples: resamples, seed: seed)
      if row.router != "Oracle" {
        pValues[row.router] = Bootstrap.pairedPValue(router: a, baseline: baseline, rankScore: rs, resamples: resamples, seed: seed)
      }
    }
    return (intervals, pValues)
  }
}
