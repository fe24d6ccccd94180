internal import BenchCore
public import BenchStore
public import Routers
public import Sweep
public import Foundation
internal import LogImport
internal import Reports
internal import Simulation

/// The simulate → import → run → report pipeline as one library function: `reproduce`, `run --config` and
/// the end-to-end tests all go through here, so there is one way an experiment is run.
public enum Pipeline {
  /// What running an experiment did.
  public struct RunSummary: Sendable {
    public var experiment: String
    public var planned: Int
    public var resumed: Int
    public var ran: Int
    public var failures: [(run: String, message: String)]
  }

  /// An experiment's whole plan on the data in `store`, with the snapshot it was made on and the registry (the
  /// experiment's external routers added). Every router's hyperparameters are checked here.
  public struct Planned: Sendable {
    public var plan: [RunSpec]
    public var snapshot: BenchmarkSnapshot
    public var registry: RouterRegistry
  }

  /// Whether some router of `experiment` reads the prompt text (an end-to-end router's `TextRequest`): only then
  /// are the prompts read and hashed for the run identities.
  static func readsPromptText(_ experiment: Experiment, _ registry: RouterRegistry) throws -> Bool {
    try experiment.routers.contains { v in try registry.entry(named: v.kind).make(v.values, v.name).textRequest != nil }
  }

  /// Plans `experiment` on the benchmark in `store` (its split must be stored).
  public static func plan(_ experiment: Experiment, store: BenchStore, registry base: RouterRegistry = .builtIn)
    throws -> Planned
  {
    let snapshot = try store.snapshot(split: experiment.split)
    guard snapshot.benchmark.splits[.test]?.isEmpty == false else {
      throw SweepError.invalidExperiment(
        source: experiment.name,
        message: "the database has no stored split '\(experiment.split)' (import stores 'default'; see `routerbench info`)")
    }
    let registry = try experiment.registry(base) { path in try sha256(ofFile: path) }
    let context = PlanContext(fingerprint: snapshot.fingerprint, split: experiment.split,
                              correctThreshold: snapshot.benchmark.correctThreshold,
                              featureHashes: try store.featureSetHashes(),
                              promptsSHA256: try readsPromptText(experiment, registry)
                                ? PlanContext.promptsFingerprint(try store.samplePrompts().map { ($0.sampleID, $0.prompt) })
                                : nil)
    return Planned(plan: try experiment.plan(registry: registry, context: context), snapshot: snapshot,
                   registry: registry)
  }

