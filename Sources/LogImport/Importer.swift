public import BenchCore
public import BenchStore
public import Foundation
internal import VLRouterBenchPreset
#if canImport(Glibc)
internal import Glibc
#endif

/// What to do when some model lacks some samples (the stored matrix must be complete).
public enum MissingPolicy: String, Sendable, CaseIterable {
  /// Fail, naming the model, dataset, count and a few missing sample keys (the default).
  case refuse
  /// Drop samples that some model lacks.
  case dropSample = "drop-sample"
  /// Drop models that lack some sample.
  case dropModel = "drop-model"
}

/// What to do with a (model, dataset) group that cannot be read or scored (`--on-error`).
public enum GroupErrorPolicy: String, Sendable, CaseIterable {
  /// Refuse the whole import (the default): the database is unchanged.
  case refuse
  /// Skip the group (its stored records, if any, are deleted — never left stale), import the rest, and list the
  /// group with its reason. The matrix must still be complete: `--missing` decides about the hole.
  case skip
}

/// Options of one import (`routerbench import`).
public struct ImportOptions: Sendable {
  /// The directory given on the command line: a root holding `work_dir/` (and by default `LMUData/`,
  /// `pricing.yaml`, `features/`, `simulation.json` beside it), or a VLMEvalKit work directory itself.
  public var root: URL
  /// Price table; default `ROOT/pricing.yaml`. Without one, only models of `catalog` are priced (by the
  /// catalog); any other model is an error that names every unpriced model.
  public var pricing: URL?
  /// Dataset TSVs `<dataset>.tsv`; default `ROOT/LMUData`. Without one, samples come from prediction files.
  public var lmuData: URL?
  /// `.npy` feature files (with `sample_ids.txt` beside them); default `ROOT/features/*.npy`.
  public var features: [URL]
  public var missing: MissingPolicy
  /// Seed of the default split stored when none is.
  public var seed: UInt64
  /// A record is correct when its score is at least this.
  public var correctThreshold: Float
  /// Input tokens per image.
  public var imageTokens: Int
  public var tokenCounter: any TokenCounter
  public var rules: DatasetRules
  public var readers: TableReaders
  /// The datasets the importer recognises in file names (with their display names and groups), the models' display
  /// names, and the prices it may use for the catalog's own models when no pricing file is given or found.
  /// Default: the VL-RouterBench preset (`VLRouterBench.shared.catalog`); `BenchmarkCatalog.empty` recognises
  /// nothing and prices nothing.
  public var catalog: BenchmarkCatalog
  /// The default `catalog`: the VL-RouterBench preset's (the datasets `routerbench import` recognises by default).
  public static var defaultCatalog: BenchmarkCatalog { VLRouterBench.shared.catalog }
  /// `--vqa-period-rule`: the TextVQA period rule for every run (default: by the run's era).
  public var vqaPeriodRule: VQAPeriodRule?
  /// `--on-error`: refuse the import (default) or skip the (model, dataset) groups that cannot be read or scored.
  public var onError: GroupErrorPolicy = .refuse

  public init(root: URL, pricing: URL? = nil, lmuData: URL? = nil, features: [URL] = [],
              missing: MissingPolicy = .refuse, seed: UInt64 = 42, correctThreshold: Float = 1.0,
              imageTokens: Int = 256, tokenCounter: any TokenCounter = ApproximateTokenCounter(),
              rules: DatasetRules = .standard, readers: TableReaders = .standard,
              catalog: BenchmarkCatalog = ImportOptions.defaultCatalog, vqaPeriodRule: VQAPeriodRule? = nil) {
    self.vqaPeriodRule = vqaPeriodRule
    self.root = root
    self.pricing = pricing
    self.lmuData = lmuData
    self.features = features
    self.missing = missing
    self.seed = seed
    self.correctThreshold = correctThreshold
    self.imageTokens = imageTokens
    self.tokenCounter = tokenCounter
    self.rules = rules
    self.readers = readers
    self.catalog = catalog
  }
}

