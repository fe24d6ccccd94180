import BenchCore
import Routers
import Synchronization
import Testing

@testable import Sweep

/// A small random benchmark: 3 datasets × 40 samples × 4 models, split 7:1:2.
func smallBenchmark(seed: UInt64 = 7) -> Benchmark {
  var g = SplitMix64(seed: seed)
  let n = 120, k = 4
  let ds = (0..<3).map { DatasetInfo(name: "D\($0)", displayName: "D\($0)", group: .general, answerType: .multipleChoice) }
  let sampleDataset = (0..<n).map { Int32($0 % 3) }
  let quality = (0..<(n * k)).map { _ in Float(g.nextUnit() < 0.6 ? 1 : 0) }
  let cost = (0..<(n * k)).map { j in 1e-5 * Double(j % k + 1) * (1 + g.nextUnit()) }
  var b = Benchmark(name: "small", datasets: ds, models: (0..<k).map { ModelInfo(name: "m\($0)", displayName: "m\($0)") },
                    sampleIDs: (0..<n).map { "D\($0 % 3)/\($0)" }, sampleDataset: sampleDataset,
                    inputTokens: Array(repeating: 300, count: n),
                    quality: Matrix(rows: n, columns: k, values: quality), cost: Matrix(rows: n, columns: k, values: cost))
  b.splits = StratifiedSplit.make(sampleDataset: sampleDataset, datasetNames: ds.map(\.name), seed: 42)
  return b
}

/// Keeps outcomes in memory; can be told to fail after a number of records (a killed sweep).
final class MemoryLedger: RunLedger {
  struct State { var outcomes: [String: RunOutcome] = [:]; var failures: [String] = []; var recordsLeft = Int.max }
  let state = Mutex(State())
  struct Killed: Error {}
  func completedKeys() throws -> Set<String> { state.withLock { Set($0.outcomes.keys) } }
  func record(_ o: RunOutcome) throws {
    try state.withLock { s in
      guard s.recordsLeft > 0 else { throw Killed() }
      s.recordsLeft -= 1
      s.outcomes[o.spec.key] = o
    }
  }
  func recordFailure(_ spec: RunSpec, message: String) throws { state.withLock { $0.failures.append(spec.key) } }
}

@Suite struct SweepTests {
  let registry = RouterRegistry.builtIn

  @Test func planRunsDeterministicRoutersOnceAndSeededOnesPerSeed() throws {
    let cfg = SweepConfig(routers: try registry.resolve("baselines"), lambdas: [0, 10, .infinity], seeds: [1, 2, 3])
    let plan = cfg.plan()
    // Oracle, Strongest, Cheapest, StrongestPerDataset, BestValuePerDataset once; Random once per seed;
    // none depends on λ.
    #expect(plan.count == 5 + 3)
    #expect(plan.allSatisfy { $0.lambda == nil && $0.lambdaLabel == "-" })
    #expect(Set(plan.map(\.key)).count == plan.count)
  }

  @Test func shardsPartitionThePlan() throws {
    let plan = SweepConfig(routers: try registry.resolve("all"), seeds: [1, 2, 3, 4, 5]).plan()
    let parts = (0..<3).map { shard(plan, index: $0, of: 3) }
    #expect(parts.map(\.count).reduce(0, +) == plan.count)
    #expect(Set(parts.flatMap { $0.map(\.key) }) == Set(plan.map(\.key)))
  }

  @Test func killedSweepResumesWithoutRedoingOrLosingRuns() async throws {
    let b = smallBenchmark()
    let plan = SweepConfig(routers: try registry.resolve("baselines"), seeds: [1, 2, 3]).plan()
    let ledger = MemoryLedger()
    ledger.state.withLock { $0.recordsLeft = 3 }
    await #expect(throws: MemoryLedger.Killed.self) {
      _ = try await runSweep(plan: plan, registry: registry, benchmark: b, features: { _ in fatalError() },
                             ledger: ledger, jobs: 2)
    }
    let afterKill = ledger.state.withLock { $0.outcomes }
    #expect(afterKill.count == 3)
    ledger.state.withLock { $0.recordsLeft = .max }
    let summary = try await runSweep(plan: plan, registry: registry, benchmark: b, features: { _ in fatalError() },
                                     ledger: ledger, jobs: 2)
    #expect(summary.resumed == 3 && summary.ran == plan.count - 3)
    let resumed = ledger.state.withLock { $0.outcomes }
    #expect(resumed.count == plan.count)

    // The same sweep uninterrupted gives identical decisions for every run.
    let fresh = MemoryLedger()
    _ = try await runSweep(plan: plan, registry: registry, benchmark: b, features: { _ in fatalError() },
                           ledger: fresh, jobs: 1)
    let clean = fresh.state.withLock { $0.outcomes }
    for (key, o) in clean {
      #expect(resumed[key]?.decisions[.test]?.models == o.decisions[.test]?.models, "run \(key)")
    }
  }

  @Test func oracleBeatsEveryBaselineAndStrongestIsFitOnTrain() async throws {
    let b = smallBenchmark()
    let ledger = MemoryLedger()
    let plan = SweepConfig(routers: try registry.resolve("Oracle,Strongest,Cheapest"), seeds: [1]).plan()
    _ = try await runSweep(plan: plan, registry: registry, benchmark: b, features: { _ in fatalError() }, ledger: ledger)
    let out = ledger.state.withLock { $0.outcomes }
    func acc(_ r: String) -> Double { out.values.first { $0.spec.router == r }!.evaluations[.test]!.overall.accuracy }
    #expect(acc("Oracle") >= acc("Strongest") && acc("Oracle") >= acc("Cheapest"))
    let train = b.splits[.train]!
    let trainAcc = (0..<4).map { m in train.filter { b.isCorrect($0, m) }.count }
    let strongest = out.values.first { $0.spec.router == "Strongest" }!.decisions[.test]!.models[0]
    #expect(trainAcc[strongest] == trainAcc.max())
  }

  @Test func featureRouterWithoutFeaturesFailsClearly() throws {
    struct NeedsFeatures: Router {
      static let name = "NeedsFeatures"
      static let family = RouterFamily.feature
      static let needsFeatures = true
      static let summary = "test"
      mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) {}
      func scores(for inputs: RoutingInputs) -> Matrix<Float> { Matrix(rows: inputs.rows.count, columns: 4, repeating: 0) }
    }
    let entry = RouterRegistry.Entry(NeedsFeatures.self) { NeedsFeatures() }
    let spec = RunSpec(router: "NeedsFeatures", family: .feature, lambda: nil, seed: 1, featureSet: nil, costScale: 100)
    #expect(throws: SweepError.self) { try execute(spec, entry: entry, benchmark: smallBenchmark(), features: nil) }
  }

  @Test func progressLineShowsCountsAndETA() {
    let p = SweepProgress(done: 5, total: 10, skipped: 1, failed: 0, elapsedSeconds: 8,
                          last: RunSpec(router: "MLP", family: .feature, lambda: 10, seed: 2, featureSet: "f", costScale: 100))
    #expect(p.line.contains("5/10") && p.line.contains("(1 resumed)") && p.line.contains("ETA 0:10") && p.line.contains("MLP λ=10 seed=2"))
  }
}
