public import BenchCore
internal import Learning

/// ZOOTER, reward-guided routing (Lu et al., "Routing to the Expert", NAACL 2024; VL-RouterBench App. G.1; spec
/// §4.9): a classification head on a transformer encoder, trained to match the normalised rewards — here the λ soft
/// labels — with KL(t ‖ softmax(z)) (`F.kl_div(…, "batchmean")`); λ = ∞ gives the one-hot cheapest-correct target,
/// whose KL is the hard cross-entropy. As in the reference, training rows without a correct model are **kept**,
/// labelled with the cheapest model (the only trainable router that does).
///
/// Backbone: `text` by default. ZOOTER is a text router (mDeBERTa over the query), and the reference's ZOOTER in
/// effect routes on text only (its image lookup fails and every image is the black fallback, spec §4.9 and §8.8);
/// `backbone: dual-stream` gives it the VLC backbone.
public struct ZooterRouter: Router {
  public static let name = "ZOOTER"
  public static let family = RouterFamily.endToEnd
  public static let dependsOnLambda = true
  public static let dependsOnSeed = true
  public static let needsFeatures = true
  public static let defaultFeatures: FeatureKey? = EndToEndDefaults.imageTokens
  public static let summary = "ZOOTER: text transformer + linear head distilling the λ soft labels by KL (rows without a correct model kept)."

  public struct Configuration: TextInputConfiguration {
    public var settings = EndToEndSettings(backbone: .text)
    public init() {}
    public init(from decoder: any Decoder) throws { settings = try FlatSettingsCoding.decode(decoder, backbone: .text) }
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
    model = try EndToEndRecipe(router: Self.name, settings: settings, head: .linear, objective: .klDivergence,
                               keepRowsWithoutACorrectModel: true).fit(data, objective: objective, using: &rng)
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    try endToEndScores(model, settings: settings, inputs: inputs, router: Self.name)
  }

  public var fitReport: [String: String] { model?.report ?? [:] }
}