/// Progress reported while importing.
public enum ImportEvent: Sendable {
  /// One (model, dataset) file group was read (`skipped`: its files were imported before and are unchanged).
  case group(index: Int, total: Int, model: String, dataset: String, records: Int, skipped: Bool)
  case note(String)
}

/// A (model, dataset) group an import did not import, or whose stored records it deleted, and why.
public struct GroupProblem: Sendable, Hashable, CustomStringConvertible {
  public var model: String
  public var dataset: String
  /// Why: the error that made the group unreadable, or what happened to its files.
  public var reason: String
  /// Records of the group that were stored before this import and are now deleted (0 for a new group).
  public var deletedRecords: Int
  public var description: String {
    "\(model) × \(dataset): \(reason)" + (deletedRecords > 0 ? " (\(deletedRecords) stored records deleted)" : "")
  }
}

/// How one imported (model, dataset) group was read, for the import report.
public struct GroupReport: Sendable, Hashable {
  public var model: String
  public var dataset: String
  public var records: Int
  /// The VLMEvalKit era the rules were chosen for, and the evidence (`RunEra.Decision`).
  public var era: String
  /// The scoring rule applied (e.g. "`hit` of `_<judge>_result`", "recomputed: exact matching").
  public var rule: String
  /// The cross-check against VLMEvalKit's aggregates in one phrase ("exact", "differs by …", "no aggregate").
  public var crossCheck: String
  /// Stored records this import replaced (the group's previous import), 0 for a new group.
  public var replacedRecords: Int
}

/// What an import did.
public struct ImportSummary: Sendable {
  /// In the store after the import.
  public var datasets = 0, models = 0, samples = 0, records = 0
  /// Records read and written by this import.
  public var recordsImported = 0
  public var filesRead = 0
  public var groupsSkipped = 0
  public var droppedSamples: [String] = []
  public var droppedModels: [String] = []
  public var splitStored = false
  public var featureSets: [String] = []
  public var seconds = 0.0
  public var warnings: [String] = []
  /// Informational lines (ignored caches, which rerun was read, recomputations).
  public var notes: [String] = []
  /// Agreement of imported scores with VLMEvalKit's stored aggregates, per (model, dataset) and aggregate file.
  public var crossChecks: [CrossCheck] = []
  /// (model, dataset, indices) whose prediction is "Failed to obtain answer via API".
  public var failedAPI: [(model: String, dataset: String, indices: [String])] = []
  /// Records whose output tokens are a per-task estimate (no prediction).
  public var estimatedRecords = 0
  /// How each (model, dataset) was scored.
  public var scoring: [(model: String, dataset: String, how: String)] = []
  /// Per imported (model, dataset): era, rule, cross-check, replaced records.
  public var groups: [GroupReport] = []
  /// Groups skipped under `--on-error skip`, with the reason.
  public var skippedGroups: [GroupProblem] = []
  /// Groups imported before whose files this import no longer finds or cannot read: their records are deleted
  /// (never left stale) and `--missing` decides about the hole.
  public var vanishedGroups: [GroupProblem] = []
  /// The token counter used.
  public var tokenCounter = ""
  /// Wall time per import phase, in order (scan, datasets, groups, records, completeness, split, features, …).
  public var phases: [(name: String, seconds: Double)] = []
  /// CPU seconds of the whole process (all threads) during the import, and per phase (same order as `phases`,
  /// without the final commit).
  public var cpuSeconds = 0.0
  /// Seconds the writer spent waiting for parsers (part of the pipelined phase).
  public var writerWaitSeconds = 0.0
  public var phaseCPUSeconds: [Double] = []
  public var recordsPerSecond: Double { seconds > 0 ? Double(recordsImported) / seconds : 0 }
}

