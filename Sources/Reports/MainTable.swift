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
  public var family: String
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
/// the smaller λ), then that λ's **test** accuracy, cost and rank score as mean ± std over seeds.
public func mainTable(_ input: ReportInput, timings: [RunTiming]) -> [MainTableRow] {
  let timingByRun = Dictionary(uniqueKeysWithValues: timings.map { ($0.runID, $0) })
  var rows: [MainTableRow] = []
  for router in input.routers {
    let all = input.results.filter { $0.router == router && $0.dataset == ResultRow.allDatasets }
    let lambdas = Set(all.map(\.lambda)).sorted()
    func devScore(_ l: Lambda) -> Double {
      let v = all.filter { $0.lambda == l && $0.split == .dev }.map(\.rankScore)
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
      router: router, family: test[0].family.rawValue, lambda: best, isUpperBound: test[0].isUpperBound, seeds: test.count,
      accuracy: MeanStd(test.map { $0.outcome.accuracyPercent }), cost: MeanStd(test.map { $0.outcome.costPer10K }),
      rankScore: MeanStd(test.map { $0.rankScore * 100 }), rank: 0,
      throughputKTokensPerSecond: seconds > 0 ? Double(tokens) / seconds / 1000 : nil))
  }
  // Rank: Oracle 0; the others by test rank score, descending (registry order breaks exact ties).
  let ranked = rows.enumerated().filter { !$0.element.isUpperBound }
    .sorted { $0.element.rankScore.mean > $1.element.rankScore.mean || ($0.element.rankScore.mean == $1.element.rankScore.mean && $0.offset < $1.offset) }
  for (place, item) in ranked.enumerated() { rows[item.offset].rank = place + 1 }
  return rows
}

/// `main-table.csv`: `router,family,lambda,accuracy_pct,accuracy_std,cost_usd_per_10k,cost_std,rank_score,
/// rank_score_std,rank,throughput_k_tokens_per_s`. Throughput is the one measured (timing) column.
public func mainTableCSV(_ rows: [MainTableRow]) -> String {
  var s = "router,family,lambda,accuracy_pct,accuracy_std,cost_usd_per_10k,cost_std,rank_score,rank_score_std,rank,throughput_k_tokens_per_s\n"
  for r in rows {
    s += [r.router, r.family, r.lambda.label, fixed(r.accuracy.mean, 4), r.accuracy.std.map { fixed($0, 4) } ?? "",
          fixed(r.cost.mean, 4), r.cost.std.map { fixed($0, 4) } ?? "", fixed(r.rankScore.mean, 4),
          r.rankScore.std.map { fixed($0, 4) } ?? "", String(r.rank),
          r.throughputKTokensPerSecond.map { fixed($0, 2) } ?? ""].map(csvField).joined(separator: ",") + "\n"
  }
  return s
}

/// The main table in the paper's Table 2 layout, with the paper's figures beside ours on the preset.
public func mainTableText(_ input: ReportInput, rows: [MainTableRow], includeThroughput: Bool = true,
                          pValues: [String: Double] = [:]) -> TextTable {
  let paper = input.paper
  func pm(_ m: MeanStd) -> String { fixed(m.mean) + (m.std.map { " ± " + fixed($0) } ?? "") }
  var header = ["Family", "Router", "λ (dev)", "Avg. Acc. ↑", "Avg. Cost ↓", "Rank Score ↑", "Rank"]
  if includeThroughput { header.append("Throughput (K tok/s) ↑") }
  if !pValues.isEmpty { header.append("p vs best single") }
  if paper != nil { header += ["Paper Acc.", "Paper Cost", "Paper Rank Score"] }
  let body = rows.map { r -> [String] in
    var cells = [r.family, r.isUpperBound ? r.router + " (upper bound)" : r.router, r.lambda.label, pm(r.accuracy), pm(r.cost), pm(r.rankScore), String(r.rank)]
    if includeThroughput { cells.append(r.throughputKTokensPerSecond.map { fixed($0) } ?? "–") }
    if !pValues.isEmpty { cells.append(pValues[r.router].map { fixed($0, 3) } ?? "–") }
    if let paper {
      let p = paper.table2[r.router]
      cells += [p.map { fixed($0.accuracy) } ?? "–", p.map { fixed($0.cost) } ?? "–", p.map { fixed($0.rankScore) } ?? "–"]
    }
    return cells
  }
  var caption = "Test split; λ chosen per router by the best dev rank score; mean ± std over seeds. "
  caption += "Avg. Cost in USD per 10K samples; Rank Score in % (β = 0.1). Throughput: routed input tokens per second of router wall time."
  if rows.contains(where: \.isUpperBound) {
    caption += " An upper bound reads the routed samples' labels; it is shown for reference and not ranked (rank 0)."
  }
  if !pValues.isEmpty {
    caption += " p: one-sided paired bootstrap test over test samples that the router's rank score beats the best single model's."
  }
  return TextTable(title: "Main table", caption: caption, header: header, rows: body, textColumns: 3)
}