  /// Runs an experiment on the benchmark in `store`: plans every run (checking every router's hyperparameters
  /// first), records the experiment, skips runs whose identity is already stored (unless `force`), runs the rest
  /// with `jobs` in parallel, and adds every run to the experiment.
  ///
  /// - Parameters:
  ///   - shard: `(i, n)` runs shard i of the n cost-balanced shards of the plan (`ShardPlan`; a job array).
  ///   - planDigest: with `shard`, refuse to run unless the sharded plan's digest is this (the one the job script
  ///     was written for), so every task of an array runs the same split.
  public static func run(
    _ experiment: Experiment, kind: ExperimentInfo.Kind, store: BenchStore, registry base: RouterRegistry = .builtIn,
    jobs: Int, force: Bool = false, shard slice: (index: Int, count: Int)? = nil, planDigest: String? = nil,
    costs: RunCostModel = .builtIn,
    log: @escaping @Sendable (String) -> Void = { _ in },
    progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }
  ) async throws -> RunSummary {
    let planned = try plan(experiment, store: store, registry: base)
    let snapshot = planned.snapshot, registry = planned.registry
    var plan = planned.plan
    if let slice {
      let shards = ShardPlan(plan, shards: slice.count, costs: costs)
      if let planDigest, planDigest != shards.digest {
        throw SweepError.planChanged(shard: "\(slice.index)/\(slice.count)", expected: planDigest, actual: shards.digest)
      }
      plan = shards.shards[slice.index]
      log("shard \(slice.index)/\(slice.count): \(plan.count) of the plan's \(planned.plan.count) runs, "
          + String(format: "estimated %.1f s of the %.1f s total", shards.estimatedSeconds[slice.index],
                   shards.estimatedSeconds.reduce(0, +)) + " (plan digest \(shards.digest.prefix(12))…)")
    }
    try store.registerExperiment(name: experiment.name, kind: kind, definitionJSON: experiment.definitionJSON,
                                 fingerprint: snapshot.fingerprint)
    let b = snapshot.benchmark
    let names = experiment.routers.map(\.name) + experiment.external.map(\.name)
    log("\(plan.count == 1 ? "1 run" : "\(plan.count) runs") planned for experiment '\(experiment.name)' (\(names.joined(separator: ", "))) on "
        + "\(b.sampleCount) samples × \(b.modelCount) models, \(jobs) in parallel")
    let summary = try await runSweep(
      plan: plan, registry: registry, benchmark: b,
      features: { key in LoadedFeatures(views: try key.sets.map { try store.loadFeatures(name: $0) }, key: key) },
      text: { request in
        try TextTokenProvider.tokens(request, store: store, sampleIDs: b.sampleIDs,
                                     threads: ProcessInfo.processInfo.activeProcessorCount, log: log)
      },
      ledger: StoreLedger(store: store, snapshot: snapshot, experiment: experiment.name), jobs: jobs, force: force,
      progress: progress)
    return RunSummary(experiment: experiment.name, planned: summary.planned, resumed: summary.resumed,
                      ran: summary.ran, failures: summary.failures)
  }

  /// The database a shard task writes (`run --shard-db`): opened when it exists, else made as a copy of `main`
  /// (written to a temporary name and renamed, so a killed copy leaves nothing behind). Every task of a job array
  /// writes its own file, so no two processes on different nodes write one SQLite file (SQLite's locks are not
  /// reliable on network file systems); `routerbench merge` combines them.
  ///
  /// An existing shard database must hold the same benchmark data as `main` (same fingerprint of `split`): one
  /// made before the main database was re-imported is refused, naming both, rather than mixed in.
  public static func openShardDatabase(at path: String, copying main: BenchStore, split: String) throws -> BenchStore {
    let fm = FileManager.default
    if fm.fileExists(atPath: path) {
      let shard = try BenchStore(path: path)
      let mine = try shard.snapshot(split: split).fingerprint, theirs = try main.snapshot(split: split).fingerprint
      guard mine == theirs else {
        throw SweepError.shardDatabase(
          path: path,
          message: "it holds other benchmark data than \(main.path ?? "the main database") (fingerprint \(mine.prefix(12))… "
            + "vs \(theirs.prefix(12))…): it was made before the main database changed; merge what it holds with "
            + "`routerbench merge`, or delete it, and run the shard again")
      }
      return shard
    }
    let partial = path + ".partial"
    for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: partial + suffix) }
    do {
      try fm.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw SweepError.shardDatabase(path: path, message: "cannot create its folder: \(error.localizedDescription)")
    }
    try main.backup(to: partial)
    do {
      try fm.moveItem(atPath: partial, toPath: path)
    } catch {
      throw SweepError.shardDatabase(path: path, message: "cannot rename \(partial) into place: \(error.localizedDescription)")
    }
    return try BenchStore(path: path)
  }

  /// How many runs `experiment`'s plan on the data in `store` has, and those `store` does not hold as finished.
  public static func missingRuns(_ experiment: Experiment, store: BenchStore, registry: RouterRegistry = .builtIn)
    throws -> (planned: Int, missing: [RunSpec])
  {
    let done = try store.completedRunKeys()
    let plan = try plan(experiment, store: store, registry: registry).plan
    return (plan.count, plan.filter { !done.contains($0.key) })
  }

  /// SHA-256 of a file's bytes, streamed.
  public static func sha256(ofFile path: String) throws -> String {
    guard let h = FileHandle(forReadingAtPath: path) else {
      throw SweepError.invalidExperiment(source: path, message: "cannot read the file")
    }
    defer { try? h.close() }
    var sha = SHA256()
    while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty {
      chunk.withUnsafeBytes { sha.update($0) }
    }
    return sha.hexDigest()
  }
}

// MARK: - reproduce

extension Pipeline {
  /// What `reproduce` does: simulate the preset, import it, run an experiment, write the report.
  public struct ReproduceOptions: Sendable {
    public var scale: Double
    public var seed: UInt64
    public var out: URL
    public var work: URL
    /// The database; nil = `matrices/vl-routerbench[-sSCALE].sqlite`.
    public var database: String?
    public var experiment: Experiment
    public var jobs: Int
    public var bootstrap: Int
    /// Exact cl100k counts (true) or the approximate counter.
    public var exactTokens: Bool

    public init(scale: Double = 1, seed: UInt64 = 42, out: URL, work: URL, database: String? = nil,
                experiment: Experiment = .builtInDefault, jobs: Int, bootstrap: Int = 1000, exactTokens: Bool = true) {
      self.scale = scale
      self.seed = seed
      self.out = out
      self.work = work
      self.database = database
      self.experiment = experiment
      self.jobs = jobs
      self.bootstrap = bootstrap
      self.exactTokens = exactTokens
    }

    var scaleTag: String { scale == 1 ? "" : "-s" + shortNumber(scale) }
    public var databasePath: String { database ?? "matrices/vl-routerbench\(scaleTag).sqlite" }
  }

  /// Measured stage times of a reproduce (they go to timings.json, never into tables).
  public struct ReproduceSummary: Sendable {
    public var run: RunSummary
    public var stageSeconds: [(stage: String, seconds: Double)]
    public var totalSeconds: Double
  }

