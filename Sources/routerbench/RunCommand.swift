import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import LogImport
import Pipeline
import Routers
import Sweep

struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Fit routers on train, route dev and test, and store every run of an experiment (router × λ × seed).",
    discussion: """
      An experiment comes from a file (--config) or from the flags below (experiment 'cli' unless --experiment
      names it). A run is stored under its identity — router configuration, λ, seed, cost scale, threshold,
      features and their content, split, the data's fingerprint and any external file's hash — so a run is reused
      only when nothing that could change its result changed. A killed sweep resumes when run again; --force
      reruns what the experiment asks for.
      Examples:
        routerbench run --config experiments/paper.yaml
        routerbench run --routers baselines,KNN,MLP --lambdas 0,100,inf --seeds 5 --jobs 2
        routerbench run --config experiments/paper.yaml --shard 0/4 --shard-db b.shard-0.sqlite   (one task of a job array)
      --shard i/n runs shard i of the plan split into n shards of about equal estimated cost (the split
      `routerbench slurm` writes job arrays for; docs/slurm.md).
      """)

  @OptionGroup var database: DatabaseOptions
  @Option(help: "An experiment file (YAML): name, routers with hyperparameters, λ grid, seeds, features (see experiments/).")
  var config: String?
  @Option(help: "The experiment's name (default: the file's, or 'cli').")
  var experiment: String?
  @Option(help: "Routers and groups, comma-separated: all, baselines, feature, end-to-end, or names (default: baselines).")
  var routers: String?
  @Option(help: "λ grid, comma-separated; inf = hard cheapest-correct labels (default: 0,10,100,1000,10000,inf).")
  var lambdas: String?
  @Option(help: "Number of seeds (1…N) for seed-dependent routers (default: 5).")
  var seeds: Int?
  @Option(name: .customLong("feature-set"), help: "Feature sets to fuse, '+'-separated (default: text+image; see `routerbench features list`).")
  var featureSet: String?
  @Option(help: "Fusion of two feature sets (App. G.2): concat, normalize_concat, only_text, only_image, or the trainable weighted_average, gmu, mlb (MLP only).")
  var fusion: String?
  @Option(name: .customLong("cost-scale"), help: "λ multiplies cost in USD × this scale (default 100 = USD per 100 samples).")
  var costScale: Double?
  @Option(name: .customLong("external"),
          help: "An external router NAME=FILE (CSV/JSONL of per-sample scores or decisions keyed by sample id); repeatable.")
  var external: [String] = []
  @Option(help: "Runs executed in parallel.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  @Option(help: "Run shard i/n of the cost-balanced plan (0 ≤ i < n), for a cluster job array; combine with `routerbench merge`.")
  var shard: String?
  @Option(name: .customLong("shard-db"),
          help: "With --shard: store the shard's runs in this database (made as a copy of --db when missing) instead of --db.")
  var shardDB: String?
  @Option(name: .customLong("plan-digest"),
          help: "With --shard: refuse to run unless the sharded plan's digest is this (the job script's; see `routerbench slurm`).")
  var planDigest: String?
  @Flag(help: "Rerun the runs this experiment asks for even when they are stored.")
  var force = false
  @Option(name: .customLong("split-from"),
          help: "Train, select and test on the split of these files: a VL-RouterBench release (DIR/SPLITS/) or a folder with train.jsonl, dev.jsonl, test.jsonl ({\"sample_id\": …} per line); stored as split 'release'.")
  var splitFrom: String?

  var usesFlags: Bool {
    routers != nil || lambdas != nil || seeds != nil || featureSet != nil || fusion != nil || costScale != nil || !external.isEmpty
  }

  func validate() throws {
    if config != nil && usesFlags {
      throw ValidationError("--config defines the experiment: drop --routers/--lambdas/--seeds/--feature-set/--fusion/--cost-scale/--external, or drop --config")
    }
    if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    if let lambdas { _ = try parseLambdas(lambdas, option: "--lambdas") }
    if let shard, parseShard(shard) == nil { throw ValidationError(SweepError.invalidShard(shard).description) }
    if shard == nil && (shardDB != nil || planDigest != nil) {
      throw ValidationError("--shard-db and --plan-digest belong to one shard of a plan: give --shard i/n too")
    }
    if let fusion, FusionMethod(parsing: fusion) == nil {
      throw ValidationError("--fusion must be one of \(FusionMethod.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if let costScale, !(costScale.isFinite && costScale >= 0) { throw ValidationError("--cost-scale must be a number ≥ 0") }
    for e in external {
      let p = e.split(separator: "=", maxSplits: 1)
      guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else { throw ValidationError("--external expects NAME=FILE, got '\(e)'") }
    }
  }

  /// The experiment the command describes.
  func makeExperiment() throws -> (Experiment, ExperimentInfo.Kind) {
    if let config {
      var e = try Experiment.load(path: config, registry: .builtIn)
      if let experiment { e.name = experiment }
      return (e, .config)
    }
    var e = Experiment(name: experiment ?? "cli",
                       routers: external.isEmpty || routers != nil ? try Experiment.variants(routers ?? "baselines", registry: .builtIn) : [])
    if let lambdas { e.lambdas = try parseLambdas(lambdas, option: "--lambdas") }
    if let seeds { e.seeds = (1...seeds).map(UInt64.init) }
    if featureSet != nil || fusion != nil {
      e.features = try FeatureKey(parsing: featureSet ?? "text+image", fusion: fusion)
    }
    if let costScale { e.costScale = costScale }
    for x in external {
      let p = x.split(separator: "=", maxSplits: 1).map(String.init)
      guard FileManager.default.fileExists(atPath: p[1]) else { throw CLIError("--external \(p[0]): no file at \(p[1])") }
      e.external.append(ExternalScores(name: p[0], path: p[1]))
    }
    return (e, .cli)
  }

  /// The split `--split-from` stores and the experiment then uses.
  static let releaseSplitName = "release"

  /// Stores the split files of `path` (a release folder or its SPLITS/) as `releaseSplitName`; returns the name.
  func storeSplit(from path: String, in store: BenchStore) throws -> String {
    guard let dir = ReleaseSplitFiles.directory(in: URL(fileURLWithPath: path)) else {
      throw CLIError("--split-from \(path): no train.jsonl there or in \(path)/SPLITS/")
    }
    let s = try ReleaseSplitFiles.store(directory: dir, as: Self.releaseSplitName, in: store)
    let sizes = SplitName.allCases.map { "\($0.rawValue) \(s.sizes[$0] ?? 0)" }.joined(separator: ", ")
    note("==> split '\(Self.releaseSplitName)' from \(dir.path): \(sizes)\(s.changed ? " (stored)" : " (already stored)")")
    if s.ignored > 0 { note("    \(s.ignored) ids of the split files are not samples of this database (ignored)") }
    if s.outside > 0 {
      note("warning: \(s.outside) samples of the database are in no part (e.g. \(s.outsideExamples.joined(separator: ", ")))")
    }
    return Self.releaseSplitName
  }

  func run() async throws {
    let main = try database.open()
    var (experiment, kind) = try makeExperiment()
    if let splitFrom { experiment.split = try storeSplit(from: splitFrom, in: main) }
    var store = main
    if let shardDB {
      store = try Pipeline.openShardDatabase(at: shardDB, copying: main, split: experiment.split)
      note("==> shard database \(shardDB)")
    }
    let interrupt = InterruptReport()
    let summary = try await Pipeline.run(
      experiment, kind: kind, store: store, jobs: jobs, force: force, shard: shard.flatMap(parseShard),
      planDigest: planDigest,
      log: { note("==> " + $0) }, progress: { p in interrupt.update(p); progressLine(p.line, final: p.done == p.total) })
    note("==> \(runCount(summary.ran)) done, \(summary.resumed) already stored (experiment '\(summary.experiment)')")
    for f in summary.failures { note("FAILED \(f.run): \(f.message)") }
    if !summary.failures.isEmpty { throw CLIError("\(runCount(summary.failures.count)) failed (listed above)") }
  }
}
