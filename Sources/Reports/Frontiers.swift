public import BenchCore
public import CurveFit
internal import Foundation

/// What the frontier fit of a router (or of the single models) came to.
public enum FrontierStatus: String, Sendable, Hashable, CaseIterable {
  /// The saturation curve fits and is drawn.
  case fitted
  /// The fit converged to a curve that is flat over the points' cost range although the points are not (on the
  /// real logs: a = 0, b = 0, R² = 0), or explains nothing (R² ≤ 0): the plots draw the non-decreasing hull.
  case degenerate
  /// The router's decisions do not depend on λ: one operating point, no frontier (the separate small table).
  case singlePoint = "single_point"
  /// Two distinct points: the three-parameter curve is not identifiable; the hull is drawn.
  case tooFewPoints = "too_few_points"
  /// The fit failed (e.g. equal costs); the message says why.
  case failed
}

/// A router's (or the single models') accuracy–cost frontier: the fitted saturation curve and AIQ.
public struct FrontierRow: Sendable, Hashable {
  public var name: String
  /// nil for the single models' row.
  public var family: RouterFamily?
  public var points: [OperatingPoint]
  /// The fitted curve (also kept when ``status`` is `.degenerate`, to show what the solver found).
  public var fit: SaturationFrontier?
  public var r2: Double?
  public var iterations: Int?
  public var status: FrontierStatus
  /// Why there is no usable fit (nil when `.fitted`).
  public var message: String?
  /// Mean hull accuracy (%) over the common cost range (RouterBench AIQ).
  public var aiq: Double
  /// The non-decreasing convex hull of the points (what the plots draw when the fit is not usable).
  public var hull: [OperatingPoint]

  public var isSingleModels: Bool { family == nil }
}

/// The test operating points of each router: one per λ (seed-mean over "ALL"), cost in USD/10K, accuracy in %
/// under the input's accuracy rule.
func routerPoints(_ input: ReportInput) -> [String: (family: RouterFamily, points: [OperatingPoint])] {
  var out: [String: (RouterFamily, [OperatingPoint])] = [:]
  for router in input.routers {
    let all = input.results.filter { $0.router == router && $0.split == .test && $0.dataset == ResultRow.allDatasets }
    guard let family = all.first?.family else { continue }
    let lambdas = Set(all.map(\.lambda)).sorted()
    out[router] = (family, lambdas.map { l in
      let rs = all.filter { $0.lambda == l }
      let n = Double(rs.count)
      return OperatingPoint(cost: rs.reduce(0) { $0 + $1.outcome.costPer10K } / n,
                            quality: rs.reduce(0) { $0 + input.accuracyPercent($1.outcome) } / n,
                            label: l.isApplicable ? "λ=\(l)" : "")
    })
  }
  return out
}

/// Whether a converged fit is unusable: flat over the points' cost range (it rises by less than 1 % of the points'
/// accuracy spread) while the points are not flat, or no better than their mean (R² ≤ 0).
func isDegenerate(_ fit: FrontierFit, points: [OperatingPoint]) -> Bool {
  let accuracies = points.map(\.quality), costs = points.map(\.cost)
  guard let lo = costs.min(), let hi = costs.max(), let top = accuracies.max(), let bottom = accuracies.min()
  else { return false }
  let spread = top - bottom
  guard spread > 1e-9 else { return false }  // flat data: a flat curve is the right answer
  return fit.frontier(hi) - fit.frontier(lo) < 0.01 * spread || fit.r2 <= 0
}