  /// simulate → import → run → report; every stage resumes (an identical simulation is reused, the import skips
  /// unchanged files, the sweep skips stored runs).
  public static func reproduce(_ o: ReproduceOptions, log: @escaping @Sendable (String) -> Void,
                               progress: @escaping @Sendable (SweepProgress) -> Void) async throws -> ReproduceSummary {
    let clock = ContinuousClock()
    let start = clock.now
    var stages: [(String, Double)] = []

    // 1. Simulate (reuse an identical earlier simulation).
    var t = clock.now
    let simDir = o.work.appendingPathComponent("vl-routerbench\(o.scaleTag)-seed\(o.seed)")
    let config = SimulationConfig(scale: o.scale, seed: o.seed)
    if isSimulation(config, writtenAt: simDir) {
      log("[1/4] simulate: reusing \(simDir.path)")
    } else {
      log("[1/4] simulate: vl-routerbench at scale \(o.scale), seed \(o.seed) → \(simDir.path)")
      try write(simulate(config), to: simDir) { log("      " + $0) }
    }
    stages.append(("simulate", (clock.now - t).seconds))

    // 2. Import (idempotent: unchanged files are skipped).
    t = clock.now
    let dbPath = o.databasePath
    let store = try BenchStore(path: dbPath)
    log("[2/4] import: \(simDir.path) → \(dbPath)")
    let counter: any TokenCounter = o.exactTokens ? try CL100KTokenizer() : ApproximateTokenCounter()
    let options = ImportOptions(root: simDir, seed: o.seed, tokenCounter: counter)
    let s = try await Importer(options: options).run(into: store) { event in
      if case .note(let text) = event { log("      " + text) }
    }
    log(String(format: "      %d records (%d new) in %.1f s", s.records, s.recordsImported, s.seconds))
    stages.append(("import", (clock.now - t).seconds))

    // 3. Run the experiment (stored runs are skipped).
    t = clock.now
    log("[3/4] run:")
    let run = try await Pipeline.run(o.experiment, kind: .reproduce, store: store, jobs: o.jobs,
                                     log: { log("      " + $0) }, progress: progress)
    for f in run.failures { log("      FAILED \(f.run): \(f.message)") }
    stages.append(("run", (clock.now - t).seconds))

    // 4. Report.
    t = clock.now
    log("[4/4] report → \(o.out.path)/")
    let report = try StoredReport.load(from: store, selection: ReportSelection(experiment: o.experiment.name),
                                       routerOrder: RouterRegistry.builtIn.entries.map(\.name))
    for n in try writeFullReport(report, store: store, to: o.out, bootstrap: o.bootstrap, seed: o.seed) { log("      " + n) }
    stages.append(("report", (clock.now - t).seconds))
    let total = (clock.now - start).seconds
    try writeTimingsJSON(to: o.out, stages: stages, total: total, planned: run.planned, resumed: run.resumed)
    return ReproduceSummary(run: run, stageSeconds: stages, totalSeconds: total)
  }
}

/// Whether `dir` holds a finished simulation with the same scale and seed (its `simulation.json` is written last).
func isSimulation(_ c: SimulationConfig, writtenAt dir: URL) -> Bool {
  guard let data = try? Data(contentsOf: dir.appendingPathComponent("simulation.json")),
        let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
  return (obj["scale"] as? Double) == c.scale && (obj["seed"] as? NSNumber)?.uint64Value == c.seed
}

extension Experiment {
  /// The default experiment (`make run`, `reproduce`): every built-in router, the paper's λ grid, five seeds, the
  /// paper's features; the four end-to-end routers with one seed and the smaller budget
  /// `endToEndDefaultBudget` (docs/end-to-end.md). `experiments/default.yaml` is the same experiment as a file
  /// (a test checks they agree).
  public static var builtInDefault: Experiment {
    let entries = RouterRegistry.builtIn.entries
    return Experiment(
      name: "default",
      routers: entries.filter { $0.family != .endToEnd }.map { RouterVariant(name: $0.name, kind: $0.name) }
        + entries.filter { $0.family == .endToEnd }.map {
          RouterVariant(name: $0.name, kind: $0.name, values: endToEndDefaultBudget, seedCount: 1)
        })
  }

  /// The default experiment's end-to-end budget, so `make run` stays within ten minutes: MiniLM's embedding block
  /// instead of its six layers for the text vectors, a seeded subsample of the training rows, fewer epochs.
  /// `experiments/paper.yaml` runs the full protocol.
  public static let endToEndDefaultBudget: [String: ConfigValue] = [
    "text_input": .string("minilm-l6-embeddings"), "max_train_rows": .int(4000), "max_epochs": .int(3),
  ]
}
