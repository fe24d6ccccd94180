import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import LogImport
import Reports
import Routers
import Simulation
import Sweep

struct ReproduceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reproduce",
    abstract: "simulate → import → run → report on the built-in benchmark (this is `make run`).",
    discussion: """
      Every stage is resumable: an existing simulation with the same settings is reused, the import skips
      unchanged files, the sweep skips finished runs. The tables are deterministic; stage timings go to
      OUT/timings.json.
      """)

  @Option(help: "Multiply every dataset's size by this (1 = the paper's 30,540 samples).") var scale: Double = 1
  @Option(help: "Seed of the simulation and of the split.") var seed: UInt64 = 42
  @Option(help: "Where the report goes.") var out: String = "results"
  @Option(help: "Where the simulated VLMEvalKit logs go.") var work: String = "work"
  @Option(help: "The benchmark database (default: matrices/vl-routerbench[-sSCALE].sqlite).") var db: String?
  @Option(help: "Routers and groups to run (see `routerbench routers`).") var routers: String = "all"
  @Option(help: "λ grid.") var lambdas: String = "0,10,100,1000,10000,inf"
  @Option(help: "Seeds for seed-dependent routers.") var seeds: Int = 5
  @Option(help: "Runs in parallel.") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  @Option(help: "Bootstrap resamples for confidence intervals.") var bootstrap: Int = 1000
  @Option(help: "Token counter: cl100k (exact) or approximate.") var tokenizer: TokenizerChoice = .cl100k

  func validate() throws {
    guard scale.isFinite, scale > 0, scale <= 10 else { throw ValidationError("--scale must be in (0, 10]") }
    guard seeds >= 1, jobs >= 1, bootstrap >= 0 else { throw ValidationError("--seeds and --jobs must be ≥ 1, --bootstrap ≥ 0") }
  }

  var scaleTag: String { scale == 1 ? "" : "-s" + Objective.label(scale) }

  func run() async throws {
    let clock = ContinuousClock()
    var stages: [(String, Double)] = []
    func timed<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
      let t0 = clock.now
      let v = try await body()
      let d = clock.now - t0
      stages.append((name, d.seconds))
      return v
    }
    let total = clock.now

    // 1. Simulate (reuse an identical earlier simulation).
    let simDir = URL(fileURLWithPath: work).appendingPathComponent("vl-routerbench\(scaleTag)-seed\(seed)")
    let config = SimulationConfig(scale: scale, seed: seed)
    try await timed("simulate") {
      if let existing = try? Data(contentsOf: simDir.appendingPathComponent("simulation.json")),
         let obj = try? JSONSerialization.jsonObject(with: existing) as? [String: Any],
         (obj["scale"] as? Double) == scale, (obj["seed"] as? NSNumber)?.uint64Value == seed {
        note("[1/4] simulate: reusing \(simDir.path)")
        return
      }
      note("[1/4] simulate: vl-routerbench at scale \(scale), seed \(seed) → \(simDir.path)")
      let sim = simulate(config)
      try write(sim, to: simDir) { note("      " + $0) }
    }

    // 2. Import (idempotent: unchanged files are skipped).
    let dbPath = db ?? "matrices/vl-routerbench\(scaleTag).sqlite"
    let store = try BenchStore(path: dbPath)
    try await timed("import") {
      note("[2/4] import: \(simDir.path) → \(dbPath)")
      let options = ImportOptions(root: simDir, seed: seed, tokenCounter: tokenizer.counter())
      let s = try await Importer(options: options).run(into: store) { event in
        if case .note(let text) = event { note("      " + text) }
      }
      note(String(format: "      %d records (%d new) in %.1f s", s.records, s.recordsImported, s.seconds))
    }

    // 3. Run the sweep (finished runs are skipped).
    let name = URL(fileURLWithPath: dbPath).deletingPathExtension().lastPathComponent
    let benchmark = try store.loadBenchmark(name: name)
    let registry = RouterRegistry.builtIn
    let sweep = SweepConfig(routers: try registry.resolve(routers),
                            lambdas: lambdas.split(separator: ",").compactMap { Objective.parseLambda(String($0)) },
                            seeds: (1...seeds).map(UInt64.init), featureSet: SweepConfig.defaultFeatureSet)
    let plan = sweep.plan()
    let summary = try await timed("run") {
      note("[3/4] run: \(plan.count) runs (\(sweep.routers.map(\.name).joined(separator: ", "))) on \(benchmark.sampleCount) samples × \(benchmark.modelCount) models, \(jobs) in parallel")
      return try await runSweep(
        plan: plan, registry: registry, benchmark: benchmark, features: { try FeatureLoader(store: store).load($0) },
        ledger: StoreLedger(store: store, datasets: benchmark.datasets), jobs: jobs,
        progress: { progressLine("      " + $0.line, final: $0.done == $0.total) })
    }
    for f in summary.failures { note("      FAILED \(f.key): \(f.message)") }

    // 4. Report.
    try await timed("report") {
      note("[4/4] report → \(out)/")
      let report = try StoredReport.load(from: store, name: name, routerOrder: registry.entries.map(\.name),
                                         toolVersion: RouterBench.configuration.version)
      try ReportCommand.writeAll(store: store, report: report, out: out, bootstrap: bootstrap, seed: seed)
    }
    let elapsed = clock.now - total
    let seconds = elapsed.seconds
    var timing: [String: Any] = ["total_seconds": seconds, "runs_planned": plan.count, "runs_resumed": summary.resumed]
    for (k, v) in stages { timing["\(k)_seconds"] = v }
    let data = try JSONSerialization.data(withJSONObject: timing, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: out).appendingPathComponent("timings.json"))
    note("done in \(seconds.durationText): open \(out)/index.html, or read \(out)/README.md")
    if !summary.failures.isEmpty { throw ExitCode(1) }
  }
}
