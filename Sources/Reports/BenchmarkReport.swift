public import BenchCore
public import Foundation

/// What a report is made of: the benchmark's description and every stored result.
public struct ReportInput: Sendable {
  public var benchmarkName: String
  /// "vl-routerbench" when the data follows that preset (then the paper's figures sit beside ours).
  public var preset: String?
  public var simulated: Bool
  public var datasets: [DatasetInfo]
  /// Routers in table order (registry order); routers not listed come after, by name.
  public var routerOrder: [String]
  public var results: [ResultRow]
  public var bounds: CostBounds
  /// Each single model on the test split (cost in USD per 10K samples, accuracy in %), for frontiers and plots.
  public var singleModels: [OperatingPoint]
  /// Provenance shown in the HTML report: (label, value) pairs such as inputs, hashes, seeds, price table.
  public var provenance: [(String, String)]

  public init(benchmarkName: String, preset: String?, simulated: Bool, datasets: [DatasetInfo],
              routerOrder: [String], results: [ResultRow], bounds: CostBounds, singleModels: [OperatingPoint] = [],
              provenance: [(String, String)] = []) {
    self.benchmarkName = benchmarkName
    self.preset = preset
    self.simulated = simulated
    self.datasets = datasets
    self.routerOrder = routerOrder
    self.results = results
    self.bounds = bounds
    self.singleModels = singleModels
    self.provenance = provenance
  }

  var paper: PaperFigures? { PaperFigures.forPreset(preset) }

  /// Datasets in the paper's table order: by group (General, STEM, Chart & Doc, Other), then display name.
  var orderedDatasets: [DatasetInfo] {
    let groupOrder = DatasetGroup.allCases
    return datasets.sorted {
      let g0 = groupOrder.firstIndex(of: $0.group)!, g1 = groupOrder.firstIndex(of: $1.group)!
      return g0 != g1 ? g0 < g1 : $0.displayName < $1.displayName
    }
  }

  /// Routers present in the results, in table order.
  var routers: [String] {
    let present = Set(results.map(\.router))
    return routerOrder.filter(present.contains) + present.subtracting(routerOrder).sorted()
  }

  /// λ values present, in numeric order: `.notApplicable` (λ-independent) is not a column of its own.
  public var lambdas: [Lambda] {
    Set(results.map(\.lambda)).subtracting([.notApplicable]).sorted()
  }
}

/// The per-dataset long-format CSV (`per-dataset.csv`), test split, one row per run × dataset and an `ALL` row.
///
/// Columns: `lambda,router,seed,dataset,group,samples,accuracy_pct,cost_usd_per_10k,rank_score`; accuracy and
/// rank score in percent, cost in USD per 10,000 samples, four decimals. λ-independent routers carry λ "-".
public func perDatasetCSV(_ input: ReportInput) -> String {
  let order = input.orderedDatasets
  let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.name, $0) })
  let info = Dictionary(uniqueKeysWithValues: input.datasets.map { ($0.name, $0) })
  let routerRank = Dictionary(uniqueKeysWithValues: input.routers.enumerated().map { ($1, $0) })
  let rows = input.results.filter { $0.split == .test }.sorted {
    ($0.lambda, routerRank[$0.router] ?? .max, $0.seed, position[$0.dataset] ?? .max)
      < ($1.lambda, routerRank[$1.router] ?? .max, $1.seed, position[$1.dataset] ?? .max)
  }
  var s = "lambda,router,seed,dataset,group,samples,accuracy_pct,cost_usd_per_10k,rank_score\n"
  for r in rows {
    let isAll = r.dataset == ResultRow.allDatasets
    let name = isAll ? ResultRow.allDatasets : info[r.dataset]?.displayName ?? r.dataset
    let group = isAll ? "All" : info[r.dataset]?.group.rawValue ?? DatasetGroup.other.rawValue
    s += [csvField(r.lambdaLabel), csvText(r.router), String(r.seed), csvText(name), csvText(group),
          String(r.outcome.samples), fixed(r.outcome.accuracyPercent, 4), fixed(r.outcome.costPer10K, 4),
          fixed(r.rankScore * 100, 4)].joined(separator: ",") + "\n"
  }
  return s
}

/// Mean over seeds of the test results of one router at one λ (λ-independent runs count at every λ).
struct Cell {
  var accuracy: Double, cost: Double, rankScore: Double, seeds: Int
}

