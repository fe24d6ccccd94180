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
  /// What accuracy counts in every table, caption and plot (default: the paper's rule).
  public var accuracy: AccuracyRule
  /// The correctness thresholds of the runs shown (one value unless runs differ), for the captions.
  public var correctThresholds: [Float]

  public init(benchmarkName: String, preset: String?, simulated: Bool, datasets: [DatasetInfo],
              routerOrder: [String], results: [ResultRow], bounds: CostBounds, singleModels: [OperatingPoint] = [],
              provenance: [(String, String)] = [], accuracy: AccuracyRule = .correct,
              correctThresholds: [Float] = [1]) {
    self.benchmarkName = benchmarkName
    self.preset = preset
    self.simulated = simulated
    self.datasets = datasets
    self.routerOrder = routerOrder
    self.results = results
    self.bounds = bounds
    self.singleModels = singleModels
    self.provenance = provenance
    self.accuracy = accuracy
    self.correctThresholds = correctThresholds
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

  /// Each router's plot style, by its position in ``routers`` (the same in every plot).
  var styles: [String: PlotStyle] {
    Dictionary(uniqueKeysWithValues: routers.enumerated().map { ($1, PlotStyle.nth($0)) })
  }

  /// "Simulated benchmark vl-routerbench-sim" / "Benchmark mine": how captions name the data (no markup: the name is
  /// escaped per format like every other cell).
  var benchmarkPhrase: String { "\(simulated ? "Simulated benchmark" : "Benchmark") \(benchmarkName)" }
}

/// A λ in a CSV file: empty when not applicable (λ-independent routers), `inf` for ∞, else the number — so pandas
/// and numpy read the column as floats.
func csvLambda(_ l: Lambda) -> String {
  switch l {
  case .notApplicable: ""
  case .infinity: "inf"
  case .finite: l.label
  }
}

/// The per-dataset long-format CSV (`per-dataset.csv`), test split, one row per run × dataset and an `ALL` row.
///
/// Columns: `lambda,router,seed,dataset,group,samples,accuracy_pct,cost_usd_per_10k,rank_score`; accuracy and
/// rank score in percent, cost in USD per 10,000 samples, four decimals; accuracy (and the rank score) under the
/// report's ``AccuracyRule``. λ is numeric: empty for λ-independent routers, `inf` for ∞.
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
    s += [csvLambda(r.lambda), csvText(r.router), String(r.seed), csvText(name), csvText(group),
          String(r.outcome.samples), fixed(input.accuracyPercent(r.outcome), 4), fixed(r.outcome.costPer10K, 4),
          fixed(input.rankScore(r) * 100, 4)].joined(separator: ",") + "\n"
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
    e.0 += input.accuracyPercent(r.outcome)
    e.1 += r.outcome.costPer10K
    e.2 += input.rankScore(r) * 100
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
  var caption = "\(input.benchmarkPhrase), test split, λ = \(lambda). "
  caption += "Avg. Acc. in %, Avg. Cost in USD per 10K samples, Rank Score in % (β = 0.1, "
  caption += "c_min = \(fixed(input.bounds.cmin * 10_000, 3)), c_max = \(fixed(input.bounds.cmax * 10_000, 3)) USD/10K). "
  caption += input.accuracySentence + " "
  caption += "Seed-dependent routers: mean over seeds; λ-independent routers appear in every table."
  if paper != nil { caption += " Each cell: ours (paper)." }
  return TextTable(title: "\(tableName) — λ = \(lambda)", caption: caption,
                   header: ["Group", "Dataset", "Metric"] + routers, rows: rows, textColumns: 3)
}

/// A per-dataset table (Tables A1–A6) as tidy CSV for pandas: one row per dataset × metric (`group,dataset,metric`,
/// metric `accuracy_pct`, `cost_usd_per_10k` or `rank_score`; dataset `ALL` for the sample-weighted total), one
/// numeric column per router, and on the preset one `<router> (paper)` column per router the paper reports. A
/// missing figure is an empty cell.
func perDatasetTableCSV(_ input: ReportInput, lambda: Lambda) -> String {
  let cells = testCells(input, lambda: lambda)
  let routers = input.routers
  let paper = input.paper
  let metrics: [(PaperFigures.Metric, String)] = [(.accuracy, "accuracy_pct"), (.cost, "cost_usd_per_10k"),
                                                  (.rankScore, "rank_score")]
  func value(_ c: Cell, _ m: PaperFigures.Metric) -> Double {
    switch m {
    case .accuracy: c.accuracy
    case .cost: c.cost
    case .rankScore: c.rankScore
    }
  }
  var datasets: [(key: String, display: String, paper: String, group: String)] = input.orderedDatasets
    .filter { d in cells.values.contains { $0[d.name] != nil } }
    .map { ($0.name, $0.displayName, $0.displayName, $0.group.rawValue) }
  datasets.append((ResultRow.allDatasets, ResultRow.allDatasets, "All Datasets", "All"))
  let paperRouters = paper.map { p in
    routers.filter { r in datasets.contains { d in metrics.contains { p.value(lambda: lambda.label, dataset: d.paper, metric: $0.0, method: r) != nil } } }
  } ?? []
  var s = (["group", "dataset", "metric"] + routers + paperRouters.map { "\($0) (paper)" }).map(csvText)
    .joined(separator: ",") + "\n"
  for d in datasets {
    for (m, name) in metrics where m != .rankScore || d.key == ResultRow.allDatasets {
      var row = [csvText(d.group), csvText(d.display), name]
      row += routers.map { r in cells[r]?[d.key].map { fixed(value($0, m), 4) } ?? "" }
      row += paperRouters.map { r in paper?.value(lambda: lambda.label, dataset: d.paper, metric: m, method: r).map { fixed($0, 2) } ?? "" }
      s += row.joined(separator: ",") + "\n"
    }
  }
  return s
}

