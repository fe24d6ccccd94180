import BenchCore
import BenchStore
import Foundation
import LogImport
import Pipeline
import Reports
import Routers
import Simulation
import Sweep
import Testing

/// A small simulated benchmark in a database, through the same library calls the CLI makes.
struct Bench {
  let dir: URL
  let store: BenchStore

  static func make(scale: Double = 0.01, seed: UInt64 = 42) throws -> Bench {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-e2e-\(UUID().uuidString)")
    let sim = simulate(SimulationConfig(scale: scale, seed: seed))
    try write(sim, to: dir.appendingPathComponent("sim"))
    let store = try BenchStore(path: dir.appendingPathComponent("b.sqlite").path)
    _ = try Importer(options: ImportOptions(root: dir.appendingPathComponent("sim"), seed: seed)).run(into: store) { _ in }
    return Bench(dir: dir, store: store)
  }

  /// A copy of this benchmark's data without any run (another machine's database of the same benchmark).
  func copy() throws -> Bench {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("b.sqlite").path
    try store.backup(to: path)
    let copy = try BenchStore(path: path)
    try copy.deleteRuns(RunFilter())
    for e in try copy.experiments() { try copy.deleteExperiment(e.name) }
    return Bench(dir: dir, store: copy)
  }

  func experiment(_ routers: String, name: String = "t", lambdas: [Lambda] = [.finite(0), .finite(100), .infinity],
                  seeds: [UInt64] = [1, 2]) throws -> Experiment {
    Experiment(name: name, routers: try Experiment.variants(routers, registry: .builtIn), lambdas: lambdas, seeds: seeds)
  }

  @discardableResult
  func run(_ e: Experiment, kind: ExperimentInfo.Kind = .config, jobs: Int = 2, force: Bool = false) async throws
    -> Pipeline.RunSummary
  {
    try await Pipeline.run(e, kind: kind, store: store, jobs: jobs, force: force)
  }

  func report(_ selection: ReportSelection = ReportSelection()) throws -> StoredReport {
    try StoredReport.load(from: store, selection: selection, routerOrder: RouterRegistry.builtIn.entries.map(\.name))
  }

  func reportFiles(_ selection: ReportSelection = ReportSelection()) throws -> [String: String] {
    let r = try report(selection)
    return Dictionary(uniqueKeysWithValues: Reports.reportFiles(r.input, timings: r.timings).map { ($0.path, $0.contents) })
  }
}

/// One small simulated benchmark shared by the suites that only read it or write runs of their own experiments.
let sharedBench = Result { try Bench.make() }

/// A ledger that stores into the database but dies after `limit` runs, like a killed process.
final class DyingLedger: RunLedger, @unchecked Sendable {
  let inner: StoreLedger
  var left: Int
  struct Killed: Error {}
  init(_ inner: StoreLedger, limit: Int) { self.inner = inner; left = limit }
  func completedKeys() throws -> Set<String> { try inner.completedKeys() }
  func adopt(_ keys: [String]) throws { try inner.adopt(keys) }
  func record(_ o: RunOutcome) throws {
    guard left > 0 else { throw Killed() }
    left -= 1
    try inner.record(o)
  }
  func recordFailure(_ spec: RunSpec, message: String) throws { try inner.recordFailure(spec, message: message) }
}

@Suite(.serialized) struct PipelineTests {
  @Test func sameInputsAndSeedGiveByteIdenticalTables() async throws {
    let a = try sharedBench.get(), b = try a.copy()
    let e = try a.experiment("baselines,KNN,Linear", name: "determinism")
    try await a.run(e, jobs: 2)
    try await b.run(e, jobs: 1)
    let fa = try a.reportFiles(.init(experiment: "determinism")), fb = try b.reportFiles(.init(experiment: "determinism"))
    // index.html lists each database's own path; everything else but the timings is byte-identical.
    for path in fa.keys.sorted() where path != "timings.csv" && path != "index.html" {
      #expect(fa[path] == fb[path], "\(path) differs between two identical pipelines")
    }
    #expect(fa["per-dataset.csv"]!.hasPrefix("lambda,router,seed,dataset,group,samples,accuracy_pct,cost_usd_per_10k,rank_score\n"))
    #expect(fa["tables/A1.md"]!.contains("| Average | All Datasets | Avg. Acc. ↑ |"))
    #expect(fa["per-dataset.csv"]!.contains("\ninf,Linear,2,ALL,All,"))
  }

