public import BenchCore
public import CurveFit
internal import Foundation

/// A router's (or the single models') accuracy–cost frontier: the fitted saturation curve and AIQ.
public struct FrontierRow: Sendable, Hashable {
  public var name: String
  public var points: [OperatingPoint]
  /// nil with `message` set when the fit is impossible (fewer than 3 points, equal costs, …).
  public var fit: SaturationFrontier?
  public var r2: Double?
  public var iterations: Int?
  public var message: String?
  /// Mean hull accuracy (%) over the common cost range (RouterBench AIQ).
  public var aiq: Double
}

/// The test operating points of each router: one per λ (seed-mean over "ALL"), cost in USD/10K, accuracy in %.
func routerPoints(_ input: ReportInput) -> [String: [OperatingPoint]] {
  var out: [String: [OperatingPoint]] = [:]
  for router in input.routers {
    let all = input.results.filter { $0.router == router && $0.split == .test && $0.dataset == ResultRow.allDatasets }
    let lambdas = Set(all.map(\.lambda)).sorted()
    out[router] = lambdas.map { l in
      let rs = all.filter { $0.lambda == l }
      let n = Double(rs.count)
      return OperatingPoint(cost: rs.reduce(0) { $0 + $1.outcome.costPer10K } / n,
                            quality: rs.reduce(0) { $0 + $1.outcome.accuracyPercent } / n, label: "λ=\(l)")
    }
  }
  return out
}

/// Fits every router's frontier and the single-model frontier. AIQ uses the cost range of the single models.
public func frontierRows(_ input: ReportInput) -> [FrontierRow] {
  let models = input.singleModels
  let lo = models.map(\.cost).min() ?? 0, hi = models.map(\.cost).max() ?? 1
  func row(_ name: String, _ pts: [OperatingPoint]) -> FrontierRow {
    let aiq = hi > lo ? Frontier.aiq(pts, costMin: lo, costMax: hi) : 0
    do {
      let f = try fitSaturationFrontier(points: pts.map { (cost: $0.cost, accuracy: $0.quality) })
      return FrontierRow(name: name, points: pts, fit: f.frontier, r2: f.r2, iterations: f.iterations, message: nil, aiq: aiq)
    } catch {
      return FrontierRow(name: name, points: pts, fit: nil, r2: nil, iterations: nil, message: "\(error)", aiq: aiq)
    }
  }
  let points = routerPoints(input)
  return [row("Single models", models)] + input.routers.map { row($0, points[$0] ?? []) }
}

/// The frontier table: a, b, c, a + c (the curve's ceiling), R², AIQ.
public func frontierTable(_ rows: [FrontierRow]) -> TextTable {
  TextTable(
    title: "Accuracy–cost frontiers",
    caption: "y = a(1 − e^(−b·x)) + c fitted by bounded Trust Region Reflective least squares (a, b ≥ 0, 0 ≤ c ≤ 100); "
      + "x = test cost in USD per 10K samples, y = test accuracy in %. AIQ: mean accuracy of the non-decreasing convex "
      + "hull over the single models' cost range.",
    header: ["Router", "Points", "a", "b", "c", "a + c", "R²", "AIQ", "Note"],
    rows: rows.map { r in
      [r.name, String(r.points.count), r.fit.map { fixed($0.a, 3) } ?? "–", r.fit.map { fixed($0.b, 4) } ?? "–",
       r.fit.map { fixed($0.c, 3) } ?? "–", r.fit.map { fixed($0.a + $0.c, 3) } ?? "–", r.r2.map { fixed($0, 4) } ?? "–",
       fixed(r.aiq), r.message ?? ""]
    }, textColumns: 1)
}

func curve(_ f: SaturationFrontier, from a: Double, to b: Double, steps: Int = 80) -> [(x: Double, y: Double)] {
  guard a > 0, b > a else { return [] }
  return (0...steps).map { k in
    let x = exp(log(a) + (log(b) - log(a)) * Double(k) / Double(steps))
    return (x, f(x))
  }
}

/// Fig. 1 style: single models (grey) with their fitted frontier, Oracle / Strongest / Cheapest, and each router's
/// dev-chosen operating point; log-scale cost axis.
public func overviewPlot(_ input: ReportInput, main: [MainTableRow], frontiers: [FrontierRow]) -> SVGPlot {
  var plot = SVGPlot(title: "Accuracy vs cost (test)", xLabel: "Average cost (USD per 10K samples, log scale)",
                     yLabel: "Average accuracy (%)", logX: true)
  let models = input.singleModels
  plot.series.append(.init(name: "Single models", points: models.map { ($0.cost, $0.quality) }, color: "#9a9a9a",
                           labels: models.map(\.label)))
  if let f = frontiers.first?.fit, let lo = models.map(\.cost).min(), let hi = models.map(\.cost).max() {
    plot.series.append(.init(name: "Single-model frontier", points: curve(f, from: lo, to: hi), color: "#9a9a9a",
                             marker: nil, line: true, dashed: true))
  }
  var colour = 0
  for r in main {
    let marker: SVGPlot.Marker = r.isUpperBound ? .star : r.family == .baseline ? .square : .diamond
    let c = SVGPlot.palette[colour % SVGPlot.palette.count]
    colour += 1
    plot.series.append(.init(name: "\(r.router) (λ=\(r.lambda))", points: [(r.cost.mean, r.accuracy.mean)], color: c, marker: marker))
  }
  return plot
}

/// Fig. 4 style: each λ-dependent router's operating points over λ and its fitted curve.
public func lambdaPlot(_ frontiers: [FrontierRow]) -> SVGPlot {
  var plot = SVGPlot(title: "Operating points over λ (test)", xLabel: "Average cost (USD per 10K samples, log scale)",
                     yLabel: "Average accuracy (%)", logX: true)
  for (k, r) in frontiers.dropFirst().filter({ $0.points.count > 1 }).enumerated() {
    let c = SVGPlot.palette[k % SVGPlot.palette.count]
    plot.series.append(.init(name: r.name, points: r.points.map { ($0.cost, $0.quality) }, color: c,
                             labels: r.points.map(\.label)))
    if let f = r.fit, let lo = r.points.map(\.cost).min(), let hi = r.points.map(\.cost).max() {
      plot.series.append(.init(name: "", points: curve(f, from: lo, to: hi), color: c, marker: nil, line: true))
    }
  }
  return plot
}
