public import BenchCore

/// How a text embedding q (N×d_q) and an image embedding v (N×d_v) become one feature matrix
/// (VL-RouterBench App. G.2, Eq. A20–A26; spec §3.2–3.3).
///
/// The first five are fixed functions (`fuse(text:image:)`); the last three have parameters and are layers of a
/// `Network` that reads the raw concatenation `[q ; v]` (see `Network.Layer`).
public enum FusionMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// `[q ; v]`.
  case concat
  /// Row-wise L2 normalisation of each view (zero rows unchanged), then `[q ; v]`. The default of every
  /// feature-level router in the paper.
  case normalizeConcat = "normalize_concat"
  /// `α·v + (1−α)·q` with a learnable α = σ(a) (a `Network` layer); views truncated to min(d_q, d_v).
  case weightedAverage = "weighted_average"
  case onlyText = "only_text"
  case onlyImage = "only_image"
  /// Gated Multimodal Unit (Arevalo et al. 2017), a `Network` layer.
  case gmu
  /// Multimodal Low-rank Bilinear pooling (Kim et al. 2017), a `Network` layer.
  case mlb

  /// Whether the fusion has parameters (and so must be trained inside a `Network`).
  public var isTrainable: Bool { self == .weightedAverage || self == .gmu || self == .mlb }

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
