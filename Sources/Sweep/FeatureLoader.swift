public import BenchCore
public import BenchStore

/// Turns a run's feature key ("text+image/normalize-concat") into the fused matrix from the store's feature sets.
public struct FeatureLoader: Sendable {
  public var store: BenchStore

  public init(store: BenchStore) { self.store = store }

  /// The fusions a key may name (VL-RouterBench App. G.2; the trainable ones are chosen inside routers).
  public static let fusions = ["concat", "normalize-concat", "only-text", "only-image"]

  public func load(_ key: String) throws -> Matrix<Float> {
    let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
    let sets = parts[0].split(separator: "+").map(String.init)
    let fusion = parts.count > 1 ? parts[1] : "normalize-concat"
    guard Self.fusions.contains(fusion) else {
      throw SweepError.invalidFeatureKey("unknown fusion '\(fusion)'; one of \(Self.fusions.joined(separator: ", "))")
    }
    let available = try store.featureSetNames()
    for s in sets where !available.contains(s) {
      throw SweepError.invalidFeatureKey("no feature set '\(s)' in the database (stored: \(available.joined(separator: ", ")))")
    }
    var views = try sets.map { try store.loadFeatures(name: $0) }
    switch fusion {
    case "only-text": views = Array(views.prefix(1))
    case "only-image": views = Array(views.suffix(1))
    case "normalize-concat": views = views.map(l2NormalizeRows)
    default: break
    }
    return concatColumns(views)
  }
}

/// Each row scaled to unit L2 norm; all-zero rows stay zero.
public func l2NormalizeRows(_ m: Matrix<Float>) -> Matrix<Float> {
  var out = m
  for i in 0..<m.rows {
    var s: Float = 0
    for j in 0..<m.columns { s += m[i, j] * m[i, j] }
    guard s > 0 else { continue }
    let inv = 1 / s.squareRoot()
    for j in 0..<m.columns { out[i, j] = m[i, j] * inv }
  }
  return out
}

/// Side-by-side concatenation of matrices with the same rows.
public func concatColumns(_ views: [Matrix<Float>]) -> Matrix<Float> {
  guard let first = views.first else { return Matrix(rows: 0, columns: 0, values: []) }
  let cols = views.reduce(0) { $0 + $1.columns }
  var values: [Float] = []
  values.reserveCapacity(first.rows * cols)
  for i in 0..<first.rows { for v in views { values.append(contentsOf: v.row(i)) } }
  return Matrix(rows: first.rows, columns: cols, values: values)
}
