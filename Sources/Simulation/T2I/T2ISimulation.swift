public import BenchCore
internal import Foundation

/// What the RouteT2I preset simulates (`routerbench simulate --preset t2i`; docs/multimetric.md, "Simulated
/// preset"). `T2ISimulation.generate` is a pure function of this value.
public struct T2ISimulationConfig: Sendable, Hashable, Codable {
  /// Prompts at scale 1: 5,000 (COCO-caption-style prompts).
  public static let baseSamples = 5_000
  /// The number of prompts is round(scale · 5,000), at least 40.
  public var scale: Double
  public var seed: UInt64

  public init(scale: Double = 1, seed: UInt64 = 42) {
    self.scale = scale
    self.seed = seed
  }

  public var sampleCount: Int { max(40, Int((Double(Self.baseSamples) * scale).rounded())) }
}

/// A text-to-image model of the preset with its per-metric mean quality: the "Edge Model" / "Cloud Model" rows of
/// RouteT2I's supplementary Tables 6–22 (every model's row is the same in each table it appears in).
public struct T2IModelProfile: Sendable, Hashable {
  public var info: ModelInfo
  /// The mean of each of the 10 metrics of `T2ISimulation.metrics`, in that order.
  public var means: [Double]
  /// Which table rows give the means (for the docs and errors).
  public var source: String
}

/// The generated preset: prompts, 10 metric values per (prompt, model), text features.
public struct T2ISimulatedData: Sendable {
  public var config: T2ISimulationConfig
  public var models: [T2IModelProfile]
  public var prompts: [String]
  /// quality[m] is N × 10: model m's metric values per prompt.
  public var quality: [Matrix<Double>]
  /// N × 384 text features.
  public var text: Matrix<Float>

  public var sampleCount: Int { prompts.count }
  public func sampleKey(_ i: Int) -> String { "\(T2ISimulation.dataset)/\(i)" }
}

/// RouteT2I's edge/cloud text-to-image setting on the harness: seven T2I models (supplementary Table 2), the ten
/// quality metrics of Table 3, every model's mean per metric exactly the tables' value, and per-prompt variation
/// that makes which model is better depend on the prompt (and be partly predictable from it).
///
/// Prompt i has a latent content z_i ~ N(0, I₈). Model m's value of metric j on prompt i is
///
///     v_imj = μ_mj + s·(0.6·b_j·z_i/√8 + 0.3·d_mj·z_i/√8 + 0.5·u_im + 0.6·ε_imj),   u_im = 0.4·f_m·z_i/√8 + η_im
///
/// with b_j ~ N(0, I) shared by all models (prompts that are hard for a metric are hard for everyone), d_mj ~
/// N(0, I) the model's own strengths (the part of the edge/cloud gap a router can learn from the prompt), u_im a
/// per-image overall quality (the ten metrics of one image correlate),
/// ε and η standard normal noise no router can predict, s = 0.08 (the metrics' per-image spread); then each
/// (model, metric) column is clamped to [0, 1] and shifted so that the clamped column's mean is μ_mj (to 10⁻¹²
/// before the files round to six decimals; `T2IPresetTests` checks 10⁻⁶).
public enum T2ISimulation {
  public static let dataset = "coco-prompts"
  /// Supplementary Table 3's metrics, in the tables' column order.
  public static let metrics = ["definition", "detail", "clarity", "sharpness", "harmony", "realism", "color",
                               "consistency", "layout", "integrity"]
  public static let textWidth = 384
  static let latent = 8
  static let spread = 0.08

