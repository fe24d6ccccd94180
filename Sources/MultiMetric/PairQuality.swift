public import BenchCore
public import EdgeCloud
internal import Foundation

/// One edge/cloud pair's multi-metric quality in memory: per sample, the M metric values of the edge model's and
/// of the cloud model's output, and what a router may read of the sample (its prompt and dataset).
public struct PairQuality: Sendable {
  public let pair: EdgeCloudPair
  public let metrics: MetricCatalog
  public let sampleKeys: [String]
  public let datasets: [DatasetInfo]
  /// Index into `datasets` per row.
  public let sampleDataset: [Int32]
  public let prompts: [String]
  public let hasImage: [Bool]
  public let inputTokens: [Int32]
  /// N × M, finite.
  public let edge: Matrix<Double>
  /// N × M, finite.
  public let cloud: Matrix<Double>

  public var count: Int { sampleKeys.count }

  /// - Throws: `MultiMetricError.invalidValue` naming the sample and metric of a value that is not finite, and
  ///   when the arrays or matrices do not have one row per sample and one column per metric.
  public init(pair: EdgeCloudPair, metrics: MetricCatalog, sampleKeys: [String], datasets: [DatasetInfo],
              sampleDataset: [Int32], prompts: [String], hasImage: [Bool], inputTokens: [Int32],
              edge: Matrix<Double>, cloud: Matrix<Double>) throws(MultiMetricError) {
    let n = sampleKeys.count, m = metrics.count
    guard [sampleDataset.count, prompts.count, hasImage.count, inputTokens.count].allSatisfy({ $0 == n }),
          edge.rows == n, cloud.rows == n, edge.columns == m, cloud.columns == m
    else {
      throw MultiMetricError(.invalidValue, "the pair's columns differ in length (\(n) samples, \(m) metrics, edge "
                               + "\(edge.rows)×\(edge.columns), cloud \(cloud.rows)×\(cloud.columns))",
                             pair: pair.label)
    }
    guard n > 0 else { throw MultiMetricError(.missingData, "the pair has no samples", pair: pair.label) }
    for i in 0..<n {
      guard sampleDataset[i] >= 0, Int(sampleDataset[i]) < datasets.count else {
        throw MultiMetricError(.invalidValue, "dataset index \(sampleDataset[i]) of \(datasets.count)",
                               pair: pair.label, key: sampleKeys[i])
      }
      for j in 0..<m {
        for (side, v) in [("edge", edge[i, j]), ("cloud", cloud[i, j])] where !v.isFinite {
          throw MultiMetricError(.invalidValue, "the \(side) model's \(metrics[j].name) is \(v), not a finite number",
                                 pair: pair.label, key: sampleKeys[i])
        }
      }
    }
    self.pair = pair
    self.metrics = metrics
    self.sampleKeys = sampleKeys
    self.datasets = datasets
    self.sampleDataset = sampleDataset
    self.prompts = prompts
    self.hasImage = hasImage
    self.inputTokens = inputTokens
    self.edge = edge
    self.cloud = cloud
  }

  /// SHA-256 over everything a multi-metric run's outcome depends on in this data: pair, metric catalog (names,
  /// orientation, weights), sample keys, datasets, prompts, input tokens and both models' values (exact bits).
  public var fingerprint: String {
    var h = SHA256()
    func text(_ s: String) { h.update(Array(s.utf8)); h.update([0]) }
    text("routerbench-multimetric-pair-v1")
    text(pair.label)
    for s in metrics { text("\(s.name.rawValue)\t\(s.higherIsBetter ? 1 : 0)\t\(s.weight.bitPattern)") }
    for d in datasets { text(d.name) }
    for i in 0..<count {
      text("\(sampleKeys[i])\t\(sampleDataset[i])\t\(inputTokens[i])\t\(hasImage[i] ? 1 : 0)")
      text(prompts[i])
    }
    for a in [edge.values, cloud.values] { a.withUnsafeBytes { h.update($0) } }
    return h.hexDigest()
  }

  /// The oriented gap of metric j on row i: (cloud − edge) × orientation — positive when the cloud model is better.
  @inlinable public func gap(_ i: Int, _ j: Int) -> Double { (cloud[i, j] - edge[i, j]) * metrics[j].orientation }
}
