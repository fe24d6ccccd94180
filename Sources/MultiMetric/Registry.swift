public import EdgeCloud
internal import Learning
public import Routers

/// A type-erased router of the fixed-rate protocol, as `--routers` names it.
public struct QualityRouterVariant: Sendable {
  public var name: String
  public var summary: String
  public var revision: Int
  public var dependsOnSeed: Bool
  public var branches: [RouterBranch]
  public var configurationJSON: String
  /// The prompts' token states it reads (`RouterInputs.prompts`; RouteLLM-BERT), nil for feature-only routers.
  public var textRequest: TextRequest?
  let execute: @Sendable (PairQuality, RouterInputs, QualitySplit, [RoutingRate], UInt64) throws -> QualityRunOutcome

  public static func of<R: QualityRouter>(_ router: R, summary: String) -> QualityRouterVariant {
    QualityRouterVariant(
      name: router.name, summary: summary, revision: router.revision, dependsOnSeed: router.dependsOnSeed,
      branches: router.branches, configurationJSON: router.configurationJSON, textRequest: router.textRequest,
      execute: { data, inputs, split, rates, seed in
        try FixedRateProtocol.run(router, data: data, inputs: inputs, split: split, rates: rates, seed: seed)
      })
  }

  /// Fits and evaluates this router.
  public func run(data: PairQuality, inputs: RouterInputs, split: QualitySplit, rates: [RoutingRate], seed: UInt64)
    throws -> QualityRunOutcome
  {
    try execute(data, inputs, split, rates, seed)
  }
}

/// The routers of `routerbench multimetric run` (docs/multimetric.md, "Routers"), in the supplementary tables' row
/// order, then the harness's learned routers.
public enum QualityRouters {
  public static let kinds = ["Random", "RouteLLM-BERT", "RouteLLM-MF", "HybridLLM", "ZOOTER", "RouteT2I-style", "GBDT",
                             "MLP"]
  /// The rows of Tables 5–22, in their order.
  public static let paper = ["Random", "RouteLLM-BERT", "RouteLLM-MF", "HybridLLM", "ZOOTER", "RouteT2I-style"]

  /// The variants of the named kinds (case-insensitive) or groups `all`, `paper`; neural routers train `epochs`
  /// epochs when given.
  public static func variants(_ names: [String], epochs: Int? = nil) throws -> [QualityRouterVariant] {
    var expanded: [String] = []
    for n in names {
      switch n.lowercased() {
      case "all": expanded += kinds
      case "paper": expanded += paper
      default: expanded.append(n)
      }
    }
    var out: [QualityRouterVariant] = []
    for n in expanded {
      guard let kind = kinds.first(where: { $0.lowercased() == n.lowercased() }) else {
        throw MultiMetricError(.invalidValue, "unknown router '\(n)'; valid: \((kinds + ["all", "paper"]).joined(separator: ", "))")
      }
      guard !out.contains(where: { $0.name == kind }) else { continue }
      out.append(try variant(kind, epochs: epochs))
    }
    return out
  }

  static func variant(_ kind: String, epochs: Int?) throws -> QualityRouterVariant {
    var training = QualityTraining()
    if let epochs { training.epochs = epochs }
    var neural = NeuralTraining()
    neural.epochs = epochs ?? 20
    switch kind {
    case "Random":
      return .of(RandomQualityRouter(), summary: "a seeded uniform score per prompt")
    case "RouteLLM-BERT":
      // Its own epochs (3): `--epochs` sizes the MLP routers' 20-epoch training, not a fine-tuned transformer's.
      return .of(try RouteLLMBERTRouter(),
                 summary: "RouteLLM's BERT classifier: MiniLM-L6 with its top layer fine-tuned, mean pooling, linear head, BCE on G ≤ 0")
    case "RouteLLM-MF":
      var c = MatrixFactorizationRouter.Configuration()
      c.branches = [.text]
      c.training = neural
      return .of(BinaryQualityRouter(try MatrixFactorizationRouter(configuration: c), name: "RouteLLM-MF"),
                 summary: "RouteLLM's matrix factorisation on the prompt's text features, label G ≤ 0")
    case "HybridLLM":
      var c = HybridLLMRouter.Configuration()
      c.training = training
      return .of(try HybridLLMRouter(configuration: c),
                 summary: "classifier of P(edge within t of cloud), probabilistic label over the metrics")
    case "ZOOTER":
      var c = ZooterRouter.Configuration()
      c.training = training
      return .of(try ZooterRouter(configuration: c), summary: "reward distillation: soft target σ(G/T), KL loss")
    case "RouteT2I-style":
      var c = MultiHeadQualityRouter.Configuration()
      c.training = training
      return .of(try MultiHeadQualityRouter(configuration: c),
                 summary: "one regression head per metric, cloud score Σ w·ĝ / Σ w")
    case "GBDT":
      var c = GBDTRouter.Configuration()
      c.branches = [.text, .statistics]
      return .of(BinaryQualityRouter(try GBDTRouter(configuration: c)),
                 summary: "the harness's GBDT (100 trees, depth 5) on the binary label G ≤ 0")
    case "MLP":
      var c = EdgeCloud.MLPRouter.Configuration()
      c.branches = [.text, .statistics]
      c.training = neural
      return .of(BinaryQualityRouter(try EdgeCloud.MLPRouter(configuration: c)),
                 summary: "the harness's MLP (3 × 256 ReLU) on the binary label G ≤ 0")
    default:
      throw MultiMetricError(.invalidValue, "unknown router '\(kind)'")
    }
  }
}