/// Fits every router's frontier and the single-model frontier. AIQ uses the cost range of the single models.
/// A router with one distinct operating point (λ-independent, or the same decisions at every λ) is
/// `.singlePoint` and is not fitted.
public func frontierRows(_ input: ReportInput) -> [FrontierRow] {
  let models = input.singleModels
  let lo = models.map(\.cost).min() ?? 0, hi = models.map(\.cost).max() ?? 1
  func row(_ name: String, _ family: RouterFamily?, _ pts: [OperatingPoint]) -> FrontierRow {
    let aiq = hi > lo ? Frontier.aiq(pts, costMin: lo, costMax: hi) : 0
    let hull = Frontier.nonDecreasingConvexHull(pts)
    var r = FrontierRow(name: name, family: family, points: pts, fit: nil, r2: nil, iterations: nil,
                        status: .failed, message: nil, aiq: aiq, hull: hull)
    let distinct = Set(pts.map { "\($0.cost.bitPattern) \($0.quality.bitPattern)" }).count
    if family != nil && distinct == 1 {
      r.status = .singlePoint
      r.message = "one operating point (decisions do not depend on λ)"
      return r
    }
    do {
      let f = try fitSaturationFrontier(points: pts.map { (cost: $0.cost, accuracy: $0.quality) })
      r.fit = f.frontier
      r.r2 = f.r2
      r.iterations = f.iterations
      if isDegenerate(f, points: pts) {
        r.status = .degenerate
        r.message = "degenerate fit (flat): hull drawn"
      } else {
        r.status = .fitted
      }
    } catch {
      if case .tooFewPoints = error { r.status = .tooFewPoints } else { r.status = .failed }
      r.message = "\(error)"
    }
    return r
  }
  let points = routerPoints(input)
  return [row("Single models", nil, models)]
    + input.routers.compactMap { name in points[name].map { row(name, $0.family, $0.points) } }
}

/// The frontier table: the single models and every router with more than one operating point — a, b, c, a + c
/// (the curve's ceiling), R², AIQ, and a note when the fit is degenerate or failed.
public func frontierTable(_ input: ReportInput, _ rows: [FrontierRow]) -> TextTable {
  TextTable(
    title: "Accuracy–cost frontiers",
    caption: "y = a(1 − e^(−b·x)) + c fitted by bounded Trust Region Reflective least squares (a, b ≥ 0, 0 ≤ c ≤ 100); "
      + "x = test cost in USD per 10K samples, y = test accuracy in %. AIQ: mean accuracy of the non-decreasing convex "
      + "hull over the single models' cost range. A degenerate fit (flat over the points' costs, or R² ≤ 0) is "
      + "reported, and the plots draw the hull instead. " + input.accuracySentence,
    header: ["Router", "Points", "a", "b", "c", "a + c", "R²", "AIQ", "Note"],
    rows: rows.filter { $0.status != .singlePoint }.map { r in
      [r.name, String(r.points.count), r.fit.map { fixed($0.a, 3) } ?? "–", r.fit.map { fixed($0.b, 4) } ?? "–",
       r.fit.map { fixed($0.c, 3) } ?? "–", r.fit.map { fixed($0.a + $0.c, 3) } ?? "–", r.r2.map { fixed($0, 4) } ?? "–",
       fixed(r.aiq), r.message ?? ""]
    }, textColumns: 1)
}

/// The λ-independent routers' small table: their one operating point and AIQ (nil when there are none).
public func fixedPointTable(_ input: ReportInput, _ rows: [FrontierRow]) -> TextTable? {
  let fixedRows = rows.filter { $0.status == .singlePoint }
  guard !fixedRows.isEmpty else { return nil }
  return TextTable(
    title: "λ-independent routers",
    caption: "Routers whose decisions do not depend on λ have one operating point on the test split, so no frontier "
      + "is fitted. AIQ: the mean, over the single models' cost range, of that point's hull (its accuracy from its "
      + "cost on, 0 below it). Cost in USD per 10K samples. " + input.accuracySentence,
    header: ["Router", "Family", "Avg. Cost ↓", "Avg. Acc. ↑", "AIQ"],
    rows: fixedRows.map { r in
      [r.name, r.family?.rawValue ?? "", fixed(r.points[0].cost), fixed(r.points[0].quality), fixed(r.aiq)]
    }, textColumns: 2)
}

