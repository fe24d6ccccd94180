public import BenchCore
public import Learning

/// PRkNN — pairwise-preference-aggregated kNN (VL-RouterBench §4.3 and App. G.1, after Zheng et al., TIFS 2023;
/// spec §4.3).
///
/// Fused features → z-score (kept training rows) → the k nearest training rows by cosine distance d, each with
/// weight 1/(10⁻⁶ + d) (or 1 with `distanceWeighted = false`). On neighbour n, model m *beats* model b when
/// Y[n,m] > Y[n,b], or Y[n,m] = Y[n,b] and C[n,m] < C[n,b] (strictly). A model's Copeland score is
/// Σ_{b≠m} Σ_n w_n·1[m beats b on n]; the harness routes to the highest score (lowest index on ties), so accuracy
/// comes first and cost breaks ties. Hyperparameters: k = 7 (the paper's sweep), distance weights. λ is not used.
public struct PRkNNRouter: Router {
  public static let name = "PRkNN"
  public static let family = RouterFamily.feature
  public static let needsFeatures = true
  public static let summary = "Pairwise-ranking kNN (cosine, k=7, 1/(1e-6+d) weights): Copeland vote on Y, then cost."

  public var k: Int
  public var distanceWeighted: Bool
  public private(set) var standardizer: Standardizer?
  private var index: CosineNeighbors?
  /// Kept training rows' correctness (row-major, rows × K) and costs.
  private var correct: [Bool] = []
  private var costs: [Double] = []
  private var modelCount = 0

  public struct Configuration: RouterConfiguration {
    public var k = 7
    /// Votes weighted by 1/(1e-6 + d) (the reference) or uniform.
    public var distanceWeighted = true
    enum CodingKeys: String, CodingKey {
      case k
      case distanceWeighted = "distance_weighted"
    }
    public init() {}
  }

  public init(configuration c: Configuration) throws(RouterError) {
    guard c.k >= 1 else { throw .invalidHyperparameter(router: Self.name, message: "k must be ≥ 1, got \(c.k)") }
    self.init(k: c.k, distanceWeighted: c.distanceWeighted)
  }

  public init(k: Int = 7, distanceWeighted: Bool = true) {
    self.k = k
    self.distanceWeighted = distanceWeighted
  }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    guard k >= 1 else { throw RouterError.invalidHyperparameter(router: Self.name, message: "k must be ≥ 1") }
    let features = try data.requireFeatures(Self.name)
    let rows = try data.rowsWithACorrectModel(Self.name)
    let b = data.benchmark
    let scaler = Standardizer(fitting: features, rows: rows)
    modelCount = b.modelCount
    correct = rows.flatMap { i in (0..<b.modelCount).map { b.isCorrect(i, $0) } }
    costs = rows.flatMap { data.costRow($0) }
    index = CosineNeighbors(reference: scaler.transform(features, rows: rows))
    standardizer = scaler
  }

  /// Copeland scores of one query from its neighbours (kept-row indices) and their weights.
  func copelandScores(neighbors: some Collection<Int>, weights: some Collection<Double>) -> [Double] {
    let kk = modelCount
    var score = [Double](repeating: 0, count: kk)
    for (n, w) in zip(neighbors, weights) {
      let base = n * kk
      for m in 0..<kk {
        var beaten = 0
        for other in 0..<kk where other != m {
          let ym = correct[base + m], yb = correct[base + other]
          if (ym && !yb) || (ym == yb && costs[base + m] < costs[base + other]) { beaten += 1 }
        }
        score[m] += w * Double(beaten)
      }
    }
    return score
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let standardizer, let index else { throw RouterError.notFitted(Self.name) }
    let x = standardizer.transform(try inputs.requireFeatures(Self.name, width: standardizer.dimension),
                                   rows: inputs.rows)
    let found = index.search(x, k: k)
    var out = Matrix<Float>(rows: inputs.rows.count, columns: modelCount, repeating: 0)
    for q in 0..<inputs.rows.count {
      let ws = found.distances(of: q).map { distanceWeighted ? 1 / (1e-6 + Double($0)) : 1 }
      let s = copelandScores(neighbors: found.neighbors(of: q), weights: ws)
      for m in 0..<modelCount { out[q, m] = Float(s[m]) }
    }
    return out
  }


}