  /// The seven models, smallest first (supplementary Table 2), with their Table 6–22 rows.
  public static let models: [T2IModelProfile] = [
    profile("SD1.5", "Stable Diffusion 1.5", 0.86, .edge, "Tables 8, 11, 13, 14, 19 (edge)",
            [0.6035, 0.6615, 0.5912, 0.6454, 0.5944, 0.5444, 0.4659, 0.5149, 0.4945, 0.4730]),
    profile("SD2.1", "Stable Diffusion 2.1", 0.86, .edge, "Tables 9–11, 21 (cloud), 16 (edge)",
            [0.6251, 0.6685, 0.6076, 0.6537, 0.5949, 0.5575, 0.4680, 0.5088, 0.4860, 0.4690]),
    profile("PixArt-alpha", "PixArt-α", 0.6, .cloud, "Tables 16–19, 22 (cloud), 15 (edge)",
            [0.6660, 0.7039, 0.6069, 0.6499, 0.6114, 0.6022, 0.4562, 0.4882, 0.4581, 0.4753]),
    profile("Infinity", "Infinity", 2, .edge, "Tables 20–22 (edge)",
            [0.5329, 0.6810, 0.5577, 0.5817, 0.6222, 0.5817, 0.4587, 0.4926, 0.4766, 0.5009]),
    profile("SDXL", "Stable Diffusion XL", 2.6, .edge, "Tables 7, 10, 12, 17 (edge), 14 (cloud)",
            [0.5900, 0.6564, 0.5645, 0.5832, 0.6042, 0.5660, 0.4622, 0.5282, 0.4866, 0.4892]),
    profile("XL-Refiner", "Stable Diffusion XL-Refiner", nil, .edge, "Tables 6, 9, 18 (edge), 12, 13 (cloud)",
            [0.6083, 0.6584, 0.5835, 0.6013, 0.6086, 0.5773, 0.4701, 0.5195, 0.4824, 0.4850]),
    profile("SD3", "Stable Diffusion 3", 8, .cloud, "Tables 6–8, 15, 20 (cloud)",
            [0.6337, 0.6847, 0.6346, 0.6703, 0.5930, 0.5868, 0.5134, 0.5199, 0.5345, 0.4972]),
  ]

  /// The edge/cloud pairs of the supplementary's Tables 6–22 as CLOUD/EDGE, in table order, then the main
  /// text's SD3/SD2.1.
  public static let pairs: [(table: Int, cloud: String, edge: String)] = [
    (6, "SD3", "XL-Refiner"), (7, "SD3", "SDXL"), (8, "SD3", "SD1.5"), (9, "SD2.1", "XL-Refiner"),
    (10, "SD2.1", "SDXL"), (11, "SD2.1", "SD1.5"), (12, "XL-Refiner", "SDXL"), (13, "XL-Refiner", "SD1.5"),
    (14, "SDXL", "SD1.5"), (15, "SD3", "PixArt-alpha"), (16, "PixArt-alpha", "SD2.1"), (17, "PixArt-alpha", "SDXL"),
    (18, "PixArt-alpha", "XL-Refiner"), (19, "PixArt-alpha", "SD1.5"), (20, "SD3", "Infinity"),
    (21, "SD2.1", "Infinity"), (22, "PixArt-alpha", "Infinity"), (0, "SD3", "SD2.1"),
  ]

  static func profile(_ name: String, _ display: String, _ params: Double?, _ tier: ModelTier, _ source: String,
                      _ means: [Double]) -> T2IModelProfile {
    T2IModelProfile(info: ModelInfo(name: name, displayName: display, paramsB: params, tier: tier), means: means,
                    source: source)
  }

