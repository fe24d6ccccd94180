import BenchCore
import BenchStore
import Foundation
import LogImport
import Pipeline
import Reports
import Routers
import Sweep
import Testing

/// The trust issue's wrong answers, each reproduced on a small simulated benchmark.
@Suite(.serialized) struct TrustTests {
  // 1. Stale runs: a changed hyperparameter is a new run, not "already stored".
  @Test func aChangedHyperparameterRunsAgain() async throws {
    let p = try sharedBench.get().copy()
    func knn(_ k: Int) -> Experiment {
      Experiment(name: "knn", routers: [RouterVariant(name: "KNN", kind: "KNN", values: ["k": .int(k)])], seeds: [1])
    }
    #expect(try await p.run(knn(5)).ran == 1)
    let again = try await p.run(knn(5))
    #expect(again.ran == 0 && again.resumed == 1)
    let changed = try await p.run(knn(9))
    #expect(changed.ran == 1 && changed.resumed == 0, "k = 9 must not reuse the k = 5 run")
    // The experiment now holds only the k = 9 run; the k = 5 run stays stored.
    let runs = try p.store.fetchRuns(RunFilter(experiment: "knn"))
    #expect(runs.count == 1 && runs[0].configurationJSON == #"{"k":9}"#)
    #expect(try p.store.fetchRuns(RunFilter(routers: ["KNN"])).count == 2)
    // --force reruns; `runs delete` removes.
    #expect(try await p.run(knn(9), force: true).ran == 1)
    #expect(try p.store.deleteRuns(RunFilter(routers: ["knn"])) == 2)
  }

  // 2. Reports show one experiment, and λ sorts as a number.
  @Test func reportsShowTheirExperimentOnly() async throws {
    let p = try sharedBench.get().copy()
    try await p.run(try p.experiment("Strongest,Linear", name: "paper", lambdas: [.finite(0), .finite(100)], seeds: [1]),
                    kind: .config)
    // An exploratory run afterwards, at λ values the paper experiment never asked for.
    try await p.run(try p.experiment("Linear", name: "cli", lambdas: [.finite(5), .finite(10)], seeds: [1]), kind: .cli)
    let main = try p.report()
    #expect(main.experiment.name == "paper", "the default is the latest config/reproduce experiment")
    #expect(Set(main.input.results.map(\.lambda)) == [.notApplicable, .finite(0), .finite(100)])
    let files = try p.reportFiles()
    #expect(files.keys.filter { $0.hasPrefix("tables/lambda-") }.isEmpty)

    let explore = try p.report(ReportSelection(experiment: "cli"))
    #expect(explore.input.lambdas == [.finite(5), .finite(10)], "5 before 10: numeric, not text order")
    let csv = try p.reportFiles(ReportSelection(experiment: "cli"))["per-dataset.csv"]!
    let lambdas = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
    #expect(lambdas.firstIndex(of: "10")! > lambdas.lastIndex(of: "5")!)
    // Filters narrow a report.
    let linear = try p.report(ReportSelection(experiment: "paper", routers: ["Linear"], lambdas: [.finite(100)]))
    #expect(Set(linear.input.results.map(\.router)) == ["Linear"] && Set(linear.input.results.map(\.lambda)) == [.finite(100)])
    #expect(throws: ReportError.self) { try p.report(ReportSelection(experiment: "nope")) }
  }

  // 4. The Oracle is labelled an upper bound and never ranked.
  @Test func theOracleIsAnUpperBound() async throws {
    let p = try sharedBench.get()
    try await p.run(try p.experiment("Oracle,Strongest", name: "bound", seeds: [1]))
    let r = try p.report(.init(experiment: "bound"))
    let rows = mainTable(r.input, timings: r.timings)
    let oracle = try #require(rows.first { $0.router == "Oracle" })
    #expect(oracle.isUpperBound && oracle.rank == 0)
    #expect(rows.first { $0.router == "Strongest" }?.rank == 1)
    #expect(mainTableText(r.input, rows: rows).markdown.contains("Oracle (upper bound)"))
  }