func testCells(_ input: ReportInput, lambda: Lambda) -> [String: [String: Cell]] {
  // router → dataset → mean cell
  var acc: [String: [String: (Double, Double, Double, Int)]] = [:]
  for r in input.results where r.split == .test && (r.lambda == lambda || r.lambda == .notApplicable) {
    var e = acc[r.router, default: [:]][r.dataset, default: (0, 0, 0, 0)]
    e.0 += r.outcome.accuracyPercent
    e.1 += r.outcome.costPer10K
    e.2 += r.rankScore * 100
    e.3 += 1
    acc[r.router, default: [:]][r.dataset] = e
  }
  return acc.mapValues { $0.mapValues { Cell(accuracy: $0.0 / Double($0.3), cost: $0.1 / Double($0.3),
                                             rankScore: $0.2 / Double($0.3), seeds: $0.3) } }
}

/// The paper's per-dataset table (Tables A1–A6 layout) for one λ: rows grouped General / STEM / Chart & Doc with
/// Avg. Acc. and Avg. Cost per dataset, then the All-Datasets averages and rank score; one column per router.
/// On the vl-routerbench preset each cell reads "ours (paper)".
public func perDatasetTable(_ input: ReportInput, lambda: Lambda) -> TextTable {
  let cells = testCells(input, lambda: lambda)
  let routers = input.routers
  let paper = input.paper
  let tableName = PaperFigures.lambdaTables.first { $0.label == lambda.label }.map { "Table \($0.table)" } ?? "Table"
  func cell(_ router: String, _ dataset: DatasetInfo?, _ metric: PaperFigures.Metric) -> String {
    let key = dataset?.name ?? ResultRow.allDatasets
    guard let c = cells[router]?[key] else { return "–" }
    let v: Double = switch metric {
    case .accuracy: c.accuracy
    case .cost: c.cost
    case .rankScore: c.rankScore
    }
    var s = fixed(v)
    if let paper, let p = paper.value(lambda: lambda.label, dataset: dataset?.displayName ?? "All Datasets",
                                      metric: metric, method: router) {
      s += " (\(fixed(p)))"
    }
    return s
  }
  var rows: [[String]] = []
  var lastGroup: DatasetGroup?
  for d in input.orderedDatasets where cells.values.contains(where: { $0[d.name] != nil }) {
    let g = d.group == lastGroup ? "" : d.group.rawValue
    lastGroup = d.group
    rows.append([g, d.displayName, "Avg. Acc. ↑"] + routers.map { cell($0, d, .accuracy) })
    rows.append(["", "", "Avg. Cost ↓"] + routers.map { cell($0, d, .cost) })
  }
  rows.append(["Average", "All Datasets", "Avg. Acc. ↑"] + routers.map { cell($0, nil, .accuracy) })
  rows.append(["", "", "Avg. Cost ↓"] + routers.map { cell($0, nil, .cost) })
  rows.append(["", "", "Rank Score ↑"] + routers.map { cell($0, nil, .rankScore) })
  var caption = "\(input.simulated ? "Simulated benchmark" : "Benchmark") `\(input.benchmarkName)`, test split, λ = \(lambda). "
  caption += "Avg. Acc. in %, Avg. Cost in USD per 10K samples, Rank Score in % (β = 0.1, "
  caption += "c_min = \(fixed(input.bounds.cmin * 10_000, 3)), c_max = \(fixed(input.bounds.cmax * 10_000, 3)) USD/10K). "
  caption += "Seed-dependent routers: mean over seeds; λ-independent routers appear in every table."
  if paper != nil { caption += " Each cell: ours (paper)." }
  return TextTable(title: "\(tableName) — λ = \(lambda)", caption: caption,
                   header: ["Group", "Dataset", "Metric"] + routers, rows: rows, textColumns: 3)
}

