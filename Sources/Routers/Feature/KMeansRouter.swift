public import BenchCore
public import Learning

/// "K-means" router — a nearest class-mean (prototype) classifier with cosine similarity (VL-RouterBench §4.3 and
/// App. G.1, after Shnitzer et al. 2023; spec §4.5: no clustering happens, one prototype per model).
///
/// Fused features of training rows with a correct model → z-score (fitted on those rows) → L2-normalise each row
/// (`normalize = true`, the paper's sweep). Prototype k = mean of the rows where model k is correct (a model never
/// correct gets the mean of all rows), L2-normalised. Score of a query = its cosine similarity to each prototype;
/// the harness routes to the highest. Only K dot products per query. λ is not used.
public struct KMeansRouter: Router {
  public static let name = "K-means"
  public static let family = RouterFamily.feature
  public static let needsFeatures = true
  public static let summary = "Nearest class-mean prototype per model (cosine on z-scored, L2-normalised features)."

  public var normalize: Bool
  public private(set) var standardizer: Standardizer?
  /// `K × d` prototypes.
  public private(set) var prototypes: Matrix<Float>?

  public struct Configuration: RouterConfiguration {
    /// L2-normalise the z-scored rows and the prototypes (cosine similarity).
    public var normalize = true
    public init() {}
  }

  public init(configuration c: Configuration) { self.init(normalize: c.normalize) }

  public init(normalize: Bool = true) { self.normalize = normalize }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    let features = try data.requireFeatures(Self.name)
    let rows = try data.rowsWithACorrectModel(Self.name)
    let b = data.benchmark
    let scaler = Standardizer(fitting: features, rows: rows)
    var x = scaler.transform(features, rows: rows)
    if normalize { x.normalizeRows() }
    let d = x.columns, k = b.modelCount
    var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
    var all = [Double](repeating: 0, count: d)
    for (r, i) in rows.enumerated() {
      for j in 0..<d { all[j] += Double(x[r, j]) }
      for m in 0..<k where b.isCorrect(i, m) {
        counts[m] += 1
        for j in 0..<d { sums[m * d + j] += Double(x[r, j]) }
      }
    }
    var proto = Matrix<Float>(rows: k, columns: d, repeating: 0)
    for m in 0..<k {
      let n = counts[m] > 0 ? Double(counts[m]) : Double(rows.count)
      for j in 0..<d { proto[m, j] = Float((counts[m] > 0 ? sums[m * d + j] : all[j]) / n) }
    }
    if normalize { proto.normalizeRows() }
    prototypes = proto
    standardizer = scaler
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let standardizer, let prototypes else { throw RouterError.notFitted(Self.name) }
    var x = standardizer.transform(try inputs.requireFeatures(Self.name, width: standardizer.dimension),
                                   rows: inputs.rows)
    if normalize { x.normalizeRows() }
    return BLAS.matmul(x, prototypes, transposeB: true)
  }


}
