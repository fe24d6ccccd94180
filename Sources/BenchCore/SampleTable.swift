/// What a benchmark says about its samples and models, without any quality or cost: what a router may read of
/// the rows it routes. `Benchmark` holds one (`Benchmark.samples`) beside its quality and cost matrices.
public struct SampleTable: Sendable {
  public var name: String
  public var datasets: [DatasetInfo]
  public var models: [ModelInfo]
  /// Sample ids ("<dataset>/<index>"), one per row.
  public var sampleIDs: [String]
  /// Index into `datasets` for each row.
  public var sampleDataset: [Int32]
  /// Model-independent input tokens per sample (prompt tokens + 256 per image).
  public var inputTokens: [Int32]
  /// Row indices per split, each sorted ascending.
  public var splits: [SplitName: [Int]]

  public var sampleCount: Int { sampleIDs.count }
  public var modelCount: Int { models.count }

  @usableFromInline
  init(name: String, datasets: [DatasetInfo], models: [ModelInfo], sampleIDs: [String], sampleDataset: [Int32],
       inputTokens: [Int32], splits: [SplitName: [Int]]) {
    self.name = name
    self.datasets = datasets
    self.models = models
    self.sampleIDs = sampleIDs
    self.sampleDataset = sampleDataset
    self.inputTokens = inputTokens
    self.splits = splits
  }
}

extension Benchmark {
  /// A copy in which the quality and cost of `rows` are NaN: what a router is fit on, so the rows it will route
  /// (the test split) carry no label it could read by mistake.
  public func hidingLabels(of rows: [Int]) -> Benchmark {
    var b = self
    let k = modelCount
    b.quality.values.withUnsafeMutableBufferPointer { q in
      b.cost.values.withUnsafeMutableBufferPointer { c in
        for i in rows {
          for j in 0..<k {
            q[i * k + j] = .nan
            c[i * k + j] = .nan
          }
        }
      }
    }
    return b
  }
}