  // 6. Runs computed on data that changed under them.
  @Test func reimportedDataIsRunAgainAndOldRunsLeaveTheReport() async throws {
    let p = try Bench.make()
    let e = try p.experiment("Strongest,Cheapest", name: "prices", seeds: [1])
    try await p.run(e)
    // Re-import with different prices: costs change, so the data's fingerprint does.
    let sim = p.dir.appendingPathComponent("sim")
    let pricing = sim.appendingPathComponent("pricing.yaml")
    let text = try String(contentsOf: pricing, encoding: .utf8)
    try text.replacingOccurrences(of: "SmolVLM2: {input: 0.06, output: 0.06}", with: "SmolVLM2: {input: 6.0, output: 6.0}")
      .write(to: pricing, atomically: true, encoding: .utf8)
    _ = try await Importer(options: ImportOptions(root: sim, seed: 42)).run(into: p.store) { _ in }
    #expect(throws: ReportError.self, "runs on the old data must not be reported as if current") {
      try p.report(.init(experiment: "prices"))
    }
    let again = try await p.run(e)
    #expect(again.ran == again.planned && again.resumed == 0)
    let r = try p.report(.init(experiment: "prices"))
    #expect(r.staleRuns == 0 && r.input.results.allSatisfy { r.runs.map(\.id).contains($0.runID) })
    #expect(try p.store.fetchRuns().count == 2 * again.planned, "the old runs stay stored, labelled with their data")
  }

  @Test func aRunIsRefusedWhenTheDataChangesBeforeItSaves() async throws {
    let p = try sharedBench.get().copy()
    let snapshot = try p.store.snapshot()
    // A model added by an import between the run's load and its save.
    try await p.store.transaction { tx in _ = try tx.ensureModel(ModelInfo(name: "AAA-new-model", displayName: "new")) }
    let run = RunToSave(identityKey: "k", identityJSON: "{}", router: "Strongest", variant: "Strongest", family: .baseline,
                        isUpperBound: false, lambda: .notApplicable, seed: 1, featureKey: nil, configurationJSON: "{}",
                        costScale: 100, bounds: snapshot.benchmark.costBounds,
                        decisions: [(.test, snapshot.benchmark.splits[.test]![0], 0)])
    do {
      try p.store.saveRun(run, loadedFrom: snapshot, experiment: nil)
      Issue.record("a run computed on data that changed was stored")
    } catch {
      #expect(error.kind == .stale && error.message.contains("changed"))
    }
    #expect(try p.store.fetchRuns().isEmpty)
    // A sweep that notices stops with a clear error, keeping what it stored before.
    let q = try sharedBench.get().copy()
    let e = try q.experiment("baselines", name: "moving", seeds: [1, 2])
    let fresh = try q.store.snapshot()
    let plan = try e.plan(registry: RouterRegistry.builtIn, context: PlanContext(
      fingerprint: fresh.fingerprint, split: "default", correctThreshold: 1, featureHashes: [:]))
    let ledger = ChangingLedger(StoreLedger(store: q.store, snapshot: fresh, experiment: nil))
    await #expect {
      _ = try await runSweep(plan: plan, registry: RouterRegistry.builtIn, benchmark: fresh.benchmark,
                             features: { _ in fatalError() }, ledger: ledger, jobs: 1)
    } throws: { error in
      guard case SweepError.dataChanged(let stored, _) = error else { return false }
      return stored == 1
    }
    #expect(try q.store.fetchRuns().count == 1)
  }

  @Test func decisionsAreStoredAgainstTheSnapshotIDs() async throws {
    let p = try sharedBench.get()
    try await p.run(try p.experiment("Cheapest", name: "ids", seeds: [1]))
    let snapshot = try p.store.snapshot()
    let run = try #require(try p.store.fetchRuns(RunFilter(experiment: "ids")).first)
    let d = try p.store.fetchDecisions(runID: run.id, split: .test, in: snapshot)
    #expect(d.count == snapshot.benchmark.splits[.test]!.count)
    #expect(Set(d.map(\.model)).count == 1)
  }
}

/// Stores the first run, then changes the benchmark's data (as an import would) before the next save.
final class ChangingLedger: RunLedger, @unchecked Sendable {
  let inner: StoreLedger
  var saved = 0
  init(_ inner: StoreLedger) { self.inner = inner }
  func completedKeys() throws -> Set<String> { try inner.completedKeys() }
  func adopt(_ keys: [String]) throws { try inner.adopt(keys) }
  func record(_ o: RunOutcome) throws {
    try inner.record(o)
    saved += 1
    if saved == 1 { try inner.store.setMetadata(.imageTokens, "300") }
  }
  func recordFailure(_ spec: RunSpec, message: String) throws { try inner.recordFailure(spec, message: message) }
}