/// `frontiers.csv` for pandas: `router,family,status,points,a,b,c,a_plus_c,r2,aiq,cost_usd_per_10k,accuracy_pct`.
/// The fit's parameters are there when a curve was fitted (`fitted` or `degenerate`), the single point's cost and
/// accuracy when `single_point`; other cells are empty. `family` is empty for the single models.
func frontiersCSV(_ rows: [FrontierRow]) -> String {
  var s = "router,family,status,points,a,b,c,a_plus_c,r2,aiq,cost_usd_per_10k,accuracy_pct\n"
  for r in rows {
    let fit = r.fit.map { [fixed($0.a, 4), fixed($0.b, 6), fixed($0.c, 4), fixed($0.a + $0.c, 4)] }
      ?? Array(repeating: "", count: 4)
    let single = r.status == .singlePoint ? [fixed(r.points[0].cost, 4), fixed(r.points[0].quality, 4)] : ["", ""]
    s += ([csvText(r.name), csvText(r.family?.rawValue ?? ""), r.status.rawValue, String(r.points.count)] + fit
          + [r.r2.map { fixed($0, 4) } ?? "", fixed(r.aiq, 4)] + single).joined(separator: ",") + "\n"
  }
  return s
}

func curve(_ f: SaturationFrontier, from a: Double, to b: Double, steps: Int = 80) -> [(x: Double, y: Double)] {
  guard a > 0, b > a else { return [] }
  return (0...steps).map { k in
    let x = exp(log(a) + (log(b) - log(a)) * Double(k) / Double(steps))
    return (x, f(x))
  }
}

/// The line a plot draws for a frontier row: the fitted curve over the points' cost range when `.fitted`, else the
/// non-decreasing hull (flat after its last vertex, up to the dearest point). Empty for fewer than two points.
func frontierLine(_ r: FrontierRow) -> (points: [(x: Double, y: Double)], isHull: Bool) {
  guard r.points.count > 1, let lo = r.points.map(\.cost).min(), let hi = r.points.map(\.cost).max() else {
    return ([], false)
  }
  if r.status == .fitted, let f = r.fit { return (curve(f, from: lo, to: hi), false) }
  var line = r.hull.map { (x: $0.cost, y: $0.quality) }
  if let last = r.hull.last, hi > last.cost { line.append((hi, last.quality)) }
  return (line, true)
}

let costAxisLabel = "Average cost (USD per 10K samples, log scale)"

/// Fig. 1 style: single models (grey) with their fitted frontier (or hull when the fit degenerates), and each
/// router's dev-chosen operating point in its own colour and marker; log-scale cost axis.
public func overviewPlot(_ input: ReportInput, main: [MainTableRow], frontiers: [FrontierRow]) -> SVGPlot {
  var plot = SVGPlot(title: "Accuracy vs cost (test)", xLabel: costAxisLabel, yLabel: input.accuracyAxisLabel,
                     logX: true)
  let models = input.singleModels
  plot.series.append(.init(name: "Single models", points: models.map { ($0.cost, $0.quality) },
                           style: .singleModels, labels: models.map(\.label)))
  if let singles = frontiers.first(where: \.isSingleModels) {
    let line = frontierLine(singles)
    if !line.points.isEmpty {
      plot.series.append(.init(name: line.isHull ? "Single-model hull" : "Single-model frontier", points: line.points,
                               color: PlotStyle.singleModels.color, marker: nil, line: true, dashed: true))
    }
    if singles.status == .degenerate, let f = singles.fit, let r2 = singles.r2 {
      plot.note = "Single-model fit degenerate (a = \(fixed(f.a, 3)), b = \(fixed(f.b, 4)), R² = \(fixed(r2, 2))): "
        + "non-decreasing hull drawn"
    }
  }
  let styles = input.styles
  for r in main {
    let name = r.isUpperBound ? "\(r.router) (upper bound)" : r.lambda.isApplicable ? "\(r.router) (λ=\(r.lambda))" : r.router
    plot.series.append(.init(name: name, points: [(r.cost.mean, r.accuracy.mean)],
                             style: styles[r.router] ?? PlotStyle.nth(0)))
  }
  return plot
}

