public import BenchStore
internal import Foundation

/// `routerbench summary`: one row per (model, dataset) of the stored records.
///
/// Columns: model, dataset, samples, accuracy_pct, cost_usd_per_10k, input_tokens, output_tokens,
/// estimated_tokens. Accuracy here is the **mean score** × 100 (partial credit kept, as VLMEvalKit averages
/// it); the routing tables count a sample as correct when its score reaches the correctness threshold.
public func summaryTable(_ rows: [ModelDatasetTotals]) -> TextTable {
  TextTable(
    title: "Per (model, dataset) totals",
    caption: "Accuracy = mean score × 100 (partial credit kept, as VLMEvalKit reports it; report and leaderboard count "
      + "a sample as correct when its score reaches the threshold, the paper's rule, unless --accuracy score); cost in "
      + "USD per 10K samples; token columns are sums; estimated_tokens = output tokens of records whose counts are "
      + "estimates.",
    header: ["model", "dataset", "samples", "accuracy_pct", "cost_usd_per_10k", "input_tokens", "output_tokens",
             "estimated_tokens"],
    rows: rows.map { t in
      [t.model, t.dataset, "\(t.samples)", fixed(t.accuracyPercent, 4), fixed(t.costPer10K, 6), "\(t.inputTokens)",
       "\(t.outputTokens)", "\(t.estimatedTokens)"]
    }, textColumns: 2)
}

/// The summary as JSON records (numbers as numbers), for pandas' `read_json`.
public func summaryJSON(_ rows: [ModelDatasetTotals]) -> String {
  let objects: [[String: Any]] = rows.map { t in
    ["model": t.model, "dataset": t.dataset, "samples": t.samples, "accuracy_pct": t.accuracyPercent,
     "cost_usd_per_10k": t.costPer10K, "input_tokens": t.inputTokens, "output_tokens": t.outputTokens,
     "estimated_tokens": t.estimatedTokens]
  }
  let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
  return String(decoding: data, as: UTF8.self) + "\n"
}
