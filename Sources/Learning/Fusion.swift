public import BenchCore

/// The fixed rules of `FusionMethod` (declared in BenchCore, so run identities can name it without Learning).
extension FusionMethod {
  /// Fuses two aligned views with a fixed rule. Trainable methods return the raw concatenation `[q ; v]`, which
  /// their `Network` layer splits again.
  public func fuse(text: Matrix<Float>, image: Matrix<Float>) -> Matrix<Float> {
    precondition(text.rows == image.rows, "fusion: \(text.rows) text rows, \(image.rows) image rows")
    switch self {
    case .concat, .weightedAverage, .gmu, .mlb: return Self.concatenate(text, image)
    case .normalizeConcat: return Self.concatenate(text.rowNormalized(), image.rowNormalized())
    case .onlyText: return text
    case .onlyImage: return image
    }
  }

  /// Row-wise concatenation `[a ; b]`.
  public static func concatenate(_ a: Matrix<Float>, _ b: Matrix<Float>) -> Matrix<Float> {
    precondition(a.rows == b.rows)
    let d = a.columns + b.columns
    var out = [Float]()
    out.reserveCapacity(a.rows * d)
    for i in 0..<a.rows {
      out.append(contentsOf: a.row(i))
      out.append(contentsOf: b.row(i))
    }
    return Matrix(rows: a.rows, columns: d, values: out)
  }
}
