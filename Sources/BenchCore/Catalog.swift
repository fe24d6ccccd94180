/// The three task groups of VL-RouterBench's per-dataset tables (Tables A1–A6).
public enum DatasetGroup: String, Sendable, Hashable, Codable, CaseIterable {
  case general = "General"
  case stem = "STEM"
  case chartDoc = "Chart & Doc"
  case other = "Other"
}

/// How a dataset's per-sample correctness is produced (drives import rules and output-token estimates).
public enum AnswerType: String, Sendable, Hashable, Codable {
  case multipleChoice = "multiple_choice"
  case yesNo = "yes_no"
  case openVQA = "open_vqa"
  case math
  case ocr
  case unknown
}

/// A benchmark dataset: its VLMEvalKit name (the key used in file names), a display name and its group.
public struct DatasetInfo: Sendable, Hashable, Codable {
  public var name: String
  public var displayName: String
  public var group: DatasetGroup
  public var answerType: AnswerType

  public init(name: String, displayName: String, group: DatasetGroup, answerType: AnswerType) {
    self.name = name
    self.displayName = displayName
    self.group = group
    self.answerType = answerType
  }
}

/// Where a model runs, for edge/cloud protocols (ECVL-Router, RouteT2I). VL-RouterBench models are all `.cloud`.
public enum ModelTier: String, Sendable, Hashable, Codable { case edge, cloud }

/// A candidate model: its VLMEvalKit directory name (the key), a display name, parameters (billions) if known.
public struct ModelInfo: Sendable, Hashable, Codable {
  public var name: String
  public var displayName: String
  public var paramsB: Double?
  public var tier: ModelTier

  public init(name: String, displayName: String, paramsB: Double? = nil, tier: ModelTier = .cloud) {
    self.name = name
    self.displayName = displayName
    self.paramsB = paramsB
    self.tier = tier
  }
}

/// A price in USD per one million tokens.
public struct TokenPrice: Sendable, Hashable, Codable {
  public var inputPerMillion: Double
  public var outputPerMillion: Double

  public init(inputPerMillion: Double, outputPerMillion: Double) {
    self.inputPerMillion = inputPerMillion
    self.outputPerMillion = outputPerMillion
  }

  /// USD for one request: input tokens × input price + output tokens × output price.
  @inlinable public func cost(inputTokens: Double, outputTokens: Double) -> Double {
    (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000
  }
}

/// The VL-RouterBench preset (Tables 1 and A1–A6 of the paper): 14 datasets in three groups, 17 models with
/// their per-1M-token prices. Figures transcribed from the paper.
public enum VLRouterBenchCatalog {
  public static let presetName = "vl-routerbench"

  /// (VLMEvalKit name, display name, group, answer type, total samples, paper test-split size)
  public static let datasets: [(info: DatasetInfo, total: Int, test: Int)] = [
    (.init(name: "MMBench_DEV_EN_V11", displayName: "MMBench", group: .general, answerType: .multipleChoice), 1085, 217),
    (.init(name: "MMStar", displayName: "MMStar", group: .general, answerType: .multipleChoice), 1505, 301),
    (.init(name: "MMMU_DEV_VAL", displayName: "MMMU", group: .general, answerType: .multipleChoice), 975, 195),
    (.init(name: "RealWorldQA", displayName: "RealWorldQA", group: .general, answerType: .multipleChoice), 730, 146),
    (.init(name: "InfoVQA_VAL", displayName: "InfoVQA", group: .general, answerType: .openVQA), 2990, 598),
    (.init(name: "HallusionBench", displayName: "HallusionBench", group: .general, answerType: .yesNo), 925, 185),
    (.init(name: "MathVista_MINI", displayName: "MathVista", group: .stem, answerType: .math), 965, 193),
    (.init(name: "MathVision_MINI", displayName: "MathVision", group: .stem, answerType: .math), 335, 67),
    (.init(name: "MathVerse_MINI", displayName: "MathVerse", group: .stem, answerType: .math), 3840, 768),
    (.init(name: "AI2D_TEST", displayName: "AI2D", group: .stem, answerType: .multipleChoice), 3180, 636),
    (.init(name: "ChartQA_TEST", displayName: "ChartQA", group: .chartDoc, answerType: .openVQA), 2500, 500),
    (.init(name: "DocVQA_VAL", displayName: "DocVQA", group: .chartDoc, answerType: .openVQA), 5225, 1045),
    (.init(name: "TextVQA_VAL", displayName: "TextVQA", group: .chartDoc, answerType: .openVQA), 5220, 1044),
    (.init(name: "OCRBench", displayName: "OCRBench", group: .chartDoc, answerType: .ocr), 1065, 213),
  ]

