public import BenchCore
internal import Foundation

/// Timing of one stored run, for throughput.
public struct RunTiming: Sendable, Hashable {
  public var runID: Int64
  public var trainSeconds: Double
  public var routeSeconds: Double
  public var routedInputTokens: Int

  public init(runID: Int64, trainSeconds: Double, routeSeconds: Double, routedInputTokens: Int) {
    self.runID = runID
    self.trainSeconds = trainSeconds
    self.routeSeconds = routeSeconds
    self.routedInputTokens = routedInputTokens
  }
}

/// One row of the main table (VL-RouterBench Table 2 layout).
public struct MainTableRow: Sendable, Hashable {
  public var router: String
  public var family: RouterFamily
  /// The λ chosen on dev (`.notApplicable` for λ-independent routers).
  public var lambda: Lambda
  /// The router read the routed rows' labels (the Oracle): an upper bound, rank 0.
  public var isUpperBound: Bool
  public var seeds: Int
  public var accuracy: MeanStd
  public var cost: MeanStd
  public var rankScore: MeanStd
  /// 0 for the Oracle (an upper bound), then 1, 2, … by test rank score.
  public var rank: Int
  /// Routed input tokens per second of routing wall time, thousands; nil when not measured.
  public var throughputKTokensPerSecond: Double?
}

/// Mean and sample standard deviation (n − 1) over seeds; `std` is nil for a single seed.
public struct MeanStd: Sendable, Hashable {
  public var mean: Double
  public var std: Double?

  public init(_ values: [Double]) {
    let n = Double(values.count)
    mean = values.reduce(0, +) / max(n, 1)
    if values.count > 1 {
      let m = mean
      std = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
    } else {
      std = nil
    }
  }
}

/// Builds the main table: for each router the λ with the best **dev** rank score (seed-mean over "ALL"; ties →
/// the smaller λ), then that λ's **test** accuracy, cost and rank score as mean ± std over seeds — accuracy and
/// rank score (the dev one too) under the input's ``AccuracyRule``.
public func mainTable(_ input: ReportInput, timings: [RunTiming]) -> [MainTableRow] {
  let timingByRun = Dictionary(uniqueKeysWithValues: timings.map { ($0.runID, $0) })
  var rows: [MainTableRow] = []
  for router in input.routers {
    let all = input.results.filter { $0.router == router && $0.dataset == ResultRow.allDatasets }
    let lambdas = Set(all.map(\.lambda)).sorted()
    func devScore(_ l: Lambda) -> Double {
      let v = all.filter { $0.lambda == l && $0.split == .dev }.map(input.rankScore)
      return v.isEmpty ? -.infinity : v.reduce(0, +) / Double(v.count)
    }
    guard let best = lambdas.max(by: { devScore($0) < devScore($1) || (devScore($0) == devScore($1) && $0 > $1) })
    else { continue }
    let test = all.filter { $0.lambda == best && $0.split == .test }.sorted { $0.seed < $1.seed }
    guard !test.isEmpty else { continue }
    let runs = test.compactMap { timingByRun[$0.runID] }
    let tokens = runs.reduce(0) { $0 + $1.routedInputTokens }
    let seconds = runs.reduce(0) { $0 + $1.routeSeconds }
    rows.append(MainTableRow(
      router: router, family: test[0].family, lambda: best, isUpperBound: test[0].isUpperBound, seeds: test.count,
      accuracy: MeanStd(test.map { input.accuracyPercent($0.outcome) }), cost: MeanStd(test.map { $0.outcome.costPer10K }),
      rankScore: MeanStd(test.map { input.rankScore($0) * 100 }), rank: 0,
      throughputKTokensPerSecond: seconds > 0 ? Double(tokens) / seconds / 1000 : nil))
  }
  // Rank: Oracle 0; the others by test rank score, descending (registry order breaks exact ties).
  let ranked = rows.enumerated().filter { !$0.element.isUpperBound }
    .sorted { $0.element.rankScore.mean > $1.element.rankScore.mean || ($0.element.rankScore.mean == $1.element.rankScore.mean && $0.offset < $1.offset) }
  for (place, item) in ranked.enumerated() { rows[item.offset].rank = place + 1 }
  return rows
}

/// The bootstrap behind every interval and p-value of the report (main table, leaderboard, index.html): one
/// procedure, ``Bootstrap``'s, run once per report so all of them agree.
public struct ReportBootstrap: Sendable {
  /// Per main-table router: intervals for its seed-averaged accuracy, cost and rank score.
  public var intervals: [String: Bootstrap.Result]
  /// Per router (not the Oracle): one-sided paired p-value of "beats the best single model on rank score".
  public var pValues: [String: Double]
  public var resamples: Int
  public var level: Double
  /// The best single model on test by rank score, the paired test's baseline.
  public var baseline: String?

  public init(intervals: [String: Bootstrap.Result], pValues: [String: Double], resamples: Int, level: Double = 0.95,
              baseline: String? = nil) {
    self.intervals = intervals
    self.pValues = pValues
    self.resamples = resamples
    self.level = level
    self.baseline = baseline
  }

  /// No bootstrap (`--bootstrap 0`): no intervals, no p-values.
  public static let none = ReportBootstrap(intervals: [:], pValues: [:], resamples: 0)

  /// A router's intervals in the tables' units: accuracy and rank score in %, cost in USD per 10K samples.
  public func displayIntervals(_ router: String) -> (accuracy: Interval, cost: Interval, rankScore: Interval)? {
    intervals[router].map {
      (Interval(lower: $0.accuracy.lower * 100, upper: $0.accuracy.upper * 100),
       Interval(lower: $0.cost.lower * 10_000, upper: $0.cost.upper * 10_000),
       Interval(lower: $0.rankScore.lower * 100, upper: $0.rankScore.upper * 100))
    }
  }