  public static func generate(_ config: T2ISimulationConfig) -> T2ISimulatedData {
    let n = config.sampleCount, m = metrics.count
    let root = SplitMix64(seed: config.seed).derived("t2i-preset")
    var zg = root.derived("latent")
    let z = (0..<n).map { _ in (0..<latent).map { _ in zg.nextGaussian() } }
    let norm = 1 / Double(latent).squareRoot()
    var bg = root.derived("metric-loadings")
    let b = (0..<m).map { _ in (0..<latent).map { _ in bg.nextGaussian() } }
    var quality: [Matrix<Double>] = []
    for (mi, model) in models.enumerated() {
      var g = root.derived("model/" + model.info.name)
      let d = (0..<m).map { _ in (0..<latent).map { _ in g.nextGaussian() } }
      let f = (0..<latent).map { _ in g.nextGaussian() }
      var q = Matrix<Double>(rows: n, columns: m, repeating: 0)
      for i in 0..<n {
        var fz = 0.0
        for l in 0..<latent { fz += f[l] * z[i][l] }
        let u = 0.4 * fz * norm + g.nextGaussian()
        for j in 0..<m {
          var bz = 0.0, dz = 0.0
          for l in 0..<latent {
            bz += b[j][l] * z[i][l]
            dz += d[j][l] * z[i][l]
          }
          q[i, j] = spread * (0.6 * bz * norm + 0.3 * dz * norm + 0.5 * u + 0.6 * g.nextGaussian())
        }
      }
      for j in 0..<m {
        // The shift b with mean(clamp(q + b)) = μ: from the unclamped estimate, Newton steps on the share of
        // unclamped values (none when nothing clamps).
        var raw = 0.0
        for i in 0..<n { raw += q[i, j] }
        var shift = models[mi].means[j] - raw / Double(n)
        for _ in 0..<30 {
          var mean = 0.0, inside = 0
          for i in 0..<n {
            let v = q[i, j] + shift
            mean += min(1, max(0, v))
            if v > 0 && v < 1 { inside += 1 }
          }
          mean /= Double(n)
          let error = models[mi].means[j] - mean
          if abs(error) < 1e-12 || inside == 0 { break }
          shift += error * Double(n) / Double(inside)
        }
        for i in 0..<n { q[i, j] = min(1, max(0, q[i, j] + shift)) }
      }
      quality.append(q)
    }
    var pg = root.derived("prompts")
    let prompts = z.map { prompt($0, using: &pg) }
    var text = Matrix<Float>(rows: n, columns: textWidth, repeating: 0)
    var wg = root.derived("features/text")
    let w = (0..<(textWidth * latent)).map { _ in wg.nextGaussian() }
    for i in 0..<n {
      for c in 0..<textWidth {
        var s = 0.0
        for l in 0..<latent { s += w[c * latent + l] * z[i][l] }
        text[i, c] = Float(tanh(s / 3) + 0.5 * wg.nextGaussian())
      }
    }
    return T2ISimulatedData(config: config, models: models, prompts: prompts, quality: quality, text: text)
  }

  static let subjects = ["dog", "cat", "man", "woman", "child", "horse", "bus", "train", "bicycle", "pizza",
                         "giraffe", "elephant", "clock", "laptop", "boat", "kite"]
  static let adjectives = ["small", "large", "red", "white", "black", "young", "old", "wooden", "colorful", "busy"]
  static let actions = ["sitting on", "standing next to", "walking along", "parked near", "flying over",
                        "lying on", "riding", "looking at"]
  static let places = ["a city street", "a grassy field", "a kitchen counter", "the beach", "a snowy hill",
                       "a wooden table", "a river bank", "a crowded market", "a living room", "an airport runway"]

  /// A COCO-caption-style prompt whose words follow the latent content (so the text carries routing signal).
  static func prompt(_ z: [Double], using g: inout SplitMix64) -> String {
    func pick(_ list: [String], _ a: Double, _ b: Double) -> String {
      let t = 0.5 * (1 + tanh(0.8 * a + 0.4 * b + 0.5 * g.nextGaussian()))
      return list[min(list.count - 1, Int(t * Double(list.count)))]
    }
    var words = "a " + pick(adjectives, z[0], z[1]) + " " + pick(subjects, z[2], z[3]) + " "
      + pick(actions, z[4], z[5]) + " " + pick(places, z[6], z[7])
    if z[0] + z[5] > 1 { words += " at sunset" }
    if z[3] - z[6] > 1.2 { words += ", highly detailed" }
    return words
  }
}
