public import BenchCore
internal import Learning

/// VLC, the vision–language classification router (VL-RouterBench Sec. 4.3 and App. G.3, after BERT-Router of Ong
/// et al., ICLR 2025; spec §4.10): a classification head (Linear → K) on the pooled output of a vision–language
/// backbone, trained with soft-label cross-entropy under the run's λ (λ = ∞: hard cheapest-correct CE; training
/// rows without a correct model dropped). Backbone: `dual-stream` (LXMERT-style; the paper's choice, Table 4 and
/// App. G.3); `routerbench ablate backbone` runs all four. Shared hyperparameters: `EndToEndSettings`.
public struct VLCRouter: Router {
  public static let name = "VLC"
  public static let family = RouterFamily.endToEnd
  public static let dependsOnLambda = true
  public static let dependsOnSeed = true
  public static let needsFeatures = true
  public static let defaultFeatures: FeatureKey? = EndToEndDefaults.imageTokens
  public static let summary = "Vision–language classifier: dual-stream (LXMERT-style) backbone + linear head, soft CE on λ labels."

  public struct Configuration: TextInputConfiguration {
    public var settings = EndToEndSettings(backbone: .dualStream)
    public init() {}
    public init(from decoder: any Decoder) throws { settings = try FlatSettingsCoding.decode(decoder, backbone: .dualStream) }
    public func encode(to encoder: any Encoder) throws { try settings.encode(to: encoder) }
    public var textRequest: TextRequest? { settings.textRequest }
  }

  public let settings: EndToEndSettings
  private(set) var model: EndToEndModel?

  public init(configuration c: Configuration) throws(RouterError) {
    try c.settings.check(router: Self.name)
    settings = c.settings
  }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    model = try EndToEndRecipe(router: Self.name, settings: settings, head: .linear, objective: .softCrossEntropy,
                               keepRowsWithoutACorrectModel: false).fit(data, objective: objective, using: &rng)
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    try endToEndScores(model, settings: settings, inputs: inputs, router: Self.name)
  }

  public var fitReport: [String: String] { model?.report ?? [:] }
}
