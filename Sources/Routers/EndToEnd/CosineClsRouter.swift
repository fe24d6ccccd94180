public import BenchCore
internal import Learning

/// CosineCls, the cosine classifier (Chen et al., RouterDC, NeurIPS 2024, its "CosineCls" baseline; VL-RouterBench
/// App. G.1; spec §4.8): logits_k = cos(u, m_k)/τ between the pooled query embedding u of the backbone and K
/// learnable model embeddings m_k, τ learnable (initialised at 0.07, the reference's ln(1/0.07) scale), trained
/// with soft cross-entropy on the λ soft labels (λ = ∞: hard cheapest-correct; training rows without a correct
/// model dropped). Backbone: `dual-stream` (the reference's LXMERT encoder).
///
/// Unlike the reference code, which trains CosineCLS with RouterDC's contrastive loss (spec §8.11), this is the
/// plain cosine classifier the name and the RouterDC paper describe; RouterDC adds the contrastive terms.
public struct CosineClsRouter: Router {
  public static let name = "CosineCls"
  public static let family = RouterFamily.endToEnd
  public static let dependsOnLambda = true
  public static let dependsOnSeed = true
  public static let needsFeatures = true
  public static let defaultFeatures: FeatureKey? = EndToEndDefaults.imageTokens
  public static let summary = "Cosine classifier: dual-stream backbone, cos(u, model embedding)/τ (τ learnt), soft CE on λ labels."

  public struct Configuration: TextInputConfiguration {
    public var settings = EndToEndSettings(backbone: .dualStream)
    /// Initial temperature τ of the cosine logits.
    public var temperature = 0.07
    enum CodingKeys: String, CodingKey { case temperature }
    public init() {}
    public init(from decoder: any Decoder) throws {
      settings = try FlatSettingsCoding.decode(decoder, backbone: .dualStream)
      temperature = try decoder.container(keyedBy: CodingKeys.self).decode(Double.self, forKey: .temperature)
    }
    public func encode(to encoder: any Encoder) throws {
      try settings.encode(to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(temperature, forKey: .temperature)
    }
    public var textRequest: TextRequest? { settings.textRequest }
  }

  public let settings: EndToEndSettings
  public let temperature: Double
  private(set) var model: EndToEndModel?

  public init(configuration c: Configuration) throws(RouterError) {
    try c.settings.check(router: Self.name)
    guard c.temperature > 0 else { throw .invalidHyperparameter(router: Self.name, message: "temperature \(c.temperature) must be > 0") }
    settings = c.settings
    temperature = c.temperature
  }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    model = try EndToEndRecipe(router: Self.name, settings: settings, head: .cosine(temperature: temperature),
                               objective: .softCrossEntropy, keepRowsWithoutACorrectModel: false)
      .fit(data, objective: objective, using: &rng)
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    try endToEndScores(model, settings: settings, inputs: inputs, router: Self.name)
  }

  public var fitReport: [String: String] { model?.report ?? [:] }
}
