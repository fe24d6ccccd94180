/// Seeded 7:1:2 train/dev/test splits, stratified by dataset (our decision 1; the reference pools all samples).
public enum StratifiedSplit {
  public struct Ratios: Sendable, Hashable, Codable {
    public var train: Double, dev: Double, test: Double
    public init(train: Double = 0.7, dev: Double = 0.1, test: Double = 0.2) {
      self.train = train
      self.dev = dev
      self.test = test
    }
  }

  /// Splits rows by dataset. Within each dataset (in dataset-index order) the rows are shuffled by a generator
  /// derived from `seed` and the dataset's name; test = round(test·n), dev = round(dev·n), train = the rest —
  /// so a dataset of 5×t samples gets exactly t test samples, as in the paper's tables.
  public static func make(sampleDataset: [Int32], datasetNames: [String], seed: UInt64,
                          ratios: Ratios = Ratios()) -> [SplitName: [Int]] {
    var byDataset = [[Int]](repeating: [], count: datasetNames.count)
    for (i, d) in sampleDataset.enumerated() { byDataset[Int(d)].append(i) }
    let root = SplitMix64(seed: seed)
    var train: [Int] = [], dev: [Int] = [], test: [Int] = []
    for (d, rows) in byDataset.enumerated() where !rows.isEmpty {
      var g = root.derived("split/" + datasetNames[d])
      var shuffled = rows
      shuffled.seededShuffle(using: &g)
      let n = Double(rows.count)
      let nTest = Int((ratios.test * n).rounded())
      let nDev = min(Int((ratios.dev * n).rounded()), rows.count - nTest)
      test += shuffled[0..<nTest]
      dev += shuffled[nTest..<(nTest + nDev)]
      train += shuffled[(nTest + nDev)...]
    }
    return [.train: train.sorted(), .dev: dev.sorted(), .test: test.sorted()]
  }
}