/// Every file of the benchmark report, by relative path.
///
/// Everything is deterministic except `timings.csv`, the measured timings (throughput included); the tables,
/// `main-table.csv` and `index.html` hold no measured figure. `bootstrap` supplies the intervals and p-values of
/// the main table and the leaderboard (``StoredReport/bootstrap(main:store:resamples:seed:level:)``);
/// `provenance` the leaderboard's per-router configuration (its run dates are left out: they change between runs).
public func reportFiles(_ input: ReportInput, timings: [RunTiming] = [], bootstrap: ReportBootstrap = .none,
                        provenance: [String: RunProvenance] = [:]) -> [(path: String, contents: String)] {
  var files: [(String, String)] = [("per-dataset.csv", perDatasetCSV(input))]
  let main = mainTable(input, timings: timings)
  let mainText = mainTableText(input, rows: main, bootstrap: bootstrap)
  files.append(("main-table.csv", mainTableCSV(main, bootstrap: bootstrap)))
  files.append(("tables/main-table.md", mainText.markdown))
  files.append(("tables/main-table.tex", mainText.latex))
  files.append(("timings.csv", timingsCSV(input, timings: timings)))
  let board = leaderboard(main, bootstrap: bootstrap, provenance: provenance).map { e -> LeaderboardEntry in
    var e = e
    e.date = ""
    return e
  }
  let boardText = leaderboardTable(board, method: bootstrap.caption, accuracy: input.accuracySentence)
  files.append(("leaderboard.md", boardText.markdown))
  files.append(("leaderboard.csv", leaderboardCSV(board)))
  files.append(("leaderboard.json", renderLeaderboard(board, format: .json)))
  let frontiers = frontierRows(input)
  let frontierText = frontierTable(input, frontiers)
  let fixedText = fixedPointTable(input, frontiers)
  files.append(("frontiers.csv", frontiersCSV(frontiers)))
  files.append(("tables/frontiers.md", frontierText.markdown + (fixedText.map { "\n" + $0.markdown } ?? "")))
  files.append(("tables/frontiers.tex", frontierText.latex + (fixedText.map { "\n" + $0.latex } ?? "")))
  files.append(("plots/overview.svg", overviewPlot(input, main: main, frontiers: frontiers).render()))
  files.append(("plots/lambda-sweep.svg", lambdaPlot(input, frontiers).render()))
  files.append(("plots/routers-by-family.svg", familyFigure(input, frontiers).render()))
  let lambdas = input.lambdas.isEmpty ? [Lambda.finite(0)] : input.lambdas
  var index = "# RouterBench report — \(markdownEscape(input.benchmarkName))\n\n"
  if input.simulated { index += "> Simulated benchmark (calibrated to VL-RouterBench); not real model outputs.\n\n" }
  index += "Accuracy: \(markdownEscape(input.accuracyProvenance)).\n\n"
  index += mainText.markdown + "\n" + boardText.markdown + "\n"
  var lambdaTables: [TextTable] = []
  for l in lambdas {
    let t = perDatasetTable(input, lambda: l)
    lambdaTables.append(t)
    let stem = "tables/" + (PaperFigures.lambdaTables.first { $0.label == l.label }?.table ?? "lambda-\(l.label)")
    files.append((stem + ".md", t.markdown))
    files.append((stem + ".csv", perDatasetTableCSV(input, lambda: l)))
    files.append((stem + ".tex", t.latex))
    index += t.markdown + "\n"
  }
  index += frontierText.markdown + "\n" + (fixedText.map { $0.markdown + "\n" } ?? "")
  index += "![Accuracy vs cost](plots/overview.svg)\n\n![Operating points over λ](plots/lambda-sweep.svg)\n\n"
  index += "![Routers by family](plots/routers-by-family.svg)\n"
  files.append(("README.md", index))
  files.append(("index.html", htmlReport(input, main: mainText, leaderboard: boardText, frontiers: frontierText,
                                         fixedPoints: fixedText, lambdaTables: lambdaTables)))
  return files
}