/// Imports VLMEvalKit-style logs into a `BenchStore` — atomically (one transaction) and idempotently (files
/// already imported with the same SHA-256 are skipped). See docs/importing.md.
///
/// Files are parsed in parallel (one task per file group, as many at once as there are cores), then everything
/// is written in one transaction.
public struct Importer: Sendable {
  public var options: ImportOptions

  public init(options: ImportOptions) { self.options = options }

  /// Shadow names VLMEvalKit files may carry: known, so that the longest-name match never reads them as a
  /// suffix of a VL-RouterBench dataset, but not imported.
  static let shadowDatasets = ["MathVerse_MINI_Vision_Only", "MathVerse_MINI_Vision_Dominant",
                               "MathVerse_MINI_Vision_Intensive", "MathVerse_MINI_Text_Lite",
                               "MathVerse_MINI_Text_Dominant", "MMBench_DEV_EN", "MMBench_TEST_EN_V11"]

  /// Everything decided before parsing: the plan, the database snapshot, the parse schedule.
  struct Prepared: Sendable {
    var plan: ImportPlan
    var snapshot: [String: ImportedFile]
    /// The (model, dataset) groups stored before this import.
    var storedGroups: [StoredGroup]
    var context: ParseContext
    var schedule: ParseSchedule
    var phases: PhaseClock
  }

  func prepare(_ store: BenchStore, progress: @Sendable (ImportEvent) -> Void) throws -> Prepared {
    var phases = PhaseClock()
    // What is there (no database access).
    let plan = try ImportPlan(options: options)
    for w in plan.warnings { progress(.note("warning: " + w)) }
    phases.mark("scan")
    // What the database already holds.
    let snapshot = try store.transaction { tx in
      (try tx.importedFiles(), try tx.storedGroups(), Set(try tx.samplesByDataset().keys))
    }
    let ctx = ParseContext(readers: options.readers, counter: options.tokenCounter, imageTokens: options.imageTokens,
                           now: plan.now, existing: snapshot.0, pairsWithRecords: Set(snapshot.1.map { [$0.model, $0.dataset] }),
                           datasetsWithFile: Set(plan.datasetFiles.map(\.name)), root: plan.root,
                           onError: options.onError)
    var readDatasets = Set<String>()
    for d in plan.datasetFiles {
      if let before = snapshot.0[d.path], snapshot.2.contains(d.name),
         try sha256(ofFile: d.url, displayPath: d.path).hex == before.sha256 { continue }
      readDatasets.insert(d.name)
    }
    // Feature sets can be stored while the groups are parsed only when the dataset files give every sample (no
    // group adds one from its own questions) and no policy drops samples afterwards: then the stored samples,
    // hence every feature row and `featureSet.sha256`, are the same as when they are stored last.
    let allSamplesFromFiles = Set(plan.groups.map(\.dataset.name)).isSubset(of: ctx.datasetsWithFile)
    let schedule = ParseSchedule(plan: plan, readDatasets: readDatasets,
                                 featuresFirst: allSamplesFromFiles && options.missing == .refuse)
    phases.mark("snapshot")
    return Prepared(plan: plan, snapshot: snapshot.0, storedGroups: snapshot.1, context: ctx, schedule: schedule,
                    phases: phases)
  }

