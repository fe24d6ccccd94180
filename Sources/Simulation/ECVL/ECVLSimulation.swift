public import BenchCore
internal import Foundation

/// What the ECVL-Router preset simulates (`routerbench simulate --preset ecvl`; docs/ecvl.md, "Simulated preset").
/// `ECVLSimulation.generate` is a pure function of this value.
public struct ECVLSimulationConfig: Sendable, Hashable, Codable {
  /// Every dataset's size is multiplied by this (at least 20 samples per dataset).
  public var scale: Double
  public var seed: UInt64
  /// Whether to generate the text and image feature views (the scores, latencies and prompts do not depend on it).
  public var features: Bool

  public init(scale: Double = 1, seed: UInt64 = 42, features: Bool = true) {
    self.scale = scale
    self.seed = seed
    self.features = features
  }
}

/// One dataset of the preset: ECVL-Router Table 6 (volume, difficulty) with the latency and length profile of
/// App. A.4 (open-ended and OCR-heavy sets are slow, structured QA is fast).
public struct ECVLDatasetProfile: Sendable, Hashable {
  public var name: String
  /// Samples at scale 1 (Table 6 volumes).
  public var volume: Int
  /// Mean difficulty on the quality logit scale (Table 6: Easy < Medium < Hard; MMStar hardest, ChartQA easiest).
  public var difficulty: Double
  /// Offset of log latency (seconds), shared by all models.
  public var latencyOffset: Double
  /// Typical output tokens.
  public var outputTokens: Double
  /// Typical prompt words.
  public var promptWords: Double
  /// Probability that a prompt word is a number.
  public var numberRate: Double
}

/// A model of the preset with its calibration targets (ECVL-Router Table 1 and 2, MES 6).
public struct ECVLModelProfile: Sendable, Hashable {
  public var info: ModelInfo
  /// Share of samples with judge score ≥ 6 (All-at-this-model APSP at MES 6).
  public var targetAPSP: Double
  /// Mean latency in seconds (All-at-this-model AIL).
  public var targetAIL: Double
  /// Standard deviation of log latency (right skew: the 1B model's median ≈ 0.6 s, P99 ≈ 5.5 s).
  public var logLatencySpread: Double
  /// Output-length factor (larger models answer at more length).
  public var verbosity: Double
}

/// The generated preset: samples, 1–10 judge scores, latencies, token counts and features.
public struct ECVLSimulatedData: Sendable {
  public var config: ECVLSimulationConfig
  public var datasets: [ECVLDatasetProfile]
  public var models: [ECVLModelProfile]
  /// Dataset index per sample, datasets in order, samples in index order.
  public var sampleDataset: [Int]
  /// `sample_id` within its dataset ("0", "1", …).
  public var sampleIndex: [String]
  public var prompts: [String]
  public var images: [String]
  public var inputTokens: [Int]
  /// N × K judge scores (integers 1…10), K in `models` order.
  public var scores: Matrix<Double>
  /// N × K seconds.
  public var latency: Matrix<Double>
  /// N × K output tokens.
  public var outputTokens: Matrix<Int32>
  /// N × 384 "text encoder" features (0 × 384 when the config asks for none).
  public var text: Matrix<Float>
  /// N × 256 "image encoder" features (0 × 256 when the config asks for none).
  public var image: Matrix<Float>

  public var sampleCount: Int { sampleDataset.count }
  /// `<dataset>/<sample_id>`, the stored sample key.
  public func sampleKey(_ i: Int) -> String { datasets[sampleDataset[i]].name + "/" + sampleIndex[i] }
}

