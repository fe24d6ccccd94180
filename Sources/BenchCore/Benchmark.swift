/// The named splits of a benchmark.
public enum SplitName: String, Sendable, Hashable, Codable, CaseIterable {
  case train, dev, test
}

/// A benchmark in memory: N samples × K models of quality and cost, sample metadata, and the stored split.
///
/// Quality is a score in [0, 1] (partial credit kept); a sample counts as *correct* for a model when its score is
/// at least `correctThreshold` (default 1.0). Cost is USD per sample.
public struct Benchmark: Sendable {
  /// Samples, models, datasets and the split: everything but the labels (what routed rows may be shown).
  public var samples: SampleTable
  /// N × K scores in [0, 1].
  public var quality: Matrix<Float>
  /// N × K USD per sample.
  public var cost: Matrix<Double>
  public var correctThreshold: Float

  @inlinable public var name: String {
    get { samples.name }
    set { samples.name = newValue }
  }
  @inlinable public var datasets: [DatasetInfo] {
    get { samples.datasets }
    set { samples.datasets = newValue }
  }
  @inlinable public var models: [ModelInfo] {
    get { samples.models }
    set { samples.models = newValue }
  }
  /// Sample ids ("<dataset>/<index>"), one per row.
  @inlinable public var sampleIDs: [String] {
    get { samples.sampleIDs }
    set { samples.sampleIDs = newValue }
  }
  /// Index into `datasets` for each row.
  @inlinable public var sampleDataset: [Int32] {
    get { samples.sampleDataset }
    set { samples.sampleDataset = newValue }
  }
  /// Model-independent input tokens per sample (prompt tokens + 256 per image).
  @inlinable public var inputTokens: [Int32] {
    get { samples.inputTokens }
    set { samples.inputTokens = newValue }
  }
  /// Row indices per split, each sorted ascending.
  @inlinable public var splits: [SplitName: [Int]] {
    get { samples.splits }
    set { samples.splits = newValue }
  }

  public init(
    name: String, datasets: [DatasetInfo], models: [ModelInfo], sampleIDs: [String], sampleDataset: [Int32],
    inputTokens: [Int32], quality: Matrix<Float>, cost: Matrix<Double>, splits: [SplitName: [Int]] = [:],
    correctThreshold: Float = 1.0
  ) {
    precondition(quality.rows == sampleIDs.count && cost.rows == sampleIDs.count)
    precondition(quality.columns == models.count && cost.columns == models.count)
    precondition(sampleDataset.count == sampleIDs.count && inputTokens.count == sampleIDs.count)
    samples = SampleTable(name: name, datasets: datasets, models: models, sampleIDs: sampleIDs,
                          sampleDataset: sampleDataset, inputTokens: inputTokens, splits: splits)
    self.quality = quality
    self.cost = cost
    self.correctThreshold = correctThreshold
  }

  public var sampleCount: Int { sampleIDs.count }
  public var modelCount: Int { models.count }

  /// Whether model `m` answered row `i` correctly (score ≥ threshold).
  @inlinable public func isCorrect(_ i: Int, _ m: Int) -> Bool { quality[i, m] >= correctThreshold }

  /// Rows of a split; throws if the benchmark has no such split stored.
  public func rows(of split: SplitName) throws(BenchCoreError) -> [Int] {
    guard let r = splits[split] else {
      throw BenchCoreError(.missingSplit, "the benchmark has no stored rows for this part of the split; run "
                             + "`routerbench import` (it stores the split)", key: split.rawValue)
    }
    return r
  }

  /// Rank Score bounds: lowest and highest per-model average cost over **all** samples (VL-RouterBench §4.4).
  public var costBounds: CostBounds { CostBounds(costs: cost, models: models.map(\.name)) }
}
