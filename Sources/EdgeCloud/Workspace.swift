public import BenchCore
public import BenchStore
internal import Foundation
internal import Routers
public import Sweep

/// Which stored feature sets feed the text and image branches.
public struct FeatureChoice: Sendable, Hashable, Codable {
  public var text: String?
  public var image: String?

  /// The preferred text sets, in order: MiniLM embeddings (`features embed`), the simulated preset's view, the
  /// built-in hashed n-grams (`features text`).
  public static let textPreference = ["minilm-l6", "text", "hashed-text"]
  public static let imagePreference = ["image"]

  public init(text: String?, image: String?) {
    self.text = text
    self.image = image
  }

  /// Explicit names where given, else the first stored name of each preference list (nil when none is stored).
  public static func resolve(text: String?, image: String?, stored: [String]) -> FeatureChoice {
    FeatureChoice(text: text ?? textPreference.first(where: stored.contains),
                  image: image ?? imagePreference.first(where: stored.contains))
  }
}

/// One run of a plan: a router variant on a pair at an MES under a labelling rule, choosing for some scenarios.
public struct ScenarioRunSpec: Sendable {
  public var variant: EdgeCloudVariant
  public var pair: EdgeCloudPair
  public var mes: MES
  public var rule: LabelRule
  public var scenarios: [Scenario]
  public var grid: ThresholdGrid
  /// The router's seed (initialisation, shuffles, dropout, Random's coins).
  public var seed: UInt64
  /// The 60/20/20 split's seed.
  public var splitSeed: UInt64

  public init(variant: EdgeCloudVariant, pair: EdgeCloudPair, mes: MES = .paperDefault, rule: LabelRule = .mes,
              scenarios: [Scenario] = Scenario.paper, grid: ThresholdGrid = .paper, seed: UInt64 = 1,
              splitSeed: UInt64 = 42) {
    self.variant = variant
    self.pair = pair
    self.mes = mes
    self.rule = rule
    self.scenarios = scenarios
    self.grid = grid
    self.seed = seed
    self.splitSeed = splitSeed
  }

  public var title: String {
    "\(variant.name) on \(pair.label), MES \(mes), \(rule.label)" + (variant.dependsOnSeed ? ", seed \(seed)" : "")
  }
}

/// Everything in a scenario run's identity's `configuration` (canonical JSON): the router's configuration and the
/// protocol's settings. A change of any of them is a new run.
struct ScenarioRunDefinition: Encodable {
  var protocolVersion = "ecvl-router-v1"
  var router: String
  var variant: String
  var configuration: ConfigurationBox
  var pair: EdgeCloudPair
  var mes: MES
  var rule: LabelRule
  var scenarios: [Scenario]
  var tauGrid: [Double]
  var split: String
  var splitRatios: [Double]
  var features: FeatureChoice
  var statistics: [String]
}

/// A stored (or just computed) run with what reports read.
public struct ScenarioRunResult: Sendable {
  public var spec: ScenarioRunSpec
  public var stored: StoredScenarioRun
  /// Whether the run was computed now (false: found stored).
  public var computed: Bool

  /// The result of `scenario` on `split`.
  public func result(_ scenario: Scenario, split: SplitName = .test) -> ScenarioResultRow? {
    stored.results.first { $0.scenario == scenario.name && $0.split == split }
  }

  /// The curve of `scenario` on `split`, by τ.
  public func curve(_ scenario: Scenario, split: SplitName = .test) -> [ScenarioCurvePoint] {
    stored.curves.filter { $0.scenario == scenario.name && $0.split == split }.sorted { $0.tau < $1.tau }
  }
}

/// Progress of a plan.
public enum ScenarioProgress: Sendable {
  case stored(ScenarioRunSpec)
  case started(ScenarioRunSpec, index: Int, total: Int)
  case finished(ScenarioRunSpec, seconds: Double)
}

/// A database opened for scenario runs: the data snapshot, the graded table, the feature sets, and per pair its
/// data and inputs (built once).
public struct ScenarioWorkspace: Sendable {
  public let store: BenchStore
  public let snapshot: BenchmarkSnapshot
  public let table: GradedTable
  public let features: FeatureChoice
  let featureHashes: [String: String]
  var loaded: [String: Matrix<Float>] = [:]
  var pairs: [EdgeCloudPair: (data: PairData, statistics: Matrix<Float>)] = [:]
  var splits: [String: (rows: [SplitName: [Int]], fingerprint: String)] = [:]

  /// Opens the data (one snapshot) and resolves the feature sets (see `FeatureChoice.resolve`).
  public init(store: BenchStore, textFeatures: String? = nil, imageFeatures: String? = nil) throws {
    self.store = store
    let (snapshot, table) = try store.gradedSnapshot()
    self.snapshot = snapshot
    self.table = table
    featureHashes = try store.featureSetHashes()
    let stored = featureHashes.keys.sorted()
    for name in [textFeatures, imageFeatures].compactMap({ $0 }) where featureHashes[name] == nil {
      throw EdgeCloudError(.missingData, "no such feature set (stored: \(stored.isEmpty ? "none" : stored.joined(separator: ", ")))",
                           key: name)
    }
    features = FeatureChoice.resolve(text: textFeatures, image: imageFeatures, stored: stored)
  }

