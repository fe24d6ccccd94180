import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import Routers
import Sweep

struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Fit routers on train, route dev and test, and store every run (router × λ × seed).",
    discussion: """
      Deterministic routers run once; λ-independent routers once per seed. Finished runs are stored as they end,
      so a killed sweep resumes where it stopped when the same command is run again.
      Examples:
        routerbench run --db matrices/b.sqlite --routers baselines
        routerbench run --db matrices/b.sqlite --routers baselines,KNN,MLP --lambdas 0,100,inf --seeds 5 --jobs 2
        routerbench run --db matrices/b.sqlite --routers all --shard 0/4   (one slice of a job array)
      """)

  @OptionGroup var database: DatabaseOptions
  @Option(help: "Routers and groups, comma-separated: all, baselines, feature, end-to-end, or names (see `routerbench routers`).")
  var routers: String = "baselines"
  @Option(help: "λ grid, comma-separated; inf = hard cheapest-correct labels.")
  var lambdas: String = "0,10,100,1000,10000,inf"
  @Option(help: "Number of seeds (1…N) for seed-dependent routers.")
  var seeds: Int = 5
  @Option(help: "Runs executed in parallel.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  @Option(name: .customLong("feature-set"), help: "Feature sets to fuse, '+'-separated (see `routerbench features list`).")
  var featureSet: String = "text+image"
  @Option(help: "Fixed fusion of two feature sets (App. G.2): concat, normalize_concat, only_text, only_image.")
  var fusion: String = "normalize_concat"
  @Option(name: .customLong("cost-scale"), help: "λ multiplies cost in USD × this scale (100 = USD per 100 samples).")
  var costScale: Double = Objective.defaultCostScale
  @Option(name: .customLong("external"),
          help: "An external router NAME=FILE (CSV/JSONL of per-sample scores or decisions keyed by sample id); repeatable.")
  var external: [String] = []
  @Option(help: "Run one slice i/n of the plan (0 ≤ i < n), for a cluster job array; combine with `routerbench merge`.")
  var shard: String?

  func validate() throws {
    guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    for l in lambdas.split(separator: ",") where Objective.parseLambda(String(l)) == nil {
      throw ValidationError("--lambdas: '\(l)' is not a non-negative number or 'inf'")
    }
    if let shard, parseShard(shard) == nil { throw ValidationError(SweepError.invalidShard(shard).description) }
    guard FeatureLoader.fusions.contains(fusion.replacingOccurrences(of: "-", with: "_")) else {
      throw ValidationError("--fusion must be one of \(FeatureLoader.fusions.joined(separator: ", "))")
    }
    for e in external {
      let p = e.split(separator: "=", maxSplits: 1)
      guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else { throw ValidationError("--external expects NAME=FILE, got '\(e)'") }
      guard FileManager.default.fileExists(atPath: String(p[1])) else { throw ValidationError("--external \(p[0]): no file at \(p[1])") }
    }
  }

  func run() async throws {
    let store = try BenchStore(path: database.db)
    let benchmark = try store.loadBenchmark(name: URL(fileURLWithPath: database.db).deletingPathExtension().lastPathComponent)
    var registry = RouterRegistry.builtIn
    var selected = external.isEmpty || routers != "baselines" ? try registry.resolve(routers) : []
    for e in external {
      let p = e.split(separator: "=", maxSplits: 1).map(String.init)
      registry.registerExternal(name: p[0], path: p[1])
      selected.append(try registry.entry(named: p[0]))
    }
    let config = SweepConfig(
      routers: selected, lambdas: lambdas.split(separator: ",").compactMap { Objective.parseLambda(String($0)) },
      seeds: (1...seeds).map(UInt64.init), featureSet: "\(featureSet)/\(fusion.replacingOccurrences(of: "-", with: "_"))", costScale: costScale)
    var plan = config.plan()
    if let shard, let (i, n) = parseShard(shard) { plan = Sweep.shard(plan, index: i, of: n) }
    note("==> \(plan.count) runs planned (\(config.routers.map(\.name).joined(separator: ", "))) on \(benchmark.sampleCount) samples × \(benchmark.modelCount) models")
    let ledger = StoreLedger(store: store, datasets: benchmark.datasets)
    let summary = try await runSweep(
      plan: plan, registry: registry, benchmark: benchmark,
      features: { key in try FeatureLoader(store: store).load(key) }, ledger: ledger, jobs: jobs,
      progress: { p in progressLine(p.line, final: p.done == p.total) })
    note("==> \(summary.ran) runs done, \(summary.resumed) already stored")
    for f in summary.failures { note("FAILED \(f.key): \(f.message)") }
    if !summary.failures.isEmpty { throw ExitCode(1) }
  }
}

func parseShard(_ s: String) -> (Int, Int)? {
  let p = s.split(separator: "/")
  guard p.count == 2, let i = Int(p[0]), let n = Int(p[1]), n > 0, (0..<n).contains(i) else { return nil }
  return (i, n)
}
