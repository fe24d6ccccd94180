public import EdgeCloud
internal import Foundation
public import Reports

/// The supplementary's tables and the curve, from the runs of one pair (docs/multimetric.md, "Commands").
public enum QualityReport {
  /// Table 5–22 layout at one rate: a row for the edge model, one for the cloud model, one per router; a column
  /// per metric (four decimals) and ΔP (two decimals, "n/a" when undefined). The caption names undefined metrics.
  public static func metricTable(pair: EdgeCloudPair, metrics: MetricCatalog, results: [(String, DeltaPCurve)],
                                 rate: RoutingRate) -> TextTable {
    let points = results.compactMap { name, c in c.point(at: rate).map { (name, $0) } }
    let header = ["Router"] + metrics.map { $0.name.rawValue.capitalizedFirst } + ["ΔP(%)"]
    var rows: [[String]] = []
    if let first = points.first?.1 {
      rows.append(["Edge Model: \(pair.edge)"] + first.metrics.map { fixed($0.edge, 4) } + ["-"])
      rows.append(["Cloud Model: \(pair.cloud)"] + first.metrics.map { fixed($0.cloud, 4) } + ["-"])
    }
    var notes: [String] = []
    for (name, p) in points {
      rows.append([name] + p.metrics.map { fixed($0.router, 4) } + [p.deltaP.map { fixed($0, 2) } ?? "n/a"])
      if let n = p.note, !notes.contains(n) { notes.append(n) }
    }
    let arrows = metrics.contains { !$0.higherIsBetter } ? " Metrics marked ↓ are better when lower." : ""
    return TextTable(
      title: "Multi-metric quality at a \(rate) routing rate, \(pair.edge) (edge) → \(pair.cloud) (cloud)",
      caption: "The router sends the top \(rate) of test prompts by cloud score to the cloud (ties: earlier sample "
        + "first). ΔP = mean over metrics of (P_router − P_edge)/|P_cloud − P_edge| × 100." + arrows
        + (notes.isEmpty ? "" : " " + notes.joined(separator: " ")),
      header: header.enumerated().map { j, h in
        j >= 1 && j <= metrics.count && !metrics[j - 1].higherIsBetter ? h + " ↓" : h
      }, rows: rows)
  }

  /// ΔP at every rate per router, and the area under the ΔP–routing-rate curve.
  public static func curveTable(pair: EdgeCloudPair, results: [(String, DeltaPCurve)]) -> TextTable {
    let rates = results.first?.1.points.map(\.rate) ?? []
    return TextTable(
      title: "ΔP (%) against the routing rate, \(pair.label)",
      caption: "Area = ∫₀¹ ΔP(r) dr by the trapezoid rule over the listed rates (n/a: fewer than two defined points).",
      header: ["Router"] + rates.map(\.description) + ["Area"],
      rows: results.map { name, c in
        [name] + rates.map { r in c.point(at: r)?.deltaP.map { fixed($0, 2) } ?? "n/a" }
          + [c.area.map { fixed($0, 2) } ?? "n/a"]
      })
  }

  /// Table 4's layout for single metrics (HPSv2- and MPS-style): per metric its mean and ΔP at `rate`, the edge
  /// and cloud rows first.
  public static func singleMetricTable(pair: EdgeCloudPair, metrics: [MetricName], results: [(String, DeltaPCurve)],
                                       rate: RoutingRate) -> TextTable {
    let points = results.compactMap { name, c in c.point(at: rate).map { (name, $0) } }
    func outcome(_ p: RateEvaluation, _ m: MetricName) -> MetricOutcome? { p.metrics.first { $0.metric == m } }
    var rows: [[String]] = []
    if let first = points.first?.1 {
      rows.append(["Edge"] + metrics.flatMap { m in [outcome(first, m).map { fixed($0.edge, 4) } ?? "n/a", "-"] })
      rows.append(["Cloud"] + metrics.flatMap { m in [outcome(first, m).map { fixed($0.cloud, 4) } ?? "n/a", "-"] })
    }
    for (name, p) in points {
      rows.append([name] + metrics.flatMap { m -> [String] in
        guard let o = outcome(p, m) else { return ["n/a", "n/a"] }
        return [fixed(o.router, 4), o.deltaP.map { fixed($0, 2) } ?? "n/a"]
      })
    }
    return TextTable(title: "Single-metric ΔP at a \(rate) routing rate, \(pair.label)",
                     caption: "Each metric's own ΔP = (P_router − P_edge)/|P_cloud − P_edge| × 100 (n/a: P_cloud = P_edge).",
                     header: ["Router"] + metrics.flatMap { [$0.rawValue, "ΔP(%)"] }, rows: rows)
  }

  /// The ΔP–routing-rate curves as CSV: pair, router, rate, cloud share, ΔP, then per metric its routed mean and
  /// ΔP.
  public static func curveCSV(_ runs: [(pair: EdgeCloudPair, router: String, curve: DeltaPCurve)],
                              metrics: MetricCatalog) -> String {
    var out = "pair,router,rate,cloud_share,delta_p," + metrics.map { "\($0.name),delta_p:\($0.name)" }
      .joined(separator: ",") + "\n"
    for r in runs {
      for p in r.curve.points {
        var cells = [r.pair.label, r.router, String(p.rate.value), String(p.cloudShare), p.deltaP.map { String($0) } ?? ""]
        for m in metrics {
          let o = p.metrics.first { $0.metric == m.name }
          cells += [o.map { String($0.router) } ?? "", o?.deltaP.map { String($0) } ?? ""]
        }
        out += cells.map(csvField).joined(separator: ",") + "\n"
      }
    }
    return out
  }

  /// The ΔP–routing-rate figure of one pair.
  public static func curvePlot(pair: EdgeCloudPair, results: [(String, DeltaPCurve)]) -> String {
    var plot = SVGPlot(title: "ΔP against the routing rate, \(pair.label)", xLabel: "routing rate (share to cloud)",
                       yLabel: "ΔP (%)", logX: false)
    for (k, (name, c)) in results.enumerated() {
      plot.series.append(SVGPlot.Series(
        name: name, points: c.points.compactMap { p in p.deltaP.map { (p.rate.value, $0) } },
        color: PlotStyle.palette[k % PlotStyle.palette.count], line: true))
    }
    return plot.render()
  }
}

extension String {
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
