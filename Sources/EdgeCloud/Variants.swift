internal import BenchCore
internal import Foundation
internal import Routers

/// What one fitted router gives a scenario: the kept copy's dev and test evaluations and curves.
struct ScenarioOutcome: Sendable {
  var scenario: Scenario
  var epoch: Int?
  var tau: Double?
  var dev: RoutingEvaluation
  var test: RoutingEvaluation
  var devCurve: [RoutingMetrics]
  var testCurve: [RoutingMetrics]
  var testProbabilities: [Float]
  var testDecisions: [Bool]
}

/// What fitting a router and choosing its operating points gave.
struct RunOutcome: Sendable {
  var scenarios: [ScenarioOutcome]
  var fitReport: [String: String]
  var trainSeconds: Double
  var routeSeconds: Double
}

/// Everything one run reads: the pair's data and inputs, the split, the labels and what to choose for.
struct RunContext: Sendable {
  var data: PairData
  var inputs: RouterInputs
  var split: [SplitName: [Int]]
  /// L per row under the run's labelling rule.
  var labels: [Bool]
  var mes: MES
  var scenarios: [Scenario]
  var grid: ThresholdGrid
  var seed: UInt64
}

/// A router variant as a run plan names it: a name ("ECVL-Router w.o. Text"), its kind and configuration, and the
/// type-erased fit-and-evaluate of its concrete `EdgeCloudRouter`.
public struct EdgeCloudVariant: Sendable {
  public var name: String
  public var kind: String
  public var revision: Int
  public var dependsOnSeed: Bool
  public var usesThreshold: Bool
  public var branches: [RouterBranch]
  /// The configuration's canonical JSON.
  public var configurationJSON: String
  let encodeConfiguration: @Sendable () -> ConfigurationBox
  let execute: @Sendable (RunContext) throws -> RunOutcome

  /// The variant of a router value.
  public static func of<R: EdgeCloudRouter>(_ router: R, name: String? = nil) -> EdgeCloudVariant {
    let configuration = router.configuration
    return EdgeCloudVariant(
      name: name ?? R.kind, kind: R.kind, revision: R.revision, dependsOnSeed: R.dependsOnSeed,
      usesThreshold: R.usesThreshold, branches: router.branches,
      configurationJSON: ConfigurationCoding.canonicalJSON(configuration),
      encodeConfiguration: { ConfigurationBox(configuration) },
      execute: { context in try run(router, context) })
  }
}

/// An `Encodable` configuration of any router type (for the run definition).
struct ConfigurationBox: Encodable, Sendable {
  let encodeInto: @Sendable (any Encoder) throws -> Void
  init<C: Encodable & Sendable>(_ c: C) { encodeInto = { try c.encode(to: $0) } }
  func encode(to encoder: any Encoder) throws { try encodeInto(encoder) }
}

/// Fits `router` on the context's train rows, keeps per scenario the epoch and τ with the best dev RCS, and
/// evaluates the kept copies on dev and test.
func run<R: EdgeCloudRouter>(_ prototype: R, _ c: RunContext) throws -> RunOutcome {
  let train = c.split[.train] ?? [], dev = c.split[.dev] ?? [], test = c.split[.test] ?? []
  guard !train.isEmpty, !dev.isEmpty, !test.isEmpty else {
    throw EdgeCloudError(.missingData, "the split has an empty part (\(train.count) train, \(dev.count) dev, "
                           + "\(test.count) test samples)", pair: c.data.pair.label)
  }
  let set = TrainingSet(inputs: c.inputs, trainRows: train, trainLabels: train.map { c.labels[$0] }, devRows: dev)
  var monitor = EpochMonitor<R>(data: c.data, inputs: c.inputs, devRows: dev, mes: c.mes, scenarios: c.scenarios,
                                grid: c.grid)
  var router = prototype
  var rng = SplitMix64(seed: c.seed).derived("edge-cloud/" + R.kind)
  let clock = ContinuousClock()
  let started = clock.now
  try router.fit(set, monitor: &monitor, using: &rng)
  if monitor.history.isEmpty { try monitor.observe(router, epoch: 0) }
  let trained = clock.now
  var outcomes: [ScenarioOutcome] = []
  for (s, scenario) in c.scenarios.enumerated() {
    guard let kept = monitor.kept[s] else { continue }
    let p = try kept.router.probabilities(c.inputs, rows: test)
    guard p.count == test.count, p.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
      throw EdgeCloudError(.router, "returned \(p.count) probabilities for \(test.count) test rows, or one outside "
                             + "[0, 1]", pair: c.data.pair.label, key: R.kind)
    }
    let decisions: [Bool]
    let testCurve: [RoutingMetrics]
    if let tau = kept.choice.tau {
      decisions = ThresholdSearch.decisions(p, tau: tau)
      testCurve = ThresholdSearch.curve(probabilities: p, rows: test, data: c.data, mes: c.mes, grid: c.grid)
    } else {
      decisions = p.map { $0 >= 0.5 }
      testCurve = []
    }
    let devDecisions = try kept.choice.tau.map { tau in
      ThresholdSearch.decisions(try kept.router.probabilities(c.inputs, rows: dev), tau: tau)
    } ?? kept.router.probabilities(c.inputs, rows: dev).map { $0 >= 0.5 }
    outcomes.append(ScenarioOutcome(
      scenario: scenario, epoch: kept.epoch > 0 ? kept.epoch : nil, tau: kept.choice.tau,
      dev: c.data.evaluation(rows: dev, edge: devDecisions, mes: c.mes, labels: c.labels),
      test: c.data.evaluation(rows: test, edge: decisions, mes: c.mes, labels: c.labels),
      devCurve: kept.devCurve, testCurve: testCurve, testProbabilities: p, testDecisions: decisions))
  }
  var report = router.fitReport
  for (s, o) in outcomes.enumerated() {
    report["\(c.scenarios[s].name).epoch"] = o.epoch.map(String.init) ?? "-"
    report["\(c.scenarios[s].name).tau"] = o.tau.map(shortNumber) ?? "-"
  }
  report["epochs_observed"] = String(monitor.history.count)
  let routed = clock.now
  return RunOutcome(scenarios: outcomes, fitReport: report, trainSeconds: (trained - started).seconds,
                    routeSeconds: (routed - trained).seconds)
}

