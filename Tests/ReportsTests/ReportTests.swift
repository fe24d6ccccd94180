import BenchCore
import Testing

@testable import Reports
import VLRouterBenchPreset

/// Hand-made results: two datasets of the preset, three baselines and a λ-dependent router over two seeds.
func sampleInput(preset: String? = VLRouterBench.name) -> ReportInput {
  let hall = VLRouterBench.shared.catalog.dataset(named: "HallusionBench")!
  let chart = VLRouterBench.shared.catalog.dataset(named: "ChartQA_TEST")!
  var rows: [ResultRow] = []
  var id: Int64 = 0
  let rs = RankScore(bounds: CostBounds(cmin: 0.142e-4, cmax: 10.7e-4))
  func add(_ router: String, _ lambda: String, _ seed: UInt64, _ h: (Int, Double, Double), _ c: (Int, Double, Double)) {
    id += 1
    let oh = Outcome(samples: h.0, correct: h.1, scoreSum: h.1, costSum: h.2)
    let oc = Outcome(samples: c.0, correct: c.1, scoreSum: c.1, costSum: c.2)
    for (name, o) in [(hall.name, oh), (chart.name, oc), (ResultRow.allDatasets, oh + oc)] {
      rows.append(ResultRow(runID: id, router: router, family: .baseline, lambda: Lambda(parsing: lambda)!, seed: seed,
                            split: .test, dataset: name, outcome: o,
                            rankScore: rs.score(accuracy: o.accuracy, cost: o.averageCost), isUpperBound: router == "Oracle"))
    }
  }
  add("Oracle", "-", 1, (185, 184, 185 * 0.23e-4), (500, 489, 500 * 0.21e-4))
  add("Strongest", "-", 1, (185, 133, 185 * 2.97e-4), (500, 431, 500 * 2.19e-4))
  add("Cheapest", "-", 1, (185, 107, 185 * 0.14e-4), (500, 405, 500 * 0.14e-4))
  add("MLP", "0", 1, (185, 127, 185 * 3.0e-4), (500, 419, 500 * 1.0e-4))
  add("MLP", "0", 2, (185, 128, 185 * 3.1e-4), (500, 420, 500 * 0.9e-4))
  add("MLP", "10", 1, (185, 122, 185 * 1.0e-4), (500, 421, 500 * 0.6e-4))
  return ReportInput(benchmarkName: "unit", preset: preset, simulated: true, datasets: [hall, chart],
                     routerOrder: ["Oracle", "Strongest", "Cheapest", "MLP"], results: rows,
                     bounds: CostBounds(cmin: 0.142e-4, cmax: 10.7e-4))
}

@Suite struct ReportTests {
  @Test func perDatasetCSVHasTheExactColumnsAndOrder() throws {
    let csv = perDatasetCSV(sampleInput())
    let lines = csv.split(separator: "\n")
    #expect(lines[0] == "lambda,router,seed,dataset,group,samples,accuracy_pct,cost_usd_per_10k,rank_score")
    // λ-independent runs first (λ empty: a numeric column), then by λ, router order, seed; datasets in table
    // order, ALL last.
    #expect(lines[1].hasPrefix(",Oracle,1,HallusionBench,General,185,99.4595,0.2300,"))
    #expect(lines[3].hasPrefix(",Oracle,1,ALL,All,685,"))
    #expect(lines.last!.hasPrefix("10,MLP,1,ALL,All,685,"))
    try assertSnapshot(csv, named: "per-dataset.csv")
  }

  @Test func tableA1LayoutWithPaperFigures() throws {
    let t = perDatasetTable(sampleInput(), lambda: .finite(0))
    // The paper's Oracle on HallusionBench at λ = 0 is 99.46 % and 0.23 USD/10K.
    #expect(t.rows[0][3] == "99.46 (99.46)" && t.rows[1][3] == "0.23 (0.23)")
    // MLP at λ = 0 is the mean of its two seeds: (127 + 128) / 2 / 185.
    #expect(t.rows[0][6].hasPrefix(fixed((127.0 + 128.0) / 2 / 185 * 100)))
    try assertSnapshot(t.markdown, named: "table-A1.md")
    try assertSnapshot(t.latex, named: "table-A1.tex")
  }

