internal import BenchCore

/// The operating point a scenario chose: τ (nil for a fixed policy), its RCS and metrics.
public struct ThresholdChoice: Sendable, Hashable {
  public var tau: Double?
  public var rcs: Double
  public var metrics: RoutingMetrics
}

/// τ search (ECVL-Router Sec. 4.2.2): the metrics of every τ of a grid, and the τ with the largest RCS.
public enum ThresholdSearch {
  /// Edge decisions for `probabilities` at `tau`: p ≥ τ (Eq. 3).
  @inlinable public static func decisions(_ probabilities: [Float], tau: Double) -> [Bool] {
    probabilities.map { Double($0) >= tau }
  }

  /// The metrics at each τ of `grid` of routing `rows` by `probabilities` (aligned with `rows`).
  public static func curve(probabilities: [Float], rows: [Int], data: PairData, mes: MES, grid: ThresholdGrid)
    -> [RoutingMetrics]
  {
    grid.values.map { data.metrics(rows: rows, edge: decisions(probabilities, tau: $0), mes: mes) }
  }

  /// The grid index with the largest RCS under `weights`; the smallest τ among equal maxima (the most
  /// edge-friendly of equally good thresholds).
  public static func best(_ curve: [RoutingMetrics], weights: RCSWeights) -> Int {
    var best = 0
    for j in curve.indices.dropFirst() where curve[j].rcs(weights) > curve[best].rcs(weights) { best = j }
    return best
  }

  /// The τ of `grid` that maximises RCS on `rows` (ties: the smallest τ).
  public static func choose(probabilities: [Float], rows: [Int], data: PairData, mes: MES, weights: RCSWeights,
                            grid: ThresholdGrid) -> ThresholdChoice {
    let c = curve(probabilities: probabilities, rows: rows, data: data, mes: mes, grid: grid)
    let j = best(c, weights: weights)
    return ThresholdChoice(tau: grid.values[j], rcs: c[j].rcs(weights), metrics: c[j])
  }
}

/// What the harness knows about the dev rows (their outcomes), kept away from routers: a router hands the monitor
/// itself after an epoch, and the monitor keeps, per scenario, the copy and τ of the epoch with the best dev RCS.
public struct EpochMonitor<R: EdgeCloudRouter>: Sendable {
  /// One scenario's best epoch so far.
  public struct Kept: Sendable {
    public var router: R
    /// 1-based; 0 for a router observed once after fitting.
    public var epoch: Int
    public var choice: ThresholdChoice
    /// The dev metrics at every τ of the grid for these weights (empty for a fixed policy).
    public var devCurve: [RoutingMetrics]
  }

  /// nil for a detached monitor (`EpochMonitor.detached`), which records epochs and keeps nothing.
  let data: PairData?
  let inputs: RouterInputs
  let rows: [Int]
  let mes: MES
  let scenarios: [Scenario]
  let grid: ThresholdGrid
  public private(set) var kept: [Kept?]
  /// Every observation: (epoch, best dev RCS per scenario), for the fit report.
  public private(set) var history: [(epoch: Int, rcs: [Double])] = []

  init(data: PairData, inputs: RouterInputs, devRows: [Int], mes: MES, scenarios: [Scenario], grid: ThresholdGrid) {
    self.data = data
    self.inputs = inputs
    rows = devRows
    self.mes = mes
    self.scenarios = scenarios
    self.grid = grid
    kept = Array(repeating: nil, count: scenarios.count)
  }

  /// A monitor for protocols that choose no epoch and no τ (the multi-metric fixed-rate protocol,
  /// docs/multimetric.md): `observe` only counts epochs, the router keeps its last weights.
  public static func detached(inputs: RouterInputs) -> EpochMonitor {
    EpochMonitor(detached: inputs)
  }

  private init(detached inputs: RouterInputs) {
    data = nil
    self.inputs = inputs
    rows = []
    mes = .paperDefault
    scenarios = []
    grid = .paper
    kept = []
  }

  /// Scores the dev rows with `router` and keeps it for every scenario whose best dev RCS it beats (strictly: the
  /// earliest of equally good epochs stays).
  public mutating func observe(_ router: R, epoch: Int) throws {
    guard let data else {
      history.append((epoch, []))
      return
    }
    let p = try router.probabilities(inputs, rows: rows)
    guard p.count == rows.count, p.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
      throw EdgeCloudError(.router, "returned \(p.count) probabilities for \(rows.count) dev rows, or one outside [0, 1]",
                           key: R.kind)
    }
    var rcs: [Double] = []
    if R.usesThreshold {
      let curve = ThresholdSearch.curve(probabilities: p, rows: rows, data: data, mes: mes, grid: grid)
      for (s, scenario) in scenarios.enumerated() {
        let j = ThresholdSearch.best(curve, weights: scenario.weights)
        let choice = ThresholdChoice(tau: grid.values[j], rcs: curve[j].rcs(scenario.weights), metrics: curve[j])
        rcs.append(choice.rcs)
        if kept[s].map({ choice.rcs > $0.choice.rcs }) ?? true {
          kept[s] = Kept(router: router, epoch: epoch, choice: choice, devCurve: curve)
        }
      }
    } else {
      let m = data.metrics(rows: rows, edge: p.map { $0 >= 0.5 }, mes: mes)
      for (s, scenario) in scenarios.enumerated() {
        let choice = ThresholdChoice(tau: nil, rcs: m.rcs(scenario.weights), metrics: m)
        rcs.append(choice.rcs)
        if kept[s].map({ choice.rcs > $0.choice.rcs }) ?? true {
          kept[s] = Kept(router: router, epoch: epoch, choice: choice, devCurve: [])
        }
      }
    }
    history.append((epoch, rcs))
  }
}