/// The series of one router in the λ plots: its operating points (labelled with λ when `labels`) and its frontier
/// line (fitted curve, or hull when the fit is not usable) in the router's style.
func routerSeries(_ r: FrontierRow, style: PlotStyle, labels: Bool) -> [SVGPlot.Series] {
  let line = frontierLine(r)
  var out: [SVGPlot.Series] = [.init(name: r.name + (line.isHull ? " (hull)" : ""),
                                     points: r.points.map { ($0.cost, $0.quality) }, style: style,
                                     labels: labels ? r.points.map(\.label) : [])]
  if !line.points.isEmpty {
    out.append(.init(name: "", points: line.points, color: style.color, marker: nil, line: true))
  }
  return out
}

/// Each λ-dependent router's operating points over λ and its fitted curve (or hull).
public func lambdaPlot(_ input: ReportInput, _ frontiers: [FrontierRow]) -> SVGPlot {
  var plot = SVGPlot(title: "Operating points over λ (test)", xLabel: costAxisLabel, yLabel: input.accuracyAxisLabel,
                     logX: true)
  let styles = input.styles
  let rows = frontiers.filter { !$0.isSingleModels && $0.status != .singlePoint }
  for r in rows { plot.series += routerSeries(r, style: styles[r.name] ?? PlotStyle.nth(0), labels: true) }
  let degenerate = rows.filter { $0.status == .degenerate }.map(\.name)
  if !degenerate.isEmpty { plot.note = "Degenerate fit, hull drawn: " + degenerate.joined(separator: ", ") }
  return plot
}

/// How a family's panel is titled.
func familyTitle(_ f: RouterFamily) -> String {
  switch f {
  case .baseline: "Baselines"
  case .feature: "Feature-level routers"
  case .endToEnd: "End-to-end routers"
  case .scenario: "Scenario routers"
  case .multimetric: "Multi-metric routers"
  case .external: "External routers"
  }
}

/// Fig. 4 of the paper: one panel per router family with every router's operating points and its fitted frontier
/// (hull when the fit is not usable; a single point for λ-independent routers), the single models and their
/// frontier in grey behind; all panels share their axes.
public func familyFigure(_ input: ReportInput, _ frontiers: [FrontierRow]) -> SVGFigure {
  let styles = input.styles
  let routers = frontiers.filter { !$0.isSingleModels }
  let everything = frontiers.flatMap(\.points).filter { $0.cost > 0 && $0.cost.isFinite && $0.quality.isFinite }
  let xs = everything.map(\.cost), ys = everything.map(\.quality)
  let singles = frontiers.first(where: \.isSingleModels)
  var panels: [SVGPlot] = []
  for family in RouterFamily.allCases {
    let members = routers.filter { $0.family == family }
    guard !members.isEmpty else { continue }
    var p = SVGPlot(title: familyTitle(family), xLabel: costAxisLabel, yLabel: input.accuracyAxisLabel, logX: true)
    p.plotWidth = 420
    p.plotHeight = 300
    if let lo = xs.min(), let hi = xs.max() { p.xRange = lo...hi }
    if let lo = ys.min(), let hi = ys.max() { p.yRange = lo...hi }
    if let singles {
      p.series.append(.init(name: "Single models", points: singles.points.map { ($0.cost, $0.quality) },
                            style: .singleModels))
      let line = frontierLine(singles)
      if !line.points.isEmpty {
        p.series.append(.init(name: line.isHull ? "Single-model hull" : "Single-model frontier", points: line.points,
                              color: PlotStyle.singleModels.color, marker: nil, line: true, dashed: true))
      }
    }
    for r in members { p.series += routerSeries(r, style: styles[r.name] ?? PlotStyle.nth(0), labels: r.points.count > 1) }
    panels.append(p)
  }
  return SVGFigure(title: "Operating points and frontiers by router family (test)", panels: panels, columns: 2)
}
