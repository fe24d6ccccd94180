import BenchCore
import BenchStore
import Foundation
import LogImport
import Reports
import Routers
import Simulation
import Sweep
import Testing

/// simulate → import → run → report on a small simulated benchmark, through the same library calls the CLI makes.
struct Pipeline {
  let dir: URL
  let store: BenchStore
  let benchmark: Benchmark

  static func make(scale: Double = 0.01, seed: UInt64 = 42) throws -> Pipeline {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-e2e-\(UUID().uuidString)")
    let sim = simulate(SimulationConfig(scale: scale, seed: seed))
    try write(sim, to: dir.appendingPathComponent("sim"))
    let store = try BenchStore(path: dir.appendingPathComponent("b.sqlite").path)
    _ = try Importer(options: ImportOptions(root: dir.appendingPathComponent("sim"), seed: seed)).run(into: store) { _ in }
    return Pipeline(dir: dir, store: store, benchmark: try store.loadBenchmark(name: "b"))
  }

  func sweep(_ routers: String, seeds: [UInt64] = [1, 2], jobs: Int = 2, ledger: (any RunLedger)? = nil) async throws -> SweepSummary {
    let reg = RouterRegistry.builtIn
    let plan = SweepConfig(routers: try reg.resolve(routers), lambdas: [0, 100, .infinity], seeds: seeds,
                           featureSet: "text+image/normalize_concat").plan()
    let l = ledger ?? StoreLedger(store: store, datasets: benchmark.datasets)
    return try await runSweep(plan: plan, registry: reg, benchmark: benchmark,
                              features: { [store] in try FeatureLoader(store: store).load($0) }, ledger: l, jobs: jobs)
  }

  func reportFiles() throws -> [String: String] {
    let r = try StoredReport.load(from: store, name: "b", routerOrder: RouterRegistry.builtIn.entries.map(\.name), toolVersion: "test")
    return Dictionary(uniqueKeysWithValues: Reports.reportFiles(r.input, timings: r.timings).map { ($0.path, $0.contents) })
  }
}

/// A ledger that stores into the database but dies after `limit` runs, like a killed process.
final class DyingLedger: RunLedger, @unchecked Sendable {
  let inner: StoreLedger
  var left: Int
  struct Killed: Error {}
  init(_ inner: StoreLedger, limit: Int) { self.inner = inner; left = limit }
  func completedKeys() throws -> Set<String> { try inner.completedKeys() }
  func record(_ o: RunOutcome) throws {
    guard left > 0 else { throw Killed() }
    left -= 1
    try inner.record(o)
  }
  func recordFailure(_ spec: RunSpec, message: String) throws { try inner.recordFailure(spec, message: message) }
}

@Suite(.serialized) struct PipelineTests {
  @Test func sameInputsAndSeedGiveByteIdenticalTables() async throws {
    let a = try Pipeline.make(), b = try Pipeline.make()
    _ = try await a.sweep("baselines,KNN,Linear", jobs: 2)
    _ = try await b.sweep("baselines,KNN,Linear", jobs: 1)
    let fa = try a.reportFiles(), fb = try b.reportFiles()
    for path in fa.keys.sorted() where path != "timings.csv" && path != "main-table.csv" && path != "index.html" {
      #expect(fa[path] == fb[path], "\(path) differs between two identical pipelines")
    }
    #expect(fa["per-dataset.csv"]!.hasPrefix("lambda,router,seed,dataset,group,samples,accuracy_pct,cost_usd_per_10k,rank_score\n"))
    #expect(fa["tables/A1.md"]!.contains("| Average | All Datasets | Avg. Acc. ↑ |"))
    #expect(fa["per-dataset.csv"]!.contains("\ninf,Linear,2,ALL,All,"))
  }

  @Test func killedSweepResumesFromTheDatabase() async throws {
    let p = try Pipeline.make()
    let ledger = StoreLedger(store: p.store, datasets: p.benchmark.datasets)
    await #expect(throws: DyingLedger.Killed.self) { _ = try await p.sweep("baselines", ledger: DyingLedger(ledger, limit: 3)) }
    #expect(try p.store.completedRunKeys().count == 3)
    let s = try await p.sweep("baselines")
    #expect(s.resumed == 3 && s.ran == s.planned - 3)
    #expect(try p.store.fetchRuns().filter { $0.status == "done" }.count == s.planned)

    // Identical to an uninterrupted sweep.
    let q = try Pipeline.make()
    _ = try await q.sweep("baselines")
    #expect(try p.reportFiles()["per-dataset.csv"] == q.reportFiles()["per-dataset.csv"])
  }

  @Test func shardsMergeIntoTheSameResultAsOneSweep() async throws {
    let whole = try Pipeline.make()
    _ = try await whole.sweep("baselines")
    let reg = RouterRegistry.builtIn
    let plan = SweepConfig(routers: try reg.resolve("baselines"), lambdas: [0, 100, .infinity], seeds: [1, 2]).plan()
    var shardPaths: [String] = []
    for i in 0..<2 {
      let s = try Pipeline.make()
      _ = try await runSweep(plan: shard(plan, index: i, of: 2), registry: reg, benchmark: s.benchmark,
                             features: { _ in throw SweepError.invalidShard("no features") },
                             ledger: StoreLedger(store: s.store, datasets: s.benchmark.datasets))
      shardPaths.append(s.store.path!)
    }
    let merged = try Pipeline.make()
    var copied = 0
    for path in shardPaths { copied += try merged.store.mergeRuns(fromDatabaseAt: path) }
    #expect(copied == plan.count)
    #expect(try merged.store.mergeRuns(fromDatabaseAt: shardPaths[0]) == 0)
    #expect(try merged.reportFiles()["per-dataset.csv"] == whole.reportFiles()["per-dataset.csv"])
    #expect(throws: StoreError.self) { try merged.store.mergeRuns(fromDatabaseAt: "/nonexistent/x.sqlite") }
  }

  @Test func storedDecisionsReproduceStoredResults() async throws {
    let p = try Pipeline.make()
    _ = try await p.sweep("Strongest,Oracle")
    let results = try p.store.fetchResults()
    for run in try p.store.fetchRuns() {
      let d = try p.store.fetchDecisions(runID: run.id, split: .test)
      let e = Evaluation(benchmark: p.benchmark, rows: d.map(\.row), decisions: d.map(\.model))
      let all = try #require(results.first { $0.runID == run.id && $0.split == .test && $0.dataset == ResultRow.allDatasets })
      #expect(all.outcome == e.overall)
    }
  }
}