  /// Imports, parsing file groups in parallel tasks while the writer — one transaction on the database's writer
  /// queue — consumes them dataset by dataset (in dataset order, so sample ids and record keys grow
  /// monotonically). Any error, from a parser or from the writer, rolls the transaction back.
  ///
  /// `progress` is called from the parsing loop and from the writer (possibly on other threads).
  public func run(into store: BenchStore, progress: @escaping @Sendable (ImportEvent) -> Void = { _ in })
    async throws(ImportError) -> ImportSummary
  {
    let start = ContinuousClock.now
    let cpuStart = PhaseClock.processCPU()
    do {
      let p = try prepare(store, progress: progress)
      let channel = ParseChannel()
      let options = options
      async let written: ImportSummary = store.transaction { tx in
        var writer = ImportWriter(options: options, plan: p.plan, tx: tx, progress: progress, phases: p.phases)
        do {
          return try writer.write(schedule: p.schedule, channel: channel, snapshot: p.snapshot, stored: p.storedGroups)
        } catch {
          channel.cancel()
          throw error
        }
      }
      do {
        try await withThrowingTaskGroup(of: (Int, ParseResult).self) { tasks in
          var next = 0
          var done = 0
          let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
          let jobs = p.schedule.jobs
          let ctx = p.context
          while next < min(width, jobs.count) {
            let (i, job) = (next, jobs[next])
            next += 1
            tasks.addTask { (i, try job.run(ctx)) }
          }
          while let (i, result) = try await tasks.next() {
            Self.report(result, done: &done, total: p.plan.groups.count, progress)
            channel.put(i, result)
            if next < jobs.count, !channel.isCancelled {
              let (j, job) = (next, jobs[next])
              next += 1
              tasks.addTask { (j, try job.run(ctx)) }
            }
          }
        }
      } catch {
        channel.fail(error)
        _ = try? await written
        throw error
      }
      return Self.finish(try await written, plan: p.plan, start: start, cpuStart: cpuStart)
    } catch {
      throw Self.importError(error)
    }
  }

  /// The same import on the calling thread: files are parsed one after the other, then written in one
  /// transaction (for synchronous callers; `run(into:progress:) async` is faster on several cores).
  public func run(into store: BenchStore, progress: @escaping @Sendable (ImportEvent) -> Void = { _ in })
    throws(ImportError) -> ImportSummary
  {
    let start = ContinuousClock.now
    let cpuStart = PhaseClock.processCPU()
    do {
      let p = try prepare(store, progress: progress)
      let channel = ParseChannel()
      var done = 0
      for (i, job) in p.schedule.jobs.enumerated() {
        let result = try job.run(p.context)
        Self.report(result, done: &done, total: p.plan.groups.count, progress)
        channel.put(i, result)
      }
      let options = options
      let summary = try store.transaction { tx in
        var writer = ImportWriter(options: options, plan: p.plan, tx: tx, progress: progress, phases: p.phases)
        return try writer.write(schedule: p.schedule, channel: channel, snapshot: p.snapshot, stored: p.storedGroups)
      }
      return Self.finish(summary, plan: p.plan, start: start, cpuStart: cpuStart)
    } catch {
      throw Self.importError(error)
    }
  }

  static func report(_ result: ParseResult, done: inout Int, total: Int, _ progress: (ImportEvent) -> Void) {
    switch result {
    case .group(let g):
      done += 1
      progress(.group(index: done, total: total, model: g.model, dataset: g.dataset, records: g.rows.count,
                      skipped: g.skipped))
    case .failed(let model, let dataset, let error):
      if model != nil { done += 1 }
      progress(.note("warning: skipped \(model.map { "\($0) × " } ?? "dataset ")\(dataset) (--on-error skip): \(error)"))
    default: break
    }
  }

  static func finish(_ written: ImportSummary, plan: ImportPlan, start: ContinuousClock.Instant, cpuStart: Double)
    -> ImportSummary
  {
    var summary = written
    summary.warnings = plan.warnings + summary.warnings
    summary.notes = plan.notes + summary.notes
    let d = ContinuousClock.now - start
    summary.seconds = d.seconds
    summary.phases.append(("commit", summary.seconds - summary.phases.reduce(0) { $0 + $1.seconds }))
    summary.cpuSeconds = PhaseClock.processCPU() - cpuStart
    return summary
  }

  static func importError(_ error: any Error) -> ImportError {
    switch error {
    case let e as ImportError: e
    case let e as StoreError: ImportError(.store, e.description, file: e.path)
    default: ImportError(.store, "\(error)")
    }
  }
}