/// Writes the report files under `directory` (created if needed), and a PDF beside every SVG plot through
/// `converter` (default: `rsvg-convert`, Debian's `librsvg2-bin`, when it is on the PATH).
///
/// - Returns: notes for the user (e.g. that the PDFs were skipped and why).
@discardableResult
public func writeReport(_ input: ReportInput, timings: [RunTiming] = [], bootstrap: ReportBootstrap = .none,
                        provenance: [String: RunProvenance] = [:], converter: PlotConverter? = PlotConverter.find(),
                        to directory: URL) throws -> [String] {
  var svgs: [URL] = []
  for (path, contents) in reportFiles(input, timings: timings, bootstrap: bootstrap, provenance: provenance) {
    let url = directory.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url, options: .atomic)
    if url.pathExtension == "svg" { svgs.append(url) }
  }
  guard let converter else {
    return ["note: rsvg-convert not found on PATH: plots written as SVG only (install librsvg2-bin for PDF copies)"]
  }
  for svg in svgs { try converter.pdf(from: svg, to: svg.deletingPathExtension().appendingPathExtension("pdf")) }
  return []
}

/// `rsvg-convert` (librsvg), which turns the SVG plots into PDF (and PNG for the README's picture).
public struct PlotConverter: Sendable {
  public var executable: URL

  /// The first `rsvg-convert` on `PATH`, if any.
  public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PlotConverter? {
    for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("rsvg-convert")
      if FileManager.default.isExecutableFile(atPath: url.path) { return PlotConverter(executable: url) }
    }
    return nil
  }

  /// Converts one SVG to PDF. `SOURCE_DATE_EPOCH=0` fixes the PDF's creation date, so the same SVG and fonts give
  /// the same bytes.
  public func pdf(from svg: URL, to pdf: URL) throws {
    try convert(svg, to: pdf, arguments: ["-f", "pdf"])
  }

  /// Converts one SVG to PNG at `zoom` × its size.
  public func png(from svg: URL, to png: URL, zoom: Double = 1) throws {
    try convert(svg, to: png, arguments: ["-f", "png", "-z", String(zoom)])
  }

  private func convert(_ svg: URL, to out: URL, arguments: [String]) throws {
    let p = Process()
    p.executableURL = executable
    p.arguments = arguments + ["-o", out.path, svg.path]
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = "0"
    p.environment = env
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let message = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw ReportError.plotConversion(svg: svg.path, status: p.terminationStatus,
                                       message: String(decoding: message, as: UTF8.self))
    }
  }
}

/// `timings.csv`: per run, training and routing seconds and throughput (measured; not part of the tables). λ as in
/// every CSV: empty when not applicable, `inf` for ∞.
func timingsCSV(_ input: ReportInput, timings: [RunTiming]) -> String {
  var meta: [Int64: ResultRow] = [:]
  for r in input.results where meta[r.runID] == nil { meta[r.runID] = r }
  var s = "router,lambda,seed,train_seconds,route_seconds,routed_input_tokens,throughput_k_tokens_per_s\n"
  for t in timings.sorted(by: { $0.runID < $1.runID }) {
    guard let m = meta[t.runID] else { continue }
    let tput = t.routeSeconds > 0 ? fixed(Double(t.routedInputTokens) / t.routeSeconds / 1000, 2) : ""
    s += [csvText(m.router), csvLambda(m.lambda), String(m.seed), fixed(t.trainSeconds, 4),
          fixed(t.routeSeconds, 4), String(t.routedInputTokens), tput].joined(separator: ",") + "\n"
  }
  return s
}

/// `index.html`: provenance, the main table, the leaderboard, frontiers, the plots and Tables A1–A6 on one page.
/// Every table sits in a horizontally scrolling container, so a wide table never widens the page.
func htmlReport(_ input: ReportInput, main: TextTable, leaderboard: TextTable, frontiers: TextTable,
                fixedPoints: TextTable?, lambdaTables: [TextTable]) -> String {
  var body = ""
  if input.simulated {
    body += "<p class=\"banner\">Simulated benchmark, calibrated to VL-RouterBench: not real model outputs.</p>\n"
  }
  if !input.provenance.isEmpty {
    body += "<h2>Provenance</h2>\n<div class=\"table-scroll\">\n<table>\n<tbody>\n"
    for (k, v) in input.provenance { body += "<tr><th>\(xml(k))</th><td><code>\(xml(v))</code></td></tr>\n" }
    body += "</tbody>\n</table>\n</div>\n"
  }
  body += "<h2>Main table</h2>\n" + htmlTable(main, heading: false)
  body += "<h2>Leaderboard</h2>\n" + htmlTable(leaderboard, heading: false)
  body += "<h2>Frontiers</h2>\n" + htmlTable(frontiers, heading: false) + (fixedPoints.map { htmlTable($0) } ?? "")
  for (file, alt) in [("overview", "Accuracy vs cost"), ("lambda-sweep", "Operating points over lambda"),
                      ("routers-by-family", "Routers by family: operating points and fitted frontiers")] {
    body += "<figure><img src=\"plots/\(file).svg\" alt=\"\(alt)\"/></figure>\n"
  }
  body += "<h2>Per-dataset tables</h2>\n" + lambdaTables.map { htmlTable($0) }.joined()
  return htmlPage(title: "RouterBench report — \(input.benchmarkName)", body: body)
}
