import BenchCore
import BenchStore
import Foundation
import Pipeline
import Reports
import Routers
import Sweep
import Testing

/// Shards of a job array as `routerbench slurm` runs them — each task on its own shard database made from the
/// main one — and `merge`: same result as one sweep, resume per shard, refusal of differing runs, missing runs
/// reported by identity.
@Suite(.serialized) struct ShardMergeTests {
  func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-shards-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Runs shard i of n of `e` the way an array task does: on its own database, copied from `main` when missing.
  @discardableResult
  func runShard(_ e: Experiment, _ i: Int, of n: Int, main: Bench, at path: String, digest: String? = nil) async throws
    -> Pipeline.RunSummary
  {
    let store = try Pipeline.openShardDatabase(at: path, copying: main.store, split: e.split)
    return try await Pipeline.run(e, kind: .config, store: store, jobs: 1, shard: (i, n), planDigest: digest)
  }

  @Test func shardDatabasesMergeIntoTheSameResultAsOneSweepAndResume() async throws {
    let base = try sharedBench.get()
    let e = try base.experiment("baselines,Linear", name: "shards", lambdas: [.finite(0), .infinity], seeds: [1, 2])
    let whole = try base.copy()
    let one = try await whole.run(e)
    let main = try base.copy(), dir = try scratch()
    // An experiment the main database already holds comes along in every shard's copy, unchanged: merging does
    // not count it among the experiments the shards ran.
    let other = try base.experiment("Cheapest", name: "earlier", lambdas: [.finite(0)], seeds: [1])
    try main.store.registerExperiment(name: other.name, kind: .config, definitionJSON: other.definitionJSON)
    let planned = try Pipeline.plan(e, store: main.store)
    let split = ShardPlan(planned.plan, shards: 3)
    let paths = (0..<3).map { dir.appendingPathComponent("b.shards.shard-\($0)-of-3.sqlite").path }
    for i in 0..<3 {
      let s = try await runShard(e, i, of: 3, main: main, at: paths[i], digest: split.digest)
      #expect(s.planned == split.shards[i].count && s.ran == s.planned && s.failures.isEmpty)
    }
    #expect(try main.store.fetchRuns().isEmpty, "the tasks write only their shard databases")
    var copied = 0, ran = Set<String>()
    for p in paths {
      let m = try main.store.mergeRuns(fromDatabaseAt: p)
      copied += m.copied
      ran.formUnion(m.experiments)
      #expect(m.alreadyStored == 0 && m.failed.isEmpty)
    }
    #expect(copied == one.planned)
    #expect(ran == ["shards"])
    // Merging again copies nothing and finds every run identical.
    let again = try main.store.mergeRuns(fromDatabaseAt: paths[0])
    #expect(again.copied == 0 && again.alreadyStored == split.shards[0].count)
    #expect(try main.reportFiles(.init(experiment: "shards"))["per-dataset.csv"]
            == whole.reportFiles(.init(experiment: "shards"))["per-dataset.csv"])
    #expect(Set(try main.store.fetchRuns(RunFilter(experiment: "shards")).map(\.identityKey))
            == Set(try whole.store.fetchRuns(RunFilter(experiment: "shards")).map(\.identityKey)))
    let check = try Pipeline.missingRuns(e, store: main.store)
    #expect(check.planned == one.planned && check.missing.isEmpty)

    // A re-submitted task skips what its shard database holds; one whose database is gone starts from the
    // merged main database and skips those too.
    let resumed = try await runShard(e, 1, of: 3, main: main, at: paths[1], digest: split.digest)
    #expect(resumed.ran == 0 && resumed.resumed == split.shards[1].count)
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: paths[2] + suffix) }
    let fresh = try await runShard(e, 2, of: 3, main: main, at: paths[2], digest: split.digest)
    #expect(fresh.ran == 0 && fresh.resumed == split.shards[2].count)

    // A task whose plan is not the script's refuses to run.
    await #expect(throws: SweepError.self) { try await runShard(e, 0, of: 3, main: main, at: paths[0], digest: "0ff") }
    await #expect(throws: SweepError.self) {
      try await runShard(e, 0, of: 3, main: main, at: paths[0], digest: ShardPlan(planned.plan, shards: 2).digest)
    }
  }

  @Test func aShardDatabaseOfOtherDataIsRefused() async throws {
    let base = try sharedBench.get(), other = try Bench.make(seed: 43)
    let path = try scratch().appendingPathComponent("old-shard.sqlite").path
    try other.store.backup(to: path)
    do {
      _ = try Pipeline.openShardDatabase(at: path, copying: base.store, split: "default")
      Issue.record("a shard database of other data was accepted")
    } catch let e as SweepError {
      #expect(e.description.contains("holds other benchmark data") && e.description.contains(path))
    }
  }

  /// Two databases, each with the run of `e` (one router, one run) stored, the second's `what` changed.
  func conflicting(_ what: String) async throws -> (Bench, Bench, Experiment) {
    let base = try sharedBench.get()
    let e = try base.experiment("Strongest", name: "conflict", lambdas: [.finite(0)], seeds: [1])
    let a = try base.copy(), b = try base.copy()
    try await a.run(e)
    let planned = try Pipeline.plan(e, store: b.store)
    let spec = try #require(planned.plan.first)
    let outcome = try execute(spec, entry: try planned.registry.entry(named: spec.identity.router),
                              benchmark: planned.snapshot.benchmark, features: nil)
    var run = storedRun(outcome, datasets: planned.snapshot.benchmark.datasets)
    switch what {
    case "results": run.results[0].outcome.correct += 1
    case "decisions": run.decisions[0].model = (run.decisions[0].model + 1) % 3
    case "identity JSON": run.identityJSON = run.identityJSON.replacingOccurrences(of: "\"seed\":1", with: "\"seed\":7")
    default: break
    }
    try b.store.registerExperiment(name: e.name, kind: .config, definitionJSON: e.definitionJSON)
    try b.store.saveRun(run, loadedFrom: planned.snapshot, experiment: e.name)
    // And a run the first database lacks, which a refused merge must not bring in either.
    try await b.run(try base.experiment("Cheapest", name: "extra", lambdas: [.finite(0)], seeds: [1]))
    return (a, b, e)
  }

  @Test(arguments: ["results", "decisions", "identity JSON", "nothing"])
  func mergeRefusesToOverwriteARunWhoseStoredRunDiffers(_ what: String) async throws {
    let (a, b, _) = try await conflicting(what)
    let before = try a.store.fetchRuns().map(\.identityKey)
    if what == "nothing" {
      let m = try a.store.mergeRuns(fromDatabaseAt: b.store.path!)
      #expect(m.alreadyStored == 1 && m.copied == 1)
      return
    }
    do {
      _ = try a.store.mergeRuns(fromDatabaseAt: b.store.path!)
      Issue.record("merged a run whose \(what) differ")
    } catch {
      let e = error
      #expect(e.kind == .conflict)
      #expect(e.description.contains("run Strongest seed=1") && e.description.contains("different \(what)")
              && e.description.contains(b.store.path!), "\(e)")
    }
    #expect(try a.store.fetchRuns().map(\.identityKey) == before, "a refused merge copies nothing")
  }

  @Test func mergeReportsMissingRunsByIdentityAndExitsOne() async throws {
    let base = try sharedBench.get()
    // KNN cannot learn a trainable fusion: its run fails and is stored as failed in its shard.
    var e = try base.experiment("Strongest,Cheapest,KNN", name: "missing", lambdas: [.finite(0)], seeds: [1])
    e.features = FeatureKey(sets: ["text", "image"], fusion: .gmu)
    let main = try base.copy(), dir = try scratch()
    let planned = try Pipeline.plan(e, store: main.store)
    let split = ShardPlan(planned.plan, shards: 3)
    let knnShard = try #require(split.shards.firstIndex { $0.contains { $0.identity.router == "KNN" } })
    let skipped = (0..<3).first { $0 != knnShard }!
    var paths: [String] = []
    for i in 0..<3 where i != skipped {
      let p = dir.appendingPathComponent("shard-\(i).sqlite").path
      try await runShard(e, i, of: 3, main: main, at: p)
      paths.append(p)
    }
    let r = try Binary.run(["merge", "--db", main.store.path!] + paths)
    #expect(r.status == 1, "\(r)")
    let knn = try #require(planned.plan.first { $0.identity.router == "KNN" })
    #expect(r.stderr.contains("experiment 'missing': \(1 + split.shards[skipped].count) of 3 runs missing"), "\(r.stderr)")
    #expect(r.stderr.contains("missing \(knn.title) (identity \(knn.key)): failed in \(paths[knnShard < skipped ? 0 : 1])"
                              + ": features: KNN cannot learn the trainable fusion 'gmu'"), "\(r.stderr)")
    for s in split.shards[skipped] {
      #expect(r.stderr.contains("missing \(s.title) (identity \(s.key)): in none of the merged databases"), "\(r.stderr)")
    }
    #expect(r.stderr.contains("runs missing (listed above); the merged runs are stored"))
    // What was there is merged.
    #expect(try main.store.fetchRuns(RunFilter(status: .done)).count == 3 - 1 - split.shards[skipped].count)
  }
}