/// The parse jobs in the order the writer consumes them: per dataset (in position order) its dataset file (when
/// it must be read), then its (model, dataset) groups.
struct ParseSchedule: Sendable {
  struct Dataset: Sendable {
    var name: String
    var info: DatasetInfo
    /// Job index of the dataset file, when it is read.
    var fileJob: Int?
    /// Job indices of the groups.
    var groupJobs: [Int]
  }
  var jobs: [ParseJob] = []
  var datasets: [Dataset] = []
  /// Job indices of the feature files.
  var featureJobs: [Int] = []
  /// Jobs in the order dataset files, feature files, groups (the writer stores the feature sets while the
  /// parsers read the groups); otherwise each dataset's file and groups in turn, the feature files last.
  var featuresFirst: Bool

  init(plan: ImportPlan, readDatasets: Set<String>, featuresFirst: Bool = false) {
    self.featuresFirst = featuresFirst
    var order: [String] = []
    var info: [String: DatasetInfo] = [:]
    for g in plan.groups where info[g.dataset.name] == nil {
      order.append(g.dataset.name)
      info[g.dataset.name] = g.dataset
    }
    func addGroupJobs(of k: Int) {
      for g in plan.groups where g.dataset.name == datasets[k].name {
        datasets[k].groupJobs.append(jobs.count)
        jobs.append(.group(g))
      }
    }
    for name in order {
      var d = Dataset(name: name, info: info[name]!, fileJob: nil, groupJobs: [])
      if readDatasets.contains(name), let f = plan.datasetFiles.first(where: { $0.name == name }) {
        d.fileJob = jobs.count
        jobs.append(.dataset(f))
      }
      datasets.append(d)
      if !featuresFirst { addGroupJobs(of: datasets.count - 1) }
    }
    for url in plan.featureFiles {
      featureJobs.append(jobs.count)
      jobs.append(.features(url))
    }
    if featuresFirst { for k in datasets.indices { addGroupJobs(of: k) } }
  }
}

/// Hands parse results from the parsing tasks to the writer, which runs synchronously on the database's writer
/// queue and blocks until the result it needs next has arrived.
///
/// `@unchecked Sendable`: every stored property is only accessed with `condition` locked. A condition variable
/// (not a task-group result) is needed because the consumer is a synchronous GRDB transaction.
final class ParseChannel: @unchecked Sendable {
  private let condition = NSCondition()
  private var results: [Int: ParseResult] = [:]
  private var failure: (any Error)?
  private var cancelled = false

  func put(_ job: Int, _ result: ParseResult) {
    condition.lock()
    results[job] = result
    condition.broadcast()
    condition.unlock()
  }

  /// A parser failed: the writer's next `take` throws this error.
  func fail(_ error: any Error) {
    condition.lock()
    if failure == nil { failure = error }
    condition.broadcast()
    condition.unlock()
  }

  /// The writer gave up: parsing stops scheduling new jobs.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.unlock()
  }

  var isCancelled: Bool {
    condition.lock()
    defer { condition.unlock() }
    return cancelled
  }

  /// Waits for (and removes) the result of `job`; returns the seconds spent waiting.
  func take(_ job: Int) throws -> (ParseResult, waited: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let failure { throw failure }
      if let r = results.removeValue(forKey: job) {
        let d = clock.now - start
        return (r, d.seconds)
      }
      condition.wait()
    }
  }
}

/// Wall time (and process CPU time) per phase.
struct PhaseClock {
  let clock = ContinuousClock()
  var last: ContinuousClock.Instant
  var lastCPU: Double
  var phases: [(name: String, seconds: Double)] = []
  /// Process CPU seconds (all threads) per phase, in the order of `phases`.
  var cpu: [Double] = []
  init() {
    last = clock.now
    lastCPU = Self.processCPU()
  }
  mutating func mark(_ name: String) {
    let t = clock.now
    let d = t - last
    phases.append((name, d.seconds))
    let c = Self.processCPU()
    cpu.append(c - lastCPU)
    last = t
    lastCPU = c
  }
  /// Process CPU seconds, all threads (`clock()`; POSIX fixes CLOCKS_PER_SEC at 1,000,000).
  static func processCPU() -> Double { Double(Glibc.clock()) / 1_000_000 }
}