  @Test func killedSweepResumesFromTheDatabase() async throws {
    let p = try sharedBench.get().copy()
    let e = try p.experiment("baselines", name: "resume")
    let snapshot = try p.store.snapshot()
    let context = PlanContext(fingerprint: snapshot.fingerprint, split: "default",
                              correctThreshold: snapshot.benchmark.correctThreshold, featureHashes: try p.store.featureSetHashes())
    let plan = try e.plan(registry: .builtIn, context: context)
    try p.store.registerExperiment(name: e.name, kind: .config, definitionJSON: e.definitionJSON)
    let ledger = StoreLedger(store: p.store, snapshot: snapshot, experiment: e.name)
    await #expect(throws: DyingLedger.Killed.self) {
      _ = try await runSweep(plan: plan, registry: .builtIn, benchmark: snapshot.benchmark, features: { _ in fatalError() },
                             ledger: DyingLedger(ledger, limit: 3), jobs: 2)
    }
    #expect(try p.store.completedRunKeys().count == 3)
    let s = try await p.run(e)
    #expect(s.resumed == 3 && s.ran == s.planned - 3)
    #expect(try p.store.fetchRuns(RunFilter(experiment: "resume", status: .done)).count == s.planned)

    // Identical to an uninterrupted sweep.
    let q = try sharedBench.get().copy()
    try await q.run(e)
    #expect(try p.reportFiles(.init(experiment: "resume"))["per-dataset.csv"] == q.reportFiles(.init(experiment: "resume"))["per-dataset.csv"])
  }

  @Test func storedDecisionsReproduceStoredResults() async throws {
    let p = try sharedBench.get()
    try await p.run(try p.experiment("Strongest,Oracle", name: "decisions"))
    let snapshot = try p.store.snapshot()
    let results = try p.store.fetchResults(RunFilter(experiment: "decisions"))
    for run in try p.store.fetchRuns(RunFilter(experiment: "decisions")) {
      let d = try p.store.fetchDecisions(runID: run.id, split: .test, in: snapshot)
      let e = Evaluation(benchmark: snapshot.benchmark, rows: d.map(\.row), decisions: d.map(\.model))
      let all = try #require(results.first { $0.runID == run.id && $0.split == .test && $0.dataset == ResultRow.allDatasets })
      #expect(all.outcome == e.overall)
    }
  }
}

@Suite struct TrainableFusionTests {
  @Test func mlpLearnsAGMUFusionFromTheFeatureKeyAndOthersRefuse() async throws {
    let p = try sharedBench.get()
    var e = try p.experiment("MLP,KNN", name: "gmu", lambdas: [.finite(10)], seeds: [1])
    e.features = FeatureKey(sets: ["text", "image"], fusion: .gmu)
    let s = try await p.run(e)
    #expect(s.failures.count == 1 && s.failures[0].message.contains("KNN cannot learn the trainable fusion 'gmu'"))
    let mlp = try #require(try p.store.fetchRuns(RunFilter(experiment: "gmu", status: .done)).first)
    // Kind, variant and feature key live in separate columns: the table shows `MLP`.
    #expect(mlp.router == "MLP" && mlp.variant == "MLP" && mlp.featureKey == "text+image/gmu")
    let report = try p.report(.init(experiment: "gmu"))
    #expect(report.input.results.allSatisfy { $0.router == "MLP" })
    // The failed run is listed with the report, not silently left out.
    #expect(report.failedRuns.map(\.variant) == ["KNN"])
    #expect(report.input.provenance.contains { $0.0 == "failed run" && $0.1.hasPrefix("KNN seed=1: ") })
  }
}
