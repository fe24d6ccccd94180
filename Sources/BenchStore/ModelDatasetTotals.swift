internal import BenchCore
internal import GRDB

/// Per (model, dataset) totals for `routerbench summary`.
public struct ModelDatasetTotals: Sendable, Hashable {
  public var model: String
  public var dataset: String
  public var samples: Int
  /// Sum of per-sample scores (partial credit kept).
  public var scoreSum: Double
  public var costSum: Double
  public var inputTokens: Int
  public var outputTokens: Int
  /// Output tokens of records whose counts are estimates (`record.tokensEstimated`).
  public var estimatedTokens: Int
  /// Distinct output-token counts of the model over the dataset (1 = constant, suspicious).
  public var distinctOutputTokens: Int

  /// Mean score × 100.
  public var accuracyPercent: Double { samples == 0 ? 0 : scoreSum / Double(samples) * 100 }
  /// Mean cost per sample × 10,000.
  public var costPer10K: Double { samples == 0 ? 0 : costSum / Double(samples) * 10_000 }
}

extension BenchStore {
  /// One row per (model, dataset), ordered by model name then dataset position.
  public func modelDatasetTotals() throws(StoreError) -> [ModelDatasetTotals] {
    try read { db in
      try Row.fetchAll(db, sql: """
        SELECT m.name, d.name, COUNT(*), SUM(r.score), SUM(r.costUSD), SUM(s.inputTokens), SUM(r.outputTokens),
               SUM(CASE WHEN r.tokensEstimated THEN r.outputTokens ELSE 0 END), COUNT(DISTINCT r.outputTokens)
        FROM record r JOIN sample s ON s.id = r.sampleId JOIN dataset d ON d.id = s.datasetId
          JOIN model m ON m.id = r.modelId
        GROUP BY r.modelId, s.datasetId
        ORDER BY m.name, d.position
        """).map { r in
        ModelDatasetTotals(model: r[0], dataset: r[1], samples: r[2], scoreSum: r[3], costSum: r[4], inputTokens: r[5],
                           outputTokens: r[6], estimatedTokens: r[7], distinctOutputTokens: r[8])
      }
    }
  }
}