/// A parse task.
enum ParseJob: Sendable {
  case dataset(ImportPlan.DatasetFile)
  case group(FileGroup)
  case features(URL)

  func run(_ ctx: ParseContext) throws -> ParseResult {
    switch self {
    case .dataset(let d):
      do { return .dataset(try GroupParser.readDataset(d.url, path: d.path, dataset: d.name, ctx)) } catch {
        guard ctx.onError == .skip else { throw error }
        return .failed(model: nil, dataset: d.name, error)
      }
    case .group(let g):
      do { return .group(try GroupParser.readGroup(g, ctx)) } catch {
        guard ctx.onError == .skip else { throw error }
        return .failed(model: g.model, dataset: g.dataset.name, error)
      }
    case .features(let url): return .features(try GroupParser.readFeatures(url, ctx))
    }
  }
}

enum ParseResult: Sendable {
  case dataset(ParsedDataset)
  case group(ParsedGroup)
  case features(ParsedFeatures)
  /// `--on-error skip`: a group (or, with `model` nil, a dataset file) that could not be read.
  case failed(model: String?, dataset: String, ImportError)
}

/// Where everything is: the scanned work directory, the price table, dataset and feature files, simulation.json.
struct ImportPlan: Sendable {
  struct DatasetFile: Sendable {
    var name: String
    var url: URL
    var path: String
  }

  var root: URL
  var groups: [FileGroup]
  /// `--on-error skip`: groups the scan could not form (ambiguous files, a missing judged file), with the error.
  var failures: [GroupProblem]
  /// Models whose folders were scanned, and the work directories (absolute paths).
  var scannedModels: Set<String>
  var workDirs: [URL]
  var warnings: [String]
  var notes: [String]
  var prices: PriceTable
  var pricingFile: ImportedFile?
  var datasetFiles: [DatasetFile]
  var featureFiles: [URL]
  var simulation: URL?
  /// Dataset positions (catalog order; others after).
  var position: [String: Int]
  let now = ISO8601DateFormatter().string(from: Date())

  /// The work directory's file groups (and what the scan noted): the first step of a plan, also used by
  /// `PricingTemplate` to list the models.
  static func scan(options: ImportOptions) throws(ImportError) -> ImportLayout {
    let root = options.root.standardizedFileURL
    var known: [String: DatasetInfo] = [:]
    for d in options.catalog.datasets { known[d.name] = d }
    if let given = options.lmuData, !WorkDirectoryScanner.isDirectory(given) {
      throw ImportError(.usage, "--lmudata: no such directory (it should hold the dataset TSVs, <dataset>.tsv)",
                        file: given.path)
    }
    let lmuDir = options.lmuData ?? Self.directory(root.appendingPathComponent("LMUData"))
    let lmuNames = lmuDir.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
    for name in lmuNames where name.hasSuffix(".tsv") {
      let stem = String(name.dropLast(4))
      if known[stem] == nil { known[stem] = DatasetInfo(name: stem, displayName: stem, group: .other, answerType: .unknown) }
    }
    for s in Importer.shadowDatasets where known[s] == nil {
      known[s] = DatasetInfo(name: s, displayName: s, group: .other, answerType: .unknown)
    }
    let layout = try WorkDirectoryScanner(knownDatasets: known, rules: options.rules, readers: options.readers,
                                          periodRuleOverride: options.vqaPeriodRule,
                                          onError: options.onError).scan(root: root)
    guard !layout.groups.isEmpty || !layout.failures.isEmpty else {
      throw ImportError(.usage, "no prediction files (work_dir/<model>/T<date>_G<hex>/<model>_<dataset>.tsv) found",
                        file: root.path)
    }
    return layout
  }