  /// The sentence that names the method, for every caption that shows these intervals or p-values.
  public var caption: String {
    var s = ""
    if !intervals.isEmpty {
      s += "CI: \(fixed(level * 100, 0))% percentile bootstrap over test samples, \(resamples) resamples; each resample "
        + "scores every seed's routing and averages over seeds, as the point estimate does (NumPy linear percentiles)."
    }
    if !pValues.isEmpty {
      s += (s.isEmpty ? "" : " ") + "p: one-sided paired bootstrap on the same resamples, the share where the router's "
        + "seed-averaged rank score is not above the best single model's" + (baseline.map { " (\($0))" } ?? "") + "."
    }
    return s
  }
}

/// `main-table.csv`: `router,family,lambda,accuracy_pct,accuracy_std,cost_usd_per_10k,cost_std,rank_score,
/// rank_score_std,rank,accuracy_ci_low,accuracy_ci_high,cost_ci_low,cost_ci_high,rank_score_ci_low,
/// rank_score_ci_high,p_vs_best_single`. Deterministic: no measured (timing) column; intervals and p-value are empty
/// without a bootstrap, λ is empty for λ-independent routers and `inf` for ∞ (a numeric column for pandas).
public func mainTableCSV(_ rows: [MainTableRow], bootstrap: ReportBootstrap = .none) -> String {
  var s = "router,family,lambda,accuracy_pct,accuracy_std,cost_usd_per_10k,cost_std,rank_score,rank_score_std,rank,"
    + "accuracy_ci_low,accuracy_ci_high,cost_ci_low,cost_ci_high,rank_score_ci_low,rank_score_ci_high,p_vs_best_single\n"
  for r in rows {
    let ci = bootstrap.displayIntervals(r.router)
    let bounds = ci.map { c in [c.accuracy, c.cost, c.rankScore].flatMap { [fixed($0.lower, 4), fixed($0.upper, 4)] } }
      ?? Array(repeating: "", count: 6)
    s += ([csvText(r.router), csvText(r.family.rawValue), csvLambda(r.lambda), fixed(r.accuracy.mean, 4), r.accuracy.std.map { fixed($0, 4) } ?? "",
           fixed(r.cost.mean, 4), r.cost.std.map { fixed($0, 4) } ?? "", fixed(r.rankScore.mean, 4),
           r.rankScore.std.map { fixed($0, 4) } ?? "", String(r.rank)] + bounds
          + [bootstrap.pValues[r.router].map { fixed($0, 4) } ?? ""]).joined(separator: ",") + "\n"
  }
  return s
}

/// The main table in the paper's Table 2 layout, with the paper's figures beside ours on the preset, and the
/// bootstrap intervals of each figure next to it when `bootstrap` has them. No measured (timing) figures: those are
/// in `timings.csv` and `timings.json`.
public func mainTableText(_ input: ReportInput, rows: [MainTableRow], bootstrap: ReportBootstrap = .none) -> TextTable {
  let paper = input.paper
  let withCI = !bootstrap.intervals.isEmpty
  func pm(_ m: MeanStd) -> String { fixed(m.mean) + (m.std.map { " ± " + fixed($0) } ?? "") }
  var header = ["Family", "Router", "λ (dev)", "Avg. Acc. ↑"]
  header += withCI ? ["Acc. CI", "Avg. Cost ↓", "Cost CI", "Rank Score ↑", "RS CI"] : ["Avg. Cost ↓", "Rank Score ↑"]
  header.append("Rank")
  if !bootstrap.pValues.isEmpty { header.append("p vs best single") }
  if paper != nil { header += ["Paper Acc.", "Paper Cost", "Paper Rank Score"] }
  let body = rows.map { r -> [String] in
    var cells = [r.family.rawValue, r.isUpperBound ? r.router + " (upper bound)" : r.router, r.lambda.label]
    if withCI {
      let ci = bootstrap.displayIntervals(r.router)
      cells += [pm(r.accuracy), ciText(ci?.accuracy), pm(r.cost), ciText(ci?.cost), pm(r.rankScore),
                ciText(ci?.rankScore)].map { $0.isEmpty ? "–" : $0 }
    } else {
      cells += [pm(r.accuracy), pm(r.cost), pm(r.rankScore)]
    }
    cells.append(String(r.rank))
    if !bootstrap.pValues.isEmpty { cells.append(bootstrap.pValues[r.router].map { fixed($0, 3) } ?? "–") }
    if let paper {
      let p = paper.table2[r.router]
      cells += [p.map { fixed($0.accuracy) } ?? "–", p.map { fixed($0.cost) } ?? "–", p.map { fixed($0.rankScore) } ?? "–"]
    }
    return cells
  }
  var caption = "Test split; λ chosen per router by the best dev rank score; mean ± std over seeds. "
  caption += "Avg. Cost in USD per 10K samples; Rank Score in % (β = 0.1). " + input.accuracySentence
  if rows.contains(where: \.isUpperBound) {
    caption += " An upper bound reads the routed samples' labels; it is shown for reference and not ranked (rank 0)."
  }
  if !bootstrap.caption.isEmpty { caption += " " + bootstrap.caption }
  caption += " Throughput and other timings: timings.csv, timings.json."
  return TextTable(title: "Main table", caption: caption, header: header, rows: body, textColumns: 3)
}