  /// (model, price) in the paper's Table 1 order (cheapest first). `name` is the VLMEvalKit directory name.
  public static let models: [(info: ModelInfo, price: TokenPrice)] = [
    (.init(name: "Janus-Pro-1B", displayName: "Janus-Pro-1B", paramsB: 1.0), .init(inputPerMillion: 0.05, outputPerMillion: 0.05)),
    (.init(name: "deepseek_vl2_tiny", displayName: "DeepSeek-VL2-Tiny", paramsB: 27.0), .init(inputPerMillion: 0.05, outputPerMillion: 0.05)),
    (.init(name: "SmolVLM2", displayName: "SmolVLM2", paramsB: 2.2), .init(inputPerMillion: 0.06, outputPerMillion: 0.06)),
    (.init(name: "Kimi-VL-A3B-Thinking-2506", displayName: "Kimi-VL-A3B-Thinking-2506", paramsB: 16.0), .init(inputPerMillion: 0.20, outputPerMillion: 0.25)),
    (.init(name: "Phi-3.5-Vision", displayName: "Phi-3.5-Vision", paramsB: 4.2), .init(inputPerMillion: 0.10, outputPerMillion: 0.10)),
    (.init(name: "deepseek_vl2", displayName: "DeepSeek-VL2", paramsB: 27.0), .init(inputPerMillion: 0.35, outputPerMillion: 0.50)),
    (.init(name: "Janus-Pro-7B", displayName: "Janus-Pro-7B", paramsB: 7.0), .init(inputPerMillion: 0.18, outputPerMillion: 0.25)),
    (.init(name: "MiMo-VL-7B-RL", displayName: "MiMo-VL-7B-RL", paramsB: 7.0), .init(inputPerMillion: 0.20, outputPerMillion: 0.30)),
    (.init(name: "llava_next_vicuna_7b", displayName: "LLaVA-Next-Vicuna-7B", paramsB: 7.0), .init(inputPerMillion: 0.20, outputPerMillion: 0.20)),
    (.init(name: "Qianfan-VL-8B", displayName: "Qianfan-VL-8B", paramsB: 8.0), .init(inputPerMillion: 0.18, outputPerMillion: 0.25)),
    (.init(name: "Pixtral-12B", displayName: "Pixtral-12B", paramsB: 12.0), .init(inputPerMillion: 0.25, outputPerMillion: 0.35)),
    (.init(name: "Gemma3-27B", displayName: "Gemma3-27B", paramsB: 27.0), .init(inputPerMillion: 0.35, outputPerMillion: 0.50)),
    (.init(name: "Qwen2.5-VL-32B-Instruct", displayName: "Qwen2.5-VL-32B-Instruct", paramsB: 32.0), .init(inputPerMillion: 0.40, outputPerMillion: 0.60)),
    (.init(name: "Qwen2.5-VL-72B-Instruct", displayName: "Qwen2.5-VL-72B-Instruct", paramsB: 72.0), .init(inputPerMillion: 0.80, outputPerMillion: 1.20)),
    (.init(name: "InternVL2_5-78B", displayName: "InternVL2.5-78B", paramsB: 78.0), .init(inputPerMillion: 1.00, outputPerMillion: 1.50)),
    (.init(name: "GeminiFlash2-5", displayName: "Gemini-Flash-2.5"), .init(inputPerMillion: 0.30, outputPerMillion: 2.40)),
    (.init(name: "GPT4o", displayName: "GPT-4o"), .init(inputPerMillion: 2.50, outputPerMillion: 10.00)),
  ]

  /// Looks up a dataset by VLMEvalKit name.
  public static func dataset(named name: String) -> DatasetInfo? {
    datasets.first { $0.info.name == name }?.info
  }

  /// Looks up a model by VLMEvalKit name.
  public static func model(named name: String) -> ModelInfo? {
    models.first { $0.info.name == name }?.info
  }
}