  /// The pair's data and statistics.
  public mutating func pairData(_ pair: EdgeCloudPair) throws -> PairData {
    try prepared(pair).data
  }

  mutating func prepared(_ pair: EdgeCloudPair) throws -> (data: PairData, statistics: Matrix<Float>) {
    if let p = pairs[pair] { return p }
    let data = try PairData(table: table, pair: pair)
    let p = (data, QueryStatistics.matrix(data))
    pairs[pair] = p
    return p
  }

  mutating func featureMatrix(_ name: String) throws -> Matrix<Float> {
    if let m = loaded[name] { return m }
    let m = try store.loadFeatures(name: name)
    guard m.rows == table.sampleCount else {
      throw EdgeCloudError(.missingData, "feature set has \(m.rows) rows for \(table.sampleCount) samples", key: name)
    }
    loaded[name] = m
    return m
  }

  /// The inputs a variant reads (only the feature sets of its branches are loaded).
  mutating func inputs(for variant: EdgeCloudVariant, pair: EdgeCloudPair) throws -> RouterInputs {
    let statistics = try prepared(pair).statistics
    func view(_ b: RouterBranch, _ name: String?, option: String) throws -> Matrix<Float>? {
      guard variant.branches.contains(b) else { return nil }
      guard let name else {
        throw EdgeCloudError(.missingData, "\(variant.name) reads \(b.rawValue) features and none is stored; import "
                               + "one (`routerbench features import`, `features text`) or pass \(option) NAME",
                             key: variant.name)
      }
      return try featureMatrix(name)
    }
    return RouterInputs(text: try view(.text, features.text, option: "--text-features"),
                        image: try view(.image, features.image, option: "--image-features"), statistics: statistics)
  }

  /// The 60/20/20 split of a pair at an MES (`ScenarioSplit`) and its fingerprint.
  mutating func split(_ pair: EdgeCloudPair, mes: MES, seed: UInt64) throws -> (rows: [SplitName: [Int]], fingerprint: String) {
    let key = "\(pair.label)|\(mes)|\(seed)"
    if let s = splits[key] { return s }
    let data = try prepared(pair).data
    let rows = ScenarioSplit.make(data: data, mes: mes, seed: seed)
    var h = SHA256()
    h.update(Array(data.fingerprint.utf8))
    for part in SplitName.allCases {
      h.update(Array(part.rawValue.utf8))
      (rows[part] ?? []).map(Int64.init).withUnsafeBytes { h.update($0) }
    }
    let s = (rows, h.hexDigest())
    splits[key] = s
    return s
  }

  /// The run identity of a spec on this data.
  public mutating func identity(of spec: ScenarioRunSpec) throws -> RunIdentity {
    let (_, fingerprint) = try split(spec.pair, mes: spec.mes, seed: spec.splitSeed)
    let used = FeatureChoice(text: spec.variant.branches.contains(.text) ? features.text : nil,
                             image: spec.variant.branches.contains(.image) ? features.image : nil)
    let sets = [used.text, used.image].compactMap { $0 }
    let definition = ScenarioRunDefinition(
      router: spec.variant.kind, variant: spec.variant.name, configuration: spec.variant.encodeConfiguration(),
      pair: spec.pair, mes: spec.mes, rule: spec.rule, scenarios: spec.scenarios, tauGrid: spec.grid.values,
      split: ScenarioSplit.name(seed: spec.splitSeed),
      splitRatios: [ScenarioSplit.ratios.train, ScenarioSplit.ratios.dev, ScenarioSplit.ratios.test],
      features: used, statistics: spec.variant.branches.contains(.statistics)
        ? QueryStatistics.columnNames(datasets: table.datasets) : [])
    return RunIdentity(
      router: spec.variant.kind, variant: spec.variant.name, revision: spec.variant.revision,
      configuration: ConfigurationCoding.canonicalJSON(definition), lambda: .notApplicable,
      seed: spec.variant.dependsOnSeed ? spec.seed : 0, costScale: 0, correctThreshold: Float(spec.mes.value),
      features: sets.isEmpty ? nil : FeatureKey(sets: sets, fusion: .concat), featureSHA256: sets.isEmpty ? nil : sets.map { featureHashes[$0] ?? "" },
      split: ScenarioSplit.name(seed: spec.splitSeed), benchmark: fingerprint)
  }

