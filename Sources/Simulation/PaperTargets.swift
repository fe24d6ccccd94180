/// Accuracy (%) and cost (USD per 10K samples) of the three baselines on one dataset, as reported by the paper.
public struct BaselineFigures: Sendable, Hashable, Codable {
  public var oracle: Double
  public var strongest: Double
  public var cheapest: Double
  public var oracleCost: Double
  public var strongestCost: Double
  public var cheapestCost: Double

  public init(oracle: Double, strongest: Double, cheapest: Double, oracleCost: Double, strongestCost: Double,
              cheapestCost: Double) {
    self.oracle = oracle
    self.strongest = strongest
    self.cheapest = cheapest
    self.oracleCost = oracleCost
    self.strongestCost = strongestCost
    self.cheapestCost = cheapestCost
  }
}

/// The calibration targets of the `vl-routerbench` preset: VL-RouterBench Table A1 at λ = 0 (test split, baselines
/// Oracle / Strongest / Cheapest), transcribed from the paper so the simulator runs without the reference folder.
public enum VLRouterBenchTargets {
  /// Keyed by VLMEvalKit dataset name.
  public static let perDataset: [String: BaselineFigures] = [
    "MMBench_DEV_EN_V11": .init(oracle: 98.16, strongest: 89.86, cheapest: 69.59, oracleCost: 0.24, strongestCost: 2.22, cheapestCost: 0.13),
    "MMStar": .init(oracle: 96.68, strongest: 72.76, cheapest: 49.17, oracleCost: 0.36, strongestCost: 2.29, cheapestCost: 0.14),
    "MMMU_DEV_VAL": .init(oracle: 98.46, strongest: 74.36, cheapest: 45.64, oracleCost: 0.64, strongestCost: 3.24, cheapestCost: 0.17),
    "RealWorldQA": .init(oracle: 99.32, strongest: 77.4, cheapest: 67.12, oracleCost: 0.22, strongestCost: 2.2, cheapestCost: 0.13),
    "InfoVQA_VAL": .init(oracle: 96.49, strongest: 83.28, cheapest: 53.68, oracleCost: 0.37, strongestCost: 2.19, cheapestCost: 0.14),
    "HallusionBench": .init(oracle: 99.46, strongest: 71.89, cheapest: 57.84, oracleCost: 0.23, strongestCost: 2.97, cheapestCost: 0.14),
    "MathVista_MINI": .init(oracle: 95.85, strongest: 75.13, cheapest: 51.3, oracleCost: 0.36, strongestCost: 5.0, cheapestCost: 0.16),
    "MathVision_MINI": .init(oracle: 89.55, strongest: 38.81, cheapest: 13.43, oracleCost: 1.77, strongestCost: 8.16, cheapestCost: 0.17),
    "MathVerse_MINI": .init(oracle: 90.36, strongest: 49.74, cheapest: 23.05, oracleCost: 1.06, strongestCost: 4.67, cheapestCost: 0.18),
    "AI2D_TEST": .init(oracle: 99.69, strongest: 88.21, cheapest: 72.33, oracleCost: 0.24, strongestCost: 2.19, cheapestCost: 0.13),
    "ChartQA_TEST": .init(oracle: 97.8, strongest: 86.2, cheapest: 81.0, oracleCost: 0.21, strongestCost: 2.19, cheapestCost: 0.14),
    "DocVQA_VAL": .init(oracle: 98.56, strongest: 91.48, cheapest: 78.95, oracleCost: 0.18, strongestCost: 2.18, cheapestCost: 0.14),
    "TextVQA_VAL": .init(oracle: 89.46, strongest: 73.85, cheapest: 72.13, oracleCost: 0.18, strongestCost: 2.15, cheapestCost: 0.13),
    "OCRBench": .init(oracle: 99.06, strongest: 89.2, cheapest: 80.28, oracleCost: 0.23, strongestCost: 2.41, cheapestCost: 0.14),
  ]

  /// The "All Datasets" row (sample-weighted over the test split).
  public static let allDatasets = BaselineFigures(oracle: 95.6, strongest: 78.01, cheapest: 62.43, oracleCost: 0.37,
                                                  strongestCost: 2.72, cheapestCost: 0.14)

  /// The model the paper's Strongest baseline picks, and the models its Cheapest baseline may pick ($0.05/M).
  public static let strongestModel = "Qwen2.5-VL-72B-Instruct"
  public static let cheapestModels: Set<String> = ["Janus-Pro-1B", "deepseek_vl2_tiny"]
  /// The most expensive single model (Rank Score's c_max ≈ 10.7 USD per 10K samples).
  public static let mostExpensiveModel = "GPT4o"
  public static let mostExpensiveCost = 10.7
}
