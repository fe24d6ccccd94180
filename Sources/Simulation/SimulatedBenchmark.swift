public import BenchCore

/// The benchmarks the simulator knows how to imitate.
public enum SimulationPreset: String, Sendable, Hashable, Codable, CaseIterable {
  /// VL-RouterBench: 14 datasets (30,540 samples at scale 1), 17 models, calibrated to the paper's Table A1.
  case vlRouterBench = "vl-routerbench"
}

/// What to simulate. `simulate(_:)` is a pure function of this value.
public struct SimulationConfig: Sendable, Hashable, Codable {
  public var preset: SimulationPreset
  /// Every dataset's size is multiplied by this (at least 5 samples per dataset).
  public var scale: Double
  /// Seeds every random draw of the generator.
  public var seed: UInt64
  /// The split the calibration targets refer to: `StratifiedSplit.make(…, seed: splitSeed)` with 7:1:2 ratios
  /// (the importer's default split seed is 42, like the paper protocol's default).
  public var splitSeed: UInt64

  public init(preset: SimulationPreset = .vlRouterBench, scale: Double = 1, seed: UInt64 = 42, splitSeed: UInt64 = 42) {
    self.preset = preset
    self.scale = scale
    self.seed = seed
    self.splitSeed = splitSeed
  }
}

/// One simulated sample (a row of a dataset TSV) with the latent factors it was generated from.
public struct SimulatedSample: Sendable, Hashable {
  /// Index into `SimulatedBenchmark.datasets`.
  public var dataset: Int
  /// The TSV `index`: an integer as text, or a HallusionBench id such as `VD_illusion_1_0_0_0`.
  public var index: String
  public var question: String
  /// Option texts for `A`, `B`, … (empty when the dataset has no option columns).
  public var options: [String]
  /// The TSV `answer` field as written (a letter, `Yes`/`No`, a Python-list string, a word).
  public var answer: String
  /// The answers that count as correct, unquoted (one for most datasets; TextVQA lists ten human answers).
  public var acceptedAnswers: [String]
  /// Wrong answers a model may give (option letters, the other yes/no word, other words or numbers).
  public var distractors: [String]
  public var category: String
  /// Latent factors z_i (dataset mean included), `Profiles.latentDimension` values.
  public var latent: [Float]
  /// Standardised difficulty δ̃_i (the logit-scale difficulty is δ̃_i times the dataset's spread).
  public var difficulty: Float
  /// A few random bytes standing in for the image (written base64 in the `image` column).
  public var image: [UInt8]
  /// Tokens of `question` (one per word) plus 256 for the image.
  public var inputTokens: Int32
}

/// A model's answer to a sample: what it gave, in a form the writer turns into every judged column.
public enum SimulatedResponse: Sendable, Hashable {
  /// The first accepted answer (correct).
  case accepted
  /// `distractors[k]` of the sample (wrong; for DocVQA/InfoVQA possibly partial credit).
  case distractor(Int)
  /// No answer at all (HallusionBench: neither "yes" nor "no", extracted as `Unknown`).
  case evasive
}

/// Dense feature matrices standing in for frozen encoders (row order = `SimulatedBenchmark.samples`).
public struct SimulatedFeatures: Sendable, Hashable {
  /// N × 384 "text encoder" view.
  public var text: NumpyArray
  /// N × 256 "image encoder" view.
  public var image: NumpyArray
  /// N × 16 × 32 "image patch" grid (16 patches of 32 values) for end-to-end routers.
  public var patches: NumpyArray
}

/// What the calibration settled on, per dataset (in `datasets` order).
public struct CalibrationSummary: Sendable, Hashable, Codable {
  /// The difficulty spread σ_d (logit scale) found by bisection so the test split's Oracle matches the paper.
  public var difficultySpread: [Double]
  /// Target accuracy per dataset × model (fractions), met exactly (to rounding) on train, dev and test.
  public var targetAccuracy: [[Double]]
  /// Samples of the test split that no model answers correctly: target and achieved, per dataset.
  public var targetUnsolved: [Int]
  public var achievedUnsolved: [Int]
}

/// A simulated benchmark in memory: samples, every model's answer to every sample, tokens and features.
public struct SimulatedBenchmark: Sendable {
  public var config: SimulationConfig
  public var datasets: [DatasetInfo]
  public var models: [ModelInfo]
  /// Prices in `models` order.
  public var prices: [TokenPrice]
  /// All samples, dataset by dataset (in `datasets` order), each dataset in index order.
  public var samples: [SimulatedSample]
  /// Row range of each dataset in `samples`.
  public var datasetRows: [Range<Int>]
  /// N × K score in [0, 1]: 1 = correct; DocVQA/InfoVQA wrong answers may carry partial ANLS credit.
  public var quality: Matrix<Float>
  /// N × K output tokens (= tokens of the rendered prediction).
  public var outputTokens: Matrix<Int32>
  /// N × K answers, row-major like the matrices.
  public var responses: [SimulatedResponse]
  /// Model abilities a_m (K × L, row-major).
  public var abilities: [Double]
  public var features: SimulatedFeatures
  public var calibration: CalibrationSummary
  /// Base seed of the per-(sample, model) text streams.
  var textSeed: UInt64

  public var sampleCount: Int { samples.count }
  public var modelCount: Int { models.count }

  /// `<dataset>/<index>` of a row, as in `features/sample_ids.txt` and the importer's sample ids.
  public func sampleID(_ row: Int) -> String { datasets[samples[row].dataset].name + "/" + samples[row].index }

  public func response(row: Int, model: Int) -> SimulatedResponse { responses[row * models.count + model] }

  /// Whether model `m` answered row `i` exactly right (score 1).
  public func isCorrect(row: Int, model: Int) -> Bool { quality[row, model] >= 1 }

  /// USD for one (sample, model): input tokens × input price + output tokens × output price.
  public func cost(row: Int, model: Int) -> Double {
    prices[model].cost(inputTokens: Double(samples[row].inputTokens), outputTokens: Double(outputTokens[row, model]))
  }

  /// The split the calibration refers to (`StratifiedSplit`, 7:1:2, `config.splitSeed`).
  public func splits() -> [SplitName: [Int]] {
    StratifiedSplit.make(sampleDataset: samples.map { Int32($0.dataset) }, datasetNames: datasets.map(\.name),
                         seed: config.splitSeed)
  }

  /// The BenchCore view: quality, cost (USD from tokens × prices), input tokens and the calibrated split.
  public func benchmark() -> Benchmark {
    let k = models.count
    var cost = Matrix<Double>(rows: samples.count, columns: k, repeating: 0)
    for i in samples.indices { for m in 0..<k { cost[i, m] = self.cost(row: i, model: m) } }
    return Benchmark(name: "simulated-" + config.preset.rawValue, datasets: datasets, models: models,
                     sampleIDs: samples.indices.map(sampleID), sampleDataset: samples.map { Int32($0.dataset) },
                     inputTokens: samples.map(\.inputTokens), quality: quality, cost: cost, splits: splits())
  }
}