/// The ECVL-Router preset: an InternVL 1B / 8B / 38B-style pool on the seven RSD benchmarks (~22.75k samples).
///
/// The model (docs/ecvl.md): sample i of dataset d has latent content z_i ~ N(μ_d, I_8) and difficulty
/// δ_i = δ_d + δ̃_i, δ̃_i ~ N(0, 1); model m's response quality is q_im = b_m + a_m·z_i − δ_i + 0.5·ε_im (ε standard
/// normal, independent per model: the part no router can predict) and its judge score is
/// clamp(round(5.5 + 2.2·q_im), 1, 10), so score ≥ 6 ⇔ q_im ≥ 0; b_m is set so the share of scores ≥ 6 equals the
/// model's Table 1 APSP exactly over all samples. Latency is log-normal, log l_im = c_d + 0.45·u_i + s_m·e_im
/// (u_i leans on difficulty: hard queries take longer for every model), rescaled so the mean equals the Table 2
/// AIL exactly; output tokens share u_i and e_im. Features are noisy random projections of (z_i, δ_i): the
/// image view less noisy than the text view (the paper's finding that images carry the routing signal).
public enum ECVLSimulation {
  public static let datasets: [ECVLDatasetProfile] = [
    ECVLDatasetProfile(name: "WildVision", volume: 500, difficulty: -0.3, latencyOffset: 0.8, outputTokens: 250,
                       promptWords: 25, numberRate: 0.02),
    ECVLDatasetProfile(name: "ChartQA", volume: 2500, difficulty: -0.9, latencyOffset: -0.3, outputTokens: 8,
                       promptWords: 12, numberRate: 0.15),
    ECVLDatasetProfile(name: "GQA", volume: 12_000, difficulty: 0.0, latencyOffset: -0.25, outputTokens: 6,
                       promptWords: 9, numberRate: 0.01),
    ECVLDatasetProfile(name: "VizWiz", volume: 4300, difficulty: 0.1, latencyOffset: 0.0, outputTokens: 10,
                       promptWords: 7, numberRate: 0.02),
    ECVLDatasetProfile(name: "MMVet", volume: 220, difficulty: 0.2, latencyOffset: 0.7, outputTokens: 150,
                       promptWords: 15, numberRate: 0.05),
    ECVLDatasetProfile(name: "MMMU-Pro", volume: 1730, difficulty: 0.9, latencyOffset: 0.6, outputTokens: 120,
                       promptWords: 45, numberRate: 0.08),
    ECVLDatasetProfile(name: "MMStar", volume: 1500, difficulty: 1.1, latencyOffset: 0.2, outputTokens: 40,
                       promptWords: 30, numberRate: 0.04),
  ]

  public static let models: [ECVLModelProfile] = [
    ECVLModelProfile(info: ModelInfo(name: "InternVL2_5-1B", displayName: "InternVL2.5-1B", paramsB: 1, tier: .edge),
                     targetAPSP: 0.456, targetAIL: 0.9359, logLatencySpread: 0.92, verbosity: 1.0),
    ECVLModelProfile(info: ModelInfo(name: "InternVL3-8B", displayName: "InternVL3-8B", paramsB: 8, tier: .edge),
                     targetAPSP: 0.529, targetAIL: 1.6332, logLatencySpread: 0.95, verbosity: 1.1),
    ECVLModelProfile(info: ModelInfo(name: "InternVL3-38B", displayName: "InternVL3-38B", paramsB: 38, tier: .cloud),
                     targetAPSP: 0.549, targetAIL: 7.4391, logLatencySpread: 1.2, verbosity: 1.2),
  ]

  static let latent = 8
  static let abilityScale = 0.05
  static let noise = 0.5
  static let scoreCentre = 5.5
  static let scoreSlope = 2.2
  static let textWidth = 384
  static let imageWidth = 256
  static let textNoise: Float = 2.0
  static let imageNoise: Float = 1.0

