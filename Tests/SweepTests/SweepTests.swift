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
  func adopt(_ keys: [String]) throws {}
  func record(_ o: RunOutcome) throws {
    try state.withLock { s in
      guard s.recordsLeft > 0 else { throw Killed() }
      s.recordsLeft -= 1
      s.outcomes[o.spec.key] = o
    }
  }
  func recordFailure(_ spec: RunSpec, message: String) throws { state.withLock { $0.failures.append(spec.key) } }
}

/// The plan context of `smallBenchmark` (no feature sets).
let smallContext = PlanContext(fingerprint: "fp-small", split: "default", correctThreshold: 1, featureHashes: ["text": "t", "image": "i", "patches": "p"])

func plan(_ routers: String, lambdas: [Lambda] = [.finite(0), .finite(10), .infinity], seeds: [UInt64] = [1, 2, 3],
          context: PlanContext = smallContext) throws -> [RunSpec] {
  try Experiment(name: "t", routers: Experiment.variants(routers, registry: .builtIn), lambdas: lambdas, seeds: seeds)
    .plan(registry: .builtIn, context: context)
}

@Suite struct SweepTests {
  let registry = RouterRegistry.builtIn

  @Test func planRunsDeterministicRoutersOnceAndSeededOnesPerSeed() throws {
    let p = try plan("baselines")
    // Oracle, Strongest, Cheapest, StrongestPerDataset, BestValuePerDataset once; Random once per seed;
    // none depends on λ.
    #expect(p.count == 5 + 3)
    #expect(p.allSatisfy { $0.identity.lambda == .notApplicable && $0.identity.lambda.label == "-" })
    #expect(Set(p.map(\.key)).count == p.count)
    #expect(p.first { $0.identity.router == "Oracle" }?.isUpperBound == true)
    #expect(p.filter(\.isUpperBound).count == 1)
  }

  @Test func killedSweepResumesWithoutRedoingOrLosingRuns() async throws {
    let b = smallBenchmark()
    let p = try plan("baselines")
    let ledger = MemoryLedger()
    ledger.state.withLock { $0.recordsLeft = 3 }
    await #expect(throws: MemoryLedger.Killed.self) {
      _ = try await runSweep(plan: p, registry: registry, benchmark: b, features: { _ in fatalError() },
                             ledger: ledger, jobs: 2)
    }
    let afterKill = ledger.state.withLock { $0.outcomes }
    #expect(afterKill.count == 3)
    ledger.state.withLock { $0.recordsLeft = .max }
    let summary = try await runSweep(plan: p, registry: registry, benchmark: b, features: { _ in fatalError() },
                                     ledger: ledger, jobs: 2)
    #expect(summary.resumed == 3 && summary.ran == p.count - 3)
    let resumed = ledger.state.withLock { $0.outcomes }
    #expect(resumed.count == p.count)

    // The same sweep uninterrupted gives identical decisions for every run.
    let fresh = MemoryLedger()
    _ = try await runSweep(plan: p, registry: registry, benchmark: b, features: { _ in fatalError() },
                           ledger: fresh, jobs: 1)
    let clean = fresh.state.withLock { $0.outcomes }
    for (key, o) in clean {
      #expect(resumed[key]?.decisions[.test]?.models == o.decisions[.test]?.models, "run \(key)")
    }
    // --force reruns what is stored.
    let forced = try await runSweep(plan: p, registry: registry, benchmark: b, features: { _ in fatalError() },
                                    ledger: fresh, jobs: 1, force: true)
    #expect(forced.resumed == 0 && forced.ran == p.count)
  }

  @Test func oracleBeatsEveryBaselineAndStrongestIsFitOnTrain() async throws {
    let b = smallBenchmark()
    let ledger = MemoryLedger()
    _ = try await runSweep(plan: try plan("Oracle,Strongest,Cheapest", seeds: [1]), registry: registry, benchmark: b,
                           features: { _ in fatalError() }, ledger: ledger)
    let out = ledger.state.withLock { $0.outcomes }
    func acc(_ r: String) -> Double { out.values.first { $0.spec.identity.router == r }!.evaluations[.test]!.overall.accuracy }
    #expect(acc("Oracle") >= acc("Strongest") && acc("Oracle") >= acc("Cheapest"))
    let train = b.splits[.train]!
    let trainAcc = (0..<4).map { m in train.filter { b.isCorrect($0, m) }.count }
    let strongest = out.values.first { $0.spec.identity.router == "Strongest" }!.decisions[.test]!.models[0]
    #expect(trainAcc[strongest] == trainAcc.max())
  }

  @Test func featureRouterWithoutFeaturesFailsClearly() throws {
    let spec = try plan("KNN", seeds: [1])[0]
    #expect(throws: SweepError.self) {
      try execute(spec, entry: try registry.entry(named: "KNN"), benchmark: smallBenchmark(), features: nil)
    }
  }

  @Test func progressLineShowsCountsAndETA() throws {
    let mlp = try plan("MLP", lambdas: [.finite(10)], seeds: [2])[0]
    let p = SweepProgress(done: 5, total: 10, skipped: 1, failed: 0, elapsedSeconds: 8, last: mlp)
    #expect(p.line.contains("5/10") && p.line.contains("(1 resumed)") && p.line.contains("ETA 0:10") && p.line.contains("MLP λ=10 seed=2"))
  }
}
