/// The paper's reported figures (VL-RouterBench Table 2 and Tables A1–A6), for "paper vs ours" columns.
public struct PaperFigures: Sendable {
  public enum Metric: String, Sendable { case accuracy = "avg_acc_pct", cost = "avg_cost_usd_per_10k", rankScore = "rank_score" }

  struct Key: Hashable { var lambda: String, dataset: String, metric: String, method: String }
  private var values: [Key: Double] = [:]
  /// Table 2 rows by router: (accuracy %, cost USD/10K, rank score %).
  public private(set) var table2: [String: (accuracy: Double, cost: Double, rankScore: Double)] = [:]

  /// The figures shipped with RouterBench.
  public static let vlRouterBench = PaperFigures(tablesCSV: PaperFiguresData.tablesA1A6CSV,
                                                 table2CSV: PaperFiguresData.table2CSV)

  init(tablesCSV: String, table2CSV: String) {
    for line in tablesCSV.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 7, let v = Double(f[6]) else { continue }
      values[Key(lambda: f[1], dataset: f[3], metric: f[4], method: f[5])] = v
    }
    for line in table2CSV.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 7, let a = Double(f[2]), let c = Double(f[4]), let r = Double(f[6]) else { continue }
      table2[f[1]] = (a, c, r)
    }
  }

  /// A figure of Tables A1–A6. `dataset` is the paper's display name, or "All Datasets".
  public func value(lambda: String, dataset: String, metric: Metric, method: String) -> Double? {
    values[Key(lambda: lambda, dataset: dataset, metric: metric.rawValue, method: method)]
  }

  /// The λ grid of the paper's tables, in order, with the table numbers.
  public static let lambdaTables: [(label: String, table: String)] = [
    ("0", "A1"), ("10", "A2"), ("100", "A3"), ("1000", "A4"), ("10000", "A5"), ("inf", "A6"),
  ]
}