  @Test func noPaperColumnsOutsideThePreset() {
    let t = perDatasetTable(sampleInput(preset: nil), lambda: .finite(10))
    #expect(t.title.hasPrefix("Table A2"))
    #expect(!t.rows.joined().joined().contains("("))
    #expect(!t.caption.contains("ours (paper)"))
  }

  @Test func reportFilesAreDeterministic() {
    let a = reportFiles(sampleInput()).map { $0.path + $0.contents }
    let b = reportFiles(sampleInput()).map { $0.path + $0.contents }
    #expect(a == b)
    #expect(reportFiles(sampleInput()).map(\.path).contains("tables/A2.tex"))
  }

  @Test func paperFiguresAreLoaded() {
    let p = PaperFigures.vlRouterBench
    #expect(p.value(lambda: "0", dataset: "All Datasets", metric: .rankScore, method: "Oracle") == 93.68)
    #expect(p.value(lambda: "inf", dataset: "TextVQA", metric: .accuracy, method: "Strongest") != nil)
    #expect(p.table2["MLP"]?.rankScore == 74.23)
  }

  @Test func csvAndLatexEscaping() {
    #expect(csvField("a,b") == "\"a,b\"" && csvField("say \"hi\"") == "\"say \"\"hi\"\"\"" && csvField("x") == "x")
    #expect(latexEscape("Chart & Doc 5% λ") == "Chart \\& Doc 5\\% $\\lambda$")
  }
}

@Suite struct MainTableTests {
  /// Dev results decide λ: MLP's dev rank score is higher at λ = 10, so λ = 10 is reported even if test prefers 0.
  func inputWithDev() -> ReportInput {
    var input = sampleInput()
    let bounds = input.bounds
    let rs = RankScore(bounds: bounds)
    func dev(_ runID: Int64, _ router: String, _ lambda: String, _ seed: UInt64, _ acc: Double, _ cost: Double) -> ResultRow {
      let o = Outcome(samples: 100, correct: acc * 100, scoreSum: acc * 100, costSum: cost * 100)
      return ResultRow(runID: runID, router: router, family: .feature, lambda: Lambda(parsing: lambda)!, seed: seed,
                       split: .dev, dataset: ResultRow.allDatasets, outcome: o,
                       rankScore: rs.score(accuracy: acc, cost: cost), isUpperBound: router == "Oracle")
    }
    input.results += [dev(1, "Oracle", "-", 1, 0.99, 0.2e-4), dev(2, "Strongest", "-", 1, 0.8, 2.5e-4),
                      dev(3, "Cheapest", "-", 1, 0.6, 0.14e-4), dev(4, "MLP", "0", 1, 0.70, 3e-4),
                      dev(5, "MLP", "0", 2, 0.71, 3e-4), dev(6, "MLP", "10", 1, 0.78, 0.5e-4)]
    return input
  }

  @Test func lambdaIsChosenOnDevAndSeedsAreAveraged() throws {
    let rows = mainTable(inputWithDev(), timings: [RunTiming(runID: 6, trainSeconds: 1, routeSeconds: 0.5, routedInputTokens: 1000)])
    let mlp = try #require(rows.first { $0.router == "MLP" })
    #expect(mlp.lambda == .finite(10) && mlp.seeds == 1 && mlp.accuracy.std == nil)
    #expect(mlp.throughputKTokensPerSecond == 2)
    #expect(rows.first { $0.router == "Oracle" }?.rank == 0)
    #expect(Set(rows.map(\.rank)) == Set(0..<rows.count))
    let csv = mainTableCSV(rows)
    #expect(csv.hasPrefix("router,family,lambda,accuracy_pct,accuracy_std,cost_usd_per_10k,cost_std,rank_score,rank_score_std,rank,"
      + "accuracy_ci_low,accuracy_ci_high,cost_ci_low,cost_ci_high,rank_score_ci_low,rank_score_ci_high,p_vs_best_single\n"))
    try assertSnapshot(mainTableText(inputWithDev(), rows: rows).markdown, named: "main-table.md")
  }

  @Test func meanStdUsesSampleStandardDeviation() {
    let m = MeanStd([1, 2, 3, 4])
    #expect(m.mean == 2.5 && abs(m.std! - 1.2909944487) < 1e-9)
  }
}