  public static func generate(_ config: ECVLSimulationConfig = ECVLSimulationConfig()) -> ECVLSimulatedData {
    precondition(config.scale.isFinite && config.scale > 0, "scale must be a positive number")
    let root = SplitMix64(seed: config.seed)
    let k = models.count, l = latent
    var sizes: [Int] = []
    for d in datasets { sizes.append(max(20, Int((Double(d.volume) * config.scale).rounded()))) }
    let n = sizes.reduce(0, +)

    // Abilities: the two InternVL3 models share most of theirs.
    var g = root.derived("abilities")
    let shared = (0..<l).map { _ in g.nextGaussian() * abilityScale }
    var abilities = [[Double]]()
    for m in 0..<k {
      if m == 0 {
        abilities.append((0..<l).map { _ in g.nextGaussian() * abilityScale })
      } else {
        abilities.append(shared.map { $0 + g.nextGaussian() * abilityScale / 2 })
      }
    }

    var sampleDataset: [Int] = [], sampleIndex: [String] = [], prompts: [String] = [], images: [String] = []
    var inputTokens: [Int] = []
    var z = [Double](), difficulty = [Double](), standardDifficulty = [Double]()
    sampleDataset.reserveCapacity(n)
    z.reserveCapacity(n * l)
    for (d, profile) in datasets.enumerated() {
      var s = root.derived("samples/" + profile.name)
      let mean = (0..<l).map { _ in s.nextGaussian() }
      var words = root.derived("prompts/" + profile.name)
      for i in 0..<sizes[d] {
        for j in 0..<l { z.append(mean[j] + s.nextGaussian()) }
        let dt = s.nextGaussian()
        standardDifficulty.append(dt)
        difficulty.append(profile.difficulty + dt)
        sampleDataset.append(d)
        sampleIndex.append(String(i))
        let count = max(3, Int((profile.promptWords * exp(0.25 * dt + 0.2 * words.nextGaussian())).rounded()))
        let prompt = promptText(words: count, numberRate: profile.numberRate, using: &words)
        prompts.append(prompt)
        images.append("images/\(profile.name)/\(i).jpg")
        inputTokens.append(count + 1 + 256)
      }
    }

    // Quality and judge scores.
    var scores = Matrix<Double>(rows: n, columns: k, repeating: 0)
    for m in 0..<k {
      var e = root.derived("quality/" + models[m].info.name)
      var q = [Double](repeating: 0, count: n)
      for i in 0..<n {
        var dot = 0.0
        for j in 0..<l { dot += abilities[m][j] * z[i * l + j] }
        q[i] = dot - difficulty[i] + noise * e.nextGaussian()
      }
      let shift = calibrationShift(q, share: models[m].targetAPSP)
      for i in 0..<n {
        let s = (scoreCentre + scoreSlope * (q[i] + shift)).rounded(.toNearestOrAwayFromZero)
        scores[i, m] = min(10, max(1, s))
      }
    }

    // Latency and output tokens.
    var latency = Matrix<Double>(rows: n, columns: k, repeating: 0)
    var outputTokens = Matrix<Int32>(rows: n, columns: k, repeating: 0)
    var ug = root.derived("latency/shared")
    let u = (0..<n).map { i in 0.5 * standardDifficulty[i] + 0.75.squareRoot() * ug.nextGaussian() }
    var offsets = datasets.map(\.latencyOffset)
    let meanOffset = zip(offsets, sizes).reduce(0.0) { $0 + $1.0 * Double($1.1) } / Double(n)
    offsets = offsets.map { $0 - meanOffset }
    let offsetVariance = zip(offsets, sizes).reduce(0.0) { $0 + $1.0 * $1.0 * Double($1.1) } / Double(n)
    for m in 0..<k {
      var e = root.derived("latency/" + models[m].info.name)
      let spread = max(0.1, models[m].logLatencySpread * models[m].logLatencySpread - 0.45 * 0.45 - offsetVariance)
        .squareRoot()
      var sum = 0.0
      for i in 0..<n {
        let noise = e.nextGaussian()
        let d = sampleDataset[i]
        let seconds = exp(offsets[d] + 0.45 * u[i] + spread * noise)
        latency[i, m] = seconds
        sum += seconds
        let tokens = datasets[d].outputTokens * models[m].verbosity * exp(0.5 * u[i] + 0.5 * noise)
        outputTokens[i, m] = Int32(max(1, min(4096, tokens.rounded())))
      }
      let factor = models[m].targetAIL / (sum / Double(n))
      for i in 0..<n { latency[i, m] = (latency[i, m] * factor * 10_000).rounded() / 10_000 }
    }

    // Features: noisy random projections of (z, δ).
    let rows = config.features ? n : 0
    var text = Matrix<Float>(rows: rows, columns: textWidth, repeating: 0)
    var image = Matrix<Float>(rows: rows, columns: imageWidth, repeating: 0)
    project(into: &text, noise: textNoise, z: z, difficulty: difficulty, stream: root.derived("features/text"))
    project(into: &image, noise: imageNoise, z: z, difficulty: difficulty, stream: root.derived("features/image"))

    return ECVLSimulatedData(config: config, datasets: datasets, models: models, sampleDataset: sampleDataset,
                             sampleIndex: sampleIndex, prompts: prompts, images: images, inputTokens: inputTokens,
                             scores: scores, latency: latency, outputTokens: outputTokens, text: text, image: image)
  }