/// Every file of the benchmark report, by relative path.
///
/// Everything is deterministic except `timings.csv`, the measured timings (throughput included); the tables,
/// `main-table.csv` and `index.html` hold no measured figure. `bootstrap` supplies the intervals and p-values of
/// the main table (``StoredReport/bootstrap(main:store:resamples:seed:level:)``).
public func reportFiles(_ input: ReportInput, timings: [RunTiming] = [],
                        bootstrap: ReportBootstrap = .none) -> [(path: String, contents: String)] {
  var files: [(String, String)] = [("per-dataset.csv", perDatasetCSV(input))]
  let main = mainTable(input, timings: timings)
  let mainText = mainTableText(input, rows: main, bootstrap: bootstrap)
  files.append(("main-table.csv", mainTableCSV(main, bootstrap: bootstrap)))
  files.append(("tables/main-table.md", mainText.markdown))
  files.append(("tables/main-table.tex", mainText.latex))
  files.append(("timings.csv", timingsCSV(input, timings: timings)))
  let frontiers = frontierRows(input)
  let frontierText = frontierTable(frontiers)
  files.append(("frontiers.csv", frontierText.csv))
  files.append(("tables/frontiers.md", frontierText.markdown))
  let overview = overviewPlot(input, main: main, frontiers: frontiers).render()
  let lambdaSVG = lambdaPlot(frontiers).render()
  files.append(("plots/overview.svg", overview))
  files.append(("plots/lambda-sweep.svg", lambdaSVG))
  let lambdas = input.lambdas.isEmpty ? [Lambda.finite(0)] : input.lambdas
  var index = "# RouterBench report — \(input.benchmarkName)\n\n"
  if input.simulated { index += "> Simulated benchmark (calibrated to VL-RouterBench); not real model outputs.\n\n" }
  index += mainText.markdown + "\n"
  for l in lambdas {
    let t = perDatasetTable(input, lambda: l)
    let stem = "tables/" + (PaperFigures.lambdaTables.first { $0.label == l.label }?.table ?? "lambda-\(l.label)")
    files.append((stem + ".md", t.markdown))
    files.append((stem + ".csv", t.csv))
    files.append((stem + ".tex", t.latex))
    index += t.markdown + "\n"
  }
  index += frontierText.markdown + "\n![Accuracy vs cost](plots/overview.svg)\n\n![Operating points over λ](plots/lambda-sweep.svg)\n"
  files.append(("README.md", index))
  files.append(("index.html", htmlReport(input, main: mainText, frontiers: frontierText,
                                         lambdaTables: lambdas.map { perDatasetTable(input, lambda: $0) })))
  return files
}

/// Writes the report files under `directory` (created if needed).
public func writeReport(_ input: ReportInput, timings: [RunTiming] = [], bootstrap: ReportBootstrap = .none,
                        to directory: URL) throws {
  for (path, contents) in reportFiles(input, timings: timings, bootstrap: bootstrap) {
    let url = directory.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url, options: .atomic)
  }
}

/// `timings.csv`: per run, training and routing seconds and throughput (measured; not part of the tables).
func timingsCSV(_ input: ReportInput, timings: [RunTiming]) -> String {
  var meta: [Int64: ResultRow] = [:]
  for r in input.results where meta[r.runID] == nil { meta[r.runID] = r }
  var s = "router,lambda,seed,train_seconds,route_seconds,routed_input_tokens,throughput_k_tokens_per_s\n"
  for t in timings.sorted(by: { $0.runID < $1.runID }) {
    guard let m = meta[t.runID] else { continue }
    let tput = t.routeSeconds > 0 ? fixed(Double(t.routedInputTokens) / t.routeSeconds / 1000, 2) : ""
    s += [csvText(m.router), csvField(m.lambdaLabel), String(m.seed), fixed(t.trainSeconds, 4),
          fixed(t.routeSeconds, 4), String(t.routedInputTokens), tput].joined(separator: ",") + "\n"
  }
  return s
}

/// `index.html`: provenance, the main table, frontiers, the two plots (inline SVG) and Tables A1–A6 on one page.
func htmlReport(_ input: ReportInput, main: TextTable, frontiers: TextTable, lambdaTables: [TextTable]) -> String {
  var body = ""
  if input.simulated {
    body += "<p class=\"banner\">Simulated benchmark, calibrated to VL-RouterBench: not real model outputs.</p>\n"
  }
  if !input.provenance.isEmpty {
    body += "<h2>Provenance</h2>\n<table>\n<tbody>\n"
    for (k, v) in input.provenance { body += "<tr><th>\(xml(k))</th><td><code>\(xml(v))</code></td></tr>\n" }
    body += "</tbody>\n</table>\n"
  }
  body += "<h2>Main table</h2>\n" + htmlTable(main, heading: false)
  body += "<h2>Frontiers</h2>\n" + htmlTable(frontiers, heading: false)
  body += "<figure><img src=\"plots/overview.svg\" alt=\"Accuracy vs cost\" width=\"760\"></figure>\n"
  body += "<figure><img src=\"plots/lambda-sweep.svg\" alt=\"Operating points over lambda\" width=\"760\"></figure>\n"
  body += "<h2>Per-dataset tables</h2>\n" + lambdaTables.map { htmlTable($0) }.joined()
  return htmlPage(title: "RouterBench report — \(input.benchmarkName)", body: body)
}