// MARK: - Built-in variants

/// The routers `--routers` names (docs/ecvl.md, "Routers").
public enum EdgeCloudRouters {
  /// Every router kind, in Table 1's order, then Random.
  public static let kinds = ["ECVL-Router", "GBDT", "MLP", "MF", "All-at-Large", "All-at-Small", "Random"]
  /// Table 1's routers.
  public static let table1 = ["ECVL-Router", "GBDT", "MLP", "MF", "All-at-Large", "All-at-Small"]

  /// Variants of the named kinds (or groups `all`, `table1`), with `training` applied to the neural routers when
  /// given (epochs, batch size, learning rate).
  public static func variants(_ names: [String], training: NeuralTraining? = nil) throws(EdgeCloudError)
    -> [EdgeCloudVariant]
  {
    var out: [EdgeCloudVariant] = []
    var expanded: [String] = []
    for n in names {
      switch n.lowercased() {
      case "all": expanded += kinds
      case "table1": expanded += table1
      default: expanded.append(n)
      }
    }
    for n in expanded {
      guard let kind = kinds.first(where: { $0.lowercased() == n.lowercased() }) else {
        throw EdgeCloudError(.invalidValue, "unknown router '\(n)'; valid: \((kinds + ["all", "table1"]).joined(separator: ", "))")
      }
      guard !out.contains(where: { $0.name == kind }) else { continue }
      out.append(try variant(kind: kind, training: training))
    }
    return out
  }

  static func variant(kind: String, branches: [RouterBranch]? = nil, name: String? = nil,
                      training: NeuralTraining?) throws(EdgeCloudError) -> EdgeCloudVariant {
    switch kind {
    case ECVLRouter.kind:
      var c = ECVLRouter.Configuration()
      if let training { c.training = training }
      if let branches { c.branches = branches }
      return .of(try ECVLRouter(configuration: c), name: name)
    case GBDTRouter.kind:
      var c = GBDTRouter.Configuration()
      if let branches { c.branches = branches }
      return .of(try GBDTRouter(configuration: c), name: name)
    case MLPRouter.kind:
      var c = MLPRouter.Configuration()
      if let training { c.training = training }
      if let branches { c.branches = branches }
      return .of(try MLPRouter(configuration: c), name: name)
    case MatrixFactorizationRouter.kind:
      var c = MatrixFactorizationRouter.Configuration()
      if let training { c.training = training }
      if let branches { c.branches = branches }
      return .of(try MatrixFactorizationRouter(configuration: c), name: name)
    case AllAtLarge.kind: return .of(AllAtLarge(), name: name)
    case AllAtSmall.kind: return .of(AllAtSmall(), name: name)
    case RandomRouter.kind: return .of(try RandomRouter(), name: name)
    default: throw EdgeCloudError(.invalidValue, "unknown router '\(kind)'")
    }
  }

  /// Table 3's rows: ECVL-Router with every branch, without each, with each alone; then Random, All-at-Large and
  /// All-at-Small.
  public static func ablation(training: NeuralTraining? = nil) throws(EdgeCloudError) -> [EdgeCloudVariant] {
    var out = [try variant(kind: ECVLRouter.kind, name: "ECVL-Router (Full)", training: training)]
    for b in RouterBranch.allCases {
      out.append(try variant(kind: ECVLRouter.kind, branches: RouterBranch.allCases.filter { $0 != b },
                             name: "w.o. \(b.title)", training: training))
    }
    for b in RouterBranch.allCases {
      out.append(try variant(kind: ECVLRouter.kind, branches: [b], name: "only \(b.title)", training: training))
    }
    for k in [RandomRouter.kind, AllAtLarge.kind, AllAtSmall.kind] { out.append(try variant(kind: k, training: nil)) }
    return out
  }
}
