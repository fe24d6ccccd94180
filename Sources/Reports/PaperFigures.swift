internal import VLRouterBenchPreset

/// The paper's reported figures (VL-RouterBench Table 2 and Tables A1–A6), for "paper vs ours" columns. Read from
/// the `VLRouterBenchPreset` resources.
public struct PaperFigures: Sendable {
  public enum Metric: String, Sendable { case accuracy = "avg_acc_pct", cost = "avg_cost_usd_per_10k", rankScore = "rank_score" }

  struct Key: Hashable { var lambda: String, dataset: String, metric: String, method: String }
  private let values: [Key: Double]
  /// Table 2 rows by router: (accuracy %, cost USD/10K, rank score %).
  public let table2: [String: (accuracy: Double, cost: Double, rankScore: Double)]

  /// The figures of the vl-routerbench preset.
  public static let vlRouterBench = PaperFigures(VLRouterBench.shared)

  /// The figures to show beside ours for a benchmark imported or simulated with `preset` (nil: none).
  public static func forPreset(_ preset: String?) -> PaperFigures? {
    preset == VLRouterBench.name ? .vlRouterBench : nil
  }

  init(_ preset: VLRouterBench) {
    var values: [Key: Double] = [:]
    for f in preset.perDatasetFigures {
      values[Key(lambda: f.lambda, dataset: f.dataset, metric: f.metric.rawValue, method: f.method)] = f.value
    }
    self.values = values
    table2 = Dictionary(uniqueKeysWithValues: preset.table2.map { ($0.router, ($0.accuracy, $0.cost, $0.rankScore)) })
  }

  /// A figure of Tables A1–A6. `dataset` is the paper's display name, or "All Datasets".
  public func value(lambda: String, dataset: String, metric: Metric, method: String) -> Double? {
    values[Key(lambda: lambda, dataset: dataset, metric: metric.rawValue, method: method)]
  }

  /// The λ grid of the paper's tables, in order, with the table numbers.
  public static let lambdaTables: [(label: String, table: String)] = VLRouterBench.lambdaTables.map {
    ($0.lambda, $0.table)
  }
}
