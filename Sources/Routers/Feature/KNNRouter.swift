public import BenchCore
public import Learning

/// KNN router (VL-RouterBench §4.3 and App. G.1, after Shnitzer et al. 2023; spec §4.2).
///
/// Fused features → z-score (fitted on the kept training rows) → exact cosine k-nearest neighbours among the
/// training rows that have a correct model; each neighbour votes for its **hard** label (cheapest correct model)
/// with weight 1/d (scikit-learn `weights='distance'`: if any neighbour is at distance 0, only those vote, each
/// with weight 1). Scores are the normalised votes; the harness routes to the argmax (lowest model index on ties).
/// Hyperparameters: k = 5 (the paper's sweep). λ is not used.
public struct KNNRouter: Router {
  public static let name = "KNN"
  public static let family = RouterFamily.feature
  public static let needsFeatures = true
  public static let summary = "k-nearest neighbours (cosine, k=5, 1/d weights) voting cheapest-correct labels."

  public var k: Int
  public private(set) var standardizer: Standardizer?
  private var index: CosineNeighbors?
  private var labels: [Int] = []
  private var modelCount = 0

  public struct Configuration: RouterConfiguration {
    /// Neighbours that vote (the reference's `k`).
    public var k = 5
    public init() {}
  }

  public init(k: Int = 5) { self.k = k }

  public init(configuration c: Configuration) throws(RouterError) {
    guard c.k >= 1 else { throw .invalidHyperparameter(router: Self.name, message: "k must be ≥ 1, got \(c.k)") }
    self.init(k: c.k)
  }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    guard k >= 1 else { throw RouterError.invalidHyperparameter(router: Self.name, message: "k must be ≥ 1") }
    let features = try data.requireFeatures(Self.name)
    let rows = try data.rowsWithACorrectModel(Self.name)
    let b = data.benchmark
    let scaler = Standardizer(fitting: features, rows: rows)
    labels = rows.map { i in
      SoftLabels.cheapestCorrect(correct: (0..<b.modelCount).map { b.isCorrect(i, $0) }, cost: data.costRow(i)) ?? 0
    }
    index = CosineNeighbors(reference: scaler.transform(features, rows: rows))
    standardizer = scaler
    modelCount = b.modelCount
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let standardizer, let index else { throw RouterError.notFitted(Self.name) }
    let x = standardizer.transform(try inputs.requireFeatures(Self.name, width: standardizer.dimension),
                                   rows: inputs.rows)
    let found = index.search(x, k: k)
    var out = Matrix<Float>(rows: inputs.rows.count, columns: modelCount, repeating: 0)
    for q in 0..<inputs.rows.count {
      let ds = found.distances(of: q), ns = found.neighbors(of: q)
      let exact = ds.contains(0)
      var total: Double = 0
      var votes = [Double](repeating: 0, count: modelCount)
      for (d, n) in zip(ds, ns) {
        let w: Double = exact ? (d == 0 ? 1 : 0) : 1 / Double(d)
        votes[labels[n]] += w
        total += w
      }
      for m in 0..<modelCount { out[q, m] = Float(total > 0 ? votes[m] / total : 0) }
    }
    return out
  }


}