  /// The shift b that puts exactly round(share·n) of `q + b` at or above 0: minus the midpoint between the k-th and
  /// (k+1)-th largest values.
  static func calibrationShift(_ q: [Double], share: Double) -> Double {
    let sorted = q.sorted(by: >)
    let want = min(sorted.count, max(0, Int((share * Double(sorted.count)).rounded())))
    if want == 0 { return -(sorted[0] + 1) }
    if want == sorted.count { return -(sorted[sorted.count - 1] - 1) }
    return -(sorted[want - 1] + sorted[want]) / 2
  }

  /// tanh(W·[z; δ] / 3) + noise·N(0, 1), with W ~ N(0, 1) drawn once per view.
  static func project(into m: inout Matrix<Float>, noise: Float, z: [Double], difficulty: [Double],
                      stream: SplitMix64) {
    var g = stream
    let inputs = latent + 1
    let w = (0..<(m.columns * inputs)).map { _ in g.nextGaussian() }
    var h = [Double](repeating: 0, count: inputs)
    for i in 0..<m.rows {
      for j in 0..<latent { h[j] = z[i * latent + j] }
      h[latent] = difficulty[i]
      for c in 0..<m.columns {
        var s = 0.0
        for j in 0..<inputs { s += w[c * inputs + j] * h[j] }
        m[i, c] = Float(tanh(s / 3)) + noise * Float(g.nextGaussian())
      }
    }
  }

  static let vocabulary = [
    "what", "is", "the", "color", "of", "object", "left", "right", "shown", "in", "image", "which", "how", "many",
    "people", "are", "there", "chart", "value", "year", "highest", "lowest", "difference", "between", "bar", "line",
    "table", "text", "sign", "say", "does", "this", "picture", "show", "describe", "scene", "detail", "where",
    "located", "behind", "front", "on", "top", "bottom", "man", "woman", "dog", "car", "building", "tree", "sky",
    "red", "blue", "green", "small", "large", "label", "axis", "percent", "total", "answer", "question", "option",
    "choose", "correct", "following", "figure", "diagram", "explain", "why", "reason", "step", "compute", "area",
  ]

  /// A prompt of `words` words from the vocabulary (some replaced by numbers), ending in a question mark.
  static func promptText(words: Int, numberRate: Double, using g: inout SplitMix64) -> String {
    var out: [String] = []
    out.reserveCapacity(words)
    for _ in 0..<words {
      if g.nextUnit() < numberRate {
        out.append(String(Int(g.next() % 1000)))
      } else {
        out.append(vocabulary[Int(g.next() % UInt64(vocabulary.count))])
      }
    }
    return out.joined(separator: " ") + "?"
  }
}