  /// Runs every spec that is not stored with its identity (all of them with `force`), `jobs` at a time, stores each in
  /// its own transaction as it finishes, and returns every spec's result in order.
  ///
  /// The runs compute in parallel (each is a pure function of its context); the caller sets OpenBLAS to one thread
  /// when `jobs` > 1 (`BLAS.setThreadCount`, process-wide), so parallel runs do not compete for the same cores.
  public mutating func execute(_ specs: [ScenarioRunSpec], experiment: String? = nil, force: Bool = false,
                               jobs: Int = 1, progress: @escaping @Sendable (ScenarioProgress) -> Void = { _ in })
    async throws -> [ScenarioRunResult]
  {
    var out = [ScenarioRunResult?](repeating: nil, count: specs.count)
    var todo: [(index: Int, identity: RunIdentity, context: RunContext)] = []
    for (n, spec) in specs.enumerated() {
      let identity = try identity(of: spec)
      if !force, let stored = try store.scenarioRun(identityKey: identity.key) {
        progress(.stored(spec))
        if let experiment { try store.addRuns(identityKeys: [identity.key], to: experiment) }
        out[n] = ScenarioRunResult(spec: spec, stored: stored, computed: false)
        continue
      }
      todo.append((n, identity, try context(of: spec)))
    }
    let total = todo.count
    try await withThrowingTaskGroup(of: (Int, RunOutcome, Double).self) { group in
      var next = 0
      func launch() {
        let (n, _, context) = todo[next]
        let spec = specs[n]
        next += 1
        progress(.started(spec, index: next, total: total))
        group.addTask {
          let clock = ContinuousClock()
          let t0 = clock.now
          let outcome = try spec.variant.execute(context)
          return (n, outcome, (clock.now - t0).seconds)
        }
      }
      while next < min(max(jobs, 1), todo.count) { launch() }
      while let (n, outcome, seconds) = try await group.next() {
        let item = todo.first { $0.index == n }!
        let stored = try save(specs[n], identity: item.identity, context: item.context, outcome: outcome,
                              experiment: experiment)
        progress(.finished(specs[n], seconds: seconds))
        out[n] = ScenarioRunResult(spec: specs[n], stored: stored, computed: true)
        if next < todo.count { launch() }
      }
    }
    return out.map { $0! }
  }

  /// What a spec's run reads.
  mutating func context(of spec: ScenarioRunSpec) throws -> RunContext {
    let data = try prepared(spec.pair).data
    let (split, _) = try split(spec.pair, mes: spec.mes, seed: spec.splitSeed)
    return RunContext(data: data, inputs: try inputs(for: spec.variant, pair: spec.pair), split: split,
                      labels: data.labels(rule: spec.rule, mes: spec.mes), mes: spec.mes, scenarios: spec.scenarios,
                      grid: spec.grid, seed: spec.seed)
  }

  /// Stores a computed run and reads it back.
  func save(_ spec: ScenarioRunSpec, identity: RunIdentity, context: RunContext, outcome: RunOutcome,
            experiment: String?) throws -> StoredScenarioRun {
    let data = context.data, split = context.split
    var results: [ScenarioResultRow] = [], curves: [ScenarioCurvePoint] = [], decisions: [ScenarioDecisionRow] = []
    let test = split[.test] ?? []
    for o in outcome.scenarios {
      let w = o.scenario.weights
      for (part, e) in [(SplitName.dev, o.dev), (.test, o.test)] {
        let m = e.metrics
        results.append(ScenarioResultRow(
          scenario: o.scenario.name, split: part, alpha: w.alpha, beta: w.beta, gamma: w.gamma, tau: o.tau,
          epoch: o.epoch, samples: m.samples, apsp: m.apsp, ca: m.ca, ail: m.ail, rcs: m.rcs(w),
          accuracy: e.accuracy, pgr: e.pgr, meanScore: m.meanScore, outputTokens: m.outputTokens,
          latencySeconds: m.latencySum, tokenSaving: e.tokenSaving, timeSaving: e.timeSaving))
      }
      for (part, curve) in [(SplitName.dev, o.devCurve), (.test, o.testCurve)] {
        for (j, m) in curve.enumerated() {
          curves.append(ScenarioCurvePoint(scenario: o.scenario.name, split: part, tau: spec.grid.values[j],
                                           samples: m.samples, apsp: m.apsp, ca: m.ca, ail: m.ail, rcs: m.rcs(w)))
        }
      }
      for (r, i) in test.enumerated() {
        decisions.append(ScenarioDecisionRow(scenario: o.scenario.name, row: i,
                                             probability: Double(o.testProbabilities[r]), edge: o.testDecisions[r]))
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let report = String(decoding: (try? encoder.encode(outcome.fitReport)) ?? Data("{}".utf8), as: UTF8.self)
    let run = RunToSave(
      identityKey: identity.key, identityJSON: identity.canonicalJSON, router: identity.router,
      variant: identity.variant, family: .scenario, isUpperBound: false, lambda: .notApplicable, seed: identity.seed,
      featureKey: identity.features, configurationJSON: identity.configuration, costScale: 0,
      bounds: snapshot.benchmark.costBounds, trainSeconds: outcome.trainSeconds, routeSeconds: outcome.routeSeconds,
      routedInputTokens: test.reduce(0) { $0 + Int(data.inputTokens[$1]) }, fitReportJSON: report)
    try store.saveScenarioRun(run, results: results, curves: curves, decisions: decisions, loadedFrom: snapshot,
                              experiment: experiment)
    guard let stored = try store.scenarioRun(identityKey: identity.key) else {
      throw EdgeCloudError(.missingRuns, "the run was stored but cannot be read back", pair: spec.pair.label,
                           key: spec.variant.name)
    }
    return stored
  }
}