  init(options: ImportOptions) throws(ImportError) {
    root = options.root.standardizedFileURL
    let layout = try Self.scan(options: options)
    let lmuDir = options.lmuData ?? Self.directory(root.appendingPathComponent("LMUData"))
    failures = layout.failures
    scannedModels = layout.scannedModels
    workDirs = layout.workDirs
    warnings = layout.warnings
    notes = layout.notes
    var position: [String: Int] = [:]
    for (i, d) in options.catalog.datasets.enumerated() where position[d.name] == nil { position[d.name] = i }
    var extra = 1000
    for name in Set(layout.groups.map(\.dataset.name)).sorted() where position[name] == nil {
      position[name] = extra
      extra += 1
    }
    self.position = position
    // Dataset-major order: sample ids follow dataset positions, records append to the B-tree.
    groups = layout.groups.sorted { (position[$0.dataset.name]!, $0.model) < (position[$1.dataset.name]!, $1.model) }

    // Prices: the pricing file when there is one; else the catalog's prices, which cover the catalog's models
    // only. Never a fallback for a model the catalog does not know.
    let models = Set(groups.map(\.model)).sorted()
    let defaultPricing = root.appendingPathComponent("pricing.yaml")
    if options.pricing == nil, FileKind(path: defaultPricing.path).isSpecial {
      // Not silently replaced by the catalog's prices: the user meant this file.
      try requireRegularFile(defaultPricing, displayPath: "pricing.yaml")
    }
    if let url = options.pricing ?? Self.file(defaultPricing) {
      let path = WorkDirectoryScanner.relative(url, to: root)
      prices = try PricingFile.read(url, path: path)
      let (sha, _) = try sha256(ofFile: url, displayPath: path)
      pricingFile = ImportedFile(path: path, sha256: sha, kind: "pricing", rows: prices.prices.count, importedAt: now)
    } else {
      prices = PricingFile.catalogPrices(options.catalog, for: models)
    }
    try PricingFile.requirePrices(prices, for: models, fromFile: pricingFile != nil)

    datasetFiles = []
    if let lmuDir {
      for name in Set(groups.map(\.dataset.name)).sorted(by: { position[$0]! < position[$1]! }) {
        let url = lmuDir.appendingPathComponent(name + ".tsv")
        let kind = FileKind(path: url.path)
        if kind.isSpecial {
          notes.append("skipped \(WorkDirectoryScanner.relative(url, to: root)): \(kind.phrase), not a regular file (never read)")
        }
        if Self.file(url) != nil {
          datasetFiles.append(DatasetFile(name: name, url: url, path: WorkDirectoryScanner.relative(url, to: root)))
        }
      }
    }
    if options.features.isEmpty {
      let dir = root.appendingPathComponent("features")
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      featureFiles = []
      for name in names.sorted() where name.hasSuffix(".npy") {
        let url = dir.appendingPathComponent(name)
        let kind = FileKind(path: url.path)
        if kind == .regular { featureFiles.append(url) } else if kind.isSpecial {
          notes.append("skipped \(WorkDirectoryScanner.relative(url, to: root)): \(kind.phrase), not a regular file (never read)")
        }
      }
    } else {
      featureFiles = options.features
    }
    let simulationURL = root.appendingPathComponent("simulation.json")
    let simulationKind = FileKind(path: simulationURL.path)
    if simulationKind.isSpecial {
      notes.append("skipped simulation.json: \(simulationKind.phrase), not a regular file (never read)")
    }
    simulation = Self.file(simulationURL)
  }

  static func file(_ url: URL) -> URL? { WorkDirectoryScanner.isRegularFile(url) ? url : nil }
  static func directory(_ url: URL) -> URL? { WorkDirectoryScanner.isDirectory(url) ? url : nil }
}
