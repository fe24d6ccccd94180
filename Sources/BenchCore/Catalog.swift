/// A dataset's task group (VL-RouterBench's per-dataset tables A1–A6 use the first three).
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

/// A benchmark's datasets and candidate models with their prices: what an importer recognises in file names and
/// may price without a price file. A preset (such as `VLRouterBenchPreset`) provides one; BenchCore holds none.
public struct BenchmarkCatalog: Sendable, Hashable {
  /// The preset's name (`"vl-routerbench"`), recorded with imports and shown in reports.
  public var name: String
  /// In the preset's order (the order datasets are stored and reported in).
  public var datasets: [DatasetInfo]
  /// In the preset's order. `name` is the VLMEvalKit directory name.
  public var models: [ModelInfo]
  /// Prices by model name; only models of `models` may have one.
  public var prices: [String: TokenPrice]

  public init(name: String, datasets: [DatasetInfo], models: [ModelInfo], prices: [String: TokenPrice]) {
    self.name = name
    self.datasets = datasets
    self.models = models
    self.prices = prices
  }

  /// A catalog that recognises nothing and prices nothing (every dataset, model and price comes from the files).
  public static let empty = BenchmarkCatalog(name: "none", datasets: [], models: [], prices: [:])

  /// Looks up a dataset by VLMEvalKit name.
  public func dataset(named name: String) -> DatasetInfo? { datasets.first { $0.name == name } }

  /// Looks up a model by VLMEvalKit name.
  public func model(named name: String) -> ModelInfo? { models.first { $0.name == name } }
}
