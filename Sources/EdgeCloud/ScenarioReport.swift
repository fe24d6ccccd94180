internal import BenchStore
public import Reports
internal import BenchCore
public import Foundation

/// The paper-layout tables and figures of scenario runs (ECVL-Router Tables 1, 3, 4; Fig. 2, 9, 11, 12), written
/// with the report module's `TextTable` (Markdown, CSV, LaTeX) and `SVGPlot`.
public enum ScenarioReport {
  /// An output file: a path relative to the output directory and its text.
  public struct File: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
      self.path = path
      self.text = text
    }
  }

  /// The scenario whose operating point gives the APSP, CA and AIL columns: quality when the plan has it.
  static func primary(_ scenarios: [Scenario]) -> Scenario { scenarios.contains(.quality) ? .quality : scenarios[0] }

  static func value(_ v: Double?, _ digits: Int) -> String { v.map { fixed($0, digits) } ?? "n/a" }

  // MARK: Table 1

  /// Table 1: per pair and router, APSP, CA and AIL at the primary scenario's test operating point, then every
  /// scenario's RCS at its own operating point (each chose its τ and epoch on dev).
  public static func table1(_ results: [ScenarioRunResult], scenarios: [Scenario], digits: Int = 3) -> TextTable {
    let p = primary(scenarios)
    let rows = results.map { r -> [String] in
      let m = r.result(p)
      return [r.spec.pair.label, r.spec.variant.name, value(m?.apsp, digits), value(m?.ca, digits),
              value(m?.ail, 2)] + scenarios.map { value(r.result($0)?.rcs, digits) }
    }
    return TextTable(
      title: "Model router performance on \(Set(results.map(\.spec.pair)).count) model pairs (test split)",
      caption: "APSP, CA, AIL [s] at the \(p.name) scenario's operating point (τ and epoch chosen on dev); each RCS at "
        + "its own scenario's operating point. MES \(results.first.map { "\($0.spec.mes)" } ?? "-"), labels "
        + (results.first?.spec.rule.label ?? "-") + ".",
      header: ["Model Pair", "Model Router", "APSP ↑", "CA ↑", "AIL [s] ↓"] + scenarios.map { "\($0.rcsLabel) ↑" },
      rows: rows, textColumns: 2)
  }

  // MARK: Table 3

  /// Table 3: the branch ablation on one pair (four decimals).
  public static func table3(_ results: [ScenarioRunResult], scenarios: [Scenario]) -> TextTable {
    let p = primary(scenarios)
    let rows = results.map { r -> [String] in
      let m = r.result(p)
      return [r.spec.variant.name, value(m?.apsp, 4), value(m?.ca, 4), value(m?.ail, 4)]
        + scenarios.map { value(r.result($0)?.rcs, 4) }
    }
    return TextTable(
      title: "Ablation of ECVL-Router's components on \(results.first?.spec.pair.label ?? "-") (test split)",
      caption: "APSP, CA, AIL [s] at the \(p.name) scenario's operating point; each RCS at its own.",
      header: ["Method", "APSP ↑", "CA ↑", "AIL [s] ↓"] + scenarios.map { "\($0.rcsLabel) ↑" }, rows: rows)
  }

  // MARK: Table 4

  /// Table 4: one column per labelling rule (the same router), the primary scenario's test operating point.
  public static func table4(_ results: [ScenarioRunResult], scenarios: [Scenario]) -> TextTable {
    let p = primary(scenarios)
    let cells = results.map { $0.result(p) }
    func row(_ name: String, _ f: (ScenarioResultRow) -> String) -> [String] {
      [name] + cells.map { $0.map(f) ?? "n/a" }
    }
    var rows = [
      row("APSP ↑") { fixed($0.apsp, 4) },
      row("CA ↑") { fixed($0.ca, 4) },
      row("AIL [s] ↓") { fixed($0.ail, 4) },
    ]
    for s in scenarios { rows.append([s.rcsLabel + " ↑"] + results.map { value($0.result(s)?.rcs, 4) }) }
    rows += [
      row("ACC ↑") { fixed($0.accuracy, 4) },
      row("PGR ↑") { value($0.pgr, 4) },
      row("Token saving ↑") { $0.tokenSaving.map(String.init) ?? "n/a" },
      row("Time saving [s] ↑") { fixed($0.timeSaving, 0) },
    ]
    return TextTable(
      title: "Routing strategies under one label/metric protocol: \(results.first?.spec.variant.name ?? "-") on "
        + "\(results.first?.spec.pair.label ?? "-") (test split)",
      caption: "Each column trains on its own labels (win-hard: edge ≥ cloud; win-soft(k): edge + k ≥ cloud) and is "
        + "scored at MES \(results.first.map { "\($0.spec.mes)" } ?? "-"); ACC against its own labels; RCS rows at "
        + "each scenario's operating point, the other rows at the \(p.name) one.",
      header: ["Metric"] + results.map { $0.spec.rule.title }, rows: rows)
  }

  // MARK: τ curves (Fig. 2) and validation vs test (App. B.2, Fig. 9)

  /// Every stored curve point as CSV rows.
  public static func curvesTable(_ results: [ScenarioRunResult]) -> TextTable {
    var rows: [[String]] = []
    for r in results {
      for c in r.stored.curves {
        rows.append([r.spec.pair.label, r.spec.variant.name, "\(r.spec.mes)", r.spec.rule.label, c.scenario,
                     c.split.rawValue, fixed(c.tau, 2), fixed(c.apsp, 4), fixed(c.ca, 4), fixed(c.ail, 4),
                     fixed(c.rcs, 4)])
      }
    }
    return TextTable(title: "Metrics against τ", header: ["pair", "router", "mes", "labels", "scenario", "split",
                                                          "tau", "apsp", "ca", "ail", "rcs"], rows: rows,
                     textColumns: 6)
  }

  /// Fig. 2 for one pair: (a) APSP, CA and AIL against τ at the primary scenario's kept weights, (b) each RCS
  /// against τ at its scenario's kept weights; thresholded routers only, test split.
  public static func tauFigures(_ results: [ScenarioRunResult], scenarios: [Scenario], prefix: String) -> [File] {
    let curves = results.filter(\.spec.variant.usesThreshold)
    guard !curves.isEmpty else { return [] }
    let p = primary(scenarios)
    let title = curves[0].spec.pair.label
    var files: [File] = []
    let metrics: [(String, String, (ScenarioCurvePoint) -> Double)] = [
      ("apsp", "APSP", { $0.apsp }), ("ca", "CA", { $0.ca }), ("ail", "AIL [s]", { $0.ail }),
    ]
    for (file, label, f) in metrics {
      var plot = SVGPlot(title: "\(label) vs τ — \(title)", xLabel: "τ", yLabel: label, logX: false)
      for (k, r) in curves.enumerated() {
        plot.series.append(.init(name: r.spec.variant.name, points: r.curve(p).map { ($0.tau, f($0)) },
                                 color: PlotStyle.palette[k % PlotStyle.palette.count], marker: .circle, line: true))
      }
      files.append(File(path: "\(prefix)-\(file).svg", text: plot.render()))
    }
    for s in scenarios {
      var plot = SVGPlot(title: "\(s.rcsLabel) vs τ — \(title)", xLabel: "τ", yLabel: s.rcsLabel, logX: false)
      for (k, r) in curves.enumerated() {
        let c = r.curve(s)
        var labels = [String](repeating: "", count: c.count)
        if let tau = r.result(s)?.tau, let j = c.firstIndex(where: { $0.tau == tau }) { labels[j] = "τ*=" + fixed(tau, 2) }
        plot.series.append(.init(name: r.spec.variant.name, points: c.map { ($0.tau, $0.rcs) },
                                 color: PlotStyle.palette[k % PlotStyle.palette.count], marker: .circle, line: true,
                                 labels: labels))
      }
      files.append(File(path: "\(prefix)-\(s.rcsLabel.lowercased()).svg", text: plot.render()))
    }
    return files
  }

  /// Pearson's r of two equally long series (nil when either is constant).
  public static func pearson(_ a: [Double], _ b: [Double]) -> Double? {
    precondition(a.count == b.count, "pearson: lengths \(a.count) and \(b.count)")
    guard a.count > 1 else { return nil }
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in a.indices {
      sab += (a[i] - ma) * (b[i] - mb)
      saa += (a[i] - ma) * (a[i] - ma)
      sbb += (b[i] - mb) * (b[i] - mb)
    }
    guard saa > 0, sbb > 0 else { return nil }
    return sab / (saa * sbb).squareRoot()
  }

  /// App. B.2: per thresholded router and scenario, Pearson's r between the dev and test RCS-against-τ curves of
  /// the kept weights, their mean absolute difference, τ* (chosen on dev) and the τ that would be best on test.
  public static func validationTest(_ results: [ScenarioRunResult], scenarios: [Scenario]) -> TextTable {
    var rows: [[String]] = []
    for r in results where r.spec.variant.usesThreshold {
      for s in scenarios {
        let dev = r.curve(s, split: .dev), test = r.curve(s, split: .test)
        guard dev.count == test.count, !dev.isEmpty else { continue }
        let a = dev.map(\.rcs), b = test.map(\.rcs)
        let mad = zip(a, b).reduce(0.0) { $0 + abs($1.0 - $1.1) } / Double(a.count)
        let bestTest = test.max { $0.rcs < $1.rcs }.map(\.tau)
        rows.append([r.spec.pair.label, r.spec.variant.name, s.rcsLabel, value(pearson(a, b), 3), fixed(mad, 4),
                     value(r.result(s)?.tau, 2), value(bestTest, 2)])
      }
    }
    return TextTable(title: "Validation vs test: RCS against τ",
                     caption: "Pearson's r and mean absolute difference between the dev and test curves of the kept "
                       + "weights (the paper reports r ≈ 0.99 and 0.010–0.012 for ECVL-Router on 38B/1B).",
                     header: ["Model Pair", "Model Router", "Score", "Pearson r", "Mean |Δ|", "τ* (dev)",
                              "best τ (test)"], rows: rows, textColumns: 3)
  }

  /// Fig. 9 for one router: each RCS against τ on dev (solid) and test (dashed).
  public static func validationTestFigure(_ r: ScenarioRunResult, scenarios: [Scenario], path: String) -> File {
    var plot = SVGPlot(title: "Validation vs test — \(r.spec.variant.name), \(r.spec.pair.label)", xLabel: "τ",
                       yLabel: "RCS", logX: false)
    for (k, s) in scenarios.enumerated() {
      let color = PlotStyle.palette[k % PlotStyle.palette.count]
      plot.series.append(.init(name: "\(s.rcsLabel) dev", points: r.curve(s, split: .dev).map { ($0.tau, $0.rcs) },
                               color: color, marker: nil, line: true))
      plot.series.append(.init(name: "\(s.rcsLabel) test", points: r.curve(s, split: .test).map { ($0.tau, $0.rcs) },
                               color: color, marker: nil, line: true, dashed: true))
    }
    return File(path: path, text: plot.render())
  }

  // MARK: MES sweep (Fig. 11, 12)

  /// Every (router, MES) result of a sweep: the primary scenario's APSP, CA, AIL, failure rate (1 − APSP), each RCS.
  public static func mesTable(_ results: [ScenarioRunResult], scenarios: [Scenario]) -> TextTable {
    let p = primary(scenarios)
    let rows = results.map { r -> [String] in
      let m = r.result(p)
      return [r.spec.variant.name, "\(r.spec.mes)", value(m?.apsp, 4), value(m?.ca, 4), value(m?.ail, 4),
              value(m.map { 1 - $0.apsp }, 4)] + scenarios.map { value(r.result($0)?.rcs, 4) }
    }
    return TextTable(title: "Metrics against MES on \(results.first?.spec.pair.label ?? "-") (test split)",
                     caption: "APSP, CA, AIL and the failure rate 1 − APSP at the \(p.name) scenario's operating "
                       + "point; each RCS at its own.",
                     header: ["Model Router", "MES", "APSP", "CA", "AIL [s]", "Failure rate"]
                       + scenarios.map(\.rcsLabel), rows: rows, textColumns: 2)
  }

  /// Fig. 12 (a) APSP, CA, AIL against MES per router, (b) each RCS's advantage over the best other router, and
  /// Fig. 11: CA and the failure rate against MES for `focus` (ECVL-Router).
  public static func mesFigures(_ results: [ScenarioRunResult], scenarios: [Scenario], focus: String,
                                prefix: String) -> [File] {
    let p = primary(scenarios)
    var names: [String] = []
    for r in results where !names.contains(r.spec.variant.name) { names.append(r.spec.variant.name) }
    let mesValues = Array(Set(results.map { $0.spec.mes.value })).sorted()
    func at(_ name: String, _ mes: Double) -> ScenarioRunResult? {
      results.first { $0.spec.variant.name == name && $0.spec.mes.value == mes }
    }
    var files: [File] = []
    let metrics: [(String, String, (ScenarioResultRow) -> Double)] = [
      ("apsp", "APSP", { $0.apsp }), ("ca", "CA", { $0.ca }), ("ail", "AIL [s]", { $0.ail }),
    ]
    for (file, label, f) in metrics {
      var plot = SVGPlot(title: "\(label) vs MES", xLabel: "MES", yLabel: label, logX: false)
      for (k, n) in names.enumerated() {
        let pts = mesValues.compactMap { m in at(n, m)?.result(p).map { (m, f($0)) } }
        plot.series.append(.init(name: n, points: pts, color: PlotStyle.palette[k % PlotStyle.palette.count],
                                 marker: .circle, line: true))
      }
      files.append(File(path: "\(prefix)-\(file).svg", text: plot.render()))
    }
    for s in scenarios {
      var plot = SVGPlot(title: "\(s.rcsLabel) advantage over the best other router", xLabel: "MES",
                         yLabel: "Δ\(s.rcsLabel)", logX: false)
      for (k, n) in names.enumerated() {
        let pts = mesValues.compactMap { m -> (x: Double, y: Double)? in
          guard let mine = at(n, m)?.result(s)?.rcs else { return nil }
          let others = names.filter { $0 != n }.compactMap { at($0, m)?.result(s)?.rcs }
          guard let best = others.max() else { return nil }
          return (m, mine - best)
        }
        plot.series.append(.init(name: n, points: pts, color: PlotStyle.palette[k % PlotStyle.palette.count],
                                 marker: .circle, line: true))
      }
      files.append(File(path: "\(prefix)-advantage-\(s.rcsLabel.lowercased()).svg", text: plot.render()))
    }
    var risk = SVGPlot(title: "CA and failure rate vs MES — \(focus)", xLabel: "MES", yLabel: "share", logX: false)
    let focusPoints = mesValues.compactMap { m in at(focus, m)?.result(p).map { (m, $0) } }
    risk.series.append(.init(name: "CA", points: focusPoints.map { ($0.0, $0.1.ca) }, color: PlotStyle.palette[0],
                             marker: .square, line: true))
    risk.series.append(.init(name: "failure rate", points: focusPoints.map { ($0.0, 1 - $0.1.apsp) },
                             color: PlotStyle.palette[1], marker: .circle, line: true))
    files.append(File(path: "\(prefix)-risk.svg", text: risk.render()))
    return files
  }

  /// Markdown, CSV and LaTeX files of a table.
  public static func files(_ table: TextTable, stem: String) -> [File] {
    [File(path: stem + ".md", text: table.markdown), File(path: stem + ".csv", text: table.csv),
     File(path: stem + ".tex", text: table.latex)]
  }

  /// Writes files under `dir` (creating folders).
  public static func write(_ files: [File], to dir: URL) throws {
    let fm = FileManager.default
    for f in files {
      let url = dir.appendingPathComponent(f.path)
      try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(f.text.utf8).write(to: url, options: .atomic)
    }
  }
}
